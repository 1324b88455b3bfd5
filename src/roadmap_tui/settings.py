"""The learner's settings: a small TOML file in the user config folder (`paths.settings_file`).

    # ~/.config/roadmap-tui/settings.toml
    theme = "roadmap-light"
    day_starts_at = 4      # the hour a study day starts (0-23): a finish at 02:30 counts for
                           # the day before (streaks, the heatmap, pace; see core/pace.py)

Read with tomllib; a missing file means the defaults. A file that can't be read or has a wrong
value is reported (file, line:column or key) and never overwritten: the app runs on the
defaults for what is wrong and keeps a change (a theme picked in the palette) for this run only.
A change to a good file rewrites only its own key, with tomlkit, so comments and keys of the
learner's own stay. No Textual here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from roadmap_tui import paths
from roadmap_tui.storage import fs

DEFAULT_THEME = "roadmap-dark"
DEFAULT_DAY_STARTS_AT = 4
MAX_BYTES = 64 * 1024


@dataclass
class Settings:
    theme: str = DEFAULT_THEME
    day_starts_at: int = DEFAULT_DAY_STARTS_AT
    problem: str | None = None  # why the file was not (wholly) used, as one line
    path: Path | None = None


def load(path: Path | None = None) -> Settings:
    """The settings in `path` (the user's file by default); never raises."""
    path = path or paths.settings_file()
    settings = Settings(path=path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return settings
    except OSError as error:
        settings.problem = f"{path}: {error.strerror or error}; using the default settings"
        return settings
    if len(data) > MAX_BYTES:
        settings.problem = f"{path}: larger than {MAX_BYTES // 1024} KiB; using the default settings"
        return settings
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        settings.problem = f"{path}: not UTF-8 (byte {error.start}); using the default settings"
        return settings
    except tomllib.TOMLDecodeError as error:
        settings.problem = f"{path}: {error}; using the default settings"  # "... (at line 2, column 9)"
        return settings
    problems = []
    theme = document.get("theme", DEFAULT_THEME)
    if isinstance(theme, str) and theme.strip():
        settings.theme = theme.strip()
    else:
        problems.append(f"theme: expected a theme's name, got {theme!r}; using {DEFAULT_THEME}")
    hour = document.get("day_starts_at", DEFAULT_DAY_STARTS_AT)
    if isinstance(hour, int) and not isinstance(hour, bool) and 0 <= hour <= 23:
        settings.day_starts_at = hour
    else:
        problems.append(
            f"day_starts_at: expected an hour from 0 to 23, got {hour!r}; using {DEFAULT_DAY_STARTS_AT}"
        )
    if problems:
        settings.problem = f"{path}: " + "; ".join(problems)
    return settings


def save_theme(settings: Settings, theme: str) -> str | None:
    """Remember `theme` in the settings file; None, or why it was not written (one line)."""
    settings.theme = theme
    path = settings.path or paths.settings_file()
    if settings.problem is not None:
        return f"The theme is not saved: {settings.problem}"
    import tomlkit

    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        document = tomlkit.parse(text) if text else tomlkit.document()
        if document.get("theme") == theme:
            return None
        document["theme"] = theme
        path.parent.mkdir(parents=True, exist_ok=True)
        fs.atomic_write(path, tomlkit.dumps(document).encode("utf-8"))
    except (OSError, ValueError) as error:  # tomlkit's errors are ValueErrors
        return f"The theme is not saved to {path}: {getattr(error, 'strerror', None) or error}"
    return None
