"""The widgets' own logic that keeps keypresses cheap: a lazily built tree, rows laid out by the
list, a breadcrumb of one line, a footer that changes only with its keys."""

from __future__ import annotations

import tomllib
from pathlib import Path

from conftest import LA_PATH, get

from benchmarks.generate import generate
from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.core.outline import tree_children
from roadmap_tui.core.progress import recount
from roadmap_tui.storage.schema import build_roadmap
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.widgets.item_row import Row, RowSpec
from roadmap_tui.tui.widgets.key_footer import KeyFooter
from roadmap_tui.tui.widgets.topic_pane import breadcrumb

DEFAULT = Path(__file__).resolve().parents[2] / "data" / "default_roadmap.toml"


def default_roadmap() -> Roadmap:
    return build_roadmap(tomllib.loads(DEFAULT.read_text(encoding="utf-8")), DEFAULT)


def test_breadcrumb_starts_at_the_roadmap_and_keeps_the_part_when_it_must_shorten() -> None:
    roadmap = default_roadmap()
    linear_algebra = get(roadmap, *LA_PATH)
    full = "AI/ML Learning Roadmap › Foundation Phase › Mathematics & Statistics Foundations"
    assert breadcrumb(linear_algebra, 200).plain == full
    assert breadcrumb(linear_algebra, 0).plain == full  # not laid out yet: all of it
    assert breadcrumb(linear_algebra, 60).plain == "Foundation Phase › Mathematics & Statistics Foundations"
    neural = get(roadmap, "Specialization Phase", "Deep Learning", "Neural Networks")
    assert breadcrumb(neural, 200).plain == "AI/ML Learning Roadmap › Specialization Phase › Deep Learning"
    assert breadcrumb(neural, 40).plain == "Specialization Phase › Deep Learning"
    tiny = breadcrumb(linear_algebra, 12).plain
    assert len(tiny) <= 12 and tiny.startswith("Foundation") and tiny.endswith("…")
    assert breadcrumb(roadmap.phases[0], 200).plain == "AI/ML Learning Roadmap"


def test_breadcrumb_elides_the_middle_steps_first() -> None:
    from roadmap_tui.core.model import Node, Roadmap

    leaf = Node(title="Leaf", level=5)
    roadmap = Roadmap(title="R", phases=[Node(title="Part", level=2, sections=[
        Node(title="Middle one", level=3, sections=[Node(title="Middle two", level=4, sections=[leaf])])])])
    roadmap.link()
    item = Item(text="x", done=False)
    leaf.items = [item]
    roadmap.link()
    assert breadcrumb(item, 200).plain == "R › Part › Middle one › Middle two › Leaf"
    assert breadcrumb(item, 30).plain == "Part › … › Middle two › Leaf"
    assert breadcrumb(item, 20).plain == "Part › … › Leaf"


def test_a_row_wraps_under_its_text_with_the_progress_on_its_first_line() -> None:
    topic = Item(text="A topic whose title is long enough to wrap in a narrow list", done=False)
    topic.items = [Item(text="one", done=True, parent=topic), Item(text="two", done=False, parent=topic)]
    for child in topic.items:
        recount(child)
    recount(topic)
    lines = Row(RowSpec("item", topic, depth=1)).lines(40)
    assert len(lines) > 1
    assert all(line.cell_length <= 40 for line in lines)
    assert lines[0].plain.startswith("    [▸] A topic")  # one of two done: the topic is in progress
    assert "1/2" in lines[0].plain and "1/2" not in "".join(line.plain for line in lines[1:])
    mark_width = len("    [ ] ")
    assert all(line.plain[:mark_width].strip() == "" for line in lines[1:])  # under its own text
    summary = Row(RowSpec("summary", topic)).lines(30)
    assert len(summary) == 1 and "…" in summary[0].plain  # a summary is one line, cut


async def test_the_tree_makes_nodes_only_where_it_has_been_opened(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_text(generate(1_000), encoding="utf-8")
    app = RoadmapApp(path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        tree = screen.tree
        roadmap = screen.roadmap
        every_entry = []
        stack: list[Item | Node] = list(roadmap.phases)
        while stack:
            entry = stack.pop()
            every_entry.append(entry)
            stack.extend(tree_children(entry))
        made = len(tree._entry_nodes)
        assert made < len(every_entry) / 2, (made, len(every_entry))
        # Any entry can be reached (the command palette goes anywhere): the way to it is made.
        deepest = max(every_entry, key=lambda e: len(list(_ancestry(e))))
        screen.go_to(deepest)
        await pilot.pause()
        assert tree.current is deepest and screen.shown is deepest
        # Opening a closed node with a key shows its children.
        last_phase = next(n for n in reversed(tree.root.children) if n.allow_expand and not n.is_expanded)
        tree.move_cursor(last_phase, animate=False)
        tree.focus()
        await pilot.press("right")
        await pilot.pause()
        assert last_phase.is_expanded
        assert [node.data for node in last_phase.children] == tree_children(last_phase.data)
        assert tree.last_line >= last_phase.line + len(last_phase.children)


async def test_the_footer_shows_the_keys_of_the_highlighted_row(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        await pilot.press("tab")  # the list, on Vectors and matrices: a checkbox, no blank
        descriptions = [description for _, _, description, _ in footer.current_keys()]
        assert "Toggle" in descriptions and "Edit" not in descriptions
        await pilot.press("end")  # the Resources line has a blank to fill
        await pilot.pause()
        descriptions = [description for _, _, description, _ in footer._keys]
        assert "Edit" in descriptions
        assert "Edit" in footer.render().plain


def _ancestry(entry: Item | Node):  # type: ignore[no-untyped-def]
    current = entry.parent
    while isinstance(current, (Item, Node)):
        yield current
        current = current.parent
