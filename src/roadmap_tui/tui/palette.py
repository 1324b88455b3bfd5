"""The command palette (Ctrl+P): go to anything in the roadmap, and "open" another roadmap.

Searching
---------
`SearchIndex` holds every entry's text as the learner reads it (`labels.plain_text`: blanks as
their fill or their hint, inline Markdown as its text, so `[CS50 (video)](https://…)` is
"CS50 (video)"): the roadmap itself, parts, sections, topics, every item (checklist items,
`Resources:` lines, library entries, plain bullets) and each phase's Duration. A palette opening
makes a provider, which builds the index at its first search (not at the opening: the empty
palette needs none of it) and keeps it while the palette is open.

A search keeps the entries whose text holds the query's characters in order (one anchored,
backtracking-free regex per entry, or only the last query's survivors when the query grew).
Of those, entries that hold the query as it is are scored first, and at most `SCORE_LIMIT` are
scored at all: with Textual's own formula (`FuzzySearch.score`, so our hits and Textual's
commands rank together), but on one alignment found in linear time instead of all of them.
The best `HIT_LIMIT` are yielded; at equal score the roadmap, parts, sections and topics (the
tree's rows) come before a phase's Duration, and those before items.

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

import heapq
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from itertools import compress, repeat
from typing import TYPE_CHECKING, Union, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from roadmap_tui.safe_text import visible
from roadmap_tui.formats.md_inline import plain
from roadmap_tui.core.model import Entry, Item, Node, Roadmap, ancestors, segments
from roadmap_tui.tui.background import in_background
from roadmap_tui.tui.widgets.item_row import Field
from roadmap_tui.tui.widgets.labels import FILL_STYLE, HINT_STYLE, entry_content, markdown_parts, source

if TYPE_CHECKING:
    from roadmap_tui.tui.app import RoadmapApp

#: How many hits a search yields (the palette shows a dozen or so; more are a scroll away).
HIT_LIMIT = 40
#: How many of the entries that match a query are scored (the rest are not shown anyway).
SCORE_LIMIT = 600

MATCH_STYLE = "bold $text-accent underline"
MUTED = "$foreground-muted"  # ($text-muted, "auto 60%", loses its 60% in a span)
DONE_STYLE = "$text-success"
SEPARATOR = " › "

Target = Union[Entry, Roadmap]
#: A text that is its own plain form: none of Markdown's characters (a blank's `_[`, an
#: entity's `&` among them), and nothing `literal.visible` changes (a tab, a control character).
_PLAIN = re.compile("[^\\\\`*_\\[\\]<>!~&\t\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]*")


def plain_parts(text: str, fill: str) -> str:
    """`text` with `fill` in its blank, as `labels.plain_text` shows an entry (quicker: most
    texts have no blank and no Markdown, and are their own plain form)."""
    if _PLAIN.fullmatch(text):
        return text
    out = []
    for segment in segments(text, fill):
        out.append(visible(segment.text) if segment.kind != "text" else plain(visible(segment.text)))
    return visible("".join(out))


def readable_content(text: str, fill: str) -> Content:
    """`plain_parts` with styles: Markdown's, the fill plain, a hint dim (no pencil, so the
    plain text is the one searched and the matched offsets fall where they should)."""
    parts: list[tuple[str, str]] = []
    for segment in segments(text, fill):
        if segment.kind == "fill":
            parts.append((visible(segment.text), FILL_STYLE))
        elif segment.kind == "hint":
            parts.append((visible(segment.text), HINT_STYLE))
        else:
            parts.extend(markdown_parts(segment.text))
    return Content.assemble(*parts)


def fold(text: str) -> str:
    """`text` in lower case, character for character (a letter whose lower case is longer, as
    "İ", stays as it is), so offsets in the folded text are offsets in the text."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@dataclass(eq=False, slots=True)
class Searchable:
    """One thing the palette can find: an entry's own text, or a field of it (`field`)."""

    entry: Target
    field: Field | None  # None for the entry's own text, DURATION for a phase's Duration
    text: str  # as the learner reads it
    folded: str
    rank: int  # at equal score, lower first: 0 the tree's rows, 1 fields, 2 items
    position: int


