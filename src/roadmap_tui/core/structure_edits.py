"""The edits that change the roadmap's structure: put a part or section in, take one out, move
an entry (to another place among its siblings, or a level in or out).

`InsertNode` puts a node (`NodeData`: a node with everything under it, as plain data) into the
`sections` of the node at `where` (`where` and `titles` empty: into the roadmap's `phases`);
its inverse is `RemoveNode`, which takes the node at `where` out with everything under it.
(An item goes in and out with `edits.InsertEntry` and `edits.RemoveEntry`.)

`MoveEntry` takes the entry at `where` (an item or a node) and puts it into the list of its
kind (an item: `items`; a node: `sections`, or the roadmap's `phases`) of the entry at `to`
(`to_titles`; both empty: the roadmap), at `index` counted once it has left its old place. The
entry keeps everything it holds and carries (its `md`, its notes, its progress). Moving among
siblings, indenting (the last child of the sibling above) and outdenting (right after its
parent, at the parent's level) are all one `MoveEntry`; its inverse moves it back where it was.

These edits find their entries themselves (`Edit.restructure`): a move has two ends, and a part
goes into the roadmap, which has no key path of its own. Applied through `edits.apply` like
every edit (it recounts); `storage/toml_structure.py` makes them in the file.

Pure: no I/O, no tomlkit, no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Union

from roadmap_tui.core.edits import Edit, ItemData, KeyPath, Titles, key_path, locate
from roadmap_tui.core.model import Entry, Item, Node, Review, Roadmap
from roadmap_tui.core.outline import title_path

Parent = Union[Node, Item, Roadmap]


@dataclass(frozen=True)
class NodeData:
    """A node and everything under it, as plain data (what `RemoveNode` keeps, to put back)."""

    title: str
    title_fill: str = ""
    duration: str | None = None
    duration_fill: str = ""
    focus: str | None = None
    intro: str | None = None
    items: tuple[ItemData, ...] = ()
    sections: tuple[NodeData, ...] = ()
    md: str | None = None
    note: str = ""
    reviews: tuple[Review, ...] = ()

    @classmethod
    def of(cls, node: Node) -> NodeData:
        return cls(
            node.title, node.title_fill, node.duration, node.duration_fill, node.focus, node.intro,
            tuple(ItemData.of(item) for item in node.items), tuple(cls.of(s) for s in node.sections),
            node.md, node.note, node.reviews,
        )

    def build(self, parent: Node | Roadmap, level: int) -> Node:
        """A new `Node` from this data, linked under `parent` (counts not computed yet)."""
        node = Node(
            title=self.title, level=level, title_fill=self.title_fill, duration=self.duration,
            duration_fill=self.duration_fill, focus=self.focus, intro=self.intro, md=self.md,
            note=self.note, reviews=self.reviews, parent=parent,
        )
        node.items = [item.build(node) for item in self.items]
        node.sections = [section.build(node, level + 1) for section in self.sections]
        return node


def parent_at(roadmap: Roadmap, where: KeyPath, titles: Titles) -> Parent | None:
    """The entry at `where`/`titles` (`edits.locate`), the roadmap itself for an empty path."""
    if not where and not titles:
        return roadmap
    return locate(roadmap, where, titles)


def place(parent: Parent) -> tuple[KeyPath, Titles]:
    """Where `parent` is, as an edit keeps it: its key path and title path (empty: the roadmap)."""
    if isinstance(parent, Roadmap):
        return (), ()
    return key_path(parent), tuple(title_path(parent))


def siblings(entry: Entry) -> list[Item] | list[Node]:
    """The list `entry` sits in: its parent's `items`, `sections`, or the roadmap's `phases`."""
    parent = entry.parent
    if isinstance(entry, Item):
        assert isinstance(parent, (Item, Node))
        return parent.items
    if isinstance(parent, Node):
        return parent.sections
    assert isinstance(parent, Roadmap)
    return parent.phases


def attached(entry: Entry) -> bool:
    """Whether `entry` is still in the roadmap: in its parent's list, and that one in its own,
    up to the roadmap (an entry deleted a moment ago keeps its parent link)."""
    current: Entry = entry
    while True:
        parent = current.parent
        if parent is None or not any(e is current for e in siblings(current)):
            return False
        if isinstance(parent, Roadmap):
            return True
        current = parent


def list_for(parent: Parent, entry: Entry) -> list[Item] | list[Node] | None:
    """The list of `parent` that would hold `entry` (None: it can't, e.g. a node in an item)."""
    if isinstance(entry, Item):
        return None if isinstance(parent, Roadmap) else parent.items
    if isinstance(parent, Roadmap):
        return parent.phases
    return parent.sections if isinstance(parent, Node) else None


def relevel(node: Node, level: int) -> None:
    node.level = level
    for section in node.sections:
        relevel(section, level + 1)


def _walk_all(node: Node) -> list[Entry]:
    return [*node.walk_nodes(), *node.walk_items()]


@dataclass(frozen=True)
class InsertNode(Edit):
    """Put a node (with everything under it) into the sections of the node at `where` (an empty
    `where` and `titles`: into the roadmap's parts), at `index`."""

    index: int = 0
    node: NodeData = NodeData("")

    @property
    def what(self) -> str:
        return "put a heading in"

    def inverse(self) -> Edit:
        self._check_applied()
        kind = "sections" if self.where else "phases"
        return RemoveNode((*self.where, kind, self.index), (*self.titles, self.node.title))

    def restructure(self, roadmap: Roadmap, touched: list[Entry]) -> Edit | None:
        parent = parent_at(roadmap, self.where, self.titles)
        if not isinstance(parent, (Node, Roadmap)):
            return None
        nodes = parent.sections if isinstance(parent, Node) else parent.phases
        index = min(max(self.index, 0), len(nodes))
        node = self.node.build(parent, parent.level + 1 if isinstance(parent, Node) else 2)
        nodes.insert(index, node)
        touched.extend(_walk_all(node))
        where, titles = place(parent)
        return replace(self, where=where, titles=titles, index=index)


@dataclass(frozen=True)
class RemoveNode(Edit):
    """Take the node at `where` out, with everything under it."""

    before: NodeData | None = None  # set by `apply`: what was removed

    @property
    def what(self) -> str:
        return "remove"

    def inverse(self) -> Edit:
        self._check_applied()
        assert self.before is not None and isinstance(self.where[-1], int)
        return InsertNode(self.where[:-2], self.titles[:-1], index=self.where[-1], node=self.before)

    def restructure(self, roadmap: Roadmap, touched: list[Entry]) -> Edit | None:
        node = locate(roadmap, self.where, self.titles)
        if not isinstance(node, Node):
            return None
        where = key_path(node)
        parent = node.parent
        assert isinstance(parent, (Node, Roadmap))
        siblings(node).remove(node)  # type: ignore[arg-type]  # a node's list holds nodes
        if isinstance(parent, Node):
            touched.append(parent)  # (the roadmap itself is always recounted)
        return replace(self, where=where, before=NodeData.of(node))


@dataclass(frozen=True)
class MoveEntry(Edit):
    """Move the entry at `where` into the entry at `to` (`to_titles`; empty: the roadmap), at
    `index` of its list of the entry's kind, counted once the entry has left its place."""

    to: KeyPath = ()
    to_titles: Titles = ()
    index: int = 0
    # set by `apply`: where it came from (its old parent as it is after the move, and its index)
    back: KeyPath = ()
    back_titles: Titles = ()
    back_index: int = 0

    @property
    def what(self) -> str:
        return "move"

    def inverse(self) -> Edit:
        self._check_applied()
        kind = self.where[-2]
        assert isinstance(kind, str)
        if kind != "items":
            kind = "sections" if self.to else "phases"
        return MoveEntry(
            (*self.to, kind, self.index), (*self.to_titles, self.titles[-1]),
            to=self.back, to_titles=self.back_titles, index=self.back_index,
        )

    def restructure(self, roadmap: Roadmap, touched: list[Entry]) -> Edit | None:
        entry = locate(roadmap, self.where, self.titles)
        target = parent_at(roadmap, self.to, self.to_titles)
        if entry is None or target is None:
            return None
        into = list_for(target, entry)
        inside = target is entry or (not isinstance(target, Roadmap) and entry in _ancestors(target))
        if into is None or inside:
            return None
        where = key_path(entry)
        old_parent = entry.parent
        assert old_parent is not None
        old = siblings(entry)
        old_index = old.index(entry)  # type: ignore[arg-type]  # its own list holds its kind
        old.remove(entry)  # type: ignore[arg-type]
        index = min(max(self.index, 0), len(into))
        into.insert(index, entry)  # type: ignore[arg-type]  # `list_for` gave the list of its kind
        entry.parent = target
        if isinstance(entry, Node):
            relevel(entry, target.level + 1 if isinstance(target, Node) else 2)
        touched.append(entry)
        if not isinstance(old_parent, Roadmap):
            touched.append(old_parent)
        back, back_titles = place(old_parent)
        to, to_titles = place(target)
        return replace(
            self, where=where, to=to, to_titles=to_titles, index=index,
            back=back, back_titles=back_titles, back_index=old_index,
        )


def _ancestors(entry: Entry) -> list[Entry]:
    found: list[Entry] = []
    current = entry.parent
    while isinstance(current, (Item, Node)):
        found.append(current)
        current = current.parent
    return found


# What a key asks for, as the edit that does it (None: nothing to do at this edge) ---------------


def move_among(entry: Entry, step: int, alike: bool = False) -> MoveEntry | None:
    """`entry` one place up (`step` -1) or down (+1) among its siblings; with `alike`, past the
    nearest sibling like it (a topic past a topic, as the tree shows them), else past one."""
    if not attached(entry):
        return None
    parent = entry.parent
    assert parent is not None
    entries: list[Entry] = list(siblings(entry))
    at = entries.index(entry)
    others = [i for i in range(len(entries)) if i != at]
    if alike and isinstance(entry, Item):
        others = [i for i in others if bool(entries[i].items) == bool(entry.items)]
    before = [i for i in others if i < at]
    after = [i for i in others if i > at]
    if step < 0 and before:
        index = before[-1]
    elif step > 0 and after:
        index = after[0]  # counted once the entry has left: it lands right after that sibling
    else:
        return None
    to, to_titles = place(parent)
    return MoveEntry(key_path(entry), tuple(title_path(entry)), to=to, to_titles=to_titles, index=index)


def indent(entry: Entry, alike: bool = False) -> MoveEntry | None:
    """`entry` into the sibling above it, as its last child (None: it is the first); with
    `alike`, into the nearest one above like it (a topic into the topic above, as the tree shows)."""
    if not attached(entry):
        return None
    entries: list[Entry] = list(siblings(entry))
    at = entries.index(entry)
    above_all = entries[:at]
    if alike and isinstance(entry, Item):
        above_all = [e for e in above_all if bool(e.items) == bool(entry.items)]
    if not above_all:
        return None
    above = above_all[-1]
    into = list_for(above, entry)
    if into is None:
        return None
    to, to_titles = place(above)
    return MoveEntry(key_path(entry), tuple(title_path(entry)), to=to, to_titles=to_titles, index=len(into))


def outdent(entry: Entry) -> MoveEntry | None:
    """`entry` out of its parent, right after it at the parent's level (None: a part, or an item
    right under a heading, which has no level of items above it)."""
    if not attached(entry):
        return None
    parent = entry.parent
    if not isinstance(parent, (Item, Node)) or (isinstance(entry, Item) and isinstance(parent, Node)):
        return None
    grand = parent.parent
    assert grand is not None
    into = list_for(grand, entry)
    if into is None:
        return None
    index = list(siblings(parent)).index(parent) + 1
    to, to_titles = place(grand)
    return MoveEntry(key_path(entry), tuple(title_path(entry)), to=to, to_titles=to_titles, index=index)
