"""Item states: what each key changes, how they count, and the dates they record."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from roadmap_tui.core import edits, progress, states
from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.core.states import DOING, DONE, SKIPPED, TODO

ZONE = timezone(timedelta(hours=1))
T1 = datetime(2026, 12, 1, 19, 5, tzinfo=ZONE)
T2 = datetime(2026, 12, 3, 8, 30, tzinfo=ZONE)


def topic(*names: str) -> tuple[Roadmap, Item]:
    top = Item("Calculus", done=False, items=[Item(name, done=False) for name in names])
    roadmap = Roadmap("R", phases=[Node("Phase", items=[top])])
    roadmap.link()
    progress.recount_all(roadmap)
    return roadmap, top


def press(roadmap: Roadmap, item: Item, wanted: str, now: datetime = T1) -> list[tuple[Item, str, str]]:
    found, moves = states.plan(item, wanted, now)
    edits.apply_all(roadmap, found)
    return moves


def test_each_key_toggles_an_item_between_its_state_and_todo() -> None:
    roadmap, top = topic("a")
    [a] = top.items
    for wanted in (DONE, DOING, SKIPPED):
        press(roadmap, a, wanted)
        assert states.status(a) == wanted
        press(roadmap, a, wanted)
        assert states.status(a) == TODO


def test_a_key_moves_an_item_from_any_state_to_its_own() -> None:
    roadmap, top = topic("a")
    [a] = top.items
    press(roadmap, a, DONE)
    press(roadmap, a, DOING)
    assert (states.status(a), a.done, a.state) == (DOING, False, "doing")
    press(roadmap, a, SKIPPED)
    assert (states.status(a), a.done, a.state) == (SKIPPED, False, "skipped")
    press(roadmap, a, DONE)
    assert (states.status(a), a.done, a.state) == (DONE, True, "")


def test_skipped_items_leave_the_total_and_are_counted_apart() -> None:
    roadmap, top = topic("a", "b", "c", "d")
    a, b, c, _ = top.items
    press(roadmap, a, DONE)
    press(roadmap, b, SKIPPED)
    press(roadmap, c, DOING)
    assert (roadmap.n_done, roadmap.n_total, roadmap.n_skipped, roadmap.n_doing) == (1, 3, 1, 1)
    assert roadmap.n_counted == 4
    assert progress.percent(roadmap.n_done, roadmap.n_total) == pytest.approx(33.3)
    assert states.counts_text(roadmap.n_done, roadmap.n_total, roadmap.n_skipped) == "1/3 done · 1 skipped"
    assert states.counts_text(1, 3, 0) == "1/3 done"


def test_a_topic_is_done_when_all_its_items_not_skipped_are() -> None:
    roadmap, top = topic("a", "b")
    a, b = top.items
    assert states.status(top) == TODO
    press(roadmap, a, DOING)
    assert states.status(top) == DOING
    press(roadmap, a, DONE)
    assert states.status(top) == DOING  # something done, not all
    press(roadmap, b, SKIPPED)
    assert states.status(top) == DONE and top.checked
    press(roadmap, a, SKIPPED)
    assert states.status(top) == SKIPPED and not top.checked  # all skipped: not done


def test_space_on_a_topic_checks_what_is_open_and_leaves_skipped_alone() -> None:
    roadmap, top = topic("a", "b", "c")
    a, b, c = top.items
    press(roadmap, b, SKIPPED)
    press(roadmap, c, DOING)
    moves = press(roadmap, top, DONE)
    assert [(i.text, old, new) for i, old, new in moves] == [("a", TODO, DONE), ("c", DOING, DONE)]
    assert states.status(b) == SKIPPED and states.status(top) == DONE
    moves = press(roadmap, top, DONE)  # again: the done ones back to todo, skipped stays
    assert {i.text for i, _, _ in moves} == {"a", "c"}
    assert [states.status(i) for i in top.items] == [TODO, SKIPPED, TODO]


def test_p_on_a_topic_marks_its_todo_items_doing_then_clears_doing() -> None:
    roadmap, top = topic("a", "b", "c")
    a, b, _ = top.items
    press(roadmap, a, DONE)
    press(roadmap, top, DOING)
    assert [states.status(i) for i in top.items] == [DONE, DOING, DOING]
    press(roadmap, top, DOING)
    assert [states.status(i) for i in top.items] == [DONE, TODO, TODO]


def test_s_on_a_topic_skips_what_is_open_then_brings_it_back() -> None:
    roadmap, top = topic("a", "b", "c")
    press(roadmap, top.items[0], DONE)
    press(roadmap, top, SKIPPED)
    assert [states.status(i) for i in top.items] == [DONE, SKIPPED, SKIPPED]
    assert states.status(top) == DONE  # all it did not skip is done
    press(roadmap, top, SKIPPED)  # nothing open left: the skipped ones come back
    assert [states.status(i) for i in top.items] == [DONE, TODO, TODO]


def test_dates_start_once_and_done_at_goes_with_done() -> None:
    roadmap, top = topic("a")
    [a] = top.items
    press(roadmap, a, DOING, T1)
    assert (a.started_at, a.done_at) == (T1, None)
    press(roadmap, a, DONE, T2)
    assert (a.started_at, a.done_at) == (T1, T2)  # the start stays
    press(roadmap, a, DONE, T2 + timedelta(hours=1))  # unchecked
    assert (a.started_at, a.done_at) == (T1, None)


def test_done_straight_from_todo_starts_and_finishes_at_once() -> None:
    roadmap, top = topic("a")
    [a] = top.items
    press(roadmap, a, DONE, T2)
    assert (a.started_at, a.done_at) == (T2, T2)


def test_skipping_records_no_start() -> None:
    roadmap, top = topic("a")
    [a] = top.items
    press(roadmap, a, SKIPPED)
    assert (a.started_at, a.done_at) == (None, None)


def test_state_edits_undo_exactly() -> None:
    roadmap, top = topic("a", "b")
    found, _ = states.plan(top, DOING, T1)
    applied = edits.apply_all(roadmap, found)
    assert [states.status(i) for i in top.items] == [DOING, DOING]
    edits.apply_all(roadmap, edits.inverses(applied))
    assert [(i.done, i.state, i.started_at, i.done_at) for i in top.items] == [(False, "", None, None)] * 2
    assert (roadmap.n_doing, roadmap.n_total) == (0, 2)


def test_plain_bullets_and_headings_have_no_state() -> None:
    bullet = Item("A book", done=None)
    node = Node("Library", items=[bullet])
    roadmap = Roadmap("R", phases=[node])
    roadmap.link()
    progress.recount_all(roadmap)
    assert states.changes(bullet, DOING) == []
    assert states.status(bullet) == "" and states.status(node) == ""
    with pytest.raises(ValueError):
        states.changes(bullet, TODO)


def test_started_is_the_first_date_of_any_kind() -> None:
    items = [Item("a", started_at=T2), Item("b", done=True, done_at=T1), Item("c")]
    assert states.started(items) == T1
    assert states.started([Item("c")]) is None


def test_local_now_is_aware_and_whole_seconds() -> None:
    now = states.local_now()
    assert now.tzinfo is not None and now.microsecond == 0


def test_a_resources_line_takes_space_but_no_state() -> None:
    line = Item("Resources: _[e.g., a book]_", done=False)
    top = Item("Topic", done=False, items=[Item("a", done=False), line])
    roadmap = Roadmap("R", phases=[Node("Phase", items=[top])])
    roadmap.link()
    progress.recount_all(roadmap)
    assert states.changes(line, DOING) == [] and states.changes(line, SKIPPED) == []
    assert states.changes(line, DONE) == [(line, DONE)]


def test_a_done_item_without_a_start_started_when_it_was_done() -> None:
    """A box checked by hand with only a `done_at` (or before the journal kept starts), put back
    in progress ("forgot", then doing again), started no later than it was done: not "today"."""
    roadmap, top = topic("a")
    [a] = top.items
    a.done, a.done_at = True, T1
    progress.recount_all(roadmap)
    press(roadmap, a, DOING, T2)
    assert (a.started_at, a.done_at, states.own_status(a)) == (T1, None, DOING)
