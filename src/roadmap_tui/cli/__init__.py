"""The `roadmap-tui` command line.

Textual is imported only when the TUI starts, and Rich only by the commands that draw a table
(`status`, `list`), so every other command answers at once.
Exit status: 0 success, 2 bad input or usage, 1 anything else. Messages go to stderr as one line.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from roadmap_tui import __version__, paths
from roadmap_tui.library import clear_progress  # noqa: F401 - the command line's API too

if TYPE_CHECKING:
    from roadmap_tui.core.model import Roadmap

PROG = "roadmap-tui"

EPILOG = """examples:
  roadmap-tui                       open your roadmap
  roadmap-tui -r cs                 open the roadmap named cs (roadmap-tui list shows them)
  roadmap-tui import README.md      make a roadmap of a Markdown checklist
  roadmap-tui status                your progress, phase by phase
  roadmap-tui export -o progress.md write your roadmap and progress as Markdown
  roadmap-tui --file ~/ml.toml      open (or create) a roadmap file anywhere

Roadmaps live in your data folder (roadmap-tui path shows where), one NAME.toml each; the
default one is "roadmap". --file PATH, or ROADMAP_TUI_FILE when no --roadmap is given, picks
another file.
Exit status: 0 done, 2 bad input or usage, 1 anything else (an unexpected error names its log)."""


class Fail(Exception):
    """Bad input or a refusal: one line on stderr and exit status 2 (or `status`)."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


# The parser --------------------------------------------------------------------------------


def _roadmap_options(parser: argparse.ArgumentParser, top: bool = False, file_help: str | None = None) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "-r",
        "--roadmap",
        metavar="NAME",
        default=default,
        help="the roadmap named NAME in your data folder (default: roadmap)",
    )
    parser.add_argument(
        "--file",
        metavar="PATH",
        default=default,
        help=file_help or "a roadmap file anywhere (wins over --roadmap)",
    )


def _command(
    commands: Any, name: str, summary: str, example: str, description: str | None = None
) -> argparse.ArgumentParser:
    import textwrap  # argparse has it loaded already

    return commands.add_parser(
        name,
        help=summary,
        description=textwrap.fill(description or summary[:1].upper() + summary[1:] + ".", 79),
        epilog=f"example{'s' if example.count(chr(10)) else ''}:\n{example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _yes_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-y", "--yes", action="store_true", help="do it without asking")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="A learning roadmap as a living checklist in your terminal.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _roadmap_options(
        parser, top=True, file_help="the roadmap file to use (created from the default roadmap if missing)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    _command(commands, "list", "list your roadmaps with their progress", "  roadmap-tui list")

    status = _command(
        commands,
        "status",
        "print overall and per-phase progress",
        "  roadmap-tui status\n  roadmap-tui status -r cs --json | jq .percent",
        "Print overall and per-phase progress as a table, or as JSON for scripts and shell prompts.",
    )
    _roadmap_options(status)
    status.add_argument("--json", action="store_true", help="print JSON (see the README, \"JSON export\")")

    export = _command(
        commands,
        "export",
        "write the roadmap, with progress, as Markdown or JSON",
        "  roadmap-tui export -o progress.md\n  roadmap-tui export -r cs --format json -o cs.json",
        "Write the roadmap, with your progress, as Markdown (an imported roadmap comes back as its "
        "original file, with your checkmarks) or as JSON.",
    )
    _roadmap_options(export, file_help="the roadmap file to export (if it is missing: the default roadmap)")
    export.add_argument(
        "--format", choices=("markdown", "json"), default="markdown", help="markdown (the default) or json"
    )
    export.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout (- is stdout)")
    export.add_argument(
        "--force", action="store_true", help="replace OUT if it exists (never a roadmap or a backup)"
    )

    imp = _command(
        commands,
        "import",
        "make a roadmap of a Markdown checklist",
        "  roadmap-tui import README.md\n  roadmap-tui import plan.md --name ml-2025 --force",
        "Make a roadmap of a Markdown file's task lists (- [ ] ...) and headings, saved in your data folder.",
    )
    imp.add_argument("markdown", metavar="FILE.md", help="the Markdown file to import")
    imp.add_argument("--name", help="the roadmap's name (default: from its first heading, else the file name)")
    imp.add_argument(
        "--force", action="store_true", help="replace a roadmap of the same name (it is backed up first)"
    )

    reset = _command(
        commands,
        "reset",
        "clear a roadmap's progress",
        "  roadmap-tui reset -r cs",
        "Uncheck every item of a roadmap; filled-in text and resources stay. Asks first (unless --yes) "
        "and backs the file up.",
    )
    _roadmap_options(reset)
    _yes_option(reset)

    remove = _command(
        commands,
        "remove",
        "delete a roadmap (after a backup)",
        "  roadmap-tui remove cs",
        "Delete the roadmap NAME from your data folder. Asks first (unless --yes) and backs it up: "
        "roadmap-tui restore -r NAME brings it back.",
    )
    remove.add_argument("name", metavar="NAME", help="the roadmap to delete (roadmap-tui list shows them)")
    _yes_option(remove)

    backups = _command(
        commands,
        "backups",
        "list a roadmap's backups, newest first",
        "  roadmap-tui backups -r cs",
        "List a roadmap's backups, newest first, with their kind: launch (the app's first save of "
        "a session) or what was about to replace the file (before-reset, before-restore, "
        "before-import, before-remove). Launch backups rotate on their own (the newest 20); the "
        "others are kept 30 days, and at least the newest 20 of them.",
    )
    _roadmap_options(backups)

    restore = _command(
        commands,
        "restore",
        "put a backup back (after backing up the current file)",
        "  roadmap-tui restore\n  roadmap-tui restore roadmap.toml.20250314T092653.123456Z.launch.toml",
        "Put a backup back in place of the roadmap: the one named, or the newest that opens. "
        "The current file is backed up first. Asks first unless --yes.",
    )
    restore.add_argument("backup", metavar="BACKUP", nargs="?", help="a name from roadmap-tui backups")
    _roadmap_options(restore)
    _yes_option(restore)

    path = _command(commands, "path", "print the path of the roadmap file", "  roadmap-tui path -r cs")
    _roadmap_options(path, file_help="print this path instead (as the app would use it)")
    return parser


