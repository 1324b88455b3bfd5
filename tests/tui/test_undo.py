"""Undo and redo in the app: `ctrl+z` takes back each kind of change the app makes (Space on an
item and on a topic, `p`, `s`, a blank filled, a text edited, a note, `v`, `a`, `d`), `ctrl+y`
and `ctrl+shift+z` do it again; the screen (rows, tree labels, the pane's progress, the gauge)
and the file show the model as it is after each; a toast says what was undone; in an inline
editor the keys are the editor's."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

from helpers import screen_text

from roadmap_tui.core.model import Item, Node
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.widgets.item_list import ItemList
from roadmap_tui.tui.widgets.item_row import InlineInput
from roadmap_tui.tui.widgets.roadmap_tree import RoadmapTree


def on_disk(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def la_on_disk(path: Path) -> dict:
    return on_disk(path)["phases"][0]["sections"][0]["items"][0]


def books_on_disk(path: Path) -> list[dict]:
    return on_disk(path)["phases"][5]["sections"][0]["items"]


def main(app: RoadmapApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


def row_texts(app: RoadmapApp) -> list[str]:
    return [row.label().plain for row in main(app).query_one(ItemList).rows]


def tree_label(app: RoadmapApp, entry: Item | Node) -> str:
    node = main(app).tree.node_for(entry)
    assert node is not None
    return node.label.plain


def gauge(app: RoadmapApp) -> str:
    return main(app).gauge.render().plain


def toasts(app: RoadmapApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def last_toast(app: RoadmapApp) -> str:
    return toasts(app)[-1]


async def saved(app: RoadmapApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    assert app.store.flush(5) and app.store.writer.error is None


async def test_space_on_an_item_is_undone_and_redone_with_both_redo_keys(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        topic = main(app).shown
        assert isinstance(topic, Item)
        await pilot.press("ctrl+z")
        assert last_toast(app) == "Nothing to undo"
        await saved(app, pilot)
        before = roadmap_path.read_text(encoding="utf-8")
        await pilot.press("tab", "space")
        await saved(app, pilot)
        assert row_texts(app)[0] == "[✓] Vectors and matrices" and gauge(app).split()[0] == "1/76"

        await pilot.press("ctrl+z")
        await saved(app, pilot)
        assert last_toast(app) == "Undid: check 'Vectors and matrices'"
        assert row_texts(app)[0] == "[ ] Vectors and matrices"
        assert tree_label(app, topic) == "Linear Algebra  0/3"
        assert gauge(app).split()[0] == "0/76"
        assert roadmap_path.read_text(encoding="utf-8") == before  # the dates went too
        assert isinstance(app.focused, ItemList) and main(app).pane.items.highlighted == 0

        await pilot.press("ctrl+y")
        await saved(app, pilot)
        assert last_toast(app) == "Redid: check 'Vectors and matrices'"
        assert row_texts(app)[0] == "[✓] Vectors and matrices" and gauge(app).split()[0] == "1/76"
        assert la_on_disk(roadmap_path)["items"][0]["done"] is True
        await pilot.press("ctrl+z", "ctrl+shift+z")
        await saved(app, pilot)
        assert last_toast(app) == "Redid: check 'Vectors and matrices'"
        assert "done_at" in la_on_disk(roadmap_path)["items"][0]
        await pilot.press("ctrl+y")
        assert last_toast(app) == "Nothing to redo"


async def test_space_on_a_topic_in_the_tree_is_undone_as_one(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        topic = main(app).shown
        assert isinstance(topic, Item) and isinstance(app.focused, RoadmapTree)
        await pilot.press("space")
        await saved(app, pilot)
        assert tree_label(app, topic).startswith("Linear Algebra  3/3")
        await pilot.press("ctrl+z")
        await saved(app, pilot)
        assert last_toast(app) == "Undid: check 'Linear Algebra'"
        assert tree_label(app, topic) == "Linear Algebra  0/3"
        assert [text[:3] for text in row_texts(app)[:3]] == ["[ ]"] * 3
        assert gauge(app).split()[0] == "0/76"
        table = la_on_disk(roadmap_path)
        assert table["done"] is False and [i["done"] for i in table["items"][:3]] == [False] * 3
        assert isinstance(app.focused, RoadmapTree) and main(app).tree.current is topic
        await pilot.press("ctrl+y")
        await saved(app, pilot)
        assert tree_label(app, topic).startswith("Linear Algebra  3/3")
        assert la_on_disk(roadmap_path)["done"] is True


async def test_p_and_s_are_undone(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        topic = main(app).shown
        assert isinstance(topic, Item)
        await pilot.press("tab", "p", "j", "s")
        await saved(app, pilot)
        assert row_texts(app)[:2] == ["[▸] Vectors and matrices", "[–] Matrix operations"]
        await pilot.press("ctrl+z")
        await saved(app, pilot)
        assert last_toast(app) == "Undid: skip 'Matrix operations'"
        assert row_texts(app)[1] == "[ ] Matrix operations" and "skipped" not in gauge(app)
        assert "state" not in la_on_disk(roadmap_path)["items"][1]
        assert main(app).pane.items.highlighted == 1  # on the row that changed
        await pilot.press("ctrl+z")
        await saved(app, pilot)
        assert last_toast(app) == "Undid: mark 'Vectors and matrices' doing"
        assert row_texts(app)[0] == "[ ] Vectors and matrices"
        assert tree_label(app, topic) == "Linear Algebra  0/3"
        first = la_on_disk(roadmap_path)["items"][0]
        assert "state" not in first and "started_at" not in first
        assert main(app).pane.items.highlighted == 0
        await pilot.press("ctrl+y", "ctrl+y")
        await saved(app, pilot)
        assert row_texts(app)[:2] == ["[▸] Vectors and matrices", "[–] Matrix operations"]
        assert [i.get("state") for i in la_on_disk(roadmap_path)["items"][:2]] == ["doing", "skipped"]


async def test_a_filled_blank_is_undone(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e", "ctrl+a", *"Strang lectures", "enter")  # the topic's Resources line
        await saved(app, pilot)
        resources = la_on_disk(roadmap_path)["items"][-1]
        assert resources["text_fill"] == "Strang lectures"
        assert any("Strang lectures" in text for text in row_texts(app))
        await pilot.press("ctrl+z")
        await saved(app, pilot)
        assert last_toast(app).startswith("Undid: fill 'Resources: e.g., 3Blue1Brown")
        assert not any("Strang lectures" in text for text in row_texts(app))
        assert "text_fill" not in la_on_disk(roadmap_path)["items"][-1]
        await pilot.press("ctrl+y")
        await saved(app, pilot)
        assert any("Strang lectures" in text for text in row_texts(app))
        assert la_on_disk(roadmap_path)["items"][-1]["text_fill"] == "Strang lectures"


async def go_to_books(app: RoadmapApp, pilot) -> Node:  # type: ignore[no-untyped-def]
    screen = main(app)
    books = screen.roadmap.phases[5].sections[0]
    assert books.title == "Books"
    screen.tree.reveal(books)
    await pilot.pause()
    await pilot.press("tab")
    return books


async def test_a_added_and_d_removed_entries_and_a_text_edit_are_undone(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await go_to_books(app, pilot)
        await pilot.press("a", *"Deep Learning", "enter")  # the first fills the list's hint
        await pilot.press("a", *"Hands-On ML", "enter")
        await saved(app, pilot)
        assert books_on_disk(roadmap_path)[1] == {"text": "Hands-On ML"}
        assert row_texts(app)[-1].endswith("Hands-On ML")

        await pilot.press("ctrl+z")  # the add
        await saved(app, pilot)
        assert last_toast(app) == "Undid: add 'Hands-On ML'"
        assert not any("Hands-On ML" in text for text in row_texts(app))
        assert len(books_on_disk(roadmap_path)) == 1
        await pilot.press("ctrl+y")
        await saved(app, pilot)
        assert last_toast(app) == "Redid: add 'Hands-On ML'"
        assert row_texts(app)[-1].endswith("Hands-On ML")
        assert books_on_disk(roadmap_path)[1] == {"text": "Hands-On ML"}

        # A text edit (an entry with no blank).
        await pilot.press("end", "e", "end", *" 2e", "enter")
        await saved(app, pilot)
        assert books_on_disk(roadmap_path)[1]["text"] == "Hands-On ML 2e"
        await pilot.press("ctrl+z")
        await saved(app, pilot)
        assert last_toast(app) == "Undid: rename 'Hands-On ML' to 'Hands-On ML 2e'"
        assert row_texts(app)[-1].endswith("Hands-On ML") and books_on_disk(roadmap_path)[1]["text"] == "Hands-On ML"
        await pilot.press("ctrl+y")
        await saved(app, pilot)
        assert row_texts(app)[-1].endswith("Hands-On ML 2e")

        # d: deleted at once; ctrl+z puts it back, the cursor on it.
        await pilot.press("end", "d")
        await saved(app, pilot)
        assert len(books_on_disk(roadmap_path)) == 1
        await pilot.press("ctrl+z")
        await saved(app, pilot)
        assert last_toast(app) == "Undid: delete 'Hands-On ML 2e'"
        items = main(app).pane.items
        assert row_texts(app)[-1].endswith("Hands-On ML 2e")
        current = items.current
        assert current is not None and isinstance(current.spec.entry, Item)
        assert current.spec.entry.text == "Hands-On ML 2e" and isinstance(app.focused, ItemList)
        assert books_on_disk(roadmap_path)[1] == {"text": "Hands-On ML 2e"}
        await pilot.press("ctrl+y")
        await saved(app, pilot)
        assert not any("Hands-On ML" in text for text in row_texts(app))
        assert len(books_on_disk(roadmap_path)) == 1

        # And the hint's fill that the first `a` made.
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z", "ctrl+z")
        await saved(app, pilot)
        assert last_toast(app) == "Undid: fill 'List key books'"
        assert books_on_disk(roadmap_path) == [{"text": "_[List key books]_"}]
        assert "Deep Learning" not in screen_text(app)


async def test_a_note_is_undone_and_its_rows_go(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "n", *"Row space", "escape")
        await saved(app, pilot)
        assert la_on_disk(roadmap_path)["items"][0]["note"].strip() == "Row space"
        assert "Row space" in screen_text(app)
        await pilot.press("ctrl+z")
        await saved(app, pilot)
        assert last_toast(app) == "Undid: note on 'Vectors and matrices'"
        assert "Row space" not in screen_text(app)
        assert "note" not in la_on_disk(roadmap_path)["items"][0]
        await pilot.press("ctrl+y")
        await saved(app, pilot)
        assert "Row space" in screen_text(app)
        assert la_on_disk(roadmap_path)["items"][0]["note"].strip() == "Row space"


async def test_v_is_undone_before_the_check_it_followed(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        topic = main(app).shown
        assert isinstance(topic, Item)
        # in the tree: the topic checked, then reviewed (V: "forgot", as v waits for it to be due)
        await pilot.press("space", "V")
        await pilot.pause()
        await pilot.press("n")  # (not doing again)
        await saved(app, pilot)
        assert [r["result"] for r in la_on_disk(roadmap_path)["reviews"]] == ["forgot"]
        await pilot.press("ctrl+z")
        await saved(app, pilot)
        assert last_toast(app) == "Undid: review 'Linear Algebra' (forgot)"
        assert topic.reviews == () and "reviews" not in la_on_disk(roadmap_path)
        assert tree_label(app, topic).startswith("Linear Algebra  3/3")  # still checked
        await pilot.press("ctrl+y")
        await saved(app, pilot)
        assert len(la_on_disk(roadmap_path)["reviews"]) == 1
        await pilot.press("ctrl+z", "ctrl+z")
        await saved(app, pilot)
        assert last_toast(app) == "Undid: check 'Linear Algebra'"
        assert tree_label(app, topic) == "Linear Algebra  0/3" and "reviews" not in la_on_disk(roadmap_path)


async def test_in_an_inline_editor_ctrl_z_is_the_editor_s(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "space")
        await saved(app, pilot)
        await pilot.press("shift+tab", "e")  # the Resources line's editor
        await pilot.pause()
        assert isinstance(app.focused, InlineInput)
        await pilot.press("ctrl+z", "ctrl+y")
        assert isinstance(app.focused, InlineInput)
        assert row_texts(app)[0] == "[✓] Vectors and matrices"  # not undone
        assert not any(t.startswith(("Undid", "Redid", "Nothing")) for t in toasts(app))
        await pilot.press("escape", "ctrl+z")
        await saved(app, pilot)
        assert last_toast(app) == "Undid: check 'Vectors and matrices'"


def dashboard_words(app: RoadmapApp) -> str:
    """The words of the dashboard's rows, as the list draws them (on screen or not)."""
    items = main(app).pane.items
    width = items.scrollable_content_region.width
    lines = [line.plain for row in items.rows if row.spec.kind == "dash" for line in row.lines(width)]
    return " ".join(" ".join(lines).split())


