"""The store's undo and redo: every kind of change taken back and done again, exactly, in the
model and in the file (after a flush), each logged; all or nothing when another program's edit
made an undo impossible; at least 1,000 actions remembered."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

from conftest import get

from roadmap_tui.core import states
from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.storage import activity
from roadmap_tui.storage.saver import Reloaded
from roadmap_tui.storage.store import RoadmapStore

ZONE = timezone(timedelta(hours=1))
NOW = datetime(2026, 12, 1, 19, 5, tzinfo=ZONE)
EARLIER = datetime(2026, 11, 20, 8, 30, tzinfo=ZONE)
CALCULUS = ("Foundation Phase", "Mathematics & Statistics Foundations", "Calculus")


def store_at(path: Path, clock: datetime = NOW) -> RoadmapStore:
    store = RoadmapStore(path, clock=lambda: clock)
    store.load()
    return store


def text_of(path: Path, store: RoadmapStore) -> str:
    assert store.flush(10) and store.writer.error is None
    return path.read_text(encoding="utf-8")


def calculus(store: RoadmapStore) -> Item:
    assert store.roadmap is not None
    found = get(store.roadmap, *CALCULUS)
    assert isinstance(found, Item)
    return found


def library(store: RoadmapStore) -> Node:
    """A Resources Library list (plain bullets, `a` adds to it)."""
    assert store.roadmap is not None
    return next(n for n in store.roadmap.phases[-1].walk_nodes() if n.is_leaf and n.items and n.items[0].done is None)


def log_records(path: Path, store: RoadmapStore) -> list[dict]:
    store.close()
    return activity.read(path).records


def test_undo_of_a_check_gives_back_the_file_byte_for_byte_and_redo_does_it_again(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    store = store_at(path)
    before = text_of(path, store)
    item = calculus(store).items[0]
    store.toggle(item)
    checked = text_of(path, store)
    assert checked != before

    outcome = store.undo()
    assert outcome.done and outcome.message == f"Undid: check '{item.text}'"
    assert item.done is False and item.started_at is None and item.done_at is None
    assert outcome.entries[0] is item
    assert text_of(path, store) == before  # the dates and the flag went, exactly

    outcome = store.redo()
    assert outcome.message == f"Redid: check '{item.text}'"
    assert item.done is True and item.done_at == NOW and item.started_at == NOW
    assert text_of(path, store) == checked
    assert store.redo().message == "Nothing to redo"

    records = log_records(path, store)
    assert [r["change"] for r in records] == ["state", "undo", "redo"]
    assert records[1] == {"at": NOW.isoformat(), "entry": [*CALCULUS, item.text], "change": "undo",
                          "action": f"check '{item.text}'", "of": "state"}
    assert activity.describe(records[1]) == f"undid: check '{item.text}'"


def test_undo_brings_back_the_dates_the_item_had(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    early = store_at(path, EARLIER)
    item = calculus(early).items[0]
    early.set_state(item, states.DOING)  # started on the 20th
    early.close()
    store = store_at(path)
    before = path.read_text(encoding="utf-8")
    item = calculus(store).items[0]
    store.toggle(item)  # done now; the start stays
    assert item.done_at == NOW and item.started_at == EARLIER
    assert store.undo().message == f"Undid: check '{item.text}'"
    assert (item.done, item.state, item.started_at, item.done_at) == (False, "doing", EARLIER, None)
    # The same keys and values (`state` comes back after `started_at` in its inline table).
    assert tomllib.loads(text_of(path, store)) == tomllib.loads(before)
    store.close()


def test_a_topic_toggle_is_undone_as_one_with_its_parents_flags(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    store = store_at(path)
    before = text_of(path, store)
    topic = calculus(store)
    store.toggle(topic.items[0])  # one item done first: its own action
    one_done = text_of(path, store)
    store.toggle(topic)  # the rest, and the topic's flag
    assert topic.checked and tomllib.loads(text_of(path, store))["phases"][0]["sections"][0]["items"][1]["done"]
    assert store.undo().message == "Undid: check 'Calculus'"
    assert [i.done for i in topic.items if i.is_counted][:2] == [True, False]
    assert not topic.checked
    assert text_of(path, store) == one_done
    assert store.undo().message == f"Undid: check '{topic.items[0].text}'"
    assert text_of(path, store) == before
    store.redo()
    store.redo()
    assert topic.checked
    store.close()


def test_p_and_s_are_undone(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    store = store_at(path)
    before = text_of(path, store)
    first, second = calculus(store).items[:2]
    store.set_state(first, states.DOING)
    store.set_state(second, states.SKIPPED)
    assert store.undo().message == f"Undid: skip '{second.text}'"
    assert states.own_status(second) == states.TODO
    assert store.undo().message == f"Undid: mark '{first.text}' doing"
    assert states.own_status(first) == states.TODO and first.started_at is None
    assert text_of(path, store) == before
    assert store.undo().message == "Nothing to undo"
    store.close()


def test_fills_text_notes_and_reviews_are_undone_and_redone(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    store = store_at(path)
    assert store.roadmap is not None
    before = text_of(path, store)
    phase = store.roadmap.phases[0]
    store.set_fill(phase, "duration", "6 weeks")
    entry = store.add_entry(library(store), "Deep Learning")
    old_text = entry.text
    store.set_text(entry, "Deep Learning (Goodfellow)")
    store.set_note(phase, "Start slow.\n\n- then faster")
    for item in calculus(store).items:
        if item.is_counted:
            store.toggle(item)
    store.review(calculus(store))
    after = text_of(path, store)
    assert calculus(store).reviews

    assert store.undo().message == "Undid: review 'Calculus'"
    assert calculus(store).reviews == ()
    while store.undo().label != f"note on '{phase.title}'":
        pass
    assert phase.note == ""
    assert store.undo().message == f"Undid: rename '{old_text}' to 'Deep Learning (Goodfellow)'"
    assert entry.text == old_text
    assert store.undo().message == "Undid: add 'Deep Learning'"
    assert store.undo().message == f"Undid: fill Duration of '{phase.title}'"
    assert phase.duration_fill == ""
    assert text_of(path, store) == before

    while store.redo().done:
        pass
    entry = library(store).items[-1]  # put back: a new entry, as it was
    assert entry.text == "Deep Learning (Goodfellow)" and phase.note == "Start slow.\n\n- then faster"
    assert len(calculus(store).reviews) == 1
    assert text_of(path, store) == after
    store.close()


def test_add_and_remove_are_undone_and_redone(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    store = store_at(path)
    before = text_of(path, store)
    node = library(store)
    count = len(node.items)
    added = store.add_entry(node, "Pattern Recognition (Bishop)")
    removed = node.items[0]
    removed_text = removed.text
    store.remove_item(removed)
    after = text_of(path, store)

    outcome = store.undo()
    assert outcome.message == "Undid: remove 'List key books'" and outcome.moved  # a blank: its hint
    assert node.items[0].text == removed_text and outcome.entries[0] is node.items[0]
    assert store.undo().message == "Undid: add 'Pattern Recognition (Bishop)'"
    assert len(node.items) == count and added not in node.items
    assert text_of(path, store) == before
    store.redo()
    store.redo()
    assert [i.text for i in node.items][-1] == "Pattern Recognition (Bishop)" and len(node.items) == count
    assert text_of(path, store) == after
    records = log_records(path, store)
    assert [r["change"] for r in records] == ["add", "remove", "undo", "undo", "redo", "redo"]
    assert [r.get("of") for r in records[2:]] == ["remove", "add", "add", "remove"]
    assert records[2]["entry"] == [*records[1]["entry"]]  # the entry put back, by its title path


def test_a_new_action_clears_the_redo_stack(tmp_path: Path) -> None:
    store = store_at(tmp_path / "roadmap.toml")
    first, second = calculus(store).items[:2]
    store.toggle(first)
    store.undo()
    store.toggle(second)
    assert store.redo().message == "Nothing to redo"
    assert store.undo().message == f"Undid: check '{second.text}'"
    assert store.undo().message == "Nothing to undo"  # the first was undone already
    store.close()


def test_at_least_a_thousand_actions_are_remembered(tmp_path: Path) -> None:
    store = store_at(tmp_path / "roadmap.toml")
    item = calculus(store).items[0]
    for _ in range(1_200):
        store.toggle(item)
    assert item.done is False  # an even number of toggles
    for _ in range(1_200):
        assert store.undo().done
    assert store.undo().message == "Nothing to undo"
    assert item.done is False
    store.close()


def reload_from_file(store: RoadmapStore, path: Path, text: str) -> None:
    """Another program writes `text`; the store takes the model the saver builds from it."""
    assert store.flush(10)
    path.write_text(text, encoding="utf-8")
    seen: list[Reloaded] = []
    store.writer.on_reload = seen.append
    store.save()
    assert store.flush(10) and seen and seen[-1].roadmap is not None
    store.adopt(seen[-1])


def test_an_entry_another_program_removed_is_said_and_nothing_is_half_undone(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    store = store_at(path)
    topic = calculus(store)
    store.toggle(topic)  # many items, and the topic's flag
    text = text_of(path, store)
    # Another program removes one of the topic's items (and nothing else).
    lines = text.splitlines(keepends=True)
    [line] = [line for line in lines if 'text = "Chain rule"' in line]
    reload_from_file(store, path, "".join(other for other in lines if other is not line))
    on_disk = path.read_text(encoding="utf-8")
    assert "Chain rule" not in on_disk

    outcome = store.undo()
    assert not outcome.done
    assert outcome.message == "Can't undo check 'Calculus': changed by another program"
    topic = calculus(store)
    assert all(i.done for i in topic.items if i.is_counted)  # nothing was undone
    assert text_of(path, store) == on_disk
    assert store.undo().message == "Nothing to undo"  # the action that can't be undone is gone
    store.close()


def test_a_field_another_program_changed_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    store = store_at(path)
    assert store.roadmap is not None
    store.set_fill(store.roadmap.phases[0], "duration", "6 weeks")
    text = text_of(path, store)
    assert 'duration_fill = "6 weeks"' in text
    reload_from_file(store, path, text.replace('duration_fill = "6 weeks"', 'duration_fill = "8 weeks"'))
    outcome = store.undo()
    assert not outcome.done and "changed by another program" in outcome.message
    assert store.roadmap.phases[0].duration_fill == "8 weeks"
    store.close()


def test_after_a_reload_undo_takes_back_what_the_edit_did_to_the_new_model(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    store = store_at(path)
    item = calculus(store).items[0]
    store.toggle(item)
    text = text_of(path, store)
    # Another program adds a note to the item it checked (the check is on disk already).
    marker = f'{{ text = "{item.text}", '
    assert marker in text
    reload_from_file(store, path, text.replace(marker, marker + 'note = "from my phone", ', 1))
    item = calculus(store).items[0]
    assert store.undo().message == f"Undid: check '{item.text}'"
    assert item.done is False and item.note == "from my phone"  # the other program's note stays
    table = tomllib.loads(text_of(path, store))["phases"][0]["sections"][0]["items"][1]["items"][0]
    assert table["done"] is False and table["note"] == "from my phone" and "done_at" not in table
    store.close()


def test_lost_changes_leave_their_action(tmp_path: Path) -> None:
    store = store_at(tmp_path / "roadmap.toml")
    first = calculus(store).items[0]
    store.toggle(first)
    change = list(store._history)[-1]
    store.forget_lost([*store._history])
    assert store.undo().message == "Nothing to undo"
    assert change.seq > 0
    store.close()


def test_labels_name_blanks_by_their_hint(tmp_path: Path) -> None:
    store = store_at(tmp_path / "roadmap.toml")
    assert store.roadmap is not None
    hint = next(i for i in store.roadmap.walk_items() if i.done is None and "_[" in i.text and not i.text_fill)
    store.set_fill(hint, "text", "The Elements of Statistical Learning")
    outcome = store.undo()
    assert outcome.message.startswith("Undid: fill '") and "_[" not in outcome.message
    assert isinstance(store.roadmap, Roadmap)
    store.close()


def test_one_action_makes_several_changes_one_undo(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    store = store_at(path)
    before = text_of(path, store)
    first, second = calculus(store).items[:2]
    with store.one_action("put 'Calculus' back in progress"):
        store.set_state(first, states.DOING)
        store.set_state(second, states.DOING)
    outcome = store.undo()
    assert outcome.message == "Undid: put 'Calculus' back in progress"
    assert states.own_status(first) == states.TODO == states.own_status(second)
    assert text_of(path, store) == before
    assert store.undo().message == "Nothing to undo"
    assert store.redo().done and states.own_status(second) == states.DOING
    store.close()
