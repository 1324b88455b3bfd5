"""The help screen: every key, read from the bindings (see `keys.py`), grouped by where it works.

Rows wrap to the width (the keys in a column of their own, what they do wrapped beside them), so
nothing is cut at any width; a help taller than the terminal scrolls inside its box, which keeps
clear of the header and the footer.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from roadmap_tui.tui.screens.keys import key_rows

KEY_COLUMN_MAX = 20  # wider keys wrap in their column


class HelpScreen(ModalScreen[None]):
    """Lists every key. Escape (or ? / F1) closes it."""

    BINDINGS = [
        Binding("escape,question_mark,f1", "dismiss", "Close help"),
        # A modal screen does not pass keys on to the app's bindings: quit from here too.
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def compose(self) -> ComposeResult:
        places = key_rows()
        key_width = min(
            KEY_COLUMN_MAX, max(Content(row.shown_keys).cell_length for _, rows in places for row in rows)
        )
        with VerticalScroll(id="help") as box:
            box.border_title = "roadmap-tui keys"
            box.border_subtitle = "Escape closes"
            for place, rows in places:
                yield Static(place, classes="help-place", markup=False)
                for row in rows:
                    with Horizontal(classes="help-row"):
                        key = Static(row.shown_keys, classes="help-key", markup=False)
                        key.styles.width = key_width + 2
                        yield key
                        yield Static(row.text, classes="help-text", markup=False)
