"""`roadmap-tui import`: a Markdown checklist becomes a named roadmap."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import TWO_DONE, _eighty_columns, data_dir, one_line_error, put  # noqa: F401 - _eighty_columns: an autouse fixture

from roadmap_tui.cli import main
from roadmap_tui.storage import backups

CHECKLIST = (
    "# Coding Interview University\r\n"
    "\r\n"
    "Intro text that stays.\r\n"
    "\r\n"
    "## Data structures\r\n"
    "\r\n"
    "- [ ] Arrays\r\n"
    "    - [x] Implement a vector\r\n"
    "    - [ ] Resources: _[a video]_\r\n"
    "- [ ] Linked lists\r\n"
    "\r\n"
    "## Algorithms\r\n"
    "\r\n"
    "1. [X] Binary search\r\n"
    "2. [ ] Sorting `O(n log n)`\r\n"
)


@pytest.fixture
def mdimport() -> object:
    return pytest.importorskip("roadmap_tui.formats.markdown_import")


def test_import_a_markdown_checklist(tmp_path: Path, mdimport: object, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "README.md"
    source.write_bytes(b"\xef\xbb\xbf" + CHECKLIST.encode("utf-8"))
    assert main(["import", str(source)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    target = data_dir() / "coding-interview-university.toml"
    assert target.is_file()
    assert f"imported 6 tasks (4 to check off) from {source} as roadmap coding-interview-university: {target}" in out
    assert "roadmap-tui -r coding-interview-university" in out
    # It opens by name, counts right, and gives back the original bytes (BOM, CRLF and all).
    assert main(["status", "-r", "coding-interview-university", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["title"], data["done"], data["total"]) == ("Coding Interview University", 2, 4)
    assert main(["export", "-r", "coding-interview-university", "-o", str(tmp_path / "back.md")]) == 0
    assert (tmp_path / "back.md").read_bytes() == source.read_bytes()


def test_import_exports_the_same_bytes_to_stdout(
    tmp_path: Path, mdimport: object, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    source = tmp_path / "plan.md"
    source.write_bytes(CHECKLIST.encode("utf-8").rstrip(b"\r\n"))  # and no final newline
    assert main(["import", str(source), "--name", "plan"]) == 0
    capsysbinary.readouterr()
    assert main(["export", "-r", "plan"]) == 0
    assert capsysbinary.readouterr().out == source.read_bytes()


def test_import_names_a_roadmap_from_its_title_else_its_file(
    tmp_path: Path, mdimport: object, capsys: pytest.CaptureFixture[str]
) -> None:
    no_heading = tmp_path / "My Study Plan.md"
    no_heading.write_text("- [ ] one\n- [ ] two\n", encoding="utf-8")
    assert main(["import", str(no_heading)]) == 0
    assert (data_dir() / "my-study-plan.toml").is_file()
    named = tmp_path / "x.md"
    named.write_text("# Ignored title\n\n- [ ] one\n", encoding="utf-8")
    assert main(["import", str(named), "--name", "chosen"]) == 0
    assert (data_dir() / "chosen.toml").is_file()
    assert not (data_dir() / "ignored-title.toml").exists()
    emoji = tmp_path / "🚀.md"
    emoji.write_text("# 🚀\n\n- [ ] one\n", encoding="utf-8")
    assert main(["import", str(emoji)]) == 0
    assert (data_dir() / "imported.toml").is_file()
    out = capsys.readouterr().out
    assert "as roadmap my-study-plan" in out and "as roadmap chosen" in out and "as roadmap imported" in out


def test_import_refuses_to_overwrite_without_force(
    tmp_path: Path, mdimport: object, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = put("plan", TWO_DONE)
    source = tmp_path / "plan.md"
    source.write_text("# Plan\n\n- [ ] one\n- [x] two\n", encoding="utf-8")
    assert main(["import", str(source)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert one_line_error(err) == (
        f"roadmap-tui: a roadmap named plan already exists ({existing}); pass --force to replace it "
        "(it is backed up first) or --name to choose another name\n"
    )
    assert existing.read_text(encoding="utf-8") == TWO_DONE
    assert not backups.backup_dir(existing).exists()

    assert main(["import", str(source), "--force"]) == 0
    out = capsys.readouterr().out
    saved = backups.list_backups(existing)
    assert len(saved) == 1 and saved[0].name.endswith(".before-import.toml")
    assert saved[0].read_text(encoding="utf-8") == TWO_DONE
    assert f"backed up in {saved[0]}" in out
    assert main(["export", "-r", "plan"]) == 0
    assert capsys.readouterr().out == "# Plan\n\n- [ ] one\n- [x] two\n"


def test_reset_of_an_imported_roadmap_unchecks_its_markdown(
    tmp_path: Path, mdimport: object, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "README.md"
    source.write_bytes(CHECKLIST.encode("utf-8"))
    assert main(["import", str(source), "--name", "ciu"]) == 0
    assert main(["reset", "-r", "ciu", "--yes"]) == 0
    assert "(2 were done)" in capsys.readouterr().out
    assert main(["export", "-r", "ciu", "-o", str(tmp_path / "back.md")]) == 0
    unchecked = CHECKLIST.replace("[x]", "[ ]").replace("[X]", "[ ]")
    assert (tmp_path / "back.md").read_bytes() == unchecked.encode("utf-8")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no such file"),
        ("folder", "not a file (it is a folder)"),
        (b"# Notes\n\nJust prose, and a list:\n\n- one\n- two\n", ""),
        (b"\x00\x01\x02binary\xff", ""),
        (b"# Caf\xe9\n\n- [ ] x\n", ""),
    ],
    ids=["missing", "folder", "no-tasks", "binary", "latin-1"],
)
def test_import_of_bad_input_is_one_line_and_writes_nothing(
    tmp_path: Path, mdimport: object, capsys: pytest.CaptureFixture[str], content: object, problem: str
) -> None:
    source = tmp_path / "input.md"
    if content == "folder":
        source.mkdir()
    elif isinstance(content, bytes):
        source.write_bytes(content)
    assert main(["import", str(source)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert one_line_error(err).startswith(f"roadmap-tui: {source}")
    assert problem in err
    assert not data_dir().exists() or not list(data_dir().rglob("*.toml"))


def test_import_of_a_too_big_file(tmp_path: Path, mdimport: object, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "huge.md"
    with source.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)  # sparse: nothing is really written
    assert main(["import", str(source)]) == 2
    err = one_line_error(capsys.readouterr().err)
    assert "20,971,521 bytes" in err and "at most 20,971,520" in err
    assert not data_dir().exists()


def test_import_with_a_bad_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "x.md"
    source.write_text("- [ ] one\n", encoding="utf-8")
    assert main(["import", str(source), "--name", "../evil"]) == 2
    assert "--name: '../evil' is not a usable roadmap name" in one_line_error(capsys.readouterr().err)
    assert not data_dir().exists()