# Helpers -----------------------------------------------------------------------------------


def _fail(message: str, status: int = 2) -> int:
    from roadmap_tui.safe_text import visible

    print(f"{PROG}: {visible(message)}", file=sys.stderr)
    return status


def _say(message: str) -> None:
    """An informational line on stdout, shown literally (paths and names may hold anything)."""
    from roadmap_tui.safe_text import visible

    print(visible(message))


class Target(NamedTuple):
    file: Path
    label: str  # how messages call it: its name, or its path
    name: str | None  # its name in the data folder, or None for a file picked by path


def _target(args: argparse.Namespace, must_exist: bool = True) -> Target:
    """The roadmap file the options name.

    A roadmap named with --roadmap must exist (unless `must_exist` is false), except the default
    one, which is made from the shipped roadmap.
    """
    name = getattr(args, "roadmap", None)
    override = getattr(args, "file", None)
    try:
        file = paths.roadmap_file(name, override)
    except ValueError as error:
        raise Fail(f"--roadmap: {error}") from None
    if override:
        return Target(file, str(file), None)
    if name is not None:
        if must_exist and name != paths.DEFAULT_NAME and not file.exists() and not file.is_symlink():
            raise Fail(f"no roadmap named {name}; `roadmap-tui list` shows them")
        return Target(file, name, name)
    if os.environ.get(paths.ENV_FILE):
        return Target(file, str(file), None)
    return Target(file, paths.DEFAULT_NAME, paths.DEFAULT_NAME)


def _load(file: Path) -> Roadmap:
    """The roadmap in `file` (the shipped default if it is missing), read only.

    Not `RoadmapStore.load`: that starts a saver and upgrades an older file in place, and a
    command that only reads must not write.
    """
    from roadmap_tui.storage.parse_cache import MIN_BYTES as CACHE_MIN_BYTES
    from roadmap_tui.storage.reader import decode, read_data
    from roadmap_tui.storage.schema import build_roadmap, parse_toml
    from roadmap_tui.errors import Problem, RoadmapError

    if not file.exists() and not file.is_symlink():
        folder = file.parent
        if folder.exists() and not folder.is_dir():
            what = "your data folder" if folder == paths.data_dir() else "the folder"
            raise Fail(f"{what} {folder} is a file, not a folder: move it away to keep roadmaps there", 1)
        text = decode(paths.default_roadmap_bytes(), "the default roadmap")
        return build_roadmap(parse_toml(text, file), file)
    data = read_data(file)
    parsed = None
    if len(data) >= CACHE_MIN_BYTES:
        from roadmap_tui.storage import parse_cache as cache  # a big file the app has opened: its parse, if it is unchanged

        parsed = cache.load(file, data)
    if parsed is None:
        text = decode(data, file)
        if not text.strip():
            raise RoadmapError(file, [Problem("", "is empty: it holds no roadmap")])
        parsed = parse_toml(text, file)
    return build_roadmap(parsed, file)


