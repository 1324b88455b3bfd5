"""The activity log of a roadmap: every change the learner made, one JSON record a line.

Where (`log_file`): beside the roadmap file (a symlink followed, as the saver writes the file
it points to), `NAME.toml` -> `NAME.activity.jsonl`; a file not named `*.toml` -> `<its name>-
activity.jsonl` (so no two roadmap files in a folder share a log). The name ends `.jsonl`: no
listing of roadmaps (`*.toml`) or backups mistakes it for one.

A record is the store's (`RoadmapStore._log`): `{"at": ISO 8601 with offset, "entry": [title
path], "change": KIND, ...}`, KIND one of `state` (`from`, `to`), `fill` (`field`, `to`),
`text` (`from`, `to`), `note` (`chars`, 0 = removed), `add` (`text`), `remove`, `review`
(`result`: "remembered" or "forgot", `next_days`: the interval to the next review), `undo` and
`redo` (`action`: what was undone or redone, as the app's toast says it: "check 'Chain rule'";
`of`: the `change` of the action's own record, e.g. "remove"). The saver appends an action's
records once the roadmap file has it (`append`), never before. Two come from commands, for the
roadmap as a whole (`entry` []): `reset` (`done`, `doing`, `skipped`) and `update` (`source`,
`kept`, `moved`, `renamed`, `added`, `removed`, `removed_with_progress`, `put_back`:
`import --update`).

The file is only ever appended to, never rewritten: one `write` per batch with `O_APPEND`, then
fsync (and an fsync of the folder when the file is new), so a kill leaves at most a torn last
line. That line is skipped without a word by `read`; the next `append` starts on a new line, so
the torn piece stays alone and every later record is whole (`read` reports such a line, now in
the middle, as a problem, as it does a line someone broke by hand, and goes on).

Stdlib, `fs` and `paths` only.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import NamedTuple

from roadmap_tui import paths
from roadmap_tui.storage import fs

SUFFIX = ".activity.jsonl"
OTHER_SUFFIX = "-activity.jsonl"  # a roadmap file not named *.toml
MAX_LOG_BYTES = 256 * 1024 * 1024  # a log bigger than this is not read (years of changes are far less)
Record = dict[str, object]


def log_file(roadmap: str | os.PathLike[str]) -> Path:
    """The activity log of the roadmap file `roadmap` (beside the file it really is)."""
    real = Path(os.path.realpath(os.fspath(roadmap)))
    name = real.name
    if name.endswith(".toml") and len(name) > len(".toml"):
        stem, suffix = name[: -len(".toml")], SUFFIX
    else:
        stem, suffix = name, OTHER_SUFFIX
    return real.parent / f"{paths.fit_name(stem, 255 - len(suffix))}{suffix}"  # (a long name: shortened)


def is_log(path: str | os.PathLike[str]) -> bool:
    """Whether a file name is an activity log's (for listings of a folder)."""
    return os.fspath(path).endswith((SUFFIX, OTHER_SUFFIX))


def kept_with(backup: Path) -> Path:
    """Where a removed roadmap's log is kept: beside its backup, named after it
    (`cs.toml.<time>.before-remove.toml` -> `cs.toml.<time>.before-remove.activity.jsonl`; no
    listing of backups, which end `.toml`, takes it for one)."""
    name = backup.name[: -len(".toml")] if backup.name.endswith(".toml") else backup.name
    return backup.with_name(f"{name}{SUFFIX}")


def keep_aside(roadmap: Path, backup: Path | None) -> Path | None:
    """Move `roadmap`'s log (it is being removed) into its backups folder, beside `backup`
    (`kept_with`), or under a name of its own when that place is taken or there is no backup.
    Returns where it went (None: it had no log); OSError if it cannot be moved."""
    log = log_file(roadmap)
    if not log.exists() and not log.is_symlink():
        return None
    target = kept_with(backup) if backup is not None else None
    moment = datetime.now(timezone.utc)
    # (a backup found to hold the same bytes is reused: its log's place may be taken)
    while target is None or target.exists() or target.is_symlink():
        stamp = moment.strftime("%Y%m%dT%H%M%S.%fZ")
        target = paths.backup_dir(roadmap) / f"{paths.backup_key(roadmap)}.{stamp}.before-remove{SUFFIX}"
        moment += timedelta(microseconds=1)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(log, target)
    fs.fsync_dir(target.parent)
    return target


