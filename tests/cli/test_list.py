"""`roadmap-tui list`: every roadmap of the data folder with its progress."""

from __future__ import annotations

import re

import pytest
from cli_support import DEFAULT_TEXT, TWO_DONE, _eighty_columns, data_dir, put, with_done  # noqa: F401 - _eighty_columns: an autouse fixture

from roadmap_tui.cli import main


def test_list_on_a_fresh_install_shows_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    row = next(line for line in out.splitlines() if "roadmap " in line and "/76" in line)
    assert re.search(r"^\* roadmap\s+0/76\s+0\.0\s+AI/ML Learning Roadmap\s+\(not created yet\)$", row), row
    assert str(data_dir()) in out
    assert not data_dir().exists()


def test_list_shows_each_roadmap_with_progress_and_survives_a_broken_one(capsys: pytest.CaptureFixture[str]) -> None:
    put("roadmap", TWO_DONE)
    put("cs", with_done("NumPy", title="Computer Science"))
    put("broken", DEFAULT_TEXT.replace('title = "Deep Learning"', 'title = "Deep Learning'))
    put("wrong", DEFAULT_TEXT.replace('"Matrix operations", done = false', '"Matrix operations", done = "yes"'))
    assert main(["list"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    rows = [line for line in lines if re.match(r"^[* ] \S+\s+(-|\d+/\d+)", line)]
    names = [row[2:].split()[0] for row in rows]
    assert names == ["roadmap", "broken", "cs", "wrong"]
    assert re.search(r"^\* roadmap\s+2/76\s+2\.6\s+AI/ML Learning Roadmap$", rows[0])
    assert re.search(r"^  broken\s+-\s+-\s+cannot be opened: \d+:\d+: invalid TOML", rows[1]), rows[1]
    assert re.search(r"^  cs\s+1/76\s+1\.3\s+Computer Science$", rows[2])
    assert re.search(r"^  wrong\s+-\s+-\s+cannot be opened: phases\[0\]\.sections\[0\]\.", rows[3]), rows[3]
    assert all(len(line) <= 80 for line in lines[:-1])  # long problems are cut to the width (80 when piped)


def test_list_shows_file_text_literally(capsys: pytest.CaptureFixture[str]) -> None:
    put("evil", with_done(title="[bold red]x[/] \x1b[2J\u202e"))
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "[bold red]x[/] \\x1b[2J\\u202e" in out
    assert "\x1b" not in out and "\u202e" not in out


def test_list_says_how_many_are_skipped(capsys: pytest.CaptureFixture[str]) -> None:
    text = with_done("NumPy").replace(
        '{ text = "Pandas", done = false }', '{ text = "Pandas", done = false, state = "skipped" }'
    )
    put("roadmap", text)
    put("cs", with_done("NumPy", title="Computer Science"))
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^\* roadmap\s+1/75 · 1 skipped\s+1\.3\s+AI/ML Learning Roadmap$", out, re.M), out
    assert re.search(r"^  cs\s+1/76\s+1\.3\s+Computer Science$", out, re.M), out
