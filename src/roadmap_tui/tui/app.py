"""The Textual app: loads the roadmap file and shows the main screen (or what is wrong with it)."""

from __future__ import annotations

import asyncio
import gc
import os
import sys
import threading
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from roadmap_tui import settings
from roadmap_tui.crashlog import write_crash_log
from roadmap_tui.errors import RoadmapError, describe
from roadmap_tui.safe_text import visible
from roadmap_tui.settings import DEFAULT_THEME
from roadmap_tui.storage.saver import FileChangedError, FileMissingError, Reloaded
from roadmap_tui.storage.store import RoadmapStore
from roadmap_tui.tui._textual_private import command_palette_class, end_with_message
from roadmap_tui.tui.background import run_in_background
from roadmap_tui.tui.messages import (
    BackgroundFailed,
    FileReloaded,
    LogFinished,
    NotOpened,
    Recovered,
    RecoverRequested,
    RoadmapOpened,
    SaveFinished,
    SettingsProblem,
)
from roadmap_tui.tui.quitting import Quitting
from roadmap_tui.tui.screens.main import MainScreen, ProblemKind
from roadmap_tui.tui.screens.opening import OpeningScreen
from roadmap_tui.tui.themes import THEMES

# What only some runs need is imported when it is needed (start-up pays for every import).

#: How long switching to another roadmap waits for this one's changes to be written (seconds).
SWITCH_WAIT = 10.0


def _close(store: RoadmapStore) -> None:
    """Close a store that is no longer shown (off the loop: it stops its saver's thread)."""
    store.close()


def _go_to_provider() -> type:
    from roadmap_tui.tui.palette import GoToProvider

    return GoToProvider


def _roadmaps_provider() -> type:
    from roadmap_tui.tui.palette import RoadmapsProvider

    return RoadmapsProvider


def _dashboard_provider() -> type:
    from roadmap_tui.tui.dashboard_command import DashboardProvider

    return DashboardProvider


