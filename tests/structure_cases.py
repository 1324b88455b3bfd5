"""Structure edits of every kind on the default roadmap and an imported one, named: shared by the
tests of the structure edits on the model (tests/core/test_structure_edits.py) and on the file
(tests/storage/test_structure_file.py)."""

from __future__ import annotations

from collections.abc import Callable

from roadmap_tui.core import structure_edits as se
from roadmap_tui.core.edits import Edit, InsertEntry, ItemData, RemoveEntry
from roadmap_tui.core.model import Entry, Item, Node, Roadmap
from roadmap_tui.core.structure_edits import InsertNode, NodeData, RemoveNode, place

from edit_cases import at


def _topic(roadmap: Roadmap) -> Item:
    """A topic of an array of tables (`[[phases.sections.items]]`): Deep Learning's second."""
    return roadmap.phases[1].sections[0].items[1]


def _inline(roadmap: Roadmap) -> Item:
    """An item written inline, in the middle of its topic's list."""
    return next(i for i in roadmap.walk_items() if i.items and len(i.items) > 2).items[1]


def _section(roadmap: Roadmap) -> Node:
    phase = next(p for p in roadmap.phases if len(p.sections) > 2)
    return phase.sections[1]


def _must(edit: Edit | None) -> Edit:
    assert edit is not None
    return edit


def structure_cases(roadmap: Roadmap) -> dict[str, Edit]:
    """One edit of each kind and direction, made from `roadmap` (as the store makes them)."""
    topic, inline, section = _topic(roadmap), _inline(roadmap), _section(roadmap)
    where, titles = place(topic.parent)  # type: ignore[arg-type]
    swhere, stitles = place(section.parent)  # type: ignore[arg-type]
    new_topic = ItemData("Transformers from scratch", False, items=(ItemData("Attention", False),))
    cases: dict[str, Edit] = {
        "add a topic": InsertEntry(where, titles, index=1, entry=new_topic),
        "remove a topic": RemoveEntry(*at(topic)),
        "move a topic up": _must(se.move_among(topic, -1)),
        "move a topic down": _must(se.move_among(topic, +1)),
        "move an item up": _must(se.move_among(inline, -1)),
        "move an item down": _must(se.move_among(inline, +1)),
        "indent a topic": _must(se.indent(topic)),
        "indent an item": _must(se.indent(inline)),
        "outdent an item": _must(se.outdent(inline)),
        "add a section": InsertNode(swhere, stitles, index=2, node=NodeData("A new section")),
        "add a part": InsertNode((), (), index=1, node=NodeData("A new part")),
        "remove a section": RemoveNode(*at(section)),
        "remove a part": RemoveNode(*at(roadmap.phases[1])),
        "move a section up": _must(se.move_among(section, -1)),
        "move a section down": _must(se.move_among(section, +1)),
        "move a part down": _must(se.move_among(roadmap.phases[0], +1)),
        "indent a section": _must(se.indent(section)),
        "outdent a section": _must(se.outdent(section)),
        "indent a part": _must(se.indent(roadmap.phases[1])),
    }
    return cases


NAMES = list(structure_cases(__import__("edit_cases").default_roadmap()))

Make = Callable[[], Roadmap]
__all__ = ["NAMES", "structure_cases", "Entry"]
