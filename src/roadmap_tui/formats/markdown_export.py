"""A roadmap as Markdown, in the layout of the template it came from.

The export of an untouched default roadmap is the template, byte for byte (plus a final
newline). Progress shows as `[x]` (a parent item is checked when all its items are) and filled
placeholders show the learner's text in place of `_[hint]_`.

A roadmap imported from Markdown (it has `md_head`) exports as its source instead: `md_head`
and every node's and item's `md`, in document order, with only what changed rewritten (see
`_imported_markdown`). Callers must write the text unchanged: as UTF-8 bytes, or a text file
opened with `newline=""`, so CRLF and lone CR line ends survive.

`with_notes=True` adds every entry's note as a `> [!NOTE]` block quote under it (`md_notes`
has the format); `markdown_import` reads them back, so the file then exports again to the
same bytes. Without it (or with no notes), the output is exactly the plain export.
"""

from __future__ import annotations

import re

from roadmap_tui.core.markdown_source import LINE_BREAK_RE, LINE_RE, MARK_RE
from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.core.placeholders import apply_fill
from roadmap_tui.formats.md_notes import NoteBlocks, clean, content_lead, note_spots, render

INDENT = "  "


def _item_lines(item: Item, depth: int, notes: NoteBlocks | None) -> list[str]:
    if item.done is None:
        mark = ""
    else:
        mark = "[x] " if item.checked else "[ ] "
    lines = [f"{INDENT * depth}- {mark}{apply_fill(item.text, item.text_fill)}"]
    if notes is not None and clean(item.note):
        lines.append(notes.block(item.note, INDENT * depth + "  ", "\n", final_eol=False))
    for child in item.items:
        lines.extend(_item_lines(child, depth + 1, notes))
    return lines


def _list_block(items: list[Item], notes: NoteBlocks | None) -> str:
    """A list; an item with children is set off from the next by a blank line."""
    chunks: list[str] = []
    for index, item in enumerate(items):
        chunks.append("\n".join(_item_lines(item, 0, notes)))
        if index < len(items) - 1:
            chunks.append("\n\n" if item.items else "\n")
    return "".join(chunks)


def _node_blocks(node: Node, notes: NoteBlocks | None) -> list[str]:
    heading = f"{'#' * node.level} {apply_fill(node.title, node.title_fill)}"
    if notes is not None and clean(node.note):
        heading += "\n" + notes.block(node.note, "", "\n", final_eol=False)
    blocks: list[str] = []
    fields = []
    if node.duration is not None:
        fields.append(f"**Duration:** {apply_fill(node.duration, node.duration_fill)}")
    if node.focus is not None:
        fields.append(f"**Focus:** {node.focus}")
    if fields:
        blocks.append("\n".join(fields))
    if node.intro is not None:
        blocks.append(node.intro)
    if node.items:
        block = _list_block(node.items, notes)
        # A plain bullet list (the Resources Library's) sits right under its heading.
        if not blocks and all(item.done is None for item in node.items):
            heading = f"{heading}\n{block}"
        else:
            blocks.append(block)
    result = [heading, *blocks]
    for section in node.sections:
        result.extend(_node_blocks(section, notes))
    return result


def _template_markdown(roadmap: Roadmap, notes: NoteBlocks | None) -> str:
    blocks = [f"# {roadmap.title}"]
    for phase in roadmap.phases:
        blocks.extend(_node_blocks(phase, notes))
    return "\n\n".join(blocks) + "\n"


def has_notes(roadmap: Roadmap) -> bool:
    """Whether any entry has a note to export."""
    return any(clean(node.note) for node in roadmap.walk_nodes()) or any(
        clean(item.note) for item in roadmap.walk_items()
    )


def notes_left_out(roadmap: Roadmap) -> list[Node]:
    """Nodes whose note `with_notes` cannot write: an imported file's tasks above its first
    heading make a phase with no heading (`md` ""), so no line to put a note under."""
    return [node for node in roadmap.walk_nodes() if node.md == "" and clean(node.note)]


def to_markdown(roadmap: Roadmap, *, with_notes: bool = False) -> str:
    """The whole roadmap as Markdown text: an imported one as its source, else ending with a newline.

    `with_notes`: every entry's note as a `> [!NOTE]` quote under it (see `md_notes`), but
    those of `notes_left_out`."""
    imported = roadmap.md_head is not None
    if not (with_notes and has_notes(roadmap)):
        return _imported_markdown(roadmap, None) if imported else _template_markdown(roadmap, None)
    if imported:
        return render(lambda notes: _imported_markdown(roadmap, notes))
    return render(lambda notes: _template_markdown(roadmap, notes))


# Imported roadmaps -------------------------------------------------------------------------------
#
# A task's `md` starts on its list item's first line, so its first `[` is its checkbox: nothing
# can come before it but container markers (indentation, `>`, bullets, numbers).

