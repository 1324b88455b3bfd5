"""`roadmap-tui restore [BACKUP]`: put a backup back, after asking and a backup of the current file."""

from __future__ import annotations

import argparse

from roadmap_tui import library
from roadmap_tui.cli.exit_status import CommandError, ExitStatus
from roadmap_tui.cli.output import backup_taken, confirm, say
from roadmap_tui.cli.target import resolve_target
from roadmap_tui.errors import RoadmapError
from roadmap_tui.storage import backups


def run(args: argparse.Namespace) -> ExitStatus:
    file, label, _ = resolve_target(args, must_exist=False)
    if args.backup is None:
        chosen = backups.newest_valid_backup(file)
        if chosen is None:
            raise CommandError(f"{label} has no backup that opens (roadmap-tui backups lists them)")
    else:
        chosen = backups.find_backup(file, args.backup)
    backup_state = library.summary(library.open_read_only(chosen))  # a RoadmapError names the backup: exit 2
    if file.exists():
        try:
            current = f"the current file ({library.summary(library.open_read_only(file))}) is backed up first"
        except RoadmapError as error:
            current = f"the current file (which cannot be opened: {error.problems[0]}) is backed up first"
    else:
        current = "there is no current file"
    question = f"Restore {label} from {chosen.name} (taken {backup_taken(chosen)}, {backup_state})? {current}."
    confirm(question, args.yes, f"restore {label}")
    used = backups.restore(file, chosen)
    say(f"restored {file} from {used.name}")
    if (log := library.restore_log(file, used)) is not None:
        say(f"and its activity log: {log}")
    return ExitStatus.OK
