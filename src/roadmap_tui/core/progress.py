"""Progress: checking items off, keeping the counts right, and showing them as a number and a bar.

What counts is `Item.is_counted` (a checkbox with no checkbox children that is not a
`Resources:` line, see `model.py`); everything that computes counts or changes a flag is here:
`recount_all` after loading, `recount_up` and `recount_entries` after a change, `done_targets`
and `stale_flags` say which flags a check or uncheck changes (the store turns them into edits,
`edits.py`), and `set_done`/`toggle` apply them to a model directly (for tools and tests that
keep no file).

How progress is shown, one rule for the app, the CLI and JSON:

- A percentage is `100 * done / total` rounded half up to one decimal (`percent`): that is what
  JSON's `percent`, `roadmap-tui status` and `roadmap-tui list` show. The app shows the same
  figure rounded half up to a whole percent (`whole_percent`), so the two never disagree.
- Either reads 100 only when everything is done and 0 only when nothing is: a figure that would
  round to 0 while something is done is 0.1 (the app: "<1"), one that would round to 100 while
  something is left is 99.9 (the app: ">99"). Nothing to count (`total` 0) has no percentage.
- A bar of any width is full only when everything is done and empty only when nothing is; in
  between, its solid cells are `width * done / total` rounded half up, at least one and at
  least one short of full (a bar one cell wide shows a half cell, "▌").

Integer arithmetic throughout: no float rounding decides a boundary. UI-free (no Textual).
"""

from __future__ import annotations

from collections.abc import Iterable

from roadmap_tui.core.model import Entry, Item, Node, Roadmap
from roadmap_tui.core.outline import ancestors

SOLID, REST, HALF = "█", "░", "▌"


def _round_half_up(numerator: int, denominator: int) -> int:
    return (2 * numerator + denominator) // (2 * denominator)


def tenths(done: int, total: int) -> int | None:
    """The percentage in tenths of a percent (667 for 2/3), by the rule above; None if `total` is 0."""
    if total <= 0:
        return None
    value = _round_half_up(1000 * done, total)
    if 0 < done < total:
        value = min(max(value, 1), 999)
    return value


def percent(done: int, total: int) -> float | None:
    """The percentage with one decimal (66.7 for 2/3); None when there is nothing to count."""
    value = tenths(done, total)
    return None if value is None else value / 10


def percent_text(done: int, total: int) -> str:
    """`percent` as the CLI prints it: "66.7%", or "-" when there is nothing to count."""
    value = percent(done, total)
    return "-" if value is None else f"{value:.1f}%"


def whole_percent(done: int, total: int) -> str:
    """The percentage as the app shows it, without the % sign: "67", "<1", ">99"; "0" for 0/0."""
    value = tenths(done, total)
    if value is None:
        return "0"
    whole = _round_half_up(value, 10)
    if 0 < done < total:
        if whole == 0:
            return "<1"
        if whole == 100:
            return ">99"
    return str(whole)


def bar_parts(done: int, total: int, width: int) -> tuple[str, str]:
    """A bar of `width` cells as its solid part and the rest ("███████", "░░░" for 2/3 of 10)."""
    if width <= 0:
        return "", ""
    if total <= 0 or done <= 0:
        return "", REST * width
    if done >= total:
        return SOLID * width, ""
    if width == 1:
        return HALF, ""
    solid = min(max(_round_half_up(width * done, total), 1), width - 1)
    return SOLID * solid, REST * (width - solid)


# Counting -------------------------------------------------------------------------------------


def _leaf_counts(item: Item) -> None:
    """A counted item's counts: itself, by its state."""
    if item.done:
        item.n_done, item.n_total, item.n_skipped, item.n_doing = 1, 1, 0, 0
    elif item.state == "skipped":
        item.n_done, item.n_total, item.n_skipped, item.n_doing = 0, 0, 1, 0
    else:
        item.n_done, item.n_total, item.n_skipped, item.n_doing = 0, 1, 0, (1 if item.state == "doing" else 0)


def _recount_item(item: Item) -> None:
    items = item.items
    if not items:  # most items: a leaf (written out, as it runs for every item at load)
        if item.done is not None and not item.is_resource:
            _leaf_counts(item)
        else:
            item.n_done = item.n_total = item.n_skipped = item.n_doing = 0
        return
    if item.is_counted:
        _leaf_counts(item)
        return
    _sum_counts(item, items)