_MARKER_RE = re.compile(r"([ \t>]*)([-*+]|\d{1,9}[.)])([ \t]*)")
_REST_OF_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_LEAD_RE = re.compile(r"[ \t>]*")
#: A line that starts a block of its own, so it cannot be a paragraph's lazy continuation.
_BLOCK_START_RE = re.compile(r"[ \t>]*(?:[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|#|```|~~~|<|\||(?:[-*_][ \t]*){3,}$)")


def _original_done(item: Item) -> bool:
    """The item's own state as its source says (its stored state when it has no source)."""
    if item.md is not None and (mark := MARK_RE.search(item.md)) is not None:
        return mark.group(1) in "xX"
    return bool(item.done)


def _original_checked(item: Item, memo: dict[int, int]) -> bool:
    """Whether the source showed `item` as complete: its own mark, or (a parent) all its counted
    items (skipped or not: the source has no skipped items)."""
    if item.n_counted and not item.is_counted:
        return memo[id(item)] == item.n_counted
    return _original_done(item)


def _original_counts(item: Item, memo: dict[int, int]) -> int:
    """Fill `memo` with how many counted items of each subtree were done in the source."""
    if item.is_counted:
        done = 1 if _original_done(item) else 0
    else:
        done = sum(_original_counts(child, memo) for child in item.items)
    memo[id(item)] = done
    return done


def _line_end(roadmap: Roadmap) -> str:
    """The file's line end: the first one in its source ("\n" when it has none)."""
    texts = [roadmap.md_head or ""]
    texts += [node.md or "" for node in roadmap.walk_nodes()]
    texts += [item.md or "" for item in roadmap.walk_items()]
    for text in texts:
        if match := LINE_BREAK_RE.search(text):
            return match.group()
    return "\n"


def _sibling_prefix(line: str) -> str:
    """`  - ` for a source line `  - [ ] text`: how a new entry after it starts."""
    match = _MARKER_RE.match(line)
    if match is None:
        return "- "
    indent, marker = match.group(1), match.group(2)
    return f"{indent}{marker if marker in '-*+' else '-'} "


def _child_prefix(line: str) -> str:
    """`    - ` for a source line `  - [ ] text`: how a new entry nested in it starts."""
    match = _MARKER_RE.match(line)
    if match is None:
        return "- "
    width = len(match.group(2)) + max(len(match.group(3)), 1)
    return f"{match.group(1)}{' ' * width}- "


def _indent_width(line: str) -> int:
    """How far a line's text starts: its leading spaces, tabs and `>`s (tabs to 4 columns)."""
    lead = _LEAD_RE.match(line)
    assert lead is not None  # the pattern matches the empty string too
    return len(lead.group().expandtabs(4))


def _block_end(text: str, width: int | None) -> int:
    """Where a line added after the entry that `text` starts with goes.

    For a list entry whose first line's text starts at `width`: after its last line, i.e. the
    lines indented deeper than that and the lazy continuation lines of its paragraph (so text
    after the list, such as a "back to top" link, stays after the new line). For a heading
    (`width` None): after the last line that is not blank.
    """
    if width is None:
        content = len(text.rstrip(" \t\r\n"))
        match = _REST_OF_LINE_RE.match(text, content)
        return match.end() if match else len(text)
    end = 0
    previous_blank = False
    for number, match in enumerate(LINE_RE.finditer(text)):
        line = match.group().rstrip("\r\n")
        if number == 0:
            end = match.end()
            continue
        if not line.strip(" \t>"):
            previous_blank = True
            continue
        if _indent_width(line) > width or (not previous_blank and not _BLOCK_START_RE.match(line)):
            end = match.end()
            previous_blank = False
            continue
        break
    return end


