"""`roadmap-tui status`: progress as a table or as JSON, and fast (no Textual)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import DEFAULT_TEXT, TWO_DONE, _eighty_columns, data_dir, one_line_error, put, with_done  # noqa: F401 - _eighty_columns: an autouse fixture

from roadmap_tui.cli import main

STATUS_HYGIENE = """
import json, sys
from roadmap_tui import cli
codes = [cli.main(["status"]), cli.main(["status", "--json"]), cli.main(["list"]),
         cli.main(["backups"]), cli.main(["export", "--format", "json"]),
         cli.main(["status", "--format", "{percent} {streak} {forecast}"])]
loaded = sorted(m for m in sys.modules if m in ("textual", "tomlkit") or m.startswith(("textual.", "tomlkit.", "roadmap_tui.tui")))
print(json.dumps({"codes": codes, "loaded": loaded}), file=sys.stderr)
"""


def console_script() -> Path:
    script = Path(sys.executable).parent / "roadmap-tui"
    if not script.exists():
        pytest.skip("the roadmap-tui console script is not installed beside this Python")
    return script


def test_status_table(capsys: pytest.CaptureFixture[str]) -> None:
    put("roadmap", with_done("Vectors and matrices", "Chain rule", "PyTorch"))
    assert main(["status"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines()[0] == "AI/ML Learning Roadmap  (roadmap)"
    assert re.search(r"^Foundation Phase\s+2/27\s+7\.4%\s+█?░+$", out, re.M), out
    assert re.search(r"^Specialization Phase\s+1/17\s+5\.9%", out, re.M)
    assert re.search(r"^Overall\s+3/76\s+3\.9%\s+█░{9}$", out, re.M)  # something done shows
    # A part with nothing to check off has no progress to show: it is named below the table.
    assert "Resources Library" not in out.split("Overall")[0]
    lines = out.splitlines()
    note = lines.index("(1 part with nothing to check off not shown: Resources Library)")
    assert lines[note - 1].startswith("Overall")
    # Done without dates, and no Duration filled: no pace, no plans (so no plan table).
    assert lines[note + 1:] == ["", "Pace: 0.00 a day (0 finished in the last 28 days)",
                                "Forecast: not enough history yet", "Streak: 0 days (longest 0)",
                                "Due for review: none"]
    assert all(line == line.rstrip() for line in out.splitlines())


def test_status_json(capsys: pytest.CaptureFixture[str]) -> None:
    put("cs", with_done("Vectors and matrices", "Chain rule", "PyTorch", title="CS"))
    assert main(["status", "-r", "cs", "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    data = json.loads(out)
    assert data["name"] == "cs"
    assert data["file"] == str(data_dir() / "cs.toml")
    assert (data["title"], data["done"], data["total"], data["percent"]) == ("CS", 3, 76, 3.9)
    phases = data["phases"]
    assert [p["title"] for p in phases][:2] == ["Foundation Phase", "Specialization Phase"]
    assert sum(p["done"] for p in phases) == 3 and sum(p["total"] for p in phases) == 76
    assert phases[0] == {"title": "Foundation Phase", "display_title": "Foundation Phase", "state": "doing",
                         "done": 2, "total": 27, "percent": 7.4, "doing": 0, "skipped": 0,
                         "planned_days": None, "started": None, "planned_end": None, "forecast": None,
                         "forecast_reason": "not enough history yet", "ahead_days": None}
    assert (data["pace_per_day"], data["forecast"], data["forecast_reason"]) == (0, None, "not enough history yet")
    assert (data["streak"], data["longest_streak"], data["finished_last_28_days"]) == (0, 0, 0)
    assert (data["state"], data["doing"], data["skipped"]) == ("doing", 0, 0)
    assert phases[-1]["percent"] is None  # the Resources Library has nothing to count


def test_status_of_a_file_has_no_name(default_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--json", "--file", str(default_copy)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["name"] is None and data["file"] == str(default_copy)


def test_status_of_a_broken_file_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    file = put("roadmap", DEFAULT_TEXT.replace('"Matrix operations", done = false', '"Matrix operations", done = 1'))
    for args in (["status"], ["status", "--json"]):
        assert main(args) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert one_line_error(err).startswith(f"roadmap-tui: {file}: phases[0].sections[0].items[0].items[1].done:")


def test_status_shows_titles_literally(capsys: pytest.CaptureFixture[str]) -> None:
    text = with_done(title="[@click=app.quit]x[/] \x07").replace(
        'title = "Foundation Phase"', 'title = "[link=file:///etc/passwd]x[/link] \\u001b]52;c;aGk=\\u0007"'
    )
    put("roadmap", text)
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "[@click=app.quit]x[/] \\x07  (roadmap)" in out
    assert "[link=file:///etc/passwd]x[/link] \\x1b]52;c;aGk=\\x07" in out
    assert "\x1b" not in out and "\x07" not in out
    assert main(["status", "--json"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    data = json.loads(out)
    assert data["title"] == "[@click=app.quit]x[/] \x07"
    assert data["phases"][0]["title"] == "[link=file:///etc/passwd]x[/link] \x1b]52;c;aGk=\x07"


def test_status_and_friends_never_import_textual_or_tomlkit(tmp_path: Path) -> None:
    put("roadmap", TWO_DONE)
    result = subprocess.run(
        [sys.executable, "-c", STATUS_HYGIENE], cwd=tmp_path, env=dict(os.environ), capture_output=True, text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stderr.strip().splitlines()[-1]) == {"codes": [0, 0, 0, 0, 0, 0], "loaded": []}
    assert "2/76" in result.stdout


def test_the_installed_status_command_imports_no_textual(tmp_path: Path) -> None:
    put("roadmap", TWO_DONE)
    env = dict(os.environ, PYTHONPROFILEIMPORTTIME="1")
    for args in (["status"], ["status", "--format", "{percent}% {streak} {forecast}"], ["status", "--json"]):
        result = subprocess.run(
            [str(console_script()), *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "import time:" in line]
        assert "roadmap_tui.cli" in imported and "roadmap_tui.storage.schema" in imported  # the profile is really there
        assert not [m for m in imported if m == "textual" or m.startswith("textual.")]
        assert not [m for m in imported if m.startswith("roadmap_tui.tui.app")]
        assert not [m for m in imported if m == "tomlkit" or m.startswith("tomlkit.")]
    assert json.loads(result.stdout)["done"] == 2


def journal(*changes: tuple[str, str]) -> str:
    """The default roadmap with these items given these keys (TOML, after their text)."""
    text = DEFAULT_TEXT
    for item, keys in changes:
        old = f'{{ text = "{item}", done = false }}'
        assert old in text, item
        text = text.replace(old, f'{{ text = "{item}", {keys} }}')
    return text


SKIPPING = journal(
    ("Vectors and matrices", "done = true, done_at = 2026-12-01T19:05:00+01:00"),
    ("Chain rule", 'done = false, state = "doing", started_at = 2026-12-01T19:05:00+01:00'),
    ("Partial derivatives", 'done = false, state = "doing"'),
    ("Statistical tests", 'done = false, state = "skipped"'),
    ("PyTorch", 'done = false, state = "skipped"'),
)


def test_status_json_counts_doing_and_skipped(capsys: pytest.CaptureFixture[str]) -> None:
    put("roadmap", SKIPPING)
    assert main(["status", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {k: data[k] for k in ("state", "done", "total", "percent", "doing", "skipped")} == {
        "state": "doing", "done": 1, "total": 74, "percent": 1.4, "doing": 2, "skipped": 2,
    }, "skipped items leave the total: 76 counted, 2 skipped"
    foundation, specialization = data["phases"][:2]
    assert (foundation["done"], foundation["total"], foundation["doing"], foundation["skipped"]) == (1, 26, 2, 1)
    assert (specialization["total"], specialization["doing"], specialization["skipped"]) == (16, 0, 1)
    assert specialization["state"] == "todo"
    assert data["phases"][-1]["state"] is None  # the Resources Library has nothing to count


def test_status_table_says_how_many_are_skipped(capsys: pytest.CaptureFixture[str]) -> None:
    put("roadmap", SKIPPING)
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^Foundation Phase\s+1/26 · 1 skipped\s+3\.8%", out, re.M), out
    assert re.search(r"^Specialization Phase\s+0/16 · 1 skipped\s+0\.0%", out, re.M), out
    assert re.search(r"^Advanced Phase\s+0/\d+\s+0\.0%", out, re.M), "no skipped: no words for them"
    assert re.search(r"^Overall\s+1/74 · 2 skipped\s+1\.4%", out, re.M), out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_a_part_with_everything_skipped_is_shown_with_no_percent(capsys: pytest.CaptureFixture[str]) -> None:
    start = DEFAULT_TEXT.index('title = "Continuous Learning"')
    end = DEFAULT_TEXT.index("[[phases]]", start)
    part = DEFAULT_TEXT[start:end].replace("done = false }", 'done = false, state = "skipped" }')
    put("roadmap", DEFAULT_TEXT[:start] + part + DEFAULT_TEXT[end:])
    assert main(["status", "--json"]) == 0
    continuous = json.loads(capsys.readouterr().out)["phases"][4]
    assert continuous["title"] == "Continuous Learning"
    assert {k: continuous[k] for k in ("state", "done", "total", "percent", "skipped")} == {
        "state": "skipped", "done": 0, "total": 0, "percent": None, "skipped": 5,
    }
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^Continuous Learning\s+0/0 · 5 skipped\s+-$", out, re.M), out
    assert re.search(r"^Overall\s+0/71 · 5 skipped\s+0\.0%", out, re.M), out
    assert "Continuous Learning" not in out.splitlines()[-1], "shown in the table, not as a part with nothing to check"
