"""`roadmap-tui status`: overall and per-phase progress, as a table or as JSON for scripts.

The numbers and the bar follow `core.progress`'s one rule, as the app's gauge does (75 of 76
is 98.7% and never a full bar). Skipped items leave the total, and the DONE column says how many
there are where any are (`12/70 · 6 skipped`). Rich is imported for the table only; `--json`
needs none.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from roadmap_tui import library
from roadmap_tui.cli.exit_status import ExitStatus
from roadmap_tui.cli.output import done_cell, print_table
from roadmap_tui.cli.target import resolve_target
from roadmap_tui.core.model import Node, Roadmap
from roadmap_tui.core.progress import bar_parts, percent, percent_text
from roadmap_tui.core.states import status
from roadmap_tui.safe_text import visible


def bar(done: int, total: int, width: int = 10) -> str:
    """The table's progress bar; "" when there is nothing to count."""
    return "".join(bar_parts(done, total, width)) if total else ""


def _progress(entry: Node | Roadmap) -> dict[str, Any]:
    """An entry's state and counts, as `export --format json` gives them (`total` leaves skipped out)."""
    return {
        "state": status(entry) or None,
        "done": entry.n_done,
        "total": entry.n_total,
        "percent": percent(entry.n_done, entry.n_total),
        "doing": entry.n_doing,
        "skipped": entry.n_skipped,
    }


def status_data(roadmap: Roadmap, file: Path, name: str | None) -> dict[str, Any]:
    """What `status --json` prints (see the README, "JSON export")."""
    return {
        "name": name,
        # Bytes of the path that are not UTF-8 as \xNN (JSON has no way to hold them).
        "file": os.fsencode(file.absolute()).decode("utf-8", "backslashreplace"),
        "title": roadmap.title,
        **_progress(roadmap),
        "phases": [
            {"title": phase.title, "display_title": phase.display_title, **_progress(phase)}
            for phase in roadmap.phases
        ],
    }


def _cut(text: str) -> Any:
    """A table cell that is cut with an ellipsis rather than wrapped."""
    from rich.text import Text

    return Text(text, no_wrap=True, overflow="ellipsis")


def print_status_table(roadmap: Roadmap, label: str) -> None:
    from rich import box  # Rich only for the table
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=Text(f"{visible(roadmap.title)}  ({visible(label)})"),
        title_justify="left",
        box=box.SIMPLE,
        show_edge=False,
        pad_edge=False,
        show_footer=True,
    )
    table.add_column("PHASE", footer=Text("Overall"))
    overall = done_cell(roadmap.n_done, roadmap.n_total, roadmap.n_skipped)
    table.add_column("DONE", footer=Text(overall), justify="right", no_wrap=True)
    table.add_column("%", footer=Text(percent_text(roadmap.n_done, roadmap.n_total)), justify="right", no_wrap=True)
    table.add_column("", footer=Text(bar(roadmap.n_done, roadmap.n_total)), no_wrap=True)
    empty = [phase for phase in roadmap.phases if not phase.n_counted]
    for phase in roadmap.phases:
        if not phase.n_counted:
            continue  # nothing to check off (an introduction, a library of links): no progress to show
        table.add_row(
            _cut(visible(phase.display_title)),
            Text(done_cell(phase.n_done, phase.n_total, phase.n_skipped)),
            Text(percent_text(phase.n_done, phase.n_total)),
            Text(bar(phase.n_done, phase.n_total)),
        )
    print_table(table)
    if empty:
        shown = ", ".join(visible(phase.display_title) for phase in empty[:3]) + (", ..." if len(empty) > 3 else "")
        print(f"({len(empty)} part{'s' if len(empty) > 1 else ''} with nothing to check off not shown: {shown})")


def run(args: argparse.Namespace) -> ExitStatus:
    file, label, name = resolve_target(args)
    roadmap = library.open_read_only(file)
    if args.json:
        from roadmap_tui.formats.json_export import dumps

        sys.stdout.write(dumps(status_data(roadmap, file, name)))
    else:
        print_status_table(roadmap, label)
    return ExitStatus.OK
