"""The store's structure changes: add, rename, delete, move, indent and outdent an entry.

A part of `RoadmapStore` (`store.py`), kept in a module of its own. Each method is one action:
it makes its edits (`core/edits.py`, `core/structure_edits.py`) from the entry it is given,
applies them to the model and records them with an activity record ("add", "remove", "rename",
"move") and a label for undo's toast. A method that has nothing to do (moving the first entry up,
outdenting a part) records nothing and returns None (or False).

An added entry has no Markdown source (`md` None); a renamed one keeps its `md`; a moved one
keeps its `md`, its children, its progress and notes (the Markdown export places them).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar, Union


from roadmap_tui.core import md_tail
from roadmap_tui.core import structure_edits as se
from roadmap_tui.core.edits import Edit, InsertEntry, ItemData, RemoveEntry, SetField, key_path
from roadmap_tui.core.model import Entry, Item, Node, Roadmap
from roadmap_tui.core.outline import title_path
from roadmap_tui.core.placeholders import apply_fill
from roadmap_tui.core.structure_edits import InsertNode, NodeData, RemoveNode

E = TypeVar("E", bound=Union[Item, Node])


def name_of(entry: Entry) -> str:
    """An entry's text as the learner sees it (its blank filled), for a label or a toast."""
    if isinstance(entry, Item):
        return apply_fill(entry.text, entry.text_fill)
    return apply_fill(entry.title, entry.title_fill)


def count_under(entry: Entry) -> int:
    """How many entries go with `entry` when it is deleted (everything under it)."""
    if isinstance(entry, Item):
        return sum(1 for _ in entry.walk()) - 1
    return sum(1 for _ in entry.walk_nodes()) - 1 + sum(1 for _ in entry.walk_items())


def new_item_like(parent: Item | Node, fallback: Item | None) -> bool | None:
    """The `done` of a new item in `parent`: a checkbox (False) in a checklist, a plain entry
    (None) in a list of plain entries (a Resources Library list); in an empty list, like the
    item it goes under (`fallback`), else like the lists beside it (an emptied library list)."""
    neighbours: Sequence[Item] = parent.items
    if not neighbours and fallback is None and isinstance(parent, Node):
        beside = parent.parent
        nodes = beside.sections if isinstance(beside, Node) else beside.phases if isinstance(beside, Roadmap) else []
        neighbours = [item for node in nodes for item in node.items]
    if neighbours:
        return None if all(item.done is None for item in neighbours) else False
    return None if fallback is not None and fallback.done is None else False


