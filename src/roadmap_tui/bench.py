"""The benchmark: start-up, keypress, save, memory and CLI figures at 76 to 50,000 items.

    python -m roadmap_tui.bench [--quick] [--sizes 76 1000 ...] [--presses N] [--json OUT]

For each size it generates a roadmap (`benchgen`; 76 is the shipped default) into a temporary
folder and runs every measurement in a fresh process, headless, at a 100x30 terminal:

start-up
    From just before the parent spawns `roadmap-tui --file F` (the real command line, with
    `App.run` made headless) until the first frame after the main screen's `on_mount` has
    finished, i.e. the first frame that shows the roadmap. The same for a bare Textual app
    (Header, Tree, SelectionList, ProgressBar, Footer) in the same run, interleaved; the
    median of the runs of each, and their ratio. The app keeps a cache of a big file's parse
    (`cache.py`): the first start of each size runs without it ("first open") and is reported
    on its own row; the runs after it find it, as a user's next launch does.
keypress to repaint
    From handing the key to the driver (`driver.send_message`, where a real terminal's keys
    enter) until the first frame that shows what the screen finally shows: a frame is produced
    when `Screen._compositor_refresh` calls `App._display` with the compositor's update, and
    the benchmark then turns that update into the bytes a terminal would be sent
    (`render_segments`, which headless mode skips) and takes a fingerprint of the whole screen.
    A frame that changes nothing more (Textual repaints a scrollbar one frame after a layout)
    does not count; a first frame that is not yet the final picture (the cursor moved, the pane
    not yet) does not end the measurement. The fingerprints' own time is kept off the clock.
    Before the next key the app must be quiet (no queued messages, nothing dirty, no frame for
    40 ms), so each press starts from an idle app as a typed key does. Down in the tree (the
    pane follows), Down in the topic's item list, Space on an item, and Right on a closed phase
    (closed again, unmeasured, between presses).
save
    Space on an item, then the time until the file's bytes on disk change (polled every
    millisecond), and the longest stretch the event loop was blocked by saving: the longest
    call into `RoadmapStore` made on the event loop, or the longest stall a 1 ms watchdog
    coroutine saw between the key's repaint and the file changing (the saver thread's share),
    whichever is larger. The first toggle after start is included. For scale, the longest
    stall the same watchdog sees in a second of the app doing nothing is reported too (on a
    shared machine that is the scheduler, not the app).
memory
    Peak RSS (`ru_maxrss`) of each child; the app's is the largest of its runs.
status / export
    Wall time of `roadmap-tui status` / `roadmap-tui export` (to /dev/null), median of runs.
import
    Once per run, not per size: wall time of `roadmap-tui import FILE.md --name bench-import
    --force` for a generated README-like checklist (`benchgen.markdown_checklist`) of 20,000
    tasks (2,000 in `--quick` mode), median of the CLI runs; the figure is in the first
    column, the row's other cells are "-".

Before any timing, one bare and one app start compile the bytecode every child then reuses
(`PYTHONPYCACHEPREFIX` in the temporary folder), as an installed package has it. The table
shows each figure against the budget of issue 5. `--quick` runs 76 and 1,000 items with 20
presses and 5 isolated saves, one start-up each, and imports 2,000 tasks. Only the standard
library is imported until a child starts the app, so the parent stays light.
"""

from __future__ import annotations

import os
import sys
import time

SIZES = (76, 1_000, 10_000, 50_000)
QUICK_SIZES = (76, 1_000)
IMPORT_TASKS = 20_000
QUICK_IMPORT_TASKS = 2_000
PRESSES = 200
QUICK_PRESSES = 20
SAVES = 20
QUICK_SAVES = 5
STARTUP_RUNS = 3
CLI_RUNS = 5
TERMINAL = (100, 30)
QUIET = 0.04  # seconds without a frame (and nothing queued) that count as "the key is done"
MiB = 1024 * 1024


