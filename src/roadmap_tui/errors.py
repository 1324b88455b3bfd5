"""The one error vocabulary: what is wrong with a file, and an error as a person reads it.

`RoadmapError` is raised for a roadmap (or backup, or Markdown) file that cannot be used as it
is, by every reader (`storage.reader`, `storage.schema`, `formats.markdown_import`); its
`problems` say where and what. `describe` turns any other error (mostly an `OSError` from the
disk) into the short phrase the app and the command line show.

A leaf: it imports nothing of ours, so every layer can raise and catch these.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Problem:
    """One thing wrong with a file: where (field path, or line:column) and what."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class RoadmapError(Exception):
    """A roadmap file that cannot be used as it is. The file is never written after this."""

    def __init__(self, path: object, problems: list[Problem]) -> None:
        self.path = str(path)
        self.problems = problems
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """`FILE: WHERE: WHAT` (plus a count when there are more problems)."""
        first = self.problems[0]
        if first.where[:1].isdigit():  # line:column, glued to the file name like a compiler's
            head = f"{self.path}:{first.where}: {first.message}"
        else:
            head = f"{self.path}: {first}"
        more = len(self.problems) - 1
        if more:
            head += f" (and {more} more problem{'s' if more > 1 else ''})"
        return head

    def details(self) -> list[str]:
        return [str(p) for p in self.problems]


def describe(error: Exception) -> str:
    """An error as a person reads it: "No space left on device", not errno soup."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
