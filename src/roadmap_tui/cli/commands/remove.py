"""`roadmap-tui remove NAME`: delete a roadmap, after asking and a backup (`library.plan_remove`/`remove`)."""

from __future__ import annotations

import argparse

from roadmap_tui import library, paths
from roadmap_tui.cli.exit_status import ExitStatus
from roadmap_tui.cli.output import confirm, say
from roadmap_tui.cli.target import no_such_roadmap


def run(args: argparse.Namespace) -> ExitStatus:
    try:
        plan = library.plan_remove(args.name)
    except library.NoSuchRoadmap as error:
        raise no_such_roadmap(error.name) from None
    name = plan.name
    question = (
        f"Remove the roadmap {name} ({plan.state})? A backup is kept: roadmap-tui restore -r {name} brings it back."
    )
    if name == paths.DEFAULT_NAME:
        question += " It is the default roadmap: the next launch starts it afresh from the shipped roadmap."
    confirm(question, args.yes, f"remove {name}")
    removed = library.remove(plan)
    say(f"removed the roadmap {name} ({plan.file}); its backup: {removed.backup}")
    if removed.log is not None:
        say(f"its activity log is kept beside the backup: {removed.log}")
    return ExitStatus.OK
