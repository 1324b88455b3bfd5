"""The crash log: where an unexpected error's traceback goes, so the person sees one line.

Both front ends end the same way on a bug: the command line (`cli.main`) and the app
(`RoadmapApp._fatal_error`) append the traceback here and name the log in their one line; a
traceback never reaches the terminal. Each entry starts with a `---` line: the local time and
what was running (the command line typed, or the roadmap file the app had open).

A leaf: the standard library and `paths`, nothing else of ours.
"""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path

from roadmap_tui import paths


def write_crash_log(error: BaseException | None, context: str) -> Path | None:
    """Append `error`'s traceback (None: the one being handled) to the crash log; the log's
    path, or None if it could not be written (a full disk must not hide the first error)."""
    log = paths.crash_log()
    details = traceback.format_exc() if error is None else "".join(traceback.format_exception(error))
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now().isoformat(timespec='seconds')} {context}\n")
            handle.write(details)
    except OSError:
        return None
    return log
