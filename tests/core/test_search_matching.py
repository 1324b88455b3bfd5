"""The `/` search's matching (core/search.py): exact, any case, accents and other scripts, one
typo, notes and fills, and the tree rows (hits and what is above them) it keeps."""

from __future__ import annotations

from pathlib import Path

from search_data import search_document

from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.core.search import SearchIndex, close_word, fold, narrows, one_typo, tree_row, words
from roadmap_tui.storage.schema import build_roadmap


def roadmap() -> Roadmap:
    return build_roadmap(search_document(), Path("search.toml"))


def texts(query: str, index: SearchIndex | None = None) -> list[str]:
    index = index or SearchIndex(roadmap())
    return [hit.title for hit in index.search(query).hits]


def test_an_exact_word_finds_its_entries_in_the_roadmaps_order() -> None:
    assert texts("rule") == ["Chain rule", "Product rule", "Quotient rule", "Substitution"]  # (its note)
    assert texts("Chain rule") == ["Chain rule", "Substitution"]  # the note says "the chain rule"


def test_case_does_not_matter() -> None:
    assert texts("CHAIN RULE") == texts("chain rule") == texts("cHaIn RuLe")


def test_accents_and_other_scripts() -> None:
    assert texts("unicode") == ["Ünïcode vectors"]
    assert texts("ÜNÏCODE") == ["Ünïcode vectors"]
    assert texts("цепь") == ["Цепь Маркова"]
    assert texts("МАРКОВА") == ["Цепь Маркова"]
    assert texts("学習") == ["機械学習の基礎"]  # no spaces in Japanese: any part of it
    assert fold("Straße") == fold("STRASSE")
    assert fold("ﬁle") == "file"  # a compatibility ligature


def test_one_typo_in_a_long_word() -> None:
    assert texts("chian") == ["Chain rule", "Substitution"]  # a word's typo: not inside "Blockchain"
    assert texts("chian rule") == ["Chain rule", "Substitution"]
    assert texts("derivtives") == ["Derivatives"]  # a letter dropped
    assert texts("intergals") == ["Integrals"]  # two neighbours swapped
    assert texts("cjain") == ["Chain rule", "Substitution"]  # a letter changed
    assert texts("chia") == ["Chain rule", "Substitution"]  # half typed: "chai" with a typo
    assert texts("cahni") == []  # two typos away


def test_one_typo_rules() -> None:
    assert one_typo("chian", "chain")  # two neighbours swapped
    assert one_typo("chan", "chain") and one_typo("chaiin", "chain")  # dropped, added
    assert one_typo("chxin", "chain")  # changed
    assert not one_typo("cahni", "chain")
    assert close_word("chia", "chainsaw")  # a half-typed start
    assert not close_word("chian", "blockchain")  # a typo is looked for at a word's start only


def test_short_words_are_not_fuzzy() -> None:
    assert texts("ch") == ["Chain rule", "Substitution", "Blockchain toys"]
    assert texts("xq") == []


def test_fills_and_notes_are_found() -> None:
    assert texts("strang") == ["Resources: _[e.g., a book]_"]  # the learner's fill
    assert texts("backwards") == ["Substitution"]  # a note
    assert texts("ten weeks") == ["Mathematics"]  # a filled Duration


def test_every_word_must_be_found() -> None:
    assert texts("chain toys") == ["Blockchain toys"]
    assert texts("chain nothing") == []


def test_rows_are_the_hits_rows_and_everything_above() -> None:
    rm = roadmap()
    found = SearchIndex(rm).search("chain rule")
    maths = rm.phases[0]
    calculus = maths.sections[0]
    derivatives, integrals = calculus.items[0], calculus.items[1]
    assert tree_row(derivatives.items[0]) is derivatives
    assert found.rows == {id(maths), id(calculus), id(derivatives), id(integrals)}
    assert id(rm.phases[1]) not in found.rows
    assert found.index_near(integrals) == 1 and found.index_near(derivatives) == 0


def test_a_query_of_nothing_finds_nothing() -> None:
    found = SearchIndex(roadmap()).search("   ")
    assert not found.hits and not found.rows


def test_punctuation_alone_is_one_word_but_a_lone_accent_is_none() -> None:
    assert words("++") == ["++"] and words(" c++ ") == ["c"]
    assert words("´") == words("\u0301") == words(" ¨ ") == []


def test_one_letter_of_a_script_with_spaces_does_not_narrow_one_cjk_character_does() -> None:
    for one in ("c", "é", "e\u0301", "ц", "λ", "ß", " É "):
        assert not narrows(one), one
    for one in ("機", "か", "カ", "한", "ก", "🚀", "ch", "éa", "цепь"):
        assert narrows(one), one
    assert not narrows("") and not narrows("   ")


def test_markup_looking_text_is_just_text() -> None:
    assert texts("[bold]x[/]") == ["[bold]x[/] markup topic"]
    assert texts("[red]") == ["[red]y[/] item"]


def test_a_big_roadmap_is_searched_quickly_enough_to_type() -> None:
    """Not timed (no timed assertions): the index folds each text once, and a growing query
    reuses its words' results."""
    from benchmarks.generate import generate
    import tomllib

    big = build_roadmap(tomllib.loads(generate(2_000)), Path("big.toml"))
    index = SearchIndex(big)
    first = index.search("gradien")
    again = index.search("gradient")
    assert first.hits and again.hits
    assert {id(hit) for hit in again.hits} <= {id(hit) for hit in first.hits}
    assert "gradien" in index._cache and "gradient" in index._cache  # each word's result is kept
    assert all(isinstance(hit, (Item, Node)) for hit in again.hits)
