"""Reviews in the app: `v` (reviewed) and `V` (forgot, then "doing again?") in the tree and the
pane, the tree's ↻ on what is due, "N due" in the footer, the palette's "Review next", and the
message on what is not a finished topic. "Now" is pinned: the store's clock (what a review is
dated) and `states.local_now` (what `tree_labels.review_now` reads: what is due)."""

from __future__ import annotations

import shutil
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from roadmap_tui.core import states
from roadmap_tui.core.model import Item
from roadmap_tui.core.outline import ancestors
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.screens.doing_again import DoingAgainScreen
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.widgets.note_editor import NoteEditor
from roadmap_tui.tui.widgets.roadmap_tree import RoadmapTree

FIXTURE = Path(__file__).parent.parent / "fixtures" / "review_due.toml"
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    copy = tmp_path / "review_due.toml"
    shutil.copy(FIXTURE, copy)
    return copy


@pytest.fixture
def app(path: Path, monkeypatch: pytest.MonkeyPatch) -> RoadmapApp:
    monkeypatch.setattr(states, "local_now", lambda: NOW)
    made = RoadmapApp(path=path, watch_interval=0)
    made.store.clock = lambda: NOW
    return made


def main(app: RoadmapApp) -> MainScreen:
    screen = app.screen_stack[0] if not isinstance(app.screen, MainScreen) else app.screen
    assert isinstance(screen, MainScreen)
    return screen


def topic(app: RoadmapApp, name: str) -> Item:
    found = next(i for i in main(app).roadmap.walk_items() if i.text == name)
    return found


def label(app: RoadmapApp, name: str) -> str:
    node = main(app).query_one(RoadmapTree).node_for(topic(app, name))
    assert node is not None
    return node.label.plain


def gauge(app: RoadmapApp) -> str:
    return main(app).gauge.render().plain


def notifications(app: RoadmapApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def topic_on_disk(path: Path, index: int) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))["phases"][0]["sections"][0]["items"][index]


