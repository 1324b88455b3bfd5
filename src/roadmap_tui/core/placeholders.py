"""Placeholders: the `_[hint]_` blanks in a text that the learner fills.

The text keeps its placeholder (so an emptied value brings the hint back); the learner's value
lives beside it, in the entry's `<name>_fill` field (`fill_key`), and replaces the first
placeholder on display (`fill_parts`) and on export (`apply_fill`). Only the first placeholder
of a text takes the fill: the others keep showing their hints.

Pure text functions: no model, no I/O, no Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

PLACEHOLDER_RE = re.compile(r"_\[(.*?)\]_")

FillPartKind = Literal["text", "fill", "hint"]


def fill_key(name: str) -> str:
    """The field that holds the fill of field `name` ("text" -> "text_fill")."""
    return f"{name}_fill"


@dataclass(frozen=True)
class FillPart:
    """A piece of a displayed text: literal text, a filled placeholder, or an empty one (its hint)."""

    text: str
    kind: FillPartKind


def has_placeholder(text: str) -> bool:
    return PLACEHOLDER_RE.search(text) is not None


def placeholder_hint(text: str) -> str | None:
    """The hint of the first placeholder in `text`, or None if it has none."""
    match = PLACEHOLDER_RE.search(text)
    return match.group(1) if match else None


def fill_parts(text: str, fill: str) -> list[FillPart]:
    """Split `text` for display: the first placeholder shows `fill`, or its hint when empty."""
    parts: list[FillPart] = []
    position = 0
    for index, match in enumerate(PLACEHOLDER_RE.finditer(text)):
        if match.start() > position:
            parts.append(FillPart(text[position : match.start()], "text"))
        if index == 0 and fill:
            parts.append(FillPart(fill, "fill"))
        else:
            parts.append(FillPart(match.group(1), "hint"))
        position = match.end()
    if position < len(text):
        parts.append(FillPart(text[position:], "text"))
    return parts


def apply_fill(text: str, fill: str, start: int = 0) -> str:
    """`text` with its first placeholder at or after `start` replaced by `fill` (if any).

    `start` lets the Markdown export skip what comes before an item's text in its source line
    (the list marker and the checkbox)."""
    if not fill:
        return text
    match = PLACEHOLDER_RE.search(text, start)
    if match is None:
        return text
    return text[: match.start()] + fill + text[match.end() :]
