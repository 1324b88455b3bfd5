"""Import limits: linear in the number of tasks, any sane list depth, and never a roadmap too
big to open again. No timing here: the work is counted (the benchmark prints the seconds)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from roadmap_tui.markdown import to_markdown
from roadmap_tui.mdimport import MarkdownImportError, import_markdown
from roadmap_tui.schema import build_roadmap, parse_toml


def flat_tasks(n: int) -> bytes:
    return ("# Plan\n\n## Tasks\n\n" + "".join(f"- [ ] task {i}\n" for i in range(n))).encode()


def token_reads(monkeypatch: pytest.MonkeyPatch, data: bytes) -> int:
    """How many attributes of markdown-it tokens the import reads: its work, counted."""
    from markdown_it.token import Token

    count = 0
    original = object.__getattribute__

    def counting(self: object, name: str) -> object:
        nonlocal count
        count += 1
        return original(self, name)

    with monkeypatch.context() as patch:
        patch.setattr(Token, "__getattribute__", counting)
        import_markdown(data, Path("plan.md"))
    return count


def test_import_work_grows_linearly_with_the_number_of_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    import_markdown(flat_tasks(10), Path("warm.md"))  # the parser is built once
    small = token_reads(monkeypatch, flat_tasks(1_000))
    large = token_reads(monkeypatch, flat_tasks(4_000))
    # Linear work is 4x for 4x the tasks (plus a constant); the old backward search was 16x.
    assert large <= 4.5 * small, (small, large)
