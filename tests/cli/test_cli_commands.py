"""The command line for several roadmaps and for scripts: list, status, export --format json,
import, reset, remove, backups, restore, --roadmap; exit codes and one-line errors."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import tomlkit
from conftest import REPO

from roadmap_tui import library, paths

from roadmap_tui.storage import backups
from roadmap_tui.cli import main
from roadmap_tui.library import clear_progress

DEFAULT_BYTES = (REPO / "data" / "default_roadmap.toml").read_bytes()
DEFAULT_TEXT = DEFAULT_BYTES.decode("utf-8")
COMMANDS = ("list", "status", "export", "import", "reset", "remove", "backups", "restore", "path")


# Helpers ----------------------------------------------------------------------------------


def data_dir() -> Path:
    folder = paths.data_dir()
    assert str(folder).startswith(os.environ["XDG_DATA_HOME"])  # the isolated one from conftest
    return folder


def with_done(*texts: str, title: str | None = None) -> str:
    """The default roadmap with these items checked (and another title, if given)."""
    text = DEFAULT_TEXT
    for item in texts:
        old = f'{{ text = "{item}", done = false }}'
        assert old in text, item
        text = text.replace(old, f'{{ text = "{item}", done = true }}')
    if title is not None:
        text = text.replace('title = "AI/ML Learning Roadmap"', f"title = {tomlkit.item(title).as_string()}", 1)
    return text


def put(name: str, text: str | bytes = DEFAULT_TEXT) -> Path:
    """A roadmap called `name` in the data folder."""
    file = data_dir() / f"{name}.toml"
    file.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    file.write_bytes(text)
    return file


def one_line_error(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("roadmap-tui: "), err
    assert "Traceback" not in err
    return err


class Terminal(io.StringIO):
    """A stdin that says it is a terminal, with the person's answers in it."""

    def isatty(self) -> bool:
        return True


def answer(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal(text))


def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))


TWO_DONE = with_done("Vectors and matrices", "Chain rule")


