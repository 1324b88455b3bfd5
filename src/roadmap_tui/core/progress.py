"""How progress is shown as a number and as a bar: one rule for the app, the CLI and JSON.

The rule:

- A percentage is `100 * done / total` rounded half up to one decimal (`percent`): that is what
  JSON's `percent`, `roadmap-tui status` and `roadmap-tui list` show. The app shows the same
  figure rounded half up to a whole percent (`whole_percent`), so the two never disagree.
- Either reads 100 only when everything is done and 0 only when nothing is: a figure that would
  round to 0 while something is done is 0.1 (the app: "<1"), one that would round to 100 while
  something is left is 99.9 (the app: ">99"). Nothing to count (`total` 0) has no percentage.
- A bar of any width is full only when everything is done and empty only when nothing is; in
  between, its solid cells are `width * done / total` rounded half up, at least one and at
  least one short of full (a bar one cell wide shows a half cell, "▌").

Integer arithmetic throughout: no float rounding decides a boundary. UI-free (no Textual).
"""

from __future__ import annotations

SOLID, REST, HALF = "█", "░", "▌"


def _round_half_up(numerator: int, denominator: int) -> int:
    return (2 * numerator + denominator) // (2 * denominator)


def tenths(done: int, total: int) -> int | None:
    """The percentage in tenths of a percent (667 for 2/3), by the rule above; None if `total` is 0."""
    if total <= 0:
        return None
    value = _round_half_up(1000 * done, total)
    if 0 < done < total:
        value = min(max(value, 1), 999)
    return value


def percent(done: int, total: int) -> float | None:
    """The percentage with one decimal (66.7 for 2/3); None when there is nothing to count."""
    value = tenths(done, total)
    return None if value is None else value / 10


def percent_text(done: int, total: int) -> str:
    """`percent` as the CLI prints it: "66.7%", or "-" when there is nothing to count."""
    value = percent(done, total)
    return "-" if value is None else f"{value:.1f}%"


def whole_percent(done: int, total: int) -> str:
    """The percentage as the app shows it, without the % sign: "67", "<1", ">99"; "0" for 0/0."""
    value = tenths(done, total)
    if value is None:
        return "0"
    whole = _round_half_up(value, 10)
    if 0 < done < total:
        if whole == 0:
            return "<1"
        if whole == 100:
            return ">99"
    return str(whole)


def bar_parts(done: int, total: int, width: int) -> tuple[str, str]:
    """A bar of `width` cells as its solid part and the rest ("███████", "░░░" for 2/3 of 10)."""
    if width <= 0:
        return "", ""
    if total <= 0 or done <= 0:
        return "", REST * width
    if done >= total:
        return SOLID * width, ""
    if width == 1:
        return HALF, ""
    solid = min(max(_round_half_up(width * done, total), 1), width - 1)
    return SOLID * solid, REST * (width - solid)
