"""Every path the app uses, in one place.

The data folder (`platformdirs.user_data_path("roadmap-tui")`) holds several roadmaps, one
`NAME.toml` each; the default one is `roadmap.toml`. `--file PATH` or the environment variable
`ROADMAP_TUI_FILE` names another file. What the app shows of a roadmap (the selected entry, the
open branches) is kept apart from it, in a view-state file in the user state folder
(`platformdirs.user_state_path("roadmap-tui")`, or `$ROADMAP_TUI_STATE_DIR`). Tests point
everything at a temporary folder through these overrides (and the XDG_* folders) and never
touch a real user's data or state.

Paths only, with no side effects: what a roadmap's name may be, and which files of the data
folder are roadmaps, is `library`'s.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

APP_NAME = "roadmap-tui"
ENV_FILE = "ROADMAP_TUI_FILE"
ENV_STATE_DIR = "ROADMAP_TUI_STATE_DIR"
ENV_CONFIG_DIR = "ROADMAP_TUI_CONFIG_DIR"
SETTINGS_FILE_NAME = "settings.toml"
DEFAULT_NAME = "roadmap"
DEFAULT_ROADMAP_NAME = "default_roadmap.toml"


def data_dir() -> Path:
    """The user's data folder for roadmap-tui (not created here)."""
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """The user's cache folder for roadmap-tui (parsed big roadmaps; safe to delete)."""
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def view_state_dir() -> Path:
    """The folder of the view-state files (`$ROADMAP_TUI_STATE_DIR`, else the user state
    folder: `~/.local/state/roadmap-tui/` on Linux). Not created here."""
    override = os.environ.get(ENV_STATE_DIR)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return platformdirs.user_state_path(APP_NAME, appauthor=False)


def settings_file() -> Path:
    """The settings file (`$ROADMAP_TUI_CONFIG_DIR/settings.toml`, else in the user config
    folder: `~/.config/roadmap-tui/settings.toml` on Linux). Not created here."""
    override = os.environ.get(ENV_CONFIG_DIR)
    if override:
        return Path(override).expanduser() / SETTINGS_FILE_NAME
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False) / SETTINGS_FILE_NAME


_UNSAFE_RE = re.compile(r"[^A-Za-z0-9_.-]+")


def view_state_file(roadmap: str | os.PathLike[str]) -> Path:
    """The view-state file of the roadmap file `roadmap`: one per file, by its full resolved path.

    Named `<stem>-<digest>.json`: the stem in safe ASCII (cut to 64 characters) for a person
    looking in the folder, and 32 hex digits of the SHA-256 of the resolved path (symlinks
    followed, as the saver does), so `--file` roadmaps anywhere, even of the same name, each
    get their own. The name is ASCII and at most 102 bytes long.
    """
    real = os.path.realpath(os.fspath(roadmap))
    digest = hashlib.sha256(os.fsencode(real)).hexdigest()[:32]
    stem = _UNSAFE_RE.sub("_", Path(real).stem).strip("._")[:64] or "roadmap"
    return view_state_dir() / f"{stem}-{digest}.json"


def crash_log() -> Path:
    """Where the details of an unexpected error go (the user sees one line that names it)."""
    import platformdirs

    return platformdirs.user_log_path(APP_NAME, appauthor=False) / "crash.log"


BACKUP_FOLDER = "backups"
BACKUP_KEY_BYTES = 120  # a longer file name is shortened (see `fit_name`) to start its backups' names


def backup_dir(path: str | os.PathLike[str]) -> Path:
    """The folder that holds `path`'s backups: `backups/` beside it."""
    return Path(path).parent / BACKUP_FOLDER


def backup_key(path: str | os.PathLike[str]) -> str:
    """What starts the names of `path`'s backups: its file name, shortened if it is long, so
    that a backup's name and its temporary file's (`.<name>.<pid>.<random>.tmp`) fit 255 bytes."""
    return fit_name(Path(path).name, BACKUP_KEY_BYTES)


def roadmap_file(override: str | os.PathLike[str] | None = None) -> Path:
    """The roadmap file when no roadmap is named: `override` (`--file PATH`), else
    `$ROADMAP_TUI_FILE`, else the default roadmap, `roadmap.toml` in the data folder.

    A roadmap named with `--roadmap NAME` is `library.roadmap_file(NAME)`: names are the
    library's (it checks them), paths are this module's.
    """
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_FILE)
    if env:
        return Path(env).expanduser()
    return data_dir() / f"{DEFAULT_NAME}.toml"


def fit_name(name: str, limit: int) -> str:
    """`name` if its bytes (as a file name) are at most `limit`, else a shorter name that is
    still one per `name`: as much of it as fits, `~`, and 16 hex digits of its SHA-256."""
    raw = os.fsencode(name)
    if len(raw) <= limit:
        return name
    digest = hashlib.sha256(raw).hexdigest()[:16]
    cut = name
    while len(os.fsencode(cut)) > limit - 17:
        cut = cut[:-1]
    return f"{cut}~{digest}"


def default_roadmap_bytes() -> bytes:
    """The shipped default roadmap (`data/default_roadmap.toml`).

    An installed wheel carries it inside the package (`roadmap_tui/data/`); a source checkout
    run without installing finds it at the repository root.
    """
    from importlib import resources  # here, not at the top: it costs start-up time every command pays

    packaged = resources.files("roadmap_tui").joinpath("data", DEFAULT_ROADMAP_NAME)
    if packaged.is_file():
        return packaged.read_bytes()
    source_tree = Path(__file__).resolve().parents[2] / "data" / DEFAULT_ROADMAP_NAME
    return source_tree.read_bytes()
