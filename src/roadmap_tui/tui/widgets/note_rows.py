"""Notes in the topic pane: the rows that show an entry's note, and the mark of an entry that has one.

A note is the learner's Markdown (`Item.note`, `Node.note`). In the pane it shows under its
entry: the entry shown (a topic, a section, a part) has its note right under the title, open
(up to `OPEN_LINES` lines, the rest after Enter); an item's note lies under its row folded to
one line (`¶ first line  +3 lines`) until Enter opens it. A row of "Next up" or a topic beside
this one says it has a note with the mark (`¶`) after its text, and so does the tree.

The note is one row of the list (`NoteRow`, drawn by `ItemList` like any row), which the cursor
stops on: Enter folds or opens it, `o` opens its first web link (http/https only, as on any
row: `links.row_link` reads `NoteSpec.link_text`), `n` edits it. Its text is rendered as
Markdown through the same path as an imported README's (`md_blocks` -> `labels.note_parts`):
`Content` with explicit styles, every character through `visible()`, never markup.

Folded, a note costs one line made from its first line of source (no Markdown block parse), so a
list of thousands of items with notes lays out as fast as one without; the whole note is parsed
(and cached, `md_blocks.text_blocks`) only when it is opened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from rich.text import Text
from textual.content import Content

from roadmap_tui.core.model import Entry, Item, Node, Roadmap
from roadmap_tui.core.outline import title_path
from roadmap_tui.formats.md_blocks import text_blocks
from roadmap_tui.formats.md_inline import plain as md_plain
from roadmap_tui.safe_text import visible
from roadmap_tui.tui.widgets.item_row import MUTED, Row, RowSpec
from roadmap_tui.tui.widgets.labels import LINK_STYLE, note_parts, styled_text
from roadmap_tui.tui.widgets.links import first_web_link, open_web_link
from roadmap_tui.tui.widgets.note_editor import NoteRequested
from roadmap_tui.tui.widgets.row_drawing import place_lines

if TYPE_CHECKING:
    from roadmap_tui.tui.widgets.item_list import ItemList

#: The mark of a note (✎ already marks a blank to fill in).
NOTE_MARK = "¶"
NOTE_STYLE = "$text-accent"
#: The most lines the note of the entry shown takes before Enter opens all of it.
OPEN_LINES = 15
#: The most characters of a note's source that are laid out when it is open (the file keeps all).
SHOWN_NOTE_CHARS = 20_000

#: The start of a Markdown block line that the folded line leaves out (`# `, `- `, `1. `, `> `).
_LEAD_RE = re.compile(r"^\s{0,3}(?:#{1,6}\s+|[-*+]\s+(?:\[[ xX]\]\s+)?|\d{1,9}[.)]\s+|>\s?)+")


def has_note(entry: object) -> bool:
    return isinstance(entry, (Item, Node)) and bool(entry.note)


def note_entry(spec: RowSpec) -> Item | Node | None:
    """The entry whose note `n` on this row edits: the row's item, part, section or topic
    (a Duration row's part, a note row's entry); None for the roadmap's own rows."""
    entry = spec.entry
    if isinstance(spec, NoteSpec):
        return spec.owner
    if isinstance(entry, (Item, Node)) and spec.kind in ("item", "summary", "next", "field", "context"):
        return entry
    return None


@dataclass(eq=False)
class NoteSpec(RowSpec):
    """The row of `owner`'s note: `top` for the entry shown (open), else an item's (folded)."""

    owner: Item | Node | None = None
    top: bool = False
    opened: set[tuple[str, ...]] = field(default_factory=set)  # the pane's: notes opened with Enter

    @property
    def selectable(self) -> bool:
        return True

    @property
    def opens(self) -> Entry | None:
        return None

    @property
    def editable(self) -> bool:
        return False

    @property
    def toggleable(self) -> bool:
        return False

    @property
    def removable(self) -> bool:
        return False

    def link_text(self) -> str:
        return self.owner.note if self.owner is not None else ""

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(title_path(self.owner)) if self.owner is not None else ()

    @property
    def is_open(self) -> bool:
        return self.key in self.opened


