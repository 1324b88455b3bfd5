"""Asked when a change is made after the roadmap file was removed from disk (by `roadmap-tui
remove`, `rm`, a sync client): write it again with the changes, or leave it removed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from roadmap_tui.safe_text import visible


class FileGoneScreen(ModalScreen[bool]):
    """Dismissed with True (write the file again) or False (leave it removed)."""

    BINDINGS = [
        Binding("y", "choose(True)", "Write it again"),
        Binding("n,escape", "choose(False)", "Leave it removed", key_display="n"),
    ]

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="file-gone"):
            yield Static("The roadmap file was removed", id="file-gone-title")
            yield Static(
                Content.assemble((visible(self.path), "bold"), " is gone from disk, removed by another program."),
                markup=False,
            )
            yield Static(
                "Your roadmap and every change are still here. Write the file again with them? "
                "If you leave it removed, the changes stay in memory while the app runs, and the "
                "next change asks again.",
                id="file-gone-hint",
            )
            with Horizontal(id="file-gone-buttons"):
                yield Button("Write it again (y)", id="write", variant="primary")
                yield Button("Leave it removed (n)", id="leave")

    def action_choose(self, write: bool) -> None:
        self.dismiss(write)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "write")
