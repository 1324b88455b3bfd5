"""Pace, forecast and streaks: where a learner stands, from the dates in their roadmap.

The rules (the README's "Pace, forecast and streaks" says them for learners):

- **A study day** starts at `day_start_hour` (04:00 by default), on the clock the finish was
  written with: `done_at` carries its own UTC offset (the app writes local time), so a finish at
  02:30 counts for the day before, and one written in New York at 23:30-05:00 counts for that
  New York day even if you read it later in Berlin. Today is the study day of `now`.
- **Finished items**: counted items that are done and have a `done_at`, per study day.
- **Streak**: consecutive study days with at least one finish. The current streak is alive
  while today or yesterday counts (today is not over yet): it is the run ending on the later of
  the two, else 0. The longest is the longest run ever. Days after today (another machine's
  clock) count for nothing here.
- **Pace** = finishes in the last 28 study days (today and the 27 before) ÷ 28, per day. No
  forecast when no item has been finished yet or the first finish was fewer than 7 days ago
  ("not enough history yet"), or when none was finished in those 28 days ("no recent progress").
- **Forecast** = today + remaining ÷ pace (rounded up to a whole day), remaining = counted −
  done − skipped. Per phase, its own remaining at the same pace, phases in order: a phase's
  forecast starts when the one before is forecast to end (exactly, not rounded, so the last of
  a row ends with the roadmap), unless it has already started (then today). A phase with
  nothing left is "forecast" for the day its last item was finished.
- **Planned duration**: a phase's filled Duration, `N days|weeks|months|years` or a range
  `N-M ...` (`-` or `–`; the upper bound is the plan), `N.5` allowed, singular or plural, any
  case; a month is 30 days, a year 365. A Duration still showing the template's hint, or text
  that does not parse, is no plan (None), never a guess.
- **Planned end** = the phase's start (its first `started_at`/`done_at`) + planned duration; a
  phase not started yet starts after the previous phase's planned end (the first one: today;
  none when the previous phase has no planned end).
  "N days ahead" is planned end − forecast (negative: behind).

Pure: `now` is passed in, no I/O, no Textual.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction

from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.core.placeholders import apply_fill, has_placeholder
from roadmap_tui.core.progress import percent
from roadmap_tui.core.states import started

DAY_START_HOUR = 4
PACE_DAYS = 28
MIN_HISTORY_DAYS = 7
GRID_WEEKS = 26
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
NOT_ENOUGH_HISTORY = "not enough history yet"
NO_RECENT_PROGRESS = "no recent progress"
NOTHING_TO_COUNT = "nothing to count"
BEYOND_THE_CALENDAR = "after the year 9999"
DONE_WITHOUT_DATES = "done (no finish dates)"

_NUMBER = r"(\d{1,4})(\.5)?"
_DURATION_RE = re.compile(
    rf"(?:{_NUMBER}\s*[-–]\s*)?{_NUMBER}\s*(day|week|month|year)s?", re.IGNORECASE
)


def _halves(whole: str, half: str | None) -> int:
    return int(whole) * 2 + (1 if half else 0)


def parse_duration(text: str) -> int | None:
    """Days planned by a Duration: `3 weeks` 21, `2-3 months` 90, `1.5 years` 548 (half days
    round up), else None (see the rules above)."""
    match = _DURATION_RE.fullmatch(text.strip())
    if match is None:
        return None
    low_whole, low_half, whole, half, unit = match.groups()
    halves = _halves(whole, half)
    if halves == 0 or (low_whole is not None and _halves(low_whole, low_half) > halves):
        return None
    return (halves * UNIT_DAYS[unit.lower()] + 1) // 2


def _filled(node: Node) -> str | None:
    if node.duration is None:
        return None
    text = apply_fill(node.duration, node.duration_fill)
    return None if has_placeholder(text) else text


def planned_days(node: Node) -> int | None:
    """The days `node`'s filled Duration plans, or None: no Duration, only the template's hint,
    or text that does not parse."""
    text = _filled(node)
    return None if text is None else parse_duration(text)


def study_day(stamp: datetime, day_start_hour: int = DAY_START_HOUR) -> date:
    """The day a finish at `stamp` counts for, on its own clock, the day starting at
    `day_start_hour` (02:30 counts for the day before with the default 4)."""
    try:
        return (stamp - timedelta(hours=day_start_hour)).date()
    except OverflowError:  # a hand-written date in the calendar's first hours: no day before it
        return stamp.date()


def finishes(items: Iterable[Item], day_start_hour: int = DAY_START_HOUR) -> Counter[date]:
    """Counted items finished, per study day (done, with a `done_at`)."""
    return Counter(
        study_day(item.done_at, day_start_hour)
        for item in items
        if item.is_counted and item.done and item.done_at is not None
    )


def streaks(days: Iterable[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive `days` up to `today` (see the rules above)."""
    ordered = sorted({day for day in days if day <= today})
    longest = run = 0
    previous: date | None = None
    for day in ordered:
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest = max(longest, run)
        previous = day
    alive = previous is not None and (today - previous).days <= 1
    return (run if alive else 0), longest


