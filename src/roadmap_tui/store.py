"""The roadmap file on disk: load it, change it, and write it back atomically.

Reading uses `tomllib` (fast). Changes are applied both to the model and, in place, to a
`tomlkit` document of the file's text (parsed on the first change), so a person's comments,
key order, blank lines and unknown keys survive every save. Writes go through `Writer`: a
background thread that writes the newest state with a temporary file in the same folder,
fsync, and `os.replace`, so the file on disk is always a whole roadmap.
"""

from __future__ import annotations

import os
import stat
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from roadmap_tui import paths
from roadmap_tui.model import Item, Node, Roadmap, fill_key, recount_up, title_path, toggle
from roadmap_tui.schema import Problem, RoadmapError, build_roadmap, parse_toml

MAX_FILE_BYTES = 20 * 1024 * 1024


def read_text(path: Path) -> str:
    """The file's text, or a `RoadmapError` that says what is wrong with it."""
    try:
        if path.is_dir():
            raise RoadmapError(path, [Problem("", "is a folder, not a roadmap file")])
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise RoadmapError(
                path, [Problem("", f"is {size:,} bytes; a roadmap file may be at most {MAX_FILE_BYTES:,}")]
            )
        data = path.read_bytes()
    except RoadmapError:
        raise
    except OSError as error:
        reason = error.strerror or str(error)
        raise RoadmapError(path, [Problem("", f"cannot be read: {reason}")]) from None
    return decode(data, path)


def decode(data: bytes, path: object) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise RoadmapError(
            path, [Problem(f"{line}:{column}", f"not UTF-8 text (byte 0x{data[error.start]:02x})")]
        ) from None


_UMASK: int | None = None


