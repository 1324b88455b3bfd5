"""An edit (`core/edits.py`) applied to the file's tomlkit document, keeping the person's layout.

tomlkit keeps comments, key order, blank lines and unknown keys; the helpers here add what it
does not do by itself: an inline table keeps its `{ a = 1, b = 2 }` look when a key is added
or removed (tomlkit would write `..., b = 2  }` or `..., key = value}`), and a new entry goes
into an array the way its neighbours are written (an array of tables, or inline tables).

`apply(doc, edit)` finds the edit's table (`locate`: its key path if the name there matches,
else its title path, each title looked up among the tables of the kind the key path names:
`find`) and hands it to `apply_at`, the one dispatch on the edit's type, which
`SegmentedDocument` (`segmented.py`) also uses on the one chunk an edit lands in.

tomlkit is imported inside the functions: `status` and `export` import this package's
neighbours and must not pay for it. No Textual here.
"""

from __future__ import annotations

import tomllib
from typing import Any

from roadmap_tui.core.edits import (
    AppendEntry,
    ClearField,
    Edit,
    InsertEntry,
    ItemData,
    KeyPath,
    RemoveEntry,
    SetField,
    kinds,
)
from roadmap_tui.core.model import Review
from roadmap_tui.core.review_edits import AppendReview, RemoveReview, review_index


def name(table: Any) -> object:
    """What a table is called: an item's `text`, a node's `title` (None for anything else)."""
    if not hasattr(table, "get"):
        return None
    return table.get("text", table.get("title"))


def walk(doc: Any, where: KeyPath | list[str | int]) -> Any:
    """The table at `where`, or None if the path leads nowhere."""
    current = doc
    try:
        for step in where:
            current = current[step]
    except (KeyError, IndexError, TypeError):
        return None
    return current


def find(doc: Any, where: KeyPath, titles: tuple[str, ...]) -> KeyPath | None:
    """The key path of the entry with these titles (the first, if several have them), each title
    looked up among the tables of the kind the key path names there (`edits.kinds`: a node's
    "sections" or its "items"), as `edits.find` does in the model."""
    path: list[str | int] = []
    current = doc
    keys: tuple[str, ...] = ("phases",)
    for kind, title in zip(kinds(where, titles), titles):
        found = None
        for key in keys if kind is None else tuple(k for k in keys if k == kind):
            tables = current.get(key) if hasattr(current, "get") else None
            if not isinstance(tables, list):
                continue
            for index, table in enumerate(tables):
                if name(table) == title:
                    found = (key, index, table)
                    break
            if found:
                break
        if found is None:
            return None
        key, index, current = found
        path += [key, index]
        keys = ("items",) if key == "items" else ("sections", "items")
    return tuple(path)


def locate(doc: Any, edit: Edit) -> KeyPath | None:
    """The key path `edit` applies to in `doc`, or None when its entry is gone."""
    table = walk(doc, edit.where)
    if table is not None and edit.titles and name(table) == edit.titles[-1]:
        return edit.where
    return find(doc, edit.where, edit.titles)


def _toml_key(key: str) -> str:
    import tomlkit

    return tomlkit.key(key).as_string()


def _toml_value(value: object) -> str:
    import tomlkit

    return tomlkit.item(value).as_string()


def note_value(text: str) -> Any:
    """A note as the file keeps it: a multi-line string whose text starts on the line after
    the opening triple quotes and ends with a line break before the closing ones (the reader
    drops that one break), so a note reads and diffs like the Markdown it is. One line stays a plain string."""
    import tomlkit

    if "\n" not in text:
        return tomlkit.string(text)
    source = tomlkit.string(text + "\n", multiline=True).as_string()
    # tomlkit starts the string with a line break itself when the text starts with one (TOML
    # drops a line break right after the quotes): add one only where that reads back the note.
    for candidate in (source[:3] + "\n" + source[3:], source):
        try:
            reads = tomllib.loads("x = " + candidate)["x"]
        except tomllib.TOMLDecodeError:
            continue
        if reads == text + "\n":
            return tomlkit.parse("x = " + candidate)["x"]
    return tomlkit.string(text)  # (a carriage return, say: one line, escaped, still the exact text)


def _file_value(key: str, value: object) -> object:
    return note_value(value) if key == "note" and isinstance(value, str) else value


def _inline_table(pairs: list[str]) -> Any:
    """An inline table laid out as `{ a = 1, b = 2 }`, from `key = value` strings."""
    import tomlkit

    return tomlkit.parse("x = { " + ", ".join(pairs) + " }")["x"]


#: The order the app writes an entry's keys in (`_pairs`): a key it puts back (an undo of a
#: cleared date, say) goes after the last key before it in this order, where it was, not at the
#: end of the table after a person's own keys.
KEY_ORDER = ("text", "title", "done", "text_fill", "title_fill", "md", "state", "started_at", "done_at", "note")
PROGRESS_KEYS = frozenset({"done", "state", "started_at", "done_at"})


