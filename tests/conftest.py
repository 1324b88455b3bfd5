"""Shared fixtures. Every test runs with its data folder and roadmap file under `tmp_path`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.core.outline import find_by_titles

FIXTURES = Path(__file__).parent / "fixtures"
TEMPLATE = FIXTURES / "template.md"
REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
LA_PATH = ["Foundation Phase", "Mathematics & Statistics Foundations", "Linear Algebra"]
NLP_TITLE = "Specialization Area 1: _[e.g., Natural Language Processing]_"


def get(roadmap: Roadmap, *titles: str) -> Item | Node:
    """The entry at a path of titles (failing the test if there is none)."""
    entry = find_by_titles(roadmap, list(titles))
    assert entry is not None, titles
    return entry


def child(entry: Item | Node, text: str) -> Item:
    """The item of `entry` with this text."""
    return next(i for i in entry.items if i.text == text)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user data, state, config or cache folders, whatever it calls
    (child processes inherit these variables too)."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("ROADMAP_TUI_CONFIG_DIR", str(home / "config"))  # settings.toml (paths.settings_file)
    monkeypatch.setenv("ROADMAP_TUI_STATE_DIR", str(home / "state"))  # view-state files (paths.view_state_dir)
    monkeypatch.delenv("ROADMAP_TUI_FILE", raising=False)


@pytest.fixture
def roadmap_path(tmp_path: Path) -> Path:
    """Where a test's roadmap file lives (not created: the app creates it from the default)."""
    return tmp_path / "roadmap.toml"


@pytest.fixture
def default_copy(tmp_path: Path) -> Path:
    """A fresh copy of the shipped default roadmap, to change."""
    target = tmp_path / "roadmap.toml"
    shutil.copyfile(REPO / "data" / "default_roadmap.toml", target)
    return target
