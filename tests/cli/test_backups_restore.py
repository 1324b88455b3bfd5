"""`roadmap-tui backups` and `roadmap-tui restore`."""

from __future__ import annotations

import re

import pytest
from cli_support import (  # noqa: F401 - _eighty_columns: an autouse fixture
    DEFAULT_BYTES,
    DEFAULT_TEXT,
    TWO_DONE,
    _eighty_columns,
    answer,
    data_dir,
    no_terminal,
    one_line_error,
    put,
    with_done,
)

from roadmap_tui.cli import main
from roadmap_tui.storage import backups


def test_backups_lists_newest_first(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backups"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"roadmap-tui: no backups of roadmap yet (they go in {data_dir() / 'backups'})\n"
    file = put("roadmap", TWO_DONE)
    first = backups.make_backup(file)
    file.write_text(DEFAULT_TEXT, encoding="utf-8")
    second = backups.make_backup(file, "before-reset")
    other = put("cs")
    backups.make_backup(other)
    assert main(["backups"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["BACKUP", "KIND", "TAKEN", "SIZE"]
    assert second is not None and first is not None
    assert lines[1].startswith(second.name) and lines[2].startswith(first.name)
    assert lines[1].split()[1] == "before-reset" and lines[2].split()[1] == "launch"
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+\d+\.\d KiB$", lines[1])
    assert f"{len(DEFAULT_BYTES) / 1024:.1f} KiB" in lines[1]
    assert lines[3] == ""
    assert "roadmap-tui restore BACKUP" in lines[4]
    assert "launch backups: the newest 20" in lines[5] and "30 days" in lines[5]
    assert len(lines) == 6  # cs's backup is not listed
    assert main(["backups", "-r", "cs"]) == 0
    assert "cs." in capsys.readouterr().out


def test_restore_the_newest_valid_backup(capsys: pytest.CaptureFixture[str]) -> None:
    file = put("roadmap", TWO_DONE)
    good = backups.make_backup(file)
    file.write_text("schema = 2\ntitle = ", encoding="utf-8")
    backups.make_backup(file)  # a broken one, newer
    file.write_text(DEFAULT_TEXT, encoding="utf-8")
    assert good is not None
    assert main(["restore", "--yes"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out == f"restored {file} from {good.name}\n"
    assert file.read_text(encoding="utf-8") == TWO_DONE
    newest = backups.list_backups(file)[0]
    assert newest.name.endswith(".before-restore.toml") and newest.read_bytes() == DEFAULT_BYTES


def test_restore_by_name_asks_first(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    file = put("cs", TWO_DONE)
    old = backups.make_backup(file)
    file.write_text(with_done("NumPy"), encoding="utf-8")
    backups.make_backup(file)
    assert old is not None
    answer(monkeypatch, "n\n")
    assert main(["restore", old.name, "-r", "cs"]) == 1
    err = capsys.readouterr().err
    assert re.match(
        rf"Restore cs from {re.escape(old.name)} \(taken \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d, 2 of 76 done\)\? "
        r"the current file \(1 of 76 done\) is backed up first\. \[y/N\] roadmap-tui: cancelled: nothing changed\n$",
        err,
    ), err
    assert file.read_text(encoding="utf-8") == with_done("NumPy")
    answer(monkeypatch, "y\n")
    assert main(["restore", old.name, "-r", "cs"]) == 0
    assert file.read_text(encoding="utf-8") == TWO_DONE


def test_restore_refusals(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    file = put("roadmap", TWO_DONE)
    assert main(["restore", "--yes"]) == 2
    assert one_line_error(capsys.readouterr().err) == (
        "roadmap-tui: roadmap has no backup that opens (roadmap-tui backups lists them)\n"
    )
    assert main(["restore", "roadmap.20250101T000000.000000Z.launch.toml", "--yes"]) == 2
    assert "no such backup" in one_line_error(capsys.readouterr().err)
    assert main(["restore", "../roadmap.toml", "--yes"]) == 2
    assert "is not a backup name" in one_line_error(capsys.readouterr().err)
    file.write_text("schema = 2\ntitle = ", encoding="utf-8")
    broken = backups.make_backup(file)
    file.write_text(TWO_DONE, encoding="utf-8")
    assert broken is not None
    assert main(["restore", broken.name, "--yes"]) == 2
    assert one_line_error(capsys.readouterr().err).startswith(f"roadmap-tui: {broken}:2:")
    no_terminal(monkeypatch)
    good = backups.make_backup(put("roadmap", DEFAULT_TEXT))
    file.write_text(TWO_DONE, encoding="utf-8")
    assert good is not None
    assert main(["restore", good.name]) == 2
    assert "restore roadmap: no terminal to ask on; pass --yes" in one_line_error(capsys.readouterr().err)
    assert file.read_text(encoding="utf-8") == TWO_DONE
