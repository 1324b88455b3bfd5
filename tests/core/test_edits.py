"""Typed edits: applied to the model they change it and report what they replaced; the inverse of
an applied edit gives back the model exactly (undo is built on this)."""

from __future__ import annotations

import random
import tomllib
from typing import Any

import pytest
from conftest import LA_PATH, REPO, TEMPLATE, child, get

from roadmap_tui.core import edits
from roadmap_tui.core.edits import (
    AppendEntry,
    ClearField,
    Edit,
    InsertEntry,
    ItemData,
    RemoveEntry,
    SetField,
    key_path,
)
from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.core.outline import title_path
from roadmap_tui.core.placeholders import fill_key, has_placeholder
from roadmap_tui.core.progress import done_targets, set_done, stale_flags
from roadmap_tui.formats.markdown_import import import_markdown
from roadmap_tui.storage.schema import build_roadmap

DEFAULT = REPO / "data" / "default_roadmap.toml"


def default_roadmap() -> Roadmap:
    return build_roadmap(tomllib.loads(DEFAULT.read_text(encoding="utf-8")), "default")


def imported_roadmap() -> Roadmap:
    return build_roadmap(tomllib.loads(import_markdown(TEMPLATE.read_bytes(), TEMPLATE).toml_text), "template")


def dump(roadmap: Roadmap) -> Any:
    """Everything the model holds, as plain data (parents and cached counts included)."""

    def item(entry: Item, parent: object) -> Any:
        assert entry.parent is parent
        return (entry.text, entry.done, entry.text_fill, entry.md, entry.n_done, entry.n_total,
                [item(c, entry) for c in entry.items])

    def node(entry: Node, parent: object, level: int) -> Any:
        assert entry.parent is parent and entry.level == level
        return (entry.title, entry.title_fill, entry.duration, entry.duration_fill, entry.focus, entry.intro,
                entry.md, entry.n_done, entry.n_total, [item(i, entry) for i in entry.items],
                [node(s, entry, level + 1) for s in entry.sections])

    return (roadmap.title, roadmap.md_head, roadmap.n_done, roadmap.n_total,
            [node(p, roadmap, 2) for p in roadmap.phases])


def at(entry: Item | Node) -> tuple[tuple[str | int, ...], tuple[str, ...]]:
    return key_path(entry), tuple(title_path(entry))


def every_kind(roadmap: Roadmap) -> list[Edit]:
    """One edit of each kind and field the app makes, on this roadmap."""
    items = list(roadmap.walk_items())
    nodes = list(roadmap.walk_nodes())
    checkbox = next(i for i in items if i.is_counted)
    topic = next(i for i in items if i.n_total > 1 and not i.is_counted)
    blank = next(i for i in items if has_placeholder(i.text))
    titled = next((n for n in nodes if has_placeholder(n.title)), None)
    plain = next(i for i in items if i.done is None) if any(i.done is None for i in items) else checkbox
    leaf = next(i for i in items if not i.items)
    found: list[Edit] = [
        SetField(*at(checkbox), "done", not checkbox.done),
        SetField(*at(topic), "done", not topic.done),
        SetField(*at(blank), fill_key("text"), "my fill"),
        ClearField(*at(blank), fill_key("text")),
        SetField(*at(plain), "text", f"{plain.text}, renamed"),
        AppendEntry(*at(nodes[-1]), text="A new entry"),
        AppendEntry(*at(topic), text="Under a topic"),
        RemoveEntry(*at(leaf)),
        RemoveEntry(*at(topic)),
        InsertEntry(*at(nodes[0]), index=0, entry=ItemData("Put back", True, "", None, (ItemData("child", False),))),
    ]
    if titled is not None:
        found.append(SetField(*at(titled), fill_key("title"), "Speech"))
    return found


@pytest.mark.parametrize("make", [default_roadmap, imported_roadmap], ids=["default", "imported"])
def test_apply_then_inverse_gives_back_the_model_exactly(make: Any) -> None:
    kinds = set()
    for edit in every_kind(make()):
        roadmap = make()
        before = dump(roadmap)
        applied = edits.apply(roadmap, edit)
        assert applied is not None and applied.applied and type(applied) is type(edit)
        changed = dump(roadmap)
        assert changed != before or isinstance(edit, ClearField), edit
        undo = applied.inverse()
        undone = edits.apply(roadmap, undo)
        assert undone is not None, undo
        assert dump(roadmap) == before, edit
        # and the inverse of the inverse does the edit again
        assert edits.apply(roadmap, undone.inverse()) is not None
        assert dump(roadmap) == changed, edit
        kinds.add(type(edit))
    assert kinds == {SetField, ClearField, AppendEntry, RemoveEntry, InsertEntry}


