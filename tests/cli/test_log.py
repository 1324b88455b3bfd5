"""`roadmap-tui log`: the activity log, newest first, with breadcrumbs, filters and JSON."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from cli_support import DEFAULT_TEXT, _eighty_columns, data_dir, one_line_error, put  # noqa: F401 - _eighty_columns: an autouse fixture
from conftest import LA_PATH, child, get
from helpers import cli_run

from roadmap_tui.cli import main
from roadmap_tui.cli.commands.log import parse_since
from roadmap_tui.cli.exit_status import CommandError
from roadmap_tui.core import states
from roadmap_tui.storage import activity
from roadmap_tui.storage.store import RoadmapStore

MATRIX = [*LA_PATH, "Matrix operations"]


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC here, so the times printed are the times written."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def rec(at: str, entry: list[str], change: str, **fields: object) -> dict[str, object]:
    return {"at": at, "entry": entry, "change": change, **fields}


def ago(**delta: float) -> str:
    return (datetime.now(timezone.utc) - timedelta(**delta)).replace(microsecond=0).isoformat()


def test_no_log_yet_is_a_friendly_line(capsys: pytest.CaptureFixture[str]) -> None:
    put("roadmap")
    assert main(["log"]) == 0
    out, err = capsys.readouterr()
    log = data_dir() / "roadmap.activity.jsonl"
    assert out == f"no activity logged for roadmap yet: changes made in the app are logged in {log}\n"
    assert err == ""
    assert main(["log", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_the_log_newest_first_with_breadcrumbs_and_words(capsys: pytest.CaptureFixture[str]) -> None:
    file = put("roadmap")
    activity.append(
        file,
        [
            rec("2026-11-30T09:00:00+00:00", MATRIX, "state", **{"from": "todo", "to": "doing"}),
            rec("2026-12-01T19:05:00+01:00", MATRIX, "state", **{"from": "doing", "to": "done"}),
            rec("2026-12-01T20:00:00+00:00", LA_PATH, "note", chars=120),
            rec("2026-12-01T20:01:00+00:00", LA_PATH, "note", chars=0),
            rec("2026-12-01T20:02:00+00:00", ["Foundation Phase"], "fill", field="duration", to="3 months"),
            rec("2026-12-01T20:03:00+00:00", ["Resources Library", "Books"], "add", text="SICP"),
            rec("2026-12-01T20:04:00+00:00", ["Gone", "Item"], "remove"),
        ],
    )
    assert main(["log"]) == 0
    out, err = capsys.readouterr()
    la = " › ".join(LA_PATH)
    assert out.splitlines() == [
        "2026-12-01 20:04  Gone › Item — removed",
        "2026-12-01 20:03  Resources Library › Books — added “SICP”",
        "2026-12-01 20:02  Foundation Phase — filled Duration: 3 months",
        f"2026-12-01 20:01  {la} — note removed",
        f"2026-12-01 20:00  {la} — note edited (120 chars)",
        f"2026-12-01 18:05  {la} › Matrix operations — doing → done",  # local time (UTC here)
        f"2026-11-30 09:00  {la} › Matrix operations — todo → doing",
    ]
    assert err == ""


def test_the_breadcrumb_shows_the_fills_of_the_roadmap_as_it_is(capsys: pytest.CaptureFixture[str]) -> None:
    file = put("roadmap")
    store = RoadmapStore(file)
    roadmap = store.load()
    nlp = next(node for node in roadmap.walk_nodes() if node.title.startswith("Specialization Area 1"))
    store.set_fill(nlp, "title", "Computer vision")
    item = next(i for i in nlp.walk_items() if i.is_counted)
    store.toggle(item)
    assert store.close(10)
    assert main(["log"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    crumb = f"Specialization Phase › Specialization Area 1: Computer vision › {item.display_text}"
    assert first.endswith(f"{crumb} — todo → done"), first


def test_changes_made_through_the_store_are_listed(capsys: pytest.CaptureFixture[str]) -> None:
    file = put("cs")
    store = RoadmapStore(file)
    roadmap = store.load()
    la = get(roadmap, *LA_PATH)
    store.set_state(child(la, "Matrix operations"), states.DOING)
    store.set_state(child(la, "Vectors and matrices"), states.SKIPPED)
    store.set_note(la, "My notes")
    assert store.close(10)
    assert main(["log", "-r", "cs"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" — ", 1)[1] for line in lines] == ["note edited (8 chars)", "todo → skipped", "todo → doing"]
    assert main(["log", "--file", str(file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["change"] for r in data] == ["note", "state", "state"]
    assert data[2]["entry"] == MATRIX and data[2]["to"] == "doing"


def test_since_keeps_the_newer_changes(capsys: pytest.CaptureFixture[str]) -> None:
    file = put("roadmap")
    activity.append(
        file,
        [
            rec(ago(days=30), MATRIX, "state", **{"from": "todo", "to": "done"}),
            rec(ago(days=3), MATRIX, "state", **{"from": "done", "to": "todo"}),
            rec(ago(hours=1), MATRIX, "state", **{"from": "todo", "to": "skipped"}),
        ],
    )
    for since, count in [("7d", 2), ("2h", 1), ("1w", 2), ("5W", 3), ("2000-01-01", 3), ("2999-01-01", 0)]:
        assert main(["log", "--since", since, "--json"]) == 0
        assert len(json.loads(capsys.readouterr().out)) == count, since
    assert main(["log", "--since", "2h"]) == 0
    assert capsys.readouterr().out.endswith(" — todo → skipped\n")
    assert main(["log", "--since", "2999-01-01"]) == 0
    assert capsys.readouterr().out == "nothing changed in roadmap since 2999-01-01 00:00\n"


@pytest.mark.parametrize("value", ["yesterday", "7", "d7", "-3d", "7y", "2026-13-01", "", "9999999d", "999999w"])
def test_a_bad_since_is_a_one_line_error(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    put("roadmap")
    assert main(["log", f"--since={value}"]) == 2
    err = one_line_error(capsys.readouterr().err)
    assert err.startswith("roadmap-tui: --since: ") and "12h, 7d, 2w" in err


def test_parse_since() -> None:
    now = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.utc)
    assert parse_since("7d", now) == now - timedelta(days=7)
    assert parse_since("3h", now) == now - timedelta(hours=3)
    assert parse_since("2w", now) == now - timedelta(weeks=2)
    assert parse_since("2026-11-01", now) == datetime(2026, 11, 1, tzinfo=timezone.utc)  # local midnight
    assert parse_since("2026-11-01T08:30+01:00", now) == datetime(2026, 11, 1, 7, 30, tzinfo=timezone.utc)
    with pytest.raises(CommandError):
        parse_since("soon", now)


def test_bad_lines_are_named_on_stderr_and_the_rest_is_shown(capsys: pytest.CaptureFixture[str]) -> None:
    file = put("roadmap")
    log = activity.log_file(file)
    good = rec("2026-12-01T20:00:00+00:00", MATRIX, "remove")
    log.write_bytes(b"garbage\n" + activity._line(good) + b'{"at": "2026-12-01T2')  # torn last: no word
    assert main(["log"]) == 0
    out, err = capsys.readouterr()
    assert out.endswith("Matrix operations — removed\n") and out.count("\n") == 1
    assert err == f"roadmap-tui: activity log: skipped {log}, line 1: not JSON\n"


def test_a_log_that_cannot_be_read_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    file = put("roadmap")
    activity.log_file(file).mkdir()
    assert main(["log"]) == 1
    assert "is not a regular file" in one_line_error(capsys.readouterr().err)


def test_hostile_text_in_the_log_is_shown_literally(capsys: pytest.CaptureFixture[str]) -> None:
    file = put("roadmap")
    activity.append(file, [rec("2026-12-01T20:00:00+00:00", ["\x1b[2J[bold]x[/]"], "add", text="\x1b]52;c;aGk=\x07")])
    assert main(["log"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[2J[bold]x[/]" in out
    assert main(["log", "--json"]) == 0
    raw = capsys.readouterr().out
    assert "\x1b" not in raw and json.loads(raw)[0]["text"] == "\x1b]52;c;aGk=\x07"


def test_an_unknown_roadmap_is_refused_as_other_commands_do(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "-r", "nope"]) == 2
    err = one_line_error(capsys.readouterr().err)
    assert err == "roadmap-tui: no roadmap named nope; `roadmap-tui list` shows them\n"


def test_the_log_command_in_a_child_process(tmp_path: Path) -> None:
    file = put("roadmap", DEFAULT_TEXT)
    activity.append(file, [rec("2026-12-01T20:00:00+00:00", MATRIX, "state", **{"from": "todo", "to": "done"})])
    done = cli_run("log", "--since", "2026-01-01", cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.endswith("Linear Algebra › Matrix operations — todo → done\n")
    bad = cli_run("log", "--since", "soon", cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    assert "log" in cli_run("--help", cwd=tmp_path).stdout


def test_the_log_command_needs_neither_textual_nor_tomlkit(tmp_path: Path) -> None:
    file = put("roadmap")
    activity.append(file, [rec("2026-12-01T20:00:00+00:00", MATRIX, "remove")])
    script = (
        "import sys; from roadmap_tui import cli; code = cli.main(['log']); "
        "print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tomlkit', 'rich')), "
        "file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.stderr == "0 []\n"


def test_a_time_at_the_edge_of_the_calendar_is_skipped_with_a_word(capsys: pytest.CaptureFixture[str]) -> None:
    file = put("roadmap")
    activity.append(
        file,
        [
            rec("0001-01-01T00:00:00+05:00", MATRIX, "remove"),  # before year 1 in UTC
            rec("9999-12-31T23:59:00-05:00", MATRIX, "remove"),  # after 9999 in UTC
            rec("2026-12-01T20:00:00+00:00", MATRIX, "remove"),
        ],
    )
    assert main(["log"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("2026-12-01 20:00  ") and out.count("\n") == 1
    assert err.count("does not read") == 2


def test_a_line_a_kill_cut_short_is_skipped_with_no_word_when_later_lines_follow(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A kill tears the last line; the next append starts on a line of its own, so the torn piece
    ends up in the middle: it is still what a kill leaves, skipped with no error."""
    file = put("roadmap")
    log = activity.log_file(file)
    log.write_bytes(b'{"at": "2026-12-01T2')  # torn by a kill
    activity.append(file, [rec("2026-12-01T20:00:00+00:00", MATRIX, "remove")])
    assert main(["log"]) == 0
    out, err = capsys.readouterr()
    assert out.endswith("Matrix operations — removed\n") and err == ""
