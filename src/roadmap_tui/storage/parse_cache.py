"""A cache of parsed roadmap files, so a big roadmap opens without parsing its TOML again.

`tomllib` is most of the start-up of a big roadmap (about 0.4 s for 10,000 items and 2.4 s
for 50,000 on the machine we measure on). What it returns (dicts, lists, strings, numbers,
booleans) is kept beside the user's other caches as `marshal` data, which is fast to read and
can't run code, keyed by a BLAKE2b digest of the file's exact bytes: any change to the file, by
anyone, is a miss, and a miss is only a parse. A file under `MIN_BYTES` is not cached (it parses
faster than the cache answers). A cache that can't be read or written is ignored.

`marshal` has no dates and times, which a roadmap file holds (`started_at`, `done_at`, and any
date in an unknown key). So a parse with dates is kept with each of them replaced by None (a
value TOML never gives) and listed beside it as its key path and ISO text; loading puts them
back. A file without dates pays nothing: its list is empty and its parse is marshal's alone.
The list is a tree of the keys that lead to dates (`Moments`), so a path shared by many (an
item's two dates, a section's items) is kept and walked once.
A cache whose list does not fit its parse (a path that leads nowhere, or to anything but None, a
date that does not read) is a miss, never a wrong answer; so is one damaged in any other way:
what it keeps is checked against a BLAKE2b digest of its own (under a millisecond for 10,000
items), so a flipped bit can't turn a title into another.

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
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Union

from roadmap_tui import paths
from roadmap_tui.errors import RoadmapError
from roadmap_tui.storage import fs

MIN_BYTES = 256 * 1024  # a smaller file parses faster than the cache answers
QUIET_SECONDS = 3.0
FORMAT = (2, marshal.version, sys.version_info[:2])  # 2: the list of dates, the digest of its own

#: Where the dates of a parse were: its keys and indexes that lead to any, as a tree of its own,
#: down to each date as (its kind, its ISO text): {"phases": {0: {"items": {3: {"done_at": (0, "...")}}}}}.
Moments = dict[Union[str, int], Union["Moments", tuple[int, str]]]
_KINDS: tuple[type[datetime] | type[date] | type[time], ...] = (datetime, date, time)  # datetime first: it is a date

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
        form, digest, check, payload = marshal.loads(cache_file(path).read_bytes())
        if form != FORMAT or digest != _digest(data) or not isinstance(payload, bytes) or check != _digest(payload):
            return None
        moments, parsed = marshal.loads(payload)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(parsed, dict) or (moments and not _put_back(parsed, moments)):
        return None
    return parsed


def save(path: Path, data: bytes, parsed: dict[str, Any]) -> bool:
    """Keep `parsed` as what these bytes of `path` parse to. False if it could not be kept."""
    if len(data) < MIN_BYTES:
        return False
    try:
        payload = marshal.dumps(({}, parsed))
    except ValueError:  # a date or time value: kept beside a copy without them
        plain, moments = _without_moments(parsed)  # a table in, a table (and a tree) out
        try:
            payload = marshal.dumps((moments or {}, plain))
        except ValueError:  # a value of another type: cannot come from tomllib
            return False
    blob = marshal.dumps((FORMAT, _digest(data), _digest(payload), payload))
    target = cache_file(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fs.atomic_write(target, blob)
    except OSError:
        return False
    return True


def _without_moments(value: Any) -> tuple[Any, Moments | tuple[int, str] | None]:
    """`value` with each date and time in it replaced by None, and where they were (None: it
    holds none, and is given back as it is, not copied); `value` itself is never changed."""
    if isinstance(value, (dict, list)):
        found: Moments = {}
        copy: Any = None
        for step, child in value.items() if isinstance(value, dict) else enumerate(value):
            new, inside = _without_moments(child)
            if inside is not None:
                copy = (dict(value) if isinstance(value, dict) else list(value)) if copy is None else copy
                copy[step] = new
                found[step] = inside
        return (value, None) if copy is None else (copy, found)
    for kind, cls in enumerate(_KINDS):
        if isinstance(value, cls):
            return None, (kind, value.isoformat())
    return value, None


def _put_back(container: Any, moments: Any) -> bool:
    """Put the dates `moments` says are in `container` back in; False if they do not fit it."""
    table = isinstance(container, dict)
    if not isinstance(moments, dict) or not moments or not (table or isinstance(container, list)):
        return False
    try:
        for step, inside in moments.items():  # what a damaged cache holds: checked as it goes
            if isinstance(step, str) is not table:
                return False
            if type(inside) is tuple:
                kind, text = inside
                if container[step] is not None or type(text) is not str or kind not in (0, 1, 2):
                    return False
                container[step] = _KINDS[kind].fromisoformat(text)
            elif not _put_back(container[step], inside):
                return False
    except (KeyError, IndexError, TypeError, ValueError, RecursionError):
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
