"""Reliability of reading and naming files: pipes and devices, long names, exit statuses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROADMAP_BYTES as DEFAULT_BYTES
from helpers import cli_run as run
from helpers import data_roadmap, one_line

from roadmap_tui import library, paths
from roadmap_tui.cli import main

# 6. only regular files are opened; reads are bounded --------------------------------------


@pytest.mark.parametrize(
    "command", [["status"], ["export"], ["remove", "roadmap", "--yes"], ["reset", "--yes"], ["restore", "--yes"]]
)
def test_a_named_pipe_as_the_roadmap_does_not_hang(command: list[str], tmp_path: Path) -> None:
    folder = paths.data_dir()
    folder.mkdir(parents=True)
    os.mkfifo(folder / "roadmap.toml")
    if command[0] == "restore":
        (folder / "backups").mkdir()
        (folder / "backups" / "roadmap.toml.20250314T092653.123456Z.launch.toml").write_bytes(DEFAULT_BYTES)
    result = run(*command, cwd=tmp_path, timeout=15)
    err = one_line(result.stderr)
    assert "named pipe" in err and "roadmap.toml" in err
    assert result.returncode == 2
    assert (folder / "roadmap.toml").is_fifo()


def test_a_device_as_the_roadmap_is_refused_at_once(tmp_path: Path) -> None:
    result = run("--file", "/dev/zero", "status", cwd=tmp_path, timeout=15)
    assert result.returncode == 2
    assert "/dev/zero" in one_line(result.stderr) and "device" in result.stderr


def test_the_app_store_refuses_a_named_pipe_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    code = (
        "import sys; from pathlib import Path; from roadmap_tui.storage.store import RoadmapStore\n"
        "from roadmap_tui.errors import RoadmapError\n"
        "try:\n    RoadmapStore(Path(sys.argv[1])).load()\nexcept RoadmapError as e:\n    print(e.one_line())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(fifo)], capture_output=True, text=True, timeout=15, env=dict(os.environ)
    )
    assert "named pipe" in result.stdout, result.stderr


def test_reading_is_bounded_by_the_bytes_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from roadmap_tui.errors import RoadmapError
    from roadmap_tui.storage import reader as files

    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * 5000)
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 4096)
    real_stat, real_fstat = os.stat, os.fstat

    class Lying:  # a size of 0, as a file that grows, or /proc, reports
        def __init__(self, st: os.stat_result) -> None:
            self._st = st

        def __getattr__(self, name: str) -> object:
            return 0 if name == "st_size" else getattr(self._st, name)

    monkeypatch.setattr(os, "stat", lambda *a, **k: Lying(real_stat(*a, **k)))
    monkeypatch.setattr(os, "fstat", lambda fd: Lying(real_fstat(fd)))
    with pytest.raises(RoadmapError) as caught:
        files.read_data(big)
    assert "at most 4,096" in caught.value.one_line()


# 11. the longest names fit every suffix ---------------------------------------------------

LONGEST = ["𝐀" * 50, "学" * 64]  # the most bytes (200), the most characters (64)
MD = b"# Long\n\n## Part\n\n- [ ] one\n- [ ] two\n"


def all_items(node: object) -> list[object]:
    found = list(getattr(node, "items", []))
    for section in [*getattr(node, "phases", []), *getattr(node, "sections", [])]:
        found += all_items(section)
    return found


def toggle_and_save(file: Path) -> None:
    from roadmap_tui.storage.store import RoadmapStore

    store = RoadmapStore(file)
    roadmap = store.load()
    item = next(i for i in all_items(roadmap) if getattr(i, "done", None) is not None)
    store.toggle(item)
    assert store.close(30)
    assert store.writer.error is None, store.writer.error


@pytest.mark.parametrize("name", LONGEST, ids=["200-bytes", "64-characters"])
def test_the_longest_name_imports_saves_backs_up_restores_and_is_removed(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "long.md"
    source.write_bytes(MD)
    assert main(["import", str(source), "--name", name]) == 0, capsys.readouterr().err
    file = paths.data_dir() / f"{name}.toml"
    toggle_and_save(file)  # the app's first save: a launch backup, then the write
    toggle_and_save(file)
    assert main(["reset", "-r", name, "--yes"]) == 0, capsys.readouterr().err
    assert main(["restore", "-r", name, "--yes"]) == 0, capsys.readouterr().err
    assert main(["backups", "-r", name]) == 0
    assert main(["remove", name, "--yes"]) == 0, capsys.readouterr().err
    assert not file.exists()
    assert main(["restore", "-r", name, "--yes"]) == 0, capsys.readouterr().err
    assert file.exists()
    for entry in [*file.parent.iterdir(), *(file.parent / "backups").iterdir()]:
        assert len(os.fsencode(entry.name)) <= 255


def test_a_name_too_long_in_bytes_is_refused_and_a_title_is_cut_to_fit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "𝐀" * 50 + "b" * 14  # 64 characters, 214 bytes
    source = tmp_path / "long.md"
    source.write_bytes(MD)
    assert main(["import", str(source), "--name", name]) == 2
    err = one_line(capsys.readouterr().err)
    assert "bytes" in err
    assert not any(paths.data_dir().glob("*.toml"))
    slug = library.name_from_title(name)
    assert slug and len(slug.encode("utf-8")) <= library.MAX_NAME_BYTES
    assert library.check_name(slug) == slug


def test_a_file_with_a_255_byte_name_saves_and_backs_up(tmp_path: Path) -> None:
    from roadmap_tui.storage import backups

    file = tmp_path / ("r" * 250 + ".toml")
    file.write_bytes(DEFAULT_BYTES)
    toggle_and_save(file)
    found = backups.list_backups(file)
    assert len(found) == 1 and found[0].read_bytes() == DEFAULT_BYTES
    assert backups.list_backups(tmp_path / ("r" * 249 + "s.toml")) == []
    backups.restore(file)
    assert file.read_bytes() == DEFAULT_BYTES


# 15. the command line's exit statuses and messages -----------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_export_to_a_full_disk_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    data_roadmap()
    assert main(["export", "-o", "/dev/full"]) == 1
    assert "/dev/full" in one_line(capsys.readouterr().err)


def test_status_json_escapes_undecodable_path_bytes(tmp_path: Path) -> None:
    import json

    folder = tmp_path / os.fsdecode(b"r\xff")
    folder.mkdir()
    file = folder / "roadmap.toml"
    file.write_bytes(DEFAULT_BYTES)
    result = subprocess.run(
        [sys.executable, "-m", "roadmap_tui", "status", "--json", "--file", os.fsencode(file)],
        capture_output=True,
        timeout=60,
        env=dict(os.environ),
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.decode("utf-8"))  # strict UTF-8: no raw byte 0xff
    assert data["file"].endswith("r\\xff/roadmap.toml")


@pytest.mark.parametrize("command", [["status"], ["list"], ["export"]])
def test_a_data_folder_that_is_a_file_is_named(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    folder = paths.data_dir()
    folder.parent.mkdir(parents=True)
    folder.write_text("not a folder")
    assert main(command) == 1
    out, err = capsys.readouterr()
    err = one_line(err)
    assert str(folder) in err and "not a folder" in err
    assert "not created yet" not in out + err


async def test_a_save_keeps_the_files_byte_order_mark_and_its_crlf_lines(tmp_path) -> None:
    """Issue 14, 15: a BOM was dropped on save."""
    from roadmap_tui.tui.app import RoadmapApp
    from tests.conftest import REPO

    path = tmp_path / "roadmap.toml"
    original = (REPO / "data" / "default_roadmap.toml").read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n"))
    app = RoadmapApp(path=path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "space", "end", "e", *"3b1b", "enter")
        await pilot.pause()
        app.store.flush(5)
        await pilot.press("q")
    data = path.read_bytes()
    assert b"3b1b" in data and b"done = true" in data
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\n") == data.count(b"\r\n"), "no LF-only line"


def test_a_file_named_like_another_files_stem_never_shares_its_backups(tmp_path) -> None:
    """From a review: `work` beside `work.toml` took work.toml's legacy backups as its own, and
    work.toml took work's."""
    from roadmap_tui.storage import backups
    from tests.conftest import REPO

    default = (REPO / "data" / "default_roadmap.toml").read_bytes()
    (tmp_path / "work").write_bytes(default)
    (tmp_path / "work.toml").write_bytes(default.replace(b"AI/ML Learning Roadmap", b"Work Roadmap", 1))
    folder = tmp_path / "backups"
    folder.mkdir()
    legacy = folder / "work.20240101T000000.000000Z.launch.toml"  # work.toml's, named the old way
    legacy.write_bytes(default)
    made = backups.make_backup(tmp_path / "work", "before-reset")
    assert made is not None
    of_work_toml = backups.list_backups(tmp_path / "work.toml")
    assert made not in of_work_toml, "work's backup is not work.toml's"
