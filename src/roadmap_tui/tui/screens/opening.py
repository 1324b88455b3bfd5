"""Shown while another roadmap loads off the loop (a switch from the palette).

It takes the keys that would otherwise reach the roadmap being left: a change made to it then
would go to a store that is about to close. Only quitting works (`q`, and the app's Ctrl+Q).
It closes itself when it comes back on top after the switch was given up (a quit that asked
about unsaved changes, then was called off).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static


class OpeningScreen(ModalScreen[None]):
    """"Opening NAME…" while the app loads another roadmap."""

    BINDINGS = [
        # A modal screen does not pass keys on to the app's bindings: quit from here too.
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self._shown = name

    def compose(self) -> ComposeResult:
        yield Static(f"Opening {self._shown}…", id="opening", markup=False)

    def on_screen_resume(self) -> None:
        # Only while on top: `dismiss` pops whatever screen is on top, and by the time this runs
        # another one (the unsaved question, write elsewhere) may have been pushed over it.
        if not getattr(self.app, "switching", True) and self.app.screen is self:
            self.dismiss()
