"""The structure edits (`core/structure_edits.py`) made in the file's tomlkit document.

A moved entry's table is moved itself, so it keeps its keys (unknown ones too), its layout and
the comments inside it; every other table stays as it was. A table moved between an array of
tables (`[[phases.sections.items]]`) and an inline array (`items = [{ ... }]`) is written the
way its new neighbours are: a table of its own, or one inline table (comments inside it cannot
come along into one line, the keys all do). A node put in is a table in its parent's array of
tables, its items inline, as the default roadmap writes them.

What a removal took out is kept on the side (`Stash`, held by the document the saver edits), so
putting the same entry back (an undo) puts back the very same table, byte for byte.

No Textual here; tomlkit is imported inside the functions, as in `toml_edit.py`.
"""

from __future__ import annotations

from typing import Any

from roadmap_tui.core.edits import Edit, InsertEntry, KeyPath, RemoveEntry, Titles
from roadmap_tui.core.structure_edits import InsertNode, MoveEntry, NodeData, RemoveNode
from roadmap_tui.storage import toml_edit

Stash = dict[object, Any]
"""Removed tables, by what they held (`ItemData` or `NodeData`), to put back as they were."""

STRUCTURE = (InsertNode, RemoveNode, MoveEntry)


def _target(doc: Any, where: KeyPath, titles: Titles) -> KeyPath | None:
    """The key path of the table at `where`/`titles` (() for the document itself), or None."""
    if not where and not titles:
        return ()
    table = toml_edit.walk(doc, where)
    if table is not None and titles and toml_edit.name(table) == titles[-1]:
        return where
    return toml_edit.find(doc, where, titles)


def _unwrap(value: Any) -> Any:
    return value.unwrap() if hasattr(value, "unwrap") else value


def _inline_text(value: Any) -> str:
    """A value as inline TOML: tables as `{ ... }`, everything else as tomlkit writes it."""
    if isinstance(value, dict):
        pairs = [f"{toml_edit._toml_key(k)} = {_inline_text(v)}" for k, v in value.items()]
        return "{ " + ", ".join(pairs) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_inline_text(v) for v in value) + "]"
    return toml_edit._toml_value(value)


def _as_inline(table: Any, stash: Stash | None) -> Any:
    import tomlkit
    from tomlkit.items import InlineTable

    if isinstance(table, InlineTable):
        return table
    text = _inline_text(_unwrap(table))
    if stash is not None:
        stash[("inline", text)] = table  # a table of its own made one line: moved back, it is itself again
    return tomlkit.parse("x = " + text)["x"]


def _as_table(table: Any, stash: Stash | None) -> Any:
    import tomlkit
    from tomlkit.items import InlineTable

    if not isinstance(table, InlineTable):
        return table
    kept = stash.pop(("inline", _inline_text(_unwrap(table))), None) if stash is not None else None
    if kept is not None:
        return kept
    made = tomlkit.table()
    for key, value in table.value.body:
        if key is not None:
            made[key.key] = value
    made.add(tomlkit.nl())
    return made


def _put(container: Any, index: int, table: Any, stash: Stash | None) -> None:
    """Put `table` into `container` at `index`, written like the entries there: a table in an
    array of tables, else inline."""
    from tomlkit.items import AoT

    at = min(max(index, 0), len(container))
    made = _as_table(table, stash) if isinstance(container, AoT) else _as_inline(table, stash)
    toml_edit._put(container, at, made)
    if not isinstance(container, AoT) and len(container) > 1 and "\n" not in container.as_string():
        container.multiline(True)


def _list_of(doc: Any, path: KeyPath, key: str) -> Any:
    """The array under `key` of the table at `path`, made first (items: an inline array, on lines
    of its own in a table; nodes: an array of tables)."""
    import tomlkit
    from tomlkit.items import InlineTable

    parent = toml_edit.walk(doc, path)
    if key not in parent:
        if isinstance(parent, InlineTable):
            toml_edit.set_key(doc, path, key, tomlkit.array())  # (keeps its `{ a = 1 }` look)
            parent = toml_edit.walk(doc, path)
        elif key == "items":
            toml_edit._items_array(parent)
            if not parent.as_string().endswith("\n"):  # (a table that lost its last newline:
                parent.add(tomlkit.nl())  # the next table's header would follow `]` on its line)
        else:
            parent.append(key, tomlkit.aot())
    return parent[key]


