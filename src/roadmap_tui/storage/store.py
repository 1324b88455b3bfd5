"""The roadmap file on disk: load it, change it, and write it back atomically.

Loading reads and validates the file the one way every reader does (`reader.read_roadmap`,
with `tomllib`, fast, and the parse cache for a big file) and keeps the model. A change is a typed
edit (`core/edits.py`), applied to the model at once and recorded as a `Change`, which the saver
thread (`saver.py`) applies in place to a `tomlkit` document of the file, so a person's comments,
key order, blank lines and unknown keys survive every save; it writes with `fs.atomic_write` (a
temporary file in the same folder, fsync, `os.replace`), so the file on disk is always a whole
roadmap, and it merges changes other programs made to the file.
What the app shows (the selected entry, the open branches) is not the roadmap: it goes to a
view-state file of its own (`view`, `save_view`; see `view_state.py`), so the roadmap file
changes only when the roadmap does.

A file from an older `schema` is upgraded on load (backed up first; see `migrations.py`).
The store sits at the top of storage: it imports the saver, backups, reader and fs, and none of
them imports it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TypeVar, Union

from roadmap_tui import paths
from roadmap_tui.core import edits, progress, states
from roadmap_tui.core import review as reviews
from roadmap_tui.core.edits import AppendEntry, ClearField, Edit, RemoveEntry, SetField, key_path
from roadmap_tui.core.limits import SCHEMA
from roadmap_tui.core.model import Entry, Item, Node, Review, Roadmap
from roadmap_tui.core.outline import root_of, title_path
from roadmap_tui.core.placeholders import fill_key
from roadmap_tui.core.review import Schedule
from roadmap_tui.core.review_edits import AppendReview
from roadmap_tui.errors import Problem, RoadmapError
from roadmap_tui.storage import backups, fs
from roadmap_tui.storage import migrations as migrate
from roadmap_tui.storage import view_state as viewstate
from roadmap_tui.storage.reader import (
    CacheUse,
    RoadmapFile,
    decode,
    default_roadmap,
    encode_like,
    parse_roadmap,
    read_roadmap,
)
from roadmap_tui.storage.saver import Change, Reloaded, Saver
from roadmap_tui.storage.store_structure import StructureChanges
from roadmap_tui.storage.view_state import ViewState

E = TypeVar("E", bound=Union[Item, Node])


class RoadmapStore(StructureChanges):
    """One roadmap file: its model, and the saver that writes the learner's changes to it.

    Every method runs on the caller's (the app's) thread and returns at once; the file is
    written by the saver thread. `on_save(error)`, `on_reload(Reloaded)` and `on_log(error)`
    (the activity log: see `Saver`) are called on that thread.
    """

    HISTORY = 10_000  # changes remembered, to replay on a model reloaded from the file

    def __init__(
        self,
        path: Path,
        on_save: Callable[[Exception | None], None] | None = None,
        on_reload: Callable[[Reloaded], None] | None = None,
        clock: Callable[[], datetime] = states.local_now,
        on_log: Callable[[Exception | None], None] | None = None,
    ) -> None:
        self.path = path
        self.clock = clock  # what dates a change (an aware datetime): tests pin it
        self.roadmap: Roadmap | None = None
        self.migrated_from: int | None = None
        self.writer = Saver(path, on_result=on_save, on_reload=on_reload, on_log=on_log)
        self._seq = 0
        self._history: deque[Change] = deque(maxlen=self.HISTORY)
        self._view: ViewState | None = None

    # Loading -------------------------------------------------------------------------------

    def load(self, create: bool = True) -> Roadmap:
        """Read and validate the file; if it is missing, start from the default roadmap.

        With `create`, a missing file is written from the default at once. A file from an
        older schema is upgraded (and backed up first). Raises `RoadmapError` for anything
        unusable; the file is then never written by this store.
        """
        if not self.path.exists() and not self.path.is_symlink():
            loaded, on_disk = self._start_from_default(create), create
        else:
            loaded, on_disk = read_roadmap(self.path, cache=CacheUse.UPDATE), True
            fs.remove_stale_temps(self.path)
            if loaded.version < SCHEMA:
                loaded = self._upgrade(loaded)
        self.roadmap = loaded.roadmap
        self.writer.start_from(loaded.data if on_disk and self.path.exists() else None, loaded.text)
        return loaded.roadmap

    def _start_from_default(self, create: bool) -> RoadmapFile:
        """The shipped default roadmap, for a file that is missing; written there with `create`."""
        loaded = default_roadmap(self.path)
        if create:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                fs.atomic_write(self.path, loaded.data)
            except OSError as error:
                raise RoadmapError(
                    self.path, [Problem("", f"cannot be created: {error.strerror or error}")]
                ) from None
        return loaded

    def _upgrade(self, old: RoadmapFile) -> RoadmapFile:
        """Carry an older file up to `SCHEMA`: back it up, then write the upgraded text."""
        import tomlkit  # here for start-up cost: only an old file needs it at load

        doc = tomlkit.parse(old.text)
        migrate.upgrade(doc, old.version)
        new = parse_roadmap(encode_like(doc.as_string(), old.data), self.path)
        try:
            backups.make_backup(self.path, f"schema-{old.version}")
            fs.atomic_write(self.path, new.data)
        except OSError:
            pass  # read-only: the upgrade lives in memory and goes to disk with the first save
        self.migrated_from = old.version
        return new

    def watch(self, interval: float = 1.0) -> None:
        """Notice, every `interval` seconds, when another program changes the file."""
        self.writer.watch(interval)

    def adopt(self, reloaded: Reloaded) -> list[Change]:
        """Take the model the saver built from the file as it is now, replaying on it the changes
        made since (the file will get them too). Returns the changes that no longer fit it."""
        assert reloaded.roadmap is not None
        lost = []
        for change in self._history:
            if change.seq > reloaded.upto and edits.apply(reloaded.roadmap, change.edit) is None:
                lost.append(change)
        self.roadmap = reloaded.roadmap
        return lost

    # Changes: typed edits, applied to the model now and recorded for the saver ---------------
    #
    # The one path: each method below makes its `core.edits` edits from the entry it was given
    # (its key path and title path), `_apply` applies them to the model shown now, and `_record`
    # numbers them and hands them to the saver, one action's together. An entry from the model
    # before a reload (a key already on its way) is found again in the model shown now by its
    # key path and titles, like any edit.

    def _apply(self, batch: list[Edit]) -> list[Edit]:
        """Apply `batch` to the model shown now; the edits to record: each one applied, or as made
        when its entry is not in this model (the saver still looks for it in the file)."""
        assert self.roadmap is not None
        return [done or edit for done, edit in zip(edits.apply_all(self.roadmap, batch), batch, strict=True)]

    def _record(self, made: list[Edit], log: Sequence[dict[str, object]] = (), label: str = "") -> None:
        """Number the edits of one action and hand them to the saver; `log` (the action's activity
        records) rides on the last one. (`label`: the undo helper's; unused on this branch.)"""
        changes = []
        for index, edit in enumerate(made):
            self._seq += 1
            changes.append(Change(self._seq, edit, tuple(log) if index == len(made) - 1 else ()))
        self._history.extend(changes)
        if changes:
            self.writer.submit(*changes)  # together: one action is written whole

    def _current(self, entry: E) -> E:
        """`entry` in the model shown now (itself, unless it is from the model before a reload)."""
        assert self.roadmap is not None
        if root_of(entry) is self.roadmap:
            return entry
        found = edits.locate(self.roadmap, key_path(entry), tuple(title_path(entry)))
        return found if isinstance(found, type(entry)) else entry

    @staticmethod
    def _set(entry: Entry, key: str, value: str | bool) -> Edit:
        return SetField(key_path(entry), tuple(title_path(entry)), key, value)

    def _log(self, entry: Entry, change: str, **fields: object) -> dict[str, object]:
        """An activity record (`activity.py`) for a change to `entry`, dated now."""
        return {"at": self.clock().isoformat(), "entry": title_path(entry), "change": change, **fields}

    def toggle(self, item: Item) -> list[Item]:
        """Space: done ↔ todo (a parent sets all its items). Returns the items whose state changed
        and the parents whose stored flag followed."""
        return self.set_state(item, states.DONE)

    def set_state(self, item: Item, wanted: str) -> list[Item]:
        """A state key on `item` (`states.changes`: Space done, `p` doing, `s` skipped, each back
        to todo), with its dates. Returns the items whose state changed and the parents whose
        stored flag followed."""
        if item.done is None:
            return []
        item = self._current(item)
        batch, moves = states.plan(item, wanted, self.clock())
        if not batch:
            return []
        log = [self._log(target, "state", **{"from": old, "to": new}) for target, old, new in moves]
        made = self._apply(batch)
        # A parent's stored flag follows its derived state, so the file says what the screen shows.
        parents = progress.stale_flags(item)
        made += self._apply([self._set(parent, "done", parent.checked) for parent in parents])
        self._record(made, log)
        return [*(target for target, _, _ in moves), *parents]

    def set_fill(self, entry: Item | Node, name: str, value: str) -> None:
        """Fill the placeholder of `entry.<name>`; an empty value brings the hint back."""
        value = value.strip()
        key = fill_key(name)
        if value:
            edit: Edit = self._set(entry, key, value)
        else:
            edit = ClearField(key_path(entry), tuple(title_path(entry)), key)
        log = [self._log(entry, "fill", field=name, to=value)]
        self._record(self._apply([edit]), log)

    def set_text(self, item: Item, value: str) -> None:
        """Replace a plain entry's text (used for entries without a placeholder)."""
        value = value.strip()
        if not value:
            raise ValueError("empty text")
        log = [self._log(item, "text", **{"from": item.text, "to": value})]
        self._record(self._apply([self._set(item, "text", value)]), log)  # found by its old text

    def set_note(self, entry: Item | Node, text: str) -> bool:
        """Give `entry` the note `text` (Markdown; trailing blank space dropped, "" removes it).
        Returns whether it changed."""
        text = "\n".join(line.rstrip() for line in text.rstrip().split("\n"))
        entry = self._current(entry)
        if entry.note == text:
            return False
        where, titles = key_path(entry), tuple(title_path(entry))
        edit: Edit = SetField(where, titles, "note", text) if text else ClearField(where, titles, "note")
        self._record(self._apply([edit]), [self._log(entry, "note", chars=len(text))])
        return True

    def review(self, entry: Item | Node, forgot: bool = False) -> Schedule | None:
        """Record a review of `entry` now (`core/review.py`): remembered (`v`: the next interval) or,
        with `forgot`, forgot (`V`: back to the first). Changes no count. Returns the entry's
        schedule after it (when it is next due), None when the entry is not a finished topic (then
        nothing is recorded).

        "Forgot" may also put the topic back in progress: the UI asks, and on yes makes that a
        separate change, `set_state(item, states.DOING)` for each done counted item under it (each
        item its own action; `set_state(topic, states.DOING)` does nothing on a finished topic,
        which has no todo items). It is then not due while in progress; done again, its schedule
        counts from that finish, on the first step the "forgot" left it on.
        """
        entry = self._current(entry)
        if not reviews.reviewable(entry):
            return None
        now = self.clock()
        result = reviews.FORGOT if forgot else reviews.REMEMBERED
        edit = AppendReview(key_path(entry), tuple(title_path(entry)), review=Review(now, result))
        made = self._apply([edit])
        after = reviews.schedule(entry, now.tzinfo)
        days = after.interval if after is not None else reviews.INTERVALS[0]
        self._record(made, [self._log(entry, "review", result=result, next_days=days)])
        return after

    def add_entry(self, node: Node, text: str) -> Item:
        """Append a plain bullet (a Resources Library entry) to `node`."""
        text = text.strip()
        if not text:
            raise ValueError("empty text")
        node = self._current(node)
        [made] = self._apply([AppendEntry(key_path(node), tuple(title_path(node)), text=text)])
        self._record([made], [self._log(node, "add", text=text)])
        if made.applied:
            return node.items[-1]
        return Item(text=text, done=None, parent=node)  # its node is gone: the saver reports it lost

    def remove_item(self, item: Item) -> None:
        """Remove an entry (and its children) from its parent."""
        log = [self._log(item, "remove")]
        self._record(self._apply([RemoveEntry(key_path(item), tuple(title_path(item)))]), log)

    # The view (not the roadmap): kept in a file of its own ---------------------------------

    @property
    def view(self) -> ViewState:
        """What the app shows of this roadmap (selected entry, open branches, other keys), read
        once from its view-state file (`view_state.py`); never part of the roadmap file."""
        if self._view is None:
            self._view = viewstate.load(self.path)
        return self._view

    def save_view(self) -> bool:
        """Write `view` to the view-state file (at once: it is tiny); False if it could not be.

        The roadmap file is not touched, so browsing takes no backup and dirties nothing.
        """
        return viewstate.save(self.path, self.view)

    # Saving ------------------------------------------------------------------------------

    def save(self) -> None:
        """Try again to write what is not on disk yet (and pick up another program's changes)."""
        if self.roadmap is None:
            raise RuntimeError("load() first")
        self.writer.check()

    def snapshot(self) -> bytes:
        """The file's text with every change so far, e.g. to write it to another place.

        Built here from what the saver last wrote and the changes made since, without waiting
        for the saver (it may be stuck on a disk that does not answer).
        """
        from roadmap_tui.storage.segmented import SegmentedDocument  # here for start-up cost: tomlkit

        self.writer.flush(1)
        base, upto = self.writer.written()
        text = decode(base, self.path) if base is not None else decode(paths.default_roadmap_bytes(), "")
        doc = SegmentedDocument(text)
        for change in list(self._history):
            if change.seq > upto:
                doc.apply(change.edit)
        return doc.as_string().encode("utf-8")

    def flush(self, timeout: float | None = None) -> bool:
        return self.writer.flush(timeout)

    def close(self, timeout: float | None = 10.0) -> bool:
        return self.writer.close(timeout)
