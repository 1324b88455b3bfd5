"""The settings file: the theme, chosen in the palette, kept across launches; a bad file is reported, never overwritten."""

from __future__ import annotations

import os
from pathlib import Path

from roadmap_tui import paths, settings
from roadmap_tui.tui.app import RoadmapApp


def test_the_settings_file_is_under_the_tests_own_home(monkeypatch) -> None:
    home = Path(os.environ["HOME"])
    assert paths.settings_file() == home / "config" / "settings.toml"  # $ROADMAP_TUI_CONFIG_DIR
    monkeypatch.delenv("ROADMAP_TUI_CONFIG_DIR")
    assert paths.settings_file() == Path(os.environ["XDG_CONFIG_HOME"]) / "roadmap-tui" / "settings.toml"


def test_missing_settings_are_the_defaults() -> None:
    loaded = settings.load()
    assert loaded.theme == "roadmap-dark" and loaded.problem is None


def test_a_broken_settings_file_is_reported_with_its_place_and_never_overwritten() -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('# mine\ntheme = "roadmap-light\n', encoding="utf-8")
    loaded = settings.load()
    assert loaded.theme == "roadmap-dark"
    assert str(path) in loaded.problem and "line 2" in loaded.problem
    assert settings.save_theme(loaded, "textual-light") is not None
    assert path.read_text(encoding="utf-8") == '# mine\ntheme = "roadmap-light\n'


def test_a_wrong_value_is_named_by_its_key() -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("theme = 3\n", encoding="utf-8")
    loaded = settings.load()
    assert loaded.theme == "roadmap-dark" and "theme: expected" in loaded.problem


def test_saving_the_theme_keeps_the_files_comments_and_other_keys() -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('# my settings\ntheme = "roadmap-dark"  # dark at night\nmine = 1\n', encoding="utf-8")
    loaded = settings.load()
    assert settings.save_theme(loaded, "roadmap-light") is None
    text = path.read_text(encoding="utf-8")
    assert "# my settings" in text and "mine = 1" in text and 'theme = "roadmap-light"' in text


async def test_the_app_uses_its_own_theme_and_a_theme_picked_is_kept(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "roadmap-dark"
        assert {"roadmap-dark", "roadmap-light", "textual-dark", "nord"} <= set(app.available_themes)
        app.theme = "roadmap-light"  # what the palette's "Change theme" does
        await pilot.pause()
        await pilot.press("q")
    assert 'theme = "roadmap-light"' in paths.settings_file().read_text(encoding="utf-8")
    again = RoadmapApp(path=roadmap_path)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.theme == "roadmap-light"


async def test_the_palette_changes_the_theme(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"theme")
        await pilot.pause(0.3)
        await pilot.press("enter")  # "Theme: change the current theme"
        await pilot.pause(0.3)
        await pilot.press(*"roadmap-light")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.theme == "roadmap-light"


async def test_an_unknown_theme_falls_back_with_a_message(roadmap_path: Path) -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('theme = "no-such-theme"\n', encoding="utf-8")
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "roadmap-dark"
        assert any("no-such-theme" in str(n.message) for n in app._notifications)


def test_the_day_starts_at_four_unless_the_file_says_another_hour() -> None:
    assert settings.load().day_starts_at == 4
    path = paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("day_starts_at = 0\n", encoding="utf-8")
    assert (settings.load().day_starts_at, settings.load().problem) == (0, None)
    path.write_text("day_starts_at = 23\n", encoding="utf-8")
    assert settings.load().day_starts_at == 23


def test_a_day_start_that_is_not_an_hour_is_named() -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    for value in ("24", "-1", '"4"', "4.5", "true"):
        path.write_text(f'theme = "roadmap-light"\nday_starts_at = {value}\n', encoding="utf-8")
        loaded = settings.load()
        assert (loaded.theme, loaded.day_starts_at) == ("roadmap-light", 4), value
        assert loaded.problem == f"{path}: day_starts_at: expected an hour from 0 to 23, got {value.replace(chr(34), chr(39)).replace('true', 'True')}; using 4", value
    path.write_text("theme = 3\nday_starts_at = 99\n", encoding="utf-8")
    problem = settings.load().problem
    assert "theme: expected" in problem and "day_starts_at: expected an hour from 0 to 23, got 99" in problem
    assert problem.count("\n") == 0
