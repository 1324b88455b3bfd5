"""The command palette (Ctrl+P): "go to" any phase, section or topic, and "open" another roadmap."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from roadmap_tui.literal import visible
from roadmap_tui.model import Entry, Node, ancestors
from roadmap_tui.widgets.labels import path_content


def entry_path(entry: Entry) -> Content:
    return path_content(list(ancestors(entry, include_self=True))[::-1])


class GoToProvider(Provider):
    """Ctrl+P, then type part of a title: the tree jumps there."""

    async def startup(self) -> None:
        from roadmap_tui.screens.main import MainScreen
        from roadmap_tui.widgets.roadmap_tree import tree_children

        self._entries: list[tuple[Content, Entry]] = []
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
                display = Content("Go to ") + path
                go = partial(self._main.go_to, entry)
                yield DiscoveryHit(display, go, text=display.plain, help=self._help(entry))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for path, entry in self._entries:
            display = Content("Go to ") + path
            candidate = display.plain
            score = matcher.match(candidate)
            if score > 0:
                # The title is data: highlight the literal text (Matcher.highlight parses markup).
                _, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
                for offset in offsets:
                    display = display.stylize("bold $text-accent underline", offset, offset + 1)
                yield Hit(score, display, partial(self._main.go_to, entry), text=candidate, help=self._help(entry))


class RoadmapsProvider(Provider):
    """Ctrl+P, then "open" or a roadmap's name: switch to another roadmap in the data folder."""

    async def startup(self) -> None:
        from roadmap_tui import paths

        current = self.app.store.path  # type: ignore[attr-defined]
        self._roadmaps = [(name, path) for name, path in paths.list_roadmaps() if path != current]

    def _hits(self) -> list[tuple[Content, str, object]]:
        hits = []
        for name, path in self._roadmaps:
            display = Content("Open roadmap ") + Content.styled(visible(name), "bold")
            hits.append((display, display.plain, partial(self.app.switch_roadmap, path)))  # type: ignore[attr-defined]
        return hits

    async def discover(self) -> Hits:
        for display, text, open_it in self._hits():
            yield DiscoveryHit(display, open_it, text=text, help="switch to this roadmap")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for display, text, open_it in self._hits():
            score = matcher.match(text)
            if score > 0:
                _, offsets = matcher.fuzzy_search.match(matcher.query, text)
                for offset in offsets:
                    display = display.stylize("bold $text-accent underline", offset, offset + 1)
                yield Hit(score, display, open_it, text=text, help="switch to this roadmap")
