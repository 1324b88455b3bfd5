"""How long Home takes to show the dashboard (the roadmap's row), and a toggle with it on screen.

    python benchmarks/dashboard_open.py [--items N ...] [--presses N]

Headless at 200x50 (the dashboard's big layout), as the benchmark (`run.py`): the key is handed to
the driver as a terminal's is, and the time runs until the first frame that shows the final
picture (`probes.press`). Each Home (the tree's cursor to the roadmap: the dashboard is drawn
from the whole roadmap's dates) is followed, unmeasured, by Down (to the first part). The generated
roadmap has dates on its done and doing items (`generate.py`). Then, with the dashboard shown, Space
on the pane's "Next up" row (a toggle: the dashboard's numbers change) is timed, back and forth: to
its first frame (the row, the border and the footer change at once) and to the final picture (the
dashboard's numbers are made again a moment later, `dashboard_rows.Board`, so that work is off the
key's path).
The presses start once the saver's parse of the file on its thread is over.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import roadmap_file  # noqa: E402
from benchmarks.note_open import _line  # noqa: E402
from benchmarks.probes import Frames, press, settle  # noqa: E402


async def _measure(items_count: int, presses: int) -> None:
    from roadmap_tui.tui.app import RoadmapApp
    from roadmap_tui.tui.screens.main import MainScreen

    path = roadmap_file(Path(tempfile.mkdtemp()), items_count)
    frames = Frames(snapshots=True)
    frames.install()
    app = RoadmapApp(path=path, watch_interval=0)
    async with app.run_test(size=(200, 50)):
        await settle(app, frames, frames.now())
        screen = app.screen
        assert isinstance(screen, MainScreen), type(screen).__name__
        await asyncio.sleep(4)  # the saver's parse of the file is over
        screen.tree.focus()
        opening = []
        for _ in range(presses):
            await press(app, frames, "down")
            _, took = await press(app, frames, "home")
            assert took is not None and screen.tree.cursor_line == 0
            opening.append(took * 1000)
        items = screen.pane.items
        items.focus()
        nexts = [i for i, row in enumerate(items.rows) if row.spec.kind == "next"]
        assert nexts, [row.spec.kind for row in items.rows]
        items.highlighted = nexts[0]
        await settle(app, frames, frames.now())
        toggles, firsts = [], []
        for _ in range(presses):
            start, took = await press(app, frames, "space")
            assert took is not None
            toggles.append(took * 1000)
            firsts.append((next(t for t in frames.times if t > start) - start) * 1000)
        print(f"{items_count:,} items, {presses} presses each:")
        print("  " + _line("Home -> dashboard shown", opening))
        print("  " + _line("Space under the dashboard -> its first frame (the row and gauge)", firsts))
        print("  " + _line("Space under the dashboard -> final picture (numbers remade 50 ms on)", toggles))
        app.exit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--presses", type=int, default=20)
    args = parser.parse_args()
    for count in args.items:
        asyncio.run(_measure(count, args.presses))


if __name__ == "__main__":
    main()
