"""The web link a row holds, for the `o` key (http and https only)."""

from __future__ import annotations

import re

from textual.widget import Widget

from roadmap_tui.safe_text import visible
from roadmap_tui.tui.widgets.item_row import Row

WEB_LINK_RE = re.compile(
    r"\]\(\s*<?(https?://(?:[^\s<>()]|\([^\s<>()]*\))+)>?(?:\s+\"[^\"]*\")?\s*\)"
    r"|<(https?://[^\s<>]+)>"
    r"|(https?://(?:[^\s<>()\]]|\([^\s<>()]*\))+)"
)


def row_link(row: Row) -> str | None:
    """The web link a row's text holds (its fill included), on any kind of row."""
    text = row.spec.link_text()
    return first_web_link(text) if text and "http" in text else None


def first_web_link(text: str) -> str | None:
    """The first http(s) address in a text: a Markdown link's, an autolink, or a bare one."""
    match = WEB_LINK_RE.search(text)
    if match is None:
        return None
    url = next(group for group in match.groups() if group)
    if any(ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 for char in url):
        return None
    return url


def open_web_link(widget: Widget, url: str) -> None:
    """Open `url` in the browser, or say there is none to open it (nothing else happens)."""
    app = widget.app
    if not app.is_web:  # in a browser (textual serve) the page opens it
        import webbrowser  # what App.open_url uses in a terminal

        try:
            webbrowser.get()
        except webbrowser.Error:
            widget.notify(f"No browser found: {visible(url)}", markup=False, timeout=6)
            return
    app.open_url(url)
    widget.notify(f"Opening {visible(url)}", markup=False, timeout=3)