# ===========================================================================================
# Children: each measurement runs in a process of its own.
# ===========================================================================================


def _rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _write_result(out: str, result: dict) -> None:
    import json

    with open(out, "w", encoding="utf-8") as handle:
        json.dump(result, handle)


class _Frames:
    """Records when each frame was produced, by wrapping `App._display`.

    With `snapshots`, it also keeps a fingerprint of the whole screen after each frame, so a
    keypress is timed to the first frame that shows what the screen finally shows (a frame
    that repaints the same picture, such as Textual's scrollbar refresh after a layout, does
    not count). The time spent taking fingerprints is kept out of the clock (`now()`).
    """

    def __init__(self, snapshots: bool = False) -> None:
        self.times: list[float] = []
        self.prints: list[int] = []
        self.snapshots = snapshots
        self.overhead = 0.0
        self.on_frame = None  # optional callback(app, screen)

    def now(self) -> float:
        return time.monotonic() - self.overhead

    def install(self) -> None:
        from textual.app import App

        original = App._display
        frames = self

        def _display(app, screen, renderable):  # type: ignore[no-untyped-def]
            original(app, screen, renderable)
            if renderable is None or app._batch_count:
                return
            if app.is_headless and hasattr(renderable, "render_segments"):
                renderable.render_segments(app.console)  # what a real terminal would be sent
            frames.times.append(frames.now())
            if frames.snapshots:
                started = time.monotonic()
                frames.prints.append(_fingerprint(screen))
                frames.overhead += time.monotonic() - started
            else:
                frames.prints.append(None)
            if frames.on_frame is not None:
                frames.on_frame(app, screen)

        App._display = _display

    @property
    def last(self) -> float:
        return self.times[-1] if self.times else 0.0

    def settled_at(self, since: float, final: int) -> float | None:
        """When the screen first showed `final` for good, among the frames after `since`."""
        first = next((i for i, t in enumerate(self.times) if t > since), None)
        if first is None:
            return None
        if not self.snapshots:
            return self.times[-1]
        at = len(self.times) - 1
        if self.prints[at] != final:
            return self.times[-1]
        while at > first and self.prints[at - 1] == final:
            at -= 1
        return self.times[at]


def _fingerprint(screen) -> int:  # type: ignore[no-untyped-def]
    """A hash of everything on the screen: each cell's text and style."""
    strips = screen._compositor.render_strips()
    return hash(tuple((segment.text, segment.style) for strip in strips for segment in strip))


def _frame_text(screen) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(strip.text for strip in screen._compositor.render_strips())


