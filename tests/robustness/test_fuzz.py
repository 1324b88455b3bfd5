"""Fuzzing the loader: every input gives a roadmap or a `RoadmapError`, never another exception.

Inputs: arbitrary bytes; TOML documents shaped like a roadmap (the real keys with values of the
right type or any other, nested, with junk keys mixed in), dumped with tomlkit; and copies of the
default roadmap with random bytes and lines cut, added, swapped or duplicated. They go through
the loader's steps (`reader.decode`, `schema.parse_toml`, `schema.build_roadmap`) and through
`RoadmapStore(path).load(create=False)` on a file, which must then leave a refused file as it was.

A `RoadmapError` must list one line per problem, each saying where (line:column, or a field path
such as `phases[0].items[1].done`), without control characters. A roadmap that loads must export
to Markdown, and its text must parse with tomlkit too (the saver edits it with tomlkit: a file
the app opens but can never save would lose every change).

Hypothesis runs derandomized (the same examples on every run, no example database) and each test
counts the examples it ran; `pytest -s tests/test_fuzz.py` prints the counts.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import tomlkit
from conftest import REPO
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from roadmap_tui.core.model import Roadmap
from roadmap_tui.errors import RoadmapError
from roadmap_tui.formats.markdown_export import to_markdown
from roadmap_tui.safe_text import visible
from roadmap_tui.storage.reader import decode
from roadmap_tui.storage.schema import MAX_ERRORS, SCHEMA, build_roadmap, parse_toml
from roadmap_tui.storage.store import RoadmapStore

FILE = Path("/fuzz/roadmap.toml")
DEFAULT_BYTES = (REPO / "data" / "default_roadmap.toml").read_bytes()
RUN: Counter[str] = Counter()

FUZZ = settings(
    database=None,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

LINE_COLUMN = re.compile(r"(\d+):(\d+)")
FIELD_PATH = re.compile(r"[a-z_]+(\[\d+\])*(\.[a-z_]+(\[\d+\])*)*")


# The checks every input goes through ----------------------------------------------------------


def check_error(error: RoadmapError, text: str | None, whole_file: bool) -> None:
    """One line per problem, each naming where; no control characters; within the cap."""
    assert error.problems, "a RoadmapError names at least one problem"
    assert len(error.problems) <= MAX_ERRORS
    for line in [error.one_line(), *error.details()]:
        bad = [c for c in line if unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in "\u202e\u2066\u2067"]
        assert not bad, f"control characters in {line!r}"
    assert error.one_line().startswith(error.path)
    for problem in error.problems:
        where = problem.where
        if not where:
            assert whole_file, f"a problem in the data must say where: {problem}"
            continue
        if match := LINE_COLUMN.fullmatch(where):
            line, column = int(match.group(1)), int(match.group(2))
            assert line >= 1 and column >= 1, where
            if text is not None:
                lines = text.split("\n")
                assert line <= len(lines) + 1 and column <= max(len(lines[min(line, len(lines)) - 1]) + 2, 2), (
                    f"{where} is outside the text"
                )
        else:
            assert FIELD_PATH.fullmatch(where), f"not a field path: {where!r}"


def check_roadmap(roadmap: Roadmap, text: str | None) -> None:
    """What loaded must be usable: counted, exported, shown, and saved (tomlkit parses it).

    Give `text` only when it is small or seldom: tomlkit takes 50 ms on the default roadmap.
    """
    assert 0 <= roadmap.n_done <= roadmap.n_total
    markdown = to_markdown(roadmap)
    assert markdown.startswith("# ")
    for node in roadmap.walk_nodes():
        visible(node.display_title)
    for item in roadmap.walk_items():
        visible(item.display_text)
    if text is not None:
        tomlkit.parse(text)  # the saver must be able to edit what the loader accepted


def load_bytes(data: bytes, saver_check: bool = True) -> Roadmap | RoadmapError:
    """The loader's steps, as `RoadmapStore.load` runs them on a file's bytes."""
    text = None
    try:
        text = decode(data, FILE)
        roadmap = build_roadmap(parse_toml(text, FILE), FILE)
    except RoadmapError as error:
        check_error(error, text, whole_file=text is None)
        return error
    check_roadmap(roadmap, text if saver_check else None)
    return roadmap


def load_file(data: bytes, folder: Path) -> Roadmap | RoadmapError:
    """`RoadmapStore.load` on a file holding `data`: a refused file is left as it was."""
    path = folder / "roadmap.toml"
    path.write_bytes(data)
    try:
        roadmap = RoadmapStore(path).load(create=False)
    except RoadmapError as error:
        check_error(error, None, whole_file=True)
        assert path.read_bytes() == data, "a file that was refused was changed"
        return error
    check_roadmap(roadmap, None)
    return roadmap


def run(name: str, test: Callable[[], None], at_least: int) -> None:
    """Run a hypothesis test and check (and record) how many examples it ran."""
    before = RUN[name]
    test()
    ran = RUN[name] - before
    print(f"\n{name}: {ran} examples")
    assert ran >= at_least, f"{name} ran {ran} examples, fewer than {at_least}"


# Arbitrary bytes ------------------------------------------------------------------------------

NASTY_BYTES = [
    b"",
    b"\xef\xbb\xbf",
    b"\xff\xfe\x00",
    b'schema = 1\ntitle = "\xc3\x28"',
    b"a=" + b"[" * 2000,
    b"a=" + b"{a=" * 2000,
    b"a=" + b"[" * 150 + b"]" * 150,
    b".".join([b"a"] * 150) + b" = 1",
    b"[" + b".".join([b"a"] * 150) + b"]",
    b"schema = 99\ntitle = 'x'",
    b"schema = true",
    b"x = 1979-05-27T07:32:00Z\n",
]


def test_arbitrary_bytes_give_a_roadmap_or_a_roadmap_error() -> None:
    @settings(FUZZ, max_examples=1200)
    @given(st.one_of(st.binary(max_size=400), st.sampled_from(NASTY_BYTES)))
    def fuzz(data: bytes) -> None:
        RUN["bytes"] += 1
        load_bytes(data)

    for data in NASTY_BYTES:
        load_bytes(data)
    run("bytes", fuzz, 1100)


def test_values_nested_too_deep_are_a_roadmap_error_that_says_where(tmp_path: Path) -> None:
    """Found by this fuzzing: tomllib ran out of stack (a RecursionError, not a RoadmapError),
    and a file nested deeper than tomlkit reads (100) opened but could never be saved."""
    error = load_bytes(b"schema = 1\nnotes = " + b"[" * 2000)
    assert isinstance(error, RoadmapError)
    assert str(error) == f"{FILE}:2:109: invalid TOML: arrays or tables nested more than 100 levels deep"
    path = tmp_path / "roadmap.toml"
    data = DEFAULT_BYTES + b"\nnote = " + b"[" * 120 + b"]" * 120 + b"\n"
    error = load_file(data, tmp_path)  # the file is refused, and left as it was
    assert isinstance(error, RoadmapError)
    where = error.problems[0].where  # the key goes into the file's last table
    assert where.startswith("phases[") and ".note[0][0][0]" in where, where
    assert "holds arrays or tables nested more than 100 levels deep" in str(error)
    # At the limit, the file opens and saves.
    path.write_bytes(b"note = " + b"[" * 100 + b"]" * 100 + b"\n" + DEFAULT_BYTES)
    store = RoadmapStore(path)
    roadmap = store.load(create=False)
    store.toggle(next(i for i in roadmap.walk_items() if i.is_counted))
    assert store.close(10) and store.writer.error is None
    assert b"done = true" in path.read_bytes()


# TOML documents shaped like a roadmap ---------------------------------------------------------

scalars = st.one_of(
    st.text(max_size=12),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.booleans(),
    st.floats(),
    st.dates(),
    st.datetimes(),
    st.times(),
)
junk = st.one_of(scalars, st.lists(scalars, max_size=3), st.dictionaries(st.text(max_size=6), scalars, max_size=3))
one_line = st.text(min_size=1, max_size=30).filter(lambda t: t.strip() and "\n" not in t and "\r" not in t)
texts = st.one_of(
    one_line,
    st.sampled_from(["Linear Algebra", "Resources: _[e.g., a book]_", "_[hint]_", "[x] done", "[bold]x[/]", "\x1b[2J"]),
)
bad_texts = st.one_of(texts, st.sampled_from(["", "   ", "a\nb", "line\r"]), st.text(max_size=30))


class Shape:
    """Strategies for a roadmap's tables: `clean` gives valid ones, else any value may be wrong."""

    def __init__(self, clean: bool) -> None:
        self.clean = clean

    def field(self, right: st.SearchStrategy) -> st.SearchStrategy:
        """The right kind of value; when not clean, sometimes anything else."""
        return right if self.clean else st.one_of(right, right, junk)

    def with_junk(self, table: st.SearchStrategy[dict]) -> st.SearchStrategy[dict]:
        """Keys of nobody's: they must survive, and never break loading."""
        names = st.sampled_from(["note", "x", "tags", "id", "ui-note", "my_key"])
        return st.builds(lambda base, more: {**more, **base}, table, st.dictionaries(names, junk, max_size=2))

    def text(self) -> st.SearchStrategy:
        return texts if self.clean else bad_texts

    def items(self, depth: int) -> st.SearchStrategy[list]:
        required = {"text": self.field(self.text())} if self.clean else {}
        optional: dict = {"done": self.field(st.booleans())}
        if not self.clean:
            optional |= {"text": self.field(self.text()), "text_fill": self.field(bad_texts)}
            optional |= {"md": self.field(st.sampled_from(["- [ ] x", "- [x] y", "- z", ""]))}
        if depth > 0:
            optional["items"] = self.field(self.items(depth - 1))
        item = self.with_junk(st.fixed_dictionaries(required, optional=optional))
        return st.lists(item if self.clean else st.one_of(item, item, junk), max_size=2 if depth < 2 else 3)

    def nodes(self, depth: int) -> st.SearchStrategy[list]:
        optional: dict = {
            "duration": self.field(self.text()),
            "focus": self.field(self.text()),
            "intro": self.field(st.text(max_size=30)),
            "items": self.field(self.items(2)),
        }
        if not self.clean:
            optional |= {k: self.field(bad_texts) for k in ("duration_fill", "title_fill")}
        if depth > 0:
            optional["sections"] = self.field(self.nodes(depth - 1))
        node = self.with_junk(st.fixed_dictionaries({"title": self.field(self.text())}, optional=optional))
        return st.lists(node, max_size=3)

    def roadmap(self) -> st.SearchStrategy[dict]:
        schema = st.just(SCHEMA) if self.clean else st.one_of(st.just(SCHEMA), st.integers(-3, 5), junk)
        return self.with_junk(
            st.fixed_dictionaries(
                {"schema": schema, "title": self.field(self.text()), "phases": self.field(self.nodes(1))},
                optional={"ui": st.fixed_dictionaries({}, optional={"selected": self.field(st.lists(texts))})},
            )
        )


