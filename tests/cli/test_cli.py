"""The command line: `export`, `path`, `--version`, `--help`, and errors as one line."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, TEMPLATE

from roadmap_tui import __version__
from roadmap_tui.cli import main

EXPORTED = TEMPLATE.read_text(encoding="utf-8") + "\n"
DEFAULT_BYTES = (REPO / "data" / "default_roadmap.toml").read_bytes()


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m roadmap_tui ARGS` with this test's (isolated) environment."""
    return subprocess.run(
        [sys.executable, "-m", "roadmap_tui", *args],
        cwd=cwd,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=60,
    )


# export -----------------------------------------------------------------------------------


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


# path -------------------------------------------------------------------------------------


def test_path_prints_the_file_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mine.toml"
    assert main(["path", "--file", str(target)]) == 0
    assert capsys.readouterr().out == f"{target}\n"
    assert main(["--file", str(target), "path"]) == 0
    assert capsys.readouterr().out == f"{target}\n"
    assert not target.exists()


def test_path_honours_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from_env = tmp_path / "env.toml"
    monkeypatch.setenv("ROADMAP_TUI_FILE", str(from_env))
    assert main(["path"]) == 0
    assert capsys.readouterr().out == f"{from_env}\n"
    # --file wins over the environment
    assert main(["path", "--file", str(tmp_path / "flag.toml")]) == 0
    assert capsys.readouterr().out == f"{tmp_path / 'flag.toml'}\n"
    # and the subprocess sees the same
    result = run("path", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, f"{from_env}\n")


def test_path_defaults_to_the_data_folder(capsys: pytest.CaptureFixture[str]) -> None:
    data_home = Path(os.environ["XDG_DATA_HOME"])  # the isolated one from conftest
    assert main(["path"]) == 0
    assert capsys.readouterr().out == f"{data_home / 'roadmap-tui' / 'roadmap.toml'}\n"
    assert not data_home.exists() or not any(data_home.rglob("roadmap.toml"))


def test_path_expands_the_home_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", "--file", "~/ml.toml"]) == 0
    assert capsys.readouterr().out == f"{Path(os.environ['HOME']) / 'ml.toml'}\n"


# --version and --help ---------------------------------------------------------------------


def test_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out == f"roadmap-tui {__version__}\n"
    result = run("--version", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, f"roadmap-tui {__version__}\n")


def test_help_shows_commands_and_examples(tmp_path: Path) -> None:
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == ""
    help_text = result.stdout
    assert help_text.startswith("usage: roadmap-tui")
    for expected in ("export", "path", "--file PATH", "--version", "examples:", "roadmap-tui export -o progress.md",
                     "ROADMAP_TUI_FILE"):
        assert expected in help_text


def test_export_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["export", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "-o OUT, --output OUT" in out
    assert "examples:\n  roadmap-tui export -o progress.md" in out


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


# Invalid files ----------------------------------------------------------------------------

BAD_TOML = DEFAULT_BYTES.replace(b'title = "Deep Learning"', b'title = "Deep Learning')
BAD_FIELD = DEFAULT_BYTES.replace(
    b'{ text = "Matrix operations", done = false }', b'{ text = "Matrix operations", done = "yes" }'
)
BAD_TOML_LINE = BAD_TOML.split(b"\n").index(b'title = "Deep Learning') + 1


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (BAD_TOML, rf":{BAD_TOML_LINE}:\d+: invalid TOML: "),
        (BAD_FIELD, re.escape(': phases[0].sections[0].items[0].items[1].done: expected true or false, got "yes"')),
    ],
    ids=["bad-toml", "done-yes"],
)
def test_invalid_file_exits_2_with_one_line(default_copy: Path, tmp_path: Path, data: bytes, where: str) -> None:
    default_copy.write_bytes(data)
    for args in (["export", "--file", str(default_copy)], ["--file", str(default_copy), "export", "-o", "out.md"]):
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 2
        assert result.stdout == ""
        assert len(result.stderr.splitlines()) == 1 and result.stderr.endswith("\n")
        assert re.match(rf"roadmap-tui: {re.escape(str(default_copy))}{where}", result.stderr), result.stderr
        assert "Traceback" not in result.stdout + result.stderr
        assert default_copy.read_bytes() == data
        assert not (tmp_path / "out.md").exists()


def test_invalid_file_in_process(default_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    default_copy.write_bytes(BAD_FIELD)
    assert main(["export", "--file", str(default_copy)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"roadmap-tui: {default_copy}: phases[0].sections[0].items[0].items[1].done: "
        'expected true or false, got "yes"\n'
    )
    assert default_copy.read_bytes() == BAD_FIELD


def test_a_folder_as_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "roadmap.toml"
    folder.mkdir()
    assert main(["export", "--file", str(folder)]) == 2
    assert capsys.readouterr().err == f"roadmap-tui: {folder}: is a folder, not a roadmap file\n"


# Import hygiene ---------------------------------------------------------------------------

HYGIENE = """
import json, sys
from roadmap_tui import cli, paths
from roadmap_tui import safe_text as literal
from roadmap_tui.formats import markdown_export as markdown
from roadmap_tui.core import model
from roadmap_tui.core import progress
from roadmap_tui.storage import schema
from roadmap_tui.storage import store
codes = [cli.main(["export", "--file", sys.argv[1]]), cli.main(["path"])]
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith(("textual.", "roadmap_tui.tui.app")))
print(json.dumps({"codes": codes, "loaded": loaded}), file=sys.stderr)
"""


def test_the_core_and_cli_never_import_textual(default_copy: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", HYGIENE, str(default_copy)],
        cwd=tmp_path,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stderr.strip().splitlines()[-1])
    assert report == {"codes": [0, 0], "loaded": []}
    data_file = Path(os.environ["XDG_DATA_HOME"]) / "roadmap-tui" / "roadmap.toml"
    assert result.stdout == EXPORTED + f"{data_file}\n"


def test_export_to_a_device_writes_to_it(tmp_path: Path) -> None:
    # `-o /dev/stdout` and named pipes: not a file to replace atomically, but a place to write.
    assert main(["export", "--file", str(tmp_path / "roadmap.toml"), "-o", os.devnull]) == 0
    assert not (tmp_path / "roadmap.toml").exists()


def test_path_is_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["path", "--file", "mine.toml"]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "mine.toml")


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
