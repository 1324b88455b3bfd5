"""The saver appends an action's activity records once the roadmap file has it, and only then."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import LA_PATH, child, get

from roadmap_tui.core import states
from roadmap_tui.core.model import Node
from roadmap_tui.storage import activity, fs
from roadmap_tui.storage.activity import LogWriteError
from roadmap_tui.storage.saver import Reloaded
from roadmap_tui.storage.store import RoadmapStore

MATRIX = '{ text = "Matrix operations", done = false }'


def open_store(path: Path, **kwargs: Any) -> tuple[RoadmapStore, Any]:
    store = RoadmapStore(path, **kwargs)
    return store, store.load()


def logged(path: Path) -> list[dict[str, object]]:
    records, problems = activity.read(path)
    assert problems == []
    return records


def summary(path: Path) -> list[tuple[str, str, str]]:
    """(last title, change, what) of each record, oldest first."""
    return [(str(r["entry"][-1]), str(r["change"]), activity.describe(r)) for r in logged(path)]  # type: ignore[index]


def test_each_kind_of_change_is_logged_once_it_is_saved(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    la = get(roadmap, *LA_PATH)
    store.toggle(child(la, "Matrix operations"))
    store.set_state(child(la, "Vectors and matrices"), states.DOING)
    store.set_state(child(la, "Vectors and matrices"), states.SKIPPED)
    store.set_note(la, "Strang's lectures\n- [video](https://example.com)")
    store.set_note(la, "")
    phase = get(roadmap, "Foundation Phase")
    assert isinstance(phase, Node)
    store.set_fill(phase, "duration", "3 months")
    library_node = get(roadmap, "Resources Library").sections[0]  # type: ignore[union-attr]
    store.add_entry(library_node, "A book")
    assert store.flush(10) and store.writer.error is None and store.writer.log.error is None
    assert summary(default_copy) == [
        ("Matrix operations", "state", "todo → done"),
        ("Vectors and matrices", "state", "todo → doing"),
        ("Vectors and matrices", "state", "doing → skipped"),
        ("Linear Algebra", "note", "note edited (48 chars)"),
        ("Linear Algebra", "note", "note removed"),
        ("Foundation Phase", "fill", "filled Duration: 3 months"),
        (library_node.title, "add", "added “A book”"),
    ]
    first = logged(default_copy)[0]
    assert first["entry"] == [*LA_PATH, "Matrix operations"]
    assert activity.record_time(first).tzinfo is not None


def test_records_reach_the_log_after_the_file_not_before(default_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, roadmap = open_store(default_copy)
    store.writer.prepare()
    assert store.flush(10)
    real_write = fs.atomic_write
    entered, release = threading.Event(), threading.Event()
    seen_in_log: list[list[dict[str, object]]] = []

    def slow_write(path: Path, data: bytes) -> None:
        if Path(path) == default_copy:
            seen_in_log.append(logged(default_copy))  # just before the roadmap is written
            entered.set()
            assert release.wait(30)
        real_write(path, data)

    monkeypatch.setattr(fs, "atomic_write", slow_write)
    store.toggle(child(get(roadmap, *LA_PATH), "Matrix operations"))
    assert entered.wait(30)
    assert logged(default_copy) == []  # the write is under way: nothing logged yet
    release.set()
    assert store.flush(10)
    assert seen_in_log == [[]]
    assert summary(default_copy) == [("Matrix operations", "state", "todo → done")]


def test_a_failing_log_write_does_not_stop_the_save_and_is_tried_again(
    default_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saves: list[Exception | None] = []
    logs: list[Exception | None] = []
    store, roadmap = open_store(default_copy, on_save=saves.append, on_log=logs.append)
    real_append = activity.append

    def full_disk(path: Path, records: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(activity, "append", full_disk)
    la = get(roadmap, *LA_PATH)
    store.toggle(child(la, "Matrix operations"))
    assert store.flush(10)
    assert saves == [None]  # the roadmap is saved
    assert 'text = "Matrix operations", done = true' in default_copy.read_text(encoding="utf-8")
    [problem] = logs
    assert isinstance(problem, LogWriteError) and store.writer.log.error is problem
    assert "your changes are saved" in str(problem) and "No space left on device" in str(problem)
    assert "1 record waits" in str(problem)
    assert logged(default_copy) == []

    store.toggle(child(la, "Vectors and matrices"))  # the next save tries again: still failing
    assert store.flush(10)
    assert saves == [None, None] and "2 records wait" in str(logs[-1])

    monkeypatch.setattr(activity, "append", real_append)
    store.save()  # a round with nothing to write tries again too
    assert store.flush(10)
    assert logs[-1] is None and store.writer.log.error is None
    assert [title for title, _, _ in summary(default_copy)] == ["Matrix operations", "Vectors and matrices"]
    store.toggle(child(la, "Eigenvalues and eigenvectors"))
    assert store.flush(10)
    assert len(logged(default_copy)) == 3  # each record once


def test_a_log_that_is_a_folder_is_reported_and_the_roadmap_still_saves(default_copy: Path) -> None:
    logs: list[Exception | None] = []
    store, roadmap = open_store(default_copy, on_log=logs.append)
    activity.log_file(default_copy).mkdir()
    store.toggle(child(get(roadmap, *LA_PATH), "Matrix operations"))
    assert store.flush(10) and store.writer.error is None
    assert isinstance(logs[-1], LogWriteError)
    assert RoadmapStore(default_copy).load().n_done == 1


def test_close_tries_the_waiting_records_once_more(default_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, roadmap = open_store(default_copy)
    real_append = activity.append
    monkeypatch.setattr(activity, "append", lambda path, records: (_ for _ in ()).throw(OSError(5, "I/O error")))
    store.toggle(child(get(roadmap, *LA_PATH), "Matrix operations"))
    assert store.flush(10) and store.writer.log.error is not None
    monkeypatch.setattr(activity, "append", real_append)
    assert store.close(10)
    assert summary(default_copy) == [("Matrix operations", "state", "todo → done")]


def test_a_change_after_close_is_logged_with_its_write(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    assert store.close(10)
    store.toggle(child(get(roadmap, *LA_PATH), "Matrix operations"))  # written at once, on this thread
    assert summary(default_copy) == [("Matrix operations", "state", "todo → done")]


def test_nothing_is_logged_for_a_save_that_failed_until_it_succeeds(
    default_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saves: list[Exception | None] = []
    store, roadmap = open_store(default_copy, on_save=saves.append)
    real_replace = os.replace

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fs.os, "replace", refuse)
    store.toggle(child(get(roadmap, *LA_PATH), "Matrix operations"))
    assert store.flush(10)
    assert isinstance(saves[-1], OSError)
    assert not activity.log_file(default_copy).exists()
    monkeypatch.setattr(fs.os, "replace", real_replace)
    store.save()
    assert store.flush(10) and saves[-1] is None
    assert summary(default_copy) == [("Matrix operations", "state", "todo → done")]


def test_nothing_is_logged_while_the_file_is_gone(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    default_copy.unlink()
    store.toggle(child(get(roadmap, *LA_PATH), "Matrix operations"))
    assert store.flush(10) and store.writer.error is not None
    assert not activity.log_file(default_copy).exists()


def remove_line(path: Path, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert line in text
    path.write_text(text.replace(line, ""), encoding="utf-8")


def test_a_change_whose_entry_is_gone_from_the_file_is_not_logged(default_copy: Path) -> None:
    reloads: list[Reloaded] = []
    store, roadmap = open_store(default_copy, on_reload=reloads.append)
    remove_line(default_copy, "  " + MATRIX + ",\n")  # another program removes it
    store.toggle(child(get(roadmap, *LA_PATH), "Matrix operations"))
    store.toggle(child(get(roadmap, *LA_PATH), "Vectors and matrices"))
    assert store.flush(10) and store.writer.error is None
    assert reloads and reloads[-1].lost
    assert summary(default_copy) == [("Vectors and matrices", "state", "todo → done")]


def test_a_topic_toggle_logs_the_items_that_are_still_in_the_file(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    remove_line(default_copy, "  " + MATRIX + ",\n")
    la = get(roadmap, *LA_PATH)
    store.toggle(la)  # every item of the topic: one of them is gone from the file
    assert store.flush(10) and store.writer.error is None
    titles = [title for title, _, _ in summary(default_copy)]
    assert "Matrix operations" not in titles
    assert titles == [i.text for i in la.items if i.is_counted and i.text != "Matrix operations"]


def test_without_lost_keeps_the_other_records_of_a_lost_change() -> None:
    a = {"at": "x", "entry": ["P", "A"], "change": "state"}
    b = {"at": "x", "entry": ["P", "B"], "change": "state"}
    c = {"at": "x", "entry": ["P", "C"], "change": "state"}
    # an action on A, B, C whose records ride on C's change; C is gone from the file
    assert activity.without_lost([(), ()], [(("P", "C"), (a, b, c))]) == [(), (a, b)]
    assert activity.without_lost([(a,)], [(("P", "A"), ())]) == [()]
    assert activity.without_lost([], [(("P", "C"), (a, c))]) == []  # nothing reached the file
