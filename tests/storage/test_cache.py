"""The parsed-file cache: a big roadmap opens without parsing its TOML again, and the cache can
never give anything but what the file's exact bytes parse to."""

from __future__ import annotations

import marshal
import re
import sys
import time
import tomllib
from datetime import date
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


@pytest.fixture
def undated(tmp_path: Path) -> Path:
    """A big roadmap with no dates in it (the benchmark's, its journal's dates taken out)."""
    path = tmp_path / "undated.toml"
    path.write_text(re.sub(r", started_at = [^,}]+, done_at = [^,}]+", "", generate(4000)), encoding="utf-8")
    assert "_at =" not in path.read_text(encoding="utf-8") and path.stat().st_size >= cache.MIN_BYTES
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


# Dates: marshal has none, the cache keeps them beside the parse -------------------------------

STAMPS = "started_at = 2026-11-30T08:00:00Z, done_at = 2026-12-01T19:05:00+01:00"
ODD_DATES = (
    "\n[extra]\nlocal = 2026-12-01T19:05:00.123456\nday = 2026-12-01\nclock = 07:32:00\n"
    "many = [2026-12-01T19:05:00-05:30, 1979-05-27, { at = 1979-05-27T00:32:00Z }]\n"
)


@pytest.fixture
def dated(tmp_path: Path) -> Path:
    """A big roadmap whose done items have their dates, and dates of every kind in unknown keys."""
    path = tmp_path / "dated.toml"
    text = generate(4000)
    if "done_at" not in text:  # (the benchmark's roadmaps carry their dates already)
        text = text.replace("done = true }", f"done = true, {STAMPS} }}")
    text += ODD_DATES
    assert text.count("done_at = ") > 1000
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size >= cache.MIN_BYTES
    return path


def test_a_file_with_dates_is_cached_and_read_back_exactly(dated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = tomllib.loads(dated.read_text(encoding="utf-8"))
    assert cache.save(dated, dated.read_bytes(), expected)
    found = cache.load(dated, dated.read_bytes())
    assert found == expected
    extra, want = found["extra"], expected["extra"]
    for key in ("local", "day", "clock"):
        assert type(extra[key]) is type(want[key]) and extra[key].isoformat() == want[key].isoformat()
    assert extra["local"].tzinfo is None and extra["many"][0].utcoffset() == want["many"][0].utcoffset()
    calls = parses_counted(monkeypatch)
    roadmap = RoadmapStore(dated).load()
    assert calls == [], "read from the cache"
    dated = [i for i in roadmap.walk_items() if i.done_at is not None]
    assert len(dated) > 1000 and all(i.done_at.utcoffset() is not None for i in dated)


def test_saving_a_parse_with_dates_does_not_change_it(dated: Path) -> None:
    parsed = tomllib.loads(dated.read_text(encoding="utf-8"))
    before = repr(parsed)
    assert cache.save(dated, dated.read_bytes(), parsed)
    assert repr(parsed) == before, "the reader's parse is the reader's: dates are taken out of a copy"


def test_a_file_without_dates_keeps_no_list(undated: Path) -> None:
    assert cache.save(undated, undated.read_bytes(), tomllib.loads(undated.read_text(encoding="utf-8")))
    _, _, _, payload = marshal.loads(cache.cache_file(undated).read_bytes())
    moments, _ = marshal.loads(payload)
    assert moments == {}


def store_by_hand(path: Path, moments: object, parsed: dict) -> None:
    """A cache entry written as `save` would, with the digests right, holding `moments`."""
    payload = marshal.dumps((moments, parsed))
    blob = marshal.dumps((cache.FORMAT, cache._digest(path.read_bytes()), cache._digest(payload), payload))
    cache.cache_file(path).parent.mkdir(parents=True, exist_ok=True)
    cache.cache_file(path).write_bytes(blob)


@pytest.mark.parametrize(
    "moments",
    [
        {"nowhere": {0: {"at": (0, "2026-12-01T19:05:00+01:00")}}},  # leads nowhere
        {"title": (0, "2026-12-01T19:05:00+01:00")},  # to a string, not a None left for a date
        {"extra": {"gap": (0, "yesterday")}},  # does not read as a date
        {"extra": {"gap": (7, "2026-12-01")}},  # no such kind
        {"extra": {"gap": (1, 20261201)}},  # not text
        {"extra": {"gap": (1,)}},  # not a kind and a text
        {"extra": {0: (1, "2026-12-01")}},  # an index into a table
        {"phases": {"x": (1, "2026-12-01")}},  # a key into an array
        {"extra": {"gap": {}}},  # a branch that leads to no date
        {"extra": "gap"},  # neither a branch nor a date
        ("garbage",),
    ],
    ids=["nowhere", "not-none", "bad-date", "bad-kind", "not-text", "short", "index-in-table", "key-in-array",
         "empty-branch", "junk-branch", "junk"],
)
def test_a_list_of_dates_that_does_not_fit_is_a_miss(undated: Path, moments: object) -> None:
    parsed = tomllib.loads(undated.read_text(encoding="utf-8"))
    parsed["extra"] = {"gap": None}
    store_by_hand(undated, moments, parsed)
    assert cache.load(undated, undated.read_bytes()) is None


def test_a_list_of_dates_that_fits_is_used(undated: Path) -> None:
    parsed = tomllib.loads(undated.read_text(encoding="utf-8"))
    parsed["extra"] = {"gap": None}
    store_by_hand(undated, {"extra": {"gap": (1, "2026-12-01")}}, parsed)
    found = cache.load(undated, undated.read_bytes())
    assert found is not None and found["extra"] == {"gap": date(2026, 12, 1)}


def test_a_damaged_byte_anywhere_is_a_miss(dated: Path) -> None:
    data = dated.read_bytes()
    assert cache.save(dated, data, tomllib.loads(data.decode("utf-8")))
    blob = cache.cache_file(dated).read_bytes()
    for at in [0, 1, 5, 40, 70, 100, len(blob) // 3, len(blob) // 2, len(blob) - 200, len(blob) - 1]:
        damaged = bytearray(blob)
        damaged[at] ^= 0x04
        cache.cache_file(dated).write_bytes(bytes(damaged))
        assert cache.load(dated, data) is None, f"a flipped bit at byte {at} was not noticed"
    cache.cache_file(dated).write_bytes(blob[: len(blob) // 2])
    assert cache.load(dated, data) is None, "cut short"
    cache.cache_file(dated).write_bytes(blob)
    assert cache.load(dated, data) is not None, "and the undamaged cache is still good"


def test_a_cache_of_the_old_format_is_a_miss(undated: Path) -> None:
    data = undated.read_bytes()
    old = (1, marshal.version, sys.version_info[:2])
    cache.cache_file(undated).parent.mkdir(parents=True, exist_ok=True)
    cache.cache_file(undated).write_bytes(marshal.dumps((old, cache._digest(data), tomllib.loads(data.decode()))))
    assert cache.load(undated, data) is None
