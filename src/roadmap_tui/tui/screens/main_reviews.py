"""Reviews on the main screen: `v` (reviewed: remembered) and `V` (forgot, then "doing again?") on
the topic under the cursor, and the palette's "Review next".

`v` records a review only on a topic that is due (a review early would climb the ladder with no
real gap: seven presses put a topic finished this morning 120 days out); `V` works on any
finished topic, due or not (forgetting is worth knowing whenever it shows).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Protocol

from textual.screen import Screen

from roadmap_tui.core import review, states
from roadmap_tui.core.model import Entry, Item, Node, Roadmap
from roadmap_tui.core.pace import study_day
from roadmap_tui.storage.undo import name as undo_name
from roadmap_tui.tui.widgets import tree_labels
from roadmap_tui.tui.widgets.labels import plain_text
from roadmap_tui.tui.widgets.roadmap_tree import RoadmapTree
from roadmap_tui.tui.widgets.tree_labels import review_now

if TYPE_CHECKING:
    from roadmap_tui.storage.store import RoadmapStore
    from roadmap_tui.tui.widgets.roadmap_tree import Shown
    from roadmap_tui.tui.widgets.topic_pane import TopicPane

#: The pane's rows that can show a topic of their own (an overview's, "Also in", "Next up").
TOPIC_ROWS = ("item", "summary", "context", "next")


class ReviewHost(Protocol):
    """What `ReviewHandling` uses of the screen it is part of (`MainScreen` has it)."""

    store: RoadmapStore
    roadmap: Roadmap
    shown: Shown | None

    @property
    def pane(self) -> TopicPane: ...

    def after_change(self, entries: list[Item] | list[Entry]) -> None: ...

    def update_gauge(self, touched: list[Item] | list[Entry] | None = None) -> None: ...

    def go_to(self, entry: Shown) -> None: ...


if TYPE_CHECKING:

    class _ReviewsBase(Screen[None], ReviewHost):
        """For the type checker: the screen `ReviewHandling` is mixed into, and its host half."""

else:
    _ReviewsBase = object  # at run time a plain mixin: `MainScreen` brings both halves


class ReviewHandling(_ReviewsBase):
    """The reviews half of `MainScreen`."""

    _study_day: date | None = None  # the study day the marks and counts were made for

    @property
    def _tree(self) -> RoadmapTree:
        return self.query_one(RoadmapTree)

    def watch_the_day(self) -> None:
        """Check every minute whether a new study day began (04:00 by default): the app may stay
        open overnight, and what is due changes with the day, with no key pressed."""
        self._study_day = study_day(review_now(), tree_labels.review_day_start)
        self.set_interval(60, self.new_day_check, name="new study day")

    def new_day_check(self) -> bool:
        """On a new study day, make the tree's ↻ marks, the footer's count, the pane's border and
        the dashboard again; whether it was one."""
        today = study_day(review_now(), tree_labels.review_day_start)
        if today == self._study_day:
            return False
        self._study_day = today
        self.update_gauge()
        self._tree.refresh_all_labels()
        if self.shown is not None:
            self.pane.update_progress(self.shown)
        self.pane.invalidate_board()
        self.pane.items.redraw()
        return True

    def review_target(self) -> Shown | None:
        """What `v` / `V` review: in the tree, the entry under its cursor; in the pane, the topic
        on the highlighted row (a topic in "Also in" or an overview list), else the one shown."""
        if self.pane.items.has_focus:
            row = self.pane.items.current
            entry = row.spec.entry if row is not None and row.spec.kind in TOPIC_ROWS else None
            if isinstance(entry, Node) or (isinstance(entry, Item) and entry.n_counted and not entry.is_counted):
                return entry  # a topic's (or a section's) own row
            return self.shown
        return self._tree.current

    def action_review(self, forgot: bool = False) -> None:
        """`v`: reviewed, remembered (the next interval); `V`: forgot (back to a day), then asks
        whether to mark the topic doing again."""
        entry = self.review_target()
        if entry is None or isinstance(entry, Roadmap):
            self.notify("Reviews are for finished topics: put the cursor on one.", markup=False, timeout=3)
            return
        name = plain_text(entry)
        if not review.reviewable(entry):
            self.notify(not_reviewable(entry), markup=False, timeout=3)
            return
        if not forgot and not tree_labels.is_due_now(entry):
            self.notify(not_due(entry), markup=False, timeout=4)
            return
        after = self.store.review(entry, forgot=forgot)
        if after is None:  # (the store found it not finished after all)
            self.notify(f"Nothing to review in “{name}”: it is not finished.", markup=False, timeout=3)
            return
        self.after_change([entry])
        days = review.days_word(after.interval)
        if not forgot:
            self.notify(f"Reviewed “{name}”: next in {days}.", markup=False, timeout=4)
            return
        self.notify(f"Forgot “{name}”: next in {days}.", markup=False, timeout=4)
        from roadmap_tui.tui.screens.doing_again import DoingAgainScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.doing_again(entry)

        self.app.push_screen(DoingAgainScreen(name), answered)

    def doing_again(self, entry: Item | Node) -> None:
        """Put a forgotten topic back in progress: each of its done counted items doing."""
        items = entry.walk() if isinstance(entry, Item) else entry.walk_items()
        done = [item for item in items if item.is_counted and states.own_status(item) == states.DONE]
        with self.store.one_action(f"put {undo_name(entry)} back in progress"):  # one ctrl+z
            for item in done:
                self.store.set_state(item, states.DOING)
        self.after_change([entry, *done])
        self.notify(f"“{plain_text(entry)}” is in progress again.", markup=False, timeout=4)

    def review_next(self) -> None:
        """The palette's "Review next": the tree's cursor on the entry most overdue for review, or,
        from one that is due (not reviewed yet), on the one after it (round to the first)."""
        found = [s.entry for s in review.due(self.roadmap, review_now(), tree_labels.review_day_start)]
        if not found:
            self.notify("Nothing is due for review.", markup=False, timeout=3)
            return
        current = self._tree.current
        at = next((i + 1 for i, entry in enumerate(found) if entry is current), 0) % len(found)
        entry = found[at]
        self.go_to(entry)
        self._tree.focus()
        self.notify(
            f"Due for review: “{plain_text(entry)}” ({at + 1} of {len(found)} due). v: reviewed, V: forgot.",
            markup=False, timeout=5,
        )


def not_reviewable(entry: Item | Node) -> str:
    """Why `v` / `V` reviews nothing on `entry`."""
    name = plain_text(entry)
    if isinstance(entry, Node) and not entry.is_leaf:
        return f"“{name}” is not reviewed as a whole: review the finished topics in it."
    if isinstance(entry, Item) and (entry.is_counted or not entry.n_counted):
        return f"“{name}” is not reviewed on its own: its topic is."
    return f"Nothing to review in “{name}”: it is not finished."


def not_due(entry: Item | Node) -> str:
    """Why `v` records nothing on a finished topic that is not due yet."""
    when = tree_labels.review_note(entry).removeprefix("review ") or "later"
    return f"“{plain_text(entry)}” is not due for review yet: {when}. (V if you forgot it.)"
