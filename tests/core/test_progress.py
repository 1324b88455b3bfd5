"""One rounding rule for every percentage and bar (issue "Polish", bug 10).

The rule (roadmap_tui/core/progress.py): a percentage is `100 * done / total` rounded half up to one
decimal (JSON, `status`, `list`); the app shows that number rounded half up to a whole percent.
Either shows 100 only when all are done and 0 only when none are: 1/1000 is 0.1 (the app: "<1"),
9999/10000 is 99.9 (the app: ">99"). A bar of any width is full only when all are done and empty
only when none are.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import REPO

from roadmap_tui.cli import main
from roadmap_tui.cli.commands.status import bar as _bar
from roadmap_tui.formats.json_export import percent as json_percent
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.widgets.progress_gauge import bar as app_bar
from roadmap_tui.tui.widgets.progress_gauge import percent as app_percent

CASES = [(2, 3), (75, 76), (1, 1000), (999, 1000), (1, 10_000), (9_999, 10_000), (0, 7), (7, 7), (0, 1), (1, 1)]


@pytest.mark.parametrize(
    ("done", "total", "one_decimal", "whole"),
    [
        (2, 3, 66.7, "67"),
        (1, 3, 33.3, "33"),
        (75, 76, 98.7, "99"),
        (1, 1000, 0.1, "<1"),
        (999, 1000, 99.9, ">99"),
        (1, 10_000, 0.1, "<1"),
        (9_999, 10_000, 99.9, ">99"),
        (1, 200, 0.5, "1"),  # 0.5 rounds half up
        (199, 200, 99.5, ">99"),  # would round to 100 while one is left
        (0, 76, 0.0, "0"),
        (76, 76, 100.0, "100"),
        (0, 0, None, "0"),
    ],
)
def test_percentages(done: int, total: int, one_decimal: float | None, whole: str) -> None:
    assert json_percent(done, total) == one_decimal
    assert str(app_percent(done, total)) == whole


def test_the_app_and_the_cli_never_disagree() -> None:
    """The app's whole percent is the CLI's one-decimal figure rounded half up (or <1 / >99)."""
    for total in range(1, 301):
        for done in range(total + 1):
            tenth = json_percent(done, total)
            assert tenth is not None
            whole = str(app_percent(done, total))
            assert (tenth == 100) == (done == total) == (whole == "100")
            assert (tenth == 0) == (done == 0) == (whole == "0")
            expected = int(tenth + 0.5)  # tenths are exact enough for this: never x.x5
            if 0 < done < total and expected == 0:
                assert whole == "<1"
            elif 0 < done < total and expected == 100:
                assert whole == ">99"
            else:
                assert whole == str(expected), (done, total, tenth, whole)


@pytest.mark.parametrize("width", [1, 2, 3, 8, 10, 20, 24, 80])
@pytest.mark.parametrize(("done", "total"), CASES)
def test_bars_are_full_only_when_all_are_done_and_empty_only_when_none_are(done: int, total: int, width: int) -> None:
    for drawn in (app_bar(done, total, width).plain, _bar(done, total, width)):
        assert len(drawn) == width
        assert (drawn == "█" * width) == (done == total), (done, total, width, drawn)
        assert (drawn == "░" * width) == (done == 0), (done, total, width, drawn)


def test_bar_cells_round_to_the_nearest() -> None:
    assert _bar(2, 3, 10) == "███████░░░"  # 6.67 cells
    assert app_bar(2, 3, 10).plain == "███████░░░"
    assert app_bar(1, 4, 10).plain == "███░░░░░░░"  # 2.5 rounds half up


def test_status_at_75_of_76_has_no_full_bar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    text = (REPO / "data" / "default_roadmap.toml").read_text(encoding="utf-8")
    first = '{ text = "Vectors and matrices", done = false }'
    assert first in text
    # Check everything, then uncheck one counted item (Linear Algebra's first).
    text = text.replace("done = false", "done = true").replace(first.replace("false", "true"), first)
    file = tmp_path / "roadmap.toml"
    file.write_text(text, encoding="utf-8")
    assert main(["status", "--file", str(file)]) == 0
    out = capsys.readouterr().out
    overall = next(line for line in out.splitlines() if line.startswith("Overall"))
    assert re.search(r"75/76\s+98\.7%\s+█{9}░$", overall), overall
    assert main(["status", "--json", "--file", str(file)]) == 0
    assert json.loads(capsys.readouterr().out)["percent"] == 98.7


async def test_the_app_shows_2_of_3_as_67_percent(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "space", "j", "space")
        await pilot.pause()
        progress = app.screen.query_one("#topic")._border_subtitle.plain
        assert progress.startswith("2/3 ") and progress.endswith(" 67%"), progress
        gauge = app.screen.query_one("#gauge").render().plain  # type: ignore[attr-defined]
        assert re.search(r"2/76\s+3%", gauge), gauge  # 2.6% in the CLI
        app.store.flush(5)

