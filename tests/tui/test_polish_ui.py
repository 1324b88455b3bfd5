"""The rough edges a new user hit (the "Polish" issue), each pinned by a test driven as a user drives."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from helpers import screen_text

from roadmap_tui.core.model import Node
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.screens.main import MainScreen
from roadmap_tui.tui.widgets.item_list import ItemList
from roadmap_tui.tui.widgets.item_row import InlineInput
from roadmap_tui.tui.widgets.key_footer import KeyFooter
from roadmap_tui.tui.widgets.roadmap_tree import RoadmapTree
from tests.conftest import get


def on_disk(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def main(app: RoadmapApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def settle(app: RoadmapApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    app.store.flush(5)


def notifications(app: RoadmapApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


# 1. `o` (and every key the footer offers) works, or says why not, on every kind of row ---------


async def test_o_on_every_row_of_every_entry_never_stops_the_app(roadmap_path: Path, monkeypatch) -> None:
    opened: list[str] = []
    app = RoadmapApp(path=roadmap_path)
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = main(app)
        roadmap = screen.roadmap
        entries = [roadmap, *roadmap.walk_nodes(), *(i for i in roadmap.walk_items() if i.items)]
        for entry in entries:
            screen.tree.reveal(entry)
            await pilot.pause()
            items = screen.pane.items
            items.focus()
            for index, row in enumerate(items.rows):
                if not row.spec.selectable:
                    continue
                items.highlighted = index
                said = len(app._notifications)
                await pilot.press("o")
                await pilot.pause()
                assert app.is_running, (entry, row.label().plain)
                assert isinstance(app.screen, MainScreen)
                # It opened the link or said why not: never nothing.
                assert len(app._notifications) > said, (entry, row.label().plain)
                app.clear_notifications()


async def test_o_on_a_section_row_of_a_phase_overview(roadmap_path: Path) -> None:
    """Launch, Home, Tab, Down, o: the crash the issue names."""
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("home", "tab", "down", "o")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, MainScreen)
        assert any("No web link" in text for text in notifications(app))


async def test_the_footer_offers_o_only_where_there_is_a_link(tmp_path: Path) -> None:
    path = tmp_path / "links.toml"
    path.write_text(
        'schema = 2\ntitle = "Links"\n[[phases]]\ntitle = "P"\n[[phases.items]]\ntext = "Topic"\ndone = false\n'
        '[[phases.items.items]]\ntext = "[CS50](https://cs50.harvard.edu)"\ndone = false\n'
        '[[phases.items.items]]\ntext = "No link here"\ndone = false\n',
        encoding="utf-8",
    )
    app = RoadmapApp(path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        footer = main(app).query_one(KeyFooter)
        await pilot.press("tab")
        await pilot.pause()
        assert main(app).pane.items.current.spec.entry.text.startswith("[CS50]")
        assert "Open link" in footer.render().plain
        await pilot.press("down")
        await pilot.pause()
        assert "Open link" not in footer.render().plain


# 3. A click on the checkbox toggles; a click on the text of an editable row edits it ------------


async def test_a_click_on_the_text_of_a_blank_edits_it_and_on_its_box_toggles(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        items = main(app).pane.items
        resources = next(i for i, row in enumerate(items.rows) if row.spec.entry.text.startswith("Resources:"))
        y = items.row_y(resources)
        # on its text: the editor opens, nothing is checked
        await pilot.click(ItemList, offset=(12, y))
        await pilot.pause()
        assert isinstance(app.focused, InlineInput)
        assert items.rows[resources].spec.entry.done is False
        await pilot.press("escape")
        await pilot.pause()
        # on its box: it is checked, no editor
        await pilot.click(ItemList, offset=(1, y))
        await pilot.pause()
        assert not isinstance(app.focused, InlineInput)
        assert items.rows[resources].spec.entry.done is True


# 4. Hints and secondary text are dim, never the brightest text on screen ---------------------


def _row_colors(items: ItemList, index: int, text: str) -> set:
    strip = items.render_line(items.row_y(index))
    return {seg.style.color for seg in strip if text in seg.text or seg.text.strip() and seg.text.strip() in text}


async def test_a_blank_hint_is_dimmer_than_plain_text(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        items = main(app).pane.items
        resources = next(i for i, row in enumerate(items.rows) if row.spec.entry.text.startswith("Resources:"))
        strip = items.render_line(items.row_y(resources))
        hint = next(seg for seg in strip if "3Blue1Brown" in seg.text)
        plain = next(seg for seg in items.render_line(items.row_y(0)) if "Vectors" in seg.text)
        hint_rgb = hint.style.color.get_truecolor()
        plain_rgb = plain.style.color.get_truecolor() if plain.style.color else None
        assert hint_rgb != (255, 255, 255), "the hint is not white"
        assert plain_rgb is None or sum(hint_rgb) < sum(plain_rgb), (hint_rgb, plain_rgb)


# 5. The footer never runs into the gauge; keys that don't fit are dropped whole --------------


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (60, 20)])
async def test_the_footer_keeps_a_gap_before_the_gauge_and_cuts_no_key(roadmap_path: Path, size) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for keys in ((), ("tab",), ("tab", "end")):
            await pilot.press(*keys)
            await pilot.pause()
            last = screen_text(app).splitlines()[-1]
            footer = main(app).query_one(KeyFooter)
            shown = footer.render().plain
            assert "/76" in last
            before_gauge = last[: last.index(f"{main(app).roadmap.n_done}/76")]
            assert before_gauge.endswith("  "), repr(last)
            # every key shown is whole: its description is one of the bindings' descriptions
            descriptions = {description for _, _, description, _ in footer._keys}
            for part in shown.split("  "):
                words = part.strip().split(" ", 1)
                if len(words) == 2:
                    assert words[1] in descriptions, (part, descriptions)


# 6. Space on a partly done topic; `d` asks first ----------------------------------------------


async def test_space_on_a_partly_done_topic_checks_the_rest_and_says_so(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down")  # Calculus
        assert main(app).shown.title == "Calculus"
        await pilot.press("tab", "space", "shift+tab")  # 1/3
        calculus = main(app).shown
        assert calculus.n_done == 1
        await pilot.press("space")  # Space on the topic in the tree
        await pilot.pause()
        assert calculus.n_done == 3
        assert any("Checked" in t and "2" in t and "Calculus" in t for t in notifications(app)), notifications(app)
        await pilot.press("space")
        await pilot.pause()
        assert calculus.n_done == 0
        assert any("Unchecked" in t and "3" in t for t in notifications(app)), notifications(app)


async def test_d_on_a_library_entry_deletes_it_at_once_and_says_so(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = main(app)
        books = get(screen.roadmap, "Resources Library", "Books")
        screen.tree.reveal(books)
        await pilot.pause()
        await pilot.press("tab", "a", *"Deep Learning", "enter", "a", *"Hands-On ML", "enter")
        await settle(app, pilot)
        assert [i.display_text for i in books.items] == ["Deep Learning", "Hands-On ML"]
        await pilot.press("end", "d")  # no question: undo (ctrl+z) brings it back
        await settle(app, pilot)
        assert len(books.items) == 1
        assert len(on_disk(roadmap_path)["phases"][5]["sections"][0]["items"]) == 1
        assert "Deleted 'Hands-On ML' — ctrl+z brings it back" in notifications(app)


async def test_the_delete_toast_shows_no_placeholder_syntax(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = main(app)
        screen.tree.reveal(get(screen.roadmap, "Resources Library", "Podcasts"))
        await pilot.pause()
        await pilot.press("tab", "d")
        await settle(app, pilot)
        removed = [t for t in notifications(app) if "Deleted" in t]
        assert removed and not any("_[" in t for t in removed), removed


# Keys a user expects ---------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["left", "h", "escape"])
async def test_left_h_and_escape_go_back_from_the_pane_to_the_tree(roadmap_path: Path, key: str) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "down")
        assert isinstance(app.focused, ItemList)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.focused, RoadmapTree)
        assert main(app).shown.title == "Linear Algebra"


async def test_e_on_a_topic_in_the_tree_edits_its_blank(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e")  # Linear Algebra's Resources line
        await pilot.pause()
        assert isinstance(app.focused, InlineInput)
        await pilot.press(*"3b1b", "enter")
        await settle(app, pilot)
        la = on_disk(roadmap_path)["phases"][0]["sections"][0]["items"][0]
        assert la["items"][3]["text_fill"] == "3b1b"


async def test_editing_a_filled_blank_selects_its_text_so_typing_replaces_it(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "end", "e", *"old", "enter")
        await settle(app, pilot)
        await pilot.press("e", *"new", "enter")
        await settle(app, pilot)
        la = on_disk(roadmap_path)["phases"][0]["sections"][0]["items"][0]
        assert la["items"][3]["text_fill"] == "new"


async def test_while_editing_the_footer_offers_no_help_key(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "end", "e")
        await pilot.pause()
        shown = main(app).query_one(KeyFooter).render().plain
        assert "Help" not in shown and "Quit" not in shown
        assert "Cancel" in shown


async def test_the_footer_shows_the_palette_key(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert "^p" in main(app).query_one(KeyFooter).render().plain


async def test_a_new_library_entry_replaces_the_hint_bullet(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = main(app)
        courses = get(screen.roadmap, "Resources Library", "Courses")
        screen.tree.reveal(courses)
        await pilot.pause()
        await pilot.press("tab", "a", *"fast.ai", "enter")
        await settle(app, pilot)
        entries = on_disk(roadmap_path)["phases"][5]["sections"][1]["items"]
        assert entries == [{"text": "_[List key courses]_", "text_fill": "fast.ai"}]


@pytest.mark.parametrize("fill", ["NLP", "Natural Language Processing and Large Language Models"])
async def test_the_tree_shows_the_filled_text_not_the_boilerplate(roadmap_path: Path, fill: str) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = main(app)
        nlp = next(n for n in screen.roadmap.walk_nodes() if n.title.startswith("Specialization Area 1"))
        screen.store.set_fill(nlp, "title", fill)
        screen.after_change([nlp])
        screen.tree.reveal(nlp)
        await pilot.pause()
        right = screen.tree.region.right
        tree_lines = [line[:right] for line in screen_text(app).splitlines()]
        line = next((line for line in tree_lines if "Specialization Area 1" in line or fill[:10] in line), "")
        assert fill[:20] in line, "\n".join(tree_lines)


async def test_the_header_does_not_repeat_itself(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        top = screen_text(app).splitlines()[0]
        words = re.findall(r"[\w-]+", top.lower())
        assert words.count("roadmap") == 1, top  # the title's own "Roadmap", not the file's name again
        assert "AI/ML Learning Roadmap" in top


# A big terminal is used: overviews of the roadmap and of a part --------------------------------


async def test_home_shows_the_roadmap_overview_every_part_with_its_bar_and_what_is_next(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        await pilot.press("home")
        await pilot.pause()
        screen = main(app)
        assert screen.shown is screen.roadmap
        rows = [row.label().plain for row in screen.pane.items.rows]
        for phase in screen.roadmap.phases:
            assert any(phase.title in row for row in rows), phase.title
        assert "Next up" in rows
        assert any("Vectors and matrices" in row for row in rows[rows.index("Next up") :])
        text = screen_text(app)
        assert "0/27" in text and "░" in text  # a part's progress with its bar
        # Enter on a part goes there; Space on a suggested item checks it.
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert screen.shown.title == "Foundation Phase"
        await pilot.press("escape", "home")  # back to the tree, to its first row
        await pilot.pause()
        assert screen.shown is screen.roadmap
        await pilot.press("tab")
        items = screen.pane.items
        items.highlighted = next(i for i, row in enumerate(items.rows) if row.spec.kind == "next")
        await pilot.press("space")
        await settle(app, pilot)
        assert on_disk(roadmap_path)["phases"][0]["sections"][0]["items"][0]["items"][0]["done"] is True
        assert "1/76" in screen_text(app)


async def test_a_phase_overview_lists_its_sections_and_what_is_next(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await pilot.press("home", "down")
        rows = [row.label().plain for row in main(app).pane.items.rows]
        assert "Next up" in rows
        # Enter on a suggestion opens its topic.
        await pilot.press("tab")
        items = main(app).pane.items
        items.highlighted = next(i for i, row in enumerate(items.rows) if row.spec.kind == "next")
        await pilot.press("enter")
        await pilot.pause()
        assert main(app).shown.title == "Linear Algebra"


async def test_a_topic_shows_the_topics_beside_it_without_the_cursor_stopping_there(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Also in Mathematics & Statistics Foundations" in text
        assert "Calculus" in text.split("Also in")[1]
        await pilot.press("tab", "end")
        assert main(app).pane.items.current.spec.entry.text.startswith("Resources:")


async def test_keys_on_the_roadmap_row_do_nothing_or_say_why(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("home")
        await pilot.pause()
        shown = main(app).query_one(KeyFooter).render().plain
        assert "Toggle" not in shown and "Edit" not in shown, shown
        for key in ("space", "e", "enter", "right", "left", "o", "a", "d"):
            main(app).tree.focus()
            await pilot.press("home", key)
            await pilot.pause()
            assert app.is_running and isinstance(app.screen, MainScreen), key
            assert main(app).roadmap.n_done == 0, key  # nothing on the roadmap row checks anything


# From the review -----------------------------------------------------------------------------


async def test_after_a_reload_the_cursor_never_rests_on_a_row_beside_the_topic(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "end")  # Linear Algebra's Resources line, its last row
        app.store.flush(5)
        # Another program drops two of Linear Algebra's items; the app shows the file as it is now.
        import tomlkit

        from roadmap_tui.storage.schema import build_roadmap, parse_toml

        document = tomlkit.parse(roadmap_path.read_text(encoding="utf-8"))
        del document["phases"][0]["sections"][0]["items"][0]["items"][0:2]
        roadmap_path.write_text(tomlkit.dumps(document), encoding="utf-8")
        roadmap = build_roadmap(parse_toml(roadmap_path.read_text(encoding="utf-8"), roadmap_path), roadmap_path)
        await main(app).reload(roadmap)
        await pilot.pause()
        items = main(app).pane.items
        assert items.current is not None and items.current.spec.selectable
        assert items.current.spec.kind == "item", items.current.label().plain
        await pilot.press("space")
        await pilot.pause()
        calculus = get(main(app).roadmap, "Foundation Phase", "Mathematics & Statistics Foundations", "Calculus")
        assert calculus.n_done == 0, "Space did not reach the topic beside it"


async def test_the_roadmap_row_is_where_the_next_launch_opens(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("home", "q")
        await pilot.pause()
    again = RoadmapApp(path=roadmap_path)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert main(again).shown is main(again).roadmap


def test_a_cut_title_keeps_the_fill_when_markdown_comes_before_it() -> None:
    from roadmap_tui.tui.widgets.labels import entry_text
    from roadmap_tui.tui.widgets.roadmap_tree import fit_title

    for title in ("**Specialization** Area 1: _[x]_", "[Spec](https://x.org) Area 1: _[x]_"):
        node = Node(title=title, level=3, title_fill="Natural Language Processing")
        assert fit_title(node, entry_text(node), 30).plain.endswith("Natural Language Processing"), title


async def test_removing_the_filled_template_entry_brings_its_hint_back(roadmap_path: Path) -> None:
    app = RoadmapApp(path=roadmap_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = main(app)
        screen.tree.reveal(get(screen.roadmap, "Resources Library", "Books"))
        await pilot.pause()
        await pilot.press("tab", "a", *"SICP", "enter", "home", "d")
        await settle(app, pilot)
        assert on_disk(roadmap_path)["phases"][5]["sections"][0]["items"] == [{"text": "_[List key books]_"}]
        assert any("Removed “SICP”" in t for t in notifications(app))


async def test_o_in_the_tree_opens_a_title_link_or_says_there_is_none(tmp_path: Path, monkeypatch) -> None:
    import webbrowser

    path = tmp_path / "links.toml"
    path.write_text(
        'schema = 2\ntitle = "Links"\n[[phases]]\ntitle = "[Course](https://example.org/c)"\n'
        '[[phases.items]]\ntext = "Plain topic"\ndone = false\n'
        '[[phases.items.items]]\ntext = "x"\ndone = false\n',
        encoding="utf-8",
    )
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "get", lambda *a, **k: object())
    app = RoadmapApp(path=path)
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = main(app)
        screen.tree.reveal(screen.roadmap.phases[0])
        await pilot.pause()
        assert "Open link" in screen.query_one(KeyFooter).render().plain
        await pilot.press("o")
        await pilot.pause()
        assert opened == ["https://example.org/c"]
        await pilot.press("down", "o")
        await pilot.pause()
        assert any("No web link" in t for t in notifications(app))