@dataclass(eq=False, slots=True)
class Match:
    score: float
    target: Searchable
    offsets: tuple[int, ...]

    @property
    def entry(self) -> Target:
        return self.target.entry

    @property
    def text(self) -> str:
        return self.target.text


def searchable(entry: Target, field: Field | None, text: str, rank: int, position: int) -> Searchable:
    return Searchable(entry, field, text, fold(text), rank, position)


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def textual_score(text: str, offsets: list[int] | range) -> float:
    """Textual's `FuzzySearch.score` of these offsets: each matched character counts, one at
    the start of a word twice, and fewer separate runs count more."""
    count = len(offsets)
    first = sum(1 for o in offsets if _is_word(text[o]) and (o == 0 or not _is_word(text[o - 1])))
    groups = 1 + sum(1 for a, b in zip(offsets, offsets[1:]) if b != a + 1)
    normalized = (count - (groups - 1)) / count
    return (count + first) * (1 + normalized * normalized)


def substring_match(text: str, query: str) -> tuple[float, tuple[int, ...]]:
    """The query as it is in `text`: its best of the first few places (a word's start is best)."""
    best: tuple[float, tuple[int, ...]] = (0.0, ())
    start = text.find(query)
    tries = 0
    while start != -1 and tries < 4:
        offsets = range(start, start + len(query))
        score = textual_score(text, offsets) * (2.0 if text == query else 1.5)
        if score > best[0]:
            best = (score, tuple(offsets))
        if start == 0 or not _is_word(text[start - 1]):
            break  # at a word's start: no later place scores more
        start = text.find(query, start + 1)
        tries += 1
    return best


def fuzzy_match(text: str, query: str) -> tuple[float, tuple[int, ...]]:
    """The query's characters in order in `text`: the leftmost alignment, and the same one
    drawn tight from its end (fewer gaps), whichever scores more. 0 when there is none."""
    forward: list[int] = []
    position = 0
    for char in query:
        position = text.find(char, position)
        if position == -1:
            return 0.0, ()
        forward.append(position)
        position += 1
    backward: list[int] = []
    position = forward[-1]
    for char in reversed(query):
        position = text.rfind(char, 0, position + 1)
        backward.append(position)
        position -= 1
    backward.reverse()
    scored = [(textual_score(text, offsets), tuple(offsets)) for offsets in (forward, backward)]
    return max(scored, key=lambda pair: pair[0])


def subsequence_pattern(query: str) -> re.Pattern[str]:
    """Matches (at the start) a text holding the query's characters in order, in linear time."""
    return re.compile("".join(f"[^{re.escape(c)}]*+{re.escape(c)}" for c in query))


