"""`roadmap-tui remove`: a roadmap deleted after asking, with a backup."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cli_support import TWO_DONE, _eighty_columns, answer, data_dir, no_terminal, one_line_error, put  # noqa: F401 - _eighty_columns: an autouse fixture

from roadmap_tui import library
from roadmap_tui.cli import main
from roadmap_tui.storage import activity, backups


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


# The activity log of a removed roadmap ---------------------------------------------------------

RECORD = {"at": "2026-12-01T20:00:00+00:00", "entry": ["Foundation Phase"], "change": "note", "chars": 3}


def test_remove_keeps_the_activity_log_with_the_backup_and_restore_brings_it_back(
    capsys: pytest.CaptureFixture[str],
) -> None:
    file = put("cs", TWO_DONE)
    activity.append(file, [RECORD])
    log = activity.log_file(file)
    assert main(["remove", "cs", "--yes"]) == 0
    out = capsys.readouterr().out
    [backup] = backups.list_backups(file)
    kept = activity.kept_with(backup)
    assert kept.name == backup.name.removesuffix(".toml") + ".activity.jsonl"
    assert out.splitlines()[1] == f"its activity log is kept beside the backup: {kept}"
    assert not log.exists()
    assert kept.read_bytes() == activity._line(RECORD)  # moved whole, never deleted
    assert backups.strays(file) == [] and [n for n, _ in library.list_roadmaps()] == []
    capsys.readouterr()
    assert main(["restore", "-r", "cs", "--yes"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == f"and its activity log: {log}"
    assert not kept.exists() and activity.read(file).records == [RECORD]


def test_a_log_that_cannot_be_moved_stops_the_remove(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    file = put("cs", TWO_DONE)
    activity.append(file, [RECORD])

    real_replace = os.replace

    def refuse(src: object, dst: object) -> None:
        if str(src).endswith(".activity.jsonl"):
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", refuse)
    assert main(["remove", "cs", "--yes"]) == 1
    err = one_line_error(capsys.readouterr().err)
    assert "activity log" in err and "Permission denied; nothing removed" in err
    assert file.read_text(encoding="utf-8") == TWO_DONE and activity.read(file).records == [RECORD]


def test_each_removal_keeps_its_own_log(capsys: pytest.CaptureFixture[str]) -> None:
    file = put("cs", TWO_DONE)
    activity.append(file, [RECORD])
    assert main(["remove", "cs", "--yes"]) == 0
    put("cs", TWO_DONE)  # the same bytes again: the remove's backup is reused
    activity.append(file, [{**RECORD, "chars": 4}])
    assert main(["remove", "cs", "--yes"]) == 0
    capsys.readouterr()
    logs = sorted(p for p in backups.backup_dir(file).iterdir() if activity.is_log(p))
    assert len(logs) == 2
    expected = [activity._line(RECORD), activity._line({**RECORD, "chars": 4})]
    assert sorted(p.read_bytes() for p in logs) == sorted(expected)


def test_removing_a_symlinked_roadmap_leaves_the_log_of_the_file_it_points_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "elsewhere" / "ml.toml"
    real.parent.mkdir()
    real.write_text(TWO_DONE, encoding="utf-8")
    link = data_dir() / "ml.toml"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(real)
    activity.append(link, [RECORD])  # beside the real file
    assert main(["remove", "ml", "--yes"]) == 0
    assert "activity log" not in capsys.readouterr().out
    assert real.exists() and activity.read(real).records == [RECORD]
