"""SIGKILL of the app's saver while it writes the roadmap and its activity log.

A writer process (forked) opens the roadmap with the real store, checks one item after another
(each a key press: `store.toggle`), waits for each to be on disk and reports it. The test kills
it at random moments, then checks what the kill left:

- every line of the log is a whole record or a torn piece alone on its line, and `read` gives
  only whole records;
- nothing is logged that the file does not have (a record is appended after its write);
- the file is ahead of the log by at most the change in flight at each kill (written, killed
  before its record was appended);
- no change is logged twice.

The next writer goes on from what the file says.
"""

from __future__ import annotations

import json
import os
import random
import select
import shutil
import signal
import time
from pathlib import Path

import pytest
from conftest import REPO

from roadmap_tui.core.outline import title_path
from roadmap_tui.storage import activity
from roadmap_tui.storage.store import RoadmapStore

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")
KILLS = 16
STALL_SECONDS = 60.0


def counted(path: Path) -> list[tuple[str, ...]]:
    roadmap = RoadmapStore(path).load(create=False)
    return [tuple(title_path(item)) for item in roadmap.walk_items() if item.is_counted]


def done_in_file(path: Path) -> set[tuple[str, ...]]:
    roadmap = RoadmapStore(path).load(create=False)
    return {tuple(title_path(item)) for item in roadmap.walk_items() if item.is_counted and item.done}


def _writer(path: Path, ack: int) -> None:  # pragma: no cover - the child
    store = RoadmapStore(path)
    roadmap = store.load(create=False)
    for item in [i for i in roadmap.walk_items() if i.is_counted and not i.done]:
        store.toggle(item)
        store.flush()
        os.write(ack, b".")
    os.write(ack, b"!")
    while True:
        time.sleep(1)


def test_a_kill_never_logs_what_the_file_does_not_have(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    shutil.copyfile(REPO / "data" / "default_roadmap.toml", path)
    rng = random.Random(20261202)
    total = len(counted(path))
    for kill in range(1, KILLS + 1):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read_fd)
            try:
                _writer(path, write_fd)
            finally:
                os._exit(1)
        os.close(write_fd)
        finished = False
        try:
            wanted, got = rng.randint(1, 6), 0
            while got < wanted and not finished:
                ready, _, _ = select.select([read_fd], [], [], STALL_SECONDS)
                assert ready, "the writer stopped answering"
                chunk = os.read(read_fd, 100)
                got += chunk.count(b".")
                finished = b"!" in chunk
            # A random moment in the next change: its 25 ms wait for more keys, its write, its
            # record's append (a pause to spread the kills, never something the test waits for).
            time.sleep(rng.uniform(0, 0.06))
            os.kill(pid, signal.SIGKILL)
        finally:
            os.waitpid(pid, 0)
            os.close(read_fd)

        records, _ = activity.read(path)
        logged = [tuple(activity.titles_of(r)) for r in records if r["change"] == "state" and r["to"] == "done"]
        assert len(logged) == len(set(logged)), f"kill {kill}: a change logged twice"
        in_file = done_in_file(path)
        assert set(logged) <= in_file, f"kill {kill}: logged but not in the file: {set(logged) - in_file}"
        assert len(in_file - set(logged)) <= kill, f"kill {kill}: the log fell behind by more than the kills"
        for line in activity.log_file(path).read_bytes().split(b"\n"):
            if line:
                try:
                    assert activity.check_record(json.loads(line)) is None
                except ValueError:
                    assert line.startswith(b'{"at": '), line  # a torn piece, alone on its line
        if finished or len(in_file) == total:
            break
