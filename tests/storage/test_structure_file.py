"""Structure edits made in the file (`storage/toml_structure.py`, through the saver's
`SegmentedDocument` and a whole tomlkit document alike): the file says what the model says,
untouched tables and comments stay byte-identical, a moved table keeps its unknown keys, and the
inverse gives the file back byte for byte."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from conftest import REPO
from edit_cases import default_roadmap
from structure_cases import NAMES, structure_cases

from roadmap_tui.core import edits
from roadmap_tui.core import structure_edits as se
from roadmap_tui.core.model import Roadmap
from roadmap_tui.storage import toml_edit, toml_structure
from roadmap_tui.storage.schema import build_roadmap
from roadmap_tui.storage.segmented import SegmentedDocument

DEFAULT = REPO / "data" / "default_roadmap.toml"


def shape(roadmap: Roadmap) -> Any:
    """The structure and text of a roadmap: what a structure edit changes."""

    def item(i: Any) -> Any:
        return (i.text, i.done, [item(c) for c in i.items])

    def node(n: Any) -> Any:
        return (n.title, n.level, [item(i) for i in n.items], [node(s) for s in n.sections])

    return [node(p) for p in roadmap.phases]


def shape_of(text: str) -> Any:
    return shape(build_roadmap(tomllib.loads(text), "again"))


@pytest.fixture
def roadmap_file(tmp_path: Path) -> Path:
    path = tmp_path / "roadmap.toml"
    shutil.copy(DEFAULT, path)
    return path


@pytest.mark.parametrize("name", NAMES)
def test_each_edit_makes_the_file_say_what_the_model_says_and_its_inverse_gives_the_bytes_back(
    roadmap_file: Path, name: str
) -> None:
    text = roadmap_file.read_text(encoding="utf-8")
    roadmap = default_roadmap()
    applied = edits.apply(roadmap, structure_cases(roadmap)[name])
    assert applied is not None
    chunked, whole, stash = SegmentedDocument(text), tomlkit.parse(text), {}
    assert chunked.apply(applied) and toml_structure.apply(whole, applied, stash)
    chunked.verify()
    assert shape_of(chunked.as_string()) == shape_of(whole.as_string()) == shape(roadmap), name
    undo = applied.inverse()
    assert chunked.apply(undo) and toml_structure.apply(whole, undo, stash)
    chunked.verify()
    assert chunked.as_string() == text, name
    assert whole.as_string() == text, name
    # and again (a redo), then back: still the same bytes
    assert edits.apply(roadmap, undo) is not None
    assert chunked.apply(applied) and chunked.apply(undo)
    assert chunked.as_string() == text


COMMENTED = '''schema = 3
title = "Commented"

[[phases]]
title = "Part"

[[phases.sections]]
title = "Section"

[[phases.sections.items]]
text = "First"
done = false
mine = "a key of my own"  # and a comment on it
items = [
  { text = "a", done = false, colour = "red" },  # a comment after an inline item
  { text = "b", done = false },
]

[[phases.sections.items]]
# a comment inside Second
text = "Second"
done = false
items = [
  { text = "c", done = false },
]

[[phases.sections.items]]
text = "Third"
done = false
'''


def test_a_moved_table_keeps_its_unknown_keys_and_comments_and_the_others_stay_as_they_were() -> None:
    roadmap = build_roadmap(tomllib.loads(COMMENTED), "c")
    first = roadmap.phases[0].sections[0].items[0]
    doc = SegmentedDocument(COMMENTED)
    edit = se.move_among(first, +1)
    applied = edits.apply(roadmap, edit)  # type: ignore[arg-type]
    assert applied is not None and doc.apply(applied)
    out = doc.as_string()
    second = out.index('text = "Second"')
    moved = out.index('text = "First"')
    assert second < moved
    assert 'mine = "a key of my own"  # and a comment on it' in out
    assert '{ text = "a", done = false, colour = "red" },  # a comment after an inline item' in out
    assert "# a comment inside Second\ntext = \"Second\"" in out
    assert out.count("[[phases.sections.items]]") == 3
    assert doc.apply(applied.inverse()) and doc.as_string() == COMMENTED


def test_an_indented_table_made_inline_keeps_its_keys_and_comes_back_whole() -> None:
    roadmap = build_roadmap(tomllib.loads(COMMENTED), "c")
    second = roadmap.phases[0].sections[0].items[1]
    doc = SegmentedDocument(COMMENTED)
    applied = edits.apply(roadmap, se.indent(second))  # type: ignore[arg-type]
    assert applied is not None and doc.apply(applied)
    data = tomllib.loads(doc.as_string())
    first = data["phases"][0]["sections"][0]["items"][0]
    assert first["mine"] == "a key of my own"
    assert first["items"][-1]["text"] == "Second" and first["items"][-1]["items"] == [{"text": "c", "done": False}]
    assert doc.apply(applied.inverse()) and doc.as_string() == COMMENTED


def test_a_new_topic_with_items_goes_in_as_a_table_in_the_saver_and_the_store(roadmap_file: Path) -> None:
    from roadmap_tui.storage.store import RoadmapStore

    store = RoadmapStore(roadmap_file)
    store.load()
    node = store.roadmap.phases[1].sections[0]  # type: ignore[union-attr]
    assert node.title == "Deep Learning"
    topic = store.add_after(node.items[0], "Transformers from scratch")
    for text in ("Attention", "Positional encoding", "Training loop"):
        store.add_child(topic, text) if not topic.items else store.add_after(topic.items[-1], text)
    store.move(topic, -1)
    assert store.flush(10)
    text = roadmap_file.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    first = data["phases"][1]["sections"][0]["items"][0]
    assert first["text"] == "Transformers from scratch"
    assert [i["text"] for i in first["items"]] == ["Attention", "Positional encoding", "Training loop"]
    assert all(i["done"] is False for i in first["items"])
    assert text.count("[[phases.sections.items]]") == DEFAULT.read_text(encoding="utf-8").count(
        "[[phases.sections.items]]"
    ) + 1
    store.close()


def test_whole_document_apply_dispatches_structure_edits() -> None:
    roadmap = default_roadmap()
    doc = tomlkit.parse(DEFAULT.read_text(encoding="utf-8"))
    applied = edits.apply(roadmap, structure_cases(roadmap)["move a part down"])
    assert applied is not None and toml_edit.apply(doc, applied)
    assert tomllib.loads(doc.as_string())["phases"][0]["title"] == roadmap.phases[0].title


def test_an_item_moved_among_inline_items_changes_one_chunk_without_a_whole_file_parse() -> None:
    text = DEFAULT.read_text(encoding="utf-8")
    for name in ("move an item up", "move an item down", "indent an item"):  # (and their inverses)
        roadmap = default_roadmap()
        applied = edits.apply(roadmap, structure_cases(roadmap)[name])
        assert applied is not None
        doc = SegmentedDocument(text)
        assert doc.apply(applied)
        doc.verify()
        assert doc.full_parses == 0, name
        assert shape_of(doc.as_string()) == shape(roadmap), name
        assert doc.apply(applied.inverse()) and doc.full_parses == 0
        assert doc.as_string() == text, name