roadmaps = st.one_of(Shape(clean=True).roadmap(), Shape(clean=False).roadmap())


def test_roadmap_shaped_documents_give_a_roadmap_or_a_roadmap_error() -> None:
    loaded: Counter[str] = Counter()

    @settings(FUZZ, max_examples=500)
    @given(roadmaps)
    def fuzz(document: dict) -> None:
        try:
            text = tomlkit.dumps(document)
        except Exception:  # noqa: BLE001 - what tomlkit can't write is no file
            assume(False)
        RUN["toml-shaped"] += 1
        # The data as it is, and as the file that holds it.
        try:
            build_roadmap(document, FILE)
        except RoadmapError as error:
            check_error(error, None, whole_file=False)
        data = text.encode("utf-8")
        result = load_bytes(data, saver_check=zlib.crc32(data) % 4 == 0)  # tomlkit on one in four
        loaded["roadmap" if isinstance(result, Roadmap) else "error"] += 1

    run("toml-shaped", fuzz, 450)
    print(f"  {dict(loaded)}")
    assert loaded["roadmap"] >= 100 and loaded["error"] >= 100, "both outcomes are explored"


# Mutated copies of the default roadmap --------------------------------------------------------

PIECES = [b'"', b"'", b"[", b"]]", b"{", b"}", b"=", b"\n", b"\\", b'"""', b"#", b"true", b"1.5", b"\x00", b"\xe2\x80"]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(DEFAULT_BYTES)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cut", "insert", "replace", "line-swap", "line-dup", "line-cut", "truncate"]))
        at = draw(st.integers(0, len(data)))
        if kind == "cut":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "insert":
            data[at:at] = draw(st.one_of(st.sampled_from(PIECES), st.binary(min_size=1, max_size=8)))
        elif kind == "replace":
            data[at : at + 1] = draw(st.sampled_from(PIECES))
        elif kind == "truncate":
            del data[at:]
        else:
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if kind == "line-swap":
                lines[i], lines[j] = lines[j], lines[i]
            elif kind == "line-dup":
                lines.insert(j, lines[i])
            else:
                del lines[i]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def test_mutated_default_roadmaps_give_a_roadmap_or_a_roadmap_error() -> None:
    loaded = Counter()

    @settings(FUZZ, max_examples=300)
    @given(mutated())
    def fuzz(data: bytes) -> None:
        RUN["mutated"] += 1
        result = load_bytes(data, saver_check=zlib.crc32(data) % 8 == 0)  # tomlkit on one in eight
        loaded["roadmap" if isinstance(result, Roadmap) else "error"] += 1

    run("mutated", fuzz, 280)
    print(f"  {dict(loaded)}")
    assert loaded["roadmap"] >= 20 and loaded["error"] >= 100, "both outcomes are explored"


