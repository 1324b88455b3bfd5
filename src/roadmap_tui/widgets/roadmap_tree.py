"""The phase tree: parts, sections and topics, each with its progress."""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from roadmap_tui.literal import visible
from roadmap_tui.model import Entry, Item, Node, Roadmap, ancestors
from roadmap_tui.widgets.labels import entry_text


def tree_children(entry: Entry) -> list[Entry]:
    """What the tree shows under `entry`: topics (items with items), then sections."""
    if isinstance(entry, Node):
        return [*entry.topics, *entry.sections]
    return [item for item in entry.items if item.items]


def is_complete(entry: Entry) -> bool:
    return entry.n_total > 0 and entry.n_done == entry.n_total


# What Tree's click handler looks for on the open/close icon (as in Tree.render_label).
TOGGLE_STYLE = Style.from_meta({"toggle": True})


def label_parts(entry: Entry) -> tuple[Text, Text]:
    """The title (literal text, never markup; blanks as dim hints) and the progress after it."""
    title = entry_text(entry)
    progress = Text(no_wrap=True)
    if entry.n_total:
        complete = is_complete(entry)
        progress.append(f"  {entry.n_done}/{entry.n_total}", style="green" if complete else "dim")
        if complete:
            progress.append(" ✔", style="bold green")
    elif isinstance(entry, Item) and entry.checked:
        progress.append(" ✔", style="bold green")
    return title, progress


def tree_label(entry: Entry) -> Text:
    """`Title  3/9`, with a check mark when complete."""
    title, progress = label_parts(entry)
    return title + progress


class RoadmapTree(Tree[Entry]):
    """The roadmap as a tree. Moving the cursor shows the entry on the right."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("right,l", "open", "Open", show=False),
        Binding("left,h", "close_or_parent", "Close", show=False),
        Binding("home", "scroll_home", "First", show=False),
        Binding("end", "scroll_end", "Last", show=False),
    ]

    class LeafChosen(Message):
        """Enter (or a click) on an entry with nothing under it: work on its items."""

        def __init__(self, tree: RoadmapTree, entry: Entry) -> None:
            super().__init__()
            self.tree = tree
            self.entry = entry

        @property
        def control(self) -> RoadmapTree:
            return self.tree

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Roadmap", id=id)
        self.show_root = False
        self.guide_depth = 2
        self._entry_nodes: dict[int, TreeNode[Entry]] = {}

    def load(self, roadmap: Roadmap) -> None:
        """Build the tree for `roadmap`, all collapsed."""
        self.clear()
        self._entry_nodes.clear()
        self.root.set_label(Text(visible(roadmap.title)))

        def add(parent: TreeNode[Entry], entry: Entry) -> None:
            children = tree_children(entry)
            if children:
                node = parent.add(tree_label(entry), data=entry)
                for child in children:
                    add(node, child)
            else:
                node = parent.add_leaf(tree_label(entry), data=entry)
            self._entry_nodes[id(entry)] = node

        for phase in roadmap.phases:
            add(self.root, phase)

    def open_to_fit(self, rows: int) -> None:
        """Open whole levels of the tree (parts, then sections, ...) while they fit in `rows`."""
        level = list(self.root.children)
        while level:
            showing = self.last_line + 1
            adding = sum(len(node.children) for node in level if node.allow_expand and not node.is_expanded)
            if not adding or showing + adding > rows:
                break
            for node in level:
                node.expand()
            level = [child for node in level for child in node.children]

    def render_label(self, node: TreeNode[Entry], base_style: Style, style: Style) -> Text:
        """The label, its title cut with an ellipsis so the progress stays in view."""
        entry = node.data
        if entry is None:
            return super().render_label(node, base_style, style)
        title, progress = label_parts(entry)
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        icon = (self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE) if node.allow_expand else ""
        room = self.scrollable_content_region.width - depth * self.guide_depth - len(icon)
        if room > 0 and title.cell_len + progress.cell_len > room:
            title.truncate(max(room - progress.cell_len, 6), overflow="ellipsis")
        label = title + progress
        label.stylize(style)
        prefix = (icon, base_style + TOGGLE_STYLE) if icon else ("", base_style)
        return Text.assemble(prefix, label)

    def node_for(self, entry: Entry) -> TreeNode[Entry] | None:
        return self._entry_nodes.get(id(entry))

    def refresh_labels(self, entries: Iterable[Entry]) -> None:
        """Redraw the labels of `entries` and of everything above them."""
        seen: set[int] = set()
        for entry in entries:
            for shown in ancestors(entry, include_self=True):
                node = self._entry_nodes.get(id(shown))
                if node is not None and id(shown) not in seen:
                    seen.add(id(shown))
                    node.set_label(tree_label(shown))

    def reveal(self, entry: Entry) -> None:
        """Open the way to `entry` and put the cursor on it."""
        node = self._entry_nodes.get(id(entry))
        if node is None:
            return
        parent = node.parent
        while parent is not None and parent is not self.root:
            parent.expand()
            parent = parent.parent
        _ = self.last_line  # lay out the lines just opened, so the node has its line number
        self.move_cursor(node, animate=False)

    @property
    def current(self) -> Entry | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def action_open(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and not node.is_expanded:
            node.expand()
        elif node.data is not None and not node.allow_expand:
            self.post_message(self.LeafChosen(self, node.data))
        elif node.children:
            self.move_cursor(node.children[0], animate=False)

    def action_close_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent, animate=False)

    def action_select_cursor(self) -> None:
        node = self.cursor_node
        if node is not None and not node.allow_expand and node.data is not None:
            self.post_message(self.LeafChosen(self, node.data))
            return
        super().action_select_cursor()
