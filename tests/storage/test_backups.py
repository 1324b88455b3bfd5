"""Backups: copies beside the file, newest 20 kept, restored only when valid, after a backup."""

from __future__ import annotations

import os
import re
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import REPO

from roadmap_tui.errors import RoadmapError
from roadmap_tui.storage import backups
from roadmap_tui.storage.backups import (
    MAX_BACKUPS,
    backup_dir,
    list_backups,
    make_backup,
    move_aside,
    newest_valid_backup,
    restore,
)

DEFAULT_BYTES = (REPO / "data" / "default_roadmap.toml").read_bytes()
NAME_RE = re.compile(r"roadmap\.toml\.(\d{8}T\d{6}\.\d{6}Z)\.([a-z0-9-]+)\.toml")


def version(n: int) -> bytes:
    """A valid roadmap that differs from the default by its title."""
    return DEFAULT_BYTES.replace(b'title = "AI/ML Learning Roadmap"', f'title = "Version {n}"'.encode(), 1)


class Frozen(datetime):
    @classmethod
    def now(cls, tz: object = None) -> datetime:  # type: ignore[override]
        return datetime(2030, 5, 6, 7, 8, 9, 123456, tzinfo=timezone.utc)


def test_a_backup_is_a_copy_in_the_backups_folder(default_copy: Path) -> None:
    backup = make_backup(default_copy)
    assert backup is not None
    assert backup.parent == default_copy.parent / "backups" == backup_dir(default_copy)
    match = NAME_RE.fullmatch(backup.name)
    assert match is not None, backup.name
    assert match.group(2) == "launch"
    taken = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S.%fZ").replace(tzinfo=timezone.utc)
    assert abs((datetime.now(timezone.utc) - taken).total_seconds()) < 600
    assert backup.read_bytes() == DEFAULT_BYTES
    assert default_copy.read_bytes() == DEFAULT_BYTES
    # No temporary file is left in the folder.
    assert [p.name for p in backup.parent.iterdir()] == [backup.name]


def test_no_file_no_backup(roadmap_path: Path) -> None:
    assert make_backup(roadmap_path) is None
    assert not backup_dir(roadmap_path).exists()


def test_the_reason_is_in_the_name_and_must_be_plain(default_copy: Path) -> None:
    backup = make_backup(default_copy, "before-reset")
    assert backup is not None and backup.name.endswith(".before-reset.toml")
    assert backups.backup_reason(backup) == "before-reset"
    for bad in ("", "Launch", "a b", "../x", "x.toml"):
        with pytest.raises(ValueError):
            make_backup(default_copy, bad)


def test_unchanged_file_is_not_copied_twice(default_copy: Path) -> None:
    first = make_backup(default_copy, "before-reset")
    again = make_backup(default_copy, "before-remove")
    launch = make_backup(default_copy)  # a launch copy of what a kept backup holds: not needed
    assert again == first == launch
    assert list_backups(default_copy) == [first]
    default_copy.write_bytes(version(1))
    third = make_backup(default_copy)
    assert third != first
    assert list_backups(default_copy) == [third, first]


def test_a_backup_before_a_command_is_kept_even_when_a_launch_backup_holds_the_same(default_copy: Path) -> None:
    launch = make_backup(default_copy)
    before = make_backup(default_copy, "before-reset")
    assert before is not None and before != launch
    assert backups.backup_reason(before) == "before-reset"
    assert list_backups(default_copy) == [before, launch]


def test_newest_first_and_pruned_to_twenty(default_copy: Path) -> None:
    made = []
    for n in range(MAX_BACKUPS + 5):
        default_copy.write_bytes(version(n))
        backup = make_backup(default_copy)
        assert backup is not None
        made.append(backup)
    listed = list_backups(default_copy)
    assert len(listed) == MAX_BACKUPS == 20
    assert listed == made[::-1][:MAX_BACKUPS]
    # The five oldest are gone, the newest holds the last version.
    assert not any(p.exists() for p in made[:5])
    assert listed[0].read_bytes() == version(MAX_BACKUPS + 4)
    assert listed[-1].read_bytes() == version(5)
    times = [backups.backup_time(p) for p in listed]
    assert times == sorted(times, reverse=True)
    assert len(set(times)) == len(times)


def put_backup(path: Path, moment: datetime, reason: str) -> Path:
    """A backup file as if it had been taken at `moment` (its time is read from its name)."""
    folder = backup_dir(path)
    folder.mkdir(exist_ok=True)
    target = folder / f"{path.stem}.{moment.strftime('%Y%m%dT%H%M%S.%fZ')}.{reason}.toml"
    target.write_bytes(version(moment.microsecond) + reason.encode())
    return target


