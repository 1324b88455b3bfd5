"""Choosing a roadmap: --file, --roadmap NAME, $ROADMAP_TUI_FILE, and the names a roadmap may have."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import DEFAULT_TEXT, _eighty_columns, data_dir, one_line_error, put, with_done  # noqa: F401 - _eighty_columns: an autouse fixture

from roadmap_tui import library, paths
from roadmap_tui.cli import main


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
