"""Markdown import: what becomes a task, a node or text, and an export that gives the bytes back."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from datetime import datetime
from pathlib import Path

import pytest
import tomlkit
from conftest import REPO, TEMPLATE
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.core.progress import recount_all, set_done, toggle
from roadmap_tui.errors import RoadmapError
from roadmap_tui.formats.markdown_export import to_markdown
from roadmap_tui.formats.markdown_import import ImportResult, MarkdownImportError, import_markdown, toml_string
from roadmap_tui.storage.reader import MAX_FILE_BYTES
from roadmap_tui.storage.schema import SCHEMA, build_roadmap, parse_toml
from roadmap_tui.storage.store import RoadmapStore


def load(source: str | bytes, name: str = "plan.md") -> tuple[ImportResult, Roadmap]:
    data = source.encode("utf-8") if isinstance(source, str) else source
    result = import_markdown(data, Path(name))
    return result, build_roadmap(tomllib.loads(result.toml_text), name)


def roundtrip(source: str | bytes, name: str = "plan.md") -> tuple[ImportResult, Roadmap]:
    """Import, check the untouched export is the source byte for byte, and return both."""
    data = source.encode("utf-8") if isinstance(source, str) else source
    result, roadmap = load(data, name)
    assert to_markdown(roadmap).encode("utf-8") == data
    return result, roadmap


def items(roadmap: Roadmap) -> list[Item]:
    return list(roadmap.walk_items())


def texts(roadmap: Roadmap) -> list[str]:
    return [item.text for item in roadmap.walk_items()]


def shape(node: Node | Roadmap) -> list[object]:
    """Titles of nodes and texts of items as nested lists, to compare tree shapes."""
    if isinstance(node, Roadmap):
        return [shape(phase) for phase in node.phases]

    def item_shape(item: Item) -> object:
        return [item.text, [item_shape(child) for child in item.items]] if item.items else item.text

    return [node.title, [item_shape(item) for item in node.items], [shape(s) for s in node.sections]]


# What is a task ----------------------------------------------------------------------------------


@pytest.mark.parametrize("bullet", ["-", "*", "+", "1.", "1)", "7."])
def test_every_bullet_kind_makes_tasks(bullet: str) -> None:
    source = f"# Plan\n\n{bullet} [ ] first\n{bullet} [x] second\n{bullet} [X] third\n"
    result, roadmap = roundtrip(source)
    assert result.n_tasks == 3
    assert [(i.text, i.done) for i in items(roadmap)] == [("first", False), ("second", True), ("third", True)]
    toggle(items(roadmap)[0])
    toggle(items(roadmap)[2])
    assert to_markdown(roadmap) == f"# Plan\n\n{bullet} [x] first\n{bullet} [x] second\n{bullet} [ ] third\n"


def test_upper_case_mark_is_kept_while_its_state_is_unchanged() -> None:
    _, roadmap = roundtrip("- [X] done\n- [ ] open\n")
    done, open_ = items(roadmap)
    toggle(open_)
    assert to_markdown(roadmap) == "- [X] done\n- [x] open\n"
    toggle(done)
    toggle(done)
    assert to_markdown(roadmap) == "- [X] done\n- [x] open\n"


def test_no_space_after_the_box_is_not_a_task() -> None:
    result, roadmap = roundtrip("- [ ]Text\n- [x]done\n- [ ] real\n-  [ ]  spaced\n")
    assert result.n_tasks == 2
    assert texts(roadmap) == ["real", "spaced"]


def test_a_box_followed_by_a_line_break_is_a_task() -> None:
    result, roadmap = roundtrip("- [ ]\n  continued here\n  and here\n- [ ]\n")
    assert result.n_tasks == 1  # the last one has nothing after its box: GitHub shows it as text
    assert texts(roadmap) == ["continued here and here"]


def test_continuation_lines_join_into_one_line_of_text() -> None:
    _, roadmap = roundtrip("- [ ] a long task\n  that wraps   \n  onto more lines\n")
    assert texts(roadmap) == ["a long task that wraps onto more lines"]


def test_checkboxes_in_code_html_and_tables_are_not_tasks() -> None:
    source = (
        "# Plan\n\n"
        "```md\n- [ ] in a fence\n```\n\n"
        "~~~\n- [x] in a tilde fence\n~~~\n\n"
        "    - [ ] in an indented code block\n\n"
        "<div>\n- [ ] in an HTML block\n</div>\n\n"
        "| task | state |\n|------|-------|\n| [ ] in a table | - [ ] cell |\n\n"
        "`- [ ] inline code`\n\n"
        "- [ ] the only task\n"
    )
    result, roadmap = roundtrip(source)
    assert result.n_tasks == 1
    assert texts(roadmap) == ["the only task"]


def test_tasks_in_block_quotes_count_and_keep_their_quote_markers() -> None:
    source = "# Plan\n\n> Notes:\n> - [ ] quoted task\n>   - [x] nested in the quote\n> > - [ ] twice quoted\n"
    result, roadmap = roundtrip(source)
    assert result.n_tasks == 3
    quoted, twice = roadmap.phases[0].items
    assert quoted.text == "quoted task" and [c.text for c in quoted.items] == ["nested in the quote"]
    toggle(twice)
    toggle(quoted.items[0])
    assert to_markdown(roadmap) == source.replace("[x] nested", "[ ] nested").replace("> - [ ] twice", "> - [x] twice")


def test_headings_inside_lists_and_quotes_are_text_not_nodes() -> None:
    source = "# Plan\n\n## Part\n- [ ] task\n  ## heading in an item\n> ## heading in a quote\n- [ ] next\n"
    _, roadmap = roundtrip(source)
    assert shape(roadmap) == [["Part", ["task", "next"], []]]
    assert "## heading in an item" in roadmap.phases[0].items[0].md


def test_headings_in_code_and_html_are_not_nodes() -> None:
    source = (
        "# Plan\n\n## Real\n```\n## not a heading\n```\n"
        "<details>\n\n## inside HTML is Markdown\n\n</details>\n\n- [ ] a\n"
    )
    _, roadmap = roundtrip(source)
    # an HTML block ends at a blank line, so the heading after it is a heading (as on GitHub)
    assert [n.title for n in roadmap.walk_nodes()] == ["Real", "inside HTML is Markdown"]


# Nesting -----------------------------------------------------------------------------------------


def test_tasks_nest_by_list_and_through_plain_bullets() -> None:
    source = (
        "## Part\n"
        "- [ ] topic\n"
        "  - [ ] child\n"
        "    - plain note\n"
        "      - [ ] grandchild under a plain bullet\n"
        "  - [x] second child\n"
        "- plain bullet\n"
        "  - [ ] task under a plain top bullet\n"
    )
    _, roadmap = roundtrip(source)
    assert shape(roadmap) == [
        [
            "Part",
            [
                ["topic", [["child", ["grandchild under a plain bullet"]], "second child"]],
                "task under a plain top bullet",
            ],
            [],
        ]
    ]
    part = roadmap.phases[0]
    assert [t.text for t in part.topics] == ["topic"]
    assert part.items[0].md == "- [ ] topic\n"  # a parent's md stops where its first child starts
    assert part.items[0].items[0].md == "  - [ ] child\n    - plain note\n"


def test_four_space_and_tab_indentation_nest() -> None:
    source = "- [ ] a\n    - [ ] b\n        - [ ] c\n-\t[ ] d\n\t- [ ] e\n"
    _, roadmap = roundtrip(source)
    assert shape(roadmap)[0][1] == [["a", [["b", ["c"]]]], ["d", ["e"]]]


def test_headings_of_every_level_and_skipped_levels() -> None:
    source = (
        "# Title\n"
        "intro\n"
        "### Skipped to three\n- [ ] a\n"
        "## Two\n#### Four\n- [ ] b\n###### Six\n- [ ] c\n##### Five\n- [ ] d\n\n"
        "Setext two\n----------\n- [ ] e\n"
    )
    result, roadmap = roundtrip(source)
    assert result.title == "Title"
    assert roadmap.md_head == "# Title\nintro\n"
    assert shape(roadmap) == [
        ["Skipped to three", ["a"], []],
        ["Two", [], [["Four", ["b"], [["Six", ["c"], []], ["Five", ["d"], []]]]]],
        ["Setext two", ["e"], []],
    ]


def test_a_title_heading_shared_with_another_of_its_level_is_a_phase() -> None:
    result, roadmap = roundtrip("# One\n- [ ] a\n# Two\n- [ ] b\n")
    assert result.title == "One"
    assert roadmap.md_head == ""
    assert [p.title for p in roadmap.phases] == ["One", "Two"]


def test_setext_title_and_multi_line_heading() -> None:
    result, roadmap = roundtrip("My\nRoadmap\n=======\n\nPart *one*\n---\n- [ ] a\n")
    assert result.title == "My Roadmap"
    assert [p.title for p in roadmap.phases] == ["Part *one*"]


def test_empty_heading_gets_its_source_line_as_title() -> None:
    _, roadmap = roundtrip("# Plan\n\n## \n- [ ] a\n###\n- [ ] b\n")
    assert [n.title for n in roadmap.walk_nodes()] == ["##", "###"]


def test_no_headings_at_all() -> None:
    result, roadmap = roundtrip("Things to do:\n\n- [ ] one\n- [x] two\n", name="weekend-plan.md")
    assert result.title == "weekend-plan"
    assert roadmap.title == "weekend-plan"
    assert [p.title for p in roadmap.phases] == ["weekend-plan"]
    assert roadmap.phases[0].md == ""
    assert roadmap.md_head == "Things to do:\n\n"


def test_tasks_under_the_title_heading_and_before_any_heading() -> None:
    _, under_title = roundtrip("# Plan\n- [ ] a\n## Part\n- [ ] b\n")
    assert [p.title for p in under_title.phases] == ["Plan", "Part"]
    _, before = roundtrip("- [ ] early\n# Plan\n- [ ] a\n")
    # the heading comes after a task, so it is a node, and the early task has a node of its own
    assert [p.title for p in before.phases] == ["Tasks", "Plan"]


# Bytes, line ends, odd text ----------------------------------------------------------------------


def test_crlf_is_kept_and_used_for_added_lines() -> None:
    source = "# Plan\r\n\r\n## Part\r\n- [ ] a\r\n- [ ] b\r\n\r\n## Next\r\n- [ ] c\r\n"
    _, roadmap = roundtrip(source.encode("utf-8"))
    toggle(items(roadmap)[1])
    part = roadmap.phases[0]
    part.items.append(Item(text="added", done=False))
    roadmap.link()
    recount_all(roadmap)
    exported = to_markdown(roadmap)
    assert exported == source.replace("- [ ] b\r\n", "- [x] b\r\n- [ ] added\r\n")
    result, again = roundtrip(exported)
    assert result.n_tasks == 4 and [i.text for i in again.phases[0].items] == ["a", "b", "added"]


def test_lone_cr_line_ends() -> None:
    source = "# Plan\r## Part\r- [ ] a\r  - [x] b\r- [ ] c"
    result, roadmap = roundtrip(source)
    assert result.n_tasks == 3
    assert shape(roadmap) == [["Part", [["a", ["b"]], "c"], []]]
    assert roadmap.phases[0].items[0].md == "- [ ] a\r"


def test_bom_is_kept_and_does_not_hide_the_first_heading() -> None:
    data = b"\xef\xbb\xbf# Plan\n\n- [ ] a\n"
    result, roadmap = roundtrip(data)
    assert result.title == "Plan"
    assert roadmap.md_head == "\ufeff# Plan\n\n"
    assert "\ufeff" not in result.toml_text  # written as an escape, visible in an editor
    toggle(items(roadmap)[0])
    assert to_markdown(roadmap).encode("utf-8") == data.replace(b"[ ]", b"[x]")


def test_no_final_newline_and_tabs_kept() -> None:
    source = "# Plan\n\n- [ ]\ttabbed\ttext\n- [ ] last"
    _, roadmap = roundtrip(source)
    assert texts(roadmap) == ["tabbed\ttext", "last"]
    toggle(items(roadmap)[1])
    assert to_markdown(roadmap) == source.replace("[ ] last", "[x] last")
    roadmap.phases[0].items.append(Item(text="added", done=None))
    roadmap.link()
    assert to_markdown(roadmap) == source.replace("[ ] last", "[x] last") + "\n- added\n"


def test_front_matter_is_head_text_not_a_heading() -> None:
    source = "---\ntitle: Not a heading\n- [ ] not a task\n---\n\n# Real title\n\n- [ ] a\n"
    result, roadmap = roundtrip(source)
    assert result.title == "Real title"
    assert result.n_tasks == 1
    assert roadmap.md_head.startswith("---\ntitle: Not a heading\n")


def test_link_reference_definitions_stay_in_place() -> None:
    source = (
        "[guide]: https://example.com/guide\n\n# Plan\n\n"
        "- [ ] read [the guide][guide]\n\n[other]: <https://e.org> 'T'\n- [ ] b\n"
    )
    _, roadmap = roundtrip(source)
    assert texts(roadmap) == ["read [the guide][guide]", "b"]
    assert roadmap.md_head.startswith("[guide]: https://example.com/guide\n")
    assert "[other]: <https://e.org> 'T'\n" in roadmap.phases[0].items[0].md


def test_control_characters_and_unicode_survive() -> None:
    source = "# Plan \u202e\x07\n\n- [ ] \x1b[2J escape \U0001f680 \u4e2d\u6587 \x7f\u2028 end\n"
    result, roadmap = roundtrip(source)
    assert tomllib.loads(result.toml_text)["md_head"] == "# Plan \u202e\x07\n\n"
    assert texts(roadmap) == ["\x1b[2J escape \U0001f680 \u4e2d\u6587 \x7f\u2028 end"]


# Placeholders, Resources lines, parents ---------------------------------------------------------


TEMPLATED = (
    "# Plan\n\n"
    "## Part _[name it]_\n\n"
    "- [ ] Topic\n"
    "  - [ ] Read _[a book]_ twice\n"
    "  - [ ] Resources: _[e.g., a course]_\n"
    "\n"
    "## Library\n"
    "- _[List key books]_\n"
)


def test_placeholders_fill_in_place_and_resources_do_not_count() -> None:
    result, roadmap = roundtrip(TEMPLATED)
    assert result.n_tasks == 3
    part, library = roadmap.phases
    topic = part.items[0]
    read, resources = topic.items
    assert roadmap.n_total == 1 and resources.is_resource and not resources.is_counted
    assert part.title == "Part _[name it]_"
    books = library.items[0]
    assert books.done is None and books.editable and books.text == "_[List key books]_"

    part.title_fill = "Basics"
    read.text_fill = "SICP"
    resources.text_fill = "MIT 6.001"
    books.text_fill = "The C Programming Language"
    toggle(read)
    assert to_markdown(roadmap) == (
        TEMPLATED.replace("Part _[name it]_", "Part Basics")
        .replace("- [ ] Topic", "- [x] Topic")
        .replace("[ ] Read _[a book]_", "[x] Read SICP")
        .replace("_[e.g., a course]_", "MIT 6.001")
        .replace("_[List key books]_", "The C Programming Language")
    )


def test_parent_marks_follow_completeness_only_when_it_changes() -> None:
    source = "- [ ] parent\n  - [x] a\n  - [ ] b\n- [x] inconsistent\n  - [ ] c\n"
    _, roadmap = roundtrip(source)
    parent, inconsistent = roadmap.phases[0].items
    b = parent.items[1]
    toggle(b)
    assert to_markdown(roadmap) == source.replace("[ ] parent", "[x] parent").replace("[ ] b", "[x] b")
    toggle(b)
    assert to_markdown(roadmap) == source
    # "[x] inconsistent" says done while its item is not: untouched, the mark stays as written
    c = inconsistent.items[0]
    toggle(c)
    toggle(c)
    assert to_markdown(roadmap) == source
    set_done(inconsistent, True)
    assert to_markdown(roadmap) == source.replace("[ ] c", "[x] c")


def test_checking_a_topic_checks_its_items_in_the_export() -> None:
    source = "## Part\n- [ ] topic\n  - [ ] a\n  - [ ] b\n    - [ ] deep\n"
    _, roadmap = roundtrip(source)
    toggle(roadmap.phases[0].items[0])
    assert to_markdown(roadmap) == source.replace("[ ]", "[x]")


def test_added_entries_get_lines_that_import_again() -> None:
    source = "## Part\n\n- [ ] a\n  - [ ] a1\n\n  text of a\n\n## Next\n* [ ] b\n"
    _, roadmap = roundtrip(source)
    part, nxt = roadmap.phases
    part.items.append(Item(text="added after a", done=False))
    part.items[0].items.append(Item(text="added in a", done=True))
    nxt.items.append(Item(text="plain after b", done=None))
    roadmap.link()
    recount_all(roadmap)
    exported = to_markdown(roadmap)
    assert exported == (
        "## Part\n\n- [ ] a\n  - [ ] a1\n  - [x] added in a\n\n  text of a\n- [ ] added after a\n\n"
        "## Next\n* [ ] b\n* plain after b\n"
    )
    result, again = load(exported)
    assert result.n_tasks == 5
    assert shape(again) == [["Part", [["a", ["a1", "added in a"]], "added after a"], []], ["Next", ["b"], []]]


def test_an_entry_added_to_a_node_without_items_follows_its_text() -> None:
    source = "# Plan\n\n## Empty\n\nJust prose.\n\n## Tasks\n- [ ] a\n"
    _, roadmap = roundtrip(source)
    roadmap.phases[0].items.append(Item(text="first entry", done=None))
    roadmap.link()
    assert to_markdown(roadmap) == source.replace("Just prose.\n\n", "Just prose.\n\n- first entry\n\n")


def test_an_added_entry_goes_after_its_sibling_lines_not_after_text_that_follows_the_list() -> None:
    source = "## Part\n- [ ] long task\nlazily continued\n    - note\n\n**[back to top](#top)**\n\n## Next\n- [ ] b\n"
    _, roadmap = roundtrip(source)
    roadmap.phases[0].items.append(Item(text="added", done=False))
    roadmap.link()
    recount_all(roadmap)
    exported = to_markdown(roadmap)
    assert exported == source.replace("    - note\n", "    - note\n- [ ] added\n")
    _, again = load(exported)
    assert shape(again) == [["Part", ["long task lazily continued", "added"], []], ["Next", ["b"], []]]


def test_an_added_entry_after_an_html_block_is_set_off_by_a_blank_line() -> None:
    source = "## Part\n\n<details>\n<summary>More</summary>\n</details>\n\n## Next\n- [ ] b\n"
    _, roadmap = roundtrip(source)
    roadmap.phases[0].items.append(Item(text="added", done=True))
    roadmap.link()
    recount_all(roadmap)
    exported = to_markdown(roadmap)
    assert exported == source.replace("</details>\n", "</details>\n\n- [x] added\n")
    _, again = load(exported)
    assert shape(again) == [["Part", ["added"], []], ["Next", ["b"], []]]


# Errors ------------------------------------------------------------------------------------------


def test_a_file_with_no_tasks_is_an_error_that_names_it() -> None:
    with pytest.raises(MarkdownImportError) as caught:
        import_markdown(b"# Plan\n\n- plain\n- [ ]Text\n```\n- [ ] fenced\n```\n", Path("notes.md"))
    message = caught.value.one_line()
    assert message.startswith("notes.md: ") and "no tasks" in message
    assert isinstance(caught.value, RoadmapError)


@pytest.mark.parametrize(
    ("data", "where", "what"),
    [
        (b"# Plan\n- [ ] a\x00b\n", ":2:8:", "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ":3:1:", "binary"),
        (b"# Plan\n- [ ] caf\xe9\n", ":2:10:", "not UTF-8 text (byte 0xe9)"),
        (b"\xff\xfe#\x00 \x00", ":1:4:", "binary"),
        (b"# Plan\r- [ ] \xc3", ":2:7:", "not UTF-8"),
    ],
)
def test_binary_and_non_utf8_files_are_errors_with_a_position(data: bytes, where: str, what: str) -> None:
    with pytest.raises(MarkdownImportError) as caught:
        import_markdown(data, "in.md")
    message = caught.value.one_line()
    assert message.startswith(f"in.md{where} ") and what in message
    assert "\n" not in message


def test_a_file_over_20_mb_is_an_error() -> None:
    line = b"- [ ] task\n"
    data = line * (MAX_FILE_BYTES // len(line) + 1)
    assert len(data) > MAX_FILE_BYTES
    with pytest.raises(MarkdownImportError) as caught:
        import_markdown(data, "big.md")
    assert caught.value.one_line().startswith("big.md: is 20,971,")
    assert "at most 20,971,520" in caught.value.one_line()
    # the size is checked first: a big binary file is "too big", not "binary"
    with pytest.raises(MarkdownImportError, match="at most"):
        import_markdown(b"\0" * (MAX_FILE_BYTES + 1), "big.md")


def test_a_checkbox_item_whose_md_lost_its_box_is_reported() -> None:
    text = import_markdown(b"- [ ] a\n", "x.md").toml_text.replace('md = """\n- [ ] a\n"""', 'md = "- a"')
    with pytest.raises(RoadmapError) as caught:
        build_roadmap(parse_toml(text, "x.toml"), "x.toml")
    assert caught.value.one_line() == "x.toml: phases[0].items[0].md: has no checkbox ([ ] or [x]) to show done in"


# Generated documents ---------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "plan",
        "read",
        "`code`",
        "**bold**",
        "[link](https://e.org)",
        "_[hint]_",
        "Resources:",
        "caf\u00e9",
        "\U0001f680",
        '"q"',
        "\\",
        "\t",
        "a\u00a0b",
        "[x]",
        "<b>",
        "#",
        "|",
    ]
)
TEXT = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
INDENT = st.sampled_from(["", "", "", "  ", "    ", "\t", "> ", "   "])
BULLET = st.sampled_from(["-", "*", "+", "1.", "2)"])
MARK = st.sampled_from(["[ ] ", "[x] ", "[X] ", "", "[ ]"])
ITEM_LINE = st.tuples(INDENT, BULLET, MARK, TEXT).map(lambda t: f"{t[0]}{t[1]} {t[2]}{t[3]}")
LINE = st.one_of(
    ITEM_LINE,
    ITEM_LINE,
    ITEM_LINE,
    st.tuples(st.integers(1, 6), TEXT).map(lambda t: f"{'#' * t[0]} {t[1]}"),
    TEXT,
    st.sampled_from(["", "", "```", "---", "<div>", "| a | b |", "|---|---|", "Title", "====="]),
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    lines = draw(st.lists(LINE, min_size=1, max_size=25))
    text = eol.join(lines) + draw(st.sampled_from([eol, ""]))
    return draw(st.sampled_from(["", "\ufeff"])) + text


@settings(max_examples=400, database=None, derandomize=True, deadline=None)
@given(documents(), st.randoms(use_true_random=False))
def test_generated_documents_round_trip_and_keep_progress(source: str, rng) -> None:  # noqa: ANN001
    data = source.encode("utf-8")
    try:
        result, roadmap = load(data)
    except MarkdownImportError as error:
        assert "no tasks" in error.one_line()
        return
    assert to_markdown(roadmap).encode("utf-8") == data
    for item in [i for i in roadmap.walk_items() if i.is_counted]:
        if rng.random() < 0.5:
            toggle(item)
    again_result, again = load(to_markdown(roadmap))
    assert again_result.n_tasks == result.n_tasks

    def state(r: Roadmap) -> list[tuple[str, bool | None, bool]]:
        return [(i.text, i.done, i.checked) for i in r.walk_items() if i.is_counted]

    assert state(again) == state(roadmap)


# The TOML written --------------------------------------------------------------------------------


def test_the_toml_is_a_valid_roadmap_with_readable_md() -> None:
    result, roadmap = roundtrip(TEMPLATED)
    data = tomllib.loads(result.toml_text)
    assert data["schema"] == SCHEMA and data["title"] == "Plan"
    assert 'md = """\n- [ ] Topic\n"""\n' in result.toml_text
    assert data["phases"][0]["items"][0]["items"][0] == {
        "text": "Read _[a book]_ twice",
        "done": False,
        "md": "  - [ ] Read _[a book]_ twice\n",
    }
    assert "done" not in data["phases"][1]["items"][0]
    assert tomlkit.parse(result.toml_text).as_string() == result.toml_text


@settings(max_examples=300, database=None, derandomize=True, deadline=None)
@given(st.text(st.characters(exclude_categories=["Cs"])))
def test_toml_strings_read_back_exactly(value: str) -> None:
    document = f"a = {toml_string(value)}\nb = 1\n"
    assert tomllib.loads(document) == {"a": value, "b": 1}
    assert tomlkit.parse(document)["a"] == value


@pytest.mark.parametrize(
    "value",
    [
        "",
        "\n",
        "\r\n",
        '"',
        '""',
        '"""',
        'end"',
        'end\n"',
        "a\\\nb",
        "\\",
        "\ufeff\t\x00\x0b\x7f\x85",
        "\r",
        '"\n"""\n',
    ],
)
def test_toml_strings_edge_cases(value: str) -> None:
    assert tomllib.loads(f"a = {toml_string(value)}")["a"] == value


