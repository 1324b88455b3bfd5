"""Notes in Markdown: the block quote `export --with-notes` writes under an entry, read back by `import`.

No Textual here. Used by `markdown_export` (writing) and `markdown_import` (reading).

The format
----------
A note (an entry's `note`, Markdown) is a GitHub alert, written right under its entry's first
block, with no blank line between::

    ## Foundation Phase
    > [!NOTE]
    > What I want from this phase.
    >
    > - a list, a [link](https://example.com)

    - [ ] Linear Algebra
      > [!NOTE]
      > One line.
      - [ ] Vectors and matrices

- Under a heading: after the heading's line (its underline, for a setext heading).
- Under a list item: after the item's first paragraph, indented to the item's content column
  (`content_lead`: containers kept, the list marker turned into spaces), so it stays inside the
  list item and the list stays tight.
- The first line is `> [!NOTE]`; then each line of the note as `> ` + line, an empty line as `>`.
- What follows is left as it is, unless it would run on into the quote (a paragraph line would
  be a lazy continuation of the note's last paragraph): then the quote ends with one more `>`
  line, invisible on GitHub (`separator`). A block quote right after it, at its depth, would
  merge with it: an empty HTML comment line (`<!-- -->`, as indented) goes between.

On import (`read_note`), such a quote is a note only when it is exactly this: a `[!NOTE]` quote
that starts on the line after the heading or the item's first paragraph (inside the item), each
line with the prefix the exporter writes. An upstream README's alert after a blank line, or one
outside the list item, is an ordinary block quote and stays in the text; so every file of the
corpus still round-trips byte for byte. The quote ends at its last `>` line: markdown-it maps a
quote whose last line holds an empty nested block (a note line `>`: `> >`) through the blank
lines after it (`_quote_end`).

Notes are written as the store keeps them (`clean`: trailing blank space dropped), so the note
read back is the note written, and the file written again is the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from roadmap_tui.core.markdown_source import LINE_BREAK_RE, LINE_RE
from roadmap_tui.core.model import Item, Node

if TYPE_CHECKING:  # markdown-it loads on first use
    from markdown_it.token import Token

ALERT = "[!NOTE]"
#: Between a note and a block quote right after it (which would merge with it): invisible.
QUOTE_BREAK = "<!-- -->"

#: A line that starts a block which ends a block quote's paragraph (both for markdown-it and
#: GitHub), after the containers and indentation: ATX heading, list item with text, fence, rule.
_INTERRUPT_RE = re.compile(r"#{1,6}(?:[ \t]|$)|(?:[-*+]|\d{1,9}[.)])[ \t]+\S|`{3,}|~{3,}|(?:[-*_][ \t]*){3,}$")
#: One container `>` of a line, with the space it may take.
_CONTAINER_RE = re.compile(r"[ \t]{0,3}>[ \t]?")
#: The prefix of a list item's first line: containers and list markers, to its content.
_ITEM_PREFIX_RE = re.compile(r"(?:[ \t>]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))+")


def clean(note: str) -> str:
    """A note as `RoadmapStore.set_note` keeps it: each line and the whole without trailing blanks."""
    return "\n".join(line.rstrip() for line in note.rstrip().split("\n"))


def note_lines(note: str) -> list[str]:
    """The note's lines (any line end)."""
    return LINE_BREAK_RE.split(clean(note))


def content_lead(line: str) -> str:
    """The prefix of a note's lines under the list item whose first line is `line`.

    The containers (`>`, indentation, tabs) are kept and the list markers become spaces, so the
    note starts at the item's content column. A `>` with no space after it gets one (the space a
    `>` may take would otherwise shift what follows by one column)."""
    match = _ITEM_PREFIX_RE.match(line)
    prefix = match.group() if match else ""
    out: list[str] = []
    index = 0
    while index < len(prefix):
        char = prefix[index]
        if char == ">":
            out.append(">")
            if index + 1 < len(prefix) and prefix[index + 1] in " \t":
                out.append(prefix[index + 1])
                index += 1
            else:
                out.append(" ")
        elif char in " \t":
            out.append(char)
        else:
            out.append(" ")
        index += 1
    return "".join(out)


