"""Reading a roadmap file: the checks every reader shares (size, folder, encoding, emptiness).

Light on purpose (no tomlkit, no threads): `status`, `list` and `export` read through this.
"""

from __future__ import annotations

import re
from pathlib import Path

from roadmap_tui.schema import Problem, RoadmapError

MAX_FILE_BYTES = 20 * 1024 * 1024
CACHE_MIN_BYTES = 256 * 1024  # a smaller file parses faster than `cache` answers


def read_text(path: Path) -> str:
    """The file's text, or a `RoadmapError` that says what is wrong with it."""
    return decode(read_data(path), path)


def read_data(path: Path) -> bytes:
    """The file's bytes, or a `RoadmapError` if it is a folder, too big, or can't be read."""
    try:
        if path.is_dir():
            raise RoadmapError(path, [Problem("", "is a folder, not a roadmap file")])
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise RoadmapError(
                path, [Problem("", f"is {size:,} bytes; a roadmap file may be at most {MAX_FILE_BYTES:,}")]
            )
        data = path.read_bytes()
    except RoadmapError:
        raise
    except OSError as error:
        reason = error.strerror or str(error)
        raise RoadmapError(path, [Problem("", f"cannot be read: {reason}")]) from None
    return data


def decode(data: bytes, path: object) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise RoadmapError(
            path, [Problem(f"{line}:{column}", f"not UTF-8 text (byte 0x{data[error.start]:02x})")]
        ) from None


MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
# Lines no TOML file has but Markdown often does: a list item, a task, a code fence, a quote.
_MARKDOWN_LINE = re.compile(r"^\s{0,3}(?:[-*+]\s|\d{1,9}[.)]\s|```|~~~|>\s)", re.M)
SNIFF_BYTES = 64 * 1024


def looks_like_markdown(error: RoadmapError) -> bool:
    """Whether the file `error` is about is a Markdown file given as a roadmap: a name ending in
    .md (or .markdown ...) that is not a roadmap, or text that fails as TOML and reads as Markdown."""
    message = error.problems[0].message if error.problems else ""
    if message.startswith(("cannot be read", "is a folder", "cannot be created")):
        return False  # not about what the file holds
    path = Path(error.path)
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        return True
    if not message.startswith("invalid TOML"):
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return False
    return _MARKDOWN_LINE.search(head) is not None


def import_command(error: RoadmapError) -> str | None:
    """For a Markdown file given as the roadmap: the command that makes a roadmap of it."""
    if not looks_like_markdown(error):
        return None
    import shlex

    return f"roadmap-tui import {shlex.quote(error.path)}"


def import_advice(error: RoadmapError) -> str:
    """The CLI's advice for a Markdown file given as the roadmap (else "")."""
    command = import_command(error)
    return f"it looks like Markdown: make a roadmap of it with {command}" if command else ""