async def test_the_dashboard_shows_an_undo_done_from_it(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("home", "tab")  # the roadmap's row: the dashboard, and "Next up" below it
        await pilot.pause()
        items = main(app).pane.items
        items.highlighted = next(i for i, row in enumerate(items.rows) if row.spec.kind == "next")
        await pilot.press("space")
        await saved(app, pilot)
        assert "Overall 1/76 done" in dashboard_words(app)
        await pilot.press("ctrl+z")
        await saved(app, pilot)
        assert last_toast(app) == "Undid: check 'Vectors and matrices'"
        words = dashboard_words(app)
        assert "Overall 0/76 done" in words and "This week 0" in words
        assert main(app).shown is main(app).roadmap  # still the dashboard
        assert gauge(app).split()[0] == "0/76"


async def test_an_undo_another_program_made_impossible_says_so(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "space")
        await saved(app, pilot)
        # Another program removes the item checked; the app reloads the file.
        text = roadmap_path.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        roadmap_path.write_text("".join(line for line in lines if "Vectors and matrices" not in line), encoding="utf-8")
        app.store.save()
        await saved(app, pilot)
        await pilot.pause()
        assert any("changed by another program: reloaded" in t for t in toasts(app))
        assert not any("Vectors and matrices" in t for t in row_texts(app))
        on_file = roadmap_path.read_text(encoding="utf-8")
        await pilot.press("ctrl+z")
        await saved(app, pilot)
        assert last_toast(app) == "Can't undo check 'Vectors and matrices': changed by another program"
        assert roadmap_path.read_text(encoding="utf-8") == on_file
        await pilot.press("ctrl+z")
        assert last_toast(app) == "Nothing to undo"


async def test_V_then_doing_again_is_one_undo_then_the_review_another(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime, timedelta, timezone

    from roadmap_tui.core import states
    from roadmap_tui.tui.screens.doing_again import DoingAgainScreen

    now = datetime(2026, 11, 25, 10, 0, tzinfo=timezone(timedelta(hours=1)))
    path = tmp_path / "review_due.toml"
    shutil.copy(Path(__file__).parent.parent / "fixtures" / "review_due.toml", path)
    before = path.read_text(encoding="utf-8")
    monkeypatch.setattr(states, "local_now", lambda: now)
    app = RoadmapApp(path=path, watch_interval=0)
    app.store.clock = lambda: now
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("V")
        await pilot.pause()
        assert isinstance(app.screen, DoingAgainScreen)
        await pilot.press("y")
        await saved(app, pilot)
        topic = main(app).shown
        assert isinstance(topic, Item) and topic.text == "Linear Algebra"
        assert [states.own_status(i) for i in topic.items] == [states.DOING] * 2
        await pilot.press("ctrl+z")
        await saved(app, pilot)
        assert last_toast(app) == "Undid: put 'Linear Algebra' back in progress"
        assert [states.own_status(i) for i in topic.items] == [states.DONE] * 2
        await pilot.press("ctrl+z")
        await saved(app, pilot)
        assert last_toast(app) == "Undid: review 'Linear Algebra' (forgot)"
        assert tomllib.loads(path.read_text(encoding="utf-8")) == tomllib.loads(before)
        assert tree_label(app, topic).endswith("↻")  # due again, as before the V


async def test_ctrl_z_in_a_text_field_takes_back_a_burst_of_typing_and_ctrl_y_types_it_again(roadmap_path: Path) -> None:
    """A text field's own undo (`typing_undo.py`): one burst of typing is one step; the value the
    field opened with is where it stops; the roadmap's undo is not touched."""
    from roadmap_tui.tui.widgets import typing_undo
    from roadmap_tui.tui.widgets.item_row import InlineInput

    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        field = app.focused
        assert isinstance(field, InlineInput)
        opened = field.value
        await pilot.press(*"abc")
        typed = field.value
        field._last_change -= typing_undo.GROUP_SECONDS  # a pause before the next burst
        await pilot.press(*"de")
        await pilot.press("ctrl+z")
        assert field.value == typed
        await pilot.press("ctrl+z", "ctrl+z")  # (the second has nothing left: the opened value stays)
        assert field.value == opened
        await pilot.press("ctrl+y")
        assert field.value == typed
        assert not app.store.actions.done  # the roadmap's undo: nothing was recorded