def _progress(roadmap: Roadmap) -> str:
    return f"{roadmap.n_done} of {roadmap.n_total} done"


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _confirm(question: str, yes: bool, action: str) -> None:
    """Go on if --yes, or if the person at the terminal says y; else raise `Fail`.

    Without a terminal to ask on (a script, a pipe) and without --yes: refuse, naming `action`.
    """
    from roadmap_tui.safe_text import visible

    if yes:
        return
    if not _stdin_is_terminal():
        raise Fail(f"{action}: no terminal to ask on; pass --yes to go ahead")
    sys.stderr.write(f"{visible(question)} [y/N] ")
    sys.stderr.flush()
    answer = sys.stdin.readline()
    if answer.strip().lower() not in ("y", "yes"):
        raise Fail("cancelled: nothing changed", status=1)


# Commands ----------------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    from roadmap_tui.cli.listing import cmd_list as run  # the table that fits the terminal

    return run(args)


def _print_table(table: Any) -> None:
    """A Rich table on stdout, without the spaces Rich pads lines with."""
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=False)
    with console.capture() as capture:
        console.print(table)
    sys.stdout.write("".join(line.rstrip(" ") + "\n" for line in capture.get().splitlines()))
    sys.stdout.flush()


def _cut(text: str) -> Any:
    """A table cell that is cut with an ellipsis rather than wrapped."""
    from rich.text import Text

    return Text(text, no_wrap=True, overflow="ellipsis")


def _bar(done: int, total: int, width: int = 10) -> str:
    from roadmap_tui.core.progress import bar_parts

    return "".join(bar_parts(done, total, width)) if total else ""


def cmd_status(args: argparse.Namespace) -> int:
    from roadmap_tui.formats.json_export import dumps
    from roadmap_tui.core.progress import percent
    from roadmap_tui.core.progress import percent_text as share

    file, label, name = _target(args)
    roadmap = _load(file)
    if args.json:
        data = {
            "name": name,
            # Bytes of the path that are not UTF-8 as \xNN (JSON has no way to hold them).
            "file": os.fsencode(file.absolute()).decode("utf-8", "backslashreplace"),
            "title": roadmap.title,
            "done": roadmap.n_done,
            "total": roadmap.n_total,
            "percent": percent(roadmap.n_done, roadmap.n_total),
            "phases": [
                {
                    "title": phase.title,
                    "display_title": phase.display_title,
                    "done": phase.n_done,
                    "total": phase.n_total,
                    "percent": percent(phase.n_done, phase.n_total),
                }
                for phase in roadmap.phases
            ],
        }
        sys.stdout.write(dumps(data))
        return 0

    from rich import box
    from rich.table import Table
    from rich.text import Text

    from roadmap_tui.safe_text import visible

    table = Table(
        title=Text(f"{visible(roadmap.title)}  ({visible(label)})"),
        title_justify="left",
        box=box.SIMPLE,
        show_edge=False,
        pad_edge=False,
        show_footer=True,
    )
    table.add_column("PHASE", footer=Text("Overall"))
    table.add_column("DONE", footer=Text(f"{roadmap.n_done}/{roadmap.n_total}"), justify="right", no_wrap=True)
    table.add_column("%", footer=Text(share(roadmap.n_done, roadmap.n_total)), justify="right", no_wrap=True)
    table.add_column("", footer=Text(_bar(roadmap.n_done, roadmap.n_total)), no_wrap=True)
    empty = [phase for phase in roadmap.phases if not phase.n_total]
    for phase in roadmap.phases:
        if not phase.n_total:
            continue  # nothing to check off (an introduction, a library of links): no progress to show
        table.add_row(
            _cut(visible(phase.display_title)),
            Text(f"{phase.n_done}/{phase.n_total}"),
            Text(share(phase.n_done, phase.n_total)),
            Text(_bar(phase.n_done, phase.n_total)),
        )
    _print_table(table)
    if empty:
        shown = ", ".join(visible(phase.display_title) for phase in empty[:3]) + (", ..." if len(empty) > 3 else "")
        print(f"({len(empty)} part{'s' if len(empty) > 1 else ''} with nothing to check off not shown: {shown})")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from roadmap_tui.cli.output import OutputError, write_output

    file = _target(args).file
    roadmap = _load(file)
    if args.format == "json":
        from roadmap_tui.formats.json_export import to_json

        text, escape = to_json(roadmap), False
    else:
        from roadmap_tui.formats.markdown_export import to_markdown

        text, escape = to_markdown(roadmap), True
    try:
        write_output(text, args.output, escape, file, args.force)
    except OutputError as error:
        raise Fail(str(error), error.status) from None
    return 0


