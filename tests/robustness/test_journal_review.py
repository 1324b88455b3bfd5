"""A reviewer's failing tests for issue 10 (the learning journal): each one a bug found."""

from __future__ import annotations

from pathlib import Path

from roadmap_tui.storage.reader import read_roadmap
from roadmap_tui.storage.store import RoadmapStore


def test_a_note_that_starts_with_a_blank_line_reads_back_as_written(tmp_path: Path) -> None:
    """A note whose first line is empty (Enter pressed first in the editor) gains one more
    leading line break at every save: tomlkit's multi-line string already starts with the
    trimmed newline when the text starts with one, and `note_value` adds another."""
    path = tmp_path / "roadmap.toml"
    store = RoadmapStore(path)
    roadmap = store.load()
    topic = roadmap.phases[0].sections[0].items[0]
    assert store.set_note(topic, "\nWhat I learned")
    assert store.flush(10) and store.writer.error is None
    store.close()
    again = read_roadmap(path).roadmap.phases[0].sections[0].items[0]
    assert again.note == "\nWhat I learned"


async def test_an_unexpected_error_while_a_note_is_open_keeps_what_was_typed(tmp_path: Path) -> None:
    """`_fatal_error` closes the store ("Every change made before it was saved") but never takes
    the open note editor's text (`commit_open_edit`): what was typed is lost."""
    import tomllib

    from roadmap_tui.tui.app import RoadmapApp

    path = tmp_path / "roadmap.toml"
    app = RoadmapApp(path=path, watch_interval=0)

    def boom() -> None:
        raise RuntimeError("boom")

    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("tab", "n", *"typed before a crash")
            await pilot.pause()
            app.call_later(boom)
            for _ in range(50):
                await pilot.pause(0.02)
    except RuntimeError:
        pass  # (run_test raises what the app crashed on)
    item = tomllib.loads(path.read_text(encoding="utf-8"))["phases"][0]["sections"][0]["items"][0]["items"][0]
    assert item.get("note") == "typed before a crash"


