"""Saves that fail: a full disk, no permission, a read-only file system, an I/O error, the folder gone.

The faults are injected where the operating system would raise them (we run as root, so
`chmod` does not stop a write): creating the temp file (`tempfile.mkstemp`), writing it
(`os.fdopen`'s handle), flushing it (`os.fsync`), renaming it (`os.replace`), or the whole
`fs.atomic_write`; and the folder is really deleted. For each, the store must report the
error through `on_save`, keep the change in the model, leave the file byte for byte as it was
(never truncated) with no temp file beside it, and write every change on the next try once the
fault is gone. The app must show a lasting warning with the reason and the path, and on quit
ask what to do with the unsaved changes (try again, write them elsewhere, discard, go back).
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import tempfile
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers import screen_text

from roadmap_tui.core.model import Item, Roadmap
from roadmap_tui.storage import backups, fs
from roadmap_tui.storage.saver import FileMissingError
from roadmap_tui.storage.schema import SCHEMA
from roadmap_tui.storage.store import RoadmapStore
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.screens.unsaved import UnsavedScreen
from roadmap_tui.tui.widgets.item_list import ItemList

SMALL = f"""# A learner's own comment: it must survive every save.
schema = {SCHEMA}
title = "Faults"

[[phases]]
title = "Phase"

