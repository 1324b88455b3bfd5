"""How an item's state, its counts and its dates look: the glyphs, the progress texts, the dates.

One place for what every view shares, so the pane, the tree, the gauge and the palette say the
same thing the same way:

- a state's glyph reads without colour: `[ ]` todo, `[▸]` doing, `[✓]` done, `[–]` skipped (the
  tree, with no boxes, puts `▸`, `✔` or `–` after a topic's count); done and skipped text is
  dimmed, skipped also struck through;
- counts: `12/70 done · 6 skipped` where there is room (the pane's border, the gauge, the
  palette: `states.counts_text`), `12/70 ·6s` where there is not (the tree, a summary row), and
  `6 skipped` for what is all skipped (nothing left to count);
- dates: `done 3 Dec`, `started 2 days ago` (`core/dates.py`), muted, at a row's right edge.
"""

from __future__ import annotations

from datetime import datetime

from textual.content import Content

from roadmap_tui.core import states
from roadmap_tui.core.dates import item_dates
from roadmap_tui.core.model import Entry, Item, Roadmap

MUTED = "$foreground-muted"

#: A box per state, and its style (the glyph alone tells them apart; colour only helps).
BOXES: dict[str, tuple[str, str]] = {
    states.TODO: ("[ ] ", ""),
    states.DOING: ("[▸] ", "bold $text-accent"),
    states.DONE: ("[✓] ", "bold $text-success"),
    states.SKIPPED: ("[–] ", MUTED),
}
#: The style of an item's text in each state ("" for none: todo and doing stand out).
TEXT_STYLES = {states.DONE: MUTED, states.SKIPPED: f"{MUTED} strike"}
#: What the tree puts after a topic's count (rich styles: the tree draws rich `Text`).
TREE_MARKS: dict[str, tuple[str, str]] = {
    states.DOING: (" ▸", "bold"),
    states.DONE: (" ✔", "bold green"),
    states.SKIPPED: (" –", "dim"),
}


def state_box(entry: Entry | Roadmap) -> tuple[str, str]:
    """The box for `entry`'s state (`states.status`): its own for an item, its items' for a topic."""
    return BOXES.get(states.status(entry) or states.TODO, BOXES[states.TODO])


def text_style(entry: Entry | Roadmap) -> str:
    """How an entry's text is styled for its state: dimmed done, dimmed and struck skipped."""
    return TEXT_STYLES.get(states.status(entry), "")


def short_counts(entry: Entry | Roadmap) -> str:
    """`3/5`, `3/5 ·2s` with skipped items, `2 skipped` when all are; "" with nothing counted."""
    if not entry.n_counted:
        return ""
    if not entry.n_total:
        return f"{entry.n_skipped} skipped"
    text = f"{entry.n_done}/{entry.n_total}"
    return f"{text} ·{entry.n_skipped}s" if entry.n_skipped else text


def long_counts(done: int, total: int, skipped: int, doing: int = 0, *, with_doing: bool = False) -> str:
    """`12/70 done · 6 skipped` (`states.counts_text`), `6 skipped` when all are."""
    if not total and skipped:
        return f"{skipped} skipped"
    return states.counts_text(done, total, skipped, doing, with_doing=with_doing)


def skipped_note(skipped: int, short: bool = False) -> str:
    """What follows a count when items are skipped: ` · 6 skipped` (or ` ·6s`); "" for none."""
    if not skipped:
        return ""
    return f" ·{skipped}s" if short else f" · {skipped} skipped"


def dates_content(item: Item, now: datetime | None = None) -> Content:
    """`done 3 Dec` / `started 2 days ago` for a done / doing item, muted; empty for the rest.
    (The clock is read only for an item that has a date to say.)"""
    status = states.own_status(item)
    if not (status == states.DONE and item.done_at) and not (status == states.DOING and item.started_at):
        return Content("")
    text = item_dates(status, item.started_at, item.done_at, now or states.local_now())
    return Content.styled(text, MUTED) if text else Content("")


def tree_mark(entry: Entry | Roadmap) -> tuple[str, str] | None:
    """What the tree puts after an entry's count: `✔` when done; for a topic, `▸` while doing
    (all skipped says so in its count: `3 skipped`)."""
    status = states.status(entry)
    if status == states.DONE or (status == states.DOING and isinstance(entry, Item)):
        return TREE_MARKS[status]
    return None


def tree_title_style(entry: Entry | Roadmap) -> str:
    """A rich style for a tree title: dim and struck through when all its items are skipped."""
    return "dim strike" if states.status(entry) == states.SKIPPED else ""
