"""The command palette (Ctrl+P): go to anything in the roadmap, "Review next" (the tree's cursor
on the topic most overdue for review: `MainScreen.review_next`), and "open" another roadmap.

Searching
---------
The search (`SearchIndex`, in `palette_search.py`) keeps every entry's text as the learner reads
it; a palette opening makes a provider, which builds the index at its first search (not at the
opening: the empty palette needs none of it) and keeps it while the palette is open.

Showing
-------
A hit is `Content` built from plain strings with explicit styles, never markup: the entry's
own text (the matched characters underlined), its progress ("3/9 done", "done", "not done"),
and below it where it is, a breadcrumb cut with "…" from the outside in. Textual parses a hit's
`help` as markup, so no hit has one.

Choosing a hit goes there: a row of the tree gets the tree's cursor (`MainScreen.go_to`); an
item, or a Duration, gets the pane's cursor on its row, the tree on what shows it, and the
focus (`MainScreen.go_to_row`), so Space then toggles that item.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from roadmap_tui.core import states
from roadmap_tui.core.model import Entry, Item, Node, Roadmap
from roadmap_tui.core.outline import ancestors
from roadmap_tui.core.placeholders import fill_parts
from roadmap_tui.safe_text import visible
from roadmap_tui.tui.background import in_background
from roadmap_tui.tui.palette_search import Searchable, SearchIndex, plain_parts, searchable
from roadmap_tui.tui.widgets.item_row import Field
from roadmap_tui.tui.widgets.labels import FILL_STYLE, HINT_STYLE, entry_content, markdown_parts, source

if TYPE_CHECKING:
    from roadmap_tui.tui.app import RoadmapApp

MATCH_STYLE = "bold $text-accent underline"
MUTED = "$foreground-muted"  # ($text-muted, "auto 60%", loses its 60% in a span)
DONE_STYLE = "$text-success"
SEPARATOR = " › "
#: The palette's command that goes to the entry most overdue for review.
REVIEW_NEXT = "Review next"
#: A hit's words for an item not done, by its state (todo: "not done").
ITEM_STATES = {states.DOING: "▸ doing", states.SKIPPED: "– skipped"}


def readable_content(text: str, fill: str) -> Content:
    """`plain_parts` with styles: Markdown's, the fill plain, a hint dim (no pencil, so the
    plain text is the one searched and the matched offsets fall where they should)."""
    parts: list[tuple[str, str]] = []
    for segment in fill_parts(text, fill):
        if segment.kind == "fill":
            parts.append((visible(segment.text), FILL_STYLE))
        elif segment.kind == "hint":
            parts.append((visible(segment.text), HINT_STYLE))
        else:
            parts.extend(markdown_parts(segment.text))
    return Content.assemble(*parts)


# Showing a hit -------------------------------------------------------------------------------


def own_content(target: Searchable) -> Content:
    """The text the hit is found by, styled as in the app (its plain text is `target.text`)."""
    entry = target.entry
    if isinstance(entry, Roadmap):
        return Content.styled(target.text, "bold")
    if target.field is Field.DURATION:
        assert isinstance(entry, Node) and entry.duration is not None
        return Content.styled("Duration: ", "bold") + readable_content(entry.duration, entry.duration_fill)
    return readable_content(*source(entry))


def progress_content(target: Searchable) -> Content:
    """"3/9 done" for what counts items ("3/9 done · 2 skipped", "all 3 skipped"), "✓ done",
    "▸ doing", "– skipped" or "not done" for an item; nothing for the rest."""
    entry = target.entry
    if entry.n_counted and not (isinstance(entry, Item) and entry.is_counted):
        if not entry.n_total:
            return Content.styled(f"all {entry.n_skipped} skipped", MUTED)
        complete = entry.n_done == entry.n_total
        counts = states.counts_text(entry.n_done, entry.n_total, entry.n_skipped)
        return Content.styled(counts + (" ✓" if complete else ""), DONE_STYLE if complete else MUTED)
    if isinstance(entry, Item) and entry.done is not None:
        status = states.own_status(entry)
        if status == states.DONE:
            return Content.styled("✓ done", DONE_STYLE)
        return Content.styled(ITEM_STATES.get(status, "not done"), MUTED)
    return Content("")


def where_content(target: Searchable, width: int) -> Content:
    """Where the hit is: the entries above it (a field's own entry too), the outermost giving
    way to "…" first so the nearest stay in view; for a part, the roadmap's title."""
    entry = target.entry
    if isinstance(entry, Roadmap):
        return Content.styled("the whole roadmap: every part, and what is next", MUTED)
    trail: list[Entry] = list(ancestors(entry, include_self=target.field is not None))[::-1]
    parts = [entry_content(step) for step in trail]
    roadmap = entry.parent
    if not parts and isinstance(roadmap, Roadmap):
        parts = [Content(visible(roadmap.title))]
    line = Content(SEPARATOR).join(parts)
    while line.cell_length > width and len(parts) > 1:
        parts.pop(0)
        line = Content("…" + SEPARATOR) + Content(SEPARATOR).join(parts)
    if line.cell_length > width:
        line = line.truncate(width, ellipsis=True)
    return line.stylize(MUTED)


def highlight(content: Content, offsets: Iterable[int]) -> Content:
    """`content` with the characters at `offsets` (a match's) underlined. (Textual's
    `Matcher.highlight` parses its text as markup: a roadmap's text is never markup.)"""
    for offset in offsets:
        content = content.stylize(MATCH_STYLE, offset, offset + 1)
    return content


def hit_content(target: Searchable, offsets: tuple[int, ...] = (), width: int = 80) -> Content:
    """A hit's two lines: its own text (matched characters underlined) and progress, and
    where it is."""
    own = own_content(target)
    if own.plain == target.text:
        own = highlight(own, offsets)
    progress = progress_content(target)
    room = max(20, 2 * width - progress.cell_length - 2)  # a long text wraps once, then is cut
    if own.cell_length > room:
        own = own.truncate(room, ellipsis=True)
    first = own + Content("  ") + progress if progress.cell_length else own
    return Content.assemble(first, "\n", where_content(target, width))


class GoToProvider(Provider):
    """Ctrl+P, then type part of any text in the roadmap: go there."""

    async def startup(self) -> None:
        from roadmap_tui.tui.screens.main import MainScreen

        screen = self.screen
        self._main = screen if isinstance(screen, MainScreen) else None
        self._index: SearchIndex | None = None
        # The index is made at the first search, or a moment after the palette has shown its
        # list, whichever comes first: so the first letter typed does not wait for it either.
        self.app.set_timer(0.2, self._prepare)

    def _prepare(self) -> None:
        from textual.command import CommandPalette

        if isinstance(self.app.screen, CommandPalette):
            self._search_index()

    def _search_index(self) -> SearchIndex | None:
        main = self._main
        if main is None:
            return None
        if self._index is None or self._index.roadmap is not main.roadmap:
            self._index = SearchIndex(main.roadmap)
        return self._index

    @property
    def _width(self) -> int:
        return max(30, self.app.size.width - 8)

    async def _go(self, target: Searchable) -> None:
        main = self._main
        assert main is not None
        entry = target.entry
        if target.field is not None:
            assert isinstance(entry, Node)
            await main.go_to_row(entry, entry, target.field)
        elif isinstance(entry, Item) and not entry.items and isinstance(entry.parent, (Item, Node)):
            await main.go_to_row(entry.parent, entry)  # an item: on its row, in the pane
        else:
            main.go_to(entry)  # a row of the tree

    def _review_next(self) -> None:
        if self._main is not None:
            self._main.review_next()

    async def discover(self) -> Hits:
        """The empty palette: "Review next", the whole roadmap's overview, then each part."""
        if self._main is None:
            return
        yield DiscoveryHit(Content(REVIEW_NEXT), self._review_next, text=REVIEW_NEXT)
        roadmap = self._main.roadmap
        targets = [searchable(roadmap, None, visible(roadmap.title), 0, 0)]
        targets += [searchable(part, None, plain_parts(*source(part)), 0, n) for n, part in enumerate(roadmap.phases, 1)]
        for target in targets:
            yield DiscoveryHit(hit_content(target, width=self._width), partial(self._go, target), text=target.text)

    async def search(self, query: str) -> Hits:
        index = self._search_index()
        if index is None:
            return
        width = self._width
        matcher = self.matcher(query)
        score = matcher.match(REVIEW_NEXT)
        if score > 0:
            _, offsets = matcher.fuzzy_search.match(matcher.query, REVIEW_NEXT)
            yield Hit(score, highlight(Content(REVIEW_NEXT), offsets), self._review_next, text=REVIEW_NEXT)
        for match in index.find(query):
            display = hit_content(match.target, match.offsets, width)
            yield Hit(match.score, display, partial(self._go, match.target), text=match.text)


class RoadmapsProvider(Provider):
    """Ctrl+P, then "open" or a roadmap's name: switch to another roadmap in the data folder."""

    @property
    def roadmap_app(self) -> RoadmapApp:
        """The app, typed (no import at run time: the app imports this module lazily)."""
        return cast("RoadmapApp", self.app)

    async def startup(self) -> None:
        from roadmap_tui import library

        current = self.roadmap_app.store.path
        found = await in_background(library.list_roadmaps)  # (a folder listing: off the loop)
        self._roadmaps = [(name, path) for name, path in found if path != current]

    def _hits(self) -> list[tuple[Content, str, Callable[[], Awaitable[None]]]]:
        hits: list[tuple[Content, str, Callable[[], Awaitable[None]]]] = []
        for name, path in self._roadmaps:
            display = Content("Open roadmap ") + Content.styled(visible(name), "bold")
            hits.append((display, display.plain, partial(self.roadmap_app.switch_roadmap, path)))
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
                yield Hit(score, highlight(display, offsets), open_it, text=text, help="switch to this roadmap")
