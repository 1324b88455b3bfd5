"""`roadmap-tui export --with-notes` and `import` of its output: notes as `> [!NOTE]` quotes."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import EXPORTED, _eighty_columns, data_dir  # noqa: F401 - _eighty_columns: an autouse fixture

from roadmap_tui.cli import main
from roadmap_tui.core.limits import SCHEMA
from roadmap_tui.storage.schema import build_roadmap, parse_toml
from roadmap_tui.storage.store import RoadmapStore


def _reader_has_notes() -> bool:
    toml = f'schema = {SCHEMA}\ntitle = "T"\n[[phases]]\ntitle = "P"\nnote = "x"\n'
    return build_roadmap(parse_toml(toml, "t.toml"), "t.toml").phases[0].note == "x"


#: Reading `note` from a roadmap file is the storage side of the journal (schema 3).
needs_notes_in_files = pytest.mark.skipif(not _reader_has_notes(), reason="this reader does not read notes yet")

NOTED = (
    "# Plan\n\n"
    "## Basics\n"
    "> [!NOTE]\n> Why: see [the course](https://example.com).\n\n"
    "- [ ] Arrays\n"
    "  > [!NOTE]\n  > - two\n  > - lines\n"
    "- [x] Lists\n"
)


def test_with_notes_and_no_notes_is_the_plain_export(default_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--file", str(default_copy), "--with-notes"]) == 0
    assert capsys.readouterr().out == EXPORTED


def test_export_help_offers_with_notes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    assert "--with-notes" in out and "roadmap-tui export --with-notes -o journal.md" in out


def test_import_says_how_many_notes_it_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "plan.md"
    source.write_text(NOTED, encoding="utf-8")
    assert main(["import", str(source)]) == 0
    out = capsys.readouterr().out
    assert f"imported 2 tasks (2 to check off) and 2 notes from {source} as roadmap plan" in out


@needs_notes_in_files
def test_notes_set_in_the_app_export_with_notes(default_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = RoadmapStore(default_copy)
    roadmap = store.load(create=False)
    store.set_note(roadmap.phases[0], "Phase note")
    store.set_note(roadmap.phases[0].sections[0].items[0], "Topic note\n\n[link](https://example.com)")
    assert store.flush(timeout=10)
    store.close()
    assert main(["export", "--file", str(default_copy)]) == 0
    assert capsys.readouterr().out == EXPORTED
    assert main(["export", "--file", str(default_copy), "--with-notes"]) == 0
    out = capsys.readouterr().out
    assert "## Foundation Phase\n> [!NOTE]\n> Phase note\n\n**Duration:**" in out
    assert "- [ ] Linear Algebra\n  > [!NOTE]\n  > Topic note\n  >\n  > [link](https://example.com)\n  - [ ] Vectors" in out


@needs_notes_in_files
def test_an_imported_file_with_notes_exports_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "plan.md"
    source.write_text(NOTED, encoding="utf-8")
    assert main(["import", str(source)]) == 0
    capsys.readouterr()
    assert main(["export", "-r", "plan", "--with-notes", "-o", str(tmp_path / "back.md")]) == 0
    assert (tmp_path / "back.md").read_bytes() == source.read_bytes()
    assert main(["export", "-r", "plan"]) == 0
    assert capsys.readouterr().out == "# Plan\n\n## Basics\n\n- [ ] Arrays\n- [x] Lists\n"
    assert (data_dir() / "plan.toml").is_file()


@needs_notes_in_files
def test_a_note_with_no_place_in_the_markdown_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "plan.md"
    source.write_text("- [ ] a\n\n## Part\n- [ ] b\n", encoding="utf-8")
    assert main(["import", str(source), "--name", "plan"]) == 0
    file = data_dir() / "plan.toml"
    store = RoadmapStore(file)
    roadmap = store.load(create=False)
    store.set_note(roadmap.phases[0], "nowhere to go")
    assert store.flush(timeout=10)
    store.close()
    capsys.readouterr()
    assert main(["export", "-r", "plan", "--with-notes"]) == 0
    out, err = capsys.readouterr()
    assert out == source.read_text(encoding="utf-8")
    assert err == "roadmap-tui: warning: the note on Tasks is not in the Markdown (its tasks come before any heading)\n"
