"""How the app ends: `q`, a signal, or the question when the latest changes are not on disk.

`Quitting` is part of `RoadmapApp` (its only user), kept in a module of its own. Quitting
waits until every key pressed before it is handled and every change is written; every wait
for the disk (the saver's flush, the view-state file; "write elsewhere" takes its snapshot
in its screen's job) happens off the loop (`background.py`), so the screen answers meanwhile: if the write is not
done yet (a slow disk, another roadmap-tui holding the folder's lock), the unsaved question
shows at once, and the app quits by itself as soon as the changes are on disk.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rich.text import Text
from textual.message_pump import MessagePump

from roadmap_tui.errors import describe
from roadmap_tui.safe_text import visible
from roadmap_tui.storage.saver import FileMissingError
from roadmap_tui.tui.background import run_in_background
from roadmap_tui.tui.messages import QuitWaitOver
from roadmap_tui.tui.screens.unsaved import UnsavedChoice

if TYPE_CHECKING:
    from textual.app import App

    from roadmap_tui.errors import RoadmapError
    from roadmap_tui.storage.store import RoadmapStore
    from roadmap_tui.tui.screens.main import MainScreen

#: How long a quit on a signal waits for the disk (no one may be there to answer), in seconds.
SIGNAL_WAIT = 10.0
#: How long a quit waits for the view-state file once the roadmap is on disk (seconds).
VIEW_WAIT = 1.0
#: What the question says while a quit waits for the disk.
WAITING = (
    "they are still being written: the disk is slow, or another program holds the folder's lock. "
    "The app quits by itself once they are on disk"
)


class AppHost(Protocol):
    """What `Quitting` uses of the app it is part of, besides `App` (`RoadmapApp` has it)."""

    @property
    def main_screen(self) -> MainScreen | None: ...
    @property
    def load_error(self) -> RoadmapError | None: ...


if TYPE_CHECKING:

    class _QuittingBase(App[None], AppHost):
        """For the type checker: the app `Quitting` is mixed into, and its `AppHost` half."""

else:
    _QuittingBase = object  # at run time a plain mixin: `RoadmapApp` brings both halves


class Quitting(_QuittingBase):
    """The quitting half of `RoadmapApp` (it has `store`, `main_screen`, `load_error`...)."""

    store: RoadmapStore
    _quitting: bool
    _signalled: bool
    _waiting_for_disk: bool = False  # a quit waits for the write on a thread

    # The store's saver, reached here only (storage names its parts; the app needs two) -----

    @property
    def save_error(self) -> Exception | None:
        """Why the latest write failed, or None."""
        return self.store.writer.error

    def allow_recreate(self) -> None:
        """The learner said to write the file again although it was removed."""
        self.store.writer.allow_create()

    def _catch_signals(self) -> None:
        """SIGTERM (`kill`, a shutdown) and SIGHUP (the terminal closed) quit as `q` does: an
        open edit is kept, every change is written, the terminal is given back as it was."""
        if self.is_headless:
            return  # (under a test's pilot, the signals are the test runner's)
        import signal

        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(signum, self._on_signal)
            except (NotImplementedError, RuntimeError, ValueError, AttributeError):
                pass  # not here (Windows, not the main thread): the default stays

    def _on_signal(self) -> None:
        from roadmap_tui.tui.screens.unsaved import UnsavedScreen

        self._signalled = True
        if isinstance(self.screen, UnsavedScreen):
            self._start_quit_wait(None)  # no one may be there to answer: wait, then go
        else:
            self._quitting = False  # (a quit that waits for the disk: this one waits too)
            self.action_quit()

    # Sync where App's is async (Textual runs either): `_on_signal` and the answers call it too.
    def action_quit(self) -> None:  # type: ignore[override]  # sync, see above
        """Quit once every key pressed before this one is handled and every change is on disk."""
        from roadmap_tui.tui.screens.unsaved import UnsavedScreen

        if self._quitting or isinstance(self.screen, UnsavedScreen):
            return
        self._quitting = True
        main = self.main_screen
        if main is not None:
            main.commit_open_edit()  # what is typed is kept, as when leaving the field
        self._settle(rounds=8, then=self._quit_now)

    def _settle(self, rounds: int, then: Callable[[], Awaitable[None]]) -> None:
        """Run `then` after the app and every widget have handled what is already queued.

        A key pressed just before Ctrl+Q (a priority binding) may still be on its way: keys
        and the messages they cause hop from widget to widget, each hop a message queue, and
        key bindings run on the app's own queue. So this must not wait inside a handler; it
        queues a callback on every pump, and when all have run, does it again, `rounds` times.
        """
        if rounds <= 0:
            self.call_later(then)
            return
        pumps: list[MessagePump] = [self]
        pumps.extend(w for screen in self.screen_stack for w in screen.walk_children(with_self=True))
        remaining = len(pumps)

        def one_done() -> None:
            nonlocal remaining
            remaining -= 1
            if remaining == 0:
                self._settle(rounds - 1, then)

        for pump in pumps:
            if not pump.call_later(one_done):
                one_done()

    async def _quit_now(self) -> None:
        main = self.main_screen
        view = False
        if main is not None:
            main.note_view()
            view = True
        self._start_quit_wait(view)
        if not self._signalled and not self.store.flush(0):
            # The question at once: keys go to it, not to the roadmap (what was typed after
            # `q` would not be saved by a quit already on its way).
            self._waiting_for_disk = True
            self._ask_unsaved(WAITING)

    def _start_quit_wait(self, view: bool | None) -> None:
        """Off the loop: write the view state (if `view`), wait for the saver, report
        `QuitWaitOver`. A signal's wait gives up after `SIGNAL_WAIT` (no one may be there);
        a `q`'s waits as long as it takes (the question is on screen meanwhile)."""
        store = self.store
        timeout = SIGNAL_WAIT if self._signalled else None

        def wait() -> QuitWaitOver:
            viewing = None
            if view:
                # (on a thread of its own: a view-state file that can't be written does not
                # keep the app from quitting once the roadmap is on disk)
                viewing = threading.Thread(target=store.save_view, name="roadmap-view", daemon=True)
                viewing.start()
            written = store.flush(timeout)
            if viewing is not None:
                viewing.join(VIEW_WAIT)
            return QuitWaitOver(written)

        run_in_background(self, "quit-wait", wait)

    # (a mixin's handlers go by their names: `@on` registers only in a MessagePump's own class)
    def on_quit_wait_over(self, message: QuitWaitOver) -> None:
        if self._signalled and (not message.written or self.save_error is not None):
            self._exit_unsaved(self.save_error)  # no one may be there to answer
            return
        self._written()

    def _written(self) -> None:
        """The changes are written, or failed: quit, or ask what to do."""
        from roadmap_tui.tui.screens.unsaved import UnsavedScreen

        self._waiting_for_disk = False
        if self.main_screen is not None and not self._quitting and not isinstance(self.screen, UnsavedScreen):
            return  # the learner went back to the roadmap meanwhile
        error = self.save_error
        if error is not None and self.main_screen is not None and not self._signalled:
            self._ask_unsaved(describe(error))
            return
        if not self.store.flush(0):
            self._start_quit_wait(False)  # a change made while the view state was written: it too
            return
        self.store.close(0)
        self.exit(return_code=2 if self.load_error is not None else 0)

    def _ask_unsaved(self, reason: str) -> None:
        from roadmap_tui.tui.screens.unsaved import UnsavedScreen

        self._quitting = False
        if isinstance(self.screen, UnsavedScreen):
            self.pop_screen()  # the question again, with what is known now
        self.push_screen(UnsavedScreen(str(self.store.path), reason), self._unsaved_choice)

    def _exit_unsaved(self, error: Exception | None) -> None:
        """Stopped by a signal with changes that could not be written: say so on the way out."""
        self.store.close(0)
        reason = describe(error) if error else f"the disk did not answer within {SIGNAL_WAIT:g} seconds"
        self.exit(
            return_code=1,
            message=Text(
                f"roadmap-tui was stopped; the latest changes could not be saved to {visible(str(self.store.path))}: "
                f"{visible(reason)}."
            ),
        )

    async def _unsaved_choice(self, choice: UnsavedChoice | None) -> None:
        self._waiting_for_disk = False
        if choice is UnsavedChoice.RETRY:
            if isinstance(self.save_error, FileMissingError):
                self.allow_recreate()  # trying again is saying to write it
            self.store.save()
            self.action_quit()
        elif choice is UnsavedChoice.ELSEWHERE:
            from roadmap_tui.tui.screens.save_as import SaveAsScreen

            # (the screen takes the snapshot off the loop, with what it writes)
            self.push_screen(SaveAsScreen(self.store.snapshot, self._save_as_suggestion()), self._saved_elsewhere)
        elif choice is UnsavedChoice.DISCARD:
            self.store.close(0)
            self.exit(return_code=1)

    def _save_as_suggestion(self) -> Path:
        from datetime import datetime

        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        return Path.home() / f"{self.store.path.stem}-unsaved-{stamp}{self.store.path.suffix or '.toml'}"

    async def _saved_elsewhere(self, target: Path | None) -> None:
        if target is None:
            self.action_quit()  # back to the question
            return
        self.store.close(0)
        self.exit(
            return_code=1,
            message=Text(
                f"{visible(str(self.store.path))} could not be written; your roadmap with every change is in "
                f"{visible(str(target))}. Copy it back once the problem is fixed "
                f"(`cp {visible(str(target))} {visible(str(self.store.path))}`)."
            ),
        )
