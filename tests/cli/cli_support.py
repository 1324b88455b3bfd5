"""What the command-line tests share: the default roadmap, a data folder to fill, one-line errors,
a terminal to answer on. Imported by name (tests/cli is on the path of its own test modules)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
import tomlkit
from conftest import REPO, TEMPLATE

from roadmap_tui import paths

EXPORTED = TEMPLATE.read_text(encoding="utf-8") + "\n"


DEFAULT_BYTES = (REPO / "data" / "default_roadmap.toml").read_bytes()


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m roadmap_tui ARGS` with this test's (isolated) environment."""
    return subprocess.run(
        [sys.executable, "-m", "roadmap_tui", *args],
        cwd=cwd,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=60,
    )


DEFAULT_TEXT = DEFAULT_BYTES.decode("utf-8")


def data_dir() -> Path:
    folder = paths.data_dir()
    assert str(folder).startswith(os.environ["XDG_DATA_HOME"])  # the isolated one from conftest
    return folder


def with_done(*texts: str, title: str | None = None) -> str:
    """The default roadmap with these items checked (and another title, if given)."""
    text = DEFAULT_TEXT
    for item in texts:
        old = f'{{ text = "{item}", done = false }}'
        assert old in text, item
        text = text.replace(old, f'{{ text = "{item}", done = true }}')
    if title is not None:
        text = text.replace('title = "AI/ML Learning Roadmap"', f"title = {tomlkit.item(title).as_string()}", 1)
    return text


def put(name: str, text: str | bytes = DEFAULT_TEXT) -> Path:
    """A roadmap called `name` in the data folder."""
    file = data_dir() / f"{name}.toml"
    file.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    file.write_bytes(text)
    return file


def one_line_error(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("roadmap-tui: "), err
    assert "Traceback" not in err
    return err


class Terminal(io.StringIO):
    """A stdin that says it is a terminal, with the person's answers in it."""

    def isatty(self) -> bool:
        return True


def answer(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal(text))


def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))


TWO_DONE = with_done("Vectors and matrices", "Chain rule")


@pytest.fixture(autouse=True)
def _eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables are laid out for 80 columns, whatever terminal runs the tests."""
    monkeypatch.setenv("COLUMNS", "80")