class SearchIndex:
    """Everything in a roadmap the palette can find, and the search (see the module's text)."""

    def __init__(self, roadmap: Roadmap) -> None:
        self.roadmap = roadmap
        self._last: tuple[str, list[int]] | None = None
        # The tree's rows in its order (parts, then what each shows below it), each phase's
        # Duration, and the items that are not rows of the tree (every item's parent is a row).
        rows: list[Entry] = []
        fields: list[Node] = []
        leaves: list[Item] = []
        stack: list[Entry] = list(reversed(roadmap.phases))
        while stack:
            entry = stack.pop()
            rows.append(entry)
            below: list[Entry] = [item for item in entry.items if item.items]
            if isinstance(entry, Node):
                below += entry.sections
                if entry.duration is not None:
                    fields.append(entry)
            leaves.extend(item for item in entry.items if not item.items)
            stack.extend(reversed(below))
        known: dict[tuple[str, str], str] = {}  # many texts repeat (a topic's `Resources:` hint)

        def readable(text: str, fill: str) -> str:
            if _PLAIN.fullmatch(text):
                return text
            found = known.get((text, fill))
            if found is None:
                found = known[(text, fill)] = plain_parts(text, fill)
            return found

        # Kept as columns: a `Searchable` is made only for what is scored.
        self._entry: list[Target] = [roadmap, *rows, *fields, *leaves]
        self._field: list[Field | None] = [None, *([None] * len(rows)), *([Field.DURATION] * len(fields))]
        self._field += [None] * len(leaves)
        self._rank = [0, *([0] * len(rows)), *([1] * len(fields)), *([2] * len(leaves))]
        self._text = [visible(roadmap.title)]
        self._text += [readable(*source(entry)) for entry in rows]
        self._text += ["Duration: " + readable(node.duration or "", node.duration_fill) for node in fields]
        self._text += [readable(item.text, item.text_fill) for item in leaves]
        self._folded = [fold(text) for text in self._text]

    def target(self, index: int) -> Searchable:
        """The entry at `index` of the index, with its text."""
        return Searchable(
            self._entry[index], self._field[index], self._text[index], self._folded[index], self._rank[index], index
        )

    @property
    def entries(self) -> list[Searchable]:
        """Everything the index holds (for a test: a search makes only those it scores)."""
        return [self.target(index) for index in range(len(self._entry))]

    def _survivors(self, query: str) -> list[int]:
        """The entries whose text holds the query's characters in order."""
        folded = self._folded
        last = self._last
        if len(query) == 1:
            found = list(compress(range(len(folded)), map(str.__contains__, folded, repeat(query))))
        elif last is not None and query.startswith(last[0]):
            match = subsequence_pattern(query).match
            found = [i for i in last[1] if match(folded[i])]  # a longer query: fewer of the same
        else:
            found = list(compress(range(len(folded)), map(subsequence_pattern(query).match, folded)))
        self._last = (query, found)
        return found

    def find(self, query: str, limit: int = HIT_LIMIT) -> list[Match]:
        """The best matches for `query`, best first."""
        query = fold(query.strip())
        if not query:
            return []
        folded = self._folded
        survivors = self._survivors(query)
        # At most SCORE_LIMIT are scored: the query as it is at a word's start, then anywhere,
        # then its characters apart; in the index's order (the tree's rows first).
        starts: list[int] = []
        inside: list[int] = []
        apart: list[int] = []
        spaced = " " + query
        for index in survivors:
            text = folded[index]
            if query in text:
                if text.startswith(query) or spaced in text:
                    starts.append(index)
                    if len(starts) == SCORE_LIMIT:
                        break
                elif len(inside) < SCORE_LIMIT:
                    inside.append(index)
            elif len(apart) < SCORE_LIMIT:
                apart.append(index)
        scoring = [(index, True) for index in starts + inside] + [(index, False) for index in apart]
        del scoring[SCORE_LIMIT:]
        matches = []
        for index, exact in scoring:
            text = folded[index]
            score, offsets = substring_match(text, query) if exact else fuzzy_match(text, query)
            if score > 0:
                matches.append(Match(score, self.target(index), offsets))
        return heapq.nlargest(limit, matches, key=lambda m: (m.score, -m.target.rank, -m.target.position))


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
    """"3/9 done" for what counts items, "done" / "not done" for an item; nothing for the rest."""
    entry = target.entry
    if entry.n_total and not (isinstance(entry, Item) and entry.is_counted):
        complete = entry.n_done == entry.n_total
        return Content.styled(f"{entry.n_done}/{entry.n_total} done" + (" ✓" if complete else ""),
                              DONE_STYLE if complete else MUTED)
    if isinstance(entry, Item) and entry.done is not None:
        return Content.styled("✓ done", DONE_STYLE) if entry.checked else Content.styled("not done", MUTED)
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


def hit_content(target: Searchable, offsets: tuple[int, ...] = (), width: int = 80) -> Content:
    """A hit's two lines: its own text (matched characters underlined) and progress, and
    where it is."""
    own = own_content(target)
    if own.plain == target.text:
        for offset in offsets:
            own = own.stylize(MATCH_STYLE, offset, offset + 1)
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

    async def discover(self) -> Hits:
        """The empty palette: the whole roadmap's overview, then each part."""
        if self._main is None:
            return
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
        from roadmap_tui import paths

        current = self.roadmap_app.store.path
        found = await in_background(paths.list_roadmaps)  # (a folder listing: off the loop)
        self._roadmaps = [(name, path) for name, path in found if path != current]

    def _hits(self) -> list[tuple[Content, str, Callable[[], Awaitable[None]]]]:
        hits = []
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
                for offset in offsets:
                    display = display.stylize("bold $text-accent underline", offset, offset + 1)
                yield Hit(score, display, open_it, text=text, help="switch to this roadmap")
