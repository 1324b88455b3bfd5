"""The parsed-file cache: a big roadmap opens without parsing its TOML again, and the cache can
never give anything but what the file's exact bytes parse to."""

from __future__ import annotations

import time
import tomllib
from pathlib import Path

import pytest

from benchmarks.generate import generate
from roadmap_tui.storage import parse_cache as cache
from roadmap_tui.storage import reader, schema
from roadmap_tui.storage.store import RoadmapStore


@pytest.fixture
def big(tmp_path: Path) -> Path:
    path = tmp_path / "big.toml"
    path.write_text(generate(4000), encoding="utf-8")
    assert path.stat().st_size >= cache.MIN_BYTES
    return path


def wait_for_cache(path: Path, data: bytes) -> dict:
    for _ in range(200):
        found = cache.load(path, data)
        if found is not None:
            return found
        time.sleep(0.02)
    raise AssertionError("the cache was not written")


def parses_counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = reader.parse_toml

    def counting(text: str, path: object) -> dict:
        calls.append(1)
        return real(text, path)

    monkeypatch.setattr(reader, "parse_toml", counting)
    return calls


def test_a_big_file_is_parsed_once_then_read_from_the_cache(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = parses_counted(monkeypatch)
    first = RoadmapStore(big).load()
    assert calls == [1]
    cached = wait_for_cache(big, big.read_bytes())
    assert cached == tomllib.loads(big.read_text(encoding="utf-8"))
    second = RoadmapStore(big).load()
    assert calls == [1], "the second launch did not parse"
    assert [(i.text, i.done) for i in second.walk_items()] == [(i.text, i.done) for i in first.walk_items()]


def test_any_change_to_the_file_misses(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    RoadmapStore(big).load()
    wait_for_cache(big, big.read_bytes())
    text = big.read_text(encoding="utf-8")
    changed = text.replace("done = false", "done = true", 1)
    big.write_text(changed, encoding="utf-8")
    assert cache.load(big, big.read_bytes()) is None
    calls = parses_counted(monkeypatch)
    roadmap = RoadmapStore(big).load()
    assert calls == [1]
    assert roadmap.n_done == schema.build_roadmap(tomllib.loads(changed), big).n_done


def test_a_damaged_cache_is_ignored(big: Path) -> None:
    RoadmapStore(big).load()
    data = big.read_bytes()
    wait_for_cache(big, data)
    cache.cache_file(big).write_bytes(b"\x00garbage")
    assert cache.load(big, data) is None
    assert RoadmapStore(big).load().n_total > 0


def test_small_files_are_not_cached(default_copy: Path) -> None:
    RoadmapStore(default_copy).load()
    time.sleep(0.1)
    assert not cache.cache_file(default_copy).exists()


def test_after_saves_go_quiet_the_cache_holds_the_new_file(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "QUIET_SECONDS", 0.05)
    monkeypatch.setattr(cache.refresh_later, "__defaults__", (0.05,))
    store = RoadmapStore(big)
    roadmap = store.load()
    item = next(i for i in roadmap.walk_items() if i.is_counted and not i.done)
    store.toggle(item)
    assert store.flush(10) and store.writer.error is None
    fresh = wait_for_cache(big, big.read_bytes())
    assert fresh == tomllib.loads(big.read_text(encoding="utf-8"))
    calls = parses_counted(monkeypatch)
    again = RoadmapStore(big).load()
    assert calls == [] and again.n_done == roadmap.n_done
