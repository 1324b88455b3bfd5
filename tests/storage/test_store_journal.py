"""The store's journal changes: state keys with their dates, notes, and the activity records
that ride on the saver's changes."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

from conftest import get

from roadmap_tui.core import states
from roadmap_tui.core.model import Item, Node
from roadmap_tui.storage.store import RoadmapStore

ZONE = timezone(timedelta(hours=1))
NOW = datetime(2026, 12, 1, 19, 5, tzinfo=ZONE)


def store_at(path: Path) -> RoadmapStore:
    store = RoadmapStore(path, clock=lambda: NOW)
    store.load()
    return store


def item_table(path: Path, phase: int, section: int, topic: int, item: int) -> dict:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return data["phases"][phase]["sections"][section]["items"][topic]["items"][item]


def calculus(store: RoadmapStore) -> Item:
    assert store.roadmap is not None
    found = get(store.roadmap, "Foundation Phase", "Mathematics & Statistics Foundations", "Calculus")
    assert isinstance(found, Item)
    return found


def test_states_and_dates_reach_the_file(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    store = store_at(path)
    topic = calculus(store)
    first, second = topic.items[0], topic.items[1]
    store.set_state(first, states.DOING)
    store.set_state(second, states.SKIPPED)
    assert store.flush(10) and store.writer.error is None
    assert item_table(path, 0, 0, 1, 0) == {"text": first.text, "done": False, "state": "doing", "started_at": NOW}
    assert item_table(path, 0, 0, 1, 1) == {"text": second.text, "done": False, "state": "skipped"}
    store.toggle(first)
    assert store.flush(10)
    assert item_table(path, 0, 0, 1, 0) == {"text": first.text, "done": True, "started_at": NOW, "done_at": NOW}
    assert "done_at = 2026-12-01T19:05:00+01:00" in path.read_text(encoding="utf-8")
    store.close()


def test_a_topic_flag_follows_its_items_when_the_rest_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    store = store_at(path)
    topic = calculus(store)
    counted = [i for i in topic.items if i.is_counted]
    for item in counted[:-1]:
        store.toggle(item)
    store.set_state(counted[-1], states.SKIPPED)
    assert topic.checked and states.status(topic) == states.DONE
    assert store.flush(10)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["phases"][0]["sections"][0]["items"][1]["done"] is True  # the file says what the screen does
    store.close()


def test_state_keys_leave_plain_bullets_alone(tmp_path: Path) -> None:
    store = store_at(tmp_path / "roadmap.toml")
    assert store.roadmap is not None
    library = store.roadmap.phases[-1]
    bullet = next(i for i in library.walk_items() if i.done is None)
    assert store.set_state(bullet, states.DOING) == []
    assert store.writer.pending is False and not store._history
    store.close()


def test_each_action_carries_its_activity_records(tmp_path: Path) -> None:
    store = store_at(tmp_path / "roadmap.toml")
    topic = calculus(store)
    store.set_state(topic, states.DOING)
    changes = list(store._history)
    logged = [record for change in changes for record in change.log]
    assert [change.log != () for change in changes] == [False] * (len(changes) - 1) + [True]
    counted = [i for i in topic.items if i.is_counted]
    assert [record["entry"][-1] for record in logged] == [i.text for i in counted]
    assert {(record["change"], record["from"], record["to"], record["at"]) for record in logged} == {
        ("state", "todo", "doing", NOW.isoformat())
    }
    store.close()


def test_notes_are_written_as_multi_line_strings_and_cleared(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    store = store_at(path)
    assert store.roadmap is not None
    phase = store.roadmap.phases[0]
    assert isinstance(phase, Node)
    item = calculus(store).items[0]
    note = "Learned it from *3Blue1Brown*:\n\n- chain rule\n- [a link](https://example.com)   \n\n"
    assert store.set_note(phase, note)
    assert store.set_note(item, "one line")
    assert not store.set_note(item, "one line  ")  # the same note: nothing to do
    assert store.flush(10)
    text = path.read_text(encoding="utf-8")
    assert 'note = """\nLearned it from *3Blue1Brown*:\n\n- chain rule\n- [a link](https://example.com)\n"""' in text
    data = tomllib.loads(text)
    assert data["phases"][0]["note"] == "Learned it from *3Blue1Brown*:\n\n- chain rule\n- [a link](https://example.com)\n"
    assert item_table(path, 0, 0, 1, 0)["note"] == "one line"
    assert phase.note.endswith("(https://example.com)")
    assert store.set_note(phase, "  \n ")
    assert store.flush(10)
    assert "note" not in tomllib.loads(path.read_text(encoding="utf-8"))["phases"][0]
    logged = [record for change in store._history for record in change.log if record["change"] == "note"]
    written = "Learned it from *3Blue1Brown*:\n\n- chain rule\n- [a link](https://example.com)"
    assert [record["chars"] for record in logged] == [len(written), len("one line"), 0]
    store.close()
