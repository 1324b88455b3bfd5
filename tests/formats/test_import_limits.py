"""Import limits: linear in the number of tasks, any sane list depth, and never a roadmap too
big to open again. No timing here: the work is counted (the benchmark prints the seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap_tui.formats.markdown_export import to_markdown
from roadmap_tui.formats.markdown_import import MAX_LIST_DEPTH, MarkdownImportError, import_markdown
from roadmap_tui.storage.schema import build_roadmap, parse_toml


def flat_tasks(n: int) -> bytes:
    return ("# Plan\n\n## Tasks\n\n" + "".join(f"- [ ] task {i}\n" for i in range(n))).encode()


def token_reads(monkeypatch: pytest.MonkeyPatch, data: bytes) -> int:
    """How many attributes of markdown-it tokens the import reads: its work, counted."""
    from markdown_it.token import Token

    count = 0
    original = object.__getattribute__

    def counting(self: object, name: str) -> object:
        nonlocal count
        count += 1
        return original(self, name)

    with monkeypatch.context() as patch:
        patch.setattr(Token, "__getattribute__", counting)
        import_markdown(data, Path("plan.md"))
    return count


def test_import_work_grows_linearly_with_the_number_of_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    import_markdown(flat_tasks(10), Path("warm.md"))  # the parser is built once
    small = token_reads(monkeypatch, flat_tasks(1_000))
    large = token_reads(monkeypatch, flat_tasks(4_000))
    # Linear work is 4x for 4x the tasks (plus a constant); the old backward search was 16x.
    assert large <= 4.5 * small, (small, large)


# Depth -------------------------------------------------------------------------------------------


def nested_tasks(levels: int, head: str = "# Plan\n\n") -> bytes:
    return (head + "".join("  " * depth + f"- [ ] level {depth + 1}\n" for depth in range(levels))).encode()


def depth_of(roadmap) -> int:  # noqa: ANN001
    deepest = 0
    for phase in roadmap.phases:
        stack = [(item, 1) for item in phase.items]
        while stack:
            item, depth = stack.pop()
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in item.items)
    return deepest


@pytest.mark.parametrize("levels", [10, 30, MAX_LIST_DEPTH])
def test_lists_nested_to_the_limit_import_every_level_and_export_the_same(levels: int) -> None:
    data = nested_tasks(levels)
    result = import_markdown(data, Path("deep.md"))
    assert result.n_tasks == levels
    assert result.warnings == []
    roadmap = build_roadmap(parse_toml(result.toml_text, "deep.toml"), "deep.toml")
    assert depth_of(roadmap) == levels
    assert to_markdown(roadmap).encode() == data


def test_the_deepest_list_under_six_nested_headings_still_opens() -> None:
    head = "# Other\n\n- [ ] first\n\n" + "".join(f"{'#' * level} Heading {level}\n\n" for level in range(1, 7))
    data = nested_tasks(MAX_LIST_DEPTH, head)
    result = import_markdown(data, Path("deep.md"))
    roadmap = build_roadmap(parse_toml(result.toml_text, "deep.toml"), "deep.toml")
    assert result.n_tasks == MAX_LIST_DEPTH + 1
    assert to_markdown(roadmap).encode() == data


def test_a_list_deeper_than_the_limit_warns_in_one_line_and_keeps_its_text() -> None:
    levels = MAX_LIST_DEPTH + 6
    data = nested_tasks(levels)
    result = import_markdown(data, Path("deeper.md"))
    assert result.n_tasks == MAX_LIST_DEPTH
    assert len(result.warnings) == 1 and "\n" not in result.warnings[0]
    assert result.warnings[0].startswith(f"deeper.md:{MAX_LIST_DEPTH + 3}: ")  # the first line not imported
    assert str(MAX_LIST_DEPTH) in result.warnings[0]
    roadmap = build_roadmap(parse_toml(result.toml_text, "deeper.toml"), "deeper.toml")
    assert to_markdown(roadmap).encode() == data  # the deeper lines stay, as text of the task above


def test_a_very_deep_list_is_neither_a_crash_nor_lost() -> None:
    data = nested_tasks(3_000)
    result = import_markdown(data, Path("deepest.md"))
    assert result.n_tasks == MAX_LIST_DEPTH and len(result.warnings) == 1
    roadmap = build_roadmap(parse_toml(result.toml_text, "deepest.toml"), "deepest.toml")
    assert to_markdown(roadmap).encode() == data


def test_the_cli_says_what_it_did_not_import_in_one_line(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    source = tmp_path / "deep.md"
    source.write_bytes(nested_tasks(MAX_LIST_DEPTH + 2))
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    env.pop("ROADMAP_TUI_FILE", None)
    result = subprocess.run(
        [sys.executable, "-m", "roadmap_tui", "import", str(source)],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("\n") == 1 and "warning:" in result.stderr
    assert f"nested more than {MAX_LIST_DEPTH} levels deep" in result.stderr
    assert "Traceback" not in result.stderr


# Size --------------------------------------------------------------------------------------------


def test_an_import_that_would_be_too_big_to_open_is_refused_before_writing() -> None:
    from roadmap_tui.storage.reader import MAX_FILE_BYTES

    # Under the Markdown limit, but its text is stored twice (`text` and `md`): over the roadmap's.
    data = ("# Big\n\n- [ ] " + "word " * (MAX_FILE_BYTES // 9) + "\n").encode()
    assert len(data) <= MAX_FILE_BYTES
    with pytest.raises(MarkdownImportError) as raised:
        import_markdown(data, Path("big.md"))
    message = raised.value.one_line()
    assert message.startswith("big.md: ") and "\n" not in message
    assert f"{MAX_FILE_BYTES:,}" in message


def test_the_cli_refuses_it_in_one_line_and_writes_nothing(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from roadmap_tui.storage.reader import MAX_FILE_BYTES

    source = tmp_path / "big.md"
    source.write_bytes(("# Big\n\n- [ ] " + "word " * (MAX_FILE_BYTES // 9) + "\n").encode())
    data = tmp_path / "data"
    env = {**os.environ, "XDG_DATA_HOME": str(data), "HOME": str(tmp_path)}
    env.pop("ROADMAP_TUI_FILE", None)
    result = subprocess.run(
        [sys.executable, "-m", "roadmap_tui", "import", str(source)],
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert result.returncode == 2, result.stderr[-2000:]
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not list(data.rglob("*.toml"))


def test_a_refused_import_does_not_advise_running_import(tmp_path, capsys) -> None:
    from roadmap_tui.cli import main

    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\nNo tasks here, just text.\n- a plain bullet\n", encoding="utf-8")
    assert main(["import", str(notes)]) == 2
    err = capsys.readouterr().err
    assert "roadmap-tui import" not in err, err
