"""A second reviewer's failing tests for issue 16's structure editing (add, rename, delete,
move, indent, outdent in the tree and the pane, and their Markdown export): each one a bug
found, with a docstring saying what is wrong and what is expected. Product code unchanged."""

from __future__ import annotations

from pathlib import Path

from roadmap_tui.core.limits import SCHEMA
from roadmap_tui.storage.store import RoadmapStore

HAND_EDITED = f'''schema = {SCHEMA}
title = "T"

[[phases]]
title = "P"

[[phases.sections]]
title = "S"

[[phases.sections.items]]
text = "Topic"
done = false

[[phases.sections.items.items]]
text = "A"
done = true
done_at = 2026-11-01T10:00:00+01:00

[[phases.sections.items.items]]
text = "B"
done = false
'''


def _store(tmp_path: Path, text: str = HAND_EDITED) -> tuple[Path, RoadmapStore]:
    path = tmp_path / "roadmap.toml"
    path.write_text(text, encoding="utf-8")
    store = RoadmapStore(path)
    store.load()
    return path, store


def _bytes(path: Path, store: RoadmapStore) -> bytes:
    assert store.flush(10) and store.writer.error is None
    return path.read_bytes()


def test_undo_of_an_indent_gives_the_file_back_byte_for_byte(tmp_path: Path) -> None:
    """`>` on item B (indent it into A, the item above) and then ctrl+z leaves the file with the
    blank line between A's table and B's table gone: the undo moves B back but not the file's
    layout. The store's own tests (and the README's "undo anything") promise an undo gives the
    file back byte for byte. Expected: after `indent` + `undo` the file equals the one before."""
    path, store = _store(tmp_path)
    before = _bytes(path, store)
    assert store.roadmap is not None
    b = store.roadmap.phases[0].sections[0].items[0].items[1]
    assert store.indent(b)
    _bytes(path, store)
    assert store.undo().done
    assert _bytes(path, store) == before