def _take(doc: Any, where: KeyPath) -> Any:
    """Take the table at `where` out of its array; an array left empty goes with its key (so
    moving the entry back leaves the file as it was)."""
    container = toml_edit.walk(doc, where[:-1])
    table = container[where[-1]]
    del container[where[-1]]
    if not len(container) and isinstance(where[-2], str) and where[-2] != "phases":
        toml_edit.delete_key(doc, where[:-2], where[-2])
    return table


def node_table(data: NodeData) -> Any:
    """A node as a table of its own: its keys, its items inline, its sections tables."""
    import tomlkit

    table = tomlkit.table()
    table["title"] = data.title
    for key in ("title_fill", "duration", "duration_fill", "focus", "intro", "md", "note"):
        value = getattr(data, key)
        if value is not None and value != "":
            table[key] = toml_edit._file_value(key, value)
    if data.reviews:
        table["reviews"] = tomlkit.parse(f"x = {toml_edit.reviews_source(data.reviews)}")["x"]
    if data.items:
        source = "items = [\n" + "".join(f"  {toml_edit._inline_source(i)},\n" for i in data.items) + "]"
        table["items"] = tomlkit.parse(source)["items"]
    table.add(tomlkit.nl())
    if data.sections:
        sections = tomlkit.aot()
        for section in data.sections:
            sections.append(node_table(section))
        table.append("sections", sections)
    return table


def _remove(doc: Any, edit: Edit, stash: Stash | None) -> bool:
    where = toml_edit.locate(doc, edit)
    if where is None:
        return False
    before = getattr(edit, "before", None)
    if isinstance(edit, RemoveEntry):
        table = toml_edit.walk(doc, where)
        toml_edit.remove_entry(doc, where)  # (as ever: an emptied `items` stays)
    else:
        table = _take(doc, where)
    if stash is not None and before is not None:
        stash[before] = table
    return True


def _insert_node(doc: Any, edit: InsertNode, stash: Stash | None) -> bool:
    path = _target(doc, edit.where, edit.titles)
    if path is None:
        return False
    kept = stash.pop(edit.node, None) if stash is not None else None
    container = _list_of(doc, path, "sections" if path else "phases")
    _put(container, edit.index, kept if kept is not None else node_table(edit.node), stash)
    return True


def _insert_entry(doc: Any, edit: InsertEntry, stash: Stash | None) -> bool:
    """An item put back: the table it was, when this document took it out, else as `toml_edit` writes it."""
    kept = stash.pop(edit.entry, None) if stash is not None else None
    if kept is None:
        return toml_edit.apply(doc, edit)
    path = _target(doc, edit.where, edit.titles)
    if path is None:
        return False
    _put(_list_of(doc, path, "items"), edit.index, kept, stash)
    return True


def _move(doc: Any, edit: MoveEntry, stash: Stash | None) -> bool:
    where = toml_edit.locate(doc, edit)
    to = _target(doc, edit.to, edit.to_titles)
    if where is None or to is None or to[: len(where)] == where:
        return False  # gone, or into itself
    kind = where[-2]
    key = "items" if kind == "items" else ("sections" if to else "phases")
    container = _list_of(doc, to, key)  # first: an inline table is rebuilt to take it
    table = _take(doc, where)
    _put(container, edit.index, table, stash)
    return True


def apply(doc: Any, edit: Edit, stash: Stash | None = None) -> bool:
    """Apply a structure edit (or an item's removal or putting back, to keep what it removes in
    `stash`) to a whole tomlkit document; False when its entry is no longer in the file."""
    if isinstance(edit, MoveEntry):
        return _move(doc, edit, stash)
    if isinstance(edit, InsertNode):
        return _insert_node(doc, edit, stash)
    if isinstance(edit, (RemoveNode, RemoveEntry)):
        return _remove(doc, edit, stash)
    if isinstance(edit, InsertEntry):
        return _insert_entry(doc, edit, stash)
    return toml_edit.apply(doc, edit)
