"""How text from the roadmap file is shown: literally, with blanks as dim hints to fill in.

Everything here builds `Content` (or, for the tree, rich `Text`) from plain strings, never from
markup, and passes the text through `visible()` first so no control character reaches the screen.

Roadmaps imported from Markdown are full of links: `[CS50 (video)](https://...)` shows as its
text, underlined, and `` `code` `` as code, so a list reads as it does on GitHub. Nothing else
of Markdown is interpreted (the text is still data: no link can be clicked into an action).
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.content import Content

from roadmap_tui.literal import visible
from roadmap_tui.model import Entry, Node, segments

PENCIL = "✎ "
#: `[text](url)`, `![alt](src)` (with an optional title) and `` `code` `` in a Markdown text.
INLINE_RE = re.compile(
    r"!?\[([^\]\n]+)\]\(\s*<?(?:[^()\s<>]|\([^()\s]*\))*>?(?:\s+\"[^\"\n]*\")?\s*\)"
    r"|`([^`\n]+)`"
)
LINK_STYLE = "underline"
CODE_STYLE = "bold"


def inline_parts(text: str) -> list[tuple[str, str]]:
    """`text` as (piece, kind) pairs: kind "" (as it is), "link" (a link's text) or "code"."""
    parts: list[tuple[str, str]] = []
    position = 0
    for match in INLINE_RE.finditer(text):
        if match.start() > position:
            parts.append((text[position : match.start()], ""))
        if match.group(2) is not None:
            parts.append((match.group(2), "code"))
        else:
            parts.append((match.group(1), "link"))
        position = match.end()
    if position < len(text) or not parts:
        parts.append((text[position:], ""))
    return parts


def _shown(text: str) -> list[tuple[str, str]]:
    styles = {"": "", "link": LINK_STYLE, "code": CODE_STYLE}
    return [(visible(piece), styles[kind]) for piece, kind in inline_parts(text)]


def source(entry: Entry) -> tuple[str, str]:
    """The text an entry is shown by (a node's title, an item's text) and its fill."""
    if isinstance(entry, Node):
        return entry.title, entry.title_fill
    return entry.text, entry.text_fill


def styled_text(text: str, fill: str) -> Content:
    """A text with its blank shown as the learner's value, or as a dim hint to fill in."""
    parts: list[tuple[str, str] | str] = []
    for segment in segments(text, fill):
        shown = visible(segment.text)
        if segment.kind == "fill":
            parts.append((shown, "bold $text-accent"))
        elif segment.kind == "hint":
            parts.append((PENCIL + shown, "italic $foreground-muted"))
        else:
            parts.extend(_shown(segment.text))
    return Content.assemble(*parts)


def entry_content(entry: Entry) -> Content:
    return styled_text(*source(entry))


def entry_text(entry: Entry) -> Text:
    """The same as `entry_content`, as rich `Text` (what Textual's Tree takes)."""
    text = Text(no_wrap=True)
    for segment in segments(*source(entry)):
        if segment.kind == "hint":
            text.append(PENCIL + visible(segment.text), style="dim italic")
        elif segment.kind == "fill":
            text.append(visible(segment.text), style="bold")
        else:
            for piece, style in _shown(segment.text):
                text.append(piece, style=style or None)
    return text


def path_content(entries: list[Entry], separator: str = " › ") -> Content:
    """Entries joined into a breadcrumb."""
    return Content(separator).join(entry_content(entry) for entry in entries)
