"""The main screen: the phase tree, the selected entry, and the progress gauge in the footer."""

from __future__ import annotations

from enum import Enum

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static
from textual.widgets.tree import TreeNode

from roadmap_tui.core import review, states
from roadmap_tui.core.model import Entry, Item, Node, Roadmap
from roadmap_tui.core.outline import find_by_titles, first_leaf, title_path
from roadmap_tui.core.row_filter import ALL
from roadmap_tui.core.placeholders import has_placeholder
from roadmap_tui.safe_text import visible
from roadmap_tui.storage.store import RoadmapStore
from roadmap_tui.tui.screens.main_notes import NoteHandling
from roadmap_tui.tui.screens.main_reviews import ReviewHandling
from roadmap_tui.tui.screens.main_undo import UndoHandling
from roadmap_tui.tui.screens.main_search import SearchHandling
from roadmap_tui.tui.screens.main_structure import StructureHandling
from roadmap_tui.tui.screens.state_toast import group_states, state_toast
from roadmap_tui.tui.widgets.item_list import ItemList
from roadmap_tui.tui.widgets.item_row import Field, field_text
from roadmap_tui.tui.widgets.key_footer import KeyFooter
from roadmap_tui.tui.widgets.list_structure import AddSubmitted, RenameSubmitted, StructureRequested
from roadmap_tui.tui.widgets.labels import plain_text
from roadmap_tui.tui.widgets.progress_gauge import ProgressGauge
from roadmap_tui.tui.widgets.roadmap_tree import RoadmapTree, Shown
from roadmap_tui.tui.widgets.search_bar import SearchBar
from roadmap_tui.tui.widgets.title_bar import TitleBar
from roadmap_tui.tui.widgets import tree_labels
from roadmap_tui.tui.widgets.tree_labels import review_now
from roadmap_tui.tui.widgets.topic_pane import TopicPane



class ProblemKind(Enum):
    """A warning the screen shows above the tree until it is over."""

    SAVE = "save"  # the latest changes could not be written
    GONE = "gone"  # the file was removed
    FILE = "file"  # another program left the file unreadable


