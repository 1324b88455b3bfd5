"""The structure keys of the topic list: `a` / `A` add, `r` renames, `d` deletes, `K` / `J`
move, `<` / `>` outdent and indent (alt+arrows too).

`StructureKeys` is part of `ItemList` (a plain mixin, as `InlineEditing` is), kept in a module
of its own. It changes nothing: a new entry gets a "new" row with the inline editor on it
(nothing exists until Enter; Escape or an empty Enter leaves no trace), a rename opens the editor
on the entry's own text, whole; what was typed, and every other key, goes up to the screen as a
message (`AddSubmitted`, `RenameSubmitted`, `StructureRequested`), which changes the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.binding import Binding
from textual.message import Message

from roadmap_tui.core.model import Entry, Item, Node, Roadmap
from roadmap_tui.tui.widgets.item_row import Row, RowSpec

if TYPE_CHECKING:
    from roadmap_tui.tui.widgets.item_list import ItemList

#: Alt+arrows do what K / J / < / > do; the help says so in their row (`system`: not rows of their own).
ALT_ARROWS = [
    Binding("alt+up", "move(-1)", "Move up", show=False, system=True),
    Binding("alt+down", "move(1)", "Move down", show=False, system=True),
    Binding("alt+left", "outdent", "Outdent", show=False, system=True),
    Binding("alt+right", "indent", "Indent", show=False, system=True),
]

#: What `StructureRequested` asks for, as the store's methods are called.
DELETE, MOVE_UP, MOVE_DOWN, INDENT, OUTDENT = "delete", "move up", "move down", "indent", "outdent"


class StructureMessage(Message):
    """Something the list asks of the store's structure; `control` is the list."""

    def __init__(self, item_list: ItemList) -> None:
        super().__init__()
        self.item_list = item_list

    @property
    def control(self) -> ItemList:
        return self.item_list


class AddSubmitted(StructureMessage):
    """Enter on a new entry: `text` after `anchor` (`how` "after") or at the end of its own ("child")."""

    def __init__(self, item_list: ItemList, anchor: Entry | Roadmap, how: str, text: str) -> None:
        super().__init__(item_list)
        self.anchor = anchor
        self.how = how
        self.text = text


class RenameSubmitted(StructureMessage):
    """Enter on a rename: `entry`'s own text (an item's text, a heading's title) is `text`."""

    def __init__(self, item_list: ItemList, entry: Entry, text: str) -> None:
        super().__init__(item_list)
        self.entry = entry
        self.text = text


class StructureRequested(StructureMessage):
    """`d`, a move, an indent or outdent (`action`: `DELETE`, `MOVE_UP`...) of `entry`."""

    def __init__(self, item_list: ItemList, entry: Entry, action: str) -> None:
        super().__init__(item_list)
        self.entry = entry
        self.action = action