@pytest.fixture(autouse=True)
def _eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables are laid out for 80 columns, whatever terminal runs the tests."""
    monkeypatch.setenv("COLUMNS", "80")


# --roadmap --------------------------------------------------------------------------------


def test_roadmap_file_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = data_dir()
    assert library.roadmap_file() == folder / "roadmap.toml" == paths.roadmap_file()
    assert library.roadmap_file("cs") == folder / "cs.toml"
    assert library.roadmap_file("cs", tmp_path / "x.toml") == tmp_path / "x.toml"
    monkeypatch.setenv("ROADMAP_TUI_FILE", str(tmp_path / "env.toml"))
    assert library.roadmap_file() == tmp_path / "env.toml" == paths.roadmap_file()
    # A name asked for explicitly is that roadmap, whatever the environment says.
    assert library.roadmap_file("cs") == folder / "cs.toml"
    assert library.roadmap_file("roadmap") == folder / "roadmap.toml"
    with pytest.raises(ValueError):
        library.roadmap_file("../etc/passwd")


@pytest.mark.parametrize("bad", ["", "a/b", "..", ".hidden", "-rf", "a b", "x.toml", "tab\there", "a" * 65, "end."])
def test_check_name_refuses_unsafe_names(bad: str) -> None:
    with pytest.raises(ValueError) as info:
        library.check_name(bad)
    message = str(info.value)
    assert "\n" not in message and "\t" not in message and message


@pytest.mark.parametrize("good", ["roadmap", "cs", "ml-2025", "v1.2", "a_b", "機械学習", "über", "a" * 64])
def test_check_name_accepts_plain_names(good: str) -> None:
    assert library.check_name(good) == good


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Coding Interview University", "coding-interview-university"),
        ("AI/ML Learning Roadmap", "ai-ml-learning-roadmap"),
        ("[Awesome *Go*](https://example.com) — 2025!", "awesome-go-2025"),
        ("🚀 Rocket  Science 🚀", "rocket-science"),
        ("機械学習 ロードマップ", "機械学習-ロードマップ"),
        ("Über Café", "über-café"),
        ("foo_bar.baz", "foo-bar-baz"),
        ("🚀🚀", ""),
        ("", ""),
        ("word " * 30, "-".join(["word"] * 12)),
    ],
)
def test_name_from_title(title: str, name: str) -> None:
    assert library.name_from_title(title) == name
    if name:
        assert library.check_name(name) == name


def test_list_roadmaps_default_first_then_by_name() -> None:
    assert library.list_roadmaps() == []
    for name in ("zeta", "Alpha", "roadmap", "beta"):
        put(name)
    (data_dir() / "my plan.toml").write_text(DEFAULT_TEXT)  # not a usable name: left out
    (data_dir() / ".roadmap.toml.123.tmp").write_text("x")
    (data_dir() / "notes.md").write_text("x")
    (data_dir() / "folder.toml").mkdir()
    assert [name for name, _ in library.list_roadmaps()] == ["roadmap", "Alpha", "beta", "zeta"]
    assert all(file == data_dir() / f"{name}.toml" for name, file in library.list_roadmaps())


def test_a_missing_named_roadmap_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["-r", "nope"], ["-r", "nope", "status"], ["status", "-r", "nope"], ["export", "--roadmap", "nope"],
                 ["reset", "-r", "nope", "--yes"]):
        assert main(args) == 2, args
        out, err = capsys.readouterr()
        assert out == ""
        assert one_line_error(err) == "roadmap-tui: no roadmap named nope; `roadmap-tui list` shows them\n"
    assert not data_dir().exists()


def test_a_bad_name_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "-r", "../../etc/passwd"]) == 2
    err = one_line_error(capsys.readouterr().err)
    assert "--roadmap:" in err and "not a usable roadmap name" in err


def test_the_default_roadmap_need_not_exist(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "-r", "roadmap", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 76
    assert not data_dir().exists()  # read-only commands create nothing


def test_file_wins_over_roadmap_and_roadmap_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    put("cs", with_done(title="CS"))
    elsewhere = tmp_path / "elsewhere.toml"
    elsewhere.write_text(with_done(title="Elsewhere"))
    env = tmp_path / "env.toml"
    env.write_text(with_done(title="From env"))
    monkeypatch.setenv("ROADMAP_TUI_FILE", str(env))

    def title(*args: str) -> str:
        assert main(["status", "--json", *args]) == 0
        return json.loads(capsys.readouterr().out)["title"]

    assert title() == "From env"
    assert title("-r", "cs") == "CS"
    assert title("-r", "cs", "--file", str(elsewhere)) == "Elsewhere"
    assert main(["-r", "cs", "path"]) == 0
    assert capsys.readouterr().out == f"{data_dir() / 'cs.toml'}\n"


# list -------------------------------------------------------------------------------------


def test_list_on_a_fresh_install_shows_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    row = next(line for line in out.splitlines() if "roadmap " in line and "/76" in line)
    assert re.search(r"^\* roadmap\s+0/76\s+0\.0\s+AI/ML Learning Roadmap\s+\(not created yet\)$", row), row
    assert str(data_dir()) in out
    assert not data_dir().exists()


def test_list_shows_each_roadmap_with_progress_and_survives_a_broken_one(capsys: pytest.CaptureFixture[str]) -> None:
    put("roadmap", TWO_DONE)
    put("cs", with_done("NumPy", title="Computer Science"))
    put("broken", DEFAULT_TEXT.replace('title = "Deep Learning"', 'title = "Deep Learning'))
    put("wrong", DEFAULT_TEXT.replace('"Matrix operations", done = false', '"Matrix operations", done = "yes"'))
    assert main(["list"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    rows = [line for line in lines if re.match(r"^[* ] \S+\s+(-|\d+/\d+)", line)]
    names = [row[2:].split()[0] for row in rows]
    assert names == ["roadmap", "broken", "cs", "wrong"]
    assert re.search(r"^\* roadmap\s+2/76\s+2\.6\s+AI/ML Learning Roadmap$", rows[0])
    assert re.search(r"^  broken\s+-\s+-\s+cannot be opened: \d+:\d+: invalid TOML", rows[1]), rows[1]
    assert re.search(r"^  cs\s+1/76\s+1\.3\s+Computer Science$", rows[2])
    assert re.search(r"^  wrong\s+-\s+-\s+cannot be opened: phases\[0\]\.sections\[0\]\.", rows[3]), rows[3]
    assert all(len(line) <= 80 for line in lines[:-1])  # long problems are cut to the width (80 when piped)


def test_list_shows_file_text_literally(capsys: pytest.CaptureFixture[str]) -> None:
    put("evil", with_done(title="[bold red]x[/] \x1b[2J\u202e"))
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "[bold red]x[/] \\x1b[2J\\u202e" in out
    assert "\x1b" not in out and "\u202e" not in out


# status -----------------------------------------------------------------------------------


def test_status_table(capsys: pytest.CaptureFixture[str]) -> None:
    put("roadmap", with_done("Vectors and matrices", "Chain rule", "PyTorch"))
    assert main(["status"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines()[0] == "AI/ML Learning Roadmap  (roadmap)"
    assert re.search(r"^Foundation Phase\s+2/27\s+7\.4%\s+█?░+$", out, re.M), out
    assert re.search(r"^Specialization Phase\s+1/17\s+5\.9%", out, re.M)
    assert re.search(r"^Overall\s+3/76\s+3\.9%\s+█░{9}$", out, re.M)  # something done shows
    # A part with nothing to check off has no progress to show: it is named below the table.
    assert "Resources Library" not in out.split("Overall")[0]
    assert out.splitlines()[-1] == "(1 part with nothing to check off not shown: Resources Library)"
    assert all(line == line.rstrip() for line in out.splitlines())


def test_status_json(capsys: pytest.CaptureFixture[str]) -> None:
    put("cs", with_done("Vectors and matrices", "Chain rule", "PyTorch", title="CS"))
    assert main(["status", "-r", "cs", "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    data = json.loads(out)
    assert data["name"] == "cs"
    assert data["file"] == str(data_dir() / "cs.toml")
    assert (data["title"], data["done"], data["total"], data["percent"]) == ("CS", 3, 76, 3.9)
    phases = data["phases"]
    assert [p["title"] for p in phases][:2] == ["Foundation Phase", "Specialization Phase"]
    assert sum(p["done"] for p in phases) == 3 and sum(p["total"] for p in phases) == 76
    assert phases[0] == {"title": "Foundation Phase", "display_title": "Foundation Phase", "done": 2, "total": 27,
                         "percent": 7.4}
    assert phases[-1]["percent"] is None  # the Resources Library has nothing to count


def test_status_of_a_file_has_no_name(default_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--json", "--file", str(default_copy)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["name"] is None and data["file"] == str(default_copy)


def test_status_of_a_broken_file_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    file = put("roadmap", DEFAULT_TEXT.replace('"Matrix operations", done = false', '"Matrix operations", done = 1'))
    for args in (["status"], ["status", "--json"]):
        assert main(args) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert one_line_error(err).startswith(f"roadmap-tui: {file}: phases[0].sections[0].items[0].items[1].done:")


def test_status_shows_titles_literally(capsys: pytest.CaptureFixture[str]) -> None:
    text = with_done(title="[@click=app.quit]x[/] \x07").replace(
        'title = "Foundation Phase"', 'title = "[link=file:///etc/passwd]x[/link] \\u001b]52;c;aGk=\\u0007"'
    )
    put("roadmap", text)
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "[@click=app.quit]x[/] \\x07  (roadmap)" in out
    assert "[link=file:///etc/passwd]x[/link] \\x1b]52;c;aGk=\\x07" in out
    assert "\x1b" not in out and "\x07" not in out
    assert main(["status", "--json"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    data = json.loads(out)
    assert data["title"] == "[@click=app.quit]x[/] \x07"
    assert data["phases"][0]["title"] == "[link=file:///etc/passwd]x[/link] \x1b]52;c;aGk=\x07"


STATUS_HYGIENE = """
import json, sys
from roadmap_tui import cli
codes = [cli.main(["status"]), cli.main(["status", "--json"]), cli.main(["list"]),
         cli.main(["backups"]), cli.main(["export", "--format", "json"])]
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith(("textual.", "roadmap_tui.tui.app")))
print(json.dumps({"codes": codes, "loaded": loaded}), file=sys.stderr)
"""


def test_status_and_friends_never_import_textual(tmp_path: Path) -> None:
    put("roadmap", TWO_DONE)
    result = subprocess.run(
        [sys.executable, "-c", STATUS_HYGIENE], cwd=tmp_path, env=dict(os.environ), capture_output=True, text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stderr.strip().splitlines()[-1]) == {"codes": [0, 0, 0, 0, 0], "loaded": []}
    assert "2/76" in result.stdout


def console_script() -> Path:
    script = Path(sys.executable).parent / "roadmap-tui"
    if not script.exists():
        pytest.skip("the roadmap-tui console script is not installed beside this Python")
    return script


def test_the_installed_status_command_imports_no_textual(tmp_path: Path) -> None:
    put("roadmap", TWO_DONE)
    env = dict(os.environ, PYTHONPROFILEIMPORTTIME="1")
    for args in (["status"], ["status", "--json"]):
        result = subprocess.run(
            [str(console_script()), *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "import time:" in line]
        assert "roadmap_tui.cli" in imported and "roadmap_tui.storage.schema" in imported  # the profile is really there
        assert not [m for m in imported if m == "textual" or m.startswith("textual.")]
        assert not [m for m in imported if m.startswith("roadmap_tui.tui.app")]
    assert json.loads(result.stdout)["done"] == 2


# export -----------------------------------------------------------------------------------


def test_export_json(capsys: pytest.CaptureFixture[str]) -> None:
    text = TWO_DONE.replace(
        '{ text = "Resources: _[e.g., 3Blue1Brown Linear Algebra, MIT OCW]_", done = false }',
        '{ text = "Resources: _[e.g., 3Blue1Brown Linear Algebra, MIT OCW]_", done = false, text_fill = "3b1b" }',
    )
    put("roadmap", text)
    assert main(["export", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["export_version"] == 1
    assert (data["title"], data["schema"], data["done"], data["total"], data["percent"]) == (
        "AI/ML Learning Roadmap", 2, 2, 76, 2.6)
    foundation = data["phases"][0]
    assert (foundation["title"], foundation["level"], foundation["done"], foundation["total"]) == (
        "Foundation Phase", 2, 2, 27)
    assert foundation["duration"] == "_[e.g., 2-3 months]_"
    maths = foundation["sections"][0]
    assert (maths["title"], maths["level"], maths["sections"]) == ("Mathematics & Statistics Foundations", 3, [])
    algebra = maths["items"][0]
    assert (algebra["text"], algebra["checkbox"], algebra["checked"], algebra["counted"]) == (
        "Linear Algebra", True, False, False)
    assert (algebra["done"], algebra["total"], algebra["percent"]) == (1, 3, 33.3)
    vectors, _, _, resources = algebra["items"]
    assert vectors == {
        "text": "Vectors and matrices", "display_text": "Vectors and matrices", "checkbox": True, "checked": True,
        "counted": True, "resources": False, "done": 1, "total": 1, "percent": 100.0, "items": [],
    }
    assert resources["resources"] is True and resources["counted"] is False
    assert resources["text"] == "Resources: _[e.g., 3Blue1Brown Linear Algebra, MIT OCW]_"
    assert resources["display_text"] == "Resources: 3b1b"
    library = data["phases"][-1]
    assert library["title"] == "Resources Library"
    bullet = library["sections"][0]["items"][0]
    assert (bullet["checkbox"], bullet["checked"], bullet["counted"], bullet["percent"]) == (False, None, False, None)

    # Every count in it agrees with its items.
    def check(entry: dict) -> tuple[int, int]:
        counted = (1 if entry["checked"] else 0, 1) if entry.get("counted") else (0, 0)
        parts = [check(child) for child in entry["items"] + entry.get("sections", [])]
        done = counted[0] + sum(p[0] for p in parts)
        total = counted[1] + sum(p[1] for p in parts)
        assert (entry["done"], entry["total"]) == (done, total)
        return done, total

    assert sum(check(phase)[1] for phase in data["phases"]) == 76


def test_export_json_to_a_file_and_escapes_what_a_terminal_would_act_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = "Bidi \u202e Csi \u009b31m Esc \x1b[2J Line\u2028Sep 漢字 🚀"
    put("cs", with_done(title=evil))
    target = tmp_path / "cs.json"
    assert main(["export", "-r", "cs", "--format", "json", "-o", str(target)]) == 0
    assert capsys.readouterr() == ("", "")
    raw = target.read_text(encoding="utf-8")
    for char in ("\u202e", "\u009b", "\x1b", "\u2028"):
        assert char not in raw
    assert "\\u202e" in raw and "\\u009b" in raw and "\\u001b" in raw and "\\u2028" in raw
    assert "漢字 🚀" in raw  # readable text stays readable
    assert json.loads(raw)["title"] == evil


def test_export_markdown_of_a_named_roadmap(capsys: pytest.CaptureFixture[str]) -> None:
    put("cs", with_done("NumPy", title="CS"))
    assert main(["export", "-r", "cs"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# CS\n") and "  - [x] NumPy\n" in out and out.count("[x]") == 1
    assert main(["export", "-r", "cs", "--format", "markdown"]) == 0
    assert capsys.readouterr().out == out


def test_export_rejects_an_unknown_format(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["export", "--format", "html"])
    assert info.value.code == 2
    assert "invalid choice: 'html'" in capsys.readouterr().err


# import -----------------------------------------------------------------------------------

CHECKLIST = (
    "# Coding Interview University\r\n"
    "\r\n"
    "Intro text that stays.\r\n"
    "\r\n"
    "## Data structures\r\n"
    "\r\n"
    "- [ ] Arrays\r\n"
    "    - [x] Implement a vector\r\n"
    "    - [ ] Resources: _[a video]_\r\n"
    "- [ ] Linked lists\r\n"
    "\r\n"
    "## Algorithms\r\n"
    "\r\n"
    "1. [X] Binary search\r\n"
    "2. [ ] Sorting `O(n log n)`\r\n"
)


@pytest.fixture
def mdimport() -> object:
    return pytest.importorskip("roadmap_tui.formats.markdown_import")


def test_import_a_markdown_checklist(tmp_path: Path, mdimport: object, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "README.md"
    source.write_bytes(b"\xef\xbb\xbf" + CHECKLIST.encode("utf-8"))
    assert main(["import", str(source)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    target = data_dir() / "coding-interview-university.toml"
    assert target.is_file()
    assert f"imported 6 tasks (4 to check off) from {source} as roadmap coding-interview-university: {target}" in out
    assert "roadmap-tui -r coding-interview-university" in out
    # It opens by name, counts right, and gives back the original bytes (BOM, CRLF and all).
    assert main(["status", "-r", "coding-interview-university", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["title"], data["done"], data["total"]) == ("Coding Interview University", 2, 4)
    assert main(["export", "-r", "coding-interview-university", "-o", str(tmp_path / "back.md")]) == 0
    assert (tmp_path / "back.md").read_bytes() == source.read_bytes()


def test_import_exports_the_same_bytes_to_stdout(
    tmp_path: Path, mdimport: object, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    source = tmp_path / "plan.md"
    source.write_bytes(CHECKLIST.encode("utf-8").rstrip(b"\r\n"))  # and no final newline
    assert main(["import", str(source), "--name", "plan"]) == 0
    capsysbinary.readouterr()
    assert main(["export", "-r", "plan"]) == 0
    assert capsysbinary.readouterr().out == source.read_bytes()


def test_import_names_a_roadmap_from_its_title_else_its_file(
    tmp_path: Path, mdimport: object, capsys: pytest.CaptureFixture[str]
) -> None:
    no_heading = tmp_path / "My Study Plan.md"
    no_heading.write_text("- [ ] one\n- [ ] two\n", encoding="utf-8")
    assert main(["import", str(no_heading)]) == 0
    assert (data_dir() / "my-study-plan.toml").is_file()
    named = tmp_path / "x.md"
    named.write_text("# Ignored title\n\n- [ ] one\n", encoding="utf-8")
    assert main(["import", str(named), "--name", "chosen"]) == 0
    assert (data_dir() / "chosen.toml").is_file()
    assert not (data_dir() / "ignored-title.toml").exists()
    emoji = tmp_path / "🚀.md"
    emoji.write_text("# 🚀\n\n- [ ] one\n", encoding="utf-8")
    assert main(["import", str(emoji)]) == 0
    assert (data_dir() / "imported.toml").is_file()
    out = capsys.readouterr().out
    assert "as roadmap my-study-plan" in out and "as roadmap chosen" in out and "as roadmap imported" in out


def test_import_refuses_to_overwrite_without_force(
    tmp_path: Path, mdimport: object, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = put("plan", TWO_DONE)
    source = tmp_path / "plan.md"
    source.write_text("# Plan\n\n- [ ] one\n- [x] two\n", encoding="utf-8")
    assert main(["import", str(source)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert one_line_error(err) == (
        f"roadmap-tui: a roadmap named plan already exists ({existing}); pass --force to replace it "
        "(it is backed up first) or --name to choose another name\n"
    )
    assert existing.read_text(encoding="utf-8") == TWO_DONE
    assert not backups.backup_dir(existing).exists()

    assert main(["import", str(source), "--force"]) == 0
    out = capsys.readouterr().out
    saved = backups.list_backups(existing)
    assert len(saved) == 1 and saved[0].name.endswith(".before-import.toml")
    assert saved[0].read_text(encoding="utf-8") == TWO_DONE
    assert f"backed up in {saved[0]}" in out
    assert main(["export", "-r", "plan"]) == 0
    assert capsys.readouterr().out == "# Plan\n\n- [ ] one\n- [x] two\n"


def test_reset_of_an_imported_roadmap_unchecks_its_markdown(
    tmp_path: Path, mdimport: object, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "README.md"
    source.write_bytes(CHECKLIST.encode("utf-8"))
    assert main(["import", str(source), "--name", "ciu"]) == 0
    assert main(["reset", "-r", "ciu", "--yes"]) == 0
    assert "(2 were done)" in capsys.readouterr().out
    assert main(["export", "-r", "ciu", "-o", str(tmp_path / "back.md")]) == 0
    unchecked = CHECKLIST.replace("[x]", "[ ]").replace("[X]", "[ ]")
    assert (tmp_path / "back.md").read_bytes() == unchecked.encode("utf-8")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no such file"),
        ("folder", "not a file (it is a folder)"),
        (b"# Notes\n\nJust prose, and a list:\n\n- one\n- two\n", ""),
        (b"\x00\x01\x02binary\xff", ""),
        (b"# Caf\xe9\n\n- [ ] x\n", ""),
    ],
    ids=["missing", "folder", "no-tasks", "binary", "latin-1"],
)
def test_import_of_bad_input_is_one_line_and_writes_nothing(
    tmp_path: Path, mdimport: object, capsys: pytest.CaptureFixture[str], content: object, problem: str
) -> None:
    source = tmp_path / "input.md"
    if content == "folder":
        source.mkdir()
    elif isinstance(content, bytes):
        source.write_bytes(content)
    assert main(["import", str(source)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert one_line_error(err).startswith(f"roadmap-tui: {source}")
    assert problem in err
    assert not data_dir().exists() or not list(data_dir().rglob("*.toml"))


def test_import_of_a_too_big_file(tmp_path: Path, mdimport: object, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "huge.md"
    with source.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)  # sparse: nothing is really written
    assert main(["import", str(source)]) == 2
    err = one_line_error(capsys.readouterr().err)
    assert "20,971,521 bytes" in err and "at most 20,971,520" in err
    assert not data_dir().exists()


def test_import_with_a_bad_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "x.md"
    source.write_text("- [ ] one\n", encoding="utf-8")
    assert main(["import", str(source), "--name", "../evil"]) == 2
    assert "--name: '../evil' is not a usable roadmap name" in one_line_error(capsys.readouterr().err)
    assert not data_dir().exists()


# reset ------------------------------------------------------------------------------------


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


# remove -----------------------------------------------------------------------------------


def test_remove_backs_up_then_deletes_and_restore_brings_it_back(capsys: pytest.CaptureFixture[str]) -> None:
    file = put("cs", TWO_DONE)
    assert main(["remove", "cs", "--yes"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert not file.exists()
    saved = backups.list_backups(file)
    assert len(saved) == 1 and saved[0].name.endswith(".before-remove.toml")
    assert saved[0].read_text(encoding="utf-8") == TWO_DONE
    assert out == f"removed the roadmap cs ({file}); its backup: {saved[0]}\n"
    assert main(["status", "-r", "cs"]) == 2  # gone
    capsys.readouterr()
    assert main(["restore", "-r", "cs", "--yes"]) == 0
    assert file.read_text(encoding="utf-8") == TWO_DONE


def test_remove_asks_and_says_the_default_comes_back(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    file = put("roadmap", TWO_DONE)
    answer(monkeypatch, "no\n")
    assert main(["remove", "roadmap"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "Remove the roadmap roadmap (2 of 76 done)? A backup is kept: roadmap-tui restore -r roadmap brings it back. "
        "It is the default roadmap: the next launch starts it afresh from the shipped roadmap. [y/N] "
    )
    assert file.exists()
    answer(monkeypatch, "y\n")
    assert main(["remove", "roadmap"]) == 0
    assert not file.exists()
    capsys.readouterr()
    # The default roadmap is still there to read: the shipped one.
    assert main(["status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["done"] == 0


def test_remove_refusals(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["remove", "nope", "--yes"]) == 2
    err = one_line_error(capsys.readouterr().err)
    assert err == "roadmap-tui: no roadmap named nope; `roadmap-tui list` shows them\n"
    assert main(["remove", "../x", "--yes"]) == 2
    assert "not a usable roadmap name" in one_line_error(capsys.readouterr().err)
    file = put("cs", TWO_DONE)
    no_terminal(monkeypatch)
    assert main(["remove", "cs"]) == 2
    assert "remove cs: no terminal to ask on; pass --yes" in one_line_error(capsys.readouterr().err)
    assert file.read_text(encoding="utf-8") == TWO_DONE
    assert backups.list_backups(file) == []


def test_remove_a_broken_roadmap(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    file = put("bad", b"not [ toml")
    answer(monkeypatch, "y\n")
    assert main(["remove", "bad"]) == 0
    assert "Remove the roadmap bad (it cannot be opened: 1:5: invalid TOML" in capsys.readouterr().err
    assert not file.exists()
    assert backups.list_backups(file)[0].read_bytes() == b"not [ toml"


# backups and restore ----------------------------------------------------------------------


def test_backups_lists_newest_first(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backups"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"roadmap-tui: no backups of roadmap yet (they go in {data_dir() / 'backups'})\n"
    file = put("roadmap", TWO_DONE)
    first = backups.make_backup(file)
    file.write_text(DEFAULT_TEXT, encoding="utf-8")
    second = backups.make_backup(file, "before-reset")
    other = put("cs")
    backups.make_backup(other)
    assert main(["backups"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["BACKUP", "KIND", "TAKEN", "SIZE"]
    assert second is not None and first is not None
    assert lines[1].startswith(second.name) and lines[2].startswith(first.name)
    assert lines[1].split()[1] == "before-reset" and lines[2].split()[1] == "launch"
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+\d+\.\d KiB$", lines[1])
    assert f"{len(DEFAULT_BYTES) / 1024:.1f} KiB" in lines[1]
    assert lines[3] == ""
    assert "roadmap-tui restore BACKUP" in lines[4]
    assert "launch backups: the newest 20" in lines[5] and "30 days" in lines[5]
    assert len(lines) == 6  # cs's backup is not listed
    assert main(["backups", "-r", "cs"]) == 0
    assert "cs." in capsys.readouterr().out


def test_restore_the_newest_valid_backup(capsys: pytest.CaptureFixture[str]) -> None:
    file = put("roadmap", TWO_DONE)
    good = backups.make_backup(file)
    file.write_text("schema = 2\ntitle = ", encoding="utf-8")
    backups.make_backup(file)  # a broken one, newer
    file.write_text(DEFAULT_TEXT, encoding="utf-8")
    assert good is not None
    assert main(["restore", "--yes"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out == f"restored {file} from {good.name}\n"
    assert file.read_text(encoding="utf-8") == TWO_DONE
    newest = backups.list_backups(file)[0]
    assert newest.name.endswith(".before-restore.toml") and newest.read_bytes() == DEFAULT_BYTES


def test_restore_by_name_asks_first(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    file = put("cs", TWO_DONE)
    old = backups.make_backup(file)
    file.write_text(with_done("NumPy"), encoding="utf-8")
    backups.make_backup(file)
    assert old is not None
    answer(monkeypatch, "n\n")
    assert main(["restore", old.name, "-r", "cs"]) == 1
    err = capsys.readouterr().err
    assert re.match(
        rf"Restore cs from {re.escape(old.name)} \(taken \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d, 2 of 76 done\)\? "
        r"the current file \(1 of 76 done\) is backed up first\. \[y/N\] roadmap-tui: cancelled: nothing changed\n$",
        err,
    ), err
    assert file.read_text(encoding="utf-8") == with_done("NumPy")
    answer(monkeypatch, "y\n")
    assert main(["restore", old.name, "-r", "cs"]) == 0
    assert file.read_text(encoding="utf-8") == TWO_DONE


def test_restore_refusals(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    file = put("roadmap", TWO_DONE)
    assert main(["restore", "--yes"]) == 2
    assert one_line_error(capsys.readouterr().err) == (
        "roadmap-tui: roadmap has no backup that opens (roadmap-tui backups lists them)\n"
    )
    assert main(["restore", "roadmap.20250101T000000.000000Z.launch.toml", "--yes"]) == 2
    assert "no such backup" in one_line_error(capsys.readouterr().err)
    assert main(["restore", "../roadmap.toml", "--yes"]) == 2
    assert "is not a backup name" in one_line_error(capsys.readouterr().err)
    file.write_text("schema = 2\ntitle = ", encoding="utf-8")
    broken = backups.make_backup(file)
    file.write_text(TWO_DONE, encoding="utf-8")
    assert broken is not None
    assert main(["restore", broken.name, "--yes"]) == 2
    assert one_line_error(capsys.readouterr().err).startswith(f"roadmap-tui: {broken}:2:")
    no_terminal(monkeypatch)
    good = backups.make_backup(put("roadmap", DEFAULT_TEXT))
    file.write_text(TWO_DONE, encoding="utf-8")
    assert good is not None
    assert main(["restore", good.name]) == 2
    assert "restore roadmap: no terminal to ask on; pass --yes" in one_line_error(capsys.readouterr().err)
    assert file.read_text(encoding="utf-8") == TWO_DONE


# Help, exit codes, unexpected errors ------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: roadmap-tui {command}")
    assert re.search(rf"examples?:\n  roadmap-tui {command}\b", out), out


def test_top_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in COMMANDS:
        assert re.search(rf"^    {command}\s+\w", out, re.M), command
    assert "-r NAME, --roadmap NAME" in out


def test_an_unexpected_error_names_the_crash_log(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from roadmap_tui.formats import json_export as jsonexport

    def boom(roadmap: object) -> str:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(jsonexport, "to_json", boom)
    assert main(["export", "--format", "json"]) == 1
    out, err = capsys.readouterr()
    log = paths.crash_log()
    assert out == ""
    assert one_line_error(err) == (
        f"roadmap-tui: stopped on an unexpected error (RuntimeError: boom\\nsecond line); details are in {log}\n"
    )
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "in boom" in text and "RuntimeError: boom" in text


def test_a_file_system_refusal_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The data folder's place is taken by a file: nothing can be written there.
    data_dir().parent.mkdir(parents=True, exist_ok=True)
    data_dir().write_text("in the way")
    source = tmp_path / "x.md"
    source.write_text("- [ ] one\n", encoding="utf-8")
    pytest.importorskip("roadmap_tui.formats.markdown_import")
    assert main(["import", str(source), "--name", "x"]) == 1
    err = one_line_error(capsys.readouterr().err)
    assert str(data_dir()) in err
    assert data_dir().read_text() == "in the way"
