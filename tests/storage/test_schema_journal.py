"""The journal's keys in a roadmap file (schema 3): an item's `state`, its dates, and notes.

Each is read into the model, and each problem is reported with its field path, as every other
field's is (tests/storage/test_schema.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from conftest import REPO

from roadmap_tui.core import states
from roadmap_tui.errors import RoadmapError
from roadmap_tui.storage.schema import build_roadmap, parse_toml

DEFAULT_TEXT = (REPO / "data" / "default_roadmap.toml").read_text(encoding="utf-8")
FILE = "roadmap.toml"
MATRIX = '{ text = "Matrix operations", done = false }'
MATRIX_AT = "phases[0].sections[0].items[0].items[1]"
CET = timezone(timedelta(hours=1))


def load(text: str):
    return build_roadmap(parse_toml(text, FILE), FILE)


def problems(text: str) -> list[str]:
    with pytest.raises(RoadmapError) as info:
        load(text)
    return info.value.details()


def with_matrix(keys: str, text: str = DEFAULT_TEXT) -> str:
    """The default roadmap with `keys` (TOML, inline) instead of Matrix operations' `done = false`."""
    assert text.count(MATRIX) == 1
    return text.replace(MATRIX, '{ text = "Matrix operations", ' + keys + " }")


def matrix(text: str):
    roadmap = load(text)
    return roadmap, roadmap.phases[0].sections[0].items[0].items[1]


# States -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "state", "status"),
    [
        ('done = false, state = "doing"', "doing", states.DOING),
        ('done = false, state = "skipped"', "skipped", states.SKIPPED),
        ('done = false, state = "todo"', "", states.TODO),
        ('done = true, state = "done"', "", states.DONE),
        ('done = true, state = "todo"', "", states.DONE),
        ("done = false", "", states.TODO),
    ],
    ids=["doing", "skipped", "todo", "done", "done-todo", "none"],
)
def test_a_state_is_read_into_the_model(keys: str, state: str, status: str) -> None:
    roadmap, item = matrix(with_matrix(keys))
    assert item.state == state
    assert states.own_status(item) == status


def test_skipped_and_doing_items_are_counted_as_such() -> None:
    text = with_matrix('done = false, state = "skipped"')
    text = text.replace(
        '{ text = "Chain rule", done = false }', '{ text = "Chain rule", done = false, state = "doing" }'
    )
    roadmap = load(text)
    assert (roadmap.n_done, roadmap.n_total, roadmap.n_skipped, roadmap.n_doing) == (0, 75, 1, 1)


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ('done = false, state = "later"', 'state: expected "todo", "doing", "skipped" or "done", got "later"'),
        ('done = false, state = "Doing"', 'state: expected "todo", "doing", "skipped" or "done", got "Doing"'),
        ("done = false, state = 1", "state: expected a string, got int 1"),
        ('done = true, state = "doing"', 'state: is "doing", but done = true says it is done: they disagree'),
        ('done = true, state = "skipped"', 'state: is "skipped", but done = true says it is done: they disagree'),
        ('done = false, state = "done"', 'state: is "done", but done = false says it is not: they disagree'),
        ('state = "doing"', 'state: is "doing", but the item has no checkbox (no done = true or false)'),
    ],
    ids=["unknown", "capitalised", "not-a-string", "doing-but-done", "skipped-but-done", "done-but-not", "no-box"],
)
def test_a_wrong_state_is_an_error_with_its_path(keys: str, expected: str) -> None:
    assert problems(with_matrix(keys)) == [f"{MATRIX_AT}.{expected}"]


def test_a_state_on_a_topic_is_not_held_to_its_flag() -> None:
    """A topic's stored flag follows its items (the app sets it as they change): a state written
    on it by hand must not make the next save write a file that does not open."""
    text = DEFAULT_TEXT.replace('text = "Calculus"\ndone = false', 'text = "Calculus"\ndone = true\nstate = "doing"')
    roadmap = load(text)
    calculus = roadmap.phases[0].sections[0].items[1]
    assert calculus.state == "doing" and states.status(calculus) == states.TODO, "its items say"


