"""Structure editing in the app, pressed as a learner would: `a`/`A` add (the inline editor opens
on the new entry; Escape on it leaves no trace), `r` renames, `d` deletes with a toast, `K`/`J`
and alt+up/down move, `<`/`>` and alt+left/right outdent and indent, in the pane and the tree;
the screen and the file after each, and no key stops the app at an edge."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from helpers import screen_text

from roadmap_tui.core.model import Item, Node
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.widgets.item_list import ItemList
from roadmap_tui.tui.widgets.roadmap_tree import RoadmapTree


def main(app: RoadmapApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


def on_disk(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def deep_learning_topics(path: Path) -> list[str]:
    section = on_disk(path)["phases"][1]["sections"][0]
    assert section["title"] == "Deep Learning"
    return [item["text"] for item in section["items"]]


def row_texts(app: RoadmapApp) -> list[str]:
    return [row.label().plain for row in main(app).query_one(ItemList).rows]


def current_row(app: RoadmapApp) -> str:
    row = main(app).query_one(ItemList).current
    assert row is not None
    return row.label().plain


def notifications(app: RoadmapApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def saved(app: RoadmapApp, pilot: Any) -> None:
    await pilot.pause()
    assert app.store.flush(10)


async def to_entry(app: RoadmapApp, pilot: Any, entry: Item | Node) -> None:
    """The tree's cursor on `entry`, the tree focused."""
    screen = main(app)
    screen.tree.reveal(entry)
    screen.tree.focus()
    await pilot.pause()


def deep_learning(app: RoadmapApp) -> Node:
    node = main(app).roadmap.phases[1].sections[0]
    assert node.title == "Deep Learning"
    return node


async def test_the_issues_trial_add_a_topic_with_three_items_move_it_first_rename_and_delete(
    roadmap_path: Path,
) -> None:
    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await to_entry(app, pilot, deep_learning(app).items[0])  # Neural Networks, in the tree
        await pilot.press("a", *"Transformers from scratch", "enter")
        await saved(app, pilot)
        assert deep_learning_topics(roadmap_path) == [
            "Neural Networks", "Transformers from scratch", "Frameworks", "Advanced Architectures",
        ]
        assert current_row(app).endswith("Transformers from scratch")  # stays highlighted
        await pilot.press("A", *"Attention", "enter", "a", *"Positional encoding", "enter")
        await pilot.press("a", *"Training loop", "enter")
        await saved(app, pilot)
        topic = on_disk(roadmap_path)["phases"][1]["sections"][0]["items"][1]
        assert [i["text"] for i in topic["items"]] == ["Attention", "Positional encoding", "Training loop"]
        assert all(i["done"] is False for i in topic["items"])
        assert current_row(app).endswith("Training loop")
        screen = main(app)
        assert isinstance(screen.shown, Item) and screen.shown.text == "Transformers from scratch"
        # move it first, in the tree
        await pilot.press("tab")
        assert screen.tree.has_focus and screen.tree.current is screen.shown
        await pilot.press("K")
        await saved(app, pilot)
        assert deep_learning_topics(roadmap_path)[:2] == ["Transformers from scratch", "Neural Networks"]
        assert screen.tree.current is deep_learning(app).items[0]
        assert "Transformers from scratch" in screen_text(app)
        # rename one item, in the pane
        await pilot.press("tab")
        items = screen.query_one(ItemList)
        assert items.has_focus
        items.highlight_entry(deep_learning(app).items[0].items[1])
        await pilot.press("r", *"Positional encodings (sinusoidal)", "enter")
        await saved(app, pilot)
        texts = [i["text"] for i in on_disk(roadmap_path)["phases"][1]["sections"][0]["items"][0]["items"]]
        assert texts == ["Attention", "Positional encodings (sinusoidal)", "Training loop"]
        assert "Positional encodings (sinusoidal)" in screen_text(app)
        # delete one
        items.highlight_entry(deep_learning(app).items[0].items[2])
        await pilot.press("d")
        await saved(app, pilot)
        texts = [i["text"] for i in on_disk(roadmap_path)["phases"][1]["sections"][0]["items"][0]["items"]]
        assert texts == ["Attention", "Positional encodings (sinusoidal)"]
        assert "Deleted 'Training loop' — ctrl+z brings it back" in notifications(app)
        assert "Training loop" not in screen_text(app)
        assert app.is_running


