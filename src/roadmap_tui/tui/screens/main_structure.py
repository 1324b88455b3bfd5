"""Structure editing on the main screen: add, rename, delete, move, indent, outdent.

`StructureHandling` is part of `MainScreen`, kept in a module of its own (as `NoteHandling` is).
The list's keys (`widgets/list_structure.py`) and the tree's post what the learner asked for; this
changes the store (`store_structure.py`) and shows the result: the tree is built again with its
open branches, the pane shows its entry again with the cursor on the entry that changed.

In the tree, `a`, `A` and `r` open the inline editor in the pane: `a` and `r` on the entry's row in
its parent's pane (a topic's in its section's, a section's in its part's, a part's in the
roadmap's overview), `A` at the end of the entry's own. Moves in the tree go past the siblings the
tree shows (a topic past topics, a section past sections), never across a section boundary: a
topic goes to another section by cut and add, or by `<` out of a topic and `>` into another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from roadmap_tui.core.model import Entry, Item, Node, Roadmap
from roadmap_tui.core.outline import ancestors, root_of
from roadmap_tui.core.placeholders import has_placeholder
from roadmap_tui.core.structure_edits import attached
from roadmap_tui.core.structure_edits import siblings as se_siblings
from roadmap_tui.storage.store_structure import name_of
from roadmap_tui.tui.widgets.item_row import Field
from roadmap_tui.tui.widgets.labels import plain_text
from roadmap_tui.tui.widgets.list_structure import (
    DELETE,
    INDENT,
    MOVE_DOWN,
    MOVE_UP,
    OUTDENT,
    AddSubmitted,
    RenameSubmitted,
    StructureRequested,
)
from roadmap_tui.tui.widgets.roadmap_tree import RoadmapTree

if TYPE_CHECKING:
    from roadmap_tui.tui.screens.main import MainScreen
    from roadmap_tui.tui.widgets.roadmap_tree import Shown

#: Why a move did nothing, by what was asked.
AT_THE_EDGE = {
    MOVE_UP: "is first already",
    MOVE_DOWN: "is last already",
    INDENT: "has nothing above it to go into",
    OUTDENT: "can't go a level up",
}


def deleted_toast(name: str, under: int) -> str:
    if under == 0:
        return f"Deleted '{name}' — ctrl+z brings it back"
    entries = "entry" if under == 1 else "entries"
    return f"Deleted '{name}' and {under} {entries} under it — ctrl+z brings it back"


def in_tree(entry: Entry) -> bool:
    """Whether the tree shows `entry`: a node, or a topic (an item with items)."""
    return isinstance(entry, Node) or bool(entry.items)


def tree_home(entry: Entry) -> Shown:
    """The nearest entry the tree shows whose pane has a row for `entry` (its parent, mostly)."""
    for above in ancestors(entry):
        if in_tree(above):
            return above
    root = root_of(entry)
    assert root is not None
    return root


class StructureHandling:
    """The screen's half of the structure keys (see the module's docstring). `MainScreen` routes
    the messages here (`@on` handlers are found on the screen's own class, not a plain mixin)."""

    @property
    def _screen(self) -> MainScreen:
        return cast("MainScreen", self)

    # After a change: the tree built again, the pane shown again -------------------------------

    async def restructured(self, entry: Entry | None, tree_cursor: Shown | None = None) -> None:
        """Show the roadmap's new shape: the tree with its open branches, its cursor on
        `tree_cursor` (else on the entry shown, or the nearest one still there), and the pane's on
        `entry`'s row (the pane shows the tree's entry whose pane has that row, if need be)."""
        screen = self._screen
        tree, roadmap = screen.tree, screen.roadmap
        opened = screen.open_branches()
        shown = screen.shown
        if shown is not None and not isinstance(shown, Roadmap) and root_of(shown) is not roadmap:
            shown = None  # deleted (with what it was under)
        target: Shown | None = tree_cursor or shown
        if entry is not None and root_of(entry) is roadmap and tree_cursor is None:
            items_shown = target is not None and _has_row(target, entry)
            if not items_shown:
                target = tree_home(entry)
        tree.load(roadmap)
        screen.expand_branches(opened)
        target = target or roadmap
        tree.reveal(target)
        await screen.show(target)
        screen.after_change([])  # the gauge, and what else follows every change
        await screen.search_again()  # an open search: the tree narrowed again, its hits as they are now
        # The tree built again moves its cursor (to its first row, then to `target`): the screen
        # shows each in turn, after this. The pane's cursor goes on `entry` once they are shown.
        screen.call_later(self._settle, target, entry)

    async def _settle(self, target: Shown, entry: Entry | None) -> None:
        screen = self._screen
        if screen.shown is not target and screen.tree.current is target:
            await screen.show(target)
        if entry is not None:
            screen.pane.items.highlight_entry(entry)

    # From the list -----------------------------------------------------------------------

    async def add_entry(self, event: AddSubmitted) -> None:
        store = self._screen.store
        anchor, how, text = event.anchor, event.how, event.text
        parent = anchor if how == "child" or isinstance(anchor, Roadmap) else anchor.parent
        # The template's own hint bullet (`_[List key courses]_`, not filled yet) takes the first
        # entry of a list of plain entries, instead of staying above it as an empty line.
        hint = None
        if isinstance(parent, Node) and parent.items and all(i.done is None for i in parent.items):
            hint = next((i for i in parent.items if has_placeholder(i.text) and not i.text_fill), None)
        added: Entry | None
        if hint is not None:
            store.set_fill(hint, Field.TEXT.value, text)
            added = hint
        elif how == "after" and not isinstance(anchor, Roadmap):
            added = store.add_after(anchor, text)
        else:
            added = store.add_child(anchor, text)
        if added is None:
            self._screen.notify("Not added: what it went into is gone.", severity="warning", markup=False)
        await self.restructured(added)

    async def rename_entry(self, event: RenameSubmitted) -> None:
        if self._screen.store.rename(event.entry, event.text):
            await self.restructured(event.entry)

    async def change_structure(self, event: StructureRequested) -> None:
        await self.structure(event.entry, event.action, from_tree=False)

    async def structure(self, entry: Entry, action: str, from_tree: bool) -> None:
        """Delete, move, indent or outdent `entry` (`action`), and show what came of it."""
        screen, store = self._screen, self._screen.store
        if not attached(entry):
            return  # deleted a moment ago: a key pressed before the screen caught up
        if action == DELETE:
            await self.delete_entry(entry, from_tree)
            return
        if action in (MOVE_UP, MOVE_DOWN):
            moved = store.move(entry, -1 if action == MOVE_UP else +1, alike=from_tree)
        elif action == INDENT:
            moved = store.indent(entry, alike=from_tree)
        else:
            moved = store.outdent(entry)
        if not moved:
            screen.notify(f"'{name_of(entry)}' {AT_THE_EDGE[action]}.", markup=False, timeout=3)
            return
        await self.restructured(entry, tree_cursor=entry if from_tree and in_tree(entry) else None)

    async def delete_entry(self, entry: Entry, from_tree: bool = False) -> None:
        """`d`: the entry and what is under it, with a toast that says what went."""
        screen, store = self._screen, self._screen.store
        name = plain_text(entry)
        if isinstance(entry, Item) and entry.done is None and has_placeholder(entry.text) and entry.text_fill:
            # The template's own entry (`_[List key books]_`) with the learner's text in it: the
            # text goes, the hint comes back, so the list keeps saying what belongs in it.
            store.set_fill(entry, Field.TEXT.value, "")
            screen.notify(f"Removed “{name}”.", markup=False, timeout=3)
            await self.restructured(entry)
            return
        parent = entry.parent
        siblings = [e for e in (tree_children_of(parent) if from_tree else [])]
        before = None
        if entry in siblings and siblings.index(entry) > 0:
            before = siblings[siblings.index(entry) - 1]
        pane_siblings: list[Entry] = list(se_siblings(entry))
        pane_at = pane_siblings.index(entry)
        under = store.delete(entry)
        if under is None:
            return
        screen.notify(deleted_toast(name, under), markup=False, timeout=5)
        if from_tree:
            cursor = before or (parent if isinstance(parent, (Item, Node, Roadmap)) else None)
            await self.restructured(None, tree_cursor=cursor)
        else:  # the pane's cursor on the entry above it (else its parent)
            near = [e for e in pane_siblings if e is not entry]
            # (the first one: the entry after it, so the pane stays on its list; none left: the parent)
            above = near[pane_at - 1] if pane_at > 0 else (near[0] if near else parent if isinstance(parent, Item) else None)
            await self.restructured(above)

    # From the tree -----------------------------------------------------------------------

    async def tree_structure(self, event: RoadmapTree.StructureRequested) -> None:
        screen, entry, action = self._screen, event.entry, event.action
        items = screen.pane.items
        if not isinstance(entry, Roadmap) and not attached(entry):
            return  # deleted a moment ago: a key pressed before the screen caught up
        if action == "add child":
            await screen.show(entry)
            items.focus()
            await items.add_at_end(entry)
        elif action in ("add", "rename") and not isinstance(entry, Roadmap):
            home = entry.parent
            assert home is not None
            if home is not screen.shown:
                await screen.show(home)
            items.focus()
            if not items.highlight_entry(entry):
                return
            await (items.action_add() if action == "add" else items.action_rename())
        elif not isinstance(entry, Roadmap):
            await self.structure(entry, action, from_tree=True)


def _has_row(shown: Shown, entry: Entry) -> bool:
    """Whether the pane of `shown` has a row of `entry` (its items, its topics and sections)."""
    if isinstance(shown, Roadmap):
        return isinstance(entry, Node) and entry.parent is shown
    if entry.parent is shown:
        return True
    return isinstance(shown, Item) and any(a is shown for a in ancestors(entry))


def tree_children_of(parent: object) -> list[Entry]:
    from roadmap_tui.core.outline import tree_children

    if isinstance(parent, Roadmap):
        return list(parent.phases)
    return tree_children(parent) if isinstance(parent, (Item, Node)) else []
