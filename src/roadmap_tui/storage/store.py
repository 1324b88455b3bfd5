"""The roadmap file on disk: load it, change it, and write it back atomically.

Loading reads and validates the file the one way every reader does (`reader.read_roadmap`,
with `tomllib`, fast, and the parse cache for a big file) and keeps the model. A change is a typed
edit (`core/edits.py`), applied to the model at once and recorded as a `Change`, which the saver
thread (`saver.py`) applies in place to a `tomlkit` document of the file, so a person's comments,
key order, blank lines and unknown keys survive every save; it writes with `fs.atomic_write` (a
temporary file in the same folder, fsync, `os.replace`), so the file on disk is always a whole
roadmap, and it merges changes other programs made to the file. Each action (one method's
edits) can be taken back and done again (`undo`, `redo`: the inverse edits, recorded as a new
action; see `undo.py`).
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
from contextlib import AbstractContextManager
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
from roadmap_tui.storage import undo as undoing
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
        self.actions = undoing.History()  # what undo and redo take back (`undo.py`)
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
        replayed: dict[int, Edit] = {}
        for change in self._history:
            if change.seq > reloaded.upto:
                done = edits.apply(reloaded.roadmap, change.edit)
                if done is None:
                    lost.append(change)
                else:
                    replayed[change.seq] = done
        self.roadmap = reloaded.roadmap
        # Undo now takes back what the edits did to this model; what never reached it, it can't.
        self.actions.rebase(replayed, {change.seq for change in [*lost, *reloaded.lost]})
        return lost

    def forget_lost(self, lost: Sequence[Change]) -> None:
        """Changes the saver could not apply to the file (`Reloaded.lost`): undo leaves them out."""
        self.actions.rebase({}, {change.seq for change in lost})

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
        records) rides on the last one. The action can be undone (`undo`); `label` says what it was
        for the undo's toast ("check 'Chain rule'"; titles in plain single quotes)."""
        changes = self._submit(made, log)
        if changes:
            entry = log[0].get("entry") if log else None
            subject = tuple(str(t) for t in entry) if isinstance(entry, list) else made[0].titles
            of = str(log[0].get("change", "")) if log else ""
            self.actions.did(undoing.Action(label or made[0].describe(), self._undoable(changes), subject, of))

    def _submit(self, made: list[Edit], log: Sequence[dict[str, object]]) -> list[Change]:
        changes = []
        for index, edit in enumerate(made):
            self._seq += 1
            changes.append(Change(self._seq, edit, tuple(log) if index == len(made) - 1 else ()))
        self._history.extend(changes)
        if changes:
            self.writer.submit(*changes)  # together: one action is written whole
        return changes

    @staticmethod
    def _undoable(changes: list[Change]) -> tuple[tuple[int, Edit], ...]:
        """The changes an undo takes back: those applied to the model (one whose entry was not in
        it changed nothing here)."""
        return tuple((change.seq, change.edit) for change in changes if change.edit.applied)

    # Undo and redo (`undo.py`) ---------------------------------------------------------------

    def one_action(self, label: str = "") -> AbstractContextManager[None]:
        """`with store.one_action("…"):` the changes made inside are one action: one undo."""
        return self.actions.one(label)

    def undo(self) -> undoing.Outcome:
        """Take back the last action not taken back yet, as a new action (saved and logged like
        any change). Nothing changes when another program's edit made that impossible: the
        outcome says so, and the action is forgotten (the next undo takes the one before)."""
        return self._take_back("undo", self.actions.done, self.actions.undone)

    def redo(self) -> undoing.Outcome:
        """Do again the last action undone (until a new action is made)."""
        return self._take_back("redo", self.actions.undone, self.actions.done)

    def _take_back(
        self, kind: str, source: deque[undoing.Action], target: deque[undoing.Action]
    ) -> undoing.Outcome:
        if self.roadmap is None or not source:
            return undoing.Outcome(kind, None)
        action = source.pop()
        applied = undoing.apply_exactly(self.roadmap, action.applied)
        if applied is None:
            return undoing.Outcome(kind, action.label)
        record: dict[str, object] = {
            "at": self.clock().isoformat(), "entry": list(action.subject), "change": kind, "action": action.label,
            "of": action.of,
        }
        changes = self._submit(applied, [record])
        target.append(undoing.Action(action.label, self._undoable(changes), action.subject, action.of))
        entries = undoing.changed_entries(self.roadmap, applied, action.subject)
        return undoing.Outcome(kind, action.label, True, entries, undoing.moves_entries(applied))

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
        label = undoing.state_label(undoing.name(item), wanted, forward=moves[0][2] == wanted)
        made = self._apply(batch)
        # A parent's stored flag follows its derived state, so the file says what the screen shows.
        parents = progress.stale_flags(item)
        made += self._apply([self._set(parent, "done", parent.checked) for parent in parents])
        self._record(made, log, label=label)
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
        what = undoing.name(entry) if name == "text" else f"{name.capitalize()} of {undoing.name(entry)}"
        self._record(self._apply([edit]), log, label=f"{'fill' if value else 'clear'} {what}")

    def set_text(self, item: Item, value: str) -> None:
        """Replace a plain entry's text (used for entries without a placeholder)."""
        value = value.strip()
        if not value:
            raise ValueError("empty text")
        log = [self._log(item, "text", **{"from": item.text, "to": value})]
        label = f"rename {undoing.name(item)} to {undoing.name(Item(text=value))}"
        self._record(self._apply([self._set(item, "text", value)]), log, label=label)  # found by its old text

    def set_note(self, entry: Item | Node, text: str) -> bool:
        """Give `entry` the note `text` (Markdown; trailing blank space dropped, "" removes it).
        Returns whether it changed."""
        text = "\n".join(line.rstrip() for line in text.rstrip().split("\n"))
        entry = self._current(entry)
        if entry.note == text:
            return False
        where, titles = key_path(entry), tuple(title_path(entry))
        edit: Edit = SetField(where, titles, "note", text) if text else ClearField(where, titles, "note")
        log = [self._log(entry, "note", chars=len(text))]
        self._record(self._apply([edit]), log, label=f"note on {undoing.name(entry)}")
        return True

    def review(self, entry: Item | Node, forgot: bool = False) -> Schedule | None:
        """Record a review of `entry` now (`core/review.py`): remembered (`v`: the next interval) or,
        with `forgot`, forgot (`V`: back to the first). Changes no count. Returns the entry's
        schedule after it (when it is next due), None when the entry is not a finished topic (then
        nothing is recorded).

        "Forgot" may also put the topic back in progress: the UI asks, and on yes makes that a
        separate change, `set_state(item, states.DOING)` for each done counted item under it (each
        item its own write, all one action for undo in `one_action`; `set_state(topic, states.DOING)` does nothing on a finished topic,
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
        label = f"review {undoing.name(entry)}{' (forgot)' if forgot else ''}"
        self._record(made, [self._log(entry, "review", result=result, next_days=days)], label=label)
        return after

    def add_entry(self, node: Node, text: str) -> Item:
        """Append a plain bullet (a Resources Library entry) to `node`."""
        text = text.strip()
        if not text:
            raise ValueError("empty text")
        node = self._current(node)
        [made] = self._apply([AppendEntry(key_path(node), tuple(title_path(node)), text=text)])
        self._record([made], [self._log(node, "add", text=text)], label=f"add {undoing.name(Item(text=text))}")
        if made.applied:
            return node.items[-1]
        return Item(text=text, done=None, parent=node)  # its node is gone: the saver reports it lost

    def remove_item(self, item: Item) -> None:
        """Remove an entry (and its children) from its parent."""
        log = [self._log(item, "remove")]
        label = f"remove {undoing.name(item)}"
        self._record(self._apply([RemoveEntry(key_path(item), tuple(title_path(item)))]), log, label=label)

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

