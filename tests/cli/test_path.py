"""`roadmap-tui path`: the roadmap file's path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_support import _eighty_columns, run  # noqa: F401 - _eighty_columns: an autouse fixture

from roadmap_tui.cli import main


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


def test_path_is_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["path", "--file", "mine.toml"]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "mine.toml")
