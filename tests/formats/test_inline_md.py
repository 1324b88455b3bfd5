"""Imported Markdown shows formatted, never raw (Polish bug 8): inline Markdown in rows, a
heading's own text as blocks, plain sub-bullets under tasks; and text as data, never markup."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from conftest import CORPUS
from textual.content import Content

from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.formats.json_export import roadmap_dict
from roadmap_tui.formats.markdown_export import to_markdown
from roadmap_tui.formats.markdown_import import import_markdown
from roadmap_tui.storage.schema import build_roadmap
from roadmap_tui.tui.widgets.item_row import Row
from roadmap_tui.tui.widgets.labels import HINT_STYLE, entry_content, entry_text, plain_text, styled_text
from roadmap_tui.tui.widgets.topic_pane import row_specs

DEFAULT = Path(__file__).resolve().parents[2] / "data" / "default_roadmap.toml"
JWASHAM = CORPUS / "jwasham__coding-interview-university__README.md"
KALEIDOSCOPE = CORPUS / "MU001999__kaleidoscope__README.md"
needs_corpus = pytest.mark.skipif(not JWASHAM.exists(), reason=f"no corpus at {CORPUS}")


def styled(content: Content) -> list[tuple[str, str]]:
    """Each span of `content` as (its text, its style), in order."""
    return [(content.plain[span.start : span.end], str(span.style)) for span in content.spans]


def load(source: bytes | Path) -> Roadmap:
    data = source.read_bytes() if isinstance(source, Path) else source
    return build_roadmap(tomllib.loads(import_markdown(data, Path("plan.md")).toml_text), "plan.md")


def node(roadmap: Roadmap, title: str) -> Node:
    return next(n for n in roadmap.walk_nodes() if n.title == title)


def item(roadmap: Roadmap, start: str) -> Item:
    return next(i for i in roadmap.walk_items() if i.text.startswith(start))


def rows(entry: Node | Item) -> list[str]:
    return [Row(spec).label().plain for spec in row_specs(entry)]


# Inline Markdown in a row ------------------------------------------------------------------------


@needs_corpus
def test_a_link_with_brackets_in_its_text_shows_as_its_text_underlined() -> None:
    review = item(load(JWASHAM), "[[Review] Breadth-first search")
    content = styled_text(review.text, "")
    assert content.plain == "[Review] Breadth-first search in 4 minutes (video)"
    assert styled(content) == [(content.plain, "underline")]
    assert entry_text(review).plain == content.plain
    assert "underline" in str(entry_text(review).spans[0].style)


@needs_corpus
def test_backslash_escapes_are_resolved() -> None:
    chapter = item(load(KALEIDOSCOPE), "[Chapter \\#1")
    assert entry_content(chapter).plain == "Chapter #1: Kaleidoscope language and Lexer"


def test_emphasis_strong_code_strike_images_autolinks_and_entities() -> None:
    content = styled_text(
        "**bold** and *em*, `a*b*c`, ~~old~~, ![alt *text*](x.png), <https://a.example> &amp; &copy;", ""
    )
    assert content.plain == "bold and em, a*b*c, old, alt text, https://a.example & ©"
    got = dict(styled(content))
    assert got["bold"] == "bold" and got["em"] == "italic" and got["old"] == "strike"
    assert got["text"] == "italic"  # emphasis inside an image's alt text
    assert got["https://a.example"] == "underline"
    assert got["a*b*c"] == "$text-warning"
    nested = styled_text("[**strong link**](https://x.example)", "")
    assert styled(nested) == [("strong link", "underline bold")]


def test_inline_html_is_dropped_tag_by_tag_and_its_text_stays() -> None:
    content = styled_text('Press <kbd>Ctrl</kbd>+<kbd>C</kbd><br/>then <img src="x.png"> go', "")
    assert content.plain == "Press Ctrl+C then  go"


def test_plain_text_is_one_unstyled_span() -> None:
    assert styled(styled_text("Vectors and matrices", "")) == []
    assert styled_text("No link here, just [brackets] and (parens)", "").plain == (
        "No link here, just [brackets] and (parens)"
    )


@pytest.mark.parametrize("text", ["[bold]x[/]", "[@click=app.quit]y[/]", "[b]**z**[/b]", "[link=https://e.x]w[/]"])
def test_rich_and_textual_markup_in_a_file_shows_literally(text: str) -> None:
    content = styled_text(text, "")
    assert content.plain == text.replace("**", "")
    for span in content.spans:
        assert str(span.style) in ("bold",), span  # only the Markdown's own **z**
    assert "@click" not in repr(content.spans)
    tree_label = entry_text(Item(text=text))
    assert tree_label.plain == content.plain
    assert [str(span.style) for span in tree_label.spans] == [str(span.style) for span in content.spans]


def test_control_characters_stay_visible_and_entities_cannot_make_them() -> None:
    content = styled_text("a\x1b[31mred **b** &#x1b; &#155; \u202e", "")
    assert "\x1b" not in content.plain and "\x9b" not in content.plain and "\u202e" not in content.plain
    assert content.plain.startswith("a\\x1b[31mred b ")


# Placeholders ------------------------------------------------------------------------------------


def test_placeholders_still_show_as_hints_and_fills_next_to_markdown() -> None:
    # blanks are cut out first (`placeholders.fill_parts`); only the text around them is Markdown, so
    # `_[...]_` is never taken for emphasis
    hint = styled_text("Read _[a book]_ **twice**, _[not this one]_ `x`", "")
    assert hint.plain == "Read ✎ a book twice, ✎ not this one x"
    assert styled(hint) == [
        ("✎ a book", HINT_STYLE), ("twice", "bold"), ("✎ not this one", HINT_STYLE), ("x", "$text-warning")
    ]
    filled = styled_text("Read _[a book]_ twice", "SICP")
    assert filled.plain == "Read SICP twice"
    assert not any("SICP" in text for text, _ in styled(filled))  # the learner's text is plain text
    assert styled_text("_[List key podcasts]_", "").plain == "✎ List key podcasts"
    # a fill is what the learner typed: shown as it is
    assert styled_text("_[x]_", "**mine**").plain == "**mine**"


def test_plain_text_has_no_placeholder_syntax_and_no_markdown() -> None:
    assert plain_text(Item(text="_[List key podcasts]_", done=None)) == "List key podcasts"
    assert plain_text(Item(text="_[List key podcasts]_", done=None, text_fill="Lex Fridman")) == "Lex Fridman"
    assert plain_text(Item(text="[CS50 (video)](https://x.example) and `big-O`")) == "CS50 (video) and big-O"
    assert plain_text(Node(title="Area: _[e.g., NLP]_", title_fill="Speech")) == "Area: Speech"
    assert plain_text(Item(text="bell \x07")) == "bell \\x07"


async def test_the_remove_toast_shows_the_entry_without_placeholder_syntax(roadmap_path: Path) -> None:
    from roadmap_tui.tui.app import RoadmapApp

    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        podcasts = next(i for i in screen.roadmap.walk_items() if i.text == "_[List key podcasts]_")
        screen.tree.reveal(podcasts.parent)
        await pilot.pause()
        await pilot.press("tab", "d")  # deleted at once (ctrl+z brings it back)
        await pilot.pause()
        messages = " ".join(n.message for n in app._notifications)
        assert "Deleted 'List key podcasts' — ctrl+z brings it back" in messages
        assert "_[" not in messages


# A heading's own text, as Markdown blocks ---------------------------------------------------------


@needs_corpus
def test_a_headings_text_shows_as_paragraphs_bullets_and_bold_text() -> None:
    roadmap = load(JWASHAM)
    shown = rows(node(roadmap, "What is it?"))
    assert shown[:6] == [
        "Coding at the whiteboard - from HBO's Silicon Valley",  # an image: its alt text
        "This is my multi-month study plan for becoming a software engineer for a large company.",
        "Required:",
        "• A little experience with coding (variables, loops, methods/functions, etc)",
        "• Patience",
        "• Time",
    ]
    # a paragraph's lines are one paragraph
    assert shown[6].startswith("Note this is a study plan for software engineering, not frontend") and shown[6].endswith(
        "There are really super roadmaps and coursework for those career paths elsewhere (see https://roadmap.sh/ for more info)."
    )
    specs = row_specs(node(roadmap, "What is it?"))
    required = Row(specs[2]).parts()[1]
    assert ("Required:", "bold") in styled(required)
    assert all(not spec.selectable for spec in specs[:7])  # read, not acted on


@needs_corpus
def test_a_heading_inside_a_list_in_a_note_is_a_bold_line() -> None:
    trees = node(load(JWASHAM), "Trees")
    spec = row_specs(trees)[0]
    mark, label = Row(spec).parts()
    assert (mark + label).plain == "• Trees - Intro"
    assert styled(label) == [("Trees - Intro", "bold"), ("Trees - Intro", "$foreground-muted")]  # bold, dim


def test_notes_quotes_nested_lists_code_and_tables_and_html() -> None:
    roadmap = load(
        b"# T\n\n## Part\n\n> quoted **text**\n\n1. first\n   - nested\n\n   more of first\n\n"
        b"```\ncode *line*\n```\n\n| a | b |\n|---|---|\n| `1` | 2 |\n\n<div align=\"center\"><b>Hi</b> &amp; bye</div>\n\n"
        b"[ref]: https://x.example\n\n- [ ] task\n"
    )
    assert rows(roadmap.phases[0])[:-1] == [
        "  quoted text",
        "1. first",
        "   • nested",
        "   more of first",
        "code *line*",
        "a │ b",
        "1 │ 2",
        "Hi & bye",
    ]


# Plain sub-bullets under a task -------------------------------------------------------------------

SUB_BULLETS = b"""# Plan

