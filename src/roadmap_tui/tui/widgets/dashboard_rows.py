"""The dashboard: the rows above the roadmap's overview (when the tree's first row is selected).

Overall progress, a heatmap of finishes over the last weeks, this week against last with a
sparkline of weekly counts, the streak, each part's plan and forecast, the roadmap's forecast,
and what is due for review. The numbers are `core.pace.dashboard`'s and `core.review.due`'s;
this module only lays them out. Each section is one "dash" row that draws itself at the list's
width (the heatmap shows fewer weeks when the pane is narrow). Text from the file goes through
`safe_text.visible` (as `Content`, never markup).

`clock` gives "now" (local time, with its offset): tests pin it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from textual.content import Content

from roadmap_tui.core import review
from roadmap_tui.core.model import Roadmap
from roadmap_tui.core.pace import (
    NOTHING_TO_COUNT,
    Dashboard,
    PhasePace,
    ahead_text,
    dashboard,
    month_starts,
    study_day,
)
from roadmap_tui.safe_text import visible
from roadmap_tui.tui.widgets.item_row import RowSpec
from roadmap_tui.tui.widgets.labels import entry_content
from roadmap_tui.tui.widgets.progress_gauge import bar, percent
from roadmap_tui.tui.widgets.tree_labels import review_now

def clock() -> datetime:
    """Now, in local time with its offset: the clock the tree's review marks and the footer read
    too (`tree_labels.review_now`), so the dashboard never counts another "now" than they do."""
    return review_now()

MUTED = "$foreground-muted"
#: The heatmap's five shades of the accent colour: no finish, then 1, 2, 3 and 4 or more.
SHADES = ("$accent 15%", "$accent 40%", "$accent 60%", "$accent 80%", "$accent")
CELL = "■"
SPARKS = "▁▂▃▄▅▆▇█"
DAY_NAMES = ("Mon", "", "Wed", "", "Fri", "", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: The most reviews named under "Due for review".
DUE_SHOWN = 3
LABEL_WIDTH = 4  # "Mon " before the heatmap's cells


def day_text(day: date | None) -> str:
    """`25 Nov 2026`, or `–` for none."""
    return "–" if day is None else f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def shade(count: int) -> str:
    return SHADES[min(count, len(SHADES) - 1)]


def heatmap_weeks(width: int, weeks: int) -> int:
    """How many of the last `weeks` columns fit in `width` cells (two cells a week)."""
    return max(1, min(weeks, (width - 1 - LABEL_WIDTH) // 2))


def heatmap_lines(board: Dashboard, width: int) -> list[Content]:
    """The month labels, then one line per weekday (Monday on top), a column per week, the
    newest on the right; as many weeks as fit."""
    total = len(board.grid)
    shown = heatmap_weeks(width, total)
    first = total - shown
    columns = board.grid[first:]
    start = board.grid_start + timedelta(weeks=first)
    # (a name may run a cell past the newest column, where the pane has room: a month starting
    # this week is labelled too)
    labels = [" "] * max(shown * 2, min(shown * 2 + 1, width - LABEL_WIDTH))
    for column, month in month_starts(start, shown):
        name = MONTHS[month - 1]
        at = column * 2
        if at + len(name) <= len(labels) and all(c == " " for c in labels[max(0, at - 1) : at + len(name)]):
            labels[at : at + len(name)] = list(name)
    lines = [Content.styled(" " * LABEL_WIDTH + "".join(labels).rstrip(), MUTED)]
    for weekday in range(7):
        parts: list[tuple[str, str] | str] = [(f"{DAY_NAMES[weekday]:<{LABEL_WIDTH}}", MUTED)]
        for week in columns:
            count = week[weekday]
            parts.append((CELL, shade(count)) if count is not None else " ")
            parts.append(" ")
        lines.append(Content.assemble(*parts))
    less = Content.assemble(" " * LABEL_WIDTH, ("less ", MUTED), *((CELL + " ", s) for s in SHADES), ("more", MUTED))
    lines.append(less)
    return lines


def sparkline(counts: tuple[int, ...]) -> str:
    """One character per count, `▁` (none) to `█` (the most)."""
    top = max(counts, default=0)
    if top == 0:
        return SPARKS[0] * len(counts)
    return "".join(SPARKS[0] if c == 0 else SPARKS[max(1, round(c * (len(SPARKS) - 1) / top))] for c in counts)


def pack(bits: list[Content], width: int, indent: str = "", first: str | None = None) -> list[Content]:
    """`bits` joined with ` · `, on as few lines of `width` cells as they fit, the first line
    starting with `first` (`indent` if None), the others with `indent` (a bit too long alone is
    cut)."""
    room = max(8, width - 1)
    lines: list[Content] = []
    start = indent if first is None else first
    line = Content(start)
    fresh = True
    for bit in bits:
        if fresh or (line + " · " + bit).cell_length <= room:
            line = line + bit if fresh else line + Content.styled(" · ", MUTED) + bit
        else:
            lines.append(line)
            line = Content(indent) + bit
        fresh = False
    lines.append(line)
    return [text.truncate(room, ellipsis=True) for text in lines]


def overall_lines(board: Dashboard, width: int) -> list[Content]:
    parts: list[tuple[str, str] | str | Content] = [("Overall  ", "bold"), (f"{board.done}/{board.total} done", "bold")]
    if board.total:
        parts += [" ", bar(board.done, board.total, 16 if width >= 60 else 8), f" {percent(board.done, board.total)}%"]
    extra = []
    if board.doing:
        extra.append(f"{board.doing} doing")
    if board.skipped:
        extra.append(f"{board.skipped} skipped")
    extra.append(f"{board.remaining} left")
    return [Content.assemble(*parts), *pack([Content.styled(e, MUTED) for e in extra], width, " " * 9)]


def forecast_text(board: Dashboard | PhasePace) -> str:
    if board.forecast is not None:
        return day_text(board.forecast)
    return board.forecast_reason or "–"


def week_lines(board: Dashboard, width: int) -> list[Content]:
    weeks = board.weekly[-max(1, min(len(board.weekly), width - 1 - 16)) :]
    return [
        Content.assemble(("This week ", "bold"), f"{board.this_week}", ("  last week ", MUTED), f"{board.last_week}"),
        Content.assemble((f"{'Weekly':<16}", MUTED), (sparkline(weeks), "$accent")),
        *pack(
            [
                Content.assemble(("Streak ", "bold"), f"{board.streak} day{'s' * (board.streak != 1)}"),
                Content.assemble(("longest ", MUTED), f"{board.longest_streak}"),
                Content.assemble(("pace ", MUTED), f"{board.pace_per_day:.2f}/day"),
            ],
            width,
        ),
        Content.assemble(("Forecast ", "bold"), forecast_text(board)),
    ]


def phase_lines(board: Dashboard, width: int) -> list[Content]:
    """Each part with something to count: its plan, start, planned end, forecast, and how far
    ahead of (or behind) its plan it is."""
    lines = [Content.styled("Parts", "bold")]
    for phase in board.phases:
        if phase.forecast_reason == NOTHING_TO_COUNT:
            continue
        title = Content.assemble("▸ ", Content(visible(phase.display_title)).stylize("bold"))
        plan = f"plan {review.days_word(phase.planned_days)}" if phase.planned_days is not None else "no plan"
        bits = [title] + [
            Content.styled(text, MUTED)
            for text in (
                plan,
                f"started {day_text(phase.started)}",
                f"planned end {day_text(phase.planned_end)}",
                f"forecast {forecast_text(phase)}",
            )
        ]
        ahead = phase.ahead_days
        if ahead is not None:
            bits.append(Content.styled(ahead_text(ahead), "$text-success" if ahead >= 0 else "$text-warning"))
        lines.extend(pack(bits, width, "  ", first=""))
    if len(lines) == 1:
        lines[0] = Content.assemble(("Parts ", "bold"), ("none with items to count", MUTED))
    return lines


def due_lines(found: list[review.Schedule], today: date, width: int) -> list[Content]:
    lines = [Content.assemble(("Due for review ", "bold"), f"{len(found)}")]
    for schedule in found[:DUE_SHOWN]:
        late = (today - schedule.due).days
        when = " · due today" if late <= 0 else f" · {review.days_word(late)} overdue"
        line = Content.assemble("  ↻ ", entry_content(schedule.entry), (when, MUTED))
        lines.append(line.truncate(max(1, width - 1), ellipsis=True))
    if len(found) > DUE_SHOWN:
        lines.append(Content.styled(f"  and {len(found) - DUE_SHOWN} more", MUTED))
    return lines


Later = Callable[[Callable[[], None]], None]
"""Runs a callable a moment later, then draws the dashboard's rows again (the pane's timer)."""


class Board:
    """The roadmap's dashboard and its reviews due, made again when the roadmap's counts, the
    hour or its reviews change (`invalidate`; each row draws from them, and the pane makes a new
    board each time it shows the roadmap).

    Made at once the first time; after a change, with `later`, made a moment later off the key's
    path (at 10,000 items it takes some 40 ms, which a toggle under the dashboard would wait for
    before its frame): until then the rows show the numbers from before.
    """

    def __init__(self, roadmap: Roadmap, day_start_hour: int, later: Later | None = None) -> None:
        self.roadmap = roadmap
        self.day_start_hour = day_start_hour
        self.later = later
        self._key: tuple[int, ...] | None = None
        self._board: Dashboard | None = None
        self._due: list[review.Schedule] = []
        self._stale = False
        self._pending = False
        self.now = clock()

    def invalidate(self) -> None:
        """Something the counts don't show changed (a review): make it again."""
        self._stale = True

    def _key_now(self) -> tuple[int, ...]:
        roadmap = self.roadmap
        return (roadmap.n_done, roadmap.n_total, roadmap.n_skipped, roadmap.n_doing, self.now.toordinal(), self.now.hour)

    def _make(self) -> None:
        self.now = clock()
        self._stale, self._key = False, self._key_now()
        self._board = dashboard(self.roadmap, self.now, self.day_start_hour)
        self._due = review.due(self.roadmap, self.now, self.day_start_hour)

    def _made_later(self) -> None:
        self._pending = False
        self._make()

    def get(self) -> Dashboard:
        if self._board is None:
            self._make()
        else:
            self.now = clock()
            if self._stale or self._key_now() != self._key:
                if self.later is None:
                    self._make()
                elif not self._pending:
                    self._pending = True
                    self.later(self._made_later)
        assert self._board is not None
        return self._board

    def due(self) -> list[review.Schedule]:
        self.get()
        return self._due


def dashboard_specs(board: Board) -> list[RowSpec]:
    """The dashboard's rows (read, not selectable), to go above the roadmap's overview."""
    roadmap = board.roadmap

    def row(draw: Callable[[int], list[Content]], gap: bool = True) -> RowSpec:
        return RowSpec("dash", roadmap, gap=gap, draw=draw)

    return [
        row(lambda width: overall_lines(board.get(), width), gap=False),
        row(lambda width: heatmap_lines(board.get(), width)),
        row(lambda width: week_lines(board.get(), width)),
        row(lambda width: phase_lines(board.get(), width)),
        row(lambda width: due_lines(board.due(), study_day(board.now, board.day_start_hour), width)),
    ]
