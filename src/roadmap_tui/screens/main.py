"""The main screen: the phase tree, the selected entry, and the progress gauge in the footer."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.widgets.tree import TreeNode

from roadmap_tui.literal import visible
from roadmap_tui.model import Entry, Item, Node, Roadmap, find_by_titles, first_leaf, has_placeholder, title_path
from roadmap_tui.store import RoadmapStore
from roadmap_tui.widgets.item_list import ItemList
from roadmap_tui.widgets.key_footer import KeyFooter
from roadmap_tui.widgets.labels import plain_text
from roadmap_tui.widgets.progress_gauge import ProgressGauge
from roadmap_tui.widgets.roadmap_tree import RoadmapTree
from roadmap_tui.widgets.topic_pane import TopicPane


class MainScreen(Screen[None]):
    """Where the learner works. Widgets post what the user asked for; this screen changes the store."""

    BINDINGS = [
        Binding("tab", "app.focus_next", "Switch pane", show=True),
        Binding("shift+tab", "app.focus_previous", "Switch pane", show=False),
    ]

    def __init__(self, store: RoadmapStore, watch_interval: float | None = 1.0) -> None:
        super().__init__()
        self.store = store
        assert store.roadmap is not None
        self.roadmap = store.roadmap
        self.shown: Entry | None = None
        self.watch_interval = watch_interval
        self.problems: dict[str, str | None] = {"save": None, "file": None}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="save-problem", markup=False)
        with Horizontal(id="body"):
            yield RoadmapTree(id="tree")
            yield TopicPane(id="topic")
        with Horizontal(id="bottom"):
            yield KeyFooter()
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
        self.title = f"roadmap-tui · {visible(self.store.path.stem)}"
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
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        # Parse the file for saving, and watch it for other programs' changes, in the background.
        self.store.writer.prepare()
        if self.watch_interval:
            self.store.watch(self.watch_interval)

    async def reload(self, roadmap: Roadmap) -> None:
        """Show `roadmap` (the file as another program left it), keeping the selection and the
        open branches where they still exist."""
        tree = self.tree
        opened = [title_path(node.data) for node in _tree_nodes(tree.root) if node.is_expanded and node.data]
        selected = title_path(tree.current) if tree.current is not None else None
        shown = title_path(self.shown) if self.shown is not None else None
        highlighted = self.pane.items.highlighted
        self.roadmap = roadmap
        tree.load(roadmap)
        for titles in opened:
            entry = find_by_titles(roadmap, titles)
            node = tree.node_for(entry) if entry is not None else None
            if node is not None:
                node.expand()
        target = find_by_titles(roadmap, selected) if selected else None
        target = target or first_leaf(roadmap)
        if target is not None:
            tree.reveal(target)
        entry = find_by_titles(roadmap, shown) if shown else None
        if entry is not None or target is not None:
            await self.show(entry or target)
            if highlighted is not None and self.pane.items.rows:
                self.pane.items.highlighted = min(highlighted, len(self.pane.items.rows) - 1)
        self.update_gauge()

    async def show(self, entry: Entry) -> None:
        self.shown = entry
        await self.pane.show(entry)

    def show_save_problem(self, reason: str | None) -> None:
        self.show_problem("save", reason)

    def show_problem(self, kind: str, reason: str | None) -> None:
        """A warning that stays until it is over (`reason` None): "save" (the latest changes
        could not be written) or "file" (another program left the file unreadable)."""
        self.problems[kind] = reason
        warning = self.query_one("#save-problem", Static)
        save, file = self.problems["save"], self.problems["file"]
        warning.display = save is not None or file is not None
        where = visible(str(self.store.path))
        if save is not None:
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

    @on(RoadmapTree.Highlighted, "#tree")
    async def _highlighted(self, event: RoadmapTree.Highlighted) -> None:
        if event.entry is not self.shown:
            await self.show(event.entry)

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
        self.notify(f"Removed “{plain_text(item)}”.", markup=False, timeout=3)
        if isinstance(parent, (Item, Node)):
            await self.show(self.shown or parent)
            self.after_change([parent])

    @on(ItemList.OpenRequested, "#items")
    def _open(self, event: ItemList.OpenRequested) -> None:
        self.go_to(event.entry)

    def go_to(self, entry: Entry) -> None:
        """Put the tree's cursor on `entry` (the pane follows), e.g. from the command palette."""
        self.tree.reveal(entry)



def _tree_nodes(node: TreeNode[Entry]) -> list[TreeNode[Entry]]:
    found = []
    for child in node.children:
        found.append(child)
        found.extend(_tree_nodes(child))
    return found
