"""Upgrades of roadmap files from older schema versions, applied in place to a tomlkit document.

Each step takes a file from version N to N+1 and changes only what it must, so comments and
layout survive. The store backs the file up before it writes the upgraded version.

- 1 → 2: schema 2 may carry the Markdown a roadmap was imported from (`md_head`, and `md` on
  parts, sections and items). The shape is otherwise the same, so the step only sets the
  version; a roadmap-tui that reads only schema 1 then refuses the file instead of exporting
  it without its Markdown.
- 2 → 3: schema 3 may carry the learner's journal: an item's `state` ("doing" or "skipped"),
  `started_at` and `done_at` (offset date-times) and a `note` on any entry. Nothing older
  needs changing, so the step only sets the version: a roadmap-tui that reads only schema 2
  refuses the file (it would count a skipped item as left to do, and a reset there would keep
  the dates) rather than misread it.

No Textual here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from roadmap_tui.core.limits import SCHEMA


def _v1_to_v2(doc: Any) -> None:
    doc["schema"] = 2


def _v2_to_v3(doc: Any) -> None:
    doc["schema"] = 3


STEPS: dict[int, Callable[[Any], None]] = {1: _v1_to_v2, 2: _v2_to_v3}


def upgrade(doc: Any, version: int) -> list[int]:
    """Carry `doc` from `version` up to `SCHEMA`; return the versions it went through."""
    passed = []
    while version < SCHEMA:
        STEPS[version](doc)
        version += 1
        passed.append(version)
    return passed
