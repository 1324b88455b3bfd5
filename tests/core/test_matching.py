"""Matching an old roadmap's entries to a newer version's (`core/matching.py`), and carrying the
progress over (`core/carry.py`): small Markdown files made for each rule, and every corpus file
matched against itself and against a programmatic edit of itself."""

from __future__ import annotations

import random
import tomllib
from datetime import datetime, timezone
from pathlib import Path

import pytest
from conftest import CORPUS

from roadmap_tui.core import matching
from roadmap_tui.core.markdown_source import LINE_RE
from roadmap_tui.core.carry import carry, progress_of
from roadmap_tui.core.edits import InsertEntry, ItemData, SetField, apply_all, key_path
from roadmap_tui.core.matching import CLOSE, HEADING, PLACE, comparable, match, text_of
from roadmap_tui.core.model import Entry, Item, Node, Review, Roadmap
from roadmap_tui.core.outline import find_by_titles, held, title_path
from roadmap_tui.formats.markdown_import import import_markdown
from roadmap_tui.storage.schema import build_roadmap

AT = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)


def roadmap(markdown: str) -> Roadmap:
    result = import_markdown(markdown.encode("utf-8"), "test.md")
    return build_roadmap(tomllib.loads(result.toml_text), "test.md")


def at(road: Roadmap, *titles: str) -> Entry:
    entry = find_by_titles(road, list(titles), children=held)
    assert entry is not None, titles
    return entry


def item(road: Roadmap, *titles: str) -> Item:
    entry = at(road, *titles)
    assert isinstance(entry, Item)
    return entry


def pairs(found: matching.Matching) -> dict[tuple[str, ...], tuple[tuple[str, ...], str]]:
    """old title path -> (new title path, how)."""
    return {tuple(title_path(p.old)): (tuple(title_path(p.new)), p.how) for p in found.pairs}


TWINS = """# Books

## Part A

- [ ] Book one
  - [ ] Read chapter 1
  - [ ] Read chapter 2
- [ ] Book two
  - [ ] Read chapter 1
  - [ ] Read chapter 2
"""


def test_twins_pair_up_under_the_parent_each_became() -> None:
    old = roadmap(TWINS)
    book_one = "- [ ] Book one\n  - [ ] Read chapter 1\n  - [ ] Read chapter 2\n"
    book_two = book_one.replace("Book one", "Book two")
    swapped = TWINS.replace(book_one + book_two, "- [ ] Book zero\n  - [ ] Read chapter 1\n" + book_two + book_one)
    found = match(old, roadmap(swapped))
    for book in ("Book one", "Book two"):
        for chapter in ("Read chapter 1", "Read chapter 2"):
            assert pairs(found)[("Part A", book, chapter)] == (("Part A", book, chapter), PLACE)
    assert [title_path(e) for e in found.added] == [["Part A", "Book zero"], ["Part A", "Book zero", "Read chapter 1"]]
    assert found.removed == []


def test_a_task_moved_to_a_sibling_topic_is_found_under_the_same_heading() -> None:
    appendix = "  - [ ] Read the appendix\n"
    old = roadmap(TWINS.replace("- [ ] Book two\n", appendix + "- [ ] Book two\n"))
    new = roadmap(TWINS + appendix)
    found = match(old, new)
    moved = pairs(found)[("Part A", "Book one", "Read the appendix")]
    assert moved == (("Part A", "Book two", "Read the appendix"), HEADING)
    assert (found.added, found.removed, found.moved) == ([], [], [])  # the same heading: not "moved"


MOVES = """# Plan

## Basics

### Vectors

- [ ] Dot product
- [ ] Cross product

## Advanced

### Tensors

- [ ] Tensor contraction
"""


