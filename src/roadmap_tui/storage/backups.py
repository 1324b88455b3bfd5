"""Backups of a roadmap file: copies in a `backups/` folder beside it.

A backup is named `<file name>.<UTC time>.<reason>.toml`, e.g.
`roadmap.toml.20250314T092653.123456Z.launch.toml`: the names sort by time, and the reason (its
*kind*) says what made it (`launch`, `before-reset`, `before-restore`, `before-import`,
`before-update`, `before-remove`, `schema-N` before an upgrade). The whole file name keys them, so `work.toml`
and `work.roadmap` beside it each have their own; older backups of a `NAME.toml`, named
`NAME.<UTC time>.<reason>.toml`, are still its backups.

Two kinds are pruned apart, so that launching the app never pushes out the backup that undoes a
reset: `launch` backups (the app's first save of a session) rotate on their own, the newest 20
kept; every other kind (taken before something that replaces or deletes the file) is deleted
only when it is both beyond the newest 20 of those and older than 30 days.
A copy is written atomically (`fs.atomic_write`), so a backup is always a whole file, and a
backup is used only if it reads and validates as a roadmap (`reader.read_roadmap`). Where the
backups go and what their names start with are paths (`paths.backup_dir`, `paths.backup_key`).
No UI here (no Textual): the app and the command line both use it; it never imports the store.
"""

from __future__ import annotations

import errno
import os
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

from roadmap_tui.errors import Problem, RoadmapError
from roadmap_tui.paths import backup_dir, backup_key, fit_name
from roadmap_tui.storage import fs
from roadmap_tui.storage.reader import read_bounded, read_roadmap

MAX_BACKUPS = 20  # backups taken before a command: at least this many are kept...
KEEP_DAYS = 30  # ...and none younger than this is deleted
MAX_LAUNCH_BACKUPS = 20  # `launch` backups: the newest this many
LAUNCH = "launch"
_TIME_FORMAT = "%Y%m%dT%H%M%S.%fZ"
_TIME_RE = r"\d{8}T\d{6}\.\d{6}Z"
_REASON_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


def _stamp(moment: datetime) -> str:
    return moment.strftime(_TIME_FORMAT)


def _pattern(path: Path) -> re.Pattern[str]:
    path = Path(path)
    keys = [re.escape(backup_key(path))]
    # Backups made before the whole file name keyed them start with the stem. Such a name is
    # `path`'s only if no file beside it is named that stem (`work` beside `work.toml`, whose
    # own backups start the same way): a restore must never pick another file's backup.
    if path.suffix == ".toml" and not (path.parent / path.stem).exists():
        keys.append(re.escape(path.stem))
    return re.compile(rf"(?:{'|'.join(keys)})\.({_TIME_RE})\.([a-z0-9-]+)\.toml")


def backup_time(backup: Path) -> datetime | None:
    """When a backup was taken (UTC), read from its name; None for a name of another shape."""
    match = re.search(rf"\.({_TIME_RE})\.[a-z0-9-]+\.toml$", Path(backup).name)
    if match is None:
        return None
    try:
        return datetime.strptime(match.group(1), _TIME_FORMAT).replace(tzinfo=timezone.utc)
    except ValueError:  # digits that are no time (a month 13): not a backup
        return None


def backup_reason(backup: Path) -> str:
    """What made a backup (`launch`, `before-reset`...), read from its name."""
    match = re.search(rf"\.{_TIME_RE}\.([a-z0-9-]+)\.toml$", Path(backup).name)
    return match.group(1) if match else ""


def is_launch(backup: Path) -> bool:
    """Whether a backup is a `launch` one (rotated on its own), not one taken before a command."""
    return backup_reason(backup) == LAUNCH


def list_backups(path: Path) -> list[Path]:
    """`path`'s backups, newest first (only this file's: other roadmaps' are left out)."""
    pattern = _pattern(path)
    try:
        entries = list(backup_dir(path).iterdir())
    except OSError:
        return []
    found = []
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is not None and backup_time(entry) is not None and entry.is_file():
            found.append((match.group(1), entry.name, entry))
    found.sort(reverse=True)
    return [entry for _, _, entry in found]


def strays(path: Path) -> list[Path]:
    """Files in `path`'s backups folder named like its backups that are not (a time that is no
    time, a folder): ignored by everything, listed by `roadmap-tui backups` as "not a backup"."""
    pattern = _pattern(path)
    try:
        entries = list(backup_dir(path).iterdir())
    except OSError:
        return []
    kept = set(list_backups(path))
    return sorted(
        (e for e in entries if e not in kept and pattern.fullmatch(e.name) is not None), key=lambda e: e.name
    )


