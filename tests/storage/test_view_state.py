"""What the app shows (the selected entry, the open branches) is kept in a view-state file of its
own, under the user state folder: browsing never writes the roadmap file or takes a backup."""

from __future__ import annotations

import json
import os
import pwd
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import LA_PATH, REPO

from roadmap_tui import paths
from roadmap_tui.core.outline import title_path
from roadmap_tui.storage import backups
from roadmap_tui.storage import view_state as viewstate
from roadmap_tui.storage.store import RoadmapStore
from roadmap_tui.storage.view_state import ViewState
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.screens.main import MainScreen, _tree_nodes

DEFAULT_BYTES = (REPO / "data" / "default_roadmap.toml").read_bytes()
CALCULUS = ["Foundation Phase", "Mathematics & Statistics Foundations", "Calculus"]
PROBABILITY = ["Foundation Phase", "Mathematics & Statistics Foundations", "Probability & Statistics"]


# Where the state file is ------------------------------------------------------------------


def test_the_state_folder_is_under_the_test_home_never_the_real_one(tmp_path: Path) -> None:
    folder = paths.view_state_dir()
    assert folder == Path(os.environ[paths.ENV_STATE_DIR])
    assert Path(os.environ["HOME"]) in folder.parents
    real_home = Path(pwd.getpwuid(os.getuid()).pw_dir)  # the account's home, not the test's $HOME
    assert Path(os.environ["HOME"]) != real_home
    state = paths.view_state_file(tmp_path / "roadmap.toml")
    assert state.parent == folder


def test_without_the_override_it_is_the_platform_state_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.ENV_STATE_DIR)
    # conftest points XDG_STATE_HOME into the test's home: ~/.local/state/roadmap-tui on Linux
    assert paths.view_state_dir() == Path(os.environ["XDG_STATE_HOME"]) / "roadmap-tui"


def test_one_state_file_per_roadmap_file_by_its_full_resolved_path(tmp_path: Path) -> None:
    one, two = tmp_path / "a" / "roadmap.toml", tmp_path / "b" / "roadmap.toml"
    assert paths.view_state_file(one) != paths.view_state_file(two)
    assert paths.view_state_file(one).name.startswith("roadmap-")
    # The same file by another spelling of its path, or through a symlink, has the same state.
    (tmp_path / "a").mkdir()
    one.write_bytes(b"")
    os.symlink(one, tmp_path / "link.toml")
    assert paths.view_state_file(tmp_path / "a" / ".." / "a" / "roadmap.toml") == paths.view_state_file(one)
    assert paths.view_state_file(tmp_path / "link.toml") == paths.view_state_file(one)
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert paths.view_state_file(Path("a/roadmap.toml")) == paths.view_state_file(one)
    finally:
        os.chdir(old)


def test_a_long_or_odd_file_name_gives_a_short_safe_state_name(tmp_path: Path) -> None:
    long = tmp_path / ("Ü" * 120 + " x/../y\\z\x1b" + "ß" * 100 + ".toml")
    name = paths.view_state_file(long).name
    assert len(name.encode()) <= 255
    assert name.isascii() and "/" not in name and "\\" not in name and name.isprintable()
    assert not name.startswith(".")
    assert paths.view_state_file(long) != paths.view_state_file(tmp_path / ("Ü" * 121 + ".toml"))


# Reading and writing it -------------------------------------------------------------------


def test_save_and_load_keep_selected_open_and_other_keys(tmp_path: Path) -> None:
    roadmap = tmp_path / "roadmap.toml"
    assert viewstate.load(roadmap) == {}
    state = ViewState()
    assert state.selected is None and state.open is None
    state.selected = LA_PATH
    state.open = [["Foundation Phase"], LA_PATH[:2]]
    state["theme"] = "nord"
    assert viewstate.save(roadmap, state)
    file = paths.view_state_file(roadmap)
    data = json.loads(file.read_text(encoding="utf-8"))
    assert data["selected"] == LA_PATH and data["theme"] == "nord"
    assert data["file"] == str(roadmap.resolve())
    again = viewstate.load(roadmap)
    assert again.selected == LA_PATH
    assert again.open == [["Foundation Phase"], LA_PATH[:2]]
    assert again["theme"] == "nord"
    assert [p.name for p in file.parent.iterdir()] == [file.name]  # no temp file left
    assert not roadmap.exists()  # the roadmap file is not touched


