"""Notes in the app: `n` opens the editor, Escape and leaving save, nothing typed is lost (quit,
switch, a failed save, a reload), `ctrl+e` hands the note to `$VISUAL`, notes show as Markdown
and never as markup, `o` opens only their web links, and marks say which entries have one."""

from __future__ import annotations

import tomllib
import webbrowser
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import LA_PATH, get
from helpers import ESCAPES, MARKUP, RAW, Spy, data_roadmap, screen_text, screen_words, settle, until

from roadmap_tui.core.model import Item, Node
from roadmap_tui.storage import fs
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.widgets.item_list import ItemList
from roadmap_tui.tui.widgets.note_editor import NoteEditor
from roadmap_tui.tui.widgets.note_rows import NOTE_MARK, NoteRow
from roadmap_tui.tui.widgets.roadmap_tree import RoadmapTree, tree_label


def main(app: RoadmapApp) -> MainScreen:
    screen = app.main_screen
    assert screen is not None
    return screen


def on_disk(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def la_on_disk(path: Path) -> dict:
    return on_disk(path)["phases"][0]["sections"][0]["items"][0]


def note_of(entry: dict) -> str:
    """An entry's note as the file has it: a multi-line string's one final line break dropped
    (as the reader does), a one-line note as it is."""
    note = entry.get("note", "")
    return note[:-1] if note.endswith("\n") else note


def editor(app: RoadmapApp) -> NoteEditor | None:
    return main(app).note_editor


def messages(app: RoadmapApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def give_note(app: RoadmapApp, entry: Item | Node, text: str) -> None:
    """`entry` gets the note `text` through the store, and the screen shows it (as a save does)."""
    screen = main(app)
    app.store.set_note(entry, text)
    screen.tree.refresh_labels([entry])
    await screen.refresh_notes(entry)


async def flushed(app: RoadmapApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    assert app.store.flush(5)


@contextmanager
def a_terminal_that_suspends() -> Iterator[None]:
    yield  # (the headless driver of a test can't hand the terminal over; a real one does this)


# n, Escape, leaving ---------------------------------------------------------------------------


async def test_n_opens_the_editor_and_escape_saves_the_note_to_the_file(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "n")  # on Vectors and matrices
        await pilot.pause()
        note = editor(app)
        assert note is not None and app.focused is note
        assert note.entry.text == "Vectors and matrices"
        await pilot.press(*"Row space", "enter", *"q quits? no: it is typed", "enter", *"- a *list*")
        await pilot.press("escape")
        await pilot.pause()
        assert editor(app) is None
        assert isinstance(app.focused, ItemList), "the focus goes back where n was pressed"
        await flushed(app, pilot)
        assert app.is_running
        assert 'note = """\nRow space\nq quits? no: it is typed\n- a *list*\n"""' in roadmap_path.read_text(
            encoding="utf-8"
        )
        assert note_of(la_on_disk(roadmap_path)["items"][0]) == "Row space\nq quits? no: it is typed\n- a *list*"
        # Shown under its row, folded to its first line, with the mark.
        text = screen_text(app)
        assert f"{NOTE_MARK} Row space  +2 lines" in text
        writes = app.store.writer.writes
        await pilot.press("n", "escape")  # opened and closed unchanged: nothing is written
        await flushed(app, pilot)
        assert app.store.writer.writes == writes


async def test_n_in_the_tree_writes_the_topic_s_note_under_its_title(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        note = editor(app)
        assert note is not None and isinstance(note.entry, Item) and note.entry.text == "Linear Algebra"
        await pilot.press(*"## Why it matters", "enter", "enter", *"Every model is **matrices**.", "escape")
        await flushed(app, pilot)
        assert isinstance(app.focused, RoadmapTree)
        assert note_of(la_on_disk(roadmap_path)) == "## Why it matters\n\nEvery model is **matrices**."
        lines = screen_text(app)
        assert "Why it matters" in lines and "Every model is matrices." in lines  # rendered Markdown
        assert "**" not in lines and "##" not in lines
        assert f"Linear Algebra {NOTE_MARK}" in lines  # the tree's mark


async def test_leaving_the_editor_saves_it(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "down", "n", *"left by Tab", "tab")
        await flushed(app, pilot)
        assert editor(app) is None
        assert note_of(la_on_disk(roadmap_path)["items"][1]) == "left by Tab"
        assert isinstance(app.focused, ItemList)  # (Tab went on to the list)
        # Showing another topic (the palette's "go to") saves the note open on this one.
        await pilot.press("shift+tab", "n")  # the tree's: Linear Algebra's own note
        await pilot.pause()
        assert editor(app) is not None
        await pilot.press(*"left by going elsewhere")
        screen = main(app)
        screen.go_to(get(screen.roadmap, *LA_PATH[:2], "Calculus"))
        await flushed(app, pilot)
        assert editor(app) is None
        assert isinstance(screen.shown, Item) and screen.shown.text == "Calculus"
        assert note_of(la_on_disk(roadmap_path)) == "left by going elsewhere"


async def test_enter_opens_a_folded_note_and_folds_it_again(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        la = main(app).shown
        assert isinstance(la, Item)
        await give_note(app, la.items[0], "first\n\n- second\n- third")
        await pilot.press("tab", "down")  # the note's row
        items = main(app).pane.items
        assert isinstance(items.current, NoteRow)
        assert "third" not in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "• second" in screen_text(app) and "• third" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "third" not in screen_text(app)
        assert f"{NOTE_MARK} first  +2 lines" in screen_text(app)


# Nothing typed is lost -----------------------------------------------------------------------


@pytest.mark.parametrize("key", ["ctrl+q", "ctrl+c"])
async def test_quitting_with_the_editor_open_keeps_what_was_typed(roadmap_path: Path, key: str) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "n", *"typed, then q", key)
        if key == "ctrl+c":  # in a text field Ctrl+C copies; q typed there is text: quit by the app
            assert app.is_running
            app.action_quit()
        assert await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 0
    assert note_of(la_on_disk(roadmap_path)["items"][0]) == "typed, then q"


async def test_a_signal_s_quit_keeps_the_open_note(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "n", *"before the signal")
        app._on_signal()  # SIGTERM / SIGHUP
        assert await until(pilot, lambda: app.return_code is not None)
    assert note_of(la_on_disk(roadmap_path)["items"][0]) == "before the signal"


async def test_switching_roadmaps_keeps_the_open_note() -> None:
    first, second = data_roadmap("roadmap"), data_roadmap("second")
    app = RoadmapApp(path=first, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "n", *"before the switch")
        await app.switch_roadmap(second)
        await settle(pilot)
        assert await until(pilot, lambda: isinstance(app.screen, MainScreen) and app.store.path == second)
        await pilot.press("q")
        assert await until(pilot, lambda: app.return_code is not None)
    assert note_of(la_on_disk(first)["items"][0]) == "before the switch"
    assert "note" not in la_on_disk(second)["items"][0]


async def test_a_failed_save_keeps_the_note_and_the_next_change_writes_it(
    roadmap_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        real_write = fs.atomic_write

        def disk_full(path: Path, data: bytes) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(fs, "atomic_write", disk_full)
        await pilot.press("tab", "n", *"kept through a full disk", "escape")
        await settle(pilot)
        app.store.flush(5)
        await pilot.pause()
        assert "Not saved: No space left on device" in screen_words(app)
        item = main(app).shown.items[0]  # type: ignore[union-attr]
        assert item.note == "kept through a full disk"  # in the model, shown in the pane
        assert f"{NOTE_MARK} kept through a full disk" in screen_text(app)
        assert "note" not in la_on_disk(roadmap_path)["items"][0]
        monkeypatch.setattr(fs, "atomic_write", real_write)
        await pilot.press("down", "down", "space")  # the next change writes everything
        await flushed(app, pilot)
        assert note_of(la_on_disk(roadmap_path)["items"][0]) == "kept through a full disk"


def edit_file(path: Path, old: str, new: str) -> None:
    """Another program changes the roadmap file."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


async def test_a_reload_keeps_the_editor_open_with_what_was_typed(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path, watch_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await flushed(app, pilot)
        await pilot.press("tab", "down", "n", *"typed during a reload")
        before = main(app).roadmap
        edit_file(roadmap_path, '"Eigenvalues and eigenvectors"', '"Eigenvalues (changed elsewhere)"')
        assert await until(pilot, lambda: main(app).roadmap is not before)
        note = editor(app)
        assert note is not None and app.focused is note
        assert note.text == "typed during a reload"
        assert note.entry.text == "Matrix operations" and note.entry.parent is not None
        assert note.entry in main(app).roadmap.walk_items(), "the editor follows the entry in the new model"
        await pilot.press("escape")
        await flushed(app, pilot)
        la = la_on_disk(roadmap_path)
        assert note_of(la["items"][1]) == "typed during a reload"
        assert la["items"][2]["text"] == "Eigenvalues (changed elsewhere)"


async def test_a_reload_that_removes_the_entry_keeps_the_note_in_a_file_and_on_the_clipboard(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path, watch_interval=0.05)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await flushed(app, pilot)
        await pilot.press("tab", "down", "n", *"about to vanish")
        before = main(app).roadmap
        edit_file(roadmap_path, '  { text = "Matrix operations", done = false },\n', "")
        assert await until(pilot, lambda: main(app).roadmap is not before)
        await pilot.pause()
        assert editor(app) is None
        assert copied == ["about to vanish"]
        [kept] = (roadmap_path.parent / "backups").glob("*.lost-note.md")
        assert kept.read_text(encoding="utf-8") == "about to vanish\n"
        said = [m for m in messages(app) if "What you typed is kept in" in m]
        assert len(said) == 1 and str(kept) in said[0] and "about to vanish" not in said[0]  # the path, not the note
        assert app.is_running


# ctrl+e: $VISUAL / $EDITOR ---------------------------------------------------------------------


def fake_editor(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "fake-editor"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return script


async def test_ctrl_e_writes_the_note_in_visual_and_saves_what_came_back(
    roadmap_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = fake_editor(tmp_path, "[ -s \"$1\" ] && printf '\\n' >> \"$1\"; printf 'added by the editor\\n' >> \"$1\"")
    monkeypatch.setenv("VISUAL", str(script))
    monkeypatch.setattr(RoadmapApp, "suspend", lambda self: a_terminal_that_suspends())
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "ctrl+e")  # on a row: no editor of the app's in between
        await flushed(app, pilot)
        assert note_of(la_on_disk(roadmap_path)["items"][0]) == "added by the editor"
        await pilot.press("down", "down", "n", *"typed here", "ctrl+e")  # from the note editor
        await flushed(app, pilot)
        note = editor(app)
        assert note is not None and note.text == "typed here\nadded by the editor\n"
        assert note_of(la_on_disk(roadmap_path)["items"][1]) == "typed here\nadded by the editor"
        main(app).tree.focus()
        await pilot.press("ctrl+e")  # on a tree node: the topic's note
        await flushed(app, pilot)
        assert note_of(la_on_disk(roadmap_path)) == "added by the editor"
    assert not list(Path(tmp_path).glob("roadmap-note-*"))


@pytest.mark.parametrize(
    ("visual", "said"),
    [
        (None, "No editor is set: set $VISUAL or $EDITOR"),
        ("/nowhere/editor", "The editor “/nowhere/editor” was not found"),
        ("exit 3", "The editor exited with status 3: the note is unchanged"),
        ("suspend", "This terminal can't be handed to an editor here"),
    ],
)
async def test_ctrl_e_says_why_when_there_is_no_editor_to_run(
    roadmap_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, visual: str | None, said: str
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    if visual == "exit 3":
        monkeypatch.setenv("EDITOR", str(fake_editor(tmp_path, "exit 3")))
    elif visual == "suspend":  # (the test's headless driver can't suspend: as in a browser)
        monkeypatch.setenv("EDITOR", str(fake_editor(tmp_path, "echo x >> \"$1\"")))
    elif visual is not None:
        monkeypatch.setenv("VISUAL", visual)
    if visual != "suspend":
        monkeypatch.setattr(RoadmapApp, "suspend", lambda self: a_terminal_that_suspends())
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "n", *"kept", "ctrl+e")
        await pilot.pause()
        assert any(said in m for m in messages(app)), messages(app)
        note = editor(app)
        assert note is not None and note.text == "kept", "the editor stays open with what was typed"
        await pilot.press("escape")
        await flushed(app, pilot)
        assert app.is_running
    assert note_of(la_on_disk(roadmap_path)["items"][0]) == "kept"


# Rendered as Markdown, never as markup ----------------------------------------------------------


HOSTILE_NOTE = "\n".join(
    [
        "# Heading " + MARKUP[0],
        "",
        *(f"- {text}" for text in MARKUP),
        "",
        *ESCAPES,
        "",
        "```",
        "[bold]code[/] \x1b[31m",
        "```",
        "\x07\x08\x9b c0 c1 \u202eevil",
    ]
)


async def test_a_hostile_note_shows_literally_everywhere(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    spy = Spy(app)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        la = main(app).shown
        assert isinstance(la, Item)
        await give_note(app, la, HOSTILE_NOTE)
        await give_note(app, la.items[0], HOSTILE_NOTE)
        await pilot.press("tab", "down", "enter")  # the item's note, opened
        await pilot.pause()
        text = screen_text(app)
        for markup in MARKUP:
            assert markup in text, markup
        assert "[bold]code[/] \\x1b[31m" in text  # a code line verbatim, the escape made visible
        assert "\\x1b[2J" in text and "\\u202eevil" in text
        for raw in RAW:
            assert raw not in text, repr(raw)
        # The editor shows the control characters escaped, and leaving it unchanged writes nothing.
        await flushed(app, pilot)
        writes = app.store.writer.writes
        await pilot.press("n")
        await pilot.pause()
        note = editor(app)
        assert note is not None
        assert "\x1b" not in note.text and "\\x1b[2J" in note.text and "\u202e" not in note.text
        assert note.note == la.items[0].note
        for raw in RAW:
            assert raw not in screen_text(app), repr(raw)
        await pilot.press("escape")
        await flushed(app, pilot)
        assert app.store.writer.writes == writes
        # A click on the note row runs nothing the text carries.
        await pilot.click(ItemList, offset=(10, main(app).pane.items.row_y(main(app).pane.items.highlighted)))
        await pilot.pause()
        assert app.is_running
    spy.check()


async def test_a_note_s_markdown_is_rendered_not_shown_as_source(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        la = main(app).shown
        assert isinstance(la, Item)
        await give_note(app, la, "**Bold** and *em* and `code` and [a link](https://example.org)\n\n1. one\n2. two")
        text = screen_text(app)
        assert "Bold and em and code and a link" in text
        assert "1. one" in text and "2. two" in text
        assert "https://example.org" not in text and "**" not in text


# o on a note -----------------------------------------------------------------------------------


async def test_o_on_a_note_opens_only_its_web_link(roadmap_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(webbrowser, "get", lambda using=None: object())
    app = RoadmapApp(path=roadmap_path)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **kwargs: opened.append(url))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        la = main(app).shown
        assert isinstance(la, Item)
        await give_note(app, la.items[0], "[local](file:///etc/passwd) [js](javascript:alert(1)) [ok](https://example.org/a)")
        await give_note(app, la.items[2], "[local](file:///etc/passwd) and <javascript:alert(1)>")
        await pilot.press("tab", "o")  # the item's own row: its text has no link; the note's is not its
        await pilot.pause()
        assert opened == []
        await pilot.press("down", "o")  # the note's row
        await pilot.pause()
        assert opened == ["https://example.org/a"]
        items = main(app).pane.items
        items.highlighted = next(
            i for i, row in enumerate(items.rows) if isinstance(row, NoteRow) and row.spec.owner is la.items[2]
        )
        await pilot.press("o")
        await pilot.pause()
        assert opened == ["https://example.org/a"], "only http(s) opens"
        assert "No web link in this row." in messages(app)


# Marks -----------------------------------------------------------------------------------------


async def test_entries_with_a_note_are_marked_in_the_tree_and_the_rows(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main(app)
        calculus = get(screen.roadmap, *LA_PATH[:2], "Calculus")
        section = get(screen.roadmap, *LA_PATH[:2])
        assert isinstance(calculus, Item) and isinstance(section, Node)
        assert NOTE_MARK not in tree_label(calculus).plain
        await give_note(app, calculus, "derivatives")
        await give_note(app, section, "the section's own note")
        assert tree_label(calculus).plain.startswith(f"Calculus {NOTE_MARK}")
        assert f"Calculus {NOTE_MARK}" in screen_text(app)  # the tree, and the topic beside this one
        rows = [row.label().plain for row in screen.pane.items.rows]
        assert any(r.startswith("  ▸ Calculus") and r.endswith(NOTE_MARK) for r in rows), rows
        screen.go_to(section)
        await pilot.pause()
        text = screen_text(app)
        assert f"{NOTE_MARK} the section's own note" in text  # under the title
        assert f"{NOTE_MARK} derivatives" in text  # the topic's note under its summary row
        await give_note(app, calculus, "")  # removed: no mark
        assert NOTE_MARK not in tree_label(calculus).plain
        assert f"{NOTE_MARK} derivatives" not in screen_text(app)


# Where the editor goes -------------------------------------------------------------------------


async def test_the_editor_lies_under_its_row_and_follows_a_resize(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "down", "n")
        await pilot.pause()
        note, items = editor(app), main(app).pane.items
        assert note is not None
        row_end = items.region.y + items.row_y(1) + 1
        assert note.region.y == row_end, "right under Matrix operations"
        assert note.region.x >= items.region.x and note.region.right <= main(app).pane.region.right
        assert items.size.height == main(app).pane.items.size.height  # the list kept its size
        await pilot.resize_terminal(160, 50)
        await pilot.pause()
        await pilot.pause()
        assert note.region.width == main(app).pane.content_region.width
        assert app.focused is note


async def test_a_topic_shown_anew_starts_the_cursor_below_its_own_note(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = main(app)
        calculus = get(screen.roadmap, *LA_PATH[:2], "Calculus")
        assert isinstance(calculus, Item)
        app.store.set_note(calculus, "a note on top")
        screen.go_to(calculus)
        await pilot.pause()
        items = screen.pane.items
        assert isinstance(items.rows[0], NoteRow)  # the topic's note first, under the title
        assert items.current is not None and items.current.spec.kind == "item"
        await pilot.press("tab", "space")  # Space still checks the first item
        await pilot.pause()
        assert calculus.items[0].checked


async def test_a_click_on_a_note_s_link_opens_it_only_if_it_is_a_web_link(
    roadmap_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(webbrowser, "get", lambda using=None: object())
    app = RoadmapApp(path=roadmap_path)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **kwargs: opened.append(url))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        la = main(app).shown
        assert isinstance(la, Item)
        await give_note(app, la.items[0], "see [good one](https://example.org/good) or [bad one](ftp://example.org/x)")
        items = main(app).pane.items
        index = next(i for i, row in enumerate(items.rows) if isinstance(row, NoteRow))
        line = items.rows[index].lines(items.scrollable_content_region.width)[0].plain
        y = items.row_y(index)
        await pilot.click(ItemList, offset=(line.index("good one") + 2, y))
        await pilot.pause()
        assert opened == ["https://example.org/good"]
        await pilot.click(ItemList, offset=(line.index("bad one") + 2, y))
        await pilot.pause()
        assert opened == ["https://example.org/good"]
        assert any("Only web links (http, https) open: bad one" in m for m in messages(app))
        await pilot.click(ItemList, offset=(line.index("see"), y))  # elsewhere: the note opens
        await pilot.pause()
        row = items.rows[index]
        assert isinstance(row, NoteRow) and row.spec.is_open


async def test_the_editor_s_title_is_the_entry_s_text_never_markup(tmp_path: Path) -> None:
    import tomlkit
    from helpers import ITEMS, hostile_document

    path = tmp_path / "hostile.toml"
    path.write_text(tomlkit.dumps(hostile_document()), encoding="utf-8")
    app = RoadmapApp(path=path)
    spy = Spy(app)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        screen = main(app)
        topic = screen.shown
        assert isinstance(topic, Item)
        await pilot.press("tab")
        for index, text in enumerate(ITEMS[:6]):
            items = screen.pane.items
            items.highlighted = next(i for i, row in enumerate(items.rows) if row.spec.entry is topic.items[index])
            await pilot.press("n")
            await pilot.pause()
            note = editor(app)
            assert note is not None
            title = screen_text(app)
            for raw in RAW:
                assert raw not in title, repr(raw)
            if text.endswith(" item"):  # "[bold red]x[/] item": its markup as written
                assert f"Note · {text}" in title, text
            await pilot.press(*"n", "escape")
            await pilot.pause()
        assert app.is_running
    spy.check()


async def test_help_over_the_editor_saves_the_note_and_leaves_it_open(roadmap_path: Path) -> None:
    from roadmap_tui.tui.screens.help import HelpScreen

    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "n", *"before the help", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await flushed(app, pilot)
        assert note_of(la_on_disk(roadmap_path)["items"][0]) == "before the help"
        await pilot.press("escape")
        await pilot.pause()
        note = editor(app)
        assert note is not None and app.focused is note, "back to the note, still open"
        await pilot.press(*" and after", "escape")
        await flushed(app, pilot)
        assert note_of(la_on_disk(roadmap_path)["items"][0]) == "before the help and after"


async def test_a_reload_shows_the_file_s_new_note_in_an_editor_not_typed_in(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path, watch_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "n")
        await pilot.pause()
        note = editor(app)
        assert note is not None and note.text == ""
        await flushed(app, pilot)
        before = main(app).roadmap
        edit_file(roadmap_path, '"Vectors and matrices", done = false', '"Vectors and matrices", done = false, note = "from elsewhere"')
        assert await until(pilot, lambda: main(app).roadmap is not before)
        assert editor(app) is note
        reader_reads_notes = note.entry.note == "from elsewhere"  # (schema 3's reader: the storage helper's)
        assert note.text == ("from elsewhere" if reader_reads_notes else "")


async def test_the_footer_offers_no_key_the_note_editor_types(roadmap_path: Path) -> None:
    from roadmap_tui.tui.widgets.key_footer import KeyFooter

    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("tab", "n")
        await pilot.pause()
        footer = main(app).query_one(KeyFooter).render().plain
        assert "Save and close" in footer
        assert "? Help" not in footer and "q Quit" not in footer and "p Doing" not in footer
