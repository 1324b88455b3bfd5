"""The roadmap file as a row of table chunks, so a change re-parses one chunk, not the file.

tomlkit keeps comments and layout, but parsing a whole file with it is slow and big: about
4 s and 100 MiB for 10,000 items, 20 s and 400 MiB for 50,000. A change touches one table.
So `SegmentedDocument` cuts the text at its table headers (`[[phases.sections]]`, `[ui]`, ...),
works out which entry of the roadmap each header opens (`phases[0].sections[2]`, as TOML
counts arrays of tables), and parses a chunk with tomlkit only when a change lands in it. The
file is the chunks joined again, so every byte outside the changed chunk stays as it was.

What this can't place (an edit that adds, removes or moves a whole table, or a file whose headers
it doesn't understand, such as quoted keys) goes through a full tomlkit parse, then the text
is cut again. What an edit does to a table is `toml_edit`'s: this module only finds the table.

No Textual here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from roadmap_tui.core.edits import AppendEntry, Edit, InsertEntry, KeyPath, RemoveEntry
from roadmap_tui.core.structure_edits import MoveEntry
from roadmap_tui.core.review_edits import AppendReview, RemoveReview
from roadmap_tui.storage import toml_edit, toml_structure

if TYPE_CHECKING:  # tomlkit itself loads only when a change lands
    from tomlkit import TOMLDocument

_BARE = r"[A-Za-z0-9_-]+"
HEADER_RE = re.compile(
    rf"[ \t]*(\[\[|\[)[ \t]*({_BARE}(?:[ \t]*\.[ \t]*{_BARE})*)[ \t]*(\]\]|\])[ \t]*(?:#[^\n]*)?\r?"
)
TOKEN_RE = re.compile(r'"""|\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]')
BLANK_OR_COMMENT_RE = re.compile(r"[ \t]*(?:#[^\n]*)?\r?\n?")


class Unsegmentable(Exception):
    """The text has a header this module does not understand: use a whole tomlkit document."""


@dataclass
class _Chunk:
    header: str  # the header line with its newline ("" for the text before the first header)
    body: str  # the table's keys, up to its last key line
    tail: str  # blank and comment lines after it (they stay put when a key is added)
    path: KeyPath
    doc: TOMLDocument | None = None  # the body parsed with tomlkit, once a change lands here

    def document(self) -> TOMLDocument:
        if self.doc is None:
            import tomlkit

            self.doc = tomlkit.parse(self.body)
        return self.doc

    def text(self) -> str:
        if self.doc is None:
            return self.header + self.body + self.tail
        body = self.doc.as_string()
        newline = "\r\n" if "\r\n" in self.header + self.body else "\n"
        if body and not body.endswith("\n") and (self.body.endswith("\n") or not self.body):
            body += newline  # a key added at the end of a document of its own has no newline yet
        header = self.header
        if header and body and not header.endswith("\n"):
            header += newline  # a header on the file's last line, without a newline
        return header + body + self.tail


def _closing(line: str, start: int, quote: str) -> int:
    """Where the multi-line string opened with `quote` ends in `line` (after it), or -1."""
    at = start
    while True:
        at = line.find(quote, at)
        if at < 0:
            return -1
        backslashes = 0
        while quote == '"""' and at - backslashes - 1 >= 0 and line[at - backslashes - 1] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:
            end = at + 3
            while end < len(line) and line[end] == quote[0] and end - at < 5:
                end += 1  # up to two quotes of the string's own just before the closing three
            return end
        at += 1


