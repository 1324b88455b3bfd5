"""`roadmap-tui status`: overall and per-phase progress, pace, forecast and streak, as a table,
as JSON for scripts, or through a `--format` template for shell prompts and tmux status lines.

The numbers and the bar follow `core.progress`'s one rule, as the app's gauge does (75 of 76
is 98.7% and never a full bar). Skipped items leave the total, and the DONE column says how many
there are where any are (`12/70 · 6 skipped`). Pace, forecast, streak and plans are
`core.pace.dashboard`'s, today being the study day of the local time now (the day starting at
the settings' `day_starts_at`). Rich is imported for the table only; `--json` and `--format`
need none.
"""

from __future__ import annotations

import argparse
import os
import string
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from roadmap_tui import library, settings
from roadmap_tui.cli.exit_status import CommandError, ExitStatus
from roadmap_tui.cli.output import done_cell, fail, print_table
from roadmap_tui.cli.target import resolve_target
from roadmap_tui.core import review
from roadmap_tui.core.dates import MONTHS
from roadmap_tui.core.model import Entry, Node, Roadmap
from roadmap_tui.core.pace import Dashboard, PhasePace, ahead_text, dashboard
from roadmap_tui.core.progress import bar_parts, percent, percent_text
from roadmap_tui.core.review import Schedule, days_word
from roadmap_tui.core.states import local_now, status
from roadmap_tui.safe_text import visible

#: The fields of `status --format` (see `format_fields`).
REVIEWS_SHOWN = 3  # the first few entries due, named under the table


def plain_title(entry: Entry) -> str:
    """An entry's title as shown (its blank filled in)."""
    return entry.display_title if isinstance(entry, Node) else entry.display_text


FORMAT_FIELDS = (
    "percent", "done", "total", "skipped", "remaining", "streak", "longest_streak", "pace", "forecast", "due",
)


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


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _phase_pace(phase: PhasePace) -> dict[str, Any]:
    return {
        "planned_days": phase.planned_days,
        "started": _iso(phase.started),
        "planned_end": _iso(phase.planned_end),
        "forecast": _iso(phase.forecast),
        "forecast_reason": phase.forecast_reason,
        "ahead_days": phase.ahead_days,
    }


def status_data(
    roadmap: Roadmap, file: Path, name: str | None, board: Dashboard, due: Sequence[Schedule] = ()
) -> dict[str, Any]:
    """What `status --json` prints (see the README, "status --json and --format")."""
    return {
        "name": name,
        # Bytes of the path that are not UTF-8 as \xNN (JSON has no way to hold them).
        "file": os.fsencode(file.absolute()).decode("utf-8", "backslashreplace"),
        "title": roadmap.title,
        **_progress(roadmap),
        "today": board.today.isoformat(),
        "pace_per_day": round(board.pace_per_day, 3),
        "finished_last_28_days": board.finished_recently,
        "forecast": _iso(board.forecast),
        "forecast_reason": board.forecast_reason,
        "streak": board.streak,
        "longest_streak": board.longest_streak,
        "reviews_due": len(due),
        "phases": [
            {"title": phase.title, "display_title": phase.display_title, **_progress(phase), **_phase_pace(pace)}
            for phase, pace in zip(roadmap.phases, board.phases, strict=True)
        ],
    }


def format_fields(board: Dashboard, due: int = 0) -> dict[str, Any]:
    """What a `--format` template may name: numbers as numbers (so `{pace:.2f}` works), the
    forecast as an ISO date or "-" when there is none (`--json` says why)."""
    return {
        "percent": "-" if board.percent is None else board.percent,
        "done": board.done,
        "total": board.total,
        "skipped": board.skipped,
        "remaining": board.remaining,
        "streak": board.streak,
        "longest_streak": board.longest_streak,
        "pace": round(board.pace_per_day, 3),
        "forecast": _iso(board.forecast) or "-",
        "due": due,
    }


