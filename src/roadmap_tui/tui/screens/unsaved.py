"""Asked on quit when the latest changes could not be written: try again, write them to another
file, or quit without them."""

from __future__ import annotations

from enum import Enum

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from roadmap_tui.safe_text import visible

HINT = (
    "Free some space or fix the folder's permissions, then try again; or write the roadmap with "
    "your changes to another file. Quitting without saving (d twice) loses the changes made since "
    "the last save."
)


class UnsavedChoice(Enum):
    """What the learner chose (each button's id is its value)."""

    RETRY = "retry"
    ELSEWHERE = "elsewhere"
    DISCARD = "discard"
    STAY = "stay"


class UnsavedScreen(ModalScreen[UnsavedChoice]):
    """Dismissed with the learner's `UnsavedChoice`."""

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
        self._sure = False  # `d` pressed once

    def compose(self) -> ComposeResult:
        with Vertical(id="unsaved"):
            yield Static("Your latest changes are not saved", id="unsaved-title")
            where = Content.assemble(
                "They could not be written to ", (visible(self.path), "bold"), ": ", visible(self.reason)
            )
            yield Static(where, markup=False)
            yield Static(HINT, id="unsaved-hint")
            with Horizontal(id="unsaved-buttons"):
                yield Button("Try again (r)", id="retry", variant="primary")
                yield Button("Write elsewhere (w)", id="elsewhere")
                yield Button("Quit without saving (d)", id="discard", variant="error")
                yield Button("Back (Esc)", id="stay")

    def action_choose(self, name: str) -> None:
        choice = UnsavedChoice(name)
        if choice is UnsavedChoice.DISCARD and not self._sure:
            # One key must not lose the changes (someone still typing when this appears): the
            # second `d` does; the button, clicked on purpose, does at once.
            self._sure = True
            self.query_one("#unsaved-hint", Static).update(
                Content.styled("Press d again to quit without saving: the changes are lost.", "bold $text-error")
            )
            return
        self.dismiss(choice)

    def on_key(self, event: events.Key) -> None:
        if event.key != "d" and self._sure:
            self._sure = False  # any other key: the question is as it was
            self.query_one("#unsaved-hint", Static).update(HINT)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(UnsavedChoice(event.button.id or UnsavedChoice.STAY.value))
