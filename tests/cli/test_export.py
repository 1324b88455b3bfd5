"""`roadmap-tui export`: Markdown and JSON, to stdout or to OUT."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import DEFAULT_BYTES, EXPORTED, TWO_DONE, _eighty_columns, put, run, with_done  # noqa: F401 - _eighty_columns: an autouse fixture

from roadmap_tui.cli import main


def test_export_prints_the_template(default_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--file", str(default_copy)]) == 0
    out, err = capsys.readouterr()
    assert out == EXPORTED
    assert err == ""
    assert default_copy.read_bytes() == DEFAULT_BYTES


def test_export_accepts_file_before_the_command(default_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--file", str(default_copy), "export"]) == 0
    assert capsys.readouterr().out == EXPORTED


def test_export_of_a_missing_file_prints_the_default_without_creating_it(
    roadmap_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--file", str(roadmap_path)]) == 0
    assert capsys.readouterr().out == EXPORTED
    assert not roadmap_path.exists()


def test_export_shows_progress(default_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = default_copy.read_text(encoding="utf-8")
    default_copy.write_text(text.replace('{ text = "NumPy", done = false }', '{ text = "NumPy", done = true }'))
    assert main(["export", "--file", str(default_copy)]) == 0
    out = capsys.readouterr().out
    assert "  - [x] NumPy\n" in out
    assert out.count("[x]") == 1


def test_export_to_a_file(default_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "progress.md"
    out_file.write_text("old content that is longer than nothing")
    assert main(["export", "--file", str(default_copy), "-o", str(out_file), "--force"]) == 0
    assert out_file.read_text(encoding="utf-8") == EXPORTED
    assert capsys.readouterr() == ("", "")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.md", "roadmap.toml"]


def test_export_dash_means_stdout(default_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--file", str(default_copy), "--output", "-"]) == 0
    assert capsys.readouterr().out == EXPORTED


def test_export_in_a_subprocess(default_copy: Path, tmp_path: Path) -> None:
    result = run("export", "--file", str(default_copy), cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, EXPORTED, "")
    result = run("export", "--file", str(default_copy), "-o", "out.md", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert (tmp_path / "out.md").read_text(encoding="utf-8") == EXPORTED


def test_export_to_a_missing_folder_fails_in_one_line(
    default_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / "folder" / "progress.md"
    assert main(["export", "--file", str(default_copy), "-o", str(target)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"roadmap-tui: {target}: cannot write")
    assert not target.parent.exists()


def test_export_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["export", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "-o OUT, --output OUT" in out
    assert "examples:\n  roadmap-tui export -o progress.md" in out


def test_export_to_a_device_writes_to_it(tmp_path: Path) -> None:
    # `-o /dev/stdout` and named pipes: not a file to replace atomically, but a place to write.
    assert main(["export", "--file", str(tmp_path / "roadmap.toml"), "-o", os.devnull]) == 0
    assert not (tmp_path / "roadmap.toml").exists()


def test_export_to_a_terminal_shows_control_characters_as_escapes(default_copy: Path) -> None:
    import pty

    text = default_copy.read_text(encoding="utf-8")
    text = text.replace('"Matrix operations"', '"Matrix \\u001b]52;c;eA==\\u0007ops"')
    default_copy.write_text(text, encoding="utf-8")
    master, slave = pty.openpty()
    try:
        process = subprocess.run(
            [sys.executable, "-m", "roadmap_tui", "export", "--file", str(default_copy)],
            stdout=slave,
            stderr=subprocess.PIPE,
            timeout=60,
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
    shown = b"".join(chunks).decode("utf-8")
    assert process.returncode == 0
    assert "Matrix \\x1b]52;c;eA==\\x07ops" in shown
    assert "\x1b" not in shown and "\x07" not in shown
    # To a pipe or a file, the Markdown is exact.
    piped = subprocess.run(
        [sys.executable, "-m", "roadmap_tui", "export", "--file", str(default_copy)], capture_output=True, timeout=60
    )
    assert "Matrix \x1b]52;c;eA==\x07ops".encode() in piped.stdout


def test_export_json(capsys: pytest.CaptureFixture[str]) -> None:
    text = TWO_DONE.replace(
        '{ text = "Resources: _[e.g., 3Blue1Brown Linear Algebra, MIT OCW]_", done = false }',
        '{ text = "Resources: _[e.g., 3Blue1Brown Linear Algebra, MIT OCW]_", done = false, text_fill = "3b1b" }',
    )
    put("roadmap", text)
    assert main(["export", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["export_version"] == 1
    assert (data["title"], data["schema"], data["done"], data["total"], data["percent"]) == (
        "AI/ML Learning Roadmap", 3, 2, 76, 2.6)
    foundation = data["phases"][0]
    assert (foundation["title"], foundation["level"], foundation["done"], foundation["total"]) == (
        "Foundation Phase", 2, 2, 27)
    assert foundation["duration"] == "_[e.g., 2-3 months]_"
    maths = foundation["sections"][0]
    assert (maths["title"], maths["level"], maths["sections"]) == ("Mathematics & Statistics Foundations", 3, [])
    algebra = maths["items"][0]
    assert (algebra["text"], algebra["checkbox"], algebra["checked"], algebra["counted"]) == (
        "Linear Algebra", True, False, False)
    assert (algebra["done"], algebra["total"], algebra["percent"]) == (1, 3, 33.3)
    vectors, _, _, resources = algebra["items"]
    assert vectors == {
        "text": "Vectors and matrices", "display_text": "Vectors and matrices", "checkbox": True, "checked": True,
        "counted": True, "resources": False, "state": "done", "done": 1, "total": 1, "percent": 100.0,
        "doing": 0, "skipped": 0, "items": [],
    }
    assert resources["resources"] is True and resources["counted"] is False
    assert resources["text"] == "Resources: _[e.g., 3Blue1Brown Linear Algebra, MIT OCW]_"
    assert resources["display_text"] == "Resources: 3b1b"
    library = data["phases"][-1]
    assert library["title"] == "Resources Library"
    bullet = library["sections"][0]["items"][0]
    assert (bullet["checkbox"], bullet["checked"], bullet["counted"], bullet["percent"]) == (False, None, False, None)

    # Every count in it agrees with its items.
    def check(entry: dict) -> tuple[int, int]:
        counted = (1 if entry["checked"] else 0, 1) if entry.get("counted") else (0, 0)
        parts = [check(child) for child in entry["items"] + entry.get("sections", [])]
        done = counted[0] + sum(p[0] for p in parts)
        total = counted[1] + sum(p[1] for p in parts)
        assert (entry["done"], entry["total"]) == (done, total)
        return done, total

    assert sum(check(phase)[1] for phase in data["phases"]) == 76


def test_export_json_to_a_file_and_escapes_what_a_terminal_would_act_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = "Bidi \u202e Csi \u009b31m Esc \x1b[2J Line\u2028Sep 漢字 🚀"
    put("cs", with_done(title=evil))
    target = tmp_path / "cs.json"
    assert main(["export", "-r", "cs", "--format", "json", "-o", str(target)]) == 0
    assert capsys.readouterr() == ("", "")
    raw = target.read_text(encoding="utf-8")
    for char in ("\u202e", "\u009b", "\x1b", "\u2028"):
        assert char not in raw
    assert "\\u202e" in raw and "\\u009b" in raw and "\\u001b" in raw and "\\u2028" in raw
    assert "漢字 🚀" in raw  # readable text stays readable
    assert json.loads(raw)["title"] == evil


def test_export_markdown_of_a_named_roadmap(capsys: pytest.CaptureFixture[str]) -> None:
    put("cs", with_done("NumPy", title="CS"))
    assert main(["export", "-r", "cs"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# CS\n") and "  - [x] NumPy\n" in out and out.count("[x]") == 1
    assert main(["export", "-r", "cs", "--format", "markdown"]) == 0
    assert capsys.readouterr().out == out


def test_export_rejects_an_unknown_format(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["export", "--format", "html"])
    assert info.value.code == 2
    assert "invalid choice: 'html'" in capsys.readouterr().err
