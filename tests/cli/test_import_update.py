"""`roadmap-tui import FILE --update NAME [--dry-run]`: a newer version of an imported Markdown
file, on real edits of corpus files (`../shared/corpus/`, read in place, never copied).

Each test imports a corpus file, puts progress on some entries in its TOML (as the app writes it:
`done`, `state`, dates, `note`, `reviews`), makes an edited version of the Markdown in `tmp_path`
(a section moved to another part, tasks reworded, added and removed, done on the original's text)
and updates the roadmap from it.
"""

from __future__ import annotations

import json
import os
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from cli_support import _eighty_columns, data_dir, one_line_error, put  # noqa: F401 - _eighty_columns: autouse
from conftest import CORPUS

from roadmap_tui import library
from roadmap_tui.cli import main
from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.core.outline import find_by_titles, held
from roadmap_tui.storage import activity, backups, toml_edit

DL = CORPUS / "naafidasana__Deep-Learning__Roadmap.md"
CIU = CORPUS / "jwasham__coding-interview-university__README.md"
pytestmark = pytest.mark.skipif(not DL.is_file() or not CIU.is_file(), reason=f"no corpus at {CORPUS}")

LA = ("📌 Mathematical Foundations", "🔢 Linear Algebra")
VECTORS = (*LA, "**Vector Operations**")
MATRICES = (*LA, "**Matrix Operations**")
TENSORS = (*LA, "**Tensor Operations**")
NN = ("📌 Deep Learning", "🧮 Neural Networks Fundamentals")
RL_FUNDAMENTALS = ("📌 Reinforcement Learning", "🎮 Fundamentals of RL")
MOVED_RL = ("📌 Deep Learning", "🎮 Fundamentals of RL")  # where the edit moves it
MDP = "**Markov Decision Processes**"
AT = datetime(2026, 11, 20, 18, 30, tzinfo=timezone(timedelta(hours=1)))
DONE_AT = AT + timedelta(days=2)


def _set(doc: Any, titles: tuple[str, ...], **values: object) -> None:
    where = toml_edit.find(doc, (), titles)
    assert where is not None, titles
    table = toml_edit.walk(doc, where)
    for key, value in values.items():
        table[key] = value


def _with_progress(file: Path) -> None:
    """Progress on some entries of the imported Deep Learning roadmap, in its TOML."""
    doc = tomlkit.parse(file.read_text(encoding="utf-8"))
    review = tomlkit.parse('x = [{ at = 2026-11-25T08:00:00+01:00, result = "remembered" }]')["x"]
    _set(doc, (*VECTORS, "Dot products"), done=True, started_at=AT, done_at=DONE_AT, reviews=review)
    _set(doc, (*VECTORS, "Cross products"), state="skipped")
    _set(doc, (*MATRICES, "Matrix inverse"), state="doing", started_at=AT)
    _set(doc, (*MATRICES, "LU decomposition"), note="Doolittle first, then Crout.")
    _set(doc, NN, note="Start with micrograd")
    _set(doc, (*RL_FUNDAMENTALS, MDP, "Policies"), done=True, done_at=DONE_AT)
    _set(doc, (*TENSORS, "Tensor contraction"), done=True, done_at=DONE_AT, note="np.einsum")
    file.write_text(doc.as_string(), encoding="utf-8")


def _edited(original: str) -> str:
    """The Deep Learning roadmap as its author might change it: the RL fundamentals section moved
    under Deep Learning, a task reworded, two added (one marked done), two removed."""
    lines = original.splitlines(keepends=True)
    start = lines.index("### 🎮 Fundamentals of RL\n")
    end = lines.index("### 🚀 Deep Reinforcement Learning\n")
    section = lines[start:end]
    del lines[start:end]
    before = lines.index("## 📌 Reinforcement Learning\n")
    lines[before:before] = section
    text = "".join(lines)
    for old, new in (
        ("  - [ ] LU decomposition\n", "  - [ ] LU decompositions\n"),
        ("  - [ ] Tensor product\n", "  - [ ] Tensor product\n  - [ ] Tensor networks\n  - [x] Kronecker product\n"),
        ("  - [ ] Tensor contraction\n", ""),
        ("  - [ ] Einstein notation\n", ""),
    ):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def _get(roadmap: Roadmap, *titles: str) -> Item | Node:
    entry = find_by_titles(roadmap, list(titles), children=held)
    assert entry is not None, titles
    return entry