def test_a_section_moved_to_another_part_is_found_anywhere_and_counted_moved() -> None:
    old = roadmap(MOVES)
    new = roadmap("# Plan\n\n## Basics\n\n## Advanced\n\n### Tensors\n\n- [ ] Tensor contraction\n\n"
                  "### Vectors\n\n- [ ] Dot product\n- [ ] Cross product\n")
    found = match(old, new)
    assert pairs(found)[("Basics", "Vectors")] == (("Advanced", "Vectors"), matching.ANYWHERE)
    assert pairs(found)[("Basics", "Vectors", "Dot product")] == (("Advanced", "Vectors", "Dot product"), PLACE)
    assert [title_path(p.old) for p in found.moved] == [["Basics", "Vectors"]]
    assert (len(found.kept), found.renamed, found.added, found.removed) == (7, [], [], [])


@pytest.mark.parametrize(
    ("before", "after", "same"),
    [
        ("Cross product", "Cross products", True),
        ("Learn about Kubernetes", "Learn about Kubernetes.", True),
        ("[Intro to Trees (video)](https://a.example/1)", "[Intro to trees (video)](https://b.example/2)", True),
        ("**Dot product**", "Dot  product", True),
        ("Cross product", "Vector cross products in 3D", False),
        ("delete_tree", "delete_tree // frees the tree", False),
        ("Read chapter 3", "Read chapter 5", False),  # another chapter, however close (0.93)
        ("Week 2: basics", "Week 2: the basics", True),  # the same numbers
    ],
)
def test_a_close_text_is_the_same_task_reworded(before: str, after: str, same: bool) -> None:
    old = roadmap(MOVES.replace("- [ ] Cross product\n", f"- [ ] {before}\n"))
    new = roadmap(MOVES.replace("- [ ] Cross product\n", f"- [ ] {after}\n"))
    found = match(old, new)
    renamed = [(text_of(p.old), text_of(p.new), p.how) for p in found.renamed]
    assert renamed == ([(before, after, CLOSE)] if same else [])
    assert len(found.removed) == (0 if same else 1)


def test_comparable_drops_link_targets_emphasis_and_case() -> None:
    assert comparable("  **Learn**  [Docker](https://docs.docker.com) `run`  ") == "learn docker run"
    assert comparable("snake_case_name") == "snake_case_name"


def test_the_closest_wins_and_one_under_the_same_heading_first() -> None:
    text = "# P\n\n## A\n\n- [ ] Binary search tree basics\n\n## B\n\n- [ ] Binary search tree basic\n"
    old = roadmap(text)
    new = roadmap(text.replace("## A\n\n- [ ] Binary search tree basics", "## A\n\n- [ ] Binary search tree basic!"))
    # old A's "basics" could be B's "basic" (kept as is in B) or A's "basic!": B's is taken by its
    # exact twin first, so A's goes to A's
    found = match(old, new)
    assert pairs(found)[("A", "Binary search tree basics")] == (("A", "Binary search tree basic!"), CLOSE)
    assert pairs(found)[("B", "Binary search tree basic")][1] == PLACE


def test_beyond_the_pair_budget_only_the_same_heading_is_compared(monkeypatch: pytest.MonkeyPatch) -> None:
    old = roadmap(MOVES)
    tensors = "- [ ] Tensor contraction\n"
    new = roadmap(MOVES.replace("- [ ] Cross product\n", "").replace(tensors, tensors + "- [ ] Cross products\n"))
    assert [(text_of(p.old), text_of(p.new)) for p in match(old, new).renamed] == [("Cross product", "Cross products")]
    monkeypatch.setattr(matching, "MAX_FUZZY_PAIRS", 0)
    found = match(old, new)
    assert found.renamed == [] and [text_of(e) for e in found.removed] == ["Cross product"]


def test_a_heading_never_matches_a_task() -> None:
    old = roadmap("# P\n\n## Tasks\n\n- [ ] Graphs\n")
    new = roadmap("# P\n\n## Graphs\n\n- [ ] Something else\n")
    found = match(old, new)
    assert [(type(p.old), type(p.new)) for p in found.pairs] == []


# Carrying the progress ------------------------------------------------------------------------

FILLS = """# Plan

## Reading _[which book]_

- [ ] Resources: _[a video]_
- [ ] Read it
  - [ ] Chapter 1
  - [ ] Chapter 2
- [x] Upstream's own mark
- [ ] Gets a blank
- _[List key books]_
"""


