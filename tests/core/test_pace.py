"""core/pace.py: planned durations, study days, streaks, pace and forecasts, with pinned dates and
offsets (no clock is read: `now` is passed in)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from roadmap_tui import library
from roadmap_tui.core import pace
from roadmap_tui.core.progress import recount_all
from roadmap_tui.core.model import Node, Roadmap
from roadmap_tui.core.pace import dashboard, parse_duration, planned_days, streaks, study_day

SIX_WEEKS = Path(__file__).resolve().parents[1] / "fixtures" / "six_weeks.toml"
NOW = datetime.fromisoformat("2026-11-25T10:00:00+01:00")  # a Wednesday, in Berlin (winter time)


def six_weeks() -> Roadmap:
    return library.open_read_only(SIX_WEEKS)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("3 weeks", 21),
        ("1 week", 7),
        ("1 day", 1),
        ("10 days", 10),
        ("2 months", 60),
        ("1 year", 365),
        ("2-3 months", 90),  # the upper bound is the plan
        ("2–3 months", 90),  # an en dash
        ("2 - 3 Months", 90),
        ("1.5 months", 45),
        ("2.5 weeks", 18),  # half days round up
        ("1-1.5 years", 548),
        ("  6 WEEKS ", 42),
    ],
)
def test_durations_that_plan(text: str, days: int) -> None:
    assert parse_duration(text) == days


@pytest.mark.parametrize(
    "text",
    ["", "months", "e.g., 2-3 months", "a month", "2.25 months", "3-2 weeks", "0 days", "2 fortnights",
     "about 3 months", "3 months or so", "2—3 months"],
)
def test_durations_that_do_not_are_no_plan(text: str) -> None:
    assert parse_duration(text) is None


def test_an_unfilled_duration_is_no_plan_never_its_hint() -> None:
    assert planned_days(Node("Phase", duration="_[e.g., 2-3 months]_")) is None
    assert planned_days(Node("Phase", duration="_[e.g., 2-3 months]_", duration_fill="4 weeks")) == 28
    assert planned_days(Node("Phase", duration="6 weeks")) == 42  # written into the file as it is
    assert planned_days(Node("Phase", duration="_[e.g., 2-3 months]_", duration_fill="soon")) is None
    assert planned_days(Node("Phase")) is None


def test_the_study_day_starts_at_four() -> None:
    berlin = timezone(timedelta(hours=1))
    assert study_day(datetime(2026, 11, 25, 2, 30, tzinfo=berlin)) == date(2026, 11, 24)
    assert study_day(datetime(2026, 11, 25, 3, 59, 59, tzinfo=berlin)) == date(2026, 11, 24)
    assert study_day(datetime(2026, 11, 25, 4, 0, tzinfo=berlin)) == date(2026, 11, 25)
    assert study_day(datetime(2026, 11, 25, 23, 59, tzinfo=berlin)) == date(2026, 11, 25)
    assert study_day(datetime(2026, 11, 25, 2, 30, tzinfo=berlin), 0) == date(2026, 11, 25)
    assert study_day(datetime(2026, 11, 25, 5, 0, tzinfo=berlin), 6) == date(2026, 11, 24)


def test_a_finish_counts_on_the_clock_it_was_written_with() -> None:
    new_york = datetime.fromisoformat("2026-11-23T23:30:00-05:00")  # 05:30 the next day in Berlin
    assert study_day(new_york) == date(2026, 11, 23)
    assert study_day(new_york.astimezone(timezone(timedelta(hours=1)))) == date(2026, 11, 24)


def test_streaks_across_a_gap() -> None:
    today = date(2026, 11, 25)
    october = [date(2026, 10, d) for d in (15, 16, 17, 18)]
    assert streaks([*october, date(2026, 11, 24), today], today) == (2, 4)
    assert streaks([*october, date(2026, 11, 24)], today) == (1, 4)  # yesterday keeps it alive
    assert streaks([*october, date(2026, 11, 23)], today) == (0, 4)  # a day missed: it is over
    assert streaks([], today) == (0, 0)
    assert streaks([today + timedelta(days=1)], today) == (0, 0)  # another machine's clock


def test_six_weeks_of_dates() -> None:
    board = dashboard(six_weeks(), NOW)
    assert board.today == date(2026, 11, 25)
    assert (board.done, board.total, board.skipped, board.doing, board.remaining) == (9, 16, 1, 1, 7)
    # Two on the 16th (one at 02:30 on the 17th); the Resources line done on 1 Nov does not count;
    # the New York evening counts for the 23rd, across the change from summer to winter time.
    assert board.per_day == {date(2026, 10, 15): 1, date(2026, 10, 16): 2, date(2026, 10, 17): 1,
                             date(2026, 10, 18): 1, date(2026, 11, 10): 1, date(2026, 11, 23): 1,
                             date(2026, 11, 24): 1, date(2026, 11, 25): 1}
    assert (board.streak, board.longest_streak) == (3, 4)
    assert board.finished_recently == 4 and board.pace_per_day == pytest.approx(1 / 7)
    assert board.forecast == date(2027, 1, 13) and board.forecast_reason is None  # 7 left at 1/7 a day: 49 days
    assert (board.this_week, board.last_week) == (3, 0)


def test_a_phase_behind_and_one_ahead() -> None:
    basics, models, extras, library_ = dashboard(six_weeks(), NOW).phases
    # Started 14 Oct ("3 weeks": planned to end 4 Nov), 2 left at 1/7 a day: 9 Dec, 35 days behind.
    assert (basics.planned_days, basics.started, basics.planned_end) == (21, date(2026, 10, 14), date(2026, 11, 4))
    assert (basics.forecast, basics.ahead_days) == (date(2026, 12, 9), -35)
    # Not started: planned from Basics' planned end (90 days: "2–3 Months"), forecast from Basics'
    # forecast end: 4 left, 28 days after 9 Dec.
    assert (models.planned_days, models.started, models.planned_end) == (90, None, date(2027, 2, 2))
    assert (models.forecast, models.ahead_days) == (date(2027, 1, 6), 27)
    assert pace.ahead_text(basics.ahead_days) == "35 days behind" and pace.ahead_text(27) == "27 days ahead"
    assert pace.ahead_text(-1) == "1 day behind" and pace.ahead_text(0) == "on plan"
    # No plan (only the hint); started (a doing item), so its forecast starts today: 1 left, 7 days.
    assert (extras.duration, extras.planned_days, extras.planned_end, extras.ahead_days) == (None, None, None, None)
    assert (extras.started, extras.forecast) == (date(2026, 11, 20), date(2026, 12, 2))
    assert library_.forecast is None and library_.forecast_reason == pace.NOTHING_TO_COUNT


def test_not_enough_history_yet() -> None:
    roadmap = six_weeks()
    six_days_after_the_first = datetime.fromisoformat("2026-10-21T12:00:00+02:00")
    board = dashboard(roadmap, six_days_after_the_first)
    assert board.forecast is None and board.forecast_reason == "not enough history yet"
    assert all(p.forecast is None for p in board.phases)
    assert board.phases[0].planned_end == date(2026, 11, 4)  # the plan needs no history
    seventh = dashboard(roadmap, datetime.fromisoformat("2026-10-22T12:00:00+02:00"))
    assert seventh.forecast_reason is None and seventh.forecast is not None
    fresh = six_weeks()
    for item in fresh.walk_items():
        item.done_at = None  # done, but no dates: nothing to go on
    assert dashboard(fresh, NOW).forecast_reason == "not enough history yet"


def test_no_recent_progress() -> None:
    later = datetime.fromisoformat("2027-01-10T12:00:00+01:00")  # 28 days after the last finish, and more
    board = dashboard(six_weeks(), later)
    assert (board.forecast, board.forecast_reason, board.pace_per_day) == (None, "no recent progress", 0)
    assert board.streak == 0 and board.longest_streak == 4
    last_day_in = dashboard(six_weeks(), datetime.fromisoformat("2026-12-22T12:00:00+01:00"))
    assert last_day_in.finished_recently == 1 and last_day_in.forecast == date(2026, 12, 22) + timedelta(days=196)


def test_the_heatmap_grid_and_the_weeks() -> None:
    board = dashboard(six_weeks(), NOW)
    assert board.grid_start == date(2026, 6, 1) and board.grid_start.weekday() == 0
    assert len(board.grid) == 26 and all(len(week) == 7 for week in board.grid)
    assert board.grid[-1] == (1, 1, 1, None, None, None, None)  # Mon 23 to Wed 25 Nov, then the future
    assert board.grid[-7] == (0, 0, 0, 1, 2, 1, 1)  # 12 to 18 Oct
    assert board.weekly[-7:] == (5, 0, 0, 0, 1, 0, 3) and len(board.weekly) == 26
    assert pace.month_starts(board.grid_start)[:2] == [(0, 6), (4, 7)]  # 1 June, 1 July (in the week of 29 June)


def test_a_finished_phase_is_forecast_for_its_last_day() -> None:
    roadmap = six_weeks()
    for item in roadmap.phases[0].walk_items():
        if item.is_counted and not item.done:
            item.done, item.done_at = True, datetime.fromisoformat("2026-11-03T20:00:00+01:00")
    roadmap.phases[0].n_done = roadmap.phases[0].n_total
    basics = dashboard(roadmap, NOW).phases[0]
    assert basics.remaining == 0 and basics.forecast == date(2026, 11, 24) and basics.ahead_days == -20


def test_the_day_start_is_an_hour() -> None:
    with pytest.raises(ValueError):
        dashboard(six_weeks(), NOW, 24)
    midnight = dashboard(six_weeks(), NOW, 0)
    assert midnight.per_day[date(2026, 10, 17)] == 2 and midnight.per_day[date(2026, 10, 16)] == 1


def test_phases_in_a_row_end_when_the_roadmap_does() -> None:
    roadmap = six_weeks()
    for item in roadmap.phases[2].walk_items():  # Extras not started (nothing doing or done): it waits for Models
        item.started_at = None
        if item.state == "doing":
            item.state = ""
        if item.done:
            item.done, item.done_at = False, None
    recount_all(roadmap)
    assert (roadmap.phases[2].n_done, roadmap.phases[2].n_doing, roadmap.n_done) == (0, 0, 8)
    board = dashboard(roadmap, NOW)
    basics, models, extras, _ = board.phases
    assert extras.started is None and board.remaining == 8
    # 8 left at 3 in 28 days: 74.7 days, so 8 Feb; Basics 2 (18.7 days), Models 4 (37.3), Extras 2
    # (18.7), end to end: rounded one by one (19 + 38 + 19) Extras would end a day after the roadmap.
    assert (basics.forecast, models.forecast, extras.forecast) == (date(2026, 12, 14), date(2027, 1, 20), date(2027, 2, 8))
    assert board.forecast == extras.forecast


def test_dates_past_the_calendar_are_none_never_an_error() -> None:
    roadmap = six_weeks()
    roadmap.phases[1].duration_fill = "9999 years"
    models = dashboard(roadmap, NOW).phases[1]
    assert models.planned_days == 9999 * 365 and models.planned_end is None and models.ahead_days is None
    roadmap.n_total = roadmap.phases[1].n_total = 10**9  # a pace far too slow for it
    board = dashboard(roadmap, NOW)
    assert (board.forecast, board.forecast_reason) == (None, pace.BEYOND_THE_CALENDAR)
    assert board.phases[1].forecast_reason == pace.BEYOND_THE_CALENDAR
    first_hours = datetime(1, 1, 1, 2, 0, tzinfo=timezone.utc)
    assert study_day(first_hours) == date(1, 1, 1)