def test_saving_the_same_state_again_does_not_rewrite_it(tmp_path: Path) -> None:
    roadmap = tmp_path / "roadmap.toml"
    state = ViewState(selected=LA_PATH)
    assert viewstate.save(roadmap, state)
    file = paths.view_state_file(roadmap)
    before = file.stat().st_mtime_ns
    os.utime(file, ns=(before - 10**9, before - 10**9))
    assert viewstate.save(roadmap, viewstate.load(roadmap))
    assert file.stat().st_mtime_ns == before - 10**9


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"[1, 2, 3]",
        b'"a string"',
        b'{"selected": "Linear Algebra", "open": {"a": 1}}',
        b'{"selected": [1, 2], "open": [["ok"], "not a path", [3]]}',
        b'{"selected": ["Foundation Phase"], "file": "/somewhere/else.toml"}',
        b'{"selected": [' + b'"x", ' * 3_000_000 + b'"y"]}',
    ],
    ids=["empty", "broken", "binary", "list", "string", "wrong-types", "wrong-items", "other-file", "huge"],
)
def test_a_corrupt_or_wrong_shaped_state_file_is_ignored(tmp_path: Path, content: bytes) -> None:
    roadmap = tmp_path / "roadmap.toml"
    file = paths.view_state_file(roadmap)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(content)
    state = viewstate.load(roadmap)
    assert state.selected is None
    assert state.open in (None, [["ok"]])


def test_a_state_file_that_is_a_folder_or_unreadable_is_ignored_and_saving_fails_quietly(tmp_path: Path) -> None:
    roadmap = tmp_path / "roadmap.toml"
    file = paths.view_state_file(roadmap)
    file.mkdir(parents=True)
    assert viewstate.load(roadmap) == {}
    assert viewstate.save(roadmap, ViewState(selected=LA_PATH)) is False
    assert file.is_dir()


def test_a_state_folder_that_cannot_be_made_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"x")
    monkeypatch.setenv(paths.ENV_STATE_DIR, str(blocker / "state"))
    assert viewstate.load(tmp_path / "roadmap.toml") == {}
    assert viewstate.save(tmp_path / "roadmap.toml", ViewState(selected=LA_PATH)) is False


