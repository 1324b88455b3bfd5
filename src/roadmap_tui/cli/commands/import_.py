"""`roadmap-tui import FILE.md`: make a roadmap of a Markdown checklist (`library.import_markdown_file`).

A `> [!NOTE]` quote right under an entry (as `export --with-notes` writes it) becomes its note.
With `--update NAME`: a newer version of the file the roadmap NAME was imported from, the
progress kept (`library.plan_update`, then `apply_update` unless `--dry-run`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from roadmap_tui import library
from roadmap_tui.cli.exit_status import CommandError, ExitStatus
from roadmap_tui.cli.output import fail, say


def run(args: argparse.Namespace) -> ExitStatus:
    source = Path(args.markdown).expanduser()
    if args.update is not None:
        return _update(source, args)
    if args.dry_run:
        raise CommandError("--dry-run goes with --update NAME (a plain import writes a new roadmap only)")
    if args.name is not None:
        try:
            library.check_name(args.name)
        except ValueError as error:
            raise CommandError(f"--name: {error}") from None
    try:
        done = library.import_markdown_file(source, args.name, replace=args.force)
    except library.NameTaken as error:
        raise CommandError(
            f"{error}; pass --force to replace it (it is backed up first) or --name to choose another name"
        ) from None
    result = done.result
    notes = f" and {result.n_notes} note{'s' if result.n_notes != 1 else ''}" if result.n_notes else ""
    say(
        f"imported {result.n_tasks} tasks ({done.roadmap.n_total} to check off){notes} from {source} "
        f"as roadmap {done.name}: {done.file}"
    )
    for warning in result.warnings:
        fail(f"warning: {warning}")
    if done.replaced is not None:
        say(f"the roadmap it replaced is backed up in {done.replaced}")
    say(f"open it with: roadmap-tui -r {done.name}")
    return ExitStatus.OK


def _update(source: Path, args: argparse.Namespace) -> ExitStatus:
    for given, option in ((args.name is not None, "--name"), (args.force, "--force")):
        if given:
            raise CommandError(f"--update NAME updates the roadmap NAME: {option} does not go with it")
    try:
        plan = library.plan_update(source, args.update)
    except library.NoSuchRoadmap as error:
        raise CommandError(f"--update: {error}; `roadmap-tui list` shows them") from None
    lines = library.update_summary(plan)
    if args.dry_run:
        say(f"roadmap {plan.name} would be updated from {source}: {lines[0]}")
        for line in lines[1:]:
            say(line)
        say("dry run: nothing written")
        return ExitStatus.OK
    done = library.apply_update(plan)  # library.Changed: exit 1, nothing written
    say(f"updated roadmap {plan.name} from {source}: {lines[0]}")
    for line in lines[1:]:
        say(line)
    if done.backup is not None:
        say(f"the roadmap before the update is backed up in {done.backup}")
    if done.log_error is not None:
        fail(f"the update is done, but the activity log could not be written: {done.log_error}")
    return ExitStatus.OK