def _child_app_start(path: str, out: str) -> None:
    """`roadmap-tui --file PATH`, headless: stop at the first frame that shows the roadmap."""
    from textual.app import App

    from roadmap_tui import cli
    from roadmap_tui.tui.screens.main import MainScreen

    size = TERMINAL
    result: dict = {"ok": False}
    mounted = []

    original_run = App.run

    def run(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.update(headless=True, size=size)
        return original_run(self, *args, **kwargs)

    App.run = run  # type: ignore[method-assign]

    original_mount = MainScreen.on_mount

    async def on_mount(self):  # type: ignore[no-untyped-def]
        await original_mount(self)
        mounted.append(time.monotonic())

    MainScreen.on_mount = on_mount  # type: ignore[method-assign]

    frames = _Frames()

    def on_frame(app, screen) -> None:  # type: ignore[no-untyped-def]
        if result["ok"] or not mounted or not isinstance(screen, MainScreen):
            return
        result["first_frame"] = frames.times[-1]
        result["mounted"] = mounted[0]
        result["rss_mib"] = _rss_mib()
        shown = screen.shown
        title = getattr(shown, "title", "") or ""
        result["n_total"] = screen.roadmap.n_total
        result["shows_roadmap"] = bool(title) and title[:12] in _frame_text(screen)
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
        def compose(self):  # type: ignore[no-untyped-def]
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

    frames = _Frames()

    def on_frame(app, screen) -> None:  # type: ignore[no-untyped-def]
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


class _StoreClock:
    """Times every call into `RoadmapStore` made on the event loop's thread (outermost calls only)."""

    def __init__(self) -> None:
        import threading

        self.calls: list[tuple[float, float, str]] = []
        self._depth = 0
        self._thread = threading.get_ident()

    def install(self) -> None:
        import functools
        import inspect
        import threading

        from roadmap_tui.storage.store import RoadmapStore

        clock = self
        for name, function in list(vars(RoadmapStore).items()):
            if name.startswith("__") or not inspect.isfunction(function):
                continue

            def wrap(function, name):  # type: ignore[no-untyped-def]
                @functools.wraps(function)
                def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
                    if threading.get_ident() != clock._thread:
                        return function(*args, **kwargs)
                    clock._depth += 1
                    start = time.monotonic()
                    try:
                        return function(*args, **kwargs)
                    finally:
                        clock._depth -= 1
                        if clock._depth == 0:
                            clock.calls.append((start, time.monotonic(), name))

                return timed

            setattr(RoadmapStore, name, wrap(function, name))

    def longest(self, start: float, end: float) -> tuple[float, str]:
        found = [(b - a, name) for a, b, name in self.calls if a >= start and a <= end]
        return max(found, default=(0.0, ""))


class _Watchdog:
    """A coroutine that sleeps 1 ms at a time and records how late it wakes (the loop's stalls)."""

    def __init__(self) -> None:
        self.stalls: list[tuple[float, float]] = []  # (start, end) of each sleep that overshot
        self._task = None

    def start(self) -> None:
        import asyncio

        async def run() -> None:
            while True:
                before = time.monotonic()
                await asyncio.sleep(0.001)
                after = time.monotonic()
                if after - before > 0.002:
                    self.stalls.append((before, after))

        self._task = asyncio.get_running_loop().create_task(run())

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def longest(self, start: float, end: float) -> float:
        """The longest stall that lay within [start, end] (less the 1 ms asked for)."""
        longest = 0.0
        for a, b in self.stalls:
            lo, hi = max(a, start), min(b, end)
            if hi > lo:
                longest = max(longest, hi - lo - 0.001)
        return max(longest, 0.0)


def _quiet(app) -> bool:  # type: ignore[no-untyped-def]
    """Nothing queued anywhere and nothing waiting to be painted."""
    if app._batch_count:
        return False
    screen = app.screen
    if screen._dirty_widgets or screen._layout_required or screen._repaint_required or screen._scroll_required:
        return False
    for pump in [app, *screen.walk_children(with_self=True)]:
        if not pump._message_queue.empty():
            return False
    return True


async def _settle(app, frames: _Frames, since: float, timeout: float = 120.0) -> float | None:  # type: ignore[no-untyped-def]
    """Wait until the app is quiet; return when the screen first showed its final picture
    after `since` (None: no frame since then)."""
    import asyncio

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await asyncio.sleep(0.005)
        now = frames.now()
        if now - max(frames.last, since) >= QUIET and _quiet(app):
            break
    if frames.last <= since:
        return None
    if not frames.snapshots:
        return frames.last
    started = time.monotonic()
    final = _fingerprint(app.screen)
    frames.overhead += time.monotonic() - started
    return frames.settled_at(since, final)


async def _press(app, frames: _Frames, key: str) -> tuple[float, float | None]:  # type: ignore[no-untyped-def]
    """Send `key` as a terminal would; return (when it was sent, seconds to its repaint or None)."""
    from textual import events

    character = {"space": " "}.get(key)
    event = events.Key(key, character)
    event.set_sender(app)
    start = frames.now()
    app._driver.send_message(event)
    done = await _settle(app, frames, start)
    return start, (done - start if done is not None else None)


def _summary(samples: list[float | None]) -> dict:
    times = sorted(s for s in samples if s is not None)
    result = {"n": len(samples), "missing": sum(1 for s in samples if s is None)}
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

    frames = _Frames(snapshots=True)
    frames.install()
    app = RoadmapApp(path=path)
    result: dict = {}
    async with app.run_test(size=TERMINAL):
        await _settle(app, frames, frames.now())
        screen = app.screen
        assert isinstance(screen, MainScreen), type(screen).__name__
        tree, items = screen.tree, screen.pane.items

        # Down in the item list (the topic the app opens at); back to the top, unmeasured, at its end.
        items.focus()
        await _settle(app, frames, frames.now())
        samples: list[float | None] = []
        for _ in range(presses):
            if items._selectable_from(items.highlighted + 1, 1) == -1:
                items.highlighted = items._selectable_from(0, 1)
                await _settle(app, frames, frames.now())
            samples.append((await _press(app, frames, "down"))[1])
        result["list_down"] = _summary(samples)
        result["list_rows"] = len(items.rows)

        # Down in the tree (the pane follows); back to the top, unmeasured, at its end.
        tree.focus()
        await _settle(app, frames, frames.now())
        samples = []
        for _ in range(presses):
            if tree.cursor_line >= tree.last_line:
                tree.cursor_line = 0
                await _settle(app, frames, frames.now())
            samples.append((await _press(app, frames, "down"))[1])
        result["tree_down"] = _summary(samples)

        # Right on a closed phase (the second, else the first); closed again, unmeasured, each time.
        phases = list(tree.root.children)
        phase = phases[1] if len(phases) > 1 else phases[0]
        tree.move_cursor(phase, animate=False)
        await _settle(app, frames, frames.now())
        samples = []
        for _ in range(presses):
            if phase.is_expanded:
                phase.collapse()
                await _settle(app, frames, frames.now())
            samples.append((await _press(app, frames, "right"))[1])
        result["open_phase"] = _summary(samples)
        result["phase_children"] = len(phase.children)
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

    from textual import events

    from roadmap_tui.tui.app import RoadmapApp
    from roadmap_tui.storage.schema import build_roadmap
    from roadmap_tui.tui.screens.main import MainScreen

    frames = _Frames()  # no fingerprints while saves are timed: one clock for frames, disk and loop
    frames.install()
    store_clock = _StoreClock()
    store_clock.install()
    app = RoadmapApp(path=path)
    result: dict = {}
    async with app.run_test(size=TERMINAL):
        await _settle(app, frames, frames.now())
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
        await _settle(app, frames, frames.now())
        watchdog = _Watchdog()
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
            event = events.Key("space", " ")
            event.set_sender(app)
            app._driver.send_message(event)
            disk: float | None = None
            while time.monotonic() - start < 120:
                await asyncio.sleep(0.001)
                if _file_id(path) != before:
                    disk = time.monotonic()
                    break
            last_frame = await _settle(app, frames, start)
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
            samples.append((await _press(app, frames, "space"))[1])
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


def _child(argv: list[str]) -> int:
    """`--child KIND FILE OUT [PRESSES [SAVES]]` (arguments by position: no argparse to import)."""
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


# ===========================================================================================
# The parent: generate, spawn, collect, print.
# ===========================================================================================


def _run_child(kind: str, path, folder, *numbers: int, timeout: float = 1800) -> tuple[float, dict]:  # type: ignore[no-untyped-def]
    """Run a child; return (when it was spawned, its result)."""
    import json
    import subprocess

    out = folder / f"{kind}.json"
    out.unlink(missing_ok=True)
    command = [sys.executable, "-m", "roadmap_tui.bench", "--child", kind, str(path), str(out), *map(str, numbers)]
    spawned = time.monotonic()
    process = subprocess.run(
        command, cwd=folder, env=_child_env(folder), capture_output=True, text=True, timeout=timeout
    )
    if process.returncode != 0 or not out.exists():
        raise RuntimeError(f"benchmark child {kind} failed ({process.returncode}): {process.stderr.strip()[-2000:]}")
    with open(out, encoding="utf-8") as handle:
        return spawned, json.load(handle)


def _child_env(folder) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The children's environment: every user folder inside the benchmark's temporary folder."""
    home = folder / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "ROADMAP_TUI"))}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    # Compiled modules are kept (in the benchmark's folder) and reused from the second process
    # on, as an installed package has them: without them every start compiles roadmap-tui's
    # modules again (~0.1 s), which no user pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if _BYTECODE is not None:
        env["PYTHONPYCACHEPREFIX"] = _BYTECODE
    return env


_BYTECODE: str | None = None  # PYTHONPYCACHEPREFIX for the children (set by `main`)


def _fresh_copy(source, folder, name: str):  # type: ignore[no-untyped-def]
    import shutil

    target_dir = folder / name
    if target_dir.exists():
        shutil.rmtree(target_dir)
    target_dir.mkdir(parents=True)
    target = target_dir / "roadmap.toml"
    shutil.copyfile(source, target)
    return target


def _cli_command() -> list[str]:
    from pathlib import Path

    script = Path(sys.executable).parent / "roadmap-tui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "roadmap_tui"]


def _time_cli(args: list[str], path, folder, runs: int) -> float | None:  # type: ignore[no-untyped-def]
    """Median wall time of `roadmap-tui ARGS --file PATH`, or None when the command is not there."""
    import statistics
    import subprocess

    env = _child_env(folder)
    help_run = subprocess.run(
        [*_cli_command(), args[0], "--help"], env=env, capture_output=True, timeout=60
    )
    if help_run.returncode != 0:
        return None
    times = []
    for run in range(runs + 1):  # the first run, untimed, compiles what `--help` did not import
        start = time.monotonic()
        process = subprocess.run(
            [*_cli_command(), *args, "--file", str(path)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600,
        )
        if run:
            times.append(time.monotonic() - start)
        if process.returncode != 0:
            raise RuntimeError(f"roadmap-tui {' '.join(args)} failed: {process.stderr.decode()[-500:]}")
    return statistics.median(times)


def _imports_textual(args: list[str], path, folder) -> bool | None:  # type: ignore[no-untyped-def]
    """Whether `roadmap-tui ARGS` imports Textual (from `python -X importtime`)."""
    import subprocess

    command = [sys.executable, "-X", "importtime", "-c", "import sys; from roadmap_tui.cli import main; "
               "sys.exit(main(sys.argv[1:]))", *args, "--file", str(path)]
    process = subprocess.run(
        command, env=_child_env(folder), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=600
    )
    if process.returncode != 0:
        return None
    return any(line.rsplit("|", 1)[-1].strip().split(".")[0] == "textual" for line in process.stderr.splitlines())


def measure_import(n_tasks: int, folder, runs: int, log) -> dict:  # type: ignore[no-untyped-def]
    """Median wall time of `roadmap-tui import` of a generated checklist of `n_tasks` tasks."""
    import statistics
    import subprocess

    from roadmap_tui.benchgen import markdown_checklist

    import_dir = folder / "import"
    import_dir.mkdir(parents=True, exist_ok=True)
    source = import_dir / f"checklist-{n_tasks}.md"
    source.write_text(markdown_checklist(n_tasks), encoding="utf-8")
    log(f"import of {n_tasks:,} tasks ({runs} run(s))")
    env = _child_env(import_dir)
    times = []
    for run in range(runs + 1):  # the first run, untimed, compiles what the import imports
        start = time.monotonic()
        process = subprocess.run(
            [*_cli_command(), "import", str(source), "--name", "bench-import", "--force"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600,
        )
        if run:
            times.append(time.monotonic() - start)
        if process.returncode != 0:
            raise RuntimeError(f"roadmap-tui import failed: {process.stderr.decode()[-500:]}")
    return {"tasks": n_tasks, "md_bytes": source.stat().st_size, "import_s": statistics.median(times), "runs": times}


def measure_size(n_items: int, folder, presses: int, saves: int, startup_runs: int, cli_runs: int,
                 log) -> dict:  # type: ignore[no-untyped-def]
    """Every figure for one size (each in a fresh process)."""
    import shutil
    import statistics

    from roadmap_tui.benchgen import roadmap_file

    size_dir = folder / str(n_items)
    size_dir.mkdir(parents=True, exist_ok=True)
    source = roadmap_file(size_dir, n_items)
    figures: dict = {"items": n_items, "file_bytes": source.stat().st_size}

    # The first start finds no cache of the parsed file (a roadmap just imported or edited
    # elsewhere); the app keeps one for big files, which the later starts find (the usual case).
    shutil.rmtree(size_dir / "home" / "cache", ignore_errors=True)
    app_times, bare_times, app_rss, bare_rss = [], [], [], []
    first_open = None
    for run in range(startup_runs + 1):
        log(f"{n_items:,} items: start-up run {run + 1}/{startup_runs + 1}" + (" (no cache yet)" if not run else ""))
        if run:
            spawned, bare = _run_child("bare-start", _fresh_copy(source, size_dir, "bare"), size_dir)
            bare_times.append(bare["first_frame"] - spawned)
            bare_rss.append(bare["rss_mib"])
        spawned, app = _run_child("app-start", _fresh_copy(source, size_dir, "app"), size_dir)
        if not app.get("ok"):
            raise RuntimeError(f"the app did not show the roadmap at {n_items} items: {app}")
        if run:
            app_times.append(app["first_frame"] - spawned)
        else:
            first_open = app["first_frame"] - spawned
        app_rss.append(app["rss_mib"])
        figures["n_total"] = app.get("n_total")
        figures["shows_roadmap"] = app.get("shows_roadmap")
        figures["mount_to_frame_ms"] = (app["first_frame"] - app["mounted"]) * 1000
    figures["start_app_s"] = statistics.median(app_times)
    figures["start_first_s"] = first_open
    figures["start_bare_s"] = statistics.median(bare_times)
    figures["start_app_runs"] = app_times
    figures["start_bare_runs"] = bare_times
    figures["start_ratio"] = figures["start_app_s"] / figures["start_bare_s"]
    figures["start_first_ratio"] = first_open / figures["start_bare_s"]

    log(f"{n_items:,} items: keys ({presses} presses each)")
    _, keys = _run_child("keys", _fresh_copy(source, size_dir, "keys"), size_dir, presses)
    figures.update({k: keys[k] for k in ("list_down", "tree_down", "open_phase", "list_rows", "phase_children")})
    app_rss.append(keys["rss_mib"])

    log(f"{n_items:,} items: saves ({saves} isolated, then {presses} toggles)")
    _, save = _run_child("save", _fresh_copy(source, size_dir, "save"), size_dir, presses, saves)
    figures.update({k: save[k] for k in save if k != "rss_mib"})
    app_rss.append(save["rss_mib"])

    figures["rss_app_mib"] = max(app_rss)
    figures["rss_bare_mib"] = statistics.median(bare_rss)

    log(f"{n_items:,} items: status and export")
    figures["status_s"] = _time_cli(["status"], source, size_dir, cli_runs)
    figures["export_s"] = _time_cli(["export"], source, size_dir, cli_runs)
    if n_items == SIZES[0]:
        figures["export_imports_textual"] = _imports_textual(["export"], source, size_dir)
        if figures["status_s"] is not None:
            figures["status_imports_textual"] = _imports_textual(["status"], source, size_dir)
    return figures


# The table --------------------------------------------------------------------------------


def _start_budget(n_items: int) -> float:
    """Start-up ratio budget: 1.10x the bare app at the default size, 1.25x to 10,000, 2x above."""
    if n_items <= SIZES[0]:
        return 1.10
    if n_items <= 10_000:
        return 1.25
    return 2.0


def _cell(value: str, ok: bool | None) -> str:
    return value if ok is None else f"{value} {'ok' if ok else 'OVER'}"


def _keys_cell(figures: dict, key: str) -> str:
    stats = figures.get(key) or {}
    if "p95" not in stats:
        return "n/a"
    ok = stats["p95"] < 16 and not stats.get("missing")
    return _cell(f"{stats['p50']:.1f} / {stats['p95']:.1f}", ok)


ROWS: list[tuple[str, str]] = [
    ("start-up, app (s)", "-"),
    ("start-up, bare Textual (s)", "-"),
    ("start-up ratio app/bare", "1.10x; 1.25x; 2x at 50k"),
    ("first open, no parse cache (s)", "same ratio"),
    ("tree Down p50 / p95 (ms)", "p95 < 16"),
    ("list Down p50 / p95 (ms)", "p95 < 16"),
    ("Space toggle p50 / p95 (ms)", "p95 < 16"),
    ("open a phase p50 / p95 (ms)", "p95 < 16"),
    ("save: longest loop block (ms)", "<= 5"),
    ("loop stall, app idle (ms)", "-"),
    ("save: key to disk p50 / max (ms)", "max <= 250 to 10k"),
    ("peak RSS app / bare (MiB)", "<= 2x bare + 100"),
    ("status (s)", "< 0.15 at 76"),
    ("export (s)", "< 0.15 at 76"),
    ("import Markdown tasks (s)", "< 2 at 20,000 tasks"),
]


def table_cells(figures: dict, imported: dict | None = None) -> list[str]:
    """One column of the table: a cell per row of `ROWS` (`imported`: the import's figures, in
    the first column only)."""
    n = figures["items"]
    cells = [
        f"{figures['start_app_s']:.3f}",
        f"{figures['start_bare_s']:.3f}",
        _cell(f"{figures['start_ratio']:.2f}x", figures["start_ratio"] <= _start_budget(n)),
        _cell(
            f"{figures['start_first_s']:.3f} = {figures['start_first_ratio']:.2f}x",
            figures["start_first_ratio"] <= _start_budget(n),
        ),
        _keys_cell(figures, "tree_down"),
        _keys_cell(figures, "list_down"),
        _keys_cell(figures, "toggle"),
        _keys_cell(figures, "open_phase"),
    ]
    block = figures.get("save_block_ms")
    cells.append(_cell(f"{block:.1f}", block <= 5) if block is not None else "n/a")
    idle = figures.get("loop_stall_idle_ms")
    cells.append(f"{idle:.1f}" if idle is not None else "n/a")
    disk = figures.get("to_disk") or {}
    if "p50" in disk:
        ok = None if n > 10_000 else (disk["max"] <= 250 and not disk.get("missing"))
        cells.append(_cell(f"{disk['p50']:.0f} / {disk['max']:.0f}", ok))
    else:
        cells.append("n/a")
    rss, bare = figures["rss_app_mib"], figures["rss_bare_mib"]
    cells.append(_cell(f"{rss:.0f} / {bare:.0f}", rss <= 2 * bare + 100))
    for key in ("status_s", "export_s"):
        value = figures.get(key)
        if value is None:
            cells.append("n/a")
            continue
        imports = figures.get(key.replace("_s", "_imports_textual"))
        ok = None if n != SIZES[0] else (value < 0.15 and not imports)
        cells.append(_cell(f"{value:.3f}", ok))
    if imported is None:
        cells.append("-")
    else:
        ok = imported["import_s"] < 2 if imported["tasks"] >= IMPORT_TASKS else None
        cells.append(_cell(f"{imported['import_s']:.3f}", ok))
    return cells


def format_table(results: list[dict], imported: dict | None = None) -> str:
    header = ["measure", "budget", *(f"{r['items']:,} items" for r in results)]
    columns = [[label for label, _ in ROWS], [budget for _, budget in ROWS]]
    columns += [table_cells(r, imported if i == 0 else None) for i, r in enumerate(results)]
    widths = [max(len(header[i]), *(len(c) for c in columns[i])) for i in range(len(header))]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in range(len(ROWS)):
        lines.append("| " + " | ".join(columns[i][row].ljust(widths[i]) for i in range(len(header))) + " |")
    return "\n".join(lines)


def describe_machine(quick: bool, presses: int, saves: int, runs: int, import_tasks: int = IMPORT_TASKS) -> str:
    import platform

    try:
        from importlib.metadata import version

        textual = version("textual")
    except Exception:  # noqa: BLE001 - only for the caption
        textual = "?"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{'quick' if quick else 'full'} mode: {presses} presses, {saves} isolated saves, {runs} start-up run(s), "
        f"import of {import_tasks:,} tasks; "
        f"terminal {TERMINAL[0]}x{TERMINAL[1]} headless; {os.cpu_count()} CPUs, load average {load:.2f}; "
        f"Python {platform.python_version()}, Textual {textual}"
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return _child(argv[1:])

    import argparse
    import json
    import shutil
    import tempfile
    from pathlib import Path

    from roadmap_tui.benchgen import roadmap_file

    parser = argparse.ArgumentParser(
        prog="python -m roadmap_tui.bench",
        description="Measure roadmap-tui at several roadmap sizes against the budgets of issue 5.",
    )
    parser.add_argument("--quick", action="store_true", help="76 and 1,000 items, 20 presses, an import of 2,000 tasks (about a minute)")
    parser.add_argument("--sizes", type=int, nargs="+", metavar="N", help=f"item counts (default {SIZES})")
    parser.add_argument("--presses", type=int, metavar="N", help="presses per key measurement")
    parser.add_argument("--saves", type=int, metavar="N", help="isolated saves timed to disk")
    parser.add_argument("--runs", type=int, metavar="N", help="start-up runs (median)")
    parser.add_argument("--import-tasks", type=int, metavar="N",
                        help=f"tasks in the imported checklist (default {IMPORT_TASKS:,}; {QUICK_IMPORT_TASKS:,} with --quick)")
    parser.add_argument("--json", metavar="OUT", help="also write every figure as JSON to OUT")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    args = parser.parse_args(argv)

    sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)
    if any(n < 1 for n in sizes):
        parser.error("sizes must be at least 1")
    import_tasks = args.import_tasks or (QUICK_IMPORT_TASKS if args.quick else IMPORT_TASKS)
    presses = args.presses or (QUICK_PRESSES if args.quick else PRESSES)
    saves = args.saves or (QUICK_SAVES if args.quick else SAVES)
    runs = args.runs or (1 if args.quick else STARTUP_RUNS)
    cli_runs = 1 if args.quick else CLI_RUNS

    def log(message: str) -> None:
        print(f"... {message}", file=sys.stderr, flush=True)

    caption = describe_machine(args.quick, presses, saves, runs, import_tasks)  # with the load average before the runs
    folder = Path(tempfile.mkdtemp(prefix="roadmap-tui-bench-"))
    started = time.monotonic()
    global _BYTECODE
    _BYTECODE = str(folder / "bytecode")
    try:
        log("compiling the bytecode both apps start from (untimed)")
        warm = folder / "warm-up"
        warm.mkdir()
        default = roadmap_file(warm, SIZES[0])
        _run_child("bare-start", _fresh_copy(default, warm, "bare"), warm)
        _run_child("app-start", _fresh_copy(default, warm, "app"), warm)
        results = [measure_size(n, folder, presses, saves, runs, cli_runs, log) for n in sizes]
        imported = measure_import(import_tasks, folder, cli_runs, log)
    finally:
        if args.keep:
            log(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"roadmap-tui benchmark, {caption}")
    print()
    print(format_table(results, imported))
    print()
    print(f"({time.monotonic() - started:.0f} s)")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump({"machine": caption, "sizes": results, "import": imported}, handle,
                      indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
