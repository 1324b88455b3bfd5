"""`roadmap-tui status` with pace, forecast and streak: the table's lines, `--json`, `--format`,
on a roadmap with hand-written dates over six weeks, "now" pinned (no clock is read)."""

from __future__ import annotations

import json
import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from cli_support import _eighty_columns, data_dir, one_line_error  # noqa: F401 - _eighty_columns: an autouse fixture

import roadmap_tui.cli.commands.status as status_command
from roadmap_tui import paths
from roadmap_tui.cli import main

SIX_WEEKS = Path(__file__).resolve().parents[1] / "fixtures" / "six_weeks.toml"
NOW = datetime.fromisoformat("2026-11-25T10:00:00+01:00")  # a Wednesday in Berlin


@pytest.fixture(autouse=True)
def _six_weeks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default roadmap is the six weeks' one, and it is 25 Nov 2026, 10:00 in Berlin."""
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SIX_WEEKS, folder / "roadmap.toml")
    monkeypatch.setattr(status_command, "local_now", lambda: NOW)


def at(monkeypatch: pytest.MonkeyPatch, moment: str) -> None:
    monkeypatch.setattr(status_command, "local_now", lambda: datetime.fromisoformat(moment))


def settings_say(text: str) -> Path:
    path = paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def json_status(capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["status", "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return json.loads(out)


def test_json_has_pace_forecast_streak_and_each_phase_plan(capsys: pytest.CaptureFixture[str]) -> None:
    data = json_status(capsys)
    assert (data["done"], data["total"], data["skipped"], data["today"]) == (9, 16, 1, "2026-11-25")
    assert (data["pace_per_day"], data["finished_last_28_days"]) == (0.143, 4)
    assert (data["forecast"], data["forecast_reason"]) == ("2027-01-13", None)
    assert (data["streak"], data["longest_streak"]) == (3, 4)
    plans = [{k: p[k] for k in ("title", "planned_days", "started", "planned_end", "forecast", "ahead_days")}
             for p in data["phases"]]
    assert plans == [
        {"title": "Basics", "planned_days": 21, "started": "2026-10-14", "planned_end": "2026-11-04",
         "forecast": "2026-12-09", "ahead_days": -35},
        {"title": "Models", "planned_days": 90, "started": None, "planned_end": "2027-02-02",
         "forecast": "2027-01-06", "ahead_days": 27},
        {"title": "Extras", "planned_days": None, "started": "2026-11-20", "planned_end": None,
         "forecast": "2026-12-02", "ahead_days": None},
        {"title": "Resources Library", "planned_days": None, "started": None, "planned_end": None,
         "forecast": None, "ahead_days": None},
    ]
    assert data["phases"][-1]["forecast_reason"] == "nothing to count"


def test_the_table_says_pace_forecast_streak_and_plans(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert "Pace: 0.14 a day (4 finished in the last 28 days)" in lines
    assert "Forecast: 13 Jan 2027 (7 left at this pace)" in lines
    assert "Streak: 3 days (longest 4)" in lines
    assert re.search(r"^PHASE\s+PLAN\s+STARTED\s+PLANNED END\s+FORECAST$", out, re.M), out
    assert re.search(r"^Basics\s+21 days\s+14 Oct\s+4 Nov\s+9 Dec, 35 days behind$", out, re.M), out
    assert re.search(r"^Models\s+90 days\s+-\s+2 Feb 2027\s+6 Jan 2027, 27 days ahead$", out, re.M), out
    assert re.search(r"^Extras\s+no plan\s+20 Nov\s+-\s+2 Dec$", out, re.M), out
    assert all(len(line) <= 80 and line == line.rstrip() for line in lines)


def test_format_for_a_tmux_status_line(capsys: pytest.CaptureFixture[str]) -> None:
    template = "{percent}% {done}/{total} · {streak}d (best {longest_streak}) · {remaining} left · {pace:.2f}/day → {forecast} {{ok}}"
    assert main(["status", "--format", template]) == 0
    assert capsys.readouterr() == ("56.3% 9/16 · 3d (best 4) · 7 left · 0.14/day → 2027-01-13 {ok}\n", "")
    assert main(["status", "--format", "{skipped}"]) == 0
    assert capsys.readouterr().out == "1\n"


@pytest.mark.parametrize("template", ["{dues}", "{percent.real}", "{0}", "{}", "{done[0]}", "{", "}", "{percent:>>>}"])
def test_a_format_that_does_not_read_is_one_line_and_status_2(template: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--format", template]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert one_line_error(err).startswith("roadmap-tui: --format: ")


def test_an_unknown_field_names_the_ones_there_are(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--format", "{reviews} due"]) == 2
    err = one_line_error(capsys.readouterr().err)
    assert "unknown field {reviews}" in err and "{due}" in err and "{percent}, {done}, {total}" in err and "{forecast}" in err


def test_json_and_format_are_one_or_the_other(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--json", "--format", "{done}"]) == 2
    assert one_line_error(capsys.readouterr().err) == "roadmap-tui: --json and --format: choose one\n"


def test_no_forecast_says_why(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    at(monkeypatch, "2026-10-20T12:00:00+02:00")  # five days after the first finish
    data = json_status(capsys)
    assert (data["forecast"], data["forecast_reason"]) == (None, "not enough history yet")
    assert main(["status", "--format", "{forecast}"]) == 0 and capsys.readouterr().out == "-\n"
    assert main(["status"]) == 0 and "Forecast: not enough history yet" in capsys.readouterr().out.splitlines()
    at(monkeypatch, "2027-02-01T12:00:00+01:00")
    data = json_status(capsys)
    assert (data["forecast"], data["forecast_reason"], data["streak"]) == (None, "no recent progress", 0)


def test_the_day_starts_at_the_settings_hour(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    at(monkeypatch, "2026-11-26T02:00:00+01:00")
    assert json_status(capsys)["today"] == "2026-11-25"  # still the 25th's study day
    settings_say("day_starts_at = 0\n")
    assert json_status(capsys)["today"] == "2026-11-26"


def test_a_wrong_setting_is_a_warning_and_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    path = settings_say("day_starts_at = 25\n")
    assert main(["status", "--format", "{streak}"]) == 0
    out, err = capsys.readouterr()
    assert out == "3\n"
    assert one_line_error(err) == (
        f"roadmap-tui: warning: {path}: day_starts_at: expected an hour from 0 to 23, got 25; using 4\n"
    )


def test_reviews_due_in_the_table_the_json_and_the_format(capsys: pytest.CaptureFixture[str]) -> None:
    """A finished topic comes due a day after its last item was done: status names it, `--json`
    counts it (`reviews_due`) and `{due}` prints the count."""
    from roadmap_tui.core import review
    from roadmap_tui.library import open_read_only

    roadmap = open_read_only(paths.roadmap_file())
    due = review.due(roadmap, NOW)
    assert due, "the six weeks' roadmap has finished topics, due by 25 Nov"
    assert json_status(capsys)["reviews_due"] == len(due)
    assert main(["status", "--format", "{due} due"]) == 0
    assert capsys.readouterr().out == f"{len(due)} due\n"
    assert main(["status"]) == 0
    [line] = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Due for review:")]
    first = due[0].entry
    assert line.startswith(f"Due for review: {len(due)} (") and status_command.plain_title(first) in line
