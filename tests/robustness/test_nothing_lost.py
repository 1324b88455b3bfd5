"""Nothing typed is ever lost, nothing hangs: a reload during an edit, a removed file, a huge item,
a locked folder at quit, control characters in an edited field (signals: test_signals.py)."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import LA_PATH, REPO, child, get
from helpers import screen_text, until

from roadmap_tui.core.outline import root_of
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.widgets.item_row import InlineInput

MATRIX = '{ text = "Matrix operations", done = false }'
LA_RESOURCES = '  { text = "Resources: _[e.g., 3Blue1Brown Linear Algebra, MIT OCW]_", done = false },\n'


def edit_file(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def la_items(path: Path) -> list[dict]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["phases"][0]["sections"][0]["items"][0]["items"]


def notifications(app: RoadmapApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def reload_now(app: RoadmapApp, pilot, done) -> None:  # type: ignore[no-untyped-def]
    """Have the saver look at the file (as its watch does) and wait until the app took it."""
    old = app.store.roadmap
    app.store.save()
    assert app.store.flush(10)
    for _ in range(200):
        await pilot.pause()
        if app.store.roadmap is not old and done():
            break
    assert app.store.roadmap is not old, "the app reloaded the file"
    await pilot.pause()


# 1. A reload keeps an open edit open --------------------------------------------------------


async def test_a_reload_keeps_an_open_edit_with_its_text_and_cursor_on_the_same_entry(default_copy: Path) -> None:
    app = RoadmapApp(path=default_copy, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "end", "e", *"my notes", "left", "left")
        await pilot.pause()
        editor = app.focused
        assert isinstance(editor, InlineInput) and editor.cursor_position == 6
        edit_file(default_copy, MATRIX, MATRIX.replace("false", "true"))  # another entry changes
        await reload_now(app, pilot, lambda: child(get(app.store.roadmap, *LA_PATH), "Matrix operations").done)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        focused = app.focused
        assert isinstance(focused, InlineInput), f"the edit is still open, not {focused!r}"
        assert focused.value == "my notes" and focused.cursor_position == 6
        row = screen.pane.items.editing
        assert row is not None and screen.pane.items.current is row
        assert root_of(row.spec.entry) is app.store.roadmap, "on the entry of the model shown now"
        assert row.spec.entry is child(get(app.store.roadmap, *LA_PATH), row.spec.entry.text)
        assert row.spec.entry.text.startswith("Resources:")
        await pilot.press("enter")
        await pilot.pause()
        assert app.store.flush(10)
        items = la_items(default_copy)
        assert items[3]["text_fill"] == "my notes"
        assert items[1]["done"] is True, "the other program's change stays"
        await pilot.press("q")


async def test_an_edit_whose_entry_the_reload_removed_keeps_its_text_and_says_where(default_copy: Path) -> None:
    app = RoadmapApp(path=default_copy, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "end", "e", *"my notes")
        await pilot.pause()
        edit_file(default_copy, LA_RESOURCES, "")
        la = lambda: get(app.store.roadmap, *LA_PATH)  # noqa: E731
        await reload_now(app, pilot, lambda: len(la().items) == 3)
        said = [t for t in notifications(app) if "my notes" in t]
        assert said, notifications(app)
        assert app.clipboard == "my notes", "the text is on the clipboard too"
        assert not isinstance(app.focused, InlineInput)
        await pilot.press("q")


async def test_an_open_edit_follows_its_entry_when_the_reload_puts_a_row_above_it(default_copy: Path) -> None:
    app = RoadmapApp(path=default_copy, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "end", "e", *"typed")
        await pilot.pause()
        vectors = '  { text = "Vectors and matrices", done = false },\n'
        edit_file(default_copy, vectors, '  { text = "Brand new", done = false },\n' + vectors)
        await reload_now(app, pilot, lambda: len(get(app.store.roadmap, *LA_PATH).items) == 5)
        items = app.screen.pane.items
        assert items.editing is not None and items.current is items.editing
        assert items.editing.spec.entry.text.startswith("Resources:")
        editor = app.focused
        assert isinstance(editor, InlineInput) and editor.value == "typed"
        assert editor.region.y == items.region.y + items.row_y(items.highlighted), "the input lies over its row"
        await pilot.press("enter")
        await pilot.pause()
        assert app.store.flush(10)
        assert la_items(default_copy)[4]["text_fill"] == "typed"
        await pilot.press("q")


async def test_a_reload_keeps_a_new_entry_being_typed(default_copy: Path) -> None:
    app = RoadmapApp(path=default_copy, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.tree.reveal(get(screen.roadmap, "Resources Library", "Books"))
        await pilot.pause()
        await pilot.press("tab", "a", *"Deep Learning")
        await pilot.pause()
        edit_file(default_copy, MATRIX, MATRIX.replace("false", "true"))
        await reload_now(app, pilot, lambda: child(get(app.store.roadmap, *LA_PATH), "Matrix operations").done)
        editor = app.focused
        assert isinstance(editor, InlineInput) and editor.value == "Deep Learning"
        await pilot.press("enter")
        await pilot.pause()
        assert app.store.flush(10)
        books = tomllib.loads(default_copy.read_text(encoding="utf-8"))["phases"][5]["sections"][0]["items"]
        assert [b.get("text_fill") or b["text"] for b in books] == ["Deep Learning"]
        await pilot.press("q")


# 5. The file removed under the app: said, and written again only when the learner says so ----


def test_a_removed_file_is_not_recreated_by_the_next_change_until_allowed(default_copy: Path) -> None:
    from roadmap_tui.storage.saver import FileMissingError
    from roadmap_tui.storage.store import RoadmapStore

    store = RoadmapStore(default_copy)
    roadmap = store.load()
    default_copy.unlink()  # `roadmap-tui remove`, `rm`, a sync client
    store.toggle(child(get(roadmap, *LA_PATH), "Matrix operations"))
    assert store.flush(10)
    assert not default_copy.exists(), "the change did not bring the file back"
    assert isinstance(store.writer.error, FileMissingError)
    assert store.writer.pending, "the change is kept in memory"
    store.writer.allow_create()
    store.save()
    assert store.flush(10) and store.writer.error is None
    assert la_items(default_copy)[1]["done"] is True
    store.close()


async def test_the_app_says_the_file_was_removed_and_asks_before_writing_it_again(default_copy: Path) -> None:
    app = RoadmapApp(path=default_copy, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        default_copy.unlink()
        app.store.save()  # what the watch does within a second
        assert app.store.flush(10)
        warning = screen.query_one("#save-problem")
        for _ in range(100):
            await pilot.pause()
            if warning.display:
                break
        assert warning.display and "removed" in str(warning.render()).lower()
        await pilot.press("tab", "space")  # a change: where should it go?
        assert app.store.flush(10)
        for _ in range(100):
            await pilot.pause()
            if app.screen is not screen:
                break
        assert app.screen is not screen, "a question"
        assert not default_copy.exists()
        await pilot.press("y")
        await pilot.pause()
        assert app.store.flush(10)
        for _ in range(100):
            await pilot.pause()
            if not warning.display:
                break
        assert la_items(default_copy)[0]["done"] is True
        assert not warning.display
        await pilot.press("q")
    assert app.return_code == 0


async def test_no_to_writing_a_removed_file_again_keeps_the_changes_and_the_warning(default_copy: Path) -> None:
    app = RoadmapApp(path=default_copy, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        default_copy.unlink()
        await pilot.press("tab", "space")
        assert app.store.flush(10)
        for _ in range(100):
            await pilot.pause()
            if app.screen is not screen:
                break
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and not default_copy.exists()
        assert screen.query_one("#save-problem").display
        assert app.store.writer.pending
        # the file comes back (`roadmap-tui restore`): the change goes on top, no question
        default_copy.write_text((REPO / "data" / "default_roadmap.toml").read_text(encoding="utf-8"), encoding="utf-8")
        app.store.save()
        assert app.store.flush(10)
        await pilot.pause()
        assert la_items(default_copy)[0]["done"] is True
        await pilot.press("q")
    assert app.return_code == 0


# 9. A huge item, a long list: drawing costs what the screen shows ------------------------------


async def test_a_huge_item_shows_a_bounded_prefix_with_an_ellipsis(default_copy: Path) -> None:
    from roadmap_tui.tui.widgets.item_row import Row
    from roadmap_tui.tui.widgets.labels import entry_text

    huge = "Matrix " + "word " * 1_900_000  # 9.5 MB in one item
    edit_file(default_copy, '"Matrix operations"', f'"{huge}"')
    drawn: list[int] = []
    real_lines = Row.lines

    def lines(self: Row, width: int) -> list:
        result = real_lines(self, width)
        drawn.append(len(result))
        return result

    app = RoadmapApp(path=default_copy, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        Row.lines = lines  # type: ignore[method-assign]
        try:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, MainScreen)
            items = screen.pane.items
            row = items.rows[1]
            assert row.spec.entry.text == huge
            shown = row.lines(items.size.width)
            assert len(shown) <= 100, "a bounded prefix, not 150,000 lines"
            assert shown[-1].plain.rstrip().endswith("…")
            assert len(entry_text(row.spec.entry).plain) <= 5000, "the tree's label is bounded too"
            assert max(drawn) <= 100
            await pilot.press("tab", "down", "space")
            await pilot.pause()
            assert app.store.flush(10)
            kept = la_items(default_copy)[1]
            assert (kept["text"], kept["done"], "done_at" in kept) == (huge, True, True), "the file keeps all of it"
        finally:
            Row.lines = real_lines  # type: ignore[method-assign]
        await pilot.press("q")


async def test_a_toggle_in_a_long_list_redraws_no_more_than_the_rows_on_screen(default_copy: Path) -> None:
    from roadmap_tui.tui.widgets.item_row import Row

    many = "".join(f'  {{ text = "Item {n}", done = false }},\n' for n in range(400))
    edit_file(default_copy, '  { text = "Vectors and matrices", done = false },\n', many)
    app = RoadmapApp(path=default_copy, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "down")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        items = screen.pane.items
        assert len(items.rows) > 400
        drawn: list[Row] = []
        real_lines = Row.lines

        def lines(self: Row, width: int) -> list:
            drawn.append(self)
            return real_lines(self, width)

        Row.lines = lines  # type: ignore[method-assign]
        try:
            await pilot.press("space")
            await pilot.pause()
        finally:
            Row.lines = real_lines  # type: ignore[method-assign]
        assert items.rows[1].spec.entry.checked
        assert 0 < len(set(map(id, drawn))) <= items.size.height, len(drawn)
        assert "[✓] Item 1" in screen_text(app)
        # the rows below were not drawn yet: scrolled to, they show the change too
        await pilot.press("end", "space")
        await pilot.pause()
        await pilot.press("home")
        await pilot.pause()
        assert "[✓] Item 1" in screen_text(app)
        assert app.store.flush(10)
        await pilot.press("q")


# 15. Quitting while another process holds the folder's lock -------------------------------------


@contextmanager
def folder_locked(path: Path) -> Iterator[None]:
    """The folder's lock held, as another roadmap-tui mid-save holds it."""
    import fcntl

    lock = os.open(path.parent, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
    finally:
        os.close(lock)  # the other process is done: the change can be written


def asking(app: RoadmapApp) -> bool:
    from roadmap_tui.tui.screens.unsaved import UnsavedScreen

    return isinstance(app.screen, UnsavedScreen)


async def test_quitting_while_the_folder_is_locked_answers_at_once_and_quits_once_it_is_written(
    default_copy: Path,
) -> None:
    app = RoadmapApp(path=default_copy, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        with folder_locked(default_copy):
            await pilot.press("tab", "space", "q")
            assert await until(pilot, lambda: asking(app), step=0), "the app says what it waits for"
            shown = screen_text(app)
            assert "10 seconds" not in shown, "it did not sit frozen for 10 seconds first"
            assert app.store.writer.pending and app.return_code is None
        assert await until(pilot, lambda: app.return_code is not None)
        assert app.return_code == 0, "once written, the app quits by itself"
    assert la_items(default_copy)[0]["done"] is True


async def test_a_write_failing_while_quit_waits_asks_instead_of_crashing(default_copy: Path) -> None:
    """From a review: the answer came back on a thread without the app's context, and the
    question it then pushed could not compose: the app died with the changes unsaved."""
    app = RoadmapApp(path=default_copy, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        with folder_locked(default_copy):
            await pilot.press("tab", "space", "q")
            await pilot.pause(0.2)
            default_copy.unlink()  # the write will fail: the file is gone
        await until(pilot, lambda: asking(app) and app.store.writer.error is not None, tries=200, step=0.02)
        assert app.is_running and app.return_code is None, "the app is still there"
        assert asking(app), "it asks what to do with the changes"
        assert app.store.writer.pending, "the change is still in memory"


async def test_keys_after_q_while_it_waits_for_the_disk_go_nowhere_near_the_roadmap(default_copy: Path) -> None:
    """From a review: text typed after `q` (while the quit waited) was lost on exit."""
    app = RoadmapApp(path=default_copy, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        with folder_locked(default_copy):
            await pilot.press("tab", "space", "q")
            # the quit first lets the keys already on their way arrive, then asks
            assert await until(pilot, lambda: asking(app), tries=50), "the question takes the keys at once"
            await pilot.press("end", "e", *"zyx")  # (not r, w or d: the question's own keys)
            assert asking(app)
        await until(pilot, lambda: app.return_code is not None)
    assert "zyx" not in default_copy.read_text(encoding="utf-8")
    assert la_items(default_copy)[0]["done"] is True


async def test_one_d_on_the_unsaved_question_never_loses_the_changes(default_copy: Path) -> None:
    """The question can appear while the learner is still typing: `d` once only asks again."""
    app = RoadmapApp(path=default_copy, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        with folder_locked(default_copy):
            await pilot.press("tab", "space", "q")
            assert await until(pilot, lambda: asking(app), tries=50)
            await pilot.press("d")
            await pilot.pause()
            assert asking(app) and app.return_code is None
            assert "again" in screen_text(app)
            await pilot.press("x", "d")  # another key in between: `d` asks again, still no quit
            await pilot.pause()
            assert asking(app) and app.return_code is None
        await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 0, "the change was written once the lock was free, and the app quit"
    assert la_items(default_copy)[0]["done"] is True


# 15. A field holding control characters: edited as the real text ---------------------------------


async def test_editing_a_field_with_control_characters_keeps_them_real(default_copy: Path) -> None:
    resources = '"Resources: _[e.g., 3Blue1Brown Linear Algebra, MIT OCW]_", done = false'
    edit_file(default_copy, resources, resources + r', text_fill = "a\u0007b\tc"')
    app = RoadmapApp(path=default_copy, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "end", "e")
        await pilot.pause()
        editor = app.focused
        assert isinstance(editor, InlineInput)
        assert "\x07" not in editor.value and "\\x07" in editor.value, "shown escaped"
        await pilot.press("end", *" more", "enter")
        await pilot.pause()
        assert app.store.flush(10)
        assert la_items(default_copy)[3]["text_fill"] == "a\x07b\tc more", "saved as the real text"
        await pilot.press("q")


def test_a_backslash_sequence_the_field_already_had_stays_text_after_an_edit() -> None:
    """From a review: `\\t` (two characters) in a field that also held a real tab became a tab."""
    from roadmap_tui.tui.widgets.list_editing import editor_escapes, for_editor, from_editor

    text = "use \\t for tab\t(end)"
    escapes = editor_escapes(text)
    assert from_editor(for_editor(text, escapes) + " more", escapes) == text + " more"
    plain = "plain \\t text"  # no control character: shown and saved as it is
    assert from_editor(for_editor(plain, editor_escapes(plain)), editor_escapes(plain)) == plain
    bell = "bell\x07 and \\x07"
    assert from_editor(for_editor(bell, editor_escapes(bell)), editor_escapes(bell)) == bell
