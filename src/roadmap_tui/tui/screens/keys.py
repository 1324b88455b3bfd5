"""Every key, read from the bindings: what the help screen shows and the README's keys table lists.

The keys come from the `BINDINGS` of the classes in `PLACES` (their own and those they inherit
from Textual, merged as Textual merges them), so a binding added to one of them shows up in the
help at once, and `tests/test_help.py` fails until the README's table lists it too. What a key
does is said, in this order of preference, by `LONG[(place, action)]`, `LONG[action]`, the
binding's `tooltip`, or its `description` (the footer's short word). A binding inherited from
Textual is shown only if `LONG` describes its action (Up/Down in the tree are; Page Up is not).
Rows whose text is the same (Up and Down: "Move") are one row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.keys import key_to_character

from roadmap_tui.tui._textual_private import inherits_bindings

#: `p` and `s` share a row of the help (the same text makes one row: "p / s").
STATES = "p: doing ↔ todo, s: skipped ↔ todo (not counted); on a topic: its items"
TREE_STATES = "On a topic: p marks its items doing, s skipped (again: back to todo)"

#: `v` and `V` share a row (one action, "review", the second with forgot).
REVIEW = "v: reviewed, V: forgot (asks: doing again?) the finished topic under the cursor; ↻ marks those due"

#: The search bar's Enter and Shift+Enter share a row (its Escape is an edit's "cancel").
SEARCH_BAR = "In the search bar: the next / previous match"

#: The structure keys (`widgets/list_structure.py`, `screens/main_structure.py`), a few rows
#: (the help fits a 160x50 terminal whole).
ADD = "a: add after it (A: under it), r: rename (its whole text), d: delete it and all under it (Ctrl+Z undoes)"
TREE_ADD = "a: add a topic, section or part after it (A: under it), r: rename, d: delete it (Ctrl+Z undoes)"
MOVE = "K / J: move up / down among its siblings; < / >: outdent / indent (Alt+arrows too)"
TREE_MOVE = "K / J: move up / down beside its topics or sections; < / >: outdent / indent (Alt+arrows too)"

EDIT = ("Edit a blank in place: a phase's Duration, a Resources line, a project, a specialization area, "
        "a library entry (an item with none: its text)")

# The longer words for an action, where the footer's description is too short.
# Key: "action" everywhere, or ("Place", "action") for one place.
LONG: dict[str | tuple[str, str], str] = {
    "app.focus_next": "Move between the tree and the topic pane",
    "app.focus_previous": "Move between the tree and the topic pane",
    "help": "Help: every key (Escape, ? or F1 closes it)",
    "command_palette": "Command palette: type part of any title, item or filled-in text to go there (an item: "
    'its row, so Space checks it), "theme" to change the theme, or "open" to switch to another roadmap',
    "review": REVIEW,
    "review(True)": REVIEW,
    "undo": "Undo the last change (a toast says what)",
    "redo": "Redo the change just undone",
    "search": "Search titles, items, notes: the tree narrows as you type",
    "filter": "Filter the pane: all, not done, doing, skipped",
    "quit": "Quit. There is no save key: every change is already on disk",
    ("Tree", "cursor_up"): "Move (the right pane follows)",
    ("Tree", "cursor_down"): "Move (the right pane follows)",
    "cursor_up": "Move",
    "cursor_down": "Move",
    "open": "Open a node; on a topic, go to its items",
    "select_cursor": "Open or close a node; on a topic, go to its items",
    "close_or_parent": "Close a node, or go to its parent",
    ("Tree", "scroll_home"): "First row (the whole roadmap: every part and what is next) / last row",
    ("Tree", "scroll_end"): "First row (the whole roadmap: every part and what is next) / last row",
    "scroll_home": "First / last row",
    "scroll_end": "First / last row",
    "first": "First / last row",
    "last": "First / last row",
    ("Tree", "toggle"): "On a topic: check or uncheck all its items; on a part: open or close it",
    ("Tree", "edit"): "Fill in the entry's blank: a phase's Duration, a topic's Resources line",
    "toggle": "Check or uncheck the item (on a topic: all its items)",
    ("Tree", "mark_doing"): TREE_STATES,
    ("Tree", "mark_skipped"): TREE_STATES,
    "mark_doing": STATES,
    "mark_skipped": STATES,
    "activate": "Edit a blank, open a row or a note, or check it",
    "edit": EDIT,
    "edit_text": EDIT,
    "add": ADD,
    "add_here": ADD,
    "add_child": ADD,
    "rename": ADD,
    "remove": ADD,
    "move(-1)": MOVE,
    "move(1)": MOVE,
    "outdent": MOVE,
    "indent": MOVE,
    "structure('add')": TREE_ADD,
    "structure('add child')": TREE_ADD,
    "structure('rename')": TREE_ADD,
    "structure('delete')": TREE_ADD,
    "structure('move up')": TREE_MOVE,
    "structure('move down')": TREE_MOVE,
    "structure('outdent')": TREE_MOVE,
    "structure('indent')": TREE_MOVE,
    "back": "Back to the tree",
    ("Tree", "open_link"): "Open the web link in the highlighted entry's title in your browser",
    "open_link": "Open the row's web link (http/https only) in your browser",
    "submit": "Save the edit (leaving the field saves too); empty brings the blank back",
    "cancel": "Cancel the edit (the search bar: close it)",
    "undo_typing": "In a text field: undo / redo your typing (a burst of typing at a time)",
    "redo_typing": "In a text field: undo / redo your typing (a burst of typing at a time)",
    ("Tree", "note"): "Write the entry's note (Markdown); Ctrl+E: in $VISUAL/$EDITOR",
    ("Tree", "note_external"): "Write the entry's note (Markdown); Ctrl+E: in $VISUAL/$EDITOR",
    "note": "Write the row's note (Markdown); Ctrl+E: in $VISUAL/$EDITOR",
    "note_external": "Write the row's note (Markdown); Ctrl+E: in $VISUAL/$EDITOR",
    "next_match": SEARCH_BAR,
    "previous_match": SEARCH_BAR,
    "close": "In a note: save and close it (leaving it saves too); Ctrl+E: in $EDITOR",
    "external": "In a note: save and close it (leaving it saves too); Ctrl+E: in $EDITOR",
}

#: Places of Textual's text fields: only roadmap-tui's own keys are listed there.
OWN_KEYS_ONLY = ("Editing",)

MOUSE: list[tuple[str, str]] = [("Click", "Select a row; a checkbox toggles, a blank's text edits, a row below opens")]

KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "space": "Space",
    "escape": "Escape",
    "enter": "Enter",
    "tab": "Tab",
    "delete": "Delete",
    "backspace": "Backspace",
    "pageup": "Page Up",
    "pagedown": "Page Down",
}


def key_name(key: str) -> str:
    """A key as the help and the README write it: "?", "F1", "Ctrl+Q", "Shift+Tab", "Up", "j"."""
    *modifiers, base = key.split("+")
    name = KEY_NAMES.get(base)
    if name is None:
        character = key_to_character(base) if len(base) > 1 else base
        if character is not None and len(character) == 1 and character.isprintable():
            name = character
        else:
            name = base[:1].upper() + base[1:]
    if modifiers and len(name) == 1:
        name = name.upper()
    return "+".join([*(modifier.capitalize() for modifier in modifiers), name])


@dataclass
class KeyRow:
    """One row of the help: the keys (per action, in binding order) and what they do."""

    text: str
    keys: list[list[str]] = field(default_factory=list)  # one list of key names per action

    @property
    def shown_keys(self) -> str:
        """"Tab / Shift+Tab", "Home / End"; "Up / k, Down / j" when an action has several keys."""
        if all(len(names) == 1 for names in self.keys):
            return " / ".join(names[0] for names in self.keys)
        return ", ".join(" / ".join(names) for names in self.keys)

    @property
    def key_set(self) -> set[str]:
        return {name for names in self.keys for name in names}


def merged_bindings(cls: type[DOMNode]) -> list[tuple[Binding, bool]]:
    """`cls`'s bindings as Textual merges them (a subclass's key wins), each with whether it is
    declared by roadmap-tui (True) or inherited from Textual (False)."""
    keys: dict[str, list[tuple[Binding, bool]]] = {}
    for base in reversed(cls.__mro__):
        if not (isinstance(base, type) and issubclass(base, DOMNode)):
            continue
        if not inherits_bindings(base):
            keys.clear()
        ours = base.__module__.startswith("roadmap_tui.")
        declared = BindingsMap(base.__dict__.get("BINDINGS", []))
        for key, bindings in declared.key_to_bindings.items():
            keys.pop(key, None)  # redefined: it goes where the subclass puts it
            keys[key] = [(binding, ours) for binding in bindings]
    return [pair for pairs in keys.values() for pair in pairs]


def _places() -> list[tuple[str, list[type[DOMNode]]]]:
    from roadmap_tui.tui.app import RoadmapApp
    from roadmap_tui.tui.screens.main import MainScreen
    from roadmap_tui.tui.widgets.item_list import ItemList
    from roadmap_tui.tui.widgets.item_row import InlineInput
    from roadmap_tui.tui.widgets.note_editor import NoteEditor
    from roadmap_tui.tui.widgets.roadmap_tree import RoadmapTree
    from roadmap_tui.tui.widgets.search_bar import SearchInput
    from roadmap_tui.tui.widgets.topic_pane import TopicPane

    return [
        ("Anywhere", [RoadmapApp, MainScreen]),
        ("Tree", [RoadmapTree]),
        ("Topic", [TopicPane, ItemList]),
        ("Editing", [InlineInput, NoteEditor, SearchInput]),
    ]


def _bindings_of(place: str, classes: list[type[DOMNode]]) -> list[tuple[Binding, bool]]:
    found = [pair for cls in classes for pair in merged_bindings(cls)]
    app_class = classes[0]
    if place == "Anywhere" and getattr(app_class, "ENABLE_COMMAND_PALETTE", False):
        # Textual binds the palette when the app starts (not in BINDINGS), unless one is bound.
        if not any(binding.action in ("command_palette", "app.command_palette") for binding, _ in found):
            key = getattr(app_class, "COMMAND_PALETTE_BINDING", "ctrl+p")
            found.append((Binding(key, "command_palette", "Palette"), True))
    return found


def describe(place: str, binding: Binding) -> str | None:
    """What the binding does, in the help's words (None: not shown in the help)."""
    action = binding.action
    return LONG.get((place, action)) or LONG.get(action)


