"""`roadmap-tui list` fits the terminal: numbers are never cut, long names and titles are (bug 9)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from roadmap_tui import paths
from roadmap_tui.cli import main

LONG_NAME = "docker-and-kubernetes-the-complete-guide"
LONG_TITLE = "Docker and Kubernetes: The Complete Guide"


@pytest.fixture
def long_roadmap(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An imported roadmap with a long name and title, 281 of 332 done (as the corpus course)."""
    tasks = "".join(f"- [{'x' if n < 281 else ' '}] Lecture {n}\n" for n in range(332))
    source = tmp_path / "course.md"
    source.write_text(f"# {LONG_TITLE}\n\n## Part one\n\n{tasks}", encoding="utf-8")
    assert main(["import", str(source)]) == 0
    assert (paths.data_dir() / f"{LONG_NAME}.toml").exists()
    capsys.readouterr()


def table_lines(out: str) -> list[str]:
    return out.split("\n\n")[0].splitlines()


def cut_or_whole(shown: str, whole: str) -> bool:
    """`shown` is `whole`, or a start of it ending in an ellipsis."""
    return shown == whole or (shown.endswith("…") and len(shown) > 1 and whole.startswith(shown[:-1]))


@pytest.mark.parametrize("columns", [40, 60, 80, 200])
def test_list_keeps_every_number_and_column_at_any_width(
    long_roadmap: None, columns: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    assert main(["list"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = table_lines(out)
    assert all(len(line) <= columns for line in lines), "\n".join(lines)
    assert all(len(line) <= columns for line in out.splitlines()), out  # the note below wraps too
    assert re.match(r"^\s*NAME\s+DONE\s+%\s+TITLE$", lines[0]), lines[0]
    row = next(line for line in lines if "281/332" in line)
    match = re.match(r"^  (\S+)\s+281/332\s+84\.6\s+(.+)$", row)
    assert match, row
    name, title = match.groups()
    assert cut_or_whole(name, LONG_NAME), name
    assert cut_or_whole(title, LONG_TITLE), title
    default = next(line for line in lines if line.startswith("* "))
    assert re.match(r"^\* roadmap\s+0/76\s+0\.0\s+\S", default), default
    if columns >= 100:
        assert name == LONG_NAME and title == LONG_TITLE


def test_a_broken_roadmap_keeps_its_dashes_at_40_columns(
    long_roadmap: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (paths.data_dir() / "broken.toml").write_text('title = "x\n', encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "40")
    assert main(["list"]) == 0
    lines = table_lines(capsys.readouterr().out)
    row = next(line for line in lines if line.startswith("  broken"))
    assert re.match(r"^  broken\s+-\s+-\s+cannot…?", row), row
    assert all(len(line) <= 40 for line in lines)
