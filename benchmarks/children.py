"""The measured child processes: each measurement runs in a fresh process of its own.

    python -c "...; from benchmarks.children import main; ..." KIND FILE OUT [PRESSES [SAVES]]

`benchmarks/run.py` spawns them (`run.child_command`) and reads the JSON each writes to OUT:

app-start
    `roadmap-tui --file FILE` (the real command line, with `App.run` made headless): the time
    of the first frame after the main screen's `on_mount` has finished, i.e. the first frame
    that shows the roadmap, and whether it shows it.
bare-start
    The same for a bare Textual app (Header, Tree, SelectionList, ProgressBar, Footer): the floor.
keys
    Down in the topic's item list, Down in the tree (the pane follows), Right on a closed
    phase (closed again, unmeasured, between presses), and letters typed in the `/` search bar
    (`SEARCH_WORDS`): keypress to repaint, PRESSES of each; `/` itself once.
save
    SAVES isolated Space presses timed until the file's bytes change, with the longest stretch
    the event loop was blocked meanwhile; then PRESSES Space presses one after another.

Each also reports its peak RSS. Arguments go by position and nothing but the standard library
and `probes` (which imports only the standard library at its top) is imported before the app:
a child's start-up clock, which starts in the parent, is the app's own imports and work.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING, Any

from benchmarks.probes import Frames, StoreClock, Watchdog, frame_text, key_event, press, send, settle

if TYPE_CHECKING:  # (a child's clock starts on the app's own imports: Textual is imported late)
    from textual.app import ComposeResult

TERMINAL = (100, 30)
#: What the search keystrokes type (`generate.WORDS`, one misspelt: "regresion").
SEARCH_WORDS = ("gradient", "regresion", "tokenization", "attention")


def _rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _write_result(out: str, result: dict) -> None:
    import json

    with open(out, "w", encoding="utf-8") as handle:
        json.dump(result, handle)


def _child_app_start(path: str, out: str) -> None:
    """`roadmap-tui --file PATH`, headless: stop at the first frame that shows the roadmap."""
    from textual.app import App

    from roadmap_tui import cli
    from roadmap_tui.tui.screens.main import MainScreen

    size = TERMINAL
    result: dict = {"ok": False}
    mounted = []

    original_run = App.run

    def run(self: App[Any], *args: Any, **kwargs: Any) -> Any:
        kwargs.update(headless=True, size=size)
        return original_run(self, *args, **kwargs)

    App.run = run  # type: ignore[method-assign]  # headless, at the benchmark's size, however the CLI starts it

    original_mount = MainScreen.on_mount

    async def on_mount(self: MainScreen) -> None:
        await original_mount(self)
        mounted.append(time.monotonic())

    MainScreen.on_mount = on_mount  # type: ignore[method-assign]  # notes when the screen is up

    frames = Frames()

    def on_frame(app: Any, screen: Any) -> None:
        if result["ok"] or not mounted or not isinstance(screen, MainScreen):
            return
        result["first_frame"] = frames.times[-1]
        result["mounted"] = mounted[0]
        result["rss_mib"] = _rss_mib()
        shown = screen.shown
        title = getattr(shown, "title", "") or ""
        result["n_total"] = screen.roadmap.n_total
        result["shows_roadmap"] = bool(title) and title[:12] in frame_text(screen)
        result["ok"] = True
        app.exit()

    frames.on_frame = on_frame
    frames.install()
    status = cli.main(["--file", path])
    result["exit_status"] = status
    result["exited"] = time.monotonic()
    # Let the app finish what it does in the background at launch (it keeps a cache of the
    # parsed file for the next one), as it would in a session longer than one frame.
    import threading

    for thread in threading.enumerate():
        if thread is not threading.current_thread() and thread.name.startswith("roadmap-cache"):
            thread.join(60)
    _write_result(out, result)


def _child_bare_start(path: str, out: str) -> None:
    """A bare Textual app (the floor): Header, Tree, SelectionList, ProgressBar, Footer."""
    from textual.app import App
    from textual.widgets import Footer, Header, ProgressBar, SelectionList, Tree

    result: dict = {"ok": False}

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            tree: Tree[None] = Tree("Roadmap")
            for phase in range(6):
                node = tree.root.add(f"Phase {phase}", expand=phase == 0)
                for section in range(4):
                    node.add_leaf(f"Section {phase}.{section}")
            yield tree
            yield SelectionList[int](*[(f"Item {i}", i) for i in range(12)])
            yield ProgressBar(total=76)
            yield Footer()

        def on_mount(self) -> None:
            self.mounted = time.monotonic()

    frames = Frames()

    def on_frame(app: Any, screen: Any) -> None:
        if result["ok"] or not hasattr(app, "mounted"):
            return
        result["first_frame"] = frames.times[-1]
        result["rss_mib"] = _rss_mib()
        result["ok"] = True
        app.exit()

    frames.on_frame = on_frame
    frames.install()
    Bare().run(headless=True, size=TERMINAL)
    result["exited"] = time.monotonic()
    _write_result(out, result)


def _summary(samples: list[float | None]) -> dict:
    times = sorted(s for s in samples if s is not None)
    result: dict[str, float] = {"n": len(samples), "missing": sum(1 for s in samples if s is None)}
    if times:
        result.update(
            p50=_percentile(times, 50) * 1000,
            p95=_percentile(times, 95) * 1000,
            max=times[-1] * 1000,
        )
    return result


def _percentile(sorted_values: list[float], percent: float) -> float:
    """Nearest-rank percentile of sorted values."""
    import math

    rank = max(1, math.ceil(percent / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def _child_keys(path: str, out: str, presses: int) -> None:
    import asyncio

    asyncio.run(_keys(path, out, presses))


async def _keys(path: str, out: str, presses: int) -> None:
    from roadmap_tui.tui.app import RoadmapApp
    from roadmap_tui.tui.screens.main import MainScreen

    frames = Frames(snapshots=True)
    frames.install()
    app = RoadmapApp(path=path)
    result: dict = {}
    async with app.run_test(size=TERMINAL):
        await settle(app, frames, frames.now())
        screen = app.screen
        assert isinstance(screen, MainScreen), type(screen).__name__
        tree, items = screen.tree, screen.pane.items

        # Down in the item list (the topic the app opens at); back to the top, unmeasured, at its end.
        items.focus()
        await settle(app, frames, frames.now())
        samples: list[float | None] = []
        for _ in range(presses):
            if items._selectable_from(items.highlighted + 1, 1) == -1:
                items.highlighted = items._selectable_from(0, 1)
                await settle(app, frames, frames.now())
            samples.append((await press(app, frames, "down"))[1])
        result["list_down"] = _summary(samples)
        result["list_rows"] = len(items.rows)

        # Down in the tree (the pane follows); back to the top, unmeasured, at its end.
        tree.focus()
        await settle(app, frames, frames.now())
        samples = []
        for _ in range(presses):
            if tree.cursor_line >= tree.last_line:
                tree.cursor_line = 0
                await settle(app, frames, frames.now())
            samples.append((await press(app, frames, "down"))[1])
        result["tree_down"] = _summary(samples)

        # Right on a closed phase (the second, else the first); closed again, unmeasured, each time.
        phases = list(tree.root.children)
        phase = phases[1] if len(phases) > 1 else phases[0]
        tree.move_cursor(phase, animate=False)
        await settle(app, frames, frames.now())
        samples = []
        for _ in range(presses):
            if phase.is_expanded:
                phase.collapse()
                await settle(app, frames, frames.now())
            samples.append((await press(app, frames, "right"))[1])
        result["open_phase"] = _summary(samples)
        result["phase_children"] = len(phase.children)

        # Keystrokes in the search bar: `/` (timed on its own: it makes the search's index), then
        # words typed a letter at a time (one with a typo), each letter narrowing the tree and
        # marking the pane; the query emptied, unmeasured, after each word.
        tree.focus()
        await settle(app, frames, frames.now())
        result["search_open"] = _summary([(await press(app, frames, "slash"))[1]])
        samples = []
        while len(samples) < presses:
            for word in SEARCH_WORDS:
                for letter in word:
                    if len(samples) < presses:
                        samples.append((await press(app, frames, letter))[1])
                screen.search_bar.input.value = ""
                await settle(app, frames, frames.now())
        result["search_key"] = _summary(samples)
        result["search_hits"] = len(screen.search_index().search(SEARCH_WORDS[0]))
        await press(app, frames, "escape")
        result["rss_mib"] = _rss_mib()
        app.exit()
    _write_result(out, result)


def _child_save(path: str, out: str, presses: int, saves: int) -> None:
    import asyncio

    asyncio.run(_save(path, out, presses, saves))


def _file_id(path: str) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_ino, info.st_mtime_ns, info.st_size


async def _save(path: str, out: str, presses: int, saves: int) -> None:
    import asyncio
    import tomllib

    from roadmap_tui.storage.schema import build_roadmap
    from roadmap_tui.tui.app import RoadmapApp
    from roadmap_tui.tui.screens.main import MainScreen

    frames = Frames()  # no fingerprints while saves are timed: one clock for frames, disk and loop
    frames.install()
    store_clock = StoreClock()
    store_clock.install()
    app = RoadmapApp(path=path)
    result: dict = {}
    async with app.run_test(size=TERMINAL):
        await settle(app, frames, frames.now())
        screen = app.screen
        assert isinstance(screen, MainScreen), type(screen).__name__
        items = screen.pane.items
        items.focus()
        row = next(
            index
            for index, row in enumerate(items.rows)
            if row.spec.toggleable and getattr(row.spec.entry, "is_counted", False)
        )
        items.highlighted = row
        await settle(app, frames, frames.now())
        watchdog = Watchdog()
        watchdog.start()
        idle_from = time.monotonic()
        await asyncio.sleep(1.0)
        result["loop_stall_idle_ms"] = watchdog.longest(idle_from, time.monotonic()) * 1000

        # Isolated saves: Space, then wait for the file to change and for the app to be quiet.
        to_disk: list[float | None] = []
        blocks: list[float] = []
        first_block: dict = {}
        for index in range(saves):
            before = _file_id(path)
            start = time.monotonic()
            send(app, key_event(app, "space"))
            disk: float | None = None
            while time.monotonic() - start < 120:
                await asyncio.sleep(0.001)
                if _file_id(path) != before:
                    disk = time.monotonic()
                    break
            last_frame = await settle(app, frames, start)
            to_disk.append(disk - start if disk is not None else None)
            end = disk if disk is not None else time.monotonic()
            store_time, store_call = store_clock.longest(start, end)
            after_repaint = watchdog.longest(last_frame, end) if last_frame is not None and last_frame < end else 0.0
            blocks.append(max(store_time, after_repaint))
            if index == 0:
                first_block = {"store_ms": store_time * 1000, "store_call": store_call,
                               "after_repaint_ms": after_repaint * 1000}
        result["to_disk"] = _summary(to_disk)
        result["save_block_ms"] = max(blocks) * 1000 if blocks else None
        result["save_block_first"] = first_block
        result["save_block_later_ms"] = max(blocks[1:]) * 1000 if len(blocks) > 1 else None

        watchdog.stop()

        # Space presses one after another (each after the last one's repaint), saves in the background.
        frames.snapshots = True
        samples: list[float | None] = []
        phase_start = time.monotonic()
        for _ in range(presses):
            samples.append((await press(app, frames, "space"))[1])
        result["toggle"] = _summary(samples)
        result["toggle_store_ms"] = store_clock.longest(phase_start, time.monotonic())[0] * 1000
        flush = getattr(app.store, "flush", None)
        if flush is not None:
            await asyncio.to_thread(flush, 300)
        # The latest state won: the file says what the screen says.
        assert app.store.roadmap is not None
        on_disk = build_roadmap(tomllib.loads(open(path, encoding="utf-8").read()), path)
        result["file_matches"] = [i.done for i in on_disk.walk_items()] == [
            i.done for i in app.store.roadmap.walk_items()
        ]
        result["rss_mib"] = _rss_mib()
        app.exit()
    _write_result(out, result)


def main(argv: list[str]) -> int:
    """`KIND FILE OUT [PRESSES [SAVES]]` (arguments by position: no argparse to import)."""
    kind, path, out, *rest = argv
    numbers = [int(n) for n in rest]
    if kind == "app-start":
        _child_app_start(path, out)
    elif kind == "bare-start":
        _child_bare_start(path, out)
    elif kind == "keys":
        _child_keys(path, out, *numbers)
    elif kind == "save":
        _child_save(path, out, *numbers)
    else:
        raise SystemExit(f"unknown child {kind!r}")
    return 0