def quote_lines(note: str, lead: str) -> list[str]:
    """The note as its block quote's lines (no line ends)."""
    lines = [f"{lead}> {ALERT}"]
    lines += [f"{lead}> {line}" if line else f"{lead}>" for line in note_lines(note)]
    return lines


def separator(next_line: str | None, lead: str) -> str | None:
    """A line to put after a note quote with `lead` so that `next_line` stays out of it, or None.

    None when nothing follows, or a blank line, or a line that starts a block ending the
    quote's last paragraph. A block quote at the note's depth: `QUOTE_BREAK`. Anything else (a
    paragraph line, a table, HTML, deeper indentation): `>`, an empty line of the quote."""
    if next_line is None or not next_line.strip(" \t"):
        return None
    terminator = f"{lead}>"
    rest = next_line
    for _ in range(lead.count(">")):
        match = _CONTAINER_RE.match(rest)
        if match is None:
            return terminator
        rest = rest[match.end() :]
    if not rest.strip(" \t"):
        return None
    own = len(lead[lead.rfind(">") + 1 :].expandtabs(4))
    body = rest.lstrip(" \t")
    indent = len(rest[: len(rest) - len(body)].expandtabs(4))
    if indent - own >= 4:
        return terminator
    if body.startswith(">"):
        return f"{lead}{QUOTE_BREAK}" if indent >= own else None
    if _INTERRUPT_RE.match(body):
        return None
    return terminator


class NoteBlocks:
    """Note quotes placed in an export whose separators are settled once the text is whole.

    `block` gives the quote's text with a marker at the end of its last line (before its line
    end); `finish` removes the markers and adds each quote's `separator` for the line after it,
    in the final text. The marker is made of a character that the text has nowhere else:
    `render` tries the next one when the text had it (it counts them)."""

    def __init__(self, mark: str) -> None:
        self.mark = mark
        self.leads: list[str] = []

    def block(self, note: str, lead: str, eol: str, *, final_eol: bool = True) -> str:
        """The quote for `note`, its lines ending with `eol` (the last one too when `final_eol`)."""
        index = len(self.leads)
        self.leads.append(lead)
        text = eol.join(quote_lines(note, lead)) + f"{self.mark}{index}{self.mark}"
        return text + eol if final_eol else text

    def finish(self, text: str) -> str | None:
        """`text` with the markers resolved, or None when the marker char was in the text already."""
        if text.count(self.mark) != 2 * len(self.leads):
            return None
        pattern = re.compile(f"{re.escape(self.mark)}(\\d+){re.escape(self.mark)}")
        out: list[str] = []
        position = 0
        for match in pattern.finditer(text):
            out.append(text[position : match.start()])
            position = match.end()
            eol_match = LINE_BREAK_RE.match(text, position)
            if eol_match is None:  # the end of the text
                continue
            eol = eol_match.group()
            line = LINE_RE.match(text, eol_match.end())
            next_line = None
            if line is not None and line.group():
                next_line = pattern.sub("", line.group().rstrip("\r\n"))
            extra = separator(next_line, self.leads[int(match.group(1))])
            if extra is not None:
                out.append(eol + extra)
        out.append(text[position:])
        return "".join(out)


def _marks() -> Iterator[str]:
    yield "\x00"
    for code in range(0xE000, 0xF900):  # the private use area
        yield chr(code)


def render(build: Callable[[NoteBlocks], str]) -> str:
    """`build(blocks)` (an export that places its notes with `blocks.block`), separators settled."""
    for mark in _marks():
        blocks = NoteBlocks(mark)
        done = blocks.finish(build(blocks))
        if done is not None:
            return done
    raise ValueError("no character left to mark notes with")  # a text holding 6,400 private-use characters


# Reading ---------------------------------------------------------------------------------------


def _line_text(line: str) -> str:
    return line.rstrip("\r\n")


def read_note(lines: list[str], start: int, end: int, lead: str) -> str | None:
    """The note in `lines[start:end]` (a block quote's lines, as markdown-it maps it), or None
    when it is not a note quote with `lead` (an upstream README's own block quote).

    Every line must start with `lead` and `>` (a lazy line, without them, makes it text); the
    one space after `>` is dropped, and the note is `clean`ed (a hand-edited trailing space)."""
    if end - start < 2 or _line_text(lines[start]).rstrip(" \t") != f"{lead}> {ALERT}":
        return None
    prefix = f"{lead}>"
    found: list[str] = []
    for line in lines[start + 1 : end]:
        text = _line_text(line)
        if not text.startswith(prefix):
            return None
        rest = text[len(prefix) :]
        found.append(rest[1:] if rest.startswith(" ") else rest)
    note = clean("\n".join(found))
    return note or None


