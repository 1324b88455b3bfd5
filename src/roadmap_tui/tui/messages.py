"""What the app hears about from outside the event loop: the saver's thread, and the jobs of
`background.py` (each a disk wait that ran off the loop and says how it went).

Messages are small dataclasses (Textual's `Message.__init__` calls `__post_init__`, which is
what a dataclass's `__init__` calls). A message that only the app handles does not bubble.
A job that failed unexpectedly sends `BackgroundFailed`, which the app raises on the loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from roadmap_tui.storage.saver import Reloaded
    from roadmap_tui.storage.store import RoadmapStore


@dataclass
class SaveFinished(Message, bubble=False):
    """A write finished (on the saver's thread): `error` is None, or what stopped it."""

    error: Exception | None
    store: RoadmapStore  # whose saver it was


@dataclass
class LogFinished(Message, bubble=False):
    """The saver appended to the activity log (or tried): `error` is None, or what stopped it
    (the roadmap itself was saved either way)."""

    error: Exception | None
    store: RoadmapStore  # whose saver it was


@dataclass
class FileReloaded(Message, bubble=False):
    """Another program changed the file: the model as it is now (or why it can't be read)."""

    reloaded: Reloaded
    store: RoadmapStore  # whose saver it was


@dataclass
class BackgroundFailed(Message, bubble=False):
    """A job off the loop raised what it should not have: the app raises it (a crash)."""

    error: Exception


@dataclass
class QuitWaitOver(Message, bubble=False):
    """A quit's wait for the disk ended: `written` is False if it timed out (a signal's wait)."""

    written: bool


@dataclass
class RecoverRequested(Message, bubble=False):
    """The load-error screen asks: move the file aside and start again (from a backup, or the
    default roadmap)."""

    from_backup: bool


@dataclass
class Recovered(Message, bubble=False):
    """Started again: the unusable file is now `moved`; `store` holds the roadmap, loaded from
    `backup` (or from the default, when None)."""

    store: RoadmapStore
    moved: Path
    backup: Path | None


@dataclass
class RoadmapOpened(Message, bubble=False):
    """Another roadmap is loaded (its view-state read too), ready to be shown in place of this one."""

    store: RoadmapStore


@dataclass
class NotOpened(Message, bubble=False):
    """A recovery or a switch did not happen: `reason`, as the learner reads it."""

    reason: str
    timeout: float = 10


@dataclass
class SettingsProblem(Message, bubble=False):
    """The settings file could not be written (the theme just chosen): what to tell the learner."""

    problem: str
