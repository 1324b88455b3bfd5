"""Validation of roadmap files: every problem is reported, each with where it is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO

from roadmap_tui.errors import RoadmapError
from roadmap_tui.storage.schema import MAX_DEPTH, MAX_ERRORS, build_roadmap, parse_toml
from roadmap_tui.storage.store import RoadmapStore

DEFAULT_TEXT = (REPO / "data" / "default_roadmap.toml").read_text(encoding="utf-8")
FILE = "roadmap.toml"

MINIMAL = """\
schema = 1
title = "T"

[[phases]]
title = "P"
items = [ { text = "a", done = false } ]
"""


def load(text: str):
    return build_roadmap(parse_toml(text, FILE), FILE)


def error_of(text: str) -> RoadmapError:
    with pytest.raises(RoadmapError) as info:
        load(text)
    assert info.value.path == FILE
    return info.value


def edit(old: str, new: str, text: str = DEFAULT_TEXT) -> str:
    assert text.count(old) == 1, f"{old!r} is not unique"
    return text.replace(old, new)


def test_default_and_minimal_files_are_valid() -> None:
    assert load(DEFAULT_TEXT).n_total == 76
    assert load(MINIMAL).phases[0].items[0].text == "a"


# Field problems ---------------------------------------------------------------------------


def test_done_must_be_a_boolean() -> None:
    text = edit(
        '{ text = "Matrix operations", done = false }',
        '{ text = "Matrix operations", done = "yes" }',
    )
    error = error_of(text)
    assert error.details() == ['phases[0].sections[0].items[0].items[1].done: expected true or false, got "yes"']
    assert error.one_line() == (
        f'{FILE}: phases[0].sections[0].items[0].items[1].done: expected true or false, got "yes"'
    )
    assert str(error) == error.one_line()


def test_missing_text_of_a_table_item() -> None:
    text = edit('text = "Linear Algebra"\n', "")
    assert error_of(text).details() == ["phases[0].sections[0].items[0].text: missing (expected a string)"]


def test_missing_text_of_an_inline_item() -> None:
    text = edit('{ text = "Chain rule", done = false }', "{ done = false }")
    assert error_of(text).details() == ["phases[0].sections[0].items[1].items[1].text: missing (expected a string)"]


def test_missing_title_of_a_section() -> None:
    text = edit('title = "Programming Foundations"\n', "")
    assert error_of(text).details() == ["phases[0].sections[1].title: missing (expected a string)"]


def test_missing_title_of_the_roadmap() -> None:
    text = edit('title = "AI/ML Learning Roadmap"\n', "")
    error = error_of(text)
    assert error.details() == ["title: missing (expected a string)"]
    assert error.one_line() == f"{FILE}: title: missing (expected a string)"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('title = "Foundation Phase"', "title = 5", "phases[0].title: expected a string, got int 5"),
        (
            'duration = "_[e.g., 3-4 months]_"\nfocus = "Advanced',
            'duration = 3.5\nfocus = "Advanced',
            "phases[2].duration: expected a string, got float 3.5",
        ),
        (
            'focus = "Preparing for job applications and interviews"',
            "focus = true",
            "phases[3].focus: expected a string, got true",
        ),
        (
            'intro = "**Ongoing activities throughout the journey:**"',
            "intro = [1, 2]",
            "phases[4].intro: expected a string, got an array",
        ),
        (
            'text = "Calculus"',
            "text = { en = \"Calculus\" }",
            "phases[0].sections[0].items[1].text: expected a string, got a table",
        ),
        (
            'title = "Books"\nitems = [\n  { text = "_[List key books]_" },\n]',
            'title = "Books"\nitems = "a book"',
            'phases[5].sections[0].items: expected an array of tables, got "a book"',
        ),
        (
            'title = "Courses"\nitems = [\n  { text = "_[List key courses]_" },\n]',
            'title = "Courses"\nitems = [ "a course" ]',
            'phases[5].sections[1].items[0]: expected a table, got "a course"',
        ),
        ('schema = 3\n', 'schema = "1"\n', 'schema: expected a whole number, got "1"'),
        ('schema = 3\n', "schema = true\n", "schema: expected a whole number, got true"),
        ('schema = 3\n', "schema = 0\n", "schema: expected 3, got 0"),
    ],
    ids=["title-int", "duration-float", "focus-bool", "intro-array", "text-table", "items-string",
         "items-element", "schema-string", "schema-bool", "schema-zero"],
)
def test_wrong_types(old: str, new: str, expected: str) -> None:
    assert error_of(edit(old, new)).details() == [expected]


def test_wrong_type_of_phases() -> None:
    assert error_of('schema = 1\ntitle = "T"\nphases = 3\n').details() == [
        "phases: expected an array of tables, got int 3"
    ]
    assert error_of('schema = 1\ntitle = "T"\nphases = [1]\n').details() == [
        "phases[0]: expected a table, got int 1"
    ]


def test_empty_title_and_text() -> None:
    text = edit('title = "Deep Learning"', 'title = "  "')
    text = edit('{ text = "PyTorch", done = false }', '{ text = "", done = false }', text)
    assert error_of(text).details() == [
        "phases[1].sections[0].title: is empty",
        "phases[1].sections[0].items[1].items[1].text: is empty",
    ]


def test_long_and_control_character_values_are_shown_safely() -> None:
    text = edit(
        '{ text = "NumPy", done = false }',
        '{ text = "NumPy", done = "\\u001b[31m' + "x" * 60 + '" }',
    )
    (problem,) = error_of(text).details()
    assert problem.startswith('phases[0].sections[1].items[0].items[0].done: expected true or false, got "\\x1b[31m')
    assert "\x1b" not in problem
    assert problem.endswith('..."')
    assert len(problem) < 120


def test_schema_newer_than_the_app_says_to_upgrade() -> None:
    text = edit("schema = 3\n", "schema = 4\n")
    # even with other problems, the one thing to say is that this version is too old
    text = edit('{ text = "Matrix operations", done = false }', '{ text = "Matrix operations", done = "yes" }', text)
    error = error_of(text)
    assert len(error.problems) == 1
    message = error.one_line()
    assert message.startswith(f"{FILE}: schema: ")
    assert "schema 4" in message and "schema 3" in message
    assert "newer" in message
    assert "upgrade" in message


def test_missing_schema() -> None:
    text = edit("schema = 3\n", "")
    assert error_of(text).details() == ["schema: missing (expected 3)"]


def test_several_problems_are_all_reported() -> None:
    text = edit("schema = 3\n", "")
    text = edit('{ text = "Matrix operations", done = false }', '{ text = "Matrix operations", done = "yes" }', text)
    text = edit('title = "Programming Foundations"\n', "", text)
    text = edit('focus = "Advanced topics and practical applications"', "focus = 7", text)
    text = edit('{ text = "_[List key podcasts]_" }', '{ text = "x", text_fill = "y" }', text)
    error = error_of(text)
    assert error.details() == [
        "schema: missing (expected 3)",
        'phases[0].sections[0].items[0].items[1].done: expected true or false, got "yes"',
        "phases[0].sections[1].title: missing (expected a string)",
        "phases[2].focus: expected a string, got int 7",
        "phases[5].sections[4].items[0].text_fill: is set, but text has no _[...]_ placeholder to fill",
    ]
    assert error.one_line() == f"{FILE}: schema: missing (expected 3) (and 4 more problems)"


def test_one_more_problem_is_singular() -> None:
    error = error_of("")
    assert error.details() == ["schema: missing (expected 3)", "title: missing (expected a string)"]
    assert error.one_line().endswith("(and 1 more problem)")


def test_problems_are_capped() -> None:
    text = DEFAULT_TEXT.replace("done = false", 'done = "no"')
    error = error_of(text)
    assert len(error.problems) == MAX_ERRORS
    assert error.one_line().endswith(f"(and {MAX_ERRORS - 1} more problems)")


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    item: dict = {"text": "bottom", "done": False}
    for depth in range(MAX_DEPTH + 10):
        item = {"text": f"level {depth}", "done": False, "items": [item]}
    data = {"schema": 1, "title": "T", "phases": [{"title": "P", "items": [item]}]}
    with pytest.raises(RoadmapError) as info:
        build_roadmap(data, FILE)
    assert any(f"nested more than {MAX_DEPTH} levels deep" in p for p in info.value.details())


def test_unknown_keys_are_allowed() -> None:
    text = edit('{ text = "NumPy", done = false }', '{ text = "NumPy", done = false, my_note = "x" }')
    text += '\n[extra]\nanswer = 42\n'
    assert load(text).n_total == 76


# Fills ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '{ text = "NumPy", done = false }',
            '{ text = "NumPy", done = false, text_fill = "np" }',
            "phases[0].sections[1].items[0].items[0].text_fill: is set, but text has no _[...]_ placeholder to fill",
        ),
        (
            'title = "Deep Learning"',
            'title = "Deep Learning"\ntitle_fill = "DL"',
            "phases[1].sections[0].title_fill: is set, but title has no _[...]_ placeholder to fill",
        ),
        (
            'duration = "_[e.g., 1-2 months]_"',
            'duration = "6 weeks"\nduration_fill = "4 weeks"',
            "phases[3].duration_fill: is set, but duration has no _[...]_ placeholder to fill",
        ),
    ],
    ids=["text_fill", "title_fill", "duration_fill"],
)
def test_fill_without_placeholder_is_an_error(old: str, new: str, expected: str) -> None:
    assert error_of(edit(old, new)).details() == [expected]


def test_fills_of_placeholders_are_loaded() -> None:
    text = edit('duration = "_[e.g., 2-3 months]_"', 'duration = "_[e.g., 2-3 months]_"\nduration_fill = "10 weeks"')
    text = edit(
        'title = "Specialization Area 1: _[e.g., Natural Language Processing]_"',
        'title = "Specialization Area 1: _[e.g., Natural Language Processing]_"\ntitle_fill = "Speech"',
        text,
    )
    text = edit(
        '{ text = "_[List key books]_" }',
        '{ text = "_[List key books]_", text_fill = "Deep Learning (Goodfellow)" }',
        text,
    )
    roadmap = load(text)
    assert roadmap.phases[0].duration_fill == "10 weeks"
    assert roadmap.phases[1].sections[1].display_title == "Specialization Area 1: Speech"
    assert roadmap.phases[5].sections[0].items[0].display_text == "Deep Learning (Goodfellow)"


def test_empty_fill_without_placeholder_is_allowed() -> None:
    text = edit('{ text = "NumPy", done = false }', '{ text = "NumPy", done = false, text_fill = "" }')
    assert load(text).n_total == 76


# Syntax and encoding ----------------------------------------------------------------------


def test_toml_syntax_error_reports_line_and_column() -> None:
    error = error_of('schema = 1\ntitle = "T"\n[[phases]\ntitle = "P"\n')
    assert error.details() == ["3:9: invalid TOML: Expected ']]' at the end of an array declaration"]
    assert error.one_line() == f"{FILE}:3:9: invalid TOML: Expected ']]' at the end of an array declaration"


def test_toml_syntax_error_in_the_default_file_names_its_line() -> None:
    broken = 'text = "Supervised Learning'
    text = edit('text = "Supervised Learning"', broken)
    line = text.splitlines().index(broken) + 1
    error = error_of(text)
    assert len(error.problems) == 1
    assert re.fullmatch(rf"{FILE}:{line}:\d+: invalid TOML: .+", error.one_line()), error.one_line()
    assert "(at line" not in error.one_line()


def test_toml_error_at_end_of_document_has_a_position() -> None:
    error = error_of('schema = 1\ntitle = "T"\nitems = [1,\n  2,\n')
    assert error.one_line() == f"{FILE}:5:1: invalid TOML: Invalid value"
    assert error_of("a = [").one_line() == f"{FILE}:1:6: invalid TOML: Invalid value"


def test_duplicate_key_is_a_syntax_error() -> None:
    error = error_of('schema = 1\ntitle = "T"\ntitle = "U"\n')
    assert re.fullmatch(rf"{FILE}:3:\d+: invalid TOML: .*overwrite.*", error.one_line())


def store_error(path: Path) -> RoadmapError:
    with pytest.raises(RoadmapError) as info:
        RoadmapStore(path).load()
    return info.value


def test_not_utf8_bytes(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    data = b'schema = 1\ntitle = "Caf\xe9"\n'
    path.write_bytes(data)
    error = store_error(path)
    assert error.one_line() == f"{path}:2:13: not UTF-8 text (byte 0xe9)"
    assert path.read_bytes() == data


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + DEFAULT_TEXT.encode("utf-8"))
    assert RoadmapStore(path).load().n_total == 76


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.write_bytes(b"")
    error = store_error(path)
    assert error.one_line() == f"{path}: is empty: it holds no roadmap"
    assert path.read_bytes() == b""
    path.write_bytes(b"  \n\n")  # only blank lines: the same
    assert store_error(path).one_line() == f"{path}: is empty: it holds no roadmap"


def test_a_directory(tmp_path: Path) -> None:
    folder = tmp_path / "roadmap.toml"
    folder.mkdir()
    error = store_error(folder)
    assert error.one_line() == f"{folder}: is a folder, not a roadmap file"
    assert list(folder.iterdir()) == []


def test_fill_of_a_field_that_is_not_there_is_an_error() -> None:
    text = edit('title = "Continuous Learning"', 'title = "Continuous Learning"\nduration_fill = "forever"')
    assert error_of(text).details() == ["phases[4].duration_fill: is set, but there is no duration to fill"]


def test_a_line_break_in_a_one_line_field_is_an_error() -> None:
    text = edit('{ text = "NumPy", done = false }', '{ text = "NumPy\\nPandas", done = false }')
    expected = "phases[0].sections[1].items[0].items[0].text: must be one line (it holds a line break)"
    assert error_of(text).details() == [expected]
    # An intro is a paragraph: it may span lines.
    assert load(edit('intro = "**Ongoing activities throughout the journey:**"', 'intro = "Two\\nlines"'))
