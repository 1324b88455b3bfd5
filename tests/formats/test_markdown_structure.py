"""Structure edits in an imported roadmap's Markdown export, on real files (`../shared/corpus/`).

Each test changes the model the way the app's structure edits do (an added entry has no `md`,
a renamed one keeps its `md` with a new `text`, a moved one keeps its `md` and children, a
deleted one is gone), exports, and checks that the diff against the file is exactly the lines
that edit is about, and that importing the export again gives the edited roadmap. Skipped
where the corpus is absent; the files are read in place, never copied.
"""

from __future__ import annotations

import difflib
import tomllib

import pytest
from conftest import CORPUS

from roadmap_tui.core.md_tail import after_move, tail_receiver
from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.core.progress import recount_all
from roadmap_tui.formats.markdown_export import to_markdown
from roadmap_tui.formats.markdown_import import import_markdown
from roadmap_tui.storage.schema import build_roadmap

CIU = "jwasham__coding-interview-university__README.md"
GRANADA = "gr4nada__data-scientist-roadmap__README.md"
SENSOR = "apateonas__sensor__README.md"
KALEIDOSCOPE = "MU001999__kaleidoscope__README.md"
DEEP = "naafidasana__Deep-Learning__Roadmap.md"
FRONT_END = "thedaviddias__Front-End-Checklist__README.md"
DEVOPS = "ashishshah1710__IMPCheatSheet__Learning__devops-resources__STUDY-PLAN-DEVOPS.md"

pytestmark = pytest.mark.skipif(not (CORPUS / CIU).is_file(), reason=f"no corpus at {CORPUS}")


def load_text(text: str, name: str) -> Roadmap:
    return build_roadmap(tomllib.loads(import_markdown(text.encode("utf-8"), name).toml_text), name)


def load(name: str) -> tuple[str, Roadmap]:
    text = (CORPUS / name).read_bytes().decode("utf-8")
    return text, load_text(text, name)


def changes(before: str, after: str) -> list[str]:
    """The lines the export removed ("-") and added ("+"), in order (difflib, no context)."""
    out = []
    for line in difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        out.append(line)
    return out


def shape(roadmap: Roadmap) -> list[object]:
    def item(entry: Item) -> object:
        return [entry.text, entry.done, [item(child) for child in entry.items]]

    def node(entry: Node) -> object:
        return [entry.title, [item(i) for i in entry.items], [node(s) for s in entry.sections]]

    return [node(phase) for phase in roadmap.phases]


def export(roadmap: Roadmap, name: str) -> tuple[str, Roadmap]:
    """The export after an edit, and that export imported again (which must be the edited model)."""
    roadmap.link()
    recount_all(roadmap)
    text = to_markdown(roadmap)
    again = load_text(text, name)
    assert shape(again) == shape(roadmap)
    return text, again


def node(roadmap: Roadmap, title: str) -> Node:
    return next(n for n in roadmap.walk_nodes() if n.title == title)


def item(where: Roadmap | Node | Item, start: str) -> Item:
    items = where.walk_items() if isinstance(where, Roadmap | Node) else where.walk()
    return next(i for i in items if i.text.startswith(start))


def line(entry: Item | Node) -> str:
    """An entry's first source line."""
    assert entry.md
    return entry.md.splitlines(True)[0]


def delete(entry: Item | Node) -> None:
    """Delete as the app's delete edit does: the lines after the entry that are not its own go
    to the entry before it (`tail_receiver`), then the entry goes."""
    kept = tail_receiver(entry)
    if kept is not None:
        kept[0].md = kept[1]
    parent = entry.parent
    assert parent is not None
    if isinstance(entry, Item):
        assert not isinstance(parent, Roadmap)
        parent.items.remove(entry)
    elif isinstance(parent, Roadmap):
        parent.phases.remove(entry)
    else:
        assert isinstance(parent, Node)
        parent.sections.remove(entry)


def move(entry: Item, parent: Item | Node, index: int, roadmap: Roadmap) -> None:
    """Move as the app's move, indent and outdent edits do: the item goes to `parent.items[index]`,
    then the `md`s that `after_move` names are set (what followed a list stays at its end)."""
    old_parent = entry.parent
    assert isinstance(old_parent, Item | Node)
    old_index = old_parent.items.index(entry)
    old_parent.items.remove(entry)
    parent.items.insert(index, entry)
    roadmap.link()
    for changed, md in after_move(entry, old_parent, old_index):
        changed.md = md


