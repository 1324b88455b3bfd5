"""The command palette's "go to": every phase, section and topic, found by fuzzy search."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from roadmap_tui.literal import visible
from roadmap_tui.model import Entry, Node, ancestors


def entry_title(entry: Entry) -> str:
    return visible(entry.display_title if isinstance(entry, Node) else entry.display_text)


def entry_path(entry: Entry) -> str:
    return " › ".join(entry_title(a) for a in reversed(list(ancestors(entry, include_self=True))))


class GoToProvider(Provider):
    """Ctrl+P, then type part of a title: the tree jumps there."""

    async def startup(self) -> None:
        from roadmap_tui.screens.main import MainScreen
        from roadmap_tui.widgets.roadmap_tree import tree_children

        self._entries: list[tuple[str, Entry]] = []
        screen = self.screen
        if not isinstance(screen, MainScreen):
            return
        self._main = screen

        def collect(entry: Entry) -> None:
            self._entries.append((entry_path(entry), entry))
            for child in tree_children(entry):
                collect(child)

        for phase in screen.roadmap.phases:
            collect(phase)

    def _help(self, entry: Entry) -> str:
        return f"{entry.n_done}/{entry.n_total} done" if entry.n_total else "go to"

    async def discover(self) -> Hits:
        for path, entry in self._entries:
            if isinstance(entry, Node) and entry.level == 2:
                yield DiscoveryHit(Content(f"Go to {path}"), partial(self._main.go_to, entry), text=path, help=self._help(entry))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for path, entry in self._entries:
            candidate = f"Go to {path}"
            score = matcher.match(candidate)
            if score > 0:
                # The title is data: build the highlight on literal text (Matcher.highlight parses markup).
                _, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
                display = Content(candidate)
                for offset in offsets:
                    display = display.stylize("bold $text-accent underline", offset, offset + 1)
                yield Hit(score, display, partial(self._main.go_to, entry), text=candidate, help=self._help(entry))