def with_notes(specs: list[RowSpec], entry: Entry | Roadmap, opened: set[tuple[str, ...]]) -> list[RowSpec]:
    """`specs` (the pane's rows of `entry`) with the rows of the notes: the note of `entry` after
    its fields (before its items), and each item's or summary's note under its row."""
    out: list[RowSpec] = []
    if has_note(entry):
        assert isinstance(entry, (Item, Node))
        fields = 0
        while fields < len(specs) and specs[fields].kind in ("field", "note"):
            fields += 1
        top = NoteSpec("note", entry, gap=fields > 0, owner=entry, top=True, opened=opened)
        specs = [*specs[:fields], top, *specs[fields:]]
        if fields + 1 < len(specs):
            specs[fields + 1].gap = True
    for spec in specs:
        out.append(spec)
        if spec.kind in ("item", "summary") and not isinstance(spec, NoteSpec) and has_note(spec.entry):
            assert isinstance(spec.entry, (Item, Node))
            out.append(NoteSpec("note", spec.entry, depth=spec.depth, owner=spec.entry, opened=opened))
    return out


def row_for(spec: RowSpec) -> Row:
    """The row that draws `spec`: a note's own row, a row marked as having a note, or a plain one."""
    if isinstance(spec, NoteSpec):
        return NoteRow(spec)
    if spec.kind in ("next", "context") and has_note(spec.entry):
        return MarkedRow(spec)
    return Row(spec)


def note_mark() -> Content:
    return Content.styled(f" {NOTE_MARK}", NOTE_STYLE)


def tree_note_mark(entry: object) -> Text:
    """The tree's mark after the title of an entry with a note (nothing without one)."""
    return Text(f" {NOTE_MARK}", style="cyan") if has_note(entry) else Text("")


class MarkedRow(Row):
    """A row of "Next up", or a topic beside the one shown, whose entry has a note: `¶` after it."""

    def parts(self) -> tuple[Content, Content]:
        mark, label = super().parts()
        return mark, label + note_mark()


def folded_line(note: str) -> tuple[str, int]:
    """The first line of `note` with its block Markdown (`# `, `- `, `> `) left out, and how many
    more lines of text it has."""
    lines = [line for line in note.split("\n") if line.strip()]
    if not lines:
        return "", 0
    return _LEAD_RE.sub("", lines[0]).strip() or lines[0].strip(), len(lines) - 1


class NoteRow(Row):
    """The row of a note: folded to a line (an item's), or open (the entry shown, or after Enter)."""

    spec: NoteSpec

    def _indent(self) -> int:
        return 0 if self.spec.top else 4 * self.spec.depth + 4  # under the item's text

    def _mark(self) -> Content:
        return Content(" " * self._indent()) + Content.styled(f"{NOTE_MARK} ", NOTE_STYLE)

    def parts(self) -> tuple[Content, Content]:
        first, _ = folded_line(self.spec.link_text())
        return self._mark(), styled_text(first, "").stylize(MUTED)

    def toggle(self) -> None:
        """Enter: open a folded note, fold an open one."""
        key, opened = self.spec.key, self.spec.opened
        if key in opened:
            opened.discard(key)
        else:
            opened.add(key)

    def lines(self, width: int) -> list[Content]:
        spec = self.spec
        note = spec.link_text()
        mark = self._mark()
        room = max(1, width - 1 - mark.cell_length)
        pad = Content(" " * mark.cell_length)
        if not spec.top and not spec.is_open:
            first, more = folded_line(note)
            extra = Content.styled(f"  +{more} line{'s' * (more != 1)}", MUTED) if more else Content("")
            text = styled_text(first, "").stylize(MUTED)
            if text.cell_length + extra.cell_length > room:
                text = text.truncate(max(1, room - extra.cell_length), ellipsis=True)
            return [mark + text + extra]
        out: list[Content] = []
        for block in text_blocks(bounded_note(note)):
            block_mark, label = note_parts(block)
            inner = max(1, room - block_mark.cell_length)
            wrapped = label.wrap(inner) or [Content("")]
            out.append(block_mark + wrapped[0])
            out.extend(Content(" " * block_mark.cell_length) + line for line in wrapped[1:])
        out = out or [Content("")]
        limit = OPEN_LINES if spec.top and not spec.is_open else 0
        if limit and len(out) > limit:
            hidden = len(out) - limit + 1
            out = [*out[: limit - 1], Content.styled(f"… {hidden} more lines: Enter shows them all", MUTED)]
        return [mark + out[0], *(pad + line for line in out[1:])]


