"""Typed edits: the one way the model changes while the app runs, and how each is undone.

An edit says what changes and where, as data: `SetField`, `ClearField`, `AppendEntry`,
`InsertEntry` and `RemoveEntry` (and a review's `AppendReview` and `RemoveReview`, in
`review_edits.py`, which make their change through `Edit.change`; the structure's in
`structure_edits.py`, through `Edit.restructure`). `apply(roadmap, edit)`
changes the model and returns the *applied* edit: the same edit, pointing where it really
landed, carrying what it replaced (`before`, or the `index` an entry went to). An applied edit
knows its `inverse()`, which applied next gives back the model exactly as it was (undo is built
on this).

The store makes an edit for each change the learner makes, applies it to the model at once and
records it for the saver thread, which applies the same edit to the file's tomlkit document
(`storage/toml_edit.py`); the command line's reset is edits too (`uncheck_all`), applied to the
file's document the same way (`library.clear_progress`). When another program changed the file,
the saver reloads it and the store applies the edits not on disk yet again, to the new model
(`apply` again). So an edit carries where it goes twice: the key path of its entry's table when
it was made (`where`: fast, and right unless the file moved things around) and the title path of
that entry (`titles`: to find it again when the key path no longer leads to it). Found again, it
is looked up by each title among the entries of the kind the key path's steps name (`kinds`): an
edit for the item "Review" never lands on a section "Review" beside it, in the model (`find`) or
in the file (`toml_edit.find`).

Invariants: edits are frozen (an edit is a fact, safe to share between threads); an edit is
applied through `apply`/`apply_all` only, which keep the cached counts right; a field's
"absent" value (no key in the file) is "" (None for `done`), and clearing a field gives it
back. Pure: no I/O, no tomlkit, no Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TypeVar, Union, cast

from roadmap_tui.core.model import Entry, Item, Node, Review, Roadmap
from roadmap_tui.core.outline import held
from roadmap_tui.core.progress import recount_entries

KeyPath = tuple[Union[str, int], ...]
"""Where a table sits in the file, and an entry in the model: ("phases", 0, "sections", 1, "items", 3)."""

Titles = tuple[str, ...]
"""A title path (`outline.title_path`), as an edit keeps it."""

Value = Union[str, bool, datetime, None]

#: Fields whose "absent" value is None, not "": the flag and the dates.
NONE_WHEN_ABSENT = frozenset({"done", "started_at", "done_at"})


def key_path(entry: Entry) -> KeyPath:
    """Where `entry`'s table sits in the file: ("phases", 0, "sections", 1, "items", 3)."""
    steps: list[str | int] = []
    current: Entry = entry
    while True:
        parent = current.parent
        if isinstance(current, Item):
            assert isinstance(parent, (Item, Node))
            steps[:0] = ["items", parent.items.index(current)]
        elif isinstance(parent, Node):
            steps[:0] = ["sections", parent.sections.index(current)]
        else:
            assert isinstance(parent, Roadmap)
            steps[:0] = ["phases", parent.phases.index(current)]
            return tuple(steps)
        current = parent


def absent(key: str) -> Value:
    """A field's value when the file has no such key: "" (None for `done` and the dates)."""
    return None if key in NONE_WHEN_ABSENT else ""


@dataclass(frozen=True)
class ItemData:
    """An item and everything under it, as plain data (what `RemoveEntry` keeps, to put back)."""

    text: str
    done: bool | None = None
    text_fill: str = ""
    md: str | None = None
    items: tuple[ItemData, ...] = ()
    state: str = ""
    started_at: datetime | None = None
    done_at: datetime | None = None
    note: str = ""
    reviews: tuple[Review, ...] = ()

    @classmethod
    def of(cls, item: Item) -> ItemData:
        return cls(
            item.text, item.done, item.text_fill, item.md, tuple(cls.of(child) for child in item.items),
            item.state, item.started_at, item.done_at, item.note, item.reviews,
        )

    def build(self, parent: Item | Node | None) -> Item:
        """A new `Item` from this data, linked under `parent` (counts not computed yet)."""
        item = Item(
            text=self.text, done=self.done, text_fill=self.text_fill, md=self.md, parent=parent,
            state=self.state, started_at=self.started_at, done_at=self.done_at, note=self.note,
            reviews=self.reviews,
        )
        item.items = [child.build(item) for child in self.items]
        return item


@dataclass(frozen=True)
class Edit:
    """Where an edit goes: its entry's key path, and its title path (see the module's docstring)."""

    where: KeyPath
    titles: Titles
    applied: bool = field(default=False, kw_only=True)  # set by `apply`: only an applied edit has an inverse

    def describe(self) -> str:
        """What it does, for a message: `set text_fill “Phase 1 › Linear Algebra”`."""
        return f"{self.what} “{' › '.join(self.titles)}”" if self.titles else self.what

    @property
    def what(self) -> str:
        raise NotImplementedError

    def inverse(self) -> Edit:
        """The edit that undoes this applied one."""
        raise NotImplementedError

    def change(self, entry: Entry, where: KeyPath) -> Edit | None:
        """Make this change to `entry` (at `where` now), for an edit of another module
        (`review_edits.py`): the edit as applied; None: `_apply` knows it."""
        return None

    def restructure(self, roadmap: Roadmap, touched: list[Entry]) -> Edit | None | bool:
        """Make an edit that finds its own entries (`structure_edits.py`), adding what to recount
        to `touched`: the edit as applied, None when they are gone, False for any other edit."""
        return False

    def _check_applied(self) -> None:
        if not self.applied:
            raise ValueError("only an applied edit (returned by `apply`) has an inverse")