def render_format(template: str, board: Dashboard, due: int = 0) -> str:
    """`template` with its `{field}`s filled (`{{` and `}}` for braces); a field that is not one
    of FORMAT_FIELDS, or a template that does not read, is a `CommandError`."""
    try:
        names = [field for _, field, _, _ in string.Formatter().parse(template) if field is not None]
    except ValueError as error:
        raise CommandError(f"--format: {error} (write {{{{ and }}}} for braces)") from None
    for field in names:
        if field not in FORMAT_FIELDS:
            raise CommandError(_unknown(field))
    try:
        return template.format_map(format_fields(board, due))
    except KeyError as error:  # a field inside a format spec (`{done:{nope}}`)
        raise CommandError(_unknown(str(error.args[0]) if error.args else "")) from None
    except (ValueError, TypeError, IndexError, AttributeError) as error:
        raise CommandError(f"--format: {error}") from None


def _unknown(field: str) -> str:
    known = ", ".join("{" + name + "}" for name in FORMAT_FIELDS)
    return f"--format: unknown field {{{field}}}; the fields are {known}"


def day_text(day: date | None, today: date) -> str:
    """`9 Dec`, or `13 Jan 2027` in another year than today's; "-" for none."""
    if day is None:
        return "-"
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def pace_lines(board: Dashboard, due: Sequence[Schedule] = ()) -> list[str]:
    """The lines under the table: pace, forecast, streak, and the reviews due."""
    if board.forecast is None:
        forecast = board.forecast_reason or "-"
    elif board.remaining:
        forecast = f"{day_text(board.forecast, board.today)} ({board.remaining} left at this pace)"
    else:
        forecast = f"all done ({day_text(board.forecast, board.today)})"
    streak = f"{board.streak} day{'' if board.streak == 1 else 's'}"
    return [
        f"Pace: {board.pace_per_day:.2f} a day ({board.finished_recently} finished in the last 28 days)",
        f"Forecast: {forecast}",
        f"Streak: {streak} (longest {board.longest_streak})",
        f"Due for review: {_due_text(due)}",
    ]


def _due_text(due: Sequence[Schedule]) -> str:
    """`none`, or how many and the first few: `2 (Linear Algebra, Calculus)`."""
    if not due:
        return "none"
    names = ", ".join(visible(plain_title(s.entry)) for s in due[:REVIEWS_SHOWN])
    return f"{len(due)} ({names}{', …' if len(due) > REVIEWS_SHOWN else ''})"


def _forecast_cell(phase: PhasePace, today: date) -> str:
    if phase.forecast is None:
        return "-"
    text = ("done " if phase.remaining == 0 else "") + day_text(phase.forecast, today)
    return text if phase.ahead_days is None else f"{text}, {ahead_text(phase.ahead_days)}"


def print_plan_table(board: Dashboard) -> None:
    """Per phase: its plan, start, planned end and forecast (the phases with something to count;
    shown when any has a plan, a start or a forecast, see `run`)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False)
    for title in ("PHASE", "PLAN", "STARTED", "PLANNED END", "FORECAST"):
        table.add_column(title, no_wrap=title != "PHASE")
    for phase in board.phases:
        if not phase.total:
            continue  # nothing to count, or all skipped: nothing to plan
        plan = "no plan" if phase.planned_days is None else days_word(phase.planned_days)
        table.add_row(
            _cut(visible(phase.display_title)),
            Text(plan),
            Text(day_text(phase.started, board.today)),
            Text(day_text(phase.planned_end, board.today)),
            Text(_forecast_cell(phase, board.today)),
        )
    print_table(table)


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
    if args.json and args.format is not None:
        return fail("--json and --format: choose one")
    file, label, name = resolve_target(args)
    roadmap = library.open_read_only(file)
    chosen = settings.load()
    if chosen.problem is not None:
        fail(f"warning: {chosen.problem}")
    now = local_now()
    board = dashboard(roadmap, now, chosen.day_starts_at)
    due = review.due(roadmap, now, chosen.day_starts_at)
    if args.format is not None:
        sys.stdout.write(render_format(args.format, board, len(due)) + "\n")
    elif args.json:
        from roadmap_tui.formats.json_export import dumps

        sys.stdout.write(dumps(status_data(roadmap, file, name, board, due)))
    else:
        print_status_table(roadmap, label)
        print()
        for line in pace_lines(board, due):
            print(line)
        if any(p.total and (p.planned_days or p.started or p.forecast) for p in board.phases):
            print()
            print_plan_table(board)
    return ExitStatus.OK
