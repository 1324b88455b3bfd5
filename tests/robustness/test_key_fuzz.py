"""Random keys: 2,000 of every key the app binds (and some typing), seeded, on the default roadmap
and on an imported README. No key ever stops the app, and what is on disk still opens.

Quit keys are left out (they end the run, as they should); `o` opens no real browser.
"""

from __future__ import annotations

import random
import webbrowser
from pathlib import Path

import pytest
from textual import events

from roadmap_tui.storage.schema import build_roadmap, parse_toml
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.screens.keys import _bindings_of, _places
from tests.conftest import CORPUS

KEYS_PER_RUN = 2000
IMPORTED = CORPUS / "jwasham__coding-interview-university__README.md"
QUIT = {"q", "ctrl+q", "ctrl+c"}


def bound_keys() -> list[str]:
    """Every key of every binding the app, its screens and widgets declare (Textual's too)."""
    keys: set[str] = set()
    for place, classes in _places():
        for binding, _ours in _bindings_of(place, classes):
            keys.update(key.strip() for key in binding.key.split(","))
    keys -= QUIT
    typing = ["a", "x", "1", " ", "backspace", "left", "right", "home", "end", "enter", "escape", "tab"]
    return sorted(keys) + typing + ["shift+tab", "pageup", "pagedown", "ctrl+p", "question_mark", "f1"]


def key_event(key: str) -> events.Key:
    """The event a terminal's key makes (as Textual's pilot makes it)."""
    character = key if len(key) == 1 else {"space": " ", "question_mark": "?"}.get(key)
    return events.Key(key, character)


async def drive(app: RoadmapApp, seed: int) -> list[str]:
    """KEYS_PER_RUN random keys, in bursts of one to eight as a fast typist sends them."""
    rng = random.Random(seed)
    keys = bound_keys()
    pressed: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        while len(pressed) < KEYS_PER_RUN:
            burst = [rng.choice(keys) for _ in range(rng.randint(1, 8))]
            for key in burst:
                event = key_event(key)
                event.set_sender(app)
                app._driver.send_message(event)
            pressed.extend(burst)
            await pilot.pause()
            assert app.is_running, f"stopped after {pressed[-20:]}"
            assert app.return_code is None, f"exited after {pressed[-20:]}"
        await pilot.pause()
        app.store.flush(5)
    return pressed


QUITS: list[str] = []


@pytest.fixture(autouse=True)
def _contained(monkeypatch: pytest.MonkeyPatch) -> None:
    """No real browser; no screenshot file; and a quit chosen in the palette (its "Quit"
    command, reached by Page Down and Enter) is counted instead of ending the run: it is the
    learner's way out, not a crash."""
    monkeypatch.setattr(webbrowser, "get", lambda *a, **k: object())
    monkeypatch.setattr(RoadmapApp, "open_url", lambda self, url, **kw: None)
    monkeypatch.setattr(RoadmapApp, "deliver_screenshot", lambda self, *a, **k: None)
    monkeypatch.setattr(RoadmapApp, "action_quit", lambda self: QUITS.append("quit"))


def still_opens(path: Path) -> None:
    build_roadmap(parse_toml(path.read_text(encoding="utf-8"), path), path)


def test_the_keys_cover_what_the_footer_and_help_offer() -> None:
    keys = bound_keys()
    for key in ("space", "e", "a", "A", "r", "d", "K", "J", "less_than_sign", "greater_than_sign", "alt+up",
                "n", "o", "h", "l", "j", "k", "enter", "escape", "delete"):
        assert key in keys, key


async def test_random_keys_on_the_default_roadmap(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    await drive(app, seed=20261201)
    still_opens(roadmap_path)


@pytest.mark.skipif(not IMPORTED.exists(), reason=f"the corpus is not here ({CORPUS})")
async def test_random_keys_on_an_imported_readme(tmp_path: Path) -> None:
    from roadmap_tui.formats.markdown_import import import_markdown

    path = tmp_path / "coding-interview-university.toml"
    path.write_text(import_markdown(IMPORTED.read_bytes(), IMPORTED.name).toml_text, encoding="utf-8")
    app = RoadmapApp(path=path, watch_interval=0)
    await drive(app, seed=7)
    still_opens(path)


@pytest.mark.parametrize(
    "burst",
    [["ctrl+p", "pagedown"], ["ctrl+p", "pageup"], ["ctrl+p", "c", "enter", "escape", "enter"],
     ["ctrl+p", "escape", "escape", "ctrl+p", "enter", "enter"]],
    ids=["page-down", "page-up", "enter-escape", "twice"],
)
async def test_palette_keys_in_quick_succession_never_stop_the_app(roadmap_path: Path, burst: list[str]) -> None:
    """What the fuzz found in Textual's palette: each of these stopped the app."""
    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(3):
            for key in burst:
                event = key_event(key)
                event.set_sender(app)
                app._driver.send_message(event)
            await pilot.pause(0.3)
            assert app.is_running and app.return_code is None
