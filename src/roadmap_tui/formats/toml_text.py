"""`toml_string()`: a Python string as a TOML basic string, written by hand.

Markdown import writes its roadmap TOML with it, and the benchmark's generator
(`benchmarks/generate.py`) its large roadmaps. Written by hand rather than with tomlkit:
tomlkit's multi-line strings keep a bare "\\r" and mishandle a final quote, and `md` is far
more readable as a multi-line string.

Invariant: `tomllib.loads(f"a = {toml_string(v)}")["a"] == v` for every string `v` (lone
surrogates aside, which no file can hold; `tests/formats/test_import.py` checks it, with
Hypothesis and edge cases). Every string is a basic string: one line unless the value holds a
newline, then multi-line. Control characters, U+0085, U+2028, U+2029 and the BOM are escaped
even where TOML would allow them, since they are invisible or break lines in editors.
"""

from __future__ import annotations

import re

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
#: Must be escaped in a basic string (or had better be: invisible or line-breaking to editors).
_ONE_LINE_RE = re.compile('[\\\\"\x00-\x1f\x7f\x85\u2028\u2029\ufeff]')
#: In a multi-line string: the same less tab and newline, and a quote only where it could end it.
_MULTI_LINE_RE = re.compile('[\\\\\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029\ufeff]|"(?="|\\Z)')


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04X}"


def toml_string(value: str) -> str:
    """`value` as a TOML basic string: one line, or multi-line when it holds line breaks."""
    if "\n" not in value:
        return '"' + _ONE_LINE_RE.sub(_escape, value) + '"'
    # The newline right after the opening quotes is dropped by TOML readers.
    return '"""\n' + _MULTI_LINE_RE.sub(_escape, value) + '"""'