class StructureChanges:
    """Add, rename, delete, move, indent, outdent (see the module's docstring)."""

    if TYPE_CHECKING:  # what it uses of `RoadmapStore`, which it is part of

        def _apply(self, batch: list[Edit]) -> list[Edit]: ...
        def _record(self, made: list[Edit], log: Sequence[dict[str, object]] = (), label: str = "") -> None: ...
        def _log(self, entry: Entry, change: str, **fields: object) -> dict[str, object]: ...
        def _current(self, entry: E) -> E: ...

    def _one(self, edit: Edit, change: str, entry: Entry, label: str, **fields: object) -> Edit | None:
        """Apply and record `edit` as one action; the applied edit (None: its entry is gone)."""
        log = [self._log(entry, change, **fields)]
        [made] = self._apply([edit])
        self._record([made], log, label=label)
        return made if made.applied else None

    def _add(self, parent: Item | Node | Roadmap, index: int, text: str, like: Entry | None) -> Entry | None:
        where, titles = se.place(parent)
        edit: Edit
        if isinstance(like, Node) or (like is None and isinstance(parent, Roadmap)):
            edit = InsertNode(where, titles, index=index, node=NodeData(text))
        else:
            assert not isinstance(parent, Roadmap)
            done = new_item_like(parent, like if isinstance(like, Item) and like is parent else None)
            edit = InsertEntry(where, titles, index=index, entry=ItemData(text, done))
        made = self._apply([edit])[0]
        if not made.applied:
            return None
        assert isinstance(made, (InsertEntry, InsertNode))
        added: Entry
        if isinstance(made, InsertEntry):
            assert not isinstance(parent, Roadmap)
            added = parent.items[made.index]
        else:
            added = (parent.phases if isinstance(parent, Roadmap) else parent.sections)[made.index]  # type: ignore[union-attr]
        self._record([made], [self._log(added, "add", text=text)], label=f"add '{text}'")
        return added

    def add_after(self, entry: Entry, text: str) -> Entry | None:
        """`a`: a new entry with `text` right after `entry`, at its level and of its kind (an item
        like its neighbours: a checkbox, or a plain entry in a list of plain entries; a heading
        like `entry`). Returns it (None: `entry` is gone)."""
        text = text.strip()
        if not text:
            raise ValueError("empty text")
        entry = self._current(entry)
        parent = entry.parent
        if parent is None or not se.attached(entry):
            return None  # deleted a moment ago (a key pressed before the screen caught up)
        index = list(se.siblings(entry)).index(entry) + 1
        return self._add(parent, index, text, entry)

    def add_child(self, entry: Entry | Roadmap, text: str) -> Entry | None:
        """`A`: a new entry with `text` at the end of `entry`'s own: under an item, an item (like
        its items, else a checkbox when it is one); under a heading with sections and no items, a
        section, else an item; under the roadmap, a part."""
        text = text.strip()
        if not text:
            raise ValueError("empty text")
        if isinstance(entry, Roadmap):
            return self._add(entry, len(entry.phases), text, None)
        entry = self._current(entry)
        if not se.attached(entry):
            return None
        if isinstance(entry, Node) and entry.sections and not entry.items:
            return self._add(entry, len(entry.sections), text, entry.sections[-1])
        like = entry if isinstance(entry, Item) else None
        items = entry.items
        return self._add(entry, len(items), text, items[-1] if items else like)

    def rename(self, entry: Entry, text: str) -> bool:
        """`r`: the entry's own text (an item's `text`, a heading's `title`), whole, blanks and
        all; its fill stays. False when nothing changed."""
        text = text.strip()
        if not text:
            raise ValueError("empty text")
        entry = self._current(entry)
        if not se.attached(entry):
            return False
        key = "text" if isinstance(entry, Item) else "title"
        before = entry.title
        if before == text:
            return False
        edit = SetField(key_path(entry), tuple(title_path(entry)), key, text)  # found by its old title
        made = self._one(edit, "rename", entry, f"rename '{name_of(entry)}'", **{"from": before, "to": text})
        return made is not None

    def delete(self, entry: Entry) -> int | None:
        """`d`: the entry and everything under it. Returns how many entries went with it (None:
        it was gone already)."""
        entry = self._current(entry)
        if not se.attached(entry):
            return None
        under = count_under(entry)
        where, titles = key_path(entry), tuple(title_path(entry))
        edit: Edit = RemoveEntry(where, titles) if isinstance(entry, Item) else RemoveNode(where, titles)
        # an imported entry's last lines that are its list's (a blank line, "back to top") stay
        kept = md_tail.tail_receiver(entry)
        keep: list[Edit] = [SetField(key_path(kept[0]), tuple(title_path(kept[0])), "md", kept[1])] if kept else []
        log = [self._log(entry, "remove", entries=under)]
        made = self._apply([*keep, edit])
        self._record(made, log, label=f"delete '{name_of(entry)}'")
        return under if made[-1].applied else None

    def _move(self, entry: Entry, edit: Edit | None, how: str) -> bool:
        if edit is None:
            return False
        log = [self._log(entry, "move", how=how)]
        old_parent = entry.parent
        movable = isinstance(entry, Item) and isinstance(old_parent, Item | Node)
        old_index = old_parent.items.index(entry) if movable else -1  # type: ignore[union-attr, arg-type]
        [made] = self._apply([edit])
        if not made.applied:
            return False
        assert isinstance(made, se.MoveEntry)
        batch: list[Edit] = [made]
        if isinstance(entry, Item) and isinstance(old_parent, Item | Node):
            # what followed the entry's old list stays at its end (md_tail.after_move)
            fixes: list[Edit] = [
                SetField(key_path(o), tuple(title_path(o)), "md", md)
                for o, md in md_tail.after_move(entry, old_parent, old_index)
            ]
            batch += self._apply(fixes) if fixes else []
        log[0]["to"] = [*made.to_titles, made.titles[-1]]
        self._record(batch, log, label=f"{how} '{name_of(entry)}'")
        return True

    def move(self, entry: Entry, step: int, alike: bool = False) -> bool:
        """`K`/`J`: one place up (-1) or down (+1) among its siblings (`alike`: past the nearest
        one like it, as the tree shows them). False at the edge."""
        entry = self._current(entry)
        return self._move(entry, se.move_among(entry, step, alike), "move up" if step < 0 else "move down")

    def indent(self, entry: Entry, alike: bool = False) -> bool:
        """`>`: into the sibling above (`alike`: the nearest like it), as its last child. False
        when it is the first."""
        entry = self._current(entry)
        return self._move(entry, se.indent(entry, alike), "indent")

    def outdent(self, entry: Entry) -> bool:
        """`<`: out of its parent, right after it. False for a part, or an item right under a heading."""
        entry = self._current(entry)
        return self._move(entry, se.outdent(entry), "outdent")



