"""A reviewer's failing tests for issue 11 (pace, forecast, streaks and review: a dashboard):
each one a bug found, with "now" and the time zone pinned."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from roadmap_tui.cli.exit_status import CommandError
from roadmap_tui.core import review, states
from roadmap_tui.core.model import Item, Node, Review, Roadmap
from roadmap_tui.core.pace import dashboard
from roadmap_tui.core.progress import recount_all

CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))
FIXTURES = Path(__file__).parent.parent / "fixtures"


def topic(text: str, *done_at: datetime, reviews: tuple[Review, ...] = ()) -> Item:
    children = [Item(f"{text} {n}", done=True, done_at=stamp) for n, stamp in enumerate(done_at)]
    return Item(text, done=False, items=children, reviews=reviews)


def roadmap(*items: Item) -> Roadmap:
    made = Roadmap("R", phases=[Node("P", items=list(items))])
    made.link()
    recount_all(made)
    return made


# status --format ----------------------------------------------------------------------------


def test_format_with_an_unknown_field_inside_a_format_spec_is_an_error_not_a_crash() -> None:
    """`status --format "{done:{nope}}"` crashes with a KeyError (status.py:136: the field check
    only looks at the top-level fields `string.Formatter().parse` yields, not at the fields nested
    in a format spec, and `format_map`'s KeyError is not caught). The README says "A field that
    is not one of these is a one-line error with exit status 2": expected a CommandError."""
    from roadmap_tui.cli.commands.status import render_format

    board = dashboard(roadmap(topic("A", datetime(2026, 11, 20, 20, tzinfo=CET))), datetime(2026, 11, 25, 10, tzinfo=CET))
    with pytest.raises(CommandError):
        render_format("{done:{nope}}", board)


# review: the day a review is due -------------------------------------------------------------


def test_summer_time_does_not_move_a_review_a_day_earlier() -> None:
    """review._day (review.py:97) moves the stamp a review counts from into `now`'s tzinfo; the
    app's now (`states.local_now`) has a fixed UTC offset, so a stamp written in summer time is
    moved by the winter offset: a review at 00:30 on 20 Oct (+02:00, Berlin summer time) is read
    as 23:30 on 19 Oct, and a 60-day interval comes due on 18 Dec instead of 19 Dec. The README
    says "Days are calendar days in your local time zone" (and, for pace, "summer time changes
    nothing"): the review was on 20 Oct in Berlin, so it is due on 19 Dec, not before."""
    reviews = tuple(
        Review(stamp, review.REMEMBERED)
        for stamp in (
            datetime(2026, 6, 2, 10, tzinfo=CEST),
            datetime(2026, 6, 5, 10, tzinfo=CEST),
            datetime(2026, 6, 12, 10, tzinfo=CEST),
            datetime(2026, 6, 26, 10, tzinfo=CEST),
            datetime(2026, 10, 20, 0, 30, tzinfo=CEST),  # the 5th review: on the 60-day step
        )
    )
    entry = topic("A", datetime(2026, 6, 1, 10, tzinfo=CEST), reviews=reviews)
    roadmap(entry)
    now = datetime(2026, 12, 18, 10, 0, tzinfo=CET)  # what local_now() gives in Berlin in winter
    # (midnight as the day's start, to see summer time alone: with 04:00, 00:30 is the 19th's study day)
    found = review.schedule(entry, now.tzinfo, day_start_hour=0)
    assert found is not None and found.interval == 60
    assert found.due == date(2026, 12, 19)
    assert not review.is_due(entry, now, day_start_hour=0)
    at_four = review.schedule(entry, now.tzinfo)
    assert at_four is not None and at_four.due == date(2026, 12, 18)
    late = entry.reviews[-1].at.replace(hour=4, minute=30)  # after 04:00 in summer time: the 20th
    entry.reviews = (*entry.reviews[:-1], Review(late, review.REMEMBERED))
    assert review.schedule(entry, now.tzinfo).due == date(2026, 12, 19)  # type: ignore[union-attr]


def test_a_topic_finished_late_at_night_is_not_due_in_the_same_study_day() -> None:
    """Reviews count days from midnight (review.py: `due` compares with `now.date()`), while
    everything else counts study days that start at 04:00 ("so late-night study counts for the
    day it belongs to"). A topic finished at 23:00 on 25 Nov is due at 00:30 on 26 Nov, an hour
    and a half later, in the same study session: the dashboard's today is still 25 Nov and its
    due list says "due today". Expected: due on the next study day (26 Nov from 04:00), as
    the dashboard and `status --json` ("today") count days."""
    entry = topic("A", datetime(2026, 11, 25, 23, 0, tzinfo=CET))
    rm = roadmap(entry)
    now = datetime(2026, 11, 26, 0, 30, tzinfo=CET)
    assert dashboard(rm, now).today == date(2026, 11, 25)
    assert not review.is_due(entry, now)


# the heatmap ----------------------------------------------------------------------------------


def test_the_heatmap_labels_the_month_that_starts_this_week() -> None:
    """dashboard_rows.heatmap_lines drops the label of a month whose 1st is in the newest
    column: the label must fit in `shown * 2` cells (`at + len(name) <= len(labels)`), and the last
    column has 2 of the 3 a name needs, though the pane has room. So on 2 Dec (a Wednesday,
    1 Dec in this week's column) the heatmap at 200 cells reads "Jul Aug Sep Oct Nov" with no
    "Dec" (seen with tui-drive at 80x24 too). Expected: "Dec" above the newest column."""
    from roadmap_tui.tui.widgets.dashboard_rows import LABEL_WIDTH, heatmap_lines

    rm = roadmap(topic("A", datetime(2026, 11, 20, 20, tzinfo=CET)))
    board = dashboard(rm, datetime(2026, 12, 2, 10, 0, tzinfo=CET))
    assert board.grid_start + timedelta(weeks=25) == date(2026, 11, 30)  # the newest column holds 1 Dec
    labels = heatmap_lines(board, 200)[0].plain
    assert "Nov" in labels
    assert labels[LABEL_WIDTH + 25 * 2 :].startswith("Dec")


# v on an entry that is not due ---------------------------------------------------------------

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=CET)


