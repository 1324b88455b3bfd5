"""What the toast says after a state key on a topic: Space, `p` or `s` set many items at once.

A key that changed several items (or only some of a topic's) says what it did, so the learner
knows what `ctrl+z` would take back: `Checked all 3 items of “Calculus”.`, `Started the remaining 2 items of …`,
`Skipped all 3 items of …`, `Moved 2 doing items of … back to todo.`; a key that could change
nothing says why (`Nothing to check in “Calculus”: all its items are skipped.`).
"""

from __future__ import annotations

from roadmap_tui.core import states
from roadmap_tui.core.model import Item
from roadmap_tui.tui.widgets.labels import plain_text

#: The verb for moving a topic's items to each state (`the remaining` or `all` follows).
TO_STATE = {states.DONE: "Checked", states.DOING: "Started", states.SKIPPED: "Skipped"}
#: Why a state key on a topic changed nothing.
NOTHING = {
    states.DONE: "Nothing to check in “{name}”: all its items are skipped.",
    states.DOING: "Nothing to start in “{name}”: its items are all done or skipped.",
    states.SKIPPED: "Nothing to skip in “{name}”: all its items are done.",
}


def group_states(item: Item) -> list[tuple[Item, str]]:
    """Each counted item of a topic with its state now; [] for an item of its own (no toast)."""
    if item.n_counted and not item.is_counted:
        return [(i, states.own_status(i)) for i in item.walk() if i.is_counted]
    return []


def _items(count: int) -> str:
    return f"{count} item{'s' * (count != 1)}"


def state_toast(item: Item, wanted: str, before: list[tuple[Item, str]]) -> str | None:
    """The toast after asking for `wanted` on `item`, whose items were `before`
    (`group_states`, taken before the change); None when there is nothing worth saying."""
    if not before:
        return None
    name = plain_text(item)
    moved = [(i, old) for i, old in before if states.own_status(i) != old]
    if not moved:
        return NOTHING[wanted].format(name=name)
    if len(moved) == 1 and len(before) == 1:
        return None  # a topic of one item: the row says it all
    count = _items(len(moved))
    whole = len(moved) == len(before)
    if states.own_status(moved[0][0]) != states.TODO:
        rest = "all" if whole else "the remaining"
        return f"{TO_STATE[wanted]} {rest} {count} of “{name}”."
    if wanted == states.DONE:
        return f"Unchecked {'all ' if whole else ''}{count} of “{name}”."
    old = moved[0][1]
    return f"Moved {len(moved)} {old} item{'s' * (len(moved) != 1)} of “{name}” back to todo."