## Week 1

- [ ] [Intro (video)](https://x.example/intro)
    - notes:
        - level *order*
    - [ ] child task
        - under the child
    - after the child
- [ ] no bullets
- [ ] Read _[a book]_
- plain under no task
"""


def test_plain_sub_bullets_are_rows_under_their_task_and_items_in_json() -> None:
    roadmap = load(SUB_BULLETS)
    assert to_markdown(roadmap).encode() == SUB_BULLETS  # the file is as it was
    week = roadmap.phases[0]
    assert (roadmap.n_done, roadmap.n_total) == (0, 3)  # bullets do not count
    topic = week.items[0]
    assert [(Row(s).label().plain, s.depth, s.selectable) for s in row_specs(topic)] == [
        ("• notes:", 0, False),
        ("    • level order", 1, False),
        ("[ ] child task", 0, True),
        ("    • under the child", 1, False),
        ("• after the child", 0, False),
    ]
    # a topic's bullets show in its own list; a plain bullet under no task is left in the text
    assert rows(week) == ["[ ] Intro (video)", "[ ] no bullets", "[ ] Read ✎ a book"]

    exported = roadmap_dict(roadmap)["phases"][0]["items"][0]
    assert [(i["text"], i["checkbox"], i["checked"], i["counted"]) for i in exported["items"]] == [
        ("notes:", False, None, False),
        ("child task", True, False, True),
        ("after the child", False, None, False),
    ]
    assert exported["items"][0]["items"][0]["text"] == "level *order*"
    assert exported["items"][1]["items"][0]["text"] == "under the child"
    assert exported["total"] == 1
    json.dumps(roadmap_dict(roadmap))


def test_bullets_under_a_leaf_task_show_below_it_in_its_nodes_list() -> None:
    roadmap = load(b"## Part\n\n- [ ] leaf\n  - a note\n- [x] other\n")
    assert [(Row(s).label().plain, s.depth) for s in row_specs(roadmap.phases[0])] == [
        ("[ ] leaf", 0),
        ("    • a note", 1),
        ("[✓] other", 0),
    ]


@needs_corpus
def test_corpus_sub_bullets_show_under_their_task() -> None:
    roadmap = load(JWASHAM)
    trees = node(roadmap, "Trees")
    shown = rows(trees)
    bfs = next(n for n, text in enumerate(shown) if text.startswith("[ ] BFS(breadth-first search)"))
    assert shown[bfs + 1 : bfs + 4] == [
        "    • BFS notes:",
        "        • level order (BFS, using queue)",
        "        • time complexity: O(n)",
    ]
    assert "space complexity: best: O(log n) - avg. height of tree worst: O(n)" in " ".join(shown)
    task = item(roadmap, "[BFS(breadth-first search)")
    assert (task.n_done, task.n_total, task.is_counted) == (0, 1, True)

    def find(items: list[dict], text: str) -> dict:
        for entry in items:
            if entry["text"] == text:
                return entry
            found = find(entry["items"], text)
            if found:
                return found
        return {}

    phases = roadmap_dict(roadmap)["phases"]
    everything = [i for p in phases for n in _nodes(p) for i in n["items"]]
    exported = find(everything, task.text)
    assert [b["text"] for b in exported["items"]] == ["BFS notes:", "DFS notes:"]
    assert all(b["checkbox"] is False and b["checked"] is None for b in exported["items"])
    assert exported["items"][0]["items"][0]["text"] == "level order (BFS, using queue)"


def _nodes(node: dict) -> list[dict]:
    return [node, *(n for s in node["sections"] for n in _nodes(s))]


def test_a_roadmap_not_imported_has_no_bullets() -> None:
    topic = Item(text="t", done=False, items=[Item(text="x", done=None)])
    topic.items[0].parent = topic
    assert [Row(s).label().plain for s in row_specs(topic)] == ["• x"]


def test_the_markdown_rendering_core_never_loads_textual(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = (
        "import sys, tomllib\n"
        "from roadmap_tui.formats.markdown_import import import_markdown\n"
        "from roadmap_tui.formats.md_inline import inline_spans, plain\n"
        "from roadmap_tui.formats.md_blocks import notes, sub_bullets\n"
        "from roadmap_tui.formats.json_export import to_json\n"
        "from roadmap_tui.storage.schema import build_roadmap\n"
        "r = build_roadmap(tomllib.loads(import_markdown(b'# T\\n## P\\n*x*\\n- [ ] a\\n  - b\\n', 'a.md').toml_text), 'a')\n"
        "assert plain('**a**') == 'a' and notes(r.phases[0]) and sub_bullets(r.phases[0])\n"
        "assert '\"text\": \"b\"' in to_json(r)\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"


def test_text_without_markdown_is_not_parsed_so_markdown_it_is_not_even_imported(tmp_path: Path) -> None:
    """What keeps start-up as fast as before: the default roadmap's titles need no parser."""
    import subprocess
    import sys

    script = (
        "import sys, tomllib\n"
        "from roadmap_tui.storage.schema import build_roadmap\n"
        "from roadmap_tui.tui.widgets.labels import entry_content, entry_text\n"
        f"r = build_roadmap(tomllib.loads(open({str(DEFAULT)!r}, encoding='utf-8').read()), 'r')\n"
        "shown = [entry_content(e).plain + entry_text(e).plain for e in [*r.walk_nodes(), *r.walk_items()]]\n"
        "assert any('Mathematics & Statistics' in s for s in shown)\n"
        "print('markdown_it' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "False\n"
    assert styled_text("Fish &amp; chips & peas", "").plain == "Fish & chips & peas"
