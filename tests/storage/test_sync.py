"""The file changes under the app: other programs' edits, a second roadmap-tui, schema upgrades.

Neither side's change may be lost: before each save the saver compares the file with what it
last read or wrote, and if another program changed it, reloads it and applies our changes again
on top. A file left unreadable is never overwritten.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
import tomllib
from pathlib import Path

import pytest

from conftest import LA_PATH, REPO, child, get

from roadmap_tui.core.model import Item, Roadmap
from roadmap_tui.storage import backups
from roadmap_tui.storage.fs import remove_stale_temps
from roadmap_tui.storage.saver import FileChangedError, Reloaded
from roadmap_tui.storage.store import RoadmapStore
from roadmap_tui.tui.app import RoadmapApp

DEFAULT_BYTES = (REPO / "data" / "default_roadmap.toml").read_bytes()
MATRIX = '{ text = "Matrix operations", done = false }'
VECTORS = '{ text = "Vectors and matrices", done = false }'


def la_done(path: Path) -> dict[str, bool]:
    data = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # (a file may keep its BOM)
    return {i["text"]: i.get("done") for i in data["phases"][0]["sections"][0]["items"][0]["items"]}


def edit_file(path: Path, old: str, new: str) -> None:
    """What an editor does: write the whole file anew."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def counted(roadmap: Roadmap) -> list[Item]:
    return [i for i in roadmap.walk_items() if i.is_counted]


def open_store(path: Path, **kwargs) -> tuple[RoadmapStore, Roadmap]:
    store = RoadmapStore(path, **kwargs)
    return store, store.load()


# Another program edits the file --------------------------------------------------------------


def test_an_edit_behind_the_store_is_kept_and_our_change_goes_on_top(default_copy: Path) -> None:
    reloads: list[Reloaded] = []
    store, roadmap = open_store(default_copy, on_reload=reloads.append)
    edit_file(default_copy, MATRIX, MATRIX.replace("false", "true"))
    edit_file(default_copy, "# The AI/ML Learning Roadmap", "# My own comment\n# The AI/ML Learning Roadmap")

    store.toggle(child(get(roadmap, *LA_PATH), "Vectors and matrices"))
    assert store.flush(10) and store.writer.error is None

    done = la_done(default_copy)
    assert done["Matrix operations"] is True, "the other program's change survives"
    assert done["Vectors and matrices"] is True, "and ours is on top"
    assert default_copy.read_text(encoding="utf-8").startswith("# My own comment\n")
    assert len(reloads) == 1 and reloads[0].roadmap is not None and not reloads[0].lost
    fresh = reloads[0].roadmap
    assert child(get(fresh, *LA_PATH), "Matrix operations").done is True


def test_a_reload_keeps_changes_made_since_on_the_new_model(default_copy: Path) -> None:
    reloads: list[Reloaded] = []
    store, roadmap = open_store(default_copy, on_reload=reloads.append)
    edit_file(default_copy, MATRIX, MATRIX.replace("false", "true"))
    store.save()  # the saver notices the edit
    assert store.flush(10)
    assert len(reloads) == 1
    # a key handled before the app took the new model: made on the old one
    store.toggle(child(get(roadmap, *LA_PATH), "Vectors and matrices"))
    lost = store.adopt(reloads[0])
    assert lost == []
    new = store.roadmap
    assert new is reloads[0].roadmap
    la = get(new, *LA_PATH)
    assert child(la, "Matrix operations").done is True
    assert child(la, "Vectors and matrices").done is True
    assert store.flush(10)
    assert la_done(default_copy)["Vectors and matrices"] is True
    # and a change made on the old model after the switch reaches the new model too
    store.toggle(child(get(roadmap, *LA_PATH), "Eigenvalues and eigenvectors"))
    assert child(la, "Eigenvalues and eigenvectors").done is True
    assert store.flush(10)
    assert la_done(default_copy)["Eigenvalues and eigenvectors"] is True


