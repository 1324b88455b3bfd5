"""JSON export of the learner's journal: each item's state, its dates and notes, and the counts
of doing and skipped items beside done and total."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from conftest import REPO

from roadmap_tui.formats.json_export import roadmap_dict, to_json
from roadmap_tui.storage.schema import build_roadmap, parse_toml

DEFAULT_TEXT = (REPO / "data" / "default_roadmap.toml").read_text(encoding="utf-8")


def journal_text() -> str:
    """The default roadmap with Calculus in all four states, dates and notes."""
    changes = {
        '{ text = "Derivatives and gradients", done = false }': '{ text = "Derivatives and gradients", done = true, '
        "started_at = 2026-11-30T08:00:00Z, done_at = 2026-12-01T19:05:00+01:00 }",
        '{ text = "Chain rule", done = false }': '{ text = "Chain rule", done = false, state = "doing", '
        "started_at = 2026-12-02T07:00:00-05:00 }",
        '{ text = "Partial derivatives", done = false }': '{ text = "Partial derivatives", done = false, '
        'state = "skipped", note = "Known from school." }',
        'title = "Foundation Phase"\n': 'title = "Foundation Phase"\nnote = """\nStart *here*.\n\n- daily\n"""\n',
    }
    text = DEFAULT_TEXT
    for old, new in changes.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def exported() -> dict:
    return json.loads(to_json(build_roadmap(parse_toml(journal_text(), "j.toml"), "j.toml")))


def calculus(data: dict) -> dict:
    return data["phases"][0]["sections"][0]["items"][1]


def test_each_item_says_its_state() -> None:
    topic = calculus(exported())
    assert [(i["text"], i["state"]) for i in topic["items"]] == [
        ("Derivatives and gradients", "done"),
        ("Chain rule", "doing"),
        ("Partial derivatives", "skipped"),
        ("Resources: _[e.g., Khan Academy, Coursera]_", "todo"),
    ]
    assert topic["state"] == "doing", "a topic's state comes from its items"


def test_counts_of_doing_and_skipped_stand_beside_done_and_total() -> None:
    data = exported()
    topic = calculus(data)
    assert {k: topic[k] for k in ("done", "total", "percent", "doing", "skipped")} == {
        "done": 1, "total": 2, "percent": 50.0, "doing": 1, "skipped": 1,
    }, "total leaves the skipped item out: it is percent's denominator"
    assert (data["done"], data["total"], data["doing"], data["skipped"]) == (1, 75, 1, 1)
    assert (data["phases"][0]["total"], data["phases"][0]["skipped"]) == (26, 1)
    skipped = topic["items"][2]
    assert (skipped["counted"], skipped["done"], skipped["total"], skipped["skipped"], skipped["percent"]) == (
        True, 0, 0, 1, None)


def test_dates_are_iso_strings_with_their_offset_and_only_when_set() -> None:
    done, doing, skipped, resources = calculus(exported())["items"]
    assert (done["started_at"], done["done_at"]) == ("2026-11-30T08:00:00+00:00", "2026-12-01T19:05:00+01:00")
    assert doing["started_at"] == "2026-12-02T07:00:00-05:00" and "done_at" not in doing
    assert "started_at" not in skipped and "done_at" not in resources
    moment = datetime.fromisoformat(done["done_at"])
    assert moment == datetime(2026, 12, 1, 18, 5, tzinfo=timezone.utc)
    assert moment.utcoffset() == timedelta(hours=1)


def test_notes_are_there_for_entries_that_have_one() -> None:
    data = exported()
    assert data["phases"][0]["note"] == "Start *here*.\n\n- daily"
    assert calculus(data)["items"][2]["note"] == "Known from school."
    assert "note" not in calculus(data) and "note" not in data["phases"][1]


def test_a_roadmap_without_a_journal_has_only_the_new_counts() -> None:
    data = roadmap_dict(build_roadmap(parse_toml(DEFAULT_TEXT, "d.toml"), "d.toml"))
    assert (data["state"], data["doing"], data["skipped"], data["total"]) == ("todo", 0, 0, 76)

    def keys(entry: dict) -> set[str]:
        found = set(entry)
        for child in entry.get("items", []) + entry.get("sections", []):
            found |= keys(child)
        return found

    assert not keys(data) & {"note", "started_at", "done_at"}
    library = data["phases"][-1]
    assert library["state"] is None and library["sections"][0]["items"][0]["state"] is None


def test_a_hostile_note_is_written_safely() -> None:
    text = journal_text().replace('note = "Known from school."', 'note = "\\u001b]52;c;eA==\\u0007 \\u202e"')
    out = to_json(build_roadmap(parse_toml(text, "j.toml"), "j.toml"))
    assert "\x1b" not in out and "\u202e" not in out and "\\u202e" in out
    assert calculus(json.loads(out))["items"][2]["note"] == "\x1b]52;c;eA==\x07 \u202e"
