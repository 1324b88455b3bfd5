"""The help screen: every key, in one table."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

KEYS: list[tuple[str, str, str]] = [
    ("Anywhere", "Tab / Shift+Tab", "Switch between the tree and the topic"),
    ("Anywhere", "? / F1", "This help"),
    ("Anywhere", "Ctrl+P", "Palette: go to any topic; open another roadmap"),
    ("Anywhere", "q / Ctrl+Q", "Quit (every change is already saved)"),
    ("Tree", "Up / Down, k / j", "Move"),
    ("Tree", "Right / l", "Open a node; on a topic, go to its items"),
    ("Tree", "Enter", "Open or close; on a topic, go to its items"),
    ("Tree", "Left / h", "Close a node, or go to its parent"),
    ("Tree", "Home / End", "First / last row"),
    ("Topic", "Up / Down, k / j", "Move"),
    ("Topic", "Home / End", "First / last row"),
    ("Topic", "Space", "Check or uncheck (a topic: all its items)"),
    ("Topic", "Enter", "Edit a blank, open a row, or check it"),
    ("Topic", "e", "Edit the blank: Duration, resource, project"),
    ("Topic", "a", "Add an entry to a Resources Library list"),
    ("Topic", "d / Delete", "Remove a Resources Library entry"),
    ("Topic", "o", "Open the row's web link in your browser"),
    ("Editing", "Enter", "Save (empty brings the blank back)"),
    ("Editing", "Escape", "Cancel (Tab or a click away keeps the text)"),
    ("Mouse", "Click", "Select a node; check an item; edit a blank"),
]


class HelpScreen(ModalScreen[None]):
    """Lists every key. Escape (or ? / F1) closes it."""

    BINDINGS = [
        Binding("escape,question_mark,f1", "dismiss", "Close help"),
        # A modal screen does not pass keys on to the app's bindings: quit from here too.
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static("roadmap-tui keys  (Escape closes)", id="help-title")
            table: DataTable[str] = DataTable(id="help-keys", cursor_type="none", zebra_stripes=True)
            table.add_columns("Where", "Key", "What it does")
            for row in KEYS:
                table.add_row(*row)
            yield table
