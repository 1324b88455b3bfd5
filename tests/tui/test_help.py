"""The help screen: built from the bindings, fits any width >= 60, never hides the header and the
footer, and lists the same keys as the README's table (bug 7)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO
from helpers import screen_lines
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.screens.help import HelpScreen
from roadmap_tui.tui.screens.keys import LONG, MOUSE, key_name, key_rows, merged_bindings
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.widgets.item_list import ItemList


def readme_keys() -> dict[str, set[str]]:
    """The README's `| Where | Key | What it does |` table: the keys of each place."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("| Where | Key | What it does |")
    table = text[start:].split("\n\n")[0].splitlines()[2:]
    found: dict[str, set[str]] = {}
    for line in table:
        where, keys, _ = (cell.strip() for cell in line.strip("|").split("|", 2))
        names = {name.strip().strip("`") for name in re.split(r" / |, ", keys)}
        found.setdefault(where, set()).update(names)
    return found


def help_keys() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for place, rows in key_rows():
        for row in rows:
            found.setdefault(place, set()).update(row.key_set)
    return found


def test_the_readme_lists_the_same_keys_as_the_help() -> None:
    assert readme_keys() == help_keys()


def test_the_help_has_every_place_and_the_keys_that_matter() -> None:
    keys = help_keys()
    assert list(keys) == ["Anywhere", "Tree", "Topic", "Editing", "Mouse"]
    assert {"Tab", "Shift+Tab", "?", "F1", "Ctrl+P", "q", "Ctrl+Q"} <= keys["Anywhere"]
    assert {"Up", "Down", "j", "k", "Right", "l", "Left", "h", "Enter", "Home", "End"} <= keys["Tree"]
    assert {"Space", "Enter", "e", "a", "d", "Delete", "o", "Home", "End"} <= keys["Topic"]
    assert keys["Editing"] >= {"Enter", "Escape"}
    assert "Page Up" not in keys["Topic"]  # inherited from Textual and not described: not listed
    topic = dict(key_rows())["Topic"]
    space = next(row for row in topic if row.key_set == {"Space"})
    assert space.text == "Check or uncheck the item (on a topic: all its items)"  # the long words


def test_every_long_text_belongs_to_a_binding() -> None:
    """A renamed action leaves no stale words behind."""
    from roadmap_tui.tui.screens.keys import _bindings_of, _places

    bound = {(place, binding.action) for place, classes in _places() for binding, _ in _bindings_of(place, classes)}
    for key in LONG:
        if isinstance(key, tuple):
            assert key in bound, key
        else:
            assert any(action == key for _, action in bound), key


def test_a_new_binding_shows_in_the_help_with_its_description(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ItemList, "BINDINGS", [*ItemList.BINDINGS, Binding("x", "frobnicate", "Frob")])
    topic = dict(key_rows())["Topic"]
    assert any(row.key_set == {"x"} and row.text == "Frob" for row in topic)
    monkeypatch.setattr(
        ItemList, "BINDINGS", [*ItemList.BINDINGS, Binding("y", "yank", "Yank", tooltip="Copy the row's text")]
    )
    assert any(row.key_set == {"y"} and row.text == "Copy the row's text" for row in dict(key_rows())["Topic"])


def test_key_names() -> None:
    assert [key_name(k) for k in ("question_mark", "f1", "ctrl+q", "shift+tab", "space", "up", "j", "delete")] == [
        "?", "F1", "Ctrl+Q", "Shift+Tab", "Space", "Up", "j", "Delete"
    ]


def test_bindings_merge_as_textual_merges_them() -> None:
    keys = [binding.key for binding, ours in merged_bindings(ItemList) if ours]
    assert "space" in keys and "delete" in keys


@pytest.mark.parametrize("size", [(60, 24), (80, 24), (100, 30), (160, 60)])
async def test_help_fits_wraps_and_leaves_header_and_footer_visible(roadmap_path: Path, size: tuple[int, int]) -> None:
    width, height = size
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        # The header and the footer stay in view: the box keeps off the first and the last line,
        # where the main screen shows through the help's translucent background.
        box = app.screen.query_one("#help")
        assert box.region.y >= 1 and box.region.bottom <= height - 1
        assert app.screen.styles.background.a < 1 and isinstance(app._background_screens[-1], MainScreen)
        assert box.region.width <= width
        scroll = app.screen.query_one("#help", VerticalScroll)
        assert scroll.max_scroll_x == 0 and not scroll.show_horizontal_scrollbar
        texts = list(scroll.query(".help-text").results(Static))
        assert len(texts) == sum(len(rows) for _, rows in key_rows())
        for widget in texts:
            assert widget.region.width > 10
            assert widget.region.right <= scroll.content_region.right  # nothing beyond the box
        # Every word can be read: scroll to the end and the last row is there, whole.
        scroll.scroll_end(animate=False)
        await pilot.pause()
        shown = " ".join(re.sub("[│▁▂▃▄▅▆▇█]", " ", " ".join(screen_lines(app))).split())
        assert MOUSE[-1][1] in shown
        if height >= 50:
            assert scroll.max_scroll_y == 0  # a tall terminal shows it all
        for key in ("escape", "question_mark", "f1"):
            assert isinstance(app.screen, HelpScreen)
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, MainScreen), key
            if key != "f1":
                await pilot.press("f1")
                await pilot.pause()
