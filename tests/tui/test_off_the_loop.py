"""Nothing on the event loop waits on a disk: each wait that can hang (quit, a signal's quit,
switching roadmaps, recovering, finding a backup, writing elsewhere, the settings file, the
list of roadmaps) is made to hang here, and the app must keep answering meanwhile, then finish
the job once the disk answers.

Each test patches the disk call with `helpers.Stuck`, which waits until released (or gives up
after its limit, so a blocked loop fails the test instead of hanging it). `stuck.on_loop` says
whether the call was made on the event loop's thread: never, for any of them.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from helpers import Stuck, screen_words, settle, until

from roadmap_tui import library, paths, settings
from roadmap_tui.storage import backups
from roadmap_tui.storage.store import RoadmapStore
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.screens.help import HelpScreen
from roadmap_tui.tui.screens.load_error import LoadErrorScreen
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.screens.save_as import SaveAsScreen
from roadmap_tui.tui.screens.unsaved import UnsavedScreen

DEFAULT_BYTES = (REPO / "data" / "default_roadmap.toml").read_bytes()
BROKEN = b'schema = 2\ntitle = "x"\n[[phases]\ntitle = "broken"\n'


def cursor(app: RoadmapApp) -> int:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen.tree.cursor_line


async def the_tree_still_answers(app: RoadmapApp, pilot: Any) -> None:
    """A key moves the tree's cursor, and the screen shows it: the loop is not waiting."""
    before = cursor(app)
    await pilot.press("down")
    await pilot.pause()
    assert cursor(app) == before + 1