def test_launch_backups_do_not_push_out_the_backups_taken_before_a_command(default_copy: Path) -> None:
    from roadmap_tui.storage.store import RoadmapStore

    before_reset = make_backup(default_copy, "before-reset")
    before_restore = make_backup(default_copy.parent / "roadmap.toml", "before-restore")
    assert before_reset is not None
    for n in range(25):  # 25 launches, each with a change: each takes a launch backup
        store = RoadmapStore(default_copy)
        roadmap = store.load()
        store.set_fill(roadmap.phases[0], "duration", f"{n + 1} months")
        assert store.close(10) and store.writer.error is None
    listed = list_backups(default_copy)
    kinds = [backups.backup_reason(p) for p in listed]
    assert before_reset in listed and before_reset.read_bytes() == DEFAULT_BYTES
    assert kinds.count("launch") == 20
    assert before_restore == before_reset  # the same bytes: one copy
    # The launch backups that are left are the newest: the 5 oldest rotated out.
    assert b'duration_fill = "5 months"' in listed[-2].read_bytes()


def test_a_backup_taken_before_a_command_is_kept_30_days_or_while_among_the_newest_20(default_copy: Path) -> None:
    now = datetime.now(timezone.utc)
    old = [put_backup(default_copy, now - timedelta(days=60, seconds=n), "before-reset") for n in range(25)]
    recent = [put_backup(default_copy, now - timedelta(days=10, seconds=n), "before-remove") for n in range(5)]
    launches = [put_backup(default_copy, now - timedelta(days=1, seconds=n), "launch") for n in range(22)]
    legacy = put_backup(default_copy, now - timedelta(days=29, hours=23), "schema-1")
    default_copy.write_bytes(version(999_999))
    newest = make_backup(default_copy, "before-restore")
    listed = set(list_backups(default_copy))
    # Kept: the 20 newest taken before a command (the new one, the legacy upgrade, the 5 recent,
    # 13 of the old), and any younger than 30 days; the 12 oldest are gone.
    assert newest in listed and legacy in listed
    assert all(p in listed for p in recent)
    assert [p in listed for p in old] == [True] * 13 + [False] * 12
    # Launch backups rotate on their own: the newest 20, however young.
    assert [p in listed for p in launches] == [True] * 20 + [False] * 2


def test_none_younger_than_30_days_is_deleted_even_beyond_20(default_copy: Path) -> None:
    now = datetime.now(timezone.utc)
    young = [put_backup(default_copy, now - timedelta(days=29, seconds=n), "before-reset") for n in range(30)]
    default_copy.write_bytes(version(5))
    newest = make_backup(default_copy, "before-reset")
    assert set(list_backups(default_copy)) == {newest, *young}
    assert len(list_backups(default_copy)) == 31


def test_backups_of_other_roadmaps_are_kept_apart(tmp_path: Path) -> None:
    mine, other, dotted = tmp_path / "roadmap.toml", tmp_path / "roadmap.x.toml", tmp_path / "cs.toml"
    for n, path in enumerate((mine, other, dotted)):
        path.write_bytes(version(n))
    for _ in range(MAX_BACKUPS + 2):
        for path in (other, dotted):
            path.write_bytes(path.read_bytes() + b"\n")
            make_backup(path)
    mine_backup = make_backup(mine)
    assert list_backups(mine) == [mine_backup]
    assert len(list_backups(other)) == MAX_BACKUPS
    assert len(list_backups(dotted)) == MAX_BACKUPS
    assert all(p.name.startswith("roadmap.x.") for p in list_backups(other))
    # Pruning one roadmap's backups leaves the others' alone.
    assert mine_backup is not None and mine_backup.exists()


