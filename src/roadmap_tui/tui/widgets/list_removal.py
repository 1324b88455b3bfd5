"""The question a removal asks on its row (`d`: "Remove …? y/N"), for the topic list: a plain
mixin of `ItemList` (as `InlineEditing` and `NoteKeys` are), kept in a module of its own."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from roadmap_tui.core.model import Item
from roadmap_tui.tui.widgets.item_row import Row

if TYPE_CHECKING:
    from roadmap_tui.tui.widgets.item_list import ItemList


class RemovalQuestion:
    """`d` asks on the row, `y` removes, `n` (or any other key, a click) keeps."""

    @property
    def _list(self) -> ItemList:
        return cast("ItemList", self)

    def action_remove(self) -> None:
        """Ask first (y/N on the row itself): there is no undo yet."""
        row = self._list.current
        if row is not None and row.spec.removable:
            self._list._confirming = row
            row.asking = True
            self._list.redraw()
            self._list.refresh_bindings()

    def action_confirm_remove(self) -> None:
        row = self._end_question()
        if row is not None and row in self._list._rows:
            assert isinstance(row.spec.entry, Item)
            self._list.post_message(self._list.RemoveRequested(self._list, row.spec.entry))

    def action_keep(self) -> None:
        self._end_question()

    def _end_question(self) -> Row | None:
        row, self._list._confirming = self._list._confirming, None
        if row is not None:
            row.asking = False
            self._list.redraw()
            self._list.refresh_bindings()
        return row

    @property
    def confirming(self) -> Row | None:
        """The row whose removal waits for an answer, if any."""
        return self._list._confirming
