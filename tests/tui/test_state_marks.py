"""How states, skipped counts and dates look, piece by piece: the row's box and text, the tree's
label, the summary rows, the palette's words, the toast, "Next up" (no Textual app needed)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from roadmap_tui.core import states
from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.core.progress import recount_all
from roadmap_tui.tui.palette import progress_content
from roadmap_tui.tui.palette_search import Searchable
from roadmap_tui.tui.screens.state_toast import group_states, state_toast
from roadmap_tui.tui.widgets.item_row import Row, RowSpec
from roadmap_tui.tui.widgets.roadmap_tree import tree_label
from roadmap_tui.tui.widgets import tree_labels
from roadmap_tui.tui.widgets.state_marks import long_counts, short_counts, state_box
from roadmap_tui.tui.widgets.topic_pane import next_up, roadmap_summary, unchecked

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=timezone(timedelta(hours=1)))


def topic(*kinds: str, title: str = "Calculus") -> tuple[Roadmap, Item]:
    """A roadmap of one part, one section, one topic whose items are in the states `kinds`."""
    items = []
    for number, kind in enumerate(kinds):
        item = Item(text=f"item {number}", done=kind == states.DONE)
        item.state = kind if kind in states.STORED else ""
        if kind in (states.DOING, states.DONE):
            item.started_at = NOW - timedelta(days=3)
        if kind == states.DONE:
            item.done_at = NOW - timedelta(days=1)
        items.append(item)
    entry = Item(text=title, items=items)
    section = Node(title="Maths", level=3, items=[entry])
    roadmap = Roadmap(title="R", phases=[Node(title="Part", sections=[section])])
    roadmap.link()
    recount_all(roadmap)
    return roadmap, entry


@pytest.mark.parametrize(
    ("state", "box"),
    [(states.TODO, "[ ] "), (states.DOING, "[▸] "), (states.DONE, "[✓] "), (states.SKIPPED, "[–] ")],
)
def test_each_state_has_its_own_box(state: str, box: str) -> None:
    _, entry = topic(state)
    row = Row(RowSpec("item", entry.items[0]))
    assert row.label().plain == f"{box}item 0"
    assert state_box(entry.items[0])[0] == box


def test_a_topics_box_and_tree_label_follow_its_items(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tree_labels, "review_now", lambda: NOW)  # what is due for review
    cases = [
        ((states.TODO, states.TODO), "[ ] ", "Calculus  0/2"),
        ((states.DOING, states.TODO), "[▸] ", "Calculus  0/2 ▸"),
        ((states.DONE, states.TODO), "[▸] ", "Calculus  1/2 ▸"),  # started: in progress
        ((states.DONE, states.SKIPPED), "[✓] ", "Calculus  1/1 ·1s ✔ ↻"),  # finished yesterday: due
        ((states.SKIPPED, states.SKIPPED), "[–] ", "Calculus  2 skipped"),
    ]
    for kinds, box, label in cases:
        _, entry = topic(*kinds)
        assert state_box(entry)[0] == box, kinds
        assert tree_label(entry).plain == label, kinds


def test_parts_and_sections_say_their_skipped_items_but_take_no_doing_mark() -> None:
    roadmap, entry = topic(states.DOING, states.SKIPPED, states.TODO)
    section = entry.parent
    assert isinstance(section, Node)
    assert tree_label(section).plain == "Maths  0/2 ·1s"
    assert tree_label(roadmap).plain == "R  0/2 ·1s"
    assert short_counts(roadmap) == "0/2 ·1s"
    summary = Row(RowSpec("summary", section)).lines(80)[0].plain
    assert "0/2 ·1s" in summary
    assert "· 1 skipped" in roadmap_summary(roadmap).plain
    assert "2 items to check" in roadmap_summary(roadmap).plain


def test_an_all_skipped_topic_says_so_with_no_bar() -> None:
    _, entry = topic(states.SKIPPED, states.SKIPPED)
    line = Row(RowSpec("summary", entry)).lines(60)[0].plain
    assert line.rstrip().endswith("2 skipped") and "░" not in line
    assert long_counts(0, 0, 2) == "2 skipped"
    assert long_counts(3, 9, 2) == "3/9 done · 2 skipped"


def test_done_and_skipped_text_is_dimmed_skipped_struck_doing_not() -> None:
    _, entry = topic(states.DONE, states.SKIPPED, states.DOING)
    styles = [{str(span.style) for span in Row(RowSpec("item", item)).label().spans} for item in entry.items]
    assert "$foreground-muted" in styles[0]
    assert "$foreground-muted strike" in styles[1]
    assert not any("muted" in style for style in styles[2])


def test_dates_sit_at_the_right_edge_and_go_when_the_row_is_narrow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(states, "local_now", lambda: NOW)
    _, entry = topic(states.DONE, states.DOING, states.SKIPPED, states.TODO)
    wide = [Row(RowSpec("item", item)).lines(60) for item in entry.items]
    first = wide[0][0].plain
    assert first.startswith("[✓] item 0  ") and first.endswith(" done yesterday ") and len(first) == 59
    assert wide[1][0].plain.rstrip().endswith("  started 3 days ago")
    assert [lines[0].plain.rstrip() for lines in wide[2:]] == ["[–] item 2", "[ ] item 3"]  # no dates to say
    assert all(lines[0].cell_length <= 60 for lines in wide)
    long = Item(text="a text long enough to want more room than the row has", done=True, done_at=NOW)
    narrow = Row(RowSpec("item", long)).lines(44)
    assert "done" not in "".join(line.plain for line in narrow)  # the text keeps its room
    assert "done today" in Row(RowSpec("item", long)).lines(120)[0].plain


@pytest.mark.parametrize(
    ("kinds", "words"),
    [
        ((states.DONE, states.SKIPPED), "1/1 done · 1 skipped ✓"),
        ((states.TODO, states.SKIPPED), "0/1 done · 1 skipped"),
        ((states.SKIPPED,), "all 1 skipped"),
    ],
)
def test_the_palette_says_skipped_counts(kinds: tuple[str, ...], words: str) -> None:
    _, entry = topic(*kinds)
    assert progress_content(Searchable(entry, None, "Calculus", "calculus", 0, 0)).plain == words


def test_the_palette_says_an_items_state() -> None:
    _, entry = topic(states.TODO, states.DOING, states.DONE, states.SKIPPED)
    said = [progress_content(Searchable(i, None, i.text, i.text, 2, 0)).plain for i in entry.items]
    assert said == ["not done", "▸ doing", "✓ done", "– skipped"]


def test_next_up_leaves_skipped_items_out() -> None:
    roadmap, entry = topic(states.SKIPPED, states.DOING, states.TODO)
    assert [spec.entry.text for spec in next_up(unchecked(roadmap), roadmap)[1:]] == ["item 1", "item 2"]


def toast(kinds: tuple[str, ...], wanted: str) -> str | None:
    _, entry = topic(*kinds)
    before = group_states(entry)
    for item, new in states.changes(entry, wanted):
        item.done = new == states.DONE
        item.state = new if new in states.STORED else ""
    return state_toast(entry, wanted, before)


def test_the_toast_says_what_a_key_on_a_topic_changed() -> None:
    t, d, s, p = states.TODO, states.DONE, states.SKIPPED, states.DOING
    assert toast((t, t, t), d) == "Checked all 3 items of “Calculus”."
    assert toast((d, t, t), d) == "Checked the remaining 2 items of “Calculus”."
    assert toast((d, d, s), d) == "Unchecked 2 items of “Calculus”."
    assert toast((d, d), d) == "Unchecked all 2 items of “Calculus”."
    assert toast((t, t), p) == "Started all 2 items of “Calculus”."
    assert toast((d, t, t), p) == "Started the remaining 2 items of “Calculus”."
    assert toast((p, p, t), p) == "Moved 2 doing items of “Calculus” back to todo."
    assert toast((p, t), s) == "Skipped all 2 items of “Calculus”."
    assert toast((s, s), s) == "Moved 2 skipped items of “Calculus” back to todo."
    assert toast((d, s, t), s) == "Skipped the remaining 1 item of “Calculus”."
    assert toast((s, s), d) == "Nothing to check in “Calculus”: all its items are skipped."
    assert toast((d, s), p) == "Nothing to start in “Calculus”: its items are all done or skipped."
    assert toast((d, d), s) == "Nothing to skip in “Calculus”: all its items are done."
    assert toast((t,), p) is None  # a topic of one item: its row says it all


def test_the_toast_shows_a_title_literally() -> None:
    _, entry = topic(states.TODO, states.TODO, title="[bold]x[/bold] **y**")
    message = state_toast(entry, states.SKIPPED, [(i, states.TODO) for i in entry.items])
    assert message is not None and "[bold]x[/bold] y" in message


def test_the_roadmaps_summary_drops_what_does_not_fit_whole() -> None:
    """At 80x24 the line was cut by the pane's edge right after a `·` (`… 16 items to check ·`)."""
    roadmap = Roadmap("R", phases=[Node("P", items=[Item("a", done=False), Item("b", done=False, state="skipped")])])
    roadmap.link()
    recount_all(roadmap)
    full = roadmap_summary(roadmap).plain
    assert full == "1 part · 0 topics · 1 item to check · 1 skipped"
    assert roadmap_summary(roadmap, len(full)).plain == full
    assert roadmap_summary(roadmap, len(full) - 1).plain == "1 part · 0 topics · 1 item to check"
    assert roadmap_summary(roadmap, 3).plain == "1 part"