# Rename ------------------------------------------------------------------------------------------


def test_a_renamed_item_keeps_its_line_but_its_text() -> None:
    text, roadmap = load(CIU)
    topic = item(roadmap, "How to Get a Job at the Big 4:")
    old = line(topic)
    topic.text = "How to get a job at a big company"
    exported, _ = export(roadmap, CIU)
    assert changes(text, exported) == ["-" + old, "+- [ ] How to get a job at a big company\n"]


def test_a_renamed_nested_link_item_keeps_its_indentation_and_checkbox() -> None:
    text, roadmap = load(CIU)
    entry = item(roadmap, "[Tail Recursion (video)]")
    old = line(entry)
    entry.text = "[Tail recursion, again (video)](https://example.org/tail)"
    entry.done = True
    exported, _ = export(roadmap, CIU)
    assert changes(text, exported) == [
        "-" + old,
        "+        - [x] [Tail recursion, again (video)](https://example.org/tail)\n",
    ]


def test_a_renamed_heading_keeps_its_level_and_what_follows() -> None:
    text, roadmap = load(GRANADA)
    part = node(roadmap, "Part 2:")
    part.title = "Part 2: calculus"
    exported, _ = export(roadmap, GRANADA)
    assert changes(text, exported) == ["-### Part 2:\n", "+### Part 2: calculus\n"]


def test_an_item_whose_text_runs_over_two_lines_becomes_one_line() -> None:
    text, roadmap = load(CIU)
    entry = item(roadmap, "[C Code (video)]")
    entry.text = "C code (video)"
    exported, _ = export(roadmap, CIU)
    assert changes(text, exported) == [
        "-" + line(entry),
        "-            - not the whole video, just portions about Node struct and memory allocation\n",
        "+    - [ ] C code (video)\n",
    ]


# Add ---------------------------------------------------------------------------------------------


def test_an_added_item_follows_its_sibling_and_that_siblings_children() -> None:
    text, roadmap = load(CIU)
    part = node(roadmap, "Interview Process & General Interview Prep")
    topic = item(part, "How to Get a Job at the Big 4:")
    last_child = topic.items[-1]
    part.items.insert(part.items.index(topic) + 1, Item(text="Mock interviews with a friend", md=None))
    exported, _ = export(roadmap, CIU)
    lines = text.splitlines(True)
    at = lines.index(line(last_child)) + 1
    assert changes(text, exported) == ["+- [ ] Mock interviews with a friend\n"]
    assert exported.splitlines(True)[at] == "+- [ ] Mock interviews with a friend\n"[1:]


def test_an_added_item_uses_the_lists_own_marker_and_checkbox() -> None:
    text, roadmap = load(KALEIDOSCOPE)
    todo = node(roadmap, "To Do")
    todo.items.insert(1, Item(text="Chapter 9 and a half", md=None))
    exported, _ = export(roadmap, KALEIDOSCOPE)
    assert changes(text, exported) == ["+" + line(todo.items[0]).split("[ ] ")[0] + "[ ] Chapter 9 and a half\n"]
    assert "+ [ ] Chapter 9 and a half\n" in exported


def test_an_added_item_in_an_ordered_tab_indented_list_continues_the_numbers() -> None:
    text, roadmap = load(SENSOR)
    phase = roadmap.phases[0]
    first = phase.items[0]
    phase.items.insert(1, Item(text="Check the network again", done=True, md=None))
    exported, _ = export(roadmap, SENSOR)
    assert changes(text, exported) == ["+\t2. [x] Check the network again\n"]
    assert exported.split(line(first))[1].startswith("\t2. [x] Check the network again\n")


def test_an_added_child_is_indented_like_the_files_other_children() -> None:
    text, roadmap = load(CIU)
    leaf = item(roadmap, "[Demystifying Tech Recruiting]")
    assert not leaf.items and line(leaf).startswith("- [ ]")
    leaf.items.append(Item(text="Watch it twice", md=None))
    exported, _ = export(roadmap, CIU)
    assert changes(text, exported) == ["+    - [ ] Watch it twice\n"]  # the file nests by 4 spaces
    assert exported.split(line(leaf))[1].startswith("    - [ ] Watch it twice\n")


