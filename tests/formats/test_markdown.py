"""Markdown export: a fresh default roadmap exports as the template it was made from."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from conftest import LA_PATH, NLP_TITLE, TEMPLATE, child, get

from roadmap_tui.core.progress import toggle
from roadmap_tui.formats.markdown_export import to_markdown
from roadmap_tui.storage.schema import build_roadmap, parse_toml
from roadmap_tui.storage.store import RoadmapStore

TEMPLATE_TEXT = TEMPLATE.read_text(encoding="utf-8")
CALCULUS_PATH = ["Foundation Phase", "Mathematics & Statistics Foundations", "Calculus"]


def diff_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The removed and the added lines of a unified diff, in order."""
    removed, added = [], []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        (removed if line.startswith("-") else added).append(line[1:])
    return removed, added


def test_the_fixture_has_no_final_newline() -> None:
    # what the comparisons below rely on: the export adds exactly one newline
    assert TEMPLATE_TEXT.endswith("- _[List key communities]_")
    assert TEMPLATE_TEXT.startswith("# AI/ML Learning Roadmap\n\n## Foundation Phase\n")


def test_fresh_default_roadmap_exports_as_the_template(roadmap_path: Path) -> None:
    roadmap = RoadmapStore(roadmap_path).load()
    exported = to_markdown(roadmap)
    assert exported == TEMPLATE_TEXT + "\n"
    assert exported.encode("utf-8") == TEMPLATE.read_bytes() + b"\n"


def test_export_does_not_need_the_file_to_exist(roadmap_path: Path) -> None:
    assert to_markdown(RoadmapStore(roadmap_path).load(create=False)) == TEMPLATE_TEXT + "\n"
    assert not roadmap_path.exists()


def test_progress_and_fills_show_in_the_export(roadmap_path: Path) -> None:
    store = RoadmapStore(roadmap_path)
    roadmap = store.load()

    # a topic with all its counted items done, and its Resources row filled and checked
    linear_algebra = get(roadmap, *LA_PATH)
    store.toggle(linear_algebra)
    resources = linear_algebra.items[-1]
    store.set_fill(resources, "text", "3Blue1Brown Essence of Linear Algebra")
    store.toggle(resources)
    # a topic with only some of its items done stays unchecked
    calculus = get(roadmap, *CALCULUS_PATH)
    store.toggle(child(calculus, "Derivatives and gradients"))
    store.toggle(child(calculus, "Chain rule"))
    # a phase's duration, a project, a section title
    store.set_fill(roadmap.phases[0], "duration", "10 weeks")
    project = roadmap.phases[0].sections[3].items[0]
    store.set_fill(project, "text", "Titanic survival EDA")
    store.toggle(project)
    store.set_fill(get(roadmap, "Specialization Phase", NLP_TITLE), "title", "Speech Recognition")
    # a leaf right under a phase
    store.toggle(child(roadmap.phases[4], "Reading research papers"))
    # the Resources Library: a filled entry and an added one
    books = get(roadmap, "Resources Library").sections[0]
    store.set_fill(books.items[0], "text", "Deep Learning (Goodfellow et al.)")
    store.add_entry(books, "Hands-On Machine Learning")
    assert store.flush(timeout=10) and store.writer.error is None

    removed, added = diff_lines(TEMPLATE_TEXT + "\n", to_markdown(roadmap))
    assert removed == [
        "**Duration:** _[e.g., 2-3 months]_",
        "- [ ] Linear Algebra",
        "  - [ ] Vectors and matrices",
        "  - [ ] Matrix operations",
        "  - [ ] Eigenvalues and eigenvectors",
        "  - [ ] Resources: _[e.g., 3Blue1Brown Linear Algebra, MIT OCW]_",
        "  - [ ] Derivatives and gradients",
        "  - [ ] Chain rule",
        "- [ ] Project 1: _[e.g., Exploratory data analysis]_",
        "### Specialization Area 1: _[e.g., Natural Language Processing]_",
        "- [ ] Reading research papers",
        "- _[List key books]_",
    ]
    assert added == [
        "**Duration:** 10 weeks",
        "- [x] Linear Algebra",
        "  - [x] Vectors and matrices",
        "  - [x] Matrix operations",
        "  - [x] Eigenvalues and eigenvectors",
        "  - [x] Resources: 3Blue1Brown Essence of Linear Algebra",
        "  - [x] Derivatives and gradients",
        "  - [x] Chain rule",
        "- [x] Project 1: Titanic survival EDA",
        "### Specialization Area 1: Speech Recognition",
        "- [x] Reading research papers",
        "- Deep Learning (Goodfellow et al.)",
        "- Hands-On Machine Learning",
    ]
    exported = to_markdown(roadmap)
    assert "- [ ] Calculus\n" in exported
    assert "### Books\n- Deep Learning (Goodfellow et al.)\n- Hands-On Machine Learning\n\n### Courses" in exported

    # the saved file says the same thing
    assert to_markdown(RoadmapStore(roadmap_path).load(create=False)) == exported


