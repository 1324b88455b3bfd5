"""The topic pane's rows under the `f` filter (`core/row_filter.py` says which tasks it keeps).

A row of a task the filter hides goes, with the rows that belong to it (its note, its plain
sub-bullets, plain bullets under it); a heading ("Next up", "Also in") whose rows all went goes
too. A list left with no task says so on a row of its own.
"""

from __future__ import annotations

from roadmap_tui.core.model import Entry, Item, Node, Roadmap
from roadmap_tui.core.row_filter import ALL, keeps
from roadmap_tui.tui.widgets.item_row import RowSpec

#: The rows that show a task of their own (an item, a topic or section below, a suggestion).
TASK_KINDS = ("item", "summary", "next", "context")


def filter_specs(specs: list[RowSpec], shown: Entry | Roadmap, name: str) -> list[RowSpec]:
    """`specs` (the rows of `shown`) with what the filter `name` hides taken out."""
    if name == ALL or isinstance(shown, Roadmap):
        return specs
    hidden: set[int] = set()
    kept: list[RowSpec] = []
    tasks_before = tasks_after = 0  # the shown entry's own (its items, the sections below it)
    first_gone = -1  # where in `kept` the first hidden row was
    gap = False
    for spec in specs:
        entry = spec.entry
        drop = False
        if isinstance(entry, (Item, Node)) and entry is not shown:
            parent = entry.parent
            if id(entry) in hidden or (isinstance(parent, Item) and id(parent) in hidden and spec.kind == "item"):
                drop = True
            elif spec.kind in TASK_KINDS:
                verdict = keeps(entry, name)
                drop = verdict is False
                if spec.kind in ("item", "summary"):
                    tasks_before += verdict is not None
                    tasks_after += verdict is True
        if drop:
            if first_gone < 0:
                first_gone = len(kept)
            hidden.add(id(entry))
            gap = gap or spec.gap
            continue
        if gap:
            spec.gap, gap = True, False
        kept.append(spec)
    if tasks_before and not tasks_after:
        where = first_gone if first_gone >= 0 else len(kept)
        kept.insert(where, RowSpec("heading", shown, gap=True, heading=f"Nothing {name} here · f: the next filter"))
    return _without_empty_headings(kept)


def _without_empty_headings(specs: list[RowSpec]) -> list[RowSpec]:
    out: list[RowSpec] = []
    for index, spec in enumerate(specs):
        if spec.kind == "heading" and not spec.heading.startswith("Nothing "):
            following = next((s for s in specs[index + 1 :] if s.kind == "heading" or s.kind in TASK_KINDS), None)
            if following is None or following.kind == "heading":
                continue
        out.append(spec)
    return out
