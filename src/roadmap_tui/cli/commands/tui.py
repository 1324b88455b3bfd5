"""No command: the app. The one door from the command line to `roadmap_tui.tui`, imported lazily."""

from __future__ import annotations

import argparse

from roadmap_tui.cli.exit_status import ExitStatus
from roadmap_tui.cli.target import resolve_target


def run(args: argparse.Namespace) -> ExitStatus:
    file = resolve_target(args).file
    from roadmap_tui.tui.app import RoadmapApp  # Textual: only when the app starts

    app = RoadmapApp(path=file)
    try:
        app.run()
    finally:
        app.store.close(10)  # whatever way the app ended, what was submitted is written
    return ExitStatus(app.return_code or 0)
