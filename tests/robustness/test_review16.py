"""A reviewer's failing tests for issue 16 (undo/redo, `/` search and `f` filter,
`import --update`): each one a bug found, with a docstring saying what is wrong and what is
expected. The product code is not changed here."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from roadmap_tui.core.limits import SCHEMA
from roadmap_tui.core.model import Item
from roadmap_tui.storage.store import RoadmapStore

NOW = datetime(2026, 12, 1, 19, 5, tzinfo=timezone(timedelta(hours=1)))

HAND_EDITED = f'''schema = {SCHEMA}
title = "T"

[[phases]]
title = "P"

[[phases.sections]]
title = "S"

[[phases.sections.items]]
text = "Topic"
done = false

[[phases.sections.items.items]]
text = "A"
done = true
done_at = 2026-11-01T10:00:00+01:00
custom = "keep me"   # a person's own key and comment

[[phases.sections.items.items]]
text = "B"
done = false
'''


def _store(tmp_path: Path) -> tuple[Path, RoadmapStore]:
    path = tmp_path / "roadmap.toml"
    path.write_text(HAND_EDITED, encoding="utf-8")
    store = RoadmapStore(path, clock=lambda: NOW)
    store.load()
    return path, store


def _bytes(path: Path, store: RoadmapStore) -> bytes:
    assert store.flush(10) and store.writer.error is None
    return path.read_bytes()


def _topic(store: RoadmapStore) -> Item:
    assert store.roadmap is not None
    return store.roadmap.phases[0].sections[0].items[0]


# Undo ---------------------------------------------------------------------------------------


def test_undo_of_a_remove_gives_back_the_entry_s_own_keys_and_comment(tmp_path: Path) -> None:
    """Removing an entry and undoing it loses what the model does not know of it: a key the
    person added by hand (`custom = "keep me"`) and its comment are gone from the file for good
    (`RemoveEntry` keeps an `ItemData`, which has only the model's fields; `toml_edit` inserts a
    table built from it). The schema accepts unknown keys and the saver keeps them everywhere
    else; the README says an undo takes a change back, and the store's tests say "exactly, in the
    model and in the file". Expected: after `remove_item` + `undo` the file is byte for byte the
    one before (or at least the entry keeps its `custom` key)."""
    path, store = _store(tmp_path)
    try:
        before = _bytes(path, store)
        store.remove_item(_topic(store).items[0])
        _bytes(path, store)
        assert store.undo().done
        after = _bytes(path, store)
        assert b'custom = "keep me"' in after, "undo of a remove dropped a hand-written key"
        assert after == before
    finally:
        store.close()


def test_undo_of_an_uncheck_puts_done_at_back_where_it_was(tmp_path: Path) -> None:
    """Unchecking an item that was done (its `done_at` cleared) and undoing it writes `done_at`
    back at the end of the item's table, after the keys that followed it (here `custom`): the file
    is not the one before the uncheck, though nothing else changed. The undo test of a check says
    "the dates went too" and compares the whole file; an undo of an uncheck should be as exact.
    Expected: after `toggle` + `undo` the file is byte for byte the one before.

    The same happens in the shipped default roadmap, with no hand edit: with "Derivatives and
    gradients" doing, Space on the topic Calculus then `ctrl+z` rewrites its inline table as
    `{ ..., started_at = …, state = "doing" }` (the `state` key moved after `started_at`): an
    undone key comes back at the end of its table (`toml_edit.set_key` after `delete_key`)."""
    path, store = _store(tmp_path)
    try:
        before = _bytes(path, store)
        store.toggle(_topic(store).items[0])
        _bytes(path, store)
        assert store.undo().done
        assert _bytes(path, store) == before
    finally:
        store.close()


def _reload_from_file(store: RoadmapStore, path: Path, text: str) -> None:
    """Another program writes `text`; the store takes the model the saver builds from it (as
    `tests/storage/test_store_undo.py` does)."""
    from roadmap_tui.storage.saver import Reloaded

    assert store.flush(10)
    path.write_text(text, encoding="utf-8")
    seen: list[Reloaded] = []
    store.writer.on_reload = seen.append
    store.save()
    assert store.flush(10) and seen and seen[-1].roadmap is not None
    store.adopt(seen[-1])


def test_undo_of_a_remove_after_another_program_added_a_sibling_puts_it_back_in_its_place(tmp_path: Path) -> None:
    """A list A, B, C; the app removes B (saved); another program then adds X at the top of the
    list (X, A, C) and the app reloads. `ctrl+z` says "Undid: remove 'B'" and puts B back at its
    old index, 1, between X and A (X, B, A, C): the `RemoveEntry` kept its key path from before
    the other program's edit (it was on disk already, so `adopt` does not replay it and
    `History.rebase` keeps it as it was), and `InsertEntry` trusts the index. The issue says an
    undo another program's edit made uncertain "says so instead of guessing". Expected: B back
    after A (X, A, B, C), or a "Can't undo" message and nothing changed."""
    path = tmp_path / "roadmap.toml"
    path.write_text(
        f'schema = {SCHEMA}\ntitle = "T"\n\n[[phases]]\ntitle = "P"\n\n'
        '[[phases.items]]\ntext = "A"\n\n[[phases.items]]\ntext = "B"\n\n[[phases.items]]\ntext = "C"\n',
        encoding="utf-8",
    )
    store = RoadmapStore(path, clock=lambda: NOW)
    store.load()
    try:
        assert store.roadmap is not None
        store.remove_item(store.roadmap.phases[0].items[1])
        text = _bytes(path, store).decode("utf-8")
        _reload_from_file(store, path, text.replace('text = "A"', 'text = "X"\n\n[[phases.items]]\ntext = "A"', 1))
        assert [i.text for i in store.roadmap.phases[0].items] == ["X", "A", "C"]
        outcome = store.undo()
        texts = [i.text for i in store.roadmap.phases[0].items]
        assert (outcome.done and texts == ["X", "A", "B", "C"]) or (not outcome.done and texts == ["X", "A", "C"])
    finally:
        store.close()


# import --update ----------------------------------------------------------------------------


V1 = "# Plan\n\n## Basics\n\n- [ ] Alpha\n- [ ] Beta\n- [ ] Gamma\n"
V2 = "# Plan\n\n## Basics\n\n- [ ] Alpha\n- [ ] Gamma\n"


def test_a_task_deleted_then_undeleted_in_the_app_is_added_back_by_a_later_update(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The learner deletes "Beta" in the app and takes it back with `ctrl+z`: they want it. Upstream
    then drops Beta (update 1: removed) and later brings it back (update 2). Update 2 leaves
    Beta out, "not added back (you deleted them in the app)": `library/update.py`
    `_deleted_in_app` takes every `remove` record of the activity log as a deletion and never
    looks at the `undo` record (`"of": "remove"`) that took it back. Expected: an undone removal
    is no deletion, and update 2 adds Beta back as todo."""
    from roadmap_tui import paths
    from roadmap_tui.cli import main

    v1, v2 = tmp_path / "v1.md", tmp_path / "v2.md"
    v1.write_text(V1, encoding="utf-8")
    v2.write_text(V2, encoding="utf-8")
    assert main(["import", str(v1), "--name", "plan"]) == 0
    file = paths.data_dir() / "plan.toml"
    store = RoadmapStore(file, clock=lambda: NOW)
    store.load()
    assert store.roadmap is not None
    beta = store.roadmap.phases[0].items[1]
    assert beta.text == "Beta"
    store.remove_item(beta)
    assert store.undo().done
    assert store.close()
    assert main(["import", str(v2), "--update", "plan"]) == 0
    assert main(["import", str(v1), "--update", "plan"]) == 0
    out = capsys.readouterr().out
    from roadmap_tui import library

    texts = [item.text for item in library.read_roadmap(file).phases[0].items]
    assert texts == ["Alpha", "Beta", "Gamma"], out


