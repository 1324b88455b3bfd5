"""Shown instead of the roadmap when its file cannot be used: what is wrong, and where."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from roadmap_tui.errors import RoadmapError
from roadmap_tui.safe_text import visible
from roadmap_tui.tui.background import run_in_background
from roadmap_tui.tui.messages import RecoverRequested


class LoadErrorScreen(Screen[None]):
    """The file stays as it is unless the learner asks: quit, or move it aside and start again
    (from the default roadmap, or from the newest backup that can be opened).

    Finding the newest backup that opens parses backups: it runs off the loop once the screen
    is up, and `b` is offered when it is found (`BackupFound`). `movable` says whether there is
    a file to move aside (the app knows it from its failed load).
    """

    @dataclass
    class BackupFound(Message, bubble=False):
        backup: Path | None

    BINDINGS = [
        Binding("q,escape", "app.quit", "Quit"),
        Binding("m", "recover(False)", "Move it aside, start from the default"),
        Binding("b", "recover(True)", "Move it aside, start from the newest backup"),
    ]

    def __init__(self, error: RoadmapError, path: Path | None = None, *, movable: bool = False) -> None:
        super().__init__()
        self.error = error
        self.path = path
        self.backup: Path | None = None
        from roadmap_tui.storage.reader import import_command

        # A Markdown file given as the roadmap is not broken, just not a roadmap: never moved aside.
        self.advice = import_command(error)
        self.movable = movable and path is not None and not self.advice

    def on_mount(self) -> None:
        path = self.path
        if self.movable and path is not None:

            def find() -> LoadErrorScreen.BackupFound:
                from roadmap_tui.storage.backups import newest_valid_backup

                return self.BackupFound(newest_valid_backup(path))

            run_in_background(self, "backups", find)

    @on(BackupFound)
    def _show_backup(self, message: BackupFound) -> None:
        self.backup = message.backup
        if self.backup is not None:
            self.query_one("#load-error-hint", Static).update(Content(visible(self.hint())))
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "recover":
            if not self.movable:
                return False  # nothing to move aside (missing, a folder, or no folder to create it in)
            if parameters == (True,) and self.backup is None:
                return False
        return True

    def action_recover(self, from_backup: bool) -> None:
        self.app.post_message(RecoverRequested(from_backup))

    def hint(self) -> str:
        if self.advice:
            return (
                "The file has not been changed. It looks like Markdown, not a roadmap file: make a roadmap "
                f"of it with {self.advice} (then open it with roadmap-tui -r NAME), or press q to quit."
            )
        message = self.error.problems[0].message
        if message.startswith("cannot be created"):
            return (
                "Nothing was written. Choose a folder you can write to with --file PATH "
                "(or ROADMAP_TUI_FILE), or fix this folder's permissions."
            )
        if message.startswith("cannot be read") or message.startswith("is a folder"):
            return "Nothing was written. Check the path and its permissions, then run roadmap-tui again."
        choices = "Press m to move it aside (renamed, not deleted) and start from the default roadmap"
        if self.backup is not None:
            choices += f", b to move it aside and start from the newest backup ({self.backup.name})"
        return (
            f"The file has not been changed. Fix it in a text editor and run roadmap-tui again. {choices}, "
            "or q to quit."
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="load-error"):
            yield Static("This roadmap file can't be opened", id="load-error-title")
            yield Static(Content(visible(self.error.path)), id="load-error-path", markup=False)
            with VerticalScroll(id="load-error-problems"):
                for problem in self.error.details():
                    yield Static(Content.assemble(("• ", "$error"), visible(problem)), markup=False)
            yield Static(Content(visible(self.hint())), id="load-error-hint", markup=False)
        yield Footer(show_command_palette=False)  # the app's own ^p binding is in the keys already
