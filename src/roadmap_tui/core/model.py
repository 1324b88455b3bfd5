"""The roadmap as plain Python objects: parts, sections, items, placeholders and progress.

No Textual here (a test checks it): the command line's `export` and `path` run on this alone.

Shape
-----
A `Roadmap` holds `Node`s (the `##` parts: phases, Continuous Learning, Resources Library).
A `Node` holds its own `items` and child `Node`s (`###` sections, to any depth). An `Item` is a
list entry: a checkbox (`done` is True/False) or a plain bullet (`done` is None), with child
items to any depth.

Progress
--------
A *counted* item is a checkbox with no checkbox children that is not a `Resources:` line. An
item with counted descendants is checked exactly when all of them are; its own stored flag is
ignored. Counts are cached on every object and updated along the path to the root after a
change (`recount_up`), so a toggle costs the depth of the tree, not its size.

Placeholders
------------
`_[hint]_` in a text is a blank for the learner to fill. The text keeps the placeholder (so an
emptied value brings the hint back); the learner's value lives beside it (`text_fill`,
`title_fill`, `duration_fill`) and replaces the first placeholder on display and export.

Imported Markdown
-----------------
A roadmap imported from Markdown (`mdimport`) keeps the source: `Roadmap.md_head` holds what
comes before the first node or task, and every `Node` and `Item` its own chunk in `md`, so the
export is their concatenation with only the changed checkbox marks and fills rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Union

PLACEHOLDER_RE = re.compile(r"_\[(.*?)\]_")
RESOURCES_PREFIX = "resources:"

def fill_key(name: str) -> str:
    return f"{name}_fill"


@dataclass(frozen=True)
class Segment:
    """A piece of a displayed text: literal, a filled placeholder, or an empty one (its hint)."""

    text: str
    kind: str  # "text" | "fill" | "hint"


def has_placeholder(text: str) -> bool:
    return PLACEHOLDER_RE.search(text) is not None


def placeholder_hint(text: str) -> str | None:
    """The hint of the first placeholder in `text`, or None if it has none."""
    match = PLACEHOLDER_RE.search(text)
    return match.group(1) if match else None


def segments(text: str, fill: str) -> list[Segment]:
    """Split `text` for display: the first placeholder shows `fill`, or its hint when empty."""
    parts: list[Segment] = []
    position = 0
    for index, match in enumerate(PLACEHOLDER_RE.finditer(text)):
        if match.start() > position:
            parts.append(Segment(text[position : match.start()], "text"))
        if index == 0 and fill:
            parts.append(Segment(fill, "fill"))
        else:
            parts.append(Segment(match.group(1), "hint"))
        position = match.end()
    if position < len(text):
        parts.append(Segment(text[position:], "text"))
    return parts


def apply_fill(text: str, fill: str) -> str:
    """The Markdown of `text` with its first placeholder replaced by `fill` (if any)."""
    if not fill:
        return text
    match = PLACEHOLDER_RE.search(text)
    if match is None:
        return text
    return text[: match.start()] + fill + text[match.end() :]


@dataclass(eq=False)
class Item:
    """A list entry: a checkbox (`done` True/False) or a plain bullet (`done` None)."""

    text: str
    done: bool | None = False
    text_fill: str = ""
    items: list[Item] = field(default_factory=list)
    md: str | None = None  # an imported item's Markdown source (see mdimport); None for others
    parent: Union[Item, Node, None] = field(default=None, repr=False)
    n_done: int = 0
    n_total: int = 0

    @property
    def is_checkbox(self) -> bool:
        return self.done is not None

    @property
    def is_resource(self) -> bool:
        return self.text.lstrip().lower().startswith(RESOURCES_PREFIX)

    @property
    def has_checkbox_children(self) -> bool:
        return any(child.done is not None for child in self.items)

    @property
    def is_counted(self) -> bool:
        return self.is_checkbox and not self.is_resource and not self.has_checkbox_children

    @property
    def checked(self) -> bool:
        """Shown (and exported) as checked: its own flag, or all its counted descendants done."""
        if self.n_total and not self.is_counted:
            return self.n_done == self.n_total
        return bool(self.done)

    @property
    def title(self) -> str:
        return self.text

    @property
    def editable(self) -> bool:
        """Whether `e` edits it: a placeholder to fill, or a plain bullet (a library entry)."""
        return has_placeholder(self.text) or self.done is None

    @property
    def display_text(self) -> str:
        return apply_fill(self.text, self.text_fill)

    def recount(self) -> None:
        """Recompute this item's counts from its children (one level)."""
        items = self.items
        if not items:  # most items: a leaf (written out, as it runs for every item at load)
            if self.done is not None and not self.is_resource:
                self.n_done, self.n_total = (1 if self.done else 0), 1
            else:
                self.n_done = self.n_total = 0
            return
        if self.is_counted:
            self.n_done, self.n_total = (1 if self.done else 0), 1
            return
        n_done = n_total = 0
        for child in items:
            n_done += child.n_done
            n_total += child.n_total
        self.n_done, self.n_total = n_done, n_total

    def walk(self) -> Iterator[Item]:
        yield self
        for child in self.items:
            yield from child.walk()


