"""How text from the roadmap file is shown: as formatted Markdown, with blanks as dim hints.

Everything here builds `Content` (or, for the tree, rich `Text`) from plain strings with
explicit styles, never from markup, and passes the text through `visible()` so no control
character reaches the screen. A file's `[bold]` or `[@click=...]` is text like any other.

Roadmaps imported from Markdown are full of it: the literal parts of a text (the blanks are cut
out first, `placeholders.fill_parts`) go through `md_inline.inline_spans` (markdown-it's tokens), so
`[CS50 (video)](https://...)` shows as its text, underlined, `**bold**` bold, `\\#1` as `#1`.
A link is never clickable into an action. See `formats/md_inline.py` for what becomes what.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from roadmap_tui.core.model import Entry, Node
from roadmap_tui.core.placeholders import fill_parts
from roadmap_tui.formats.md_blocks import BULLET, Block, Bullet
from roadmap_tui.formats.md_inline import inline_spans, plain
from roadmap_tui.safe_text import visible

PENCIL = "✎ "
#: The learner's own text in a blank: plain text, as what they wrote (the hint is what is dim).
FILL_STYLE = ""
HINT_STYLE = "italic $foreground-muted"
#: How each kind of inline Markdown looks in the pane (Content) and in the tree (rich Text).
STYLES = {"link": "underline", "strong": "bold", "em": "italic", "strike": "strike", "code": "$text-warning"}
TREE_STYLES = {**STYLES, "code": "bold"}
LINK_STYLE = STYLES["link"]
CODE_STYLE = STYLES["code"]


def _style(kind: str, styles: dict[str, str]) -> str:
    return " ".join(styles[flag] for flag in kind.split()) if kind else ""


def markdown_parts(text: str, styles: dict[str, str] = STYLES) -> list[tuple[str, str]]:
    """The literal `text` (inline Markdown) as (shown text, style) pairs, made visible.

    `visible` runs before the parse (so a newline shows as `\\n`, as everywhere) and after it
    (an entity such as `&#x9b;` could make a control character)."""
    return [(visible(piece), _style(kind, styles)) for piece, kind in inline_spans(visible(text))]


#: The most characters of one text that are shown (the file keeps all of it): a 9.5 MB item
#: would take seconds to lay out, for every frame and every toggle.
SHOWN_CHARS = 2000


def bounded(text: str) -> str:
    """`text`, or its first `SHOWN_CHARS` characters and "…" when it is longer."""
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def source(entry: Entry) -> tuple[str, str]:
    """The text an entry is shown by (a node's title, an item's text) and its fill."""
    if isinstance(entry, Node):
        return entry.title, entry.title_fill
    return entry.text, entry.text_fill


def styled_text(text: str, fill: str) -> Content:
    """A text with its blank shown as the learner's value, or as a dim hint to fill in (a long
    one cut with "…", `bounded`)."""
    text, fill = bounded(text), bounded(fill)
    parts: list[tuple[str, str] | str] = []
    for segment in fill_parts(text, fill):
        shown = visible(segment.text)
        if segment.kind == "fill":
            parts.append((shown, FILL_STYLE))
        elif segment.kind == "hint":
            parts.append((PENCIL + shown, HINT_STYLE))
        else:
            parts.extend(markdown_parts(segment.text))
    return Content.assemble(*parts)


def entry_content(entry: Entry) -> Content:
    return styled_text(*source(entry))


def entry_text(entry: Entry) -> Text:
    """The same as `entry_content` (cut as long, `bounded`), as rich `Text` (what Textual's Tree
    takes)."""
    text = Text(no_wrap=True)
    for segment in fill_parts(*map(bounded, source(entry))):
        if segment.kind == "hint":
            text.append(PENCIL + visible(segment.text), style="dim italic")
        elif segment.kind == "fill":
            text.append(visible(segment.text))
        else:
            for piece, style in markdown_parts(segment.text, TREE_STYLES):
                text.append(piece, style=style or None)
    return text


def plain_text(entry: Entry) -> str:
    """The entry's display text as plain text: Markdown rendered, a blank as its fill or its
    hint, control characters made visible (for a toast, the command palette's results)."""
    out = []
    for segment in fill_parts(*source(entry)):
        out.append(visible(segment.text) if segment.kind != "text" else plain(visible(segment.text)))
    return visible("".join(out))


def path_content(entries: list[Entry], separator: str = " › ") -> Content:
    """Entries joined into a breadcrumb."""
    return Content(separator).join(entry_content(entry) for entry in entries)


def note_parts(block: Block, depth: int = 0) -> tuple[Content, Content]:
    """A row of a heading's own text, or a plain sub-bullet (`depth` lists deep): its mark
    (indent and marker) and its text, dim as secondary text; headings bold, code verbatim."""
    mark = Content("    " * depth + " " * block.indent) + Content.styled(block.marker, "$foreground-muted")
    if block.kind in ("code", "text"):
        label = Content.styled(visible(block.text), CODE_STYLE if block.kind == "code" else "")
    elif block.kind in ("table", "table-head"):
        label = Content(" │ ").join(styled_text(cell, "") for cell in block.cells)
    else:
        label = styled_text(block.text, "")
    if block.kind in ("heading", "table-head"):
        label = label.stylize("bold")
    return mark, label.stylize("$foreground-muted")


def bullet_block(bullet: Bullet) -> Block:
    """A plain sub-bullet as the row it shows as: "• text"."""
    return Block("heading" if bullet.heading else "paragraph", bullet.text, 0, BULLET)
