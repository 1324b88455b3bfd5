"""Every path the app uses, in one place.

The state file is `platformdirs.user_data_path("roadmap-tui") / "roadmap.toml"` unless
`--file PATH` or the environment variable `ROADMAP_TUI_FILE` names another one. Tests point
everything at a temporary folder through these two overrides and never touch a real user's data.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

APP_NAME = "roadmap-tui"
ENV_FILE = "ROADMAP_TUI_FILE"
STATE_FILE_NAME = "roadmap.toml"
DEFAULT_ROADMAP_NAME = "default_roadmap.toml"


def data_dir() -> Path:
    """The user's data folder for roadmap-tui (not created here)."""
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def crash_log() -> Path:
    """Where the details of an unexpected error go (the user sees one line that names it)."""
    import platformdirs

    return platformdirs.user_log_path(APP_NAME, appauthor=False) / "crash.log"


def state_file(override: str | os.PathLike[str] | None = None) -> Path:
    """The roadmap file to work on: `override`, else `$ROADMAP_TUI_FILE`, else the data folder's."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_FILE)
    if env:
        return Path(env).expanduser()
    return data_dir() / STATE_FILE_NAME


def default_roadmap_bytes() -> bytes:
    """The shipped default roadmap (`data/default_roadmap.toml`).

    An installed wheel carries it inside the package (`roadmap_tui/data/`); a source checkout
    run without installing finds it at the repository root.
    """
    packaged = resources.files("roadmap_tui").joinpath("data", DEFAULT_ROADMAP_NAME)
    if packaged.is_file():
        return packaged.read_bytes()
    source_tree = Path(__file__).resolve().parents[2] / "data" / DEFAULT_ROADMAP_NAME
    return source_tree.read_bytes()
