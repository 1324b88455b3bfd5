"""Finding entries by what they say: the `/` search of the app (no Textual here).

What is searched
----------------
Every part, section, topic and item, by its title or text with the learner's fill in its blank
(`apply_fill`), a filled Duration, and its note. A query is split in words; an entry is a hit
when each word is found in it, as a substring (so "ch" finds "Chain rule" while it is typed,
and CJK text, which has no spaces, is found by any part of it) or, for a word of 4 or more
characters, as a word of the entry at most one typo away: a letter changed, added, dropped, or
two neighbours swapped ("chian" finds "Chain rule"; "chia" finds it as the start of "chain").

Folding (`fold`): Unicode compatibility forms (NFKD), accents dropped (their combining marks;
kana keep their voicing marks), then `str.casefold`, so "unicode" finds "Ünïcode", "straße"
finds "STRASSE", "ЦЕПЬ" finds "цепь".

Cost
----
`SearchIndex(roadmap)` folds every entry's text once and keeps the distinct words with the
entries they occur in. A search scans the folded texts for each word (`in`, in C) and, for the
typo-tolerant part, the distinct words (not the entries); each word's entries are kept, so a
query that grows by a letter redoes only its last word. The index is for one state of the
roadmap: whoever changes the model makes a new one (the screen does, in `after_change`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from roadmap_tui.core.model import Entry, Item, Node, Roadmap
from roadmap_tui.core.placeholders import apply_fill

#: Words shorter than this are matched as substrings only (a typo in "ab" is another word).
FUZZY_MIN = 4
#: How many words' results a search index keeps (the words of the queries typed lately).
_CACHE_LIMIT = 256

_WORD = re.compile(r"\w+")
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")


def fold(text: str) -> str:
    """`text` as searches compare it: compatibility forms, no accents, case folded."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    kept: list[str] = []
    previous = ""
    for char in decomposed:
        if unicodedata.combining(char) and not _KANA.match(previous):
            continue
        kept.append(char)
        previous = char
    return unicodedata.normalize("NFC", "".join(kept)).casefold()


def words(query: str) -> list[str]:
    """The folded words of a query (its spaces and punctuation separate them); a query of
    punctuation only ("++") is one word as typed. A query with nothing left once folded (a lone
    accent, "´", folds to a space; a lone combining mark to nothing) has no word: it finds
    nothing, as an empty query does, rather than every entry with a space in it."""
    folded = fold(query).strip()
    return _WORD.findall(folded) or ([folded] if folded else [])


#: The scripts written without spaces between words, by the start of their characters' names:
#: one of their characters is a word (or a syllable of one), so one narrows the search. A Hangul
#: syllable is two or three letters (jamo), so one narrows too, as two Latin letters do.
_UNSPACED = (
    "CJK", "IDEOGRAPHIC", "HIRAGANA", "KATAKANA", "HALFWIDTH KATAKANA", "BOPOMOFO", "HANGUL SYLLABLE",
    "THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN", "YI",
)


def narrows(query: str) -> bool:
    """Whether `query` is long enough to search while it is typed: two characters or more, or one
    that is not a letter of a script with spaces (one Latin letter, accented or not, or one
    Cyrillic or Greek letter is in nearly every entry; one CJK character is a word, and a symbol
    or an emoji is rare)."""
    typed = unicodedata.normalize("NFC", query.strip())  # ("e" and a combining accent: one "é")
    if len(typed) != 1:
        return len(typed) >= 2
    if typed.isascii():
        return False
    if not typed.isalpha():
        return True
    return unicodedata.name(typed, "").startswith(_UNSPACED)


def one_typo(query: str, word: str) -> bool:
    """Whether `word` is `query` with at most one letter changed, added, dropped, or two
    neighbours swapped (the optimal-string-alignment distance is at most 1)."""
    lq, lw = len(query), len(word)
    if abs(lq - lw) > 1:
        return False
    i, n = 0, min(lq, lw)
    while i < n and query[i] == word[i]:
        i += 1
    if i == n:
        return True  # equal, or one letter added or dropped at the end
    if lq == lw:
        if query[i + 1 :] == word[i + 1 :]:
            return True
        return i + 1 < lq and query[i] == word[i + 1] and query[i + 1] == word[i] and query[i + 2 :] == word[i + 2 :]
    if lq > lw:
        return query[i + 1 :] == word[i:]
    return query[i:] == word[i + 1 :]


def close_word(query: str, word: str) -> bool:
    """Whether `word`, or its start (the query may be half typed), is one typo from `query`."""
    if one_typo(query, word):
        return True
    length = len(query)
    if len(word) <= length:
        return False
    return any(one_typo(query, word[:cut]) for cut in (length - 1, length, length + 1) if cut < len(word))


def searched_text(entry: Entry) -> str:
    """What the search reads in `entry`: its title or text (blank filled), a filled Duration,
    its note; one line each."""
    if isinstance(entry, Node):
        parts = [apply_fill(entry.title, entry.title_fill)]
        if entry.duration is not None and entry.duration_fill:
            parts.append(apply_fill(entry.duration, entry.duration_fill))
    else:
        parts = [apply_fill(entry.text, entry.text_fill)]
    if entry.note:
        parts.append(entry.note)
    return "\n".join(parts)