def test_the_store_loads_a_file_or_refuses_it_untouched(tmp_path: Path) -> None:
    @settings(FUZZ, max_examples=300)
    @given(st.one_of(mutated(), st.binary(max_size=200), roadmaps.map(lambda d: tomlkit.dumps(d).encode())))
    @example(b"")
    @example(b"   \n")
    @example(b"a=" + b"[" * 2000)
    def fuzz(data: bytes) -> None:
        RUN["store.load"] += 1
        load_file(data, tmp_path)

    run("store.load", fuzz, 280)


# Markdown import ------------------------------------------------------------------------------

HAS_MDIMPORT = importlib.util.find_spec("roadmap_tui.formats.markdown_import") is not None
needs_mdimport = pytest.mark.skipif(not HAS_MDIMPORT, reason="roadmap_tui.formats.markdown_import has not landed")
MD_FILE = Path("/fuzz/notes.md")


def import_and_export(data: bytes) -> str | None:
    """Import Markdown; the TOML it gives must load (and be editable), and export to the same text.

    Returns the text, or None when the import refused the input with its own error.
    """
    from roadmap_tui.formats.markdown_import import MarkdownImportError, import_markdown

    try:
        result = import_markdown(data, MD_FILE)
    except MarkdownImportError as error:
        check_error(error, None, whole_file=True)
        return None
    roadmap = build_roadmap(parse_toml(result.toml_text, FILE), FILE)  # a RoadmapError here is a bug
    tomlkit.parse(result.toml_text)
    text = data.decode("utf-8")
    assert to_markdown(roadmap) == text, "import then export changed the text"
    return text


words = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), min_size=1, max_size=16
)


@st.composite
def markdown_task_lists(draw: st.DrawFn) -> bytes:
    """Markdown with headings, task lists (nested, any marker), plain bullets, text and fences."""
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 20))):
        kind = draw(st.sampled_from(["heading", "task", "task", "task", "bullet", "text", "blank", "fence"]))
        indent = "  " * draw(st.integers(0, 3))
        marker = draw(st.sampled_from(["-", "*", "+", "1.", "2)"]))
        if kind == "heading":
            lines.append("#" * draw(st.integers(1, 4)) + " " + draw(words))
        elif kind == "task":
            lines.append(f"{indent}{marker} [{draw(st.sampled_from(' xX'))}] {draw(words)}")
        elif kind == "bullet":
            lines.append(f"{indent}{marker} {draw(words)}" + draw(st.sampled_from(["", " _[a blank]_"])))
        elif kind == "text":
            lines.append(draw(words))
        elif kind == "blank":
            lines.append("")
        else:
            lines.extend(["```", "- [ ] fenced, not a task", "```"])
    if draw(st.booleans()):
        lines.append(f"- [ ] {draw(words)}")
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return (end.join(lines) + draw(st.sampled_from(["", end]))).encode("utf-8")


@needs_mdimport
def test_markdown_import_returns_or_raises_its_own_error() -> None:
    outcome: Counter[str] = Counter()

    @settings(FUZZ, max_examples=300)
    @given(
        st.one_of(
            st.binary(max_size=300),
            st.text(max_size=300).map(str.encode),
            st.lists(st.text(max_size=40), min_size=1, max_size=8).map(lambda parts: "\n- [ ] ".join(parts).encode()),
        )
    )
    @example(b"- [ ] a\r\n- [x] b")
    @example(b"\xef\xbb\xbf- [ ] a")
    @example(b"- [ ] \x1b[2J [bold]x[/]\n")
    def fuzz(data: bytes) -> None:
        RUN["mdimport"] += 1
        outcome["imported" if import_and_export(data) is not None else "refused"] += 1

    run("mdimport", fuzz, 280)
    print(f"  {dict(outcome)}")


@needs_mdimport
def test_generated_task_lists_import_and_export_to_the_same_text() -> None:
    outcome: Counter[str] = Counter()

    @settings(FUZZ, max_examples=300)
    @given(markdown_task_lists())
    def fuzz(data: bytes) -> None:
        RUN["mdimport-roundtrip"] += 1
        outcome["imported" if import_and_export(data) is not None else "refused"] += 1

    run("mdimport-roundtrip", fuzz, 280)
    print(f"  {dict(outcome)}")
    # Most generated lists are real task lists (198 to 205 of 300 import, depending on what ran
    # before in the process: hypothesis's generation is derandomized, not isolated).
    assert outcome["imported"] >= 180


def test_the_fuzz_counts() -> None:
    """Runs last in this file: the examples run by every fuzz test before it (`-s` prints them)."""
    print(f"\nfuzz examples run: {sum(RUN.values())} {dict(RUN)}")
    if len(RUN) == 6 or (len(RUN) == 4 and not HAS_MDIMPORT):
        assert sum(RUN.values()) >= 2000
