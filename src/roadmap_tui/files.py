"""Reading a roadmap file: the checks every reader shares (size, folder, encoding, emptiness).

Light on purpose (no tomlkit, no threads): `status`, `list` and `export` read through this.
"""

from __future__ import annotations

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