[[phases.items]]
text = "Topic"
done = false
items = [
  {{ text = "one", done = false }},
  {{ text = "two", done = false }},
  {{ text = "three", done = false }},
  {{ text = "four", done = false }},
  {{ text = "five", done = false }},
]
"""

ERRNOS = [errno.ENOSPC, errno.EACCES, errno.EROFS, errno.EIO]
POINTS = ["atomic_write", "mkstemp", "write", "fsync", "replace"]
HANDLED: Counter[str] = Counter()  # faults injected and seen handled, by kind


def oserror(code: int) -> OSError:
    return OSError(code, os.strerror(code))


def _fd_path(fd: int) -> str:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return ""


@contextmanager
def fault(point: str, code: int, scope: Path | None = None) -> Iterator[None]:
    """While inside, every write fails at `point` with `code` (restored on leaving).

    With `scope`, only writes in that folder fail (a full or read-only drive elsewhere than
    the one the learner writes a copy to).
    """
    patch = pytest.MonkeyPatch()
    error = oserror(code)

    def hit(where: object) -> bool:
        return scope is None or Path(os.fspath(where)).resolve().is_relative_to(scope.resolve())

    def wrap(real: Callable, where: Callable[..., object]) -> Callable:
        def failing(*args: object, **kwargs: object) -> object:
            if hit(where(*args, **kwargs)):
                raise error
            return real(*args, **kwargs)

        return failing

    if point == "atomic_write":
        patch.setattr(fs, "atomic_write", wrap(fs.atomic_write, lambda path, data: path))
    elif point == "mkstemp":
        patch.setattr(tempfile, "mkstemp", wrap(tempfile.mkstemp, lambda *a, dir=".", **k: dir))
    elif point == "fsync":
        patch.setattr(os, "fsync", wrap(os.fsync, lambda fd: _fd_path(fd) or "/"))
    elif point == "replace":
        patch.setattr(os, "replace", wrap(os.replace, lambda source, target: target))
    elif point == "write":
        real_fdopen = os.fdopen

        class Full(io.BufferedWriter):
            def write(self, data: object) -> int:
                raise error

        def fdopen(fd: int, mode: str = "r", *args: object, **kwargs: object) -> object:
            if mode == "wb" and hit(_fd_path(fd) or "/"):  # a temp file being written
                return Full(io.FileIO(fd, "wb"))
            return real_fdopen(fd, mode, *args, **kwargs)

        patch.setattr(os, "fdopen", fdopen)
    else:
        raise ValueError(point)
    try:
        yield
    finally:
        patch.undo()


def leftovers(folder: Path) -> list[str]:
    """Temp files (ours or anyone's) in the roadmap's folder and its backups folder."""
    found = []
    for place in (folder, folder / "backups"):
        if place.is_dir():
            found += [f"{place.name}/{p.name}" for p in place.iterdir() if p.name.endswith(".tmp")]
    return found


class Recorder:
    """`on_save`: what each save round reported."""

    def __init__(self) -> None:
        self.results: list[Exception | None] = []

    def __call__(self, error: Exception | None) -> None:
        self.results.append(error)


def items_of(roadmap: Roadmap) -> list[Item]:
    return roadmap.phases[0].items[0].items


def done_on_disk(path: Path) -> list[bool]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [item["done"] for item in data["phases"][0]["items"][0]["items"]]


def open_small(folder: Path) -> tuple[Path, RoadmapStore, Recorder, Roadmap]:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "roadmap.toml"
    path.write_text(SMALL, encoding="utf-8")
    recorder = Recorder()
    store = RoadmapStore(path, on_save=recorder)
    return path, store, recorder, store.load(create=False)


def change_fails(store: RoadmapStore, recorder: Recorder, change: Callable[[], object], code: int) -> None:
    """Make a change while the fault is on: it is reported, and kept in the model."""
    before = len(recorder.results)
    change()
    assert store.flush(10)
    reported = recorder.results[before:]
    assert reported, "a failed save is reported through on_save"
    error = reported[-1]
    assert isinstance(error, OSError) and error.errno == code, repr(error)
    assert store.writer.error is error


# The store ------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ERRNOS, ids=[errno.errorcode[c] for c in ERRNOS])
@pytest.mark.parametrize("point", POINTS)
@pytest.mark.parametrize("first_save", [True, False], ids=["first-save", "later-save"])
def test_a_failed_save_is_reported_kept_and_retried(tmp_path: Path, point: str, code: int, first_save: bool) -> None:
    path, store, recorder, roadmap = open_small(tmp_path / "data")
    one, two, three, four, _ = items_of(roadmap)
    if not first_save:  # the session's backup is made and one change is on disk
        store.toggle(one)
        assert store.flush(10) and recorder.results == [None]
    before = path.read_bytes()

    with fault(point, code):
        change_fails(store, recorder, lambda: store.toggle(two), code)
        assert two.done is True  # the model keeps the change
        assert path.read_bytes() == before  # the file is as it was, whole
        assert leftovers(tmp_path / "data") == []
        HANDLED[f"store {point} {errno.errorcode[code]}"] += 1
        # A second change while the fault lasts: reported again, the file still as it was.
        change_fails(store, recorder, lambda: store.set_text(three, "three, renamed"), code)
        assert path.read_bytes() == before
        assert leftovers(tmp_path / "data") == []
        HANDLED[f"store {point} {errno.errorcode[code]}"] += 1

    # The fault is gone: the next change writes everything, and the warning can go.
    store.toggle(four)
    assert store.flush(10)
    assert recorder.results[-1] is None and store.writer.error is None
    assert done_on_disk(path) == [not first_save, True, False, True, False]
    text = path.read_text(encoding="utf-8")
    assert 'text = "three, renamed"' in text
    assert text.startswith("# A learner's own comment")
    assert leftovers(tmp_path / "data") == []
    # The session's backup holds the file as it was at launch, whenever it could be made.
    assert [b.read_text(encoding="utf-8") for b in backups.list_backups(path)] == [SMALL]
    assert store.close(10)


@pytest.mark.parametrize("point", ["fsync", "replace"])
def test_try_again_without_a_new_change_writes_what_is_pending(tmp_path: Path, point: str) -> None:
    """The unsaved screen's "try again" calls `store.save()`: no new change is needed."""
    path, store, recorder, roadmap = open_small(tmp_path / "data")
    before = path.read_bytes()
    with fault(point, errno.ENOSPC):
        change_fails(store, recorder, lambda: store.toggle(items_of(roadmap)[0]), errno.ENOSPC)
        store.save()  # still failing: reported again, nothing written
        assert store.flush(10) and isinstance(store.writer.error, OSError)
        assert path.read_bytes() == before
        HANDLED[f"store retry {point} ENOSPC"] += 2
    store.save()
    assert store.flush(10) and store.writer.error is None
    assert done_on_disk(path) == [True, False, False, False, False]
    assert leftovers(tmp_path / "data") == []


@pytest.mark.parametrize("first_save", [True, False], ids=["first-save", "later-save"])
def test_the_folder_deleted_under_the_store(tmp_path: Path, first_save: bool) -> None:
    folder = tmp_path / "data"
    path, store, recorder, roadmap = open_small(folder)
    one, two, three, _, _ = items_of(roadmap)
    if not first_save:
        store.toggle(one)
        assert store.flush(10) and recorder.results == [None]
    shutil.rmtree(folder)
    store.toggle(two)
    assert store.flush(10)
    error = recorder.results[-1]
    assert isinstance(error, OSError) and error.errno == errno.ENOENT, repr(error)
    assert two.done is True
    assert not folder.exists(), "nothing is written where the folder was"
    HANDLED["store folder deleted"] += 1
    # The folder is back, but not the file (a folder made again): that is a removed file, which
    # is written again only when the learner says so; until then the changes wait.
    folder.mkdir()
    store.toggle(three)
    assert store.flush(10) and isinstance(recorder.results[-1], FileMissingError)
    assert not path.exists()
    store.writer.allow_create()
    store.save()
    assert store.flush(10) and recorder.results[-1] is None
    assert done_on_disk(path) == [not first_save, True, True, False, False]
    assert path.read_text(encoding="utf-8").startswith("# A learner's own comment")
    assert leftovers(folder) == []
    assert store.close(10)


# The app --------------------------------------------------------------------------------------


def static_texts(screen: object) -> str:
    """The text of every Static on a screen, unwrapped (a long path is cut by the modal's width)."""
    from textual.widgets import Static

    parts = []
    for widget in screen.query(Static):  # type: ignore[attr-defined]
        content = widget.content
        parts.append(content if isinstance(content, str) else content.plain)
    return "\n".join(parts)


@contextmanager
def app_fault(case: str, folder: Path) -> Iterator[str]:
    """The fault of `case`; yields the reason the app should show."""
    if case == "folder-deleted":
        shutil.rmtree(folder)
        yield os.strerror(errno.ENOENT)
        folder.mkdir()
        return
    point, name = case.split("-")
    code = getattr(errno, name)
    with fault(point, code, scope=folder):
        yield os.strerror(code)


async def settle(app: RoadmapApp, pilot) -> None:  # noqa: ANN001 - Textual's Pilot
    await pilot.pause()
    app.store.flush(10)
    await pilot.pause()


APP_CASES = {  # the fault, and what the learner does on the unsaved screen
    "atomic_write-ENOSPC": "retry",
    "mkstemp-EACCES": "elsewhere",
    "replace-EROFS": "discard",
    "fsync-EIO": "back",
    "folder-deleted": "elsewhere",
}


@pytest.mark.parametrize(("case", "then"), APP_CASES.items(), ids=list(APP_CASES))
async def test_the_app_warns_keeps_the_change_and_asks_on_quit(tmp_path: Path, case: str, then: str) -> None:
    folder = tmp_path / "data"
    path, _, _, _ = open_small(folder)
    before = path.read_bytes()
    app = RoadmapApp(path=path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        with app_fault(case, folder) as reason:
            await pilot.press("tab", "space")  # check "one"
            await settle(app, pilot)
            warning = f"Not saved: {reason} ({path})."
            assert warning in screen_text(app)
            assert items_of(app.store.roadmap)[0].done is True  # kept in memory
            await pilot.press("j", "shift+tab", "tab")  # moving about: the warning stays
            await pilot.pause()
            assert warning in screen_text(app)
            await pilot.press("q")
            await settle(app, pilot)
            assert isinstance(app.screen, UnsavedScreen) and app.is_running
            asked = static_texts(app.screen)
            assert str(path) in asked and reason in asked
            for key in ("Try again (r)", "Write elsewhere (w)", "Quit without saving (d)", "Back (Esc)"):
                assert key in screen_text(app)
            assert not folder.exists() or path.read_bytes() == before
            assert leftovers(folder) == []
            HANDLED[f"app {case}"] += 1

            if then == "retry":  # still failing: asked again
                await pilot.press("r")
                await settle(app, pilot)
                assert isinstance(app.screen, UnsavedScreen) and app.is_running
                assert path.read_bytes() == before
            elif then == "discard":
                await pilot.press("d", "d")  # twice: one key never loses the changes
                await pilot.pause()
            elif then == "back":
                await pilot.press("escape")
                await pilot.pause()
                assert isinstance(app.screen, MainScreen) and app.is_running
                assert warning in screen_text(app)
            else:  # elsewhere: first a place that can't be written, then the suggestion
                await pilot.press("w")
                await pilot.pause()
                field = app.screen.query_one("#save-as-path")
                suggestion = Path(field.value)
                assert suggestion.parent == Path.home() and not suggestion.exists()
                blocked = tmp_path / "a-file"
                blocked.write_text("not a folder")
                field.value = str(blocked / "roadmap.toml")
                await pilot.press("enter")
                await pilot.pause()
                assert "Could not write" in static_texts(app.screen) and app.is_running
                field.value = str(suggestion)
                await pilot.press("enter")
                await pilot.pause()
        # The fault is gone.
        if then == "retry":
            await pilot.press("r")
            await pilot.pause(0.2)
        elif then == "back":
            assert isinstance(app.focused, ItemList)
            await pilot.press("home", "j", "space")  # check "two": everything is written, the warning goes
            await settle(app, pilot)
            assert "Not saved" not in screen_text(app)
            await pilot.press("q")
            await pilot.pause(0.2)
    assert not app.is_running
    if then in ("retry", "back"):
        assert app.return_code == 0
        assert done_on_disk(path) == [True, then == "back", False, False, False]
    elif then == "discard":
        assert app.return_code == 1
        assert path.read_bytes() == before  # quit without saving: the file as it was
    else:
        assert app.return_code == 1
        assert done_on_disk(suggestion) == [True, False, False, False, False]  # every change is there
        assert suggestion.read_text(encoding="utf-8").startswith("# A learner's own comment")
        assert not path.exists() if case == "folder-deleted" else path.read_bytes() == before
    assert leftovers(folder) == []


def test_the_fault_counts() -> None:
    """Runs last in this file: the faults injected and handled by the tests before it (`-s` prints them)."""
    kinds = len(POINTS) * len(ERRNOS) + 2 + 1 + len(APP_CASES)
    print(f"\nfaults injected and handled: {sum(HANDLED.values())} of {len(HANDLED)} kinds")
    if len(HANDLED) == kinds:  # the whole file ran
        per_kind = 2 * 2 * len(POINTS) * len(ERRNOS) + 2 * 2 + 2 + len(APP_CASES)
        assert sum(HANDLED.values()) == per_kind
