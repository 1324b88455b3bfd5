"""`roadmap-tui log`: what changed in a roadmap, newest first, from its activity log.

One line a record: the local date and time, the entry's breadcrumb (`Phase › Section › Topic ›
Item`, with the learner's fills when the roadmap still has that entry) and what changed
(`activity.describe`). `--since` keeps the changes since a time back from now (`12h`, `7d`,
`2w`) or a date or time (`2026-11-01`: from local midnight). `--json` prints the records as
stored, newest first. Lines the log could not use are named on stderr; the rest is shown.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Mapping, Sequence
from datetime import datetime, time, timedelta
from pathlib import Path

from roadmap_tui import library
from roadmap_tui.cli.exit_status import CommandError, ExitStatus
from roadmap_tui.cli.output import fail, say
from roadmap_tui.cli.target import resolve_target
from roadmap_tui.core.model import Entry, Item, Roadmap
from roadmap_tui.core.outline import held
from roadmap_tui.errors import RoadmapError
from roadmap_tui.storage import activity

_BACK_RE = re.compile(r"(\d{1,6})([hdw])", re.IGNORECASE)
_UNITS = {"h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1)}
MAX_PROBLEMS_SHOWN = 3


def parse_since(value: str, now: datetime | None = None) -> datetime:
    """The moment `--since` names (aware): `Nh`, `Nd`, `Nw` back from `now`, or an ISO date
    (local midnight) or date and time (local if it has no offset). `CommandError` otherwise."""
    now = now or datetime.now().astimezone()
    text = value.strip()
    try:
        if match := _BACK_RE.fullmatch(text):
            return now - int(match.group(1)) * _UNITS[match.group(2).lower()]
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            moment = datetime.combine(datetime.strptime(text, "%Y-%m-%d").date(), time())
        else:
            moment = datetime.fromisoformat(text)
        return moment if moment.tzinfo is not None else moment.astimezone()
    except (ValueError, OverflowError, OSError):
        pass
    raise CommandError(
        f"--since: {value!r} is not a time: give one back from now (12h, 7d, 2w) or a date (2026-11-01)"
    )


def newest_first(records: Sequence[activity.Record]) -> list[activity.Record]:
    """Newest first; records of the same moment in the reverse of the order they were logged."""
    order = sorted(range(len(records)), key=lambda i: (activity.record_time(records[i]), i), reverse=True)
    return [records[i] for i in order]


def display_paths(roadmap: Roadmap) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Every entry's stored title path, with the titles as shown (fills applied)."""
    found: dict[tuple[str, ...], tuple[str, ...]] = {}

    def shown(entry: Entry) -> str:
        return entry.display_text if isinstance(entry, Item) else entry.display_title

    def visit(entry: Entry, path: tuple[str, ...], words: tuple[str, ...]) -> None:
        path, words = (*path, entry.title), (*words, shown(entry))
        found.setdefault(path, words)  # the first of two with the same titles, as lookups do
        for child in held(entry):
            visit(child, path, words)

    for phase in roadmap.phases:
        visit(phase, (), ())
    return found


def breadcrumb(titles: Sequence[str], shown: Mapping[tuple[str, ...], tuple[str, ...]]) -> str:
    """`Phase › Section › Topic › Item`: as shown where the roadmap still has the entry (or the
    part of its path it still has), else as stored in the record."""
    path = tuple(titles)
    for cut in range(len(path), 0, -1):
        if (words := shown.get(path[:cut])) is not None:
            return activity.breadcrumb((*words, *path[cut:]))
    return activity.breadcrumb(path)


def _shown_titles(file: Path) -> Mapping[tuple[str, ...], tuple[str, ...]]:
    """The fills of the roadmap as it is now; none if it cannot be read (the log still shows)."""
    try:
        return display_paths(library.open_read_only(file))
    except (RoadmapError, library.LibraryError, OSError):
        return {}


def line(record: Mapping[str, object], shown: Mapping[tuple[str, ...], tuple[str, ...]]) -> str:
    when = activity.record_time(record).astimezone().strftime("%Y-%m-%d %H:%M")
    where = breadcrumb(activity.titles_of(record), shown) or "the whole roadmap"  # (a reset)
    return f"{when}  {where} — {activity.describe(record)}"


def _warn(problems: list[str]) -> None:
    # A line cut short by a kill is what a kill leaves (the spec: skipped with no error), wherever
    # later appends put it; anything else is said.
    problems = [problem for problem in problems if "cut short" not in problem]
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        fail(f"activity log: skipped {problem}")
    if len(problems) > MAX_PROBLEMS_SHOWN:
        fail(f"activity log: skipped {len(problems) - MAX_PROBLEMS_SHOWN} more lines it could not use")


def run(args: argparse.Namespace) -> ExitStatus:
    since = parse_since(args.since) if args.since is not None else None
    target = resolve_target(args)
    log = activity.log_file(target.file)
    records, problems = activity.read(target.file)
    if not records and problems:
        raise CommandError(problems[0], ExitStatus.FAILED)  # the log itself cannot be read
    _warn(problems)
    if since is not None:
        records = [r for r in records if activity.record_time(r) >= since]
    records = newest_first(records)
    if args.json:
        from roadmap_tui.formats.json_export import dumps

        sys.stdout.write(dumps(records))
        return ExitStatus.OK
    if not records:
        if since is not None and log.exists():
            say(f"nothing changed in {target.label} since {since.astimezone():%Y-%m-%d %H:%M}")
        else:
            say(f"no activity logged for {target.label} yet: changes made in the app are logged in {log}")
        return ExitStatus.OK
    shown = _shown_titles(target.file)
    for record in records:
        say(line(record, shown))
    return ExitStatus.OK
