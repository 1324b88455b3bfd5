"""The `roadmap-tui` argument parser: every command's options, help and examples.

One function per command declares its arguments; `COMMANDS` names each command's module in
`cli/commands/` (imported only when that command runs) beside that function, so a command is
added in one place. Every subcommand's help ends with an example. Light: argparse only.
"""

from __future__ import annotations

import argparse
import textwrap  # argparse has it loaded already
from collections.abc import Callable
from typing import Any

from roadmap_tui import __version__
from roadmap_tui.cli.output import PROG

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

Subcommands = Any  # argparse's _SubParsersAction, which it does not name publicly


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
    commands: Subcommands, name: str, summary: str, example: str, description: str | None = None
) -> argparse.ArgumentParser:
    return commands.add_parser(
        name,
        help=summary,
        description=textwrap.fill(description or summary[:1].upper() + summary[1:] + ".", 79),
        epilog=f"example{'s' if example.count(chr(10)) else ''}:\n{example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _yes_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-y", "--yes", action="store_true", help="do it without asking")


def _list(commands: Subcommands) -> None:
    _command(commands, "list", "list your roadmaps with their progress", "  roadmap-tui list")


def _status(commands: Subcommands) -> None:
    status = _command(
        commands,
        "status",
        "print overall and per-phase progress",
        "  roadmap-tui status\n  roadmap-tui status -r cs --json | jq .forecast\n"
        "  roadmap-tui status --format '{percent}% · {streak}d streak · done by {forecast}'",
        "Print overall and per-phase progress, pace, forecast and streak as a table, as JSON for "
        "scripts, or through a template for shell prompts and tmux status lines.",
    )
    _roadmap_options(status)
    status.add_argument("--json", action="store_true", help="print JSON (see the README, \"status --json\")")
    status.add_argument(
        "--format",
        metavar="TEMPLATE",
        help="print TEMPLATE with its fields filled: {percent} {done} {total} {skipped} {remaining} "
        "{streak} {longest_streak} {pace} {forecast} ({{ and }} for braces)",
    )


def _export(commands: Subcommands) -> None:
    export = _command(
        commands,
        "export",
        "write the roadmap, with progress, as Markdown or JSON",
        "  roadmap-tui export -o progress.md\n  roadmap-tui export -r cs --format json -o cs.json\n"
        "  roadmap-tui export --with-notes -o journal.md",
        "Write the roadmap, with your progress, as Markdown (an imported roadmap comes back as its "
        "original file, with your checkmarks) or as JSON.",
    )
    _roadmap_options(export, file_help="the roadmap file to export (if it is missing: the default roadmap)")
    export.add_argument(
        "--format", choices=("markdown", "json"), default="markdown", help="markdown (the default) or json"
    )
    export.add_argument(
        "--with-notes",
        action="store_true",
        help="Markdown: add each note as a '> [!NOTE]' quote under its entry (import reads them back; "
        "JSON always has the notes)",
    )
    export.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout (- is stdout)")
    export.add_argument(
        "--force", action="store_true", help="replace OUT if it exists (never a roadmap or a backup)"
    )


def _import(commands: Subcommands) -> None:
    imp = _command(
        commands,
        "import",
        "make a roadmap of a Markdown checklist",
        "  roadmap-tui import README.md\n  roadmap-tui import plan.md --name ml-2025 --force\n"
        "  roadmap-tui import README.md --update coding-interview-university --dry-run",
        "Make a roadmap of a Markdown file's task lists (- [ ] ...) and headings, saved in your data folder. "
        "With --update NAME, a newer version of the file the roadmap NAME was imported from replaces it, "
        "and every entry still in it keeps its progress (state, dates, note, fills, reviews).",
    )
    imp.add_argument("markdown", metavar="FILE.md", help="the Markdown file to import")
    imp.add_argument("--name", help="the roadmap's name (default: from its first heading, else the file name)")
    imp.add_argument(
        "--force", action="store_true", help="replace a roadmap of the same name (it is backed up first)"
    )
    imp.add_argument(
        "--update",
        metavar="NAME",
        help="update the roadmap NAME (imported from Markdown) to this newer version of its file, keeping "
        "the progress of every entry still in it (it is backed up first)",
    )
    imp.add_argument(
        "--dry-run",
        action="store_true",
        help="with --update: say what would be kept, added, renamed and removed; write nothing",
    )


def _reset(commands: Subcommands) -> None:
    reset = _command(
        commands,
        "reset",
        "clear a roadmap's progress",
        "  roadmap-tui reset -r cs",
        "Clear every item's progress (done, doing, skipped, their dates, and reviews); notes, filled-in text and "
        "resources stay. Asks first (unless --yes) and backs the file up.",
    )
    _roadmap_options(reset)
    _yes_option(reset)


def _remove(commands: Subcommands) -> None:
    remove = _command(
        commands,
        "remove",
        "delete a roadmap (after a backup)",
        "  roadmap-tui remove cs",
        "Delete the roadmap NAME from your data folder. Asks first (unless --yes) and backs it up, "
        "with its activity log beside the backup: roadmap-tui restore -r NAME brings both back.",
    )
    remove.add_argument("name", metavar="NAME", help="the roadmap to delete (roadmap-tui list shows them)")
    _yes_option(remove)


def _backups(commands: Subcommands) -> None:
    backups = _command(
        commands,
        "backups",
        "list a roadmap's backups, newest first",
        "  roadmap-tui backups -r cs",
        "List a roadmap's backups, newest first, with their kind: launch (the app's first save of "
        "a session) or what was about to replace the file (before-reset, before-restore, "
        "before-import, before-update, before-remove). Launch backups rotate on their own (the newest 20); the "
        "others are kept 30 days, and at least the newest 20 of them.",
    )
    _roadmap_options(backups)


def _restore(commands: Subcommands) -> None:
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


def _log(commands: Subcommands) -> None:
    log = _command(
        commands,
        "log",
        "list what changed in a roadmap, newest first",
        "  roadmap-tui log\n  roadmap-tui log -r cs --since 7d\n  roadmap-tui log --since 2026-11-01 --json",
        "List the changes made to a roadmap in the app (states, fills, notes, texts, entries added "
        "or removed), newest first, with the entry each one was made to. They are kept in an activity "
        "log beside the roadmap file (NAME.activity.jsonl), one JSON record a line.",
    )
    _roadmap_options(log)
    log.add_argument(
        "--since",
        metavar="WHEN",
        help="only changes since WHEN: a time back from now (12h, 7d, 2w) or a date (2026-11-01)",
    )
    log.add_argument("--json", action="store_true", help="print the records as a JSON array, newest first")


def _path(commands: Subcommands) -> None:
    path = _command(commands, "path", "print the path of the roadmap file", "  roadmap-tui path -r cs")
    _roadmap_options(path, file_help="print this path instead (as the app would use it)")


# command -> (its module in roadmap_tui.cli.commands, what declares its arguments), in help order.
# No command given: the app (commands/tui.py).
COMMANDS: dict[str, tuple[str, Callable[[Subcommands], None]]] = {
    "list": ("list", _list),
    "status": ("status", _status),
    "export": ("export", _export),
    "import": ("import_", _import),  # `import` is a keyword
    "reset": ("reset", _reset),
    "remove": ("remove", _remove),
    "backups": ("backups", _backups),
    "restore": ("restore", _restore),
    "log": ("log", _log),
    "path": ("path", _path),
}
DEFAULT_MODULE = "tui"


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
    for _, add_arguments in COMMANDS.values():
        add_arguments(commands)
    return parser