def _sum_counts(entry: Item | Node | Roadmap, *groups: list[Item] | list[Node]) -> None:
    n_done = n_total = n_skipped = n_doing = 0
    for group in groups:
        for child in group:
            n_done += child.n_done
            n_total += child.n_total
            n_skipped += child.n_skipped
            n_doing += child.n_doing
    entry.n_done, entry.n_total, entry.n_skipped, entry.n_doing = n_done, n_total, n_skipped, n_doing


def recount(entry: Entry | Roadmap) -> None:
    """Recompute `entry`'s counts from its children's (one level)."""
    if isinstance(entry, Item):
        _recount_item(entry)
    elif isinstance(entry, Node):
        _sum_counts(entry, entry.items, entry.sections)
    else:
        _sum_counts(entry, entry.phases)


def recount_all(roadmap: Roadmap) -> None:
    """Recompute every cached count, bottom-up (after loading)."""

    def item_up(item: Item) -> None:
        for child in item.items:
            item_up(child)
        _recount_item(item)

    def node_up(node: Node) -> None:
        for item in node.items:
            item_up(item)
        for section in node.sections:
            node_up(section)
        recount(node)

    for phase in roadmap.phases:
        node_up(phase)
    recount(roadmap)


def recount_up(start: Item | Node | Roadmap | None) -> None:
    """Recompute counts from `start` up to the roadmap, one level at a time."""
    current = start
    while current is not None:
        recount(current)
        current = None if isinstance(current, Roadmap) else current.parent


def recount_entries(entries: Iterable[Entry | Roadmap]) -> None:
    """Recompute the counts of `entries` and of everything above them, each once, bottom-up
    (after a batch of changes: a topic's items checked together cost one pass, not one each)."""
    depth: dict[int, tuple[int, Entry | Roadmap]] = {}
    for entry in entries:
        chain: list[Entry | Roadmap] = []
        current: object = entry
        while isinstance(current, (Item, Node, Roadmap)) and id(current) not in depth:
            chain.append(current)
            current = None if isinstance(current, Roadmap) else current.parent
        below = depth[id(current)][0] if isinstance(current, (Item, Node, Roadmap)) else 0
        for height, link in enumerate(reversed(chain), start=1):
            depth[id(link)] = (below + height, link)
    for _, entry in sorted(depth.values(), key=lambda pair: -pair[0]):
        recount(entry)


# Checking off -------------------------------------------------------------------------------


def done_targets(item: Item, done: bool) -> list[Item]:
    """The checkboxes whose stored flag becomes `done` when `item` is checked (or unchecked).

    A parent item (one with counted descendants) sets all of them, so checking a topic checks
    its items (but not the skipped ones: they stay skipped). An item whose only checkbox children are `Resources:` lines keeps a flag of its own.
    """
    if item.n_counted and not item.is_counted:
        targets = [i for i in item.walk() if i.is_counted and not (done and i.state == "skipped")]  # skipped stay
    else:
        targets = [item]
    return [target for target in targets if target.done is not None and target.done != done]


def stale_flags(item: Item) -> list[Item]:
    """After `item` changed: the parent items (inside it and above it) whose stored flag no longer
    says what the screen shows (`checked`); each should become its `checked`, so the file says
    what the screen shows."""
    return [
        entry
        for entry in [*item.walk(), *ancestors(item)]
        if isinstance(entry, Item)
        and entry.done is not None
        and not entry.is_counted
        and entry.n_counted
        and entry.done != entry.checked
    ]


def set_done(item: Item, done: bool) -> list[Item]:
    """Check or uncheck `item` in its model (nothing recorded). Returns the checkboxes whose
    stored flag changed: `done_targets`, then `stale_flags`."""
    changed = done_targets(item, done)
    if not changed:
        return changed
    for target in changed:
        target.done = done
    recount_entries(changed)
    parents = stale_flags(item)
    for entry in parents:
        entry.done = entry.checked
    return [*changed, *parents]


def toggle(item: Item) -> list[Item]:
    """Flip `item` (as shown) and return the checkboxes whose stored flag changed."""
    if item.done is None:
        return []
    return set_done(item, not item.checked)
