"""SegmentedDocument edits one table chunk at a time: it must give exactly what a whole tomlkit
document gives, for every kind of change, on every kind of roadmap file."""

from __future__ import annotations

import random
import tomllib

import pytest
import tomlkit
from conftest import CORPUS, REPO

from roadmap_tui import benchgen
from roadmap_tui.core.model import Item, Node, Roadmap, fill_key, has_placeholder, title_path
from roadmap_tui.storage.changes import Change, apply_to_document, apply_to_model, key_path
from roadmap_tui.storage.schema import build_roadmap
from roadmap_tui.storage.segmented import SegmentedDocument, Unsegmentable, _header_starts, split

DEFAULT_TEXT = (REPO / "data" / "default_roadmap.toml").read_text(encoding="utf-8")

TRICKY = '''schema = 2 # a comment
title = "Tricky"
notes = """
[[phases]]
this is a string, not a header
"""
matrix = [
  [1, 2],
  [3, 4],
]

[[phases]]   # a comment after a header
title = "P1"
items = [
  { text = "a", done = false },
  { text = "b [x]", done = true },
]
# a comment that belongs before the next table

[[phases.sections]]
title = "S1"
[[phases.sections.items]]
text = "topic"
items = [ { text = "t1", done = false }, { text = "t2 _[hint]_", done = false } ]

[[phases.sections]]
title = "S2"
items = [ { text = "lib" } ]

[[phases]]
title = "P2"
literal = \'\'\'
[[not a header]]
\'\'\'
[phases.extra]
note = "a sub-table"

[[phases.sections]]
title = "S3"
items = [ { text = "x", done = false } ]
'''


def texts() -> list[tuple[str, str]]:
    found = [
        ("default", DEFAULT_TEXT),
        ("default-crlf", DEFAULT_TEXT.replace("\n", "\r\n")),
        ("tricky", TRICKY),
        ("bench-1000", benchgen.generate(1000)),
    ]
    if CORPUS.is_dir():
        from roadmap_tui.formats.markdown_import import import_markdown

        for name in ("jwasham__coding-interview-university__README.md", "naafidasana__Deep-Learning__Roadmap.md"):
            path = CORPUS / name
            found.append((name, import_markdown(path.read_bytes(), path).toml_text))
    return found


def random_change(rng: random.Random, roadmap: Roadmap, seq: int) -> Change | None:
    """A change the app could make, built as the store builds it (before the model changes)."""
    items = list(roadmap.walk_items())
    nodes = list(roadmap.walk_nodes())
    kind = rng.choice(["toggle", "toggle", "toggle", "fill", "text", "append", "remove", "ui"])
    if kind == "toggle":
        checkboxes = [i for i in items if i.done is not None]
        if not checkboxes:
            return None
        item = rng.choice(checkboxes)
        return Change(seq, "set", key_path(item), title_path(item), "done", not item.done)
    if kind == "fill":
        blanks: list[tuple[Item | Node, str]] = [(i, "text") for i in items if has_placeholder(i.text)]
        blanks += [(n, "title") for n in nodes if has_placeholder(n.title)]
        if not blanks:
            return None
        entry, name = rng.choice(blanks)
        if rng.random() < 0.3:
            return Change(seq, "delete", key_path(entry), title_path(entry), fill_key(name))
        return Change(seq, "set", key_path(entry), title_path(entry), fill_key(name), f"filled {seq} [b]\"q\"")
    if kind == "text":
        plain = [i for i in items if i.done is None and not has_placeholder(i.text)]
        if not plain:
            return None
        item = rng.choice(plain)
        return Change(seq, "set", key_path(item), title_path(item), "text", f"{item.text} edited {seq}")
    if kind == "append":
        node = rng.choice(nodes)
        return Change(seq, "append", key_path(node), title_path(node), value=f"new entry {seq}")
    if kind == "remove":
        leaves = [i for i in items if not i.items]
        if len(leaves) < 4:
            return None
        item = rng.choice(leaves)
        return Change(seq, "remove", key_path(item), title_path(item))
    node = rng.choice(nodes)
    return Change(seq, "ui", [], [], value=title_path(node))


