"""The roadmap as plain Python objects: parts, sections and items, with parent links and walks.

No Textual here (a test checks it): the command line's `export` and `path` run on this alone.

Shape
-----
A `Roadmap` holds `Node`s (the `##` parts: phases, Continuous Learning, Resources Library).
A `Node` holds its own `items` and child `Node`s (`###` sections, to any depth). An `Item` is a
list entry: a checkbox (`done` is True/False) or a plain bullet (`done` is None), with child
items to any depth. Every object knows its `parent` (`Roadmap.link`).

The rest of the core, each in one place:

- `outline.py`: what sits under what in the tree, title paths, lookups by them;
- `progress.py`: the counting rule applied (recount up, check, toggle) and every rounding;
- `placeholders.py`: the `_[hint]_` blanks and their fills (`text_fill`, `title_fill`, ...);
- `edits.py`: the typed edits, the one way the model changes while the app runs.

Progress counts
---------------
A *counted* item is a checkbox with no checkbox children that is not a `Resources:` line
(`Item.is_counted`). It is todo, doing, done or skipped (`states.py`): `done` says whether it is
done, `state` whether a box not done is "doing" or "skipped". Skipped items leave the total: an
item with counted descendants is checked exactly when all of them that are not skipped are
(`Item.checked`); its own stored flag is ignored. Counts are cached on every object (`n_done`,
`n_total` (not skipped), `n_skipped`, `n_doing`); `progress.py` computes them (`recount_all` after loading, `recount_up` along the
path to the root after a change), so a toggle costs the depth of the tree, not its size.

Imported Markdown
-----------------
A roadmap imported from Markdown (`formats/markdown_import.py`) keeps the source:
`Roadmap.md_head` holds what comes before the first node or task, and every `Node` and `Item`
its own chunk in `md`, so the export is their concatenation with only the changed checkbox
marks and fills rewritten.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Union

from roadmap_tui.core.placeholders import apply_fill, has_placeholder

RESOURCES_PREFIX = "resources:"


@dataclass(frozen=True, slots=True)
class Review:
    """One review of a finished entry (`review.py`): when, and "remembered" or "forgot"."""

    at: datetime  # an aware datetime
    result: str


@dataclass(eq=False, slots=True)
class Item:
    """A list entry: a checkbox (`done` True/False) or a plain bullet (`done` None)."""

    text: str
    done: bool | None = False
    text_fill: str = ""
    items: list[Item] = field(default_factory=list)
    md: str | None = None  # an imported item's Markdown source (see formats/markdown_import.py); None for others
    state: str = ""  # a checkbox not done: "doing", "skipped" or "" (todo); see `states.py`
    started_at: datetime | None = None  # first moved to doing or done (an aware datetime)
    done_at: datetime | None = None  # when it was last checked; None while not done
    note: str = ""  # the learner's note, Markdown ("" for none)
    reviews: tuple[Review, ...] = ()  # in the file's order (`review.py`)
    parent: Union[Item, Node, None] = field(default=None, repr=False)
    n_done: int = 0
    n_total: int = 0  # counted items under it (itself, if counted) that are not skipped
    n_skipped: int = 0
    n_doing: int = 0

    @property
    def n_counted(self) -> int:
        """Counted items under it (itself, if counted), skipped or not."""
        return self.n_total + self.n_skipped

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
        """Shown (and exported) as checked: its own flag, or all its counted descendants that are
        not skipped done (and at least one is: a topic of skipped items is not checked)."""
        if self.n_counted and not self.is_counted:
            return self.n_total > 0 and self.n_done == self.n_total
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

    def walk(self) -> Iterator[Item]:
        yield self
        for child in self.items:
            yield from child.walk()


@dataclass(eq=False, slots=True)
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
    md: str | None = None  # an imported heading's Markdown source (see formats/markdown_import.py); None for others
    note: str = ""  # the learner's note, Markdown ("" for none)
    reviews: tuple[Review, ...] = ()  # in the file's order (`review.py`)
    parent: Union[Node, Roadmap, None] = field(default=None, repr=False)
    n_done: int = 0
    n_total: int = 0
    n_skipped: int = 0
    n_doing: int = 0

    @property
    def n_counted(self) -> int:
        return self.n_total + self.n_skipped

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

    def walk_items(self) -> Iterator[Item]:
        for item in self.items:
            yield from item.walk()
        for section in self.sections:
            yield from section.walk_items()

    def walk_nodes(self) -> Iterator[Node]:
        yield self
        for section in self.sections:
            yield from section.walk_nodes()


@dataclass(eq=False, slots=True)
class Roadmap:
    """A whole roadmap: its title and its `##` parts, in order."""

    title: str
    phases: list[Node] = field(default_factory=list)
    schema: int = 1
    selected: list[str] = field(default_factory=list)
    md_head: str | None = None  # an imported roadmap's Markdown before its first node or task
    n_done: int = 0
    n_total: int = 0
    n_skipped: int = 0
    n_doing: int = 0

    @property
    def n_counted(self) -> int:
        return self.n_total + self.n_skipped

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