def _restore(where: KeyPath, titles: Titles, key: str, before: Value) -> Edit:
    """The edit that gives field `key` back the value `before` (clearing it when it was absent)."""
    if before == absent(key):
        return ClearField(where, titles, key)
    return SetField(where, titles, key, before)


@dataclass(frozen=True)
class SetField(Edit):
    """Set one field of an entry: `done`, `state`, a date (`started_at`, `done_at`), `note`,
    `text`, or a fill (`text_fill`, `title_fill`, ...)."""

    key: str = ""
    value: Value = None
    before: Value = None

    @property
    def what(self) -> str:
        return f"set {self.key}"

    def inverse(self) -> Edit:
        self._check_applied()
        titles = self.titles
        if self.key in ("text", "title") and isinstance(self.value, str):
            titles = (*titles[:-1], self.value)  # it is found by its new title now
        return _restore(self.where, titles, self.key, self.before)


@dataclass(frozen=True)
class ClearField(Edit):
    """Clear one field (in the file: remove its key), e.g. an emptied fill brings the hint back."""

    key: str = ""
    before: Value = None

    @property
    def what(self) -> str:
        return f"clear {self.key}"

    def inverse(self) -> Edit:
        self._check_applied()
        return _restore(self.where, self.titles, self.key, self.before)


@dataclass(frozen=True)
class AppendEntry(Edit):
    """Add a plain bullet (no checkbox) with `text` at the end of the entry's items."""

    text: str = ""
    index: int = -1  # set by `apply`: where it went

    @property
    def what(self) -> str:
        return "add an entry to"

    def inverse(self) -> Edit:
        self._check_applied()
        return RemoveEntry((*self.where, "items", self.index), (*self.titles, self.text))


@dataclass(frozen=True)
class InsertEntry(Edit):
    """Put an item (with everything under it) into the entry's items at `index`."""

    index: int = 0
    entry: ItemData = ItemData("")

    @property
    def what(self) -> str:
        return "put back an entry in"

    def inverse(self) -> Edit:
        self._check_applied()
        return RemoveEntry((*self.where, "items", self.index), (*self.titles, self.entry.text))


@dataclass(frozen=True)
class RemoveEntry(Edit):
    """Remove an item and everything under it (`where` and `titles` lead to the item itself)."""

    before: ItemData | None = None  # set by `apply`: what was removed
    follows: str | None = None  # set by `apply`: the text of the item before it (None: the first)

    @property
    def what(self) -> str:
        return "remove"

    def inverse(self) -> Edit:
        self._check_applied()
        assert self.before is not None and isinstance(self.where[-1], int)
        return InsertEntry(self.where[:-2], self.titles[:-1], index=self.where[-1], entry=self.before)


# Applying to the model --------------------------------------------------------------------------


def _walk(roadmap: Roadmap, where: KeyPath) -> Entry | None:
    current: object = roadmap
    try:
        for step in where:
            if isinstance(step, str):
                current = getattr(current, step)
            elif isinstance(current, Sequence):  # the model's only indexable fields are lists
                current = current[step]
            else:
                return None
    except (AttributeError, IndexError, TypeError):
        return None
    return current if isinstance(current, (Item, Node)) else None


def kinds(where: KeyPath, titles: Titles) -> tuple[str | None, ...]:
    """What kind of entry each of `titles` names, read off the key path: the list it sits in,
    "phases", "sections" or "items" (None: either of a node's, as `outline.held`).

    A section and an item under one node may share a title: a lookup by titles alone finds the
    section (sections come first) when the edit was for the item. Each title is one key path
    step; a key path of another length (not one `key_path` made) still says its entry's kind.
    """
    steps = [step for step in where if isinstance(step, str)]
    if not titles or len(steps) == len(titles):
        return tuple(steps[: len(titles)])
    return (*([None] * (len(titles) - 1)), steps[-1] if steps else None)


def _of_kind(entry: Entry, kind: str | None) -> list[Entry]:
    if kind is None:
        return held(entry)
    if kind == "sections":
        return list(entry.sections) if isinstance(entry, Node) else []
    return list(entry.items) if kind == "items" else []


def find(roadmap: Roadmap, where: KeyPath, titles: Titles) -> Entry | None:
    """The entry at `titles` (the first, if several have them), each title looked up among the
    entries of its kind (`kinds`) under the one before; None when there is none."""
    found: Entry | None = None
    for depth, (kind, title) in enumerate(zip(kinds(where, titles), titles)):
        if depth == 0:
            candidates: list[Entry] = list(roadmap.phases) if kind in (None, "phases") else []
        else:
            assert found is not None
            candidates = _of_kind(found, kind)
        found = next((c for c in candidates if c.title == title), None)
        if found is None:
            return None
    return found


