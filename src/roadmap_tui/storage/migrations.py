"""Upgrades of roadmap files from older schema versions, applied in place to a tomlkit document.

Each step takes a file from version N to N+1 and changes only what it must, so comments and
layout survive. The store backs the file up before it writes the upgraded version.

- 1 → 2: schema 2 may carry the Markdown a roadmap was imported from (`md_head`, and `md` on
  parts, sections and items). The shape is otherwise the same, so the step only sets the
  version; a roadmap-tui that reads only schema 1 then refuses the file instead of exporting
  it without its Markdown.

No Textual here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from roadmap_tui.core.limits import SCHEMA


def _v1_to_v2(doc: Any) -> None:
    doc["schema"] = 2


STEPS: dict[int, Callable[[Any], None]] = {1: _v1_to_v2}


def upgrade(doc: Any, version: int) -> list[int]:
    """Carry `doc` from `version` up to `SCHEMA`; return the versions it went through."""
    passed = []
    while version < SCHEMA:
        STEPS[version](doc)
        version += 1
        passed.append(version)
    return passed
