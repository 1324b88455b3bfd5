"""Asked on quit when the latest changes could not be written: try again, write them to another
file, or quit without them."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from roadmap_tui.literal import visible


class UnsavedScreen(ModalScreen[str]):
    """Dismissed with "retry", "elsewhere", "discard" or "stay"."""

    BINDINGS = [
        Binding("r", "choose('retry')", "Try again"),
        Binding("w", "choose('elsewhere')", "Write to another file"),
        Binding("d", "choose('discard')", "Quit without saving"),
        Binding("escape", "choose('stay')", "Back to the roadmap"),
    ]

    def __init__(self, path: str, reason: str) -> None:
        super().__init__()
        self.path = path
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(id="unsaved"):
            yield Static("Your latest changes are not saved", id="unsaved-title")
            where = Content.assemble(
                "They could not be written to ", (visible(self.path), "bold"), ": ", visible(self.reason)
            )
            yield Static(where, markup=False)
            yield Static(
                "Free some space or fix the folder's permissions, then try again; or write the "
                "roadmap with your changes to another file. Quitting without saving loses the "
                "changes made since the last save.",
                id="unsaved-hint",
            )
            with Horizontal(id="unsaved-buttons"):
                yield Button("Try again (r)", id="retry", variant="primary")
                yield Button("Write elsewhere (w)", id="elsewhere")
                yield Button("Quit without saving (d)", id="discard", variant="error")
                yield Button("Back (Esc)", id="stay")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "stay")
