"""What several test files share: reading the screen, waiting for the app and its jobs, a disk
call that does not answer, and hostile text.

`screen_lines` reads the screen through Textual's private compositor (the one place the tests
do; the product's own Textual internals are in `roadmap_tui/tui/_textual_private.py`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from conftest import REPO
from textual.strip import Strip

from roadmap_tui import paths
from roadmap_tui.storage.schema import SCHEMA
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.background import running


def screen_strips(app: RoadmapApp) -> list[Strip]:
    """What the terminal shows, line by line, with its styles and cell widths."""
    return app.screen._compositor.render_strips()


def screen_lines(app: RoadmapApp) -> list[str]:
    """What the terminal shows, line by line, as plain text."""
    return [strip.text for strip in screen_strips(app)]


def screen_text(app: RoadmapApp) -> str:
    """What the terminal shows, as plain text lines."""
    return "\n".join(screen_lines(app))


def screen_words(app: RoadmapApp) -> str:
    """The screen's words, with line wraps and padding as single spaces."""
    return " ".join(" ".join(screen_lines(app)).split())


async def until(pilot: Any, check: Callable[[], bool], tries: int = 400, step: float = 0.01) -> bool:
    """Let the app run until `check()` holds (or `tries` pauses have passed); what it says then."""
    for _ in range(tries):
        if check():
            return True
        await pilot.pause(step)
    return check()


async def settle(pilot: Any, tries: int = 1000) -> None:
    """Let the app's jobs off the loop (`tui/background.py`) end, and their messages be handled."""
    await until(pilot, lambda: not running(pilot.app), tries=tries)
    await pilot.pause()


class Stuck:
    """A disk call that does not answer until `release()`: patch it in with `stuck.wrap(real)`.

    `entered` is set once the call waits (on whatever thread made it), `returned` once it has
    returned. The wait gives up by itself after `limit` seconds, so a test whose event loop is
    blocked by the call fails instead of hanging.
    """

    def __init__(self, limit: float = 30.0) -> None:
        self.entered = threading.Event()
        self.returned = threading.Event()
        self.released = threading.Event()
        self.limit = limit
        self.on_loop = False  # whether the call was made on the event loop's thread

    def wrap(self, real: Callable[..., Any]) -> Callable[..., Any]:
        loop_thread = threading.current_thread()  # (tests patch on the loop's thread)

        def stuck(*args: Any, **kwargs: Any) -> Any:
            self.on_loop |= threading.current_thread() is loop_thread
            self.entered.set()
            self.released.wait(self.limit)
            try:
                return real(*args, **kwargs)
            finally:
                self.returned.set()

        return stuck

    def release(self) -> None:
        self.released.set()

    @property
    def waiting(self) -> bool:
        """The call has been made and is still waiting (so what the test sees happened meanwhile)."""
        return self.entered.is_set() and not self.released.is_set()

    @contextmanager
    def held(self) -> Iterator[Stuck]:
        """Released on the way out, whatever happens."""
        try:
            yield self
        finally:
            self.release()


# Hostile text (tests/robustness/test_hostile.py, tests/tui/test_palette.py) --------------------

MARKUP = ["[bold red]x[/]", "[@click=app.quit]x[/]", "[link=file:///etc/passwd]x[/link]"]
ESCAPES = ["\x1b[2J", "\x1b]52;c;aGk=\x07"]
CONTROLS = ["\x07", "\x08", "\x9b", "\u202e"]
WIDE = "emoji 🚀🧠👩‍💻 漢字テキスト"
LONG = "L" + "o" * 9_997 + "ng"  # 10,000 characters on one line
RAW = ["\x1b", "\x07", "\x08", "\x9b", "\u202e"]  # must never be on screen as they are

TOPIC = "[link=file:///etc/passwd]x[/link] topic"
ITEMS = [
    "[bold red]x[/] item",
    "[@click=app.quit]x[/] item",
    "\x1b[2J clear",
    "\x1b]52;c;aGk=\x07 osc52",
    "\x07\x08\x9b c0 c1",
    "\u202eevil bidi",
    WIDE,
    "Resources: _[[bold red]hint[/]]_",
    "Resources: _[plain hint]_",
]
FILL = "[@click=app.quit]fill[/] \x1b[2J"  # the learner's value of the last Resources line
PHASE = "[bold red]x[/] phase"
SECTION = "[@click=app.quit]x[/] section"
TITLE = "Hostile \x1b[31mRED \u202eabc 🚀"


def hostile_document() -> dict:
    items = [{"text": text, "done": False} for text in ITEMS]
    items[-1]["text_fill"] = FILL
    return {
        "schema": SCHEMA,
        "title": TITLE,
        "phases": [
            {
                "title": PHASE,
                "duration": "_[\x1b[2J hint]_",
                "focus": "[link=file:///etc/passwd]x[/link] focus \x07",
                "sections": [
                    {
                        "title": SECTION,
                        "items": [
                            {"text": TOPIC, "done": False, "items": items},
                            {"text": "Long line", "done": False, "items": [{"text": LONG, "done": False}]},
                        ],
                    },
                    {"title": "漢字 section 🚀", "items": [{"text": "CJK 漢字 item", "done": False}]},
                ],
            },
            {"title": "\u202eRTL phase", "items": [{"text": "\x9b plain", "done": False}]},
        ],
    }


class Spy:
    """Every action run, every clipboard write and URL opened, every click that carried an action."""

    def __init__(self, app: RoadmapApp) -> None:
        self.actions: list[str] = []
        self.clipboard: list[str] = []
        self.urls: list[str] = []
        self.brokered: list[object] = []
        run_action, broker = app.run_action, app._broker_event

        async def spy_action(action: object, *args: object, **kwargs: object) -> bool:
            self.actions.append(action if isinstance(action, str) else repr(action))
            return await run_action(action, *args, **kwargs)  # type: ignore[arg-type]

        async def spy_broker(event_name: str, event: object, default_namespace: object) -> bool:
            handled = await broker(event_name, event, default_namespace)  # type: ignore[arg-type]
            if handled:
                self.brokered.append(getattr(event, "style", None))
            return handled

        app.run_action = spy_action  # type: ignore[method-assign]
        app._broker_event = spy_broker  # type: ignore[method-assign]
        app.copy_to_clipboard = self.clipboard.append  # type: ignore[method-assign]
        app.open_url = lambda url, **kwargs: self.urls.append(url)  # type: ignore[method-assign]

    def check(self) -> None:
        """Nothing from the file ran: no quit, no link, no clipboard, no action from a click."""
        assert not [a for a in self.actions if "quit" in a or "url" in a or "clipboard" in a], self.actions
        assert self.clipboard == [] and self.urls == []
        assert self.brokered == [], "a click ran an action carried by the text"


# The command line in a child process (tests/cli, tests/storage) -------------------------------

ROADMAP_BYTES = (REPO / "data" / "default_roadmap.toml").read_bytes()


def cli_run(*args: str, cwd: Path, timeout: float = 60, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m roadmap_tui ARGS` with this test's (isolated) environment; a hang fails the test."""
    return subprocess.run(
        [sys.executable, "-m", "roadmap_tui", *args],
        cwd=cwd,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=timeout,
        input=stdin,
    )


def data_roadmap(name: str = "roadmap") -> Path:
    folder = paths.data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / f"{name}.toml"
    file.write_bytes(ROADMAP_BYTES)
    return file


def one_line(err: str) -> str:
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err
