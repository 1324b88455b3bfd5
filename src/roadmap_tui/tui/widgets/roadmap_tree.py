"""The phase tree: parts, sections and topics, each with its progress."""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.widgets.tree import TreeNode

from roadmap_tui.core import states
from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.core.outline import ancestors, has_tree_children, tree_children
from roadmap_tui.core.placeholders import apply_fill
from roadmap_tui.safe_text import visible
from roadmap_tui.tui._textual_private import LazyTree, add_children_quietly, node_version, set_label_quietly
from roadmap_tui.tui.widgets.links import first_web_link, open_web_link
from roadmap_tui.tui.widgets.note_editor import NoteRequested
from roadmap_tui.tui.widgets.tree_labels import (  # (tree_label, fit_title: the tree's API too)
    TOGGLE_STYLE,
    Shown,
    fit_title,
    has_blank,
    label_parts,
    tree_label,
)


class RoadmapTree(LazyTree[Shown]):
    """The roadmap as a tree. Moving the cursor shows the entry on the right.

    The nodes under a closed node are made when it is first opened (or when `node_for` or
    `reveal` needs one), so a roadmap of 50,000 items starts with a node per part, not one per
    topic. `node.children` of a node never opened is therefore empty; `children_of(node)`
    makes them first.
    """

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("right,l", "open", "Open", show=False),
        Binding("left,h", "close_or_parent", "Close", show=False),
        Binding("home", "scroll_home", "First", show=False),
        Binding("end", "scroll_end", "Last", show=False),
        Binding("space", "toggle", "Toggle"),
        Binding("p", "mark_doing", "Doing"),
        Binding("s", "mark_skipped", "Skip"),
        Binding("e", "edit", "Edit"),
        Binding("o", "open_link", "Open link"),
        Binding("n", "note", "Note"),
        Binding("ctrl+e", "note_external", "Note in $EDITOR", show=False),
        # Structure: the screen opens the editor in the pane for `a`, `A` and `r`
        Binding("a", "structure('add')", "Add", show=False),
        Binding("A", "structure('add child')", "Add under", show=False),
        Binding("r", "structure('rename')", "Rename", show=False),
        Binding("d,delete", "structure('delete')", "Delete", show=False),
        Binding("K", "structure('move up')", "Move up", show=False),
        Binding("J", "structure('move down')", "Move down", show=False),
        Binding("less_than_sign", "structure('outdent')", "Outdent", show=False),
        Binding("greater_than_sign", "structure('indent')", "Indent", show=False),
        # Alt+arrows do the same (the help says so in their row: `system`, no row of their own)
        Binding("alt+up", "structure('move up')", "Move up", show=False, system=True),
        Binding("alt+down", "structure('move down')", "Move down", show=False, system=True),
        Binding("alt+left", "structure('outdent')", "Outdent", show=False, system=True),
        Binding("alt+right", "structure('indent')", "Indent", show=False, system=True),
    ]

    class EntryMessage(Message):
        """Something about one entry of the tree; `control` is the tree, for `@on(..., "#id")`."""

        def __init__(self, tree: RoadmapTree, entry: Shown) -> None:
            super().__init__()
            self.tree = tree
            self.entry = entry

        @property
        def control(self) -> RoadmapTree:
            return self.tree

    class LeafChosen(EntryMessage):
        """Enter (or a click) on an entry with nothing under it: work on its items."""

    class ToggleRequested(EntryMessage):
        """Space on a topic: check (or uncheck) all its items."""

        @property
        def item(self) -> Item:
            assert isinstance(self.entry, Item)
            return self.entry

    class StateRequested(EntryMessage):
        """`p` or `s` on a topic: its items to doing or skipped, or back to todo (`wanted`:
        `states.DOING` or `states.SKIPPED`; `states.changes` says which)."""

        def __init__(self, tree: RoadmapTree, entry: Shown, wanted: str) -> None:
            super().__init__(tree, entry)
            self.wanted = wanted

        @property
        def item(self) -> Item:
            assert isinstance(self.entry, Item)
            return self.entry

    class EditRequested(EntryMessage):
        """`e`: edit the entry's blank, in the pane."""

    class StructureRequested(EntryMessage):
        """A structure key on the entry (`action`: "add", "add child", "rename", "delete", "move
        up", "move down", "indent", "outdent"; on the roadmap's own row only "add child")."""

        def __init__(self, tree: RoadmapTree, entry: Shown, action: str) -> None:
            super().__init__(tree, entry)
            self.action = action

    class Highlighted(EntryMessage):
        """The cursor is on `entry` now (by a key, a click, or `reveal`).

        Posted straight to the screen, ahead of the tree's repaint, so the screen shows the
        entry in the same frame as the moved cursor: Tree's own `NodeHighlighted` bubbles up
        only after that repaint, which made every move in the tree cost two frames.
        """

        bubble = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Roadmap", id=id)
        self.show_root = False
        self.guide_depth = 2
        self._entry_nodes: dict[int, TreeNode[Shown]] = {}
        self._unbuilt: set[int] = set()  # ids of the nodes whose children are not made yet
        self._label_cache: dict[tuple[object, ...], Text] = {}
        self.roadmap: Roadmap | None = None
        self.keep: frozenset[int] | None = None  # narrowed by a search: the ids of the entries shown
        self._labels: dict[int, Text] = {}  # id(entry): its label, kept while a search narrows the tree

    def load(self, roadmap: Roadmap, keep: frozenset[int] | None = None) -> None:
        """Show `roadmap`, all collapsed; narrowed to the entries whose ids are in `keep` (a
        search's hits and what is above them), when given. The nodes are made as they open,
        narrowed the same way, so a narrowing costs what is shown."""
        if keep is None or roadmap is not self.roadmap:
            self._labels.clear()  # (narrowing again and again, the labels stay the same)
        self.keep = keep
        self.clear()
        self._entry_nodes.clear()
        self._unbuilt.clear()
        self._label_cache.clear()
        self.root.set_label(Text(visible(roadmap.title)))
        self.roadmap = roadmap
        self._graft(self.root, [roadmap, *self._shown(roadmap.phases)])  # the first row: the whole roadmap

    def _shown(self, entries: Iterable[Shown]) -> list[Shown]:
        keep = self.keep
        return list(entries) if keep is None else [entry for entry in entries if id(entry) in keep]

    def _expandable(self, entry: Shown) -> bool:
        if self.keep is None or isinstance(entry, Roadmap):
            return has_tree_children(entry)
        return bool(self._shown(tree_children(entry)))

    def _graft(self, parent: TreeNode[Shown], entries: Iterable[Shown]) -> None:
        """Add a node for each entry under `parent` (closed; their own children come later),
        in one go (`add_children_quietly`: `TreeNode.add` costs more than the nodes)."""
        entries = list(entries)
        labels = self._labels
        rows = []
        for entry in entries:
            label = labels.get(id(entry))
            if label is None:
                label = labels[id(entry)] = tree_label(entry)
            rows.append((label, entry, self._expandable(entry)))
        for entry, node in zip(entries, add_children_quietly(self, parent, rows)):
            self._entry_nodes[id(entry)] = node
            if node.allow_expand:
                self._unbuilt.add(id(node))

    def children_of(self, node: TreeNode[Shown]) -> list[TreeNode[Shown]]:
        """`node.children`, made first if they are not yet."""
        if id(node) in self._unbuilt:
            self._unbuilt.discard(id(node))
            if node.data is not None and not isinstance(node.data, Roadmap):  # (its node has no children)
                self._graft(node, self._shown(tree_children(node.data)))
        return list(node.children)

    def make_open_children(self) -> None:
        """Make the children of the nodes opened since the last layout (by a key, a click,
        `expand()`...): Textual is about to lay out their lines."""
        if getattr(self, "_unbuilt", None):  # (Tree's __init__ lays out before ours has run)
            stack = list(self.root.children)
            while stack:
                node = stack.pop()
                if node.is_expanded:
                    stack.extend(self.children_of(node))

    def open_to_fit(self, rows: int) -> None:
        """Open whole levels of the tree (parts, then sections, ...) while they fit in `rows`."""
        level = list(self.root.children)
        while level:
            showing = self.last_line + 1
            # Counted from the entries: a level's nodes are made only if it is opened.
            adding = sum(
                len(self._shown(tree_children(node.data)))
                for node in level
                if node.allow_expand and not node.is_expanded and isinstance(node.data, (Item, Node))
            )
            if not adding or showing + adding > rows:
                break
            for node in level:
                node.expand()
            level = [child for node in level for child in self.children_of(node)]

    def watch_cursor_line(self, previous_line: int, line: int) -> None:
        node = self.get_node_at_line(line) if line >= 0 else None  # (-1: no line, not the last)
        if node is not None and node is not self.cursor_node and node.data is not None and self.is_attached:
            self.screen.post_message(self.Highlighted(self, node.data))
        super().watch_cursor_line(previous_line, line)

    def render_label(self, node: TreeNode[Shown], base_style: Style, style: Style) -> Text:
        """The label, its title cut with an ellipsis so the progress stays in view."""
        entry = node.data
        if entry is None:
            return super().render_label(node, base_style, style)
        # Textual renders every line again after a node opens or closes; the labels themselves
        # rarely change, so they are kept (Tree copies what this returns before styling it).
        width = self.scrollable_content_region.width
        counts = (entry.n_done, entry.n_total, entry.n_skipped, entry.n_doing)
        key = (id(node), node_version(node), node.is_expanded, width, base_style, style, counts)
        cached = self._label_cache.get(key)
        if cached is not None:
            return cached
        title, progress = label_parts(entry)
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        icon = (self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE) if node.allow_expand else ""
        room = width - depth * self.guide_depth - len(icon)
        if room > 0 and title.cell_len + progress.cell_len > room:
            title = fit_title(entry, title, max(room - progress.cell_len, 6))
        label = title + progress
        label.stylize(style)
        prefix = (icon, base_style + TOGGLE_STYLE) if icon else ("", base_style)
        rendered = Text.assemble(prefix, label)
        if len(self._label_cache) > 4096:
            self._label_cache.clear()
        self._label_cache[key] = rendered
        return rendered

    def node_for(self, entry: Shown) -> TreeNode[Shown] | None:
        """The node that shows `entry` (made, with the nodes on the way to it, if need be)."""
        node = self._entry_nodes.get(id(entry))
        if node is None and not isinstance(entry, Roadmap):  # the roadmap's own row is made by `load`
            # Make the children of each entry above it, from the top down.
            for above in reversed(list(ancestors(entry))):
                parent = self._entry_nodes.get(id(above))
                if parent is None:
                    return None
                self.children_of(parent)
            node = self._entry_nodes.get(id(entry))
        return node

    def refresh_labels(self, entries: Iterable[Shown]) -> None:
        """Redraw the labels of `entries` and of everything above them (those that have a node).

        Only the lines of those nodes are repainted, at once (`TreeNode.set_label` repaints every
        line below the node too, a refresh later).
        """
        seen: set[int] = set()
        changed: list[Shown] = [*entries]
        if self.roadmap is not None:
            changed.append(self.roadmap)  # the first row counts everything
        for entry in changed:
            chain = [entry] if isinstance(entry, Roadmap) else ancestors(entry, include_self=True)
            for shown in chain:
                node = self._entry_nodes.get(id(shown))
                if node is not None and id(shown) not in seen:
                    seen.add(id(shown))
                    label = self._labels[id(shown)] = tree_label(shown)
                    set_label_quietly(node, label)
                    if node.line >= 0:
                        self.refresh(Region(0, node.line - self.scroll_offset.y, self.size.width, 1))

    def refresh_all_labels(self) -> None:
        """Make every label that has a node again (what is due changed with the day: no count
        did)."""
        self._labels.clear()  # (kept for a search's narrowing: made again as nodes are)
        for node in list(self._entry_nodes.values()):
            if node.data is not None:
                set_label_quietly(node, tree_label(node.data))
        self._label_cache.clear()
        self.refresh()

    def reveal(self, entry: Shown) -> None:
        """Open the way to `entry` and put the cursor on it."""
        node = self.node_for(entry)
        if node is None:
            return
        parent = node.parent
        while parent is not None and parent is not self.root:
            parent.expand()
            parent = parent.parent
        _ = self.last_line  # lay out the lines just opened, so the node has its line number
        self.move_cursor(node, animate=False)

    @property
    def current(self) -> Shown | None:
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
        elif self.children_of(node):
            self.move_cursor(node.children[0], animate=False)

    def action_close_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent, animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle":  # Space on a node opens or closes it (as Tree does), on a topic checks it
            node = self.cursor_node
            entry = node.data if node is not None else None
            return node is not None and (node.allow_expand or (isinstance(entry, Item) and entry.done is not None))
        if action in ("mark_doing", "mark_skipped"):  # only a topic has a state to set
            entry = self.current
            return isinstance(entry, Item) and entry.done is not None
        if action == "edit":
            entry = self.current
            return entry is not None and has_blank(entry)
        if action == "open_link":
            return self._link() is not None
        if action in ("note", "note_external"):
            return isinstance(self.current, (Item, Node))
        return True

    def _link(self) -> str | None:
        entry = self.current
        if isinstance(entry, Node):
            return first_web_link(apply_fill(entry.title, entry.title_fill))
        if isinstance(entry, Item):
            return first_web_link(apply_fill(entry.text, entry.text_fill))
        return None

    def on_key(self, event: events.Key) -> None:
        if event.key == "o" and self._link() is None:
            self.notify("No web link in this row.", markup=False, timeout=3)

    def action_note(self, external: bool = False) -> None:
        """`n` (`ctrl+e`: in `$VISUAL`/`$EDITOR`): write the highlighted entry's note."""
        entry = self.current
        if isinstance(entry, (Item, Node)):
            self.post_message(NoteRequested(entry, self, external=external))

    def action_note_external(self) -> None:
        self.action_note(external=True)

    def action_open_link(self) -> None:
        url = self._link()
        if url is not None:
            open_web_link(self, url)

    def action_toggle(self) -> None:  # type: ignore[override]  # Space on a row; not DOMNode's toggle(attribute)
        node = self.cursor_node
        if node is None:
            return
        entry = node.data
        if isinstance(entry, Item) and entry.done is not None:
            self.post_message(self.ToggleRequested(self, entry))
        elif node.allow_expand:
            node.toggle()

    def action_mark_doing(self) -> None:
        self._ask_state(states.DOING)

    def action_mark_skipped(self) -> None:
        self._ask_state(states.SKIPPED)

    def _ask_state(self, wanted: str) -> None:
        entry = self.current
        if isinstance(entry, Item) and entry.done is not None:
            self.post_message(self.StateRequested(self, entry, wanted))

    def action_edit(self) -> None:
        entry = self.current
        if entry is not None:
            self.post_message(self.EditRequested(self, entry))

    def action_structure(self, action: str) -> None:
        entry = self.current
        if isinstance(entry, (Item, Node)) or (entry is not None and action == "add child"):
            self.post_message(self.StructureRequested(self, entry, action))

    def action_select_cursor(self) -> None:
        node = self.cursor_node
        if node is not None and not node.allow_expand and node.data is not None:
            self.post_message(self.LeafChosen(self, node.data))
            return
        super().action_select_cursor()