def bring_back(roadmap: Path, backup: Path) -> Path | None:
    """Put the log kept with `backup` back beside `roadmap` (just restored from it). Returns its
    place, or None: no log was kept with it, the roadmap has one already, or it cannot be moved
    (it then stays where it was)."""
    kept, place = kept_with(backup), log_file(roadmap)
    if not kept.is_file() or place.exists() or place.is_symlink():
        return None
    try:
        os.replace(kept, place)
    except OSError:
        return None
    fs.fsync_dir(place.parent)
    return place


# Writing ----------------------------------------------------------------------------------


def _line(record: Mapping[str, object]) -> bytes:
    """One record as a line of UTF-8 JSON (text as it is; a string that is not valid Unicode
    falls back to \\u escapes, so a record is never lost to its encoding)."""
    text = json.dumps(record, ensure_ascii=False)
    try:
        return (text + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(record, ensure_ascii=True) + "\n").encode("ascii")


def _mode_like(roadmap: Path) -> int:
    """The roadmap file's mode (a private roadmap gets a private log), else a new file's."""
    try:
        return stat.S_IMODE(os.stat(roadmap).st_mode) & 0o666
    except OSError:
        return fs.new_file_mode()


def _open_for_append(path: Path, mode: int) -> tuple[int, bool]:
    """An fd on the log, opened to append (created with `mode` if missing), and whether it was
    created. A named pipe or a folder in its place is an OSError, never a hang."""
    flags = os.O_RDWR | os.O_APPEND | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
    created = False
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        try:
            fd = os.open(path, flags | os.O_CREAT | os.O_EXCL, mode)
            created = True
        except FileExistsError:  # another process made it just now
            fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
        if created:
            os.fchmod(fd, mode)  # exactly the roadmap's mode, whatever the umask
    except BaseException:
        os.close(fd)
        raise
    return fd, created


def append(roadmap: str | os.PathLike[str], records: Sequence[Mapping[str, object]]) -> None:
    """Append `records` to `roadmap`'s activity log, in one write, and fsync it.

    If the log does not end with a newline (a line torn by a kill), the write starts with one.
    Raises OSError when the log cannot be written (the caller keeps the records to try again).
    """
    if not records:
        return
    path = log_file(roadmap)
    data = b"".join(_line(record) for record in records)
    fd, created = _open_for_append(path, _mode_like(Path(os.path.realpath(os.fspath(roadmap)))))
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            data = b"\n" + data
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)
    if created:
        fs.fsync_dir(path.parent)


# Reading ----------------------------------------------------------------------------------


class Activity(NamedTuple):
    """What `read` found: the records, oldest first (in the order they were appended), and a
    line for each line it could not use."""

    records: list[Record]
    problems: list[str]


def record_time(record: Mapping[str, object]) -> datetime:
    """When a record's change was made (`read` only returns records whose time reads)."""
    at = record["at"]
    assert isinstance(at, str)
    return datetime.fromisoformat(at)


def check_record(record: object) -> str | None:
    """Why `record` is not a usable activity record, or None if it is."""
    if not isinstance(record, dict):
        return "not a JSON object"
    at, entry, change = record.get("at"), record.get("entry"), record.get("change")
    if not isinstance(at, str):
        return "no time (at)"
    try:
        moment = datetime.fromisoformat(at)
        if moment.tzinfo is not None:
            # in UTC, and a day either way for any local time, still in the calendar
            (moment.astimezone(timezone.utc) - timedelta(days=1)) + timedelta(days=2)
    except (ValueError, OverflowError):
        return f"the time {at[:40]!r} does not read"
    if moment.tzinfo is None:
        return f"the time {at[:40]!r} has no UTC offset"
    if not (isinstance(entry, list) and all(isinstance(title, str) for title in entry)):
        return "no entry (a list of titles)"
    if not isinstance(change, str) or not change:
        return "no change"
    return None


