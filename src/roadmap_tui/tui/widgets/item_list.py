"""The rows of the selected entry: editable fields, checkboxes, and summaries of what lies below.

The list has the focus and a highlighted row; rows are not focusable. Editing happens in place:
an input lies over the row, prefilled with its value. The list changes nothing itself; it posts
a message and the screen applies the change to the store.

The list draws its rows itself, line by line (Textual's line API, as its Tree does), instead of
holding a widget per row: a cursor move repaints two rows and showing another entry lays out
nothing, where widgets cost a restyle, a layout, and for changed sizes a second frame.
"""

from __future__ import annotations

from textual import events, on
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from roadmap_tui.core import states
from roadmap_tui.core.model import Entry, Item, Node, Roadmap
from roadmap_tui.tui.widgets.item_row import Field, InlineInput, Row, RowSpec
from roadmap_tui.tui.widgets.links import open_web_link, row_link
from roadmap_tui.tui.widgets.list_editing import InlineEditing
from roadmap_tui.tui.widgets import list_structure
from roadmap_tui.tui.widgets.list_structure import ALT_ARROWS, StructureKeys
from roadmap_tui.tui.widgets.note_rows import NoteKeys, NoteRow, note_entry, row_for
from roadmap_tui.tui.widgets.row_drawing import lay_out_stale, place_lines, redraw_on_screen, render_strip
from roadmap_tui.tui.widgets.search_marks import SearchMarks


