"""The learner's progress carried from an old roadmap to its newer version (`carry`), as edits.

After `matching.match`, every new entry that an old one became gets that entry's progress: a
task its `done` flag, `state`, `started_at` and `done_at`; any entry its `note`, its fills
(`text_fill`, `title_fill`, `duration_fill`, where the new text still has the `_[...]_` blank)
and its `reviews`. A new task is todo, whatever its Markdown checkbox says (the upstream
author's marks are not the learner's progress). Entries the learner added in the app (an item
with no Markdown source, `md` None) that no new entry became are put back under the entry their
parent became, after the sibling they followed: upstream cannot have removed what it never had.
An entry renamed in the app, found by its unchanged source line, keeps the learner's text (when
upstream's source of its text is unchanged too: a task whose later lines upstream reworded gets
upstream's text, a rename like any other). A task
the learner deleted in the app (the activity log says where) is not added back.

What cannot be carried is said, not guessed (`Carried.dropped`): a fill whose blank is gone, a
state or dates on an entry that is no checkbox any more, a done, doing or skipped on a task that
has tasks of its own now (a topic's state follows its items).

Every change is a typed edit (`edits.py`), applied to the new model here, in order; the same
edits, replayed in that order on the new roadmap's TOML document, make the file (`library/update.py`).
Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from roadmap_tui.core.edits import Edit, InsertEntry, ItemData, RemoveEntry, SetField, Value, apply_all, key_path
from roadmap_tui.core.matching import SOURCE, Matching, link_text, source_text, text_of
from roadmap_tui.core.model import Entry, Item, Node, Roadmap
from roadmap_tui.core.outline import ancestors, title_path
from roadmap_tui.core.placeholders import has_placeholder
from roadmap_tui.core.review_edits import AppendReview


def progress_of(entry: Entry) -> list[str]:
    """What progress an entry holds, in words ("done", "note", "2 reviews"); [] for none.

    An item added in the app (no Markdown source) is "added by you": it is the learner's own.
    """
    found: list[str] = []
    if isinstance(entry, Item):
        if entry.md is None:
            found.append("added by you")
        if entry.done is True and entry.is_counted:
            found.append("done")
        if entry.state:
            found.append(entry.state)
        if entry.started_at is not None and not (entry.done is True and entry.is_counted):
            found.append("started")
        if entry.text_fill:
            found.append("filled")
    elif entry.title_fill or entry.duration_fill:
        found.append("filled")
    if entry.note:
        found.append("note")
    if entry.reviews:
        found.append(f"{len(entry.reviews)} review{'s' if len(entry.reviews) != 1 else ''}")
    return found


@dataclass(eq=False)
class Carried:
    """What `carry` did: the edits applied to the new roadmap, in order, and what it could not do."""

    edits: list[Edit] = field(default_factory=list)
    dropped: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    """(the new entry's title path, what of its old progress could not be kept)."""
    put_back: list[Item] = field(default_factory=list)
    """The learner's own entries put back (old entries), in the old roadmap's order."""
    left_out: list[Item] = field(default_factory=list)
    """Added tasks the learner had deleted in the app (new entries, no longer in `new`)."""

    def is_left_out(self, entry: Entry) -> bool:
        """Whether `entry` (of the new roadmap) was left out, itself or with a task above it."""
        ids = {id(item) for item in self.left_out}
        return any(id(above) in ids for above in ancestors(entry, include_self=True))


def _item_edits(old: Item, new: Item, dropped: list[str]) -> list[tuple[str, Value]]:
    """(field, value) to set on `new` for `old`'s progress; what cannot be kept goes to `dropped`."""
    changes: list[tuple[str, Value]] = []
    topic = new.has_checkbox_children  # its flag and state follow its items
    if new.done is None:
        if old.done is True and old.is_counted:
            dropped.append("done (it has no checkbox now)")
        if old.state:
            dropped.append(f"{old.state} (it has no checkbox now)")
        if old.started_at is not None or old.done_at is not None:
            dropped.append("dates (it has no checkbox now)")
    else:
        # an old topic was done when its items were (its own flag may lag behind them)
        was_done = old.checked if old.n_counted and not old.is_counted else bool(old.done)
        done = was_done if not topic else new.done
        if topic and old.done is True and old.is_counted:
            dropped.append("done (it has tasks of its own now: they are todo)")
        elif topic and old.state:  # doing or skipped: a topic's state is its items'
            dropped.append(f"{old.state} (it has tasks of its own now: they are todo)")
        if done != new.done:
            changes.append(("done", done))
        if old.state and not done and not topic:
            changes.append(("state", old.state))
        for key in ("started_at", "done_at"):
            if getattr(old, key) is not None:
                changes.append((key, getattr(old, key)))
    if old.text_fill:
        if has_placeholder(new.text):
            changes.append(("text_fill", old.text_fill))
        else:
            dropped.append(f"the fill “{old.text_fill}” (the new text has no _[...]_ blank)")
    return changes


def _node_edits(old: Node, new: Node, dropped: list[str]) -> list[tuple[str, Value]]:
    changes: list[tuple[str, Value]] = []
    for key, text in (("title_fill", new.title), ("duration_fill", new.duration)):
        value = getattr(old, key)
        if not value:
            continue
        if text is not None and has_placeholder(text):
            changes.append((key, value))
        else:
            dropped.append(f"the fill “{value}” (the new text has no _[...]_ blank)")
    return changes


def _pair_edits(old: Entry, new: Entry, dropped: list[str]) -> list[Edit]:
    where, titles = key_path(new), tuple(title_path(new))
    if isinstance(old, Item) and isinstance(new, Item):
        changes = _item_edits(old, new, dropped)
    elif isinstance(old, Node) and isinstance(new, Node):
        changes = _node_edits(old, new, dropped)
    else:  # cannot happen: `match` pairs entries of one kind
        raise TypeError(f"cannot carry a {type(old).__name__} to a {type(new).__name__}")
    if old.note:
        changes.append(("note", old.note))
    found: list[Edit] = [SetField(where, titles, key, value) for key, value in changes]
    found += [AppendReview(where, titles, review=review) for review in old.reviews]
    return found


def _own_entries(matching: Matching) -> list[Item]:
    """The removed entries the learner added in the app whose parent is still there (their own
    children go with them)."""
    removed = {id(entry) for entry in matching.removed}
    return [
        entry
        for entry in matching.removed
        if isinstance(entry, Item)
        and entry.md is None
        and id(entry.parent) not in removed
        and matching.new_of(entry.parent) is not None
    ]


def _put_back(matching: Matching, new: Roadmap, carried: Carried) -> None:
    """Put the learner's own entries back, one at a time (each index counts those before)."""
    placed: dict[int, Item] = {}  # id(old own entry) -> the new item made of it
    for own in _own_entries(matching):
        parent = own.parent
        assert isinstance(parent, (Item, Node))
        target = matching.new_of(parent)
        assert target is not None
        index = 0
        for sibling in parent.items[: parent.items.index(own)]:
            there = placed.get(id(sibling)) or matching.new_of(sibling)
            if there is not None and there.parent is target and not carried.is_left_out(there):
                assert isinstance(there, Item)
                index = target.items.index(there) + 1
        edit = InsertEntry(key_path(target), tuple(title_path(target)), index=index, entry=ItemData.of(own))
        (applied,) = apply_all(new, [edit])
        assert applied is not None  # the target is in `new`: its key path leads to it
        carried.edits.append(applied)
        carried.put_back.append(own)
        placed[id(own)] = target.items[applied.index]


def _deleted_again(matching: Matching, deleted: Collection[tuple[str, ...]]) -> list[Item]:
    """The added tasks at a title path the learner deleted an entry at (`deleted`, from the
    activity log's `remove` records), under the entry's new or old parent path; the first of a
    subtree only (what is under it goes with it)."""
    if not deleted:
        return []
    back = {id(pair.new): pair.old for pair in matching.pairs}
    found: list[Item] = []
    for entry in matching.added:
        if not isinstance(entry, Item) or any(id(above) in {id(i) for i in found} for above in ancestors(entry)):
            continue
        parent = back.get(id(entry.parent))
        paths = {tuple(title_path(entry))}
        if parent is not None:
            paths.add((*title_path(parent), entry.text))
        if paths & set(deleted):
            found.append(entry)
    return found


def carry(matching: Matching, new: Roadmap, deleted: Collection[tuple[str, ...]] = ()) -> Carried:
    """Give each entry of `new` the progress of the old entry it is (`matching`, made on `new`),
    make its added tasks todo, leave out the added tasks the learner had deleted (`deleted`:
    title paths of entries removed in the app), and put back the learner's own entries; changes
    `new` (through `edits.apply_all`) and returns the applied edits, in the order to replay them."""
    carried = Carried()
    edits: list[Edit] = []
    for pair in matching.pairs:
        lost: list[str] = []
        edits += _pair_edits(pair.old, pair.new, lost)
        carried.dropped += [(tuple(title_path(pair.new)), what) for what in lost]
    for entry in matching.added:
        if isinstance(entry, Item) and entry.done is True and not entry.has_checkbox_children:
            edits.append(SetField(key_path(entry), tuple(title_path(entry)), "done", False))
    # Renamed in the app (found by its unchanged source): the learner's text, last of all,
    # so that every edit before finds its entry by the title it has until then.
    for pair in matching.pairs:
        if pair.how == SOURCE and pair.renamed and source_text(pair.old) == source_text(pair.new):
            key = "title" if isinstance(pair.new, Node) else "text"
            edits.append(SetField(key_path(pair.new), tuple(title_path(pair.new)), key, text_of(pair.old)))
    # (key paths computed before any is applied: these edits add or move no entry)
    applied = apply_all(new, edits)
    missing = [edit for edit, done in zip(edits, applied) if done is None]
    if missing:  # cannot happen: every edit was made on `new` itself
        raise RuntimeError(f"the update found no entry to {missing[0].describe()}")
    carried.edits = [edit for edit in applied if edit is not None]
    for entry in _deleted_again(matching, deleted):  # one at a time: each removal moves its siblings
        (removed,) = apply_all(new, [RemoveEntry(key_path(entry), tuple(title_path(entry)))])
        assert removed is not None  # it is in `new`
        carried.edits.append(removed)
        carried.left_out.append(entry)
    _put_back(matching, new, carried)
    return carried


def describe_entry(entry: Entry) -> str:
    """`Part › Section › “Task”`: an entry as the summary names it (links as their text)."""
    path = [link_text(title) for title in title_path(entry)]
    return " › ".join([*path[:-1], f"“{path[-1]}”"])


def describe_rename(old: Entry, new: Entry) -> str:
    """`Part › “Old text” → “New text”` (links as their text; "its link changed" when only a
    link's target did)."""
    before, after = link_text(text_of(old)), link_text(text_of(new))
    if before == after:
        return f"{describe_entry(old)} (its link changed)"
    return f"{describe_entry(old)} → “{after}”"
