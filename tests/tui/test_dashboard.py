"""The dashboard above the roadmap's overview (the tree's first row): its numbers are
`core.pace.dashboard`'s and `core.review.due`'s, at a pinned now in Berlin, on a roadmap with
hand-written dates over six weeks (tests/fixtures/six_weeks.toml)."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from roadmap_tui.core import review
from roadmap_tui.core.pace import ahead_text, dashboard
from roadmap_tui.core import states
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.widgets import dashboard_rows
from roadmap_tui.tui.widgets.dashboard_rows import day_text, heatmap_weeks, sparkline
from roadmap_tui.tui.widgets.item_list import ItemList
from tests.conftest import FIXTURES

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dashboard_rows, "clock", lambda: NOW)
    monkeypatch.setattr(states, "local_now", lambda: NOW)  # the tree's ↻ and the footer's "N due"


def six_weeks(folder: Path, replace: tuple[str, str] | None = None) -> Path:
    path = folder / "six.toml"
    text = (FIXTURES / "six_weeks.toml").read_text(encoding="utf-8")
    if replace is not None:
        assert replace[0] in text
        text = text.replace(replace[0], replace[1])
    path.write_text(text, encoding="utf-8")
    return path


def shown_lines(app: RoadmapApp) -> list[str]:
    items = app.screen.query_one(ItemList)
    return [line.plain for lines in items._row_lines for line in lines]


async def open_dashboard(app: RoadmapApp, pilot) -> list[str]:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("home")
    await pilot.pause()
    return shown_lines(app)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
async def test_the_numbers_shown_are_core_paces(tmp_path: Path, size: tuple[int, int]) -> None:
    app = RoadmapApp(path=six_weeks(tmp_path), watch_interval=0)
    async with app.run_test(size=size) as pilot:
        lines = await open_dashboard(app, pilot)
        roadmap = app.store.roadmap
        assert roadmap is not None
        board = dashboard(roadmap, NOW, app.settings.day_starts_at)
        text = "\n".join(lines)
        assert f"Overall  {board.done}/{board.total} done" in text
        assert f"{board.doing} doing" in text and f"{board.skipped} skipped" in text
        assert f"This week {board.this_week}  last week {board.last_week}" in text
        assert f"Streak {board.streak} days" in text and f"longest {board.longest_streak}" in text
        assert f"pace {board.pace_per_day:.2f}/day" in text
        assert board.forecast is not None and f"Forecast {day_text(board.forecast)}" in text
        for phase in board.phases:
            assert any(line.startswith(f"▸ {phase.display_title}") for line in lines)
            if phase.ahead_days is not None:
                assert ahead_text(phase.ahead_days) in text
            if phase.forecast is not None:
                assert f"forecast {day_text(phase.forecast)}" in text
            if phase.planned_end is not None:
                assert f"planned end {day_text(phase.planned_end)}" in text
        due = review.due(roadmap, NOW)
        assert due and f"Due for review {len(due)}" in text
        # the heatmap: seven weekday rows, Monday on top, as many weeks as fit
        first = next(i for i, line in enumerate(lines) if line.startswith("Mon "))
        assert [lines[first + d][:3] for d in (0, 2, 4, 6)] == ["Mon", "Wed", "Fri", "Sun"]
        width = app.screen.query_one(ItemList).size.width
        weeks = heatmap_weeks(width, len(board.grid))
        assert lines[first].count("■") == weeks
        assert weeks == len(board.grid) if size[0] == 200 else weeks < len(board.grid)
        # today is a Wednesday: Thursday to Sunday of this week are blank
        assert lines[first + 2].rstrip().endswith("■") and lines[first + 3].count("■") == weeks - 1
        spark = next(line for line in lines if line.startswith("Weekly")).split()[-1]
        assert spark == sparkline(board.weekly[-len(spark) :])
        assert all(len(line) < width for line in lines)
        # the overview follows
        assert any(line.startswith("▸ Basics ") and "8/10" in line for line in lines)


async def test_hostile_titles_are_shown_literally(tmp_path: Path) -> None:
    hostile = "[bold red]Basics[/] $accent \\u001b[31m"
    path = six_weeks(tmp_path, ('title = "Basics"', f'title = "{hostile}"'))
    path.write_text(path.read_text(encoding="utf-8").replace('text = "First topic"', 'text = "[i]First[/i] topic"'))
    app = RoadmapApp(path=path, watch_interval=0)
    async with app.run_test(size=(200, 50)) as pilot:
        lines = await open_dashboard(app, pilot)
        text = "\n".join(lines)
        assert "▸ [bold red]Basics[/] $accent " in text
        assert "\x1b" not in text
        assert "↻ [i]First[/i] topic" in text


def test_a_sparkline_scales_to_the_busiest_week() -> None:
    assert sparkline((0, 1, 2, 4)) == "▁▃▅█"
    assert sparkline((0, 0)) == "▁▁"


def test_the_heatmap_shrinks_to_the_width() -> None:
    assert heatmap_weeks(200, 26) == 26
    assert heatmap_weeks(40, 26) == 17
    assert heatmap_weeks(3, 26) == 1


def test_the_dashboard_snapshot(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    six_weeks(tmp_path)
    app = RoadmapApp(path=Path("six.toml"), watch_interval=0)
    assert snap_compare(app, press=["home"], terminal_size=(200, 50))


def test_the_dashboard_snapshot_at_80x24(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 80x24 the dashboard is still readable: the overall line, a heatmap cut to the weeks
    that fit with its month labels, this week and the streak in the first screen."""
    monkeypatch.chdir(tmp_path)
    six_weeks(tmp_path)
    app = RoadmapApp(path=Path("six.toml"), watch_interval=0)
    assert snap_compare(app, press=["home"], terminal_size=(80, 24))


def test_the_dashboard_snapshot_at_80x24_scrolled(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rest of it at 80x24, the pane scrolled down: the phases with their plans and forecasts,
    and what is due for review."""
    monkeypatch.chdir(tmp_path)
    six_weeks(tmp_path)
    app = RoadmapApp(path=Path("six.toml"), watch_interval=0)

    async def scrolled(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("home")
        await pilot.pause()
        pilot.app.screen.pane.items.scroll_to(y=14, animate=False)
        await pilot.pause()

    assert snap_compare(app, run_before=scrolled, terminal_size=(80, 24))


async def test_the_palette_command_opens_the_dashboard(tmp_path: Path) -> None:
    app = RoadmapApp(path=six_weeks(tmp_path), watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down")
        await pilot.pause()
        assert not any(line.startswith("Overall") for line in shown_lines(app))
        await pilot.press("ctrl+p", *"Dashboard")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert any(line.startswith("Overall") for line in shown_lines(app))


def test_an_empty_roadmap_has_a_dashboard_too() -> None:
    from roadmap_tui.core.model import Roadmap
    from roadmap_tui.tui.widgets.dashboard_rows import Board, dashboard_specs

    specs = dashboard_specs(Board(Roadmap(title="Empty"), 4))
    text = [line.plain for spec in specs if spec.draw is not None for line in spec.draw(60)]
    assert "Overall  0/0 done" in text and "Forecast nothing to count" in text
    assert "Parts none with items to count" in text and "Due for review 0" in text
    assert all(not spec.selectable for spec in specs)