class ItemList(StructureKeys, InlineEditing, NoteKeys, SearchMarks, ScrollView, can_focus=True):
    """The rows of one entry, with a highlight that the keys move and act on."""

    COMPONENT_CLASSES = {"item-list--highlight", "item-list--cursor", "item-list--match"}

    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("space", "toggle", "Toggle"),
        Binding("p", "mark_doing", "Doing"),
        Binding("s", "mark_skipped", "Skip"),
        Binding("enter", "activate", "Open/edit", show=False),
        Binding("e", "edit", "Edit"),
        Binding("e", "edit_text", "Edit", show=False),  # an item without a blank: its text (as `r`)
        Binding("a", "add", "Add"),  # shown in a list of plain entries (a Resources Library list)
        Binding("a", "add_here", "Add", show=False),  # elsewhere: after the highlighted entry
        Binding("A", "add_child", "Add under", show=False),
        Binding("r", "rename", "Rename", show=False),
        Binding("d,delete", "remove", "Delete", key_display="d", show=False),
        # Structure (`list_structure.py`): move among siblings, out of / into the one above
        Binding("K", "move(-1)", "Move up", show=False),
        Binding("J", "move(1)", "Move down", show=False),
        Binding("less_than_sign", "outdent", "Outdent", show=False),
        Binding("greater_than_sign", "indent", "Indent", show=False),
        *ALT_ARROWS,
        Binding("o", "open_link", "Open link"),
        Binding("left,h,escape", "back", "Back to the tree", show=False),
        # Notes (`note_rows.py`, `screens/main_notes.py`)
        Binding("n", "note", "Note"),
        Binding("ctrl+e", "note_external", "Note in $EDITOR", show=False),
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

    class StateRequested(Request):
        """`p` or `s`: the item (a topic: its items) to `wanted` (`states.DOING` or
        `states.SKIPPED`), or back to todo (`states.changes` says which)."""

        def __init__(self, item_list: ItemList, item: Item, wanted: str) -> None:
            super().__init__(item_list)
            self.item = item
            self.wanted = wanted

    class EditSubmitted(Request):
        """A field or item edited: `field` is a node's title or Duration, or an item's text."""

        def __init__(self, item_list: ItemList, entry: Entry, field: Field, value: str) -> None:
            super().__init__(item_list)
            self.entry = entry
            self.field = field
            self.value = value

    # The structure's (`list_structure.py`), named here like the list's own
    AddSubmitted = list_structure.AddSubmitted
    RenameSubmitted = list_structure.RenameSubmitted
    StructureRequested = list_structure.StructureRequested

    class BackRequested(Request):
        """Left, h or Escape: the learner is done here (the tree takes the focus)."""

    class OpenRequested(Request):
        """Go to an entry shown here as a summary (it is in the tree)."""

        def __init__(self, item_list: ItemList, entry: Entry) -> None:
            super().__init__(item_list)
            self.entry = entry

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entry: Entry | Roadmap | None = None
        self._rows: list[Row] = []
        self._editing: Row | None = None
        self._editor: InlineInput | None = None
        # The layout: for each line, (row index, line of that row or -1 for a gap), and where each
        # row's first line (after its gap) is; made for `_layout_width`.
        self._layout_width = -1
        self._line_map: list[tuple[int, int]] = []
        self._row_top: list[int] = []
        self._row_lines: list[list[Content]] = []
        self._stale: set[int] = set()  # rows whose lines are out of date (off screen at a redraw)

    # Content ---------------------------------------------------------------------------------

    @property
    def rows(self) -> list[Row]:
        return list(self._rows)

    @property
    def current(self) -> Row | None:
        if 0 <= self.highlighted < len(self._rows):
            return self._rows[self.highlighted]
        return None

    async def show(self, entry: Entry | Roadmap, specs: list[RowSpec]) -> None:
        """Show the rows of `entry` (the same entry again keeps the highlighted row)."""
        held = self._hold()
        self._editing = None  # its input stays, for `_reopen`
        same_entry = entry is self.entry
        keep = self.highlighted if same_entry else 0
        self.entry = entry
        self._rows = [row_for(spec) for spec in specs]
        self._relayout()
        self.scroll_home(animate=False, immediate=True)
        self.set_reactive(ItemList.highlighted, -1)
        self.highlighted = self._selectable_from(min(keep, len(specs) - 1), 1) if specs else -1
        self.refresh()
        await self._reopen(held)

    def highlight_near(self, index: int) -> None:
        """Put the cursor on row `index`, or the nearest row above it that takes the cursor."""
        if self._rows:
            self.highlighted = self._selectable_from(min(index, len(self._rows) - 1), -1)
            if self.highlighted == -1:
                self.highlighted = self._selectable_from(0, 1)

    def redraw(self) -> None:
        """Draw the rows again (the entries they show changed): those on screen now, the others
        when they come into view (`row_drawing`)."""
        redraw_on_screen(self)

    def row_y(self, index: int) -> int:
        """The line of row `index` as it is on screen now, from the top of the list (for clicks)."""
        self._ensure_layout()
        return self._row_top[index] - self.scroll_offset.y

    # Layout and drawing ----------------------------------------------------------------------

    def _content_width(self) -> int:
        return self.scrollable_content_region.width

    def _relayout(self) -> None:
        """Lay every row out in lines at the current width; the virtual size follows."""
        width = self._content_width()
        self._layout_width = width
        self._stale = set()
        self._row_lines = [row.lines(width) if width > 0 else [Content("")] for row in self._rows]
        place_lines(self)

    def _ensure_layout(self) -> None:
        if self._layout_width != self._content_width():
            self._relayout()

    def on_resize(self) -> None:
        self._relayout()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        self._ensure_layout()
        width = self._layout_width
        base = self.visual_style
        line = y + self.scroll_offset.y
        if not 0 <= line < len(self._line_map):
            return Strip.blank(width, base.rich_style)
        index, number = self._line_map[line]
        if index in self._stale and lay_out_stale(self, index):
            return self.render_line(y)  # its height changed: the lines moved
        if number < 0:
            return Strip.blank(width, base.rich_style)  # the gap above a row is never highlighted
        style = base
        if index == self.highlighted:
            style = self.get_visual_style("item-list--cursor" if self.has_focus else "item-list--highlight")
        content = self._row_lines[index][number]
        if self.search_hits and self.is_marked(index):  # (`search_marks.py`)
            content = self.marked_line(content)
            style = style if index == self.highlighted else style + self.get_visual_style("item-list--match")
        return render_strip(content, style, width)

    def _refresh_row(self, index: int) -> None:
        if 0 <= index < len(self._row_top) and self._layout_width > 0:
            top = self._row_top[index] - self.scroll_offset.y
            self.refresh(Region(0, top, self._layout_width, len(self._row_lines[index])))

    def watch_highlighted(self, old: int, new: int) -> None:
        self._ensure_layout()
        self._refresh_row(old)
        self._refresh_row(new)
        if 0 <= new < len(self._row_top):
            top = self._row_top[new]
            self.scroll_to_region(
                Region(0, top, max(1, self._layout_width), len(self._row_lines[new])), animate=False, immediate=True
            )
        self.refresh_bindings()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._place_editor()

    def on_focus(self) -> None:
        self._refresh_row(self.highlighted)

    def on_blur(self) -> None:
        self._refresh_row(self.highlighted)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._editing is not None and action != "activate":
            return False
        # Keys that do nothing on the highlighted row are hidden from the footer.
        row = self.current
        if action in ("toggle", "mark_doing", "mark_skipped"):
            return row is not None and row.spec.toggleable
        if action == "edit":
            return row is not None and row.spec.editable
        if action == "edit_text":
            return row is not None and not row.spec.editable and row.spec.kind == "item"
        if action in ("remove", "add_child", "rename", "move", "indent", "outdent"):
            return row is not None and row.spec.removable
        if action == "add":
            return self.accepts_entries
        if action == "add_here":
            return row is not None and row.spec.removable
        if action == "open_link":
            return row is not None and row_link(row) is not None
        if action in ("note", "note_external"):
            return row is not None and note_entry(row.spec) is not None
        return True

    # Keys ------------------------------------------------------------------------------------

    def _selectable_from(self, start: int, step: int) -> int:
        """The first row from `start` on (going by `step`) that the cursor may rest on, else -1."""
        rows = self._rows
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
        self._move(len(self._rows) - 1, -1)

    def action_toggle(self) -> None:  # type: ignore[override]  # Space on a row; not DOMNode's toggle(attribute)
        row = self.current
        if row is not None and row.spec.toggleable:
            assert isinstance(row.spec.entry, Item)
            self.post_message(self.ToggleRequested(self, row.spec.entry))

    def action_mark_doing(self) -> None:
        self._ask_state(states.DOING)

    def action_mark_skipped(self) -> None:
        self._ask_state(states.SKIPPED)

    def _ask_state(self, wanted: str) -> None:
        row = self.current
        if row is not None and row.spec.toggleable:
            assert isinstance(row.spec.entry, Item)
            self.post_message(self.StateRequested(self, row.spec.entry, wanted))

    async def action_activate(self) -> None:
        row = self.current
        if row is None:
            return
        if isinstance(row, NoteRow):
            self.toggle_note(row)
        elif row.spec.opens is not None:
            self.post_message(self.OpenRequested(self, row.spec.opens))
        elif row.spec.editable:
            await self.action_edit()
        elif row.spec.toggleable:
            self.action_toggle()

    def action_open_link(self) -> None:
        """Open the row's first web link (http or https only) in the browser."""
        row = self.current
        url = row_link(row) if row is not None else None
        if url is None:
            self.notify("No web link in this row.", markup=False, timeout=3)
            return
        open_web_link(self, url)

    def action_back(self) -> None:
        self.post_message(self.BackRequested(self))

    def on_key(self, event: events.Key) -> None:
        if event.key == "o" and self._editing is None and not self.check_action("open_link", ()):
            self.notify("No web link in this row.", markup=False, timeout=3)

    # Mouse -----------------------------------------------------------------------------------

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        if self._editing is not None:
            return
        self._ensure_layout()
        line = event.y + self.scroll_offset.y
        if not 0 <= line < len(self._line_map):
            return
        index, number = self._line_map[line]
        self.focus()
        if number < 0:
            return  # the blank line above a row
        spec = self._rows[index].spec
        if spec.kind == "context":
            assert isinstance(spec.entry, Item)  # a topic beside the one shown
            self.post_message(self.OpenRequested(self, spec.entry))
            return
        if not spec.selectable:
            return
        self.highlighted = index
        on_box = number == 0 and event.x < self._rows[index].parts()[0].cell_length
        if spec.opens is not None and not (on_box and spec.toggleable):
            self.post_message(self.OpenRequested(self, spec.opens))
        elif spec.editable and not (on_box and spec.toggleable):
            await self.action_edit()
        elif spec.toggleable:
            self.action_toggle()
        elif isinstance(row := self._rows[index], NoteRow):
            self.click_note(row, number, event.x)

    # Editing ---------------------------------------------------------------------------------

    @on(InlineInput.Done)
    async def _submitted(self, event: InlineInput.Done) -> None:
        event.stop()
        await self._commit_edit(event.value)

    @on(InlineInput.Cancelled)
    async def _cancelled(self, event: InlineInput.Cancelled) -> None:
        event.stop()
        await self._cancel_edit()

    @on(InlineInput.Left)
    async def _left(self, event: InlineInput.Left) -> None:
        # Leaving the input (Tab, a click elsewhere, the help) keeps what was typed, as Enter
        # would; an input left unchanged just closes. Escape has already cancelled by now.
        event.stop()
        row = self._editing
        if row is None:
            return
        if event.value != row.edit_start:
            await self._commit_edit(event.value, refocus=False)
        else:
            await self._cancel_edit(refocus=False)

