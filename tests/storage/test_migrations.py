"""Schema upgrades: every older file is carried to `SCHEMA` in place, changing only its version;
a newer file is refused with a message that says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomlkit
from conftest import REPO

from roadmap_tui.core.limits import SCHEMA
from roadmap_tui.errors import RoadmapError
from roadmap_tui.storage import migrations
from roadmap_tui.storage.reader import read_roadmap
from roadmap_tui.storage.store import RoadmapStore

DEFAULT_TEXT = (REPO / "data" / "default_roadmap.toml").read_text(encoding="utf-8")


def test_this_release_writes_schema_3_and_has_a_step_from_every_older_one() -> None:
    assert SCHEMA == 3
    assert sorted(migrations.STEPS) == list(range(1, SCHEMA))
    assert "\nschema = 3\n" in DEFAULT_TEXT


@pytest.mark.parametrize("version", [1, 2])
def test_an_upgrade_changes_only_the_version(version: int) -> None:
    old = DEFAULT_TEXT.replace("\nschema = 3\n", f"\nschema = {version}  # my comment\n")
    doc = tomlkit.parse(old)
    assert migrations.upgrade(doc, version) == list(range(version + 1, SCHEMA + 1))
    assert doc.as_string() == old.replace(f"schema = {version}  #", "schema = 3  #")


def test_a_current_file_needs_no_step() -> None:
    doc = tomlkit.parse(DEFAULT_TEXT)
    assert migrations.upgrade(doc, SCHEMA) == []
    assert doc.as_string() == DEFAULT_TEXT


def test_a_schema_2_file_with_journal_keys_opens_and_is_upgraded(tmp_path: Path) -> None:
    """Keys a schema-2 roadmap-tui did not know (kept as unknown keys) are read once upgraded."""
    path = tmp_path / "roadmap.toml"
    text = DEFAULT_TEXT.replace("\nschema = 3\n", "\nschema = 2\n").replace(
        '{ text = "Chain rule", done = false }', '{ text = "Chain rule", done = false, state = "doing" }'
    )
    path.write_text(text, encoding="utf-8")
    store = RoadmapStore(path)
    roadmap = store.load()
    assert store.migrated_from == 2 and roadmap.n_doing == 1
    assert path.read_text(encoding="utf-8") == text.replace("\nschema = 2\n", "\nschema = 3\n")
    store.close()


def test_a_schema_4_file_is_refused_with_the_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    data = DEFAULT_TEXT.replace("\nschema = 3\n", "\nschema = 4\n").encode("utf-8")
    path.write_bytes(data)
    with pytest.raises(RoadmapError) as info:
        read_roadmap(path)
    assert info.value.one_line() == (
        f"{path}: schema: the file is schema 4, written by a newer roadmap-tui; "
        "this version reads schema 3: upgrade roadmap-tui"
    )
    with pytest.raises(RoadmapError):
        RoadmapStore(path).load()
    assert path.read_bytes() == data, "never written"
