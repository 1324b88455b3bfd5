"""How text from the roadmap file is shown: literally, with blanks as dim hints to fill in.

Everything here builds `Content` (or, for the tree, rich `Text`) from plain strings, never from
markup, and passes the text through `visible()` first so no control character reaches the screen.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from roadmap_tui.literal import visible
from roadmap_tui.model import Entry, Node, segments

PENCIL = "✎ "


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
            parts.append((PENCIL + shown, "italic $text-muted"))
        else:
            parts.append(shown)
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
            text.append(visible(segment.text))
    return text


def path_content(entries: list[Entry], separator: str = " › ") -> Content:
    """Entries joined into a breadcrumb."""
    return Content(separator).join(entry_content(entry) for entry in entries)
