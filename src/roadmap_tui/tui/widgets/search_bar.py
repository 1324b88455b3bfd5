"""The `/` search bar: a line above the footer with the query and what it found ("3 of 12").

The bar finds nothing itself: what the learner types reaches the screen (`SearchInput.searcher`,
and the input's own `Input.Changed` for what is not typed, as a paste or Backspace), and the
keys post what was asked (the next or previous match, close); the screen searches (`core/search.py`), narrows the tree
and moves the cursor (`screens/main_search.py`), then tells the bar what to say (`show_count`).
What the bar says is built as `Content` from plain strings: a query is shown as typed, never as
markup.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from roadmap_tui.core.search import narrows
from roadmap_tui.safe_text import visible
from roadmap_tui.tui.widgets.typing_undo import TypingUndo


@dataclass
class SearchStep(Message):
    """Enter (`step` 1: the next match) or Shift+Enter (-1: the previous one)."""

    step: int


class SearchClosed(Message):
    """Escape: close the bar and show the whole tree again."""


class SearchInput(TypingUndo):
    """The query. Enter: the next match, Shift+Enter: the previous, Escape: close."""

    BINDINGS = [
        Binding("enter", "next_match", "Next match"),
        Binding("shift+enter", "previous_match", "Previous match"),
        Binding("escape", "cancel", "Close search"),  # (the help's "cancel" row, as an edit's Escape)
    ]

    #: What the screen gives the input to call with the query after a typed key (attributes down):
    #: the tree narrows before the frame that shows the letter, so a keystroke costs one frame,
    #: not two (the `Input.Changed` message, which the screen also gets, comes a frame later).
    searcher: Callable[[str], Awaitable[None]] | None = None

    async def _on_key(self, event: events.Key) -> None:
        before = self.value
        await super()._on_key(event)
        if self.value != before and self.searcher is not None:
            await self.searcher(self.value)

    def action_next_match(self) -> None:
        self.post_message(SearchStep(1))

    def action_previous_match(self) -> None:
        self.post_message(SearchStep(-1))

    def action_cancel(self) -> None:
        self.post_message(SearchClosed())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()  # (Enter is ours: the next match)


class SearchBar(Horizontal):
    """The bar: `/`, the query, and the count. Hidden until `/` opens it."""

    def compose(self) -> ComposeResult:
        yield Static("/", id="search-slash", markup=False)
        yield SearchInput(placeholder="search titles, items, notes", id="search-input", select_on_focus=False)
        yield Static(id="search-count", markup=False)

    @property
    def input(self) -> SearchInput:
        return self.query_one(SearchInput)

    @property
    def query_text(self) -> str:
        return self.input.value

    def open(self) -> None:
        """Show the bar and put the focus in it (the query typed last is kept, selected)."""
        self.display = True
        field = self.input
        field.focus()
        if field.value:
            field.select_all()

    def close(self) -> None:
        self.display = False

    def show_count(self, shown: int, total: int, query: str) -> None:
        """"3 of 12" (the match the cursor is on), "12 matches", or that there are none."""
        count = self.query_one("#search-count", Static)
        if not query.strip():
            said = Content("")
        elif not narrows(query):
            said = Content.styled("one more letter…", "$foreground-muted")
        elif not total:
            words = visible(query)
            words = words if len(words) <= 20 else words[:19] + "…"
            warning = "$text-warning"
            said = Content.assemble(("no match for “", warning), words, ("” · whole tree", warning))
        elif shown < 0:
            said = Content(f"{total} match{'es' * (total != 1)} · Enter: first")
        else:
            said = Content(f"{shown + 1} of {total}")
        count.update(said, layout=False)  # (its width is fixed: no layout of the screen per key)
