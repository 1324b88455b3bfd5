"""The Markdown an imported roadmap carries (`md_head`, each entry's `md`): how its lines and
checkbox marks are found, in one place for the import, the export and the file's checks.

Lines are cut the way markdown-it counts them: `\\r\\n`, `\\r` and `\\n` all end a line, so a
file with any of them exports back byte for byte. Regexes only: no model, no I/O.
"""

from __future__ import annotations

import re

#: One line as markdown-it counts them, with its line end (the last line may have none).
LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
#: A line end, as markdown-it counts them.
LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
#: A checkbox mark in an imported item's source: its first `[ ]`, `[x]` or `[X]`.
MARK_RE = re.compile(r"\[([ xX])\]")
#: Leading indentation and block quote markers of a line.
LEAD_RE = re.compile(r"[ \t>]*")
#: A line that starts a block of its own, so it cannot be a paragraph's lazy continuation.
BLOCK_START_RE = re.compile(r"[ \t>]*(?:[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|#|```|~~~|<|\||(?:[-*_][ \t]*){3,}$)")
_REST_OF_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")


def indent_width(line: str) -> int:
    """How far a line's text starts: its leading spaces, tabs and `>`s (tabs to 4 columns)."""
    lead = LEAD_RE.match(line)
    assert lead is not None  # the pattern matches the empty string too
    return len(lead.group().expandtabs(4))


def block_end(text: str, width: int | None) -> int:
    """Where the entry that `text` starts with ends (what follows is not its own).

    For a list entry whose first line's text starts at `width`: after its last line, i.e. the
    lines indented deeper than that and the lazy continuation lines of its paragraph (so text
    after the list, such as a "back to top" link, is not the entry's). For a heading (`width`
    None): after the last line that is not blank.
    """
    if width is None:
        content = len(text.rstrip(" \t\r\n"))
        match = _REST_OF_LINE_RE.match(text, content)
        return match.end() if match else len(text)
    end = 0
    previous_blank = False
    quoted = False  # the entry is in a block quote: `>`s count as its indentation
    for number, match in enumerate(LINE_RE.finditer(text)):
        line = match.group().rstrip("\r\n")
        if number == 0:
            end = match.end()
            lead = LEAD_RE.match(line)
            quoted = lead is not None and ">" in lead.group()
            continue
        if not line.strip(" \t>"):
            previous_blank = True
            continue
        depth = indent_width(line) if quoted else len(line[: len(line) - len(line.lstrip(" \t"))].expandtabs(4))
        if depth > width or (not previous_blank and not BLOCK_START_RE.match(line)):
            end = match.end()
            previous_blank = False
            continue
        break
    return end
