"""Undo of typing in a one-line text field: `ctrl+z` takes back what was typed, `ctrl+y` (and
`ctrl+shift+z`) types it again.

Textual's `Input` has no undo (its `TextArea` does: the note editor has its own), and the screen's
`ctrl+z` (the roadmap's undo) stands aside while a text field has the focus, so without this one
ctrl+z in an inline editor or the search bar did nothing. A burst of typing (changes less than
`GROUP_SECONDS` apart) is one step, as in an editor; the value the field opened with is where
undo stops.
"""

from __future__ import annotations

import time

from textual.binding import Binding
from textual.widgets import Input

#: Changes closer together than this are one step of undo.
GROUP_SECONDS = 1.0
#: The steps a field keeps.
MAX_STEPS = 200


class TypingUndo(Input):
    """An `Input` with an undo of its own typing (see the module's docstring)."""

    BINDINGS = [
        Binding("ctrl+z", "undo_typing", "Undo typing", show=False),
        Binding("ctrl+y,ctrl+shift+z", "redo_typing", "Redo typing", show=False),
    ]

    _restoring = False
    _last_change = 0.0

    def _steps(self) -> tuple[list[str], list[str]]:
        try:
            return self._undo_steps, self._redo_steps
        except AttributeError:
            self._undo_steps: list[str] = []
            self._redo_steps: list[str] = []
            return self._undo_steps, self._redo_steps

    def watch_value(self, old: str, new: str) -> None:
        if self._restoring or old == new or not self.is_mounted:
            return
        undo, redo = self._steps()
        now = time.monotonic()
        if not undo or now - self._last_change >= GROUP_SECONDS:
            undo.append(old)  # a new step: the value before this burst of typing
            del undo[:-MAX_STEPS]
        self._last_change = now
        redo.clear()

    def _restore(self, value: str) -> None:
        self._restoring = True
        try:
            self.value = value
            self.cursor_position = len(value)
        finally:
            self._restoring = False
        self._last_change = 0.0  # what is typed next is a step of its own

    def action_undo_typing(self) -> None:
        undo, redo = self._steps()
        if undo:
            redo.append(self.value)
            self._restore(undo.pop())

    def action_redo_typing(self) -> None:
        undo, redo = self._steps()
        if redo:
            undo.append(self.value)
            self._restore(redo.pop())
