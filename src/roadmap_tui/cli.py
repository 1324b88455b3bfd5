"""The `roadmap-tui` command line.

Textual is imported only when the TUI starts, so `export`, `path` and `--help` start fast.
Exit status: 0 success, 2 bad input or usage, 1 anything else. Messages go to stderr as one line.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from roadmap_tui import __version__, paths

PROG = "roadmap-tui"

EPILOG = """examples:
  roadmap-tui                       open your roadmap
  roadmap-tui --file ~/ml.toml      open (or create) another roadmap file
  roadmap-tui export -o progress.md write your roadmap and progress as Markdown
  roadmap-tui path                  print where your roadmap is saved

The roadmap file is ROADMAP_TUI_FILE if that is set, else roadmap.toml in your data folder."""


def _file_option(parser: argparse.ArgumentParser, default: object, help: str) -> None:
    parser.add_argument("--file", metavar="PATH", default=default, help=help)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="A learning roadmap as a living checklist in your terminal.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _file_option(parser, None, "the roadmap file to use (created from the default roadmap if missing)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    export = commands.add_parser(
        "export",
        help="write the roadmap, with progress, as Markdown",
        description="Write the roadmap, with your progress, as Markdown.",
        epilog="example:\n  roadmap-tui export -o progress.md",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _file_option(export, argparse.SUPPRESS, "the roadmap file to export (if it is missing: the default roadmap)")
    export.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")

    path = commands.add_parser(
        "path",
        help="print the path of the roadmap file",
        description="Print the path of the roadmap file.",
        epilog="example:\n  roadmap-tui path",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _file_option(path, argparse.SUPPRESS, "print this path instead (as the app would use it)")
    return parser


def _fail(message: str, status: int = 2) -> int:
    from roadmap_tui.literal import visible

    print(f"{PROG}: {visible(message)}", file=sys.stderr)
    return status


def _export(file: Path, output: str | None) -> int:
    from roadmap_tui.markdown import to_markdown
    from roadmap_tui.store import RoadmapStore, atomic_write

    roadmap = RoadmapStore(file).load(create=False)
    text = to_markdown(roadmap)
    if output is None or output == "-":
        if sys.stdout.isatty():
            # On a terminal, nothing from the file may act as a control sequence; a file or a
            # pipe gets the Markdown exactly.
            from roadmap_tui.literal import visible

            text = "".join(visible(line) + "\n" for line in text.splitlines())
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    target = Path(output).expanduser()
    try:
        if target.exists() and not target.is_file():
            # A device or a pipe (/dev/stdout, a named pipe): write to it as it is.
            with target.open("w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            atomic_write(target, text.encode("utf-8"))
    except OSError as error:
        return _fail(f"{target}: cannot write: {error.strerror or error}")
    return 0


def _run_tui(file: Path) -> int:
    from roadmap_tui.app import RoadmapApp

    app = RoadmapApp(path=file)
    try:
        app.run()
    finally:
        app.store.close(10)  # whatever way the app ended, what was submitted is written
    return app.return_code or 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from roadmap_tui.schema import RoadmapError

    file = paths.state_file(args.file)
    try:
        if args.command == "export":
            return _export(file, args.output)
        if args.command == "path":
            print(file.absolute())
            return 0
        return _run_tui(file)
    except RoadmapError as error:
        return _fail(error.one_line())
    except BrokenPipeError:
        # The reader went away (`roadmap-tui export | head`): not an error worth a traceback.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        except OSError:
            pass
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - the last line of defence: never a traceback
        return _fail(f"unexpected error: {type(error).__name__}: {error}", status=1)
