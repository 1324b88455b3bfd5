"""The footer of keys: one line drawn by one widget, updated in the frame the keys change.

Textual's `Footer` holds a widget per key and rebuilds them all whenever the bindings may have
changed (every cursor move in the topic list refreshes them, since which keys apply depends on
the highlighted row), one refresh later: two more frames and a layout for each change. This one
keeps the keys it shows as a value and redraws its single line when that value changes, at once.
A click on a key presses it, as with Textual's footer.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, TextArea

# (key, what it shows, description, enabled) for each key shown.
Keys = tuple[tuple[str, str, str, bool], ...]


#: Shown after the row's own keys, in this order; the line drops keys from its end when short.
#: (`n`, `p` and `s` are the row's too, but less needed than Quit and the palette (which finds
#: everything) on a narrow terminal.)
LEAST_IMPORTANT = ("app.focus_next", "help", "quit", "command_palette", "mark_doing", "mark_skipped", "note")
#: Keys a focused text field types instead of acting on (the footer doesn't offer them there).
TYPED_ACTIONS = ("help", "quit", "mark_doing", "mark_skipped")
GAP = 2  # cells kept free before the gauge


class KeyFooter(Widget):
    """The keys that apply where the focus is, like Textual's `Footer`."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._keys: Keys = ()
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) of each key shown

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed, immediate=True)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def current_keys(self) -> Keys:
        """The keys to show now (Textual's Footer shows the same, one per action)."""
        app = self.app
        typing = isinstance(app.focused, (Input, TextArea))  # (a note's editor types them too)
        seen: set[str] = set()
        keys = []
        for key, (_, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            if typing and binding.action in TYPED_ACTIONS:
                continue
            keys.append((key, app.get_key_display(binding), binding.description, enabled, binding.action))
        rank = {action: index for index, action in enumerate(LEAST_IMPORTANT)}
        keys.sort(key=lambda k: rank.get(k[4], -1))  # stable: the row's keys first, as bound
        return tuple(k[:4] for k in keys)

    def _bindings_changed(self, screen: Screen) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        keys = self.current_keys()
        if keys != self._keys:
            self._keys = keys
            self.refresh()

    def on_resize(self) -> None:
        self.refresh()

    def render(self) -> Content:
        """As many keys as fit whole, in order of importance, with a gap before the gauge."""
        room = self.size.width - GAP if self.size.width else 10_000
        parts: list[tuple[str, str] | str] = []
        self._spans = []
        column = 0
        for key, shown, description, enabled in self._keys:
            label = f" {shown} "
            text = f"{description} " if description else ""
            width = Content(label + text).cell_length
            if column + width > room:
                break  # this one and the less important ones after it are dropped whole
            dim = "" if enabled else " dim"
            parts.append((label, f"bold $footer-key-foreground{dim}"))
            parts.append((text, f"$footer-description-foreground{dim}"))
            self._spans.append((column, column + width, key))
            column += width
        return Content.assemble(*parts)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
