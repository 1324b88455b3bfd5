"""The activity log: where it lives, appending, reading back, and surviving a kill."""

from __future__ import annotations

import json
import os
import random
import select
import signal
import stat
from pathlib import Path

import pytest

from roadmap_tui import library, paths
from roadmap_tui.storage import activity

AT = "2026-12-01T19:05:00+01:00"


def rec(n: int, change: str = "state", **fields: object) -> dict[str, object]:
    return {"at": AT, "entry": ["Phase", "Topic", f"Item {n}"], "change": change, **fields}


@pytest.fixture
def roadmap(tmp_path: Path) -> Path:
    path = tmp_path / "roadmap.toml"
    path.write_text("", encoding="utf-8")
    return path


# Where -----------------------------------------------------------------------------------


def test_the_log_sits_beside_the_roadmap(tmp_path: Path) -> None:
    assert activity.log_file(tmp_path / "cs.toml") == tmp_path / "cs.activity.jsonl"
    # Another file name keeps its whole name, with an ending no *.toml log has: no two share one.
    assert activity.log_file(tmp_path / "cs") == tmp_path / "cs-activity.jsonl"
    assert activity.log_file(tmp_path / "cs.txt") == tmp_path / "cs.txt-activity.jsonl"
    assert activity.log_file(tmp_path / "cs.toml") != activity.log_file(tmp_path / "cs")
    assert activity.is_log(tmp_path / "cs.activity.jsonl") and activity.is_log("cs-activity.jsonl")
    assert not activity.is_log("cs.toml")