async def saved(app: RoadmapApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    app.store.flush(5)


async def test_due_topics_carry_the_mark_and_the_footer_counts_them(app: RoadmapApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert label(app, "Linear Algebra").endswith("↻")
        assert not label(app, "Calculus").endswith("↻")  # finished this morning: due tomorrow
        assert not label(app, "Statistics").endswith("↻")  # not finished
        assert gauge(app).startswith(" ↻ 1 due · ")


async def test_v_in_the_tree_records_a_review_and_changes_no_count(app: RoadmapApp, path: Path) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert main(app).tree.current is topic(app, "Linear Algebra")
        done = main(app).roadmap.n_done
        await pilot.press("v")
        await saved(app, pilot)
        assert "Reviewed “Linear Algebra”: next in 3 days." in notifications(app)
        assert not label(app, "Linear Algebra").endswith("↻")
        assert "due" not in gauge(app)
        assert main(app).roadmap.n_done == done
        assert gauge(app).split()[0] == f"{done}/{main(app).roadmap.n_total}"
        reviews = topic_on_disk(path, 0)["reviews"]
        assert [(r["result"], r["at"]) for r in reviews] == [("remembered", NOW)]


async def test_v_in_the_pane_reviews_the_shown_topic(app: RoadmapApp, path: Path) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab")  # the pane: the cursor on an item of Linear Algebra
        await pilot.press("v")
        await saved(app, pilot)
        assert "Reviewed “Linear Algebra”: next in 3 days." in notifications(app)
        assert [r["result"] for r in topic_on_disk(path, 0)["reviews"]] == ["remembered"]


async def test_V_asks_and_yes_marks_the_topic_doing_again(app: RoadmapApp, path: Path) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("V")
        await pilot.pause()
        assert isinstance(app.screen, DoingAgainScreen)
        assert "Forgot “Linear Algebra”: next in 1 day." in notifications(app)
        await pilot.press("y")
        await saved(app, pilot)
        assert isinstance(app.screen, MainScreen)
        on_disk = topic_on_disk(path, 0)
        assert [r["result"] for r in on_disk["reviews"]] == ["forgot"]
        assert all(item["done"] is False for item in on_disk["items"])
        assert [states.own_status(i) for i in topic(app, "Linear Algebra").items] == [states.DOING] * 2
        assert "“Linear Algebra” is in progress again." in notifications(app)
        assert "due" not in gauge(app)


async def test_V_then_no_keeps_the_topic_done(app: RoadmapApp, path: Path) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        done = main(app).roadmap.n_done
        await pilot.press("V")
        await pilot.pause()
        await pilot.press("n")
        await saved(app, pilot)
        assert isinstance(app.screen, MainScreen)
        on_disk = topic_on_disk(path, 0)
        assert [r["result"] for r in on_disk["reviews"]] == ["forgot"]
        assert all(item["done"] is True for item in on_disk["items"])
        assert main(app).roadmap.n_done == done
        assert not label(app, "Linear Algebra").endswith("↻")  # due tomorrow


async def test_v_on_what_is_not_a_finished_topic_says_so(app: RoadmapApp, path: Path) -> None:
    before = path.read_text(encoding="utf-8")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        main(app).go_to(topic(app, "Statistics"))
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert "Nothing to review in “Statistics”: it is not finished." in notifications(app)
        main(app).go_to(main(app).roadmap)
        await pilot.pause()
        await pilot.press("V")
        await saved(app, pilot)
        assert "Reviews are for finished topics: put the cursor on one." in notifications(app)
        assert isinstance(app.screen, MainScreen)
    assert path.read_text(encoding="utf-8") == before


async def test_the_palettes_review_next_goes_to_the_due_topic(app: RoadmapApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        main(app).go_to(topic(app, "Statistics"))
        await pilot.pause()
        await pilot.press("ctrl+p", *"review next")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert main(app).tree.current is topic(app, "Linear Algebra")
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("ctrl+p", *"review next")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert "Nothing is due for review." in notifications(app)


async def test_v_on_a_topics_row_in_also_in_reviews_that_topic(app: RoadmapApp, path: Path) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        main(app).go_to(topic(app, "Calculus"))
        await pilot.pause()
        await pilot.press("tab")
        items = main(app).pane.items
        [index] = [
            i for i, row in enumerate(items.rows) if row.spec.kind == "context" and row.spec.entry is topic(app, "Linear Algebra")
        ]
        items.highlighted = index
        await pilot.press("v")
        await saved(app, pilot)
        assert "Reviewed “Linear Algebra”: next in 3 days." in notifications(app)
        assert [r["result"] for r in topic_on_disk(path, 0)["reviews"]] == ["remembered"]
        assert "reviews" not in topic_on_disk(path, 1)  # not the topic shown


async def test_a_narrow_footer_says_the_due_count_short(app: RoadmapApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gauge(app).startswith(" ↻1 · ")


async def test_v_on_a_part_says_its_topics_are_reviewed(app: RoadmapApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        main(app).go_to(main(app).roadmap.phases[0])
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert "“Basics” is not reviewed as a whole: review the finished topics in it." in notifications(app)


async def test_v_typed_in_a_note_is_text_not_a_review(app: RoadmapApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.focused, NoteEditor)
        await pilot.press("v", "V")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert not topic(app, "Linear Algebra").reviews
        assert not any(n.startswith(("Reviewed", "Forgot")) for n in notifications(app))
        assert app.focused.text.endswith("vV")


@pytest.mark.parametrize(("day_starts_at", "due"), [(None, False), (0, True)])
async def test_due_follows_the_study_day_of_the_settings(
    path: Path, monkeypatch: pytest.MonkeyPatch, day_starts_at: int | None, due: bool
) -> None:
    """At 03:00 on 21 Nov, a topic finished on the 20th at 20:00 (due the 21st) is not due yet when
    the day starts at 04:00 (the default: it is still the 20th's study day); with
    `day_starts_at = 0` it is (the tree's mark and the footer's count alike)."""
    from roadmap_tui import paths

    if day_starts_at is not None:
        paths.settings_file().parent.mkdir(parents=True, exist_ok=True)
        paths.settings_file().write_text(f"day_starts_at = {day_starts_at}\n", encoding="utf-8")
    early = datetime(2026, 11, 21, 3, 0, tzinfo=NOW.tzinfo)
    monkeypatch.setattr(states, "local_now", lambda: early)
    app = RoadmapApp(path=path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert label(app, "Linear Algebra").endswith("↻") is due
        assert ("↻ 1 due" in gauge(app)) is due


async def test_the_dashboard_reads_the_same_now_as_the_tree(app: RoadmapApp) -> None:
    """The dashboard's "Due for review" counts on the clock the tree's ↻ and the footer read (it had
    its own, so pinning "now" for one left the other on the real date: 2 due beside "1 due")."""
    from helpers import screen_words

    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("home")
        await pilot.pause()
        words = screen_words(app)
        assert "Due for review 1 │" in words and "↻ Linear Algebra · 4 days overdue" in words
        assert "↻ Calculus" not in words and "↻ 1 due" in words


async def test_review_next_again_steps_to_the_next_due_topic(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With two due, "Review next" on the first (not reviewed) goes on to the second, then round to
    the first again: it used to stay on the most overdue one."""
    later = NOW + timedelta(days=1)  # Calculus (finished the 25th) is due too
    monkeypatch.setattr(states, "local_now", lambda: later)
    app = RoadmapApp(path=path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        main(app).go_to(topic(app, "Statistics"))  # (not due)
        seen = []
        for _ in range(3):
            main(app).review_next()
            await pilot.pause()
            seen.append(main(app).tree.current)
        assert seen == [topic(app, "Linear Algebra"), topic(app, "Calculus"), topic(app, "Linear Algebra")]
        assert "Due for review: “Calculus” (2 of 2 due). v: reviewed, V: forgot." in notifications(app)


def subtitle(pane) -> str:  # type: ignore[no-untyped-def]
    from textual.content import Content

    found = pane.border_subtitle
    return found.plain if isinstance(found, Content) else Content.from_markup(found or "").plain


async def test_the_panes_border_says_when_a_finished_topic_is_next_reviewed(app: RoadmapApp) -> None:
    """A due topic's pane says so beside its progress; after `v`, when the next review is."""
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        pane = main(app).pane
        assert main(app).tree.current is topic(app, "Linear Algebra")
        assert subtitle(pane).endswith("100% · ↻ review due")
        await pilot.press("v")
        await pilot.pause()
        assert subtitle(pane).endswith("100% · review in 3 days")
        main(app).go_to(topic(app, "Calculus"))  # finished this morning
        await pilot.pause()
        assert subtitle(pane).endswith("100% · review tomorrow")
        main(app).go_to(topic(app, "Statistics"))  # not finished: nothing to say
        await pilot.pause()
        assert "review" not in subtitle(pane)


async def test_a_narrow_pane_says_the_next_review_short(app: RoadmapApp) -> None:
    """At 80x24 the long note did not fit beside the bar, and the pane said nothing of reviews."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert main(app).tree.current is topic(app, "Linear Algebra")
        assert subtitle(main(app).pane).endswith("100% · ↻ due")
        await pilot.press("v")
        await pilot.pause()
        assert subtitle(main(app).pane).endswith("100% · ↻ in 3d")


async def test_v_on_a_topic_not_due_yet_says_when_and_V_still_works(app: RoadmapApp, path: Path) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        calculus = topic(app, "Calculus")  # finished this morning: due tomorrow
        main(app).go_to(calculus)
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert "“Calculus” is not due for review yet: tomorrow. (V if you forgot it.)" in notifications(app)
        assert calculus.reviews == ()
        await pilot.press("V")
        await pilot.pause()
        assert [r.result for r in calculus.reviews] == ["forgot"]


async def test_a_new_study_day_brings_what_comes_due_with_no_key_pressed(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Left open overnight, the app's ↻ marks and "N due" followed nothing until a key changed
    something; now a new study day (checked every minute) makes them again."""
    clock = [NOW]
    monkeypatch.setattr(states, "local_now", lambda: clock[0])
    app = RoadmapApp(path=path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "↻ 1 due" in gauge(app) and not label(app, "Calculus").endswith("↻")
        clock[0] = NOW + timedelta(hours=12)  # 22:00: the same study day
        assert not main(app).new_day_check()
        clock[0] = NOW + timedelta(hours=18, minutes=1)  # 04:01 the next morning
        assert main(app).new_day_check()
        await pilot.pause()
        assert "↻ 2 due" in gauge(app) and label(app, "Calculus").endswith("↻")
        # a search narrowing the tree after it shows the new marks too (its labels are kept)
        tree = main(app).tree
        calculus = topic(app, "Calculus")
        tree.load(main(app).roadmap, keep=frozenset(id(e) for e in (calculus, *ancestors(calculus))))
        await pilot.pause()
        assert label(app, "Calculus").endswith("↻")
