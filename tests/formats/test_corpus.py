"""Real Markdown roadmaps (`../shared/corpus/`): byte-exact round trips, task counts, and progress.

Skipped where the corpus is absent (a user's own clone). The files are other people's texts:
they are read in place, never copied into the project.
"""

from __future__ import annotations

import random
import re
import tomllib
from pathlib import Path

import pytest
from conftest import CORPUS
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from roadmap_tui.core.model import Item, Roadmap
from roadmap_tui.core.outline import title_path
from roadmap_tui.core.progress import recount_all, toggle
from roadmap_tui.formats.markdown_export import to_markdown
from roadmap_tui.formats.markdown_import import MarkdownImportError, import_markdown
from roadmap_tui.storage.schema import build_roadmap
from roadmap_tui.storage.store import RoadmapStore

FILES = sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else []
LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")

pytestmark = pytest.mark.skipif(not FILES, reason=f"no corpus at {CORPUS}")


def _ids(path: Path) -> str:
    return path.name[:40]


def rendered_checkboxes(text: str) -> list[tuple[int, str]]:
    """(line, mark) of every checkbox GitHub would render, from the plugin's own rendering path.

    Full markdown-it (inline rules on), rendered to HTML: counts the checkbox inputs, and takes
    each one's line from its paragraph. Independent of the importer's token walk.
    """
    parser = MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(tasklists_plugin)
    text = text.removeprefix("\ufeff")
    tokens = parser.parse(text)
    html = parser.renderer.render(tokens, parser.options, {})
    lines = LINE_RE.findall(text)
    found = []
    for index, token in enumerate(tokens):
        if token.type == "inline" and token.children and "task-list-item-checkbox" in token.children[0].content:
            line = tokens[index - 1].map[0]
            box = lines[line].index("[")
            found.append((line, lines[line][box + 1]))
    assert html.count('class="task-list-item-checkbox"') == len(found)
    return found


