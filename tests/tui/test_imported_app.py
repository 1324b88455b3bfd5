"""A roadmap imported from Markdown, used in the app: links read as their text, `o` opens one."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import pytest
from helpers import screen_text

from roadmap_tui.formats.markdown_import import import_markdown
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.widgets.item_list import ItemList

README = b"""# Study plan

## Before you start

Read the [guide](https://example.org/guide) first.
Setext headings and **bold** stay as they are.

## Week 1

- [ ] [CS50 (video)](https://www.youtube.com/watch?v=abc) and `big-O`
- [x] [Local file](file:///etc/passwd)
- [ ] No link here, just [brackets] and (parens)
- [ ] [Wiki](https://en.wikipedia.org/wiki/Heap_(data_structure))
"""


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    path.write_text(import_markdown(README, tmp_path / "plan.md").toml_text, encoding="utf-8")
    return path


async def test_links_show_as_their_text_and_o_opens_web_links_only(
    imported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = RoadmapApp(path=imported)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **kwargs: opened.append(url))
    monkeypatch.setattr(webbrowser, "get", lambda using=None: object())  # a browser, whatever this machine has
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "CS50 (video) and big-O" in text
        assert "youtube.com" not in text, "the address is not shown"
        assert "No link here, just [brackets] and (parens)" in text, "other brackets stay as they are"
        await pilot.press("tab")
        items = app.screen.query_one(ItemList)
        assert items.has_focus
        await pilot.press("o")
        await pilot.press("down", "o")  # a file: link is not opened
        await pilot.press("down", "o")  # no link at all
        await pilot.press("down", "o")
        await pilot.pause()
        assert opened == ["https://www.youtube.com/watch?v=abc", "https://en.wikipedia.org/wiki/Heap_(data_structure)"]
        assert "No web link in this row." in " ".join(n.message for n in app._notifications)
        await pilot.press("q")


async def test_a_heading_without_tasks_shows_its_own_text(imported: Path) -> None:
    app = RoadmapApp(path=imported)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("home", "down")  # the first heading (the first row is the roadmap)
        await pilot.pause()
        text = screen_text(app)
        # one paragraph (its two lines joined), the link as its text, **bold** bold
        assert "Read the guide first. Setext headings and bold" in text
        assert "stay as they are." in text
        assert "example.org" not in text
        await pilot.press("q")
