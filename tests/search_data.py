"""A small roadmap for the search tests (core and pilot): calculus with a "Chain rule", other
scripts, a filled blank, a note, and titles that look like Rich markup."""

from __future__ import annotations

from roadmap_tui.storage.schema import SCHEMA

MARKUP_TITLE = "[bold]x[/] markup topic"


def search_document() -> dict:
    return {
        "schema": SCHEMA,
        "title": "Search test",
        "phases": [
            {
                "title": "Mathematics",
                "duration": "_[e.g., 2 months]_",
                "duration_fill": "ten weeks",
                "sections": [
                    {
                        "title": "Calculus",
                        "items": [
                            {
                                "text": "Derivatives",
                                "done": False,
                                "items": [
                                    {"text": "Chain rule", "done": False},
                                    {"text": "Product rule", "done": True},
                                    {"text": "Quotient rule", "done": False, "state": "doing"},
                                    {"text": "Implicit differentiation", "done": False, "state": "skipped"},
                                ],
                            },
                            {
                                "text": "Integrals",
                                "done": False,
                                "items": [
                                    {"text": "Substitution", "done": False, "note": "uses the chain rule backwards"},
                                    {"text": "By parts", "done": True},
                                ],
                            },
                        ],
                    },
                    {
                        "title": "Linear algebra",
                        "items": [
                            {"text": "Ünïcode vectors", "done": False},
                            {"text": "Цепь Маркова", "done": False},
                            {"text": "機械学習の基礎", "done": False},
                            {"text": "Resources: _[e.g., a book]_", "done": False, "text_fill": "Strang's textbook"},
                        ],
                    },
                ],
            },
            {
                "title": "Programming",
                "sections": [
                    {
                        "title": "Tools",
                        "items": [
                            {"text": MARKUP_TITLE, "done": False, "items": [{"text": "[red]y[/] item", "done": False}]},
                            {"text": "Git basics", "done": True},
                            {"text": "Blockchain toys", "done": False},
                        ],
                    }
                ],
            },
        ],
    }
