"""`reset`: clear a roadmap's progress after asking, under the lock every writer takes (part of
`roadmap_tui.library`, which re-exports it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from roadmap_tui.library import Changed, _atomic_write, open_read_only, summary
from roadmap_tui.storage import backups, reader
from roadmap_tui.storage.reader import CacheUse, parse_roadmap

if TYPE_CHECKING:
    from roadmap_tui.core.edits import Edit
    from roadmap_tui.core.model import Roadmap

# Reset --------------------------------------------------------------------------------------
# The question shows the progress as it is; the answer may come much later, while the app saves
# changes. So after the answer, holding the folder lock every roadmap-tui writer takes, the file
# is read again, its numbers are checked against the ones asked about (if they differ, nothing
# is done: the person answered another question), and the progress is cleared in the file as it
# is now, so a blank filled meanwhile stays. The backup and the write happen under that lock.
# The clearing is typed edits made on the model of the text they are applied to (`_unchecked`),
# as every change to a roadmap is.


def _unchecked(text: str, roadmap: Roadmap) -> tuple[str, int]:
    """`text` with the progress of every item of `roadmap` (its model) cleared, and how many
    items had some."""
    import tomlkit  # only when a reset happens

    from roadmap_tui.storage import toml_edit

    document = tomlkit.parse(text)
    edits = _progress_edits(roadmap)
    for edit in edits:
        if not toml_edit.apply(document, edit):  # cannot happen: the model is this text's
            raise RuntimeError(f"reset found no table to {edit.describe()}")
    return document.as_string(), _items_with_progress(roadmap)


def _progress_edits(roadmap: Roadmap) -> list[Edit]:
    """What a reset clears: every item's progress (`edits.uncheck_all`), and every review
    (`review_edits.clear_reviews`: finished again, a topic's reviews start from the first step)."""
    from roadmap_tui.core.edits import uncheck_all
    from roadmap_tui.core.review_edits import clear_reviews

    return [*uncheck_all(roadmap), *clear_reviews(roadmap)]


def _items_with_progress(roadmap: Roadmap) -> int:
    """How many entries a reset changes: items checked, doing or skipped, or with a date, and
    entries with reviews."""
    return len({edit.where for edit in _progress_edits(roadmap)})


def _progress(roadmap: Roadmap) -> tuple[int, ...]:
    """What a reset's question was about: the counts, and how many items have progress."""
    return roadmap.n_done, roadmap.n_total, roadmap.n_doing, roadmap.n_skipped, _items_with_progress(roadmap)


def clear_progress(text: str, path: Path = Path("<roadmap text>")) -> tuple[str, int]:
    """The roadmap TOML `text` with every item's progress cleared, and how many items had some.

    The one way a roadmap changes: typed edits (`edits.uncheck_all`: `done` set to false on each
    checked item; its `state`, `started_at` and `done_at` removed) applied to its tomlkit document
    (`toml_edit.apply`), so comments, layout, filled-in text, notes and unknown keys stay as they
    are. A `done` key on a heading is not a checkbox (the app shows none) and stays.
    `RoadmapError` (naming `path`) if `text` is no roadmap.
    """
    return _unchecked(text, parse_roadmap(text.encode("utf-8"), path).roadmap)


@dataclass(frozen=True)
class ResetPlan:
    """What a reset of `file` would clear, as read before asking (`plan_reset`)."""

    file: Path
    label: str
    roadmap: Roadmap
    exists: bool
    cleared: int
    """How many items have progress to clear (checked, topics' own flags included; doing;
    skipped; or only a date left from before): 0, nothing to clear."""


def plan_reset(file: Path, label: str) -> ResetPlan:
    """Read `file` (`label`: how messages name it) and count what a reset would clear; writes nothing."""
    roadmap = open_read_only(file)
    if not file.exists():
        return ResetPlan(file, label, roadmap, False, 0)
    return ResetPlan(file, label, roadmap, True, _items_with_progress(roadmap))


def apply_reset(plan: ResetPlan) -> tuple[Roadmap, Path | None]:
    """Clear the progress `plan` was asked about: the roadmap as it was just before, and its backup.

    Progress is every item's `done`, `state`, `started_at` and `done_at`, and every review; notes stay.
    `Changed` (nothing written) if the file was removed or its progress changed since the plan.
    """
    from roadmap_tui.storage.fs import folder_lock  # only when writing

    file, label = plan.file, plan.label
    with folder_lock(file):
        if not file.exists():
            raise Changed(f"{label} was removed while you were asked; nothing changed")
        # one read: the edits are made on the model of exactly the text they are applied to
        found = reader.read_roadmap(file, cache=CacheUse.READ)  # broken meanwhile: its RoadmapError, nothing written
        now = found.roadmap
        if _progress(now) != _progress(plan.roadmap):
            raise Changed(
                f"{label} changed while you were asked (now {summary(now)}); nothing changed: run reset again"
            )
        new_text, _ = _unchecked(found.text, now)
        after = parse_roadmap(new_text.encode("utf-8"), file).roadmap  # never write what would not open
        left = _progress_edits(after)
        if left or after.n_total != now.n_counted:  # cannot happen; never write a file that says otherwise
            raise RuntimeError(
                f"reset left {len(left)} items with progress, {after.n_total} of {now.n_counted} counted"
            )
        backup = backups.make_backup(file, "before-reset")
        _atomic_write(file, reader.encode_like(new_text, found.data))  # (a byte-order mark stays)
    return now, backup