def _make_folder(folder: Path) -> None:
    """Make the backups folder; an OSError that names it (not the roadmap) if it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OSError(
            errno.ENOTDIR, f"{folder} is not a folder, so no backup can be made there: move it away"
        ) from None
    except OSError as error:
        raise OSError(error.errno, f"the backups folder {folder} cannot be made: {error.strerror or error}") from None


def make_backup(path: Path, reason: str = "launch") -> Path | None:
    """Copy `path` as it is now into its backups folder; None if there is no file to copy.

    If the newest backup already holds exactly these bytes, and is kept at least as long as
    this one would be (a `launch` copy is enough for a launch; any other kind needs one that is
    not `launch`), no new copy is made and that backup is returned. Then old backups are pruned
    (see `prune`).
    """
    if not _REASON_RE.fullmatch(reason):
        raise ValueError(f"a backup reason is lower-case letters, digits and '-', not {reason!r}")
    path = Path(path)
    try:
        data = read_bounded(path)  # a named pipe or a device: RoadmapError, never a hang
    except FileNotFoundError:
        return None
    existing = list_backups(path)
    if existing and (reason == LAUNCH or not is_launch(existing[0])):
        try:
            if read_bounded(existing[0]) == data:
                return existing[0]
        except (OSError, RoadmapError):
            pass
    folder = backup_dir(path)
    _make_folder(folder)
    moment = datetime.now(timezone.utc)
    if existing:
        # The names must sort in the order the backups were made, even if the clock went back
        # (but not past the year 9999: then the clock's own time).
        newest = backup_time(existing[0])
        if newest is not None and moment <= newest and newest < datetime.max.replace(tzinfo=timezone.utc):
            moment = newest + timedelta(microseconds=1)
    key = backup_key(path)
    while True:
        target = folder / f"{key}.{_stamp(moment)}.{reason}.toml"
        if not any(p.name.startswith(f"{key}.{_stamp(moment)}.") for p in folder.iterdir()):
            break
        moment += timedelta(microseconds=1)
    fs.atomic_write(target, data)
    prune(path)
    return target


def prune(path: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups of `path` that are no longer kept; returns them.

    `launch` backups beyond the newest `MAX_LAUNCH_BACKUPS` go. Any other kind goes only when
    it is beyond the newest `MAX_BACKUPS` of those and its name says it is older than
    `KEEP_DAYS` days (one whose time can't be read is kept).
    """
    now = now or datetime.now(timezone.utc)
    launches: list[Path] = []
    others: list[Path] = []
    for backup in list_backups(path):
        (launches if is_launch(backup) else others).append(backup)
    doomed = launches[MAX_LAUNCH_BACKUPS:]
    for backup in others[MAX_BACKUPS:]:
        taken = backup_time(backup)
        if taken is not None and now - taken > timedelta(days=KEEP_DAYS):
            doomed.append(backup)
    removed = []
    for old in doomed:
        try:
            old.unlink()
        except FileNotFoundError:
            pass
        removed.append(old)
    return removed


def check_backup(backup: Path) -> None:
    """Raise `RoadmapError` (naming the backup) unless it is a roadmap the app can open."""
    read_roadmap(Path(backup))


def newest_valid_backup(path: Path) -> Path | None:
    """The newest backup of `path` that reads and validates as a roadmap, or None."""
    for backup in list_backups(path):
        try:
            check_backup(backup)
        except RoadmapError:
            continue
        return backup
    return None


def find_backup(path: Path, name: str) -> Path:
    """The backup of `path` called `name` (a file name in its backups folder), or `RoadmapError`."""
    folder = backup_dir(path)
    if not name or Path(name).name != name or name in (".", ".."):
        raise RoadmapError(name, [Problem("", f"is not a backup name (`roadmap-tui backups` lists those of {path})")])
    if _pattern(path).fullmatch(name) is None:
        raise RoadmapError(
            folder / name, [Problem("", f"is not a backup of {path} (`roadmap-tui backups` lists them)")]
        )
    candidate = folder / name
    if not candidate.is_file():
        raise RoadmapError(candidate, [Problem("", "no such backup (`roadmap-tui backups` lists them)")])
    return candidate


def restore(path: Path, backup: Path | str | None = None) -> Path:
    """Put a backup back in place of `path`; returns the backup used.

    `backup` None means the newest valid one; a str is a backup's name in `path`'s backups
    folder; a Path is used as it is. The backup is validated first (`RoadmapError` if it
    cannot be used, and nothing changes); the current file, if any, is backed up
    (`before-restore`) before it is replaced atomically.
    """
    path = Path(path)
    if backup is None:
        chosen = newest_valid_backup(path)
        if chosen is None:
            raise RoadmapError(path, [Problem("", f"has no usable backup in {backup_dir(path)}")])
    elif isinstance(backup, str):
        chosen = find_backup(path, backup)
    else:
        chosen = Path(backup)
    data = read_roadmap(chosen).data  # validated first: nothing changes if it can't be used
    if path.exists():
        make_backup(path, "before-restore")
    path.parent.mkdir(parents=True, exist_ok=True)
    fs.atomic_write(path, data)
    return chosen


def move_aside(path: Path) -> Path:
    """Rename an unusable file to `<name>.broken-<UTC time>` beside it; returns the new path."""
    path = Path(path)
    moment = datetime.now(timezone.utc)
    while True:
        target = path.with_name(f"{fit_name(path.name, 220)}.broken-{_stamp(moment)}")
        if not target.exists() and not target.is_symlink():
            break
        moment += timedelta(microseconds=1)
    os.replace(path, target)
    return target


def keep_text(path: Path, text: str, what: str = "lost-note") -> Path:
    """Keep `text` (a note whose entry another program removed while it was being written) in
    `path`'s backups folder as `KEY.<UTC time>.<what>.md`; its path. OSError if it cannot be."""
    folder = backup_dir(path)
    _make_folder(folder)
    moment = datetime.now(timezone.utc)
    key = backup_key(path)
    target = folder / f"{key}.{_stamp(moment)}.{what}.md"
    while target.exists():
        moment += timedelta(microseconds=1)
        target = folder / f"{key}.{_stamp(moment)}.{what}.md"
    fs.atomic_write(target, (text.rstrip("\n") + "\n").encode("utf-8"))
    return target
