"""Where structure edits go in an imported roadmap's Markdown, and in what style: line by line.

The export (`markdown_export._Exporter`) writes an imported roadmap as its sources in the
model's order; these are the pieces it uses when the structure changed in the app:

- **renamed** (`text` / `title` no longer what its `md` says): `renamed_item_md` and
  `renamed_heading_md` replace the text part of the line (marker, checkbox, indentation and a
  heading's closing `#`s stay); a text that ran over several lines becomes one line;
- **added** (`md` None): `Style` is the file's own list style (bullet marker, the indentation
  of nested lists, the spacing after the marker); `sibling_prefix` continues the neighbour's
  marker (`3.` then `4.`), `heading_line` writes a heading like its siblings' (ATX or setext);
- **moved, indented, outdented**: `shift_block` re-indents an entry's lines with its children's
  (`lead` says what its first line's indentation is), and `renumber` puts an ordered list's
  numbers back in order. What followed a list stays at its end when its last entry moves only
  if the move edit said so (`core/md_tail.after_move`): the export never guesses which lines
  were where, so an untouched file stays byte for byte.

- **where** a line goes among its neighbours (`own_end`, `starts_group`, `is_loose`): after
  the entry before it, and after that entry's example too when the example is its own, but
  before what follows a list's last entry ("back to top", `- ### Next group`).

Every untouched line is left as it is: each function changes only the lines of the entry it is
given, but `renumber`, which rewrites the numbers of an ordered list whose entries moved. No
Textual; `Style` is the only walk over the whole roadmap.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from roadmap_tui.core.markdown_source import BLOCK_START_RE, LINE_RE, MARK_RE, block_end, indent_width
from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.formats.md_parser import one_line

#: A list item's first line: containers and indentation, the marker, the space after it.
MARKER_RE = re.compile(r"([ \t>]*)([-*+]|\d{1,9}[.)])([ \t]*)")
_ATX_RE = re.compile(r"( {0,3}#{1,6})([ \t]+|(?=[\r\n]|$))(.*?)((?:[ \t]+#+)?[ \t]*)(\r\n|\r|\n|)$", re.DOTALL)
_SETEXT_RE = re.compile(r" {0,3}(=+|-+)[ \t]*(?:\r\n|\r|\n)?$")
_EOL_RE = re.compile(r"\r\n|\r|\n")


def first_line(text: str) -> str:
    match = LINE_RE.match(text)
    return match.group() if match else ""


def lead(line: str) -> str:
    """The indentation (and `>`s) before a list item's marker."""
    match = MARKER_RE.match(line)
    return match.group(1) if match else ""


def content_width(line: str) -> int:
    """The column a list item's text starts at (where its children may start)."""
    match = MARKER_RE.match(line)
    if match is None:
        return indent_width(line)
    marker_end = len((match.group(1) + match.group(2)).expandtabs(4))
    spaces = len(match.group().expandtabs(4)) - marker_end
    return marker_end + (spaces if 1 <= spaces <= 4 else 1)


# The file's style --------------------------------------------------------------------------------


