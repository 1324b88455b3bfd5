"""Asks where to write the roadmap when its own file can't be written (from the unsaved screen)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from roadmap_tui.safe_text import visible
from roadmap_tui.tui.background import run_in_background


class SaveAsScreen(ModalScreen[Path | None]):
    """Dismissed with the path written to, or None (Esc). Writes what `snapshot()` gives there
    itself, both off the loop (the snapshot waits a moment for the saver, which may be stuck on
    the disk; `Written` says how it went), so a path that can't be written says why and lets
    the learner try another."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Back")]

    @dataclass
    class Written(Message, bubble=False):
        """The write to `target` is done: `problem` is None, or why it could not be."""

        target: Path
        problem: str | None

    def __init__(self, snapshot: Callable[[], bytes], suggestion: Path) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.suggestion = suggestion
        self._writing = False  # (Enter again while a write is on its way does nothing)

    def compose(self) -> ComposeResult:
        with Vertical(id="save-as"):
            yield Static("Write the roadmap, with your changes, to another file", id="save-as-title")
            yield Input(value=str(self.suggestion), id="save-as-path")
            yield Static("Enter writes it (an existing file is never replaced); Esc goes back.", id="save-as-hint")
            yield Static("", id="save-as-problem", markup=False)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.query_one("#save-as-problem", Static).update("Type a file name.")
            return
        if self._writing:
            return
        self._writing = True
        target = Path(event.value.strip()).expanduser()
        snapshot = self.snapshot

        def write() -> SaveAsScreen.Written:
            from roadmap_tui.storage.fs import atomic_write

            if target.exists() or target.is_symlink():
                return self.Written(target, f"{visible(str(target))} exists: choose another name.")
            try:
                data = snapshot()
                target.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(target, data)
            except OSError as error:
                return self.Written(target, f"Could not write {visible(str(target))}: {visible(error.strerror or str(error))}")
            return self.Written(target, None)

        run_in_background(self, "save-as", write)

    @on(Written)
    def _written(self, message: Written) -> None:
        self._writing = False
        if message.problem is not None:
            self.query_one("#save-as-problem", Static).update(Content(message.problem))
            return
        self.dismiss(message.target)
