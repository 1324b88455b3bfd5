"""The library of named roadmaps, called as the app would call it: no terminal, no options."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import DEFAULT_TEXT, TWO_DONE, put

from roadmap_tui import library, paths
from roadmap_tui.crashlog import write_crash_log
from roadmap_tui.storage import backups


def test_reset_is_planned_then_applied_with_a_backup() -> None:
    file = put("cs", TWO_DONE)
    plan = library.plan_reset(file, "cs")
    assert (plan.exists, plan.cleared, library.summary(plan.roadmap)) == (True, 2, "2 of 76 done")
    assert file.read_text(encoding="utf-8") == TWO_DONE  # planning writes nothing
    before, backup = library.apply_reset(plan)
    assert before.n_done == 2 and backup is not None and backup.read_text(encoding="utf-8") == TWO_DONE
    assert library.open_read_only(file).n_done == 0


def test_a_reset_planned_on_other_progress_changes_nothing() -> None:
    file = put("cs", TWO_DONE)
    plan = library.plan_reset(file, "cs")
    file.write_text(DEFAULT_TEXT, encoding="utf-8")
    with pytest.raises(library.Changed, match="now 0 of 76 done"):
        library.apply_reset(plan)
    assert file.read_text(encoding="utf-8") == DEFAULT_TEXT


def _done_on_headings(text: str) -> str:
    """`text` with a stray `done = true` on a part and on a section (keys the model ignores)."""
    for title in ("Foundation Phase", "Programming Foundations"):
        old = f'title = "{title}"\n'
        assert old in text, title
        text = text.replace(old, f"{old}done = true\n", 1)
    return text


def test_a_reset_unchecks_items_and_leaves_a_done_key_on_a_heading() -> None:
    """A reset unchecks checkboxes; a heading has none (the app shows no box for a stray `done`
    on a part or a section), so that key is not progress: not counted, not cleared."""
    file = put("cs", _done_on_headings(TWO_DONE))
    plan = library.plan_reset(file, "cs")
    assert (plan.cleared, library.summary(plan.roadmap)) == (2, "2 of 76 done")
    before, backup = library.apply_reset(plan)
    assert before.n_done == 2 and backup is not None
    assert file.read_text(encoding="utf-8") == _done_on_headings(DEFAULT_TEXT)

    only_headings = put("headings", _done_on_headings(DEFAULT_TEXT))
    plan = library.plan_reset(only_headings, "headings")
    assert (plan.exists, plan.cleared, library.summary(plan.roadmap)) == (True, 0, "0 of 76 done")


def test_import_never_replaces_a_roadmap_unless_asked(tmp_path: Path) -> None:
    pytest.importorskip("roadmap_tui.formats.markdown_import")
    source = tmp_path / "plan.md"
    source.write_text("# My Plan\n\n- [ ] one\n- [x] two\n", encoding="utf-8")
    first = library.import_markdown_file(source)
    assert (first.name, first.file, first.replaced) == ("my-plan", paths.data_dir() / "my-plan.toml", None)
    assert library.open_read_only(first.file).n_done == 1
    with pytest.raises(library.NameTaken) as taken:
        library.import_markdown_file(source)
    assert taken.value.name == "my-plan"
    again = library.import_markdown_file(source, replace=True)
    assert again.replaced is not None and again.replaced in backups.list_backups(first.file)
    with pytest.raises(library.BadRequest):
        library.import_markdown_file(source, "../up")
    with pytest.raises(library.BadRequest, match="no such file"):
        library.import_markdown_file(tmp_path / "missing.md")


def test_remove_is_planned_then_applied_with_a_backup() -> None:
    file = put("cs", TWO_DONE)
    with pytest.raises(library.NoSuchRoadmap):
        library.plan_remove("other")
    with pytest.raises(library.BadRequest):
        library.plan_remove("a/b")
    plan = library.plan_remove("cs")
    assert (plan.file, plan.state) == (file, "2 of 76 done")
    removed = library.remove(plan)
    backup = removed.backup
    assert not file.exists() and backup is not None and backup.read_text(encoding="utf-8") == TWO_DONE
    assert removed.log is None  # it had none


def test_the_crash_log_is_appended_to_and_a_failure_to_write_it_is_none(monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        raise ZeroDivisionError("a bug")
    except ZeroDivisionError as error:
        log = write_crash_log(error, "roadmap-tui status")
        assert write_crash_log(None, "the app") == log  # None: the exception being handled
    assert log == paths.crash_log()
    text = log.read_text(encoding="utf-8")
    assert text.count("ZeroDivisionError: a bug") == 2 and " roadmap-tui status\n" in text and " the app\n" in text
    monkeypatch.setattr(paths, "crash_log", lambda: log / "not-a-folder" / "crash.log")
    assert write_crash_log(ValueError("x"), "again") is None