class StructureKeys:
    """`a`, `A`, `r`, `d`, moves (see the module's docstring)."""

    @property
    def _list(self) -> ItemList:
        return cast("ItemList", self)

    @property
    def accepts_entries(self) -> bool:
        """A list of plain entries (a Resources Library list) takes new ones with `a`."""
        entry = self._list.entry
        return (
            isinstance(entry, Node)
            and entry.is_leaf
            and all(item.done is None for item in entry.items)
            and entry.duration is None
        )

    def _row_entry(self) -> Entry | None:
        row = self._list.current
        return row.spec.structural if row is not None else None

    def _after_subtree(self, index: int) -> int:
        """The index just after row `index` and the rows of its items shown under it."""
        rows = self._list._rows
        depth = rows[index].spec.depth
        end = index + 1
        while end < len(rows) and rows[end].spec.kind == "item" and rows[end].spec.depth > depth:
            end += 1
        return end

    async def _new_row(self, at: int, spec: RowSpec, hint: str) -> None:
        items = self._list
        if items._editing is not None:
            return
        row = Row(spec)
        items._rows.insert(at, row)
        items._relayout()
        items.highlighted = at
        await items._start_edit(row, "", hint)

    async def action_add(self) -> None:
        """`a`: a new entry after the highlighted one, at its level (in a list of plain entries
        with no entry highlighted: at its end)."""
        items = self._list
        entry = self._row_entry()
        if entry is not None:
            depth = items._rows[items.highlighted].spec.depth
            at = self._after_subtree(items.highlighted)
            await self._new_row(at, RowSpec("new", entry, depth=depth, adds="after"), _hint(entry, "after"))
        elif isinstance(items.entry, (Item, Node)) or isinstance(items.entry, Roadmap):
            await self.add_at_end(items.entry)

    async def action_add_here(self) -> None:
        await self.action_add()

    async def action_add_child(self) -> None:
        """`A`: a new entry under the highlighted one (else under the entry shown), at the end."""
        items = self._list
        entry = self._row_entry()
        if entry is None:
            if items.entry is not None:
                await self.add_at_end(items.entry)
            return
        depth = items._rows[items.highlighted].spec.depth + 1
        at = self._after_subtree(items.highlighted)
        await self._new_row(at, RowSpec("new", entry, depth=depth, adds="child"), _hint(entry, "child"))

    async def add_at_end(self, anchor: Entry | Roadmap) -> None:
        """A new entry at the end of `anchor`'s own (the entry shown, the tree's `A`)."""
        rows = self._list._rows
        own = [i for i, row in enumerate(rows) if row.spec.structural is not None]
        at = self._after_subtree(own[-1]) if own else len(rows)  # before an overview's "Next up"
        await self._new_row(at, RowSpec("new", anchor, adds="child"), _hint(anchor, "child"))

    async def add_after_entry(self, entry: Entry) -> bool:
        """A new entry after `entry`'s row (the tree's `a`); False when it has no row here."""
        if not self.highlight_entry(entry):
            return False
        await self.action_add()
        return True

    def highlight_entry(self, entry: Entry | None) -> bool:
        """The cursor on the row of `entry` (its own row: an item's or a summary); False: none."""
        for index, row in enumerate(self._list._rows):
            if row.spec.structural is entry and entry is not None:
                self._list.highlighted = index
                return True
        return False

    async def action_rename(self) -> None:
        """`r`: edit the highlighted entry's own text, whole (a blank's `_[hint]_` syntax too)."""
        items = self._list
        row = items.current
        entry = self._row_entry()
        if row is None or entry is None or items._editing is not None:
            return
        await items._start_edit(row, entry.text if isinstance(entry, Item) else entry.title, "")
        row.renaming = True

    async def action_edit_text(self) -> None:
        """`e` on an item without a blank: its text, whole (as `r`)."""
        await self.action_rename()

    def _ask(self, action: str) -> None:
        entry = self._row_entry()
        if entry is not None and self._list._editing is None:
            self._list.post_message(StructureRequested(self._list, entry, action))

    def action_remove(self) -> None:
        """`d` / Delete: the entry and what is under it, at once (undo brings it back)."""
        self._ask(DELETE)

    def action_move(self, step: int) -> None:
        self._ask(MOVE_UP if step < 0 else MOVE_DOWN)

    def action_indent(self) -> None:
        self._ask(INDENT)

    def action_outdent(self) -> None:
        self._ask(OUTDENT)


def _hint(anchor: Entry | Roadmap, how: str) -> str:
    """What the input of a new entry suggests."""
    if isinstance(anchor, Roadmap):
        return "a new part"
    if isinstance(anchor, Node) and how == "after":
        return "a new heading"
    if isinstance(anchor, Node) and anchor.sections and not anchor.items and how == "child":
        return "a new section"
    node = anchor.parent if isinstance(anchor, Item) and how == "after" else anchor
    if isinstance(node, Node) and node.items and all(i.done is None for i in node.items):
        return "a book, a course, a link…"  # a Resources Library list
    return "a new entry"
