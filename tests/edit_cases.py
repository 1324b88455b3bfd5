"""Edits of every kind, and the whole model as plain data: shared by the tests of the edits on
the model (tests/core/test_edits.py) and on the file's document (tests/storage/test_toml_edit.py)."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta, timezone
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
from roadmap_tui.core.model import Item, Node, Review, Roadmap
from roadmap_tui.core.outline import title_path
from roadmap_tui.core.placeholders import fill_key, has_placeholder
from roadmap_tui.core.review_edits import AppendReview
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
                entry.reviews, [item(c, entry) for c in entry.items])

    def node(entry: Node, parent: object, level: int) -> Any:
        assert entry.parent is parent and entry.level == level
        return (entry.title, entry.title_fill, entry.duration, entry.duration_fill, entry.focus, entry.intro,
                entry.md, entry.n_done, entry.n_total, entry.reviews, [item(i, entry) for i in entry.items],
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
    reviewed = Review(datetime(2026, 12, 3, 8, 0, tzinfo=timezone(timedelta(hours=1))), "remembered")
    found += [
        AppendReview(*at(topic), review=reviewed),
        AppendReview(*at(nodes[-1]), review=Review(reviewed.at, "forgot")),
        AppendReview(*at(nodes[0]), review=reviewed),
        InsertEntry(*at(nodes[-1]), index=0, entry=ItemData("Reviewed", False, reviews=(reviewed,), items=(
            ItemData("done", True, reviews=(reviewed, reviewed)),))),
    ]
    if titled is not None:
        found.append(SetField(*at(titled), fill_key("title"), "Speech"))
    return found


# A section and an item with the same title ------------------------------------------------------
# Under a node, `outline.held` lists the sections before the items; an edit found again by its
# titles (its key path went stale: another program put a phase first) must still land on the
# kind of entry its key path names, not on the first entry with that title.

SAME_TITLES = """schema = 2
title = "Same titles"

[[phases]]
title = "P"
items = [
  { text = "Review", done = false },
  { text = "Topic", done = false, items = [{ text = "Quiz", done = false }] },
]

[[phases.sections]]
title = "Review"
items = [{ text = "Quiz", done = true }, { text = "Read", done = false }]

[[phases.sections]]
title = "Topic"
items = [{ text = "Quiz", done = false }]
"""

NEW_PHASE = '[[phases]]\ntitle = "Put first by another program"\n\n'


def phase_put_first(text: str) -> str:
    """`text` as another program left it: a new phase before the others (every key path moved)."""
    assert text.count("\n[[phases]]\n") == 1
    return text.replace("\n[[phases]]\n", "\n" + NEW_PHASE + "[[phases]]\n", 1)


def same_titles_roadmap(text: str = SAME_TITLES) -> Roadmap:
    return build_roadmap(tomllib.loads(text), "same")


def same_title_edits() -> dict[str, Edit]:
    """Edits made on `SAME_TITLES`' model, each meant for one entry whose title another shares."""
    phase = same_titles_roadmap().phases[0]
    review_item, topic_item = phase.items
    review_section, topic_section = phase.sections
    return {
        "remove the item, not the section": RemoveEntry(*at(review_item)),
        "check the item, not the section": SetField(*at(review_item), "done", True),
        "check the topic's item, not the section's": SetField(*at(topic_item.items[0]), "done", True),
        "remove the topic's item, not the section's": RemoveEntry(*at(topic_item.items[0])),
        "set the section's focus, not the item's": SetField(*at(review_section), "focus", "Recap"),
        "check the section's item": SetField(*at(topic_section.items[0]), "done", True),
    }
