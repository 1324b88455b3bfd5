"""An item's dates said briefly, for the pane: `done 3 Dec`, `started 2 days ago`.

A date is said relative to `now`, by calendar day in `now`'s time zone (a stamp written with
another offset is moved to it first): `today`, `yesterday`, `N days ago` for up to a week, else
the day and month (`3 Dec`), with the year when it is not `now`'s (`3 Dec 2025`). A date after
`now` (another machine's clock, a hand-written date) is said as its day, never "in 2 days".

Pure: `now` is passed in (the app gives `states.local_now()`), no Textual.
"""

from __future__ import annotations

from datetime import datetime

from roadmap_tui.core.states import DOING, DONE

#: Up to this many days back a date is said as "N days ago"; older, as its day.
RECENT_DAYS = 6
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def when(stamp: datetime, now: datetime) -> str:
    """`today`, `yesterday`, `3 days ago`, `3 Dec` or `3 Dec 2025` (see above)."""
    if stamp.tzinfo is not None and now.tzinfo is not None:
        try:
            stamp = stamp.astimezone(now.tzinfo)
        except (OverflowError, ValueError):  # a hand-written date at the calendar's edge (year 1, 9999)
            pass  # said as written, in its own zone
    days = (now.date() - stamp.date()).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 1 < days <= RECENT_DAYS:
        return f"{days} days ago"
    day = f"{stamp.day} {MONTHS[stamp.month - 1]}"
    return day if stamp.year == now.year else f"{day} {stamp.year}"


def item_dates(state: str, started_at: datetime | None, done_at: datetime | None, now: datetime) -> str:
    """What the pane says of an item's dates: `done …` for a done item, `started …` for one in
    progress, "" for the rest (todo, skipped) and for a date that is not there."""
    if state == DONE and done_at is not None:
        return f"done {when(done_at, now)}"
    if state == DOING and started_at is not None:
        return f"started {when(started_at, now)}"
    return ""
