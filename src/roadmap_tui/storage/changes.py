"""A change the learner made, as data: applied to the model at once, to the file's document later.

The store records each change as a `Change` and hands it to the saver thread, which applies it
to the tomlkit document of the file and writes that. When the file was changed by another
program (an editor, git, a second roadmap-tui) the saver reloads it and applies the changes
that are not on disk yet again, to the new document; the app applies the newest ones again to
the model it gets back. So a change carries where it goes twice: the key path it had when it
was made (fast, and right unless the file moved things around) and the title path of its
entry (to find the entry again when the key path no longer leads to it).

No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from roadmap_tui.core.model import Item, Node, Roadmap, recount_up

KeyPath = list[str | int]


@dataclass
class Change:
    """One edit: `kind` is "set", "delete", "append", "remove" or "ui"."""

    seq: int
    kind: str
    where: KeyPath  # the key path of the table it changes (for "remove": of the item to remove)
    titles: list[str] = field(default_factory=list)  # the title path of that entry ([] for "ui")
    key: str = ""
    value: Any = None

    def describe(self) -> str:
        what = {"set": f"set {self.key}", "delete": f"clear {self.key}", "append": "add an entry to"}.get(
            self.kind, self.kind
        )
        return f"{what} “{' › '.join(self.titles)}”" if self.titles else what


def root_of(entry: Item | Node) -> Roadmap | None:
    """The roadmap `entry` belongs to (a reload builds a new one; old entries keep the old)."""
    current: object = entry
    while isinstance(current, (Item, Node)):
        current = current.parent
    return current if isinstance(current, Roadmap) else None


def key_path(entry: Item | Node) -> KeyPath:
    """Where `entry`'s table sits in the file: ["phases", 0, "sections", 1, "items", 3]."""
    steps: KeyPath = []
    current: Item | Node = entry
    while True:
        parent = current.parent
        if isinstance(current, Item):
            assert isinstance(parent, (Item, Node))
            steps[:0] = ["items", parent.items.index(current)]
        elif isinstance(parent, Node):
            steps[:0] = ["sections", parent.sections.index(current)]
        else:
            assert isinstance(parent, Roadmap)
            steps[:0] = ["phases", parent.phases.index(current)]
            return steps
        current = parent


# In the document ------------------------------------------------------------------------------


def _name(table: Any) -> object:
    if not hasattr(table, "get"):
        return None
    return table.get("text", table.get("title"))


def _walk(doc: Any, where: KeyPath) -> Any:
    """The table at `where`, or None if the path leads nowhere."""
    current = doc
    try:
        for step in where:
            current = current[step]
    except (KeyError, IndexError, TypeError):
        return None
    return current


def _find(doc: Any, titles: list[str]) -> KeyPath | None:
    """The key path of the entry with these titles (the first, if several have them)."""
    path: KeyPath = []
    current = doc
    keys: tuple[str, ...] = ("phases",)
    for title in titles:
        found = None
        for key in keys:
            tables = current.get(key) if hasattr(current, "get") else None
            if not isinstance(tables, list):
                continue
            for index, table in enumerate(tables):
                if _name(table) == title:
                    found = (key, index, table)
                    break
            if found:
                break
        if found is None:
            return None
        key, index, current = found
        path += [key, index]
        keys = ("items",) if key == "items" else ("sections", "items")
    return path


def locate(doc: Any, change: Change) -> KeyPath | None:
    """The key path the change applies to in `doc`, or None when its entry is gone."""
    if not change.titles:
        return change.where
    table = _walk(doc, change.where)
    if table is not None and _name(table) == change.titles[-1]:
        return change.where
    return _find(doc, change.titles)


def _toml_key(key: str) -> str:
    import tomlkit

    return tomlkit.key(key).as_string()


def _toml_value(value: object) -> str:
    import tomlkit

    return tomlkit.item(value).as_string()


def _inline_table(pairs: list[str]) -> Any:
    """An inline table laid out as `{ a = 1, b = 2 }`, from `key = value` strings."""
    import tomlkit

    return tomlkit.parse("x = { " + ", ".join(pairs) + " }")["x"]


def _rebuild_inline(doc: Any, where: KeyPath, table: Any, add: tuple[str, object] | None, drop: str | None) -> None:
    pairs = [
        f"{k.as_string().strip()} = {v.as_string().strip()}"
        for k, v in table.value.body
        if k is not None and k.key != drop
    ]
    if add is not None:
        pairs.append(f"{_toml_key(add[0])} = {_toml_value(add[1])}")
    _walk(doc, where[:-1])[where[-1]] = _inline_table(pairs)


