"""How long `n` takes to show the note editor, at 10,000 items with a note on one item in ten.

    python benchmarks/note_open.py [--items N] [--presses N] [--extra-rows N]

Headless at 100x30, as the benchmark (`run.py`): the key is handed to the driver as a terminal's
is, and the time runs until the first frame that shows the final picture (`probes.press`). Each
`n` is followed, unmeasured, by Escape. The presses start once the saver's parse of the file on its
thread is over (it competes for the GIL in the first seconds of a session). Down in the tree
(the pane follows) is measured too, before and after the notes are put in. `--extra-rows` gives the topic that many more items (a pane of thousands of rows).
The generated roadmap already has a note on one counted item in ten (`generate.py`); before the
`n` series the script gives one more to one item in ten of all items (in the model), and Down in
the tree is measured before and after that.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import roadmap_file  # noqa: E402
from benchmarks.probes import Frames, press, settle  # noqa: E402


def _line(label: str, times: list[float]) -> str:
    times = sorted(times)
    p90 = times[max(0, round(0.9 * len(times)) - 1)]
    return f"{label}: median {statistics.median(times):.1f} ms, p90 {p90:.1f} ms, max {times[-1]:.1f} ms"


async def _measure(items_count: int, presses: int, extra_rows: int) -> None:
    from roadmap_tui.core.model import Item
    from roadmap_tui.tui.app import RoadmapApp
    from roadmap_tui.tui.screens.main import MainScreen

    path = roadmap_file(Path(tempfile.mkdtemp()), items_count)
    frames = Frames(snapshots=True)
    frames.install()
    app = RoadmapApp(path=path, watch_interval=0)
    async with app.run_test(size=(100, 30)):
        await settle(app, frames, frames.now())
        screen = app.screen
        assert isinstance(screen, MainScreen), type(screen).__name__
        items = list(screen.roadmap.walk_items())
        await asyncio.sleep(4)  # the saver's parse of the file is over
        tree = screen.tree

        async def tree_down() -> list[float]:
            tree.focus()
            tree.cursor_line = 0
            await settle(app, frames, frames.now())
            times = []
            for _ in range(presses):
                if tree.cursor_line >= tree.last_line:
                    tree.cursor_line = 0
                    await settle(app, frames, frames.now())
                _, took = await press(app, frames, "down")
                assert took is not None
                times.append(took * 1000)
            return times

        topic = next(item for item in items if len(item.items) >= 3)
        extra = [Item(text=f"extra {k}", done=False, parent=topic) for k in range(extra_rows)]
        topic.items.extend(extra)
        plain_tree = await tree_down()
        for k, item in enumerate(extra):
            item.note = "a note" if k % 10 == 0 else ""
        for index, item in enumerate(items):
            if index % 10 == 0:
                item.note = f"Note {index}: **learned** something\n\n- a point\n- [a link](https://example.org/{index})"
        screen.tree.reveal(topic)
        await screen.show(topic)
        screen.pane.items.focus()
        await settle(app, frames, frames.now())

        async def series() -> list[float]:
            times = []
            for _ in range(presses):
                _, took = await press(app, frames, "n")
                assert screen.note_editor is not None and took is not None
                times.append(took * 1000)
                await press(app, frames, "escape")
                assert screen.note_editor is None
            return times

        opening = await series()
        rows = len(screen.pane.items.rows)
        noted_tree = await tree_down()
        print(f"{items_count:,} items, a pane of {rows} rows, {presses} presses each:")
        print("  " + _line("n -> editor shown", opening))
        print("  " + _line("tree Down (the pane follows), as generated", plain_tree))
        print("  " + _line("tree Down, with the notes added", noted_tree))
        app.exit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--extra-rows", type=int, default=0)
    args = parser.parse_args()
    asyncio.run(_measure(args.items, args.presses, args.extra_rows))


if __name__ == "__main__":
    main()
