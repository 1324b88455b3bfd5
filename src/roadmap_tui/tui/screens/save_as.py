"""Asks where to write the roadmap when its own file can't be written (from the unsaved screen)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from roadmap_tui.safe_text import visible


class SaveAsScreen(ModalScreen[Path | None]):
    """Dismissed with the path written to, or None (Esc). Writes `data` there itself, so a
    path that can't be written says why and lets the learner try another."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Back")]

    def __init__(self, data: bytes, suggestion: Path) -> None:
        super().__init__()
        self.data = data
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(id="save-as"):
            yield Static("Write the roadmap, with your changes, to another file", id="save-as-title")
            yield Input(value=str(self.suggestion), id="save-as-path")
            yield Static("Enter writes it (an existing file is never replaced); Esc goes back.", id="save-as-hint")
            yield Static("", id="save-as-problem", markup=False)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        from roadmap_tui.storage.fs import atomic_write

        target = Path(event.value.strip()).expanduser()
        problem = self.query_one("#save-as-problem", Static)
        if not event.value.strip():
            problem.update("Type a file name.")
            return
        if target.exists() or target.is_symlink():
            problem.update(Content(f"{visible(str(target))} exists: choose another name."))
            return
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, self.data)
        except OSError as error:
            problem.update(Content(f"Could not write {visible(str(target))}: {visible(error.strerror or str(error))}"))
            return
        self.dismiss(target)