def test_an_added_child_in_a_two_space_file_is_indented_by_two() -> None:
    text, roadmap = load(DEEP)
    leaf = next(i for i in roadmap.walk_items() if i.md and not i.items and i.md.startswith("  - [ ]"))
    leaf.items.append(Item(text="My own exercise", md=None))
    exported, _ = export(roadmap, DEEP)
    assert changes(text, exported) == ["+    - [ ] My own exercise\n"]


def test_an_added_section_is_a_heading_of_its_siblings_level_set_off_by_blank_lines() -> None:
    text, roadmap = load(GRANADA)
    programming = node(roadmap, "Programming")
    python = node(roadmap, "Python:")
    section = Node(title="Julia:", md=None)
    section.items.append(Item(text="Julia Basics", md=None))
    programming.sections.insert(1, section)
    exported, _ = export(roadmap, GRANADA)
    # the file's `####` for this level (the model counts it as level 5), its `*` bullets
    added = [entry[1:] for entry in changes(text, exported)]
    assert "".join(added).strip("\n") == "#### Julia:\n\n* [ ] Julia Basics"
    last_python = python.items[-1]
    after = exported.split(line(last_python), 1)[1]
    assert after.lstrip(" \n").startswith("#### Julia:\n\n* [ ] Julia Basics\n")


def test_an_added_phase_in_a_file_of_level_two_phases() -> None:
    text, roadmap = load(KALEIDOSCOPE)
    roadmap.phases.insert(1, Node(title="Maybe later", md=None, items=[Item(text="Chapter 11", md=None)]))
    exported, _ = export(roadmap, KALEIDOSCOPE)
    assert "".join(c[1:] for c in changes(text, exported)).strip("\n") == "## Maybe later\n\n+ [ ] Chapter 11"


# Delete ------------------------------------------------------------------------------------------


def test_a_deleted_item_takes_its_lines_and_its_childrens_and_nothing_else() -> None:
    text, roadmap = load(CIU)
    topic = item(roadmap, "How to Get a Job at the Big 4:")
    gone = [line(entry) for entry in topic.walk()]
    delete(topic)
    exported, _ = export(roadmap, CIU)
    assert changes(text, exported) == ["-" + g for g in gone]


def test_deleting_the_last_item_of_a_list_keeps_what_follows_the_list() -> None:
    text, roadmap = load(CIU)
    part = node(roadmap, "Final Review")
    last = part.items[-1]
    assert last.md is not None and last.md.count("\n") > 1  # its md runs on past its own line
    delete(last)
    exported, _ = export(roadmap, CIU)
    assert changes(text, exported) == ["-" + line(last)]


def test_a_deleted_item_with_a_code_example_after_it_takes_the_example_along() -> None:
    # Front-End-Checklist: each item is followed by its example and links: they are its own.
    text, roadmap = load(FRONT_END)
    entry = next(i for i in roadmap.walk_items() if i.md and "```" in i.md)
    delete(entry)
    exported, _ = export(roadmap, FRONT_END)
    assert entry.md is not None and entry.md.count("\n") > 4
    assert exported == text.replace(entry.md, "", 1)
    assert all(c.startswith("-") for c in changes(text, exported))


def test_a_deleted_section_takes_its_heading_text_and_items() -> None:
    text, roadmap = load(GRANADA)
    python = node(roadmap, "Python:")
    gone = (python.md + "".join(i.md or "" for i in python.walk_items())).splitlines(True)
    assert gone[-1] == "  \n"  # the blank line before the next heading is the section's last
    delete(python)
    exported, _ = export(roadmap, GRANADA)
    assert changes(text, exported) == ["-" + g for g in gone]
    assert "important.\n\n#### R:\n" in exported


# Move, indent, outdent ---------------------------------------------------------------------------


def test_an_item_moved_up_moves_its_line_only() -> None:
    text, roadmap = load(CIU)
    part = node(roadmap, "System Design, Scalability, Data Handling")
    first, second = part.items[0], part.items[1]
    move(second, part, 0, roadmap)
    exported, _ = export(roadmap, CIU)
    assert changes(text, exported) == ["+" + line(second), "-" + line(second)]
    assert exported.index(line(second)) < exported.index(line(first))


