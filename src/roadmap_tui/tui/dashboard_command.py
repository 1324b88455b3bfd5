"""Ctrl+P, then "dashboard": the tree's cursor on its first row (the roadmap), whose pane is the
dashboard (`widgets/dashboard_rows.py`). Its own provider, apart from `palette.py`'s."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

NAME = "Dashboard"
HELP = "pace, streak, forecast and reviews due"


class DashboardProvider(Provider):
    def _open(self) -> None:
        from roadmap_tui.tui.screens.main import MainScreen

        screen = self.app.screen
        if isinstance(screen, MainScreen):
            screen.go_to(screen.roadmap)

    async def discover(self) -> Hits:
        yield DiscoveryHit(Content(NAME), self._open, text=NAME, help=HELP)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        score = matcher.match(NAME)
        if score > 0:
            yield Hit(score, matcher.highlight(NAME), self._open, text=NAME, help=HELP)