def test_a_batch_undone_last_first_gives_back_the_model() -> None:
    roadmap = default_roadmap()
    before = dump(roadmap)
    rng = random.Random("edits")
    done: list[Edit | None] = []
    for _ in range(60):
        items = list(roadmap.walk_items())
        item = rng.choice(items)
        choice = rng.choice(["toggle", "fill", "append", "remove"])
        if choice == "toggle" and item.done is not None:
            edit: Edit = SetField(*at(item), "done", not item.done)
        elif choice == "fill":
            edit = SetField(*at(item), fill_key("text"), f"fill {len(done)}")
        elif choice == "append":
            edit = AppendEntry(*at(item), text=f"entry {len(done)}")
        else:
            edit = RemoveEntry(*at(item))
        done += edits.apply_all(roadmap, [edit])
    assert all(edit is not None for edit in done)
    edits.apply_all(roadmap, edits.inverses(done))
    assert dump(roadmap) == before


@pytest.mark.parametrize("path", [LA_PATH, [*LA_PATH, "Matrix operations"], LA_PATH[:2]])
def test_checking_through_edits_equals_set_done(path: list[str]) -> None:
    """The store's way (targets, then the parents' flags, each an edit) ends where `set_done` does."""
    roadmap, reference = default_roadmap(), default_roadmap()
    entry = get(roadmap, *path[:3])
    entry = child(entry, path[3]) if len(path) > 3 else entry
    if isinstance(entry, Node):
        entry = next(i for i in entry.walk_items() if i.n_total and not i.is_counted)
    assert isinstance(entry, Item)
    targets = done_targets(entry, True)
    assert targets
    applied = edits.apply_all(roadmap, [SetField(*at(t), "done", True) for t in targets])
    assert all(a is not None and a.before is False for a in applied)
    parents = stale_flags(entry)
    edits.apply_all(roadmap, [SetField(*at(p), "done", p.checked) for p in parents])
    same = edits.locate(reference, *at(entry))
    assert isinstance(same, Item)
    changed = set_done(same, True)
    assert [title_path(i) for i in changed] == [title_path(i) for i in [*targets, *parents]]
    assert dump(roadmap) == dump(reference)


def test_an_edit_finds_its_entry_by_titles_when_the_key_path_moved() -> None:
    roadmap = default_roadmap()
    topic = get(roadmap, *LA_PATH)
    item = child(topic, "Matrix operations")
    where, titles = at(item)
    topic.items.insert(0, Item(text="someone else's", done=False, parent=topic))
    roadmap.recount_all()
    applied = edits.apply(roadmap, SetField(where, titles, "done", True))
    assert applied is not None and item.done is True
    assert applied.where == key_path(item) != where, "it points where it really landed"


def test_an_edit_whose_entry_is_gone_is_not_applied() -> None:
    roadmap = default_roadmap()
    before = dump(roadmap)
    assert edits.apply(roadmap, SetField(("phases", 0, "items", 99), ("No such", "entry"), "done", True)) is None
    assert dump(roadmap) == before


def test_only_an_applied_edit_has_an_inverse() -> None:
    with pytest.raises(ValueError, match="applied"):
        SetField(("phases", 0), ("P",), "title_fill", "x").inverse()


def test_inverse_of_a_first_fill_clears_it_and_of_a_rename_finds_the_new_title() -> None:
    roadmap = default_roadmap()
    blank = next(i for i in roadmap.walk_items() if has_placeholder(i.text))
    applied = edits.apply(roadmap, SetField(*at(blank), "text_fill", "K&R"))
    assert applied is not None and isinstance(applied.inverse(), ClearField)
    plain = Item(text="Old name", done=None)
    library = roadmap.phases[-1]
    plain.parent = library
    library.items.append(plain)
    renamed = edits.apply(roadmap, SetField(*at(plain), "text", "New name"))
    assert renamed is not None
    undo = renamed.inverse()
    assert isinstance(undo, SetField) and undo.titles[-1] == "New name" and undo.value == "Old name"


def test_describe_says_what_and_where() -> None:
    edit = ClearField(("phases", 0), ("Foundation Phase", "Linear Algebra"), "text_fill")
    assert edit.describe() == "clear text_fill “Foundation Phase › Linear Algebra”"
    assert AppendEntry(("phases", 0), ("Library",), text="x").describe() == "add an entry to “Library”"
