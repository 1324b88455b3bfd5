"""The command palette's search: what it can find in a roadmap, and how a query finds it.

`SearchIndex` holds every entry's text as the learner reads it (`labels.plain_text`: blanks as
their fill or their hint, inline Markdown as its text, so `[CS50 (video)](https://…)` is
"CS50 (video)"): the roadmap itself, parts, sections, topics, every item (checklist items,
`Resources:` lines, library entries, plain bullets) and each phase's Duration (no
Textual here: the palette's providers, in `palette.py`, show what it finds).

A search keeps the entries whose text holds the query's characters in order (one anchored,
backtracking-free regex per entry, or only the last query's survivors when the query grew).
Of those, entries that hold the query as it is are scored first, and at most `SCORE_LIMIT` are
scored at all: with Textual's own formula (`FuzzySearch.score`, so our hits and Textual's
commands rank together), but on one alignment found in linear time instead of all of them.
The best `HIT_LIMIT` are yielded; at equal score the roadmap, parts, sections and topics (the
tree's rows) come before a phase's Duration, and those before items.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from itertools import compress, repeat
from typing import Union

from roadmap_tui.core.model import Entry, Item, Node, Roadmap
from roadmap_tui.core.outline import tree_children
from roadmap_tui.core.placeholders import fill_parts
from roadmap_tui.formats.md_inline import plain
from roadmap_tui.safe_text import visible
from roadmap_tui.tui.widgets.item_row import Field
from roadmap_tui.tui.widgets.labels import source

#: How many hits a search yields (the palette shows a dozen or so; more are a scroll away).
HIT_LIMIT = 40
#: How many of the entries that match a query are scored (the rest are not shown anyway).
SCORE_LIMIT = 600

Target = Union[Entry, Roadmap]
#: A text that is its own plain form: none of Markdown's characters (a blank's `_[`, an
#: entity's `&` among them), and nothing `safe_text.visible` changes (a tab, a control character).
_PLAIN = re.compile("[^\\\\`*_\\[\\]<>!~&\t\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]*")


def plain_parts(text: str, fill: str) -> str:
    """`text` with `fill` in its blank, as `labels.plain_text` shows an entry (quicker: most
    texts have no blank and no Markdown, and are their own plain form)."""
    if _PLAIN.fullmatch(text):
        return text
    out = []
    for segment in fill_parts(text, fill):
        out.append(visible(segment.text) if segment.kind != "text" else plain(visible(segment.text)))
    return visible("".join(out))


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
            below = tree_children(entry)
            if isinstance(entry, Node) and entry.duration is not None:
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