class Style:
    """How the file writes its lists: the commonest top-level prefix and nesting step."""

    def __init__(self, roadmap: Roadmap) -> None:
        tops: Counter[tuple[str, str, str]] = Counter()
        steps: Counter[str] = Counter()
        for node in roadmap.walk_nodes():
            for item in node.items:
                match = MARKER_RE.match(item.md or "")
                if match is not None and len(match.group(1).expandtabs(4)) < 4:  # not under a plain bullet
                    tops[(match.group(1), _bullet(match.group(2)), match.group(3) or " ")] += 1
        for item in roadmap.walk_items():
            parent = item.parent
            if item.md is None or not isinstance(parent, Item) or parent.md is None:
                continue
            child, outer = lead(item.md), lead(parent.md)
            if child.startswith(outer) and len(child) > len(outer):
                steps[child[len(outer) :]] += 1
        self.top = tops.most_common(1)[0][0] if tops else ("", "-", " ")
        self.step = steps.most_common(1)[0][0] if steps else ""

    def top_prefix(self) -> str:
        indent, marker, space = self.top
        return f"{indent}{marker}{space}"

    def child_prefix(self, parent_line: str) -> str:
        """The prefix of a first child under the item whose line is `parent_line`."""
        match = MARKER_RE.match(parent_line)
        if match is None:
            return self.top_prefix()
        outer, marker, space = match.group(1), match.group(2), match.group(3) or " "
        indent = outer + self.step
        width = content_width(parent_line)
        if not self.step or not width <= len(indent.expandtabs(4)) <= width + 3:
            indent = outer + " " * (width - len(outer.expandtabs(4)))
        return f"{indent}{_bullet(marker) if not marker[0].isdigit() else '1' + marker[-1]}{space}"


def _bullet(marker: str) -> str:
    return marker if marker in "-*+" else "1" + marker[-1]


def sibling_prefix(line: str, style: Style) -> str:
    """`  - ` for a neighbour's line `  - [ ] text`, `4. ` after `3. text`."""
    match = MARKER_RE.match(line)
    if match is None:
        return style.top_prefix()
    indent, marker, space = match.group(1), match.group(2), match.group(3) or " "
    if marker[0].isdigit():
        marker = f"{int(marker[:-1]) + 1}{marker[-1]}"
    return f"{indent}{marker}{space}"


def mark_of(item: Item) -> str:
    """The checkbox an added item's line starts with ("" for a plain entry)."""
    if item.done is None:
        return ""
    return "[x] " if item.checked else "[ ] "


# Renamed entries ---------------------------------------------------------------------------------


def _paragraph(md: str, start: int, width: int) -> tuple[list[str], int]:
    """The text lines that may be the paragraph starting at `start` of `md` (its first line; the
    entry's text starts at column `width`): up to the first blank line, since markdown-it runs a
    paragraph on over lines that look like a table or an HTML tag. And where a rewritten text
    ends: before the first line that starts a block of its own."""
    lines = list(LINE_RE.finditer(md))
    if not lines:
        return [], start
    texts = [_EOL_RE.sub("", md[start : lines[0].end()])]
    end = lines[0].end()
    ended = False
    for match in lines[1:]:
        line = match.group().rstrip("\r\n")
        if not line.strip(" \t>"):
            break
        deep = indent_width(line) >= width + 4  # no block can start there: the paragraph goes on
        ended = ended or (not deep and bool(BLOCK_START_RE.match(line) or _SETEXT_RE.match(line)))
        texts.append(line.lstrip(" \t>"))  # the containers' markers are no text
        if not ended:
            end = match.end()
    return texts, end


def _same_text(texts: list[str], wanted: str, stand_in: str) -> bool:
    """Whether the lines `texts` (or their first few) say `wanted` (an untitled one: `stand_in`)."""
    if wanted == stand_in and not one_line(texts[0] if texts else ""):
        return True
    joined = ""
    for text in texts:
        joined = one_line(joined + "\n" + text)
        if joined == wanted:
            return True
        if len(joined) > len(wanted):
            return False
    return False


def _eol_of(text: str, default: str) -> str:
    match = _EOL_RE.search(text)
    return match.group() if match else default


def text_start(md: str, checkbox: bool) -> int:
    """Where an item's text starts in its `md`: after the checkbox and its space, or the marker."""
    if checkbox and (mark := MARK_RE.search(md)) is not None:
        end = mark.end()
    else:
        marker = MARKER_RE.match(md)
        end = marker.end() if marker else 0
    while end < len(md) and md[end] in " \t":
        end += 1
    return end