def _days_for(remaining: int, finished: int) -> Fraction:
    """Days to finish `remaining` at `finished` per PACE_DAYS, exactly."""
    return Fraction(remaining * PACE_DAYS, finished)


def _after(today: date, days: Fraction | int) -> date | None:
    """The day `days` after `today`, rounded up to a whole day; None past the calendar's end
    (the year 9999: a huge roadmap at a slow pace, a plan of "9999 years")."""
    try:
        return today + timedelta(days=math.ceil(days))
    except OverflowError:
        return None


@dataclass(frozen=True, slots=True)
class PhasePace:
    title: str
    display_title: str
    duration: str | None  # the filled Duration as written, None: none, or only the template's hint
    planned_days: int | None
    started: date | None  # the study day of its first started_at / done_at
    planned_end: date | None
    done: int
    total: int
    skipped: int
    doing: int
    percent: float | None
    remaining: int
    forecast: date | None
    forecast_reason: str | None  # why there is no forecast, when there is none

    @property
    def ahead_days(self) -> int | None:
        """Days the forecast is before the planned end (negative: behind), None without both."""
        if self.forecast is None or self.planned_end is None:
            return None
        return (self.planned_end - self.forecast).days


@dataclass(frozen=True, slots=True)
class Dashboard:
    today: date
    day_start_hour: int
    done: int
    total: int
    skipped: int
    doing: int
    percent: float | None
    remaining: int
    per_day: Mapping[date, int]
    streak: int
    longest_streak: int
    finished_recently: int  # in the last PACE_DAYS study days
    pace_per_day: float
    forecast: date | None
    forecast_reason: str | None
    this_week: int
    last_week: int
    weekly: tuple[int, ...]  # finishes per week (Monday to Sunday), GRID_WEEKS of them, oldest first
    grid_start: date  # the Monday of the heatmap's first column
    grid: tuple[tuple[int | None, ...], ...]  # GRID_WEEKS columns of 7 days, Monday first; None: after today
    phases: tuple[PhasePace, ...]


def ahead_text(days: int) -> str:
    """`3 days ahead`, `1 day behind`, `on plan`."""
    if days == 0:
        return "on plan"
    return f"{abs(days)} day{'' if abs(days) == 1 else 's'} {'ahead' if days > 0 else 'behind'}"


def _reason(first: date | None, recent: int, today: date) -> str | None:
    if first is None or (today - first).days < MIN_HISTORY_DAYS:
        return NOT_ENOUGH_HISTORY
    if recent == 0:
        return NO_RECENT_PROGRESS
    return None


def _finished_on(items: list[Item], day_start_hour: int) -> date | None:
    days = finishes(items, day_start_hour)
    return max(days, default=None)


