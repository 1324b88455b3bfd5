"""Make the README's picture: `python scripts/screenshot.py` writes docs/screenshot.svg.

It drives the app on a throwaway roadmap (in a temporary folder, never your own) with the same
keys a person would press, so the picture shows the app as it really is.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

from roadmap_tui.app import RoadmapApp

DOCS = Path(__file__).resolve().parents[1] / "docs"


async def main(width: int, height: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ROADMAP_TUI_STATE_DIR"] = folder  # no view state of yours read, none left behind
        app = RoadmapApp(path=Path(folder) / "roadmap.toml")
        async with app.run_test(size=(width, height)) as pilot:
            await pilot.pause()
            # Linear Algebra: check everything, name a resource.
            await pilot.press("tab", "space", "j", "space", "j", "space", "j", "e")
            await pilot.press(*"3Blue1Brown, MIT 18.06", "enter")
            # Calculus: two of three.
            await pilot.press("shift+tab", "j", "tab", "space", "j", "space", "k")
            await pilot.pause()
            app.store.flush(5)
            DOCS.mkdir(exist_ok=True)
            app.save_screenshot("screenshot.svg", path=str(DOCS))
    print(DOCS / "screenshot.svg")


if __name__ == "__main__":
    size = sys.argv[1] if len(sys.argv) > 1 else "100x30"
    w, h = (int(n) for n in size.split("x"))
    asyncio.run(main(w, h))
