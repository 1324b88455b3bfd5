"""Reviews in the roadmap file: written by the store as inline tables in the entry's `reviews`
array (an inline-table topic and an array-of-tables topic alike), read back, validated with
field paths, undone exactly, logged, and exported to JSON."""

from __future__ import annotations

import json
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import tomlkit

from conftest import get

from roadmap_tui.core import edits, review, states
from roadmap_tui.core.edits import RemoveEntry, key_path
from roadmap_tui.core.model import Item, Node, Review
from roadmap_tui.core.outline import title_path
from roadmap_tui.core.review_edits import AppendReview
from roadmap_tui.errors import RoadmapError
from roadmap_tui.formats.json_export import roadmap_dict
from roadmap_tui.storage import activity, toml_edit
from roadmap_tui.storage.reader import parse_roadmap, read_roadmap
from roadmap_tui.storage.segmented import SegmentedDocument
from roadmap_tui.storage.store import RoadmapStore

CET = timezone(timedelta(hours=1))
FINISHED = datetime(2026, 12, 1, 19, 5, tzinfo=CET)
REVIEWED = datetime(2026, 12, 3, 8, 0, tzinfo=CET)

INLINE = """schema = 3
title = "Hand-written"

[[phases]]
title = "P"
items = [
  { text = "Topic", done = true, items = [{ text = "a", done = true, done_at = 2026-12-01T19:05:00+01:00 }, { text = "b", done = true, done_at = 2026-12-01T19:05:00+01:00 }] },
  { text = "Open", done = false, items = [{ text = "c", done = false }] },
]

[[phases.sections]]
title = "Leaf"
items = [{ text = "d", done = true, done_at = 2026-12-01T19:05:00+01:00 }]
"""


def store_at(path: Path, clock: list[datetime]) -> RoadmapStore:
    store = RoadmapStore(path, clock=lambda: clock[0])
    store.load()
    return store


def finished_calculus(path: Path, clock: list[datetime]) -> tuple[RoadmapStore, Item]:
    store = store_at(path, clock)
    assert store.roadmap is not None
    entry = get(store.roadmap, "Foundation Phase", "Mathematics & Statistics Foundations", "Calculus")
    assert isinstance(entry, Item)
    store.set_state(entry, states.DONE)
    return store, entry


def test_a_review_of_an_array_of_tables_topic_reaches_the_file_and_reads_back(tmp_path: Path) -> None:
    path, clock = tmp_path / "roadmap.toml", [FINISHED]
    store, entry = finished_calculus(path, clock)
    assert store.roadmap is not None
    done_before = (store.roadmap.n_done, store.roadmap.n_total)
    clock[0] = REVIEWED
    after = store.review(entry)
    assert after is not None and after.interval == 3 and after.due.isoformat() == "2026-12-06"
    clock[0] = REVIEWED + timedelta(days=4)
    after = store.review(entry, forgot=True)
    assert after is not None and after.interval == 1
    assert (store.roadmap.n_done, store.roadmap.n_total) == done_before  # reviews never count
    assert store.flush(10) and store.writer.error is None
    text = path.read_text(encoding="utf-8")
    assert (
        'reviews = [{ at = 2026-12-03T08:00:00+01:00, result = "remembered" }, '
        '{ at = 2026-12-07T08:00:00+01:00, result = "forgot" }]'
    ) in text
    table = tomllib.loads(text)["phases"][0]["sections"][0]["items"][1]
    assert table["reviews"] == [
        {"at": REVIEWED, "result": "remembered"},
        {"at": REVIEWED + timedelta(days=4), "result": "forgot"},
    ]
    reread = read_roadmap(path).roadmap
    again = get(reread, "Foundation Phase", "Mathematics & Statistics Foundations", "Calculus")
    assert again.reviews == (Review(REVIEWED, "remembered"), Review(REVIEWED + timedelta(days=4), "forgot"))
    assert (reread.n_done, reread.n_total) == done_before
    store.close()


