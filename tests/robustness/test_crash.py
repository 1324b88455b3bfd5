"""SIGKILL at random moments: the file always parses, validates and holds a prefix of the changes.

A writer process (forked from the test, so no fresh interpreter per kill) opens the roadmap with
the real `RoadmapStore`, applies a seeded series of changes the way the app does (the store's
change methods, which hand them to the background saver), waits with `store.flush()` for each
to be on disk and then reports its number on a pipe. The test kills it with SIGKILL after a
random number of reported changes plus a random delay (so kills land in the launch, the backup,
the write, between fsync and rename...), checks the file, and starts the next writer on whatever
survived: it goes on with the same series where the file says it stopped.

After every kill the file must parse (tomllib), validate (`build_roadmap`), and be exactly the
state after change `acked` (the last one reported) or `acked + 1` (the one in flight) - compared
as model state and byte for byte with a reference store that applies the same changes to a copy
in another folder. Nothing else is allowed: no older state, no mix, no half file. The next
launch then removes the temp files the kills left.

`ROADMAP_CRASH_KILLS` (default 200) and `ROADMAP_CRASH_SEED` change the run.
"""

from __future__ import annotations

import os
import random
import select
import shutil
import signal
import sys
import time
import tomllib
import traceback
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import REPO

from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.core.placeholders import has_placeholder
from roadmap_tui.storage.schema import build_roadmap
from roadmap_tui.storage.store import RoadmapStore

KILLS = int(os.environ.get("ROADMAP_CRASH_KILLS", "200"))
SEED = int(os.environ.get("ROADMAP_CRASH_SEED", "20240603"))
#: The longest a writer may take to report a change before the test gives up (a hang, not timing).
STALL_SECONDS = 60.0
#: What dates a change in the writer and in the reference alike (a check writes its dates), so
#: their files can be compared byte for byte.
WHEN = datetime(2026, 12, 1, 19, 5, tzinfo=timezone(timedelta(hours=1)))


def pinned() -> datetime:
    return WHEN

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")

VALUES = [
    "3Blue1Brown",
    "Strang, MIT 18.06",
    'a "quoted" value with a \\ backslash',
    "日本語のテキスト",
    "emoji 🚀🧠",
    "tab\there",
    "[bold]not markup[/]",
    "   ",  # only spaces: a fill is emptied (the hint comes back)
    "",
]

Op = tuple  # (kind, a random number that picks the entry, a value for fills, texts and additions)
KINDS = {"toggle": 10, "fill": 4, "add": 2, "remove": 1, "text": 1}  # (the selection is not in the file)


# What a change acts on, found the same way in every process --------------------------------


def targets(roadmap: Roadmap, kind: str) -> list:
    """The entries a change of this kind can address now, in document order."""
    items = list(roadmap.walk_items())
    nodes = list(roadmap.walk_nodes())
    if kind == "toggle":
        return [item for item in items if item.is_checkbox]
    if kind == "fill":
        fills: list[tuple[Item | Node, str]] = []
        for node in nodes:
            if has_placeholder(node.title):
                fills.append((node, "title"))
            if node.duration is not None and has_placeholder(node.duration):
                fills.append((node, "duration"))
        fills.extend((item, "text") for item in items if has_placeholder(item.text))
        return fills
    if kind == "add":  # Resources Library lists, as the app's `a` allows
        return [n for n in nodes if n.is_leaf and n.duration is None and all(i.done is None for i in n.items)]
    if kind == "remove":  # plain entries, as the app's `d` allows
        return [item for item in items if item.done is None]
    assert kind == "text"  # plain entries without a blank: their text is edited
    return [item for item in items if item.done is None and not has_placeholder(item.text)]


def make_ops(count: int, rng: random.Random) -> list[Op]:
    ops: list[Op] = []
    for _ in range(count):
        kind = rng.choices(list(KINDS), weights=list(KINDS.values()))[0]
        if kind == "fill" and rng.random() < 0.2:
            value = "x" * rng.randint(1, 300)
        else:
            value = rng.choice(VALUES)
        if kind in ("add", "text") and not value.strip():
            value = "an entry"
        ops.append((kind, rng.randrange(1 << 30), f"{value} #{rng.randrange(1000)}" if kind != "fill" else value))
    return ops


def apply(store: RoadmapStore, op: Op) -> None:
    """One change, through the store's own methods (as the app makes them)."""
    assert store.roadmap is not None
    kind, pick, value = op
    entries = targets(store.roadmap, kind)
    if not entries:  # e.g. nothing left to remove: toggle instead
        kind, entries = "toggle", targets(store.roadmap, "toggle")
    entry = entries[pick % len(entries)]
    if kind == "toggle":
        store.toggle(entry)
    elif kind == "fill":
        store.set_fill(entry[0], entry[1], value)
    elif kind == "add":
        store.add_entry(entry, value)
    elif kind == "remove":
        store.remove_item(entry)
    else:
        store.set_text(entry, value)


