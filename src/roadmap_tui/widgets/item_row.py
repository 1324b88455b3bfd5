"""One row of the topic pane's list: what it shows (`RowSpec`), and how (`Row`).

A row is a field of a node (Duration, a title with a blank), a note (Focus), an item with its
checkbox at a depth, or a summary of an entry below (a section, a topic) with its progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from roadmap_tui.literal import visible
from roadmap_tui.model import Entry, Item, Node, placeholder_hint
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


def row_classes(spec: RowSpec) -> str:
    return f"row -{spec.kind}{' -gap' if spec.gap else ''}"


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

    class Clicked(Message):
        """Posted to the list, which decides what a click on this row does."""

        def __init__(self, row: Row) -> None:
            super().__init__()
            self.row = row

    def __init__(self, spec: RowSpec) -> None:
        super().__init__(classes=row_classes(spec))
        self.spec = spec
        self.edit_start = ""

    def use(self, spec: RowSpec) -> None:
        """Show `spec` instead (the list reuses its rows: cheaper than new widgets)."""
        self.spec = spec
        self.edit_start = ""
        classes = row_classes(spec)
        if set(classes.split()) != set(self.classes):
            self.set_classes(classes)
        self.redraw()

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
        if not self.is_mounted or self.has_class("-editing"):
            return
        parts = self.query(".row-mark, .row-label, .row-progress").results(Static)
        statics = {next(iter(s.classes & {"row-mark", "row-label", "row-progress"})): s for s in parts}
        if len(statics) < 3:
            return  # not composed yet (a reload is showing it): it composes with the state as it is
        mark, label = self.parts()
        statics["row-mark"].update(mark)
        statics["row-label"].update(label)
        statics["row-progress"].update(self.progress())

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
        self.post_message(self.Clicked(self))
