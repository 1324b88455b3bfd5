"""Review of finished topics: which entries are reviewed, and when each comes due again.

What is reviewed (`reviewable`): a finished topic, i.e. an item with counted items under it whose
state (`states.status`) is done, or a leaf section or part (`Node.is_leaf`: no sections, no
topics) that is done. A single counted item is not reviewed on its own: its topic is.

The schedule: growing intervals, `INTERVALS` = 1, 3, 7, 14, 30, 60, 120 days (a fixed ladder,
not FSRS: it needs no parameters, reads off the file by hand, and is what the learner can check).
An entry sits on a step of the ladder. Never reviewed, it is on the first step (1 day), counted
from when it was finished: the latest `done_at` among the items under it. Each review moves it:
"remembered" one step up (the top step, 120 days, repeats), "forgot" back to the first step; the
next review is due that step's interval after the last review. Reviews are taken in order of
their time (`at`), whatever order the file lists them in. An entry finished again after its last
review (reopened after "forgot", or a new item added and checked) counts from that finish
instead, on the step it is on.

Days are study days, starting at `day_start_hour` (04:00 by default, the settings' `day_starts_at`),
each stamp read on its own clock (the local time it was written in, with that day's offset), as
streaks and pace count them (`pace.study_day`): finished on 3 Dec at 23:00, or on 4 Dec at 01:30,
the first review is due on 4 Dec from 04:00, on the clock of wherever the learner is then. So
summer time moves nothing (a review at 00:30 in summer is on that day, read in winter too), and
neither does a trip: a topic finished at 23:00 in Berlin was finished on that Berlin day. An entry
with no date to count from (finished before the journal kept dates, or checked by hand with no
`done_at`) and never reviewed is not scheduled: it is never due until a first review is recorded.

Reviews never change progress: they are records on the entry (`Item.reviews`, `Node.reviews`),
and the counts do not look at them. An entry that stops being done (an item unchecked) is not
reviewable and never due; its reviews stay, and count again once it is done again.

Pure: `now` is passed in, no I/O, no Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from roadmap_tui.core.model import Entry, Item, Node, Review, Roadmap
from roadmap_tui.core.outline import root_of
from roadmap_tui.core.pace import DAY_START_HOUR, study_day
from roadmap_tui.core.states import DONE, status
from roadmap_tui.core.structure_edits import attached

#: The ladder of intervals, in days.
INTERVALS = (1, 3, 7, 14, 30, 60, 120)
REMEMBERED, FORGOT = "remembered", "forgot"
RESULTS = (REMEMBERED, FORGOT)


@dataclass(frozen=True, slots=True)
class Schedule:
    """Where a reviewable entry stands: its step on the ladder, the stamp the interval counts
    from (its last review, or when it was finished), and the day it is due."""

    entry: Entry = field(repr=False)  # (its repr is the whole subtree)
    step: int
    since: datetime
    due: date
    reviews: int  # how many reviews it has had

    @property
    def interval(self) -> int:
        """The days between `since` and `due`."""
        return INTERVALS[self.step]


def reviewable(entry: Entry) -> bool:
    """Whether `entry` is a finished topic (see the module's docstring)."""
    if isinstance(entry, Item):
        return bool(entry.n_counted) and not entry.is_counted and status(entry) == DONE
    return entry.is_leaf and status(entry) == DONE


def finished_at(entry: Entry) -> datetime | None:
    """When `entry` was finished: the latest `done_at` among the items under it (None: none has one)."""
    items = entry.walk() if isinstance(entry, Item) else entry.walk_items()
    return max((i.done_at for i in items if i.done_at is not None and i.is_counted), default=None)


def step_after(step: int, result: str) -> int:
    """The step a review with `result` moves an entry on `step` to."""
    if result == FORGOT:
        return 0
    return min(step + 1, len(INTERVALS) - 1)


def in_order(reviews: tuple[Review, ...]) -> list[Review]:
    """Reviews by time (stable: two at the same moment stay in the file's order)."""
    return sorted(reviews, key=lambda review: review.at)


def _day(stamp: datetime, zone: tzinfo | None, day_start_hour: int) -> date:
    """The study day of `stamp`, on its own clock (see the module's docstring); a stamp with no
    offset (the file never has one: the reader refuses it) on the clock of `zone`."""
    if stamp.tzinfo is None and zone is not None:
        stamp = stamp.replace(tzinfo=zone)
    return study_day(stamp, day_start_hour)


def schedule(entry: Entry, zone: tzinfo | None, day_start_hour: int = DAY_START_HOUR) -> Schedule | None:
    """Where `entry` stands on the ladder, study days in `zone`; None when it is not reviewable or
    has no date to count from."""
    if not reviewable(entry):
        return None
    step = 0
    since: datetime | None = None
    reviews = in_order(entry.reviews)
    for review in reviews:
        step, since = step_after(step, review.result), review.at
    finished = finished_at(entry)
    if finished is not None and (since is None or finished > since):
        since = finished  # finished (again) after its last review: counted from then
    if since is None:
        return None
    try:
        due = _day(since, zone, day_start_hour) + timedelta(days=INTERVALS[step])
    except OverflowError:  # a hand-written year 9999
        due = date.max
    return Schedule(entry, step, since, due, len(reviews))


def entries(roadmap: Roadmap) -> Iterator[Entry]:
    """Every entry that could be reviewed (a leaf node or a topic), in the roadmap's order."""

    def items(found: list[Item]) -> Iterator[Item]:
        for item in found:
            if item.n_counted and not item.is_counted:
                yield item
                yield from items(item.items)

    for node in roadmap.walk_nodes():
        if node.is_leaf:
            yield node
        yield from items(node.items)


def schedules(roadmap: Roadmap, zone: tzinfo | None, day_start_hour: int = DAY_START_HOUR) -> list[Schedule]:
    """The schedule of every reviewable entry with a date to count from, in the roadmap's order."""
    return [found for entry in entries(roadmap) if (found := schedule(entry, zone, day_start_hour)) is not None]


def due(roadmap: Roadmap, now: datetime, day_start_hour: int = DAY_START_HOUR) -> list[Schedule]:
    """The entries due for review on `now`'s study day (in its zone): most overdue first (by due
    day, then by the stamp counted from), then in the roadmap's order."""
    today = study_day(now, day_start_hour)
    found = [s for s in schedules(roadmap, now.tzinfo, day_start_hour) if s.due <= today]
    return sorted(found, key=lambda s: (s.due, s.since))


def count_due(roadmap: Roadmap, now: datetime, day_start_hour: int = DAY_START_HOUR) -> int:
    """How many entries are due for review on `now`'s study day."""
    return len(due(roadmap, now, day_start_hour))


def is_due(entry: Entry, now: datetime, day_start_hour: int = DAY_START_HOUR) -> bool:
    """Whether `entry` is due for review on `now`'s study day."""
    found = schedule(entry, now.tzinfo, day_start_hour)
    return found is not None and found.due <= study_day(now, day_start_hour)


def days_word(days: int) -> str:
    """`1 day`, `7 days`."""
    return f"{days} day" if days == 1 else f"{days} days"


class DueSet:
    """What is due for review in a roadmap, kept up to date change by change (the footer's count
    at every key: `due` walks the whole roadmap, some 12 ms at 10,000 items).

    Made whole for `roadmap` on `now`'s study day; `update(touched, now)` after a change rechecks
    only the entries that change can have made due or not: each touched entry and the entries
    above it (a checked item finishes its topic; a review moves its entry). On another study day,
    or for another roadmap (a reload), it is made whole again.
    """

    def __init__(self, roadmap: Roadmap, now: datetime, day_start_hour: int = DAY_START_HOUR) -> None:
        self.day_start_hour = day_start_hour
        self._make(roadmap, now)

    def _make(self, roadmap: Roadmap, now: datetime) -> None:
        self.roadmap, self.day = roadmap, study_day(now, self.day_start_hour)
        self._due = {id(s.entry): s.entry for s in due(roadmap, now, self.day_start_hour)}

    def update(self, roadmap: Roadmap, touched: Iterable[Entry], now: datetime) -> int:
        """Recheck what `touched` changed (see the class); how many are due now."""
        if roadmap is not self.roadmap or study_day(now, self.day_start_hour) != self.day:
            self._make(roadmap, now)
            return len(self)
        seen: set[int] = set()
        for entry in touched:
            current: object = entry
            while isinstance(current, (Item, Node)) and id(current) not in seen:
                seen.add(id(current))
                if is_due(current, now, self.day_start_hour):
                    self._due[id(current)] = current
                else:
                    self._due.pop(id(current), None)
                current = current.parent
        gone = [key for key, entry in self._due.items() if not (attached(entry) and root_of(entry) is roadmap)]
        for key in gone:  # taken out of the roadmap (removed, with what was under it)
            del self._due[key]
        return len(self)

    def __len__(self) -> int:
        return len(self._due)