class MainScreen(StructureHandling, UndoHandling, SearchHandling, NoteHandling, ReviewHandling, Screen[None]):
    """Where the learner works. Widgets post what the user asked for; this screen changes the store."""

    BINDINGS = [
        Binding("tab", "app.focus_next", "Switch pane", show=True),
        Binding("shift+tab", "app.focus_previous", "Switch pane", show=False),
        Binding("v", "review", "Reviewed", show=False),
        Binding("V", "review(True)", "Forgot", show=False),
        Binding("ctrl+z", "undo", "Undo", show=False),  # (`main_undo.py`)
        Binding("ctrl+y,ctrl+shift+z", "redo", "Redo", show=False),
        Binding("slash", "search", "Search", show=False),
        Binding("f", "filter", "Filter", show=False),
    ]

    def __init__(self, store: RoadmapStore, watch_interval: float | None = 1.0) -> None:
        super().__init__()
        self.store = store
        assert store.roadmap is not None
        self.roadmap = store.roadmap
        self.shown: Shown | None = None
        self.watch_interval = watch_interval
        self.problems: dict[ProblemKind, str | None] = dict.fromkeys(ProblemKind)
        self._due: review.DueSet | None = None  # what is due for review, for the footer

    def compose(self) -> ComposeResult:
        yield TitleBar(self.roadmap.title, self.store.path.stem, id="title-bar")
        yield Static(id="save-problem", markup=False)
        with Horizontal(id="body"):
            yield RoadmapTree(id="tree")
            yield TopicPane(id="topic")
        yield SearchBar(id="search-bar")  # (hidden until `/`: then the panes give it a line)
        with Horizontal(id="bottom"):
            yield KeyFooter()
            yield ProgressGauge(id="gauge")

    # Shadows `DOMNode.tree` (a debug view of the DOM): the screen's code and the tests use ours.
    @property
    def tree(self) -> RoadmapTree:  # type: ignore[override]  # see above
        return self.query_one(RoadmapTree)

    @property
    def pane(self) -> TopicPane:
        return self.query_one(TopicPane)

    @property
    def gauge(self) -> ProgressGauge:
        return self.query_one(ProgressGauge)

    async def on_mount(self) -> None:
        self.title = f"roadmap-tui · {visible(self.roadmap.title)}"  # the terminal's title
        tree_labels.review_day_start = self.pane.day_start_hour()  # (before the tree's marks)
        tree = self.tree
        tree.load(self.roadmap)
        # Where the learner left off, from the view-state file; a file's old `[ui] selected`
        # is the fallback when there is none.
        view = self.store.view
        opened = view.open
        if opened is not None:
            self.expand_branches(opened)
        selected = view.selected if view.selected is not None else self.roadmap.selected or None
        start = self.locate(selected) if selected is not None else None
        start = start or first_leaf(self.roadmap)
        self.pane.row_filter = view.filter or ALL
        self.update_gauge()
        if start is not None:
            tree.reveal(start)
            await self.show(start)
        if opened is None:
            # A tall terminal shows more of the roadmap from the start. The layout is not done
            # yet, so the tree's rows are the screen's less the header, the footer and its border.
            header, footer, border = 1, 1, 2
            tree.open_to_fit(self.app.size.height - header - footer - border)
        tree.focus()
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        # Parse the file for saving, and watch it for other programs' changes, in the background.
        self.store.writer.prepare()  # (it starts the saver's thread: nothing waits here)
        self.watch_the_day()
        if self.watch_interval:
            self.store.watch(self.watch_interval)

    async def reload(self, roadmap: Roadmap) -> None:
        """Show `roadmap` (the file as another program left it), keeping the selection and the
        open branches where they still exist."""
        tree = self.tree
        opened = self.branches_to_keep()  # (the whole tree, then narrowed again if the bar is open)
        self.search_outdated()
        selected = where(tree.current) if tree.current is not None else None
        shown = where(self.shown) if self.shown is not None else None
        highlighted = self.pane.items.highlighted
        self.roadmap = roadmap
        self.query_one(TitleBar).show_title(roadmap.title)
        self.title = f"roadmap-tui · {visible(roadmap.title)}"
        tree.load(roadmap)
        self.expand_branches(opened)
        target = self.locate(selected) if selected is not None else None
        target = target or first_leaf(roadmap)
        if target is not None:
            tree.reveal(target)
        entry = (self.locate(shown) if shown is not None else None) or target
        if entry is not None:
            await self.show(entry)
            items = self.pane.items
            kept_open = items.editing is not None  # on its own row
            if highlighted is not None and items.rows and not kept_open:
                items.highlight_near(highlighted)
        await self.search_again()  # (the open bar's query, in the new model)
        self.update_gauge()

    def locate(self, titles: list[str]) -> Shown | None:
        """The entry at a path of titles (`where`), the roadmap itself for none, else None."""
        return self.roadmap if titles == [] else find_by_titles(self.roadmap, titles)

    def open_branches(self) -> list[list[str]]:
        """The title paths of the tree's open nodes, parents before their children."""
        nodes = _tree_nodes(self.tree.root)
        return [title_path(node.data) for node in nodes if node.is_expanded and isinstance(node.data, (Item, Node))]

    def expand_branches(self, branches: list[list[str]]) -> None:
        """Open the nodes at these title paths (those that still exist)."""
        tree = self.tree
        for titles in branches:
            entry = find_by_titles(self.roadmap, titles)
            node = tree.node_for(entry) if entry is not None else None
            if node is not None and node.allow_expand:
                node.expand()

    def note_view(self) -> None:
        """Note the selected entry and the open branches in the store's view state, for the next
        launch; `store.save_view()` writes it (off the loop: quit and switch do, in a job)."""
        view = self.store.view
        current = self.tree.current
        if current is not None:
            view.selected = where(current)
        view.open = self.branches_to_keep()

    @property
    def current_entry(self) -> Shown | None:
        """The entry under the tree's cursor."""
        return self.tree.current

    def commit_open_edit(self) -> None:
        """Keep what is typed in an open edit, as leaving the field does (quit, switch)."""
        self.pane.items.keep_open_edit()
        self.keep_open_note()

    async def show(self, entry: Shown) -> None:
        await self.notes_before_show(entry)
        before, self.shown = self.shown, entry
        await self.pane.show(entry)
        await self.notes_after_show(entry, before)

    def show_problem(self, kind: ProblemKind, reason: str | None) -> None:
        """A warning of `kind` that stays until it is over (`reason` None); the file's removal
        is said before a failed save, and that before an unreadable file."""
        self.problems[kind] = reason
        warning = self.query_one_optional("#save-problem", Static)
        if warning is None:
            return  # the screen is closing (a save finished as the app quit)
        save, gone, file = (self.problems[kind] for kind in (ProblemKind.SAVE, ProblemKind.GONE, ProblemKind.FILE))
        warning.display = save is not None or gone is not None or file is not None
        where = visible(str(self.store.path))
        if gone is not None:
            warning.update(
                Content.assemble(
                    ("Removed from disk: ", "bold"),
                    f"{where}. ",
                    "Your roadmap and changes are kept while the app runs; it is written again only if you say so.",
                )
            )
        elif save is not None:
            warning.update(
                Content.assemble(
                    ("Not saved: ", "bold"),
                    f"{visible(save)} ({where}). ",
                    "Your changes are kept while the app runs; the next change tries again.",
                )
            )
        elif file is not None:
            warning.update(
                Content.assemble(
                    ("File changed on disk: ", "bold"),
                    f"{visible(file)} ({where}). ",
                    "Showing the version from before; it reloads once the file is fixed.",
                )
            )

    def update_gauge(self, touched: list[Item] | list[Entry] | None = None) -> None:
        """The footer's counts; "N due" rechecked for what `touched` changed (None: all of it)."""
        self.gauge.done = self.roadmap.n_done
        self.gauge.total = self.roadmap.n_total
        self.gauge.skipped = self.roadmap.n_skipped
        now = review_now()
        if touched is None or self._due is None:
            self._due = review.DueSet(self.roadmap, now, tree_labels.review_day_start)
        self.gauge.due = self._due.update(self.roadmap, touched or [], now)

    def after_change(self, entries: list[Item] | list[Entry]) -> None:
        """Redraw what a change touched: rows, tree labels up to the root, and the gauge."""
        self.pane.invalidate_board()  # (a review changes no count the dashboard could see)
        self.search_outdated()
        self.pane.items.redraw()
        if self.shown is not None:
            self.pane.update_progress(self.shown)
        self.tree.refresh_labels(entries)
        self.update_gauge(entries)

    # From the tree -------------------------------------------------------------------------

    @on(RoadmapTree.Highlighted, "#tree")
    async def _highlighted(self, event: RoadmapTree.Highlighted) -> None:
        if event.entry is not self.shown:
            await self.show(event.entry)

    @on(RoadmapTree.LeafChosen)
    def _leaf_chosen(self) -> None:
        self.pane.items.focus()

    # From the item list -------------------------------------------------------------------

    @on(RoadmapTree.ToggleRequested, "#tree")
    @on(ItemList.ToggleRequested, "#items")
    def toggle_item(self, event: ItemList.ToggleRequested | RoadmapTree.ToggleRequested) -> None:
        self.change_state(event.item, states.DONE)

    @on(RoadmapTree.StateRequested, "#tree")
    @on(ItemList.StateRequested, "#items")
    def set_item_state(self, event: ItemList.StateRequested | RoadmapTree.StateRequested) -> None:
        """`p` (doing ↔ todo) or `s` (skipped ↔ todo) on an item, or on a topic's items."""
        self.change_state(event.item, event.wanted)

    def change_state(self, item: Item, wanted: str) -> None:
        """A state key on `item` (Space: done, `p`: doing, `s`: skipped, each back to todo):
        the store changes it, the rows, the tree and the gauge show it; on a topic, a toast
        says what changed (many items at once: `ctrl+z` takes it back)."""
        before = group_states(item)
        changed = self.store.toggle(item) if wanted == states.DONE else self.store.set_state(item, wanted)
        self.after_change([item, *changed])
        message = state_toast(item, wanted, before)
        if message is not None:
            self.notify(message, markup=False, timeout=4)

    @on(RoadmapTree.EditRequested, "#tree")
    async def edit_blank(self, event: RoadmapTree.EditRequested) -> None:
        """`e` in the tree: edit the highlighted entry's blank (its Duration, its Resources line)."""
        if event.entry is not self.shown:
            await self.show(event.entry)
        if not await self.pane.items.edit_first_blank():
            self.notify("Nothing to fill in here.", markup=False, timeout=3)

    @on(ItemList.BackRequested, "#items")
    def back_to_tree(self) -> None:
        self.tree.focus()

    @on(ItemList.EditSubmitted, "#items")
    async def _edit(self, event: ItemList.EditSubmitted) -> None:
        entry, field, value = event.entry, event.field, event.value
        if has_placeholder(field_text(entry, field)):
            self.store.set_fill(entry, field.value, value)
        elif isinstance(entry, Item) and not value.strip():
            await self.delete_entry(entry)
            return
        elif isinstance(entry, Item):
            self.store.set_text(entry, value)
        self.after_change([entry])
        if entry is self.shown:
            self.pane.update_header(entry)

    # Structure (`main_structure.py` does it) -----------------------------------------------

    @on(ItemList.AddSubmitted, "#items")
    async def _add(self, event: AddSubmitted) -> None:
        await self.add_entry(event)

    @on(ItemList.RenameSubmitted, "#items")
    async def _rename(self, event: RenameSubmitted) -> None:
        await self.rename_entry(event)

    @on(ItemList.StructureRequested, "#items")
    async def _restructure(self, event: StructureRequested) -> None:
        await self.change_structure(event)

    @on(RoadmapTree.StructureRequested, "#tree")
    async def _restructure_tree(self, event: RoadmapTree.StructureRequested) -> None:
        await self.tree_structure(event)

    @on(ItemList.OpenRequested, "#items")
    def _open(self, event: ItemList.OpenRequested) -> None:
        self.go_to(event.entry)

    def go_to(self, entry: Shown) -> None:
        """Put the tree's cursor on `entry` (the pane follows), e.g. from the command palette."""
        self.tree.reveal(entry)

    async def go_to_row(self, where: Entry, entry: Entry, field: Field | None = None) -> None:
        """The tree's cursor on `where`, the pane's on the row of `entry` there (its `field`,
        such as a phase's Duration, else the item itself) and the focus in the pane: from the
        command palette, so Space then toggles that item."""
        self.tree.reveal(where)
        if where is not self.shown:
            await self.show(where)
        items = self.pane.items
        for index, row in enumerate(items.rows):
            spec = row.spec
            if spec.entry is entry and (spec.field is field if field is not None else spec.kind == "item"):
                items.highlighted = index
                break
        items.focus()


def where(entry: Shown) -> list[str]:
    """The path of titles to `entry` (none for the roadmap itself), to find it again."""
    return [] if isinstance(entry, Roadmap) else title_path(entry)


def _tree_nodes(node: TreeNode[Shown]) -> list[TreeNode[Shown]]:
    found = []
    for child in node.children:
        found.append(child)
        found.extend(_tree_nodes(child))
    return found