def test_an_entry_moved_by_the_other_program_is_found_by_its_titles(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    # the other program puts a new item first: every index after it moves
    edit_file(default_copy, "  " + VECTORS + ",\n", '  { text = "Brand new", done = false },\n  ' + VECTORS + ",\n")
    store.toggle(child(get(roadmap, *LA_PATH), "Matrix operations"))
    assert store.flush(10) and store.writer.error is None
    done = la_done(default_copy)
    assert done == {**done, "Brand new": False, "Matrix operations": True, "Vectors and matrices": False}


def test_a_change_whose_entry_the_other_program_removed_is_reported(default_copy: Path) -> None:
    reloads: list[Reloaded] = []
    store, roadmap = open_store(default_copy, on_reload=reloads.append)
    edit_file(default_copy, "  " + MATRIX + ",\n", "")
    store.toggle(child(get(roadmap, *LA_PATH), "Matrix operations"))
    store.toggle(child(get(roadmap, *LA_PATH), "Vectors and matrices"))
    assert store.flush(10) and store.writer.error is None
    # the check's edits (its flag and its dates), each for that one entry
    assert {c.titles[-1] for c in reloads[0].lost} == {"Matrix operations"}
    assert {c.edit.key for c in reloads[0].lost} == {"done", "state", "started_at", "done_at"}
    assert "Matrix operations" not in la_done(default_copy)
    assert la_done(default_copy)["Vectors and matrices"] is True


def test_a_file_left_broken_is_never_overwritten_and_the_change_waits(default_copy: Path) -> None:
    errors: list[Exception | None] = []
    store, roadmap = open_store(default_copy, on_save=errors.append)
    broken = default_copy.read_text(encoding="utf-8").replace(MATRIX, '{ text = "Matrix operations", done = "yes" }')
    default_copy.write_text(broken, encoding="utf-8")
    store.toggle(child(get(roadmap, *LA_PATH), "Vectors and matrices"))
    assert store.flush(10)
    assert isinstance(errors[-1], FileChangedError)
    assert "done: expected true or false" in str(errors[-1])
    assert default_copy.read_text(encoding="utf-8") == broken, "a hand edit in progress is never overwritten"

    # the person fixes it: the next round merges
    default_copy.write_text(broken.replace('done = "yes"', "done = true"), encoding="utf-8")
    store.save()
    assert store.flush(10) and errors[-1] is None
    assert la_done(default_copy)["Matrix operations"] is True
    assert la_done(default_copy)["Vectors and matrices"] is True


def test_the_watch_notices_an_edit_within_a_second(default_copy: Path) -> None:
    seen = threading.Event()
    reloads: list[Reloaded] = []

    def on_reload(reloaded: Reloaded) -> None:
        reloads.append(reloaded)
        seen.set()

    store, _ = open_store(default_copy, on_reload=on_reload)
    store.watch(0.05)
    time.sleep(0.1)
    assert not seen.is_set(), "no change, no reload"
    edit_file(default_copy, MATRIX, MATRIX.replace("false", "true"))
    assert seen.wait(5)
    fresh = reloads[0].roadmap
    assert fresh is not None and child(get(fresh, *LA_PATH), "Matrix operations").done is True
    store.close()


# Two roadmap-tui on one file -----------------------------------------------------------------


def test_two_stores_on_one_file_lose_no_update(default_copy: Path) -> None:
    first, roadmap_a = open_store(default_copy)
    second, roadmap_b = open_store(default_copy)
    items_a, items_b = counted(roadmap_a), counted(roadmap_b)
    chosen = list(range(0, 60, 2))
    for n, index in enumerate(chosen):
        (first if n % 2 else second).toggle((items_a if n % 2 else items_b)[index])
        if n % 5 == 0:
            time.sleep(0.005)
    assert first.flush(10) and second.flush(10)
    assert first.writer.error is None and second.writer.error is None
    final = RoadmapStore(default_copy).load(create=False)
    done = [i.done for i in counted(final)]
    assert [n for n, flag in enumerate(done) if flag] == chosen


def test_two_stores_in_threads_hammering_one_file_lose_no_update(default_copy: Path) -> None:
    stores = [open_store(default_copy) for _ in range(2)]

    def work(store: RoadmapStore, roadmap: Roadmap, parity: int) -> None:
        for item in counted(roadmap)[parity::2]:
            store.toggle(item)

    threads = [threading.Thread(target=work, args=(s, r, n)) for n, (s, r) in enumerate(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for store, _ in stores:
        assert store.flush(20) and store.writer.error is None
    final = RoadmapStore(default_copy).load(create=False)
    assert all(i.done for i in counted(final)), "every toggle of both is on disk"


TWO_APPS_SCRIPT = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from roadmap_tui.tui.app import RoadmapApp

    path, parity = Path(sys.argv[1]), int(sys.argv[2])

    async def main():
        app = RoadmapApp(path=path, watch_interval=0.05)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            for n in range(parity, 40, 2):
                # the model shown now (it is rebuilt when the other app's saves are noticed)
                item = [i for i in app.store.roadmap.walk_items() if i.is_counted][n]
                changed = app.store.toggle(item)
                app.screen.after_change([item, *changed])
                await pilot.pause(0.01)
            await pilot.press("q")
            await pilot.pause()
        print("done", app.return_code)

    asyncio.run(main())
    """
)


def test_two_apps_on_one_file_every_toggle_is_on_disk(default_copy: Path, tmp_path: Path) -> None:
    script = tmp_path / "app_run.py"
    script.write_text(TWO_APPS_SCRIPT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), str(default_copy), str(parity)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        for parity in (0, 1)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err[-2000:]
        assert "done 0" in out
    final = RoadmapStore(default_copy).load(create=False)
    done = [i.done for i in counted(final)]
    assert all(done[:40]), [n for n in range(40) if not done[n]]
    assert not any(done[40:])


# In the app ----------------------------------------------------------------------------------


async def test_an_edit_behind_the_running_app_is_shown_and_both_changes_end_up_on_disk(default_copy: Path) -> None:
    app = RoadmapApp(path=default_copy, watch_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.shown.text == "Linear Algebra"
        edit_file(default_copy, MATRIX, MATRIX.replace("false", "true"))
        for _ in range(100):
            await pilot.pause(0.05)
            if child(get(app.store.roadmap, *LA_PATH), "Matrix operations").done:
                break
        la = get(app.store.roadmap, *LA_PATH)
        assert child(la, "Matrix operations").done is True, "the app reloaded the file"
        assert app.screen.shown is la, "the selection is kept"
        # now the learner checks another item with the keyboard
        await pilot.press("enter")  # into the items
        await pilot.press("space")  # the first row: Vectors and matrices
        await pilot.pause()
        app.store.flush(5)
        done = la_done(default_copy)
        assert done["Matrix operations"] is True and done["Vectors and matrices"] is True
        await pilot.press("q")


async def test_a_file_broken_behind_the_app_is_reported_and_left_alone(default_copy: Path) -> None:
    app = RoadmapApp(path=default_copy, watch_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        broken = default_copy.read_text(encoding="utf-8").replace("\n[[phases]]\n", "\n[[phases]\n", 1)
        default_copy.write_text(broken, encoding="utf-8")
        warning = app.screen.query_one("#save-problem")
        for _ in range(100):
            await pilot.pause(0.05)
            if warning.display:
                break
        assert warning.display
        text = str(warning.render())
        assert "File changed on disk" in text and "roadmap.toml" in text
        await pilot.press("enter", "space")
        await pilot.pause()
        app.store.flush(5)
        assert default_copy.read_text(encoding="utf-8") == broken
    assert default_copy.read_text(encoding="utf-8") == broken


# Schema upgrades, leftovers ------------------------------------------------------------------


@pytest.mark.parametrize("version", [1, 2])
def test_an_older_schema_file_is_upgraded_on_load_and_backed_up_first(default_copy: Path, version: int) -> None:
    old = DEFAULT_BYTES.replace(b"\nschema = 3\n", f"\nschema = {version}\n".encode())
    assert old != DEFAULT_BYTES
    old = old.replace(MATRIX.encode(), MATRIX.replace("false", "true").encode())
    default_copy.write_bytes(old)
    store, roadmap = open_store(default_copy)
    assert store.migrated_from == version
    assert child(get(roadmap, *LA_PATH), "Matrix operations").done is True
    after = default_copy.read_bytes()
    assert after == old.replace(f"\nschema = {version}\n".encode(), b"\nschema = 3\n"), "only the version changed"
    saved = backups.list_backups(default_copy)
    assert len(saved) == 1 and saved[0].read_bytes() == old
    assert f"schema-{version}" in saved[0].name
    # and it goes on working: a change is saved on top of the upgraded file
    store.toggle(child(get(roadmap, *LA_PATH), "Vectors and matrices"))
    assert store.flush(10) and store.writer.error is None
    assert la_done(default_copy)["Vectors and matrices"] is True
    assert tomllib.loads(default_copy.read_text(encoding="utf-8"))["schema"] == 3


def test_the_first_save_of_a_launch_backs_the_file_up(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    assert backups.list_backups(default_copy) == [], "opening alone backs nothing up"
    items = counted(roadmap)
    store.toggle(items[0])
    assert store.flush(10)
    store.toggle(items[1])
    assert store.flush(10)
    saved = backups.list_backups(default_copy)
    assert len(saved) == 1 and saved[0].read_bytes() == DEFAULT_BYTES, "once, with the file as it was"


def test_load_removes_temp_files_of_dead_processes_only(default_copy: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    folder = default_copy.parent
    leftover = folder / f".roadmap.toml.{dead_pid}.abc123.tmp"
    live = folder / f".roadmap.toml.{os.getppid()}.def456.tmp"
    old_style = folder / ".roadmap.toml.k2j3h4.tmp"
    other = folder / ".other.toml.1.x.tmp"
    for path in (leftover, live, old_style, other):
        path.write_bytes(b"half a roadmap")
    hour_ago = time.time() - 7200
    os.utime(old_style, (hour_ago, hour_ago))
    RoadmapStore(default_copy).load()
    assert not leftover.exists() and not old_style.exists()
    assert live.exists() and other.exists()
    assert remove_stale_temps(default_copy) == []


def test_a_file_with_a_bom_is_not_taken_for_a_change_by_another_program(default_copy: Path) -> None:
    default_copy.write_bytes(b"\xef\xbb\xbf" + DEFAULT_BYTES)
    reloads: list[Reloaded] = []
    store, roadmap = open_store(default_copy, on_reload=reloads.append)
    store.toggle(child(get(roadmap, *LA_PATH), "Matrix operations"))
    assert store.flush(10) and store.writer.error is None
    assert reloads == []
    assert la_done(default_copy)["Matrix operations"] is True
    assert default_copy.read_bytes().startswith(b"\xef\xbb\xbf"), "the BOM stays"


def test_a_merge_that_would_not_read_is_never_written(default_copy: Path) -> None:
    """Our edit on top of another program's version can make a roadmap that does not read (here:
    the other program wrote the phase's Duration out in full, no blank left, while the app fills
    the blank): nothing is written, the error is reported, the change waits."""
    errors: list[Exception | None] = []
    store, roadmap = open_store(default_copy, on_save=errors.append)
    store.writer.prepare()
    assert store.flush(10)
    edit_file(default_copy, 'duration = "_[e.g., 2-3 months]_"', 'duration = "3 months"')
    left = default_copy.read_text(encoding="utf-8")
    store.set_fill(roadmap.phases[0], "duration", "10 weeks")
    assert store.flush(10)
    assert errors and errors[-1] is not None and "duration_fill" in str(errors[-1])
    assert default_copy.read_text(encoding="utf-8") == left, "a merge that does not read is not written"
    store.close(1)