def _parse(line: bytes) -> tuple[Record | None, str]:
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        return None, "not UTF-8"
    except (ValueError, RecursionError):  # (a line of a million brackets)
        if line.startswith(b"{") and not line.rstrip().endswith(b"}"):
            return None, "cut short (the app was stopped while writing it)"
        return None, "not JSON"
    why = check_record(record)
    return (record, "") if why is None else (None, why)


def parse_lines(data: bytes) -> Activity:
    """The records in a log's bytes (see `read`)."""
    lines = data.split(b"\n")  # not splitlines: U+2028 and friends may be in a record's text
    torn = lines.pop()  # after the last newline: "" in a whole log, else a line a kill tore
    records: list[Record] = []
    problems: list[str] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        record, why = _parse(line)
        if record is None:
            problems.append(f"line {number}: {why}")
        else:
            records.append(record)
    if torn.strip():
        record, _ = _parse(torn)
        if record is not None:  # whole but for its newline
            records.append(record)
    return Activity(records, problems)


def read(roadmap: str | os.PathLike[str]) -> Activity:
    """The records of `roadmap`'s activity log, oldest first, and its problems; never raises.

    A torn last line is skipped with no problem; a bad line in the middle is skipped and named
    in `problems`; a log that cannot be read is no records and one problem saying why. No log
    (nothing changed yet) is no records and no problems.
    """
    path = log_file(roadmap)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return Activity([], [])
    except OSError as error:
        return Activity([], [f"{path} cannot be read: {error.strerror or error}"])
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return Activity([], [f"{path} is not a regular file"])
        if info.st_size > MAX_LOG_BYTES:
            return Activity([], [f"{path} is {info.st_size:,} bytes; at most {MAX_LOG_BYTES:,} are read"])
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    except OSError as error:
        return Activity([], [f"{path} cannot be read: {error.strerror or error}"])
    finally:
        os.close(fd)
    found = parse_lines(b"".join(chunks))
    return Activity(found.records, [f"{path}, {problem}" for problem in found.problems])


# Words ------------------------------------------------------------------------------------


def _quoted(value: object, limit: int = 60) -> str:
    text = str(value)
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def describe(record: Mapping[str, object]) -> str:
    """What a record's change was, in words: `todo → done`, `note edited (120 chars)`..."""
    change = record.get("change")
    if change == "state":
        return f"{record.get('from') or 'todo'} → {record.get('to') or 'todo'}"
    if change == "fill":
        field, value = str(record.get("field") or "?"), record.get("to")
        field = field[:1].upper() + field[1:]  # as the app labels it: Duration
        return f"filled {field}: {value}" if value else f"cleared {field}"
    if change == "text":
        return f"text {_quoted(record.get('from', ''))} → {_quoted(record.get('to', ''))}"
    if change == "note":
        chars = record.get("chars")
        if chars == 0:
            return "note removed"
        return f"note edited ({chars} chars)" if isinstance(chars, int) else "note edited"
    if change == "add":
        return f"added {_quoted(record.get('text', ''))}"
    if change == "remove":
        return "removed"
    if change == "rename":
        return f"renamed {_quoted(record.get('from', ''))} → {_quoted(record.get('to', ''))}"
    if change == "move":  # (structure: "move up", "move down", "indent", "outdent")
        return str(record.get("how") or change)
    if change == "review":
        days = record.get("next_days")
        after = f"{days} day{'' if days == 1 else 's'}" if isinstance(days, int) else ""
        if record.get("result") == "forgot":
            return f"forgot (back to {after})" if after else "forgot"
        return f"reviewed (next in {after})" if after else "reviewed"
    if change in ("undo", "redo"):
        action = record.get("action")
        verb = "undid" if change == "undo" else "redid"
        return f"{verb}: {action}" if isinstance(action, str) and action else verb
    if change == "reset":
        counts = [(record.get(key), key) for key in ("done", "doing", "skipped")]
        said = ", ".join(f"{n} {key}" for n, key in counts if isinstance(n, int) and n)
        return f"progress reset ({said})" if said else "progress reset"
    if change == "update":  # `import FILE --update NAME` (library/update.py)
        counts = [(record.get(key), key) for key in ("kept", "renamed", "added", "removed")]
        said = ", ".join(f"{n} {key}" for n, key in counts if isinstance(n, int))
        source = os.path.basename(str(record.get("source") or "")) or "a newer file"
        return f"updated from {source}: {said}" if said else f"updated from {source}"
    return str(change)


