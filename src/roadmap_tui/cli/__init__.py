"""The `roadmap-tui` command line: `main()` parses, runs one command, and maps errors to an exit status.

Layout: `parser` declares every command's options; `commands/<name>.py` does one command
(`run(args) -> ExitStatus`), thin over `roadmap_tui.library`; `output` is the terminal I/O;
`exit_status` names the statuses (0 done, 2 bad input or usage, 1 anything else, 130
interrupted). Messages go to stderr as one line; an unexpected error's traceback goes to the
crash log (`crashlog`), never to the terminal.

Start-up: only the chosen command's module is imported (`importlib`, on demand). Textual is
imported only when the TUI starts (`commands/tui.py`), Rich only by the commands that draw a
table (`status`, `list`), tomlkit only by the commands that edit a roadmap, so `status`,
`export` and `path` answer at once.
"""

from __future__ import annotations

import importlib
import os
import sys

from roadmap_tui.cli.exit_status import CommandError, ExitStatus
from roadmap_tui.cli.output import PROG, fail
from roadmap_tui.cli.parser import COMMANDS, DEFAULT_MODULE, build_parser


def _run(command: str | None, args: object) -> ExitStatus:
    module = COMMANDS[command][0] if command is not None else DEFAULT_MODULE
    run = importlib.import_module(f"roadmap_tui.cli.commands.{module}").run  # only this command's imports
    return run(args)


def _crash(error: BaseException) -> ExitStatus:
    """An unexpected error: the traceback to the crash log, one line naming it to the user."""
    from roadmap_tui.crashlog import write_crash_log

    log = write_crash_log(error, f"{PROG} {' '.join(sys.argv[1:])}")
    where = "its details could not be written down" if log is None else f"details are in {log}"
    return fail(f"stopped on an unexpected error ({type(error).__name__}: {error}); {where}", ExitStatus.FAILED)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # After parsing: --help and --version need neither the library nor the schema.
    from roadmap_tui.errors import RoadmapError
    from roadmap_tui.library import BadRequest, LibraryError

    try:
        return _run(args.command, args)
    except CommandError as error:
        return fail(str(error), error.status)
    except BadRequest as error:
        return fail(str(error), ExitStatus.BAD_INPUT)
    except LibraryError as error:
        return fail(str(error), ExitStatus.FAILED)
    except RoadmapError as error:
        from roadmap_tui.storage.reader import import_advice

        # A Markdown file given as the roadmap (not to `import` itself, which just said why not).
        advice = import_advice(error) if args.command != "import" else ""
        return fail(error.one_line() + (f"; {advice}" if advice else ""))
    except BrokenPipeError:
        # The reader went away (`roadmap-tui export | head`): not an error worth a traceback.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        except OSError:
            pass
        return ExitStatus.OK
    except KeyboardInterrupt:
        return ExitStatus.INTERRUPTED
    except OSError as error:
        # The file system said no (a folder not writable, a disk full): not a bug, one line.
        where = f"{error.filename}: " if error.filename else ""
        return fail(f"{where}{error.strerror or error}", ExitStatus.FAILED)
    except Exception as error:  # noqa: BLE001 - the last line of defence: never a traceback
        return _crash(error)
