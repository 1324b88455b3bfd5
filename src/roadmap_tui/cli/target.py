"""Which roadmap file a command works on: `--file`, `--roadmap`, `$ROADMAP_TUI_FILE`, the default.

The precedence is `library.roadmap_file`'s; here it is resolved from the parsed options, with
the label messages call it by (its name, or its path) and the CLI's refusals.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import NamedTuple

from roadmap_tui import library, paths
from roadmap_tui.cli.exit_status import CommandError


class Target(NamedTuple):
    file: Path
    label: str  # how messages call it: its name, or its path
    name: str | None  # its name in the data folder, or None for a file picked by path


def no_such_roadmap(name: str) -> CommandError:
    return CommandError(f"no roadmap named {name}; `roadmap-tui list` shows them")


def resolve_target(args: argparse.Namespace, must_exist: bool = True) -> Target:
    """The roadmap file the options name.

    A roadmap named with --roadmap must exist (unless `must_exist` is false), except the default
    one, which is made from the shipped roadmap.
    """
    name = getattr(args, "roadmap", None)
    override = getattr(args, "file", None)
    try:
        file = library.roadmap_file(name, override)
    except ValueError as error:
        raise CommandError(f"--roadmap: {error}") from None
    if override:
        return Target(file, str(file), None)
    if name is not None:
        if must_exist and name != paths.DEFAULT_NAME and not file.exists() and not file.is_symlink():
            raise no_such_roadmap(name)
        return Target(file, name, name)
    if os.environ.get(paths.ENV_FILE):
        return Target(file, str(file), None)
    return Target(file, paths.DEFAULT_NAME, paths.DEFAULT_NAME)
