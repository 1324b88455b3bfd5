"""The exit statuses of `roadmap-tui`, named in one place, and the error that carries one.

0 done; 2 bad input or usage (a bad name, a roadmap file that can't be used, a refusal to
overwrite); 1 anything else (the file system said no, the person said no, an unexpected error,
which names its crash log); 130 interrupted (Ctrl+C). argparse exits 2 on a usage error itself.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    FAILED = 1  # the file system said no, or the person did; an unexpected error
    BAD_INPUT = 2  # usage, or a roadmap file that can't be used
    INTERRUPTED = 130


class CommandError(Exception):
    """A command stops: one line on stderr, and its exit status (bad input unless told).

    Not called UsageError: it also carries the refusals that exit 1 ("cancelled: nothing changed").
    """

    def __init__(self, message: str, status: ExitStatus = ExitStatus.BAD_INPUT) -> None:
        super().__init__(message)
        self.status = status