def _read_markdown(source: Path) -> bytes:
    from roadmap_tui.storage.reader import MAX_FILE_BYTES

    try:
        if not source.exists():
            raise Fail(f"{source}: no such file")
        if not source.is_file():
            raise Fail(f"{source}: not a file" + (" (it is a folder)" if source.is_dir() else ""))
        size = source.stat().st_size
        if size > MAX_FILE_BYTES:
            raise Fail(f"{source}: is {size:,} bytes; a roadmap may be at most {MAX_FILE_BYTES:,}")
        from roadmap_tui.storage.reader import read_bounded

        return read_bounded(source)  # a pipe or a device: RoadmapError (one line, exit 2)
    except OSError as error:
        raise Fail(f"{source}: cannot be read: {error.strerror or error}") from None


def cmd_import(args: argparse.Namespace) -> int:
    from roadmap_tui.storage import backups
    from roadmap_tui.formats.markdown_import import import_markdown
    from roadmap_tui.storage.schema import build_roadmap, parse_toml
    from roadmap_tui.storage.fs import atomic_write

    source = Path(args.markdown).expanduser()
    if args.name is not None:
        try:
            name = paths.check_name(args.name)
        except ValueError as error:
            raise Fail(f"--name: {error}") from None
    else:
        name = None
    data = _read_markdown(source)
    result = import_markdown(data, source)  # MarkdownImportError is a RoadmapError: one line, exit 2
    if name is None:
        name = paths.name_from_title(result.title) or paths.name_from_title(source.stem) or "imported"
    target = paths.data_dir() / f"{name}.toml"
    # What is written must open: check it as the app will read it.
    roadmap = build_roadmap(parse_toml(result.toml_text, target), target)
    replaced = None
    if target.exists() or target.is_symlink():
        if not args.force:
            raise Fail(
                f"a roadmap named {name} already exists ({target}); pass --force to replace it "
                "(it is backed up first) or --name to choose another name"
            )
        replaced = backups.make_backup(target, "before-import")
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, result.toml_text.encode("utf-8"))
    _say(f"imported {result.n_tasks} tasks ({roadmap.n_total} to check off) from {source} as roadmap {name}: {target}")
    for warning in result.warnings:
        _fail(f"warning: {warning}")
    if replaced is not None:
        _say(f"the roadmap it replaced is backed up in {replaced}")
    _say(f"open it with: roadmap-tui -r {name}")
    return 0


def cmd_reset(args: argparse.Namespace) -> int:
    from roadmap_tui.library import Changed, reset

    file, label, _ = _target(args)
    try:
        return reset(file, label, _load, lambda question: _confirm(question, args.yes, f"reset {label}"), _say)
    except Changed as error:
        raise Fail(str(error), status=1) from None


def cmd_remove(args: argparse.Namespace) -> int:
    from roadmap_tui.storage import backups
    from roadmap_tui.errors import RoadmapError

    try:
        name = paths.check_name(args.name)
    except ValueError as error:
        raise Fail(str(error)) from None
    file = paths.data_dir() / f"{name}.toml"
    if not file.exists() and not file.is_symlink():
        raise Fail(f"no roadmap named {name}; `roadmap-tui list` shows them")
    try:
        state = _progress(_load(file))
    except RoadmapError as error:
        state = f"it cannot be opened: {error.problems[0]}"
    question = f"Remove the roadmap {name} ({state})? A backup is kept: roadmap-tui restore -r {name} brings it back."
    if name == paths.DEFAULT_NAME:
        question += " It is the default roadmap: the next launch starts it afresh from the shipped roadmap."
    _confirm(question, args.yes, f"remove {name}")
    backup = backups.make_backup(file, "before-remove")
    file.unlink()
    _say(f"removed the roadmap {name} ({file}); its backup: {backup}")
    return 0


def _local_time(backup: Path) -> str:
    from roadmap_tui.storage.backups import backup_time

    moment = backup_time(backup)
    try:
        return "?" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except (OverflowError, ValueError, OSError):  # a time at the end of the calendar
        return moment.strftime("%Y-%m-%d %H:%M:%S UTC") if moment else "?"


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / 1024 / 1024:.1f} MiB"


