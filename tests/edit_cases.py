"""Edits of every kind, and the whole model as plain data: shared by the tests of the edits on
the model (tests/core/test_edits.py) and on the file's document (tests/storage/test_toml_edit.py)."""

from __future__ import annotations

import tomllib
from typing import Any

from conftest import REPO, TEMPLATE

from roadmap_tui.core.edits import (
    AppendEntry,
    ClearField,
    Edit,
    InsertEntry,
    ItemData,
    RemoveEntry,
    SetField,
    key_path,
)
from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.core.outline import title_path
from roadmap_tui.core.placeholders import fill_key, has_placeholder
from roadmap_tui.formats.markdown_import import import_markdown
from roadmap_tui.storage.schema import build_roadmap

DEFAULT = REPO / "data" / "default_roadmap.toml"


def default_roadmap() -> Roadmap:
    return build_roadmap(tomllib.loads(DEFAULT.read_text(encoding="utf-8")), "default")


def imported_roadmap() -> Roadmap:
    return build_roadmap(tomllib.loads(import_markdown(TEMPLATE.read_bytes(), TEMPLATE).toml_text), "template")


def dump(roadmap: Roadmap) -> Any:
    """Everything the model holds, as plain data (parents and cached counts included)."""

    def item(entry: Item, parent: object) -> Any:
        assert entry.parent is parent
        return (entry.text, entry.done, entry.text_fill, entry.md, entry.n_done, entry.n_total,
                [item(c, entry) for c in entry.items])

    def node(entry: Node, parent: object, level: int) -> Any:
        assert entry.parent is parent and entry.level == level
        return (entry.title, entry.title_fill, entry.duration, entry.duration_fill, entry.focus, entry.intro,
                entry.md, entry.n_done, entry.n_total, [item(i, entry) for i in entry.items],
                [node(s, entry, level + 1) for s in entry.sections])

    return (roadmap.title, roadmap.md_head, roadmap.n_done, roadmap.n_total,
            [node(p, roadmap, 2) for p in roadmap.phases])


def at(entry: Item | Node) -> tuple[tuple[str | int, ...], tuple[str, ...]]:
    return key_path(entry), tuple(title_path(entry))


def every_kind(roadmap: Roadmap) -> list[Edit]:
    """One edit of each kind and field the app makes, on this roadmap."""
    items = list(roadmap.walk_items())
    nodes = list(roadmap.walk_nodes())
    checkbox = next(i for i in items if i.is_counted)
    topic = next(i for i in items if i.n_total > 1 and not i.is_counted)
    blank = next(i for i in items if has_placeholder(i.text))
    titled = next((n for n in nodes if has_placeholder(n.title)), None)
    plain = next(i for i in items if i.done is None) if any(i.done is None for i in items) else checkbox
    leaf = next(i for i in items if not i.items)
    found: list[Edit] = [
        SetField(*at(checkbox), "done", not checkbox.done),
        SetField(*at(topic), "done", not topic.done),
        SetField(*at(blank), fill_key("text"), "my fill"),
        ClearField(*at(blank), fill_key("text")),
        SetField(*at(plain), "text", f"{plain.text}, renamed"),
        AppendEntry(*at(nodes[-1]), text="A new entry"),
        AppendEntry(*at(topic), text="Under a topic"),
        RemoveEntry(*at(leaf)),
        RemoveEntry(*at(topic)),
        InsertEntry(*at(nodes[0]), index=0, entry=ItemData("Put back", True, "", None, (ItemData("child", False),))),
    ]
    if titled is not None:
        found.append(SetField(*at(titled), fill_key("title"), "Speech"))
    return found