def _item(roadmap: Roadmap, *titles: str) -> Item:
    entry = _get(roadmap, *titles)
    assert isinstance(entry, Item)
    return entry


@pytest.fixture
def dl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """The Deep Learning roadmap imported as `dl` with progress, and its edited Markdown."""
    assert main(["import", str(DL), "--name", "dl"]) == 0
    file = data_dir() / "dl.toml"
    _with_progress(file)
    edited = tmp_path / "Roadmap.md"
    edited.write_text(_edited(DL.read_text(encoding="utf-8")), encoding="utf-8")
    capsys.readouterr()
    return file, edited


def _entries(roadmap: Roadmap) -> int:
    return sum(1 for _ in roadmap.walk_nodes()) + sum(1 for _ in roadmap.walk_items())


def test_update_keeps_progress_of_every_entry_still_there(
    dl: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    file, edited = dl
    before = library.read_roadmap(file)
    assert main(["import", str(edited), "--update", "dl"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    after = library.read_roadmap(file)
    # kept where it was: a done task with its dates and review, a skipped one, a doing one
    dot = _item(after, *VECTORS, "Dot products")
    assert (dot.done, dot.started_at, dot.done_at) == (True, AT, DONE_AT)
    assert [(r.at, r.result) for r in dot.reviews] == [(datetime(2026, 11, 25, 7, tzinfo=timezone.utc), "remembered")]
    assert _item(after, *VECTORS, "Cross products").state == "skipped"
    inverse = _item(after, *MATRICES, "Matrix inverse")
    assert (inverse.done, inverse.state, inverse.started_at) == (False, "doing", AT)
    assert _get(after, *NN).note == "Start with micrograd"
    # the section moved to another part: its task keeps its progress
    policies = _item(after, *MOVED_RL, MDP, "Policies")
    assert (policies.done, policies.done_at) == (True, DONE_AT)
    assert find_by_titles(after, list(RL_FUNDAMENTALS), children=held) is None
    # reworded: the note follows it to its new text
    assert _item(after, *MATRICES, "LU decompositions").note == "Doolittle first, then Crout."
    # added: todo, the upstream [x] notwithstanding
    for text in ("Tensor networks", "Kronecker product"):
        added = _item(after, *TENSORS, text)
        assert (added.done, added.state, added.started_at, added.note) == (False, "", None, "")
    # the [x] marks the original file came with are kept like any progress
    assert _item(after, *LA, "NArray implementation with creation methods").done is True
    assert after.n_done == before.n_done - 1  # Tensor contraction went
    assert after.n_skipped == before.n_skipped and after.n_doing == before.n_doing
    assert _entries(after) == _entries(before) + 2 - 2
    # the summary: counts, then the lists
    n = _entries(before)
    lines = out.splitlines()
    assert lines[0] == (
        f"updated roadmap dl from {edited}: {n - 3} kept (1 moved), 1 renamed, 2 added, 2 removed (1 with progress)"
    )
    la = "📌 Mathematical Foundations › 🔢 Linear Algebra"
    assert lines[1:8] == [
        "renamed (progress kept):",
        f"  {la} › **Matrix Operations** › “LU decomposition” → “LU decompositions”",
        "added (todo):",
        f"  {la} › **Tensor Operations** › “Tensor networks”",
        f"  {la} › **Tensor Operations** › “Kronecker product”",
        "removed, with progress (kept in the backup):",
        f"  {la} › **Tensor Operations** › “Tensor contraction” (done, note)",
    ]
    (backup,) = backups.list_backups(file)
    assert lines[8] == f"the roadmap before the update is backed up in {backup}"
    assert len(lines) == 9


def test_the_backup_keeps_what_was_removed(dl: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    file, edited = dl
    old_bytes = file.read_bytes()
    assert main(["import", str(edited), "--update", "dl"]) == 0
    (backup,) = backups.list_backups(file)
    assert backups.backup_reason(backup) == "before-update"
    assert backup.read_bytes() == old_bytes
    kept = library.read_roadmap(backup)
    gone = _item(kept, *TENSORS, "Tensor contraction")
    assert (gone.done, gone.note, gone.done_at) == (True, "np.einsum", DONE_AT)
    assert "Tensor contraction" not in file.read_text(encoding="utf-8")


def test_export_after_update_is_the_new_file_with_the_progress(
    dl: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file, edited = dl
    assert main(["import", str(edited), "--update", "dl"]) == 0
    out = tmp_path / "out.md"
    assert main(["export", "-r", "dl", "-o", str(out)]) == 0
    expected = edited.read_text(encoding="utf-8")
    for old, new in (  # the one box checked in the app, the one added [x] made todo
        ("  - [ ] Dot products\n", "  - [x] Dot products\n"),
        ("  - [x] Kronecker product\n", "  - [ ] Kronecker product\n"),
    ):
        assert expected.count(old) == 1
        expected = expected.replace(old, new)
    policies = "  - [ ] Policies\n"
    assert expected.count(policies) == 1
    expected = expected.replace(policies, "  - [x] Policies\n")
    assert out.read_text(encoding="utf-8") == expected


def test_update_is_logged_with_its_counts(dl: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    file, edited = dl
    assert main(["import", str(edited), "--update", "dl"]) == 0
    (record,) = [r for r in activity.read(file).records if r["change"] == "update"]
    assert record["entry"] == [] and record["source"] == str(edited)
    assert {k: record[k] for k in ("renamed", "added", "removed", "removed_with_progress", "moved", "put_back")} == {
        "renamed": 1, "added": 2, "removed": 2, "removed_with_progress": 1, "moved": 1, "put_back": 0,
    }
    capsys.readouterr()
    assert main(["log", "-r", "dl", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["change"] == "update"
    assert main(["log", "-r", "dl"]) == 0
    assert "updated from Roadmap.md:" in capsys.readouterr().out


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder`: its bytes and mtime."""
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_dry_run_writes_nothing(dl: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    file, edited = dl
    home = Path(os.environ["HOME"])  # the data, state, cache and config folders are in it
    os.utime(file, ns=(1_000_000_000, 1_000_000_000))  # an mtime no write keeps
    before = _snapshot(home)
    assert main(["import", str(edited), "--update", "dl", "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert _snapshot(home) == before  # no backup, no log, no cache, the roadmap untouched
    lines = out.splitlines()
    assert lines[0].startswith(f"roadmap dl would be updated from {edited}: ")
    assert lines[0].endswith(" kept (1 moved), 1 renamed, 2 added, 2 removed (1 with progress)")
    la = "📌 Mathematical Foundations › 🔢 Linear Algebra"
    assert f"  {la} › **Tensor Operations** › “Tensor contraction” (done, note)" in lines
    assert lines[-1] == "dry run: nothing written"


def test_the_same_file_again_changes_no_progress(dl: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    file, _ = dl
    before = library.read_roadmap(file)
    assert main(["import", str(DL), "--update", "dl"]) == 0
    out = capsys.readouterr().out
    assert f": {_entries(before)} kept, 0 renamed, 0 added, 0 removed\n" in out
    after = library.read_roadmap(file)
    assert [(i.text, i.done, i.state, i.started_at, i.done_at, i.note, i.reviews) for i in after.walk_items()] == [
        (i.text, i.done, i.state, i.started_at, i.done_at, i.note, i.reviews) for i in before.walk_items()
    ]
    assert [(n.title, n.note) for n in after.walk_nodes()] == [(n.title, n.note) for n in before.walk_nodes()]


def test_coding_interview_university_reworded_and_reordered(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The 463-task README: parts swapped, a task reworded in each of several twin "Implement:" topics."""
    assert main(["import", str(CIU), "--name", "ciu"]) == 0
    file = data_dir() / "ciu.toml"
    doc = tomlkit.parse(file.read_text(encoding="utf-8"))
    bst = ("Trees", "Implement:")  # one of three topics "Implement:" (More Knowledge, Trees, Sorting)
    heap = ("Trees", "Implement a max-heap:")
    _set(doc, (*bst, "delete_tree"), done=True)
    _set(doc, (*heap, "sift_down - needed for extract_max"), done=True, note="iterative")
    big_o = "Algorithmic complexity / Big-O / Asymptotic analysis"
    cs50 = "[Harvard CS50 - Asymptotic Notation (video)](https://www.youtube.com/watch?v=iOq5kSKqeR4)"
    _set(doc, (big_o, cs50), state="doing")
    file.write_text(doc.as_string(), encoding="utf-8")
    text = CIU.read_text(encoding="utf-8")
    sorting, graphs = text.index("\n## Sorting\n"), text.index("\n## Graphs\n")
    after_graphs = text.index("\n## Even More Knowledge\n")
    text = text[:sorting] + text[graphs:after_graphs] + text[sorting:graphs] + text[after_graphs:]  # Graphs first
    old_task = "        - [ ] sift_down - needed for extract_max\n"
    assert text.count(old_task) == 1
    text = text.replace(old_task, "        - [ ] sift_down - needed for extract_max()\n")
    new_cs50 = cs50.replace("https://www.youtube.com/watch?v=", "https://youtu.be/")
    assert text.count(cs50) == 1
    text = text.replace(cs50, new_cs50)
    edited = tmp_path / "README.md"
    edited.write_text(text, encoding="utf-8", newline="")
    capsys.readouterr()
    assert main(["import", str(edited), "--update", "ciu"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert " 2 renamed, 0 added, 0 removed" in lines[0]
    assert lines[1:4] == [
        "renamed (progress kept):",
        f"  {big_o} › “Harvard CS50 - Asymptotic Notation (video)” (its link changed)",
        "  Trees › Implement a max-heap: › “sift_down - needed for extract_max”"
        " → “sift_down - needed for extract_max()”",
    ]
    after = library.read_roadmap(file)
    assert [p.title for p in after.phases].index("Graphs") < [p.title for p in after.phases].index("Sorting")
    assert _item(after, *bst, "delete_tree").done is True
    sift = _item(after, *heap, "sift_down - needed for extract_max()")
    assert (sift.done, sift.note) == (True, "iterative")
    assert after.n_done == 2
    assert _item(after, big_o, new_cs50).state == "doing"


# Refusals: one line, exit 2, nothing written ------------------------------------------------


def test_a_roadmap_not_imported_from_markdown_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = put("plain")
    data, mtime = file.read_bytes(), file.stat().st_mtime_ns
    assert main(["import", str(DL), "--update", "plain"]) == 2
    err = one_line_error(capsys.readouterr().err)
    assert f"{file}: roadmap plain was not imported from Markdown" in err
    assert (file.read_bytes(), file.stat().st_mtime_ns) == (data, mtime)
    assert backups.list_backups(file) == []


def test_an_unknown_name_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(DL), "--update", "nope"]) == 2
    err = one_line_error(capsys.readouterr().err)
    assert "no roadmap named nope" in err
    assert not (data_dir() / "nope.toml").exists()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"# Plan\n\n- [ ] one\n- [ ] two\x00\n", ":4:10: is a binary file"),
        (b"# Plan\n\nNo tasks at all.\n", ": has no tasks to import"),
        (b"- [ ] caf\xe9\n", ":1:10: not UTF-8 text"),
    ],
)
def test_a_markdown_file_that_does_not_import_is_refused(
    dl: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, says: str
) -> None:
    file, _ = dl
    source = tmp_path / "bad.md"
    source.write_bytes(content)
    data, mtime = file.read_bytes(), file.stat().st_mtime_ns
    assert main(["import", str(source), "--update", "dl"]) == 2
    err = one_line_error(capsys.readouterr().err)
    assert f"{source}{says}" in err, err
    assert (file.read_bytes(), file.stat().st_mtime_ns) == (data, mtime)
    assert backups.list_backups(file) == []


def test_a_missing_markdown_file_is_refused(
    dl: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(tmp_path / "gone.md"), "--update", "dl"]) == 2
    assert f"{tmp_path / 'gone.md'}: no such file" in one_line_error(capsys.readouterr().err)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--update", "dl", "--force"], "--force does not go with it"),
        (["--update", "dl", "--name", "x"], "--name does not go with it"),
        (["--dry-run"], "--dry-run goes with --update NAME"),
        (["--update", "../dl"], "--update: '../dl' is not a usable roadmap name"),
    ],
)
def test_options_that_do_not_go_together(
    dl: tuple[Path, Path], capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    file, edited = dl
    data = file.read_bytes()
    assert main(["import", str(edited), *args]) == 2
    assert says in one_line_error(capsys.readouterr().err)
    assert file.read_bytes() == data
    assert sorted(p.name for p in data_dir().iterdir()) == ["dl.toml"]


def test_a_file_changed_since_the_plan_is_not_written(dl: tuple[Path, Path]) -> None:
    file, edited = dl
    plan = library.plan_update(edited, "dl")
    changed = file.read_text(encoding="utf-8") + "\n# a comment the app did not write\n"
    file.write_text(changed, encoding="utf-8")
    with pytest.raises(library.Changed, match="changed while it was being updated"):
        library.apply_update(plan)
    assert file.read_text(encoding="utf-8") == changed
    assert backups.list_backups(file) == []
    assert tomllib.loads(changed)["title"] == "🚀 Complete AI & Deep Learning Roadmap"


def test_an_entry_renamed_in_the_app_keeps_its_text_and_progress(
    dl: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A rename in the app changes `text` and keeps `md` (the upstream line): the update finds the
    entry by that line, and the learner's text stays."""
    file, edited = dl
    doc = tomlkit.parse(file.read_text(encoding="utf-8"))
    _set(doc, (*MATRICES, "Matrix transpose"), text="Matrix transpose (Aᵀ)", done=True, note="by hand")
    file.write_text(doc.as_string(), encoding="utf-8")
    assert main(["import", str(edited), "--update", "dl"]) == 0
    assert " 1 renamed, 2 added, 2 removed" in capsys.readouterr().out.splitlines()[0]  # LU only
    transpose = _item(library.read_roadmap(file), *MATRICES, "Matrix transpose (Aᵀ)")
    assert (transpose.done, transpose.note, transpose.md) == (True, "by hand", "  - [ ] Matrix transpose\n")


def test_a_task_deleted_in_the_app_is_not_added_back(dl: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """The activity log says the learner removed it: the same file again does not bring it back
    (and its twin under another topic, never deleted, stays)."""
    file, _ = dl
    doc = tomlkit.parse(file.read_text(encoding="utf-8"))
    where = toml_edit.find(doc, (), (*VECTORS, "Vector spaces and subspaces"))
    assert where is not None
    toml_edit.remove_entry(doc, where)
    file.write_text(doc.as_string(), encoding="utf-8")
    gone = [*VECTORS, "Vector spaces and subspaces"]
    activity.append(file, [{"at": AT.isoformat(), "entry": gone, "change": "remove"}])
    assert main(["import", str(DL), "--update", "dl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith(" kept, 0 renamed, 0 added, 0 removed, 1 you had deleted left out")
    assert lines[1:3] == [
        "not added back (you deleted them in the app):",
        "  📌 Mathematical Foundations › 🔢 Linear Algebra › **Vector Operations**"
        " › “Vector spaces and subspaces”",
    ]
    after = library.read_roadmap(file)
    assert find_by_titles(after, gone, children=held) is None
    assert [i.text for i in _get(after, *VECTORS).items][-1] == "Vector norms and normalization"
    (record,) = [r for r in activity.read(file).records if r["change"] == "update"]
    assert (record["added"], record["left_out"]) == (0, 1)


def test_a_removal_undone_then_redone_in_the_app_is_a_deletion_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """remove, `ctrl+z`, `ctrl+y` in the app: the task is deleted, so an update from a file that
    still has it does not bring it back (the log's `redo` of a `remove` counts again)."""
    from roadmap_tui import paths
    from roadmap_tui.storage.store import RoadmapStore

    source = tmp_path / "plan.md"
    source.write_text("# Plan\n\n## Basics\n\n- [ ] Alpha\n- [ ] Beta\n- [ ] Gamma\n", encoding="utf-8")
    assert main(["import", str(source), "--name", "plan"]) == 0
    file = paths.data_dir() / "plan.toml"
    store = RoadmapStore(file, clock=lambda: AT)
    store.load()
    assert store.roadmap is not None
    store.remove_item(store.roadmap.phases[0].items[1])
    assert store.undo().done and store.redo().done
    assert store.close()
    assert [r["change"] for r in activity.read(file).records] == ["remove", "undo", "redo"]
    capsys.readouterr()
    assert main(["import", str(source), "--update", "plan"]) == 0
    out = capsys.readouterr().out
    assert [item.text for item in library.read_roadmap(file).phases[0].items] == ["Alpha", "Gamma"], out
    assert "not added back (you deleted them in the app):" in out
