"""Notes in Markdown: `to_markdown(with_notes=True)` writes them as `> [!NOTE]` quotes under their
entries, `import_markdown` reads them back, and the file exports again to the same bytes.

The format is `formats/md_notes.py`'s. The corpus (`../shared/corpus/`) is read in place.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, LA_PATH, TEMPLATE, child, get

from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.formats.markdown_export import document_order, notes_left_out, to_markdown
from roadmap_tui.formats.markdown_import import ImportResult, import_markdown
from roadmap_tui.formats.md_notes import content_lead, separator
from roadmap_tui.storage.schema import build_roadmap, parse_toml
from roadmap_tui.storage.store import RoadmapStore

TEMPLATE_TEXT = TEMPLATE.read_text(encoding="utf-8") + "\n"
CORPUS_FILES = sorted(p for p in CORPUS.glob("*.md") if p.name != "README.md") if CORPUS.is_dir() else []
HOSTILE = "Quote > inside, `code`, [markup] and [bold red]not markup[/]\n> [!NOTE]\n- [ ] not a task\n<b>html</b> \\*"


def _copy_notes(roadmap: Roadmap, data: dict[str, Any]) -> None:
    """Notes from the TOML into the model, as the schema-3 reader does (a multi-line note's last line
    break is not the note's), for a reader that does not read them yet; where it does, a no-op."""

    def note(entry: Item | Node, table: dict[str, Any]) -> None:
        if "note" in table and not entry.note:
            entry.note = table["note"].removesuffix("\n")
        for item, item_table in zip(entry.items, table.get("items", []), strict=True):
            note(item, item_table)
        if isinstance(entry, Node):
            for section, section_table in zip(entry.sections, table.get("sections", []), strict=True):
                note(section, section_table)

    for phase, table in zip(roadmap.phases, data["phases"], strict=True):
        note(phase, table)


def load(source: str | bytes, name: str = "plan.md") -> tuple[ImportResult, Roadmap]:
    data = source.encode("utf-8") if isinstance(source, str) else source
    result = import_markdown(data, Path(name))
    toml = tomllib.loads(result.toml_text)
    roadmap = build_roadmap(toml, name)
    _copy_notes(roadmap, toml)
    return result, roadmap


def notes_of(roadmap: Roadmap) -> list[str]:
    return [entry.note for entry in document_order(roadmap)]


def assert_round_trip(source: str | bytes, roadmap: Roadmap, name: str = "plan.md") -> str:
    """Export `roadmap` (imported from `source`) with notes; import that: the same notes, the same
    entries, `source` again from a plain export, and the same bytes from an export with notes."""
    with_notes = to_markdown(roadmap, with_notes=True)
    result, again = load(with_notes, name)
    assert notes_of(again) == notes_of(roadmap)
    assert [entry.md for entry in document_order(again)] == [entry.md for entry in document_order(roadmap)]
    assert to_markdown(again) == (source.decode("utf-8") if isinstance(source, bytes) else source)
    assert to_markdown(again, with_notes=True) == with_notes
    return with_notes


def small_roadmap() -> Roadmap:
    toml = (
        'schema = 1\ntitle = "T"\n[[phases]]\ntitle = "Part"\nduration = "_[how long]_"\nfocus = "Basics"\n'
        '[[phases.sections]]\ntitle = "Section"\n'
        '[[phases.sections.items]]\ntext = "Topic"\ndone = false\n'
        '[[phases.sections.items.items]]\ntext = "Item"\ndone = true\n'
        '[[phases.sections.items.items]]\ntext = "Other"\ndone = false\n'
        '[[phases.sections.sections]]\ntitle = "Books"\nitems = [ { text = "_[List key books]_" } ]\n'
    )
    return build_roadmap(parse_toml(toml, "t.toml"), "t.toml")


# Writing ---------------------------------------------------------------------------------------


def test_notes_go_under_heading_section_topic_item_and_entry() -> None:
    roadmap = small_roadmap()
    part = roadmap.phases[0]
    section = part.sections[0]
    topic = section.items[0]
    books = section.sections[0]
    part.note = "Why this part.\n\n- a list\n- with a [link](https://example.com)"
    section.note = "One line."
    topic.note = HOSTILE
    topic.items[0].note = "  indented\n\ttab"
    books.note = "Books note"
    books.items[0].note = "Entry note"
    plain = to_markdown(roadmap)
    assert to_markdown(roadmap, with_notes=True) == (
        "# T\n\n"
        "## Part\n"
        "> [!NOTE]\n> Why this part.\n>\n> - a list\n> - with a [link](https://example.com)\n\n"
        "**Duration:** _[how long]_\n**Focus:** Basics\n\n"
        "### Section\n"
        "> [!NOTE]\n> One line.\n\n"
        "- [ ] Topic\n"
        "  > [!NOTE]\n"
        "  > Quote > inside, `code`, [markup] and [bold red]not markup[/]\n"
        "  > > [!NOTE]\n"
        "  > - [ ] not a task\n"
        "  > <b>html</b> \\*\n"
        "  - [x] Item\n"
        "    > [!NOTE]\n    >   indented\n    > \ttab\n"
        "  - [ ] Other\n\n"
        "#### Books\n"
        "> [!NOTE]\n> Books note\n"
        "- _[List key books]_\n"
        "  > [!NOTE]\n  > Entry note\n"
    )
    assert to_markdown(roadmap) == plain  # the plain export does not change


def test_without_notes_the_export_is_the_plain_one(roadmap_path: Path) -> None:
    store = RoadmapStore(roadmap_path)
    roadmap = store.load()
    assert to_markdown(roadmap, with_notes=True) == TEMPLATE_TEXT  # no notes: nothing added
    store.set_note(get(roadmap, *LA_PATH), "A note")
    store.set_note(roadmap.phases[0], "Another")
    assert to_markdown(roadmap) == TEMPLATE_TEXT
    assert to_markdown(roadmap, with_notes=True) != TEMPLATE_TEXT
    assert store.flush(timeout=10)


def test_notes_are_written_as_the_store_keeps_them() -> None:
    roadmap = small_roadmap()
    roadmap.phases[0].note = "trailing   \n\n\n"
    roadmap.phases[0].sections[0].note = " \n\n"  # blank: no note
    assert "## Part\n> [!NOTE]\n> trailing\n\n**Duration:**" in to_markdown(roadmap, with_notes=True)
    assert "### Section\n\n" in to_markdown(roadmap, with_notes=True)


# Reading back ----------------------------------------------------------------------------------


def test_import_reads_the_notes_back() -> None:
    roadmap = small_roadmap()
    entries = document_order(roadmap)
    for index, entry in enumerate(entries):
        entry.note = f"note {index}\n\nwith a [link](https://example.com)" if index % 2 else HOSTILE
    exported = to_markdown(roadmap, with_notes=True)
    result, again = load(exported)
    assert result.n_notes == len(entries)
    assert result.n_tasks == 3  # the note's "- [ ] not a task" is none
    assert notes_of(again) == [entry.note for entry in entries]
    assert to_markdown(again, with_notes=True) == exported
    assert to_markdown(again) == to_markdown(roadmap)


def test_notes_are_multi_line_strings_in_the_toml() -> None:
    result, _ = load("# T\n\n## Part\n> [!NOTE]\n> two\n> lines\n- [ ] task\n  > [!NOTE]\n  > one line\n")
    assert 'note = """\ntwo\nlines\n"""\n' in result.toml_text
    assert 'note = "one line"\n' in result.toml_text
    data = tomllib.loads(result.toml_text)
    assert data["phases"][0]["md"] == "## Part\n"
    assert data["phases"][0]["items"][0]["md"] == "- [ ] task\n"


def test_default_roadmap_with_notes_round_trips(roadmap_path: Path) -> None:
    store = RoadmapStore(roadmap_path)
    roadmap = store.load()
    linear_algebra = get(roadmap, *LA_PATH)
    store.set_note(roadmap.phases[0], "Phase: why.\n\n1. first\n2. second")
    store.set_note(roadmap.phases[0].sections[0], "Section note with a [link](https://www.3blue1brown.com)")
    store.set_note(linear_algebra, HOSTILE)
    store.set_note(child(linear_algebra, "Matrix operations"), "Item note\n\n```python\nA @ B\n```")
    store.set_note(linear_algebra.items[-1], "On the Resources row")
    store.set_note(get(roadmap, "Resources Library", "Books"), "Books")
    store.set_note(get(roadmap, "Resources Library", "Communities").items[0], "Last entry of the file")
    store.toggle(child(linear_algebra, "Vectors and matrices"))
    assert store.flush(timeout=10)

    first = to_markdown(roadmap, with_notes=True)
    result, imported = load(first, "roadmap.md")
    assert result.n_notes == 7
    assert to_markdown(imported, with_notes=True) == first
    assert to_markdown(imported) == to_markdown(roadmap)
    assert sorted(n for n in notes_of(imported) if n) == sorted(n for n in notes_of(roadmap) if n)


# Where notes go in an imported file, and what is not a note -------------------------------------

STRUCTURES = {
    "ordered": "# T\n\n1. [ ] a\n2. [ ] b\n   1. [x] c\n3. [ ] d\n",
    "in a quote": "# T\n\n> - [ ] a\n>   - [ ] b\n> - [ ] c\n\nafter\n",
    "quote with no space": "# T\n\n>- [ ] a\n>- [ ] b\n",
    "nested quotes": "# T\n\n> > - [ ] a\n> >   text\n> > - [ ] b\n",
    "tabs": "# T\n\n- [ ] a\n\t- [ ] b\n\t\t- [ ] c\n-\t[ ] d\n",
    "crlf": "# T\r\n\r\n## P\r\nText\r\n- [ ] a\r\n  more\r\n- [ ] b",
    "lone cr": "# T\r\r## P\r- [ ] a\r- [ ] b\r",
    "no final newline": "# T\n\n## P\n- [ ] a",
    "heading last": "- [ ] a\n\n## P",
    "setext": "T\n=\n\nPart\n----\n- [ ] a\n",
    "quote right after": "# T\n\n## P\n> upstream\n\n- [ ] a\n  > quote in item\n- [ ] b\n",
    "html right after": "# T\n\n## P\n<details>\n\n- [ ] a\n\n</details>\n",
    "paragraphs": "# T\n\n- [ ] a\nlazy\n- [ ] b\n\n  para in b\n\n      code in b\n",
    "ordered from 3": "# T\n\n3. [ ] a\n4) [ ] b\n",
    "star and plus": "# T\n\n* [ ] a\n+ [ ] b\n\n- [ ] c\n  * [X] d\n",
    "two markers": "# T\n\n- - [ ] a\n- 1. [ ] b\n",
    "entries": "# T\n\n## Lib\n- _[List key books]_\n- [ ] x\n",
    "table right after": "# T\n\n## P\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] x\n",
    "rule right after": "# T\n\n## P\n---\n- [ ] x\n***\n",
    "code right after": "# T\n\n## P\n```\ncode\n```\n- [ ] x\n      indented\n",
    "front matter": "---\na: 1\n---\n# T\n- [ ] x\n",
    "bom": "\ufeff# T\n\n- [ ] x\n",
    "no headings": "- [ ] x\n- [ ] y\n",
    "deep": "# T\n\n- [ ] a\n  - [ ] b\n    - [ ] c\n      - [ ] d\n        text\n",
}
NOTES = ["one", "two\nlines", "> a quote\n\n```\nfence\n```", "- [ ] list\n  - [x] nested", "    code", "text\n\n\n\nend"]


@pytest.mark.parametrize("note", NOTES, ids=range(len(NOTES)))
@pytest.mark.parametrize("source", STRUCTURES.values(), ids=STRUCTURES.keys())
def test_notes_round_trip_in_every_structure(source: str, note: str) -> None:
    result, roadmap = load(source)
    assert result.n_notes == 0
    for index, entry in enumerate(document_order(roadmap)):
        if entry.md:  # the phase made for tasks under no heading has no line to put a note under
            entry.note = f"{note} {index}"
    assert_round_trip(source, roadmap)
    assert load(to_markdown(roadmap, with_notes=True))[0].n_tasks == result.n_tasks


def test_what_follows_a_note_is_kept_out_of_it() -> None:
    source = "## Text\nright under\n\n## Quote\n> upstream\n\n## List\n- [ ] a\n"
    _, roadmap = load(source)
    for node in roadmap.phases:
        node.note = "n"
    assert to_markdown(roadmap, with_notes=True) == (
        "## Text\n> [!NOTE]\n> n\n>\nright under\n\n"  # an empty quote line ends it
        "## Quote\n> [!NOTE]\n> n\n<!-- -->\n> upstream\n\n"  # else the quotes would merge
        "## List\n> [!NOTE]\n> n\n- [ ] a\n"
    )
    assert_round_trip(source, roadmap)


#: Notes whose last quote line holds an empty nested block (`> >`, `> >>`, `> - >`), which
#: markdown-it maps through the blank lines after the quote, and their neighbours.
QUOTE_MARKER_NOTES = [">", "a\n>", ">>", "> >", "> x", "a\n>\nb", "- [ ] task\n>", "- >", "x >"]
QUOTE_MARKER_NOTES += ["> a\nlazy", "> > >\n\n>", " >", "\t>"]
#: In `small_roadmap`'s order: the part (a blank line after its heading's note), the section, the
#: topic, an item with a sibling after it, the last entry of the file.
NOTE_SPOTS = {"part": 0, "section": 1, "topic": 2, "item": 3, "last entry": 6}


@pytest.mark.parametrize("spot", NOTE_SPOTS.values(), ids=NOTE_SPOTS.keys())
@pytest.mark.parametrize("note", QUOTE_MARKER_NOTES, ids=range(len(QUOTE_MARKER_NOTES)))
def test_a_note_with_quote_markers_round_trips(note: str, spot: int) -> None:
    source = to_markdown(small_roadmap())
    result, roadmap = load(source)
    document_order(roadmap)[spot].note = note
    exported = assert_round_trip(source, roadmap)
    again, _ = load(exported)
    assert (again.n_notes, again.n_tasks) == (1, result.n_tasks)  # its `- [ ] task` is none


def test_a_note_ending_in_an_empty_nested_quote_leaves_the_blank_lines_after_it() -> None:
    source = "# T\n\n## Part\n> [!NOTE]\n> a\n> >\n\n\n- [ ] b\n  > [!NOTE]\n  > - >\n\n  text\n"
    result, roadmap = load(source)
    assert (result.n_notes, result.n_tasks) == (2, 1)
    assert [roadmap.phases[0].note, roadmap.phases[0].items[0].note] == ["a\n>", "- >"]
    assert to_markdown(roadmap) == "# T\n\n## Part\n\n\n- [ ] b\n\n  text\n"
    assert to_markdown(roadmap, with_notes=True) == source


def test_an_upstream_alert_after_a_blank_line_or_outside_the_item_stays_text() -> None:
    source = (
        "## Head\n\n> [!NOTE]\n> The README's own.\n\n"
        "- [ ] task\n\n> [!NOTE]\n> Outside the list item.\n\n"
        "- [ ] other\n  > [!TIP]\n  > Not a note alert.\n"
        "- [ ] third\n  > [!NOTE]\n  Lazy line: not as the export writes it.\n"
    )
    result, roadmap = load(source)
    assert result.n_notes == 0 and not any(notes_of(roadmap))
    assert to_markdown(roadmap) == source


def test_a_note_under_the_title_heading_stays_in_the_head_and_its_tasks_count() -> None:
    source = "# Title\n> [!NOTE]\n> - [ ] a task in a quote\n\n## Part\n- [ ] b\n"
    result, roadmap = load(source)
    assert result.n_notes == 0 and result.n_tasks == 2 and not any(notes_of(roadmap))
    assert roadmap.md_head == "# Title\n> [!NOTE]\n"  # up to its task
    assert to_markdown(roadmap) == source


def test_a_note_on_an_entry_added_in_the_app_follows_its_line() -> None:
    source = "# T\n\n## Part\n- [ ] a\n\nText after the list.\n"
    _, roadmap = load(source)
    part = roadmap.phases[0]
    added = Item(text="b", done=False, note="new\nnote")
    part.items.append(added)
    section = Node(title="New section", note="section note")
    part.sections.append(section)
    roadmap.link()
    exported = to_markdown(roadmap, with_notes=True)
    assert exported == (
        "# T\n\n## Part\n- [ ] a\n- [ ] b\n  > [!NOTE]\n  > new\n  > note\n\nText after the list.\n\n"
        "### New section\n> [!NOTE]\n> section note\n"
    )
    _, again = load(exported)
    assert [again.phases[0].items[1].note, again.phases[0].sections[0].note] == ["new\nnote", "section note"]
    assert to_markdown(again, with_notes=True) == exported


def test_an_entry_added_after_a_note_ending_in_html_follows_it_directly() -> None:
    source = "# T\n\n## Part\n- [ ] a\n"
    _, roadmap = load(source)
    part = roadmap.phases[0]
    part.items[0].note = "<details>"
    part.items.append(Item(text="b", done=False))
    roadmap.link()
    exported = to_markdown(roadmap, with_notes=True)
    assert exported == "# T\n\n## Part\n- [ ] a\n  > [!NOTE]\n  > <details>\n- [ ] b\n"
    assert to_markdown(load(exported)[1]) == "# T\n\n## Part\n- [ ] a\n- [ ] b\n"


def test_the_phase_of_tasks_above_any_heading_has_no_place_for_a_note() -> None:
    source = "- [ ] a\n\n## Part\n- [ ] b\n"
    _, roadmap = load(source)
    first, part = roadmap.phases
    first.note, part.note = "nowhere to go", "under Part"
    assert notes_left_out(roadmap) == [first]
    assert to_markdown(roadmap, with_notes=True) == "- [ ] a\n\n## Part\n> [!NOTE]\n> under Part\n- [ ] b\n"


@pytest.mark.parametrize(
    ("line", "lead"),
    [
        ("- [ ] a", "  "),
        ("  * [ ] a", "    "),
        ("10. [ ] a", "    "),
        ("> - [ ] a", ">   "),
        (">- [ ] a", ">   "),
        ("\t- [ ] a", "\t  "),
        ("-\t[ ] a", " \t"),
        ("- - [ ] a", "    "),
    ],
)
def test_a_note_starts_at_its_items_content_column(line: str, lead: str) -> None:
    assert content_lead(line) == lead


@pytest.mark.parametrize(
    ("next_line", "lead", "expected"),
    [
        (None, "", None),
        ("", "  ", None),
        ("- [ ] sibling", "  ", None),
        ("  - [ ] child", "  ", None),
        ("2. [ ] next", "   ", None),
        ("## Heading", "", None),
        ("```", "", None),
        ("---", "", None),
        ("text", "", ">"),
        ("| a | b |", "", ">"),
        ("<details>", "", ">"),
        ("    code", "", ">"),
        ("- ", "  ", "  >"),  # an empty list item does not end a paragraph on GitHub
        ("> quote", "", "<!-- -->"),
        ("  > quote", "  ", "  <!-- -->"),
        ("> quote", "  ", None),  # outside the item: it ends it
        (">", ">   ", None),
        ("> - [ ] next", ">   ", None),
        ("lazy", ">   ", ">   >"),
    ],
)
def test_what_follows_a_note_decides_its_last_line(next_line: str | None, lead: str, expected: str | None) -> None:
    assert separator(next_line, lead) == expected


# The corpus ------------------------------------------------------------------------------------


@pytest.mark.skipif(not CORPUS_FILES, reason=f"no corpus at {CORPUS}")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda path: path.name[:40])
def test_corpus_files_with_notes_round_trip(path: Path) -> None:
    data = path.read_bytes()
    result, roadmap = load(data, path.name)
    assert result.n_notes == 0  # their own alerts sit after blank lines: text
    entries = [entry for entry in document_order(roadmap) if entry.md]
    for index, entry in enumerate(entries):
        entry.note = HOSTILE if index % 3 == 0 else f"Note {index}\n\n- [a link](https://example.com)\n- two"
    exported = assert_round_trip(data, roadmap, path.name)
    again, _ = load(exported, path.name)
    assert (again.n_notes, again.n_tasks) == (len(entries), result.n_tasks)
