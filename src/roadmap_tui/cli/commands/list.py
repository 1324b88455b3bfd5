"""`roadmap-tui list`: your roadmaps with their progress (the default one even before it exists)."""

from __future__ import annotations

import argparse
from pathlib import Path

from roadmap_tui import library, paths
from roadmap_tui.cli.exit_status import ExitStatus
from roadmap_tui.cli.listing import print_list
from roadmap_tui.cli.output import done_cell
from roadmap_tui.core.progress import percent
from roadmap_tui.errors import RoadmapError
from roadmap_tui.safe_text import visible


def _row(name: str, file: Path, exists: bool) -> tuple[str, str, str, str]:
    shown = ("* " if name == paths.DEFAULT_NAME else "  ") + visible(name)
    try:
        roadmap = library.open_read_only(file)
    except RoadmapError as error:
        more = len(error.problems) - 1
        problem = f"cannot be opened: {error.problems[0]}" + (f" (and {more} more)" if more else "")
        return shown, "-", "-", visible(problem)
    share = percent(roadmap.n_done, roadmap.n_total)
    title = visible(roadmap.title) + ("" if exists else "  (not created yet)")
    done = done_cell(roadmap.n_done, roadmap.n_total, roadmap.n_skipped)
    return shown, done, "-" if share is None else f"{share:.1f}", title


def run(args: argparse.Namespace) -> ExitStatus:
    found = library.list_roadmaps()
    entries: list[tuple[str, Path, bool]] = [(name, file, True) for name, file in found]
    if not any(name == paths.DEFAULT_NAME for name, _ in found):
        entries.insert(0, (paths.DEFAULT_NAME, library.roadmap_file(paths.DEFAULT_NAME), False))
    note = f"* the default roadmap. Roadmaps are in {paths.data_dir()}; open one with roadmap-tui -r NAME"
    print_list([_row(*entry) for entry in entries], visible(note))
    return ExitStatus.OK
