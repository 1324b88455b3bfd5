"""The `/` search's marks in the topic pane: the rows of the entries it found, tinted, and the
query's words (where the text holds them as typed, in any case) in bold and underlined.

`SearchMarks` is part of `ItemList` (drawn in its `render_line`); the screen sets what to mark
(`mark_matches`) at each keystroke: the list repaints, nothing is laid out again.
"""

from __future__ import annotations

import re

from textual.content import Content

from roadmap_tui.tui.widgets.item_row import Row

#: The rows that show an entry of their own (an item, a topic or section, a suggestion).
MARKED_KINDS = ("item", "summary", "next", "context")
WORD_STYLE = "bold underline"


def words_pattern(query: str) -> re.Pattern[str] | None:
    """The query's words as they are typed, any case (None for no words)."""
    found = sorted({word for word in query.split() if word}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, found)), re.IGNORECASE) if found else None


class SearchMarks:
    """What the search marks in the list: the ids of its hits and the query's words."""

    _rows: list[Row]
    search_hits: frozenset[int] = frozenset()
    search_words: re.Pattern[str] | None = None

    def mark_matches(self, hits: frozenset[int], query: str) -> None:
        """Mark the rows of `hits` (entry ids) and the words of `query`; none to clear."""
        self.search_hits = hits
        self.search_words = words_pattern(query) if hits else None
        self.refresh()  # type: ignore[attr-defined]  # (a widget's: `ItemList` brings it)

    def is_marked(self, index: int) -> bool:
        spec = self._rows[index].spec
        return spec.kind in MARKED_KINDS and id(spec.entry) in self.search_hits

    def marked_line(self, content: Content) -> Content:
        pattern = self.search_words
        return content.highlight_regex(pattern, style=WORD_STYLE) if pattern is not None else content
