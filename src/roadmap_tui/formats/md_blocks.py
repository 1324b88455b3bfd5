"""Block Markdown of an imported roadmap, as rows: a heading's own text, and plain sub-bullets.

No Textual here (a test checks it): `widgets/labels.py` turns a `Block` into `Content`.

A heading's own text
--------------------
An imported `Node`'s `md` is its heading and the text under it up to its first task. `notes`
parses that with the importer's parser (markdown-it, block structure) and gives one `Block` per
row: a paragraph (its lines joined), a heading inside it (`- ### Trees - Intro`), each list
item's first paragraph with its marker ("• ", "1. ") and later ones under it, each line of a
code block, a table row, a rule. Block quotes and nested lists are indented. An HTML block
shows its text without its tags (a README's `<details>`, `<div align="center">`), or nothing.
The text of a block is still inline Markdown (see `md_inline`); a code line is verbatim.

Plain sub-bullets
-----------------
The importer makes items of tasks (and of plain bullets with a `_[...]_` blank); a plain bullet
under a task stays in the `md` of the item it follows (so the export, the counts and the file
are as before). `sub_bullets(node)` finds them again: it parses the node's text (its `md` and
its items' `md`, in document order: one stretch of the file, starting at a heading, so it
parses as in the whole file), pairs the list items the importer made items of with the node's
items in order, and gives each item the plain bullets nested in it, as `Bullet`s. They are read,
not acted on: nothing counts them and nothing can edit them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any

from roadmap_tui.core.markdown_source import LINE_RE
from roadmap_tui.core.model import Item, Node, Roadmap
from roadmap_tui.formats.md_parser import block_parser, event_kind, one_line, start_line

BULLET = "• "
RULE = "───"


@dataclass(frozen=True)
class Block:
    """One row of a heading's own text."""

    kind: str  # "paragraph", "heading", "code", "table", "table-head", "rule", "text" (from HTML)
    text: str = ""  # inline Markdown ("code" and "text": shown as it is)
    indent: int = 0  # cells before the marker: nested lists and block quotes
    marker: str = ""  # "• ", "1. ", or as many spaces (a later paragraph of a list item)
    cells: tuple[str, ...] = ()  # a table row's cells, inline Markdown


@dataclass(frozen=True)
class Bullet:
    """A plain bullet under an item: its text (inline Markdown), its own bullets, and where it
    goes among the item's items (after how many of those from the file)."""

    text: str
    heading: bool = False  # `- ### Trees - Intro`: shown bold
    after: int = 0
    items: tuple[Bullet, ...] = ()


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(html: str) -> str:
    """The text of an HTML block, tags and comments dropped, white space run together."""
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


# A heading's own text ----------------------------------------------------------------------------


def notes(node: Node) -> tuple[Block, ...]:
    """The rows of an imported heading's own text (nothing for other nodes)."""
    return note_blocks(node.md or "")


@lru_cache(maxsize=1024)
def note_blocks(md: str) -> tuple[Block, ...]:
    """The rows of `md` (a heading and the text under it) after its first heading."""
    if not md.strip():
        return ()
    tokens = block_parser().parse(md)
    start = 0
    if tokens and tokens[0].type == "heading_open":
        start = next(i for i, t in enumerate(tokens) if t.type == "heading_close") + 1
    return tuple(_blocks(tokens[start:]))


@lru_cache(maxsize=256)
def text_blocks(md: str) -> tuple[Block, ...]:
    """The rows of `md`, all of it (a learner's note: its first heading stays). A leading blank
    line keeps a note that starts with `---` from being read as YAML front matter."""
    if not md.strip():
        return ()
    return tuple(_blocks(block_parser().parse("\n" + md)))


def _blocks(tokens: list[Any]) -> list[Block]:
    out: list[Block] = []
    lists: list[str] = []  # the markers of the list items we are in
    quotes = 0
    pending = ""  # the marker of a list item whose first block is still to come
    row: list[str] = []
    for index, token in enumerate(tokens):
        kind = token.type
        indent = 2 * quotes + sum(len(marker) for marker in lists[:-1])
        if kind == "list_item_open":
            pending = f"{token.info}{token.markup} " if token.info else BULLET
            lists.append(pending)
        elif kind == "list_item_close":
            lists.pop()
            pending = ""
        elif kind == "blockquote_open":
            quotes += 1
        elif kind == "blockquote_close":
            quotes -= 1
        elif kind in ("paragraph_open", "heading_open"):
            text = one_line(tokens[index + 1].content)
            marker = pending or (" " * len(lists[-1]) if lists else "")
            out.append(Block("heading" if kind == "heading_open" else "paragraph", text, indent, marker))
            pending = ""
        elif kind in ("fence", "code_block"):
            for number, line in enumerate(token.content.rstrip("\r\n").splitlines() or [""]):
                marker = pending if number == 0 and pending else (" " * len(lists[-1]) if lists else "")
                out.append(Block("code", line, indent, marker))
            pending = ""
        elif kind == "hr":
            out.append(Block("rule", RULE, indent, pending))
            pending = ""
        elif kind == "html_block":
            text = html_text(token.content)
            if text:
                out.append(Block("text", text, indent, pending or (" " * len(lists[-1]) if lists else "")))
                pending = ""
        elif kind == "tr_open":
            row = []
        elif kind in ("th_open", "td_open"):
            row.append(one_line(tokens[index + 1].content))
        elif kind == "tr_close":
            head = index + 1 < len(tokens) and tokens[index + 1].type == "thead_close"
            out.append(Block("table-head" if head else "table", "", indent, pending, tuple(row)))
            pending = ""
    return out


