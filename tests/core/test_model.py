"""Progress rules, placeholders and navigation helpers of the UI-free model."""

from __future__ import annotations

import random

import pytest
from conftest import LA_PATH, REPO, TEMPLATE, child, get

from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.core.outline import find_by_titles, first_leaf, title_path
from roadmap_tui.core.placeholders import FillPart, apply_fill, fill_parts, has_placeholder, placeholder_hint
from roadmap_tui.core.progress import recount_all, toggle
from roadmap_tui.storage.schema import build_roadmap, parse_toml

DEFAULT = REPO / "data" / "default_roadmap.toml"



def load_default() -> Roadmap:
    return build_roadmap(parse_toml(DEFAULT.read_text(encoding="utf-8"), DEFAULT), DEFAULT)


def load_text(text: str) -> Roadmap:
    return build_roadmap(parse_toml(text, "test.toml"), "test.toml")


def counts(entry: Item | Node | Roadmap) -> tuple[int, int]:
    return entry.n_done, entry.n_total


@pytest.fixture
def roadmap() -> Roadmap:
    return load_default()


# Counting ---------------------------------------------------------------------------------


def test_default_roadmap_counts_0_of_76(roadmap: Roadmap) -> None:
    assert counts(roadmap) == (0, 76)
    per_phase = {phase.title: counts(phase) for phase in roadmap.phases}
    assert per_phase == {
        "Foundation Phase": (0, 27),
        "Specialization Phase": (0, 17),
        "Advanced Phase": (0, 17),
        "Career Preparation Phase": (0, 10),
        "Continuous Learning": (0, 5),
        "Resources Library": (0, 0),
    }


def _counted_lines_in_template() -> list[str]:
    """Independently of the model: template checkboxes without checkbox children, not Resources."""
    lines = TEMPLATE.read_text(encoding="utf-8").splitlines()
    counted = []
    for index, line in enumerate(lines):
        stripped = line.lstrip()
        if not stripped.startswith("- [ ] "):
            continue
        text = stripped[len("- [ ] ") :]
        indent = len(line) - len(stripped)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        has_children = following.lstrip().startswith("- [") and (
            len(following) - len(following.lstrip()) > indent
        )
        if not has_children and not text.lower().startswith("resources:"):
            counted.append(text)
    return counted


def test_counted_items_are_exactly_the_template_leaf_checkboxes(roadmap: Roadmap) -> None:
    expected = _counted_lines_in_template()
    assert len(expected) == 76
    assert [item.text for item in roadmap.walk_items() if item.is_counted] == expected


def test_what_counts() -> None:
    roadmap = load_text(
        """
schema = 1
title = "T"
[[phases]]
title = "P"
items = [
  { text = "leaf", done = false },
  { text = "Resources: books", done = false },
  { text = "  RESOURCES: shouting", done = false },
  { text = "plain bullet" },
  { text = "topic", done = false, items = [
      { text = "a", done = false },
      { text = "Resources: x", done = false },
  ] },
  { text = "only resources below", done = false, items = [ { text = "Resources: y", done = false } ] },
  { text = "only plain bullets below", done = false, items = [ { text = "note" } ] },
]
"""
    )
    phase = roadmap.phases[0]
    counted = {item.text: item.is_counted for item in phase.walk_items()}
    assert counted == {
        "leaf": True,
        "Resources: books": False,
        "  RESOURCES: shouting": False,
        "plain bullet": False,
        "topic": False,
        "a": True,
        "Resources: x": False,
        "only resources below": False,  # it has a checkbox child, so it is not a leaf
        "Resources: y": False,
        "only plain bullets below": True,  # plain bullets are not checkboxes
        "note": False,
    }
    assert counts(phase) == (0, 3)
    assert counts(roadmap) == (0, 3)


# Toggling ---------------------------------------------------------------------------------


