"""`/` search and `f` filter on the main screen.

`SearchHandling` is part of `MainScreen` (its only user), kept in a module of its own as
`NoteHandling` is. The bar (`widgets/search_bar.py`) posts what was typed or asked for; this
searches (`core/search.py`, an index made once per state of the roadmap: `after_change` drops
it), narrows the tree to the hits' rows and what is above them (`RoadmapTree.load(keep=...)`,
whose nodes are made as they open, so a narrowing costs what it shows), marks the hits in the
pane, and moves the cursor.

- While typing: the tree shows only the rows of the hits and their parents, opened level by
  level while they fit; the cursor stays on its row if that is still shown, else goes to the
  first hit's row (the pane follows at once, in the same frame: the input hands each typed key's
  query to `narrow` itself, `SearchInput.searcher`). No hit: the whole tree, as before the
  search, and the bar says so. One letter of a script with spaces (Latin, accented or not,
  Cyrillic, Greek...) narrows nothing (nearly everything holds it; the bar asks for one more),
  one CJK character does (`core/search.py` `narrows`).
- Enter: the next hit (the first, the first time), Shift+Enter the previous: the tree's cursor
  on its row, the pane's on the item itself; the bar says "3 of 12". A hit the pane's `f` filter
  hides lifts the filter, with a toast. After a change the open bar's query is searched again
  (`search_again`: an undo, a reload; Enter itself after any other change), so its hits are
  entries of the roadmap as it is now.
- Escape: the whole tree again, opened as it was, with the cursor on the row it is on now.

`f` cycles the pane's filter (`core/row_filter.py`); it shows in the pane's border title and is
kept in the view state. The tree is not filtered: it is where one goes, and its labels already
count what is done, doing and skipped in each entry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from textual.screen import Screen
from textual.widgets import Input
from textual.widget import Widget

from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.core.row_filter import ALL, next_filter
from roadmap_tui.core.search import NOTHING, Found, SearchIndex, narrows, tree_row
from roadmap_tui.tui.widgets.search_bar import SearchBar, SearchClosed, SearchInput, SearchStep

from roadmap_tui.tui.widgets.roadmap_tree import RoadmapTree

if TYPE_CHECKING:
    from roadmap_tui.storage.store import RoadmapStore
    from roadmap_tui.tui.widgets.roadmap_tree import Shown
    from roadmap_tui.tui.widgets.topic_pane import TopicPane


class SearchHost(Protocol):
    """What `SearchHandling` uses of the screen it is part of (`MainScreen` has it)."""

    store: RoadmapStore
    roadmap: Roadmap
    shown: Shown | None

    @property
    def pane(self) -> TopicPane: ...

    async def show(self, entry: Shown) -> None: ...

    def open_branches(self) -> list[list[str]]: ...

    def expand_branches(self, branches: list[list[str]]) -> None: ...


if TYPE_CHECKING:

    class _SearchBase(Screen[None], SearchHost):
        """For the type checker: the screen `SearchHandling` is mixed into, and its host half."""

else:
    _SearchBase = object  # at run time a plain mixin: `MainScreen` brings both halves


class SearchHandling(_SearchBase):
    """The search-and-filter half of `MainScreen` (its handlers go by name, `on_search_...`:
    `@on` is collected only from a message pump's own class, which a mixin is not)."""

    _search_index: SearchIndex | None = None
    found: Found = NOTHING
    hit = -1  # the hit Enter went to last (-1: none yet)
    _branches_before: list[list[str]] | None = None  # the tree's open branches before it narrowed
    _focus_before: Widget | None = None
    _narrowed_for: str | None = None  # the query the tree was narrowed for last
    _searched: SearchIndex | None = None  # the index `found` comes from

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def _roadmap_tree(self) -> RoadmapTree:  # (`tree` is the screen's, shadowing DOMNode's)
        return self.query_one(RoadmapTree)

    @property
    def narrowed(self) -> bool:
        return self._roadmap_tree.keep is not None

    def search_index(self) -> SearchIndex:
        """The index of the roadmap shown now (made at the first search after a change)."""
        index = self._search_index
        if index is None or index.roadmap is not self.roadmap:
            index = self._search_index = SearchIndex(self.roadmap)
        return index

    def search_outdated(self) -> None:
        """The model changed: the next search makes a new index."""
        self._search_index = None

    def _found_outdated(self) -> bool:
        """Whether `found` was searched in another state of the roadmap than the one shown now
        (a change since: its hits may be gone, or entries of a model reloaded since)."""
        index = self._search_index
        return index is None or index is not self._searched or index.roadmap is not self.roadmap

    async def search_again(self) -> None:
        """The model changed under the bar (an undo or redo, a reload): while the bar is open, its
        query is searched again in the roadmap as it is now, so the tree stays narrowed to what
        it finds now and Enter goes only to entries of it."""
        self.search_outdated()
        if self.search_bar.display:
            await self._narrow_again()

    async def _narrow_again(self) -> None:
        """`narrow` for the bar's query in the roadmap as it is now; Enter's place among the hits
        kept if the hit it went to last is still one."""
        found, hit = self.found, self.hit
        last = found.hits[hit] if 0 <= hit < len(found) else None
        await self.narrow(self.search_bar.query_text)
        if last is not None:
            self.hit = next((index for index, entry in enumerate(self.found.hits) if entry is last), -1)
            if self.hit >= 0:
                self.search_bar.show_count(self.hit, len(self.found), self.found.query)

    def branches_to_keep(self) -> list[list[str]]:
        """The open branches to remember for the next launch: those before the search narrowed
        the tree, while it is narrowed."""
        before = self._branches_before
        return before if before is not None and self.narrowed else self.open_branches()

    # `/` and the bar ---------------------------------------------------------------------------

    async def action_search(self) -> None:
        bar = self.search_bar
        bar.input.searcher = self.narrow
        self.search_index()  # (made now, so the keys typed next find it made)
        if not bar.display:
            focused = self.focused
            self._focus_before = focused if focused is not None and focused is not bar.input else None
        bar.open()
        if bar.query_text:
            await self.narrow(bar.query_text)

    async def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, SearchInput):
            event.stop()
            if event.value != self._narrowed_for:  # (a typed key has narrowed already: `searcher`)
                await self.narrow(event.value)

    async def narrow(self, query: str) -> None:
        """Narrow the tree to what `query` finds, mark it in the pane, say how much it found."""
        self._narrowed_for = query
        index = self._searched = self.search_index()
        long_enough = narrows(query)
        found = index.search(query) if long_enough else NOTHING
        if not long_enough and query.strip():
            index.prepare(query.strip())  # (the second letter then searches only what holds the first)
        self.found, self.hit = found, -1
        tree = self._roadmap_tree
        if found.hits and tree.keep == found.rows:
            pass  # the same rows as for the last keystroke: the tree stays as it is
        elif not found.hits:
            self.widen()
        else:
            current = tree.current if tree.current is not None else self.shown
            if self._branches_before is None or not self.narrowed:
                self._branches_before = self.open_branches()
            tree.load(self.roadmap, keep=found.rows)
            tree.open_to_fit(max(tree.scrollable_content_region.height, 3))
            kept = current is not None and (isinstance(current, Roadmap) or id(current) in found.rows)
            target = current if kept and current is not None else tree_row(found.hits[0])
            tree.reveal(target)
            if target is not self.shown:
                await self.show(target)  # now, in this frame (the tree's message would be a frame later)
        self.pane.items.mark_matches(found.hit_ids, query)
        self.search_bar.show_count(-1, len(found), query)

    def widen(self) -> None:
        """The whole tree again, opened as before the search, the cursor on the row it is on."""
        if not self.narrowed:
            return
        tree = self._roadmap_tree
        current = tree.current if tree.current is not None else self.shown
        tree.load(self.roadmap)
        self.expand_branches(self._branches_before or [])
        self._branches_before = None
        if current is not None:
            tree.reveal(current)

    def on_search_closed(self, event: SearchClosed) -> None:
        event.stop()
        self.close_search()

    def close_search(self) -> None:
        self.widen()
        self._narrowed_for = None
        self.found, self.hit = NOTHING, -1
        self.pane.items.mark_matches(frozenset(), "")
        bar = self.search_bar
        bar.close()
        before = self._focus_before
        (before if before is not None and before.is_attached else self._roadmap_tree).focus()

    async def on_search_step(self, event: SearchStep) -> None:
        event.stop()
        if self._found_outdated():  # (a change since the last keystroke: search what is there now)
            await self._narrow_again()
        found = self.found
        if not found.hits:
            self.app.bell()
            return
        total = len(found)
        if self.hit < 0:
            self.hit = 0 if event.step > 0 else total - 1
        else:
            self.hit = (self.hit + event.step) % total
        await self.go_to_hit(found.hits[self.hit])
        self.search_bar.show_count(self.hit, total, found.query)

    async def go_to_hit(self, entry: object) -> None:
        """The tree's cursor on the hit's row, the pane's on the hit itself (an item there). An
        item the pane's filter hides lifts the filter (a toast says so): Enter went to it, so it
        is on the screen."""
        assert isinstance(entry, (Item, Node))
        row = tree_row(entry)
        self._roadmap_tree.reveal(row)
        if row is not self.shown:
            await self.show(row)
        if entry is row or self._highlight_item(entry):
            return
        pane = self.pane
        hiding = pane.row_filter
        if hiding == ALL:
            return
        pane.row_filter = self.store.view.filter = ALL
        await self.show(row)
        self._highlight_item(entry)
        self.notify(f"Filter: all (the match was hidden by the filter '{hiding}')", markup=False, timeout=4)

    def _highlight_item(self, entry: Item | Node) -> bool:
        """The pane's cursor on `entry`'s own row; whether the pane has one."""
        items = self.pane.items
        for index, pane_row in enumerate(items.rows):
            if pane_row.spec.entry is entry and pane_row.spec.kind == "item":
                items.highlighted = index
                return True
        return False

    # `f` ---------------------------------------------------------------------------------------

    async def action_filter(self) -> None:
        """`f`: the pane's next filter (all, not done, doing, skipped), kept for the next launch."""
        pane = self.pane
        pane.row_filter = next_filter(pane.row_filter)
        self.store.view.filter = pane.row_filter
        if self.shown is not None:
            await self.show(self.shown)
        if isinstance(self.shown, Roadmap) and pane.row_filter != ALL:
            self.notify(f"Filter: {pane.row_filter} (in a part's or topic's list)", markup=False, timeout=3)