def bounded_note(note: str) -> str:
    """The part of a note that is laid out (`SHOWN_NOTE_CHARS`, then "…"); `labels.bounded` cuts
    each line further."""
    return note if len(note) <= SHOWN_NOTE_CHARS else note[:SHOWN_NOTE_CHARS] + "…"



class NoteKeys:
    """The note keys of `ItemList` (a plain mixin, as `InlineEditing` is): `n`, `ctrl+e`, Enter
    and a click on a note row."""

    @property
    def _items(self) -> ItemList:
        return cast("ItemList", self)

    def _note_request(self, external: bool) -> None:
        items = self._items
        entry = note_entry(items.current.spec) if items.current is not None else None
        if entry is not None:
            items.post_message(NoteRequested(entry, items, external=external))

    def action_note(self) -> None:
        """`n`: write the note of the highlighted row's entry (the screen opens the editor)."""
        self._note_request(False)

    def action_note_external(self) -> None:
        """`ctrl+e`: the same note in `$VISUAL`/`$EDITOR`."""
        self._note_request(True)

    def toggle_note(self, row: NoteRow) -> None:
        """Enter (or a click) on a note: open it, or fold it again."""
        items = self._items
        row.toggle()
        index = items._rows.index(row)
        items._row_lines[index] = row.lines(items._layout_width)
        place_lines(items)
        items.refresh()
        items.watch_highlighted(index, index)  # (in view, as it grew)

    def click_note(self, row: NoteRow, line: int, x: int) -> None:
        """A click on a note: on a link's text, that link opens (http/https only); elsewhere the
        note opens or folds."""
        items = self._items
        index = items._rows.index(row)
        lines = items._row_lines[index] if index < len(items._row_lines) else []
        hit = link_at(row.spec.link_text(), lines[line], x) if 0 <= line < len(lines) else None
        if hit is None:
            self.toggle_note(row)
        elif hit[1] is None:
            items.notify(f"Only web links (http, https) open: {visible(hit[0])}", markup=False, timeout=4)
        else:
            open_web_link(items, hit[1])


#: A Markdown link in a note's source: its text and its address.
_MD_LINK_RE = re.compile(r"\[((?:[^\[\]\n]|\[[^\]\n]*\])*)\]\(\s*<?([^\s<>()]+(?:\([^\s<>()]*\)[^\s<>()]*)*)>?")


def link_at(note: str, line: Content, x: int) -> tuple[str, str | None] | None:
    """The link drawn at cell `x` of `line` (one of the note's lines), None if none is: what it
    shows, and its web address if it is an http(s) one (the link is found among the note's
    own links by the text it shows)."""
    plain, column, at = line.plain, 0, -1
    for offset, char in enumerate(plain):
        width = cell_len(char)
        if column <= x < column + width:
            at = offset
            break
        column += width
    if at < 0:
        return None
    span = next((s for s in line.spans if s.start <= at < s.end and LINK_STYLE in str(s.style).split()), None)
    if span is None:
        return None
    start, end = span.start, span.end
    while start > 0 and any(s.start <= start - 1 < s.end and LINK_STYLE in str(s.style).split() for s in line.spans):
        start -= 1
    while end < len(plain) and any(s.start <= end < s.end and LINK_STYLE in str(s.style).split() for s in line.spans):
        end += 1
    shown = plain[start:end].strip()
    links = [(visible(md_plain(visible(label))), address) for label, address in _MD_LINK_RE.findall(note)]
    for exact in (True, False):
        for label, address in links:
            if shown and (label == shown if exact else shown in label or shown in visible(address)):
                return shown, first_web_link(f"]({address})")
    return shown, first_web_link(f"<{shown}>")  # an autolink shows its address