def test_moving_the_last_item_first_keeps_the_blank_line_at_the_end_of_the_list() -> None:
    text, roadmap = load(GRANADA)
    part = node(roadmap, "Part 1:")
    last = part.items[-1]
    assert last.md is not None and last.md.endswith("\n\n")
    move(last, part, 0, roadmap)
    exported, _ = export(roadmap, GRANADA)
    assert sorted(changes(text, exported)) == sorted(["+" + line(last), "-" + line(last)])
    start = exported.index("### Part 1:\n")
    block = exported[start : exported.index("### Part 2:", start)]
    assert block == "### Part 1:\n" + line(last) + "".join(line(i) for i in part.items[1:]) + "\n"


def test_a_topic_moved_down_moves_with_its_children() -> None:
    text, roadmap = load(CIU)
    part = node(roadmap, "Interview Process & General Interview Prep")
    topic = item(part, "How to Get a Job at the Big 4:")
    index = part.items.index(topic)
    move(topic, part, index + 1, roadmap)
    exported, _ = export(roadmap, CIU)
    moved = "".join(entry.md or "" for entry in topic.walk())
    assert moved in exported
    assert exported.index(moved) > exported.index(line(part.items[index]))
    assert len(exported) == len(text)


def test_an_indented_item_becomes_a_child_of_the_one_above_in_the_files_step() -> None:
    text, roadmap = load(KALEIDOSCOPE)
    todo = node(roadmap, "To Do")
    above, entry = todo.items
    move(entry, above, 0, roadmap)
    exported, _ = export(roadmap, KALEIDOSCOPE)
    assert changes(text, exported) == ["-" + line(entry), "+  " + line(entry)]


def test_an_outdented_item_goes_after_its_old_parent_at_its_parents_indentation() -> None:
    text, roadmap = load(CIU)
    part = node(roadmap, "Interview Process & General Interview Prep")
    topic = item(part, "How to Get a Job at the Big 4:")
    child = topic.items[0]
    move(child, part, part.items.index(topic) + 1, roadmap)
    exported, _ = export(roadmap, CIU)
    own = line(child)
    out = own.replace("    - [ ]", "- [ ]", 1)
    assert own != out
    assert changes(text, exported) == ["-" + own, "+" + out]
    assert exported.index(out) > exported.index(line(topic.items[-1]))  # after the old parent's lines


def test_a_moved_section_moves_its_heading_text_and_items() -> None:
    text, roadmap = load(GRANADA)
    programming = node(roadmap, "Programming")
    python, r = programming.sections[0], programming.sections[1]
    programming.sections[0], programming.sections[1] = r, python
    exported, _ = export(roadmap, GRANADA)
    assert sorted(exported.splitlines(True)) == sorted(text.splitlines(True))
    assert exported.index("#### R:") < exported.index("#### Python:")


def test_a_moved_entry_of_an_ordered_list_takes_the_number_of_its_new_place() -> None:
    text, roadmap = load(SENSOR)
    phase = roadmap.phases[0]
    first, second = phase.items[0], phase.items[1]
    move(second, phase, 0, roadmap)
    exported, _ = export(roadmap, SENSOR)
    assert changes(text, exported) == [
        "-\t1. [x] Connect Raspberry Pi to internet\n",
        "-\t2. [x] Send dummy HTTP request and pick up with GCF\n",
        "+\t1. [x] Send dummy HTTP request and pick up with GCF\n",
        "+\t2. [x] Connect Raspberry Pi to internet\n",
    ]
    moved = "\t1. [x] Send dummy HTTP request and pick up with GCF\n\t\t- use pastbin to test\n\t2. [x] Connect"
    assert moved in exported


def test_added_and_renamed_lines_use_the_files_crlf_line_ends() -> None:
    name = "FOSSforlife__courses__coding__docker-kubernetes-grider.md"
    text, roadmap = load(name)
    phase = next(n for n in roadmap.walk_nodes() if len(n.items) > 2)
    first = phase.items[0]
    assert line(first).endswith("\r\n")
    phase.items.insert(1, Item(text="Added in the app", md=None))
    phase.items[2].text = "Renamed in the app"
    old_third = line(phase.items[2])
    exported, _ = export(roadmap, name)
    assert changes(text, exported) == [
        "-" + old_third,
        "+- [ ] Added in the app\r\n",
        "+" + old_third[: old_third.index("]") + 2] + "Renamed in the app\r\n",
    ]
    assert exported.count("\r\n") == text.count("\r\n") + 1


