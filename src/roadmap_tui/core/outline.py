"""What sits under what: the tree's children, the way up, title paths and lookups by them.

Two questions, each answered once:

- *What the tree shows under an entry* (`tree_children`): a node's topics (items with items),
  then its sections; an item's items that have items. Leaf items are rows of the item list,
  not of the tree. The tree widget, the command palette, `find_by_titles` and `first_leaf`
  all use this one definition.
- *What an entry holds* (`held`): a node's sections then all its items; an item's items, in
  the order the file keeps them. An edit finds its entry among these (`edits.find`, narrowed
  to the sections or the items when its key path says which), since any item can be changed.

A title path (`title_path`) names an entry by the stored titles from its top part down (the
stored title, not the learner's fill, so a fill never loses a selection). Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from roadmap_tui.core.model import Entry, Item, Node, Roadmap


def tree_children(entry: Entry) -> list[Entry]:
    """What the tree shows under `entry`: topics (items with items), then sections."""
    if isinstance(entry, Node):
        return [*entry.topics, *entry.sections]
    return [item for item in entry.items if item.items]


def has_tree_children(entry: Entry | Roadmap) -> bool:
    """Whether `tree_children(entry)` would be non-empty (without building the list)."""
    if isinstance(entry, Roadmap):
        return False  # its parts are the rows below it, not its children
    if isinstance(entry, Node) and entry.sections:
        return True
    return any(item.items for item in entry.items)


def held(entry: Entry) -> list[Entry]:
    """Everything directly in `entry`, in file order: a node's sections, then its items."""
    if isinstance(entry, Node):
        return [*entry.sections, *entry.items]
    return list(entry.items)


def ancestors(entry: Entry, include_self: bool = False) -> Iterator[Entry]:
    """The entries above `entry`, nearest first (with `entry` itself first, if asked)."""
    current: object = entry if include_self else entry.parent
    while isinstance(current, (Item, Node)):
        yield current
        current = current.parent


def root_of(entry: Entry | Roadmap) -> Roadmap | None:
    """The roadmap `entry` belongs to (a reload builds a new one; old entries keep the old); a
    roadmap's is itself."""
    current: object = entry
    while isinstance(current, (Item, Node)):
        current = current.parent
    return current if isinstance(current, Roadmap) else None


def title_path(entry: Entry) -> list[str]:
    """The titles from the top part down to `entry` (to remember a selection by)."""
    return [a.title for a in ancestors(entry, include_self=True)][::-1]


def find_by_titles(
    roadmap: Roadmap, titles: list[str] | tuple[str, ...], children: Callable[[Entry], list[Entry]] = tree_children
) -> Entry | None:
    """The entry at a path of titles (see `title_path`), or None when it no longer exists.

    Each title is looked up among the `children` of the one before (the first among the
    parts); the first of several with the same title wins. By default only what the tree
    shows is found; `children=held` finds any entry.
    """
    candidates: list[Entry] = list(roadmap.phases)
    found: Entry | None = None
    for title in titles:
        found = next((c for c in candidates if c.title == title), None)
        if found is None:
            return None
        candidates = children(found)
    return found


def first_leaf(roadmap: Roadmap) -> Entry | None:
    """The first entry that holds items directly (Linear Algebra in the default roadmap)."""

    def visit(entry: Entry) -> Entry | None:
        if isinstance(entry, Item):
            return entry
        children = tree_children(entry)
        if not children:
            return entry if entry.items else None
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
