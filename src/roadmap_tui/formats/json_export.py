"""A roadmap and its progress as JSON, for scripts (`roadmap-tui export --format json`).

The structure (documented in the README, "JSON export"):

    {"export_version": 1, "title": ..., "schema": 3, "state": "doing",
     "done": 5, "total": 76, "percent": 6.6, "doing": 2, "skipped": 0,
     "phases": [NODE, ...]}
    NODE = {"title", "display_title", "level", "duration", "display_duration", "focus", "intro",
            "state", "done", "total", "percent", "doing", "skipped", ["note"], ["reviews"], ["review_due"],
            "items": [ITEM, ...], "sections": [NODE, ...]}
    ITEM = {"text", "display_text", "checkbox", "checked", "counted", "resources", "state",
            ["started_at"], ["done_at"], ["note"], ["reviews"], ["review_due"],
            "done", "total", "percent", "doing", "skipped", "items": [ITEM, ...]}

An imported item's plain sub-bullets (`- notes:` under `- [ ] task`, kept in its `md`) are in
its `items` too, where the file has them, as ITEMs with `checkbox` false that count nothing.

`done`/`total` are always counts of counted items (see the README), and `total` leaves skipped
items out: it is the denominator of `percent` (`12/70 done · 6 skipped` is done 12, total 70,
skipped 6; a roadmap with nothing skipped counts as it always did). `doing` and `skipped` count
the counted items in those states. `percent` is `100 * done / total` rounded half up to one
decimal (never 100.0 unless all are done, never 0.0 unless none are: see `progress.py`), or null
when `total` is 0. `state` is what the app shows (`states.status`): "todo", "doing", "done" or
"skipped" (an entry's from the items under it), null for a plain bullet or a part with nothing
to count. `started_at` and `done_at` (ISO 8601 with the UTC offset: "2026-12-01T19:05:00+01:00")
and `note` (Markdown, as in the file) are there only when the entry has them. These keys came
with schema 3 and `export_version` stays 1 (so did `reviews`, a list of `{"at": ISO 8601, "result":
"remembered" or "forgot"}` in the file's order, there when the entry has any, and `review_due`,
the ISO date, in local time, a finished topic is next due for review (`core/review.py`), there
only for a finished topic with a date to count from): keys were added, none went away, and a roadmap with
nothing skipped gives the numbers it always gave. `checked` is what the app
shows and Markdown export writes (null for a plain bullet). Text is the file's text, exactly;
control characters and bidi controls are written as `\\uXXXX` escapes, which JSON reads back
as the same characters, so the output is safe to print on a terminal.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from roadmap_tui.core.model import RESOURCES_PREFIX, Item, Node, Roadmap
from roadmap_tui.core.placeholders import apply_fill
from roadmap_tui.core.progress import percent  # `100 * done / total` to one decimal (see progress.py)
from roadmap_tui.core.review import schedule
from roadmap_tui.core.states import status

if TYPE_CHECKING:
    from roadmap_tui.formats.md_blocks import Bullet

EXPORT_VERSION = 1

# What `json.dumps(ensure_ascii=False)` leaves as it is but a terminal might act on: DEL, the C1
# controls, bidi controls and the Unicode line separators (C0 controls are escaped by json).
_UNSAFE = re.compile("[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _counts(entry: Item | Node | Roadmap) -> dict[str, Any]:
    return {
        "done": entry.n_done,
        "total": entry.n_total,
        "percent": percent(entry.n_done, entry.n_total),
        "doing": entry.n_doing,
        "skipped": entry.n_skipped,
    }


def _state(entry: Item | Node | Roadmap) -> str | None:
    return status(entry) or None


def local_zone() -> tzinfo | None:
    """The local time zone now (review days are counted in it)."""
    return datetime.now().astimezone().tzinfo


def _journal(entry: Item | Node, zone: tzinfo | None) -> dict[str, Any]:
    """An entry's dates, note, reviews and next review day, each only when it has one."""
    found: dict[str, Any] = {}
    if isinstance(entry, Item):
        for key in ("started_at", "done_at"):
            if (moment := getattr(entry, key)) is not None:
                found[key] = moment.isoformat()
    if entry.note:
        found["note"] = entry.note
    if entry.reviews:
        found["reviews"] = [{"at": review.at.isoformat(), "result": review.result} for review in entry.reviews]
    if (next_review := schedule(entry, zone)) is not None:
        found["review_due"] = next_review.due.isoformat()
    return found


def item_dict(
    item: Item, bullets: dict[int, tuple[Bullet, ...]] | None = None, zone: tzinfo | None = None
) -> dict[str, Any]:
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
        "state": _state(item),
        **_journal(item, zone),
        **_counts(item),
        "items": [item_dict(c, bullets, zone) if isinstance(c, Item) else bullet_dict(c) for c in children],
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
        "state": None,
        **_counts(Item(bullet.text, done=None)),
        "items": [bullet_dict(child) for child in bullet.items],
    }


def node_dict(node: Node, zone: tzinfo | None = None) -> dict[str, Any]:
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
        "state": _state(node),
        **_journal(node, zone),
        **_counts(node),
        "items": [item_dict(item, bullets, zone) for item in node.items],
        "sections": [node_dict(section, zone) for section in node.sections],
    }


def roadmap_dict(roadmap: Roadmap, zone: tzinfo | None = None) -> dict[str, Any]:
    """The roadmap as JSON data; review days in `zone` (None: the local time zone)."""
    zone = zone if zone is not None else local_zone()
    return {
        "export_version": EXPORT_VERSION,
        "title": roadmap.title,
        "schema": roadmap.schema,
        "state": _state(roadmap),
        **_counts(roadmap),
        "phases": [node_dict(phase, zone) for phase in roadmap.phases],
    }


def dumps(data: Any, indent: int | None = 2) -> str:
    """JSON text (UTF-8 friendly, ending with a newline) with terminal-unsafe characters escaped."""
    import json  # here: `status` uses `percent` and need not pay for json

    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"


def to_json(roadmap: Roadmap, zone: tzinfo | None = None) -> str:
    """The whole roadmap, with progress, as JSON text (see the module docstring)."""
    return dumps(roadmap_dict(roadmap, zone))
