"""The rows of the selected entry: editable fields, checkboxes, and summaries of what lies below.

The list has the focus and a highlighted row; rows are not focusable. Editing happens in place:
the row shows an input prefilled with its value. The list changes nothing itself; it posts a
message and the screen applies the change to the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Static

from roadmap_tui.literal import visible
from roadmap_tui.model import PLACEHOLDER_RE, Entry, Item, Node, placeholder_hint
from roadmap_tui.widgets.labels import entry_content, styled_text
from roadmap_tui.widgets.progress_gauge import bar

RowKind = Literal["field", "note", "item", "summary", "new"]
FIELD_LABELS = {"title": "Title", "duration": "Duration"}


@dataclass(eq=False)
class RowSpec:
    """What one row shows: a field of a node, an item (at a depth), or a summary of an entry."""

    kind: RowKind
    entry: Entry
    name: str = ""  # the field of "field" rows ("title", "duration") and "note" rows ("focus", "intro")
    depth: int = 0
    gap: bool = False  # a blank line above: the first row after a node's fields

    @property
    def selectable(self) -> bool:
        """Notes (a phase's Focus, an intro line) are read, not acted on: the cursor skips them."""
        return self.kind != "note"

    @property
    def editable(self) -> bool:
        if self.kind == "field":
            return True
        return self.kind == "item" and isinstance(self.entry, Item) and self.entry.editable

    @property
    def toggleable(self) -> bool:
        return isinstance(self.entry, Item) and self.entry.done is not None and self.kind != "field"

    @property
    def removable(self) -> bool:
        return self.kind == "item" and isinstance(self.entry, Item) and self.entry.done is None

    def raw(self) -> tuple[str, str]:
        """The field's text (with its placeholder) and its fill."""
        if self.kind == "field":
            assert isinstance(self.entry, Node)
            return getattr(self.entry, self.name) or "", getattr(self.entry, f"{self.name}_fill")
        assert isinstance(self.entry, Item)
        return self.entry.text, self.entry.text_fill


def checkbox(checked: bool) -> tuple[str, str]:
    return ("[✓] ", "bold $text-success") if checked else ("[ ] ", "")


class InlineInput(Input):
    """The input of a row being edited: Enter saves, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True)]

    class Cancelled(Message):
        pass

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())


class Row(Horizontal):
    """One row of the list. It renders its spec; the list tells it when to redraw."""

    def __init__(self, spec: RowSpec) -> None:
        super().__init__(classes=f"row -{spec.kind}{' -gap' if spec.gap else ''}")
        self.spec = spec
        self.edit_start = ""

    def compose(self):  # type: ignore[no-untyped-def]
        mark, label = self.parts()
        yield Static(mark, classes="row-mark", markup=False)
        yield Static(label, classes="row-label", markup=False)
        yield Static(self.progress(), classes="row-progress", markup=False)

    def label(self) -> Content:
        """The whole row as one line of text (what a test or a screen reader would read)."""
        mark, label = self.parts()
        return mark + label

    def parts(self) -> tuple[Content, Content]:
        """The row's mark (indent and checkbox) and its text; a long text wraps under itself."""
        spec = self.spec
        entry = spec.entry
        if spec.kind == "field":
            text, fill = spec.raw()
            return Content.styled(f"{FIELD_LABELS.get(spec.name, spec.name)}: ", "bold"), styled_text(text, fill)
        if spec.kind == "note":
            assert isinstance(entry, Node)
            text = getattr(entry, spec.name) or ""
            if spec.name == "focus":
                return Content.styled("Focus: ", "bold"), Content(visible(text))
            bold = len(text) > 4 and text.startswith("**") and text.endswith("**")
            return Content(""), Content.styled(visible(text[2:-2] if bold else text), "bold" if bold else "")
        if spec.kind == "new":
            return Content(""), Content("")
        indent = "    " * spec.depth
        if spec.kind == "summary":
            mark: tuple[str, str] = ("▸ ", "$text-accent")
            if isinstance(entry, Item) and entry.done is not None:
                mark = checkbox(entry.checked)
            return Content.assemble(indent, mark), entry_content(entry).stylize("bold")
        assert isinstance(entry, Item)
        mark = checkbox(entry.checked) if entry.done is not None else ("• ", "$text-muted")
        return Content.assemble(indent, mark), styled_text(entry.text, entry.text_fill)

    def progress(self) -> Content:
        entry = self.spec.entry
        if self.spec.kind == "summary" and isinstance(entry, Node) and not entry.n_total and entry.items:
            filled = [i for i in entry.items if i.done is None and (i.text_fill or not placeholder_hint(i.text))]
            count = len(filled)
            return Content.styled(f" {count} {'entry' if count == 1 else 'entries'} ", "$text-muted")
        if self.spec.kind not in ("summary", "item") or not entry.n_total:
            return Content("")
        if self.spec.kind == "item" and not entry.items:
            return Content("")
        style = "$text-success" if entry.n_done == entry.n_total else "$text-muted"
        return Content.assemble(
            (f" {entry.n_done}/{entry.n_total} ", style), bar(entry.n_done, entry.n_total, 8)
        )

    def redraw(self) -> None:
        if self.is_mounted and not self.has_class("-editing"):
            mark, label = self.parts()
            self.query_one(".row-mark", Static).update(mark)
            self.query_one(".row-label", Static).update(label)
            self.query_one(".row-progress", Static).update(self.progress())

    async def start_edit(self, value: str, placeholder: str, prefix: str = "") -> InlineInput:
        """Show an input in place of the row's text; `prefix` (e.g. "Resources: ") stays beside it."""
        self.add_class("-editing")
        # The input shows its text as it is, so control characters from the file (which no
        # keyboard typed) go in as visible escapes, like everywhere else.
        value, placeholder = visible(value), visible(placeholder)
        self.edit_start = value
        editor = InlineInput(value=value, placeholder=placeholder, select_on_focus=False, classes="row-input")
        widgets: list[Widget] = [editor]
        if prefix:
            widgets.insert(0, Static(Content(visible(prefix)), classes="row-prefix", markup=False))
        await self.mount_all(widgets)
        editor.focus()
        return editor

    async def stop_edit(self) -> None:
        await self.query(".row-prefix, .row-input").remove()
        self.remove_class("-editing")
        self.redraw()

    def on_click(self, event: Click) -> None:
        if self.has_class("-editing"):
            return
        event.stop()
        self.post_message(ItemList.RowClicked(self))


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

    class RowClicked(Message):
        """From a row to its list (internal)."""

        def __init__(self, row: Row) -> None:
            super().__init__()
            self.row = row

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
        with self.app.batch_update():
            await self.remove_children()
            await self.mount_all([Row(spec) for spec in specs])
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

    @on(RowClicked)
    async def _row_clicked(self, event: RowClicked) -> None:
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
