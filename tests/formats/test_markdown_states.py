"""Markdown export of item states: done is `[x]`, todo, doing and skipped are `[ ]`.

A topic is `[x]` when all its items that are not skipped are done (and one is); a topic whose
items are all skipped is `[ ]`. An imported file keeps every mark whose state did not change.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from roadmap_tui.core.model import Item, Roadmap
from roadmap_tui.core.progress import recount_all
from roadmap_tui.core.states import DOING, SKIPPED
from roadmap_tui.formats.markdown_export import to_markdown
from roadmap_tui.formats.markdown_import import import_markdown
from roadmap_tui.storage.schema import build_roadmap, parse_toml


def imported(source: str) -> Roadmap:
    result = import_markdown(source.encode("utf-8"), Path("plan.md"))
    roadmap = build_roadmap(tomllib.loads(result.toml_text), "plan.md")
    assert to_markdown(roadmap) == source
    return roadmap


def set_states(roadmap: Roadmap, **states: str) -> None:
    """Give items (by text) a state: "done", "doing", "skipped" or "todo"; then recount."""
    by_text = {item.text: item for item in roadmap.walk_items()}
    for text, state in states.items():
        item: Item = by_text[text]
        item.done = state == "done"
        item.state = state if state in (DOING, SKIPPED) else ""
    recount_all(roadmap)


TOML = (
    'schema = 1\ntitle = "T"\n[[phases]]\ntitle = "P"\n'
    'items = [ { text = "topic", done = false, items = [ { text = "a", done = false },'
    ' { text = "b", done = false }, { text = "c", done = false } ] },'
    ' { text = "lone", done = false } ]\n'
)


def template_roadmap() -> Roadmap:
    return build_roadmap(parse_toml(TOML, "t.toml"), "t.toml")


def test_only_done_is_checked_in_the_template_export() -> None:
    roadmap = template_roadmap()
    set_states(roadmap, a="done", b="doing", c="skipped", lone="doing")
    assert to_markdown(roadmap) == "# T\n\n## P\n\n- [ ] topic\n  - [x] a\n  - [ ] b\n  - [ ] c\n\n- [ ] lone\n"


def test_a_topic_is_checked_when_its_items_not_skipped_are_done() -> None:
    roadmap = template_roadmap()
    set_states(roadmap, a="done", b="done", c="skipped", lone="skipped")
    assert to_markdown(roadmap) == "# T\n\n## P\n\n- [x] topic\n  - [x] a\n  - [x] b\n  - [ ] c\n\n- [ ] lone\n"


def test_a_topic_of_skipped_items_is_not_checked() -> None:
    roadmap = template_roadmap()
    set_states(roadmap, a="skipped", b="skipped", c="skipped")
    assert to_markdown(roadmap) == "# T\n\n## P\n\n- [ ] topic\n  - [ ] a\n  - [ ] b\n  - [ ] c\n\n- [ ] lone\n"


SOURCE = "## P\n- [ ] topic\n  - [x] a\n  - [X] b\n  - [ ] c\n- [ ] lone\n"


def test_doing_and_skipped_leave_imported_marks_as_they_are() -> None:
    roadmap = imported(SOURCE)
    set_states(roadmap, c="doing", lone="skipped")
    assert to_markdown(roadmap) == SOURCE
    set_states(roadmap, c="todo", lone="doing")
    assert to_markdown(roadmap) == SOURCE


def test_skipping_the_last_open_item_of_an_imported_topic_checks_it() -> None:
    roadmap = imported(SOURCE)
    set_states(roadmap, c="skipped")
    assert to_markdown(roadmap) == SOURCE.replace("[ ] topic", "[x] topic")


def test_an_imported_topic_checked_in_the_source_stays_as_written_with_a_skipped_item() -> None:
    source = "## P\n- [X] topic\n  - [x] a\n  - [x] b\n"
    roadmap = imported(source)
    set_states(roadmap, b="skipped")  # still complete: a done, b skipped
    assert to_markdown(roadmap) == source.replace("  - [x] b", "  - [ ] b")


def test_an_imported_topic_whose_items_are_all_skipped_is_unchecked() -> None:
    source = "## P\n- [x] topic\n  - [x] a\n  - [x] b\n"
    roadmap = imported(source)
    set_states(roadmap, a="skipped", b="skipped")
    assert to_markdown(roadmap) == "## P\n- [ ] topic\n  - [ ] a\n  - [ ] b\n"
