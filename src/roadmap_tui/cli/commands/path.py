"""`roadmap-tui path`: the path of the roadmap file (exact in a pipe, made visible on a terminal)."""

from __future__ import annotations

import argparse

from roadmap_tui.cli.exit_status import ExitStatus
from roadmap_tui.cli.output import print_path
from roadmap_tui.cli.target import resolve_target


def run(args: argparse.Namespace) -> ExitStatus:
    print_path(resolve_target(args, must_exist=False).file.absolute())
    return ExitStatus.OK