def _place_after(keys: list[str], key: str) -> str | None:
    """The key of `keys` that `key`, put in, goes right after (None: at the end)."""
    if key not in KEY_ORDER:
        return None
    rank = KEY_ORDER.index(key)
    before = [k for k in keys if k in KEY_ORDER and KEY_ORDER.index(k) < rank]
    return before[-1] if before else None


def _rebuild_inline(doc: Any, where: KeyPath, table: Any, add: tuple[str, object] | None, drop: str | None) -> None:
    body = [(k.key, f"{k.as_string().strip()} = {v.as_string().strip()}") for k, v in table.value.body
            if k is not None and k.key != drop]
    pairs = [pair for _, pair in body]
    if add is not None:
        after = _place_after([k for k, _ in body], add[0])
        at = next((i + 1 for i, (k, _) in enumerate(body) if k == after), len(pairs))
        pairs.insert(at, f"{_toml_key(add[0])} = {_toml_value(add[1])}")
    walk(doc, where[:-1])[where[-1]] = _inline_table(pairs)


def set_key(doc: Any, where: KeyPath, key: str, value: object) -> None:
    """Set `key` of the table at `where`, keeping an inline table's `{ a = 1, b = 2 }` layout."""
    from tomlkit.items import InlineTable

    table = walk(doc, where)
    value = _file_value(key, value)
    if key in table:
        table[key] = value
    elif not isinstance(table, InlineTable):
        # (in a table only a state or a date, scalars tomlkit inserts cleanly; other keys append)
        after = _place_after([str(k) for k in table.keys()], key) if key in PROGRESS_KEYS else None
        container = table if hasattr(table, "_insert_after") else getattr(table, "value", None)  # (a chunk: a document)
        if after is None or not hasattr(container, "_insert_after"):
            table[key] = value
        else:  # where the app writes it (`KEY_ORDER`), not after a person's own keys
            import tomlkit

            container._insert_after(after, key, tomlkit.item(value))  # type: ignore[union-attr]  # (no public insert)
    else:
        # tomlkit appends a key to an inline table as `..., key = value}`: rebuild it instead.
        _rebuild_inline(doc, where, table, add=(key, value), drop=None)


def delete_key(doc: Any, where: KeyPath, key: str) -> None:
    """Remove `key` from the table at `where` (nothing when it has none)."""
    from tomlkit.items import InlineTable

    table = walk(doc, where)
    if key not in table:
        return
    if isinstance(table, InlineTable):
        # tomlkit leaves `..., b = 2  }` behind: rebuild it instead.
        _rebuild_inline(doc, where, table, add=None, drop=key)
    else:
        del table[key]


def _pairs(data: ItemData) -> list[tuple[str, object]]:
    """An item's keys as the file holds them, absent ones left out."""
    pairs: list[tuple[str, object]] = [("text", data.text)]
    if data.done is not None:
        pairs.append(("done", data.done))
    if data.text_fill:
        pairs.append(("text_fill", data.text_fill))
    if data.md is not None:
        pairs.append(("md", data.md))
    for key in ("state", "started_at", "done_at", "note"):
        value = getattr(data, key)
        if value is not None and value != "":
            pairs.append((key, value))
    return pairs


def _source(key: str, value: object) -> str:
    """`key = value` as the file writes it (a note as `note_value`, reviews as `reviews_source`)."""
    if key == "reviews" and isinstance(value, tuple):
        return f"reviews = {reviews_source(value)}"
    return f"{_toml_key(key)} = {_toml_value(_file_value(key, value))}"


def review_source(review: Review) -> str:
    """`{ at = 2026-12-03T08:00:00+01:00, result = "remembered" }`: a review as an inline table."""
    return f"{{ at = {_toml_value(review.at)}, result = {_toml_value(review.result)} }}"


def reviews_source(reviews: tuple[Review, ...]) -> str:
    return "[" + ", ".join(review_source(review) for review in reviews) + "]"


def _review_of(table: Any) -> Review | None:
    if not hasattr(table, "get"):
        return None
    return Review(table.get("at"), table.get("result"))


def append_review(doc: Any, where: KeyPath, review: Review, index: int | None) -> None:
    """Add `review` to the `reviews` of the table at `where` (at `index`; None: at the end), written
    like the reviews there: an inline table in an array (the usual), a table in an array of tables."""
    import tomlkit
    from tomlkit.items import AoT

    table = walk(doc, where)
    if "reviews" not in table:
        set_key(doc, where, "reviews", tomlkit.parse(f"x = [{review_source(review)}]")["x"])
        return
    container = table["reviews"]
    at = len(container) if index is None else min(max(index, 0), len(container))
    if isinstance(container, AoT):
        entry = tomlkit.table()
        entry["at"], entry["result"] = review.at, review.result
        _put(container, at, entry)
    else:
        _put(container, at, tomlkit.parse(f"x = {review_source(review)}")["x"])


