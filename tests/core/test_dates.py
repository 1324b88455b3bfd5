"""Dates said briefly (`core/dates.py`), with "now" and the time zone pinned."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from roadmap_tui.core.dates import item_dates, when
from roadmap_tui.core.states import DOING, DONE, SKIPPED, TODO

PARIS = timezone(timedelta(hours=1))
NOW = datetime(2026, 12, 2, 10, 30, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("stamp", "said"),
    [
        (datetime(2026, 12, 2, 0, 0, 1, tzinfo=PARIS), "today"),
        (datetime(2026, 12, 2, 10, 30, tzinfo=PARIS), "today"),
        (datetime(2026, 12, 1, 23, 59, tzinfo=PARIS), "yesterday"),
        (datetime(2026, 11, 30, 12, 0, tzinfo=PARIS), "2 days ago"),
        (datetime(2026, 11, 26, 12, 0, tzinfo=PARIS), "6 days ago"),
        (datetime(2026, 11, 25, 12, 0, tzinfo=PARIS), "25 Nov"),
        (datetime(2026, 1, 3, 12, 0, tzinfo=PARIS), "3 Jan"),
        (datetime(2025, 12, 3, 12, 0, tzinfo=PARIS), "3 Dec 2025"),
        (datetime(2026, 12, 5, 9, 0, tzinfo=PARIS), "5 Dec"),  # after now: its day
    ],
)
def test_when_says_a_day_relative_to_now(stamp: datetime, said: str) -> None:
    assert when(stamp, NOW) == said


def test_a_stamp_with_another_offset_is_read_in_nows_time_zone() -> None:
    # 23:30 UTC on 1 Dec is 00:30 on 2 Dec in Paris: today, not yesterday.
    assert when(datetime(2026, 12, 1, 23, 30, tzinfo=timezone.utc), NOW) == "today"
    # 22:30 UTC on 1 Dec is 23:30 on 1 Dec in Paris.
    assert when(datetime(2026, 12, 1, 22, 30, tzinfo=timezone.utc), NOW) == "yesterday"
    tokyo_now = datetime(2026, 12, 2, 8, 0, tzinfo=timezone(timedelta(hours=9)))
    assert when(datetime(2026, 12, 1, 20, 0, tzinfo=PARIS), tokyo_now) == "today"  # 04:00 in Tokyo


def test_new_year_brings_the_year_back() -> None:
    january = datetime(2027, 1, 2, 9, 0, tzinfo=PARIS)
    assert when(datetime(2026, 12, 31, 9, 0, tzinfo=PARIS), january) == "2 days ago"
    assert when(datetime(2026, 12, 3, 9, 0, tzinfo=PARIS), january) == "3 Dec 2026"


def test_item_dates_say_done_for_done_and_started_for_doing() -> None:
    started = datetime(2026, 11, 30, 9, 0, tzinfo=PARIS)
    done = datetime(2026, 11, 3, 9, 0, tzinfo=PARIS)
    assert item_dates(DONE, started, done, NOW) == "done 3 Nov"
    assert item_dates(DOING, started, None, NOW) == "started 2 days ago"
    assert item_dates(DOING, NOW, None, NOW) == "started today"
    assert item_dates(TODO, started, None, NOW) == ""  # unchecked: the start stays, unsaid
    assert item_dates(SKIPPED, started, None, NOW) == ""
    assert item_dates(DONE, started, None, NOW) == ""  # a hand-written done with no date
    assert item_dates(DOING, None, None, NOW) == ""


def test_a_date_at_the_calendar_s_edge_is_said_as_written() -> None:
    from datetime import datetime, timedelta, timezone

    from roadmap_tui.core import dates

    now = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.utc)
    assert dates.when(datetime(1, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=1))), now) == "1 Jan 1"
    assert dates.when(datetime(9999, 12, 31, 23, 30, tzinfo=timezone(timedelta(hours=-1))), now) == "31 Dec 9999"
