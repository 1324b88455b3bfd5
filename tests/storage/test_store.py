"""RoadmapStore: the file on disk is created, changed in place, and written atomically."""

from __future__ import annotations

import difflib
import json
import os
import stat
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import LA_PATH, NLP_TITLE, REPO, child, get

from roadmap_tui.core.model import Roadmap
from roadmap_tui.core.outline import find_by_titles
from roadmap_tui.errors import RoadmapError
from roadmap_tui.storage import fs
from roadmap_tui.storage.fs import atomic_write
from roadmap_tui.storage.store import RoadmapStore

DEFAULT = REPO / "data" / "default_roadmap.toml"
DEFAULT_BYTES = DEFAULT.read_bytes()


WHEN = datetime(2026, 12, 1, 19, 5, tzinfo=timezone(timedelta(hours=1)))
#: What a check writes beside `done = true` (the store's clock is pinned to `WHEN` here).
DATES = "started_at = 2026-12-01T19:05:00+01:00, done_at = 2026-12-01T19:05:00+01:00"


def open_store(path: Path, **kwargs) -> tuple[RoadmapStore, Roadmap]:
    kwargs.setdefault("clock", lambda: WHEN)
    store = RoadmapStore(path, **kwargs)
    return store, store.load()


def reload(path: Path) -> Roadmap:
    return RoadmapStore(path).load(create=False)


def save_and_wait(store: RoadmapStore) -> None:
    assert store.flush(timeout=10)
    assert store.writer.error is None