def test_a_state_on_a_plain_bullet_is_an_error() -> None:
    text = DEFAULT_TEXT.replace('{ text = "_[List key books]_" }', '{ text = "_[List key books]_", state = "todo" }')
    assert problems(text) == [
        'phases[5].sections[0].items[0].state: is "todo", but the item has no checkbox (no done = true or false)'
    ]


# Dates --------------------------------------------------------------------------------------


def test_offset_date_times_are_read_as_aware_datetimes() -> None:
    keys = "done = true, started_at = 2026-11-30T08:00:00Z, done_at = 2026-12-01T19:05:00+01:00"
    _, item = matrix(with_matrix(keys))
    assert item.started_at == datetime(2026, 11, 30, 8, 0, tzinfo=timezone.utc)
    assert item.done_at == datetime(2026, 12, 1, 19, 5, tzinfo=CET)
    assert item.done_at.utcoffset() == timedelta(hours=1)


def test_a_started_item_not_done_keeps_its_start() -> None:
    _, item = matrix(with_matrix('done = false, state = "doing", started_at = 2026-11-30T08:00:00-05:00'))
    assert item.started_at == datetime(2026, 11, 30, 13, 0, tzinfo=timezone.utc)
    assert item.done_at is None


def test_a_hand_unchecked_item_keeps_its_done_date() -> None:
    """done_at on a box not done (unchecked in an editor) is honoured as written, not refused."""
    _, item = matrix(with_matrix("done = false, done_at = 2026-12-01T19:05:00+01:00"))
    assert item.done is False and item.done_at == datetime(2026, 12, 1, 19, 5, tzinfo=CET)
    assert states.own_status(item) == states.TODO


@pytest.mark.parametrize(
    ("value", "got"),
    [
        ('"yesterday"', '"yesterday"'),
        ('"2026-12-01T19:05:00+01:00"', '"2026-12-01T19:05:00+01:00"'),
        ("2026-12-01T19:05:00", "a date-time without a UTC offset (2026-12-01T19:05:00)"),
        ("2026-12-01", "a date (2026-12-01)"),
        ("19:05:00", "a time (19:05:00)"),
        ("1733080000", "int 1733080000"),
        ("true", "true"),
    ],
    ids=["word", "quoted", "local", "date", "time", "number", "bool"],
)
@pytest.mark.parametrize("key", ["started_at", "done_at"])
def test_a_date_that_is_not_an_offset_date_time_is_an_error(key: str, value: str, got: str) -> None:
    assert problems(with_matrix(f"done = true, {key} = {value}")) == [
        f"{MATRIX_AT}.{key}: expected an offset date-time such as 2026-12-01T19:05:00+01:00, got {got}"
    ]


def test_the_example_of_the_issue() -> None:
    text = DEFAULT_TEXT.replace(
        '{ text = "Chain rule", done = false }', '{ text = "Chain rule", done = true, done_at = "yesterday" }'
    )
    assert problems(text) == [
        'phases[0].sections[0].items[1].items[1].done_at: expected an offset date-time such as '
        '2026-12-01T19:05:00+01:00, got "yesterday"'
    ]


def test_a_date_on_a_plain_bullet_is_an_error() -> None:
    text = DEFAULT_TEXT.replace(
        '{ text = "_[List key books]_" }', '{ text = "_[List key books]_", done_at = 2026-12-01T19:05:00Z }'
    )
    assert problems(text) == [
        "phases[5].sections[0].items[0].done_at: is set, but the item has no checkbox (no done = true or false)"
    ]


def test_every_journal_problem_is_reported_at_once() -> None:
    text = with_matrix('done = true, state = "doing", started_at = 2026-12-01, done_at = "now", note = 3')
    assert problems(text) == [
        f'{MATRIX_AT}.state: is "doing", but done = true says it is done: they disagree',
        f"{MATRIX_AT}.started_at: expected an offset date-time such as 2026-12-01T19:05:00+01:00, "
        "got a date (2026-12-01)",
        f'{MATRIX_AT}.done_at: expected an offset date-time such as 2026-12-01T19:05:00+01:00, got "now"',
        f"{MATRIX_AT}.note: expected a string, got int 3",
    ]


# Notes --------------------------------------------------------------------------------------


