"""Getting out of trouble in the app: a file that can't be opened, a save that can't be written,
and switching between roadmaps."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from conftest import LA_PATH, REPO, child, get
from helpers import screen_words

from roadmap_tui import paths
from roadmap_tui.storage import backups
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.screens.load_error import LoadErrorScreen
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.screens.save_as import SaveAsScreen
from roadmap_tui.tui.screens.unsaved import UnsavedScreen

DEFAULT_BYTES = (REPO / "data" / "default_roadmap.toml").read_bytes()
BROKEN = b'schema = 2\ntitle = "x"\n[[phases]\ntitle = "broken"\n'
MATRIX = b'{ text = "Matrix operations", done = false }'


def broken_copies(folder: Path) -> list[Path]:
    return sorted(folder.glob("roadmap.toml.broken-*"))


async def test_move_a_broken_file_aside_and_start_from_the_default(roadmap_path: Path) -> None:
    roadmap_path.write_bytes(BROKEN)
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoadErrorScreen)
        text = screen_words(app)
        assert "Press m to move it aside" in text and "b to move it aside" not in text  # no backup yet
        await pilot.press("b")  # not offered: does nothing
        await pilot.pause()
        assert isinstance(app.screen, LoadErrorScreen) and broken_copies(roadmap_path.parent) == []
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "started from the default roadmap" in " ".join(n.message for n in app._notifications)
        await pilot.press("tab", "space")
        await pilot.pause()
        app.store.flush(5)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    (moved,) = broken_copies(roadmap_path.parent)
    assert moved.read_bytes() == BROKEN, "nothing is deleted: the bad file is renamed"
    data = tomllib.loads(roadmap_path.read_text(encoding="utf-8"))
    assert data["phases"][0]["sections"][0]["items"][0]["items"][0]["done"] is True


async def test_start_from_the_newest_backup_that_opens(default_copy: Path) -> None:
    good = DEFAULT_BYTES.replace(MATRIX, MATRIX.replace(b"false", b"true"))
    default_copy.write_bytes(good)
    backups.make_backup(default_copy, "launch")
    default_copy.write_bytes(BROKEN)
    backups.make_backup(default_copy, "launch")  # a newer backup, itself broken: skipped
    default_copy.write_bytes(BROKEN + b"# and worse\n")
    app = RoadmapApp(path=default_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoadErrorScreen)
        assert "b to move it aside and start from the newest backup" in screen_words(app)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert child(get(app.store.roadmap, *LA_PATH), "Matrix operations").done is True
        await pilot.press("q")
        await pilot.pause()
    assert default_copy.read_bytes().startswith(good)  # and the selection, written on quit
    (moved,) = broken_copies(default_copy.parent)
    assert moved.read_bytes() == BROKEN + b"# and worse\n"


async def test_a_folder_in_the_files_place_offers_no_move(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    path.mkdir()
    app = RoadmapApp(path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoadErrorScreen)
        assert "Press m" not in screen_words(app)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, LoadErrorScreen) and path.is_dir()
        await pilot.press("q")
    assert app.return_code == 2


async def test_unsaved_changes_can_be_written_to_another_file(
    roadmap_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roadmap_tui.storage import fs

    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        before = roadmap_path.read_bytes()

        def read_only(path: Path, data: bytes) -> None:
            raise OSError(30, "Read-only file system")

        monkeypatch.setattr(fs, "atomic_write", read_only)
        await pilot.press("tab", "space", "down", "space")
        await pilot.pause()
        app.store.flush(5)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen)
        monkeypatch.undo()  # the other place can be written
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, SaveAsScreen)
        field = app.screen.query_one("#save-as-path")
        assert "roadmap-unsaved-" in field.value
        existing = tmp_path / "exists.toml"
        existing.write_text("mine", encoding="utf-8")
        field.value = str(existing)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveAsScreen), "an existing file is never replaced"
        assert "exists" in screen_words(app) and existing.read_text(encoding="utf-8") == "mine"
        target = tmp_path / "elsewhere" / "rescued.toml"
        field.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 1
    assert roadmap_path.read_bytes() == before, "the unwritable file is untouched"
    rescued = tomllib.loads(target.read_text(encoding="utf-8"))
    items = rescued["phases"][0]["sections"][0]["items"][0]["items"]
    assert [items[0]["done"], items[1]["done"]] == [True, True]


async def test_the_palette_switches_roadmaps_and_the_title_names_the_open_one() -> None:
    folder = paths.data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "roadmap.toml").write_bytes(DEFAULT_BYTES)
    other = DEFAULT_BYTES.replace(b'title = "AI/ML Learning Roadmap', b'title = "Second Roadmap', 1)
    (folder / "second.toml").write_bytes(other)
    app = RoadmapApp(path=paths.roadmap_file())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "AI/ML Learning Roadmap" in screen_words(app).splitlines()[0]
        await pilot.press("tab", "space")  # a change in the first roadmap, saved before switching
        await pilot.pause()
        await pilot.press("ctrl+p", *"open second")
        await pilot.pause(0.5)
        assert "Open roadmap second" in screen_words(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.store.path == folder / "second.toml"
        assert "Second Roadmap" in screen_words(app).splitlines()[0]
        await pilot.press("q")
        await pilot.pause()
    first = tomllib.loads((folder / "roadmap.toml").read_text(encoding="utf-8"))
    assert first["phases"][0]["sections"][0]["items"][0]["items"][0]["done"] is True
    second = tomllib.loads((folder / "second.toml").read_text(encoding="utf-8"))
    assert second["phases"][0]["sections"][0]["items"][0]["items"][0]["done"] is False
