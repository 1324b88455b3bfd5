"""The theme chosen last is the one kept, however the writes of the settings file interleave
(each choice is written off the loop; found by the review of the house move)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from helpers import settle, until

from roadmap_tui import settings
from roadmap_tui.tui.app import RoadmapApp


async def test_two_quick_theme_changes_keep_the_last_one(default_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = settings.save_theme
    first_call = threading.Event()
    release = threading.Event()
    calls: list[str] = []

    def slow_first(chosen: settings.Settings, theme: str) -> str | None:
        calls.append(theme)
        if len(calls) == 1:  # the first write is slow (a busy disk); the next is not
            first_call.set()
            release.wait(10)
        return real(chosen, theme)

    monkeypatch.setattr(settings, "save_theme", slow_first)
    app = RoadmapApp(path=default_copy, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.theme = "roadmap-light"
        assert await until(pilot, first_call.is_set)
        app.theme = "textual-dark"  # the learner changes their mind at once
        await pilot.pause(0.2)
        release.set()
        await settle(pilot)
        await pilot.pause(0.2)
        await pilot.press("q")
    assert settings.load().theme == "textual-dark", calls