def test_the_log_records_each_review(tmp_path: Path) -> None:
    path, clock = tmp_path / "roadmap.toml", [FINISHED]
    store, entry = finished_calculus(path, clock)
    for _ in range(3):
        clock[0] += timedelta(days=10)
        store.review(entry)
    store.review(entry, forgot=True)
    assert store.flush(10) and store.close()
    records = [r for r in activity.read(path).records if r["change"] == "review"]
    assert [(r["result"], r["next_days"]) for r in records] == [
        ("remembered", 3), ("remembered", 7), ("remembered", 14), ("forgot", 1),
    ]
    assert records[0]["entry"] == title_path(entry)
    assert [activity.describe(r) for r in records[2:]] == ["reviewed (next in 14 days)", "forgot (back to 1 day)"]


def test_only_a_finished_topic_is_reviewed(tmp_path: Path) -> None:
    path, clock = tmp_path / "roadmap.toml", [FINISHED]
    store = store_at(path, clock)
    assert store.roadmap is not None
    entry = get(store.roadmap, "Foundation Phase", "Mathematics & Statistics Foundations", "Calculus")
    assert isinstance(entry, Item)
    assert store.review(entry) is None and entry.reviews == ()
    assert store.review(entry.items[0]) is None  # a counted item: its topic is reviewed
    assert store.close()


def test_an_inline_table_topic_and_a_leaf_section(tmp_path: Path) -> None:
    path, clock = tmp_path / "hand.toml", [REVIEWED]
    path.write_text(INLINE, encoding="utf-8")
    store = store_at(path, clock)
    assert store.roadmap is not None
    topic, leaf, still_open = (get(store.roadmap, "P", t) for t in ("Topic", "Leaf", "Open"))
    assert store.review(still_open) is None
    assert store.review(topic) is not None
    clock[0] = REVIEWED + timedelta(days=1)
    assert store.review(topic) is not None
    assert store.review(leaf, forgot=True) is not None
    assert store.flush(10) and store.writer.error is None
    text = path.read_text(encoding="utf-8")
    assert (
        '  { text = "Topic", done = true, items = [{ text = "a", done = true, done_at = 2026-12-01T19:05:00+01:00 }, '
        '{ text = "b", done = true, done_at = 2026-12-01T19:05:00+01:00 }], '
        'reviews = [{ at = 2026-12-03T08:00:00+01:00, result = "remembered" }, '
        '{ at = 2026-12-04T08:00:00+01:00, result = "remembered" }] },\n'
    ) in text
    assert 'title = "Leaf"\nitems = [{ text = "d", done = true, done_at = 2026-12-01T19:05:00+01:00 }]\n' \
        'reviews = [{ at = 2026-12-04T08:00:00+01:00, result = "forgot" }]\n' in text
    reread = read_roadmap(path).roadmap
    assert len(get(reread, "P", "Topic").reviews) == 2
    assert get(reread, "P", "Leaf").reviews == (Review(REVIEWED + timedelta(days=1), "forgot"),)
    assert store.close()


def _review_edits(text: str, *titles: str, when: tuple[datetime, ...] = (REVIEWED,)) -> list[AppendReview]:
    """The applied edits of reviews ("forgot") at `when` of the entry at `titles`, made in the model."""
    model = parse_roadmap(text.encode(), Path("x.toml")).roadmap
    entry = get(model, *titles)
    found = []
    for moment in when:
        edit = AppendReview(key_path(entry), tuple(title_path(entry)), review=Review(moment, "forgot"))
        applied = edits.apply(model, edit)
        assert applied is not None
        found.append(applied)
    return found


def _review_edit(text: str, *titles: str) -> AppendReview:
    return _review_edits(text, *titles)[0]