def test_the_file_name_in_the_comment_is_made_safe() -> None:
    result = import_markdown(b"- [ ] a\n", "odd\nname\x1b.md")
    assert tomllib.loads(result.toml_text)["title"] == "odd name\x1b"
    assert result.toml_text.startswith("# Imported from odd\\u000Aname\\u001B.md by roadmap-tui.\n")


# Through the store, on disk ----------------------------------------------------------------------


def test_store_toggles_and_fills_keep_md(tmp_path: Path) -> None:
    result, _ = roundtrip(TEMPLATED)
    path = tmp_path / "plan.toml"
    path.write_bytes(result.toml_text.encode("utf-8"))
    before = tomllib.loads(result.toml_text)

    store = RoadmapStore(path)
    roadmap = store.load(create=False)
    part, library = roadmap.phases
    topic = part.items[0]
    store.toggle(topic.items[0])
    store.set_fill(topic.items[1], "text", "MIT 6.001")
    store.set_fill(part, "title", "Basics")
    store.set_fill(library.items[0], "text", "K&R")
    added = store.add_entry(library, "SICP")
    assert store.flush(timeout=10)
    store.close()
    assert added.md is None

    after = tomllib.loads(path.read_text(encoding="utf-8"))
    assert after["md_head"] == before["md_head"]
    assert after["phases"][0]["md"] == before["phases"][0]["md"]
    checked = after["phases"][0]["items"][0]["items"][0]
    # checking it dated it (the journal's keys, beside md)
    assert isinstance(checked.pop("started_at"), datetime) and isinstance(checked.pop("done_at"), datetime)
    assert after["phases"][0]["items"][0]["items"] == [
        {**before["phases"][0]["items"][0]["items"][0], "done": True},
        {**before["phases"][0]["items"][0]["items"][1], "text_fill": "MIT 6.001"},
    ]
    reloaded = RoadmapStore(path).load(create=False)
    assert to_markdown(reloaded) == (
        TEMPLATED.replace("Part _[name it]_", "Part Basics")
        .replace("- [ ] Topic", "- [x] Topic")
        .replace("[ ] Read", "[x] Read")
        .replace("_[e.g., a course]_", "MIT 6.001")
        .replace("- _[List key books]_\n", "- K&R\n- SICP\n")
    )


