"""A cache of parsed roadmap files, so a big roadmap opens without parsing its TOML again.

`tomllib` is most of the start-up of a big roadmap (about 0.4 s for 10,000 items and 2.4 s
for 50,000 on the machine we measure on). What it returns (dicts, lists, strings, numbers,
booleans) is kept beside the user's other caches as `marshal` data, which is fast to read and
can't run code, keyed by a BLAKE2b digest of the file's exact bytes: any change to the file, by
anyone, is a miss, and a miss is only a parse. A file under `MIN_BYTES` is not cached (it parses
faster than the cache answers). A cache that can't be read or written is ignored.

After the app saves a big file, the cache is brought up to date in a background thread once
saves have been quiet for a few seconds, so the next launch finds it. This module keeps and
finds parses; it does not parse: `storage.reader` (the one read pipeline) uses it, and hands
`refresh_later` its own parse, so the cache sits below the reader.

No Textual here.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from roadmap_tui import paths
from roadmap_tui.errors import RoadmapError
from roadmap_tui.storage import fs

MIN_BYTES = 256 * 1024  # a smaller file parses faster than the cache answers
QUIET_SECONDS = 3.0
FORMAT = (1, marshal.version, sys.version_info[:2])

_timers: dict[str, threading.Timer] = {}
_lock = threading.Lock()


def cache_file(path: Path) -> Path:
    name = hashlib.blake2b(os.path.realpath(path).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
    return paths.cache_dir() / "parsed" / f"{name}.marshal"


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=32).digest()


def load(path: Path, data: bytes) -> dict[str, Any] | None:
    """What tomllib gave for exactly these bytes of `path`, if the cache has it."""
    if len(data) < MIN_BYTES:
        return None
    try:
        stored = marshal.loads(cache_file(path).read_bytes())
        form, digest, parsed = stored
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if form != FORMAT or digest != _digest(data) or not isinstance(parsed, dict):
        return None
    return parsed


def save(path: Path, data: bytes, parsed: dict[str, Any]) -> bool:
    """Keep `parsed` as what these bytes of `path` parse to. False if it could not be kept."""
    if len(data) < MIN_BYTES:
        return False
    try:
        blob = marshal.dumps((FORMAT, _digest(data), parsed))
    except ValueError:  # a date or time value: not worth a format of our own
        return False
    target = cache_file(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fs.atomic_write(target, blob)
    except OSError:
        return False
    return True


def save_in_background(path: Path, data: bytes, parsed: dict[str, Any]) -> None:
    """`save`, in a thread of its own (the app does not wait for it)."""
    if len(data) >= MIN_BYTES:
        threading.Thread(target=save, args=(path, data, parsed), name="roadmap-cache", daemon=True).start()


def refresh_later(
    path: Path, data: bytes, parse: Callable[[bytes, Path], dict[str, Any]], delay: float = QUIET_SECONDS
) -> None:
    """Cache what `parse(data, path)` gives (`reader.parse_data`: the cache does not parse) once
    `delay` seconds pass without another call for `path`. Bytes that don't parse are not cached."""
    if len(data) < MIN_BYTES:
        return
    key = os.path.realpath(path)

    def refresh() -> None:
        try:
            parsed = parse(data, path)
        except RoadmapError:
            return
        save(path, data, parsed)

    timer = threading.Timer(delay, refresh)
    timer.daemon = True
    timer.name = "roadmap-cache"
    with _lock:
        previous = _timers.pop(key, None)
        if previous is not None:
            previous.cancel()
        _timers[key] = timer
    timer.start()