def test_topic_turns_checked_with_its_last_counted_item(roadmap_path: Path) -> None:
    roadmap = RoadmapStore(roadmap_path).load(create=False)
    calculus = get(roadmap, *CALCULUS_PATH)
    leaves = [i for i in calculus.items if i.is_counted]
    for leaf in leaves[:-1]:
        toggle(leaf)
    assert "- [ ] Calculus\n" in to_markdown(roadmap)
    toggle(leaves[-1])
    exported = to_markdown(roadmap)
    assert "- [x] Calculus\n" in exported
    assert "  - [ ] Resources: _[e.g., Khan Academy, Coursera]_\n" in exported


def test_clearing_fills_and_progress_gives_the_template_back(roadmap_path: Path) -> None:
    store = RoadmapStore(roadmap_path)
    roadmap = store.load()
    topic = get(roadmap, *LA_PATH)
    store.toggle(topic)
    store.set_fill(roadmap.phases[0], "duration", "10 weeks")
    assert to_markdown(roadmap) != TEMPLATE_TEXT + "\n"
    store.toggle(topic)
    store.set_fill(roadmap.phases[0], "duration", "")
    assert store.flush(timeout=10)
    assert to_markdown(roadmap) == TEMPLATE_TEXT + "\n"
    assert to_markdown(RoadmapStore(roadmap_path).load()) == TEMPLATE_TEXT + "\n"


@pytest.mark.parametrize(
    ("toml", "markdown"),
    [
        (
            # deeper sections get deeper headings; nested items indent by two spaces
            'schema = 1\ntitle = "T"\n[[phases]]\ntitle = "P"\nintro = "Intro."\n'
            "[[phases.sections]]\ntitle = \"S\"\n[[phases.sections.sections]]\ntitle = \"SS\"\n"
            'items = [ { text = "a", done = true, items = [ { text = "b", done = true, items = ['
            ' { text = "c", done = true } ] } ] }, { text = "d", done = false } ]\n',
            "# T\n\n## P\n\nIntro.\n\n### S\n\n#### SS\n\n- [x] a\n  - [x] b\n    - [x] c\n\n- [ ] d\n",
        ),
        (
            # a plain list under a heading with a duration is set off by a blank line
            'schema = 1\ntitle = "T"\n[[phases]]\ntitle = "P"\nduration = "_[how long]_"\n'
            'duration_fill = "a week"\nitems = [ { text = "x" }, { text = "y" } ]\n',
            "# T\n\n## P\n\n**Duration:** a week\n\n- x\n- y\n",
        ),
    ],
    ids=["nested", "plain-list-after-fields"],
)
def test_small_roadmaps(toml: str, markdown: str) -> None:
    roadmap = build_roadmap(parse_toml(toml, "t.toml"), "t.toml")
    assert to_markdown(roadmap) == markdown
