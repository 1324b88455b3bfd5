"""Make the README's pictures: `python scripts/screenshot.py` writes docs/*.png.

It drives the app on throwaway roadmaps (in a temporary folder, never your own: data, view
state and settings all point there) with the keys a person would press, so each picture shows
the app as it really is. PNGs need `rsvg-convert` (Debian: librsvg2-bin); without it only the
SVGs are written (in docs/, for a look in a browser).

    python scripts/screenshot.py            # every picture
    python scripts/screenshot.py main-100x30 light
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
CORPUS = REPO.parent / "shared" / "corpus"
IMPORTED = CORPUS / "jwasham__coding-interview-university__README.md"


async def some_progress(app, pilot) -> None:  # type: ignore[no-untyped-def]
    """Linear Algebra done, with a resource named and a note; in Calculus one item done, one
    doing, one skipped; the cursor there."""
    await pilot.press("tab", "space", "j", "space", "j", "space", "j", "e")
    await pilot.press(*"3Blue1Brown, MIT 18.06", "enter")
    await pilot.press("shift+tab", "n", *"Watch **3Blue1Brown** first, then:", "enter")
    await pilot.press(*"- rank and null space", "enter", *"- [Strang's lectures](https://ocw.mit.edu)", "escape")
    await pilot.press("j", "tab", "space", "j", "p", "j", "s", "k")


async def a_note(app, pilot) -> None:  # type: ignore[no-untyped-def]
    """Linear Algebra's note under its title, and an item's note folded under its row."""
    await some_progress(app, pilot)
    await pilot.press("shift+tab", "k", "tab", "n", *"Did every exercise by hand.", "enter", *"Then numpy.", "escape")


async def overview(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await some_progress(app, pilot)
    await pilot.press("escape", "home")


async def imported(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("j", "j", "l", "j", "tab", "space", "j", "space")


Scene = Callable[..., Awaitable[None]]
#: name: (size, theme, scene, roadmap: None for the default, else a Markdown file to import)
SHOTS: dict[str, tuple[tuple[int, int], str, Scene, Path | None]] = {
    "main-80x24": ((80, 24), "roadmap-dark", some_progress, None),
    "main-100x30": ((100, 30), "roadmap-dark", some_progress, None),
    "overview-200x50": ((200, 50), "roadmap-dark", overview, None),
    "notes-100x30": ((100, 30), "roadmap-dark", a_note, None),
    "light-100x30": ((100, 30), "roadmap-light", some_progress, None),
    "imported-120x36": ((120, 36), "roadmap-dark", imported, IMPORTED),
}


def to_png(svg: Path) -> Path | None:
    """The SVG as a PNG, with its runs of spaces kept (rsvg collapses them otherwise)."""
    if shutil.which("rsvg-convert") is None:
        return None
    text = svg.read_text(encoding="utf-8")
    if 'xml:space="preserve"' not in text:
        text = re.sub(r"<svg\b", '<svg xml:space="preserve"', text, count=1)
    fixed = svg.with_suffix(".tmp.svg")
    fixed.write_text(text, encoding="utf-8")
    png = svg.with_suffix(".png")
    try:
        subprocess.run(["rsvg-convert", "-z", "1.0", "-o", str(png), str(fixed)], check=True)
    finally:
        fixed.unlink()
    return png


async def shoot(name: str, folder: Path) -> None:
    from roadmap_tui.tui.app import RoadmapApp

    (width, height), theme, scene, markdown = SHOTS[name]
    os.environ["ROADMAP_TUI_STATE_DIR"] = str(folder / "state")
    os.environ["ROADMAP_TUI_CONFIG_DIR"] = str(folder / "config")
    (folder / "config").mkdir(exist_ok=True)
    (folder / "config" / "settings.toml").write_text(f'theme = "{theme}"\n', encoding="utf-8")
    path = folder / "roadmap.toml"
    if markdown is not None:
        from roadmap_tui.formats.markdown_import import import_markdown

        path = folder / "coding-interview-university.toml"
        path.write_text(import_markdown(markdown.read_bytes(), markdown.name).toml_text, encoding="utf-8")
    app = RoadmapApp(path=path, watch_interval=0)
    async with app.run_test(size=(width, height)) as pilot:
        await pilot.pause()
        await scene(app, pilot)
        await pilot.pause(0.5)
        app.store.flush(5)
        app.clear_notifications()
        await pilot.pause()
        DOCS.mkdir(exist_ok=True)
        app.save_screenshot(f"{name}.svg", path=str(DOCS))
    png = to_png(DOCS / f"{name}.svg")
    if png is not None:
        (DOCS / f"{name}.svg").unlink()  # the PNG is the picture; the SVG only made it
    print(png or DOCS / f"{name}.svg")


async def main(names: list[str]) -> None:
    for name in names:
        if SHOTS[name][3] is not None and not SHOTS[name][3].exists():
            print(f"skipped {name}: {SHOTS[name][3]} is not here")
            continue
        with tempfile.TemporaryDirectory() as folder:
            await shoot(name, Path(folder))


if __name__ == "__main__":
    wanted = sys.argv[1:] or list(SHOTS)
    unknown = [name for name in wanted if name not in SHOTS]
    if unknown:
        sys.exit(f"unknown picture {', '.join(unknown)}; pictures: {', '.join(SHOTS)}")
    asyncio.run(main(wanted))