def _progress(road: Roadmap) -> None:
    heading = at(road, "Reading _[which book]_")
    assert isinstance(heading, Node)
    heading.title_fill, heading.note = "SICP", "slowly"
    heading.reviews = (Review(AT, "remembered"),)
    resources = item(road, heading.title, "Resources: _[a video]_")
    resources.text_fill = "3b1b"
    chapter = item(road, heading.title, "Read it", "Chapter 1")
    chapter.done, chapter.started_at, chapter.done_at = True, AT, AT
    item(road, heading.title, "Read it", "Chapter 2").state = "doing"
    item(road, heading.title, "Gets a blank").note = "n"
    item(road, heading.title, "_[List key books]_").text_fill = "TAOCP"


def test_carry_keeps_state_dates_note_fills_and_reviews() -> None:
    old = roadmap(FILLS)
    _progress(old)
    new = roadmap(FILLS.replace("- [x] Upstream's own mark\n", "- [ ] Upstream's own mark\n- [x] Upstream added\n"))
    done = carry(match(old, new), new)
    heading = at(new, "Reading _[which book]_")
    assert isinstance(heading, Node)
    assert (heading.title_fill, heading.note, heading.reviews) == ("SICP", "slowly", (Review(AT, "remembered"),))
    assert item(new, heading.title, "Resources: _[a video]_").text_fill == "3b1b"
    chapter = item(new, heading.title, "Read it", "Chapter 1")
    assert (chapter.done, chapter.started_at, chapter.done_at) == (True, AT, AT)
    assert item(new, heading.title, "Read it", "Chapter 2").state == "doing"
    assert item(new, heading.title, "_[List key books]_").text_fill == "TAOCP"
    assert item(new, heading.title, "Upstream's own mark").done is True  # the learner's (old) state wins
    assert item(new, heading.title, "Upstream added").done is False  # added: todo
    assert (new.n_done, new.n_doing) == (2, 1)
    assert done.dropped == [] and done.put_back == []


def test_what_cannot_be_carried_is_said() -> None:
    old = roadmap(FILLS)
    _progress(old)
    new = roadmap(FILLS.replace("- [ ] Resources: _[a video]_\n", "- [ ] Resources: a video\n"))
    done = carry(match(old, new), new)
    assert done.dropped == [
        (("Reading _[which book]_", "Resources: a video"), "the fill “3b1b” (the new text has no _[...]_ blank)")
    ]
    assert item(new, "Reading _[which book]_", "Resources: a video").text_fill == ""


def test_the_learners_own_entries_are_put_back_after_the_sibling_they_followed() -> None:
    old = roadmap(FILLS)
    read_it = item(old, "Reading _[which book]_", "Read it")
    mine = ItemData("My own exercise", done=False, note="mine", items=(ItemData("Part a", done=True),))
    (applied,) = apply_all(old, [InsertEntry(key_path(read_it), tuple(title_path(read_it)), index=1, entry=mine)])
    assert applied is not None and read_it.items[1].md is None
    new = roadmap(FILLS.replace("  - [ ] Chapter 1\n", "  - [ ] Chapter 0\n  - [ ] Chapter 1\n"))
    found = match(old, new)
    done = carry(found, new)
    texts = [i.text for i in item(new, "Reading _[which book]_", "Read it").items]
    assert texts == ["Chapter 0", "Chapter 1", "My own exercise", "Chapter 2"]
    own = item(new, "Reading _[which book]_", "Read it", "My own exercise")
    assert (own.note, own.md, [(c.text, c.done) for c in own.items]) == ("mine", None, [("Part a", True)])
    assert [e.text for e in done.put_back] == ["My own exercise"]
    assert progress_of(read_it.items[1]) == ["added by you", "note"]
    assert new.n_done == 2  # Part a, and the [x] FILLS has


# The corpus ---------------------------------------------------------------------------------

