"""`roadmap-tui remove`: a roadmap deleted after asking, with a backup."""

from __future__ import annotations

import json

import pytest
from cli_support import TWO_DONE, _eighty_columns, answer, no_terminal, one_line_error, put  # noqa: F401 - _eighty_columns: an autouse fixture

from roadmap_tui.cli import main
from roadmap_tui.storage import backups


def test_remove_backs_up_then_deletes_and_restore_brings_it_back(capsys: pytest.CaptureFixture[str]) -> None:
    file = put("cs", TWO_DONE)
    assert main(["remove", "cs", "--yes"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert not file.exists()
    saved = backups.list_backups(file)
    assert len(saved) == 1 and saved[0].name.endswith(".before-remove.toml")
    assert saved[0].read_text(encoding="utf-8") == TWO_DONE
    assert out == f"removed the roadmap cs ({file}); its backup: {saved[0]}\n"
    assert main(["status", "-r", "cs"]) == 2  # gone
    capsys.readouterr()
    assert main(["restore", "-r", "cs", "--yes"]) == 0
    assert file.read_text(encoding="utf-8") == TWO_DONE


def test_remove_asks_and_says_the_default_comes_back(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    file = put("roadmap", TWO_DONE)
    answer(monkeypatch, "no\n")
    assert main(["remove", "roadmap"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "Remove the roadmap roadmap (2 of 76 done)? A backup is kept: roadmap-tui restore -r roadmap brings it back. "
        "It is the default roadmap: the next launch starts it afresh from the shipped roadmap. [y/N] "
    )
    assert file.exists()
    answer(monkeypatch, "y\n")
    assert main(["remove", "roadmap"]) == 0
    assert not file.exists()
    capsys.readouterr()
    # The default roadmap is still there to read: the shipped one.
    assert main(["status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["done"] == 0


def test_remove_refusals(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["remove", "nope", "--yes"]) == 2
    err = one_line_error(capsys.readouterr().err)
    assert err == "roadmap-tui: no roadmap named nope; `roadmap-tui list` shows them\n"
    assert main(["remove", "../x", "--yes"]) == 2
    assert "not a usable roadmap name" in one_line_error(capsys.readouterr().err)
    file = put("cs", TWO_DONE)
    no_terminal(monkeypatch)
    assert main(["remove", "cs"]) == 2
    assert "remove cs: no terminal to ask on; pass --yes" in one_line_error(capsys.readouterr().err)
    assert file.read_text(encoding="utf-8") == TWO_DONE
    assert backups.list_backups(file) == []


def test_remove_a_broken_roadmap(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    file = put("bad", b"not [ toml")
    answer(monkeypatch, "y\n")
    assert main(["remove", "bad"]) == 0
    assert "Remove the roadmap bad (it cannot be opened: 1:5: invalid TOML" in capsys.readouterr().err
    assert not file.exists()
    assert backups.list_backups(file)[0].read_bytes() == b"not [ toml"