def snapshot(roadmap: Roadmap) -> tuple:
    """Everything a change can alter, to compare states."""
    return (
        tuple(roadmap.selected),
        tuple((i.text, i.done, i.text_fill, i.state, i.started_at, i.done_at) for i in roadmap.walk_items()),
        tuple((n.title, n.title_fill, n.duration, n.duration_fill) for n in roadmap.walk_nodes()),
        (roadmap.n_done, roadmap.n_total),
    )


# The writer process ---------------------------------------------------------------------------


def writer_process(path: Path, ops: list[Op], start: int, report: int) -> None:
    """Runs in the forked child: never returns, never runs the parent's cleanup."""
    try:
        store = RoadmapStore(path, clock=pinned)
        store.load(create=False)
        for number in range(start + 1, len(ops) + 1):
            apply(store, ops[number - 1])
            if not store.flush(STALL_SECONDS) or store.writer.error is not None:
                os.write(report, f"error {store.writer.error!r}\n".encode())
                os._exit(3)
            os.write(report, f"{number}\n".encode())
        os.write(report, b"all done\n")
        while True:  # wait for the kill
            time.sleep(1)
    except BaseException:  # noqa: BLE001 - anything at all goes back to the test
        try:
            os.write(report, ("error " + traceback.format_exc().replace("\n", " | ") + "\n").encode())
        finally:
            os._exit(4)


class Writer:
    """The parent's side of one writer process: its reports, and the kill."""

    def __init__(self, path: Path, ops: list[Op], start: int) -> None:
        read, write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read)
            writer_process(path, ops, start, write)
        os.close(write)
        self.pid, self.read, self.acked, self.buffer = pid, read, start, b""
        self.errors: list[str] = []

    def _take(self, data: bytes) -> None:
        self.buffer += data
        *lines, self.buffer = self.buffer.split(b"\n")
        for line in lines:
            if line.isdigit():
                number = int(line)
                assert number == self.acked + 1, f"reports out of order: {number} after {self.acked}"
                self.acked = number
            else:
                self.errors.append(line.decode(errors="replace"))

    def wait_for(self, acked: int) -> None:
        deadline = time.monotonic() + STALL_SECONDS
        while self.acked < acked and not self.errors:
            ready, _, _ = select.select([self.read], [], [], max(0.0, deadline - time.monotonic()))
            assert ready, f"the writer reported nothing for {STALL_SECONDS} s (stuck at {self.acked})"
            data = os.read(self.read, 4096)
            assert data, f"the writer ended by itself after change {self.acked}: {self.errors}"
            self._take(data)
        assert not self.errors, self.errors

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        _, status = os.waitpid(self.pid, 0)
        while data := os.read(self.read, 4096):  # reports written before the kill
            self._take(data)
        os.close(self.read)
        assert not self.errors, self.errors
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"status {status:#x}"


# The test -------------------------------------------------------------------------------------

LOCK = ".roadmap.toml.lock"  # the saver's lock file: made once, kept by design


def stray_files(folder: Path) -> list[str]:
    """Files in a folder other than the roadmap, its activity log and its lock file: temp files
    left by a kill."""
    if not folder.is_dir():
        return []
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.name not in ("roadmap.toml", "roadmap.activity.jsonl", LOCK)
        and not p.is_dir()
        and not (folder.name == "backups" and p.name.endswith(".toml") and not p.name.startswith("."))
    )


