"""Terminal I/O for the commands: messages, questions, tables, and where `export` writes.

Every message is one line, shown literally (`safe_text.visible`: paths and names may hold
anything, and nothing from a file may act on the terminal): `say` on stdout, `fail` on stderr.
`confirm` asks on the terminal, and refuses without one unless `--yes`.

Where `roadmap-tui export` writes: stdout, a device or pipe, or a file (never a roadmap).
`-o -` (or no `-o`) is stdout. A roadmap file or a backup is never written over: not the roadmap
being exported, not any roadmap of the data folder, not anything in a `backups/` folder that
holds their backups (whatever path, symlink or hard link names it). Another existing file is
replaced only with `--force`; a device or a named pipe is written to as it is.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import Any

from roadmap_tui.cli.exit_status import CommandError, ExitStatus
from roadmap_tui.safe_text import visible

PROG = "roadmap-tui"  # how every message names the program


def fail(message: str, status: ExitStatus = ExitStatus.BAD_INPUT) -> ExitStatus:
    """A one-line message on stderr ("roadmap-tui: ..."); returns `status` for the caller to exit with."""
    print(f"{PROG}: {visible(message)}", file=sys.stderr)
    return status


def say(message: str) -> None:
    """An informational line on stdout, shown literally (paths and names may hold anything)."""
    print(visible(message))


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def confirm(question: str, yes: bool, action: str) -> None:
    """Go on if --yes, or if the person at the terminal says y; else raise `CommandError`.

    Without a terminal to ask on (a script, a pipe) and without --yes: refuse, naming `action`.
    """
    if yes:
        return
    if not _stdin_is_terminal():
        raise CommandError(f"{action}: no terminal to ask on; pass --yes to go ahead")
    sys.stderr.write(f"{visible(question)} [y/N] ")
    sys.stderr.flush()
    answer = sys.stdin.readline()
    if answer.strip().lower() not in ("y", "yes"):
        raise CommandError("cancelled: nothing changed", ExitStatus.FAILED)


def print_table(table: Any) -> None:
    """A Rich table on stdout, without the spaces Rich pads lines with."""
    from rich.console import Console  # Rich only for the commands that draw a table

    console = Console(highlight=False, soft_wrap=False)
    with console.capture() as capture:
        console.print(table)
    sys.stdout.write("".join(line.rstrip(" ") + "\n" for line in capture.get().splitlines()))
    sys.stdout.flush()


def done_cell(done: int, total: int, skipped: int) -> str:
    """A DONE cell of `status` and `list`: "12/70", and "12/70 · 6 skipped" when any are
    (`states.counts_text`'s words, the column saying "done")."""
    return f"{done}/{total}" + (f" · {skipped} skipped" if skipped else "")


def backup_taken(backup: Path) -> str:
    """When `backup` was taken, in local time ("?" if its name does not say)."""
    from roadmap_tui.storage.backups import backup_time

    moment = backup_time(backup)
    try:
        return "?" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except (OverflowError, ValueError, OSError):  # a time at the end of the calendar
        return moment.strftime("%Y-%m-%d %H:%M:%S UTC") if moment else "?"


# export -o ----------------------------------------------------------------------------------


class OutputError(CommandError):
    """Why OUT cannot be written: one line, and the exit status (bad input unless the disk said no)."""


def _same(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def protected_reason(target: Path, roadmap_file: Path) -> str | None:
    """Why `target` must not be written over (it is a roadmap or a backup), or None."""
    from roadmap_tui import library, paths
    from roadmap_tui.paths import BACKUP_FOLDER

    roadmaps = [roadmap_file, *(file for _, file in library.list_roadmaps())]
    for file in roadmaps:
        if _same(target, file):
            return "is a roadmap file"
    real = Path(os.path.realpath(target))
    data = Path(os.path.realpath(paths.data_dir()))
    if real.parent == data and real.suffix == ".toml":
        return "is a roadmap file in your data folder"
    folders = {data / BACKUP_FOLDER, *(Path(os.path.realpath(Path(file).parent / BACKUP_FOLDER)) for file in roadmaps)}
    if real.parent in folders:
        return "is in a backups folder"
    return None


def write_output(text: str, output: str | None, escape_on_terminal: bool, roadmap_file: Path, force: bool) -> None:
    """`text` to stdout or to OUT, byte for byte (UTF-8, line endings as they are)."""
    data = text.encode("utf-8")
    if output is None or output == "-":
        _to_stdout(text, data, escape_on_terminal)
        return
    target = Path(output).expanduser()
    shown = visible(str(target))
    reason = protected_reason(target, roadmap_file)
    if reason is not None:
        raise OutputError(f"{shown}: {reason}; export writes elsewhere (choose another OUT, or - for stdout)")
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as error:
        raise OutputError(f"{shown}: cannot write: {error.strerror or error}", ExitStatus.FAILED) from None
    try:
        if st is not None and not stat.S_ISREG(st.st_mode):
            if stat.S_ISDIR(st.st_mode):
                raise OutputError(f"{shown}: is a folder; give a file name")
            _to_device(target, data, stat.S_ISFIFO(st.st_mode))
            return
        if st is not None and not force:
            raise OutputError(f"{shown}: already exists; pass --force to replace it")
        from roadmap_tui.storage.fs import atomic_write

        atomic_write(target, data)
    except OSError as error:
        # A path that leads nowhere is bad input (2); a disk that is full or refuses is not (1).
        bad_path = error.errno in (errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.ENAMETOOLONG)
        message = f"{shown}: cannot write: {visible(error.strerror or str(error))}"
        raise OutputError(message, ExitStatus.BAD_INPUT if bad_path else ExitStatus.FAILED) from None


def _to_device(target: Path, data: bytes, fifo: bool) -> None:
    """A device or a named pipe (/dev/stdout, /dev/null, a FIFO): written to as it is."""
    flags = os.O_WRONLY | (os.O_NONBLOCK if fifo else 0)
    try:
        fd = os.open(target, flags)
    except OSError as error:
        if fifo and error.errno == errno.ENXIO:  #: nobody has the pipe open for reading
            raise OutputError(f"{target}: a named pipe nobody reads from", ExitStatus.FAILED) from None
        raise
    try:
        if fifo:
            os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _to_stdout(text: str, data: bytes, escape_on_terminal: bool) -> None:
    if escape_on_terminal and sys.stdout.isatty():
        # On a terminal, nothing from the file may act as a control sequence; a file or a
        # pipe gets the text exactly.
        sys.stdout.write("".join(visible(line) + "\n" for line in text.splitlines()))
        sys.stdout.flush()
        return
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(data)
        buffer.flush()
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def print_path(path: Path) -> None:
    """A path on stdout: made visible on a terminal, else its bytes exactly (for `$(...)`)."""
    if sys.stdout.isatty():
        print(visible(str(path)))
        return
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        print(str(path).encode("utf-8", "backslashreplace").decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(os.fsencode(path) + b"\n")
    buffer.flush()