async def test_v_on_a_topic_not_due_does_not_climb_the_ladder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`v` records a "remembered" review on any finished topic, due or not (main.py
    action_review checks `reviewable`, never `is_due`): on Calculus, finished this morning and
    due tomorrow, `v` moves it to the 3-day step at once, and pressing it six more times puts it
    120 days out without a single real review. The issue has `v` on a due entry. Expected: on a
    topic not due yet, `v` records nothing (and says when it is due)."""
    from roadmap_tui.tui.app import RoadmapApp
    from roadmap_tui.tui.screens.main import MainScreen

    path = tmp_path / "review_due.toml"
    shutil.copy(FIXTURES / "review_due.toml", path)
    monkeypatch.setattr(states, "local_now", lambda: NOW)
    app = RoadmapApp(path=path, watch_interval=0)
    app.store.clock = lambda: NOW
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        calculus = next(i for i in screen.roadmap.walk_items() if i.text == "Calculus")
        assert review.reviewable(calculus) and not review.is_due(calculus, NOW)
        screen.go_to(calculus)
        await pilot.pause()
        await pilot.press(*"vvvvvvv")
        await pilot.pause()
        assert calculus.reviews == ()


LEAF_PHASE = """schema = 3
title = "L"

[[phases]]
title = "Leafphase"
items = [{ text = "x", done = true, done_at = 2026-11-20T19:05:00+01:00 }]

[[phases]]
title = "Other"
items = [{ text = "y", done = false }]
"""


async def test_the_dashboards_due_list_follows_a_review_made_under_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the dashboard shown, `v` on a due leaf part's row in the overview below it records
    the review (the toast says "next in 3 days", the footer's "1 due" goes), but the dashboard
    still says "Due for review 1 / ↻ Leafphase · 4 days overdue": dashboard_rows.Board.get
    (dashboard_rows.py:198) caches the dashboard and the reviews due on a key of counts and
    the hour, which a review does not change. Expected: "Due for review 0" after the review."""
    from roadmap_tui.tui.app import RoadmapApp
    from roadmap_tui.tui.widgets import dashboard_rows
    from roadmap_tui.tui.widgets.item_list import ItemList

    path = tmp_path / "leaf.toml"
    path.write_text(LEAF_PHASE, encoding="utf-8")
    monkeypatch.setattr(states, "local_now", lambda: NOW)
    monkeypatch.setattr(dashboard_rows, "clock", lambda: NOW)
    app = RoadmapApp(path=path, watch_interval=0)
    app.store.clock = lambda: NOW
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("home")
        await pilot.pause()
        items = app.screen.query_one(ItemList)

        def shown() -> list[str]:
            return [line.plain for lines in items._row_lines for line in lines]

        assert "Due for review 1" in shown()
        await pilot.press("tab")
        await pilot.pause()
        assert items.current is not None and items.current.spec.kind == "summary"
        await pilot.press("v")
        await pilot.pause()
        assert "Reviewed “Leafphase”: next in 3 days." in [str(n.message) for n in app._notifications]
        assert "Due for review 0" in shown()