# Plain sub-bullets -------------------------------------------------------------------------------


def _region(node: Node) -> tuple[str, list[Item], tuple[int, ...]] | None:
    """The node's stretch of the file, its items from the file (in order) and the line each starts on."""
    if node.md is None:
        return None
    items = [item for top in node.items for item in top.walk() if item.md is not None]
    if not items:
        return None
    head = node.md
    if not head and isinstance(node.parent, Roadmap):  # the tasks before any heading: after md_head
        head = node.parent.md_head or ""
    starts = []
    line = len(LINE_RE.findall(head))
    for item in items:
        starts.append(line)
        line += len(LINE_RE.findall(item.md or ""))
    return head + "".join(item.md or "" for item in items), items, tuple(starts)


def sub_bullets(node: Node) -> dict[int, tuple[Bullet, ...]]:
    """`id(item)` -> the plain bullets under it, for the items of `node` (not of its sections)
    that have any. Empty when the node is not imported, or its text no longer matches its items."""
    region = _region(node)
    if region is None:
        return {}
    text, items, starts = region
    found = _parse_region(text, starts)
    if found is None:
        return {}
    return {id(items[k]): bullets for k, bullets in found.items()}


@dataclass
class _Open:
    """A list item being read: an item of the node (its index), or a plain bullet."""

    event: int | None = None  # the index of the item it is
    task: bool = False  # that item is a task (the only kind of item with items)
    text: str | None = None  # a plain bullet's text (None: one without text, e.g. `- - [ ] x`)
    heading: bool = False
    after: int = 0
    items: list[Bullet] | None = None


@lru_cache(maxsize=256)
def _parse_region(text: str, starts: tuple[int, ...]) -> dict[int, tuple[Bullet, ...]] | None:
    tokens = block_parser().parse(text)
    found: dict[int, list[Bullet]] = {}
    children = [0] * len(starts)  # how many of each item's items have been read so far
    stack: list[_Open] = []
    count = 0
    for index, token in enumerate(tokens):
        if token.type == "list_item_open":
            kind = event_kind(tokens, index)
            if kind is not None:
                if count >= len(starts) or start_line(token) != starts[count]:
                    return None  # not the file the items were made from: show nothing rather than guess
                parent = next((o.event for o in reversed(stack) if o.task), None)
                if parent is not None:
                    children[parent] += 1
                stack.append(_Open(event=count, task=kind == "task"))
                count += 1
                continue
            first = tokens[index + 1]
            bullet = _Open(items=[])
            if first.type in ("paragraph_open", "heading_open"):
                bullet.text = one_line(tokens[index + 2].content)
                bullet.heading = first.type == "heading_open"
            owner = next((o for o in reversed(stack) if o.event is not None or o.text is not None), None)
            if owner is not None and owner.event is not None:
                bullet.after = children[owner.event]
            stack.append(bullet)
        elif token.type == "list_item_close":
            done = stack.pop()
            if done.event is not None or done.text is None:
                continue
            made = Bullet(done.text, done.heading, done.after, tuple(done.items or ()))
            owner = next((o for o in reversed(stack) if o.event is not None or o.text is not None), None)
            if owner is None:
                continue  # a plain bullet under no item (it is the node's text): not here
            if owner.event is not None:
                found.setdefault(owner.event, []).append(made)
            else:
                assert owner.items is not None
                owner.items.append(made)
    if count != len(starts):
        return None
    return {k: tuple(v) for k, v in found.items()}


def in_order(item: Item, bullets: tuple[Bullet, ...]) -> list[Item | Bullet]:
    """`item`'s items and plain bullets as the file has them."""
    out: list[Item | Bullet] = []
    pending = list(bullets)
    seen = 0
    for child in item.items:
        if child.md is not None:
            while pending and pending[0].after <= seen:
                out.append(pending.pop(0))
            seen += 1
        out.append(child)
    out.extend(pending)
    return out


def flatten(bullets: tuple[Bullet, ...] | list[Bullet], depth: int = 0) -> list[tuple[Bullet, int]]:
    """Bullets and their bullets, each with its depth below the first."""
    out: list[tuple[Bullet, int]] = []
    for bullet in bullets:
        out.append((bullet, depth))
        out.extend(flatten(bullet.items, depth + 1))
    return out