class Reference:
    """The same changes applied by a second store to a copy of the file in a folder of its own."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.store = RoadmapStore(path, clock=pinned)
        self.store.load(create=False)
        self.at = 0  # ops[:at] applied

    def advance(self, op: Op) -> None:
        apply(self.store, op)
        real_fsync, os.fsync = os.fsync, lambda fd: None  # no writer is running now: only ours
        try:  # its durability is not what is tested: skip the fsyncs (half its time)
            assert self.store.flush(STALL_SECONDS) and self.store.writer.error is None
        finally:
            os.fsync = real_fsync
        self.at += 1

    def data(self) -> bytes:
        return self.path.read_bytes()

    def state(self) -> tuple:
        assert self.store.roadmap is not None
        return snapshot(self.store.roadmap)


def test_sigkill_at_random_moments_never_loses_more_than_the_change_in_flight(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    folder, elsewhere = tmp_path / "data", tmp_path / "reference"
    folder.mkdir()
    elsewhere.mkdir()
    path = folder / "roadmap.toml"
    shutil.copyfile(REPO / "data" / "default_roadmap.toml", path)
    shutil.copyfile(path, elsewhere / "roadmap.toml")
    reference = Reference(elsewhere / "roadmap.toml")
    ops = make_ops(KILLS * 8, rng)

    started = time.monotonic()
    in_flight_landed = new_temps = 0
    stray: set[str] = set()
    for kill in range(KILLS):
        writer = Writer(path, ops, reference.at)
        if rng.random() < 0.25:  # in the launch: the load, the backup, the first write
            time.sleep(rng.uniform(0, 0.03))
        else:  # in a later change
            writer.wait_for(reference.at + rng.randint(1, 2))
            time.sleep(rng.uniform(0, 0.006))
        writer.kill()
        acked = writer.acked

        # The file: whole, valid, and a prefix of the changes (at most the one in flight lost).
        data = path.read_bytes()
        state = snapshot(build_roadmap(tomllib.loads(data.decode("utf-8")), path))
        while reference.at < acked:
            reference.advance(ops[reference.at])
        if data != reference.data():
            reference.advance(ops[reference.at])  # then it must be the change in flight, whole
            in_flight_landed += 1
            assert data == reference.data() and state == reference.state(), (
                f"kill {kill}: the file is neither the state after change {acked} (the last reported) "
                f"nor after change {acked + 1} (the one in flight)"
            )
        assert state == reference.state(), f"kill {kill}: the same bytes as the reference, another state"
        left = set(stray_files(folder)) | {f"backups/{name}" for name in stray_files(folder / "backups")}
        new_temps += len(left - stray)
        stray = left

    took = time.monotonic() - started
    print(
        f"\n{KILLS} kills survived in {took:.1f} s; {reference.at} changes on disk, none lost; "
        f"the change in flight landed {in_flight_landed} times; kills left {new_temps} temp files"
    )
    assert reference.at > KILLS, "the writers made progress"

    # The next launch reads the last state and clears the temp files the kills left behind.
    final = RoadmapStore(path)
    assert snapshot(final.load()) == reference.state()
    assert stray_files(folder) == []
    assert stray_files(folder / "backups") == []
    assert final.close(10)
    assert path.read_bytes() == reference.data()


@pytest.mark.parametrize("stopped", ["file", "backup"])
def test_the_next_launch_removes_a_temp_file_left_by_a_kill_before_its_rename(tmp_path: Path, stopped: str) -> None:
    """A kill between writing a temp file and renaming it (the roadmap's, or the session's
    backup, written just before the first save) leaves the temp file; the next launch removes it."""
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "roadmap.toml"
    shutil.copyfile(REPO / "data" / "default_roadmap.toml", path)
    before = path.read_bytes()
    where = folder if stopped == "file" else folder / "backups"
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child: stops for good just before that rename
        try:
            os.close(read)
            real_replace = os.replace

            def stop_before_rename(source: str, target: str) -> None:
                if Path(target).parent != where:
                    real_replace(source, target)
                    return
                os.write(write, b"stopped\n")
                while True:
                    time.sleep(1)

            os.replace = stop_before_rename  # type: ignore[assignment]
            store = RoadmapStore(path)
            roadmap = store.load(create=False)
            store.toggle(next(i for i in roadmap.walk_items() if i.is_counted))
            store.flush()
        finally:
            os._exit(4)
    os.close(write)
    ready, _, _ = select.select([read], [], [], STALL_SECONDS)
    assert ready and os.read(read, 100) == b"stopped\n"
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(read)
    left = stray_files(where)
    assert len(left) == 1 and left[0].endswith(".tmp"), left  # the kill left its temp file
    assert path.read_bytes() == before  # and the file as it was

    RoadmapStore(path).load()  # the next launch
    assert stray_files(folder) == [] and stray_files(folder / "backups") == []
    assert path.read_bytes() == before


def test_one_action_reaches_the_disk_whole_even_if_the_saver_runs_between_its_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checking a topic changes several items (and the topic's flag): a kill must never find half
    of them checked. The saver thread may run at any moment, so here it runs (and writes) after
    every call that hands it changes; each file written must be a state after whole actions."""
    from roadmap_tui.storage import fs
    from roadmap_tui.storage.saver import Saver

    path = tmp_path / "roadmap.toml"
    shutil.copyfile(REPO / "data" / "default_roadmap.toml", path)
    written: list[bytes] = []
    real_write = fs.atomic_write

    def recording_write(target: Path, data: bytes) -> None:
        if Path(target) == path:
            written.append(data)
        real_write(target, data)

    monkeypatch.setattr(fs, "atomic_write", recording_write)
    real_submit = Saver.submit

    def submit_then_let_the_saver_run(self: Saver, *args: object, **kwargs: object) -> None:
        real_submit(self, *args, **kwargs)
        self.flush(STALL_SECONDS)

    monkeypatch.setattr(Saver, "submit", submit_then_let_the_saver_run)
    store = RoadmapStore(path)
    roadmap = store.load(create=False)
    topics = [i for i in roadmap.walk_items() if i.is_checkbox and not i.is_counted and i.n_total > 1]
    for topic in topics[:5]:
        store.toggle(topic)  # all its items at once
    assert store.close(STALL_SECONDS) and store.writer.error is None
    assert written
    for data in written:
        state = build_roadmap(tomllib.loads(data.decode("utf-8")), path)
        for topic in state.walk_items():
            if topic.is_checkbox and not topic.is_counted and topic.n_total > 1:
                assert topic.n_done in (0, topic.n_total), f"half of “{topic.text}” checked on disk"
                assert topic.done == (topic.n_done == topic.n_total), f"“{topic.text}” disagrees with its items"