def test_status_says_28_days_when_one_item_was_finished() -> None:
    """`status` says "Pace: 0.04 a day (1 finished in the last 28 day)": status.py pace_lines
    picks "day" or "days" by the number finished (`board.finished_recently == 1`) and puts the
    word after 28. Expected "(1 finished in the last 28 days)"."""
    from roadmap_tui.cli.commands.status import pace_lines

    rm = Roadmap("R", phases=[Node("P", items=[Item("a", done=True, done_at=datetime(2026, 11, 20, 10, tzinfo=CET)), Item("b", done=False)])])
    rm.link()
    recount_all(rm)
    lines = pace_lines(dashboard(rm, datetime(2026, 11, 25, 10, tzinfo=CET)))
    assert "Pace: 0.04 a day (1 finished in the last 28 days)" in lines


def one_day_plan() -> Roadmap:
    rm = Roadmap(
        "R",
        phases=[Node("P", duration="1 day", items=[Item("a", done=True, done_at=datetime(2026, 11, 20, 10, tzinfo=CET)), Item("b", done=False)])],
    )
    rm.link()
    recount_all(rm)
    return rm


def test_the_dashboard_says_a_one_day_plan_in_the_singular() -> None:
    """A phase whose Duration is "1 day" (singulars parse) shows "plan 1 days" on the dashboard
    (dashboard_rows.py phase_lines: f"plan {phase.planned_days} days"). Expected "plan 1 day",
    as the rest of the dashboard says "1 day" (streak, overdue, ahead/behind)."""
    from roadmap_tui.tui.widgets.dashboard_rows import phase_lines

    board = dashboard(one_day_plan(), datetime(2026, 11, 25, 10, tzinfo=CET))
    text = "\n".join(line.plain for line in phase_lines(board, 100))
    assert "plan 1 day ·" in text


def test_status_says_a_one_day_plan_in_the_singular(capsys: pytest.CaptureFixture[str]) -> None:
    """`status`'s plan table says "1 days" in PLAN for a "1 day" Duration (status.py
    print_plan_table: f"{phase.planned_days} days"). Expected "1 day"."""
    from roadmap_tui.cli.commands.status import print_plan_table

    print_plan_table(dashboard(one_day_plan(), datetime(2026, 11, 25, 10, tzinfo=CET)))
    out = capsys.readouterr().out
    assert "1 days" not in out and "1 day " in out


def test_a_phase_skipped_whole_does_not_push_back_the_next_ones_plan() -> None:
    """A phase whose items are all skipped has "nothing to plan" (status.py print_plan_table
    leaves it out for that reason, and the dashboard hides it as "nothing to count"), yet
    pace._phases still moves the plan cursor by its Duration: here the third phase, planned for
    30 days after the first one's planned end (11 Dec), is shown as ending on 10 Apr 2027,
    90 days later, with nothing on screen to say why. Expected: the skipped phase takes no
    planned time, so the third one is planned to end 30 days after 11 Dec: 10 Jan 2027."""
    stamp = datetime(2026, 11, 20, 10, tzinfo=CET)
    first = Node("First", duration="3 weeks", items=[Item("a", done=True, done_at=stamp), Item("b", done=False)])
    skipped = Node("Skipped", duration="3 months", items=[Item("c", done=False, state="skipped")])
    third = Node("Third", duration="30 days", items=[Item("d", done=False)])
    rm = Roadmap("R", phases=[first, skipped, third])
    rm.link()
    recount_all(rm)
    board = dashboard(rm, datetime(2026, 11, 25, 10, tzinfo=CET))
    assert board.phases[0].planned_end == date(2026, 12, 11)
    assert board.phases[1].total == 0
    assert board.phases[2].planned_end == date(2027, 1, 10)


def test_a_phase_with_undated_done_items_is_started() -> None:
    """The README: "one already started (an item doing or done) is forecast from today". A phase
    whose items were checked before the journal kept dates (done, no `done_at`; or `state =
    "doing"` written by hand with no `started_at`) is taken as not started (pace._phases looks
    only at `started(counted)`, the dates): its forecast waits for the phase before it to end,
    and the dashboard says "started –" for a phase half done. Here the second phase (1 of 2
    done, no dates) is forecast after the first one's 2 items (at 4 finished in 28 days: 14
    days, then 7 more: 16 Dec) instead of from today (7 days: 2 Dec)."""
    dated = [Item(f"d{n}", done=True, done_at=datetime(2026, 11, 10 + n, 20, tzinfo=CET)) for n in range(4)]
    first = Node("First", items=[*dated, Item("a", done=False), Item("b", done=False)])
    second = Node("Second", items=[Item("old", done=True), Item("c", done=False)])
    rm = Roadmap("R", phases=[first, second])
    rm.link()
    recount_all(rm)
    board = dashboard(rm, datetime(2026, 11, 25, 10, tzinfo=CET))
    assert board.phases[0].forecast == date(2026, 12, 9)
    assert board.phases[1].forecast == date(2026, 12, 2)
