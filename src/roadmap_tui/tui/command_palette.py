"""The command palette screen: Textual's, with a guard on its list keys.

Textual 8.2.8's palette moves its list by a page (Page Up / Page Down) through a table of lines
that is empty until the list has been laid out, so those keys pressed the moment the palette
opens raise KeyError and stop the app; and a palette closed twice by keys in quick succession
(Enter on a hit, then Escape or Enter again before it is gone) pops the screen under it, and
its search worker, still running when the palette closes, fails to find its list: each stopped
the app (all found by tests/test_key_fuzz.py). Here such a key does nothing, and a search for
a palette already gone ends quietly.
"""

from __future__ import annotations

import asyncio

from textual import work
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.css.query import NoMatches


class Palette(CommandPalette):
    def _action_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)
        except (KeyError, IndexError):
            pass  # the list is not laid out yet: the key is too early to mean anything

    def dismiss(self, result: object = None) -> AwaitComplete:  # type: ignore[override]
        if self.app.screen is not self:  # already closed: `pop_screen` would pop what is under it
            return AwaitComplete(asyncio.sleep(0))
        return super().dismiss(result)  # type: ignore[arg-type]

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        try:
            await CommandPalette._gather_commands.__wrapped__(self, search_value)  # type: ignore[attr-defined]
        except NoMatches:
            if self.is_attached and self.app.screen is self:
                raise  # not the race: a real fault
