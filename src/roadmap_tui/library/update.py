"""`import FILE --update NAME`: a newer version of an imported Markdown file, with the learner's
progress kept (part of `roadmap_tui.library`, which re-exports it).

`plan_update` reads and computes everything and writes nothing (`--dry-run` stops there): the
newer Markdown imported as `import` does (`import_markdown`), which entry of it each old entry
became (`core/matching.py`), and the old progress carried over to it as typed edits
(`core/carry.py`), replayed on the new roadmap's TOML document (`storage/toml_edit.py`). What
it would write is validated as the app reads it, and its counts checked against the model's.
`apply_update` then, under the folder lock every roadmap-tui writer takes, checks the file is
still the one planned on (else `Changed`, nothing written), backs it up (`before-update`: the
backup holds every removed entry with its progress), writes atomically and appends an `update`
record to the activity log.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from roadmap_tui import paths
from roadmap_tui.errors import RoadmapError
from roadmap_tui.library import BadRequest, Changed, NoSuchRoadmap, _atomic_write, _read_source, check_name
from roadmap_tui.storage import backups, reader
from roadmap_tui.storage.reader import CacheUse, parse_roadmap

if TYPE_CHECKING:
    from roadmap_tui.core.carry import Carried
    from roadmap_tui.core.matching import Matching
    from roadmap_tui.core.model import Entry, Roadmap

BACKUP_REASON = "before-update"


@dataclass(frozen=True)
class UpdatePlan:
    """What an update of roadmap `name` (`file`) from the Markdown `source` would do (`plan_update`)."""

    name: str
    file: Path
    source: Path
    before: bytes
    """The roadmap file's bytes as planned on (`apply_update` writes only over these)."""
    old: Roadmap
    new: Roadmap
    """The roadmap it would write, the progress carried over."""
    matching: Matching
    carried: Carried
    text: str
    """The TOML it would write."""

    @property
    def added(self) -> list[Entry]:
        """The new entries added (those the learner had deleted left out)."""
        return [entry for entry in self.matching.added if not self.carried.is_left_out(entry)]

    @property
    def removed(self) -> list[Entry]:
        """The old entries that are gone: those `match` left over, less the learner's own entries
        put back and what they hold."""
        back = {id(entry) for entry in self.carried.put_back}
        return [entry for entry in self.matching.removed if id(entry) not in back and not _inside(entry, back)]

    @property
    def removed_with_progress(self) -> list[tuple[Entry, list[str]]]:
        """The removed entries that held progress, and what."""
        from roadmap_tui.core.carry import progress_of

        return [(entry, found) for entry in self.removed if (found := progress_of(entry))]

    def counts(self) -> dict[str, int]:
        """The update in numbers: kept (moved among them), renamed, added, removed (with progress
        among them), put back."""
        matching = self.matching
        return {
            "kept": len(matching.kept),
            "moved": len(matching.moved),
            "renamed": len(matching.renamed),
            "added": len(self.added),
            "left_out": len(self.carried.left_out),
            "removed": len(self.removed),
            "removed_with_progress": len(self.removed_with_progress),
            "put_back": len(self.carried.put_back),
        }


def _inside(entry: Entry, ids: set[int]) -> bool:
    """Whether one of the entries above `entry` is one of `ids`."""
    from roadmap_tui.core.outline import ancestors

    return any(id(above) in ids for above in ancestors(entry))


def _target(name: str) -> Path:
    try:
        check_name(name)
    except ValueError as error:
        raise BadRequest(f"--update: {error}") from None
    file = paths.data_dir() / f"{name}.toml"
    if not file.exists() and not file.is_symlink():
        raise NoSuchRoadmap(name)
    return file


def _build(
    source: Path, markdown: bytes, file: Path, found: reader.RoadmapFile
) -> tuple[Roadmap, Matching, Carried, str]:
    import tomlkit  # only when updating

    from roadmap_tui.core.carry import carry
    from roadmap_tui.core.matching import match
    from roadmap_tui.formats.markdown_import import import_markdown
    from roadmap_tui.storage import toml_edit

    result = import_markdown(markdown, source)  # MarkdownImportError names the file and line
    new = parse_roadmap(result.toml_text.encode("utf-8"), file).roadmap
    matching = match(found.roadmap, new)
    carried = carry(matching, new, _deleted_in_app(file))
    document = tomlkit.parse(result.toml_text)
    for edit in carried.edits:
        if not toml_edit.apply(document, edit):  # cannot happen: the model is this text's
            raise RuntimeError(f"the update found no table to {edit.describe()}")
    text = document.as_string()
    written = parse_roadmap(text.encode("utf-8"), file).roadmap  # never write what would not open
    counts = lambda r: (r.n_done, r.n_total, r.n_doing, r.n_skipped)  # noqa: E731
    if counts(written) != counts(new):  # cannot happen; never write a file that says otherwise
        raise RuntimeError(f"the update would write {counts(written)} (done, total, doing, skipped), not {counts(new)}")
    return new, matching, carried, text


