"""The footer of keys, rebuilt only when the keys it shows change.

Textual's `Footer` removes and remounts all its keys whenever anything calls `refresh_bindings`
or the focus moves: two extra frames and most of the time of a keypress here, since the topic
list refreshes its bindings on every cursor move. The keys it would show are cheap to compute,
so this one compares them with those it shows and keeps its widgets when nothing changed.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """A `Footer` that recomposes only when its keys (or their enabled state) change."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._shown: Hashable = None
        self._check_pending = False

    def _keys(self) -> Hashable:
        """What `compose` would show, as a comparable value."""
        if not self._bindings_ready:
            return None
        app = self.app
        keys = tuple(
            (key, binding.action, binding.description, enabled, tooltip, app.get_key_display(binding))
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == app.COMMAND_PALETTE_BINDING
        )
        return keys, self.show_command_palette, app.ENABLE_COMMAND_PALETTE

    def compose(self) -> ComposeResult:
        self._shown = self._keys()
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._check_pending:
            self._check_pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._check_pending = False
        if self._keys() != self._shown:
            await self.recompose()