def test_deleting_the_last_item_before_a_plain_bullet_heading_keeps_that_bullet() -> None:
    text, roadmap = load(CIU)
    bullet = "- ### Linked Lists\n"
    before = next(i for i in roadmap.walk_items() if i.md and bullet in i.md)
    assert before.md is not None
    own = before.md[: before.md.index("\n\n") + 1]  # its line and its plain sub-bullets
    delete(before)
    exported, _ = export(roadmap, CIU)
    assert changes(text, exported) == ["-" + x for x in own.splitlines(True)]
    assert bullet in exported


def test_deleting_the_last_task_of_a_day_keeps_the_days_time_line() -> None:
    text, roadmap = load(DEVOPS)
    day = node(roadmap, "Day 2: Container Basics")
    last = day.items[-1]
    assert "**Time:** 2.5 hours" in (last.md or "")
    delete(last)
    exported, _ = export(roadmap, DEVOPS)
    assert changes(text, exported) == ["-- [ ] Learn: docker ps, logs, exec, stop, rm\n"]


def test_an_indented_topic_is_re_indented_with_its_children() -> None:
    text, roadmap = load(CIU)
    part = node(roadmap, "Interview Process & General Interview Prep")
    topic = item(part, "How to Get a Job at the Big 4:")
    above = part.items[part.items.index(topic) - 1]
    assert not above.items
    move(topic, above, 0, roadmap)
    exported, again = export(roadmap, CIU)
    lines = [line(entry) for entry in topic.walk()]
    assert changes(text, exported) == ["-" + x for x in lines] + ["+    " + x for x in lines]
    assert [i.text for i in item(again, above.text).items] == [topic.text]


def test_moving_a_days_last_task_up_leaves_the_days_time_line_after_the_list() -> None:
    text, roadmap = load(DEVOPS)
    day = node(roadmap, "Day 2: Container Basics")
    last = day.items[-1]
    move(last, day, 1, roadmap)
    exported, _ = export(roadmap, DEVOPS)
    assert changes(text, exported) == ["+" + line(last), "-" + line(last)]
    assert "- [ ] Exercise: Run nginx, ubuntu, python containers\n\n**Time:** 2.5 hours\n" in exported


def test_an_item_moved_in_a_list_of_examples_takes_its_example_along() -> None:
    text, roadmap = load(FRONT_END)
    part = next(n for n in roadmap.walk_nodes() if sum(1 for i in n.items if "```" in (i.md or "")) >= 2)
    first, second = part.items[0], part.items[1]
    move(second, part, 0, roadmap)
    exported, _ = export(roadmap, FRONT_END)
    assert first.md is not None and second.md is not None
    assert second.md + first.md in exported
    assert sorted(exported.splitlines(True)) == sorted(text.splitlines(True))


def test_moving_an_item_last_brings_the_lists_end_along_to_it() -> None:
    text, roadmap = load(GRANADA)
    part = node(roadmap, "Part 1:")
    first, last = part.items[0], part.items[-1]
    move(first, part, len(part.items) - 1, roadmap)
    exported, _ = export(roadmap, GRANADA)
    assert changes(text, exported) == ["-" + line(first), "+" + line(first)]
    assert exported.count(line(last) + line(first) + "\n### Part 2:") == 1


def test_an_outdented_last_child_keeps_the_blank_line_after_it() -> None:
    source = "# Plan\n\n- [ ] topic\n  - [ ] a\n  - [ ] b\n\n- [ ] next\n"
    roadmap = load_text(source, "plan.md")
    topic = roadmap.phases[0].items[0]
    move(topic.items[1], roadmap.phases[0], 1, roadmap)
    exported, _ = export(roadmap, "plan.md")
    assert exported == "# Plan\n\n- [ ] topic\n  - [ ] a\n- [ ] b\n\n- [ ] next\n"


def test_a_section_from_the_files_last_line_moved_up_gets_a_line_end() -> None:
    source = "# Plan\n\n## One\n- [ ] a\n\n## Two\n- [ ] b"
    roadmap = load_text(source, "plan.md")
    one, two = roadmap.phases
    roadmap.phases[:] = [two, one]
    exported, _ = export(roadmap, "plan.md")
    assert exported == "# Plan\n\n## Two\n- [ ] b\n## One\n- [ ] a\n\n"


