"""The line at the top: the app, the roadmap's title, and its name when the title doesn't say it.

Textual's `Header` shows an icon, the title and a sub-title centred; here the roadmap's own title
is what matters, and the file's name only when it tells something more (`-r work` for a roadmap
called "AI/ML Learning Roadmap"), so the line never says the same thing twice.
"""

from __future__ import annotations

import re

from textual.content import Content
from textual.widget import Widget

from roadmap_tui.safe_text import visible

APP_NAME = "roadmap-tui"


def _slug(text: str) -> str:
    return re.sub(r"[\W_]+", "-", text.casefold()).strip("-")


def says_the_same(name: str, title: str) -> bool:
    """Whether the file's name adds nothing to the title ("roadmap", or the title's own slug:
    `coding-interview-university` for "Coding Interview University")."""
    slug = _slug(name)
    return slug in ("roadmap", "") or slug == _slug(title)


class TitleBar(Widget):
    """` roadmap-tui  AI/ML Learning Roadmap                         work.toml `"""

    def __init__(self, title: str, name: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.roadmap_title = title
        self.file_name = name

    def show_title(self, title: str) -> None:
        """The roadmap's title changed (another program edited the file)."""
        if title != self.roadmap_title:
            self.roadmap_title = title
            self.refresh()

    def render(self) -> Content:
        left = Content.assemble(
            (f" {APP_NAME} ", "bold $primary"), " ", (visible(self.roadmap_title), "bold")
        )
        right = Content("") if says_the_same(self.file_name, self.roadmap_title) else Content.styled(
            f"{visible(self.file_name)} ", "$foreground-muted"
        )
        width = self.size.width
        gap = width - left.cell_length - right.cell_length
        if gap < 2:
            return left.truncate(max(1, width), ellipsis=True)
        return left + " " * gap + right