@dataclass(eq=False)
class Node:
    """A heading: a `##` part (phase) or a `###` section, with optional fields and items."""

    title: str
    level: int = 2
    title_fill: str = ""
    duration: str | None = None
    duration_fill: str = ""
    focus: str | None = None
    intro: str | None = None
    items: list[Item] = field(default_factory=list)
    sections: list[Node] = field(default_factory=list)
    md: str | None = None  # an imported heading's Markdown source (see mdimport); None for others
    parent: Union[Node, Roadmap, None] = field(default=None, repr=False)
    n_done: int = 0
    n_total: int = 0

    @property
    def display_title(self) -> str:
        return apply_fill(self.title, self.title_fill)

    @property
    def topics(self) -> list[Item]:
        """Items with items under them: they appear in the tree below this node."""
        return [item for item in self.items if item.items]

    @property
    def is_leaf(self) -> bool:
        return not self.sections and not self.topics

    def recount(self) -> None:
        self.n_done = sum(i.n_done for i in self.items) + sum(s.n_done for s in self.sections)
        self.n_total = sum(i.n_total for i in self.items) + sum(s.n_total for s in self.sections)

    def walk_items(self) -> Iterator[Item]:
        for item in self.items:
            yield from item.walk()
        for section in self.sections:
            yield from section.walk_items()

    def walk_nodes(self) -> Iterator[Node]:
        yield self
        for section in self.sections:
            yield from section.walk_nodes()


@dataclass(eq=False)
class Roadmap:
    """A whole roadmap: its title and its `##` parts, in order."""

    title: str
    phases: list[Node] = field(default_factory=list)
    schema: int = 1
    selected: list[str] = field(default_factory=list)
    md_head: str | None = None  # an imported roadmap's Markdown before its first node or task
    n_done: int = 0
    n_total: int = 0

    def recount(self) -> None:
        self.n_done = sum(p.n_done for p in self.phases)
        self.n_total = sum(p.n_total for p in self.phases)

    def recount_all(self) -> None:
        """Recompute every cached count, bottom-up (after loading)."""

        def item_up(item: Item) -> None:
            for child in item.items:
                item_up(child)
            item.recount()

        def node_up(node: Node) -> None:
            for item in node.items:
                item_up(item)
            for section in node.sections:
                node_up(section)
            node.recount()

        for phase in self.phases:
            node_up(phase)
        self.recount()

    def link(self) -> None:
        """Set every object's `parent` (after building or changing the structure)."""

        def link_item(item: Item, parent: Item | Node) -> None:
            item.parent = parent
            for child in item.items:
                link_item(child, item)

        def link_node(node: Node, parent: Node | Roadmap, level: int) -> None:
            node.parent = parent
            node.level = level
            for item in node.items:
                link_item(item, node)
            for section in node.sections:
                link_node(section, node, level + 1)

        for phase in self.phases:
            link_node(phase, self, 2)

    def walk_nodes(self) -> Iterator[Node]:
        for phase in self.phases:
            yield from phase.walk_nodes()

    def walk_items(self) -> Iterator[Item]:
        for phase in self.phases:
            yield from phase.walk_items()


Entry = Union[Node, Item]
"""Anything the tree can show: a heading node or a topic item."""


def recount_up(start: Item | Node | Roadmap | None) -> None:
    """Recompute counts from `start` up to the roadmap, one level at a time."""
    current = start
    while current is not None:
        current.recount()
        current = getattr(current, "parent", None)


def set_done(item: Item, done: bool) -> list[Item]:
    """Check or uncheck `item`. Returns the checkboxes whose stored flag changed.

    A parent item (one with counted descendants) sets all of them, so checking a topic checks
    its items. An item whose only checkbox children are `Resources:` lines keeps a flag of its own.
    """
    changed: list[Item] = []
    if item.n_total and not item.is_counted:
        targets = [i for i in item.walk() if i.is_counted]
    else:
        targets = [item]
    for target in targets:
        if target.done is not None and target.done != done:
            target.done = done
            changed.append(target)
    if not changed:
        return changed
    _recount_subtree(item)
    recount_up(item.parent)
    # A parent's stored flag follows its derived state, so the file says what the screen shows:
    # the topics inside the one toggled, and those above it.
    for entry in [*item.walk(), *ancestors(item)]:
        if isinstance(entry, Item) and entry.done is not None and not entry.is_counted:
            if entry.n_total and entry.done != entry.checked:
                entry.done = entry.checked
                changed.append(entry)
    return changed


def _recount_subtree(item: Item) -> None:
    for child in item.items:
        _recount_subtree(child)
    item.recount()


def toggle(item: Item) -> list[Item]:
    """Flip `item` (as shown) and return the checkboxes whose stored flag changed."""
    if item.done is None:
        return []
    return set_done(item, not item.checked)


def ancestors(entry: Item | Node, include_self: bool = False) -> Iterator[Item | Node]:
    current: object = entry if include_self else getattr(entry, "parent", None)
    while isinstance(current, (Item, Node)):
        yield current
        current = current.parent


def title_path(entry: Item | Node) -> list[str]:
    """The titles from the top part down to `entry` (to remember a selection by)."""
    return [a.title for a in ancestors(entry, include_self=True)][::-1]


def find_by_titles(roadmap: Roadmap, titles: list[str]) -> Item | Node | None:
    """The entry at a path of titles (see `title_path`), or None when it no longer exists."""
    candidates: list[Item | Node] = list(roadmap.phases)
    found: Item | Node | None = None
    for title in titles:
        match = next((c for c in candidates if c.title == title), None)
        if match is None:
            return None
        found = match
        if isinstance(match, Node):
            candidates = [*match.topics, *match.sections]
        else:
            candidates = [i for i in match.items if i.items]
    return found


def first_leaf(roadmap: Roadmap) -> Item | Node | None:
    """The first entry that holds items directly (Linear Algebra in the default roadmap)."""

    def visit(entry: Item | Node) -> Item | Node | None:
        children: list[Item | Node]
        if isinstance(entry, Node):
            children = [*entry.topics, *entry.sections]
            if not children:
                return entry if entry.items else None
        else:
            return entry
        for child in children:
            found = visit(child)
            if found is not None:
                return found
        return None

    for phase in roadmap.phases:
        found = visit(phase)
        if found is not None:
            return found
    return roadmap.phases[0] if roadmap.phases else None
