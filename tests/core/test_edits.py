"""Typed edits: applied to the model they change it and report what they replaced; the inverse of
an applied edit gives back the model exactly (undo is built on this)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from conftest import LA_PATH, child, get
from edit_cases import (
    SAME_TITLES,
    at,
    default_roadmap,
    dump,
    every_kind,
    imported_roadmap,
    phase_put_first,
    same_title_edits,
    same_titles_roadmap,
)

from roadmap_tui.core import edits
from roadmap_tui.core.edits import AppendEntry, ClearField, Edit, InsertEntry, RemoveEntry, SetField, key_path
from roadmap_tui.core.model import Item, Node
from roadmap_tui.core.outline import title_path
from roadmap_tui.core.placeholders import fill_key, has_placeholder
from roadmap_tui.core.progress import done_targets, recount_all, set_done, stale_flags
from roadmap_tui.core.review_edits import AppendReview


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
    assert kinds == {SetField, ClearField, AppendEntry, RemoveEntry, InsertEntry, AppendReview}


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
    recount_all(roadmap)
    applied = edits.apply(roadmap, SetField(where, titles, "done", True))
    assert applied is not None and item.done is True
    assert applied.where == key_path(item) != where, "it points where it really landed"


@pytest.mark.parametrize("case", list(same_title_edits()))
def test_an_edit_found_by_titles_lands_on_its_kind_of_entry(case: str) -> None:
    """A section and an item share a title, and the key path went stale (a phase was put first):
    the edit lands on the entry its key path's last steps name, and nothing else changes."""
    edit = same_title_edits()[case]
    expected = same_titles_roadmap()
    assert edits.apply(expected, edit) is not None  # at its key path: the right entry
    expected.phases.insert(0, Node(title="Put first by another program"))
    expected.link()
    recount_all(expected)
    moved = same_titles_roadmap(phase_put_first(SAME_TITLES))
    applied = edits.apply(moved, edit)
    assert applied is not None
    assert applied.where == ("phases", 1, *edit.where[2:])
    assert dump(moved) == dump(expected)


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


@pytest.mark.parametrize("make", [default_roadmap, imported_roadmap], ids=["default", "imported"])
def test_uncheck_all_clears_every_items_progress_and_keeps_notes(make: Any) -> None:
    """A reset as edits: `done` set to False on each item whose stored flag is True (a counted
    box, a topic's own flag, a Resources line) and its `state` cleared (the file may say "done"
    beside it); `state`, `started_at` and `done_at` cleared where an item has them; each at its key
    path and title path. Applied, they give the roadmap with nothing checked, doing or skipped,
    no dates, and every note as it was."""
    roadmap, unchecked = make(), make()
    for entry in (roadmap, unchecked):
        for item in entry.walk_items():
            item.done = False if item.done is not None else None
        recount_all(entry)
    items = list(roadmap.walk_items())
    chosen = [items[1], items[4], next(i for i in items if i.is_resource), next(i for i in items if i.n_total > 1)]
    when = datetime(2026, 12, 1, 19, 5, tzinfo=timezone(timedelta(hours=1)))
    for item in chosen:
        item.done, item.done_at = True, when
    doing, skipped, was_started = [i for i in items if i.is_counted and i not in chosen and i.parent not in chosen][:3]
    doing.state, doing.started_at = "doing", when
    skipped.state = "skipped"
    was_started.started_at = when  # back to todo: the start stays, until a reset
    items[1].note = items[7].note = "kept"
    recount_all(roadmap)
    assert (roadmap.n_doing, roadmap.n_skipped) == (1, 1)
    assert edits.uncheck_all(unchecked) == []
    found = edits.uncheck_all(roadmap)
    expected: list[Edit] = []
    for i in roadmap.walk_items():
        if i.done is True:
            expected += [SetField(*at(i), "done", False), ClearField(*at(i), "state")]
        elif i.state:
            expected.append(ClearField(*at(i), "state"))
        expected += [ClearField(*at(i), key) for key in ("started_at", "done_at") if getattr(i, key) is not None]
    assert found == expected
    assert {f.titles for f in found} == {tuple(title_path(i)) for i in [*chosen, doing, skipped, was_started]}
    applied = edits.apply_all(roadmap, found)
    assert all(a is not None and a.where == f.where for a, f in zip(applied, found, strict=True))
    assert dump(roadmap) == dump(unchecked)
    assert [(i.state, i.started_at, i.done_at) for i in roadmap.walk_items()] == [("", None, None)] * len(items)
    assert (roadmap.n_doing, roadmap.n_skipped, roadmap.n_total) == (0, 0, unchecked.n_total)
    assert [i.note for i in roadmap.walk_items()] == ["kept" if n in (1, 7) else "" for n in range(len(items))]
    assert edits.uncheck_all(roadmap) == []
