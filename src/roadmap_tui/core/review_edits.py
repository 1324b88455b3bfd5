"""The edits that record a review (`review.py`) on an entry, and take one back.

`AppendReview` adds a `Review` to the entry's `reviews` (at the end; at `index` when it puts
back one that was removed); its inverse is `RemoveReview`, which takes out the one at `index` if
it is that review, else the last one equal to it. They are edits like those of `edits.py` (frozen,
applied through `edits.apply`, found by key path and title path) and make their change through
`Edit.change`; `storage/toml_edit.py` writes them to the file. A review changes no count.

Pure: no I/O, no tomlkit, no Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from roadmap_tui.core.edits import Edit, KeyPath, Titles, key_path
from roadmap_tui.core.model import Entry, Item, Node, Review, Roadmap
from roadmap_tui.core.outline import title_path


def review_index(reviews: Sequence[object], index: int, review: object) -> int | None:
    """Which of `reviews` a `RemoveReview(index, review)` takes (in the model and the file alike):
    the one at `index` if it equals `review`, else the last equal one; None when none does."""
    if 0 <= index < len(reviews) and reviews[index] == review:
        return index
    return next((i for i in range(len(reviews) - 1, -1, -1) if reviews[i] == review), None)


@dataclass(frozen=True)
class AppendReview(Edit):
    """Record `review` on the entry: at the end of its `reviews` (at `index`, when given)."""

    review: Review | None = None
    index: int | None = None  # set by `apply`: where it went

    @property
    def what(self) -> str:
        return "record a review of"

    def inverse(self) -> Edit:
        self._check_applied()
        assert self.index is not None
        return RemoveReview(self.where, self.titles, index=self.index, review=self.review)

    def change(self, entry: Entry, where: KeyPath) -> Edit:
        if self.review is None:
            raise ValueError("an AppendReview needs its review")
        reviews = entry.reviews
        index = len(reviews) if self.index is None else min(max(self.index, 0), len(reviews))
        entry.reviews = (*reviews[:index], self.review, *reviews[index:])
        return replace(self, where=where, index=index)


@dataclass(frozen=True)
class RemoveReview(Edit):
    """Take back a review of the entry (see `review_index`); nothing when it has no such review."""

    index: int = -1
    review: Review | None = None
    before: Review | None = None  # set by `apply`: what was removed (None: nothing was)

    @property
    def what(self) -> str:
        return "remove a review of"

    def inverse(self) -> Edit:
        self._check_applied()
        if self.before is None:
            return replace(self, applied=False)  # it removed nothing: nor does its undo
        return AppendReview(self.where, self.titles, review=self.before, index=self.index)

    def change(self, entry: Entry, where: KeyPath) -> Edit:
        reviews = entry.reviews
        at = review_index(reviews, self.index, self.review)
        if at is None:
            return replace(self, where=where, before=None)
        entry.reviews = (*reviews[:at], *reviews[at + 1:])
        return replace(self, where=where, index=at, before=reviews[at])


def clear_reviews(roadmap: Roadmap) -> list[Edit]:
    """The edits that take every review out of `roadmap` (a reset's, beside `edits.uncheck_all`):
    on each entry with reviews, a `RemoveReview` for each, the last first (so each finds its
    index), in the roadmap's order."""
    found: list[Edit] = []

    def take(entry: Entry) -> None:
        if entry.reviews:
            where: KeyPath = key_path(entry)
            titles: Titles = tuple(title_path(entry))
            for index in range(len(entry.reviews) - 1, -1, -1):
                found.append(RemoveReview(where, titles, index=index, review=entry.reviews[index]))

    def items(entries: list[Item]) -> None:
        for item in entries:
            take(item)
            items(item.items)

    def node(entry: Node) -> None:
        take(entry)
        items(entry.items)
        for section in entry.sections:
            node(section)

    for phase in roadmap.phases:
        node(phase)
    return found
