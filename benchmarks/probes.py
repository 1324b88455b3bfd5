"""What the benchmark's children watch the app with: frames, idleness, keys, store calls, stalls.

Every Textual internal the benchmark touches is here, each for a reason, checked against
Textual 8.2.8 (the version the snapshots pin; `tests/test_bench.py` runs the quick benchmark, so
an upgrade that breaks one fails there first). Textual has no public hook for any of them:

- `App._display(screen, renderable)`: the one place a frame leaves the compositor. Wrapping it
  (`Frames.install`) is how a frame gets a time. `App._batch_count`: a frame made inside a batch
  update is not shown, so it is not counted.
- `renderable.render_segments(console)`: what turns a compositor update into the bytes a
  terminal is sent; headless mode skips it, so the benchmark calls it to put that cost back on
  the clock.
- `Screen._compositor.render_strips()`: the whole screen as cells, for a fingerprint of what it
  shows (`fingerprint`, `frame_text`).
- `Screen._dirty_widgets`, `_layout_required`, `_repaint_required`, `_scroll_required` and each
  pump's `_message_queue`: whether the app is idle (`quiet`). `Pilot.pause()` waits for a
  fixed time or for one round of the queue, not for "nothing left to do".
- `App._driver.send_message(event)`: where a real terminal's keys enter (`send`).
  `Pilot.press` posts the key to the app instead, skipping the driver's share.

`StoreClock` wraps our own `RoadmapStore`, not Textual; `Watchdog` is plain asyncio. Nothing is
imported at the top but the standard library: a child's clock starts on the app's own imports.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

QUIET = 0.04  # seconds without a frame (and nothing queued) that count as "the key is done"


class Frames:
    """Records when each frame was produced, by wrapping `App._display`.

    With `snapshots`, it also keeps a fingerprint of the whole screen after each frame, so a
    keypress is timed to the first frame that shows what the screen finally shows (a frame
    that repaints the same picture, such as Textual's scrollbar refresh after a layout, does
    not count). The time spent taking fingerprints is kept out of the clock (`now()`).
    """

    def __init__(self, snapshots: bool = False) -> None:
        self.times: list[float] = []
        self.prints: list[int | None] = []
        self.snapshots = snapshots
        self.overhead = 0.0
        self.on_frame: Callable[[Any, Any], None] | None = None  # called with (app, screen)

    def now(self) -> float:
        return time.monotonic() - self.overhead

    def install(self) -> None:
        from textual.app import App

        original = App._display
        frames = self

        def _display(app: Any, screen: Any, renderable: Any) -> None:
            original(app, screen, renderable)
            if renderable is None or app._batch_count:
                return
            if app.is_headless and hasattr(renderable, "render_segments"):
                renderable.render_segments(app.console)  # what a real terminal would be sent
            frames.times.append(frames.now())
            if frames.snapshots:
                started = time.monotonic()
                frames.prints.append(fingerprint(screen))
                frames.overhead += time.monotonic() - started
            else:
                frames.prints.append(None)
            if frames.on_frame is not None:
                frames.on_frame(app, screen)

        App._display = _display  # type: ignore[method-assign, assignment]  # the frame hook Textual does not have

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


def fingerprint(screen: Any) -> int:
    """A hash of everything on the screen: each cell's text and style."""
    strips = screen._compositor.render_strips()
    return hash(tuple((segment.text, segment.style) for strip in strips for segment in strip))


def frame_text(screen: Any) -> str:
    """The screen's text, line by line."""
    return "\n".join(strip.text for strip in screen._compositor.render_strips())


class StoreClock:
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

            def wrap(function: Callable[..., Any], name: str) -> Callable[..., Any]:
                @functools.wraps(function)
                def timed(*args: Any, **kwargs: Any) -> Any:
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


class Watchdog:
    """A coroutine that sleeps 1 ms at a time and records how late it wakes (the loop's stalls)."""

    def __init__(self) -> None:
        self.stalls: list[tuple[float, float]] = []  # (start, end) of each sleep that overshot
        self._task: Any = None

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


def quiet(app: Any) -> bool:
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


async def settle(app: Any, frames: Frames, since: float, timeout: float = 120.0) -> float | None:
    """Wait until the app is quiet; return when the screen first showed its final picture
    after `since` (None: no frame since then)."""
    import asyncio

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await asyncio.sleep(0.005)
        now = frames.now()
        if now - max(frames.last, since) >= QUIET and quiet(app):
            break
    if frames.last <= since:
        return None
    if not frames.snapshots:
        return frames.last
    started = time.monotonic()
    final = fingerprint(app.screen)
    frames.overhead += time.monotonic() - started
    return frames.settled_at(since, final)


def key_event(app: Any, key: str) -> Any:
    """The `events.Key` a terminal's `key` arrives as."""
    from textual import events

    character = {"space": " ", "slash": "/"}.get(key, key if len(key) == 1 else None)  # (a letter types itself)
    event = events.Key(key, character)
    event.set_sender(app)
    return event


def send(app: Any, event: Any) -> None:
    """Hand `event` to the driver, where a real terminal's keys enter."""
    app._driver.send_message(event)


async def press(app: Any, frames: Frames, key: str) -> tuple[float, float | None]:
    """Send `key` as a terminal would; return (when it was sent, seconds to its repaint or None)."""
    event = key_event(app, key)
    start = frames.now()
    send(app, event)
    done = await settle(app, frames, start)
    return start, (done - start if done is not None else None)