def test_after_move_says_nothing_for_an_entry_added_in_the_app() -> None:
    roadmap = load_text("# Plan\n\n- [ ] a\n- [ ] b\n\n## Next\n- [ ] c\n", "plan.md")
    phase = roadmap.phases[0]
    added = Item(text="new", md=None)
    phase.items.append(added)
    roadmap.link()
    phase.items.remove(added)
    phase.items.insert(0, added)
    roadmap.link()
    assert after_move(added, phase, 2) == []


# Every corpus file, entries picked at random (fixed seeds) ---------------------------------------

FILES = sorted(p.name for p in CORPUS.glob("*.md") if p.name != "README.md") if CORPUS.is_dir() else []


def leaves(roadmap: Roadmap) -> list[Item]:
    return [i for i in roadmap.walk_items() if i.md is not None and not i.items]


@pytest.mark.parametrize("name", FILES, ids=lambda n: n[:40])
@pytest.mark.parametrize("seed", range(6))
def test_each_kind_of_edit_on_every_file_changes_only_its_lines(name: str, seed: int) -> None:
    import random

    rng = random.Random(seed)
    text, roadmap = load(name)

    # rename: one line out (or the lines of a wrapped text), one line in, the same prefix
    entry = rng.choice(leaves(roadmap))
    entry.text = f"renamed {seed}"
    exported, roadmap = export(roadmap, name)
    diff = changes(text, exported)
    added = [d[1:] for d in diff if d.startswith("+")]
    assert len(added) == 1 and added[0].rstrip("\r\n").endswith(f"renamed {seed}")
    assert all(d[1:] in entry.md for d in diff if d.startswith("-"))
    text = exported

    # add after a leaf: one line in, nothing out
    entry = rng.choice(leaves(roadmap))
    assert isinstance(entry.parent, Item | Node)
    siblings = entry.parent.items
    siblings.insert(siblings.index(entry) + 1, Item(text=f"added {seed}", md=None))
    exported, roadmap = export(roadmap, name)
    diff = changes(text, exported)
    assert [d for d in diff if d.startswith("-")] == []
    assert [d.rstrip("\r\n") for d in diff if d.strip("+\r\n")][-1].endswith(f"added {seed}")
    text = exported

    # delete a leaf: only its lines go, nothing comes
    entry = rng.choice(leaves(roadmap))
    delete(entry)
    exported, roadmap = export(roadmap, name)
    diff = changes(text, exported)
    assert diff and all(d.startswith("-") for d in diff)
    text = exported

    # move a leaf below its next sibling: the same lines (numbers aside), in another order
    movable = [i for i in leaves(roadmap) if isinstance(i.parent, Item | Node) and i.parent.items[-1] is not i]
    entry = rng.choice(movable)
    assert isinstance(entry.parent, Item | Node)
    move(entry, entry.parent, entry.parent.items.index(entry) + 1, roadmap)
    exported, roadmap = export(roadmap, name)
    if not any(c.isdigit() for c in line(entry).lstrip()[:1]):  # (an ordered list is renumbered)

        def filled(t: str) -> list[str]:  # a list's end that came along keeps one blank line, not two
            return sorted(x for x in t.splitlines() if x.strip())  # (the file's last line may get a line end)

        assert filled(exported) == filled(text)  # and `export` checked it imports in its new place

    # indent a leaf under the leaf above it, then outdent it back: the file as it was
    text = exported
    pairs = [
        (i, p)
        for i in leaves(roadmap)
        if isinstance(i.parent, Item | Node)
        and (k := i.parent.items.index(i)) > 0
        and (p := i.parent.items[k - 1]).md is not None
        and not p.items
        and p.done is not None
        and ">" not in (i.md or "")
    ]
    if not pairs:
        return
    entry, above = rng.choice(pairs)
    parent = entry.parent
    assert isinstance(parent, Item | Node)
    move(entry, above, 0, roadmap)
    exported, _ = export(roadmap, name)  # the app goes on with its model, not the export's
    indented = [d for d in changes(text, exported) if d.startswith("+")]
    assert indented and all(d[1:].startswith((" ", "\t")) for d in indented if d[1:].strip())
    assert isinstance(above.parent, Item | Node)
    move(entry, above.parent, above.parent.items.index(above) + 1, roadmap)
    exported, _ = export(roadmap, name)
    assert exported == text


# Small files: the cases the corpus does not have ------------------------------------------------


