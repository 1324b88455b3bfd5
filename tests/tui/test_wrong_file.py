"""Bug 11: a Markdown file given as the roadmap is pointed at `roadmap-tui import` (and never
moved aside), and `o` says when there is no browser to open a link in."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import pytest
from helpers import screen_words

from roadmap_tui.cli import main
from roadmap_tui.formats.markdown_import import import_markdown
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.screens.load_error import LoadErrorScreen
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.widgets.item_list import ItemList

NOTES = "# My notes\n\nSome text: with a colon.\n\n- [ ] Read the guide\n- [x] Install it\n"


@pytest.mark.parametrize("name", ["notes.md", "Plan.MARKDOWN", "notes.txt"])
def test_the_cli_suggests_import_for_a_markdown_file(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / name
    notes.write_text(NOTES, encoding="utf-8")
    assert main(["status", "--file", str(notes)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1, err
    assert err.startswith(f"roadmap-tui: {notes}")
    assert f"it looks like Markdown: make a roadmap of it with roadmap-tui import {notes}" in err, err
    assert notes.read_text(encoding="utf-8") == NOTES


def test_a_broken_toml_file_gets_no_import_advice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "roadmap.toml"
    broken.write_text('schema = 2\ntitle = "x\n', encoding="utf-8")
    assert main(["status", "--file", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "invalid TOML" in err and "import" not in err


@pytest.mark.parametrize("name", ["notes.md", "notes.txt"])
async def test_the_app_suggests_import_and_does_not_offer_to_move_a_markdown_file(tmp_path: Path, name: str) -> None:
    notes = tmp_path / name
    notes.write_text(NOTES, encoding="utf-8")
    app = RoadmapApp(path=notes)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoadErrorScreen)
        text = screen_words(app)
        assert f"roadmap-tui import {notes}" in text, text
        assert "move it aside" not in text.lower() and "Press m" not in text
        footer_keys = {binding.key for _, binding, enabled, _ in app.screen.active_bindings.values() if enabled}
        assert "m" not in footer_keys and "b" not in footer_keys
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, LoadErrorScreen)
        await pilot.press("q")
        await pilot.pause()
    assert notes.read_text(encoding="utf-8") == NOTES, "the Markdown file is left as it is"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


@pytest.fixture
def with_a_link(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    markdown = b"# Plan\n\n## Part\n\n- [ ] Read [the guide](https://example.org/guide)\n"
    path.write_text(import_markdown(markdown, tmp_path / "plan.md").toml_text, encoding="utf-8")
    return path


@pytest.mark.parametrize("browser", [False, True])
async def test_o_says_when_no_browser_can_open_the_link(
    with_a_link: Path, monkeypatch: pytest.MonkeyPatch, browser: bool
) -> None:
    def get(using: str | None = None) -> object:
        if not browser:
            raise webbrowser.Error("could not locate runnable browser")
        return object()

    monkeypatch.setattr(webbrowser, "get", get)
    monkeypatch.setattr(webbrowser, "open", lambda *args, **kwargs: pytest.fail("a real browser was asked"))
    app = RoadmapApp(path=with_a_link)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **kwargs: opened.append(url))
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("tab")
        assert isinstance(app.focused, ItemList)
        await pilot.press("o")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        if browser:
            assert opened == ["https://example.org/guide"]
            assert "Opening https://example.org/guide" in messages
        else:
            assert opened == [] and copied == []
            assert "No browser found: https://example.org/guide" in messages, messages
            assert not any(m.startswith("Opening") for m in messages)
        await pilot.press("q")

