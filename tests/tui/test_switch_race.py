"""Switching to another roadmap loads it off the loop (`tui/background.py`); what the learner does
meanwhile must not be lost, and the switch must land on the main screen, not on a modal.

Found by a review of the house move: a change made to the open roadmap while the other one
loaded went to the old store's saver and, if that write failed, was lost with exit status 0;
and a switch that finished while Help was open replaced Help and left the old main screen in
the stack.
"""

from __future__ import annotations

import threading
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import Stuck, data_roadmap, screen_words, settle, until

from roadmap_tui.storage import fs
from roadmap_tui.storage.store import RoadmapStore
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.screens.help import HelpScreen
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.screens.save_as import SaveAsScreen
from roadmap_tui.tui.screens.unsaved import UnsavedScreen


def two_roadmaps() -> tuple[Path, Path]:
    """`roadmap` and `second` in the data folder, both the default roadmap (the second retitled)."""
    first, second = data_roadmap("roadmap"), data_roadmap("second")
    second.write_bytes(second.read_bytes().replace(b'title = "AI/ML Learning Roadmap', b'title = "Second Roadmap', 1))
    return first, second


def first_fails(gate: threading.Event | None = None) -> Callable[[Path, bytes], None]:
    """An `fs.atomic_write` for which every write of `roadmap.toml` fails (no space left), after
    waiting for `gate` if one is given; other files are written as usual."""
    real_write = fs.atomic_write

    def write(path: Path, data: bytes) -> None:
        if Path(path).name == "roadmap.toml":
            if gate is not None:
                gate.wait(10)
            raise OSError(28, "No space left on device")
        real_write(path, data)

    return write


def first_topic_done(file: Path) -> list[object]:
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    return [i.get("done") for i in data["phases"][0]["sections"][0]["items"][0]["items"]]


async def test_a_key_pressed_while_the_other_roadmap_loads_changes_neither(monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = two_roadmaps()
    stuck = Stuck()
    app = RoadmapApp(path=first, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(RoadmapStore, "load", stuck.wrap(RoadmapStore.load))
        with stuck.held():
            await app.switch_roadmap(second)
            assert await until(pilot, stuck.entered.is_set)
            await pilot.press("tab", "space")  # while the second one loads
            await pilot.pause()
            assert "Opening" in screen_words(app)
        await settle(pilot)
        assert await until(pilot, lambda: isinstance(app.screen, MainScreen) and app.store.path == second)
        await pilot.press("q")
        assert await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 0
    assert first_topic_done(first) == first_topic_done(second) == [False, False, False, False]


async def test_a_change_the_old_roadmap_could_not_save_during_the_switch_keeps_it_open(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, second = two_roadmaps()
    stuck = Stuck()
    app = RoadmapApp(path=first, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        old = app.store
        item = old.roadmap.phases[0].sections[0].items[0].items[0]
        monkeypatch.setattr(RoadmapStore, "load", stuck.wrap(RoadmapStore.load))
        with stuck.held():
            await app.switch_roadmap(second)
            assert await until(pilot, stuck.entered.is_set)
            monkeypatch.setattr(fs, "atomic_write", first_fails())
            old.toggle(item)  # a change that reaches the old store meanwhile (the palette, a reload...)
            await pilot.pause(0.3)
        await settle(pilot)
        await pilot.pause(0.3)
        assert app.store is old, "the switch went ahead over a change that is not on disk"
        assert isinstance(app.screen, MainScreen) and app.screen.store is old
        await pilot.press("q")
        assert await until(pilot, lambda: isinstance(app.screen, UnsavedScreen) or app.return_code is not None)
        assert app.return_code is None, "quit without a word while a change is not on disk"


async def test_a_switch_lands_on_the_main_screen_with_no_stale_screen_left(monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = two_roadmaps()
    stuck = Stuck()
    app = RoadmapApp(path=first, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.switch_roadmap(second)  # a first switch, as usual
        assert await until(pilot, lambda: app.store.path == second and isinstance(app.screen, MainScreen))
        monkeypatch.setattr(RoadmapStore, "load", stuck.wrap(RoadmapStore.load))
        with stuck.held():
            await app.switch_roadmap(first)  # and back, with Help asked for while it loads
            assert await until(pilot, stuck.entered.is_set)
            await pilot.press("question_mark")
            await pilot.pause()
        await settle(pilot)
        assert await until(pilot, lambda: app.store.path == first and isinstance(app.screen, MainScreen))
        stack = app.screen_stack
        # The app's first screen can't be switched away (Textual): it may stay, under the one shown.
        assert len(stack) <= 2 and all(isinstance(s, MainScreen) for s in stack), stack
        assert app.screen.store is app.store
        await pilot.press("q")
        assert await until(pilot, lambda: app.return_code is not None)


async def test_quit_while_the_other_roadmap_loads_quits(monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = two_roadmaps()
    stuck = Stuck()
    app = RoadmapApp(path=first, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(RoadmapStore, "load", stuck.wrap(RoadmapStore.load))
        with stuck.held():
            await app.switch_roadmap(second)
            assert await until(pilot, stuck.entered.is_set)
            await pilot.press("q")
            assert await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 0


async def test_write_elsewhere_after_a_given_up_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    """(Review finding: the Opening screen closed the screen on top of it, and the app stopped.)
    q while the switch waits for a write that fails; the question (with the error) is up over
    Opening, the switch gives up (NotOpened), then the learner presses w: SaveAs must show."""
    first, second = two_roadmaps()
    gate = threading.Event()
    real_write = fs.atomic_write
    real_flush = RoadmapStore.flush

    def flush(store: RoadmapStore, timeout: float | None = None) -> bool:
        done = real_flush(store, timeout)
        if threading.current_thread().name == "roadmap-open":
            time.sleep(0.5)  # the switch's NotOpened comes after the quit's question
        return done

    app = RoadmapApp(path=first, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        old = app.store
        item = old.roadmap.phases[0].sections[0].items[0].items[0]
        monkeypatch.setattr(fs, "atomic_write", first_fails(gate))
        monkeypatch.setattr(RoadmapStore, "flush", flush)
        old.toggle(item)
        await app.switch_roadmap(second)
        await pilot.pause(0.1)
        await pilot.press("q")
        assert await until(pilot, lambda: isinstance(app.screen, UnsavedScreen))
        gate.set()
        await settle(pilot)
        await pilot.pause(0.3)
        await pilot.press("w")
        await pilot.pause(0.5)
        assert isinstance(app.screen, SaveAsScreen), app.screen_stack
        monkeypatch.setattr(fs, "atomic_write", real_write)


async def test_switch_started_over_help_leaves_no_stale_main() -> None:
    first, second = two_roadmaps()
    third = first.with_name("third.toml")
    third.write_bytes(first.read_bytes())
    app = RoadmapApp(path=first, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.switch_roadmap(second)
        assert await until(pilot, lambda: app.store.path == second and isinstance(app.screen, MainScreen))
        await pilot.press("question_mark")
        assert await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.press("ctrl+p")  # the palette opens over Help (a priority binding)
        await pilot.pause(0.3)
        await pilot.press("escape")
        await pilot.pause(0.1)
        await app.switch_roadmap(third)  # what picking "third" in that palette runs
        assert await until(pilot, lambda: app.store.path == third and isinstance(app.screen, MainScreen))
        await settle(pilot)
        stack = app.screen_stack
        assert len(stack) <= 2 and all(isinstance(s, MainScreen) for s in stack), stack
