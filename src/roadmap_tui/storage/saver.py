"""The saver thread: the only code that writes the roadmap file while the app runs.

It owns the document of the file (a `SegmentedDocument`: a change re-parses only the table it
lands in, with tomlkit, so comments and layout survive and a big file never holds anything up)
and applies the learner's edits to it (each a `Change`: a numbered `core.edits.Edit`). Each
round, holding a lock on the file's folder that other roadmap-tui processes respect
(`fs.folder_lock`), it:

1. reads the file and compares it with what it last read or wrote;
2. if another program changed it: checks the new text (a broken file is never overwritten:
   the changes wait in memory and the error is reported), parses it, and applies every change
   that is not on disk yet again, on top of the other program's;
3. applies the new changes and writes the document atomically (`fs.atomic_write`), backing up
   the file as it was first, once per session;
4. appends the records of the changes now on disk to the activity log (`activity.Backlog`:
   a log that cannot be written never stops the save; its records wait for the next round);
5. reports the result, and a freshly built model when the file had changed.

Each step is a method of its own (`_reload_if_changed`, `_apply`, `_write_if_changed`,
`_report`); the file is read and validated the way every reader does it (`reader.parse_roadmap`).

Bursts collapse into one write; there is never more than one write in flight. With `watch()`,
it also looks at the file's size and time every `interval` seconds and reloads it when another
program changed it.

No Textual here.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from roadmap_tui.errors import RoadmapError
from roadmap_tui.storage import activity, backups, fs
from roadmap_tui.storage import parse_cache as cache
from roadmap_tui.storage.reader import RoadmapFile, encode_like, parse_data, parse_roadmap, read_bounded
from roadmap_tui.storage.saver_results import Change as Change
from roadmap_tui.storage.saver_results import FileChangedError as FileChangedError
from roadmap_tui.storage.saver_results import FileMissingError as FileMissingError
from roadmap_tui.storage.saver_results import Reloaded as Reloaded


def _stat_key(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class Saver:
    """Applies changes to the file's document and writes it, in a background thread.

    `on_result(error)` is called (on this thread) after each round that had changes to write:
    None when they are on disk, else what stopped them; they stay in memory and the next round
    tries again. `on_reload(Reloaded)` is called when the file changed under us. After
    `close()`, a change is written at once on the caller's thread: nothing is ever dropped.
    `on_log(error)` follows each round that wrote to the activity log or tried to: None, or an
    `activity.LogWriteError` (the file is saved; the records wait for the next round, and
    `close()` tries once more). Changes lost from the file (`Reloaded.lost`) are not logged.
    """

    def __init__(
        self,
        path: Path,
        on_result: Callable[[Exception | None], None] | None = None,
        on_reload: Callable[[Reloaded], None] | None = None,
        on_log: Callable[[Exception | None], None] | None = None,
    ) -> None:
        self.path = path
        self.on_result = on_result
        self.on_reload = on_reload
        self.on_log = on_log
        self.log = activity.Backlog(path)  # records on disk in the file, not yet in the log
        self.error: Exception | None = None
        self.writes = 0
        self.written_seq = 0
        self._cond = threading.Condition()
        self._queue: list[Change] = []  # not in the document yet
        self._unwritten: list[Change] = []  # in the document, not on disk yet
        self._held: list[Change] = []  # taken off the queue, not in a document (the file was unreadable)
        self._check = False
        self._busy = False
        self._closed = False
        self._thread: threading.Thread | None = None
        self._watch: float | None = None
        self._base: bytes | None = None  # the file as we last read or wrote it
        self._text: str | None = None
        self._doc: Any = None
        self._seen: tuple[int, int, int] | None = None
        self._backed_up = False
        self._prepare = False
        self._recreate = False  # the learner said to write a removed file again
        self.delay = 0.025  # seconds between a change and its write (see `_next`)
        self.settle = 0.2  # seconds to wait before taking a file another program left unreadable

    # Set up by the store ---------------------------------------------------------------------

    def start_from(self, data: bytes | None, text: str | None) -> None:
        """The file as the store read it (None: there is no file, only the model)."""
        with self._cond:
            self._base, self._text, self._doc = data, text, None
            self._seen = _stat_key(self.path)

    def _start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="roadmap-saver", daemon=True)
            self._thread.start()

    def watch(self, interval: float = 1.0) -> None:
        """Also notice, every `interval` seconds, when another program changes the file."""
        with self._cond:
            if self._closed:
                return
            self._watch = interval
            self._start()
            self._cond.notify_all()

    def allow_create(self) -> None:
        """Write the file again although it was removed (the learner said so), at the next round."""
        self._recreate = True

    def prepare(self) -> None:
        """Get ready in the background (cut the document, import tomlkit), so the first change
        is saved quickly, and look at the file."""
        self._prepare = True
        self.check()

    # Asked by the store ---------------------------------------------------------------------

    def submit(self, *changes: Change) -> None:
        """Queue one action's changes together: they reach the disk in the same write, so a
        crash never leaves half of an action (a topic with some of its items checked) on disk."""
        with self._cond:
            if not self._closed:
                self._queue.extend(changes)
                self._start()
                self._cond.notify_all()
                return
        self._round(list(changes), check=True)

    def check(self) -> None:
        """Look at the file now: reload it if it changed, write what is not written yet."""
        with self._cond:
            if not self._closed:
                self._check = True
                self._start()
                self._cond.notify_all()
                return
        self._round([], check=True)

    @property
    def pending(self) -> bool:
        """Whether some change is not on disk yet."""
        with self._cond:
            return bool(self._queue or self._held or self._unwritten or self._busy)

    def written(self) -> tuple[bytes | None, int]:
        """The file as this saver last read or wrote it, and the last change that is in it."""
        with self._cond:
            return self._base, self.written_seq

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every change so far was written (or failed). False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: not (self._queue or self._check or self._busy), timeout)

    def close(self, timeout: float | None = None) -> bool:
        """Write what is pending and stop the thread. Later changes are written at once."""
        done = self.flush(timeout)
        with self._cond:
            self._closed = True
            self._watch = None
            self._cond.notify_all()
        if done and self.log.records:
            with fs.folder_lock(self.path, required=False):
                self.log.write()
            self._report_log()
        return done

    # The thread -----------------------------------------------------------------------------

    def _next(self) -> tuple[list[Change], bool] | None:
        with self._cond:
            while not (self._queue or self._check):
                if self._closed:
                    return None
                if self._watch is None:
                    self._cond.wait()
                elif not self._cond.wait(self._watch) and _stat_key(self.path) != self._seen:
                    self._check = True
            if self._queue and not self._closed and self.delay:
                # Let the screen repaint the key first: the write would compete with it for
                # the interpreter. Keys pressed meanwhile join this write.
                self._busy = True
                deadline = time.monotonic() + self.delay
                while (left := deadline - time.monotonic()) > 0 and not self._closed:
                    self._cond.wait(left)
            batch, self._queue = self._queue, []
            check, self._check = self._check, False
            self._busy = True
            return batch, check

    def _run(self) -> None:
        while True:
            job = self._next()
            if job is None:
                return
            try:
                self._round(*job)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()

    def _document(self) -> Any:
        if self._doc is None:
            # Imported here for start-up cost: segmented imports tomlkit, which the app does not
            # need until the first change (or `prepare`).
            from roadmap_tui.storage.segmented import SegmentedDocument

            if self._text is None:
                raise RuntimeError("the store has not loaded the file")
            self._doc = SegmentedDocument(self._text)
        return self._doc

    def _read(self) -> bytes | None:
        try:
            return read_bounded(self.path)  # a pipe put in its place: RoadmapError, not a hang
        except FileNotFoundError:
            return None

    # One round -------------------------------------------------------------------------------

    def _round(self, batch: list[Change], check: bool) -> None:
        """One round: reload if the file changed, apply `batch`, write, report. Never raises."""
        self._prepare_if_asked()
        batch = [*self._held, *batch]  # changes that could not be applied to any document yet
        self._held = []
        to_write = bool(batch or self._unwritten)
        reloaded: Reloaded | None = None
        lost: list[Change] = []
        error: Exception | None = None
        try:
            if self._recreate and to_write:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            with fs.folder_lock(self.path, required=to_write):
                current, reloaded = self._reload_if_changed(self._read(), batch)
                self._apply(batch, lost)
                self._write_if_changed(current, reloaded)
                self.log.write()  # never raises: the file is saved, whatever the log does
        except Exception as problem:  # noqa: BLE001 - reported, and the thread goes on
            error = problem
            self._held = batch  # not applied to a document: kept for the next round
        finally:
            self._seen = _stat_key(self.path)
        self._report(to_write, error, reloaded, lost)

    def _prepare_if_asked(self) -> None:
        if self._prepare:
            self._prepare = False
            import tomlkit  # noqa: F401 - paid for now, not by the first change

            if self._text is not None:
                self._document()

    def _reload_if_changed(self, current: bytes | None, batch: list[Change]) -> tuple[bytes | None, Reloaded | None]:
        """If another program changed the file, make its version the base: the changes not
        on disk yet go back to the front of `batch` (in place), to be applied on top of it.
        Returns the file's bytes as last read, and what to report as reloaded (None: unchanged).
        `FileMissingError` if the file is gone, `FileChangedError` if it no longer reads."""
        if current is None and self._base is not None and not self._recreate:
            raise FileMissingError(self.path)
        if current is None or current == self._base:
            return current, None
        current, loaded = self._settled(current)
        if loaded is None:
            return current, None
        with self._cond:
            self._base, self._text, self._doc = loaded.data, loaded.text, None
        batch[:0] = self._unwritten
        self._unwritten = []
        return current, Reloaded(roadmap=loaded.roadmap, upto=self.written_seq)

    def _settled(self, current: bytes) -> tuple[bytes | None, RoadmapFile | None]:
        """Another program's version of the file, validated. An editor that writes in place may
        be half way: if it does not read, look again shortly, once (None if the file is then
        gone, or back as we left it)."""
        try:
            return current, parse_roadmap(current, self.path)
        except RoadmapError:
            time.sleep(self.settle)
        again = self._read()
        if again is None or again == self._base:
            return again, None
        try:
            return again, parse_roadmap(again, self.path)
        except RoadmapError as problem:
            raise FileChangedError(problem) from None

    def _apply(self, batch: list[Change], lost: list[Change]) -> None:
        """Apply `batch` to the document, taking each change off it once applied (one that
        raises stays, for the next round); one that no longer fits goes to `lost`."""
        if not batch:
            return
        doc = self._document()
        first, first_lost = len(self._unwritten), len(lost)
        try:
            while batch:
                change = batch[0]
                applied = doc.apply(change.edit)
                batch.pop(0)
                (self._unwritten if applied else lost).append(change)
        finally:
            if len(lost) > first_lost:  # their records are not logged (see `activity.without_lost`)
                applied_now = self._unwritten[first:]
                logs = activity.without_lost(
                    [c.log for c in applied_now], [(c.titles, c.log) for c in lost[first_lost:]]
                )
                self._unwritten[first:] = [replace(c, log=log) for c, log in zip(applied_now, logs, strict=True)]

    def _write_if_changed(self, current: bytes | None, reloaded: Reloaded | None) -> None:
        """Write the document if it holds changes not on disk (backing the file up first, once
        per session); `reloaded` then gets the model of what was written."""
        if not self._unwritten:
            return
        document = self._document()
        document.verify()  # never write a file that would not open again
        data = encode_like(document.as_string(), current if current is not None else self._base)
        # Merged with another program's version: check it all before writing (our edits on top of
        # its keys must make a roadmap that reads, or nothing is written and the changes wait).
        merged = parse_roadmap(data, self.path).roadmap if reloaded is not None else None
        if data != current:
            if not self._backed_up and current is not None:
                backups.make_backup(self.path, "launch")
                self._backed_up = True
            fs.atomic_write(self.path, data)
            self.writes += 1
            cache.refresh_later(self.path, data, parse_data)
        with self._cond:
            self._base, self._text = data, None
            self.written_seq = self._unwritten[-1].seq
            self._recreate = False
        self.log.add(record for change in self._unwritten for record in change.log)
        self._unwritten = []
        if reloaded is not None:
            reloaded.roadmap = merged
            reloaded.upto = self.written_seq

    def _report_log(self) -> None:
        if self.log.take_tried() and self.on_log is not None:
            self.on_log(self.log.error)

    def _report(
        self, to_write: bool, error: Exception | None, reloaded: Reloaded | None, lost: list[Change]
    ) -> None:
        self._report_log()
        if to_write:
            self.error = error
            if self.on_result is not None:
                self.on_result(error)
        elif error is not None:
            reloaded = Reloaded(roadmap=None, upto=self.written_seq, error=error)
        if lost:
            reloaded = reloaded or Reloaded(roadmap=None, upto=self.written_seq)
            reloaded.lost = lost
        if reloaded is not None and self.on_reload is not None:
            self.on_reload(reloaded)