@pytest.mark.parametrize("name,text", texts(), ids=lambda v: v if len(v) < 60 else "text")
def test_chunked_edits_equal_whole_document_edits(name: str, text: str) -> None:
    rng = random.Random(f"segments:{name}")
    roadmap = build_roadmap(tomllib.loads(text), name)
    chunked = SegmentedDocument(text)
    assert chunked.as_string() == text, "cut and joined again, the text is unchanged"
    whole = tomlkit.parse(text)
    big = len(text) > 50_000
    applied = resyncs = 0
    for seq in range(1, 41 if big else 121):
        change = random_change(rng, roadmap, seq)
        if change is None:
            continue
        assert apply_to_document(chunked, change) is True
        assert apply_to_document(whole, change) is True
        assert apply_to_model(roadmap, change) is True
        applied += 1
        if seq % (8 if big else 2):
            continue
        ours, reference = chunked.as_string(), whole.as_string()
        data = tomllib.loads(ours)
        if ours == reference:
            continue
        # A change that adds a key or a table may be laid out differently (a blank line kept
        # before the next table; tomlkit's whole document can even write `][phases.x]`, which
        # is not TOML): then the data must be the same, and the text goes on from ours.
        try:
            assert data == tomllib.loads(reference)
        except tomllib.TOMLDecodeError:
            pass
        whole = tomlkit.parse(ours)
        resyncs += 1
    result = chunked.as_string()
    assert result == whole.as_string()
    assert applied > (25 if big else 60)
    assert resyncs <= applied // 4
    again = build_roadmap(tomllib.loads(result), name)
    assert [(i.text, i.done) for i in again.walk_items()] == [(i.text, i.done) for i in roadmap.walk_items()]
    # the whole file was parsed only for changes that add or remove a table of its own
    assert chunked.full_parses < applied / 2


def test_headers_inside_strings_and_arrays_are_not_headers() -> None:
    names = [name for _, _, name in _header_starts(TRICKY)]
    assert names == ["phases", "phases.sections", "phases.sections.items", "phases.sections", "phases",
                     "phases.extra", "phases.sections"]


def test_each_chunk_knows_its_table() -> None:
    paths = [chunk.path for chunk in split(TRICKY)]
    assert paths == [
        (),
        ("phases", 0),
        ("phases", 0, "sections", 0),
        ("phases", 0, "sections", 0, "items", 0),
        ("phases", 0, "sections", 1),
        ("phases", 1),
        ("phases", 1, "extra"),
        ("phases", 1, "sections", 0),
    ]
    data = tomllib.loads(TRICKY)
    assert data["phases"][1]["sections"][0]["title"] == "S3"


def test_a_header_it_cannot_read_falls_back_to_the_whole_file() -> None:
    text = DEFAULT_TEXT.replace("\n[[phases.sections]]\n", "\n[[phases.\"sections\"]]\n", 1)
    with pytest.raises(Unsegmentable):
        _header_starts(text)
    roadmap = build_roadmap(tomllib.loads(text), "quoted")
    item = next(i for i in roadmap.walk_items() if i.is_counted)
    change = Change(1, "set", key_path(item), title_path(item), "done", True)
    chunked, whole = SegmentedDocument(text), tomlkit.parse(text)
    assert apply_to_document(chunked, change) and apply_to_document(whole, change)
    assert chunked.as_string() == whole.as_string()
    assert chunked.full_parses == 1


def test_a_change_to_one_item_parses_only_its_chunk() -> None:
    text = benchgen.generate(10_000)
    roadmap = build_roadmap(tomllib.loads(text), "bench")
    item = [i for i in roadmap.walk_items() if i.is_counted][5000]
    chunked = SegmentedDocument(text)
    assert apply_to_document(chunked, Change(1, "set", key_path(item), title_path(item), "done", not item.done))
    parsed = [chunk for chunk in chunked._chunks if chunk.doc is not None]
    assert len(parsed) == 1 and len(chunked._chunks) > 1000
    assert chunked.full_parses == 0
    after = tomllib.loads(chunked.as_string())
    assert after != tomllib.loads(text)


