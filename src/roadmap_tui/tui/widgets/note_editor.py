"""The note editor: a multi-line `TextArea` at the foot of the topic pane, for one entry's note.

`n` on a row or a tree node asks for it (`NoteRequested`); the main screen opens it, and saves
what it holds when it is closed (Escape), left (the focus went elsewhere), or when the app is
about to quit or switch roadmaps. The editor changes nothing itself: it posts what happened and
the screen (`screens/main_notes.py`) writes to the store.

The text shows as typed, except control characters that came from the file (no keyboard types
them): they show as visible escapes (`\\x1b`, as the inline editor shows them, `list_editing`)
and are put back when the note is saved, so nothing raw reaches the terminal. Tabs and line
breaks stay what they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import TextArea

from roadmap_tui.core.edits import key_path
from roadmap_tui.core.model import Item, Node
from roadmap_tui.core.outline import title_path
from roadmap_tui.tui.widgets.list_editing import editor_escapes, from_editor


@dataclass
class NoteRequested(Message):
    """`n` (or `ctrl+e`, `external`) on a row or a tree node: edit `entry`'s note; `origin` is
    the widget the key was pressed in (the focus goes back there)."""

    entry: Item | Node
    origin: Widget
    external: bool = False

    @property
    def control(self) -> Widget:
        return self.origin


def area_escapes(text: str) -> dict[str, str]:
    """The control characters of `text` the editor shows escaped (line breaks and tabs stay)."""
    return {char: shown for char, shown in editor_escapes(text).items() if char not in "\n\t"}


def for_area(text: str, escapes: dict[str, str]) -> str:
    """`text` as the editor shows it (see `list_editing.for_editor`: a backslash shows doubled
    when the text has escapes, so `\\x1b` typed stays four characters)."""
    if not escapes:
        return text
    return "".join(escapes.get(char, "\\\\" if char == "\\" else char) for char in text)


def from_area(value: str, escapes: dict[str, str]) -> str:
    """What the editor holds, as the note's text (escapes made real again), line by line."""
    if not escapes:
        return value
    return "\n".join(from_editor(line, escapes) for line in value.split("\n"))


class EditorMessage(Message):
    """Something the note editor reports; `control` is the editor."""

    def __init__(self, editor: NoteEditor) -> None:
        super().__init__()
        self.editor = editor

    @property
    def control(self) -> NoteEditor:
        return self.editor


class NoteEditor(TextArea):
    """The note of `entry` being written. Escape closes it (the screen saves), `ctrl+e` hands it
    to `$VISUAL`/`$EDITOR`; leaving it saves too."""

    BINDINGS = [
        Binding("escape", "close", "Save and close"),
        Binding("ctrl+e", "external", "In $EDITOR", key_display="^e"),
    ]

    DEFAULT_CSS = """
    NoteEditor, NoteEditor:focus {
        position: absolute;  /* over the list (placed by the screen): the list keeps its size */
        overlay: screen;
        height: 8;
        border: round $accent;
        background: $background;
        border-title-color: $foreground;
        border-subtitle-color: $foreground-muted;
        padding: 0 1;
    }
    """

    class Closed(EditorMessage):
        """Escape: save and close."""

    class Left(EditorMessage):
        """The focus went elsewhere (Tab, a click, a screen on top)."""

    class ExternalRequested(EditorMessage):
        """`ctrl+e`: write this note in the learner's own editor."""

    def __init__(self, entry: Item | Node, origin: Widget | None, *, id: str | None = None) -> None:
        self.escapes = area_escapes(entry.note)
        shown = for_area(entry.note, self.escapes)
        super().__init__(shown, soft_wrap=True, tab_behavior="focus", show_line_numbers=False, id=id)
        self.entry = entry
        self.titles = tuple(title_path(entry))
        self.where = key_path(entry)  # with `titles`: to find it again after a reload (`edits.locate`)
        self.origin = origin
        self.start = entry.note  # the note as it was when opened (or last saved)
        self.closing = False  # being closed by the screen (its blur then says nothing)

    @property
    def note(self) -> str:
        """The note as typed, control characters from the file put back."""
        return from_area(self.text, self.escapes)

    @property
    def changed(self) -> bool:
        return self.note != self.start

    def show_note(self, note: str) -> None:
        """Replace what the editor holds with `note` (what came back from `$EDITOR`, or the file's
        new version of a note not changed here)."""
        self.escapes = area_escapes(note)
        self.load_text(for_area(note, self.escapes))

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual 8.2.x can draw a TextArea once more just after it is removed, when its component
        # styles are gone: `apply_css` then raises KeyError 'text-area--gutter' (Textual issue
        # #6528). A removed editor draws nothing (tests/tui/test_notes.py types and closes at once).
        if not self.is_attached:
            return [Strip.blank(crop.width)] * crop.height
        return super().render_lines(crop)

    def action_close(self) -> None:
        self.post_message(self.Closed(self))

    def action_external(self) -> None:
        self.post_message(self.ExternalRequested(self))

    def on_blur(self) -> None:
        if not self.closing:
            self.post_message(self.Left(self))