@pytest.mark.parametrize("titles", [("P", "Topic"), ("P", "Leaf"), ("P",)])
def test_segmented_and_whole_document_agree_and_undo_is_exact(titles: tuple[str, ...]) -> None:
    edit = _review_edit(INLINE, *titles)
    whole = tomlkit.parse(INLINE)
    assert toml_edit.apply(whole, edit)
    chunked = SegmentedDocument(INLINE)
    assert chunked.apply(edit)
    chunked.verify()
    assert chunked.as_string() != INLINE
    # (the same data; tomlkit's whole document may drop a blank line before the next table)
    assert tomllib.loads(chunked.as_string()) == tomllib.loads(whole.as_string())
    assert chunked.apply(edit.inverse())
    chunked.verify()
    assert chunked.as_string() == INLINE  # the key goes with its last review


def test_a_second_review_appends_and_its_undo_keeps_the_first(default_copy: Path) -> None:
    text = default_copy.read_text(encoding="utf-8")
    titles = ("Foundation Phase", "Mathematics & Statistics Foundations", "Calculus")
    first, second = _review_edits(text, *titles, when=(REVIEWED, REVIEWED + timedelta(days=2)))
    doc = SegmentedDocument(text)
    assert doc.apply(first)
    once = doc.as_string()
    assert doc.apply(second)
    assert doc.as_string().count("result = \"forgot\"") == 2
    assert doc.apply(second.inverse())
    assert doc.as_string() == once
    assert doc.apply(first.inverse())
    assert doc.as_string() == text


def test_a_hand_written_array_of_review_tables_gets_a_table() -> None:
    text = INLINE + '\n[[phases.sections.reviews]]\nat = 2026-12-02T08:00:00+01:00\nresult = "remembered"\n'
    edit = _review_edit(text, "P", "Leaf")
    doc = SegmentedDocument(text)
    assert doc.apply(edit)
    doc.verify()
    reviews = tomllib.loads(doc.as_string())["phases"][0]["sections"][0]["reviews"]
    assert [r["result"] for r in reviews] == ["remembered", "forgot"]
    assert "[[phases.sections.reviews]]\nat = 2026-12-03T08:00:00+01:00" in doc.as_string()
    assert doc.apply(edit.inverse())
    assert tomllib.loads(doc.as_string()) == tomllib.loads(text)
    whole = tomlkit.parse(text)
    assert toml_edit.apply(whole, edit)
    assert [r["result"] for r in tomllib.loads(whole.as_string())["phases"][0]["sections"][0]["reviews"]] == [
        "remembered", "forgot",
    ]
    assert toml_edit.apply(whole, edit.inverse())
    assert tomllib.loads(whole.as_string()) == tomllib.loads(text)


def test_a_removed_topic_comes_back_with_its_reviews() -> None:
    text = INLINE.replace(
        "done = true, items = [{ text = \"a\"",
        "done = true, reviews = [{ at = 2026-12-02T08:00:00+01:00, result = \"remembered\" }], items = [{ text = \"a\"",
    )
    model = parse_roadmap(text.encode(), Path("x.toml")).roadmap
    entry = get(model, "P", "Topic")
    removed = edits.apply(model, RemoveEntry(key_path(entry), tuple(title_path(entry))))
    assert removed is not None
    doc = tomlkit.parse(text)
    assert toml_edit.apply(doc, removed)
    assert toml_edit.apply(doc, removed.inverse())
    assert tomllib.loads(doc.as_string()) == tomllib.loads(text)
    back = edits.apply(model, removed.inverse())
    assert back is not None and len(get(model, "P", "Topic").reviews) == 1


