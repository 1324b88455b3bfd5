"""The app and the activity log: what it does is logged once on disk, and a log that cannot be
written is said once, while the roadmap is saved."""

from __future__ import annotations

from pathlib import Path

from roadmap_tui.storage import activity
from roadmap_tui.tui.app import RoadmapApp


async def settle(app: RoadmapApp, pilot) -> None:
    await pilot.pause()
    assert app.store.flush(5)
    await pilot.pause()


async def test_a_check_in_the_app_is_logged(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("tab", "space")
        await settle(app, pilot)
    records, problems = activity.read(roadmap_path)
    assert problems == []
    assert [(r["change"], r["from"], r["to"], r["entry"][-1]) for r in records] == [
        ("state", "todo", "done", "Vectors and matrices")
    ]


async def test_a_log_that_cannot_be_written_is_said_once_and_the_roadmap_still_saves(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        activity.log_file(roadmap_path).mkdir()  # a folder where the log goes: every append fails
        await pilot.press("tab", "space")
        await settle(app, pilot)
        assert "done = true" in roadmap_path.read_text(encoding="utf-8")
        shown = [n for n in app._notifications if "activity log" in n.message]
        assert [n.message.startswith("Your changes are saved, but the activity log could not be written") for n in shown] == [True]
        await pilot.press("down", "space")
        await settle(app, pilot)
        assert len([n for n in app._notifications if "activity log" in n.message]) == len(shown) == 1
