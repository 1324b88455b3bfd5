"""What the screen looks like, pinned: SVG snapshots compared with pytest-textual-snapshot.

A change to what the app shows fails here with a diff report (`snapshot_report.html`); look at
it, and at the new SVGs, before accepting them with `pytest tests/test_snapshots.py
--snapshot-update`. The app runs on roadmaps in `tmp_path` (data, view state and settings all
point there), named so that no temporary path shows on screen.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from roadmap_tui.tui.app import RoadmapApp
from tests.conftest import CORPUS, REPO

PINNED_NOW = datetime(2025, 1, 1, 12, 0, tzinfo=timezone.utc)
JWASHAM = CORPUS / "jwasham__coding-interview-university__README.md"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A roadmap folder as the working directory, so paths on screen are relative and stable."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def default_app(folder: Path, theme: str | None = None) -> RoadmapApp:
    shutil.copyfile(REPO / "data" / "default_roadmap.toml", folder / "roadmap.toml")
    if theme is not None:
        config = Path(os.environ["ROADMAP_TUI_CONFIG_DIR"])
        config.mkdir(parents=True, exist_ok=True)
        (config / "settings.toml").write_text(f'theme = "{theme}"\n', encoding="utf-8")
    return RoadmapApp(path=Path("roadmap.toml"), watch_interval=0)


# Keys that make some progress: Linear Algebra done with a resource named, Calculus 2 of 3.
PROGRESS = ["tab", "space", "j", "space", "j", "space", "j", "e", *"3Blue1Brown", "enter",
            "shift+tab", "j", "tab", "space", "j", "space", "k"]


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 50)], ids=["80x24", "100x30", "160x50"])
def test_main_screen(snap_compare, in_tmp: Path, size: tuple[int, int]) -> None:
    assert snap_compare(default_app(in_tmp), press=PROGRESS, terminal_size=size)


# Keys that give Linear Algebra every state: done, doing, skipped, todo; then Calculus skipped whole
# from the tree, and the cursor back on Linear Algebra's first row.
STATES = ["tab", "space", "j", "p", "j", "s", "shift+tab", "j", "s", "k", "tab"]


def test_item_states(snap_compare, in_tmp: Path) -> None:
    """The four glyphs, done and skipped dimmed (skipped struck through), the dates at the right
    edge ("today": the clock that dates them is the one that reads them), the skipped counts."""
    assert snap_compare(default_app(in_tmp), press=STATES, terminal_size=(100, 30))


def test_roadmap_overview(snap_compare, in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The dashboard above the overview: the keys' finishes and the dashboard's today are both
    on a pinned clock, so its days and months hold still."""
    monkeypatch.setattr("roadmap_tui.tui.widgets.dashboard_rows.clock", lambda: PINNED_NOW)

    def pin(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.store.clock = lambda: PINNED_NOW

    keys = [*PROGRESS, "escape", "home"]
    assert snap_compare(default_app(in_tmp), press=keys, terminal_size=(120, 36), run_before=pin)


def test_phase_overview(snap_compare, in_tmp: Path) -> None:
    assert snap_compare(default_app(in_tmp), press=["home", "down"], terminal_size=(100, 30))


def test_editing_a_blank(snap_compare, in_tmp: Path) -> None:
    assert snap_compare(default_app(in_tmp), press=["tab", "end", "e", *"3Blue1"], terminal_size=(100, 30))


def test_a_new_entry_being_added(snap_compare, in_tmp: Path) -> None:
    keys = ["tab", "a", *"Matrix calculus"]  # `a` after Linear Algebra's first item: a new row, the editor on it
    assert snap_compare(default_app(in_tmp), press=keys, terminal_size=(100, 30))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_help(snap_compare, in_tmp: Path, size: tuple[int, int]) -> None:
    assert snap_compare(default_app(in_tmp), press=["question_mark"], terminal_size=size)


def test_palette(snap_compare, in_tmp: Path) -> None:
    async def search(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("ctrl+p", *"calc")
        await pilot.pause(0.5)

    assert snap_compare(default_app(in_tmp), run_before=search, terminal_size=(100, 30))


def test_load_error(snap_compare, in_tmp: Path) -> None:
    (in_tmp / "roadmap.toml").write_text('schema = 2\ntitle = "Broken\n[[phases]]\n', encoding="utf-8")
    assert snap_compare(RoadmapApp(path=Path("roadmap.toml"), watch_interval=0), terminal_size=(100, 30))


def test_light_theme(snap_compare, in_tmp: Path) -> None:
    assert snap_compare(default_app(in_tmp, theme="roadmap-light"), press=PROGRESS, terminal_size=(100, 30))


@pytest.mark.skipif(not JWASHAM.exists(), reason=f"the corpus is not here ({CORPUS})")
def test_imported_readme(snap_compare, in_tmp: Path) -> None:
    from roadmap_tui.formats.markdown_import import import_markdown

    path = in_tmp / "coding-interview-university.toml"
    path.write_text(import_markdown(JWASHAM.read_bytes(), JWASHAM.name).toml_text, encoding="utf-8")
    app = RoadmapApp(path=Path(path.name), watch_interval=0)
    keys = ["j", "j", "l", "j", "tab", "space", "j", "space"]
    assert snap_compare(app, press=keys, terminal_size=(120, 36))


# Notes: Linear Algebra's own under its title, one item's folded to a line, one opened with Enter.
NOTES = ["n", *"## Why it matters", "enter", "enter", *"Every model is **matrices**: see [3Blue1Brown](https://3b1b.co).",
         "enter", "enter", *"- rank and null space", "enter", *"- `np.linalg.eig`", "escape",
         "tab", "n", *"Practise by hand first.", "enter", *"Then with NumPy.", "escape",
         "down", "down", "n", *"[bold]not markup[/]: shown as typed", "enter", *"second line", "escape", "down", "enter"]


def test_notes_in_the_pane(snap_compare, in_tmp: Path) -> None:
    assert snap_compare(default_app(in_tmp), press=NOTES, terminal_size=(100, 30))


def test_note_editor(snap_compare, in_tmp: Path) -> None:
    keys = [*NOTES, "up", "up", "n", *"More: "]
    assert snap_compare(default_app(in_tmp), press=keys, terminal_size=(80, 24))