FILES = sorted(p for p in CORPUS.glob("*.md") if p.name != "README.md") if CORPUS.is_dir() else []
corpus = pytest.mark.skipif(not FILES, reason=f"no corpus at {CORPUS}")


def _corpus_roadmap(path: Path, text: str | None = None) -> Roadmap:
    data = path.read_bytes() if text is None else text.encode("utf-8")
    result = import_markdown(data, path)
    return build_roadmap(tomllib.loads(result.toml_text), path)


@corpus
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:40])
def test_every_corpus_file_matches_itself_in_place(path: Path) -> None:
    old, new = _corpus_roadmap(path), _corpus_roadmap(path)
    found = match(old, new)
    assert (found.added, found.removed, found.renamed) == ([], [], [])
    assert all(p.how == PLACE and title_path(p.old) == title_path(p.new) for p in found.pairs)


@corpus
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:40])
def test_every_corpus_file_with_tasks_removed_and_added(path: Path) -> None:
    """A tenth of the task lines dropped and a new task after a few others: the rest is kept in
    place, the dropped ones are removed, the new ones added (seeded, so the same lines each run)."""
    lines = LINE_RE.findall(path.read_bytes().decode("utf-8"))  # line ends as they are (CRLF too)
    tasks = [n for n, line in enumerate(lines) if line.lstrip().startswith(("- [ ] ", "* [ ] ", "- [x] "))]
    tasks = [n for n in tasks if not lines[n + 1 : n + 2] or not lines[n + 1].startswith((" ", "\t"))]  # no children
    if len(tasks) < 10:
        pytest.skip("too few plain task lines to edit")
    rng = random.Random(path.name)
    dropped = set(rng.sample(tasks, len(tasks) // 10))
    edited = []
    for n, line in enumerate(lines):
        if n in dropped:
            continue
        edited.append(line)
        if n in tasks and n % 7 == 0:
            lead = line[: len(line) - len(line.lstrip())]
            edited.append(f"{lead}- [ ] A brand new task number {n} zq\n")
    old, new = _corpus_roadmap(path), _corpus_roadmap(path, "".join(edited))
    found = match(old, new)
    assert all("A brand new task number" in text_of(e) for e in found.added)
    assert all("A brand new task number" not in text_of(p.new) for p in found.pairs)
    new_tasks = [e for e in held_items(new) if "A brand new task number" in e.text]
    assert len(new_tasks) > 0 and {id(e) for e in found.added} == {id(e) for e in new_tasks}
    gone = {lines[n] for n in dropped}
    assert found.removed
    assert all(isinstance(e, Item) and e.md and e.md.splitlines(True)[0] in gone for e in found.removed)
    assert len(found.removed) <= len(dropped)  # (a dropped twin can be matched to its twin)


def held_items(road: Roadmap) -> list[Item]:
    return list(road.walk_items())


def test_an_entry_renamed_in_the_app_is_found_by_its_source_line_and_keeps_its_new_text() -> None:
    old = roadmap(MOVES)
    dot = item(old, "Basics", "Vectors", "Dot product")
    rename = SetField(key_path(dot), tuple(title_path(dot)), "text", "Dot product (by hand)")
    check = SetField(key_path(dot), ("Basics", "Vectors", "Dot product (by hand)"), "done", True)
    (renamed, checked) = apply_all(old, [rename, check])
    assert renamed is not None and checked is not None and dot.md == "- [ ] Dot product\n"
    new = roadmap(MOVES.replace("## Advanced\n", "## Advanced\n\n- [ ] Something new\n"))
    found = match(old, new)
    assert pairs(found)[("Basics", "Vectors", "Dot product (by hand)")] == (
        ("Basics", "Vectors", "Dot product"), matching.SOURCE
    )
    carry(found, new)
    kept = item(new, "Basics", "Vectors", "Dot product (by hand)")
    assert (kept.done, kept.md) == (True, "- [ ] Dot product\n")
    assert found.renamed == []  # the learner's text is kept: nothing to report as renamed


TWO_LINES = "# P\n\n## S\n\n- [ ] Learn about the basics of\n  container orchestration\n\n  A note of upstream's.\n"


@pytest.mark.parametrize(
    ("upstream", "text", "renamed"),
    [
        # upstream changed only what is not the task's text (its own paragraph after a blank line)
        (TWO_LINES.replace("A note of upstream's.", "Another note."), "My own words", []),
        # upstream reworded the task's second line: its text, a rename like any other
        (
            TWO_LINES.replace("container orchestration", "serverless computing"),
            "Learn about the basics of serverless computing",
            [("My own words", "Learn about the basics of serverless computing")],
        ),
    ],
    ids=["upstream-changed-its-note", "upstream-reworded-its-text"],
)
def test_a_two_line_task_renamed_in_the_app_keeps_its_text_unless_upstream_reworded_it(
    upstream: str, text: str, renamed: list[tuple[str, str]]
) -> None:
    old = roadmap(TWO_LINES)
    task = item(old, "S", "Learn about the basics of container orchestration")
    (applied,) = apply_all(old, [SetField(key_path(task), tuple(title_path(task)), "text", "My own words")])
    assert applied is not None
    new = roadmap(upstream)
    found = match(old, new)
    assert [p.how for p in found.pairs if isinstance(p.old, Item)] == [matching.SOURCE]
    carry(found, new)
    assert [i.text for i in new.walk_items()] == [text]
    assert [(text_of(p.old), text_of(p.new)) for p in found.renamed] == renamed


def test_a_done_task_split_into_tasks_says_its_done_was_not_kept() -> None:
    old = roadmap(MOVES)
    item(old, "Basics", "Vectors", "Cross product").done = True
    new = roadmap(MOVES.replace("- [ ] Cross product\n", "- [ ] Cross product\n  - [ ] In 3D\n  - [ ] In 7D\n"))
    done = carry(match(old, new), new)
    said = "done (it has tasks of its own now: they are todo)"
    assert done.dropped == [(("Basics", "Vectors", "Cross product"), said)]
    assert new.n_done == 0


@pytest.mark.parametrize("state", ["doing", "skipped"])
def test_a_doing_or_skipped_task_split_into_tasks_says_its_state_was_not_kept(state: str) -> None:
    old = roadmap(MOVES)
    item(old, "Basics", "Vectors", "Cross product").state = state
    new = roadmap(MOVES.replace("- [ ] Cross product\n", "- [ ] Cross product\n  - [ ] In 3D\n  - [ ] In 7D\n"))
    done = carry(match(old, new), new)
    said = f"{state} (it has tasks of its own now: they are todo)"
    assert done.dropped == [(("Basics", "Vectors", "Cross product"), said)]
    assert (new.n_doing, new.n_skipped) == (0, 0)


RESOURCES = """# Path

## Learn to learn

- [ ] [Learning How to Learn](https://www.coursera.org/learn/learning-how-to-learn)
- [ ] [Don't Break The Chain](http://lifehacker.com/281626)

## Elsewhere

- [ ] [Another course](https://www.coursera.org/learn/learning-how-to-learn)
"""


def test_a_resource_reworded_with_the_same_link_under_the_same_heading_is_kept() -> None:
    """"Learning How to Learn" -> "Learning how to learn (course)" is below the close ratio (0.82),
    but the link is the same under the same heading: the same resource, its progress kept; the
    same link under another heading is not taken for it."""
    old = roadmap(RESOURCES)
    new = roadmap(RESOURCES.replace("[Learning How to Learn]", "[Learning how to learn (course)]"))
    found = match(old, new)
    renamed = [(text_of(p.old), text_of(p.new), p.how) for p in found.renamed]
    assert renamed == [(
        "[Learning How to Learn](https://www.coursera.org/learn/learning-how-to-learn)",
        "[Learning how to learn (course)](https://www.coursera.org/learn/learning-how-to-learn)",
        matching.LINK,
    )]
    assert found.removed == [] and found.added == []
    assert matching.link_targets("[a](https://x) and [b]( <https://y> )") == ("https://x", "https://y")