def remove_review(doc: Any, where: KeyPath, index: int, review: Review | None) -> None:
    """Take `review` out of the `reviews` of the table at `where` (see `review_index`); the key
    goes with its last review, so a review undone leaves the file as it was."""
    table = walk(doc, where)
    container = table.get("reviews") if hasattr(table, "get") else None
    if not isinstance(container, list):
        return
    at = review_index([_review_of(t) for t in container], index, review)
    if at is None:
        return
    if len(container) == 1:
        delete_key(doc, where, "reviews")
    else:
        del container[at]


def _inline_source(data: ItemData) -> str:
    """`{ text = "...", done = false, items = [{ ... }] }`: an item as one inline table."""
    pairs = [_source(key, value) for key, value in _pairs(data)]
    if data.reviews:
        pairs.append(_source("reviews", data.reviews))
    if data.items:
        pairs.append("items = [" + ", ".join(_inline_source(child) for child in data.items) + "]")
    return "{ " + ", ".join(pairs) + " }"


def _items_array(table: Any) -> Any:
    """The table's `items`, made an empty multi-line array first when it has none."""
    import tomlkit

    if "items" not in table:
        table["items"] = tomlkit.parse("items = [\n]")["items"]
    return table["items"]


def insert_entry(doc: Any, where: KeyPath, index: int | None, data: ItemData) -> None:
    """Put an item into the items of the table at `where`, at `index` (None: at the end),
    written like its neighbours: a table of its own in an array of tables, else an inline table."""
    import tomlkit
    from tomlkit.items import AoT

    from tomlkit.items import InlineTable

    table = walk(doc, where)
    if "items" not in table and isinstance(table, InlineTable):
        # the first item of an inline one: `items = [{ ... }]` on its line, the table rebuilt
        set_key(doc, where, "items", tomlkit.parse(f"x = [{_inline_source(data)}]")["x"])
        return
    container = _items_array(table)
    at = len(container) if index is None else min(index, len(container))
    if isinstance(container, AoT):
        entry = tomlkit.table()
        for key, value in _pairs(data):
            entry[key] = _file_value(key, value)
        if data.reviews:
            entry["reviews"] = tomlkit.parse(f"x = {reviews_source(data.reviews)}")["x"]
        if data.items:
            entry["items"] = tomlkit.parse("items = [" + ", ".join(_inline_source(c) for c in data.items) + "]")[
                "items"
            ]
        entry.add(tomlkit.nl())  # a blank line before whatever table comes next
        _put(container, at, entry)
    else:
        _put(container, at, tomlkit.parse("x = " + _inline_source(data))["x"])
        if len(container) > 1 and "\n" not in container.as_string():
            container.multiline(True)


def _put(container: Any, at: int, value: Any) -> None:
    if at >= len(container):
        container.append(value)  # tomlkit lays out an append like the entries before it
    else:
        container.insert(at, value)


def append_entry(doc: Any, where: KeyPath, text: str) -> None:
    """Add a plain bullet with `text` at the end of the items of the table at `where`."""
    insert_entry(doc, where, None, ItemData(text))


def remove_entry(doc: Any, where: KeyPath) -> None:
    """Remove the item table at `where` (with everything in it); the `items` it leaves empty
    go too, so an item added and removed again leaves its parent as it was."""
    container = walk(doc, where[:-1])
    del container[where[-1]]
    if not len(container):
        delete_key(doc, where[:-2], "items")


def apply_at(doc: Any, where: KeyPath, edit: Edit) -> None:
    """Apply `edit` to the table at `where` in `doc` (a document, or one chunk's): the one
    dispatch on the edit's type."""
    if isinstance(edit, SetField):
        set_key(doc, where, edit.key, edit.value)
    elif isinstance(edit, ClearField):
        delete_key(doc, where, edit.key)
    elif isinstance(edit, AppendEntry):
        append_entry(doc, where, edit.text)
    elif isinstance(edit, InsertEntry):
        insert_entry(doc, where, edit.index, edit.entry)
    elif isinstance(edit, RemoveEntry):
        remove_entry(doc, where)
    elif isinstance(edit, AppendReview):
        assert edit.review is not None
        append_review(doc, where, edit.review, edit.index)
    elif isinstance(edit, RemoveReview):
        remove_review(doc, where, edit.index, edit.review)
    else:
        raise TypeError(f"not an edit: {edit!r}")


def apply(doc: Any, edit: Edit) -> bool:
    """Apply `edit` to a whole tomlkit document. False when its entry is no longer in the file."""
    from roadmap_tui.storage import toml_structure  # (it builds on this module)

    if isinstance(edit, toml_structure.STRUCTURE):
        return toml_structure.apply(doc, edit)
    where = locate(doc, edit)
    if where is None:
        return False
    apply_at(doc, where, edit)
    return True
