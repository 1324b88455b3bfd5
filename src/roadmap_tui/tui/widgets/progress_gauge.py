"""The footer's progress gauge: `done/total`, the percentage and a bar."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from roadmap_tui.core.progress import bar_parts, whole_percent
from roadmap_tui.tui.widgets.state_marks import skipped_note


def bar(done: int, total: int, width: int) -> Content:
    """A bar of `width` cells: the done part solid, the rest shaded (full only when all are done)."""
    solid, rest = bar_parts(done, total, width)
    if not solid and not rest:
        return Content("")
    return Content.assemble((solid, "$success"), (rest, "$foreground 30%"))


def percent(done: int, total: int) -> str:
    """Whole percent as text ("67", "<1", ">99"): the CLI's figure, rounded (see `progress`)."""
    return whole_percent(done, total)


class ProgressGauge(Widget):
    """Overall progress: `12/76  15% ███▏        `; with skipped items, `12/70 · 6 skipped  17% ███`
    (`·6s` on a narrow terminal: the footer's keys need the room); with topics due for review,
    `↻ 2 due · ` first."""

    done: reactive[int] = reactive(0)
    total: reactive[int] = reactive(0)  # not skipped: the percentage's denominator
    skipped: reactive[int] = reactive(0)
    due: reactive[int] = reactive(0)  # topics due for review

    def due_text(self) -> str:
        """`↻ 2 due ·` before the counts (`↻2 ·` on a narrow terminal); "" when none is due."""
        if not self.due:
            return ""
        return f" ↻{self.due} ·" if self.app.size.width < 100 else f" ↻ {self.due} due ·"

    def bar_width(self) -> int:
        """A shorter bar on a narrow terminal leaves the footer room for its keys."""
        return 10 if self.app.size.width < 100 else 20

    def skipped_text(self) -> str:
        """` · 6 skipped`, or ` ·6s` on a narrow terminal; "" when none is skipped."""
        return skipped_note(self.skipped, short=self.app.size.width < 100)

    def render(self) -> Content:
        counts, skipped = f" {self.done}/{self.total}", self.skipped_text()
        share = f" {percent(self.done, self.total):>3}% "
        text = Content.styled(counts + share, "bold")  # (one span when none is skipped)
        if skipped:
            text = Content.assemble((counts, "bold"), (skipped, "$foreground-muted"), (share, "bold"))
        due = Content.styled(self.due_text(), "bold $text-warning")
        return Content.assemble(due, text, bar(self.done, self.total, self.bar_width()), " ")

    def get_content_width(self, container: Size, viewport: Size) -> int:
        counts = f"{self.due_text()} {self.total}/{self.total}{self.skipped_text()} 100% "
        return len(counts) + self.bar_width() + 1

    def watch_skipped(self) -> None:
        self.refresh(layout=True)  # the skipped count takes room (or gives it back)

    def watch_due(self) -> None:
        self.refresh(layout=True)  # as the skipped count

    def on_resize(self) -> None:
        self.refresh(layout=True)
