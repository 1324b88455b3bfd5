"""The command palette (Ctrl+P) searches everything: phases, sections, topics, items, the
learner's filled-in text. Each hit shows the entry's own text, where it is and its progress, never
the file's `_[...]_` or link Markdown; choosing an item puts the pane's cursor on its row."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomlkit
from conftest import REPO
from helpers import Spy, hostile_document, screen_text

from benchmarks.generate import generate
from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.storage.schema import SCHEMA, build_roadmap
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.palette import hit_content, own_content
from roadmap_tui.tui.palette_search import HIT_LIMIT, SearchIndex
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.widgets.item_list import ItemList
from roadmap_tui.tui.widgets.item_row import Field
from roadmap_tui.tui.widgets.labels import plain_text
from roadmap_tui.tui.widgets.roadmap_tree import RoadmapTree

LINK_ITEM = "Watch [CS50 (video)](https://cs50.harvard.edu/x/) lectures"
BOLD = "[bold]x[/] alpha"
CLICK = "[@click=app.quit]y[/] beta"
HOSTILE_TOPIC = "[@click=app.quit]t[/] topic"
DEFAULT_TOML = (REPO / "data" / "default_roadmap.toml").read_text(encoding="utf-8")


def on_disk(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def hits(app: RoadmapApp) -> list[str]:
    """The palette's hits, each as its plain text (lines joined by newlines)."""
    from textual.command import CommandList, CommandPalette

    palette = app.screen
    assert isinstance(palette, CommandPalette)
    options = palette.query_one(CommandList)
    found = []
    for index in range(options.option_count):
        prompt = options.get_option_at_index(index).prompt
        found.append(getattr(prompt, "plain", str(prompt)))
    return found


