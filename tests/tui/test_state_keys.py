"""Item states in the app: `p` (doing ↔ todo) and `s` (skipped ↔ todo) in the pane and on a topic
in the tree, as Space is; what each shows at once (the row's glyph, the tree, the pane's
progress, the footer's gauge), what the file gets, and the dates a row says."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.content import Content
from helpers import screen_lines, screen_text

from roadmap_tui.core import states
from roadmap_tui.core.model import Item, Node
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.widgets.item_list import ItemList
from roadmap_tui.tui.widgets.roadmap_tree import RoadmapTree

ZONE = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 11, 30, 9, 15, tzinfo=ZONE)  # what the store's clock says
WEDNESDAY = datetime(2026, 12, 2, 18, 0, tzinfo=ZONE)  # "now" for the rows' dates


def on_disk(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def linear_algebra_items(path: Path) -> list[dict]:
    return on_disk(path)["phases"][0]["sections"][0]["items"][0]["items"]


def main(app: RoadmapApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


def row_texts(app: RoadmapApp) -> list[str]:
    return [row.label().plain for row in main(app).query_one(ItemList).rows]


def drawn(app: RoadmapApp, index: int) -> str:
    """The first line of row `index` as the list draws it (its dates at the right edge)."""
    items = main(app).query_one(ItemList)
    return items.rows[index].lines(items.scrollable_content_region.width)[0].plain


def tree_label(app: RoadmapApp, entry: Item | Node) -> str:
    node = main(app).query_one(RoadmapTree).node_for(entry)
    assert node is not None
    return node.label.plain


def gauge_text(app: RoadmapApp) -> str:
    return main(app).gauge.render().plain


def pane_progress(app: RoadmapApp) -> str:
    subtitle = main(app).pane.border_subtitle
    return "" if subtitle is None else Content.from_markup(subtitle).plain


def notifications(app: RoadmapApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def saved(app: RoadmapApp, pilot) -> None:
    await pilot.pause()
    app.store.flush(5)


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch):
    """The rows' "now" pinned to a Wednesday; the app's store dates changes on the Monday."""
    monkeypatch.setattr(states, "local_now", lambda: WEDNESDAY)

    def app_for(path: Path) -> RoadmapApp:
        app = RoadmapApp(path=path, watch_interval=0)
        app.store.clock = lambda: MONDAY
        return app

    return app_for


async def test_p_in_the_pane_marks_doing_everywhere_and_again_back_to_todo(roadmap_path: Path, pinned) -> None:
    app = pinned(roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        topic = main(app).shown
        assert isinstance(topic, Item) and topic.text == "Linear Algebra"
        await pilot.press("tab", "p")
        await saved(app, pilot)
        assert row_texts(app)[0] == "[▸] Vectors and matrices"
        assert drawn(app, 0).rstrip().endswith(" started 2 days ago")  # at the right edge
        assert tree_label(app, topic) == "Linear Algebra  0/3 ▸"
        assert pane_progress(app).endswith("0% · 1 doing")
        assert gauge_text(app).split()[:2] == ["0/76", "0%"]
        item = linear_algebra_items(roadmap_path)[0]
        assert item["state"] == "doing" and item["started_at"] == MONDAY and "done_at" not in item
        assert item["done"] is False

        await pilot.press("p")
        await saved(app, pilot)
        assert row_texts(app)[0] == "[ ] Vectors and matrices"
        assert tree_label(app, topic) == "Linear Algebra  0/3"
        assert "doing" not in pane_progress(app)
        item = linear_algebra_items(roadmap_path)[0]
        assert "state" not in item and item["started_at"] == MONDAY  # the start stays


async def test_s_in_the_pane_skips_and_the_item_leaves_every_count(roadmap_path: Path, pinned) -> None:
    app = pinned(roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        topic = main(app).shown
        await pilot.press("tab", "space", "j", "s")
        await saved(app, pilot)
        texts = row_texts(app)
        assert texts[0] == "[✓] Vectors and matrices"
        assert drawn(app, 0).rstrip().endswith(" done 2 days ago")
        assert texts[1] == "[–] Matrix operations" and drawn(app, 1).rstrip() == texts[1]  # skipped: no date
        assert tree_label(app, topic) == "Linear Algebra  1/2 ·1s ▸"
        assert pane_progress(app) == "1/2 ██████░░░░░░ 50% · 1 skipped"
        assert gauge_text(app).split()[:5] == ["1/75", "·", "1", "skipped", "1%"]
        section = topic.parent
        assert isinstance(section, Node)
        assert tree_label(app, section).endswith("1/8 ·1s")
        items = linear_algebra_items(roadmap_path)
        assert items[0]["done"] is True and items[0]["done_at"] == MONDAY and items[0]["started_at"] == MONDAY
        assert items[1]["state"] == "skipped" and items[1]["done"] is False and "started_at" not in items[1]

        await pilot.press("s")
        await saved(app, pilot)
        assert row_texts(app)[1] == "[ ] Matrix operations"
        assert tree_label(app, topic) == "Linear Algebra  1/3 ▸"
        assert "skipped" not in gauge_text(app) and "skipped" not in pane_progress(app)
        assert "state" not in linear_algebra_items(roadmap_path)[1]


async def test_the_row_styles_tell_the_states_apart(roadmap_path: Path, pinned) -> None:
    app = pinned(roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "space", "j", "p", "j", "s")
        rows = main(app).query_one(ItemList).rows
        styles = [{str(span.style) for span in row.label().spans} for row in rows[:3]]
        assert any("$text-success" in style for style in styles[0])  # done: a green check
        assert "$foreground-muted" in styles[0]  # and its text dimmed
        assert not any("muted" in style for style in styles[1])  # doing stands out
        assert "$foreground-muted strike" in styles[2]  # skipped: dimmed and struck through


async def test_p_and_s_on_a_topic_in_the_tree_set_its_items_and_say_so(roadmap_path: Path, pinned) -> None:
    app = pinned(roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        topic = main(app).shown
        assert isinstance(app.focused, RoadmapTree)
        await pilot.press("p")
        await saved(app, pilot)
        assert [text[:4] for text in row_texts(app)[:3]] == ["[▸] "] * 3
        assert tree_label(app, topic) == "Linear Algebra  0/3 ▸"
        assert pane_progress(app).endswith("· 3 doing")
        assert "Started all 3 items of “Linear Algebra”." in notifications(app)
        assert [i.get("state") for i in linear_algebra_items(roadmap_path)[:3]] == ["doing"] * 3

        await pilot.press("p")
        await saved(app, pilot)
        assert "Moved 3 doing items of “Linear Algebra” back to todo." in notifications(app)
        assert [i.get("state") for i in linear_algebra_items(roadmap_path)[:3]] == [None] * 3

        await pilot.press("s")
        await saved(app, pilot)
        assert "Skipped all 3 items of “Linear Algebra”." in notifications(app)
        assert tree_label(app, topic) == "Linear Algebra  3 skipped"
        assert pane_progress(app) == "all 3 skipped"
        assert "0/73" in gauge_text(app) and "3 skipped" in gauge_text(app)
        assert [i.get("state") for i in linear_algebra_items(roadmap_path)[:3]] == ["skipped"] * 3

        app.clear_notifications()
        await pilot.press("space")  # nothing left to check: it says why
        await saved(app, pilot)
        assert notifications(app) == ["Nothing to check in “Linear Algebra”: all its items are skipped."]
        await pilot.press("s")
        await saved(app, pilot)
        assert "Moved 3 skipped items of “Linear Algebra” back to todo." in notifications(app)
        assert tree_label(app, topic) == "Linear Algebra  0/3"


async def test_s_on_a_partly_done_topic_skips_the_rest(roadmap_path: Path, pinned) -> None:
    app = pinned(roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        topic = main(app).shown
        await pilot.press("tab", "space", "shift+tab", "s")
        await saved(app, pilot)
        assert "Skipped the remaining 2 items of “Linear Algebra”." in notifications(app)
        # done: all its items not skipped are; finished on Monday, due for review by Wednesday (↻)
        assert tree_label(app, topic) == "Linear Algebra  1/1 ·2s ✔ ↻"
        assert [text[:4] for text in row_texts(app)[:3]] == ["[✓] ", "[–] ", "[–] "]


async def test_state_keys_do_nothing_where_there_is_no_state(roadmap_path: Path) -> None:
    """p and s on a part, a section, the roadmap's row, a Duration, a plain bullet of the
    Resources Library: nothing changes, nothing breaks, the app runs on."""
    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await saved(app, pilot)
        before = roadmap_path.read_bytes()
        await pilot.press("home", "p", "s")  # the roadmap's own row (its pane: the overview)
        await pilot.press("tab", "p", "s", "shift+tab")  # a part's summary row
        await pilot.press("down", "p", "s")  # Foundation Phase, in the tree
        await pilot.press("tab", "p", "s", "shift+tab")  # its Duration row
        await pilot.press("end", "l", "down", "p", "s")  # Resources Library › Books
        await pilot.press("tab", "a", *"A book", "enter")
        await saved(app, pilot)
        with_book = roadmap_path.read_bytes()
        await pilot.press("p", "s")  # on the bullet just added
        await saved(app, pilot)
        assert isinstance(app.screen, MainScreen) and app.is_running
        assert roadmap_path.read_bytes() == with_book
        assert before != with_book  # (the book did go in: the keys reached the app)
        assert "s" not in [row.label().plain for row in main(app).query_one(ItemList).rows]


@pytest.mark.parametrize("where", ["pane", "tree"])
async def test_the_footer_and_help_offer_p_and_s_on_an_item(roadmap_path: Path, where: str) -> None:
    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        if where == "pane":
            await pilot.press("tab")
        footer = screen_lines(app)[-1]
        assert "p Doing" in footer and "s Skip" in footer
        await pilot.press("question_mark")
        await pilot.pause()
        assert "p / s" in screen_text(app)


async def test_a_narrow_terminal_keeps_the_states_readable(roadmap_path: Path, pinned) -> None:
    app = pinned(roadmap_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        topic = main(app).shown
        await pilot.press("tab", "space", "j", "p", "j", "s")
        await saved(app, pilot)
        lines = screen_lines(app)
        text = "\n".join(lines)
        for glyph, words in (("[✓]", "Vectors and matrices"), ("[▸]", "Matrix operations"), ("[–]", "Eigenvalues")):
            assert f"{glyph} {words}" in text
        assert "started" not in text and "done 2" not in text  # no room for dates: dropped
        assert "Linear Algebra  1/2 ·1s ▸" in text
        assert "1/75 ·1s" in lines[-1] and "Quit" in lines[-1]  # the gauge, short, and the keys that matter
        assert pane_progress(app).endswith("50% ·1s")
        assert all(len(line) <= 80 for line in lines)
        assert tree_label(app, topic).startswith("Linear Algebra")


async def test_p_and_s_on_a_next_up_row_show_at_once(roadmap_path: Path, pinned) -> None:
    app = pinned(roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("home", "tab", *["j"] * 6)  # past the six parts to the first suggestion
        items = main(app).query_one(ItemList)
        row = items.current
        assert row is not None and row.spec.kind == "next"
        assert row.label().plain.startswith("[ ] Vectors and matrices")
        await pilot.press("p")
        await saved(app, pilot)
        assert row.label().plain.startswith("[▸] Vectors and matrices")
        assert linear_algebra_items(roadmap_path)[0]["state"] == "doing"
        await pilot.press("s")  # doing → skipped: `s` asks for skipped whatever the state
        await saved(app, pilot)
        assert row.label().plain.startswith("[–] Vectors and matrices")
        assert "1 skipped" in pane_progress(app) or "·1s" in pane_progress(app)
        assert linear_algebra_items(roadmap_path)[0]["state"] == "skipped"
