"""`/` search and `f` filter, with pilot: typing narrows the tree to the hits and what is above
them, Enter / Shift+Enter go from hit to hit, Escape shows the whole tree again and keeps the
cursor; `f` cycles the pane's filter, shows it in the border title and keeps it over a relaunch;
hostile text is shown as text."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomlkit
from helpers import screen_lines, screen_strips, screen_text
from search_data import MARKUP_TITLE, search_document

from roadmap_tui.core.model import Item
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.screens.main import MainScreen


@pytest.fixture
def search_path(tmp_path: Path) -> Path:
    path = tmp_path / "roadmap.toml"
    path.write_text(tomlkit.dumps(search_document()), encoding="utf-8")
    return path


def main(app: RoadmapApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def tree_text(app: RoadmapApp) -> str:
    """The tree's column of the screen (left of the pane)."""
    return "\n".join(line[:45] for line in screen_lines(app))


def bar_line(app: RoadmapApp) -> str:
    return screen_lines(app)[-2]


def current_title(app: RoadmapApp) -> str:
    entry = main(app).tree.current
    return getattr(entry, "title", "")


def highlighted_text(app: RoadmapApp) -> str:
    row = main(app).pane.items.current
    assert row is not None
    return row.label().plain


async def test_slash_narrows_the_tree_and_enter_goes_from_hit_to_hit(search_path: Path) -> None:
    app = RoadmapApp(path=search_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Linear algebra" in tree_text(app) and "markup topic" in tree_text(app)
        await pilot.press("slash", *"chain")
        await pilot.pause()
        tree = tree_text(app)
        assert "Derivatives" in tree and "Integrals" in tree and "Tools" in tree  # the hits' rows and above
        assert "Linear algebra" not in tree and "markup topic" not in tree  # nothing found there
        assert "3 matches" in bar_line(app)
        await pilot.press("enter")
        await pilot.pause()
        assert current_title(app) == "Derivatives" and highlighted_text(app).endswith("Chain rule")
        assert "1 of 3" in bar_line(app)
        await pilot.press("enter")
        await pilot.pause()
        assert current_title(app) == "Integrals" and highlighted_text(app).endswith("Substitution")  # its note
        assert "2 of 3" in bar_line(app)
        await pilot.press("shift+enter")
        await pilot.pause()
        assert current_title(app) == "Derivatives" and "1 of 3" in bar_line(app)
        await pilot.press("shift+enter")  # from the first: round to the last
        await pilot.pause()
        assert current_title(app) == "Tools" and highlighted_text(app).endswith("Blockchain toys")
        assert "3 of 3" in bar_line(app)


async def test_escape_shows_the_whole_tree_and_keeps_the_cursor(search_path: Path) -> None:
    app = RoadmapApp(path=search_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = main(app)
        before = tree_text(app)
        await pilot.press("slash", *"substitution", "enter")
        await pilot.pause()
        assert current_title(app) == "Integrals" and "Linear algebra" not in tree_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.search_bar.display and screen.tree.keep is None
        assert current_title(app) == "Integrals"  # where Enter left it
        assert "Linear algebra" in tree_text(app) and "markup topic" in tree_text(app)
        assert tree_text(app).splitlines()[2:9] == before.splitlines()[2:9]  # opened as before
        assert screen.tree.has_focus  # back where the focus was
        assert not screen.pane.items.search_hits  # the pane's marks go too


async def test_the_pane_marks_the_hits(search_path: Path) -> None:
    app = RoadmapApp(path=search_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"rule")
        await pilot.pause()
        items = main(app).pane.items
        marked = [row.label().plain for index, row in enumerate(items.rows) if items.is_marked(index)]
        assert marked == ["[ ] Chain rule", "[✓] Product rule", "[▸] Quotient rule"]
        # On screen: the word "rule" drawn underlined in the marked rows, not in the others.
        line = next(strip for strip in screen_strips(app) if "Product rule" in strip.text)
        styles = [segment.style for segment in line if segment.text == "rule"]
        assert styles and all(style is not None and style.underline for style in styles)
        plain = next(strip for strip in screen_strips(app) if "Implicit" in strip.text)
        assert not any(segment.style is not None and segment.style.underline for segment in plain)


async def test_no_match_says_so_and_keeps_the_whole_tree(search_path: Path) -> None:
    app = RoadmapApp(path=search_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"zzqx")
        await pilot.pause()
        assert "no match for “zzqx”" in bar_line(app)
        assert "Linear algebra" in tree_text(app) and main(app).tree.keep is None
        await pilot.press("enter")  # nothing to go to: nothing happens
        await pilot.pause()
        assert main(app).search_bar.display


async def test_a_typo_and_another_script_find_their_entries(search_path: Path) -> None:
    app = RoadmapApp(path=search_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"chian", "enter")
        await pilot.pause()
        assert highlighted_text(app).endswith("Chain rule")
        bar = main(app).search_bar
        bar.input.value = "МАРКОВА"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert current_title(app) == "Linear algebra" and highlighted_text(app).endswith("Цепь Маркова")


async def test_markup_in_the_query_and_in_titles_is_shown_as_text(search_path: Path) -> None:
    app = RoadmapApp(path=search_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        bar = main(app).search_bar
        bar.input.value = "[bold]x[/]"
        await pilot.pause()
        assert "/[bold]x[/]" in bar_line(app)  # the query as typed
        assert "1 match" in bar_line(app)
        assert MARKUP_TITLE in tree_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert main(app).tree.current is not None and current_title(app) == MARKUP_TITLE
        assert f"─ {MARKUP_TITLE}" in screen_text(app)  # the pane's title, literally
        bar.input.value = "[red]y[/]"  # the topic's item: marked in the pane, shown as it is
        await pilot.pause()
        items = main(app).pane.items
        marked = [row.label().plain for index, row in enumerate(items.rows) if items.is_marked(index)]
        assert marked == ["[ ] [red]y[/] item"]
        line = next(strip for strip in screen_strips(app) if "[red]y[/] item" in strip.text)
        drawn = [segment for segment in line if segment.text == "[red]y[/]"]
        assert drawn and all(segment.style is not None and segment.style.underline for segment in drawn)
        bar.input.value = "[red]nothing[/]"
        await pilot.pause()
        assert "no match for “[red]nothing[/]”" in bar_line(app)


async def test_keys_in_the_bar_are_typed_not_acted_on(search_path: Path) -> None:
    app = RoadmapApp(path=search_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = main(app)
        await pilot.press("slash", "f", "q", "slash", "space")
        await pilot.pause()
        assert screen.search_bar.input.value == "fq/ "
        assert screen.pane.row_filter == "all" and app.is_running


# f -------------------------------------------------------------------------------------------


async def test_f_cycles_the_filter_and_the_border_title_shows_it(search_path: Path) -> None:
    app = RoadmapApp(path=search_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = main(app)
        assert current_title(app) == "Derivatives"

        def rows() -> list[str]:
            return [row.label().plain for row in screen.pane.items.rows if isinstance(row.spec.entry, Item)]

        everything = rows()
        assert "[✓] Product rule" in everything and "[–] Implicit differentiation" in everything
        await pilot.press("f")
        await pilot.pause()
        assert "Derivatives · not done" in screen_text(app)
        assert "[ ] Chain rule" in rows() and "[▸] Quotient rule" in rows()
        assert "[✓] Product rule" not in rows() and "[–] Implicit differentiation" not in rows()
        await pilot.press("f")
        await pilot.pause()
        assert "Derivatives · doing" in screen_text(app)
        assert [r for r in rows() if r.startswith("[")] == ["[▸] Quotient rule"]
        await pilot.press("f")
        await pilot.pause()
        assert "Derivatives · skipped" in screen_text(app)
        assert [r for r in rows() if r.startswith("[")] == ["[–] Implicit differentiation"]
        await pilot.press("f")
        await pilot.pause()
        assert "· skipped" not in screen_text(app) and rows() == everything
        # With the focus in the pane too; a list left with no task says so.
        screen.tree.action_cursor_down()  # Integrals: nothing doing in it
        await pilot.pause()
        assert current_title(app) == "Integrals"
        screen.pane.items.focus()
        await pilot.press("f", "f")
        await pilot.pause()
        assert "Integrals · doing" in screen_text(app) and "Nothing doing here" in screen_text(app)


async def test_the_filter_is_kept_over_a_relaunch(search_path: Path) -> None:
    app = RoadmapApp(path=search_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    again = RoadmapApp(path=search_path)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert main(again).pane.row_filter == "not done"
        assert "Derivatives · not done" in screen_text(again)
        assert "Product rule" not in screen_text(again)


async def test_quitting_while_narrowed_keeps_the_branches_opened_before(search_path: Path) -> None:
    app = RoadmapApp(path=search_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        before = main(app).open_branches()
        await pilot.press("slash", *"chain")
        await pilot.pause()
        assert main(app).open_branches() != before
        main(app).note_view()
        assert app.store.view.open == before


async def test_one_latin_letter_narrows_nothing_but_one_cjk_character_does(search_path: Path) -> None:
    app = RoadmapApp(path=search_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", "c")
        await pilot.pause()
        assert main(app).tree.keep is None and "one more letter" in bar_line(app)
        await pilot.press("h")
        await pilot.pause()
        assert main(app).tree.keep is not None and "3 matches" in bar_line(app)
        main(app).search_bar.input.value = "機"
        await pilot.pause()
        assert "1 match" in bar_line(app) and "Linear algebra" in tree_text(app)
        assert "Derivatives" not in tree_text(app)


async def test_enter_after_a_change_in_the_pane_goes_on_from_the_hit_it_was_on(search_path: Path) -> None:
    """A change while the bar is open (Space in the pane) makes Enter search again first (the
    hits of the roadmap as it is now), and Enter goes on from where it was: "2 of 3"."""
    app = RoadmapApp(path=search_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"chain", "enter")
        await pilot.pause()
        assert highlighted_text(app).endswith("Chain rule") and "1 of 3" in bar_line(app)
        main(app).pane.items.focus()
        await pilot.press("space")
        await pilot.pause()
        main(app).search_bar.input.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert current_title(app) == "Integrals" and "2 of 3" in bar_line(app)


async def test_after_a_hit_is_deleted_in_the_pane_enter_goes_only_to_those_left(search_path: Path) -> None:
    """`d` in the pane deletes the hit Enter went to while the bar is open: the next Enter
    searches again, so it counts the two hits left and never goes to the deleted one."""
    app = RoadmapApp(path=search_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"chain", "enter")
        await pilot.pause()
        assert highlighted_text(app).endswith("Chain rule")
        main(app).pane.items.focus()
        await pilot.press("d")
        await pilot.pause()
        screen = main(app)
        assert not any(item.text == "Chain rule" for item in screen.roadmap.walk_items())
        screen.search_bar.input.focus()
        for expected in ("1 of 2", "2 of 2", "1 of 2"):
            await pilot.press("enter")
            await pilot.pause()
            assert expected in bar_line(app)
            assert screen.pane.items.current is not None and not highlighted_text(app).endswith("Chain rule")
        texts = [getattr(hit, "text", "") for hit in screen.found.hits]
        assert texts == ["Substitution", "Blockchain toys"]


async def test_enter_on_a_hit_the_filter_hides_lifts_the_filter_and_says_so(search_path: Path) -> None:
    app = RoadmapApp(path=search_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f", "f", "f")  # skipped
        await pilot.pause()
        await pilot.press("slash", *"chain rule", "enter")
        await pilot.pause()
        screen = main(app)
        assert screen.pane.row_filter == "all" and app.store.view.filter is None  # (all: not kept)
        assert highlighted_text(app).endswith("Chain rule") and "1 of 2" in bar_line(app)
        assert "the filter 'skipped'" in str(list(app._notifications)[-1].message)