class _Exporter:
    """Writes an imported roadmap: its sources in document order, with what changed rewritten.

    - A checkbox mark is kept as it is in the source (`x`, `X` or a space) while the item's state
      (for a parent: whether all its counted items are done) is what the source says, and
      written as `[x]` / `[ ]` once it differs.
    - A filled placeholder replaces the first `_[...]_` after the mark (in a heading: the first).
    - Entries with no source (added in the app) get a line of their own, `- [ ] text` or
      `- text`, indented like the entry before them (nested in their parent's when they are the
      first), right after that entry's lines, with the file's line end.
    """

    def __init__(self, roadmap: Roadmap, notes: NoteBlocks | None) -> None:
        self.roadmap = roadmap
        self.out: list[str] = [roadmap.md_head or ""]
        self.memo: dict[int, int] = {}
        self._eol: str | None = None
        self.notes = notes
        self.spots: dict[int, int] = {}  # id(entry) -> lines of its md before its note
        if notes is not None:
            chunks = [(entry, entry.md) for entry in document_order(roadmap) if entry.md is not None]
            if any(clean(entry.note) for entry, _ in chunks):
                self.spots = note_spots(roadmap.md_head or "", chunks)

    @property
    def eol(self) -> str:
        if self._eol is None:
            self._eol = _line_end(self.roadmap)
        return self._eol

    def run(self) -> str:
        for node in self.roadmap.walk_nodes():
            for item in node.items:
                _original_counts(item, self.memo)
        for phase in self.roadmap.phases:
            self.node(phase)
        return "".join(self.out)

    def node(self, node: Node) -> None:
        if node.md is None:  # not from the source: a heading of its own, at the end
            last = next((chunk for chunk in reversed(self.out) if chunk), "")
            if last and not last.endswith(("\n", "\r")):
                self.out.append(self.eol)
            heading = f"{'#' * min(node.level, 6)} {apply_fill(node.title, node.title_fill)}{self.eol}"
            self.out.append(heading + self.note_block(node, ""))
        else:  # md "" (the phase of tasks under no heading) has no line for a note: it is left out
            self.out.append(self.with_note(node, apply_fill(node.md, node.title_fill), ""))
        start = len(self.out) - 1
        anchor: tuple[int, int | None] = (start, None)
        previous: str | None = None
        for item in node.items:
            anchor, previous = self.item(item, anchor, previous, "- ")
        for section in node.sections:
            self.node(section)

    def item(
        self, item: Item, anchor: tuple[int, int | None], previous: str | None, first_prefix: str
    ) -> tuple[tuple[int, int | None], str]:
        """Write `item` and its items after `anchor` (the entry before it: where it starts in the
        output, and how deep its text is). Returns `item`'s own anchor and first line."""
        if item.md is None:
            mark = "" if item.done is None else ("[x] " if item.checked else "[ ] ")
            prefix = _sibling_prefix(previous) if previous is not None else first_prefix
            text = f"{prefix}{mark}{apply_fill(item.text, item.text_fill)}"
            note = self.note_block(item, content_lead(text), final_eol=False)
            start = self.insert(anchor[0], anchor[1], text + (self.eol + note if note else ""))
            line = prefix
        else:
            start = len(self.out)
            self.out.append(self.with_note(item, self.item_md(item), content_lead(item.md)))
            line = item.md
        own: tuple[int, int | None] = (start, _indent_width(line))
        child_anchor, child_previous = own, None
        for child in item.items:
            child_anchor, child_previous = self.item(child, child_anchor, child_previous, _child_prefix(line))
        return own, line

    def item_md(self, item: Item) -> str:
        md = item.md or ""
        if item.done is None:  # a plain entry: its text starts after the list marker
            marker = _MARKER_RE.match(md)
            return apply_fill(md, item.text_fill, marker.end() if marker else 0)
        mark = MARK_RE.search(md)
        if mark is None:
            return md
        if item.checked != _original_checked(item, self.memo):
            md = md[: mark.start(1)] + ("x" if item.checked else " ") + md[mark.end(1) :]
        return apply_fill(md, item.text_fill, mark.end())

    def note_block(self, entry: Item | Node, lead: str, *, final_eol: bool = True) -> str:
        """`entry`'s note quote ("" when notes are not exported or it has none)."""
        if self.notes is None or not clean(entry.note):
            return ""
        return self.notes.block(entry.note, lead, self.eol, final_eol=final_eol)

    def with_note(self, entry: Item | Node, md: str, lead: str) -> str:
        """`md` (the entry's source as exported) with its note put in at its spot."""
        if not md or self.notes is None or not clean(entry.note):
            return md
        lines = LINE_RE.findall(md)
        split = min(max(self.spots.get(id(entry), 1), 1), len(lines))
        head, tail = "".join(lines[:split]), "".join(lines[split:])
        if not head.endswith(("\n", "\r")):  # the file's last line, with no line end: the note ends it
            return head + self.eol + self.note_block(entry, lead, final_eol=False) + tail
        return head + self.note_block(entry, lead) + tail

    def insert(self, start: int, width: int | None, line: str) -> int:
        """Put a generated `line` after the entry whose output starts at `self.out[start]`.

        Returns the index of the new line in `self.out`."""
        text = "".join(self.out[start:])
        split = _block_end(text, width)
        head, tail = text[:split], text[split:]
        if head and not head.endswith(("\n", "\r")):
            head += self.eol
        body = head.rstrip("\r\n")
        last_line = body[max(body.rfind("\n"), body.rfind("\r")) + 1 :]
        in_note = self.notes is not None and self.notes.mark in last_line  # a quote's HTML ends with it
        if last_line.lstrip(" \t>").startswith("<") and not in_note:
            head += self.eol  # an HTML block runs on to the next blank line: end it first
        del self.out[start:]
        self.out.extend([head, line + self.eol, tail])
        return start + 1


def document_order(roadmap: Roadmap) -> list[Item | Node]:
    """Every node and item in the order the export writes them (a node, its items, its sections)."""
    found: list[Item | Node] = []

    def node(entry: Node) -> None:
        found.append(entry)
        for item in entry.items:
            found.extend(item.walk())
        for section in entry.sections:
            node(section)

    for phase in roadmap.phases:
        node(phase)
    return found


def _imported_markdown(roadmap: Roadmap, notes: NoteBlocks | None) -> str:
    """An imported roadmap's source with its progress (and notes): see the module's docstring."""
    return _Exporter(roadmap, notes).run()
