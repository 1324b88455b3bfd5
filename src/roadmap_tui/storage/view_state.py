"""What the app shows of a roadmap, kept between launches in a file of its own.

The selected entry and the open branches of the tree (and later the theme, filters...) are
about the view, not the roadmap: they live in a view-state file in the user state folder
(`paths.view_state_file`: one per roadmap file, by its resolved path), never in the roadmap
file. So browsing and quitting leaves the roadmap file, which may be tracked by git or
Dropbox, untouched, and takes no backup.

The file is JSON: it is the app's own, never edited by hand, so it needs no comments or
layout kept (which is what tomlkit is for); the standard library reads and writes it quickly,
and it holds lists of title paths directly:

    {"version": 1, "file": "/home/me/.local/share/roadmap-tui/roadmap.toml",
     "selected": ["Foundation Phase", "...", "Linear Algebra"],
     "open": [["Foundation Phase"], ["Foundation Phase", "..."]], "filter": "not done"}

Reading is tolerant: a missing, unreadable, corrupt or wrong-shaped file, or a value of the
wrong type, is ignored (the app starts as on a first launch). Writing is atomic
(`fs.atomic_write`) and skipped when the file already holds the same state. No Textual here.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from roadmap_tui import paths
from roadmap_tui.core.row_filter import FILTERS
from roadmap_tui.storage import fs

VERSION = 1
MAX_BYTES = 8 * 1024 * 1024  # a bigger file is not ours: ignored
_OWN_KEYS = ("version", "file")  # written by `save`, not part of the state


def _titles(value: object) -> list[str] | None:
    """`value` if it is a title path (a non-empty list of strings), else None."""
    if isinstance(value, list) and value and all(isinstance(title, str) for title in value):
        return list(value)
    return None


class ViewState(dict[str, Any]):
    """The view of one roadmap: `selected` (the title path of the entry under the cursor),
    `open` (the title paths of the open branches of the tree), `filter` (the pane's `f`
    filter), and any other key
    the app keeps, as plain JSON values.

    `selected` and `open` read None when the state does not have them (or not in a usable
    shape): then the app starts as on a first launch.
    """

    @property
    def selected(self) -> list[str] | None:
        """The title path of the entry under the cursor; `[]` for the roadmap itself (its row)."""
        value = self.get("selected")
        return [] if value == [] else _titles(value)

    @selected.setter
    def selected(self, titles: list[str] | None) -> None:
        if titles is None:
            self.pop("selected", None)
        else:
            self["selected"] = list(titles)

    @property
    def open(self) -> list[list[str]] | None:
        value = self.get("open")
        if not isinstance(value, list):
            return None
        return [titles for titles in map(_titles, value) if titles is not None]

    @open.setter
    def open(self, branches: list[list[str]] | None) -> None:
        if branches is None:
            self.pop("open", None)
        else:
            self["open"] = [list(titles) for titles in branches]

    @property
    def filter(self) -> str | None:
        """The topic pane's `f` filter (`core/row_filter.FILTERS`); None for none kept (all)."""
        value = self.get("filter")
        return value if isinstance(value, str) and value in FILTERS else None

    @filter.setter
    def filter(self, name: str | None) -> None:
        if name is None or name == FILTERS[0]:
            self.pop("filter", None)  # "all": the default, not written
        else:
            self["filter"] = name


def _real(roadmap: str | os.PathLike[str]) -> str:
    return os.path.realpath(os.fspath(roadmap))


def load(roadmap: str | os.PathLike[str]) -> ViewState:
    """The saved view of the roadmap file `roadmap`; an empty one if there is none it can use.

    Never raises for anything about the state file.
    """
    try:
        file = paths.view_state_file(roadmap)
        with open(file, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            return ViewState()
        parsed = json.loads(data.decode("utf-8"))
    except (OSError, ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError too
        return ViewState()
    if not isinstance(parsed, dict):
        return ViewState()
    if "file" in parsed and parsed["file"] != _real(roadmap):
        return ViewState()  # another roadmap's (a copied state folder): not this one's view
    return ViewState({key: value for key, value in parsed.items() if key not in _OWN_KEYS})


def encode(roadmap: str | os.PathLike[str], state: Mapping[str, Any]) -> bytes:
    """The bytes of the state file for `state` (TypeError/ValueError if a value is not JSON)."""
    data = {"version": VERSION, "file": _real(roadmap)}
    data.update((key, value) for key, value in state.items() if key not in _OWN_KEYS)
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def save(roadmap: str | os.PathLike[str], state: Mapping[str, Any]) -> bool:
    """Write `state` as the view of the roadmap file `roadmap`; True once it is on disk.

    Atomic (temp file, fsync, rename); nothing is written when the file already holds it.
    A failure (a read-only or full disk, a value JSON can't hold) returns False: the view is
    a convenience, never a reason to stop the app.
    """
    try:
        data = encode(roadmap, state)
        file = paths.view_state_file(roadmap)
        try:
            if file.read_bytes() == data:
                return True
        except OSError:
            pass
        file.parent.mkdir(parents=True, exist_ok=True)
        fs.atomic_write(file, data)
    except (OSError, TypeError, ValueError, RecursionError):
        return False
    return True