def _header_starts(text: str) -> list[tuple[int, str, str]]:
    """Each table header: (offset of its line, "[[" or "[", its dotted name)."""
    found: list[tuple[int, str, str]] = []
    depth = 0
    open_quote: str | None = None
    offset = 0
    for line in text.split("\n"):
        start = offset
        offset += len(line) + 1
        at = 0
        if open_quote is not None:
            at = _closing(line, 0, open_quote)
            if at < 0:
                continue
            open_quote = None
        elif depth == 0 and line.lstrip(" \t").startswith("["):
            match = HEADER_RE.fullmatch(line)
            if match is None:
                raise Unsegmentable(f"a header it can't read at offset {start}")
            found.append((start, match.group(1), match.group(2)))
            continue
        position = at
        while True:
            token = TOKEN_RE.search(line, position)
            if token is None:
                break
            value = token.group()
            position = token.end()
            if value in ('"""', "'''"):
                end = _closing(line, position, value)
                if end < 0:
                    open_quote = value
                    break
                position = end
            elif value in "[{":
                depth += 1
            elif value in "]}":
                depth -= 1
    if open_quote is not None or depth != 0:
        raise Unsegmentable("an unclosed string or array")
    return found


def _split_tail(text: str) -> tuple[str, str]:
    """`text` as (up to its last key line, the blank and comment lines after it)."""
    lines = text.split("\n")
    keep = len(lines)
    while keep > 0 and BLANK_OR_COMMENT_RE.fullmatch(lines[keep - 1]):
        keep -= 1
    body = "\n".join(lines[:keep])
    if keep < len(lines):
        body += "\n"
    return body, text[len(body) :]


def split(text: str) -> list[_Chunk]:
    """Cut `text` into chunks, each knowing the path of the table it holds."""
    starts = _header_starts(text)
    chunks: list[_Chunk] = []
    bounds = [0, *(s for s, _, _ in starts), len(text)]
    latest: dict[str, KeyPath] = {}  # an array of tables' name -> the path of its newest element
    counts: dict[KeyPath, int] = {}
    for number in range(len(bounds) - 1):
        piece = text[bounds[number] : bounds[number + 1]]
        path: KeyPath
        if number == 0:
            header, rest, path = "", piece, ()
        else:
            _, kind, name = starts[number - 1]
            newline = piece.find("\n")
            header, rest = (piece, "") if newline < 0 else (piece[: newline + 1], piece[newline + 1 :])
            parts = [part.strip(" \t") for part in name.split(".")]
            parent: KeyPath = ()
            for k in range(1, len(parts)):
                dotted = ".".join(parts[:k])
                parent = latest.get(dotted, (*parent, parts[k - 1]))
            key: KeyPath = (*parent, parts[-1])
            full = ".".join(parts)
            if kind == "[[":
                index = counts.get(key, 0)
                counts[key] = index + 1
                path = (*key, index)
                for other in [d for d in latest if d.startswith(full + ".")]:
                    del latest[other]
                latest[full] = path
            else:
                path = key
        body, tail = _split_tail(rest)
        chunks.append(_Chunk(header, body, tail, path))
    return chunks