def cmd_backups(args: argparse.Namespace) -> int:
    from roadmap_tui.storage.backups import (
        KEEP_DAYS,
        MAX_BACKUPS,
        MAX_LAUNCH_BACKUPS,
        backup_dir,
        backup_reason,
        list_backups,
        strays,
    )

    file, label, _ = _target(args, must_exist=False)
    found = list_backups(file)
    junk = strays(file)
    if not found and not junk:
        _fail(f"no backups of {label} yet (they go in {backup_dir(file)})")
        return 0
    rows = []
    for backup in found:
        try:
            size = _size(backup.stat().st_size)
        except OSError:
            size = "?"
        rows.append((backup.name, backup_reason(backup) or "?", _local_time(backup), size))
    rows += [(entry.name, "not a backup", "?", "?") for entry in junk]
    width = max(len(row[0]) for row in rows)
    kind_width = max(4, *(len(row[1]) for row in rows))
    size_width = max(len(row[3]) for row in rows)
    _say(f"{'BACKUP':<{width}}  {'KIND':<{kind_width}}  {'TAKEN':<19}  {'SIZE':>{size_width}}")
    for name, kind, when, size in rows:
        _say(f"{name:<{width}}  {kind:<{kind_width}}  {when:<19}  {size:>{size_width}}")
    print()
    _say(f"in {backup_dir(file)}; roadmap-tui restore BACKUP puts one back")
    _say(
        f"launch backups: the newest {MAX_LAUNCH_BACKUPS} are kept; the others (taken before a command): "
        f"the newest {MAX_BACKUPS}, and all from the last {KEEP_DAYS} days"
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from roadmap_tui.storage import backups
    from roadmap_tui.errors import RoadmapError

    file, label, _ = _target(args, must_exist=False)
    if args.backup is None:
        chosen = backups.newest_valid_backup(file)
        if chosen is None:
            raise Fail(f"{label} has no backup that opens (roadmap-tui backups lists them)")
    else:
        chosen = backups.find_backup(file, args.backup)
    backup_state = _progress(_load(chosen))  # a RoadmapError names the backup: exit 2
    if file.exists():
        try:
            current = f"the current file ({_progress(_load(file))}) is backed up first"
        except RoadmapError as error:
            current = f"the current file (which cannot be opened: {error.problems[0]}) is backed up first"
    else:
        current = "there is no current file"
    question = f"Restore {label} from {chosen.name} (taken {_local_time(chosen)}, {backup_state})? {current}."
    _confirm(question, args.yes, f"restore {label}")
    used = backups.restore(file, chosen)
    _say(f"restored {file} from {used.name}")
    return 0


def cmd_path(args: argparse.Namespace) -> int:
    from roadmap_tui.cli.output import print_path

    print_path(_target(args, must_exist=False).file.absolute())
    return 0


def _run_tui(args: argparse.Namespace) -> int:
    file = _target(args).file
    from roadmap_tui.tui.app import RoadmapApp

    app = RoadmapApp(path=file)
    try:
        app.run()
    finally:
        app.store.close(10)  # whatever way the app ended, what was submitted is written
    return app.return_code or 0


COMMANDS = {
    "list": cmd_list,
    "status": cmd_status,
    "export": cmd_export,
    "import": cmd_import,
    "reset": cmd_reset,
    "remove": cmd_remove,
    "backups": cmd_backups,
    "restore": cmd_restore,
    "path": cmd_path,
}


def _crash(error: BaseException) -> int:
    """An unexpected error: the traceback to the crash log, one line naming it to the user."""
    import traceback
    from datetime import datetime

    log = paths.crash_log()
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now().isoformat(timespec='seconds')} {PROG} {' '.join(sys.argv[1:])}\n")
            handle.write("".join(traceback.format_exception(error)))
        where = f"details are in {log}"
    except OSError:
        where = "its details could not be written down"
    return _fail(f"stopped on an unexpected error ({type(error).__name__}: {error}); {where}", status=1)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from roadmap_tui.errors import RoadmapError

    try:
        return COMMANDS.get(args.command, _run_tui)(args)
    except Fail as error:
        return _fail(str(error), error.status)
    except RoadmapError as error:
        from roadmap_tui.storage.reader import import_advice

        # A Markdown file given as the roadmap (not to `import` itself, which just said why not).
        advice = import_advice(error) if args.command != "import" else ""
        return _fail(error.one_line() + (f"; {advice}" if advice else ""))
    except BrokenPipeError:
        # The reader went away (`roadmap-tui export | head`): not an error worth a traceback.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        except OSError:
            pass
        return 0
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        # The file system said no (a folder not writable, a disk full): not a bug, one line.
        where = f"{error.filename}: " if error.filename else ""
        return _fail(f"{where}{error.strerror or error}", status=1)
    except Exception as error:  # noqa: BLE001 - the last line of defence: never a traceback
        return _crash(error)
