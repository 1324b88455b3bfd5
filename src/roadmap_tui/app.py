"""The Textual app: loads the roadmap file and shows the main screen (or what is wrong with it)."""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from roadmap_tui import paths
from roadmap_tui.commands import GoToProvider
from roadmap_tui.schema import RoadmapError
from roadmap_tui.screens.help import HelpScreen
from roadmap_tui.screens.load_error import LoadErrorScreen
from roadmap_tui.screens.main import MainScreen
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

    class SaveFailed(Message):
        def __init__(self, error: OSError) -> None:
            super().__init__()
            self.error = error

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__()
        self.store = RoadmapStore(Path(path), on_save_error=self._save_failed)
        self.load_error: RoadmapError | None = None

    def get_default_screen(self) -> Screen:
        try:
            self.store.load()
        except RoadmapError as error:
            self.load_error = error
            return LoadErrorScreen(error)
        return MainScreen(self.store)

    def _save_failed(self, error: OSError) -> None:
        # Called on the writer thread: post_message is thread-safe.
        self.post_message(self.SaveFailed(error))

    def on_roadmap_app_save_failed(self, message: SaveFailed) -> None:
        reason = message.error.strerror or str(message.error)
        self.notify(
            f"Could not save {self.store.path}: {reason}. Your change is kept in memory; "
            "the next change tries again.",
            title="Not saved",
            severity="error",
            timeout=10,
            markup=False,
        )

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
        self.store.close(5)
        self._exit_renderables.append(
            Text(
                f"roadmap-tui stopped on an unexpected error ({where}). Every change made before it "
                f"was saved to {self.store.path}."
            )
        )
        self._close_messages_no_wait()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        if self.load_error is None and isinstance(self.screen_stack[0], MainScreen):
            main = self.screen_stack[0]
            current = main.tree.current
            if current is not None:
                self.store.remember_selection(current)
        self.store.close()
        self.exit(return_code=2 if self.load_error is not None else 0)
