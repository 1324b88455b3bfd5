"""SegmentedDocument edits one table chunk at a time: it must give exactly what a whole tomlkit
document gives, for every kind of change, on every kind of roadmap file."""

from __future__ import annotations

import random
import tomllib

import pytest
import tomlkit
from conftest import CORPUS, REPO

from benchmarks.generate import generate
from roadmap_tui.core import edits
from roadmap_tui.core.edits import AppendEntry, ClearField, Edit, RemoveEntry, SetField, key_path
from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.core.outline import title_path
from roadmap_tui.core.placeholders import fill_key, has_placeholder
from roadmap_tui.storage import toml_edit
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
        ("bench-1000", generate(1000)),
    ]
    if CORPUS.is_dir():
        from roadmap_tui.formats.markdown_import import import_markdown

        for name in ("jwasham__coding-interview-university__README.md", "naafidasana__Deep-Learning__Roadmap.md"):
            path = CORPUS / name
            found.append((name, import_markdown(path.read_bytes(), path).toml_text))
    return found


def at(entry: Item | Node) -> tuple[tuple[str | int, ...], tuple[str, ...]]:
    return key_path(entry), tuple(title_path(entry))


def random_change(rng: random.Random, roadmap: Roadmap, seq: int) -> Edit | None:
    """A change the app could make, built as the store builds it (before the model changes)."""
    items = list(roadmap.walk_items())
    nodes = list(roadmap.walk_nodes())
    kind = rng.choice(["toggle", "toggle", "toggle", "fill", "text", "append", "remove"])
    if kind == "toggle":
        # (a box doing or skipped is checked along with its state: `states.state_edits`)
        checkboxes = [i for i in items if i.done is not None and not i.state]
        if not checkboxes:
            return None
        item = rng.choice(checkboxes)
        return SetField(*at(item), "done", not item.done)
    if kind == "fill":
        blanks: list[tuple[Item | Node, str]] = [(i, "text") for i in items if has_placeholder(i.text)]
        blanks += [(n, "title") for n in nodes if has_placeholder(n.title)]
        if not blanks:
            return None
        entry, name = rng.choice(blanks)
        if rng.random() < 0.3:
            return ClearField(*at(entry), fill_key(name))
        return SetField(*at(entry), fill_key(name), f"filled {seq} [b]\"q\"")
    if kind == "text":
        plain = [i for i in items if i.done is None and not has_placeholder(i.text)]
        if not plain:
            return None
        item = rng.choice(plain)
        return SetField(*at(item), "text", f"{item.text} edited {seq}")
    if kind == "append":
        node = rng.choice(nodes)
        return AppendEntry(*at(node), text=f"new entry {seq}")
    leaves = [i for i in items if not i.items]
    if len(leaves) < 4:
        return None
    item = rng.choice(leaves)
    return RemoveEntry(*at(item))


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
        assert chunked.apply(change) is True
        assert toml_edit.apply(whole, change) is True
        assert edits.apply(roadmap, change) is not None
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
    change = SetField(*at(item), "done", True)
    chunked, whole = SegmentedDocument(text), tomlkit.parse(text)
    assert chunked.apply(change) and toml_edit.apply(whole, change)
    assert chunked.as_string() == whole.as_string()
    assert chunked.full_parses == 1


def test_a_change_to_one_item_parses_only_its_chunk() -> None:
    text = generate(10_000)
    roadmap = build_roadmap(tomllib.loads(text), "bench")
    item = [i for i in roadmap.walk_items() if i.is_counted][5000]
    chunked = SegmentedDocument(text)
    assert chunked.apply(SetField(*at(item), "done", not item.done))
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
        if change is None or not isinstance(change, (SetField, ClearField)):
            continue
        assert chunked.apply(change) and toml_edit.apply(whole, change)
        assert edits.apply(roadmap, change) is not None
        changes += 1
    assert chunked.as_string() == whole.as_string()
    assert chunked.full_parses == 0


# Found in review: layouts where a careless edit would write a file that does not open again.

def test_adding_an_entry_at_the_end_of_a_file_without_a_final_newline() -> None:
    text = 'schema = 2\ntitle = "T"\n\n[[phases]]\ntitle = "Library"\n\n[[phases.items]]\ntext = "Book A"'
    chunked = SegmentedDocument(text)
    assert chunked.apply(AppendEntry(("phases", 0), ("Library",), text="Book B"))
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
    chunked.apply(AppendEntry(("phases", 0), ("Library",), text="Book B"))
    try:
        tomllib.loads(chunked.as_string())
    except tomllib.TOMLDecodeError:
        with pytest.raises(ValueError, match="invalid TOML"):
            chunked.verify()
    else:
        chunked.verify()  # a tomlkit that no longer glues them: then it must pass