# Undo and the search ------------------------------------------------------------------------


async def _books_with_zeta(app, pilot):  # type: ignore[no-untyped-def]
    """The default roadmap's Books list with two entries added ("Deep Learning" fills the hint,
    "Zeta book" is the second), the focus back in the tree."""
    screen = app.screen
    books = screen.roadmap.phases[5].sections[0]
    assert books.title == "Books"
    screen.tree.reveal(books)
    await pilot.pause()
    await pilot.press("tab", "a", *"Deep Learning", "enter", "a", *"Zeta book", "enter", "shift+tab")
    await pilot.pause()
    return screen


async def test_an_undo_while_the_search_narrows_the_tree_keeps_it_narrowed(tmp_path: Path) -> None:
    """With the search bar open on "learn" (12 matches, the tree narrowed to them), `ctrl+z` in the
    tree takes back an add: `UndoHandling.show_undone` (main_undo.py) calls `MainScreen.reload`
    for a change that adds or removes an entry, which loads the whole tree. The bar still says
    "/learn … 12 matches" over a tree that is no longer narrowed (and Escape then has nothing to
    widen). Expected: while the bar is open with a query, the tree after the undo is narrowed to
    that query's hits in the model as it is now."""
    from roadmap_tui.tui.app import RoadmapApp

    app = RoadmapApp(path=tmp_path / "roadmap.toml", watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = await _books_with_zeta(app, pilot)
        await pilot.press("slash", *"learn")
        await pilot.pause()
        assert screen.narrowed and screen.found.hits
        await pilot.press("tab")  # to the tree: the bar stays open
        await pilot.pause()
        assert screen.search_bar.display
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.search_bar.display and screen.search_bar.query_text == "learn"
        assert screen.narrowed, "the undo showed the whole tree under an open search"


async def test_after_an_undo_removed_the_only_hit_enter_does_not_go_to_it(tmp_path: Path) -> None:
    """Search "zeta": one match, the "Zeta book" just added. In the tree, `ctrl+z` takes the add
    back, so the entry is no longer in the roadmap; but the screen keeps `found` from before the
    undo (`show_undone` never searches again; `after_change` only drops the index), so the bar
    still says "1 match · Enter: first" and Enter says "1 of 1" and "goes" to an entry that is
    gone. Expected: after the undo, the search is redone on the roadmap as it is: no match
    (and Enter finds nothing to go to)."""
    from roadmap_tui.tui.app import RoadmapApp

    app = RoadmapApp(path=tmp_path / "roadmap.toml", watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = await _books_with_zeta(app, pilot)
        await pilot.press("slash", *"zeta")
        await pilot.pause()
        assert len(screen.found.hits) == 1
        await pilot.press("tab")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not any(item.text == "Zeta book" for item in screen.roadmap.walk_items())
        screen.search_bar.input.focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        still_there = {id(item) for item in screen.roadmap.walk_items()}
        assert all(id(hit) in still_there for hit in screen.found.hits if isinstance(hit, Item)), (
            "the search still lists an entry the undo removed"
        )
        assert "1 of 1" not in screen.search_bar.query_one("#search-count").render().plain


async def test_enter_in_the_search_shows_the_hit_even_when_the_filter_hides_its_row(tmp_path: Path) -> None:
    """With the filter on "skipped" (`f` three times), search "chain rule" and press Enter: the bar
    says "1 of 2" and the tree goes to Derivatives, but the pane (filtered) has no row for the
    todo item "Chain rule", so `SearchHandling.go_to_hit` (main_search.py) finds no row to put
    the cursor on and leaves it on "Implicit differentiation": the hit Enter went to is nowhere
    on the screen. The README: Enter goes to the match, "the tree's cursor on its row, the
    pane's on the item". Expected: the pane's cursor on the "Chain rule" row (the filter
    letting the hit through, or lifted, with a word saying so)."""
    import tomlkit

    from search_data import search_document

    from roadmap_tui.tui.app import RoadmapApp

    path = tmp_path / "roadmap.toml"
    path.write_text(tomlkit.dumps(search_document()), encoding="utf-8")
    app = RoadmapApp(path=path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("f", "f", "f")
        await pilot.pause()
        assert screen.pane.row_filter == "skipped"
        await pilot.press("slash", *"chain rule", "enter")
        await pilot.pause()
        assert [getattr(hit, "text", "") for hit in screen.found.hits][0] == "Chain rule"
        current = screen.pane.items.current
        assert current is not None and getattr(current.spec.entry, "text", "") == "Chain rule"


def test_an_update_does_not_give_a_removed_chapter_s_progress_to_a_new_chapter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A book's "Read chapter 1" … "Read chapter 4"; the learner has read chapter 3. Upstream drops
    chapter 3 and adds "Read chapter 5". The update says "1 renamed: “Read chapter 3” → “Read
    chapter 5”" and marks chapter 5 done with chapter 3's date: the close pass
    (`core/matching.py` `_Matcher.close`, `FUZZY_RATIO` 0.85 on `SequenceMatcher.ratio`) pairs two
    texts that differ only in their number (ratio 0.93), so the progress goes to an entry the
    learner never did, and the removed chapter's progress is not listed as removed. Expected:
    texts that differ only in a number (a different chapter, week, part) are not one entry
    reworded: chapter 5 is added as todo, chapter 3 is listed as removed with progress."""
    import tomlkit

    from roadmap_tui import library, paths
    from roadmap_tui.cli import main

    v1, v2 = tmp_path / "b1.md", tmp_path / "b2.md"
    chapters = lambda *n: "".join(f"- [ ] Read chapter {i}\n" for i in n)  # noqa: E731
    v1.write_text("# Book\n\n## Reading\n\n" + chapters(1, 2, 3, 4), encoding="utf-8")
    v2.write_text("# Book\n\n## Reading\n\n" + chapters(1, 2, 4, 5), encoding="utf-8")
    assert main(["import", str(v1), "--name", "book"]) == 0
    file = paths.data_dir() / "book.toml"
    doc = tomlkit.parse(file.read_text(encoding="utf-8"))
    [table] = [t for t in doc["phases"][0]["items"] if t["text"] == "Read chapter 3"]
    table["done"] = True
    table["done_at"] = datetime(2026, 11, 1, 10, tzinfo=timezone.utc)
    file.write_text(doc.as_string(), encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(v2), "--update", "book"]) == 0
    out = capsys.readouterr().out
    after = {item.text: item.done for item in library.read_roadmap(file).phases[0].items}
    assert after["Read chapter 5"] is False, out


def test_an_update_says_so_when_a_task_s_doing_or_skipped_cannot_be_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """"Alpha" is doing; upstream gives Alpha two subtasks, so it becomes a
    topic, whose state follows its items. `core/carry.py` `_item_edits` carries neither the state
    (`if old.state and not done and not topic`) nor says it dropped it: the summary lists only
    the two added subtasks, and the learner's "doing" on Alpha is gone without a word. For a
    done task in the same place it says "done (it has tasks of its own now: they are todo)", and
    the module says "What cannot be carried is said, not guessed". Expected: the summary's
    "progress that could not be kept" names Alpha's "doing"."""
    import tomlkit

    from roadmap_tui import paths
    from roadmap_tui.cli import main

    v1, v2 = tmp_path / "c1.md", tmp_path / "c2.md"
    v1.write_text("# P\n\n## S\n\n- [ ] Alpha\n- [ ] Beta\n", encoding="utf-8")
    v2.write_text("# P\n\n## S\n\n- [ ] Alpha\n  - [ ] Alpha one\n  - [ ] Alpha two\n- [ ] Beta\n", encoding="utf-8")
    assert main(["import", str(v1), "--name", "c"]) == 0
    file = paths.data_dir() / "c.toml"
    doc = tomlkit.parse(file.read_text(encoding="utf-8"))
    [alpha] = [t for t in doc["phases"][0]["items"] if t["text"] == "Alpha"]
    alpha["state"] = "doing"
    alpha["started_at"] = datetime(2026, 11, 1, 10, tzinfo=timezone.utc)
    file.write_text(doc.as_string(), encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(v2), "--update", "c", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "could not be kept" in out and "doing" in out, out


async def test_a_search_after_an_undo_finds_the_text_as_it_is_now(tmp_path: Path) -> None:
    """A note "zebra crossing" on "Vectors and matrices"; `/zebra` finds it (the index is made).
    Escape, then `ctrl+z` takes the note back. `/zebra` again still says "1 match" and lists
    the item, whose note is now empty: `UndoHandling.show_undone` (main_undo.py), for a change
    that moves no entry, redraws labels and rows but never calls `search_outdated()` (as
    `after_change` and `reload` do), and `search_index()` keeps an index whose roadmap is the
    same object. The same goes for an undone rename or fill: the search finds the text from
    before the undo and misses the text after it. Expected: no match for "zebra" after the
    undo."""
    from roadmap_tui.tui.app import RoadmapApp

    app = RoadmapApp(path=tmp_path / "roadmap.toml", watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("tab", "n", *"zebra crossing", "escape")
        await pilot.press("slash", *"zebra")
        await pilot.pause()
        assert [hit.text for hit in screen.found.hits] == ["Vectors and matrices"]
        await pilot.press("escape", "ctrl+z")
        await pilot.pause()
        assert "Undid: note" in str(list(app._notifications)[-1].message)
        await pilot.press("slash")
        screen.search_bar.input.value = ""
        await pilot.pause()
        await pilot.press(*"zebra")
        await pilot.pause()
        assert not screen.found.hits, "the search read the note the undo took back"


async def test_in_an_inline_text_field_ctrl_z_takes_back_the_typing(tmp_path: Path) -> None:
    """The README says "In a text field or a note, `ctrl+z` is the editor's own", and
    `UndoHandling.check_action` (main_undo.py) turns the screen's undo off in any `Input` for
    that. But Textual's `Input` (8.2.8 here) has no undo: only `TextArea` binds ctrl+z. In an
    inline editor (or the search bar) ctrl+z does nothing at all: the typing stays and nothing
    says why. Expected: ctrl+z in a text field takes back what was typed (the field's own undo),
    as the README promises; or the README should not promise it."""
    from roadmap_tui.tui.app import RoadmapApp
    from roadmap_tui.tui.widgets.item_row import InlineInput

    app = RoadmapApp(path=tmp_path / "roadmap.toml", watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e")  # the topic's Resources line, from the tree
        await pilot.pause()
        field = app.focused
        assert isinstance(field, InlineInput)
        before = field.value
        await pilot.press(*"abc")
        assert field.value != before
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert field.value == before, f"ctrl+z in a text field left {field.value!r}"


def test_an_upstream_rewording_of_a_task_s_second_line_is_not_taken_for_the_learner_s_rename(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A task written on two lines ("- [ ] Learn about the basics of" / "  container orchestration
    with Kubernetes"); upstream rewrites the second line ("serverless computing with AWS
    Lambda"); the learner changed nothing. The update pairs the two by their *first* source
    line (`core/matching.py` `source_line`, the SOURCE pass, meant for an entry the learner
    renamed in the app), and `core/carry.py` then writes the old text back over upstream's
    ("renamed in the app ... keeps the learner's text"): the roadmap still says "Kubernetes",
    its `md` (and so the export) says "AWS Lambda", and the summary says "0 renamed".
    Expected: the task's text is upstream's new text (it was never renamed in the app), and the
    summary counts it as renamed."""
    from roadmap_tui import library, paths
    from roadmap_tui.cli import main

    v1, v2 = tmp_path / "m1.md", tmp_path / "m2.md"
    v1.write_text(
        "# P\n\n## S\n\n- [ ] Learn about the basics of\n  container orchestration with Kubernetes\n- [ ] Beta\n",
        encoding="utf-8",
    )
    v2.write_text(
        "# P\n\n## S\n\n- [ ] Learn about the basics of\n  serverless computing with AWS Lambda\n- [ ] Beta\n",
        encoding="utf-8",
    )
    assert main(["import", str(v1), "--name", "m"]) == 0
    file = paths.data_dir() / "m.toml"
    capsys.readouterr()
    assert main(["import", str(v2), "--update", "m"]) == 0
    out = capsys.readouterr().out
    first = library.read_roadmap(file).phases[0].items[0]
    assert first.text == "Learn about the basics of serverless computing with AWS Lambda", out


async def test_one_accented_latin_or_cyrillic_letter_narrows_nothing_like_one_ascii_letter(tmp_path: Path) -> None:
    """"One Latin letter narrows nothing (nearly everything holds it; the bar asks for one more),
    one CJK character does" (main_search.py). `long_enough` tests `not typed.isascii()` for "a
    script without spaces", so one "é" (a Latin letter: it folds to "e") or one Cyrillic "ц"
    narrows the tree at once to every entry holding an "e" / a "ц", the slow, useless case the
    rule is there to avoid; and `SearchBar.show_count` says "N matches" instead of "one more
    letter…". Expected: one letter of a script with spaces (Latin with accents, Cyrillic,
    Greek...) narrows nothing, as one ASCII letter does."""
    import tomlkit

    from search_data import search_document

    from roadmap_tui.tui.app import RoadmapApp

    path = tmp_path / "roadmap.toml"
    path.write_text(tomlkit.dumps(search_document()), encoding="utf-8")
    app = RoadmapApp(path=path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("slash")
        screen.search_bar.input.value = "é"
        await pilot.pause()
        assert screen.tree.keep is None, f"one 'é' narrowed the tree to {len(screen.found.hits)} hits"


async def test_after_a_reload_from_another_program_enter_in_the_search_goes_to_the_new_model(tmp_path: Path) -> None:
    """`/chain` (3 matches, "Chain rule" first), then another program edits the file (renames
    "Partial derivatives"): the app reloads a new model, and `MainScreen.reload` shows the whole
    tree but keeps `found`, whose hits are entries of the model from before the reload. Enter
    in the bar then shows in the pane an entry of the old model (`go_to_hit` → `show(row)`),
    which is no longer the roadmap on screen (what is checked there is not what the tree and the
    gauge count), and the tree's cursor cannot go there (`node_for` finds no node). Expected: after a reload the search is redone on the new model (or its hits
    dropped); Enter shows only entries of the roadmap shown now."""
    import asyncio

    from roadmap_tui.core.outline import root_of
    from roadmap_tui.tui.app import RoadmapApp

    path = tmp_path / "roadmap.toml"
    app = RoadmapApp(path=path, watch_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.store.flush(5)
        screen = app.screen
        await pilot.press("slash", *"chain")
        await pilot.pause()
        assert screen.found.hits
        before = screen.roadmap
        text = path.read_text(encoding="utf-8")
        assert '"Partial derivatives"' in text
        path.write_text(text.replace('"Partial derivatives"', '"Partial derivatives (edited)"', 1), encoding="utf-8")
        for _ in range(100):
            await pilot.pause(0.05)
            if screen.roadmap is not before:
                break
        assert screen.roadmap is not before, "the app did not reload"
        await asyncio.sleep(0)
        screen.search_bar.input.focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert screen.shown is not None and root_of(screen.shown) is screen.roadmap, (
            "Enter showed an entry of the model from before the reload"
        )


@pytest.mark.parametrize("query", ["´", "¨", "\u0301"], ids=["spacing acute", "spacing diaeresis", "combining acute"])
def test_a_lone_accent_finds_nothing_rather_than_every_entry_with_a_space(query: str) -> None:
    """A lone accent (what a dead key then Space types: "´", "¨"; or a combining mark alone) folds
    to a space or to nothing (`core/search.py` `fold`: NFKD, marks dropped), and `words` then
    falls back to `[fold(query.strip())]`: the word " " (found in every entry with a space: 15
    of the 21 here) or "" (found in every entry: 21 of 21). The screen narrows to these, since
    one non-ASCII character is "long enough" (`main_search.long_enough`), and the bar says
    "15 matches". Expected: a query with no letter left after folding finds nothing (NOTHING),
    as an empty query does."""
    import tomlkit

    from search_data import search_document

    from roadmap_tui.core.search import SearchIndex
    from roadmap_tui.storage.reader import parse_roadmap

    roadmap = parse_roadmap(tomlkit.dumps(search_document()).encode("utf-8"), "roadmap.toml").roadmap
    found = SearchIndex(roadmap).search(query)
    assert not found.hits, f"{query!r} found {len(found.hits)} entries"


def test_undo_of_a_remove_whose_neighbour_another_program_renamed_says_so(tmp_path: Path) -> None:
    """(The lead's, beside the test above.) A, B, C; B removed; another program renames A, the
    item B followed: where B belongs is not known, so the undo is refused and nothing changes."""
    path = tmp_path / "roadmap.toml"
    path.write_text(
        f'schema = {SCHEMA}\ntitle = "T"\n\n[[phases]]\ntitle = "P"\n\n'
        '[[phases.items]]\ntext = "A"\n\n[[phases.items]]\ntext = "B"\n\n[[phases.items]]\ntext = "C"\n',
        encoding="utf-8",
    )
    store = RoadmapStore(path, clock=lambda: NOW)
    store.load()
    try:
        assert store.roadmap is not None
        store.remove_item(store.roadmap.phases[0].items[1])
        text = _bytes(path, store).decode("utf-8")
        _reload_from_file(store, path, text.replace('text = "A"', 'text = "Z"', 1))
        outcome = store.undo()
        assert not outcome.done
        assert [i.text for i in store.roadmap.phases[0].items] == ["Z", "C"]
    finally:
        store.close()


async def test_a_note_asked_for_an_entry_deleted_a_moment_ago_stops_nothing(tmp_path: Path) -> None:
    """(The lead's: the key fuzz test found it after the merges.) `n` reaching the screen for an
    entry `d` had just deleted (a key already on its way) opened the note editor on it, whose key
    path no longer exists: a ValueError stopped the app. Now it is ignored."""
    from roadmap_tui.tui.app import RoadmapApp
    from roadmap_tui.tui.screens.main import MainScreen
    from roadmap_tui.tui.widgets.note_editor import NoteRequested

    app = RoadmapApp(path=tmp_path / "roadmap.toml", watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        topic = screen.tree.current
        assert topic is not None
        await pilot.press("d")
        await pilot.pause()
        screen.post_message(NoteRequested(topic, screen.tree))  # type: ignore[arg-type]
        await pilot.pause()
        assert app.is_running and screen.note_editor is None
