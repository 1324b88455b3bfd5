"""The rows of the selected entry: editable fields, checkboxes, and summaries of what lies below.

The list has the focus and a highlighted row; rows are not focusable. Editing happens in place:
the row shows an input prefilled with its value. The list changes nothing itself; it posts a
message and the screen applies the change to the store.
"""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input

from roadmap_tui.model import PLACEHOLDER_RE, Entry, Item, Node, placeholder_hint
from roadmap_tui.widgets.item_row import InlineInput, Row, RowSpec


class ItemList(VerticalScroll, can_focus=True):
    """The rows of one entry, with a highlight that the keys move and act on."""

    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("space", "toggle", "Toggle"),
        Binding("enter", "activate", "Open/edit", show=False),
        Binding("e", "edit", "Edit"),
        Binding("a", "add", "Add"),
        Binding("d,delete", "remove", "Remove", key_display="d"),
    ]

    highlighted: reactive[int] = reactive(-1, init=False)

    # Messages up: the screen applies them to the store ----------------------------------------

    class Request(Message):
        """What the user asked of the list; `control` is the list, for `@on(..., "#id")`."""

        def __init__(self, item_list: ItemList) -> None:
            super().__init__()
            self.item_list = item_list

        @property
        def control(self) -> ItemList:
            return self.item_list

    class ToggleRequested(Request):
        def __init__(self, item_list: ItemList, item: Item) -> None:
            super().__init__(item_list)
            self.item = item

    class EditSubmitted(Request):
        """A field or item edited: `name` is "title", "duration" or "text"."""

        def __init__(self, item_list: ItemList, entry: Entry, name: str, value: str) -> None:
            super().__init__(item_list)
            self.entry = entry
            self.name = name
            self.value = value

    class AddSubmitted(Request):
        def __init__(self, item_list: ItemList, node: Node, text: str) -> None:
            super().__init__(item_list)
            self.node = node
            self.text = text

    class RemoveRequested(Request):
        def __init__(self, item_list: ItemList, item: Item) -> None:
            super().__init__(item_list)
            self.item = item

    class OpenRequested(Request):
        """Go to an entry shown here as a summary (it is in the tree)."""

        def __init__(self, item_list: ItemList, entry: Entry) -> None:
            super().__init__(item_list)
            self.entry = entry

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entry: Entry | None = None
        self._editing: Row | None = None

    # Content ---------------------------------------------------------------------------------

    @property
    def rows(self) -> list[Row]:
        return list(self.query_children(Row))

    @property
    def current(self) -> Row | None:
        rows = self.rows
        if 0 <= self.highlighted < len(rows):
            return rows[self.highlighted]
        return None

    async def show(self, entry: Entry, specs: list[RowSpec]) -> None:
        """Replace the rows with those of `entry`."""
        self._editing = None
        same_entry = entry is self.entry
        keep = self.highlighted if same_entry else 0
        self.entry = entry
        # The rows there are show the new specs (a row being edited goes); more are mounted
        # or the surplus removed. Mounting fresh rows for each entry cost a tree move ~4 frames.
        rows = self.rows
        reused = [row for row in rows if not row.has_class("-editing")][: len(specs)]
        with self.app.batch_update():
            for row, spec in zip(reused, specs, strict=False):
                row.use(spec)
            surplus = [row for row in rows if row not in reused]
            if surplus:
                await self.remove_children(surplus)
            if len(specs) > len(reused):
                await self.mount_all([Row(spec) for spec in specs[len(reused) :]])
        self.scroll_home(animate=False)
        self.set_reactive(ItemList.highlighted, -1)
        self.highlighted = self._selectable_from(min(keep, len(specs) - 1), 1) if specs else -1
        self.refresh_bindings()

    def redraw(self) -> None:
        for row in self.rows:
            row.redraw()

    def watch_highlighted(self, old: int, new: int) -> None:
        rows = self.rows
        if 0 <= old < len(rows):
            rows[old].remove_class("-highlight")
        if 0 <= new < len(rows):
            rows[new].add_class("-highlight")
            self.scroll_to_widget(rows[new], animate=False)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._editing is not None and action != "activate":
            return False
        # Keys that do nothing on the highlighted row are hidden from the footer.
        row = self.current
        if action == "toggle":
            return row is not None and row.spec.toggleable
        if action == "edit":
            return row is not None and row.spec.editable
        if action == "remove":
            return row is not None and row.spec.removable
        if action == "add":
            return self.accepts_entries
        return True

    @property
    def accepts_entries(self) -> bool:
        """A list of plain entries (a Resources Library list) takes new ones with `a`."""
        entry = self.entry
        return (
            isinstance(entry, Node)
            and entry.is_leaf
            and all(item.done is None for item in entry.items)
            and entry.duration is None
        )

    # Keys ------------------------------------------------------------------------------------

    def _selectable_from(self, start: int, step: int) -> int:
        """The first row from `start` on (going by `step`) that the cursor may rest on, else -1."""
        rows = self.rows
        index = start
        while 0 <= index < len(rows):
            if rows[index].spec.selectable:
                return index
            index += step
        return -1

    def _move(self, start: int, step: int) -> None:
        target = self._selectable_from(start, step)
        if target != -1:
            self.highlighted = target

    def action_cursor_down(self) -> None:
        self._move(self.highlighted + 1, 1)

    def action_cursor_up(self) -> None:
        self._move(self.highlighted - 1, -1)

    def action_first(self) -> None:
        self._move(0, 1)

    def action_last(self) -> None:
        self._move(len(self.rows) - 1, -1)

    def action_toggle(self) -> None:
        row = self.current
        if row is not None and row.spec.toggleable:
            assert isinstance(row.spec.entry, Item)
            self.post_message(self.ToggleRequested(self, row.spec.entry))

    async def action_activate(self) -> None:
        row = self.current
        if row is None:
            return
        if row.spec.kind == "summary":
            self.post_message(self.OpenRequested(self, row.spec.entry))
        elif row.spec.editable:
            await self.action_edit()
        elif row.spec.toggleable:
            self.action_toggle()

    async def action_edit(self) -> None:
        row = self.current
        if row is None or not row.spec.editable or self._editing is not None:
            return
        text, fill = row.spec.raw()
        hint = placeholder_hint(text)
        prefix = ""
        if hint is not None:
            value, placeholder = fill, hint
            match = PLACEHOLDER_RE.search(text)
            prefix = text[: match.start()] if match else ""
        else:
            value, placeholder = text, ""
        self._editing = row
        await row.start_edit(value, placeholder, prefix)

    async def action_add(self) -> None:
        if not self.accepts_entries or self._editing is not None:
            return
        assert isinstance(self.entry, Node)
        row = Row(RowSpec("new", self.entry))
        await self.mount(row)
        self.highlighted = len(self.rows) - 1
        self._editing = row
        await row.start_edit("", "a book, course, link... (Enter adds, Escape cancels)")

    def action_remove(self) -> None:
        row = self.current
        if row is not None and row.spec.removable:
            assert isinstance(row.spec.entry, Item)
            self.post_message(self.RemoveRequested(self, row.spec.entry))

    # Editing ---------------------------------------------------------------------------------

    @on(Input.Submitted, ".row-input")
    async def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        await self._commit_edit(event.value)

    async def _commit_edit(self, value: str, refocus: bool = True) -> None:
        row = self._editing
        if row is None:
            return
        await self._finish_edit(refocus)
        spec = row.spec
        if spec.kind != "new" and value == row.edit_start:
            return  # nothing changed: nothing to write
        if spec.kind == "new":
            await row.remove()
            self.highlighted = min(self.highlighted, len(self.rows) - 1)
            if value.strip():
                assert isinstance(spec.entry, Node)
                self.post_message(self.AddSubmitted(self, spec.entry, value))
            return
        name = spec.name if spec.kind == "field" else "text"
        self.post_message(self.EditSubmitted(self, spec.entry, name, value))

    def keep_open_edit(self) -> None:
        """Save what is typed in an open edit (the app is about to quit)."""
        row = self._editing
        if row is not None:
            editor = row.query_one(InlineInput)
            self.call_later(self._commit_edit, editor.value, False)

    @on(InlineInput.Cancelled)
    async def _cancelled(self, event: InlineInput.Cancelled) -> None:
        event.stop()
        await self._cancel_edit()

    @on(Input.Blurred, ".row-input")
    async def _blurred(self, event: Input.Blurred) -> None:
        # Leaving the input (Tab, a click elsewhere, the help) keeps what was typed, as Enter
        # would; an input left unchanged just closes. Escape has already cancelled by now.
        row = self._editing
        if row is None:
            return
        if event.input.value != row.edit_start:
            await self._commit_edit(event.input.value, refocus=False)
        else:
            await self._cancel_edit(refocus=False)

    async def _cancel_edit(self, refocus: bool = True) -> None:
        row = self._editing
        if row is None:
            return
        await self._finish_edit(refocus)
        if row.spec.kind == "new":
            await row.remove()
            self.highlighted = min(self.highlighted, len(self.rows) - 1)

    async def _finish_edit(self, refocus: bool = True) -> None:
        row, self._editing = self._editing, None
        if row is not None:
            if refocus:
                self.focus()
            await row.stop_edit()
        self.refresh_bindings()

    @on(Row.Clicked)
    async def _row_clicked(self, event: Row.Clicked) -> None:
        event.stop()
        if self._editing is not None:
            return
        rows = self.rows
        if event.row not in rows:
            return
        self.focus()
        spec = event.row.spec
        if not spec.selectable:
            return
        self.highlighted = rows.index(event.row)
        if spec.kind == "summary":
            self.post_message(self.OpenRequested(self, spec.entry))
        elif spec.toggleable:
            self.action_toggle()
        elif spec.editable:
            await self.action_edit()
