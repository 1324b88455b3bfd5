"""Shared fixtures. Every test runs with its data folder and roadmap file under `tmp_path`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
TEMPLATE = FIXTURES / "template.md"
REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user data folder, whatever it calls."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
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