def _new_file_mode() -> int:
    """The mode a plain `open()` would give a new file (0o666 less the umask)."""
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return 0o666 & ~_UMASK


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see the old file or the new one, never half.

    A symlink is followed: the file it points to is replaced, and the link stays a link.
    """
    path = Path(os.path.realpath(path))
    directory = path.parent
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = _new_file_mode()
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise
    _fsync_dir(directory)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class Writer:
    """Writes the newest submitted bytes in a background thread; bursts collapse into one write.

    `on_result` is called on the writer thread after each write with None (written) or the
    exception that stopped it. After `close()`, a submission is written at once, on the
    caller's thread: nothing submitted is ever dropped.
    """

    def __init__(self, path: Path, on_result: Callable[[Exception | None], None] | None = None) -> None:
        self.path = path
        self.on_result = on_result
        self.error: Exception | None = None
        self.writes = 0
        self._cond = threading.Condition()
        self._pending: bytes | None = None
        self._busy = False
        self._closed = False
        self._thread: threading.Thread | None = None

    def submit(self, data: bytes) -> None:
        with self._cond:
            if not self._closed:
                self._pending = data
                if self._thread is None:
                    self._thread = threading.Thread(target=self._run, name="roadmap-writer", daemon=True)
                    self._thread.start()
                self._cond.notify_all()
                return
        self._write(data)

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._pending is None and not self._closed:
                    self._cond.wait()
                if self._pending is None:
                    return
                data, self._pending = self._pending, None
                self._busy = True
            try:
                self._write(data)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()

    def _write(self, data: bytes) -> None:
        try:
            atomic_write(self.path, data)
        except Exception as error:  # noqa: BLE001 - reported, and the thread goes on
            self.error = error
        else:
            self.writes += 1
            self.error = None
        if self.on_result is not None:
            self.on_result(self.error)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything submitted is written (or failed). False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: self._pending is None and not self._busy, timeout)

    def close(self, timeout: float | None = None) -> bool:
        """Write what is pending and stop the thread. Later submissions are written at once."""
        done = self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        return done


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


class RoadmapStore:
    """One roadmap file: its model, its TOML document, and the writer that saves it."""

    def __init__(self, path: Path, on_save: Callable[[Exception | None], None] | None = None) -> None:
        self.path = path
        self.roadmap: Roadmap | None = None
        self._text: str | None = None
        self._doc: Any = None
        self.writer = Writer(path, on_result=on_save)

    # Loading -------------------------------------------------------------------------------

    def load(self, create: bool = True) -> Roadmap:
        """Read and validate the file; if it is missing, start from the default roadmap.

        With `create`, a missing file is written from the default at once. Raises
        `RoadmapError` for anything unusable; the file is then never written by this store.
        """
        if not self.path.exists() and not self.path.is_symlink():
            default = paths.default_roadmap_bytes()
            text = decode(default, "the default roadmap")
            if create:
                try:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    atomic_write(self.path, default)
                except OSError as error:
                    raise RoadmapError(
                        self.path, [Problem("", f"cannot be created: {error.strerror or error}")]
                    ) from None
        else:
            text = read_text(self.path)
            if not text.strip():
                raise RoadmapError(self.path, [Problem("", "is empty: it holds no roadmap")])
        roadmap = build_roadmap(parse_toml(text, self.path), self.path)
        self._text, self._doc, self.roadmap = text, None, roadmap
        return roadmap

    @property
    def document(self) -> Any:
        """The tomlkit document of the loaded text (parsed on first use)."""
        if self._doc is None:
            import tomlkit

            if self._text is None:
                raise RuntimeError("load() first")
            self._doc = tomlkit.parse(self._text)
        return self._doc

    # Where an entry lives in the document --------------------------------------------------

    def _key_path(self, entry: Item | Node) -> list[str | int]:
        parent = entry.parent
        if isinstance(entry, Item):
            assert isinstance(parent, (Item, Node))
            return [*self._key_path(parent), "items", parent.items.index(entry)]
        if isinstance(parent, Node):
            return [*self._key_path(parent), "sections", parent.sections.index(entry)]
        assert self.roadmap is not None
        return ["phases", self.roadmap.phases.index(entry)]

    def _table(self, entry: Item | Node) -> Any:
        table = self.document
        for key in self._key_path(entry):
            table = table[key]
        return table

    def _set(self, entry: Item | Node, key: str, value: object) -> None:
        """Set `key` of `entry`'s table, keeping an inline table's `{ a = 1, b = 2 }` layout."""
        from tomlkit.items import InlineTable

        table = self._table(entry)
        if key in table or not isinstance(table, InlineTable):
            table[key] = value
        else:
            # tomlkit appends a key to an inline table as `..., key = value}`: rebuild it instead.
            self._rebuild_inline(entry, table, add=(key, value))

    def _delete(self, entry: Item | Node, key: str) -> None:
        from tomlkit.items import InlineTable

        table = self._table(entry)
        if key not in table:
            return
        if isinstance(table, InlineTable):
            # tomlkit leaves `..., b = 2  }` behind: rebuild it instead.
            self._rebuild_inline(entry, table, drop=key)
        else:
            del table[key]

    def _rebuild_inline(
        self, entry: Item | Node, table: Any, add: tuple[str, object] | None = None, drop: str | None = None
    ) -> None:
        pairs = [
            f"{k.as_string().strip()} = {v.as_string().strip()}"
            for k, v in table.value.body
            if k is not None and k.key != drop
        ]
        if add is not None:
            pairs.append(f"{_toml_key(add[0])} = {_toml_value(add[1])}")
        path = self._key_path(entry)
        container = self.document
        for step in path[:-1]:
            container = container[step]
        container[path[-1]] = _inline_table(pairs)

    # Changes: model and document together, then saved ------------------------------------

    def toggle(self, item: Item) -> list[Item]:
        """Flip a checkbox (a parent sets all its items). Returns the items whose flag changed."""
        changed = toggle(item)
        for target in changed:
            self._set(target, "done", bool(target.done))
        if changed:
            self.save()
        return changed

    def set_fill(self, entry: Item | Node, name: str, value: str) -> None:
        """Fill the placeholder of `entry.<name>`; an empty value brings the hint back."""
        value = value.strip()
        key = fill_key(name)
        setattr(entry, key, value)
        if value:
            self._set(entry, key, value)
        else:
            self._delete(entry, key)
        self.save()

    def set_text(self, item: Item, value: str) -> None:
        """Replace a plain entry's text (used for entries without a placeholder)."""
        value = value.strip()
        if not value:
            raise ValueError("empty text")
        item.text = value
        self._set(item, "text", value)
        self.save()

    def add_entry(self, node: Node, text: str) -> Item:
        """Append a plain bullet (a Resources Library entry) to `node`."""
        import tomlkit
        from tomlkit.items import AoT

        text = text.strip()
        if not text:
            raise ValueError("empty text")
        item = Item(text=text, done=None, parent=node)
        node.items.append(item)
        table = self._table(node)
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
        recount_up(node)
        self.save()
        return item

    def remove_item(self, item: Item) -> None:
        """Remove an entry (and its children) from its parent."""
        parent = item.parent
        assert isinstance(parent, (Item, Node))
        index = parent.items.index(item)
        del self._table(parent)["items"][index]
        del parent.items[index]
        recount_up(parent)
        self.save()

    def remember_selection(self, entry: Item | Node | None) -> None:
        """Keep the selected entry's title path in the file's `[ui]` table, for the next launch."""
        import tomlkit

        if self.roadmap is None or entry is None:
            return
        titles = title_path(entry)
        if titles == self.roadmap.selected:
            return
        self.roadmap.selected = titles
        doc = self.document
        if "ui" not in doc:
            doc["ui"] = tomlkit.table()
        doc["ui"]["selected"] = titles
        self.save()

    # Saving ------------------------------------------------------------------------------

    def save(self) -> None:
        """Hand the current document to the writer (the write itself happens off this thread)."""
        self.writer.submit(self.document.as_string().encode("utf-8"))

    def flush(self, timeout: float | None = None) -> bool:
        return self.writer.flush(timeout)

    def close(self, timeout: float | None = 10.0) -> bool:
        return self.writer.close(timeout)