async def test_quit_writes_the_view_state_off_the_loop(default_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stuck = Stuck()
    monkeypatch.setattr(RoadmapStore, "save_view", stuck.wrap(RoadmapStore.save_view))
    app = RoadmapApp(path=default_copy, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        with stuck.held():
            await pilot.press("q")
            assert await until(pilot, stuck.entered.is_set)
            await pilot.press("question_mark")  # the app answers while the file waits
            await pilot.pause()
            assert stuck.waiting and isinstance(app.screen, HelpScreen)
        await until(pilot, lambda: app.return_code is not None)
    assert not stuck.on_loop
    assert app.return_code == 0


async def test_a_signal_s_quit_waits_for_the_disk_off_the_loop(default_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stuck = Stuck()
    real_flush = RoadmapStore.flush
    waiting_flush = stuck.wrap(real_flush)

    def flush(store: RoadmapStore, timeout: float | None = None) -> bool:
        # (a look without waiting, `flush(0)`, never waits: only a real wait is stuck)
        return real_flush(store, timeout) if timeout == 0 else waiting_flush(store, timeout)

    app = RoadmapApp(path=default_copy, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "space", "shift+tab")
        await pilot.pause()
        monkeypatch.setattr(RoadmapStore, "flush", flush)
        with stuck.held():
            app._on_signal()
            assert await until(pilot, stuck.entered.is_set)
            await the_tree_still_answers(app, pilot)
            assert stuck.waiting and app.return_code is None
        await until(pilot, lambda: app.return_code is not None)
    assert not stuck.on_loop
    assert app.return_code == 0
    data = tomllib.loads(default_copy.read_text(encoding="utf-8"))
    assert data["phases"][0]["sections"][0]["items"][0]["items"][0]["done"] is True


async def test_switching_loads_the_other_roadmap_off_the_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = paths.data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "roadmap.toml").write_bytes(DEFAULT_BYTES)
    (folder / "second.toml").write_bytes(DEFAULT_BYTES.replace(b'title = "AI/ML Learning Roadmap', b'title = "Second Roadmap', 1))
    stuck = Stuck()
    app = RoadmapApp(path=paths.roadmap_file(), watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # (the start-up's own load is on the loop: the first frame waits for the file anyway)
        monkeypatch.setattr(RoadmapStore, "load", stuck.wrap(RoadmapStore.load))
        with stuck.held():
            await app.switch_roadmap(folder / "second.toml")
            assert await until(pilot, stuck.entered.is_set)
            # The loop answers: it draws "Opening…", which takes the keys meanwhile (a change to
            # the roadmap being left would go to a store about to close: tests/tui/test_switch_race.py).
            await pilot.press("down")
            assert await until(pilot, lambda: "Opening second…" in screen_words(app))
            assert stuck.waiting and app.store.path == folder / "roadmap.toml"
        await settle(pilot)
        assert app.store.path == folder / "second.toml"
        assert "Second Roadmap" in screen_words(app)
        await pilot.press("q")
    assert not stuck.on_loop


async def test_recovering_moves_and_loads_off_the_loop(roadmap_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    roadmap_path.write_bytes(BROKEN)
    stuck = Stuck()
    monkeypatch.setattr(backups, "move_aside", stuck.wrap(backups.move_aside))
    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoadErrorScreen)
        with stuck.held():
            await pilot.press("m")
            assert await until(pilot, stuck.entered.is_set)
            await pilot.press("question_mark")
            await pilot.pause()
            assert stuck.waiting and isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            await pilot.pause()
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("q")
    assert not stuck.on_loop


async def test_the_load_error_screen_finds_a_backup_off_the_loop(
    default_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backups.make_backup(default_copy, "launch")
    default_copy.write_bytes(BROKEN)
    stuck = Stuck()
    monkeypatch.setattr(backups, "newest_valid_backup", stuck.wrap(backups.newest_valid_backup))
    app = RoadmapApp(path=default_copy, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        with stuck.held():
            assert await until(pilot, stuck.entered.is_set)
            await pilot.pause()
            text = screen_words(app)
            assert stuck.waiting and "can't be opened" in text, "shown while the backups are read"
            assert "b to move it aside" not in text
        await settle(pilot)
        assert "b to move it aside and start from the newest backup" in screen_words(app)
        await pilot.press("q")
    assert not stuck.on_loop


async def unsaved_question(app: RoadmapApp, pilot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A change that can't be written, then `q`: the unsaved question."""
    from roadmap_tui.storage import fs

    def read_only(path: Path, data: bytes) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(fs, "atomic_write", read_only)
    await pilot.press("tab", "space")
    await pilot.pause()
    app.store.flush(5)
    await pilot.press("q")
    assert await until(pilot, lambda: isinstance(app.screen, UnsavedScreen))
    monkeypatch.undo()


@pytest.mark.parametrize("call", ["snapshot", "atomic_write"])
async def test_write_elsewhere_takes_the_snapshot_and_writes_it_off_the_loop(
    default_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    from roadmap_tui.storage import fs

    target = tmp_path / "elsewhere" / "rescued.toml"
    app = RoadmapApp(path=default_copy, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await unsaved_question(app, pilot, monkeypatch)
        stuck = Stuck()
        owner: Any = RoadmapStore if call == "snapshot" else fs
        monkeypatch.setattr(owner, call, stuck.wrap(getattr(owner, call)))
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, SaveAsScreen), "shown at once: the snapshot is taken with the write"
        field = app.screen.query_one("#save-as-path")
        field.value = str(target)
        with stuck.held():
            await pilot.press("enter")
            assert await until(pilot, stuck.entered.is_set)
            await pilot.press("end", "x")  # typing still reaches the field
            await pilot.pause()
            assert stuck.waiting and field.value == f"{target}x" and app.return_code is None
        await until(pilot, lambda: app.return_code is not None)
    assert not stuck.on_loop
    assert app.return_code == 1 and target.exists()


async def test_the_chosen_theme_is_saved_off_the_loop(default_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stuck = Stuck()
    monkeypatch.setattr(settings, "save_theme", stuck.wrap(settings.save_theme))
    app = RoadmapApp(path=default_copy, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        with stuck.held():
            app.theme = "roadmap-light"
            assert await until(pilot, stuck.entered.is_set)
            await the_tree_still_answers(app, pilot)
            assert stuck.waiting
        await settle(pilot)
        assert stuck.returned.is_set()
        await pilot.press("q")
    assert not stuck.on_loop
    assert settings.load().theme == "roadmap-light"


async def test_the_palette_lists_the_roadmaps_off_the_loop(default_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stuck = Stuck()
    monkeypatch.setattr(library, "list_roadmaps", stuck.wrap(library.list_roadmaps))
    app = RoadmapApp(path=default_copy, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        with stuck.held():
            await pilot.press("ctrl+p")
            assert await until(pilot, stuck.entered.is_set)
            await pilot.press(*"calc")  # the palette's field takes the keys meanwhile
            await pilot.pause()
            assert stuck.waiting and "calc" in screen_words(app)
        assert await until(pilot, stuck.returned.is_set)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("q")
    assert not stuck.on_loop
