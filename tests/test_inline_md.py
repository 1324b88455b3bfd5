"""Imported Markdown shows formatted, never raw (Polish bug 8): inline Markdown in rows, a
heading's own text as blocks, plain sub-bullets under tasks; and text as data, never markup."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from conftest import CORPUS
from textual.content import Content

from roadmap_tui.jsonexport import roadmap_dict
from roadmap_tui.markdown import to_markdown
from roadmap_tui.mdimport import import_markdown
from roadmap_tui.model import Item, Node, Roadmap
from roadmap_tui.schema import build_roadmap
from roadmap_tui.widgets.item_row import Row
from roadmap_tui.widgets.labels import entry_content, entry_text, plain_text, styled_text
from roadmap_tui.widgets.topic_pane import row_specs

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
    assert entry_text(Item(text=text)).plain == content.plain
    assert not entry_text(Item(text=text)).spans or "click" not in repr(entry_text(Item(text=text)).spans)


def test_control_characters_stay_visible_and_entities_cannot_make_them() -> None:
    content = styled_text("a\x1b[31mred **b** &#x1b; &#155; \u202e", "")
    assert "\x1b" not in content.plain and "\x9b" not in content.plain and "\u202e" not in content.plain
    assert content.plain.startswith("a\\x1b[31mred b ")


# Placeholders ------------------------------------------------------------------------------------


def test_placeholders_still_show_as_hints_and_fills_next_to_markdown() -> None:
    # blanks are cut out first (`model.segments`); only the text around them is Markdown, so
    # `_[...]_` is never taken for emphasis
    hint = styled_text("Read _[a book]_ **twice**, _[not this one]_ `x`", "")
    assert hint.plain == "Read ✎ a book twice, ✎ not this one x"
    assert styled(hint) == [
        ("✎ a book", "italic $text-muted"), ("twice", "bold"), ("✎ not this one", "italic $text-muted"), ("x", "$text-warning")
    ]
    filled = styled_text("Read _[a book]_ twice", "SICP")
    assert filled.plain == "Read SICP twice"
    assert ("SICP", "bold $text-accent") in styled(filled)
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
    from roadmap_tui.app import RoadmapApp

    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        podcasts = next(i for i in screen.roadmap.walk_items() if i.text == "_[List key podcasts]_")
        screen.tree.reveal(podcasts.parent)
        await pilot.pause()
        await pilot.press("tab", "d")
        await pilot.pause()
        messages = " ".join(n.message for n in app._notifications)
        assert "Removed “List key podcasts”." in messages
        assert "_[" not in messages