def renamed_item_md(md: str, text: str, checkbox: bool) -> str:
    """`md` with its text replaced by `text` when it says something else (else `md` itself)."""
    start = text_start(md, checkbox)
    texts, end = _paragraph(md, start, content_width(md))
    if _same_text(texts, text, first_line(md).strip()):
        return md
    region = md[start:end]
    line_end = region[len(region.rstrip("\r\n")) :]
    return md[:start] + text + line_end + md[end:]


def renamed_heading_md(md: str, title: str, eol: str) -> str:
    """A heading's `md` with its text replaced by `title` when it says something else."""
    if not md:
        return md  # the phase of tasks under no heading has no line to rename
    line = first_line(md)
    atx = _ATX_RE.match(line)
    if atx is not None:
        if one_line(atx.group(3)) == title or title == line.strip():
            return md
        space = atx.group(2) or " "
        return atx.group(1) + space + title + atx.group(4) + atx.group(5) + md[len(line) :]
    texts, end = _paragraph(md, 0, indent_width(md))
    if _same_text(texts, title, line.strip()):
        return md
    return title + _eol_of(md[:end], eol) + md[end:]


# Added headings ----------------------------------------------------------------------------------


def heading_level(md: str | None) -> tuple[int, str] | None:
    """A heading `md`'s level and style ("#", "=" or "-"), None when it has no heading line."""
    if not md:
        return None
    line = first_line(md)
    atx = _ATX_RE.match(line)
    if atx is not None:
        return atx.group(1).count("#"), "#"
    for match in list(LINE_RE.finditer(md))[1:]:
        underline = _SETEXT_RE.match(match.group())
        if underline is not None:
            char = underline.group(1)[0]
            return (1 if char == "=" else 2), char
        if not match.group().strip():
            break
    return None


def heading_line(node: Node, title: str, eol: str) -> str:
    """An added node's heading: at its siblings' level and style, else one below its parent's."""
    parent = node.parent
    siblings: Iterable[Node] = parent.sections if isinstance(parent, Node) else (parent.phases if parent else [])
    found = [h for s in siblings if s is not node and (h := heading_level(s.md)) is not None]
    if found:
        level, kind = Counter(found).most_common(1)[0][0]
    else:
        above = heading_level(parent.md) if isinstance(parent, Node) else None
        level, kind = (min(above[0] + 1, 6), "#") if above else (min(node.level, 6), "#")
    if kind in "=-":
        return f"{title}{eol}{kind * max(len(title), 3)}{eol}"
    return f"{'#' * level} {title}{eol}"


# Moved entries -----------------------------------------------------------------------------------


def shift_block(text: str, old: str, new: str) -> str:
    """`text` (an entry's lines and its children's) re-indented from `old` to `new`: the lines of
    its block (`block_end`) that start with `old`, blank ones aside; what follows stays."""
    if old == new:
        return text
    end = block_end(text, indent_width(text))
    out = []
    for match in LINE_RE.finditer(text[:end]):
        line = match.group()
        if line.strip(" \t\r\n") and line.startswith(old):
            line = new + line[len(old) :]
        out.append(line)
    return "".join(out) + text[end:]


def renumber(pieces: list[str], from_file: list[bool], firsts: list[str], head: str) -> list[str]:
    """An ordered list whose entries moved: the numbers the file had, in order again (a list
    starts at its first entry's number). Entries added in the app (`from_file` False) and
    unordered lists are left as they are; so is a list whose numbers are in order. A list
    ends where text other than blank lines follows an entry (`firsts`: each entry's first line).
    A list right under a paragraph (`head` ends with one, or the entry before the list) whose
    first entry went starts at 1 again: markdown-it reads `2.` there as more of the paragraph."""
    out = list(pieces)
    run: list[int] = []
    before = head
    for k, piece in enumerate(pieces):
        run.append(k)
        rest = piece[block_end(piece, indent_width(firsts[k])) :]
        if rest.strip(" \t\r\n") or k == len(pieces) - 1:
            _renumber_run(out, [j for j in run if from_file[j]], _after_paragraph(before, firsts[run[0]]))
            run = []
            before = rest
    return out