# The default template ----------------------------------------------------------------------------


def test_the_default_template_imports_and_exports_byte_for_byte() -> None:
    data = TEMPLATE.read_bytes()
    result, roadmap = roundtrip(data, name="template.md")
    shipped = build_roadmap(tomllib.loads((REPO / "data" / "default_roadmap.toml").read_text("utf-8")), "default")
    assert result.title == shipped.title
    assert roadmap.n_total == shipped.n_total
    counted = [i.text for i in roadmap.walk_items() if i.is_counted]
    assert counted == [i.text for i in shipped.walk_items() if i.is_counted]
    assert [n.title for n in roadmap.walk_nodes()] == [n.title for n in shipped.walk_nodes()]


def test_template_layout_is_used_when_there_is_no_source() -> None:
    shipped = build_roadmap(tomllib.loads((REPO / "data" / "default_roadmap.toml").read_text("utf-8")), "default")
    assert shipped.md_head is None
    assert to_markdown(shipped) == TEMPLATE.read_text("utf-8") + "\n"


def test_import_and_export_never_load_textual(tmp_path: Path) -> None:
    script = (
        "import sys, tomllib\n"
        "from roadmap_tui.formats.markdown_import import import_markdown\n"
        "from roadmap_tui.formats.markdown_export import to_markdown\n"
        "from roadmap_tui.storage.schema import build_roadmap\n"
        "r = import_markdown(b'# T\\n- [ ] a\\n', 'a.md')\n"
        "assert to_markdown(build_roadmap(tomllib.loads(r.toml_text), 'a')) == '# T\\n- [ ] a\\n'\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"
