"""A roadmap and its progress as JSON, for scripts (`roadmap-tui export --format json`).

The structure (documented in the README, "JSON export"):

    {"export_version": 1, "title": ..., "schema": 1,
     "done": 5, "total": 76, "percent": 6.6,
     "phases": [NODE, ...]}
    NODE = {"title", "display_title", "level", "duration", "display_duration", "focus", "intro",
            "done", "total", "percent", "items": [ITEM, ...], "sections": [NODE, ...]}
    ITEM = {"text", "display_text", "checkbox", "checked", "counted", "resources",
            "done", "total", "percent", "items": [ITEM, ...]}

An imported item's plain sub-bullets (`- notes:` under `- [ ] task`, kept in its `md`) are in
its `items` too, where the file has them, as ITEMs with `checkbox` false that count nothing.

`done`/`total` are always counts of counted items (see the README); `percent` is
`100 * done / total` rounded half up to one decimal (never 100.0 unless all are done, never 0.0
unless none are: see `progress.py`), or null when `total` is 0. `checked` is what the app
shows and Markdown export writes (null for a plain bullet). Text is the file's text, exactly;
control characters and bidi controls are written as `\\uXXXX` escapes, which JSON reads back
as the same characters, so the output is safe to print on a terminal.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from roadmap_tui.core.model import RESOURCES_PREFIX, Item, Node, Roadmap
from roadmap_tui.core.placeholders import apply_fill
from roadmap_tui.core.progress import percent  # `100 * done / total` to one decimal (see progress.py)

if TYPE_CHECKING:
    from roadmap_tui.formats.md_blocks import Bullet

EXPORT_VERSION = 1

# What `json.dumps(ensure_ascii=False)` leaves as it is but a terminal might act on: DEL, the C1
# controls, bidi controls and the Unicode line separators (C0 controls are escaped by json).
_UNSAFE = re.compile("[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _counts(entry: Item | Node | Roadmap) -> dict[str, Any]:
    return {"done": entry.n_done, "total": entry.n_total, "percent": percent(entry.n_done, entry.n_total)}


def item_dict(item: Item, bullets: dict[int, tuple[Bullet, ...]] | None = None) -> dict[str, Any]:
    """An item; `bullets` (from `md_blocks.sub_bullets`) adds an imported item's plain sub-bullets
    to its items, where the file has them."""
    if bullets:
        from roadmap_tui.formats.md_blocks import in_order

        children: list[Item | Bullet] = in_order(item, bullets.get(id(item), ()))
    else:
        children = list(item.items)
    return {
        "text": item.text,
        "display_text": item.display_text,
        "checkbox": item.is_checkbox,
        "checked": item.checked if item.is_checkbox else None,
        "counted": item.is_counted,
        "resources": item.is_resource,
        **_counts(item),
        "items": [item_dict(c, bullets) if isinstance(c, Item) else bullet_dict(c) for c in children],
    }


def bullet_dict(bullet: Bullet) -> dict[str, Any]:
    """A plain sub-bullet of an imported item: an ITEM with no checkbox that counts nothing."""
    return {
        "text": bullet.text,
        "display_text": bullet.text,
        "checkbox": False,
        "checked": None,
        "counted": False,
        "resources": bullet.text.lstrip().lower().startswith(RESOURCES_PREFIX),
        **_counts(Item(bullet.text, done=None)),
        "items": [bullet_dict(child) for child in bullet.items],
    }


def node_dict(node: Node) -> dict[str, Any]:
    from roadmap_tui.formats.md_blocks import sub_bullets  # markdown-it only for what `export` needs

    bullets = sub_bullets(node)
    return {
        "title": node.title,
        "display_title": node.display_title,
        "level": node.level,
        "duration": node.duration,
        "display_duration": None if node.duration is None else apply_fill(node.duration, node.duration_fill),
        "focus": node.focus,
        "intro": node.intro,
        **_counts(node),
        "items": [item_dict(item, bullets) for item in node.items],
        "sections": [node_dict(section) for section in node.sections],
    }


def roadmap_dict(roadmap: Roadmap) -> dict[str, Any]:
    return {
        "export_version": EXPORT_VERSION,
        "title": roadmap.title,
        "schema": roadmap.schema,
        **_counts(roadmap),
        "phases": [node_dict(phase) for phase in roadmap.phases],
    }


def dumps(data: Any, indent: int | None = 2) -> str:
    """JSON text (UTF-8 friendly, ending with a newline) with terminal-unsafe characters escaped."""
    import json  # here: `status` uses `percent` and need not pay for json

    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"


def to_json(roadmap: Roadmap) -> str:
    """The whole roadmap, with progress, as JSON text (see the module docstring)."""
    return dumps(roadmap_dict(roadmap))
