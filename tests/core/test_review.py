"""The review schedule (`core/review.py`) with pinned dates and zones, and its edits' undo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from roadmap_tui.core import edits, review
from roadmap_tui.core.edits import key_path
from roadmap_tui.core.model import Item, Node, Review, Roadmap
from roadmap_tui.core.outline import title_path
from roadmap_tui.core.progress import recount_all
from roadmap_tui.core.review_edits import AppendReview, RemoveReview

CET = timezone(timedelta(hours=1))
TOKYO = timezone(timedelta(hours=9))
UTC = timezone.utc


def at(day: int, hour: int = 20, zone: timezone = CET, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=zone)


def topic(text: str, *done_at: datetime | None, reviews: tuple[Review, ...] = ()) -> Item:
    """A topic whose items are done at `done_at` (None: not done)."""
    children = [
        Item(f"{text} {n}", done=stamp is not None, done_at=stamp) for n, stamp in enumerate(done_at)
    ]
    return Item(text, done=False, items=children, reviews=reviews)


def roadmap(*items: Item, sections: tuple[Node, ...] = ()) -> Roadmap:
    made = Roadmap("R", phases=[Node("P", items=list(items), sections=list(sections))])
    made.link()
    recount_all(made)
    return made


def test_the_ladder() -> None:
    assert review.INTERVALS == (1, 3, 7, 14, 30, 60, 120)
    assert review.step_after(0, review.REMEMBERED) == 1
    assert review.step_after(6, review.REMEMBERED) == 6  # the top step repeats
    assert review.step_after(4, review.FORGOT) == 0


def test_what_is_reviewable() -> None:
    done, half = topic("A", at(1)), topic("B", at(1), None)
    leaf = Node("Leaf", items=[Item("x", done=True, done_at=at(2))])
    open_leaf = Node("Open", items=[Item("y", done=False)])
    rm = roadmap(done, half, sections=(leaf, open_leaf))
    assert review.reviewable(done) and not review.reviewable(half)
    assert not review.reviewable(done.items[0])  # a counted item is reviewed with its topic
    assert review.reviewable(leaf) and not review.reviewable(open_leaf)
    assert not review.reviewable(rm.phases[0])  # not a leaf: it has topics and sections
    assert [e.title for e in review.entries(rm)] == ["A", "B", "Leaf", "Open"]


def test_never_reviewed_counts_from_the_latest_done_at() -> None:
    entry = topic("A", at(1), at(3, 23))
    roadmap(entry)
    found = review.schedule(entry, CET)
    assert found is not None
    assert (found.step, found.since, found.due, found.reviews) == (0, at(3, 23), date(2026, 12, 4), 0)
    assert not review.is_due(entry, at(3, 23, month=12).replace(hour=23, minute=59))
    assert not review.is_due(entry, datetime(2026, 12, 4, 3, 59, tzinfo=CET))  # still 3 Dec's study day
    assert review.is_due(entry, datetime(2026, 12, 4, 4, 0, tzinfo=CET))
    assert review.is_due(entry, datetime(2026, 12, 4, 0, 0, tzinfo=CET), day_start_hour=0)  # calendar days


def test_a_late_night_finish_counts_for_the_study_day_before() -> None:
    """Finished at 01:30 on 4 Dec (the 3rd's study day, the day starting at 04:00): due on the 4th
    from 04:00, as a finish at 23:00 on the 3rd would be; with the day starting at 00:00, on the 5th."""
    entry = topic("A", datetime(2026, 12, 4, 1, 30, tzinfo=CET))
    whole = roadmap(entry)
    assert review.schedule(entry, CET).due == date(2026, 12, 4)  # type: ignore[union-attr]
    assert review.schedule(entry, CET, day_start_hour=0).due == date(2026, 12, 5)  # type: ignore[union-attr]
    assert review.is_due(entry, datetime(2026, 12, 4, 4, 0, tzinfo=CET))
    assert review.count_due(whole, datetime(2026, 12, 4, 4, 0, tzinfo=CET)) == 1
    assert not review.is_due(entry, datetime(2026, 12, 4, 23, 0, tzinfo=CET), day_start_hour=0)


def test_a_stamp_counts_on_its_own_clock_and_now_on_the_learners() -> None:
    """A time-zone change: a topic finished at 23:00 in Berlin (07:00 on the 4th in Tokyo) was
    finished on the 3rd, as streaks count it; due on the 4th, on the clock wherever the learner is."""
    entry = topic("A", at(3, 23))
    roadmap(entry)
    assert review.schedule(entry, CET).due == date(2026, 12, 4)  # type: ignore[union-attr]
    assert review.schedule(entry, TOKYO).due == date(2026, 12, 4)  # type: ignore[union-attr]
    assert not review.is_due(entry, datetime(2026, 12, 4, 3, 0, tzinfo=TOKYO))  # the 3rd's study day in Tokyo
    assert review.is_due(entry, datetime(2026, 12, 4, 5, 0, tzinfo=TOKYO))
    assert review.is_due(entry, datetime(2026, 12, 4, 20, 0, tzinfo=UTC))


def test_reviews_climb_the_ladder_and_forgot_resets() -> None:
    remembered = [Review(at(d), review.REMEMBERED) for d in (2, 5, 12)]
    entry = topic("A", at(1), reviews=tuple(remembered))
    roadmap(entry)
    found = review.schedule(entry, CET)
    assert found is not None and (found.step, found.interval, found.since) == (3, 14, at(12))
    assert found.due == date(2026, 12, 26)
    entry.reviews = (*entry.reviews, Review(at(27), review.FORGOT))
    found = review.schedule(entry, CET)
    assert found is not None and (found.step, found.interval, found.due) == (0, 1, date(2026, 12, 28))


def test_reviews_are_taken_by_time_not_file_order() -> None:
    entry = topic("A", at(1), reviews=(Review(at(9), review.REMEMBERED), Review(at(5), review.FORGOT)))
    roadmap(entry)
    found = review.schedule(entry, CET)
    assert found is not None and (found.step, found.since) == (1, at(9))  # forgot on 5th, then remembered


def test_no_date_to_count_from_is_not_scheduled() -> None:
    entry = topic("A", None)
    entry.items[0].done = True  # checked by hand, no done_at
    rm = roadmap(entry)
    assert review.reviewable(entry) and review.schedule(entry, CET) is None
    assert review.due(rm, at(31)) == []
    entry.reviews = (Review(at(10), review.REMEMBERED),)
    assert review.schedule(entry, CET).due == date(2026, 12, 13)  # type: ignore[union-attr]


def test_due_is_ordered_by_due_day_then_stamp_then_roadmap_order() -> None:
    late = topic("Late", at(10))  # due 11 Dec
    early = topic("Early", at(2, 21))  # due 3 Dec
    same_day_earlier = topic("Same", at(2, 9))  # due 3 Dec, counted from earlier
    reviewed = topic("Reviewed", at(1), reviews=(Review(at(2), review.REMEMBERED),))  # due 5 Dec
    not_yet = topic("Not yet", at(20))
    open_topic = topic("Open", at(1), None)
    rm = roadmap(late, early, same_day_earlier, reviewed, not_yet, open_topic)
    now = at(12, 8)
    assert [s.entry.title for s in review.due(rm, now)] == ["Same", "Early", "Reviewed", "Late"]
    assert review.count_due(rm, now) == 4
    assert review.count_due(rm, at(2, 23)) == 0


def test_reviews_do_not_change_counts() -> None:
    entry = topic("A", at(1), at(1))
    rm = roadmap(entry)
    before = (rm.n_done, rm.n_total, rm.n_skipped, rm.n_doing, entry.n_done)
    applied = edits.apply(rm, AppendReview(key_path(entry), tuple(title_path(entry)), review=Review(at(2), "forgot")))
    assert applied is not None and entry.reviews == (Review(at(2), "forgot"),)
    assert (rm.n_done, rm.n_total, rm.n_skipped, rm.n_doing, entry.n_done) == before


def test_append_review_inverse_is_exact() -> None:
    first, second = Review(at(2), "remembered"), Review(at(5), "forgot")
    entry = topic("A", at(1), reviews=(first,))
    rm = roadmap(entry)
    applied = edits.apply(rm, AppendReview(key_path(entry), tuple(title_path(entry)), review=second))
    assert applied is not None and applied.index == 1 and entry.reviews == (first, second)
    undo = applied.inverse()
    assert isinstance(undo, RemoveReview)
    undone = edits.apply(rm, undo)
    assert undone is not None and entry.reviews == (first,)
    redone = edits.apply(rm, undone.inverse())
    assert redone is not None and entry.reviews == (first, second)


def test_remove_review_puts_one_back_where_it_was() -> None:
    reviews = tuple(Review(at(d), "remembered") for d in (2, 5, 9))
    entry = topic("A", at(1), reviews=reviews)
    rm = roadmap(entry)
    removed = edits.apply(rm, RemoveReview(key_path(entry), tuple(title_path(entry)), index=1, review=reviews[1]))
    assert removed is not None and removed.before == reviews[1] and entry.reviews == (reviews[0], reviews[2])
    assert edits.apply(rm, removed.inverse()) is not None and entry.reviews == reviews
    # A review not there: nothing removed, and its inverse removes nothing either.
    gone = edits.apply(rm, RemoveReview(key_path(entry), tuple(title_path(entry)), review=Review(at(30), "forgot")))
    assert gone is not None and gone.before is None and entry.reviews == reviews
    assert isinstance(gone.inverse(), RemoveReview)


def test_an_edit_not_applied_has_no_inverse() -> None:
    with pytest.raises(ValueError):
        AppendReview(("phases", 0), ("P",), review=Review(at(1), "forgot")).inverse()
    assert replace(AppendReview(("phases", 0), ("P",)), applied=True).what == "record a review of"


def test_finished_again_after_the_last_review_counts_from_that_finish() -> None:
    entry = topic("A", at(20), reviews=(Review(at(2), review.REMEMBERED), Review(at(9), review.FORGOT)))
    roadmap(entry)  # forgot on the 9th, reopened, done again on the 20th
    found = review.schedule(entry, CET)
    assert found is not None and (found.step, found.since, found.due) == (0, at(20), date(2026, 12, 21))


def test_a_due_set_follows_changes_without_walking_the_roadmap() -> None:
    """`DueSet` (the footer's count) rechecks what a change touched and what is above it, and is
    always what `count_due` says: after a finish, an uncheck, a review, a removal, a new day."""
    first, second = topic("A", at(1)), topic("B", at(2), None)
    whole = roadmap(first, second)
    now = at(5)
    found = review.DueSet(whole, now)
    assert len(found) == review.count_due(whole, now) == 1
    second.items[1].done, second.items[1].done_at = True, at(3)  # B finished
    recount_all(whole)
    assert found.update(whole, [second.items[1]], now) == review.count_due(whole, now) == 2
    first.reviews = (Review(at(5), review.REMEMBERED),)  # A reviewed: next in 3 days
    assert found.update(whole, [first], now) == review.count_due(whole, now) == 1
    whole.phases[0].items.remove(second)  # B removed
    recount_all(whole)
    assert found.update(whole, [whole.phases[0]], now) == review.count_due(whole, now) == 0
    later = at(9)  # another study day: A is due again
    assert found.update(whole, [], later) == review.count_due(whole, later) == 1
