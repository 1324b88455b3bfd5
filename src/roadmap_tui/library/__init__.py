"""The data folder as a library of named roadmaps: names, listing, reading, import, update, reset, remove.

These are operations on roadmaps, not on a terminal: the command line calls them (each
`roadmap-tui` command parses its arguments, calls one of these, and prints), and the app can
offer them too. Nothing here prints, asks, or knows of options: a refusal is a `LibraryError`
whose one line a front end shows (and may add its own hint to: `NameTaken` and `NoSuchRoadmap`
carry what it needs).

Invariants:
- A roadmap's name is a safe file stem (`check_name`): the roadmap is `NAME.toml` in the data
  folder, and no name reaches outside it.
- Nothing here writes a file that would not open: what import or reset writes is validated as
  the app will read it, first.
- A file is replaced or deleted only after a backup of it (`backups.make_backup`), and a reset
  asked about one state of the file never applies to another (see `plan_reset`); a remove backs
  up whatever the file holds when it deletes it.
- Reading here is read only (`read_roadmap`): no saver, no in-place upgrade, no file created.

Light at import time: `status` and `export` import this module, so the saver, the store and
tomlkit are imported only by the operations that write.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from roadmap_tui import paths
from roadmap_tui.core.limits import MAX_FILE_BYTES
from roadmap_tui.safe_text import visible
from roadmap_tui.storage import backups, reader
from roadmap_tui.storage.reader import CacheUse, default_roadmap, parse_roadmap, read_bounded

if TYPE_CHECKING:
    from roadmap_tui.core.model import Roadmap
    from roadmap_tui.formats.markdown_import import ImportResult

MAX_NAME_LENGTH = 64
# A name's UTF-8 bytes: NAME.toml and the temporary file beside it (`.NAME.toml.<pid>.<random>.tmp`)
# must fit the 255 bytes a file name may have (backups use a shortened key: see `backups`).
MAX_NAME_BYTES = 200


class LibraryError(Exception):
    """An operation that cannot be done as things are (the data folder's place is taken by a
    file, the file changed while the person was asked): one line, nothing changed."""


class BadRequest(LibraryError):
    """What was asked cannot be done with this input (a name taken, a source that is no file)."""


class NoSuchRoadmap(BadRequest):
    def __init__(self, name: str) -> None:
        super().__init__(f"no roadmap named {name}")
        self.name = name


class NameTaken(BadRequest):
    def __init__(self, name: str, file: Path) -> None:
        super().__init__(f"a roadmap named {name} already exists ({file})")
        self.name, self.file = name, file


class Changed(LibraryError):
    """The file changed while the question waited, so that the answer does not hold for it."""


# Names --------------------------------------------------------------------------------------


def _is_word(char: str) -> bool:
    """A letter or digit of any script, or a combining mark (the vowel signs of Devanagari...)."""
    return char.isalnum() or unicodedata.category(char) in ("Mn", "Mc")


def check_name(name: str) -> str:
    """`name` if it is a safe roadmap name (a file stem in the data folder), else ValueError.

    A name is 1 to 64 letters (of any script), digits, `-`, `_` and `.`, starting with a letter
    or digit and not ending with `.`: no folders, no hidden files, no spaces or control characters.
    """
    if not name:
        raise ValueError("a roadmap name cannot be empty")
    if name.lower().endswith(".toml") and len(name) > 5:
        raise ValueError(f"give the roadmap name without .toml ({visible(name[:-5])}), or use --file for a path")
    if len(name) > MAX_NAME_LENGTH:
        shown = visible(name[:20])
        raise ValueError(f"the roadmap name {shown}... is {len(name)} characters; at most {MAX_NAME_LENGTH}")
    size = len(os.fsencode(name))
    if size > MAX_NAME_BYTES:
        shown = visible(name[:20])
        raise ValueError(
            f"the roadmap name {shown}... is {size} bytes in UTF-8; at most {MAX_NAME_BYTES} "
            "(a letter of some scripts takes 3 or 4)"
        )
    if not (name[0].isalnum() and not name.endswith(".") and all(_is_word(char) or char in "-_." for char in name)):
        raise ValueError(
            f"'{visible(name)}' is not a usable roadmap name: use letters, digits, '-', '_' and '.', "
            "starting with a letter or digit (e.g. ml-2025)"
        )
    return name


_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def name_from_title(title: str) -> str:
    """A readable, safe roadmap name from a title ("" if nothing usable is left).

    "Coding Interview University" -> "coding-interview-university"; Markdown links keep their
    text; emoji, punctuation and spaces become single dashes; at most 64 characters.
    """
    text = unicodedata.normalize("NFKC", _LINK_RE.sub(r"\1", title)).casefold()
    slug = "".join(char if _is_word(char) else "-" for char in text)
    slug = re.sub(r"-{2,}", "-", slug).strip("-")
    if len(slug) > MAX_NAME_LENGTH or len(slug.encode("utf-8")) > MAX_NAME_BYTES:
        cut = slug[:MAX_NAME_LENGTH]
        while len(cut.encode("utf-8")) > MAX_NAME_BYTES:
            cut = cut[:-1]
        slug = (cut.rsplit("-", 1)[0] if "-" in cut else cut).rstrip("-.")
    try:
        return check_name(slug)
    except ValueError:
        return ""


def roadmap_file(name: str | None = None, override: str | os.PathLike[str] | None = None) -> Path:
    """The roadmap file to work on.

    `override` (`--file PATH`) wins; then a roadmap `name` given explicitly (`--roadmap NAME`:
    `NAME.toml` in the data folder); then `$ROADMAP_TUI_FILE`; then the default roadmap,
    `roadmap.toml` in the data folder (those two: `paths.roadmap_file`). Raises ValueError for
    a name that is not a safe file stem.
    """
    if not override and name is not None:
        return paths.data_dir() / f"{check_name(name)}.toml"
    return paths.roadmap_file(override)


def list_roadmaps() -> list[tuple[str, Path]]:
    """The roadmaps in the data folder as (name, file): the default first, then by name.

    Only `NAME.toml` files whose NAME is a usable roadmap name (see `check_name`) are listed.
    """
    try:
        candidates = list(paths.data_dir().iterdir())
    except OSError:
        return []
    found: list[tuple[str, Path]] = []
    for path in candidates:
        if path.suffix != ".toml":
            continue
        try:
            check_name(path.stem)
        except ValueError:
            continue
        if path.is_file():
            found.append((path.stem, path))
    found.sort(key=lambda pair: (pair[0] != paths.DEFAULT_NAME, pair[0].casefold(), pair[0]))
    return found


def summary(roadmap: Roadmap) -> str:
    """A roadmap's progress in words, as questions and messages say it: "2 of 76 done", and
    "2 of 70 done · 1 doing · 6 skipped" when any are (`total` leaves the skipped out)."""
    more = "".join(
        f" · {count} {word}" for count, word in ((roadmap.n_doing, "doing"), (roadmap.n_skipped, "skipped")) if count
    )
    return f"{roadmap.n_done} of {roadmap.n_total} done{more}"


# Reading ------------------------------------------------------------------------------------


def open_read_only(file: Path) -> Roadmap:
    """The roadmap in `file` (the shipped default if it is missing), read only.

    Not `RoadmapStore.load`: that starts a saver and upgrades an older file in place, and a
    command that only reads must not write.
    """
    if not file.exists() and not file.is_symlink():
        folder = file.parent
        if folder.exists() and not folder.is_dir():
            what = "your data folder" if folder == paths.data_dir() else "the folder"
            raise LibraryError(f"{what} {folder} is a file, not a folder: move it away to keep roadmaps there")
        return default_roadmap(file).roadmap
    return read_roadmap(file)


def read_roadmap(file: Path) -> Roadmap:
    """The roadmap in the existing `file`, validated; `RoadmapError` says what is wrong.

    The one read pipeline (`storage.reader`), with the parse cache read only: a big file the app
    has opened is not parsed again while it is unchanged, and a command that only reads writes
    nothing, not even the cache.
    """
    return reader.read_roadmap(file, cache=CacheUse.READ).roadmap


def _atomic_write(file: Path, data: bytes) -> None:
    from roadmap_tui.storage.fs import atomic_write  # only when writing

    atomic_write(file, data)


# Import -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    name: str
    file: Path
    result: ImportResult
    roadmap: Roadmap
    replaced: Path | None
    """The backup of the roadmap it replaced, if it replaced one."""


def _read_source(source: Path) -> bytes:
    try:
        if not source.exists():
            raise BadRequest(f"{source}: no such file")
        if not source.is_file():
            raise BadRequest(f"{source}: not a file" + (" (it is a folder)" if source.is_dir() else ""))
        size = source.stat().st_size
        if size > MAX_FILE_BYTES:
            raise BadRequest(f"{source}: is {size:,} bytes; a roadmap may be at most {MAX_FILE_BYTES:,}")
        return read_bounded(source)  # a pipe or a device: RoadmapError
    except OSError as error:
        raise BadRequest(f"{source}: cannot be read: {error.strerror or error}") from None


def import_markdown_file(source: Path, name: str | None = None, *, replace: bool = False) -> Imported:
    """Make the roadmap `name` (`BadRequest` unless `check_name` takes it) of the Markdown file `source`.

    Without a name, it is taken from the first heading, else the file name ("imported" if
    neither gives one). An existing roadmap of that name is `NameTaken`, unless `replace`: then
    it is backed up first. What is written is checked as the app will read it.
    """
    from roadmap_tui.formats.markdown_import import import_markdown  # the Markdown parser: only here

    if name is not None:
        try:
            check_name(name)
        except ValueError as error:
            raise BadRequest(str(error)) from None
    result = import_markdown(_read_source(source), source)  # MarkdownImportError is a RoadmapError
    if name is None:
        name = name_from_title(result.title) or name_from_title(source.stem) or "imported"
    target = paths.data_dir() / f"{name}.toml"
    roadmap = parse_roadmap(result.toml_text.encode("utf-8"), target).roadmap
    replaced = None
    if target.exists() or target.is_symlink():
        if not replace:
            raise NameTaken(name, target)
        replaced = backups.make_backup(target, "before-import")
    target.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(target, result.toml_text.encode("utf-8"))
    return Imported(name, target, result, roadmap, replaced)


# Reset, remove and update live in modules of their own, re-exported here (they use the above).
from roadmap_tui.library.remove import Removed as Removed  # noqa: E402
from roadmap_tui.library.remove import RemovePlan as RemovePlan  # noqa: E402
from roadmap_tui.library.remove import plan_remove as plan_remove  # noqa: E402
from roadmap_tui.library.remove import remove as remove  # noqa: E402
from roadmap_tui.library.remove import restore_log as restore_log  # noqa: E402
from roadmap_tui.library.reset import ResetPlan as ResetPlan  # noqa: E402
from roadmap_tui.library.reset import apply_reset as apply_reset  # noqa: E402
from roadmap_tui.library.reset import clear_progress as clear_progress  # noqa: E402
from roadmap_tui.library.reset import plan_reset as plan_reset  # noqa: E402
from roadmap_tui.library.update import Updated as Updated  # noqa: E402
from roadmap_tui.library.update import UpdatePlan as UpdatePlan  # noqa: E402
from roadmap_tui.library.update import apply_update as apply_update  # noqa: E402
from roadmap_tui.library.update import plan_update as plan_update  # noqa: E402
from roadmap_tui.library.update import update_summary as update_summary  # noqa: E402