@pytest.mark.parametrize(
    ("reviews", "where", "message"),
    [
        ('[{ at = 2026-12-02, result = "forgot" }]', "phases[0].items[0].reviews[0].at", "a date (2026-12-02)"),
        ('[{ at = 2026-12-02T08:00:00, result = "forgot" }]', "phases[0].items[0].reviews[0].at", "without a UTC"),
        ('[{ result = "forgot" }]', "phases[0].items[0].reviews[0].at", "got nothing"),
        ('[{ at = 2026-12-02T08:00:00Z, result = "yes" }]', "phases[0].items[0].reviews[0].result", 'got "yes"'),
        ('[{ at = 2026-12-02T08:00:00Z }]', "phases[0].items[0].reviews[0].result", "got nothing"),
        ('[{ at = 2026-12-02T08:00:00Z, result = "forgot" }, 3]', "phases[0].items[0].reviews[1]", "expected a table"),
        ('"often"', "phases[0].items[0].reviews", "expected an array of tables"),
    ],
)
def test_bad_reviews_are_reported_with_their_field_path(reviews: str, where: str, message: str) -> None:
    text = INLINE.replace('{ text = "Topic", done = true,', f'{{ text = "Topic", done = true, reviews = {reviews},')
    with pytest.raises(RoadmapError) as caught:
        parse_roadmap(text.encode(), Path("x.toml"))
    [problem] = caught.value.problems
    assert problem.where == where and message in problem.message


def test_reviews_on_a_section_are_validated_too() -> None:
    text = INLINE.replace('title = "Leaf"\n', 'title = "Leaf"\nreviews = [{ at = 1, result = "forgot" }]\n')
    with pytest.raises(RoadmapError) as caught:
        parse_roadmap(text.encode(), Path("x.toml"))
    assert [p.where for p in caught.value.problems] == ["phases[0].sections[0].reviews[0].at"]


def test_json_export_carries_reviews_and_the_next_review_day() -> None:
    text = INLINE.replace(
        "done = true, items = [{ text = \"a\"",
        "done = true, reviews = [{ at = 2026-12-02T08:00:00+01:00, result = \"remembered\" }], items = [{ text = \"a\"",
    )
    model = parse_roadmap(text.encode(), Path("x.toml")).roadmap
    data = json.loads(json.dumps(roadmap_dict(model, CET)))
    phase = data["phases"][0]
    topic, still_open = phase["items"]
    assert topic["reviews"] == [{"at": "2026-12-02T08:00:00+01:00", "result": "remembered"}]
    assert topic["review_due"] == "2026-12-05"  # remembered once: 3 days after 2 Dec
    assert "reviews" not in still_open and "review_due" not in still_open
    assert "review_due" not in topic["items"][0]  # a counted item is not reviewed on its own
    assert phase["sections"][0]["review_due"] == "2026-12-02"  # never reviewed: a day after done_at
    assert "review_due" not in phase  # a part with topics is not a leaf
    assert review.count_due(model, datetime(2026, 12, 5, 4, 0, tzinfo=CET)) == 2  # from 04:00, the study day
    assert review.count_due(model, datetime(2026, 12, 5, 3, 59, tzinfo=CET)) == 1


def test_a_node_review_edit_in_the_model(tmp_path: Path) -> None:
    model = parse_roadmap(INLINE.encode(), Path("x.toml")).roadmap
    leaf = get(model, "P", "Leaf")
    assert isinstance(leaf, Node)
    edit = AppendReview(key_path(leaf), tuple(title_path(leaf)), review=Review(REVIEWED, "forgot"))
    applied = edits.apply(model, edit)
    assert applied is not None and leaf.reviews == (Review(REVIEWED, "forgot"),)


def test_forgot_then_back_to_doing_is_a_separate_change(tmp_path: Path) -> None:
    path, clock = tmp_path / "roadmap.toml", [FINISHED]
    store, entry = finished_calculus(path, clock)
    clock[0] = REVIEWED
    store.review(entry, forgot=True)
    assert store.set_state(entry, states.DOING) == []  # a finished topic has no todo items to start
    for item in [i for i in entry.items if i.is_counted]:
        store.set_state(item, states.DOING)
    assert states.status(entry) == states.DOING and not review.reviewable(entry)
    assert store.roadmap is not None and review.due(store.roadmap, REVIEWED + timedelta(days=30)) == []
    assert len(entry.reviews) == 1  # its reviews stay
    clock[0] = REVIEWED + timedelta(days=10)
    store.set_state(entry, states.DONE)
    found = review.schedule(entry, CET)
    assert found is not None and found.since == clock[0] and found.interval == 1
    assert store.close()