async def test_a_hand_written_date_at_the_calendar_s_edge_does_not_stop_the_app(tmp_path: Path) -> None:
    """The schema accepts any offset date-time; `dates.when` moves it to now's zone with
    `astimezone`, which overflows for 0001-01-01T00:30+01:00 in a zone west of +01:00 (UTC here):
    the app stops on an unexpected error (OverflowError) as it draws the row."""
    import shutil
    from datetime import datetime, timedelta, timezone

    from conftest import REPO

    from roadmap_tui.core import dates

    stamp = datetime(1, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=1)))
    now = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.utc)
    assert dates.when(stamp, now)  # OverflowError: date value out of range

    from roadmap_tui.tui.app import RoadmapApp

    path = tmp_path / "roadmap.toml"
    shutil.copyfile(REPO / "data" / "default_roadmap.toml", path)
    text = path.read_text(encoding="utf-8")
    old = '{ text = "Vectors and matrices", done = false }'
    new = '{ text = "Vectors and matrices", done = true, done_at = 0001-01-01T00:30:00+01:00 }'
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    read_roadmap(path)  # the file is valid
    app = RoadmapApp(path=path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.is_running


def test_a_part_s_note_ending_in_an_empty_quote_line_round_trips_through_markdown(tmp_path: Path) -> None:
    """export --with-notes then import: a note on a part (or section) whose last line is `>` is
    written `> >`, an empty nested quote, which markdown-it maps one line further (the blank line
    after it), so `read_note` refuses the quote: the note is lost and its `- [ ] task` line becomes
    a task of the imported roadmap (77 items to check instead of 76)."""
    import tomllib

    from roadmap_tui.formats.markdown_export import to_markdown
    from roadmap_tui.formats.markdown_import import import_markdown
    from roadmap_tui.storage.reader import default_roadmap
    from roadmap_tui.storage.schema import build_roadmap

    roadmap = default_roadmap(tmp_path / "x.toml").roadmap
    roadmap.phases[0].note = "Tasks I keep here:\n- [ ] task\n>"
    text = to_markdown(roadmap, with_notes=True)
    result = import_markdown(text.encode("utf-8"), tmp_path / "plan.md")
    again = build_roadmap(tomllib.loads(result.toml_text), "plan.md")
    assert again.phases[0].note == roadmap.phases[0].note
    assert again.n_total == roadmap.n_total


def test_space_on_an_item_the_file_says_is_state_done_writes_a_file_that_reads(tmp_path: Path) -> None:
    """The schema allows `state = "done"` beside `done = true` (both say the same) and keeps it in
    the model as "" (the flag says). Space then writes `done = false` and, the model's state
    being "" already, leaves `state = "done"` in the file: the next read refuses it ("is "done",
    but done = false says it is not: they disagree"), so the roadmap no longer opens."""
    import shutil

    from conftest import REPO

    from roadmap_tui.core import states

    path = tmp_path / "roadmap.toml"
    shutil.copyfile(REPO / "data" / "default_roadmap.toml", path)
    text = path.read_text(encoding="utf-8")
    old = '{ text = "Vectors and matrices", done = false }'
    path.write_text(text.replace(old, '{ text = "Vectors and matrices", done = true, state = "done" }', 1), encoding="utf-8")
    read_roadmap(path)  # valid as written by hand
    store = RoadmapStore(path)
    roadmap = store.load()
    item = roadmap.phases[0].sections[0].items[0].items[0]
    assert states.own_status(item) == states.DONE
    store.set_state(item, states.DONE)  # Space: done -> todo
    assert store.flush(10) and store.writer.error is None
    store.close()
    read_roadmap(path)  # RoadmapError: ...items[0].state: is "done", but done = false says it is not


def test_a_state_key_over_another_program_s_change_writes_a_file_that_reads(tmp_path: Path) -> None:
    """`states.state_edits` writes only the keys that differ in the app's model; the saver applies
    them on top of another program's newer version of the file (the app had not reloaded yet: the
    watch runs once a second). Another program checked the item (done = true), the learner presses
    `s` on it: only `state = "skipped"` is set, beside the other program's `done = true`, and the
    file is written although it no longer reads (verify() checks TOML only, not the schema)."""
    from roadmap_tui.core import states

    path = tmp_path / "roadmap.toml"
    store = RoadmapStore(path)
    roadmap = store.load()
    store.writer.prepare()
    assert store.flush(10)
    item = roadmap.phases[0].sections[0].items[0].items[0]
    text = path.read_text(encoding="utf-8")
    old = '{ text = "Vectors and matrices", done = false }'
    path.write_text(text.replace(old, '{ text = "Vectors and matrices", done = true }', 1), encoding="utf-8")
    store.set_state(item, states.SKIPPED)
    assert store.flush(10)
    store.close()
    assert store.writer.error is None  # RoadmapError: ...state: is "skipped", but done = true says it is done
    read_roadmap(path)


async def test_a_reload_keeps_the_note_editor_on_its_own_entry_among_namesakes(tmp_path: Path) -> None:
    """After a reload the editor finds its entry again by its titles alone (`find_by_titles`: the
    first namesake wins). Two items of a topic share a text (common in imported READMEs:
    "Practice"); the editor is open on the second when another program changes anything: it
    moves to the first, and Escape overwrites the first's note with what was typed for the
    second (the first's own note is gone, the second gets none)."""
    import shutil
    import tomllib

    from conftest import REPO
    from helpers import until

    from roadmap_tui.tui.app import RoadmapApp

    path = tmp_path / "roadmap.toml"
    shutil.copyfile(REPO / "data" / "default_roadmap.toml", path)
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        '{ text = "Matrix operations", done = false }', '{ text = "Practice", done = false, note = "first" }', 1
    )
    text = text.replace('{ text = "Eigenvalues and eigenvectors", done = false }', '{ text = "Practice", done = false }', 1)
    path.write_text(text, encoding="utf-8")
    app = RoadmapApp(path=path, watch_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.store.flush(5)
        await pilot.press("tab")
        items = app.screen.pane.items
        second = [i for i, row in enumerate(items.rows) if row.spec.kind == "item" and row.spec.entry.text == "Practice"][1]
        items.highlighted = second
        await pilot.pause()
        await pilot.press("n", *"second")
        before = app.screen.roadmap
        path.write_text(path.read_text(encoding="utf-8").replace('"Chain rule"', '"Chain rule (edited)"', 1), encoding="utf-8")
        assert await until(pilot, lambda: app.screen.roadmap is not before)
        await pilot.press("escape")
        await pilot.pause()
        assert app.store.flush(5)
    found = tomllib.loads(path.read_text(encoding="utf-8"))["phases"][0]["sections"][0]["items"][0]["items"]
    assert [(i["text"], i.get("note")) for i in found[1:3]] == [("Practice", "first"), ("Practice", "second")]
