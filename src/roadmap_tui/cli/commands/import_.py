"""`roadmap-tui import FILE.md`: make a roadmap of a Markdown checklist (`library.import_markdown_file`).

A `> [!NOTE]` quote right under an entry (as `export --with-notes` writes it) becomes its note.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from roadmap_tui import library
from roadmap_tui.cli.exit_status import CommandError, ExitStatus
from roadmap_tui.cli.output import fail, say


def run(args: argparse.Namespace) -> ExitStatus:
    source = Path(args.markdown).expanduser()
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
