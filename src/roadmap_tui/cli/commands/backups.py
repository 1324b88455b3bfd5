"""`roadmap-tui backups`: a roadmap's backups, newest first, with their kind, time and size."""

from __future__ import annotations

import argparse

from roadmap_tui.cli.exit_status import ExitStatus
from roadmap_tui.cli.output import backup_taken, fail, say
from roadmap_tui.cli.target import resolve_target
from roadmap_tui.paths import backup_dir
from roadmap_tui.storage.backups import (
    KEEP_DAYS,
    MAX_BACKUPS,
    MAX_LAUNCH_BACKUPS,
    backup_reason,
    list_backups,
    strays,
)


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / 1024 / 1024:.1f} MiB"


def run(args: argparse.Namespace) -> ExitStatus:
    file, label, _ = resolve_target(args, must_exist=False)
    found = list_backups(file)
    junk = strays(file)
    if not found and not junk:
        fail(f"no backups of {label} yet (they go in {backup_dir(file)})")
        return ExitStatus.OK
    rows = []
    for backup in found:
        try:
            size = _size(backup.stat().st_size)
        except OSError:
            size = "?"
        rows.append((backup.name, backup_reason(backup) or "?", backup_taken(backup), size))
    rows += [(entry.name, "not a backup", "?", "?") for entry in junk]
    width = max(len(row[0]) for row in rows)
    kind_width = max(4, *(len(row[1]) for row in rows))
    size_width = max(len(row[3]) for row in rows)
    say(f"{'BACKUP':<{width}}  {'KIND':<{kind_width}}  {'TAKEN':<19}  {'SIZE':>{size_width}}")
    for name, kind, when, size in rows:
        say(f"{name:<{width}}  {kind:<{kind_width}}  {when:<19}  {size:>{size_width}}")
    print()
    say(f"in {backup_dir(file)}; roadmap-tui restore BACKUP puts one back")
    say(
        f"launch backups: the newest {MAX_LAUNCH_BACKUPS} are kept; the others (taken before a command): "
        f"the newest {MAX_BACKUPS}, and all from the last {KEEP_DAYS} days"
    )
    return ExitStatus.OK
