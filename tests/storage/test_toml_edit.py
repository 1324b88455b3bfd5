"""Edits on the file's document: every kind lands in the file as it did in the model, whether the
document is whole (tomlkit) or cut into chunks (`SegmentedDocument`), and an applied edit's
inverse gives back the file's data exactly (undo is built on this), but for an `items` array
an insert had to create: it stays, empty, which means the same roadmap."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
import tomlkit
from edit_cases import (
    DEFAULT,
    SAME_TITLES,
    at,
    default_roadmap,
    every_kind,
    imported_roadmap,
    phase_put_first,
    same_title_edits,
    same_titles_roadmap,
)

from roadmap_tui.core import edits
from roadmap_tui.core.edits import AppendEntry, InsertEntry, ItemData, RemoveEntry
from roadmap_tui.core.model import Roadmap
from roadmap_tui.formats.markdown_import import import_markdown
from roadmap_tui.storage import toml_edit
from roadmap_tui.storage.schema import build_roadmap
from roadmap_tui.storage.segmented import SegmentedDocument


def default_text() -> str:
    return DEFAULT.read_text(encoding="utf-8")


def imported_text() -> str:
    from conftest import TEMPLATE

    return import_markdown(TEMPLATE.read_bytes(), TEMPLATE).toml_text


CASES = [(default_text, default_roadmap), (imported_text, imported_roadmap)]


def model_of(text: str) -> Any:
    """What the model built from `text` holds, to compare a document with a model."""
    roadmap = build_roadmap(tomllib.loads(text), "again")
    return [(i.text, i.done, i.text_fill, i.md) for i in roadmap.walk_items()], [
        (n.title, n.title_fill) for n in roadmap.walk_nodes()
    ]


def data(text: str) -> Any:
    """The file's data, without empty `items` arrays."""

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if not (k == "items" and v == [])}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    return clean(tomllib.loads(text))


def of_model(roadmap: Roadmap) -> Any:
    return [(i.text, i.done, i.text_fill, i.md) for i in roadmap.walk_items()], [
        (n.title, n.title_fill) for n in roadmap.walk_nodes()
    ]


@pytest.mark.parametrize("text_of,roadmap_of", CASES, ids=["default", "imported"])
def test_every_kind_and_its_inverse_on_both_documents(text_of: Any, roadmap_of: Any) -> None:
    text = text_of()
    original = data(text)
    for edit in every_kind(roadmap_of()):
        roadmap = roadmap_of()
        chunked, whole = SegmentedDocument(text), tomlkit.parse(text)
        applied = edits.apply(roadmap, edit)
        assert applied is not None
        assert chunked.apply(edit) and toml_edit.apply(whole, edit), edit
        chunked.verify()
        assert model_of(chunked.as_string()) == model_of(whole.as_string()) == of_model(roadmap), edit
        undo = applied.inverse()
        assert chunked.apply(undo) and toml_edit.apply(whole, undo), undo
        chunked.verify()
        assert data(chunked.as_string()) == original, edit
        assert data(whole.as_string()) == original, edit


@pytest.mark.parametrize("case", list(same_title_edits()))
def test_an_edit_found_by_titles_lands_on_its_kind_of_table(case: str) -> None:
    """A section and an item share a title, and another program put a phase first (the key path
    leads elsewhere): the edit changes the table its key path's last steps name, and nothing else,
    in a whole document and in a cut one, as in the model."""
    edit = same_title_edits()[case]
    fresh = tomlkit.parse(SAME_TITLES)
    assert toml_edit.apply(fresh, edit)  # at its key path: the right table
    assert data(fresh.as_string()) != data(SAME_TITLES)
    expected = data(phase_put_first(fresh.as_string()))
    moved = phase_put_first(SAME_TITLES)
    whole, chunked = tomlkit.parse(moved), SegmentedDocument(moved)
    assert toml_edit.apply(whole, edit) and chunked.apply(edit)
    assert data(whole.as_string()) == data(chunked.as_string()) == expected
    roadmap = same_titles_roadmap(moved)
    assert edits.apply(roadmap, edit) is not None
    assert model_of(whole.as_string()) == of_model(roadmap)


def test_an_entry_put_back_between_inline_tables_keeps_the_layout() -> None:
    text = (
        'schema = 2\ntitle = "T"\n\n[[phases]]\ntitle = "P"\n'
        'items = [\n  { text = "a", done = false },\n  { text = "b", done = true },\n]\n'
    )
    chunked = SegmentedDocument(text)
    roadmap = build_roadmap(tomllib.loads(text), "t")
    removed = edits.apply(roadmap, RemoveEntry(*at(roadmap.phases[0].items[0])))
    assert removed is not None
    assert chunked.apply(RemoveEntry(("phases", 0, "items", 0), ("P", "a")))
    assert chunked.apply(removed.inverse())
    assert chunked.as_string() == text
    assert chunked.full_parses == 0


def test_an_entry_with_children_goes_into_an_array_of_tables_as_a_table() -> None:
    text = 'schema = 2\ntitle = "T"\n\n[[phases]]\ntitle = "P"\n\n[[phases.items]]\ntext = "a"\ndone = false\n'
    chunked = SegmentedDocument(text)
    data = ItemData("topic", False, "", "- [ ] topic\n", (ItemData("one", True), ItemData("two _[x]_", None, "y")))
    assert chunked.apply(InsertEntry(("phases", 0), ("P",), index=0, entry=data))
    chunked.verify()
    items = tomllib.loads(chunked.as_string())["phases"][0]["items"]
    assert items[0] == {
        "text": "topic",
        "done": False,
        "md": "- [ ] topic\n",
        "items": [{"text": "one", "done": True}, {"text": "two _[x]_", "text_fill": "y"}],
    }
    assert items[1] == {"text": "a", "done": False}
    assert "[[phases.items]]\ntext = \"topic\"" in chunked.as_string()


def test_append_is_an_insert_at_the_end() -> None:
    text = default_text()
    roadmap = default_roadmap()
    node = roadmap.phases[-1]
    one, two = SegmentedDocument(text), SegmentedDocument(text)
    assert one.apply(AppendEntry(*at(node), text="Book"))
    assert two.apply(InsertEntry(*at(node), index=len(node.items), entry=ItemData("Book")))
    assert one.as_string() == two.as_string()
