"""Reading a roadmap file: the one pipeline every reader shares, from the path to the model.

`read_roadmap(path)` reads the file (`read_data`: a regular file only, at most `MAX_FILE_BYTES`,
never a named pipe that would hang), decodes it (UTF-8, a byte-order mark dropped), refuses an
empty one, parses its TOML (or takes the parse the cache kept for exactly these bytes) and
validates it into a `Roadmap` (`schema.build_roadmap`). `parse_roadmap(data, path)` does the
same for bytes already read (the saver's look at the file), and `default_roadmap(path)` for the
shipped default that stands in for a file not created yet. Everything that reads a roadmap goes
through these (the store, the saver, backups, the parse cache's refresh and the command line),
so every check and every message is written here once. Anything unusable is a `RoadmapError`
that names the file.

Light on purpose (no tomlkit, no threads of its own): `status`, `list` and `export` read
through this.
"""

from __future__ import annotations

import enum
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from roadmap_tui import paths
from roadmap_tui.core.limits import MAX_FILE_BYTES  # noqa: F401 - the reader's API too
from roadmap_tui.core.model import Roadmap
from roadmap_tui.errors import Problem, RoadmapError
from roadmap_tui.storage import parse_cache
from roadmap_tui.storage.schema import build_roadmap, parse_toml

EMPTY = "is empty: it holds no roadmap"


class CacheUse(enum.Enum):
    """How a read uses the parse cache (`parse_cache`; only a file of at least its `MIN_BYTES`)."""

    OFF = "off"  # parse every time
    READ = "read"  # take the parse the app cached for these bytes; keep none (a command that only reads)
    UPDATE = "update"  # take it, and on a miss cache the fresh parse in the background (the app)


@dataclass(frozen=True)
class RoadmapFile:
    """A roadmap file read and validated: its exact bytes, its text, its schema, the model."""

    data: bytes  # as on disk (a byte-order mark kept: see `encode_like`)
    text: str  # decoded, without the byte-order mark
    version: int  # the file's `schema` (at most `schema.SCHEMA`; lower: it needs an upgrade)
    roadmap: Roadmap


def read_roadmap(path: Path, *, cache: CacheUse = CacheUse.OFF) -> RoadmapFile:
    """Read `path` and validate it as a roadmap; `RoadmapError` naming it if it is unusable
    (missing, a folder, not a regular file, too big, unreadable, not UTF-8, empty, not TOML,
    not a roadmap)."""
    return parse_roadmap(read_data(path), path, cache=cache)


def default_roadmap(path: Path) -> RoadmapFile:
    """The shipped default roadmap, as what `path` holds while it does not exist yet."""
    return parse_roadmap(paths.default_roadmap_bytes(), path)


def parse_roadmap(data: bytes, path: Path, *, cache: CacheUse = CacheUse.OFF) -> RoadmapFile:
    """The bytes `data` of the file `path`, validated as a roadmap (see `read_roadmap`)."""
    text = roadmap_text(data, path)
    parsed = parse_cache.load(path, data) if cache is not CacheUse.OFF else None
    if parsed is None:
        parsed = parse_toml(text, path)
        if cache is CacheUse.UPDATE:
            parse_cache.save_in_background(path, data, parsed)
    roadmap = build_roadmap(parsed, path)  # the one place a parse becomes a model
    return RoadmapFile(data=data, text=text, version=parsed["schema"], roadmap=roadmap)


def parse_data(data: bytes, path: Path) -> dict[str, Any]:
    """What `tomllib` gives for these bytes of a roadmap file (what the parse cache keeps)."""
    return parse_toml(roadmap_text(data, path), path)


def roadmap_text(data: bytes, path: object) -> str:
    """The text of a roadmap file's bytes; `RoadmapError` if it is not UTF-8 or holds nothing."""
    text = decode(data, path)
    if not text.strip():
        raise RoadmapError(path, [Problem("", EMPTY)])
    return text


def read_text(path: Path) -> str:
    """The file's text, or a `RoadmapError` that says what is wrong with it."""
    return decode(read_data(path), path)


def _kind(mode: int) -> str | None:
    """What a file that is not a regular one is, as a problem; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a roadmap file"
    if stat.S_ISFIFO(mode):
        return "is not a regular file (a named pipe), not a roadmap file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is not a regular file (a device), not a roadmap file"
    return "is not a regular file (a socket or the like), not a roadmap file"


def read_bounded(path: Path) -> bytes:
    """The bytes of the regular file `path`, at most `MAX_FILE_BYTES` of them.

    Nothing but a regular file is opened (a named pipe would wait for a writer, a device give
    bytes without end): checked with `stat` first, opened without blocking, and checked again on
    what was opened. The limit counts the bytes read, not the size the file claims.
    `RoadmapError` for a file of another kind or too big; OSError (FileNotFoundError...) as is.
    """
    problem = _kind(os.stat(path).st_mode)
    if problem is None:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            st = os.fstat(fd)
            problem = _kind(st.st_mode)
            if problem is None and st.st_size > MAX_FILE_BYTES:
                problem = f"is {st.st_size:,} bytes; a roadmap file may be at most {MAX_FILE_BYTES:,}"
            if problem is None:
                os.set_blocking(fd, True)
                chunks: list[bytes] = []
                got = 0
                while got <= MAX_FILE_BYTES:
                    chunk = os.read(fd, min(1 << 20, MAX_FILE_BYTES + 1 - got))
                    if not chunk:
                        return b"".join(chunks)
                    chunks.append(chunk)
                    got += len(chunk)
                problem = f"is more than {MAX_FILE_BYTES:,} bytes; a roadmap file may be at most {MAX_FILE_BYTES:,}"
        finally:
            os.close(fd)
    raise RoadmapError(path, [Problem("", problem)])


def read_data(path: Path) -> bytes:
    """The file's bytes, or a `RoadmapError` if it is a folder, not a regular file, too big, or
    can't be read."""
    try:
        data = read_bounded(path)
    except RoadmapError:
        raise
    except OSError as error:
        reason = error.strerror or str(error)
        raise RoadmapError(path, [Problem("", f"cannot be read: {reason}")]) from None
    return data


UTF8_BOM = b"\xef\xbb\xbf"


def encode_like(text: str, original: bytes | None) -> bytes:
    """`text` as the file's bytes, keeping the byte-order mark the file had (`decode` drops it)."""
    data = text.encode("utf-8")
    return UTF8_BOM + data if original is not None and original.startswith(UTF8_BOM) else data


def decode(data: bytes, path: object) -> str:
    if data.startswith(UTF8_BOM):
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
    not_about_content = ("cannot be read", "is a folder", "cannot be created", "is not a regular file", "is more than")
    if message.startswith(not_about_content):
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