def _rank(place: str, action: str) -> int:
    """Where an action's row goes: in the order of `LONG`, then the undescribed ones."""
    for index, key in enumerate(LONG):
        if key == action or key == (place, action):
            return index
    return len(LONG)


def key_rows() -> list[tuple[str, list[KeyRow]]]:
    """The help's rows, place by place: Anywhere, Tree, Topic, Editing, Mouse.

    In each place, rows (and the actions in a row) go in the order of `LONG`; a binding it does
    not describe goes last.
    """
    places: list[tuple[str, list[KeyRow]]] = []
    for place, classes in _places():
        keys: dict[str, list[str]] = {}  # action -> its key names, in binding order
        texts: dict[str, str] = {}  # action -> what it does
        for binding, ours in _bindings_of(place, classes):
            if binding.system:
                continue
            text = describe(place, binding)
            if not ours and place in OWN_KEYS_ONLY:
                continue  # a text field's own keys (Up, Down...) are an editor's, not ours to list
            if text is None:
                if not ours:
                    continue  # inherited from Textual and not described: not one of ours to list
                text = binding.tooltip or binding.description or binding.action
            names = keys.setdefault(binding.action, [])
            texts.setdefault(binding.action, text)
            if key_name(binding.key) not in names:
                names.append(key_name(binding.key))
        rows: dict[str, KeyRow] = {}
        for action in sorted(keys, key=lambda action: _rank(place, action)):  # stable: binding order
            row = rows.setdefault(texts[action], KeyRow(texts[action]))
            if keys[action] not in row.keys:  # (`a` binds two actions in the pane: one row, one key)
                row.keys.append(keys[action])
        places.append((place, list(rows.values())))
    places.append(("Mouse", [KeyRow(text, [[key]]) for key, text in MOUSE]))
    return places
