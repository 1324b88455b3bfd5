"""Asked after `V` ("forgot" a review): put the topic back in progress? y / n."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class DoingAgainScreen(ModalScreen[bool]):
    """Dismissed with True (y: mark the topic's items doing again) or False (n, Escape)."""

    DEFAULT_CSS = """
    DoingAgainScreen { align: center middle; }
    #doing-again { width: 64; height: auto; padding: 1 2; border: thick $warning; background: $surface; }
    #doing-again-buttons { height: auto; margin-top: 1; }
    #doing-again-buttons Button { margin-right: 2; }
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.topic_name = name

    def compose(self) -> ComposeResult:
        with Vertical(id="doing-again"):
            yield Static(
                Content.assemble("Mark “", (self.topic_name, "bold"), "” doing again?"),
                markup=False,
                id="doing-again-question",
            )
            yield Static("Its items go back in progress; done again, it comes up for review a day later.")
            with Horizontal(id="doing-again-buttons"):
                yield Button("Yes (y)", id="yes", variant="primary")
                yield Button("No (n)", id="no")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