def test_toggling_a_leaf_updates_every_ancestor(roadmap: Roadmap) -> None:
    phase = roadmap.phases[0]
    section = phase.sections[0]
    topic = get(roadmap, *LA_PATH)
    leaf = child(topic, "Matrix operations")
    other_phase = roadmap.phases[1]

    changed = toggle(leaf)

    assert changed == [leaf]
    assert leaf.done is True and leaf.checked
    assert counts(leaf) == (1, 1)
    assert counts(topic) == (1, 3)
    assert counts(section) == (1, 9)
    assert counts(phase) == (1, 27)
    assert counts(roadmap) == (1, 76)
    assert counts(other_phase) == (0, 17)
    assert not topic.checked

    assert toggle(leaf) == [leaf]
    assert leaf.done is False
    assert [counts(e) for e in (leaf, topic, section, phase, roadmap)] == [
        (0, 1),
        (0, 3),
        (0, 9),
        (0, 27),
        (0, 76),
    ]


def test_leaf_directly_under_a_section_counts_up(roadmap: Roadmap) -> None:
    section = get(roadmap, "Career Preparation Phase")
    item = section.sections[1].items[0]  # Interview Preparation: Resume tailoring
    assert item.text == "Resume tailoring"
    toggle(item)
    assert counts(section.sections[1]) == (1, 4)
    assert counts(section) == (1, 10)
    assert counts(roadmap) == (1, 76)


def test_topic_is_checked_exactly_when_all_counted_children_are(roadmap: Roadmap) -> None:
    topic = get(roadmap, *LA_PATH)
    leaves = [i for i in topic.items if i.is_counted]
    resources = child(topic, "Resources: _[e.g., 3Blue1Brown Linear Algebra, MIT OCW]_")
    assert len(leaves) == 3

    toggle(leaves[0])
    toggle(leaves[1])
    assert not topic.checked and topic.done is False

    changed = toggle(leaves[2])
    assert topic.checked
    assert resources.done is False  # the Resources row is not needed for the topic
    # The topic's stored flag follows what is shown, so the file says the same.
    assert topic.done is True and topic in changed

    changed = toggle(leaves[1])
    assert not topic.checked
    assert topic.done is False and topic in changed
    assert counts(topic) == (2, 3)


def test_toggling_a_topic_sets_all_its_counted_items(roadmap: Roadmap) -> None:
    topic = get(roadmap, *LA_PATH)
    leaves = [i for i in topic.items if i.is_counted]
    resources = topic.items[-1]
    assert resources.is_resource

    toggle(leaves[0])  # one already done: only the others change
    changed = toggle(topic)
    assert set(changed) == {leaves[1], leaves[2], topic}
    assert all(leaf.done for leaf in leaves)
    assert topic.checked and topic.done is True
    assert resources.done is False
    assert counts(topic) == (3, 3)
    assert counts(roadmap) == (3, 76)

    changed = toggle(topic)
    assert set(changed) == {*leaves, topic}
    assert not any(leaf.done for leaf in leaves)
    assert not topic.checked and topic.done is False
    assert resources.done is False
    assert counts(roadmap) == (0, 76)


def test_toggling_a_topic_leaves_a_checked_resources_row_alone(roadmap: Roadmap) -> None:
    topic = get(roadmap, *LA_PATH)
    resources = topic.items[-1]
    toggle(resources)
    toggle(topic)
    toggle(topic)
    assert resources.done is True
    assert counts(topic) == (0, 3)


def test_resources_rows_toggle_but_do_not_count(roadmap: Roadmap) -> None:
    topic = get(roadmap, *LA_PATH)
    resources = topic.items[-1]
    section = get(roadmap, "Specialization Phase", "Specialization Area 1: _[e.g., Natural Language Processing]_")
    section_resources = section.items[-1]
    assert section_resources.text.startswith("Resources:")

    assert toggle(resources) == [resources]
    assert toggle(section_resources) == [section_resources]
    assert resources.done is True and resources.checked
    assert section_resources.done is True
    assert counts(resources) == (0, 0)
    assert counts(topic) == (0, 3) and not topic.checked
    assert counts(section) == (0, 3)
    assert counts(roadmap) == (0, 76)

    assert toggle(resources) == [resources]
    assert resources.done is False