def tree_row(entry: Entry) -> Entry:
    """The tree's row that shows `entry`: itself for a part, section or topic (an item with
    items), else its parent (the item is a row of that one's pane)."""
    if isinstance(entry, Node) or entry.items:
        return entry
    parent = entry.parent
    assert isinstance(parent, (Item, Node))
    return parent


def in_order(roadmap: Roadmap) -> Iterator[Entry]:
    """Every part, section and item, in the order the tree and the pane show them."""

    def node(n: Node) -> Iterator[Entry]:
        yield n
        for item in n.items:
            yield from item.walk()
        for section in n.sections:
            yield from node(section)

    for phase in roadmap.phases:
        yield from node(phase)


@dataclass(frozen=True, eq=False)
class Found:
    """What a query found: the hits in the roadmap's order, and the tree's rows that show them
    (`rows`: the ids of each hit's row and of every entry above it)."""

    query: str
    hits: tuple[Entry, ...]
    hit_ids: frozenset[int]
    rows: frozenset[int]

    def __len__(self) -> int:
        return len(self.hits)

    def index_near(self, entry: object) -> int:
        """The index of the first hit shown on `entry`'s row or below it (Enter's first hit from
        where the cursor is), else 0."""
        for index, hit in enumerate(self.hits):
            if hit is entry or tree_row(hit) is entry:
                return index
        return 0


NOTHING = Found("", (), frozenset(), frozenset())


class SearchIndex:
    """The folded texts of one roadmap's entries, their words, and the search (module text)."""

    def __init__(self, roadmap: Roadmap) -> None:
        self.roadmap = roadmap
        self.entries: list[Entry] = list(in_order(roadmap))
        self.texts: list[str] = [fold(searched_text(entry)) for entry in self.entries]
        vocabulary: dict[str, set[int]] = {}
        for index, text in enumerate(self.texts):
            for word in set(_WORD.findall(text)):
                vocabulary.setdefault(word, set()).add(index)
        self.vocabulary = vocabulary
        # For each entry, by index: its id, the index of the tree row that shows it, and the
        # index of the entry above it (-1 for a part), so a search's rows are found by index.
        position = {id(entry): index for index, entry in enumerate(self.entries)}
        self._ids = list(position)
        self._row = [position[id(tree_row(entry))] for entry in self.entries]
        self._up = [position.get(id(entry.parent), -1) for entry in self.entries]
        self._cache: dict[str, frozenset[int]] = {}
        self._inside: dict[str, list[int]] = {}  # word: the entries whose text holds it, in order
        self._by_start: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None

    def _starts(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """The distinct words by their first letter, and by their second (made at the first
        search that needs them)."""
        if self._by_start is None:
            by_first: dict[str, list[str]] = {}
            by_second: dict[str, list[str]] = {}
            for known in self.vocabulary:
                by_first.setdefault(known[0], []).append(known)
                if len(known) > 1 and known[1] != known[0]:
                    by_second.setdefault(known[1], []).append(known)
            self._by_start = (by_first, by_second)
        return self._by_start

    def _matching(self, word: str) -> frozenset[int]:
        """The indices of the entries that hold `word` (or, for a long word, one a typo away)."""
        found = self._cache.get(word)
        if found is not None:
            return found
        hits = set(self._holding(word))
        if len(word) >= FUZZY_MIN:
            # A word one typo away starts with the same letter, or has it second (a letter added
            # or two swapped at the start), or starts with the second (the first dropped).
            by_first, by_second = self._starts()
            length = len(word)
            for group in (by_first.get(word[0], ()), by_second.get(word[0], ()), by_first.get(word[1], ())):
                for known in group:
                    if len(known) >= length - 1 and close_word(word, known):
                        hits |= self.vocabulary[known]
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        found = self._cache[word] = frozenset(hits)
        return found

    def prepare(self, query: str) -> None:
        """Find now the entries that hold `query` (typed so far, too short to search), so the
        next letter looks among those only."""
        for word in words(query):
            self._holding(word)

    def _holding(self, word: str) -> list[int]:
        """The entries whose text holds `word`: among those of its longest start searched before
        (a word typed a letter more is in fewer of them), else among all."""
        found = self._inside.get(word)
        if found is not None:
            return found
        texts = self.texts
        start = next((word[:cut] for cut in range(len(word) - 1, 0, -1) if word[:cut] in self._inside), None)
        if start is None:
            found = [index for index, text in enumerate(texts) if word in text]
        else:
            found = [index for index in self._inside[start] if word in texts[index]]
        if len(self._inside) >= _CACHE_LIMIT:
            self._inside.clear()
        self._inside[word] = found
        return found

    def search(self, query: str) -> Found:
        """The entries each word of `query` is found in (see the module's text)."""
        wanted = words(query)
        if not wanted:
            return NOTHING
        found: frozenset[int] | None = None
        for word in sorted(set(wanted), key=len, reverse=True):  # the longest first: fewest hits
            matching = self._matching(word)
            found = matching if found is None else found & matching
            if not found:
                return Found(query, (), frozenset(), frozenset())
        assert found is not None
        order = sorted(found)
        entries, ids, up = self.entries, self._ids, self._up
        rows: set[int] = set()
        for row in {self._row[index] for index in order}:
            while row >= 0 and row not in rows:
                rows.add(row)
                row = up[row]
        return Found(
            query,
            tuple(entries[index] for index in order),
            frozenset(ids[index] for index in order),
            frozenset(ids[row] for row in rows),
        )
