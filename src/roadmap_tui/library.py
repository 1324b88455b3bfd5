"""`roadmap-tui reset`: uncheck every item, keeping what was saved while it asked.

The question shows the progress as it is; the answer may come much later, while the app saves
changes. So after the answer, holding the folder lock every roadmap-tui writer takes, the file
is read again, its numbers are checked against the ones asked about (if they differ, nothing
is done: the person answered another question), and the progress is cleared in the file as it
is now, so a blank filled meanwhile stays. The backup and the write happen under that lock.
Light: tomlkit only when a reset happens.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from roadmap_tui.core.model import Roadmap


class Changed(Exception):
    """The file changed while the question waited, so that the answer does not hold for it."""


def _clear_done(table: Any) -> int:
    """Set every `done = true` in a tomlkit table and its sections/items to false; returns how many."""
    cleared = 0
    if table.get("done") is True:
        table["done"] = False
        cleared += 1
    for key in ("phases", "sections", "items"):
        children = table.get(key)
        if isinstance(children, list):
            for child in children:
                if isinstance(child, dict):
                    cleared += _clear_done(child)
    return cleared


def clear_progress(text: str) -> tuple[str, int]:
    """The roadmap TOML `text` with every checkbox unchecked, and how many were checked.

    Edited through tomlkit, so comments, layout, filled-in text and unknown keys stay as they are.
    """
    import tomlkit

    document = tomlkit.parse(text)
    cleared = _clear_done(document)
    return document.as_string(), cleared


def _progress(roadmap: Roadmap) -> str:
    return f"{roadmap.n_done} of {roadmap.n_total} done"


def reset(
    file: Path,
    label: str,
    load: Callable[[Path], Roadmap],
    confirm: Callable[[str], None],
    say: Callable[[str], None],
) -> int:
    """Ask (`confirm` raises to say no), then clear the progress of `file`; the exit status."""
    from roadmap_tui.storage import backups
    from roadmap_tui.storage.fs import atomic_write, folder_lock
    from roadmap_tui.storage.schema import build_roadmap, parse_toml

    roadmap = load(file)
    if not file.exists():
        say(f"{label} has no progress to clear (it is not created yet)")
        return 0
    from roadmap_tui.storage.reader import read_text

    if not clear_progress(read_text(file))[1]:
        say(f"{label} has no progress to clear ({_progress(roadmap)})")
        return 0
    asked = (roadmap.n_done, roadmap.n_total)
    confirm(f"Clear progress of {label} ({_progress(roadmap)})?")
    with folder_lock(file):
        if not file.exists():
            raise Changed(f"{label} was removed while you were asked; nothing changed")
        now = load(file)  # a file broken meanwhile: its RoadmapError, and nothing is written
        if (now.n_done, now.n_total) != asked:
            raise Changed(
                f"{label} changed while you were asked (now {_progress(now)}); nothing changed: "
                "run reset again"
            )
        new_text, _ = clear_progress(read_text(file))
        after = build_roadmap(parse_toml(new_text, file), file)
        if after.n_done:  # cannot happen: every flag is cleared; never write a file that says otherwise
            raise RuntimeError(f"reset left {after.n_done} items done")
        backup = backups.make_backup(file, "before-reset")
        atomic_write(file, new_text.encode("utf-8"))
    say(f"cleared the progress of {label} ({now.n_done} were done); the file before is backed up in {backup}")
    return 0