def test_plain_bullet_does_not_toggle(roadmap: Roadmap) -> None:
    entry = get(roadmap, "Resources Library").sections[0].items[0]
    assert entry.done is None
    assert toggle(entry) == []
    assert entry.done is None
    assert counts(roadmap) == (0, 76)


def test_stored_flag_of_a_topic_is_ignored_when_loading() -> None:
    roadmap = load_text(
        """
schema = 1
title = "T"
[[phases]]
title = "P"
items = [
  { text = "claims done", done = true, items = [ { text = "a", done = false } ] },
  { text = "claims not done", done = false, items = [ { text = "b", done = true } ] },
]
"""
    )
    claims_done, claims_not_done = roadmap.phases[0].items
    assert not claims_done.checked
    assert claims_not_done.checked
    assert counts(roadmap) == (1, 2)


def test_incremental_counts_match_a_full_recount(roadmap: Roadmap) -> None:
    rng = random.Random(1234)
    checkboxes = [item for item in roadmap.walk_items() if item.done is not None]
    for _ in range(300):
        toggle(rng.choice(checkboxes))
    snapshot = [counts(e) for e in (*roadmap.walk_nodes(), *roadmap.walk_items())] + [counts(roadmap)]
    recount_all(roadmap)
    assert [counts(e) for e in (*roadmap.walk_nodes(), *roadmap.walk_items())] + [counts(roadmap)] == snapshot
    # and every topic's checked state agrees with its counted items
    for item in roadmap.walk_items():
        if item.n_total and not item.is_counted:
            leaves = [i for i in item.walk() if i.is_counted]
            assert item.checked == all(leaf.done for leaf in leaves)
    assert roadmap.n_done == sum(1 for i in roadmap.walk_items() if i.is_counted and i.done)


NESTED = """
schema = 1
title = "T"
[[phases]]
title = "P"
[[phases.items]]
text = "outer"
done = false
[[phases.items.items]]
text = "inner"
done = false
items = [ { text = "c1", done = false }, { text = "c2", done = false } ]
"""


def test_nested_topics_check_through_every_level() -> None:
    roadmap = load_text(NESTED)
    outer = roadmap.phases[0].items[0]
    inner = outer.items[0]
    toggle(outer)
    assert [c.done for c in inner.items] == [True, True]
    assert inner.checked and outer.checked
    assert counts(roadmap) == (2, 2)


def test_nested_topic_stored_flag_follows_what_is_shown() -> None:
    roadmap = load_text(NESTED)
    outer = roadmap.phases[0].items[0]
    inner = outer.items[0]
    changed = toggle(outer)
    assert inner.checked
    assert inner.done is True
    assert inner in changed


# Placeholders -----------------------------------------------------------------------------


def test_placeholder_hint() -> None:
    assert placeholder_hint("Project 1: _[e.g., Exploratory data analysis]_") == "e.g., Exploratory data analysis"
    assert placeholder_hint("_[a]_ and _[b]_") == "a"
    assert placeholder_hint("Linear Algebra") is None
    assert placeholder_hint("[not] a _placeholder_") is None
    assert has_placeholder("x _[y]_") and not has_placeholder("x [y]")


def test_fill_parts_without_fill_show_the_hint() -> None:
    assert fill_parts("Project 1: _[e.g., EDA]_", "") == [
        FillPart("Project 1: ", "text"),
        FillPart("e.g., EDA", "hint"),
    ]
    assert fill_parts("_[List key books]_", "") == [FillPart("List key books", "hint")]
    assert fill_parts("Linear Algebra", "ignored") == [FillPart("Linear Algebra", "text")]
    assert fill_parts("", "") == []


