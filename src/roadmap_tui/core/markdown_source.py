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
