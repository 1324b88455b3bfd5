"""`remove`: delete a roadmap after a backup, keeping its activity log beside it (part of
`roadmap_tui.library`, which re-exports it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from roadmap_tui import paths
from roadmap_tui.errors import RoadmapError
from roadmap_tui.library import BadRequest, LibraryError, NoSuchRoadmap, check_name, read_roadmap, summary
from roadmap_tui.storage import backups

if TYPE_CHECKING:
    pass

# Remove -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RemovePlan:
    """The roadmap a remove would delete, as read before asking (`plan_remove`)."""

    name: str
    file: Path
    state: str
    """Its progress in words, or why it cannot be opened."""


def plan_remove(name: str) -> RemovePlan:
    """The roadmap named `name`, ready to be removed; `BadRequest` for a bad or unknown name."""
    try:
        check_name(name)
    except ValueError as error:
        raise BadRequest(str(error)) from None
    file = paths.data_dir() / f"{name}.toml"
    if not file.exists() and not file.is_symlink():
        raise NoSuchRoadmap(name)
    try:
        state = summary(read_roadmap(file))
    except RoadmapError as error:
        state = f"it cannot be opened: {error.problems[0]}"
    return RemovePlan(name, file, state)


@dataclass(frozen=True)
class Removed:
    """What a remove kept: the roadmap's backup, and its activity log (None if it had none)."""

    backup: Path | None
    log: Path | None


def remove(plan: RemovePlan) -> Removed:
    """Back the roadmap up, move its activity log beside the backup, then delete it.

    The log is never deleted: it goes to the backups folder, named after the backup
    (`activity.kept_with`), and `restore_log` brings it back with the roadmap. If it cannot be
    moved, nothing is removed (`LibraryError`). A roadmap that is a symlink loses only the link:
    its log, beside the file it points to, stays with that file.
    """
    backup = backups.make_backup(plan.file, "before-remove")
    log = None if plan.file.is_symlink() else _keep_log(plan.file, backup)
    plan.file.unlink()
    return Removed(backup, log)


def _keep_log(file: Path, backup: Path | None) -> Path | None:
    from roadmap_tui.storage import activity

    try:
        return activity.keep_aside(file, backup)
    except OSError as error:
        kept = f" (its backup {backup} is kept)" if backup is not None else ""
        raise LibraryError(
            f"the activity log {activity.log_file(file)} cannot be moved to the backups folder: "
            f"{error.strerror or error}; nothing removed{kept}"
        ) from None


def restore_log(file: Path, backup: Path) -> Path | None:
    """Bring back the activity log kept with `backup` (a remove's) for the roadmap `file` just
    restored from it (`activity.bring_back`): where it is now, or None."""
    from roadmap_tui.storage import activity

    return activity.bring_back(file, backup)