def test_fill_parts_with_fill_replace_only_the_first_placeholder() -> None:
    assert fill_parts("Area 1: _[e.g., NLP]_ (_[when]_) done", "Speech") == [
        FillPart("Area 1: ", "text"),
        FillPart("Speech", "fill"),
        FillPart(" (", "text"),
        FillPart("when", "hint"),
        FillPart(") done", "text"),
    ]


def test_apply_fill() -> None:
    assert apply_fill("Project 1: _[e.g., EDA]_", "Titanic EDA") == "Project 1: Titanic EDA"
    assert apply_fill("Project 1: _[e.g., EDA]_", "") == "Project 1: _[e.g., EDA]_"
    assert apply_fill("_[a]_ then _[b]_", "A") == "A then _[b]_"
    assert apply_fill("no placeholder", "value") == "no placeholder"
    # the fill is inserted literally, not as a regex replacement template
    assert apply_fill("x _[y]_", r"\1 \g<0>") == r"x \1 \g<0>"


def test_display_text_and_title_use_the_fill(roadmap: Roadmap) -> None:
    section = get(roadmap, "Specialization Phase", "Specialization Area 1: _[e.g., Natural Language Processing]_")
    section.title_fill = "Speech"
    assert section.display_title == "Specialization Area 1: Speech"
    item = section.items[0]
    assert item.display_text == "Topic 1: _[e.g., Text preprocessing]_"
    item.text_fill = "Tokenizers"
    assert item.display_text == "Topic 1: Tokenizers"
    assert item.text == "Topic 1: _[e.g., Text preprocessing]_"  # the hint is kept


def test_editable_items(roadmap: Roadmap) -> None:
    topic = get(roadmap, *LA_PATH)
    assert not child(topic, "Matrix operations").editable
    assert topic.items[-1].editable  # Resources: _[...]_
    assert get(roadmap, "Resources Library").sections[0].items[0].editable  # plain bullet


# Navigation -------------------------------------------------------------------------------


def test_title_path_and_find_by_titles_round_trip(roadmap: Roadmap) -> None:
    entries: list[Item | Node] = [*roadmap.walk_nodes(), *(i for i in roadmap.walk_items() if i.items)]
    assert len(entries) > 40
    for entry in entries:
        path = title_path(entry)
        assert find_by_titles(roadmap, path) is entry, path
    assert title_path(get(roadmap, *LA_PATH)) == LA_PATH


def test_title_path_uses_the_stored_title_not_the_fill(roadmap: Roadmap) -> None:
    section = roadmap.phases[1].sections[1]
    section.title_fill = "Speech"
    path = title_path(section)
    assert path == ["Specialization Phase", "Specialization Area 1: _[e.g., Natural Language Processing]_"]
    assert find_by_titles(roadmap, path) is section


def test_find_by_titles_misses(roadmap: Roadmap) -> None:
    assert find_by_titles(roadmap, []) is None
    assert find_by_titles(roadmap, ["No Such Phase"]) is None
    assert find_by_titles(roadmap, [*LA_PATH[:2], "Gone"]) is None
    # a leaf item is not a tree entry
    assert find_by_titles(roadmap, [*LA_PATH, "Matrix operations"]) is None


def test_first_leaf_is_linear_algebra(roadmap: Roadmap) -> None:
    leaf = first_leaf(roadmap)
    assert isinstance(leaf, Item)
    assert leaf.text == "Linear Algebra"
    assert title_path(leaf) == LA_PATH


def test_first_leaf_of_other_shapes() -> None:
    flat = load_text('schema = 1\ntitle = "T"\n[[phases]]\ntitle = "Only"\nitems = [ { text = "a", done = false } ]\n')
    assert first_leaf(flat) is flat.phases[0]
    empty_first = load_text(
        'schema = 1\ntitle = "T"\n[[phases]]\ntitle = "Empty"\n'
        '[[phases]]\ntitle = "Second"\nitems = [ { text = "a", done = false } ]\n'
    )
    assert first_leaf(empty_first) is empty_first.phases[1]
    assert first_leaf(load_text('schema = 1\ntitle = "T"\n')) is None

