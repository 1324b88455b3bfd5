"""Shown instead of the roadmap when its file cannot be used: what is wrong, and where."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from roadmap_tui.literal import visible
from roadmap_tui.schema import RoadmapError


class LoadErrorScreen(Screen[None]):
    """The file stays as it is: nothing is written while this screen is up."""

    BINDINGS = [Binding("q,escape", "app.quit", "Quit")]

    def __init__(self, error: RoadmapError) -> None:
        super().__init__()
        self.error = error

    def hint(self) -> str:
        message = self.error.problems[0].message
        if message.startswith("cannot be created"):
            return (
                "Nothing was written. Choose a folder you can write to with --file PATH "
                "(or ROADMAP_TUI_FILE), or fix this folder's permissions."
            )
        if message.startswith("cannot be read") or message.startswith("is a folder"):
            return "Nothing was written. Check the path and its permissions, then run roadmap-tui again."
        return (
            "The file has not been changed. Fix it in a text editor (or move it away to start "
            "again from the default roadmap), then run roadmap-tui again."
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="load-error"):
            yield Static("This roadmap file can't be opened", id="load-error-title")
            yield Static(Content(visible(self.error.path)), id="load-error-path", markup=False)
            with VerticalScroll(id="load-error-problems"):
                for problem in self.error.details():
                    yield Static(Content.assemble(("• ", "$error"), visible(problem)), markup=False)
            yield Static(self.hint(), id="load-error-hint")
        yield Footer()
