"""The app driven as a user drives it: keys and clicks in, screen and file out (Textual's Pilot)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from helpers import screen_text

from roadmap_tui.core.model import Item, Node
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.screens.help import HelpScreen
from roadmap_tui.tui.screens.load_error import LoadErrorScreen
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.widgets.item_list import ItemList
from roadmap_tui.tui.widgets.item_row import InlineInput
from roadmap_tui.tui.widgets.roadmap_tree import RoadmapTree


def on_disk(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def linear_algebra(data: dict) -> dict:
    return data["phases"][0]["sections"][0]["items"][0]


def shown(app: RoadmapApp):
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen.shown


def row_texts(app: RoadmapApp) -> list[str]:
    return [row.label().plain for row in app.screen.query_one(ItemList).rows]


async def settle(app: RoadmapApp, pilot) -> None:
    await pilot.pause()
    app.store.flush(5)


async def test_first_launch_shows_linear_algebra_with_focus_in_tree(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert roadmap_path.exists(), "first launch creates the roadmap file from the default"
        assert isinstance(app.focused, RoadmapTree)
        entry = shown(app)
        assert isinstance(entry, Item) and entry.text == "Linear Algebra"
        assert app.screen.query_one(RoadmapTree).current is entry
        text = screen_text(app)
        assert "Vectors and matrices" in text
        assert "Eigenvalues and eigenvectors" in text
        assert "Resources: ✎ e.g., 3Blue1Brown" in text  # the hint, shown dimmed
        assert "0/76" in text and "0%" in text  # the gauge


async def test_space_toggles_item_and_saves_at_once(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        assert isinstance(app.focused, ItemList)
        await pilot.press("space")
        await settle(app, pilot)
        assert linear_algebra(on_disk(roadmap_path))["items"][0]["done"] is True
        assert "1/76" in screen_text(app)
        assert "1/3" in app.screen.query_one(RoadmapTree).cursor_node.label.plain
        await pilot.press("space")
        await settle(app, pilot)
        assert linear_algebra(on_disk(roadmap_path))["items"][0]["done"] is False
        assert "0/76" in screen_text(app)


async def test_completing_a_topic_checks_it_and_shows_a_check_mark(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "space", "j", "space", "j", "space")
        await settle(app, pilot)
        la = linear_algebra(on_disk(roadmap_path))
        assert [i["done"] for i in la["items"][:3]] == [True, True, True]
        assert la["items"][3]["done"] is False  # the Resources row is not counted and not touched
        assert la["done"] is True  # the topic follows its items
        label = app.screen.query_one(RoadmapTree).node_for(shown(app)).label.plain
        assert "3/3" in label and "✔" in label
        # The Resources row toggles but does not count.
        await pilot.press("j", "space")
        await settle(app, pilot)
        assert linear_algebra(on_disk(roadmap_path))["items"][3]["done"] is True
        assert "3/76" in screen_text(app)


async def test_tree_keys_move_open_and_close(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(RoadmapTree)
        await pilot.press("j")
        assert shown(app).title == "Calculus"
        await pilot.press("k")
        assert shown(app).title == "Linear Algebra"
        await pilot.press("down")
        assert shown(app).title == "Calculus"
        await pilot.press("up")
        await pilot.press("h")  # a leaf: go to the parent
        assert shown(app).title == "Mathematics & Statistics Foundations"
        await pilot.press("left")  # an open node: close it
        assert not tree.cursor_node.is_expanded
        await pilot.press("l")  # open it again
        assert tree.cursor_node.is_expanded
        await pilot.press("left", "left")  # close it, then go to the phase
        assert shown(app).title == "Foundation Phase"
        await pilot.press("end")
        assert shown(app).title == "Resources Library"
        await pilot.press("enter")  # Enter opens a node
        assert tree.cursor_node.is_expanded
        await pilot.press("right")  # Right on an open node goes to its first child
        assert shown(app).title == "Books"
        await pilot.press("home")  # the first row: the roadmap itself (its overview)
        assert shown(app) is app.screen.roadmap
        await pilot.press("down")
        assert shown(app).title == "Foundation Phase"
        await pilot.press("down", "right")  # Math: open it
        await pilot.press("right")  # its first child
        assert shown(app).title == "Linear Algebra"
        await pilot.press("right")  # Right on a leaf topic: work on its items
        assert isinstance(app.focused, ItemList)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, RoadmapTree)


async def test_phase_shows_duration_focus_and_section_progress(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        await pilot.press("home", "down")
        assert shown(app).title == "Foundation Phase"
        text = screen_text(app)
        assert "Duration: ✎ e.g., 2-3 months" in text
        assert "Focus: Building fundamental knowledge" in text
        for section, progress in [
            ("Mathematics & Statistics Foundations", "0/9"),
            ("Programming Foundations", "0/6"),
            ("Machine Learning Basics", "0/9"),
            ("Foundation Projects", "0/3"),
        ]:
            line = next(line for line in text.splitlines() if section in line and "▸" in line)
            assert progress in line


async def test_edit_duration_inline_enter_saves_escape_cancels_empty_restores(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("home", "down", "tab")
        assert row_texts(app)[0].startswith("Duration:")
        await pilot.press("e")
        editor = app.screen.query_one(InlineInput)
        assert editor.value == "" and app.focused is editor  # an unfilled placeholder edits as empty
        await pilot.press(*"10 weeks", "enter")
        await settle(app, pilot)
        assert on_disk(roadmap_path)["phases"][0]["duration_fill"] == "10 weeks"
        assert "Duration: 10 weeks" in screen_text(app)
        assert isinstance(app.focused, ItemList)
        # Enter edits too, prefilled with the value; Escape cancels.
        await pilot.press("enter")
        editor = app.screen.query_one(InlineInput)
        assert editor.value == "10 weeks"
        await pilot.press("x", "escape")
        await settle(app, pilot)
        assert not app.screen.query(InlineInput)
        assert on_disk(roadmap_path)["phases"][0]["duration_fill"] == "10 weeks"
        # Saving an empty value brings the placeholder back.
        await pilot.press("e", "ctrl+u", "enter")  # ctrl+u clears the input line
        await settle(app, pilot)
        assert not app.screen.query(InlineInput)
        assert "duration_fill" not in on_disk(roadmap_path)["phases"][0]
        assert "Duration: ✎ e.g., 2-3 months" in screen_text(app)


async def test_fill_resources_project_and_specialization_title(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # Resources row of Linear Algebra (the 4th row).
        await pilot.press("tab", "end", "e", *"3b1b", "enter")
        await settle(app, pilot)
        assert linear_algebra(on_disk(roadmap_path))["items"][3]["text_fill"] == "3b1b"
        assert "Resources: 3b1b" in screen_text(app)
        # A project item: Foundation Projects, the first project. Reach it with the keys.
        await pilot.press("shift+tab", "h", "h")  # up to Math (a leaf goes to its parent), close it
        await pilot.press("j", "j", "j")  # Programming, ML Basics, Foundation Projects
        assert shown(app).title == "Foundation Projects"
        await pilot.press("enter")  # Enter on a leaf: work on its items
        assert isinstance(app.focused, ItemList)
        await pilot.press("e", *"Titanic EDA", "enter")
        await settle(app, pilot)
        projects = on_disk(roadmap_path)["phases"][0]["sections"][3]["items"]
        assert projects[0]["text_fill"] == "Titanic EDA"
        assert "Project 1: Titanic EDA" in screen_text(app)


async def test_specialization_area_title_is_editable(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        area = screen.roadmap.phases[1].sections[1]
        screen.tree.reveal(area)
        await pilot.pause()
        assert shown(app) is area
        await pilot.press("tab")
        assert row_texts(app)[0].startswith("Title: Specialization Area 1:")
        await pilot.press("enter", *"NLP", "enter")
        await settle(app, pilot)
        assert on_disk(roadmap_path)["phases"][1]["sections"][1]["title_fill"] == "NLP"
        assert "Specialization Area 1: NLP" in screen.tree.node_for(area).label.plain


async def test_resources_library_add_edit_and_remove(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        books = screen.roadmap.phases[5].sections[0]
        screen.tree.reveal(books)
        await pilot.pause()
        await pilot.press("tab", "e", *"Deep Learning (Goodfellow)", "enter")
        await pilot.press("a", *"Hands-On ML", "enter")
        await settle(app, pilot)
        entries = on_disk(roadmap_path)["phases"][5]["sections"][0]["items"]
        assert entries == [
            {"text": "_[List key books]_", "text_fill": "Deep Learning (Goodfellow)"},
            {"text": "Hands-On ML"},
        ]
        assert row_texts(app)[-1].endswith("Hands-On ML")
        # `a` then Escape adds nothing.
        await pilot.press("a", *"nope", "escape")
        await settle(app, pilot)
        assert len(on_disk(roadmap_path)["phases"][5]["sections"][0]["items"]) == 2
        # An added entry (no placeholder) edits its text; `d` deletes it at once.
        await pilot.press("end", "e", "end", *" 2e", "enter")
        await settle(app, pilot)
        assert on_disk(roadmap_path)["phases"][5]["sections"][0]["items"][1]["text"] == "Hands-On ML 2e"
        await pilot.press("end", "d")
        await settle(app, pilot)
        assert len(on_disk(roadmap_path)["phases"][5]["sections"][0]["items"]) == 1


async def test_help_opens_with_question_mark_and_f1_and_closes_with_escape(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            assert isinstance(app.screen, HelpScreen)
            text = screen_text(app)
            for expected in ("Space", "Tab / Shift+Tab", "Escape", "q / Ctrl+Q", "Home / End"):
                assert expected in text
            await pilot.press("escape")
            assert isinstance(app.screen, MainScreen)


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
async def test_quit_keys_and_reopen_at_last_selection(roadmap_path: Path, key: str) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("j", "j")  # Probability & Statistics
        assert shown(app).title == "Probability & Statistics"
        await pilot.press(key)
        await pilot.pause()
    assert app.return_code == 0
    assert "ui" not in on_disk(roadmap_path)  # the place is kept in the view-state file, not here
    again = RoadmapApp(path=roadmap_path)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert shown(again).title == "Probability & Statistics"
        assert again.screen.query_one(RoadmapTree).current is shown(again)


async def test_mouse_click_selects_tree_node_and_toggles_item(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(RoadmapTree)
        calculus_line = next(n for n in tree._entry_nodes.values() if n.data.title == "Calculus").line
        await pilot.click(RoadmapTree, offset=(8, calculus_line - tree.scroll_offset.y + 1))
        await pilot.pause()
        assert shown(app).title == "Calculus"
        items = app.screen.query_one(ItemList)
        await pilot.click(items, offset=(2, items.row_y(1)))
        await settle(app, pilot)
        calculus = on_disk(roadmap_path)["phases"][0]["sections"][0]["items"][1]
        assert calculus["items"][1]["done"] is True
        assert "1/76" in screen_text(app)


async def test_invalid_file_shows_the_problem_and_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.toml"
    original = b'schema = 1\ntitle = "x"\n[[phases]\ntitle = "broken"\n'
    path.write_bytes(original)
    app = RoadmapApp(path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoadErrorScreen)
        text = screen_text(app)
        assert str(path) in text
        assert "3:" in text and "invalid TOML" in text
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 2
    assert path.read_bytes() == original


async def test_wrong_value_names_the_field(default_copy: Path) -> None:
    text = default_copy.read_text(encoding="utf-8")
    bad = text.replace('{ text = "Matrix operations", done = false }', '{ text = "Matrix operations", done = "yes" }')
    default_copy.write_text(bad, encoding="utf-8")
    app = RoadmapApp(path=default_copy)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert "phases[0].sections[0].items[0].items[1].done: expected true or false" in screen_text(app)
    assert default_copy.read_text(encoding="utf-8") == bad


HOSTILE = [
    "[bold red]x[/]",
    "[@click=app.quit]click me[/]",
    "[link=file:///etc/passwd]pw[/link]",
]


async def test_text_from_the_file_is_shown_literally_never_as_markup(default_copy: Path) -> None:
    text = default_copy.read_text(encoding="utf-8")
    text = text.replace('title = "Mathematics & Statistics Foundations"', 'title = "[bold red]x[/]"')
    text = text.replace('text = "Linear Algebra"', 'text = "[@click=app.quit]click me[/]"')
    text = text.replace('"Vectors and matrices"', '"[link=file:///etc/passwd]pw[/link] \\u001b[2J esc"')
    text = text.replace('title = "AI/ML Learning Roadmap"', 'title = "AI \\u001b[31mRED \\u202eabc"')
    default_copy.write_text(text, encoding="utf-8")
    app = RoadmapApp(path=default_copy)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        shown_text = screen_text(app)
        for literal in HOSTILE:
            assert literal in shown_text
        assert "\\x1b[2J esc" in shown_text  # the escape shows as text, never reaches the terminal
        assert "AI \\x1b[31mRED \\u202eabc" in shown_text  # the header too, bidi override included
        assert "\x1b" not in shown_text and "\u202e" not in shown_text
        # Clicking the would-be link runs no action: the app is still there.
        tree = app.screen.query_one(RoadmapTree)
        await pilot.click(RoadmapTree, offset=(10, tree.cursor_line + 1))
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, MainScreen)


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_layout_at_small_and_large_sizes(roadmap_path: Path, size: tuple[int, int]) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        text = screen_text(app)
        lines = text.splitlines()
        assert len(lines) == size[1]
        # The footer keeps the gauge and the key hints that matter.
        assert "0/76" in lines[-1] and "Quit" in lines[-1] and "Toggle" in lines[-1]
        for expected in ("Foundation Phase", "Linear Algebra", "Eigenvalues and eigenvectors", "Resources:"):
            assert expected in text
        tree = app.screen.query_one(RoadmapTree)
        pane = app.screen.query_one("#topic")
        assert tree.size.width >= 28 and pane.size.width >= 40
        if size[0] >= 160:
            assert tree.size.width + pane.size.width >= size[0] - 8  # the space is used
            # A tall terminal opens the parts, so every section is in view from the start.
            for section in ("Deep Learning", "Interview Preparation", "Communities"):
                assert section in text
        else:
            assert "Interview Preparation" not in text  # a small one opens only the way to the topic


async def test_entry_for_a_node_with_no_items_of_its_own(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        continuous = screen.roadmap.phases[4]
        assert isinstance(continuous, Node) and continuous.is_leaf
        screen.tree.reveal(continuous)
        await pilot.pause()
        text = screen_text(app)
        assert "Ongoing activities throughout the journey:" in text
        assert "**" not in text  # shown bold, not as Markdown asterisks
        await pilot.press("tab", "space")
        await settle(app, pilot)
        assert on_disk(roadmap_path)["phases"][4]["items"][0]["done"] is True


async def test_enter_on_a_summary_row_opens_that_entry(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("home", "down", "tab")  # Foundation Phase: Duration, then the four sections
        await pilot.press("j", "j", "enter")  # Programming Foundations
        await pilot.pause()
        assert shown(app).title == "Programming Foundations"
        assert app.screen.query_one(RoadmapTree).current is shown(app)
        assert isinstance(app.focused, ItemList)  # still in the pane, on the section's topics
        await pilot.press("space")  # a topic row: checks all of Python for Data Science
        await settle(app, pilot)
        topic = on_disk(roadmap_path)["phases"][0]["sections"][1]["items"][0]
        assert topic["done"] is True and all(i["done"] for i in topic["items"][:3])
        assert "3/76" in screen_text(app)


async def test_command_palette_goes_to_a_topic_and_shows_titles_literally(default_copy: Path) -> None:
    text = default_copy.read_text(encoding="utf-8").replace('text = "Calculus"', 'text = "Calculus [b]x[/b]"')
    default_copy.write_text(text, encoding="utf-8")
    app = RoadmapApp(path=default_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"calculus")
        await pilot.pause(0.5)
        assert "Calculus [b]x[/b]" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app).text == "Calculus [b]x[/b]"


async def test_an_unexpected_error_shows_one_line_and_logs_the_traceback(
    roadmap_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from roadmap_tui import paths

    def broken(self, item):  # noqa: ANN001 - stands in for a bug in a handler
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr("roadmap_tui.storage.store.RoadmapStore.toggle", broken)
    app = RoadmapApp(path=roadmap_path)
    with pytest.raises(ZeroDivisionError):  # run_test re-raises it for the test's sake
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("tab", "space")
            await pilot.pause()
    assert app.return_code == 1
    err = " ".join(capsys.readouterr().err.split())  # unwrap the console's line breaks
    assert "roadmap-tui stopped on an unexpected error" in err
    assert "Traceback" not in err and "ZeroDivisionError" not in err
    log = paths.crash_log()
    assert f"details are in {log}" in err
    assert "ZeroDivisionError: a bug" in log.read_text(encoding="utf-8")


async def test_keys_typed_just_before_ctrl_q_are_all_saved(roadmap_path: Path) -> None:
    from textual import events

    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        # Queue the keys at once, as a fast typist or a paste would: nothing waits between them.
        for key, character in [("space", " "), ("down", None), ("space", " "), ("down", None), ("space", " ")]:
            app.post_message(events.Key(key, character))
        app.post_message(events.Key("ctrl+q", None))
        await pilot.pause(1)
    la = linear_algebra(on_disk(roadmap_path))
    assert [i["done"] for i in la["items"][:3]] == [True, True, True]
    assert la["done"] is True


async def test_quitting_with_an_unsaved_change_asks_first(roadmap_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from roadmap_tui.storage import fs
    from roadmap_tui.tui.screens.unsaved import UnsavedScreen

    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        real_write = fs.atomic_write

        def disk_full(path: Path, data: bytes) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(fs, "atomic_write", disk_full)
        await pilot.press("tab", "space")
        await settle(app, pilot)
        assert "Not saved: No space left on device" in screen_text(app)  # a warning that stays
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen)
        assert "No space left on device" in screen_text(app)
        await pilot.press("escape")  # back to the roadmap: nothing lost, still running
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.is_running
        monkeypatch.setattr(fs, "atomic_write", real_write)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen)  # the last write failed: still asks
        await pilot.press("r")  # try again: it works now, and the app quits
        await pilot.pause()
    assert app.return_code == 0
    assert linear_algebra(on_disk(roadmap_path))["items"][0]["done"] is True


async def test_leaving_an_edit_keeps_what_was_typed(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "end", "e", *"Strang's lectures", "tab")  # Tab away mid-edit
        await settle(app, pilot)
        assert not app.screen.query(InlineInput)
        assert linear_algebra(on_disk(roadmap_path))["items"][3]["text_fill"] == "Strang's lectures"
        assert isinstance(app.focused, RoadmapTree)
        # An edit left unchanged writes nothing.
        writes = app.store.writer.writes
        await pilot.press("tab", "e", "tab")
        await settle(app, pilot)
        assert app.store.writer.writes == writes


async def test_the_inline_editor_shows_control_characters_as_escapes(default_copy: Path) -> None:
    text = default_copy.read_text(encoding="utf-8").replace(
        '{ text = "Resources: _[e.g., 3Blue1Brown Linear Algebra, MIT OCW]_", done = false }',
        '{ text = "Resources: _[e.g., \\u001b]2;PWNED\\u0007 hint]_", done = false, '
        'text_fill = "x \\u001b]52;c;Y2xpcA==\\u0007 y" }',
    )
    default_copy.write_text(text, encoding="utf-8")
    app = RoadmapApp(path=default_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "end", "e")
        editor = app.screen.query_one(InlineInput)
        assert editor.value == "x \\x1b]52;c;Y2xpcA==\\x07 y"  # nothing raw reaches the terminal
        assert editor.placeholder == "e.g., \\x1b]2;PWNED\\x07 hint"
        await pilot.press("tab")  # left unchanged: nothing is written, the file keeps its bytes
        await settle(app, pilot)
    assert default_copy.read_text(encoding="utf-8") == text


async def test_q_quits_from_the_help_screen(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")
        await pilot.pause(0.5)
    assert app.return_code == 0 and not app.is_running


async def test_quitting_mid_edit_keeps_what_was_typed(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "end", "e", *"MyRes", "ctrl+q")
        await pilot.pause(1)
    assert linear_algebra(on_disk(roadmap_path))["items"][3]["text_fill"] == "MyRes"


async def test_enter_on_an_unchanged_edit_writes_nothing(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await settle(app, pilot)
        writes = app.store.writer.writes
        await pilot.press("tab", "end", "e", "enter")
        await settle(app, pilot)
        assert app.store.writer.writes == writes
        assert not app.screen.query(InlineInput)
