"""The `f` filter of the topic pane: which of its tasks it shows (no Textual here).

`f` cycles all → not done → doing → skipped → all. A filter keeps a counted item in that state
("not done" is what is left: todo or doing; skipped items are out of the count, so they have
their own filter) and a topic or section with at least one counted item in it in that state.
What is not a task (a plain bullet, a `Resources:` line, a field, a note) always shows.
"""

from __future__ import annotations

from roadmap_tui.core import states
from roadmap_tui.core.model import Entry, Item, Roadmap

ALL, NOT_DONE, DOING, SKIPPED = "all", "not done", "doing", "skipped"
FILTERS = (ALL, NOT_DONE, DOING, SKIPPED)


def next_filter(current: str) -> str:
    """The filter after `current` in `f`'s cycle (an unknown one: the first after all)."""
    index = FILTERS.index(current) if current in FILTERS else 0
    return FILTERS[(index + 1) % len(FILTERS)]


def keeps(entry: Entry | Roadmap, name: str) -> bool | None:
    """Whether the filter `name` shows `entry`; None for what is not a task (always shown)."""
    if name not in FILTERS or name == ALL:
        return True
    if isinstance(entry, Item) and (entry.is_counted or not entry.n_counted):
        own = states.own_status(entry)
        if not own or not entry.is_counted:
            return None  # a plain bullet, a Resources: line, a box with plain children only
        if name == NOT_DONE:
            return own in (states.TODO, states.DOING)
        return own == (states.DOING if name == DOING else states.SKIPPED)
    if not entry.n_counted:
        return None
    if name == NOT_DONE:
        return entry.n_done < entry.n_total
    return bool(entry.n_doing if name == DOING else entry.n_skipped)
