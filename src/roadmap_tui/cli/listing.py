"""`roadmap-tui list`: your roadmaps with their progress, in a table that fits the terminal.

The numbers (DONE, %) are never cut: the columns are as wide as their widest figure. NAME and
TITLE share what is left; when they do not both fit, the name keeps at least half of it (more if
the title needs less) and whichever is too long is cut with an ellipsis. The lines below the
table wrap at the width.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from roadmap_tui import paths

# What the table adds to its cells' widths: SIMPLE_HEAD without edges is one column of padding
# either side of each inner border and a one-cell separator, so 3 cells between two columns.
GAP = 3
MIN_NAME, MIN_TITLE = 8, 6  # below these a cut name or title says nothing: the line gets longer


def fit(name_need: int, title_need: int, room: int) -> tuple[int, int]:
    """The widths of NAME and TITLE that share `room` cells (see the module docstring)."""
    if name_need + title_need <= room:
        return name_need, title_need
    name = min(name_need, max(room - title_need, room // 2, MIN_NAME))
    title = min(title_need, max(room - name, MIN_TITLE))
    return name, title


def cmd_list(args: argparse.Namespace) -> int:
    from rich import box
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from roadmap_tui.cli import _load
    from roadmap_tui.safe_text import visible
    from roadmap_tui.core.progress import percent
    from roadmap_tui.errors import RoadmapError

    found = paths.list_roadmaps()
    default_file = paths.data_dir() / paths.STATE_FILE_NAME
    entries: list[tuple[str, Path, bool]] = [(name, file, True) for name, file in found]
    if not any(name == paths.DEFAULT_NAME for name, _ in found):
        entries.insert(0, (paths.DEFAULT_NAME, default_file, False))
    rows: list[tuple[str, str, str, str]] = []
    for name, file, exists in entries:
        shown = ("* " if name == paths.DEFAULT_NAME else "  ") + visible(name)
        try:
            roadmap = _load(file)
        except RoadmapError as error:
            more = len(error.problems) - 1
            problem = f"cannot be opened: {error.problems[0]}" + (f" (and {more} more)" if more else "")
            rows.append((shown, "-", "-", visible(problem)))
            continue
        share = percent(roadmap.n_done, roadmap.n_total)
        title = visible(roadmap.title) + ("" if exists else "  (not created yet)")
        rows.append((shown, f"{roadmap.n_done}/{roadmap.n_total}", "-" if share is None else f"{share:.1f}", title))

    console = Console(highlight=False, soft_wrap=False)
    width = console.width
    headers = ("  NAME", "DONE", "%", "TITLE")
    needs = [max(cell_len(cells[column]) for cells in [headers, *rows]) for column in range(4)]
    room = width - needs[1] - needs[2] - GAP * 3
    name_width, title_width = fit(needs[0], needs[3], room)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(headers[0], width=name_width, no_wrap=True, overflow="ellipsis")
    table.add_column(headers[1], width=needs[1], justify="right", no_wrap=True)
    table.add_column(headers[2], width=needs[2], justify="right", no_wrap=True)
    table.add_column(headers[3], width=title_width, no_wrap=True, overflow="ellipsis")
    for row in rows:
        table.add_row(*(Text(cell, no_wrap=True, overflow="ellipsis") for cell in row))
    # The table is as wide as its columns, so a console that wide never squeezes the numbers.
    console.width = max(width, name_width + needs[1] + needs[2] + title_width + GAP * 3)
    with console.capture() as capture:
        console.print(table)
    lines = [line.rstrip(" ") for line in capture.get().splitlines()]
    note = f"* the default roadmap. Roadmaps are in {paths.data_dir()}; open one with roadmap-tui -r NAME"
    wrapped = textwrap.wrap(visible(note), max(width, 20), break_long_words=True, break_on_hyphens=False)
    sys.stdout.write("".join(line + "\n" for line in [*lines, "", *wrapped]))
    sys.stdout.flush()
    return 0
