"""Undo and redo on the main screen: `ctrl+z` takes back the last change, `ctrl+y` (and
`ctrl+shift+z`) does it again, whether the tree or the pane has the focus.

`UndoHandling` is part of `MainScreen` (its only user), kept in a module of its own, as
`NoteHandling` is. The store does the work (`store.undo()` / `store.redo()`, `storage/undo.py`);
this shows the model as it is after it: the tree's labels, the pane's rows and header, the
footer's gauge and the dashboard; when entries came or went, the tree and the pane are built again
the way a reload from another program's edit builds them (`MainScreen.reload`). The cursor goes
to the entry that changed: its row when the pane shows it, else its place in the tree. An open
search bar's query is searched again in the model as it is now (`search_again`). A toast
says what happened ("Undid: check 'Chain rule'", "Nothing to undo", "Can't undo …").

In an inline editor or a note (an `Input`, a `TextArea`), the keys are the editor's own: the
screen's undo is off there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from textual.screen import Screen
from textual.widgets import Input, TextArea

from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.core.outline import ancestors
from roadmap_tui.safe_text import visible
from roadmap_tui.storage.undo import Outcome
from roadmap_tui.tui.widgets.roadmap_tree import RoadmapTree

if TYPE_CHECKING:
    from roadmap_tui.storage.store import RoadmapStore
    from roadmap_tui.tui.widgets.roadmap_tree import Shown
    from roadmap_tui.tui.widgets.topic_pane import TopicPane


class UndoHost(Protocol):
    """What `UndoHandling` uses of the screen it is part of (`MainScreen` has it)."""

    store: RoadmapStore
    roadmap: Roadmap
    shown: Shown | None

    @property
    def pane(self) -> TopicPane: ...

    async def reload(self, roadmap: Roadmap) -> None: ...

    async def show(self, entry: Shown) -> None: ...

    def update_gauge(self) -> None: ...

    async def search_again(self) -> None: ...


if TYPE_CHECKING:

    class _UndoBase(Screen[None], UndoHost):
        """For the type checker: the screen `UndoHandling` is mixed into, and its host half."""

else:
    _UndoBase = object  # at run time a plain mixin: `MainScreen` brings both halves


#: The actions of the keys (bound in `MainScreen.BINDINGS`).
UNDO_ACTIONS = ("undo", "redo")


class UndoHandling(_UndoBase):
    """The undo half of `MainScreen`."""

    @property
    def _tree(self) -> RoadmapTree:
        return self.query_one(RoadmapTree)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in UNDO_ACTIONS and isinstance(self.focused, (Input, TextArea)):
            return False  # an editor's own keys there (TextArea: its own undo)
        return True

    async def action_undo(self) -> None:
        """`ctrl+z`: take back the last change."""
        await self._after(self.store.undo())

    async def action_redo(self) -> None:
        """`ctrl+y`, `ctrl+shift+z`: do again the last change undone."""
        await self._after(self.store.redo())

    async def _after(self, outcome: Outcome) -> None:
        if outcome.done:
            await self.show_undone(outcome)
        failed = outcome.label is not None and not outcome.done
        self.notify(visible(outcome.message), markup=False, timeout=6 if failed else 4,
                    severity="warning" if failed else "information")

    async def show_undone(self, outcome: Outcome) -> None:
        """Show the model as the undo (or redo) left it, the cursor on what changed."""
        pane_focused = self.pane.items.has_focus
        if outcome.moved:
            await self.reload(self.roadmap)  # entries came or went: the tree and the pane anew
        else:
            self._tree.refresh_labels([e for e in outcome.entries if isinstance(e, (Item, Node))])
            await self._show_again()
            await self.search_again()  # (a text, note or fill changed: what the search reads)
        target = next((e for e in outcome.entries if isinstance(e, (Item, Node))), None)
        if target is not None:
            await self._go_to_changed(target)
        if self.shown is not None:
            self.pane.update_header(self.shown)
        self.update_gauge()
        if pane_focused:
            self.pane.items.focus()

    async def _go_to_changed(self, entry: Item | Node) -> None:
        """The pane's cursor on `entry`'s row if the pane shows it, else the tree's on the nearest
        entry of the tree that holds it (shown in the pane, the cursor on `entry`'s row there)."""
        if self._highlight_row(entry):
            return
        tree = self._tree
        place = next((above for above in ancestors(entry, include_self=True) if tree.node_for(above) is not None), None)
        if place is None:
            return
        if tree.current is not place:
            tree.reveal(place)
        if place is not self.shown:
            await self.show(place)
        self._highlight_row(entry)

    async def _show_again(self) -> None:
        """The pane's rows made again (a note's rows come or go, a fill shows), the cursor on the
        same row."""
        if self.shown is None:
            return
        items = self.pane.items
        current = items.current
        spec = current.spec if current is not None else None
        await self.pane.show(self.shown)
        if spec is not None:
            for index, row in enumerate(items.rows):
                if row.spec.entry is spec.entry and row.spec.kind == spec.kind and row.spec.field is spec.field:
                    items.highlighted = index
                    break

    def _highlight_row(self, entry: Item | Node) -> bool:
        """Put the pane's cursor on the row that shows `entry` itself; whether there is one."""
        items = self.pane.items
        for index, row in enumerate(items.rows):
            if row.spec.entry is entry and row.spec.kind in ("item", "summary", "next", "context") and row.spec.selectable:
                items.highlighted = index
                return True
        return False
