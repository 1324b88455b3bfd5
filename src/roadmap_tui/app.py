"""The Textual app: loads the roadmap file and shows the main screen (or what is wrong with it)."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from pathlib import Path

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import Screen

from roadmap_tui import paths
from roadmap_tui.commands import GoToProvider
from roadmap_tui.literal import visible
from roadmap_tui.saver import FileChangedError, Reloaded
from roadmap_tui.schema import RoadmapError
from roadmap_tui.screens.help import HelpScreen
from roadmap_tui.screens.load_error import LoadErrorScreen
from roadmap_tui.screens.main import MainScreen
from roadmap_tui.screens.unsaved import UnsavedScreen
from roadmap_tui.store import RoadmapStore


class RoadmapApp(App[None]):
    """`RoadmapApp(path=PATH)` works on the roadmap file at PATH (created from the default if missing)."""

    CSS_PATH = "roadmap.tcss"
    TITLE = "roadmap-tui"
    COMMANDS = App.COMMANDS | {GoToProvider}
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
    ]

    class SaveResult(Message):
        """A write finished: `error` is None, or what stopped it."""

        def __init__(self, error: Exception | None) -> None:
            super().__init__()
            self.error = error

    class FileReloaded(Message):
        """Another program changed the file: the model as it is now (or why it can't be read)."""

        def __init__(self, reloaded: Reloaded) -> None:
            super().__init__()
            self.reloaded = reloaded

    def __init__(self, path: str | os.PathLike[str], watch_interval: float = 1.0) -> None:
        super().__init__()
        self.watch_interval = watch_interval
        self.store = self._new_store(Path(path))
        self.load_error: RoadmapError | None = None
        self._quitting = False

    def _new_store(self, path: Path) -> RoadmapStore:
        return RoadmapStore(path, on_save=self._saved, on_reload=self._reloaded)

    def get_default_screen(self) -> Screen:
        try:
            self.store.load()
        except RoadmapError as error:
            self.load_error = error
            return LoadErrorScreen(error)
        return MainScreen(self.store, watch_interval=self.watch_interval)

    def _saved(self, error: Exception | None) -> None:
        # Called on the saver thread: post_message is thread-safe.
        self.post_message(self.SaveResult(error))

    def _reloaded(self, reloaded: Reloaded) -> None:
        self.post_message(self.FileReloaded(reloaded))

    def on_roadmap_app_save_result(self, message: SaveResult) -> None:
        main = self.main_screen
        if main is not None:
            main.show_problem("save", describe(message.error) if message.error else None)

    async def on_roadmap_app_file_reloaded(self, message: FileReloaded) -> None:
        reloaded = message.reloaded
        main = self.main_screen
        if main is None:
            return
        lost = list(reloaded.lost)
        if reloaded.roadmap is not None:
            lost += self.store.adopt(reloaded)
            await main.reload(self.store.roadmap)
            main.show_problem("file", None)
            self.notify(
                f"{self.store.path.name} was changed by another program: reloaded.", markup=False, timeout=4
            )
        elif isinstance(reloaded.error, FileChangedError):
            main.show_problem("file", reloaded.error.error.one_line())
        elif reloaded.error is not None:
            main.show_problem("file", describe(reloaded.error))
        if lost:
            names = "; ".join(visible(change.describe()) for change in lost[:3])
            more = f" and {len(lost) - 3} more" if len(lost) > 3 else ""
            self.notify(
                f"Not applied, because the other program's version no longer has it: {names}{more}.",
                severity="warning",
                markup=False,
                timeout=10,
            )

    @property
    def main_screen(self) -> MainScreen | None:
        if self.screen_stack and isinstance(self.screen_stack[0], MainScreen):
            return self.screen_stack[0]
        return None

    def _fatal_error(self) -> None:
        """An unexpected error: one line for the user, the traceback to a log (never the screen).

        Textual's own version prints a traceback with local variables to the terminal.
        """
        import traceback
        from datetime import datetime

        self.bell()
        log = paths.crash_log()
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            with log.open("a", encoding="utf-8") as handle:
                handle.write(f"--- {datetime.now().isoformat(timespec='seconds')} {self.store.path}\n")
                handle.write(traceback.format_exc())
            where = f"details are in {log}"
        except OSError:
            where = "its details could not be written down"
        saved = self.store.close(5) and self.store.writer.error is None
        outcome = (
            f"Every change made before it was saved to {self.store.path}."
            if saved
            else f"The latest changes could not be saved to {self.store.path}."
        )
        self._exit_renderables.append(
            Text(f"roadmap-tui stopped on an unexpected error ({where}). {outcome}")
        )
        self._close_messages_no_wait()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_quit(self) -> None:
        """Quit once every key pressed before this one is handled and every change is on disk."""
        if self._quitting or isinstance(self.screen, UnsavedScreen):
            return
        self._quitting = True
        main = self.main_screen
        if main is not None:
            main.pane.items.keep_open_edit()  # what is typed is kept, as when leaving the field
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
        if main is not None and main.tree.current is not None:
            self.store.remember_selection(main.tree.current)
        written = self.store.flush(10)
        error = self.store.writer.error
        if main is not None and (error is not None or not written):
            reason = describe(error) if error else "the disk did not answer within 10 seconds"
            self._quitting = False
            self.push_screen(UnsavedScreen(str(self.store.path), reason), self._unsaved_choice)
            return
        self.store.close()
        self.exit(return_code=2 if self.load_error is not None else 0)

    async def _unsaved_choice(self, choice: str | None) -> None:
        if choice == "retry":
            self.store.save()
            self.action_quit()
        elif choice == "discard":
            self.store.close(0)
            self.exit(return_code=1)


def describe(error: Exception) -> str:
    """An error as a person reads it: "No space left on device", not errno soup."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