def _after_paragraph(text: str, first: str) -> bool:
    """Whether `text` ends with a line of a paragraph (or of a list item further out than the
    list whose first line is `first`), not a blank line or a heading, fence, HTML or table line,
    nor an item of the same list: a list after it must start at 1. Not in block quotes."""
    lines = LINE_RE.findall(text)
    if not lines or not lines[-1].strip() or ">" in lines[-1] + lead(first):
        return False
    last = lines[-1].rstrip("\r\n")
    if re.match(r"[ \t]*(?:#|```|~~~|<|\||(?:[-*_=][ \t]*){3,}$)", last):
        return False
    item = MARKER_RE.match(last)
    return not (item is not None and len(item.group(1).expandtabs(4)) >= len(lead(first).expandtabs(4)))


def _renumber_run(pieces: list[str], run: list[int], after_paragraph: bool) -> None:
    matches = [(k, MARKER_RE.match(pieces[k])) for k in run]
    found = [(k, m) for k, m in matches if m is not None and m.group(2)[0].isdigit()]
    if not found or len(found) != len(run) or len({m.group(2)[-1] for _, m in found}) != 1:
        return
    if len({m.group(1) for _, m in found}) != 1:
        return  # not one list
    numbers = sorted(int(m.group(2)[:-1]) for _, m in found)
    if after_paragraph and numbers[0] != 1:
        numbers = [n - numbers[0] + 1 for n in numbers]
    elif numbers == [int(m.group(2)[:-1]) for _, m in found]:
        return
    for (k, match), number in zip(found, numbers, strict=True):
        marker = f"{number}{match.group(2)[-1]}"
        pieces[k] = pieces[k][: match.start(2)] + marker + pieces[k][match.end(2) :]


def continue_number(text: str, previous: str | None) -> str:
    """A re-indented entry of an ordered list numbered for its new place: one more than the entry
    before it (`previous`, its first line), or 1 when it starts a list (a list that interrupts a
    paragraph must start at 1). Unordered entries are left as they are."""
    match = MARKER_RE.match(text)
    if match is None or not match.group(2)[0].isdigit():
        return text
    before = MARKER_RE.match(previous) if previous is not None else None
    number = 1
    if before is not None and before.group(2)[0].isdigit() and before.group(1) == match.group(1):
        number = int(before.group(2)[:-1]) + 1
    return text[: match.start(2)] + f"{number}{match.group(2)[-1]}" + text[match.end(2) :]


# Where a line goes among its neighbours ------------------------------------------------------------


def ends_blank(text: str) -> bool:
    """Whether `text` (ending with a line end) ends with a blank line."""
    lines = LINE_RE.findall(text[-400:])
    return len(lines) >= 2 and not lines[-1].strip() or text in ("\n", "\r\n", "\r")


_ITEM_LINE_RE = re.compile(r"^[ \t>]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)", re.MULTILINE)


def own_end(piece: str, first: str) -> bool:
    """Whether `piece` (an entry's lines) ends with lines that are not the entry's own and not blank."""
    rest = piece[block_end(piece, indent_width(first)) :]
    return bool(rest.strip(" \t\r\n"))


def starts_group(piece: str, first: str) -> bool:
    """Whether what follows `piece`'s own lines holds a list item as far out as it (a plain
    `- ### Linked Lists` bullet that starts the next group)."""
    width = indent_width(first)
    rest = piece[block_end(piece, width) :]
    return any(indent_width(m.group()) <= width for m in _ITEM_LINE_RE.finditer(rest))


def is_loose(pieces: list[str], firsts: list[str]) -> bool:
    """Whether entries of this list are set apart by blank lines (a loose list)."""
    for piece, first in zip(pieces, firsts, strict=True):
        rest = piece[block_end(piece, indent_width(first)) :]
        if rest and not rest.strip(" \t\r\n"):
            return True
    return False