@pytest.mark.parametrize("name,text", texts()[:4], ids=lambda v: v if len(v) < 60 else "text")
def test_toggles_and_fills_give_exactly_the_whole_documents_text(name: str, text: str) -> None:
    rng = random.Random(f"set-only:{name}")
    roadmap = build_roadmap(tomllib.loads(text), name)
    chunked, whole = SegmentedDocument(text), tomlkit.parse(text)
    changes = 0
    while changes < 50:
        change = random_change(rng, roadmap, changes + 1)
        if change is None or change.kind not in ("set", "delete"):
            continue
        for target in (chunked, whole, roadmap):
            assert (apply_to_model if target is roadmap else apply_to_document)(target, change)
        changes += 1
    assert chunked.as_string() == whole.as_string()
    assert chunked.full_parses == 0


# Found in review: layouts where a careless edit would write a file that does not open again.

UI_LAYOUTS = {
    "inline ui table": 'ui = { selected = ["P"] }\n',
    "dotted ui key": 'ui.selected = ["P"]\n',
}
BASE = 'schema = 2\ntitle = "T"\n{ui}\n[[phases]]\ntitle = "P"\nitems = [ {{ text = "a", done = false }} ]\n'


@pytest.mark.parametrize("layout", sorted(UI_LAYOUTS))
def test_the_selection_goes_where_the_file_keeps_it(layout: str) -> None:
    text = BASE.format(ui=UI_LAYOUTS[layout])
    chunked = SegmentedDocument(text)
    assert apply_to_document(chunked, Change(1, "ui", [], [], value=["P", "a"]))
    chunked.verify()
    assert tomllib.loads(chunked.as_string())["ui"]["selected"] == ["P", "a"]


@pytest.mark.parametrize("tail", ["[ui]", "[ui] # where the app was"])
def test_a_ui_header_on_the_last_line_without_a_newline(tail: str) -> None:
    text = BASE.format(ui="") + tail
    chunked = SegmentedDocument(text)
    assert apply_to_document(chunked, Change(1, "ui", [], [], value=["P", "a"]))
    chunked.verify()
    assert tomllib.loads(chunked.as_string())["ui"]["selected"] == ["P", "a"]


def test_adding_an_entry_at_the_end_of_a_file_without_a_final_newline() -> None:
    text = 'schema = 2\ntitle = "T"\n\n[[phases]]\ntitle = "Library"\n\n[[phases.items]]\ntext = "Book A"'
    chunked = SegmentedDocument(text)
    assert apply_to_document(chunked, Change(1, "append", ["phases", 0], ["Library"], value="Book B"))
    chunked.verify()
    items = tomllib.loads(chunked.as_string())["phases"][0]["items"]
    assert [i["text"] for i in items] == ["Book A", "Book B"]


def test_verify_refuses_what_tomlkit_would_glue_together() -> None:
    # A quoted header sends the change through a whole tomlkit document, which writes the new
    # array and the next header on one line after a dotted key and a comment (tomlkit 0.15).
    text = (
        'schema = 2\ntitle = "T"\n\n[[phases]]\ntitle = "Library"\nmeta.source = "me"\n# next phase\n'
        '[[ "phases" ]]\ntitle = "Other"\n'
    )
    chunked = SegmentedDocument(text)
    apply_to_document(chunked, Change(1, "append", ["phases", 0], ["Library"], value="Book B"))
    try:
        tomllib.loads(chunked.as_string())
    except tomllib.TOMLDecodeError:
        with pytest.raises(ValueError, match="invalid TOML"):
            chunked.verify()
    else:
        chunked.verify()  # a tomlkit that no longer glues them: then it must pass
