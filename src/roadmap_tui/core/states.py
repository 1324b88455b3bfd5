"""Item states: todo, doing, done and skipped, what a key press changes, and the dates it records.

A checkbox is **done** when its `done` flag is true; a box not done is **doing** or **skipped**
when its `state` says so, else **todo**. An entry with counted items under it (a topic, a
section, a part, the roadmap) takes its state from them (`status`): done when all its items
that are not skipped are done (and at least one is not skipped), skipped when all are skipped,
doing when any is doing or done, else todo.

The keys (`changes`): Space asks for done, `p` for doing, `s` for skipped, on an item or on a
topic, each a toggle back to todo:

- on a counted item: to the state asked for, or back to todo when it is in it already;
- on a topic (its counted items as a group, as Space always checked a topic's items):
  done: if the topic is done, its done items go back to todo, else its todo and doing items
  are done (skipped ones stay skipped); doing: if any item is doing, those go back to todo,
  else its todo items become doing; skipped: its todo and doing items are skipped, or, when
  none is left, its skipped items go back to todo.

Dates (`state_edits`): moving to doing or done records `started_at` the first time (the start
stays, whatever happens next), done records `done_at`, and leaving done clears it. Dates are
aware datetimes in local time, to the second (`local_now`).

Pure: no I/O beyond reading the clock, no Textual.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from roadmap_tui.core.edits import ClearField, Edit, SetField, key_path
from roadmap_tui.core.model import Entry, Item, Roadmap
from roadmap_tui.core.outline import title_path

TODO, DOING, DONE, SKIPPED = "todo", "doing", "done", "skipped"
STATES = (TODO, DOING, DONE, SKIPPED)
#: What a box not done may say in the file's `state` key ("" or no key: todo).
STORED = (DOING, SKIPPED)


def local_now() -> datetime:
    """Now, in local time with its UTC offset, to the second."""
    return datetime.now().astimezone().replace(microsecond=0)


def own_status(item: Item) -> str:
    """A checkbox's own state, from its flag and `state` ("" for a plain bullet)."""
    if item.done is None:
        return ""
    if item.done:
        return DONE
    return item.state if item.state in STORED else TODO


def status(entry: Entry | Roadmap) -> str:
    """The state shown for `entry`: its own (a counted item, a box with no counted items under
    it), else from the counted items under it; "" for what has neither (a plain bullet, a part
    with nothing to check)."""
    if isinstance(entry, Item) and (entry.is_counted or not entry.n_counted):
        return own_status(entry)
    if not entry.n_counted:
        return ""
    if entry.n_total == 0:
        return SKIPPED
    if entry.n_done == entry.n_total:
        return DONE
    if entry.n_doing or entry.n_done:
        return DOING
    return TODO


def _group(item: Item) -> list[Item]:
    if item.n_counted and not item.is_counted:
        return [i for i in item.walk() if i.is_counted]
    return [item]


def changes(item: Item, wanted: str) -> list[tuple[Item, str]]:
    """What asking for `wanted` (done, doing or skipped) on `item` changes: each counted item
    (or `item` itself, a box of its own) with its new state, by the rules above."""
    if wanted not in (DONE, DOING, SKIPPED):
        raise ValueError(f"not a state a key asks for: {wanted!r}")
    if item.done is None or (wanted != DONE and item.is_resource and not item.n_counted):
        return []  # (a Resources line counts nothing: it has a box, and no state of its own)
    group = _group(item)
    if group == [item]:
        return [(item, TODO if own_status(item) == wanted else wanted)]
    now = [(i, own_status(i)) for i in group]
    if wanted == DONE:
        if status(item) == DONE:
            return [(i, TODO) for i, s in now if s == DONE]
        return [(i, DONE) for i, s in now if s in (TODO, DOING)]
    if wanted == DOING:
        doing = [(i, TODO) for i, s in now if s == DOING]
        return doing or [(i, DOING) for i, s in now if s == TODO]
    still_open = [(i, SKIPPED) for i, s in now if s in (TODO, DOING)]
    return still_open or [(i, TODO) for i, s in now if s == SKIPPED]


def state_edits(item: Item, new: str, now: datetime) -> list[Edit]:
    """The edits that put `item` in state `new` at time `now`: its flag, its `state`, its dates.

    The flag and `state` are always both written (and `done_at` cleared when not done), whatever
    the model has: the saver applies these edits to the file as it is on disk, which another
    program may have changed since (`done = true` beside a `state` the app never saw), or which
    may say `state = "done"` where the model keeps "" (both mean done). So the file's pair always
    agrees, and always reads. `started_at` is only ever added: a start is never taken back.
    """
    if new not in STATES:
        raise ValueError(f"not a state: {new!r}")
    where, titles = key_path(item), tuple(title_path(item))
    made: list[Edit] = [SetField(where, titles, "done", new == DONE)]
    made.append(SetField(where, titles, "state", new) if new in STORED else ClearField(where, titles, "state"))
    if item.started_at is None and new in (DOING, DONE):  # (done before: it started by then)
        start = item.done_at if item.done_at is not None and item.done_at <= now else now
        made.append(SetField(where, titles, "started_at", start))
    made.append(SetField(where, titles, "done_at", now) if new == DONE else ClearField(where, titles, "done_at"))
    return made


def plan(item: Item, wanted: str, now: datetime) -> tuple[list[Edit], list[tuple[Item, str, str]]]:
    """The edits a key asking for `wanted` on `item` makes, and what it changes: (item, old
    state, new state) for each item whose state changes."""
    found: list[Edit] = []
    moves: list[tuple[Item, str, str]] = []
    for target, new in changes(item, wanted):
        old = own_status(target)
        if old == new:
            continue
        found.extend(state_edits(target, new, now))
        moves.append((target, old, new))
    return found, moves


def counts_text(done: int, total: int, skipped: int, doing: int = 0, *, with_doing: bool = False) -> str:
    """`12/70 done · 6 skipped` (the skipped part only when any are; doing too if asked)."""
    parts = [f"{done}/{total} done"]
    if with_doing and doing:
        parts.append(f"{doing} doing")
    if skipped:
        parts.append(f"{skipped} skipped")
    return " · ".join(parts)


def started(items: Iterable[Item]) -> datetime | None:
    """The first `started_at` or `done_at` among `items` (when work on them began), or None."""
    stamps = [stamp for i in items for stamp in (i.started_at, i.done_at) if stamp is not None]
    return min(stamps, default=None)
