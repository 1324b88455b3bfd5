"""What a row of the phase tree says: the entry's title (literal, blanks as dim hints, the
learner's own text kept in view when cut) and its progress, state and note marks."""

from __future__ import annotations

from datetime import datetime
from typing import Union

from rich.style import Style
from rich.text import Text

from roadmap_tui.core import review, states
from roadmap_tui.core.model import Entry, Item, Node, Roadmap
from roadmap_tui.core.pace import DAY_START_HOUR, study_day
from roadmap_tui.core.placeholders import fill_parts, has_placeholder
from roadmap_tui.safe_text import visible
from roadmap_tui.tui.widgets.labels import PENCIL, TREE_STYLES, entry_text, markdown_parts
from roadmap_tui.tui.widgets.note_rows import tree_note_mark
from roadmap_tui.tui.widgets.state_marks import short_counts, tree_mark, tree_title_style

Shown = Union[Entry, Roadmap]
"""What a row of the tree shows: the roadmap itself (its first row), a part, section or topic."""


def has_blank(entry: Shown) -> bool:
    """Whether the pane of `entry` has a blank to fill: in its title or Duration, or an item's."""
    if isinstance(entry, Roadmap):
        return False
    if isinstance(entry, Node):
        if has_placeholder(entry.title) or (entry.duration is not None and has_placeholder(entry.duration)):
            return True
    return any(has_placeholder(item.text) for item in entry.items)


def is_complete(entry: Shown) -> bool:
    return entry.n_total > 0 and entry.n_done == entry.n_total


#: The mark after a topic due for review (`v`: reviewed, `V`: forgot).
DUE_MARK = " ↻"


#: The hour a study day starts, for what is due (the settings' `day_starts_at`: the app sets it
#: when it loads them).
review_day_start = DAY_START_HOUR


def review_now() -> datetime:
    """"Now" for what the app says is due for review (the tree's mark, the gauge, "Review next"):
    the one place the app reads the clock for it, so tests pin it here."""
    return states.local_now()


def is_due_now(entry: Entry) -> bool:
    """Whether `entry` is due for review now, days starting at `review_day_start`."""
    return review.is_due(entry, review_now(), review_day_start)


def review_note(entry: Shown, short: bool = False) -> str:
    """What the pane's border says of a finished topic's next review: `↻ review due`, `review
    tomorrow`, `review in 3 days` (`short`: `↻ due`, `↻ in 1d`, `↻ in 3d`); "" for what is not
    reviewed (or has no date to count from)."""
    if isinstance(entry, Roadmap):
        return ""
    now = review_now()
    found = review.schedule(entry, now.tzinfo, review_day_start)
    if found is None:
        return ""
    days = (found.due - study_day(now, review_day_start)).days
    if short:
        return "↻ due" if days <= 0 else f"↻ in {days}d"
    if days <= 0:
        return "↻ review due"
    return "review tomorrow" if days == 1 else f"review in {days} days"


def due_mark(entry: Shown) -> Text:
    """` ↻` after an entry due for review, else nothing."""
    if isinstance(entry, Roadmap) or not is_due_now(entry):
        return Text()
    return Text(DUE_MARK, style="bold yellow")


# What Tree's click handler looks for on the open/close icon (as in Tree.render_label).
TOGGLE_STYLE = Style.from_meta({"toggle": True})


def label_parts(entry: Shown) -> tuple[Text, Text]:
    """The title (literal text, never markup; blanks as dim hints) and the progress after it."""
    title = Text(visible(entry.title), style="bold") if isinstance(entry, Roadmap) else entry_text(entry)
    progress = Text(no_wrap=True)
    if entry.n_counted:
        progress.append(f"  {short_counts(entry)}", style="green" if is_complete(entry) else "dim")
        mark = tree_mark(entry)
        if mark is not None:
            progress.append(*mark)
        if style := tree_title_style(entry):
            title.stylize(style)
    elif isinstance(entry, Item) and entry.checked:
        progress.append(" ✔", style="bold green")
    progress.append_text(due_mark(entry))
    return title, tree_note_mark(entry) + progress


def fit_title(entry: Shown, title: Text, width: int) -> Text:
    """`title` cut to `width` cells. A title with the learner's own text in its blank
    (`Specialization Area 1: NLP`) gives up the template's words before it first, so what the
    learner wrote stays in view (`Specialization…: NLP`, then `…NLP`)."""
    if isinstance(entry, Node):
        text, fill = entry.title, entry.title_fill
    elif isinstance(entry, Item):
        text, fill = entry.text, entry.text_fill
    else:
        text, fill = entry.title, ""  # the roadmap's title has no blank
    start = -1
    if fill:
        offset = 0
        for segment in fill_parts(text, fill):
            if segment.kind == "fill":
                start = offset
                break
            if segment.kind == "hint":
                offset += len(PENCIL) + len(visible(segment.text))
            else:  # the text as shown: its Markdown rendered (as `entry_text` does)
                offset += sum(len(piece) for piece, _ in markdown_parts(segment.text, TREE_STYLES))
    if start <= 0:
        title.truncate(width, overflow="ellipsis")
        return title
    head, rest = title.divide([start])
    if rest.cell_len >= width - 1:
        rest.truncate(width - 1, overflow="ellipsis")
        return Text("…", style="dim") + rest
    head.rstrip()
    keep = width - rest.cell_len - 1  # a space between them
    if head.cell_len > keep:
        head.truncate(keep, overflow="ellipsis")
    return head + " " + rest


def tree_label(entry: Shown) -> Text:
    """`Title  3/9`, with a check mark when complete."""
    title, progress = label_parts(entry)
    return title + progress