def small(source: str) -> Roadmap:
    return load_text(source, "plan.md")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("# Plan\n\n## Old title ##\n- [ ] a\n", "# Plan\n\n## New title ##\n- [ ] a\n"),
        ("# Plan\n\nOld title\n---------\n- [ ] a\n", "# Plan\n\nNew title\n---------\n- [ ] a\n"),
    ],
    ids=["closing hashes", "setext"],
)
def test_a_renamed_heading_keeps_its_style(source: str, expected: str) -> None:
    roadmap = small(source)
    roadmap.phases[0].title = "New title"
    assert export(roadmap, "plan.md")[0] == expected


def test_an_item_added_to_a_loose_list_is_set_off_like_its_siblings() -> None:
    roadmap = small("# Plan\n\n- [ ] a\n\n- [ ] b\n\n- [ ] c\n")
    items = roadmap.phases[0].items
    items.insert(1, Item(text="new", md=None))
    assert export(roadmap, "plan.md")[0] == "# Plan\n\n- [ ] a\n\n- [ ] new\n\n- [ ] b\n\n- [ ] c\n"


def test_an_item_added_after_a_parenthesis_numbered_one_continues_it() -> None:
    roadmap = small("# Plan\n\n1) [x] a\n2) [ ] b\n")
    roadmap.phases[0].items.append(Item(text="new", done=False, md=None))
    assert export(roadmap, "plan.md")[0] == "# Plan\n\n1) [x] a\n2) [ ] b\n3) [ ] new\n"


def test_a_renamed_placeholder_entry_keeps_its_marker_and_gets_its_fill() -> None:
    roadmap = small("# Plan\n\n## Books\n- _[List key books]_\n- [ ] x\n")
    entry = roadmap.phases[0].items[0]
    entry.text = "Read _[a book]_"
    entry.text_fill = "SICP"
    roadmap.link()
    assert to_markdown(roadmap) == "# Plan\n\n## Books\n- Read SICP\n- [ ] x\n"  # (filled: no entry any more)


def test_an_indented_first_item_of_an_ordered_sublist_starts_at_one() -> None:
    roadmap = small("# Plan\n\n1. [ ] a\n2. [ ] b\n3. [ ] c\n")
    a, b, _ = roadmap.phases[0].items
    move(b, a, 0, roadmap)
    # (the numbers after a list's first are left: Markdown counts on from the first)
    assert export(roadmap, "plan.md")[0] == "# Plan\n\n1. [ ] a\n   1. [ ] b\n3. [ ] c\n"


def test_an_item_indented_into_a_new_one_is_nested_under_it_with_the_new_child() -> None:
    text, roadmap = load(CIU)
    part = node(roadmap, "Interview Process & General Interview Prep")
    first, second = part.items[0], part.items[1]
    new = Item(text="Mock interviews", md=None)
    new.items.append(Item(text="With a friend", md=None))
    part.items.insert(1, new)
    roadmap.link()
    move(second, new, 1, roadmap)  # indent: the last child of the one above
    exported, _ = export(roadmap, CIU)
    assert changes(text, exported) == [
        "-" + line(second),
        "+- [ ] Mock interviews\n",
        "+    - [ ] With a friend\n",
        "+    " + line(second),
    ]
    assert line(first) + "- [ ] Mock interviews\n" in exported


def test_the_first_item_added_under_a_heading_goes_after_its_blank_line() -> None:
    text, roadmap = load(CIU)
    part = node(roadmap, "Interview Process & General Interview Prep")
    first = part.items[0]
    delete(first)
    part.items.insert(0, Item(text="Mock interviews", md=None))
    exported, _ = export(roadmap, CIU)
    assert changes(text, exported) == ["-" + line(first), "+- [ ] Mock interviews\n"]
    assert "## Interview Process & General Interview Prep\n\n- [ ] Mock interviews\n- [ ] [Demystifying" in exported


def test_a_moved_items_note_goes_with_it_in_the_export_with_notes() -> None:
    text, roadmap = load(CIU)
    part = node(roadmap, "System Design, Scalability, Data Handling")
    first, second = part.items[0], part.items[1]
    second.note = "read it twice"
    move(second, part, 0, roadmap)
    roadmap.link()
    recount_all(roadmap)
    exported = to_markdown(roadmap, with_notes=True)
    assert line(second) + "  > [!NOTE]\n" in exported
    assert exported.index(line(second)) < exported.index(line(first))
    again = load_text(exported, CIU)
    assert item(again, second.text).note == "read it twice"
    assert shape(again) == shape(roadmap)
