"""The command line as a whole: --version, --help, usage errors, a roadmap file that cannot be
used, exit statuses, the crash log, and that `status`/`export` never load Textual or tomlkit."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import DEFAULT_BYTES, EXPORTED, _eighty_columns, data_dir, one_line_error, run  # noqa: F401 - _eighty_columns: an autouse fixture

from roadmap_tui import __version__, paths
from roadmap_tui.cli import main

BAD_TOML = DEFAULT_BYTES.replace(b'title = "Deep Learning"', b'title = "Deep Learning')


BAD_FIELD = DEFAULT_BYTES.replace(
    b'{ text = "Matrix operations", done = false }', b'{ text = "Matrix operations", done = "yes" }'
)


BAD_TOML_LINE = BAD_TOML.split(b"\n").index(b'title = "Deep Learning') + 1


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
loaded = sorted(m for m in sys.modules if m in ("textual", "tomlkit") or m.startswith(("textual.", "tomlkit.", "roadmap_tui.tui")))
print(json.dumps({"codes": codes, "loaded": loaded}), file=sys.stderr)
"""


COMMANDS = ("list", "status", "export", "import", "reset", "remove", "backups", "restore", "path")


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


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


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


def test_the_core_and_cli_never_import_textual_or_tomlkit(default_copy: Path, tmp_path: Path) -> None:
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


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: roadmap-tui {command}")
    assert re.search(rf"examples?:\n  roadmap-tui {command}\b", out), out


def test_top_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in COMMANDS:
        assert re.search(rf"^    {command}\s+\w", out, re.M), command
    assert "-r NAME, --roadmap NAME" in out


def test_an_unexpected_error_names_the_crash_log(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from roadmap_tui.formats import json_export as jsonexport

    def boom(roadmap: object) -> str:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(jsonexport, "to_json", boom)
    assert main(["export", "--format", "json"]) == 1
    out, err = capsys.readouterr()
    log = paths.crash_log()
    assert out == ""
    assert one_line_error(err) == (
        f"roadmap-tui: stopped on an unexpected error (RuntimeError: boom\\nsecond line); details are in {log}\n"
    )
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "in boom" in text and "RuntimeError: boom" in text


def test_a_file_system_refusal_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The data folder's place is taken by a file: nothing can be written there.
    data_dir().parent.mkdir(parents=True, exist_ok=True)
    data_dir().write_text("in the way")
    source = tmp_path / "x.md"
    source.write_text("- [ ] one\n", encoding="utf-8")
    pytest.importorskip("roadmap_tui.formats.markdown_import")
    assert main(["import", str(source), "--name", "x"]) == 1
    err = one_line_error(capsys.readouterr().err)
    assert str(data_dir()) in err
    assert data_dir().read_text() == "in the way"
