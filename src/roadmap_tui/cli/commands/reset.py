"""`roadmap-tui reset`: clear every item's progress (done, doing, skipped, dates; notes stay),
after asking and a backup (`library.plan_reset`/`apply_reset`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from roadmap_tui import library
from roadmap_tui.cli.exit_status import ExitStatus
from roadmap_tui.cli.output import confirm, fail, say
from roadmap_tui.cli.target import resolve_target


def run(args: argparse.Namespace) -> ExitStatus:
    file, label, _ = resolve_target(args)
    plan = library.plan_reset(file, label)
    if not plan.exists:
        say(f"{label} has no progress to clear (it is not created yet)")
        return ExitStatus.OK
    if not plan.cleared:
        say(f"{label} has no progress to clear ({library.summary(plan.roadmap)})")
        return ExitStatus.OK
    confirm(f"Clear progress of {label} ({library.summary(plan.roadmap)})?", args.yes, f"reset {label}")
    before, backup = library.apply_reset(plan)  # library.Changed: exit 1, nothing written
    was = f"{before.n_done} were done" + "".join(
        f", {count} {word}" for count, word in ((before.n_doing, "doing"), (before.n_skipped, "skipped")) if count
    )
    say(f"cleared the progress of {label} ({was}); the file before is backed up in {backup}")
    _log_reset(file, before.n_done, before.n_doing, before.n_skipped)
    return ExitStatus.OK


def _log_reset(file: Path, done: int, doing: int, skipped: int) -> None:
    """The reset goes into the activity log like the app's changes (the roadmap as a whole: no
    entry); a log that cannot be written is said, and the reset stands."""
    from roadmap_tui.core.states import local_now
    from roadmap_tui.storage import activity

    record = {"at": local_now().isoformat(), "entry": [], "change": "reset", "done": done, "doing": doing, "skipped": skipped}
    try:
        activity.append(file, [record])
    except OSError as error:
        fail(f"the reset is done, but the activity log could not be written: {error.strerror or error}")
