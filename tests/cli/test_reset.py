"""`roadmap-tui reset`: progress cleared after asking, with a backup."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import (  # noqa: F401 - _eighty_columns: an autouse fixture
    DEFAULT_BYTES,
    DEFAULT_TEXT,
    TWO_DONE,
    _eighty_columns,
    answer,
    data_dir,
    no_terminal,
    one_line_error,
    put,
)

from roadmap_tui.cli import main
from roadmap_tui.library import clear_progress
from roadmap_tui.storage import backups


def test_clear_progress_changes_only_the_done_flags() -> None:
    text = (
        TWO_DONE.replace("# This file is yours", "# A comment of mine\n# This file is yours")
        .replace('title = "Foundation Phase"', 'title = "Foundation Phase"\nmy_key = "kept"')
        .replace('text = "Linear Algebra"\ndone = false', 'text = "Linear Algebra"\ndone = true')
        .replace('{ text = "Resources: _[e.g., Khan Academy, Coursera]_", done = false }',
                 '{ text = "Resources: _[e.g., Khan Academy, Coursera]_", done = true, text_fill = "Khan" }')
    )
    new, cleared = clear_progress(text)
    assert cleared == 4
    old_lines, new_lines = text.splitlines(), new.splitlines()
    assert len(old_lines) == len(new_lines)
    changed = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    assert len(changed) == 4
    for a, b in changed:
        assert "done = true" in a and b == a.replace("done = true", "done = false")
    assert 'text_fill = "Khan"' in new and "# A comment of mine" in new and 'my_key = "kept"' in new
    assert clear_progress(new) == (new, 0)


def test_reset_with_yes(capsys: pytest.CaptureFixture[str]) -> None:
    file = put("roadmap", TWO_DONE)
    assert main(["reset", "--yes"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert file.read_text(encoding="utf-8") == DEFAULT_TEXT
    saved = backups.list_backups(file)
    assert len(saved) == 1 and saved[0].name.endswith(".before-reset.toml")
    assert saved[0].read_text(encoding="utf-8") == TWO_DONE
    assert out == f"cleared the progress of roadmap (2 were done); the file before is backed up in {saved[0]}\n"


def test_reset_asks_on_a_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    file = put("cs", TWO_DONE)
    answer(monkeypatch, "n\n")
    assert main(["reset", "-r", "cs"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "Clear progress of cs (2 of 76 done)? [y/N] roadmap-tui: cancelled: nothing changed\n"
    assert file.read_text(encoding="utf-8") == TWO_DONE
    assert backups.list_backups(file) == []

    answer(monkeypatch, "")  # end of input: no
    assert main(["reset", "-r", "cs"]) == 1
    assert file.read_text(encoding="utf-8") == TWO_DONE

    answer(monkeypatch, "y\n")
    assert main(["reset", "-r", "cs"]) == 0
    out, err = capsys.readouterr()
    assert err.endswith("Clear progress of cs (2 of 76 done)? [y/N] ")
    assert out.startswith("cleared the progress of cs (2 were done)")
    assert file.read_text(encoding="utf-8") == DEFAULT_TEXT


def test_reset_without_a_terminal_needs_yes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    file = put("roadmap", TWO_DONE)
    no_terminal(monkeypatch)
    assert main(["reset"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert one_line_error(err) == "roadmap-tui: reset roadmap: no terminal to ask on; pass --yes to go ahead\n"
    assert file.read_text(encoding="utf-8") == TWO_DONE
    assert not backups.backup_dir(file).exists()


def test_reset_with_nothing_to_clear(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reset", "--yes"]) == 0  # the default roadmap, not created yet
    assert capsys.readouterr().out == "roadmap has no progress to clear (it is not created yet)\n"
    assert not data_dir().exists()
    file = put("roadmap")
    assert main(["reset", "--yes"]) == 0
    assert capsys.readouterr().out == "roadmap has no progress to clear (0 of 76 done)\n"
    assert file.read_bytes() == DEFAULT_BYTES
    assert not backups.backup_dir(file).exists()


def test_reset_of_a_broken_file(capsys: pytest.CaptureFixture[str]) -> None:
    bad = TWO_DONE.replace('"Matrix operations", done = false', '"Matrix operations", done = "yes"')
    file = put("roadmap", bad)
    assert main(["reset", "--yes"]) == 2
    assert one_line_error(capsys.readouterr().err).startswith(f"roadmap-tui: {file}: phases[0]")
    assert file.read_text(encoding="utf-8") == bad


def test_reset_in_a_real_terminal(tmp_path: Path) -> None:
    import pty

    file = put("roadmap", TWO_DONE)
    master, slave = pty.openpty()
    try:
        os.write(master, b"y\n")
        result = subprocess.run(
            [sys.executable, "-m", "roadmap_tui", "reset"], stdin=slave, capture_output=True, text=True,
            cwd=tmp_path, env=dict(os.environ), timeout=60,
        )
    finally:
        os.close(slave)
        os.close(master)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "Clear progress of roadmap (2 of 76 done)? [y/N] "
    assert result.stdout.startswith("cleared the progress of roadmap (2 were done)")
    assert file.read_text(encoding="utf-8") == DEFAULT_TEXT


def test_reset_of_a_roadmap_whose_only_done_keys_are_on_headings(capsys: pytest.CaptureFixture[str]) -> None:
    """A stray `done = true` on a part or a section is no checkbox: nothing to clear, nothing written."""
    text = DEFAULT_TEXT.replace('title = "Foundation Phase"\n', 'title = "Foundation Phase"\ndone = true\n', 1)
    assert text != DEFAULT_TEXT
    file = put("roadmap", text)
    assert main(["reset", "--yes"]) == 0
    assert capsys.readouterr().out == "roadmap has no progress to clear (0 of 76 done)\n"
    assert file.read_text(encoding="utf-8") == text
    assert not backups.backup_dir(file).exists()


def test_reset_keeps_a_byte_order_mark(tmp_path: Path) -> None:
    """(Review finding) The file's byte-order mark stays, as the app's saver keeps it."""
    from roadmap_tui import library

    file = tmp_path / "r.toml"
    file.write_bytes(b'\xef\xbb\xbfschema = 2\ntitle = "T"\n[[phases]]\ntitle = "P"\n[[phases.items]]\ntext = "a"\ndone = true\n')
    library.apply_reset(library.plan_reset(file, "r"))
    assert file.read_bytes() == b'\xef\xbb\xbfschema = 2\ntitle = "T"\n[[phases]]\ntitle = "P"\n[[phases.items]]\ntext = "a"\ndone = false\n'


# The journal: states and dates are progress, notes are not -------------------------------------

JOURNAL = (
    TWO_DONE.replace(
        '{ text = "Vectors and matrices", done = true }',
        '{ text = "Vectors and matrices", done = true, state = "done", started_at = 2026-11-30T08:00:00Z, '
        "done_at = 2026-12-01T19:05:00+01:00 }",
    )
    .replace('{ text = "Matrix operations", done = false }',
             '{ text = "Matrix operations", done = false, state = "doing", started_at = 2026-12-01T10:00:00+01:00 }')
    .replace('{ text = "Partial derivatives", done = false }',
             '{ text = "Partial derivatives", done = false, state = "skipped", note = "Known." }')
    .replace('{ text = "NumPy", done = false }', '{ text = "NumPy", done = false, started_at = 2026-11-01T09:00:00Z }')
    .replace('[[phases.sections.items]]\ntext = "Calculus"\n',
             '[[phases.sections.items]]\ntext = "Calculus"\nnote = """\nChain rule first.\n"""\n')
)
JOURNAL_RESET = (
    DEFAULT_TEXT.replace('{ text = "Partial derivatives", done = false }',
                         '{ text = "Partial derivatives", done = false, note = "Known." }')
    .replace('[[phases.sections.items]]\ntext = "Calculus"\n',
             '[[phases.sections.items]]\ntext = "Calculus"\nnote = """\nChain rule first.\n"""\n')
)


def test_reset_clears_states_and_dates_and_keeps_notes(capsys: pytest.CaptureFixture[str]) -> None:
    file = put("roadmap", JOURNAL)
    assert main(["reset", "--yes"]) == 0
    out = capsys.readouterr().out
    assert file.read_text(encoding="utf-8") == JOURNAL_RESET
    assert out.startswith("cleared the progress of roadmap (2 were done, 1 doing, 1 skipped); the file before")
    from roadmap_tui import library

    after = library.open_read_only(file)
    assert (after.n_done, after.n_total, after.n_doing, after.n_skipped) == (0, 76, 0, 0)
    assert [i.note for i in after.walk_items() if i.note] == ["Chain rule first.", "Known."]


def test_clear_progress_counts_items_not_keys() -> None:
    new, cleared = clear_progress(JOURNAL)
    assert cleared == 5, "two done, one doing, one skipped, one with only a start left"
    assert new == JOURNAL_RESET
    assert clear_progress(new) == (new, 0)


def test_the_question_names_doing_and_skipped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    file = put("cs", JOURNAL)
    answer(monkeypatch, "n\n")
    assert main(["reset", "-r", "cs"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Clear progress of cs (2 of 75 done · 1 doing · 1 skipped)? [y/N] ")
    assert file.read_text(encoding="utf-8") == JOURNAL


def test_only_a_date_left_is_progress_to_clear(capsys: pytest.CaptureFixture[str]) -> None:
    text = DEFAULT_TEXT.replace('{ text = "NumPy", done = false }',
                                '{ text = "NumPy", done = false, started_at = 2026-11-01T09:00:00Z }')
    file = put("roadmap", text)
    assert main(["reset", "--yes"]) == 0
    assert capsys.readouterr().out.startswith("cleared the progress of roadmap (0 were done)")
    assert file.read_text(encoding="utf-8") == DEFAULT_TEXT


def test_a_reset_planned_before_a_skip_changes_nothing() -> None:
    from roadmap_tui import library

    file = put("cs", TWO_DONE)
    plan = library.plan_reset(file, "cs")
    skipped = TWO_DONE.replace(
        '{ text = "NumPy", done = false }', '{ text = "NumPy", done = false, state = "skipped" }'
    )
    file.write_text(skipped, encoding="utf-8")
    with pytest.raises(library.Changed, match=r"now 2 of 75 done · 1 skipped"):
        library.apply_reset(plan)
    assert file.read_text(encoding="utf-8") == skipped


def test_a_reset_goes_into_the_activity_log(capsys: pytest.CaptureFixture[str]) -> None:
    from roadmap_tui.storage import activity

    file = put("roadmap", TWO_DONE)
    assert main(["reset", "--yes"]) == 0
    records, problems = activity.read(file)
    assert problems == [] and [(r["change"], r["entry"], r["done"]) for r in records] == [("reset", [], 2)]
    capsys.readouterr()
    assert main(["log"]) == 0
    out, _ = capsys.readouterr()
    assert out.rstrip("\n").endswith("  the whole roadmap — progress reset (2 done)") and out.count("\n") == 1


def test_reset_clears_reviews_too(capsys: pytest.CaptureFixture[str]) -> None:
    """A reset starts over: a topic's reviews go with its checks (they are in the backup), so when
    it is finished again its reviews start from the first step, not from where the old ones left it."""
    reviewed = JOURNAL.replace(
        '[[phases.sections.items]]\ntext = "Calculus"\n',
        '[[phases.sections.items]]\ntext = "Calculus"\nreviews = [{ at = 2026-12-01T08:00:00+01:00, '
        'result = "remembered" }, { at = 2026-12-04T08:00:00+01:00, result = "forgot" }]\n',
    )
    assert reviewed != JOURNAL
    file = put("roadmap", reviewed)
    assert main(["reset", "--yes"]) == 0
    capsys.readouterr()
    assert file.read_text(encoding="utf-8") == JOURNAL_RESET
    [backup] = backups.list_backups(file)
    assert backup.read_text(encoding="utf-8") == reviewed
    assert clear_progress(reviewed) == (JOURNAL_RESET, 6)  # the reviewed topic is one more with progress