def breadcrumb(titles: Iterable[str]) -> str:
    """`Phase › Section › Topic › Item`."""
    return " › ".join(titles)


# What the saver keeps for the log -------------------------------------------------------


class LogWriteError(Exception):
    """The roadmap was saved, but its activity log could not be written: the records wait in
    memory and go with the next round."""

    def __init__(self, error: Exception, waiting: int) -> None:
        why = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        plural = waiting != 1
        super().__init__(
            f"your changes are saved, but the activity log could not be written ({why}); "
            f"{waiting} record{'s' if plural else ''} wait{'' if plural else 's'} for the next save"
        )
        self.error = error
        self.waiting = waiting


class Backlog:
    """The saver's records whose changes are in the roadmap file but not yet in its log.

    `write` appends them all (oldest first, one write) and never raises: on failure they stay,
    `error` says why, and the next `write` tries again. At most `limit` are kept (the oldest go
    first, counted in `dropped`).
    """

    def __init__(self, roadmap: Path, limit: int = 200_000) -> None:
        self.roadmap = roadmap
        self.limit = limit
        self.records: list[Record] = []
        self.error: LogWriteError | None = None
        self.dropped = 0
        self.tried = False  # a write was tried since `take_tried`

    def add(self, records: Iterable[Record]) -> None:
        self.records.extend(records)

    def write(self) -> None:
        if not self.records:
            return
        self.tried = True
        try:
            append(self.roadmap, self.records)
        except Exception as problem:  # noqa: BLE001 - the roadmap is saved whatever the log does
            extra = len(self.records) - self.limit
            if extra > 0:
                del self.records[:extra]
                self.dropped += extra
            self.error = LogWriteError(problem, len(self.records))
            return
        self.records = []
        self.error = None

    def take_tried(self) -> bool:
        """Whether a write was tried since the last call (so the result is worth reporting)."""
        tried, self.tried = self.tried, False
        return tried


def without_lost(
    logs: Sequence[tuple[Record, ...]], lost: Sequence[tuple[tuple[str, ...], tuple[Record, ...]]]
) -> list[tuple[Record, ...]]:
    """The records to keep, change by change, when some changes of the same round were `lost`
    (each: its title path, its records) because their entries are gone from the file: records
    about those entries go; the other records of a lost change (an action's ride on its last
    change) join the last of `logs`, or go if there is none."""
    gone = {titles for titles, _ in lost}

    def kept(log: Iterable[Record]) -> tuple[Record, ...]:
        return tuple(record for record in log if titles_of(record) not in gone)

    result = [kept(log) for log in logs]
    orphans = tuple(record for _, log in lost for record in kept(log))
    if orphans and result:
        result[-1] = (*result[-1], *orphans)
    return result


def titles_of(record: Mapping[str, object]) -> tuple[str, ...]:
    """The title path of a record's entry."""
    entry = record.get("entry")
    return tuple(str(title) for title in entry) if isinstance(entry, (list, tuple)) else ()