class SegmentedDocument:
    """The file's text, edited chunk by chunk (see the module's docstring).

    `apply(edit)`, `verify()` and `as_string()` are all the saver uses.
    """

    def __init__(self, text: str) -> None:
        self._whole: TOMLDocument | None = None
        self._chunks: list[_Chunk] = []
        self._index: dict[KeyPath, _Chunk] = {}
        self.full_parses = 0  # how often a change needed the whole file parsed (for tests)
        self._changed: set[int] = set()  # chunks changed since the last `verify`
        self._stash: toml_structure.Stash = {}  # tables removed, to put back as they were (an undo)
        self._cut(text)

    def _cut(self, text: str) -> None:
        self._dirty_whole = False
        try:
            self._chunks = split(text)
        except Unsegmentable:
            import tomlkit

            if text and not text.endswith("\n"):
                text += "\n"
            self._whole = tomlkit.parse(text)
            self.full_parses += 1
            return
        self._whole = None
        self._index = {chunk.path: chunk for chunk in self._chunks}

    def as_string(self) -> str:
        if self._whole is not None:
            return self._whole.as_string()
        return "".join(chunk.text() for chunk in self._chunks)

    def _by_whole_file(self, edit: Edit) -> bool:
        import tomlkit

        text = self.as_string()
        if text and not text.endswith("\n"):
            text += "\n"  # tomlkit may glue a table it adds onto a last line without one
        doc = tomlkit.parse(text)
        self.full_parses += 1
        done = toml_structure.apply(doc, edit, self._stash)
        self._cut(doc.as_string())
        self._dirty_whole = True
        return done

    def verify(self) -> None:
        """Raise `ValueError` if what a change made of the file is not TOML any more.

        A safety net under tomlkit and the cutting: the chunks changed since the last call
        must each parse, and every chunk but the last must end with a newline (so none is
        glued onto the next); a whole-file edit is checked whole.
        """
        import tomllib

        try:
            if self._whole is not None or self._dirty_whole:
                tomllib.loads(self.as_string())
            else:
                last = len(self._chunks) - 1
                for number, chunk in enumerate(self._chunks):
                    if chunk.doc is None:
                        continue  # as it was in the file
                    text = chunk.text()
                    if number < last and text and not text.endswith("\n"):
                        raise ValueError(f"the table at {'.'.join(map(str, chunk.path)) or 'the top'} has no newline")
                    if id(chunk) in self._changed:
                        tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ValueError(f"the change would make the file invalid TOML ({error})") from None
        self._changed.clear()
        self._dirty_whole = False

    def _chunk_of(self, where: KeyPath) -> tuple[_Chunk, KeyPath]:
        cut = len(where)
        while where[:cut] not in self._index:
            cut -= 1
        return self._index[where[:cut]], where[cut:]

    def _move_in_chunk(self, edit: MoveEntry) -> bool:
        """Make a move whose both ends are in one chunk (an item among the inline items of a
        topic, into or out of one beside it): no other table changes, so no whole-file parse.
        False (nothing done) for any other move."""
        if not edit.to or not edit.to_titles or edit.where[-2:-1] != ("items",):
            return False
        chunk, rest = self._chunk_of(edit.where)
        target, to = self._chunk_of(edit.to)
        if target is not chunk or not rest or (*edit.to, "items", 0) in self._index:
            return False
        doc = chunk.document()
        table, into = toml_edit.walk(doc, rest), toml_edit.walk(doc, to) if to else doc
        if table is None or into is None or toml_edit.name(table) != edit.titles[-1]:
            return False
        if toml_edit.name(into) != edit.to_titles[-1]:
            return False
        self._changed.add(id(chunk))
        return toml_structure.apply(doc, replace(edit, where=rest, to=to), self._stash)

    def apply(self, edit: Edit) -> bool:
        """Apply `edit` (see `toml_edit.apply_at`); False when its entry is not in the file."""
        if self._whole is not None:
            return toml_structure.apply(self._whole, edit, self._stash)
        if isinstance(edit, MoveEntry) and self._move_in_chunk(edit):
            return True  # an inline item moved among the inline items of one table
        if isinstance(edit, toml_structure.STRUCTURE):
            return self._by_whole_file(edit)  # tables move, come and go: let tomlkit renumber
        if isinstance(edit, InsertEntry) and edit.entry in self._stash:
            return self._by_whole_file(edit)  # a table this document took out: put it back as it was
        where = edit.where
        cut = len(where)
        while where[:cut] not in self._index:
            cut -= 1
        chunk = self._index[where[:cut]]
        rest = where[cut:]
        if isinstance(edit, RemoveEntry) and not rest:
            return self._by_whole_file(edit)  # a whole table goes: let tomlkit renumber
        if isinstance(edit, (AppendEntry, InsertEntry)) and (*where, "items", 0) in self._index:
            return self._by_whole_file(edit)  # its items are tables of their own
        if isinstance(edit, (AppendReview, RemoveReview)) and (*where, "reviews", 0) in self._index:
            return self._by_whole_file(edit)  # its reviews are tables of their own (written by hand)
        doc = chunk.document()
        self._changed.add(id(chunk))
        table = toml_edit.walk(doc, rest)
        if table is None or not edit.titles or toml_edit.name(table) != edit.titles[-1]:
            return self._by_whole_file(edit)  # moved by another program: find it by its titles
        toml_edit.apply_at(doc, rest, edit)
        return True
