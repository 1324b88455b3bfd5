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

from roadmap_tui.core.markdown_source import LINE_BREAK_RE, LINE_RE, MARK_RE, block_end, indent_width
from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.core.placeholders import apply_fill
from roadmap_tui.formats.md_notes import NoteBlocks, clean, content_lead, note_spots, render
from roadmap_tui.formats.md_placement import (
    MARKER_RE,
    Style,
    content_width,
    continue_number,
    ends_blank,
    first_line,
    heading_line,
    is_loose,
    lead,
    mark_of,
    own_end,
    renamed_heading_md,
    renamed_item_md,
    renumber,
    shift_block,
    sibling_prefix,
    starts_group,
)

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


class _Exporter:
    """Writes an imported roadmap: its sources in the model's order, with what changed rewritten.

    - A checkbox mark is kept as it is in the source (`x`, `X` or a space) while the item's state
      (for a parent: whether all its counted items are done) is what the source says, and
      written as `[x]` / `[ ]` once it differs.
    - A filled placeholder replaces the first `_[...]_` after the mark (in a heading: the first).
    - Structure edits made in the app (see `md_placement`): a renamed entry's line gets its new
      text; an added one a line of its own after its neighbour's lines (after its parent's
      when it is the first), in the file's list style; a deleted one's lines go; a moved one's
      lines move with its children's, re-indented when its depth changed.
    """

    def __init__(self, roadmap: Roadmap, notes: NoteBlocks | None) -> None:
        self.roadmap = roadmap
        self.out: list[str] = [roadmap.md_head or ""]
        self.memo: dict[int, int] = {}
        self.eol = _line_end(roadmap)
        self.style = Style(roadmap)
        self.notes = notes
        self.spots: dict[int, int] = {}  # id(entry) -> lines of its md before its note
        if notes is not None:
            chunks = [(entry, entry.md) for entry in document_order(roadmap) if entry.md is not None]
            if any(clean(entry.note) for entry, _ in chunks):
                self.spots = note_spots(roadmap.md_head or "", chunks)

    def run(self) -> str:
        for node in self.roadmap.walk_nodes():
            for item in node.items:
                _original_counts(item, self.memo)
        for phase in self.roadmap.phases:
            self.node(phase)
        return "".join(self.out)

    def node(self, node: Node) -> None:
        done = next((chunk for chunk in reversed(self.out[1:]) if chunk), "")  # not md_head (a BOM alone)
        if node.md and done and not done.endswith(("\n", "\r")):  # the file's last line moved up
            self.out.append(self.eol)
        if node.md is None:  # added in the app: a heading of its own, set off by blank lines
            done = "".join(self.out[-2:])
            if done and not done.endswith(("\n", "\r")):
                self.out.append(self.eol)
                done += self.eol
            if done and not ends_blank(done):
                self.out.append(self.eol)
            heading = heading_line(node, apply_fill(node.title, node.title_fill), self.eol)
            self.out.append(heading + self.note_block(node, ""))
            if node.items:  # a blank line after the heading and after its list
                self.out.append(self.eol + self.items("", None, node.items, node) + self.eol)
        else:  # md "" (the phase of tasks under no heading) has no line for a note: it is left out
            md = renamed_heading_md(node.md, node.title, self.eol)
            head = self.with_note(node, apply_fill(md, node.title_fill), "")
            self.out.append(self.items(head, None, node.items, node))
        for section in node.sections:
            self.node(section)

    def items(self, head: str, width: int | None, items: list[Item], parent: Item | Node) -> str:
        """`head` (the parent's own lines; its text starts at `width`, None for a heading) and
        `items` after it, each with its children."""
        pieces: list[str] = []
        firsts: list[str] = []  # each piece's first line (an added one's: its prefix)
        parent_line = first_line(head) if isinstance(parent, Item) else ""
        for index, item in enumerate(items):
            if item.md is None:
                prefix = self.added_prefix(items, index, firsts, parent_line)
                text = f"{prefix}{mark_of(item)}{apply_fill(item.text, item.text_fill)}"
                note = self.note_block(item, content_lead(text), final_eol=False)
                line = text + self.eol + (note + self.eol if note else "")
                own, first = self.items(line, indent_width(prefix), item.items, item), prefix
            else:
                own = self.item(item)
                # what nests under a plain entry is its sibling (an entry is never a parent)
                follows = pieces and items[index - 1].done is not None and not own_end(pieces[-1], firsts[-1])
                after = pieces[-1] if follows else None
                old, new = lead(item.md), self.wanted_lead(item, items, after, firsts, parent_line)
                # a first child after lines of its parent's list that are not the parent's own
                # (`- C/C++:`) was not there in the file: it goes right under the parent
                indented_in = not pieces and isinstance(parent, Item) and own_end(head, parent_line)
                if old == new and not indented_in:  # where the file had it (or moved among its siblings)
                    pieces.append(own)
                    firsts.append(first_line(own))
                    continue
                if old != new:
                    own = continue_number(shift_block(own, old, new), firsts[-1] if firsts else None)
                first = first_line(own)
            later = any(i.md is not None for i in items[index + 1 :])
            head = self.place(head, width, pieces, firsts, own, later)
            firsts.append(first)
        pieces = renumber(pieces, [entry.md is not None for entry in items], firsts, head)
        # a piece from the file's last line (no line end) that moved up gets one
        return head + "".join(p if p.endswith(("\n", "\r")) or k == len(pieces) - 1 else p + self.eol
                              for k, p in enumerate(pieces))

    def place(self, head: str, width: int | None, pieces: list[str], firsts: list[str], own: str, later: bool) -> str:
        """Put `own` (an added or re-parented entry's lines) after `pieces[-1]`, else after `head`
        (the parent's own lines, which it returns as it leaves them).

        After the entry's own lines, before what follows them when that is the list's (the
        entry before is the list's last from the file: a "back to top" link after the list, a
        `- ### Group` bullet); after all of it when it is that entry's own (its example)."""
        if not pieces:
            block, rest = self.split(head, width)
            if width is None and rest and not rest.strip(" \t\r\n"):  # under a heading: after its blank line
                pieces.append(("" if ends_blank(block) else rest) + own + ("" if later else rest))
            else:
                pieces.append(own + rest)
            return block
        previous, first = pieces[-1], firsts[-1]
        if later and own_end(previous, first) and not starts_group(previous, first):
            if not previous.endswith(("\n", "\r")):
                previous += self.eol
            pieces[-1] = previous
            pieces.append(own)
            return head
        block, rest = self.split(previous, indent_width(first))
        loose = is_loose(pieces, firsts) if later else is_loose(pieces[:-1], firsts[:-1])
        gap = self.eol if loose and rest.startswith(("\n", "\r")) else ""
        pieces[-1] = block
        pieces.append(gap + own + rest)
        return head

    def item(self, item: Item) -> str:
        """An item from the source with its children, as exported."""
        own = self.with_note(item, self.item_md(item), content_lead(item.md or ""))
        return self.items(own, indent_width(own), item.items, item)

    def added_prefix(self, items: list[Item], index: int, firsts: list[str], parent_line: str) -> str:
        """How an added item's line starts: like the one before it, or after it, or the file's."""
        if firsts:
            return sibling_prefix(firsts[-1], self.style)
        later = next((i.md for i in items[index + 1 :] if i.md is not None), None)
        match = MARKER_RE.match(later) if later is not None else None
        # (a later sibling indented in from elsewhere is re-indented: its own indentation won't do)
        if match is not None and (not parent_line or indent_width(match.group(1)) >= content_width(parent_line)):
            return match.group()
        return self.style.child_prefix(parent_line) if parent_line else self.style.top_prefix()

    def wanted_lead(
        self, item: Item, items: list[Item], after: str | None, firsts: list[str], parent_line: str
    ) -> str:
        """The indentation `item`'s line must have where it now is (its own while it fits).

        `after`: the entry right before it, when nothing but blank lines follows that entry's
        own lines (else what follows, a plain bullet or a paragraph, is what it continues)."""
        own = lead(item.md or "")
        if ">" in own or ">" in parent_line or (firsts and ">" in lead(firsts[-1])):
            return own  # in a block quote: left as it is
        width = len(own.expandtabs(4))
        if after is not None and width >= content_width(firsts[-1]):  # it would nest in the entry before it
            return lead(firsts[-1])
        if parent_line and width < content_width(parent_line):  # it would leave its parent
            if firsts:
                return lead(firsts[-1])
            others = [lead(i.md) for i in items if i is not item and i.md is not None]
            fitting = [o for o in others if len(o.expandtabs(4)) >= content_width(parent_line)]
            if fitting:
                return fitting[0]
            return lead(self.style.child_prefix(parent_line))
        return own

    def split(self, text: str, width: int | None) -> tuple[str, str]:
        """`text` cut after the entry's own lines (see `block_end`), ready for a line after it."""
        cut = block_end(text, width)
        head, tail = text[:cut], text[cut:]
        if head and not head.endswith(("\n", "\r")):
            head += self.eol
        body = head.rstrip("\r\n")
        last_line = body[max(body.rfind("\n"), body.rfind("\r")) + 1 :]
        in_note = self.notes is not None and self.notes.mark in last_line  # a quote's HTML ends with it
        if last_line.lstrip(" \t>").startswith("<") and not in_note:
            head += self.eol  # an HTML block runs on to the next blank line: end it first
        return head, tail

    def item_md(self, item: Item) -> str:
        md = renamed_item_md(item.md or "", item.text, item.done is not None)
        if item.done is None:  # a plain entry: its text starts after the list marker
            marker = MARKER_RE.match(md)
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