def _phases(
    roadmap: Roadmap, today: date, day_start_hour: int, recent: int, reason: str | None
) -> tuple[PhasePace, ...]:
    made: list[PhasePace] = []
    plan_cursor: date | None = today  # where a phase not started yet is planned to start
    forecast_cursor = Fraction(0)  # days from today to where a phase not started yet is forecast to start
    for phase in roadmap.phases:
        items = list(phase.walk_items())
        counted = [item for item in items if item.is_counted]
        plan = planned_days(phase)
        first = started(counted)
        began = study_day(first, day_start_hour) if first is not None else None
        remaining = phase.n_total - phase.n_done
        planned_end: date | None = None
        forecast: date | None = None
        why: str | None = None
        # Started: a date says when; done or doing items with no dates (checked before the
        # journal kept them) say it has started too, though not when.
        in_progress = began is not None or phase.n_done > 0 or phase.n_doing > 0
        if counted and phase.n_total == 0:  # every item skipped: nothing to plan, no time taken
            why = NOTHING_TO_COUNT
        elif counted:
            start = began if began is not None else plan_cursor
            planned_end = _after(start, plan) if start is not None and plan is not None else None
            plan_cursor = planned_end
            if remaining == 0:
                forecast = _finished_on(counted, day_start_hour)
                why = None if forecast is not None else DONE_WITHOUT_DATES
            elif reason is not None:
                why = reason
            else:
                # Exact until shown, so that phases in a row end when the whole roadmap does.
                end = (0 if in_progress else forecast_cursor) + _days_for(remaining, recent)
                forecast = _after(today, end)
                why = BEYOND_THE_CALENDAR if forecast is None else None
                forecast_cursor = max(forecast_cursor, end)
        else:
            why = NOTHING_TO_COUNT
        made.append(
            PhasePace(
                title=phase.title,
                display_title=phase.display_title,
                duration=_filled(phase),
                planned_days=plan,
                started=began,
                planned_end=planned_end,
                done=phase.n_done,
                total=phase.n_total,
                skipped=phase.n_skipped,
                doing=phase.n_doing,
                percent=percent(phase.n_done, phase.n_total),
                remaining=remaining,
                forecast=forecast,
                forecast_reason=why,
            )
        )
    return tuple(made)


def _grid(per_day: Mapping[date, int], today: date) -> tuple[date, tuple[tuple[int | None, ...], ...]]:
    monday = today - timedelta(days=today.weekday())
    start = monday - timedelta(weeks=GRID_WEEKS - 1)
    columns = []
    for week in range(GRID_WEEKS):
        column: list[int | None] = []
        for weekday in range(7):
            day = start + timedelta(days=week * 7 + weekday)
            column.append(per_day.get(day, 0) if day <= today else None)
        columns.append(tuple(column))
    return start, tuple(columns)


def month_starts(grid_start: date, weeks: int = GRID_WEEKS) -> list[tuple[int, int]]:
    """(column, month) for each heatmap column that holds the 1st of a month, for its labels."""
    found = []
    for week in range(weeks):
        monday = grid_start + timedelta(weeks=week)
        first = next((monday + timedelta(days=d) for d in range(7) if (monday + timedelta(days=d)).day == 1), None)
        if first is not None:
            found.append((week, first.month))
    return found


def dashboard(roadmap: Roadmap, now: datetime, day_start_hour: int = DAY_START_HOUR) -> Dashboard:
    """Everything the dashboard and `status` say, for `roadmap` at `now` (an aware datetime in
    local time: its study day is today)."""
    if not 0 <= day_start_hour <= 23:
        raise ValueError(f"the day starts at an hour from 0 to 23, not {day_start_hour}")
    today = study_day(now, day_start_hour)
    per_day = finishes(roadmap.walk_items(), day_start_hour)
    current, longest = streaks(per_day, today)
    window = today - timedelta(days=PACE_DAYS - 1)
    recent = sum(count for day, count in per_day.items() if window <= day <= today)
    first = min(per_day, default=None)
    remaining = roadmap.n_total - roadmap.n_done
    reason = _reason(first, recent, today)
    forecast: date | None = None
    why: str | None = reason
    if roadmap.n_total == 0:
        why = NOTHING_TO_COUNT
    elif remaining == 0:
        forecast = max(per_day, default=None)
        why = None if forecast is not None else DONE_WITHOUT_DATES
    elif reason is None:
        forecast = _after(today, _days_for(remaining, recent))
        why = BEYOND_THE_CALENDAR if forecast is None else None
    start, grid = _grid(per_day, today)
    weekly = tuple(sum(count or 0 for count in column) for column in grid)
    return Dashboard(
        today=today,
        day_start_hour=day_start_hour,
        done=roadmap.n_done,
        total=roadmap.n_total,
        skipped=roadmap.n_skipped,
        doing=roadmap.n_doing,
        percent=percent(roadmap.n_done, roadmap.n_total),
        remaining=remaining,
        per_day=dict(sorted(per_day.items())),
        streak=current,
        longest_streak=longest,
        finished_recently=recent,
        pace_per_day=recent / PACE_DAYS,
        forecast=forecast,
        forecast_reason=why,
        this_week=weekly[-1],
        last_week=weekly[-2],
        weekly=weekly,
        grid_start=start,
        grid=grid,
        phases=_phases(roadmap, today, day_start_hour, recent, reason),
    )
