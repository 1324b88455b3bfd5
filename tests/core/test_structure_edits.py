"""Structure edits (`core/structure_edits.py`): each changes the model as said, and its inverse
gives the model back exactly (undo is built on this); the keys' edges make no edit."""

from __future__ import annotations

from typing import Any

import pytest
from edit_cases import default_roadmap, dump, imported_roadmap
from structure_cases import NAMES, structure_cases

from roadmap_tui.core import edits
from roadmap_tui.core import structure_edits as se
from roadmap_tui.core.outline import title_path
from roadmap_tui.core.progress import recount_all


@pytest.mark.parametrize("make", [default_roadmap, imported_roadmap], ids=["default", "imported"])
@pytest.mark.parametrize("name", NAMES)
def test_each_structure_edit_and_its_inverse_give_back_the_model_exactly(make: Any, name: str) -> None:
    roadmap = make()
    before = dump(roadmap)
    edit = structure_cases(roadmap)[name]
    applied = edits.apply(roadmap, edit)
    assert applied is not None and applied.applied and type(applied) is type(edit)
    changed = dump(roadmap)
    assert changed != before
    # the cached counts are what a recount from scratch gives
    recount_all(roadmap)
    assert dump(roadmap) == changed
    undone = edits.apply(roadmap, applied.inverse())
    assert undone is not None
    assert dump(roadmap) == before, name
    assert edits.apply(roadmap, undone.inverse()) is not None  # redo
    assert dump(roadmap) == changed, name


def test_a_moved_entry_keeps_its_md_and_children_and_a_moved_section_its_level() -> None:
    roadmap = imported_roadmap()
    topic = next(i for i in roadmap.walk_items() if i.items and i.md)
    md, children = topic.md, list(topic.items)
    edit = se.indent(topic) or se.move_among(topic, +1) or se.move_among(topic, -1)
    assert edit is not None and edits.apply(roadmap, edit) is not None
    assert topic.md == md and topic.items == children
    roadmap = default_roadmap()
    section = roadmap.phases[1].sections[2]
    assert edits.apply(roadmap, se.indent(section)) is not None  # type: ignore[arg-type]
    assert section.level == 4 and section.parent is roadmap.phases[1].sections[1]
    assert title_path(section)[:2] == [roadmap.phases[1].title, roadmap.phases[1].sections[1].title]


def test_the_edges_make_no_edit() -> None:
    roadmap = default_roadmap()
    first = roadmap.phases[0]
    assert se.move_among(first, -1) is None
    assert se.move_among(roadmap.phases[-1], +1) is None
    assert se.outdent(first) is None  # a part has no level above it
    assert se.indent(first) is None  # nothing above it to go into
    topic = first.sections[0].items[0]
    assert se.indent(topic) is None and se.outdent(topic) is None  # first; right under a heading
    assert se.indent(topic.items[0]) is None


def test_moving_an_entry_into_itself_is_refused() -> None:
    roadmap = default_roadmap()
    topic = roadmap.phases[0].sections[0].items[0]
    where, titles = se.place(topic)
    edit = se.MoveEntry(where, titles, to=(*where, "items", 0), to_titles=(*titles, topic.items[0].text))
    before = dump(roadmap)
    assert edits.apply(roadmap, edit) is None
    assert dump(roadmap) == before


def test_move_among_alike_passes_plain_items_in_the_tree() -> None:
    roadmap = default_roadmap()
    node = roadmap.phases[1].sections[0]
    # a plain item between two topics: the tree's K/J moves a topic past topics only
    edits.apply(roadmap, edits.InsertEntry(*se.place(node), index=1, entry=edits.ItemData("plain", False)))
    topic = node.items[2]
    edit = se.move_among(topic, -1, alike=True)
    assert edit is not None and edits.apply(roadmap, edit) is not None
    assert node.items[0] is topic


def test_indent_alike_goes_into_the_topic_above_past_plain_items() -> None:
    roadmap = default_roadmap()
    node = roadmap.phases[1].sections[0]
    edits.apply(roadmap, edits.InsertEntry(*se.place(node), index=1, entry=edits.ItemData("plain", False)))
    topic = node.items[2]  # Frameworks, after the plain item
    assert se.indent(topic) is not None and se.indent(topic).to_titles[-1] == "plain"  # type: ignore[union-attr]
    edit = se.indent(topic, alike=True)
    assert edit is not None and edit.to_titles[-1] == "Neural Networks"
