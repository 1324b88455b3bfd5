"""Reliability of the command line: nothing typed is lost, nothing hangs, nothing unsafe is shown."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from helpers import ROADMAP_BYTES as DEFAULT_BYTES
from helpers import cli_run as run
from helpers import data_roadmap, one_line

from roadmap_tui import paths
from roadmap_tui.cli import main

# 4. export -o onto a roadmap or a backup --------------------------------------------------


def test_export_onto_the_roadmap_file_itself_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    file = data_roadmap()
    assert main(["export", "-o", str(file)]) == 2
    err = one_line(capsys.readouterr().err)
    assert str(file) in err and "roadmap" in err
    assert file.read_bytes() == DEFAULT_BYTES
    assert not (file.parent / "backups").exists()


def test_export_onto_another_roadmap_of_the_data_folder_is_refused_even_with_force(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data_roadmap()
    other = data_roadmap("cs")
    assert main(["export", "-o", str(other), "--force"]) == 2
    one_line(capsys.readouterr().err)
    assert other.read_bytes() == DEFAULT_BYTES


def test_export_onto_a_backup_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    file = data_roadmap()
    backup = file.parent / "backups" / "roadmap.20250314T092653.123456Z.launch.toml"
    backup.parent.mkdir()
    backup.write_bytes(DEFAULT_BYTES)
    assert main(["export", "-o", str(backup), "--force"]) == 2
    one_line(capsys.readouterr().err)
    assert backup.read_bytes() == DEFAULT_BYTES


def test_export_onto_a_roadmap_through_a_symlink_or_a_relative_path_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "ml.toml"
    file.write_bytes(DEFAULT_BYTES)
    (tmp_path / "link.md").symlink_to(file)
    assert main(["export", "--file", str(file), "-o", str(tmp_path / "link.md"), "--force"]) == 2
    one_line(capsys.readouterr().err)
    result = run("export", "--file", "ml.toml", "-o", "./ml.toml", "--force", cwd=tmp_path)
    assert result.returncode == 2
    one_line(result.stderr)
    assert file.read_bytes() == DEFAULT_BYTES


def test_export_replaces_an_existing_other_file_only_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = data_roadmap()
    out = tmp_path / "progress.md"
    out.write_text("my notes")
    assert main(["export", "-o", str(out)]) == 2
    err = one_line(capsys.readouterr().err)
    assert str(out) in err and "--force" in err
    assert out.read_text() == "my notes"
    assert main(["export", "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("# ")
    assert file.read_bytes() == DEFAULT_BYTES


def test_export_to_a_new_file_and_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_roadmap()
    assert main(["export", "-o", str(tmp_path / "new.md")]) == 0
    assert (tmp_path / "new.md").read_text(encoding="utf-8").startswith("# ")
    assert main(["export", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("# ")


# 10. junk in backups/ is never fatal --------------------------------------------------------

JUNK = (
    "roadmap.99991399T999999.000000Z.launch.toml",  # no such date
    "roadmap.99991231T235959.999999Z.launch.toml",  # the last moment there is
)


@pytest.mark.parametrize("junk", JUNK)
def test_a_junk_name_in_backups_does_not_stop_a_backup(junk: str) -> None:
    from roadmap_tui.storage import backups

    file = data_roadmap()
    (file.parent / "backups").mkdir()
    (file.parent / "backups" / junk).touch()
    made = backups.make_backup(file, "before-reset")
    assert made is not None and made.read_bytes() == DEFAULT_BYTES
    assert all(backups.backup_time(backup) is not None for backup in backups.list_backups(file))


@pytest.mark.parametrize("junk", JUNK)
def test_a_junk_name_in_backups_does_not_stop_the_app_saving(junk: str) -> None:
    from roadmap_tui.storage.store import RoadmapStore

    file = data_roadmap()
    (file.parent / "backups").mkdir()
    (file.parent / "backups" / junk).touch()
    store = RoadmapStore(file)
    roadmap = store.load()
    item = next(i for p in roadmap.phases for s in p.sections for i in s.items if i.done is False)
    store.toggle(item)
    assert store.close(30)
    assert store.writer.error is None
    assert file.read_bytes() != DEFAULT_BYTES


@pytest.mark.parametrize("junk", JUNK)
@pytest.mark.parametrize(
    "command",
    [["reset", "--yes"], ["remove", "roadmap", "--yes"], ["restore", "--yes"], ["backups"]],
)
def test_commands_work_beside_a_junk_backup_name(
    junk: str, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    file = data_roadmap()
    text = DEFAULT_BYTES.decode().replace("done = false", "done = true", 1)
    file.write_text(text, encoding="utf-8")
    folder = file.parent / "backups"
    folder.mkdir()
    (folder / junk).touch()
    (folder / "roadmap.20250314T092653.123456Z.launch.toml").write_bytes(DEFAULT_BYTES)
    assert main(command) == 0, capsys.readouterr().err
    out, err = capsys.readouterr()
    assert "unexpected" not in err and "Traceback" not in err
    if command == ["backups"]:
        line = next(line for line in out.splitlines() if line.startswith(junk))
        # A time that is no time is not a backup; the last moment of 9999 is one (listed, in UTC).
        assert ("not a backup" in line) == (junk == JUNK[0])


def test_a_file_named_backups_is_named_as_the_culprit(capsys: pytest.CaptureFixture[str]) -> None:
    from roadmap_tui.storage import backups

    file = data_roadmap()
    (file.parent / "backups").write_text("in the way")
    with pytest.raises(OSError) as caught:
        backups.make_backup(file, "launch")
    assert str(file.parent / "backups") in caught.value.strerror
    assert "not a folder" in caught.value.strerror
    file.write_text(DEFAULT_BYTES.decode().replace("done = false", "done = true", 1), encoding="utf-8")
    assert main(["reset", "--yes"]) == 1
    err = one_line(capsys.readouterr().err)
    assert str(file.parent / "backups") in err and "not a folder" in err


# 12. backups are keyed by the full file name -----------------------------------------------


def test_roadmaps_with_the_same_stem_do_not_share_backups(tmp_path: Path) -> None:
    from roadmap_tui.errors import RoadmapError
    from roadmap_tui.storage import backups

    work_toml, work_roadmap = tmp_path / "work.toml", tmp_path / "work.roadmap"
    work_toml.write_bytes(DEFAULT_BYTES)
    other = DEFAULT_BYTES.decode().replace("done = false", "done = true", 1).encode()
    work_roadmap.write_bytes(other)
    made = backups.make_backup(work_roadmap, "before-reset")
    assert made is not None and made.name.startswith("work.roadmap.")
    assert backups.list_backups(work_toml) == []
    assert backups.list_backups(work_roadmap) == [made]
    with pytest.raises(RoadmapError):
        backups.restore(work_toml)
    assert work_toml.read_bytes() == DEFAULT_BYTES
    with pytest.raises(RoadmapError):
        backups.find_backup(work_toml, made.name)


def test_old_backups_of_a_toml_file_stay_readable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from roadmap_tui.storage import backups

    work = tmp_path / "work.toml"
    work.write_bytes(DEFAULT_BYTES)
    old = tmp_path / "backups" / "work.20250314T092653.123456Z.before-reset.toml"
    old.parent.mkdir()
    old.write_bytes(DEFAULT_BYTES.decode().replace("done = false", "done = true", 1).encode())
    new = backups.make_backup(work, "before-reset")
    assert new is not None and new.name.startswith("work.toml.")
    assert backups.list_backups(work) == [new, old]
    assert backups.list_backups(tmp_path / "work.roadmap") == []
    assert main(["restore", old.name, "--file", str(work), "--yes"]) == 0
    assert work.read_bytes() == old.read_bytes()


# 3. reset decides and writes after the answer, under the folder lock ---------------------

CHECKED = DEFAULT_BYTES.decode().replace('"Vectors and matrices", done = false', '"Vectors and matrices", done = true')
FILLED_LINE = 'duration = "_[e.g., 2-3 months]_"\n'


class AnsweringStdin:
    """A terminal whose user does `meanwhile` (the app saving a change) and then answers."""

    def __init__(self, meanwhile: object, answer: str = "y\n") -> None:
        self.meanwhile, self.answer = meanwhile, answer

    def isatty(self) -> bool:
        return True

    def readline(self) -> str:
        self.meanwhile()  # type: ignore[operator]
        return self.answer


def test_reset_keeps_what_was_saved_while_it_asked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    file = data_roadmap()
    file.write_text(CHECKED, encoding="utf-8")

    def fill_a_blank() -> None:
        text = file.read_text(encoding="utf-8").replace(FILLED_LINE, FILLED_LINE + 'duration_fill = "3 months"\n', 1)
        file.write_text(text, encoding="utf-8")

    monkeypatch.setattr(sys, "stdin", AnsweringStdin(fill_a_blank))
    assert main(["reset"]) == 0, capsys.readouterr().err
    text = file.read_text(encoding="utf-8")
    assert 'duration_fill = "3 months"' in text
    assert "done = true" not in text


def test_reset_refuses_when_the_progress_changed_while_it_asked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    file = data_roadmap()
    file.write_text(CHECKED, encoding="utf-8")
    more = CHECKED.replace('"Matrix operations", done = false', '"Matrix operations", done = true')

    monkeypatch.setattr(sys, "stdin", AnsweringStdin(lambda: file.write_text(more, encoding="utf-8")))
    assert main(["reset"]) == 1
    err = one_line(capsys.readouterr().err)
    assert "changed" in err and "2 of" in err
    assert file.read_text(encoding="utf-8") == more


# 13. every path shown on a terminal is made visible ---------------------------------------

HOSTILE = "d\x1b]52;c;aGk=\x07" + os.fsdecode(b"\x9b\xff") + "x"  # an OSC 52 write, a raw 8-bit CSI


@pytest.fixture
def hostile_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / HOSTILE))
    folder = paths.data_dir()
    folder.mkdir(parents=True)
    return folder


def shown_safely(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text
    assert not any(0xDC80 <= ord(char) <= 0xDCFF or 0x80 <= ord(char) <= 0x9F for char in text), ascii(text)


def test_visible_makes_undecodable_bytes_visible() -> None:
    from roadmap_tui.safe_text import visible

    assert visible(os.fsdecode(b"a\x9bb\xff")) == "a\\x9bb\\xff"


@pytest.mark.parametrize(
    "command", [["list"], ["backups"], ["status"], ["reset", "--yes"], ["remove", "roadmap", "--yes"]]
)
def test_paths_are_shown_literally(
    hostile_data_dir: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    (hostile_data_dir / "roadmap.toml").write_text("[", encoding="utf-8")  # broken: its path in the message
    main(command)
    out, err = capsys.readouterr()
    shown_safely(out)
    shown_safely(err)
    assert "\\x1b]52" in out + err


def test_path_is_exact_in_a_pipe(hostile_data_dir: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["path"]) == 0
    assert capsysbinary.readouterr().out == os.fsencode(hostile_data_dir / "roadmap.toml") + b"\n"


def test_path_is_literal_on_a_terminal(
    hostile_data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["path"]) == 0
    out = capsys.readouterr().out
    shown_safely(out)
    assert "\\x1b]52" in out and "\\x9b\\xff" in out


async def test_the_reload_toast_shows_an_escape_in_the_file_name_as_text(tmp_path) -> None:
    """An OSC 2 sequence in the name once retitled the terminal through this toast (issue 14, 13)."""
    import shutil

    from roadmap_tui.tui.app import RoadmapApp
    from tests.conftest import REPO

    path = tmp_path / "\x1b]2;pwned\x07.toml"
    shutil.copyfile(REPO / "data" / "default_roadmap.toml", path)
    app = RoadmapApp(path=path, watch_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('text = "Matrix operations", done = false', 'text = "Matrix operations", done = true', 1),
                        encoding="utf-8")
        for _ in range(100):
            await pilot.pause(0.05)
            if any("changed by another program" in str(n.message) for n in app._notifications):
                break
        messages = [str(n.message) for n in app._notifications if "changed by another program" in str(n.message)]
        assert messages, "the app reloaded"
        assert all("\x1b" not in m and "\x07" not in m for m in messages), messages
        assert "\\x1b]2;pwned\\x07" in messages[0]
