"""The main screen: the phase tree, the selected entry, and the progress gauge in the footer."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, Tree

from roadmap_tui.literal import visible
from roadmap_tui.model import Entry, Item, Node, find_by_titles, first_leaf, has_placeholder
from roadmap_tui.store import RoadmapStore
from roadmap_tui.widgets.item_list import ItemList
from roadmap_tui.widgets.progress_gauge import ProgressGauge
from roadmap_tui.widgets.roadmap_tree import RoadmapTree
from roadmap_tui.widgets.topic_pane import TopicPane


class MainScreen(Screen[None]):
    """Where the learner works. Widgets post what the user asked for; this screen changes the store."""

    BINDINGS = [
        Binding("tab", "app.focus_next", "Switch pane", show=True),
        Binding("shift+tab", "app.focus_previous", "Switch pane", show=False),
    ]

    def __init__(self, store: RoadmapStore) -> None:
        super().__init__()
        self.store = store
        assert store.roadmap is not None
        self.roadmap = store.roadmap
        self.shown: Entry | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="save-problem", markup=False)
        with Horizontal(id="body"):
            yield RoadmapTree(id="tree")
            yield TopicPane(id="topic")
        with Horizontal(id="bottom"):
            yield Footer(show_command_palette=False)
            yield ProgressGauge(id="gauge")

    @property
    def tree(self) -> RoadmapTree:
        return self.query_one(RoadmapTree)

    @property
    def pane(self) -> TopicPane:
        return self.query_one(TopicPane)

    @property
    def gauge(self) -> ProgressGauge:
        return self.query_one(ProgressGauge)

    async def on_mount(self) -> None:
        self.title = "roadmap-tui"
        self.sub_title = visible(self.roadmap.title)
        tree = self.tree
        tree.load(self.roadmap)
        start = find_by_titles(self.roadmap, self.roadmap.selected) or first_leaf(self.roadmap)
        self.update_gauge()
        if start is not None:
            tree.reveal(start)
            await self.show(start)
        # A tall terminal shows more of the roadmap from the start. The layout is not done yet,
        # so the tree's rows are the screen's less the header, the footer and the tree's border.
        header, footer, border = 1, 1, 2
        tree.open_to_fit(self.app.size.height - header - footer - border)
        tree.focus()

    async def show(self, entry: Entry) -> None:
        self.shown = entry
        await self.pane.show(entry)

    def show_save_problem(self, reason: str | None) -> None:
        """A warning that stays until a save works again (None hides it)."""
        warning = self.query_one("#save-problem", Static)
        warning.display = reason is not None
        if reason is not None:
            warning.update(
                Content.assemble(
                    ("Not saved: ", "bold"),
                    f"{visible(reason)} ({visible(str(self.store.path))}). ",
                    "Your changes are kept while the app runs; the next change tries again.",
                )
            )

    def update_gauge(self) -> None:
        self.gauge.done = self.roadmap.n_done
        self.gauge.total = self.roadmap.n_total

    def after_change(self, entries: list[Item] | list[Entry]) -> None:
        """Redraw what a change touched: rows, tree labels up to the root, and the gauge."""
        self.pane.items.redraw()
        if self.shown is not None:
            self.pane.update_progress(self.shown)
        self.tree.refresh_labels(entries)
        self.update_gauge()

    # From the tree -------------------------------------------------------------------------

    @on(Tree.NodeHighlighted, "#tree")
    async def _highlighted(self, event: Tree.NodeHighlighted[Entry]) -> None:
        entry = event.node.data
        if entry is not None and entry is not self.shown:
            await self.show(entry)

    @on(RoadmapTree.LeafChosen)
    def _leaf_chosen(self) -> None:
        self.pane.items.focus()

    # From the item list -------------------------------------------------------------------

    @on(ItemList.ToggleRequested, "#items")
    def _toggle(self, event: ItemList.ToggleRequested) -> None:
        changed = self.store.toggle(event.item)
        self.after_change([event.item, *changed])

    @on(ItemList.EditSubmitted, "#items")
    async def _edit(self, event: ItemList.EditSubmitted) -> None:
        entry, name, value = event.entry, event.name, event.value
        text = getattr(entry, name) or ""
        if has_placeholder(text):
            self.store.set_fill(entry, name, value)
        elif isinstance(entry, Item) and not value.strip():
            await self._remove(entry)
            return
        elif isinstance(entry, Item):
            self.store.set_text(entry, value)
        self.after_change([entry])
        if entry is self.shown:
            self.pane.update_header(entry)

    @on(ItemList.AddSubmitted, "#items")
    async def _add(self, event: ItemList.AddSubmitted) -> None:
        item = self.store.add_entry(event.node, event.text)
        await self.show(event.node)
        items = self.pane.items
        items.highlighted = len(items.rows) - 1
        self.after_change([item])

    @on(ItemList.RemoveRequested, "#items")
    async def _remove_requested(self, event: ItemList.RemoveRequested) -> None:
        await self._remove(event.item)

    async def _remove(self, item: Item) -> None:
        parent = item.parent
        self.store.remove_item(item)
        self.notify(f"Removed “{visible(item.display_text)}”.", markup=False, timeout=3)
        if isinstance(parent, (Item, Node)):
            await self.show(self.shown or parent)
            self.after_change([parent])

    @on(ItemList.OpenRequested, "#items")
    def _open(self, event: ItemList.OpenRequested) -> None:
        self.go_to(event.entry)

    def go_to(self, entry: Entry) -> None:
        """Put the tree's cursor on `entry` (the pane follows), e.g. from the command palette."""
        self.tree.reveal(entry)