def _set(doc: Any, where: KeyPath, key: str, value: object) -> None:
    """Set `key`, keeping an inline table's `{ a = 1, b = 2 }` layout."""
    from tomlkit.items import InlineTable

    table = _walk(doc, where)
    if key in table or not isinstance(table, InlineTable):
        table[key] = value
    else:
        # tomlkit appends a key to an inline table as `..., key = value}`: rebuild it instead.
        _rebuild_inline(doc, where, table, add=(key, value), drop=None)


def _delete(doc: Any, where: KeyPath, key: str) -> None:
    from tomlkit.items import InlineTable

    table = _walk(doc, where)
    if key not in table:
        return
    if isinstance(table, InlineTable):
        # tomlkit leaves `..., b = 2  }` behind: rebuild it instead.
        _rebuild_inline(doc, where, table, add=None, drop=key)
    else:
        del table[key]


def _append(doc: Any, where: KeyPath, text: str) -> None:
    import tomlkit
    from tomlkit.items import AoT

    table = _walk(doc, where)
    if "items" not in table:
        table["items"] = tomlkit.parse("items = [\n]")["items"]
    container = table["items"]
    if isinstance(container, AoT):
        entry = tomlkit.table()
        entry["text"] = text
        entry.add(tomlkit.nl())  # a blank line before whatever table comes next
        container.append(entry)
    else:
        container.append(_inline_table([f"text = {_toml_value(text)}"]))
        if len(container) > 1 and "\n" not in container.as_string():
            container.multiline(True)


def apply_to_document(doc: Any, change: Change) -> bool:
    """Apply `change` to a tomlkit document (or a `SegmentedDocument`). False when its entry
    is no longer in the file."""
    import tomlkit

    if hasattr(doc, "apply_change"):
        return doc.apply_change(change)

    if change.kind == "ui":
        if "ui" not in doc:
            doc["ui"] = tomlkit.table()
        elif not isinstance(doc["ui"], dict):
            return True  # a `ui` of the person's own that is not a table: the selection is not kept
        doc["ui"]["selected"] = change.value
        return True
    where = locate(doc, change)
    if where is None:
        return False
    if change.kind == "set":
        _set(doc, where, change.key, change.value)
    elif change.kind == "delete":
        _delete(doc, where, change.key)
    elif change.kind == "append":
        _append(doc, where, change.value)
    elif change.kind == "remove":
        del _walk(doc, where[:-1])[where[-1]]
    else:
        raise ValueError(f"unknown change {change.kind!r}")
    return True


# In the model ---------------------------------------------------------------------------------


def _model_walk(roadmap: Roadmap, where: KeyPath) -> Item | Node | None:
    current: object = roadmap
    try:
        for step in where:
            current = getattr(current, step) if isinstance(step, str) else current[step]  # type: ignore[index]
    except (AttributeError, IndexError, TypeError):
        return None
    return current if isinstance(current, (Item, Node)) else None


def _model_find(roadmap: Roadmap, titles: list[str]) -> Item | Node | None:
    candidates: list[Item | Node] = list(roadmap.phases)
    found: Item | Node | None = None
    for title in titles:
        found = next((c for c in candidates if c.title == title), None)
        if found is None:
            return None
        candidates = [*found.sections, *found.items] if isinstance(found, Node) else list(found.items)
    return found


def apply_to_model(roadmap: Roadmap, change: Change) -> bool:
    """Apply `change` to a model built from the file (to replay what the file doesn't show yet)."""
    if change.kind == "ui":
        roadmap.selected = list(change.value)
        return True
    entry = _model_walk(roadmap, change.where)
    if entry is None or entry.title != change.titles[-1]:
        entry = _model_find(roadmap, change.titles)
    if entry is None:
        return False
    if change.kind == "set":
        setattr(entry, change.key, change.value)
        recount_up(entry)
    elif change.kind == "delete":
        setattr(entry, change.key, "")
    elif change.kind == "append":
        assert isinstance(entry, Node)
        item = Item(text=change.value, done=None, parent=entry)
        entry.items.append(item)
        recount_up(entry)
    elif change.kind == "remove":
        parent = entry.parent
        assert isinstance(parent, (Item, Node)) and isinstance(entry, Item)
        parent.items.remove(entry)
        recount_up(parent)
    return True