def _blank_in(line: str, lead: str) -> bool:
    """Whether `line` is blank inside the containers of `lead` (its `>`s, then only blank space)."""
    rest = _line_text(line)
    for _ in range(lead.count(">")):
        match = _CONTAINER_RE.match(rest)
        if match is None:
            break
        rest = rest[match.end() :]
    return not rest.strip(" \t")


def _quote_end(lines: list[str], start: int, end: int, lead: str) -> int:
    """The end of the block quote at `lines[start:end]` (markdown-it's map), its blank lines after it
    not counted.

    A quote whose last line holds an empty nested block (`> >`: a note line `>`, `>>`, `- >`) is
    mapped by markdown-it through the blank lines after it: the nested block's content is empty,
    and the parser skips empty lines past the end of the quote (`StateBlock.skipEmptyLines` looks
    up to the end of the text) and ends every block it is in there. A blank line is never a line
    of a block quote (it ends it), so the quote ends before them."""
    while end > start + 1 and _blank_in(lines[end - 1], lead) and not _line_text(lines[end - 1]).startswith(f"{lead}>"):
        end -= 1
    return end


def note_after(
    tokens: Sequence[Token], index: int, after: Token, lead: str, lines: list[str]
) -> tuple[str, tuple[int, int], int] | None:
    """The note quote at `tokens[index]`, if it is one right after the block `after` (a heading,
    a list item's first paragraph) at its depth, with `lead`: (the note, its lines (with a
    `QUOTE_BREAK` line after it), the index of the first token after the quote)."""
    if index >= len(tokens) or after.map is None:
        return None
    quote = tokens[index]
    if quote.type != "blockquote_open" or quote.level != after.level or quote.map is None:
        return None
    start, end = quote.map
    end = _quote_end(lines, start, end, lead)
    if start != after.map[1] or (note := read_note(lines, start, end, lead)) is None:
        return None
    if end < len(lines) and _line_text(lines[end]) == f"{lead}{QUOTE_BREAK}":
        after_break = _line_text(lines[end + 1]) if end + 1 < len(lines) else None
        if separator(after_break, lead) == f"{lead}{QUOTE_BREAK}":
            end += 1  # the exporter's line between the note and a block quote: the note's too
    close = index + 1
    while not (tokens[close].type == "blockquote_close" and tokens[close].level == quote.level):
        close += 1
    return note, (start, end), close + 1


# Where a note goes in an imported roadmap --------------------------------------------------------


def note_spots(head: str, chunks: list[tuple[Item | Node, str]]) -> dict[int, int]:
    """For each entry of `chunks` (entries and their `md`, in document order after `head`): how
    many lines of its `md` come before its note, by id: a heading's lines (two for a setext
    heading), a list item's first paragraph. Found as the import finds them, by parsing the
    whole text (a chunk alone may parse otherwise: a nested item is indented). An entry whose
    line starts no heading or list item (the text around it was removed) is not in it."""
    from roadmap_tui.formats.md_parser import block_parser

    starts: dict[int, Item | Node] = {}
    line = len(LINE_RE.findall(head))
    for entry, md in chunks:
        starts[line] = entry
        line += len(LINE_RE.findall(md))
    text = (head + "".join(md for _, md in chunks)).removeprefix("\ufeff")
    tokens = block_parser().parse(text, {})
    spots: dict[int, int] = {}
    for index, token in enumerate(tokens):
        if token.map is None:
            continue
        first, last = token.map
        found = starts.get(first)
        if token.type == "heading_open" and token.level == 0:
            if isinstance(found, Node):
                spots[id(found)] = last - first
        elif token.type == "list_item_open" and tokens[index + 1].type == "paragraph_open":
            paragraph = tokens[index + 1].map
            if isinstance(found, Item) and id(found) not in spots and paragraph is not None:
                spots[id(found)] = paragraph[1] - first
    return spots
