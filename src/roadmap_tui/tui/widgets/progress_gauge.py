"""The footer's progress gauge: `done/total`, the percentage and a bar."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from roadmap_tui.core.progress import bar_parts, whole_percent


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
    """Overall progress: `12/76  15% ███▏        `."""

    done: reactive[int] = reactive(0)
    total: reactive[int] = reactive(0)

    def bar_width(self) -> int:
        """A shorter bar on a narrow terminal leaves the footer room for its keys."""
        return 10 if self.app.size.width < 100 else 20

    def render(self) -> Content:
        text = f" {self.done}/{self.total} {percent(self.done, self.total):>3}% "
        return Content.assemble((text, "bold"), bar(self.done, self.total, self.bar_width()), " ")

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return len(f" {self.total}/{self.total} 100% ") + self.bar_width() + 1

    def on_resize(self) -> None:
        self.refresh(layout=True)