def locate(roadmap: Roadmap, where: KeyPath, titles: Titles) -> Entry | None:
    """The entry an edit with this key path and title path applies to in `roadmap`: at the key
    path if the title there matches, else the one `find` finds by its titles (of the kinds the
    key path names); None when it is gone."""
    entry = _walk(roadmap, where)
    if entry is not None and titles and entry.title == titles[-1]:
        return entry
    return find(roadmap, where, titles)


E = TypeVar("E", bound=Edit)


def _apply(roadmap: Roadmap, edit: E, touched: list[Entry]) -> E | None:
    made = edit.restructure(roadmap, touched)
    if made is not False:
        return cast(E, replace(made, applied=True)) if isinstance(made, Edit) else None
    entry = locate(roadmap, edit.where, edit.titles)
    if entry is None:
        return None
    where = key_path(entry)
    result: Edit
    if isinstance(edit, SetField):
        result = replace(edit, where=where, before=getattr(entry, edit.key))
        setattr(entry, edit.key, edit.value)
        touched.append(entry)
    elif isinstance(edit, ClearField):
        result = replace(edit, where=where, before=getattr(entry, edit.key))
        setattr(entry, edit.key, absent(edit.key))
        touched.append(entry)
    elif isinstance(edit, AppendEntry):
        result = replace(edit, where=where, index=len(entry.items))
        entry.items.append(Item(text=edit.text, done=None, parent=entry))
        touched.append(entry.items[-1])
    elif isinstance(edit, InsertEntry):
        index = min(max(edit.index, 0), len(entry.items))
        result = replace(edit, where=where, index=index)
        item = edit.entry.build(entry)
        entry.items.insert(index, item)
        touched.extend(item.walk())
    elif isinstance(edit, RemoveEntry):
        parent = entry.parent
        assert isinstance(parent, (Item, Node)) and isinstance(entry, Item)
        at = parent.items.index(entry)
        result = replace(edit, where=where, before=ItemData.of(entry), follows=parent.items[at - 1].text if at else None)
        parent.items.remove(entry)
        touched.append(parent)
    else:
        changed = edit.change(entry, where)  # an edit of another module (`review_edits.py`)
        if changed is None:
            raise TypeError(f"not an edit: {edit!r}")
        result = changed
    # `result` is `replace(edit, ...)`: the same class as `edit`, so an E (each branch narrowed it)
    return cast(E, replace(result, applied=True))


def apply(roadmap: Roadmap, edit: E) -> E | None:
    """Apply `edit` to `roadmap`; the applied edit, or None when its entry is not in this roadmap."""
    return apply_all(roadmap, [edit])[0]


def apply_all(roadmap: Roadmap, edits: Iterable[E]) -> list[E | None]:
    """Apply `edits` in order (one action's), then recount once; the applied edits (None: not found)."""
    touched: list[Entry] = []
    applied = [_apply(roadmap, edit, touched) for edit in edits]
    recount_entries([*touched, roadmap])
    return applied


def inverses(applied: Sequence[Edit | None]) -> list[Edit]:
    """The edits that undo a batch of applied edits: each one's inverse, last first."""
    return [edit.inverse() for edit in reversed(applied) if edit is not None]


# Edits of a whole roadmap -----------------------------------------------------------------------


def uncheck_all(roadmap: Roadmap) -> list[Edit]:
    """The edits a reset makes: every item's progress cleared, in the roadmap's order. `done` is
    set to False where the stored flag is True (a checked box, a topic's own flag, a Resources
    line), and the `state`, `started_at` and `done_at` keys are removed where the item has them;
    a checked item's `state` always (the file may say "done" beside `done = true`, which
    `done = false` would contradict; removing a key that is not there changes nothing). Notes,
    fills and text stay.

    Only items: a stray `done` key on a heading (unknown to the model) is not progress, and stays.
    Key paths are built along the walk (not by `key_path`): a big roadmap costs its size.
    """
    found: list[Edit] = []

    def items(entries: list[Item], where: KeyPath, titles: Titles) -> None:
        for index, item in enumerate(entries):
            at, named = (*where, "items", index), (*titles, item.text)
            if item.done is True:
                found.append(SetField(at, named, "done", False))
            if item.done is True or item.state:
                found.append(ClearField(at, named, "state"))
            for key in ("started_at", "done_at"):
                if getattr(item, key) is not None:
                    found.append(ClearField(at, named, key))
            items(item.items, at, named)

    def node(entry: Node, where: KeyPath, titles: Titles) -> None:
        items(entry.items, where, titles)
        for index, section in enumerate(entry.sections):
            node(section, (*where, "sections", index), (*titles, section.title))

    for index, phase in enumerate(roadmap.phases):
        node(phase, ("phases", index), (phase.title,))
    return found