def _deleted_in_app(file: Path) -> set[tuple[str, ...]]:
    """The title paths of the entries the learner deleted in the app and did not take back: the
    activity log's `remove` records, less those an `undo` record (`"of": "remove"`) took back,
    plus those a `redo` did again, in the log's order (a log that cannot be read is none)."""
    from collections import Counter

    from roadmap_tui.storage import activity

    removed: Counter[tuple[str, ...]] = Counter()
    for record in activity.read(file).records:
        change = record.get("change")
        if change == "remove" or (change == "redo" and record.get("of") == "remove"):
            removed[activity.titles_of(record)] += 1
        elif change == "undo" and record.get("of") == "remove":
            path = activity.titles_of(record)
            removed[path] = max(removed[path] - 1, 0)
    return {path for path, count in removed.items() if count > 0}


def plan_update(source: Path, name: str) -> UpdatePlan:
    """Everything an update of roadmap `name` from the Markdown file `source` would do; writes nothing.

    `BadRequest` for a bad or unknown name, a roadmap not imported from Markdown, a source that
    is no readable file; `RoadmapError` (naming the file and where) for a roadmap file or a
    Markdown file that does not read.
    """
    file = _target(name)
    markdown = _read_source(source)
    found = reader.read_roadmap(file, cache=CacheUse.READ)  # read only: not even the cache is written
    if found.roadmap.md_head is None:
        raise BadRequest(
            f"{file}: roadmap {name} was not imported from Markdown (it has no md_head), so there is "
            f"nothing to update it from; import {source} as a roadmap of its own"
        )
    new, matching, carried, text = _build(source, markdown, file, found)
    return UpdatePlan(name, file, source, found.data, found.roadmap, new, matching, carried, text)


@dataclass(frozen=True)
class Updated:
    backup: Path | None
    log_error: str | None
    """Why the activity log could not be written (the update stands), or None."""


def apply_update(plan: UpdatePlan) -> Updated:
    """Write what `plan` planned: under the folder lock, if the file is still the one planned on
    (else `Changed`, nothing written), after a backup; then log it."""
    from roadmap_tui.storage.fs import folder_lock  # only when writing

    with folder_lock(plan.file):
        try:
            now = reader.read_data(plan.file)
        except RoadmapError as error:
            raise Changed(f"{error.one_line()}; nothing changed") from None
        if now != plan.before:
            raise Changed(
                f"roadmap {plan.name} changed while it was being updated; nothing changed: run the update again"
            )
        backup = backups.make_backup(plan.file, BACKUP_REASON)
        _atomic_write(plan.file, reader.encode_like(plan.text, plan.before))  # (a byte-order mark stays)
    return Updated(backup, _log(plan))


def _log(plan: UpdatePlan) -> str | None:
    """The update goes into the activity log like the app's changes (the roadmap as a whole)."""
    from roadmap_tui.core.states import local_now
    from roadmap_tui.storage import activity

    record: dict[str, object] = {
        "at": local_now().isoformat(),
        "entry": [],
        "change": "update",
        "source": str(plan.source),
        **plan.counts(),
    }
    try:
        activity.append(plan.file, [record])
    except OSError as error:
        return str(error.strerror or error)
    return None


# Words --------------------------------------------------------------------------------------

LIST_AT_MOST = 20


def _listed(lines: list[str], head: str, rows: list[str], limit: int | None = LIST_AT_MOST) -> None:
    if not rows:
        return
    lines.append(head)
    shown = rows if limit is None else rows[:limit]
    lines += [f"  {row}" for row in shown]
    if len(rows) > len(shown):
        lines.append(f"  ... and {len(rows) - len(shown)} more")


def update_summary(plan: UpdatePlan) -> list[str]:
    """The update in words: one line of counts, then what was renamed, added, put back and removed.

    Every removed entry that held progress is listed (the backup keeps it); the other lists stop
    after `LIST_AT_MOST` rows.
    """
    from roadmap_tui.core.carry import describe_entry, describe_rename

    n = plan.counts()
    moved = f" ({n['moved']} moved)" if n["moved"] else ""
    back = f", {n['put_back']} of your own put back" if n["put_back"] else ""
    back += f", {n['left_out']} you had deleted left out" if n["left_out"] else ""
    with_progress = f" ({n['removed_with_progress']} with progress)" if n["removed"] else ""
    lines = [
        f"{n['kept']} kept{moved}, {n['renamed']} renamed, {n['added']} added, "
        f"{n['removed']} removed{with_progress}{back}"
    ]
    _listed(
        lines,
        "renamed (progress kept):",
        [describe_rename(p.old, p.new) for p in plan.matching.renamed],
    )
    _listed(lines, "added (todo):", [describe_entry(entry) for entry in plan.added])
    left_out = [describe_entry(entry) for entry in plan.carried.left_out]
    _listed(lines, "not added back (you deleted them in the app):", left_out)
    _listed(lines, "your own entries, put back:", [describe_entry(entry) for entry in plan.carried.put_back])
    _listed(
        lines,
        "removed, with progress (kept in the backup):",
        [f"{describe_entry(entry)} ({', '.join(what)})" for entry, what in plan.removed_with_progress],
        limit=None,
    )
    _listed(
        lines,
        "progress that could not be kept (kept in the backup):",
        [f"{' › '.join(path)}: {what}" for path, what in plan.carried.dropped],
        limit=None,
    )
    return lines