def test_the_view_state_module_imports_no_textual() -> None:
    code = (
        "import sys, roadmap_tui.storage.view_state, roadmap_tui.storage.store\n"
        "print([m for m in sys.modules if m == 'textual' or m.startswith('textual.')])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_store_never_writes_a_ui_table(default_copy: Path) -> None:
    store = RoadmapStore(default_copy)
    roadmap = store.load()
    assert not hasattr(store, "remember_selection")
    store.set_fill(roadmap.phases[0], "duration", "3 months")
    assert store.close(10) and store.writer.error is None
    assert "ui" not in tomllib.loads(default_copy.read_text(encoding="utf-8"))


# The app ----------------------------------------------------------------------------------


def main_screen(app: RoadmapApp) -> MainScreen:
    screen = app.main_screen
    assert screen is not None
    return screen


def open_branches(app: RoadmapApp) -> list[list[str]]:
    tree = main_screen(app).tree
    return [title_path(node.data) for node in _tree_nodes(tree.root) if node.is_expanded and node.data]


def current(app: RoadmapApp) -> list[str]:
    entry = main_screen(app).tree.current
    assert entry is not None
    return title_path(entry)


def file_state(path: Path) -> tuple[bytes, int, list[str]]:
    folder = backups.backup_dir(path)
    listing = sorted(p.name for p in folder.iterdir()) if folder.exists() else []
    return path.read_bytes(), path.stat().st_mtime_ns, listing


async def browse(app: RoadmapApp, pilot, *keys: str) -> None:
    await pilot.pause()
    await pilot.press(*keys)
    await pilot.pause()


async def test_browsing_and_quitting_leaves_the_roadmap_file_and_backups_alone(default_copy: Path) -> None:
    os.utime(default_copy, ns=(1_600_000_000 * 10**9, 1_600_000_000 * 10**9))  # an mtime a write would change
    before = file_state(default_copy)
    app = RoadmapApp(path=default_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await browse(app, pilot, "j", "j", "h", "left", "end", "l", "home", "down", "tab", "down", "tab")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert file_state(default_copy) == before, "browsing changed the roadmap file or its backups"
    assert paths.view_state_file(default_copy).is_file()


async def test_selection_and_open_branches_come_back_on_relaunch(default_copy: Path) -> None:
    app = RoadmapApp(path=default_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await browse(app, pilot, "j", "j")  # Probability & Statistics
        assert current(app) == PROBABILITY
        await browse(app, pilot, "end", "l")  # open the last phase
        await browse(app, pilot, "home", "down", "left")  # close the first part (row 1 is the roadmap)
        opened, selected = open_branches(app), current(app)
        assert ["Foundation Phase"] not in opened
        await pilot.press("q")
        await pilot.pause()
    saved = viewstate.load(default_copy)
    assert saved.selected == selected == ["Foundation Phase"]
    assert saved.open == opened
    again = RoadmapApp(path=default_copy)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert current(again) == selected
        assert open_branches(again) == opened
        assert main_screen(again).shown is main_screen(again).tree.current
    # The third launch, with the cursor moved inside an open branch
    third = RoadmapApp(path=default_copy)
    async with third.run_test(size=(100, 30)) as pilot:
        await browse(third, pilot, "l", "down", "down")
        selected = current(third)
        await pilot.press("q")
        await pilot.pause()
    fourth = RoadmapApp(path=default_copy)
    async with fourth.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert current(fourth) == selected
    assert default_copy.read_bytes() == DEFAULT_BYTES


async def test_no_state_file_opens_levels_to_fit_as_before(default_copy: Path) -> None:
    app = RoadmapApp(path=default_copy)
    async with app.run_test(size=(100, 80)) as pilot:  # tall: every phase fits opened
        await pilot.pause()
        assert current(app) == LA_PATH
        phases = [[phase.title] for phase in app.store.roadmap.phases]
        assert all(phase in open_branches(app) for phase in phases)


async def test_a_legacy_ui_selected_is_the_fallback_and_is_never_written_again(default_copy: Path) -> None:
    legacy = DEFAULT_BYTES + b"\n[ui]\nselected = " + json.dumps(CALCULUS).encode() + b"\n"
    default_copy.write_bytes(legacy)
    app = RoadmapApp(path=default_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await browse(app, pilot)
        assert current(app) == CALCULUS
        await browse(app, pilot, "j")
        assert current(app) == PROBABILITY
        await pilot.press("q")
        await pilot.pause()
    assert default_copy.read_bytes() == legacy
    again = RoadmapApp(path=default_copy)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert current(again) == PROBABILITY  # the state file wins over [ui]
        # a real change is saved, and [ui] is left as it was
        await pilot.press("tab", "space")
        await pilot.pause()
        again.store.flush(5)
    data = tomllib.loads(default_copy.read_text(encoding="utf-8"))
    assert data["ui"] == {"selected": CALCULUS}


async def test_a_corrupt_state_file_is_ignored(default_copy: Path) -> None:
    state = paths.view_state_file(default_copy)
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_bytes(b'{"selected": ["Foundation Phase", "Mathemat')
    app = RoadmapApp(path=default_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await browse(app, pilot)
        assert current(app) == LA_PATH
        assert ["Foundation Phase"] in open_branches(app)
        await browse(app, pilot, "j")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert viewstate.load(default_copy).selected == CALCULUS
    assert default_copy.read_bytes() == DEFAULT_BYTES


async def test_a_saved_entry_that_is_gone_falls_back_to_the_first_topic(default_copy: Path) -> None:
    viewstate.save(default_copy, ViewState(selected=["No such phase"], open=[["Nor this"], ["Foundation Phase"]]))
    app = RoadmapApp(path=default_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await browse(app, pilot)
        assert current(app) == LA_PATH
        assert ["Foundation Phase"] in open_branches(app)


async def test_a_launch_with_a_change_takes_one_launch_backup_before_its_first_write(default_copy: Path) -> None:
    app = RoadmapApp(path=default_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await browse(app, pilot, "tab", "space", "down", "space")
        app.store.flush(5)
        await pilot.press("q")
        await pilot.pause()
    saved = backups.list_backups(default_copy)
    assert [backups.backup_reason(p) for p in saved] == ["launch"]
    assert saved[0].read_bytes() == DEFAULT_BYTES
    changed = default_copy.read_bytes()
    assert changed != DEFAULT_BYTES
    again = RoadmapApp(path=default_copy)  # browsing only: no second backup
    async with again.run_test(size=(100, 30)) as pilot:
        await browse(again, pilot, "j", "j")
        await pilot.press("q")
        await pilot.pause()
    assert backups.list_backups(default_copy) == saved
    assert default_copy.read_bytes() == changed


async def test_switching_roadmaps_keeps_each_ones_view(default_copy: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    other.write_bytes(DEFAULT_BYTES)
    app = RoadmapApp(path=default_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await browse(app, pilot, "j")
        assert current(app) == CALCULUS
        await app.switch_roadmap(other)
        await browse(app, pilot, "j", "j")
        assert current(app) == PROBABILITY
        await app.switch_roadmap(default_copy)
        await browse(app, pilot)
        assert current(app) == CALCULUS
        await pilot.press("q")
        await pilot.pause()
    assert viewstate.load(default_copy).selected == CALCULUS
    assert viewstate.load(other).selected == PROBABILITY
    assert default_copy.read_bytes() == other.read_bytes() == DEFAULT_BYTES


def test_the_pane_filter_is_kept_and_a_wrong_one_is_ignored(tmp_path: Path) -> None:
    from roadmap_tui.storage import view_state

    roadmap = tmp_path / "roadmap.toml"
    state = view_state.ViewState()
    assert state.filter is None
    state.filter = "doing"
    assert view_state.save(roadmap, state)
    assert view_state.load(roadmap).filter == "doing"
    state.filter = "all"  # the default is not written
    assert "filter" not in state
    assert view_state.ViewState({"filter": "nonsense"}).filter is None
    assert view_state.ViewState({"filter": 3}).filter is None
