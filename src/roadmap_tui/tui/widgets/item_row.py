"""One row of the topic pane's list: what it shows (`RowSpec`), and how (`Row`).

A row is a field of a node (Duration, a title with a blank), a note (Focus), an item with its
checkbox at a depth, or a summary of an entry below (a section, a topic) with its progress.
A `Row` is not a widget: the list draws its rows line by line (see `item_list.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from roadmap_tui.core.model import Entry, Item, Node, Roadmap
from roadmap_tui.core.placeholders import apply_fill, placeholder_hint
from roadmap_tui.formats.md_blocks import Block
from roadmap_tui.safe_text import visible
from roadmap_tui.tui.widgets.labels import entry_content, note_parts, styled_text
from roadmap_tui.tui.widgets.progress_gauge import bar
from roadmap_tui.tui.widgets.state_marks import dates_content, short_counts, state_box, text_style
from roadmap_tui.tui.widgets.typing_undo import TypingUndo

RowKind = Literal["field", "note", "heading", "item", "summary", "context", "next", "new", "dash"]


class Field(Enum):
    """A text of an entry that a row shows or edits (its value is the model's attribute)."""

    TITLE = "title"  # a node's title (a "field" row when it has a blank)
    DURATION = "duration"  # a phase's Duration
    TEXT = "text"  # an item's text
    FOCUS = "focus"  # a phase's Focus (a "note" row)
    INTRO = "intro"  # a node's intro line (a "note" row)


FIELD_LABELS = {Field.TITLE: "Title", Field.DURATION: "Duration"}


def field_text(entry: Entry, field: Field) -> str:
    """The text of `entry`'s `field` as the file has it (with its blank), "" when it has none."""
    if field is Field.TEXT:
        assert isinstance(entry, Item)
        return entry.text
    assert isinstance(entry, Node)
    if field is Field.TITLE:
        return entry.title
    if field is Field.DURATION:
        return entry.duration or ""
    return (entry.focus if field is Field.FOCUS else entry.intro) or ""


def field_fill(entry: Entry, field: Field) -> str:
    """What the learner wrote in the blank of `entry`'s `field` ("" for a field with no blank)."""
    if field is Field.TEXT:
        assert isinstance(entry, Item)
        return entry.text_fill
    assert isinstance(entry, Node)
    if field is Field.TITLE:
        return entry.title_fill
    return entry.duration_fill if field is Field.DURATION else ""


@dataclass(eq=False)
class RowSpec:
    """What one row shows: a field of a node, an item (at a depth), or a summary of an entry."""

    kind: RowKind
    entry: Entry | Roadmap  # the roadmap: the heading of its "Next up"
    field: Field | None = None  # what a "field" row edits, or a "note" row shows (Focus, intro)
    depth: int = 0
    gap: bool = False  # a blank line above: the first row after a node's fields
    block: Block | None = None  # a "note" row of Markdown: a heading's own text, a plain sub-bullet
    heading: str = ""  # a "heading" row's words ("Next up"; with a space at the end, the entry's title follows)
    draw: Callable[[int], list[Content]] | None = None  # a "dash" row's lines at a width (`dashboard_rows`)
    adds: str = "child"  # a "new" row: an entry "after" `entry`, or a "child" at the end of its own

    @property
    def selectable(self) -> bool:
        """Notes (a phase's Focus, an intro line) and headings are read, not acted on: the
        cursor skips them."""
        return self.kind not in ("note", "heading", "context", "dash")

    @property
    def opens(self) -> Entry | None:
        """The entry Enter goes to from this row: a summary's own, a suggested item's topic."""
        if isinstance(self.entry, Roadmap):
            return None  # the heading of the roadmap's "Next up"
        if self.kind in ("summary", "context"):
            return self.entry
        if self.kind == "next" and isinstance(self.entry.parent, (Item, Node)):
            return self.entry.parent
        return None

    @property
    def editable(self) -> bool:
        if self.kind == "field":
            return True
        return self.kind == "item" and isinstance(self.entry, Item) and self.entry.editable

    @property
    def toggleable(self) -> bool:
        if not self.selectable:  # a topic beside this one, a heading: read, or clicked to go there
            return False
        return isinstance(self.entry, Item) and self.entry.done is not None and self.kind != "field"

    @property
    def structural(self) -> Entry | None:
        """The entry this row is, for the structure keys (`a`, `A`, `r`, `d`, moves): an item's
        row, a topic's or a section's summary; None for a field, a note, a heading..."""
        if self.kind in ("item", "summary") and isinstance(self.entry, (Item, Node)):
            return self.entry
        return None

    @property
    def removable(self) -> bool:
        return self.structural is not None

    def link_text(self) -> str:
        """The row's Markdown as the learner sees it (blank filled), where a link may be."""
        entry = self.entry
        if self.kind == "field":
            text, fill = self.raw()
        elif self.kind == "note" and isinstance(entry, Node) and self.field is not None:
            text, fill = field_text(entry, self.field), ""
        elif isinstance(entry, Item):
            text, fill = entry.text, entry.text_fill
        elif isinstance(entry, Node) and self.kind == "summary":
            text, fill = entry.title, entry.title_fill
        else:
            return ""
        return apply_fill(text, fill)

    def raw(self) -> tuple[str, str]:
        """The field's text (with its placeholder) and its fill."""
        if self.kind == "field":
            assert isinstance(self.entry, Node) and self.field is not None
            return field_text(self.entry, self.field), field_fill(self.entry, self.field)
        assert isinstance(self.entry, Item)
        return self.entry.text, self.entry.text_fill


MUTED = "$foreground-muted"
MAX_ROW_LINES = 40  # the most lines one row takes; a longer text ends in "…"


#: A text keeps at least this many cells beside an item's dates; a narrower row drops them.
DATES_TEXT_ROOM = 28


def item_text(item: Item) -> Content:
    """An item's text: dimmed once it is done or skipped (what is left stands out), skipped
    also struck through (`state_marks`)."""
    text = styled_text(item.text, item.text_fill)
    style = text_style(item) if item.done is not None else ""
    return text.stylize(style) if style else text


def item_dates(item: Item) -> Content:
    """An item's dates (`done 3 Dec`) for the right edge of its row (`Row.lines` drops them
    when they leave its text too little room)."""
    dates = dates_content(item)
    return Content.assemble(" ", dates, " ") if dates.cell_length else dates


def dates_fit(label: Content, room: int) -> bool:
    """Whether a row's dates may stay, its text having `room` cells beside them: its whole
    text on one line, or `DATES_TEXT_ROOM` cells of it."""
    return room >= min(label.cell_length, DATES_TEXT_ROOM)


def bar_width(width: int) -> int:
    """The width of a row's bar: longer where the pane has room for it."""
    return 8 if width < 70 else 16 if width < 110 else 24


class InlineInput(TypingUndo):
    """The input of a row being edited: Enter saves, Escape cancels, leaving it keeps the text.

    It lies over its row (the list draws no widgets of its own), so it tells the list what
    happened with messages posted to the list itself.
    """

    BINDINGS = [
        Binding("enter", "submit", "Save", show=True),
        Binding("escape", "cancel", "Cancel", show=True),
    ]

    class Cancelled(Message):
        pass

    class Done(Message):
        """Enter: `value` is what is in the input."""

        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    class Left(Message):
        """The input lost the focus (Tab, a click elsewhere, the help) with `value` in it."""

        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    def __init__(self, owner: Widget, **kwargs: Any) -> None:  # `Input`'s keyword arguments
        super().__init__(**kwargs)
        self.owner = owner

    def action_cancel(self) -> None:
        self.owner.post_message(self.Cancelled())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.owner.post_message(self.Done(event.value))

    def on_input_blurred(self, event: Input.Blurred) -> None:
        event.stop()
        self.owner.post_message(self.Left(event.value))


def plain_label(label: Content) -> Content:
    """A row's text without its styles (for a question about it)."""
    return Content(label.plain)


class Row:
    """One row of the list: what it shows, laid out in lines by the list (no widget of its own)."""

    def __init__(self, spec: RowSpec) -> None:
        self.spec = spec
        self.edit_start = ""
        self.escapes: dict[str, str] = {}  # the edited field's control characters, as shown escaped
        self.editing = False
        self.prefix = ""  # shown before the input while editing (e.g. "Resources: ")
        self.renaming = False  # `r`: the input edits the entry's own text, whole (blanks and all)

    def label(self) -> Content:
        """The whole row as one line of text (what a test or a screen reader would read)."""
        mark, label = self.parts()
        return mark + label

    def parts(self) -> tuple[Content, Content]:
        """The row's mark (indent and checkbox) and its text; a long text wraps under itself."""
        spec = self.spec
        entry = spec.entry
        if spec.draw is not None:  # a section of the dashboard: its first line
            first = spec.draw(80)
            return Content(""), first[0] if first else Content("")
        if spec.kind == "field":
            text, fill = spec.raw()
            assert spec.field is not None
            label = FIELD_LABELS.get(spec.field, spec.field.value)
            return Content.styled(f"{label}: ", "bold"), styled_text(text, fill)
        if spec.block is not None:
            return note_parts(spec.block, spec.depth)
        if spec.kind == "note":
            assert isinstance(entry, Node) and spec.field is not None
            text = field_text(entry, spec.field)
            if spec.field is Field.FOCUS:
                return Content.styled("Focus: ", "bold"), Content(visible(text))
            bold = len(text) > 4 and text.startswith("**") and text.endswith("**")
            return Content(""), Content.styled(visible(text[2:-2] if bold else text), "bold" if bold else "")
        if spec.kind == "new":
            return Content.assemble("    " * spec.depth, ("• ", MUTED)), Content("")
        if spec.kind == "heading":
            title = Content("")
            if spec.heading.endswith(" ") and not isinstance(entry, Roadmap):  # "Also in " a topic
                title = entry_content(entry)
            return Content(""), Content.assemble((spec.heading, "bold"), title.stylize("bold")).stylize(MUTED)
        assert not isinstance(entry, Roadmap)  # only a heading row is the roadmap's
        if spec.kind == "next":
            assert isinstance(entry, Item)
            where = entry.parent
            place = Content.assemble(("  · ", MUTED), entry_content(where).stylize(MUTED)) if isinstance(
                where, (Item, Node)
            ) else Content("")
            return Content.assemble(state_box(entry)), item_text(entry) + place
        indent = "    " * spec.depth
        if spec.kind == "context":  # a topic beside this one: read, or clicked to go there
            return Content.styled("  ▸ ", MUTED), entry_content(entry).stylize(MUTED)
        if spec.kind == "summary":
            mark: tuple[str, str] = ("▸ ", "$text-accent")
            if isinstance(entry, Item) and entry.done is not None:
                mark = state_box(entry)
            return Content.assemble(indent, mark), entry_content(entry).stylize("bold")
        assert isinstance(entry, Item)
        mark = state_box(entry) if entry.done is not None else ("• ", MUTED)
        return Content.assemble(indent, mark), item_text(entry)

    def progress(self, width: int = 0) -> Content:
        entry = self.spec.entry
        if isinstance(entry, Roadmap):
            return Content("")  # the heading of the roadmap's "Next up"
        if self.spec.kind == "summary" and isinstance(entry, Node) and not entry.n_counted and entry.items:
            filled = [i for i in entry.items if i.done is None and (i.text_fill or not placeholder_hint(i.text))]
            count = len(filled)
            return Content.styled(f" {count} {'entry' if count == 1 else 'entries'} ", MUTED)
        if self.spec.kind == "item" and isinstance(entry, Item) and not entry.items:
            return item_dates(entry)
        if self.spec.kind not in ("summary", "context", "item") or not entry.n_counted:
            return Content("")
        style = "$text-success" if entry.n_total and entry.n_done == entry.n_total else MUTED
        return Content.assemble(
            (f" {short_counts(entry)} ", style),
            bar(entry.n_done, entry.n_total, bar_width(width)) if entry.n_total else "",
        )

    def lines(self, width: int) -> list[Content]:
        """The row laid out in `width` cells: the mark, the text wrapped under itself (a summary
        cut with an ellipsis), the progress at the right of the first line, one cell spare."""
        if self.spec.draw is not None:  # a section of the dashboard draws itself
            return [line.truncate(max(1, width - 1)) for line in self.spec.draw(width)] or [Content("")]
        mark, label = self.parts()
        mark_width = mark.cell_length
        if self.editing:
            return [mark + Content(visible(self.prefix))]
        progress = self.progress(width)
        room = max(1, width - 1 - mark_width - progress.cell_length)
        entry = self.spec.entry
        if isinstance(entry, Item) and self.spec.kind == "item" and not entry.items and not dates_fit(label, room):
            progress, room = Content(""), max(1, width - 1 - mark_width)  # a narrow row: no dates
        if self.spec.kind in ("summary", "context", "next", "heading"):
            texts = [label.truncate(room, ellipsis=True)] if label.cell_length > room else [label]
        else:
            texts = label.wrap(room) or [Content("")]
            if len(texts) > MAX_ROW_LINES:  # (a text is cut to `labels.SHOWN_CHARS` already)
                last = texts[MAX_ROW_LINES - 1]
                texts = [*texts[: MAX_ROW_LINES - 1], last.truncate(max(1, room - 1)) + "…"]
        first = texts[0]
        lines = [mark + first + " " * max(0, room - first.cell_length) + progress]
        indent = " " * mark_width
        lines.extend(indent + text for text in texts[1:])
        return lines

    @property
    def input_column(self) -> int:
        """Where the input starts while editing: after the mark and the prefix."""
        return self.parts()[0].cell_length + Content(visible(self.prefix)).cell_length