async def test_escape_or_an_empty_enter_on_a_new_entry_leaves_no_trace(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await saved(app, pilot)
        before = roadmap_path.read_bytes()
        topic = deep_learning(app).items[0]
        await to_entry(app, pilot, topic)
        await pilot.press("tab")
        rows = row_texts(app)
        await pilot.press("a", *"nope", "escape", "A", "escape", "a", "enter")
        await saved(app, pilot)
        assert row_texts(app) == rows
        assert roadmap_path.read_bytes() == before
        assert app.store._seq == 0  # nothing recorded, nothing logged
        await to_entry(app, pilot, topic)
        await pilot.press("a", *"nope", "escape")  # from the tree too
        await saved(app, pilot)
        assert roadmap_path.read_bytes() == before and app.is_running


async def test_pane_keys_add_rename_move_indent_outdent_and_delete_items(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        topic = deep_learning(app).items[0]  # Neural Networks: Feedforward, Backprop, Activation, Resources
        await to_entry(app, pilot, topic)
        await pilot.press("tab")  # the first item highlighted

        def texts() -> list[str]:
            return [i["text"] for i in on_disk(roadmap_path)["phases"][1]["sections"][0]["items"][0]["items"]]

        await pilot.press("J")
        await saved(app, pilot)
        assert texts()[:2] == ["Backpropagation", "Feedforward networks"]
        assert current_row(app).endswith("Feedforward networks")  # the cursor goes with it
        await pilot.press("alt+up")
        await saved(app, pilot)
        assert texts()[:2] == ["Feedforward networks", "Backpropagation"]
        await pilot.press("down", ">")  # Backpropagation into Feedforward networks
        await saved(app, pilot)
        first = on_disk(roadmap_path)["phases"][1]["sections"][0]["items"][0]["items"][0]
        assert first["items"] == [{"text": "Backpropagation", "done": False}]
        assert "    [ ] Backpropagation" in row_texts(app)
        await pilot.press("<")  # and out again, right after it
        await saved(app, pilot)
        assert texts()[:2] == ["Feedforward networks", "Backpropagation"]
        assert "items" not in on_disk(roadmap_path)["phases"][1]["sections"][0]["items"][0]["items"][0]
        await pilot.press("r", *"Backprop _[which paper]_", "enter")
        await saved(app, pilot)
        assert texts()[1] == "Backprop _[which paper]_"  # placeholder syntax and all
        await pilot.press("e", *"Rumelhart 1986", "enter")  # e now fills the new blank
        await saved(app, pilot)
        item = on_disk(roadmap_path)["phases"][1]["sections"][0]["items"][0]["items"][1]
        assert item["text_fill"] == "Rumelhart 1986"
        assert app.store.roadmap.n_total == 76  # placeholders and counts right after it all
        await pilot.press("A", *"Chain rule again", "enter")
        await saved(app, pilot)
        item = on_disk(roadmap_path)["phases"][1]["sections"][0]["items"][0]["items"][1]
        assert item["items"] == [{"text": "Chain rule again", "done": False}]
        assert app.store.roadmap.n_total == 76  # Backprop is a parent now: its child counts instead
        assert current_row(app).endswith("Chain rule again")  # the new child, highlighted
        await pilot.press("delete")
        await saved(app, pilot)
        assert "items" not in on_disk(roadmap_path)["phases"][1]["sections"][0]["items"][0]["items"][1]
        assert current_row(app).endswith("Rumelhart 1986")
        await pilot.press("A", *"Again", "enter", "up", "d")
        await saved(app, pilot)
        assert texts() == ["Feedforward networks", "Activation functions", "Resources: _[e.g., Deep Learning Book, fast.ai]_"]
        assert "Deleted 'Backprop Rumelhart 1986' and 1 entry under it — ctrl+z brings it back" in notifications(app)
        assert app.store.roadmap.n_total == 75


def screen_items(app: RoadmapApp) -> ItemList:
    return main(app).query_one(ItemList)


async def test_tree_keys_move_and_delete_sections_and_parts_and_edges_stop_nothing(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = main(app)
        first = screen.roadmap.phases[0]
        await to_entry(app, pilot, first)
        await pilot.press("K", "alt+up", "<", "alt+left", ">")  # first part: up, out, in: nothing
        await saved(app, pilot)
        assert app.is_running and app.store._seq == 0
        assert any("is first already" in t for t in notifications(app))
        await pilot.press("J")  # Foundation Phase after Specialization Phase
        await saved(app, pilot)
        titles = [p["title"] for p in on_disk(roadmap_path)["phases"]]
        assert titles[:2] == ["Specialization Phase", "Foundation Phase"]
        assert screen.tree.current is first
        section = first.sections[1]  # Programming Foundations
        await to_entry(app, pilot, section)
        await pilot.press(">")  # into Mathematics & Statistics Foundations
        await saved(app, pilot)
        data = on_disk(roadmap_path)["phases"][1]["sections"][0]
        assert data["sections"][0]["title"] == "Programming Foundations"
        assert "[[phases.sections.sections]]" in roadmap_path.read_text(encoding="utf-8")
        await pilot.press("<")
        await saved(app, pilot)
        assert [s["title"] for s in on_disk(roadmap_path)["phases"][1]["sections"]][:2] == [
            "Mathematics & Statistics Foundations", "Programming Foundations",
        ]
        topic = section.items[0]  # Python for Data Science: a topic, first in its section
        await to_entry(app, pilot, topic)
        await pilot.press("K", ">", "<")  # first topic: nothing moves; never out of its section
        await saved(app, pilot)
        assert on_disk(roadmap_path)["phases"][1]["sections"][1]["items"][0]["text"] == "Python for Data Science"
        await to_entry(app, pilot, section)
        await pilot.press("d")
        await saved(app, pilot)
        assert "Programming Foundations" not in roadmap_path.read_text(encoding="utf-8")
        assert "Deleted 'Programming Foundations' and 10 entries under it — ctrl+z brings it back" in notifications(
            app
        )
        assert app.store.roadmap.n_total == 70
        assert screen.tree.current is first.sections[0]  # the one above it


async def test_tree_a_adds_a_section_and_A_a_part_and_r_renames_whole(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = main(app)
        await to_entry(app, pilot, deep_learning(app))
        await pilot.press("a", *"Reinforcement Learning", "enter")
        await saved(app, pilot)
        sections = on_disk(roadmap_path)["phases"][1]["sections"]
        assert sections[1] == {"title": "Reinforcement Learning"}
        assert current_row(app).endswith("Reinforcement Learning")
        area = screen.roadmap.phases[1].sections[2]
        assert area.title.startswith("Specialization Area 1: _[")
        await to_entry(app, pilot, area)
        await pilot.press("r", *"NLP _[which course]_", "enter")
        await saved(app, pilot)
        assert on_disk(roadmap_path)["phases"][1]["sections"][2]["title"] == "NLP _[which course]_"
        screen.tree.reveal(screen.roadmap)
        screen.tree.focus()
        await pilot.pause()
        await pilot.press("A", *"Capstone Phase", "enter")
        await saved(app, pilot)
        assert on_disk(roadmap_path)["phases"][-1] == {"title": "Capstone Phase"}
        assert "Capstone Phase" in screen_text(app)