def test_a_multi_line_note_drops_the_one_line_break_before_its_closing_quotes() -> None:
    text = with_matrix("done = false").replace(
        '[[phases.sections.items]]\ntext = "Calculus"\n',
        '[[phases.sections.items]]\ntext = "Calculus"\nnote = """\nChain rule:\n\n- outer times inner\n\n"""\n',
    )
    roadmap = load(text)
    calculus = roadmap.phases[0].sections[0].items[1]
    assert calculus.note == "Chain rule:\n\n- outer times inner\n", "one break dropped, the blank line kept"


@pytest.mark.parametrize(
    ("source", "note"),
    [
        ('"one line"', "one line"),
        ('""', ""),
        ('"""\n"""', ""),
        ('"""\nx\n"""', "x"),
        ('"""x"""', "x"),
        ("'''\nC:\\path\n'''", "C:\\path"),
        ('"a\\r\\nb\\n"', "a\r\nb"),
    ],
    ids=["one-line", "empty", "only-break", "multi", "no-break", "literal", "crlf-inside"],
)
def test_notes_of_every_shape(source: str, note: str) -> None:
    _, item = matrix(with_matrix(f"done = false, note = {source}"))
    assert item.note == note


def test_notes_on_parts_sections_and_plain_bullets() -> None:
    text = DEFAULT_TEXT.replace(
        'title = "Foundation Phase"\n', 'title = "Foundation Phase"\nnote = """\nStart *here*.\n"""\n'
    )
    text = text.replace(
        'title = "Mathematics & Statistics Foundations"\n',
        'title = "Mathematics & Statistics Foundations"\nnote = "Every day."\n',
    )
    text = text.replace('{ text = "_[List key books]_" }', '{ text = "_[List key books]_", note = "SICP" }')
    roadmap = load(text)
    assert roadmap.phases[0].note == "Start *here*."
    assert roadmap.phases[0].sections[0].note == "Every day."
    assert roadmap.phases[5].sections[0].items[0].note == "SICP"
    assert roadmap.phases[1].note == "" and roadmap.phases[0].sections[0].items[0].note == ""


def test_a_note_that_is_not_a_string_is_an_error() -> None:
    text = DEFAULT_TEXT.replace('title = "Foundation Phase"\n', 'title = "Foundation Phase"\nnote = ["a"]\n')
    assert problems(text) == ["phases[0].note: expected a string, got an array"]


# Written by the app, read back ----------------------------------------------------------------


def test_what_the_store_writes_reads_back_the_same(default_copy) -> None:
    from conftest import LA_PATH, child, get

    from roadmap_tui.storage.store import RoadmapStore

    now = [datetime(2026, 12, 1, 19, 5, tzinfo=CET)]
    store = RoadmapStore(default_copy, clock=lambda: now[0])
    roadmap = store.load()
    topic = get(roadmap, *LA_PATH)
    store.set_state(child(topic, "Matrix operations"), states.DOING)
    now[0] = datetime(2026, 12, 3, 9, 30, tzinfo=CET)
    store.set_state(child(topic, "Matrix operations"), states.DONE)
    store.set_state(child(topic, "Eigenvalues and eigenvectors"), states.SKIPPED)
    note = "What I learned:\n\n- rows times columns\n- `A @ B`\n\n> not commutative\n"
    assert store.set_note(topic, note)
    assert store.set_note(roadmap.phases[0], "One line.")
    assert store.flush(10) and store.writer.error is None
    assert 'note = """\nWhat I learned:' in default_copy.read_text(encoding="utf-8")

    again = RoadmapStore(default_copy).load(create=False)
    topic = get(again, *LA_PATH)
    matrix_item = child(topic, "Matrix operations")
    assert (matrix_item.done, matrix_item.state) == (True, "")
    assert matrix_item.started_at == datetime(2026, 12, 1, 19, 5, tzinfo=CET)
    assert matrix_item.done_at == datetime(2026, 12, 3, 9, 30, tzinfo=CET)
    assert states.own_status(child(topic, "Eigenvalues and eigenvectors")) == states.SKIPPED
    assert topic.note == note.rstrip("\n")
    assert again.phases[0].note == "One line."
    assert (again.n_done, again.n_skipped) == (1, 1)