def test_the_log_of_a_symlinked_roadmap_is_beside_the_real_file(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "ml.toml"
    real.parent.mkdir()
    real.write_text("", encoding="utf-8")
    link = tmp_path / "roadmap.toml"
    link.symlink_to(real)
    assert activity.log_file(link) == real.parent / "ml.activity.jsonl"


def test_a_long_roadmap_name_gives_a_log_name_that_fits(tmp_path: Path) -> None:
    for name, suffix in [("é" * 100 + ".toml", activity.SUFFIX), ("é" * 125 + ".toml", activity.SUFFIX),
                         ("x" * 255, activity.OTHER_SUFFIX)]:
        log = activity.log_file(tmp_path / name)
        assert len(os.fsencode(log.name)) <= 255 and log.name.endswith(suffix), name
    assert activity.log_file(tmp_path / ("é" * 125 + ".toml")) != activity.log_file(tmp_path / ("é" * 126 + ".toml"))


def test_the_log_is_not_listed_as_a_roadmap() -> None:
    folder = paths.data_dir()
    folder.mkdir(parents=True)
    (folder / "roadmap.toml").write_text("", encoding="utf-8")
    activity.append(folder / "roadmap.toml", [rec(1)])
    assert (folder / "roadmap.activity.jsonl").is_file()
    assert [name for name, _ in library.list_roadmaps()] == ["roadmap"]


# Appending and reading ---------------------------------------------------------------------


def test_records_are_appended_one_a_line_and_read_back_oldest_first(roadmap: Path) -> None:
    activity.append(roadmap, [rec(1), rec(2)])
    activity.append(roadmap, [rec(3, "note", chars=12)])
    activity.append(roadmap, [])  # nothing: no write
    raw = activity.log_file(roadmap).read_bytes()
    assert raw.count(b"\n") == 3 and raw.endswith(b"\n")
    records, problems = activity.read(roadmap)
    assert problems == []
    assert [r["entry"][-1] for r in records] == ["Item 1", "Item 2", "Item 3"]  # type: ignore[index]
    assert records[2] == rec(3, "note", chars=12)


def test_text_is_written_as_it_is_and_stays_on_one_line(roadmap: Path) -> None:
    hostile = "日本語 🚀 \x1b[2J line\nbreak \u2028 sep \"q\" \\"
    activity.append(roadmap, [rec(1, "add", text=hostile)])
    raw = activity.log_file(roadmap).read_bytes()
    assert "日本語 🚀".encode() in raw  # UTF-8, not \u escapes
    assert raw.count(b"\n") == 1  # the newline in the text is escaped
    [record], problems = activity.read(roadmap)
    assert record["text"] == hostile and problems == []


def test_a_new_log_has_the_roadmaps_mode(roadmap: Path) -> None:
    roadmap.chmod(0o600)
    activity.append(roadmap, [rec(1)])
    assert stat.S_IMODE(activity.log_file(roadmap).stat().st_mode) == 0o600


def test_a_log_for_a_roadmap_not_written_yet_gets_a_new_files_mode(tmp_path: Path) -> None:
    activity.append(tmp_path / "new.toml", [rec(1)])
    from roadmap_tui.storage import fs

    assert stat.S_IMODE((tmp_path / "new.activity.jsonl").stat().st_mode) == fs.new_file_mode()


def test_no_log_is_no_records_and_no_problems(roadmap: Path) -> None:
    assert activity.read(roadmap) == ([], [])


def test_a_torn_last_line_is_skipped_without_a_problem(roadmap: Path) -> None:
    activity.append(roadmap, [rec(1), rec(2)])
    log = activity.log_file(roadmap)
    whole = log.read_bytes()
    log.write_bytes(whole + activity._line(rec(3))[:25])  # a kill in the middle of a write
    records, problems = activity.read(roadmap)
    assert [r["entry"][-1] for r in records] == ["Item 1", "Item 2"]  # type: ignore[index]
    assert problems == []


def test_a_last_line_whole_but_for_its_newline_is_kept(roadmap: Path) -> None:
    activity.log_file(roadmap).write_bytes(activity._line(rec(1)) + activity._line(rec(2)).rstrip(b"\n"))
    records, problems = activity.read(roadmap)
    assert len(records) == 2 and problems == []


def test_an_append_after_a_torn_line_starts_a_new_line(roadmap: Path) -> None:
    log = activity.log_file(roadmap)
    log.write_bytes(activity._line(rec(1)) + activity._line(rec(2))[:30])
    activity.append(roadmap, [rec(3), rec(4)])
    raw = log.read_bytes()
    assert raw.split(b"\n")[1] == activity._line(rec(2))[:30]  # the torn piece stays alone
    records, problems = activity.read(roadmap)
    assert [r["entry"][-1] for r in records] == ["Item 1", "Item 3", "Item 4"]  # type: ignore[index]
    assert problems == [f"{log}, line 2: cut short (the app was stopped while writing it)"]


def test_bad_lines_in_the_middle_are_reported_and_skipped(roadmap: Path) -> None:
    lines = [
        activity._line(rec(1)),
        b"not json\n",
        b"[1, 2]\n",
        b'{"at": "yesterday", "entry": [], "change": "state"}\n',
        b'{"at": "2026-12-01T19:05:00", "entry": [], "change": "state"}\n',
        b'{"at": "2026-12-01T19:05:00+01:00", "entry": "x", "change": "state"}\n',
        b'{"at": "2026-12-01T19:05:00+01:00", "entry": []}\n',
        b"\xff\xfe\n",
        b"[" * 100_000 + b"]" * 100_000 + b"\n",
        b"\n",  # a blank line: nothing to say
        activity._line(rec(2)),
    ]
    activity.log_file(roadmap).write_bytes(b"".join(lines))
    records, problems = activity.read(roadmap)
    assert [r["entry"][-1] for r in records] == ["Item 1", "Item 2"]  # type: ignore[index]
    assert [p.split(", ", 1)[1] for p in problems] == [
        "line 2: not JSON",
        "line 3: not a JSON object",
        "line 4: the time 'yesterday' does not read",
        "line 5: the time '2026-12-01T19:05:00' has no UTC offset",
        "line 6: no entry (a list of titles)",
        "line 7: no change",
        "line 8: not UTF-8",
        "line 9: not JSON",
    ]


@pytest.mark.parametrize("kind", ["folder", "fifo", "unreadable"])
def test_a_log_that_cannot_be_read_is_a_problem_not_an_exception(roadmap: Path, kind: str) -> None:
    log = activity.log_file(roadmap)
    if kind == "folder":
        log.mkdir()
    elif kind == "fifo":
        os.mkfifo(log)
    else:
        log.write_bytes(activity._line(rec(1)))
        log.chmod(0)
        if os.access(log, os.R_OK):
            pytest.skip("running as root: every file reads")
    records, problems = activity.read(roadmap)  # never hangs on the pipe
    assert records == [] and len(problems) == 1 and str(log) in problems[0]
    with pytest.raises(OSError):
        activity.append(roadmap, [rec(2)])  # an OSError, for the saver to report


def test_a_log_too_big_to_read_is_a_problem(roadmap: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    activity.append(roadmap, [rec(1)])
    monkeypatch.setattr(activity, "MAX_LOG_BYTES", 10)
    records, problems = activity.read(roadmap)
    assert records == [] and "at most 10 are read" in problems[0]


def test_describe_says_what_changed() -> None:
    said = [
        activity.describe(r)
        for r in [
            rec(1, "state", **{"from": "todo", "to": "done"}),
            rec(1, "fill", field="duration", to="3 months"),
            rec(1, "fill", field="duration", to=""),
            rec(1, "text", **{"from": "Old", "to": "New"}),
            rec(1, "note", chars=120),
            rec(1, "note", chars=0),
            rec(1, "add", text="A book"),
            rec(1, "remove"),
            rec(1, "move"),  # a kind from a later release: its name
        ]
    ]
    assert said == [
        "todo → done",
        "filled Duration: 3 months",
        "cleared Duration",
        "text “Old” → “New”",
        "note edited (120 chars)",
        "note removed",
        "added “A book”",
        "removed",
        "move",
    ]


# A kill in the middle of an append -----------------------------------------------------------


def payload(n: int) -> str:
    return f"{n:08d}" + "abcdefghij" * (2000 + n % 50)  # ~20 KB: a write takes a while


def _appender(roadmap: Path, start: int, ack: int, go: int | None) -> None:
    """The child: append batches of records forever, saying on `ack` after each how far it got.

    A write to a local disk is not cut short by a kill, so with a `go` pipe each `os.write`
    takes at most 4 KB, as a short write (a full disk, a network file system) does, and after
    each piece the child says so and waits for the parent's go: a kill there tears a line, as a
    power cut would."""
    real_write = os.write
    if go is not None:

        def short_write(fd: int, data: bytes) -> int:
            written = real_write(fd, bytes(data[:4096]))
            real_write(ack, b".")
            os.read(go, 1)
            return written

        os.write = short_write  # type: ignore[assignment]
    n = start
    while True:
        activity.append(roadmap, [rec(n, "add", text=payload(n)), rec(n + 1, "add", text=payload(n + 1))])
        n += 2
        if go is None:
            real_write(ack, b".")


def _wait_for(fd: int, count: int, go: int | None = None) -> None:
    got = 0
    while got < count:
        ready, _, _ = select.select([fd], [], [], 60)
        assert ready, "the appender stopped answering"
        got += len(os.read(fd, 1 if go is not None else 4096))
        if go is not None and got < count:
            os.write(go, b"g")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")
def test_a_kill_in_the_middle_of_an_append_leaves_only_whole_records(roadmap: Path) -> None:
    """Killed at random moments (half of the times right after a piece of a write): every line
    read back is a whole record, and the next append works."""
    rng = random.Random(20261202)
    next_n = 0
    torn = 0
    for kill in range(16):
        read_fd, write_fd = os.pipe()
        go_read, go_write = os.pipe() if kill % 2 else (None, None)
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read_fd)
            try:
                _appender(roadmap, next_n, write_fd, go_read)
            finally:
                os._exit(1)
        os.close(write_fd)
        try:
            _wait_for(read_fd, rng.randint(1, 40), go_write)  # batches, or 4 KB pieces of them
            for _ in range(rng.randint(0, 3000)):  # and a random moment after
                pass
            os.kill(pid, signal.SIGKILL)
        finally:
            os.waitpid(pid, 0)
            for fd in (read_fd, go_read, go_write):
                if fd is not None:
                    os.close(fd)
        torn += not activity.log_file(roadmap).read_bytes().endswith(b"\n")
        records, _ = activity.read(roadmap)
        for record in records:  # every record read back is whole
            assert record["text"] == payload(int(str(record["text"])[:8]))
            assert record["entry"] == ["Phase", "Topic", f"Item {int(str(record['text'])[:8])}"]
        # the next append works, and its records come back whole, last
        last = int(str(records[-1]["text"])[:8]) if records else 0
        next_n = last + 1000
        activity.append(roadmap, [rec(next_n, "add", text=payload(next_n))])
        again, _ = activity.read(roadmap)
        assert again[: len(records)] == records
        assert again[-1] == rec(next_n, "add", text=payload(next_n))
        next_n += 1
    assert torn, "no kill tore a line: the test did not test the torn case"
    # Every line of the file is a whole record or a torn piece alone on its line.
    for line in activity.log_file(roadmap).read_bytes().split(b"\n"):
        if line:
            try:
                json.loads(line)
            except ValueError:
                # a piece of a record: its start, however short (a kill may cut inside `{"at": `)
                assert line.startswith(b'{"at": ') or b'{"at": '.startswith(line)
