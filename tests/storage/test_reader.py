"""The one read pipeline (`reader.read_roadmap` / `parse_roadmap`): every reader gets the same
checks, the same messages and the same model, and the parse cache only where it is asked for."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import LA_PATH, REPO, child, get

from roadmap_tui.errors import RoadmapError
from roadmap_tui.storage import parse_cache
from roadmap_tui.storage.reader import EMPTY, CacheUse, default_roadmap, parse_roadmap, read_roadmap
from roadmap_tui.storage.saver import FileChangedError, Reloaded
from roadmap_tui.storage.schema import SCHEMA
from roadmap_tui.storage.store import RoadmapStore

DEFAULT_BYTES = (REPO / "data" / "default_roadmap.toml").read_bytes()
BOM = b"\xef\xbb\xbf"


def big_file(path: Path) -> Path:
    """The default roadmap made big enough for the parse cache (by a long comment)."""
    path.write_bytes(DEFAULT_BYTES + b"# " + b"x" * parse_cache.MIN_BYTES + b"\n")
    return path


def test_a_read_gives_the_bytes_the_text_the_schema_and_the_model(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(BOM + DEFAULT_BYTES)
    loaded = read_roadmap(path)
    assert loaded.data == BOM + DEFAULT_BYTES, "the bytes as on disk (the BOM kept)"
    assert loaded.text == DEFAULT_BYTES.decode("utf-8"), "the text without it"
    assert loaded.version == SCHEMA and loaded.roadmap.n_total == 76
    assert parse_roadmap(loaded.data, path).roadmap.n_total == 76


def test_every_check_is_the_same_for_every_reader(tmp_path: Path) -> None:
    empty = tmp_path / "empty.toml"
    empty.write_bytes(b" \n")
    with pytest.raises(RoadmapError) as caught:
        read_roadmap(empty)
    assert caught.value.one_line() == f"{empty}: {EMPTY}"
    with pytest.raises(RoadmapError) as caught:
        read_roadmap(tmp_path)
    assert caught.value.one_line() == f"{tmp_path}: is a folder, not a roadmap file"
    missing = tmp_path / "missing.toml"
    with pytest.raises(RoadmapError, match="cannot be read"):
        read_roadmap(missing)
    assert default_roadmap(missing).roadmap.n_total == 76 and not missing.exists()


def test_only_an_update_read_writes_the_cache(tmp_path: Path) -> None:
    path = big_file(tmp_path / "big.toml")
    data = path.read_bytes()
    read_roadmap(path)
    read_roadmap(path, cache=CacheUse.READ)
    time.sleep(0.2)
    assert parse_cache.load(path, data) is None, "a read that does not ask to update keeps nothing"
    read_roadmap(path, cache=CacheUse.UPDATE)
    for _ in range(200):
        if parse_cache.load(path, data) is not None:
            break
        time.sleep(0.02)
    assert parse_cache.load(path, data) is not None
    assert read_roadmap(path, cache=CacheUse.READ).roadmap.n_total == 76


def test_a_file_with_a_bom_changed_behind_the_store_takes_our_change_on_top(default_copy: Path) -> None:
    default_copy.write_bytes(BOM + DEFAULT_BYTES)
    reloads: list[Reloaded] = []
    store = RoadmapStore(default_copy, on_reload=reloads.append)
    roadmap = store.load()
    default_copy.write_bytes(BOM + DEFAULT_BYTES.replace(b"# The AI/ML", b"# Mine\n# The AI/ML", 1))
    store.toggle(child(get(roadmap, *LA_PATH), "Vectors and matrices"))
    assert store.flush(10) and store.writer.error is None
    assert len(reloads) == 1 and reloads[0].error is None and reloads[0].roadmap is not None
    assert child(get(reloads[0].roadmap, *LA_PATH), "Vectors and matrices").done is True
    assert default_copy.read_bytes().startswith(BOM + b"# Mine\n")


def test_a_file_emptied_behind_the_store_is_never_overwritten(default_copy: Path) -> None:
    store = RoadmapStore(default_copy)
    store.writer.settle = 0.01
    roadmap = store.load()
    default_copy.write_bytes(b"")
    store.toggle(child(get(roadmap, *LA_PATH), "Vectors and matrices"))
    assert store.flush(10)
    assert isinstance(store.writer.error, FileChangedError) and EMPTY in str(store.writer.error)
    assert default_copy.read_bytes() == b""