def sources_counts() -> dict[str, int]:
    """The corpus's own task counts (SOURCES.tsv's checkbox_count, less those in code fences)."""
    counts = {}
    rows = (CORPUS / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split("\t")
    for row in rows[1:]:
        fields = dict(zip(header, row.split("\t"), strict=True))
        match = re.fullmatch(r"(\d+)(?: \((\d+) in code fences\))?", fields["checkbox_count"])
        assert match, fields["checkbox_count"]
        counts[fields["file"]] = int(match.group(1)) - int(match.group(2) or 0)
    return counts


def imported(path: Path) -> tuple[bytes, str, Roadmap, int]:
    data = path.read_bytes()
    result = import_markdown(data, path)
    roadmap = build_roadmap(tomllib.loads(result.toml_text), path)
    return data, result.toml_text, roadmap, result.n_tasks


def test_the_corpus_readme_agrees_with_sources() -> None:
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    counts = sources_counts()
    assert "463 in the\ncoding-interview-university README" in readme
    assert counts["jwasham__coding-interview-university__README.md"] == 463
    assert "280 in the DevOps study plan" in readme
    assert counts["ashishshah1710__IMPCheatSheet__Learning__devops-resources__STUDY-PLAN-DEVOPS.md"] == 280
    assert set(counts) == {p.name for p in FILES if p.name != "README.md"}


@pytest.mark.parametrize("path", FILES, ids=_ids)
def test_import_then_export_gives_the_same_bytes(path: Path) -> None:
    data = path.read_bytes()
    boxes = rendered_checkboxes(data.decode("utf-8"))
    if not boxes:  # the corpus's own README: prose about checkboxes, none of them real
        with pytest.raises(MarkdownImportError, match="no tasks"):
            import_markdown(data, path)
        return
    data, _, roadmap, n_tasks = imported(path)
    assert to_markdown(roadmap).encode("utf-8") == data
    assert n_tasks == len(boxes) == sources_counts()[path.name]
    checkboxes = [i for i in roadmap.walk_items() if i.done is not None]
    assert [i.done for i in checkboxes] == [mark in "xX" for _, mark in boxes]


def checkbox_lines(path: Path, roadmap: Roadmap) -> dict[int, Item]:
    """Each checkbox item by the line its mark is on, pairing document order with the renderer's."""
    boxes = rendered_checkboxes(path.read_bytes().decode("utf-8"))
    checkboxes = [i for i in roadmap.walk_items() if i.done is not None]
    assert len(checkboxes) == len(boxes)
    return {line: item for (line, _), item in zip(boxes, checkboxes, strict=True)}


def toggle_sample(roadmap: Roadmap, seed: int, toggler) -> set[int]:  # noqa: ANN001
    """Toggle leaves one by one: a seeded sample, and (if there are topics) enough of one topic's
    leaves to flip its completeness. Returns the toggled items' ids."""
    rng = random.Random(seed)
    chosen: list[Item] = []
    leaves: list[Item] = []
    parents = [i for i in roadmap.walk_items() if i.n_total > 1 and not i.is_counted]
    if parents:
        topic = rng.choice(parents)
        leaves = [i for i in topic.walk() if i.is_counted]
        undone = [i for i in leaves if not i.done]
        chosen += undone if undone else leaves[:1]  # all done now, or one undone
    others = [i for i in roadmap.walk_items() if i.is_counted and i not in leaves]
    chosen += rng.sample(others, min(12, len(others)))
    for item in chosen:
        toggler(item)
    return {id(item) for item in chosen}


def check_progress_diff(path: Path, before: list[bool], roadmap: Roadmap, toggled: set[int]) -> tuple[int, int]:
    """The export differs from the source in exactly the expected checkbox marks, and nowhere else."""
    source = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    exported = to_markdown(roadmap).removeprefix("\ufeff")
    old_lines, new_lines = LINE_RE.findall(source), LINE_RE.findall(exported)
    assert len(old_lines) == len(new_lines)
    by_line = checkbox_lines(path, roadmap)
    order = {id(i): n for n, i in enumerate(i for i in roadmap.walk_items() if i.done is not None)}
    changed_lines = {n for n, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b}
    expected: set[int] = set()
    parents_changed = 0
    for line, item in by_line.items():
        now = item.checked
        if id(item) in toggled:
            assert now != before[order[id(item)]]
        elif now == before[order[id(item)]]:
            continue  # not toggled, completeness unchanged: the line stays as it was
        # toggled, or a parent whose completeness changed: its mark shows the new state
        old, new = old_lines[line], new_lines[line]
        box = old.index("[")
        assert new[box + 1] == ("x" if now else " ")
        assert new[: box + 1] == old[: box + 1] and new[box + 2 :] == old[box + 2 :]
        if new != old:
            expected.add(line)
            parents_changed += id(item) not in toggled
    assert changed_lines == expected
    assert len(expected) >= len(toggled)
    if any(i.n_total > 1 and not i.is_counted for i in roadmap.walk_items()):
        assert parents_changed, "no topic's completeness changed"
    return len(expected), parents_changed


@pytest.mark.parametrize("path", [p for p in FILES if p.name != "README.md"], ids=_ids)
def test_toggling_changes_only_those_checkbox_marks(path: Path) -> None:
    _, _, roadmap, _ = imported(path)
    before = [i.checked for i in roadmap.walk_items() if i.done is not None]
    toggled = toggle_sample(roadmap, seed=len(path.name), toggler=toggle)
    check_progress_diff(path, before, roadmap, toggled)


@pytest.mark.parametrize(
    "name", ["jwasham__coding-interview-university__README.md", "naafidasana__Deep-Learning__Roadmap.md"]
)
def test_toggling_through_the_store_on_disk(tmp_path: Path, name: str) -> None:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{name} is not in the corpus")
    _, toml_text, _, _ = imported(path)
    target = tmp_path / "imported.toml"
    target.write_bytes(toml_text.encode("utf-8"))
    store = RoadmapStore(target)
    roadmap = store.load(create=False)
    before = [i.checked for i in roadmap.walk_items() if i.done is not None]
    toggle_sample(roadmap, seed=7, toggler=store.toggle)
    assert store.flush(timeout=30)
    store.close()

    # what is on disk: the same sources, and the same progress as the model in memory
    on_disk = tomllib.loads(target.read_text(encoding="utf-8"))
    original = tomllib.loads(toml_text)
    assert on_disk["md_head"] == original["md_head"]
    assert [i.md for i in build_roadmap(on_disk, target).walk_items()] == [
        i.md for i in build_roadmap(original, target).walk_items()
    ]
    reloaded = RoadmapStore(target).load(create=False)
    assert [i.checked for i in reloaded.walk_items()] == [i.checked for i in roadmap.walk_items()]
    toggled = {
        id(r)
        for r, b in zip((i for i in reloaded.walk_items() if i.done is not None), before, strict=True)
        if r.is_counted and r.checked != b
    }
    check_progress_diff(path, before, reloaded, toggled)


@pytest.mark.parametrize("path", [p for p in FILES if p.name != "README.md"], ids=_ids)
def test_entries_added_in_the_app_import_again_where_they_were_added(path: Path) -> None:
    _, _, roadmap, _ = imported(path)
    expected = {}
    for number, node in enumerate(list(roadmap.walk_nodes())):
        node.items.append(Item(text=f"added to node {number}", done=number % 2 == 1))
        expected[f"added to node {number}"] = title_path(node)
    for number, topic in enumerate([i for i in roadmap.walk_items() if i.items and i.md is not None]):
        topic.items.append(Item(text=f"added to topic {number}", done=False))
        expected[f"added to topic {number}"] = title_path(topic)
    roadmap.link()
    recount_all(roadmap)
    exported = to_markdown(roadmap)

    again = build_roadmap(tomllib.loads(import_markdown(exported.encode("utf-8"), path).toml_text), path)
    where = {item.text: title_path(item.parent) for item in again.walk_items() if item.text in expected}
    assert where == expected

    def checkboxes(r: Roadmap) -> list[tuple[str, bool | None, list[str]]]:
        return [(i.text, i.done, title_path(i)) for i in r.walk_items() if i.done is not None]

    assert checkboxes(again) == checkboxes(roadmap)