def main(app: RoadmapApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


def highlighted_row(app: RoadmapApp):  # type: ignore[no-untyped-def]
    items = main(app).pane.items
    assert items.current is not None
    return items.current.spec


async def search(pilot, query: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p", *query)
    await pilot.pause(0.5)


def document(items: list[dict], title: str = "Section") -> dict:
    return {
        "schema": SCHEMA,
        "title": "Test roadmap",
        "phases": [
            {
                "title": "First part",
                "sections": [
                    {"title": title, "items": [{"text": "A topic", "done": False, "items": items}]},
                ],
            },
            {"title": "Second part", "items": [{"text": "Something else", "done": False}]},
        ],
    }


@pytest.fixture
def crafted(tmp_path: Path) -> Path:
    """A roadmap with a link item, hostile markup in items and in a topic above them."""
    path = tmp_path / "roadmap.toml"
    doc = document([{"text": LINK_ITEM, "done": False}, {"text": "Plain one", "done": True}])
    doc["phases"][0]["sections"][0]["items"].append(
        {"text": HOSTILE_TOPIC, "done": False, "items": [{"text": BOLD, "done": False}, {"text": CLICK, "done": False}]}
    )
    path.write_text(tomlkit.dumps(doc), encoding="utf-8")
    return path


# Items ---------------------------------------------------------------------------------------


async def test_an_items_text_finds_it_and_choosing_it_puts_the_pane_cursor_on_it(default_copy: Path) -> None:
    app = RoadmapApp(path=default_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await search(pilot, "chain rule")
        found = hits(app)
        assert found, "the item is found"
        first = found[0]
        assert first.startswith("Chain rule"), found
        assert "Calculus" in first and "Mathematics & Statistics Foundations" in first  # where it is
        assert "not done" in first
        await pilot.press("enter")
        await pilot.pause()
        screen = main(app)
        shown = screen.shown
        assert isinstance(shown, Item) and shown.text == "Calculus"
        assert screen.query_one(RoadmapTree).current is shown, "the tree is on its topic"
        assert isinstance(app.focused, ItemList), "the focus is in the pane"
        spec = highlighted_row(app)
        assert spec.kind == "item" and isinstance(spec.entry, Item) and spec.entry.text == "Chain rule"
        await pilot.press("space")
        await pilot.pause()
        app.store.flush(5)
    calculus = on_disk(default_copy)["phases"][0]["sections"][0]["items"][1]
    assert [i["done"] for i in calculus["items"]] == [False, True, False, False]


async def test_a_plain_library_entry_is_found_by_its_hint(default_copy: Path) -> None:
    app = RoadmapApp(path=default_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await search(pilot, "list key books")
        found = hits(app)
        assert found and found[0].startswith("List key books"), found
        assert "Books" in found[0] and "Resources Library" in found[0]
        await pilot.press("enter")
        await pilot.pause()
        spec = highlighted_row(app)
        assert isinstance(spec.entry, Item) and spec.entry.text == "_[List key books]_"
        assert isinstance(main(app).shown, Node) and main(app).shown.title == "Books"


# The learner's filled-in text ----------------------------------------------------------------


def fill(path: Path, before: str, after: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert before in text
    path.write_text(text.replace(before, after, 1), encoding="utf-8")


async def test_a_filled_duration_finds_its_phase(default_copy: Path) -> None:
    duration = 'duration = "_[e.g., 2-3 months]_"'
    fill(default_copy, duration, duration + '\nduration_fill = "10 weeks"')
    app = RoadmapApp(path=default_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await search(pilot, "10 weeks")
        found = hits(app)
        assert found and "10 weeks" in found[0] and "Foundation Phase" in found[0], found
        assert "e.g., 2-3 months" not in found[0]
        await pilot.press("enter")
        await pilot.pause()
        shown = main(app).shown
        assert isinstance(shown, Node) and shown.title == "Foundation Phase"
        spec = highlighted_row(app)
        assert spec.kind == "field" and spec.field is Field.DURATION


async def test_a_filled_resources_line_finds_its_row(default_copy: Path) -> None:
    line = '{ text = "Resources: _[e.g., 3Blue1Brown Linear Algebra, MIT OCW]_", done = false'
    fill(default_copy, line + " }", line + ', text_fill = "Strang lectures" }')
    app = RoadmapApp(path=default_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await search(pilot, "strang")
        found = hits(app)
        assert found and found[0].startswith("Resources: Strang lectures"), found
        assert "3Blue1Brown" not in found[0]
        await pilot.press("enter")
        await pilot.pause()
        spec = highlighted_row(app)
        assert isinstance(spec.entry, Item) and spec.entry.text_fill == "Strang lectures"
        assert isinstance(app.focused, ItemList)


async def test_a_filled_title_finds_its_node(default_copy: Path) -> None:
    fill(
        default_copy,
        'title = "Specialization Area 1: _[e.g., Natural Language Processing]_"',
        'title = "Specialization Area 1: _[e.g., Natural Language Processing]_"\ntitle_fill = "Robotics"',
    )
    app = RoadmapApp(path=default_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await search(pilot, "robotics")
        found = hits(app)
        assert found and found[0].startswith("Specialization Area 1: Robotics"), found
        await pilot.press("enter")
        await pilot.pause()
        shown = main(app).shown
        assert isinstance(shown, Node) and shown.title_fill == "Robotics"
        assert main(app).query_one(RoadmapTree).current is shown


# Markdown and hostile text -------------------------------------------------------------------


async def test_a_link_items_text_is_searchable_and_shown_without_markdown(crafted: Path) -> None:
    app = RoadmapApp(path=crafted)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await search(pilot, "cs50 video")
        found = hits(app)
        assert found and found[0].startswith("Watch CS50 (video) lectures"), found
        assert "](http" not in found[0] and "[CS50" not in found[0]
        assert "Watch CS50 (video) lectures" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        spec = highlighted_row(app)
        assert isinstance(spec.entry, Item) and spec.entry.text == LINK_ITEM


@pytest.mark.parametrize("text, query", [(BOLD, "alpha"), (CLICK, "beta")])
async def test_hostile_text_is_shown_literally_in_a_hit_and_choosing_it_runs_nothing(
    crafted: Path, text: str, query: str
) -> None:
    app = RoadmapApp(path=crafted)
    async with app.run_test(size=(100, 30)) as pilot:
        spy = Spy(app)
        await pilot.pause()
        await search(pilot, query)
        found = hits(app)
        assert found and found[0].startswith(text), found
        assert HOSTILE_TOPIC in found[0], "the breadcrumb is literal too"
        assert text in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and app.return_code is None
        spec = highlighted_row(app)
        assert isinstance(spec.entry, Item) and spec.entry.text == text
        spy.check()


async def test_no_hit_shows_placeholder_or_link_syntax(crafted: Path, default_copy: Path) -> None:
    for path, query in [(default_copy, "resources"), (default_copy, "e.g."), (crafted, "e")]:
        app = RoadmapApp(path=path)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            await search(pilot, query)
            found = hits(app)
            assert len(found) > 3, (query, found)
            assert any(line.startswith("Resources: ") for line in found) or path == crafted, found
            for line in found:
                assert "_[" not in line and "](http" not in line, line
            text = screen_text(app)
            assert "_[" not in text and "](http" not in text


# Discovery, Textual's own commands -----------------------------------------------------------


async def test_the_empty_palette_offers_the_overview_and_the_parts(default_copy: Path) -> None:
    app = RoadmapApp(path=default_copy)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        found = hits(app)
        first_lines = [line.split("\n")[0] for line in found]
        assert any(line.startswith("AI/ML Learning Roadmap") for line in first_lines), found
        for phase in ["Foundation Phase", "Specialization Phase", "Resources Library"]:
            assert any(line.startswith(phase) for line in first_lines), (phase, found)
        overview = next(i for i, line in enumerate(first_lines) if line.startswith("AI/ML Learning Roadmap"))
        for _ in range(overview):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(main(app).shown, Roadmap), "the tree's first row: the whole roadmap"


async def test_textual_commands_and_tree_titles_still_rank_first(default_copy: Path) -> None:
    app = RoadmapApp(path=default_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await search(pilot, "theme")
        assert any(line.startswith("Theme") for line in hits(app)), hits(app)
        await pilot.press("escape")
        await pilot.pause()
        await search(pilot, "linear algebra")
        found = hits(app)
        assert found[0].startswith("Linear Algebra"), found
        assert "0/3 done" in found[0]
        await pilot.press("enter")
        await pilot.pause()
        shown = main(app).shown
        assert isinstance(shown, Item) and shown.text == "Linear Algebra"


# The index itself ----------------------------------------------------------------------------


def test_the_index_matches_what_the_learner_reads() -> None:
    roadmap = build_roadmap(tomllib.loads(tomlkit.dumps(document([{"text": LINK_ITEM, "done": False}]))), "t")
    index = SearchIndex(roadmap)
    texts = {match.text for match in index.find("cs50 video")}
    assert "Watch CS50 (video) lectures" in texts
    assert index.find("https") == [], "a link's address is not searched: the learner does not read it"


@pytest.mark.parametrize("make", [hostile_document, lambda: tomllib.loads(DEFAULT_TOML)])
def test_every_entry_is_indexed_by_its_plain_text_and_shown_as_it(make) -> None:  # type: ignore[no-untyped-def]
    roadmap = build_roadmap(make(), "t")
    index = SearchIndex(roadmap)
    entries = [*roadmap.walk_nodes(), *roadmap.walk_items()]
    own = {id(t.entry): t for t in index.entries if t.field is None}
    assert len(own) == len(entries) + 1  # and the roadmap itself
    for entry in entries:
        target = own[id(entry)]
        assert target.text == plain_text(entry)
        assert own_content(target).plain == target.text, "so the matched letters are the ones underlined"
        shown = hit_content(target, tuple(range(len(target.text))), 60)
        assert shown.plain.split("\n")[0].startswith(target.text[:20])
        assert "_[" not in shown.plain and "](http" not in shown.plain
    fields = [t for t in index.entries if t.field]
    assert fields and all(t.text.startswith("Duration: ") for t in fields)
    for target in fields:
        assert own_content(target).plain == target.text
        assert "_[" not in hit_content(target, (), 60).plain


def test_a_big_roadmap_gives_a_capped_ranked_list() -> None:
    roadmap = build_roadmap(tomllib.loads(generate(5_000)), "big")
    index = SearchIndex(roadmap)
    many = index.find("e")
    assert len(many) == HIT_LIMIT
    scores = [match.score for match in many]
    assert scores == sorted(scores, reverse=True)
    item = next(i for i in roadmap.walk_items() if not i.items and i.done is not None)
    exact = index.find(plain_text(item).lower())
    assert exact and exact[0].entry is item, "an exact text ranks first"
    found = index.find("gradient descent")
    whole = [m for m in found if "gradient descent" in m.text.lower()]
    assert whole and found[: len(whole)] == whole, "the query as it is ranks above its letters apart"
    assert all("gradient" in m.text.lower() and "descent" in m.text.lower() for m in found[len(whole) : len(whole) + 3])
