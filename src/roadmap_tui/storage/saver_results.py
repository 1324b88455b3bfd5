"""What the saver takes and tells: a `Change` (a numbered edit, with its activity records), the
errors that keep changes waiting (`FileChangedError`, `FileMissingError`), and `Reloaded` (the
model of a file another program changed). Re-exported by `saver.py`, which uses them.

No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from roadmap_tui.core.edits import Edit
from roadmap_tui.core.model import Roadmap
from roadmap_tui.errors import RoadmapError


@dataclass(frozen=True)
class Change:
    """One edit as the store records it for the saver: numbered (`seq`) in the order it was made,
    so the saver can say how far the file has got (`written_seq`, `Reloaded.upto`)."""

    seq: int
    edit: Edit
    #: What the activity log records for the action this change ends (`activity.py`): records
    #: ride on the last change of an action and are appended once the file has it.
    log: tuple[dict[str, object], ...] = ()

    @property
    def titles(self) -> tuple[str, ...]:
        return self.edit.titles

    def describe(self) -> str:
        return self.edit.describe()


class FileChangedError(Exception):
    """The file was changed by another program into something this app cannot read."""

    def __init__(self, error: RoadmapError) -> None:
        super().__init__(
            f"the file was changed by another program and can't be read now ({error.one_line()}); "
            "your changes are kept until it is fixed"
        )
        self.error = error


class FileMissingError(Exception):
    """The file was there and is gone (`roadmap-tui remove`, `rm`, a sync client): it is not
    written again until `Saver.allow_create()`; the changes wait in memory meanwhile."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path.name} was removed from disk; your changes are kept until it is written again")
        self.path = path


@dataclass
class Reloaded:
    """The file had changed on disk: the model built from it as it is now (with our changes up to
    `upto`, the last change applied to it), or `error` if it can't be read."""

    roadmap: Roadmap | None
    upto: int
    lost: list[Change] = field(default_factory=list)
    error: Exception | None = None
