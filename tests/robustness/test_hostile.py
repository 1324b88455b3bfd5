"""Hostile text in a roadmap file is data: shown literally, never run, never sent to the terminal.

A roadmap whose titles, items, resources, placeholder hints and fills hold Textual markup
(`[bold red]`, `[@click=app.quit]`, `[link=file:///etc/passwd]`), ANSI and OSC escapes (clear
screen, an OSC 52 clipboard write), other C0/C1 controls, a bidi override, a 10,000-character
line, emoji and wide CJK text. The app (at 80x24 and 160x50) must show each string as the
visible form `safe_text.visible()` gives, fire no action and write no clipboard whatever is clicked
or pressed, keep running, and toggle and save as usual; export to Markdown must hold the strings
exactly, and importing that export must give them back.
"""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

import pytest
import tomlkit
from helpers import (
    CONTROLS,
    ESCAPES,
    FILL,
    ITEMS,
    LONG,
    MARKUP,
    PHASE,
    RAW,
    SECTION,
    TITLE,
    TOPIC,
    WIDE,
    Spy,
    hostile_document,
    screen_strips,
    screen_text,
)

from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.formats.markdown_export import to_markdown
from roadmap_tui.safe_text import visible
from roadmap_tui.storage.schema import build_roadmap, parse_toml
from roadmap_tui.storage.store import RoadmapStore
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.screens.help import HelpScreen
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.widgets.item_list import ItemList


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "roadmap.toml"
    path.write_text(tomlkit.dumps(hostile_document()), encoding="utf-8")
    return path


def all_strings() -> list[str]:
    return [TITLE, PHASE, SECTION, TOPIC, *ITEMS, FILL, LONG, "漢字 section 🚀", "\u202eRTL phase"]


def check_screen(app: RoadmapApp, size: tuple[int, int]) -> str:
    """The screen: whole lines of the terminal's width, no raw control character, no link, no
    click action but the app's own."""
    strips = screen_strips(app)
    assert len(strips) == size[1]
    for strip in strips:
        assert strip.cell_length == size[0]
        for segment in strip:
            style = segment.style
            if style is not None:
                assert not style.link, f"a link on screen: {style.link!r} over {segment.text!r}"
                click = (style.meta or {}).get("@click")
                assert click is None or "quit" not in str(click) or segment.text.strip() in ("q", "Quit"), click
    text = "\n".join(strip.text for strip in strips)
    for raw in RAW:
        assert raw not in text, f"{raw!r} reached the screen"
    return text


def shown(app: RoadmapApp) -> Item | Node | None:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen.shown


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
async def test_hostile_text_is_shown_literally_and_runs_nothing(hostile: Path, size: tuple[int, int]) -> None:
    app = RoadmapApp(path=hostile)
    async with app.run_test(size=size) as pilot:
        spy = Spy(app)
        await pilot.pause()
        entry = shown(app)
        assert isinstance(entry, Item) and entry.text == TOPIC  # the first topic, its items in the pane
        text = check_screen(app, size)
        assert visible(TITLE) in text  # the header
        assert TOPIC in text if size[0] > 80 else TOPIC[:30] in text  # the pane's title (cut at 80)
        for item in ITEMS[:7]:  # the rows (the Resources lines show their hint or fill)
            assert visible(item) in text, visible(item)
        assert "✎ [bold red]hint[/]" in text  # a hint, dimmed, literally
        assert "Resources: [@click=app.quit]fill[/]" in text  # the learner's value, literally
        assert "\\x1b[2J" in text.split("fill[/]", 1)[1]  # (at 80 columns, on the next line)
        # Click every row of the list (this topic's hostile items), then every line of the tree.
        screen = app.screen
        assert isinstance(screen, MainScreen)
        items = screen.pane.items
        assert len([row for row in items.rows if row.spec.kind == "item"]) == len(ITEMS)
        for index in range(len(ITEMS)):  # on the text (a click toggles the row)
            await pilot.click(items, offset=(8, items.row_y(index)))
        assert shown(app) is entry
        for line in range(screen.tree.last_line + 1):
            await pilot.click(screen.tree, offset=(10, line + 1))
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        check_screen(app, size)
        spy.check()
        assert app.is_running

        # Keys: down the tree through every node (the clicks closed some), the pane following.
        screen.tree.root.expand_all()
        screen.tree.focus()
        await pilot.press("home")
        seen = [shown(app)]
        for _ in range(screen.tree.last_line):
            await pilot.press("j")
            await pilot.pause()
            check_screen(app, size)
            seen.append(shown(app))
        titles = [getattr(e, "title", None) for e in seen]
        assert titles == [TITLE, PHASE, SECTION, TOPIC, "Long line", "漢字 section 🚀", "\u202eRTL phase"]
        spy.check()
        assert app.is_running


