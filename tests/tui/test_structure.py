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
