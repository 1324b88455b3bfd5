"""Text from a roadmap file, made safe to show: control characters become visible escapes.

Titles and items come from files people download. Nothing in them may reach the terminal as a
control sequence (ANSI escapes, OSC 52 clipboard writes) or reorder what is shown (bidi
overrides). The UI renders the result literally (never as markup); this module has no Textual.
"""

from __future__ import annotations

import re

# The last range: lone surrogates, which is how Python holds the bytes of a file name that are
# not UTF-8 (`os.fsdecode`): written out, they would be those raw bytes (0x9b is a CSI).
_UNSAFE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char == "\n":
        return "\\n"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name: shown as that byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with tabs as spaces and every other control character as an escape like `\\x1b`."""
    return _UNSAFE.sub(_escape, text.replace("\t", " "))
