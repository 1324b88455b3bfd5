"""The store's structure changes (`storage/store_structure.py`): each is one action with its
activity record, the file follows, and applying the action's inverses (as undo does) gives the
file back byte for byte; at an edge nothing is recorded."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

from roadmap_tui.core import edits
from roadmap_tui.core.model import Item, Node
from roadmap_tui.storage import activity
from roadmap_tui.storage.store import RoadmapStore

DEFAULT = REPO / "data" / "default_roadmap.toml"


def deep_learning(store: RoadmapStore) -> Node:
    assert store.roadmap is not None
    node = store.roadmap.phases[1].sections[0]
    assert node.title == "Deep Learning"
    return node


ACTIONS: dict[str, Callable[[RoadmapStore], Any]] = {
    "add a topic after": lambda s: s.add_after(deep_learning(s).items[0], "Transformers from scratch"),
    "add an item in a topic": lambda s: s.add_child(deep_learning(s).items[0], "Dropout"),
    "add a section after": lambda s: s.add_after(deep_learning(s), "Reinforcement Learning"),
    "add a part": lambda s: s.add_child(s.roadmap, "Extra Phase"),
    "rename an item": lambda s: s.rename(deep_learning(s).items[0].items[0], "Feedforward nets"),
    "rename a section": lambda s: s.rename(deep_learning(s), "Deep Learning _[which course]_"),
    "delete a topic": lambda s: s.delete(deep_learning(s).items[1]),
    "delete a section": lambda s: s.delete(deep_learning(s)),
    "move a topic up": lambda s: s.move(deep_learning(s).items[1], -1),
    "move an item down": lambda s: s.move(deep_learning(s).items[0].items[0], +1),
    "indent an item": lambda s: s.indent(deep_learning(s).items[0].items[1]),
    "outdent a section": lambda s: s.outdent(deep_learning(s)) or s.indent(deep_learning(s)),
}


@pytest.mark.parametrize("name", list(ACTIONS))
def test_each_change_is_one_logged_action_and_its_inverses_give_the_file_back(tmp_path: Path, name: str) -> None:
    path = tmp_path / "roadmap.toml"
    shutil.copy(DEFAULT, path)
    original = path.read_bytes()
    store = RoadmapStore(path)
    store.load()
    seq = store._seq
    assert ACTIONS[name](store)
    assert store.flush(10)
    assert path.read_bytes() != original
    action = [c for c in store._history if c.seq > seq]
    records = [r for c in action for r in c.log]
    assert len(records) == 1 and records[0]["change"] in ("add", "remove", "rename", "move")
    store._record(store._apply(edits.inverses([c.edit for c in action])))
    assert store.flush(10)
    assert path.read_bytes() == original, name
    store.close()


def test_the_edges_record_nothing(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    shutil.copy(DEFAULT, path)
    store = RoadmapStore(path)
    roadmap = store.load()
    first = roadmap.phases[0]
    assert not store.move(first, -1)
    assert not store.outdent(first)
    assert not store.indent(first)
    topic = first.sections[0].items[0]
    assert not store.indent(topic.items[0])
    assert not store.outdent(topic)
    assert store._seq == 0
    store.close()


def test_a_new_entry_is_like_its_neighbours_and_has_no_markdown(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    shutil.copy(DEFAULT, path)
    store = RoadmapStore(path)
    roadmap = store.load()
    books = next(n for n in roadmap.walk_nodes() if n.title == "Books")
    plain = store.add_after(books.items[0], "SICP")
    assert isinstance(plain, Item) and plain.done is None and plain.md is None
    box = store.add_after(deep_learning(store).items[0].items[0], "Dropout")
    assert isinstance(box, Item) and box.done is False
    assert store.delete(deep_learning(store).items[0]) == 5  # its 4 items and the new one
    store.close()
    log = activity.read(path)
    assert [r["change"] for r in log.records][-3:] == ["add", "add", "remove"]
    assert json.dumps(log.records[-1]["entry"]).count("Neural Networks") == 1


def test_the_activity_log_says_what_a_structure_change_did() -> None:
    assert activity.describe({"change": "rename", "from": "A", "to": "B"}) == "renamed “A” → “B”"
    assert activity.describe({"change": "move", "how": "indent"}) == "indent"


def test_an_entry_added_to_an_empty_list_is_like_the_lists_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    shutil.copy(DEFAULT, path)
    store = RoadmapStore(path)
    roadmap = store.load()
    books = next(n for n in roadmap.walk_nodes() if n.title == "Books")
    store.delete(books.items[0])
    added = store.add_child(books, "SICP")
    assert isinstance(added, Item) and added.done is None  # a library list: a plain entry
    mlops = store.add_after(deep_learning(store), "MLOps extras")  # a new, empty section
    assert isinstance(mlops, Node) and not mlops.items and mlops.md is None
    task = store.add_child(mlops, "Docker basics")
    assert isinstance(task, Item) and task.done is False  # beside checklists: a checkbox
    store.close()