async def test_toggling_and_filling_hostile_entries_saves_them_exactly(hostile: Path) -> None:
    app = RoadmapApp(path=hostile)
    async with app.run_test(size=(100, 30)) as pilot:
        spy = Spy(app)
        await pilot.pause()
        await pilot.press("tab")
        assert isinstance(app.focused, ItemList)
        for _ in range(len(ITEMS)):  # check every item
            await pilot.press("space", "j")
        await pilot.pause()
        app.store.flush(10)
        spy.check()
        assert app.is_running
        data = tomllib.loads(hostile.read_text(encoding="utf-8"))
        topic = data["phases"][0]["sections"][0]["items"][0]
        assert topic["text"] == TOPIC and topic["done"] is True
        assert [i["text"] for i in topic["items"]] == ITEMS  # every string as it was
        assert all(i["done"] for i in topic["items"])
        assert topic["items"][-1]["text_fill"] == FILL
        check_screen(app, (100, 30))
        # Editing the filled Resources line shows its value with visible escapes, never raw.
        await pilot.press("k", "e")
        await pilot.pause()
        assert visible(FILL) in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        check_screen(app, (100, 30))
        spy.check()


async def test_help_and_palette_with_hostile_titles(hostile: Path) -> None:
    app = RoadmapApp(path=hostile)
    async with app.run_test(size=(100, 30)) as pilot:
        spy = Spy(app)
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        check_screen(app, (100, 30))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"section")
        await pilot.pause(0.5)
        text = check_screen(app, (100, 30))
        assert SECTION in text  # the palette lists the title literally
        await pilot.press("ctrl+u", *"rtl")
        await pilot.pause(0.5)
        text = check_screen(app, (100, 30))
        assert visible("\u202eRTL phase") in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        entry = shown(app)
        assert isinstance(entry, Node) and entry.title == "\u202eRTL phase"
        check_screen(app, (100, 30))
        spy.check()
        assert app.is_running


def test_visible_keeps_wide_text_and_escapes_controls() -> None:
    assert visible(WIDE) == WIDE
    assert visible(LONG) == LONG
    assert visible("\x1b[2J") == "\\x1b[2J"
    assert visible("\x1b]52;c;aGk=\x07") == "\\x1b]52;c;aGk=\\x07"
    assert visible("\x07\x08\x9b") == "\\x07\\x08\\x9b"
    assert visible("\u202eabc") == "\\u202eabc"
    for markup in MARKUP:
        assert visible(markup) == markup  # markup is not a control: shown as typed


def loaded(path: Path) -> Roadmap:
    return RoadmapStore(path).load(create=False)


def test_export_holds_every_string_exactly(hostile: Path) -> None:
    markdown = to_markdown(loaded(hostile))
    for string in all_strings():
        if string is FILL:  # a filled placeholder exports its value in place of the hint
            assert "Resources: " + FILL in markdown
        elif string != ITEMS[-1]:
            assert string in markdown, repr(string[:40])
    for string in ESCAPES + CONTROLS:
        assert string in markdown  # exported as they are (the CLI escapes them for a terminal)


@pytest.mark.skipif(
    importlib.util.find_spec("roadmap_tui.formats.markdown_import") is None, reason="roadmap_tui.formats.markdown_import has not landed"
)
def test_importing_the_export_gives_the_strings_back(hostile: Path, tmp_path: Path) -> None:
    from roadmap_tui.formats.markdown_import import import_markdown

    markdown = to_markdown(loaded(hostile))
    result = import_markdown(markdown.encode("utf-8"), tmp_path / "hostile.md")
    back = build_roadmap(parse_toml(result.toml_text, "import"), "import")
    texts = [item.display_text for item in back.walk_items()]
    titles = [node.display_title for node in back.walk_nodes()]
    for string in [TOPIC, *ITEMS[:-1], LONG, "CJK 漢字 item", "\x9b plain"]:
        assert string in texts, repr(string[:40])
    assert "Resources: " + FILL in texts
    for string in [PHASE, SECTION, "漢字 section 🚀", "\u202eRTL phase"]:
        assert string in titles, repr(string)
    assert back.title == TITLE
    assert to_markdown(back) == markdown  # and it exports to the same Markdown