def changed_lines(before: str, after: str) -> list[str]:
    """The `-`/`+` lines of a diff (no context), to say exactly what a save changed."""
    return [
        line.rstrip("\n")
        for line in difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def folder_listing(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


# Loading ----------------------------------------------------------------------------------


def test_missing_file_is_created_from_the_default(tmp_path: Path) -> None:
    path = tmp_path / "deeper" / "folder" / "roadmap.toml"
    store, roadmap = open_store(path)
    assert path.read_bytes() == DEFAULT_BYTES
    assert (roadmap.n_done, roadmap.n_total) == (0, 76)
    assert folder_listing(path) == ["roadmap.toml"]
    assert store.writer.writes == 0  # created directly, not through the background writer


def test_load_without_create_does_not_create(roadmap_path: Path) -> None:
    roadmap = RoadmapStore(roadmap_path).load(create=False)
    assert (roadmap.n_done, roadmap.n_total) == (0, 76)
    assert not roadmap_path.exists()
    assert list(roadmap_path.parent.iterdir()) == []


def test_existing_file_is_read_not_rewritten(default_copy: Path) -> None:
    text = DEFAULT_BYTES.decode().replace(
        '{ text = "NumPy", done = false }', '{ text = "NumPy", done = true }'
    )
    default_copy.write_text(text, encoding="utf-8")
    before = default_copy.stat()
    store, roadmap = open_store(default_copy)
    assert roadmap.n_done == 1
    assert store.flush(timeout=10)
    assert default_copy.read_text(encoding="utf-8") == text
    assert default_copy.stat().st_mtime_ns == before.st_mtime_ns
    assert store.writer.writes == 0


# Changes reach the disk -------------------------------------------------------------------


def test_toggle_is_saved(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    leaf = child(get(roadmap, *LA_PATH), "Matrix operations")
    assert store.toggle(leaf) == [leaf]
    save_and_wait(store)
    assert changed_lines(DEFAULT_BYTES.decode(), default_copy.read_text()) == [
        '-  { text = "Matrix operations", done = false },',
        f'+  {{ text = "Matrix operations", done = true, {DATES} }},',
    ]
    again = reload(default_copy)
    assert child(get(again, *LA_PATH), "Matrix operations").done is True
    assert (again.n_done, again.n_total) == (1, 76)


def test_toggle_of_a_topic_is_saved_with_the_topic_flag(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    store.toggle(get(roadmap, *LA_PATH))
    save_and_wait(store)
    data = tomllib.loads(default_copy.read_text())
    topic = data["phases"][0]["sections"][0]["items"][0]
    assert topic["done"] is True
    assert [i["done"] for i in topic["items"]] == [True, True, True, False]  # Resources row untouched
    again = reload(default_copy)
    assert get(again, *LA_PATH).checked
    assert again.n_done == 3


def test_toggle_of_a_plain_bullet_does_not_save(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    assert store.toggle(get(roadmap, "Resources Library").sections[0].items[0]) == []
    assert store.flush(timeout=10)
    assert store.writer.writes == 0
    assert default_copy.read_bytes() == DEFAULT_BYTES


def test_set_fill_is_saved_for_nodes_and_items(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    phase = roadmap.phases[0]
    area = get(roadmap, "Specialization Phase", NLP_TITLE)
    project = get(roadmap, "Foundation Phase").sections[3].items[0]
    store.set_fill(phase, "duration", "  10 weeks  ")
    store.set_fill(area, "title", "Speech")
    store.set_fill(project, "text", 'Titanic "EDA" \\ café')
    save_and_wait(store)

    assert phase.duration_fill == "10 weeks"  # trimmed
    again = reload(default_copy)
    assert again.phases[0].duration_fill == "10 weeks"
    assert get(again, "Specialization Phase", NLP_TITLE).display_title == "Specialization Area 1: Speech"
    assert again.phases[0].sections[3].items[0].display_text == 'Project 1: Titanic "EDA" \\ café'


def test_set_fill_on_an_inline_table_keeps_its_layout(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    project = get(roadmap, "Foundation Phase").sections[3].items[0]
    store.set_fill(project, "text", "Titanic EDA")
    save_and_wait(store)
    assert changed_lines(DEFAULT_BYTES.decode(), default_copy.read_text()) == [
        '-  { text = "Project 1: _[e.g., Exploratory data analysis]_", done = false },',
        '+  { text = "Project 1: _[e.g., Exploratory data analysis]_", done = false, text_fill = "Titanic EDA" },',
    ]
    # a second change to the same inline table edits the value in place
    store.set_fill(project, "text", "House prices")
    store.toggle(project)
    save_and_wait(store)
    assert changed_lines(DEFAULT_BYTES.decode(), default_copy.read_text()) == [
        '-  { text = "Project 1: _[e.g., Exploratory data analysis]_", done = false },',
        '+  { text = "Project 1: _[e.g., Exploratory data analysis]_", done = true, text_fill = "House prices", '
        f"{DATES} }},",
    ]


def test_set_fill_inside_a_nested_inline_table(tmp_path: Path) -> None:
    path = tmp_path / "nested.toml"
    path.write_text(
        'schema = 1\ntitle = "T"\n\n[[phases]]\ntitle = "P"\nitems = [\n'
        '  { text = "t", done = false, items = [ { text = "x _[h]_", done = false }, '
        '{ text = "y", done = false } ] },\n'
        "]\n",
        encoding="utf-8",
    )
    store, roadmap = open_store(path)
    inner = roadmap.phases[0].items[0].items[0]
    store.set_fill(inner, "text", "X")
    store.toggle(inner)
    save_and_wait(store)
    assert path.read_text(encoding="utf-8").splitlines()[6] == (
        f'  {{ text = "t", done = false, items = [ {{ text = "x _[h]_", done = true, text_fill = "X", {DATES} }},'
        ' { text = "y", done = false } ] },'
    )
    again = reload(path).phases[0].items[0]
    assert (again.items[0].display_text, again.items[0].done, again.items[1].text) == ("x X", True, "y")


def test_empty_fill_removes_the_key_and_brings_the_placeholder_back(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    phase = roadmap.phases[0]
    resources = get(roadmap, *LA_PATH).items[-1]
    store.set_fill(phase, "duration", "10 weeks")
    store.set_fill(resources, "text", "3Blue1Brown")
    save_and_wait(store)
    assert 'duration_fill = "10 weeks"' in default_copy.read_text()
    assert 'text_fill = "3Blue1Brown"' in default_copy.read_text()

    store.set_fill(phase, "duration", "")
    store.set_fill(resources, "text", "   ")
    save_and_wait(store)
    text = default_copy.read_text()
    assert "_fill =" not in text
    assert tomllib.loads(text) == tomllib.loads(DEFAULT_BYTES.decode())
    assert resources.text_fill == "" and resources.display_text == resources.text
    again = reload(default_copy)
    assert again.phases[0].duration_fill == ""
    assert get(again, *LA_PATH).items[-1].display_text == "Resources: _[e.g., 3Blue1Brown Linear Algebra, MIT OCW]_"


def test_empty_fill_on_a_table_restores_the_exact_bytes(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    store.set_fill(roadmap.phases[0], "duration", "10 weeks")
    store.set_fill(roadmap.phases[0], "duration", "")
    save_and_wait(store)
    assert default_copy.read_bytes() == DEFAULT_BYTES


def test_empty_fill_on_an_inline_table_restores_the_exact_bytes(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    resources = get(roadmap, *LA_PATH).items[-1]
    store.set_fill(resources, "text", "3Blue1Brown")
    store.set_fill(resources, "text", "")
    save_and_wait(store)
    assert changed_lines(DEFAULT_BYTES.decode(), default_copy.read_text()) == []


def test_set_text_is_saved(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    books = get(roadmap, "Resources Library").sections[0]
    entry = store.add_entry(books, "Deep Learning")
    store.set_text(entry, "  Deep Learning (Goodfellow)  ")
    with pytest.raises(ValueError):
        store.set_text(entry, "   ")
    save_and_wait(store)
    assert [i.text for i in reload(default_copy).phases[5].sections[0].items] == [
        "_[List key books]_",
        "Deep Learning (Goodfellow)",
    ]


def test_add_entry_is_saved(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    books = get(roadmap, "Resources Library").sections[0]
    first = store.add_entry(books, "  Hands-On Machine Learning  ")
    store.add_entry(books, 'The "Hundred-Page" ML Book')
    assert first.text == "Hands-On Machine Learning" and first.done is None and first.parent is books
    save_and_wait(store)
    assert changed_lines(DEFAULT_BYTES.decode(), default_copy.read_text()) == [
        '+  { text = "Hands-On Machine Learning" },',
        '+  { text = "The \\"Hundred-Page\\" ML Book" },',
    ]
    again = reload(default_copy)
    assert [(i.text, i.done) for i in again.phases[5].sections[0].items] == [
        ("_[List key books]_", None),
        ("Hands-On Machine Learning", None),
        ('The "Hundred-Page" ML Book', None),
    ]
    assert again.n_total == 76


def test_add_entry_to_a_node_without_items(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    phase = roadmap.phases[0]
    assert phase.items == []
    store.add_entry(phase, "Study group on Fridays")
    store.add_entry(phase, "Keep a learning log")
    save_and_wait(store)
    again = reload(default_copy)
    assert [i.text for i in again.phases[0].items] == ["Study group on Fridays", "Keep a learning log"]
    assert [s.title for s in again.phases[0].sections] == [s.title for s in phase.sections]


def test_add_entry_to_a_node_with_an_array_of_item_tables(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    deep = get(roadmap, "Specialization Phase", "Deep Learning")
    store.add_entry(deep, "JAX")
    save_and_wait(store)
    again = reload(default_copy)
    assert [i.text for i in get(again, "Specialization Phase", "Deep Learning").items][-1] == "JAX"
    assert get(again, "Specialization Phase", NLP_TITLE).items[0].text == "Topic 1: _[e.g., Text preprocessing]_"


def test_add_entry_to_an_array_of_tables_keeps_the_blank_line(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    store.add_entry(get(roadmap, "Specialization Phase", "Deep Learning"), "JAX")
    save_and_wait(store)
    assert '[[phases.sections.items]]\ntext = "JAX"\n\n[[phases.sections]]' in default_copy.read_text()


def test_add_empty_entry_is_refused(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    books = get(roadmap, "Resources Library").sections[0]
    with pytest.raises(ValueError):
        store.add_entry(books, "  ")
    assert len(books.items) == 1
    assert store.flush(timeout=10) and store.writer.writes == 0
    assert default_copy.read_bytes() == DEFAULT_BYTES


def test_remove_item_is_saved(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    topic = get(roadmap, *LA_PATH)
    store.toggle(child(topic, "Vectors and matrices"))
    store.remove_item(child(topic, "Matrix operations"))
    assert (topic.n_done, topic.n_total) == (1, 2)
    assert (roadmap.n_done, roadmap.n_total) == (1, 75)
    save_and_wait(store)
    assert changed_lines(DEFAULT_BYTES.decode(), default_copy.read_text()) == [
        '-  { text = "Vectors and matrices", done = false },',
        '-  { text = "Matrix operations", done = false },',
        f'+  {{ text = "Vectors and matrices", done = true, {DATES} }},',
    ]
    again = reload(default_copy)
    assert [i.text for i in get(again, *LA_PATH).items] == [
        "Vectors and matrices",
        "Eigenvalues and eigenvectors",
        "Resources: _[e.g., 3Blue1Brown Linear Algebra, MIT OCW]_",
    ]
    assert (again.n_done, again.n_total) == (1, 75)


def test_remove_an_added_entry_restores_the_file(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    books = get(roadmap, "Resources Library").sections[0]
    entry = store.add_entry(books, "Temporary")
    store.remove_item(entry)
    save_and_wait(store)
    assert default_copy.read_bytes() == DEFAULT_BYTES


def test_a_legacy_ui_selection_is_read(default_copy: Path) -> None:
    default_copy.write_text(DEFAULT_BYTES.decode() + f"\n[ui]\nselected = {json.dumps(LA_PATH)}\n", encoding="utf-8")
    roadmap = reload(default_copy)
    assert roadmap.selected == LA_PATH
    assert find_by_titles(roadmap, roadmap.selected).title == "Linear Algebra"


# What a person wrote survives -------------------------------------------------------------

HAND_EDITED = (
    DEFAULT_BYTES.decode()
    .replace(
        '{ text = "Matrix operations", done = false },',
        '{ text = "Matrix operations", done = false, my_note = "x" },',
    )
    .replace(
        'text = "Calculus"\ndone = false\n',
        'text = "Calculus"\n# my comment about calculus\ndone = false   # aligned comment\nsource = "khan"\n',
    )
    .replace(
        '[[phases]]\ntitle = "Advanced Phase"',
        '# Advanced phase: after the job change\n\n\n[[phases]]\ntitle = "Advanced Phase"',
    )
    .replace(
        'title = "Foundation Phase"\nduration = "_[e.g., 2-3 months]_"',
        'duration = "_[e.g., 2-3 months]_"\ntitle = "Foundation Phase"',  # key order swapped
    )
    + '\n[extra]\n# kept for my scripts\nanswer = 42\nlist = [1, 2, 3]\n'
)


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_comments_blank_lines_key_order_and_unknown_keys_survive(default_copy: Path) -> None:
    default_copy.write_text(HAND_EDITED, encoding="utf-8")
    store, roadmap = open_store(default_copy)
    la = get(roadmap, *LA_PATH)
    calculus = get(roadmap, "Foundation Phase", "Mathematics & Statistics Foundations", "Calculus")
    store.toggle(child(la, "Matrix operations"))
    store.set_fill(la.items[-1], "text", "3b1b")
    store.toggle(calculus)  # the topic and its three counted items
    store.set_fill(roadmap.phases[0], "duration", "3 months")
    save_and_wait(store)

    expected = HAND_EDITED
    for old, new in [
        (
            'focus = "Building fundamental knowledge and skills required for AI/ML"\n',
            'focus = "Building fundamental knowledge and skills required for AI/ML"\nduration_fill = "3 months"\n',
        ),
        (
            '{ text = "Matrix operations", done = false, my_note = "x" }',
            # (the dates go where the app writes them, after `done`: a person's own key after them)
            f'{{ text = "Matrix operations", done = true, {DATES}, my_note = "x" }}',
        ),
        (
            '{ text = "Resources: _[e.g., 3Blue1Brown Linear Algebra, MIT OCW]_", done = false }',
            '{ text = "Resources: _[e.g., 3Blue1Brown Linear Algebra, MIT OCW]_", done = false, text_fill = "3b1b" }',
        ),
        ("done = false   # aligned comment", "done = true   # aligned comment"),
        (
            '{ text = "Derivatives and gradients", done = false }',
            f'{{ text = "Derivatives and gradients", done = true, {DATES} }}',
        ),
        ('{ text = "Chain rule", done = false }', f'{{ text = "Chain rule", done = true, {DATES} }}'),
        ('{ text = "Partial derivatives", done = false }', f'{{ text = "Partial derivatives", done = true, {DATES} }}'),
    ]:
        expected = replace_once(expected, old, new)

    after = default_copy.read_text(encoding="utf-8")
    assert after == expected
    data = tomllib.loads(after)
    assert data["extra"] == {"answer": 42, "list": [1, 2, 3]}
    assert list(data["phases"][0])[:2] == ["duration", "title"]
    assert reload(default_copy).n_done == 4


# Atomic writes ----------------------------------------------------------------------------


def test_atomic_write_replaces_the_file_and_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    atomic_write(path, b"first")
    assert path.read_bytes() == b"first"
    atomic_write(path, b"second, longer than the first")
    assert path.read_bytes() == b"second, longer than the first"
    assert folder_listing(path) == ["roadmap.toml"]


def test_atomic_write_keeps_the_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    path.write_bytes(b"old")
    path.chmod(0o640)
    atomic_write(path, b"new")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    path.chmod(0o604)
    atomic_write(path, b"newer")
    assert stat.S_IMODE(path.stat().st_mode) == 0o604
    assert path.read_bytes() == b"newer"


def test_store_saves_keep_the_file_mode_and_leave_no_temp_files(default_copy: Path) -> None:
    default_copy.chmod(0o600)
    store, roadmap = open_store(default_copy)
    for item in [i for i in roadmap.walk_items() if i.is_counted][:10]:
        store.toggle(item)
    save_and_wait(store)
    assert store.writer.writes >= 1
    assert stat.S_IMODE(default_copy.stat().st_mode) == 0o600
    assert folder_listing(default_copy) == ["backups", "roadmap.activity.jsonl", "roadmap.toml"]
    # the activity log is as private as the roadmap
    assert stat.S_IMODE((default_copy.parent / "roadmap.activity.jsonl").stat().st_mode) == 0o600
    assert reload(default_copy).n_done == roadmap.n_done == 10


def test_failed_atomic_write_cleans_up_and_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "roadmap.toml"
    path.write_bytes(b"old and whole")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fs.os, "replace", refuse)
    with pytest.raises(PermissionError):
        atomic_write(path, b"new")
    assert path.read_bytes() == b"old and whole"
    assert folder_listing(path) == ["roadmap.toml"]


def test_failed_save_calls_on_error_and_leaves_the_old_file_whole(
    default_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors: list[OSError] = []
    store, roadmap = open_store(default_copy, on_save=lambda e: e is not None and errors.append(e))
    real_replace = os.replace

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fs.os, "replace", refuse)
    leaf = child(get(roadmap, *LA_PATH), "Matrix operations")
    store.toggle(leaf)
    assert store.flush(timeout=10)
    assert len(errors) == 1 and errors[0].strerror == "No space left on device"
    assert store.writer.error is errors[0]
    assert store.writer.writes == 0
    assert default_copy.read_bytes() == DEFAULT_BYTES
    assert folder_listing(default_copy) == ["backups", "roadmap.toml"]
    assert leaf.done is True  # the change is kept in memory

    # the next change tries again, and writes everything
    monkeypatch.setattr(fs.os, "replace", real_replace)
    store.toggle(child(get(roadmap, *LA_PATH), "Vectors and matrices"))
    save_and_wait(store)
    assert len(errors) == 1
    again = reload(default_copy)
    assert [i.done for i in get(again, *LA_PATH).items] == [True, True, False, False]


def test_failed_write_reported_through_patched_atomic_write(
    default_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors: list[OSError] = []
    store, roadmap = open_store(default_copy, on_save=lambda e: e is not None and errors.append(e))

    def read_only_folder(path: Path, data: bytes) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(fs, "atomic_write", read_only_folder)
    store.add_entry(get(roadmap, "Resources Library").sections[0], "A book")
    assert store.flush(timeout=10)
    assert [type(e) for e in errors] == [PermissionError]
    assert default_copy.read_bytes() == DEFAULT_BYTES


def test_save_through_a_symlink_updates_the_target(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "roadmap.toml"
    real.parent.mkdir()
    real.write_bytes(DEFAULT_BYTES)
    link = tmp_path / "roadmap.toml"
    link.symlink_to(real)
    store, roadmap = open_store(link)
    store.toggle(child(get(roadmap, *LA_PATH), "Matrix operations"))
    save_and_wait(store)
    assert link.is_symlink()
    assert reload(real).n_done == 1


# A file that fails to load is never written ------------------------------------------------

INVALID = {
    "bad-toml": DEFAULT_BYTES.replace(b'title = "Deep Learning"', b'title = "Deep Learning'),
    "bad-field": DEFAULT_BYTES.replace(
        b'{ text = "Matrix operations", done = false }', b'{ text = "Matrix operations", done = "yes" }'
    ),
    "newer-schema": DEFAULT_BYTES.replace(b"schema = 3\n", b"schema = 4\n"),
    "not-utf8": DEFAULT_BYTES.replace(b"Calculus", b"C\xe1lculus"),
    "empty": b"",
}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_a_failed_load_never_writes_the_file(default_copy: Path, name: str) -> None:
    data = INVALID[name]
    assert data != DEFAULT_BYTES or name == "empty"
    default_copy.write_bytes(data)
    mtime = default_copy.stat().st_mtime_ns
    store = RoadmapStore(default_copy)
    with pytest.raises(RoadmapError) as info:
        store.load()
    assert info.value.path == str(default_copy)
    assert store.roadmap is None
    with pytest.raises(RuntimeError):
        store.save()  # nothing loaded, nothing to save
    assert store.close(timeout=10)
    assert store.writer.writes == 0
    assert default_copy.read_bytes() == data
    assert default_copy.stat().st_mtime_ns == mtime
    assert folder_listing(default_copy) == ["roadmap.toml"]


def test_atomic_write_gives_a_new_file_the_usual_mode(tmp_path: Path) -> None:
    umask = os.umask(0o027)
    try:

        fs._UMASK = None  # read the umask afresh, as a new process would
        path = tmp_path / "new.md"
        atomic_write(path, b"x")
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
    finally:
        os.umask(umask)
        fs._UMASK = None


def test_a_change_after_close_is_still_written(default_copy: Path) -> None:
    store, roadmap = open_store(default_copy)
    store.toggle(child(get(roadmap, *LA_PATH), "Matrix operations"))
    assert store.close(timeout=10)
    store.toggle(child(get(roadmap, *LA_PATH), "Vectors and matrices"))  # e.g. a key handled while quitting
    again = reload(default_copy)
    assert [i.done for i in get(again, *LA_PATH).items][:2] == [True, True]
    assert store.writer.writes == 2


def test_saver_reports_each_result_and_survives_an_unexpected_error(
    default_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    results: list[Exception | None] = []
    store = RoadmapStore(default_copy, on_save=results.append)
    roadmap = store.load()

    def broken(path: Path, data: bytes) -> None:
        raise ValueError("not an OSError")

    monkeypatch.setattr(fs, "atomic_write", broken)
    store.toggle(child(get(roadmap, *LA_PATH), "Matrix operations"))
    assert store.flush(timeout=10)
    monkeypatch.undo()
    store.toggle(child(get(roadmap, *LA_PATH), "Vectors and matrices"))
    assert store.flush(timeout=10), "the thread must survive any exception"
    assert [type(r) for r in results] == [ValueError, type(None)]
    assert [i.done for i in get(reload(default_copy), *LA_PATH).items][:2] == [True, True]


def test_odd_temp_file_names_beside_the_file_do_not_stop_a_launch(default_copy: Path) -> None:
    for owner in ("99999999999999999999", "²", "x"):
        (default_copy.parent / f".roadmap.toml.{owner}.abc.tmp").write_bytes(b"?")
    assert RoadmapStore(default_copy).load().n_total == 76


def test_snapshot_does_not_wait_for_a_saver_stuck_on_the_disk(default_copy: Path) -> None:
    import fcntl
    import time as time_module

    store, roadmap = open_store(default_copy)
    folder = os.open(default_copy.parent, os.O_RDONLY)
    fcntl.flock(folder, fcntl.LOCK_EX)  # as another process would hold it, or a disk that hangs
    try:
        store.toggle(child(get(roadmap, *LA_PATH), "Matrix operations"))
        started = time_module.monotonic()
        data = store.snapshot()
        assert time_module.monotonic() - started < 5
        assert default_copy.read_bytes() == DEFAULT_BYTES, "the saver is still waiting"
    finally:
        os.close(folder)
    saved = tomllib.loads(data.decode("utf-8"))
    assert saved["phases"][0]["sections"][0]["items"][0]["items"][1]["done"] is True
    assert store.flush(10)
    assert reload(default_copy) is not None


def test_a_change_that_would_break_the_file_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    text = (
        'schema = 2\ntitle = "T"\n\n[[phases]]\ntitle = "Library"\nmeta.source = "me"\n# next phase\n'
        '[[ "phases" ]]\ntitle = "Other"\n'
    )
    path.write_text(text, encoding="utf-8")
    errors: list[Exception | None] = []
    store, roadmap = open_store(path, on_save=errors.append)
    store.add_entry(roadmap.phases[0], "Book B")
    assert store.flush(10)
    if errors[-1] is not None:  # tomlkit glued the new table on (see test_segments)
        assert "invalid TOML" in str(errors[-1])
        assert path.read_text(encoding="utf-8") == text, "the file is left as it was"
    else:
        assert [i["text"] for i in tomllib.loads(path.read_text(encoding="utf-8"))["phases"][0]["items"]] == ["Book B"]
