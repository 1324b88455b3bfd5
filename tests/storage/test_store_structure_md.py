"""Structure changes through the store on an imported roadmap, and its Markdown export: what
follows a list's last entry (a "back to top" line, the blank line before the next heading) stays
at the end of the list when that entry is deleted or moved (`core/md_tail.py`, applied by the
store's delete and move in the same action, so undo takes it back too)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from roadmap_tui.formats.markdown_export import to_markdown
from roadmap_tui.formats.markdown_import import import_markdown
from roadmap_tui.storage.reader import read_roadmap
from roadmap_tui.storage.store import RoadmapStore

MARKDOWN = """# Interview

## Arrays

- [ ] Implement a vector
- [ ] Binary search
- [ ] Two pointers

**[⬆ back to top](#interview)**

## Lists

- [ ] Linked list
"""


def store_of(tmp_path: Path) -> RoadmapStore:
    path = tmp_path / "interview.toml"
    path.write_text(import_markdown(MARKDOWN.encode("utf-8"), "interview.md").toml_text, encoding="utf-8")
    store = RoadmapStore(path)
    store.load()
    return store


def exported(store: RoadmapStore) -> str:
    assert store.flush(10)
    return to_markdown(read_roadmap(store.path).roadmap)


def test_the_import_exports_as_it_was(tmp_path: Path) -> None:
    assert exported(store_of(tmp_path)) == MARKDOWN


def test_deleting_a_lists_last_entry_keeps_what_follows_the_list(tmp_path: Path) -> None:
    store = store_of(tmp_path)
    assert store.roadmap is not None
    arrays = store.roadmap.phases[0]
    store.delete(arrays.items[-1])
    assert exported(store) == MARKDOWN.replace("- [ ] Two pointers\n", "")
    assert store.undo() is not None
    assert exported(store) == MARKDOWN


def test_moving_a_lists_last_entry_up_keeps_what_follows_the_list_at_its_end(tmp_path: Path) -> None:
    store = store_of(tmp_path)
    assert store.roadmap is not None
    arrays = store.roadmap.phases[0]
    assert store.move(arrays.items[-1], -1)
    assert exported(store) == MARKDOWN.replace(
        "- [ ] Binary search\n- [ ] Two pointers\n", "- [ ] Two pointers\n- [ ] Binary search\n"
    )
    assert tomllib.loads(store.path.read_text(encoding="utf-8"))  # (still a roadmap file)
