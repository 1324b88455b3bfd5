"""Editing in place, for the topic list: an input laid over the row, prefilled with its value.

`InlineEditing` is part of `ItemList` (its only user), kept in a module of its own: the list
posts what was typed (`EditSubmitted`, `AddSubmitted`) and the screen changes the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from textual.widget import Widget

from roadmap_tui.core.model import Entry, Item, Node, Roadmap
from roadmap_tui.core.outline import root_of, title_path
from roadmap_tui.core.placeholders import PLACEHOLDER_RE, placeholder_hint
from roadmap_tui.safe_text import visible
from roadmap_tui.tui.widgets.item_row import Field, InlineInput, Row, RowSpec

if TYPE_CHECKING:
    from textual.scroll_view import ScrollView

    from roadmap_tui.tui.widgets.list_structure import AddSubmitted, RenameSubmitted

    from roadmap_tui.tui.widgets.item_list import ItemList

RowKey = tuple[str, str, tuple[str, ...], int]


def row_keys(rows: list[Row]) -> list[RowKey]:
    """What each row is, in terms that outlive a reload of the file (which builds new entries):
    its kind, its field, the titles down to its entry, and which of the rows alike it is."""
    seen: dict[tuple[str, str, tuple[str, ...]], int] = {}
    keys: list[RowKey] = []
    for row in rows:
        spec = row.spec
        titles = tuple(title_path(spec.entry)) if isinstance(spec.entry, (Item, Node)) else ()
        base = (spec.kind, spec.field.value if spec.field is not None else spec.heading, titles)
        seen[base] = seen.get(base, -1) + 1
        keys.append((*base, seen[base]))
    return keys


def editor_escapes(text: str) -> dict[str, str]:
    """The control characters in `text` and how the input shows them: as `visible` does
    everywhere (`\\x1b`), and a tab as `\\t` (not a space, so it can be put back)."""
    return {c: "\\t" if c == "\t" else visible(c) for c in set(text) if c == "\t" or visible(c) != c}


def for_editor(text: str, escapes: dict[str, str]) -> str:
    """`text` as the input shows it: no control character reaches the terminal. Where the field
    has control characters, a backslash of its own shows doubled (`\\`), so what the learner
    reads as `\t` (two characters) stays two characters when the edit is saved."""
    if not escapes:
        return visible(text)
    return visible("".join(escapes.get(c, "\\\\" if c == "\\" else c) for c in text))


def from_editor(value: str, escapes: dict[str, str]) -> str:
    """What was typed, with the escapes of the field's own control characters made real again
    (the learner edits the real text; the input only shows it escaped), in one pass from the
    left: `\\` is a backslash, a shown escape its character, any other backslash itself. A
    field without control characters is taken as typed."""
    if not escapes:
        return value
    shown = sorted(((escape, char) for char, escape in escapes.items()), key=lambda pair: -len(pair[0]))
    out: list[str] = []
    index = 0
    while index < len(value):
        if value.startswith("\\\\", index):
            out.append("\\")
            index += 2
            continue
        for escape, char in shown:
            if value.startswith(escape, index):
                out.append(char)
                index += len(escape)
                break
        else:
            out.append(value[index])
            index += 1
    return "".join(out)


class Held:
    """What is open on the rows while they are replaced (`ItemList.show`): an edit."""

    def __init__(self, rows: list[Row], editing: Row | None) -> None:
        keys = dict(zip(map(id, rows), row_keys(rows)))
        self.editing = editing
        self.edit_key = keys.get(id(editing)) if editing is not None else None


class ListHost(Protocol):
    """What `InlineEditing` uses of the list it is part of, besides the widget (`ItemList` has it)."""

    entry: Entry | Roadmap | None
    _rows: list[Row]
    _layout_width: int
    _row_top: list[int]
    EditSubmitted: type[ItemList.EditSubmitted]
    AddSubmitted: type[AddSubmitted]
    RenameSubmitted: type[RenameSubmitted]

    @property
    def highlighted(self) -> int: ...
    @highlighted.setter
    def highlighted(self, index: int) -> None: ...
    @property
    def current(self) -> Row | None: ...
    @property
    def accepts_entries(self) -> bool: ...
    def highlight_near(self, index: int) -> None: ...
    def redraw(self) -> None: ...
    def _relayout(self) -> None: ...


if TYPE_CHECKING:

    class _EditingBase(ScrollView, ListHost):
        """For the type checker: the widget `InlineEditing` is mixed into, and its `ListHost` half."""

else:
    _EditingBase = object  # at run time a plain mixin: `ItemList` brings both halves


class InlineEditing(_EditingBase):
    """The editing half of `ItemList` (it has `_rows`, `_editing`, `_editor`, `highlighted`...)."""

    # The editing state, set in `ItemList.__init__` (declared here: mypy does not take the type of
    # an attribute this class assigns from a protocol it subclasses).
    _editing: Row | None
    _editor: InlineInput | None

    @property
    def _list(self) -> ItemList:
        """This, as the list its messages name: `InlineEditing` is only ever part of `ItemList`."""
        return cast("ItemList", self)

    async def action_edit(self) -> None:
        """`e`: fill the row's blank; an item with none: its text, whole (as `r`)."""
        row = self.current
        if row is None or self._editing is not None:
            return
        if not row.spec.editable:
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
        await self._start_edit(row, value, placeholder, prefix)

    async def edit_first_blank(self) -> bool:
        """Highlight the first row with a blank (else the first editable one) and edit it."""
        self.focus()
        editable = [i for i, row in enumerate(self._rows) if row.spec.editable]
        blanks = [i for i in editable if PLACEHOLDER_RE.search(self._rows[i].spec.raw()[0])]
        if not (blanks or editable):
            return False
        self.highlighted = (blanks or editable)[0]
        await self.action_edit()
        return True

    async def _start_edit(self, row: Row, value: str, placeholder: str, prefix: str = "") -> None:
        """Lay an input over the row; `prefix` (e.g. "Resources: ") stays beside it."""
        # Control characters from the file (which no keyboard typed) show as visible escapes,
        # like everywhere else, and are made real again when the edit is saved.
        row.escapes = editor_escapes(value)
        value, placeholder = for_editor(value, row.escapes), visible(placeholder)
        row.edit_start = value
        row.prefix = prefix
        row.editing = True
        self._editing = row
        self._relayout()
        self.refresh()
        # The value is selected, so typing replaces it (End or an arrow keeps it and moves on).
        editor = InlineInput(self, value=value, placeholder=placeholder, select_on_focus=True, classes="row-input")
        self._editor = editor
        self._place_editor()
        # While the input is open it takes the list's place in the focus chain, so Tab leaves both.
        self.can_focus = False
        parent = self.parent
        assert isinstance(parent, Widget)  # the list's container
        await parent.mount(editor)
        editor.focus()
        self.refresh_bindings()

    def _place_editor(self) -> None:
        """Put the input over its row (the list scrolled, was resized or laid out again)."""
        editor, row = self._editor, self._editing
        parent = self.parent
        if editor is None or row is None or row not in self._rows or not isinstance(parent, Widget):
            return
        index = self._rows.index(row)
        if index >= len(self._row_top):
            return
        origin = parent.content_region.offset
        region = self.content_region
        column = row.input_column
        y = self._row_top[index] - self.scroll_offset.y
        editor.styles.offset = (region.x - origin.x + column, region.y - origin.y + y)
        editor.styles.width = max(1, self._layout_width - column - 1)
        if not 0 <= y < region.height and editor.has_focus and self.scroll_offset.y != self._row_top[index]:
            # the rows moved under a focused input (an overview laid out late): keep it in view,
            # rather than hide it, which would take its focus and close it
            self.scroll_to(y=self._row_top[index], animate=False, immediate=True)
            y = self._row_top[index] - self.scroll_offset.y
        editor.styles.offset = (region.x - origin.x + column, region.y - origin.y + y)
        editor.display = 0 <= y < region.height

    @property
    def editing(self) -> Row | None:
        """The row being edited, if any."""
        return self._editing

    def _hold(self) -> Held:
        """Before `show` replaces the rows: what is open on them, to open again on the new ones."""
        return Held(self._rows, self._editing)

    async def _reopen(self, held: Held) -> None:
        """After `show`: the edit stays open (the same input: its text, its cursor, the focus) on
        the row of the same entry.

        A reload of the file (another program changed it) builds new entries, found again by
        their titles. When the row is gone: after a reload, what was typed is kept on the
        clipboard and in a toast that says so; on the same model (another entry shown), it is
        saved, as when leaving the field.
        """
        keys = row_keys(self._rows)
        old = held.editing
        if old is not None and held.edit_key is not None:
            index = keys.index(held.edit_key) if held.edit_key in keys else -1
            if index < 0 and old.spec.kind == "new":
                index = self._new_row_again(old.spec, held.edit_key[2])
            if index >= 0:
                row = self._rows[index]
                row.edit_start, row.prefix, row.escapes, row.editing = old.edit_start, old.prefix, old.escapes, True
                self._editing = row
                self._relayout()
                self.highlighted = index
                self._place_editor()
                self.refresh()
            elif self._editor is not None and self.entry is not None and root_of(old.spec.entry) is root_of(self.entry):
                self._editing = old
                await self._commit_edit(self._editor.value, refocus=False)
            else:
                await self._lose_edit(old)
        self.refresh_bindings()

    def _new_row_again(self, spec: RowSpec, anchor: tuple[str, ...]) -> int:
        """The rows were made again under a new entry being typed (a reload): its row goes back
        after its anchor's row (or at the end of the entry shown, for one under it); -1: the
        anchor is not shown any more."""
        shown = self.entry
        titles = tuple(title_path(shown)) if isinstance(shown, (Item, Node)) else ()
        if spec.adds == "child" and shown is not None and anchor == titles:
            at = len(self._rows)
            self._rows.append(Row(RowSpec("new", shown, adds="child")))
            return at
        for index, row in enumerate(self._rows):
            entry = row.spec.structural
            if entry is not None and tuple(title_path(entry)) == anchor:
                at = self._list._after_subtree(index) if spec.adds == "after" else index + 1
                depth = row.spec.depth + (spec.adds == "child")
                self._rows.insert(at, Row(RowSpec("new", entry, depth=depth, adds=spec.adds)))
                return at
        return -1

    async def _lose_edit(self, row: Row) -> None:
        """The edited entry is gone from the file another program left: close the input, and
        keep what was typed where the learner finds it."""
        editor = self._editor
        value = editor.value if editor is not None else ""
        self._editing = row
        had_focus = editor is not None and editor.has_focus
        await self._drop_editor()
        if had_focus:
            self.focus()
        what = "The entry you were editing" if row.spec.kind != "new" else "The list you were adding to"
        if value.strip() and value != row.edit_start:
            self.app.copy_to_clipboard(value)
            self.notify(
                f"{what} is gone: another program changed the file. What you typed is on the clipboard: {value}",
                severity="warning",
                markup=False,
                timeout=30,
            )
        else:
            self.notify(f"{what} is gone: another program changed the file.", severity="warning", markup=False)

    async def _drop_editor(self) -> None:
        row, editor = self._editing, self._editor
        self._editing, self._editor = None, None
        self.can_focus = True
        if row is not None:
            row.editing = row.renaming = False
        if editor is not None:
            await editor.remove()
        self._relayout()
        self.refresh()

    async def _commit_edit(self, value: str, refocus: bool = True) -> None:
        row = self._editing
        if row is None:
            return
        renaming = row.renaming  # (closing the input forgets it)
        await self._finish_edit(refocus)
        spec = row.spec
        if spec.kind != "new" and value == row.edit_start:
            return  # nothing changed: nothing to write
        if spec.kind == "new":
            self._remove_row(row)
            if value.strip():
                self.post_message(self.AddSubmitted(self._list, spec.entry, spec.adds, from_editor(value, row.escapes)))
            return
        assert not isinstance(spec.entry, Roadmap)  # an edited row shows a part, section or item
        if renaming:
            if value.strip():  # (an emptied name keeps the old one: `d` deletes)
                self.post_message(self.RenameSubmitted(self._list, spec.entry, from_editor(value, row.escapes)))
            return
        field = spec.field if spec.kind == "field" and spec.field is not None else Field.TEXT
        self.post_message(self.EditSubmitted(self._list, spec.entry, field, from_editor(value, row.escapes)))

    def keep_open_edit(self) -> None:
        """Save what is typed in an open edit (the app is about to quit)."""
        if self._editing is not None and self._editor is not None:
            self.call_later(self._commit_edit, self._editor.value, False)

    async def _cancel_edit(self, refocus: bool = True) -> None:
        row = self._editing
        if row is None:
            return
        await self._finish_edit(refocus)
        if row.spec.kind == "new":
            self._remove_row(row)

    def _remove_row(self, row: Row) -> None:
        if row in self._rows:
            self._rows.remove(row)
            self._relayout()
            self.refresh()
            self.highlight_near(self.highlighted)

    async def _finish_edit(self, refocus: bool = True) -> None:
        if self._editing is None:
            return
        self.can_focus = True
        if refocus:
            self.focus()
        await self._drop_editor()
        self.refresh_bindings()