class RoadmapApp(Quitting, App[None]):
    """`RoadmapApp(path=PATH)` works on the roadmap file at PATH (created from the default if missing)."""

    CSS_PATH = "roadmap.tcss"
    TITLE = "roadmap-tui"
    COMMANDS = App.COMMANDS | {_go_to_provider, _roadmaps_provider, _dashboard_provider}
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("ctrl+p", "command_palette", "Palette", key_display="^p", priority=True),
    ]

    def __init__(self, path: str | os.PathLike[str], watch_interval: float = 1.0) -> None:
        super().__init__()
        for theme in THEMES:
            self.register_theme(theme)
        self.settings = settings.load()
        self.theme = self.settings.theme if self.settings.theme in self.available_themes else DEFAULT_THEME
        self.watch_interval = watch_interval
        self._theme_wanted = self.settings.theme  # the theme last chosen (saved off the loop)
        self._settings_lock = threading.Lock()
        self.store = self._new_store(Path(path))
        self.load_error: RoadmapError | None = None
        self._recovering = False  # a recovery is on its way (off the loop)
        self._switching = False  # a switch to another roadmap is on its way (off the loop)
        self._quitting = False
        self._log_failing = False  # the activity log's last write failed (said once)
        self._signalled = False  # SIGTERM or SIGHUP: quit with no question (no one may be there)

    def on_mount(self) -> None:
        problem = self.settings.problem
        if problem is None and self.settings.theme != self.theme:
            problem = f"There is no theme called {self.settings.theme!r}: using {self.theme}."
        if problem is not None:
            self.notify(visible(problem), severity="warning", markup=False, timeout=10)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self._catch_signals()

    def _theme_changed(self, theme: object) -> None:
        """A theme picked in the palette is the theme from now on (the settings file keeps it,
        written off the loop)."""
        name = getattr(theme, "name", None)
        if isinstance(name, str) and name != self._theme_wanted:
            self._theme_wanted = name
            chosen = self.settings

            def save() -> SettingsProblem | None:
                # One write at a time, each of the latest choice: the last theme chosen is the
                # one kept, however the writes' threads interleave.
                with self._settings_lock:
                    problem = settings.save_theme(chosen, self._theme_wanted)
                return SettingsProblem(problem) if problem is not None else None

            run_in_background(self, "settings", save)

    @on(SettingsProblem)
    def _settings_problem(self, message: SettingsProblem) -> None:
        self.notify(visible(message.problem), severity="warning", markup=False, timeout=10)

    def on_load(self) -> None:
        # The saver thread runs Python while the screen waits for a key's repaint: a 1 ms GIL
        # slice (the default is 5 ms) keeps a save from delaying the next frame.
        sys.setswitchinterval(0.001)

    def _new_store(self, path: Path) -> RoadmapStore:
        """A store for `path` whose saver reports to the app, each report saying which store it
        is from (after a switch, a late one from the store left behind is not about this one)."""

        def saved(error: Exception | None) -> None:
            self.post_message(SaveFinished(error, store))  # the saver's thread: post_message is thread-safe

        def reloaded(reloaded: Reloaded) -> None:
            self.post_message(FileReloaded(reloaded, store))

        def logged(error: Exception | None) -> None:
            self.post_message(LogFinished(error, store))

        store = RoadmapStore(path, on_save=saved, on_reload=reloaded, on_log=logged)
        return store

    @property
    def switching(self) -> bool:
        """A switch to another roadmap is on its way (`OpeningScreen` shows it)."""
        return self._switching

    def get_default_screen(self) -> Screen:
        try:
            self.store.load()
            # The roadmap lives as long as the app: keep the garbage collector's full scans
            # (which stop the screen) off its objects, hundreds of thousands in a big roadmap.
            gc.freeze()
        except RoadmapError as error:
            self.load_error = error
            from roadmap_tui.tui.screens.load_error import LoadErrorScreen

            # (still the start-up's own read: the first frame waits for the file anyway)
            return LoadErrorScreen(error, self.store.path, movable=self.store.path.is_file())
        return MainScreen(self.store, watch_interval=self.watch_interval)

    @on(RecoverRequested)
    def recover(self, message: RecoverRequested) -> None:
        """From the load-error screen: rename the unusable file (nothing is deleted) and start
        again from the default roadmap or from the newest backup that opens (off the loop)."""
        if self._recovering:
            return
        self._recovering = True
        path, from_backup = self.store.path, message.from_backup

        def start_again() -> Recovered | NotOpened:
            from roadmap_tui.storage import backups

            try:
                backup = backups.newest_valid_backup(path) if from_backup else None
                if from_backup and backup is None:
                    return NotOpened("There is no backup that can be opened.", timeout=5)
                moved = backups.move_aside(path)
                if backup is not None:
                    backups.restore(path, backup)
                store = self._new_store(path)
                store.load()
                store.view  # noqa: B018 - read here, not by the screen's first frame
            except (OSError, RoadmapError) as error:
                reason = error.one_line() if isinstance(error, RoadmapError) else describe(error)
                return NotOpened(f"Could not start again: {visible(reason)}")
            return Recovered(store, moved, backup)

        run_in_background(self, "recover", start_again)

    @on(Recovered)
    async def _recovered(self, message: Recovered) -> None:
        self._recovering = False
        self.store, self.load_error = message.store, None
        await self._show_main(MainScreen(message.store, watch_interval=self.watch_interval))
        backup = message.backup
        start = f"the backup {backup.name}" if backup is not None else "the default roadmap"
        self.notify(
            f"The unreadable file is now {visible(message.moved.name)}; started from {visible(start)}.", markup=False
        )

    @on(NotOpened)
    def _not_opened(self, message: NotOpened) -> None:
        self._recovering = self._switching = False
        if isinstance(self.screen, OpeningScreen):
            self.screen.dismiss()
        self.notify(message.reason, severity="error", markup=False, timeout=message.timeout)

    @on(BackgroundFailed)
    def _background_failed(self, message: BackgroundFailed) -> None:
        raise message.error  # a fault as any other: the crash log, the changes written first

    @on(SaveFinished)
    def _show_save_result(self, message: SaveFinished) -> None:
        main = self.main_screen
        if main is None or message.store is not self.store:
            return
        if isinstance(message.error, FileMissingError):
            main.show_problem(ProblemKind.GONE, str(message.error))
            self._ask_to_write_again()
            return
        main.show_problem(ProblemKind.GONE, None)
        main.show_problem(ProblemKind.SAVE, describe(message.error) if message.error else None)

    @on(LogFinished)
    def _show_log_result(self, message: LogFinished) -> None:
        """The activity log could not be written: say so once (the roadmap is saved; the records
        wait for the next save), and again only after it worked in between."""
        if message.store is not self.store:
            return
        if message.error is None:
            self._log_failing = False
        elif not self._log_failing:
            self._log_failing = True
            text = visible(describe(message.error))
            self.notify(text[:1].upper() + text[1:], severity="warning", markup=False, timeout=10)

    def _ask_to_write_again(self) -> None:
        """A change was made after the file was removed: write it again, or keep it in memory."""
        from roadmap_tui.tui.screens.file_gone import FileGoneScreen
        from roadmap_tui.tui.screens.unsaved import UnsavedScreen

        if self._quitting or any(isinstance(s, (FileGoneScreen, UnsavedScreen)) for s in self.screen_stack):
            return  # (quitting, the unsaved question offers to try again: that writes it)

        def answered(write: bool | None) -> None:
            if write:
                self.allow_recreate()
                self.store.save()

        self.push_screen(FileGoneScreen(str(self.store.path)), answered)

    @on(FileReloaded)
    async def _show_reloaded(self, message: FileReloaded) -> None:
        reloaded = message.reloaded
        main = self.main_screen
        if main is None or message.store is not self.store:
            return  # (a late word from a roadmap switched away from: its store is closed)
        lost = list(reloaded.lost)
        if reloaded.roadmap is not None:
            lost += self.store.adopt(reloaded)
            gc.freeze()
            await main.reload(reloaded.roadmap)  # (what the store adopted)
            main.show_problem(ProblemKind.FILE, None)
            main.show_problem(ProblemKind.GONE, None)
            self.notify(
                f"{visible(self.store.path.name)} was changed by another program: reloaded.", markup=False, timeout=4
            )
        elif isinstance(reloaded.error, FileMissingError):
            main.show_problem(ProblemKind.GONE, str(reloaded.error))
        elif isinstance(reloaded.error, FileChangedError):
            main.show_problem(ProblemKind.FILE, reloaded.error.error.one_line())
        elif reloaded.error is not None:
            main.show_problem(ProblemKind.FILE, describe(reloaded.error))
        if lost:
            self.store.forget_lost(lost)  # undo can't take back what never reached the file
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
        """The main screen of the open roadmap (the newest, after a switch), if any."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, MainScreen):
                return screen
        return None

    def _fatal_error(self) -> None:
        """An unexpected error: one line for the user, the traceback to a log (never the screen).

        Textual's own version prints a traceback with local variables to the terminal.
        """
        self.bell()
        log = write_crash_log(None, str(self.store.path))  # Textual calls this while handling it
        where = "its details could not be written down" if log is None else f"details are in {visible(str(log))}"
        main = self.main_screen
        try:
            if main is not None:
                main.commit_open_edit()  # what is typed in an open edit or note goes with the rest
        except Exception:  # noqa: BLE001  # already stopping on one error: keep what can be kept
            pass
        saved = self.store.close(5) and self.save_error is None
        outcome = (
            f"Every change made before it was saved to {visible(str(self.store.path))}."
            if saved
            else f"The latest changes could not be saved to {visible(str(self.store.path))}."
        )
        end_with_message(self, Text(f"roadmap-tui stopped on an unexpected error ({where}). {outcome}"))

    def action_command_palette(self) -> None:
        if self._switching:
            return  # (the roadmap being left takes no more changes, from the palette either)
        palette = command_palette_class()
        # Textual types `is_open(app: App[object])`; App is invariant in its result, and any app will do.
        if self.use_command_palette and not palette.is_open(self):  # type: ignore[arg-type]  # see above
            self.push_screen(palette(id="--command-palette"))

    def action_help(self) -> None:
        from roadmap_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen) and not self._switching:
            self.push_screen(HelpScreen())

    async def switch_roadmap(self, path: Path) -> None:
        """Open another roadmap (from the command palette) once this one's changes are on disk;
        the wait and the load run off the loop, and `RoadmapOpened` shows it."""
        main = self.main_screen
        if path == self.store.path or main is None or self._switching:
            return
        self._switching = True
        main.commit_open_edit()
        await asyncio.sleep(0)  # let the kept edit reach the store
        main.note_view()
        old = self.store
        # From here on no key reaches the roadmap being left (its store closes after the switch).
        await self.push_screen(OpeningScreen(visible(path.stem)))

        def open_other() -> RoadmapOpened | NotOpened:
            old.save_view()
            if not old.flush(SWITCH_WAIT) or self.save_error is not None:
                return NotOpened("This roadmap's latest changes are not saved yet: it stays open.", timeout=5)
            store = self._new_store(path)
            try:
                store.load(create=False)
                store.view  # noqa: B018 - read here, not by the screen's first frame
            except RoadmapError as error:
                store.close(0)
                return NotOpened(visible(error.one_line()))
            return RoadmapOpened(store)

        run_in_background(self, "open", open_other)

    @on(RoadmapOpened)
    async def _roadmap_opened(self, message: RoadmapOpened) -> None:
        old, new = self.store, message.store
        opening = self.screen if isinstance(self.screen, OpeningScreen) else None
        self._switching = False
        if self._quitting or opening is None or not old.flush(0) or self.save_error is not None:
            # Given up: the learner is quitting (or answering the unsaved question), or a change
            # reached this roadmap meanwhile and is not on disk yet. This one stays open.
            run_in_background(self, "close", lambda: _close(new))
            if opening is not None:
                await opening.dismiss()
            if opening is not None and not self._quitting:
                self.notify(
                    "This roadmap's latest changes are not saved yet: it stays open.",
                    severity="error",
                    markup=False,
                    timeout=5,
                )
            return
        self.store = new
        await opening.dismiss()
        while len(self.screen_stack) > 1 and not isinstance(self.screen, MainScreen):
            await self.pop_screen()  # a modal the switch was started over (the palette opens over Help)
        run_in_background(self, "close", lambda: _close(old))  # (nothing of it is unsaved: checked just above)
        await self._show_main(MainScreen(new, watch_interval=self.watch_interval))

    async def _show_main(self, screen: MainScreen) -> None:
        """Show a new main screen in place of the one on top (Textual can't switch the default
        screen, the first one: the new one then goes on top of it, and replaces itself after)."""
        if len(self.screen_stack) > 1:
            await self.switch_screen(screen)
        else:
            await self.push_screen(screen)