def test_names_sort_in_order_made_even_if_the_clock_goes_back(
    default_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    monkeypatch.setattr(backups, "datetime", Frozen)
    first = make_backup(default_copy)
    default_copy.write_bytes(version(1))
    second = make_backup(default_copy)  # the same moment: the name still sorts after the first

    class Past(datetime):
        @classmethod
        def now(cls, tz: object = None) -> datetime:  # type: ignore[override]
            return datetime(2001, 1, 1, tzinfo=timezone.utc)

    default_copy.write_bytes(version(2))
    third = make_backup(default_copy)
    assert list_backups(default_copy) == [third, second, first]
    assert len({p.name for p in (first, second, third)}) == 3


def test_newest_valid_backup_skips_broken_ones(default_copy: Path) -> None:
    good = make_backup(default_copy)
    default_copy.write_bytes(b"schema = 1\ntitle = ")  # invalid TOML
    broken = make_backup(default_copy)
    default_copy.write_bytes(b"")
    empty = make_backup(default_copy)
    assert list_backups(default_copy) == [empty, broken, good]
    assert newest_valid_backup(default_copy) == good


def test_no_valid_backup(default_copy: Path) -> None:
    assert newest_valid_backup(default_copy) is None
    default_copy.write_bytes(b"not toml [")
    make_backup(default_copy)
    assert newest_valid_backup(default_copy) is None
    with pytest.raises(RoadmapError) as info:
        restore(default_copy)
    assert "has no usable backup" in info.value.one_line()
    assert default_copy.read_bytes() == b"not toml ["


def test_restore_backs_up_the_current_file_first(default_copy: Path) -> None:
    default_copy.write_bytes(version(1))
    old = make_backup(default_copy)
    default_copy.write_bytes(version(2))
    used = restore(default_copy)
    assert used == old
    assert default_copy.read_bytes() == version(1)
    newest = list_backups(default_copy)[0]
    assert newest.name.endswith(".before-restore.toml")
    assert newest.read_bytes() == version(2)
    # Restoring is itself undoable: restore the before-restore backup by name.
    assert restore(default_copy, newest.name) == newest
    assert default_copy.read_bytes() == version(2)


def test_restore_by_name_and_by_path(default_copy: Path, tmp_path: Path) -> None:
    default_copy.write_bytes(version(1))
    one = make_backup(default_copy)
    default_copy.write_bytes(version(2))
    make_backup(default_copy)
    assert one is not None
    assert restore(default_copy, one.name) == one
    assert default_copy.read_bytes() == version(1)
    elsewhere = tmp_path / "elsewhere.toml"
    elsewhere.write_bytes(version(3))
    assert restore(default_copy, elsewhere) == elsewhere
    assert default_copy.read_bytes() == version(3)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"schema = 1\ntitle = ", "invalid TOML"),
        (DEFAULT_BYTES.replace(b'"Matrix operations", done = false', b'"Matrix operations", done = "yes"'),
         "expected true or false"),
        (b"", "is empty"),
        (b"\xff\xfe", "not UTF-8"),
    ],
    ids=["bad-toml", "bad-field", "empty", "not-utf8"],
)
def test_restore_refuses_an_invalid_backup(default_copy: Path, content: bytes, message: str) -> None:
    default_copy.write_bytes(content)
    bad = make_backup(default_copy)
    default_copy.write_bytes(version(7))
    before = sorted(backup_dir(default_copy).iterdir())
    assert bad is not None
    with pytest.raises(RoadmapError) as info:
        restore(default_copy, bad.name)
    assert message in info.value.one_line()
    assert info.value.path == str(bad)
    assert default_copy.read_bytes() == version(7)
    assert sorted(backup_dir(default_copy).iterdir()) == before  # nothing backed up, nothing written


def test_restore_refuses_names_that_are_not_its_backups(default_copy: Path, tmp_path: Path) -> None:
    other = tmp_path / "cs.toml"
    shutil.copyfile(default_copy, other)
    theirs = make_backup(other)
    assert theirs is not None
    for name in (theirs.name, "../roadmap.toml", "roadmap.20250101T000000.000000Z.launch.toml", ""):
        with pytest.raises(RoadmapError):
            restore(default_copy, name)
    assert default_copy.read_bytes() == DEFAULT_BYTES


def test_restore_brings_back_a_deleted_file(default_copy: Path) -> None:
    backup = make_backup(default_copy, "before-remove")
    default_copy.unlink()
    assert restore(default_copy) == backup
    assert default_copy.read_bytes() == DEFAULT_BYTES
    assert list_backups(default_copy) == [backup]  # there was nothing to back up


def test_move_aside(default_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backups, "datetime", Frozen)
    default_copy.write_bytes(b"broken [")
    moved = move_aside(default_copy)
    assert not default_copy.exists()
    assert moved.parent == default_copy.parent
    assert moved.name == "roadmap.toml.broken-20300506T070809.123456Z"
    assert moved.read_bytes() == b"broken ["
    # A second broken file at the same moment gets its own name.
    default_copy.write_bytes(b"broken again [")
    again = move_aside(default_copy)
    assert again != moved and again.read_bytes() == b"broken again [" and moved.read_bytes() == b"broken ["


def test_move_aside_of_a_missing_file_raises(roadmap_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        move_aside(roadmap_path)


def test_backups_follow_a_symlinked_file(tmp_path: Path) -> None:
    real = tmp_path / "real" / "roadmap.toml"
    real.parent.mkdir()
    real.write_bytes(version(1))
    link = tmp_path / "roadmap.toml"
    os.symlink(real, link)
    backup = make_backup(link)
    assert backup is not None and backup.parent == tmp_path / "backups"
    assert backup.read_bytes() == version(1)
    real.write_bytes(version(2))
    restore(link, backup.name)
    assert link.is_symlink() and real.read_bytes() == version(1)
