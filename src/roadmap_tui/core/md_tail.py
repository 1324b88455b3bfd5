"""What a deleted imported entry leaves behind: the lines at the end of its Markdown that are not its own.

An imported entry's `md` runs up to the next entry of the file (`formats/markdown_import.py`), so
its last lines are often what follows it rather than part of it: the blank line before the next
heading, a paragraph or a "back to top" link after the list, a plain `- ### Linked Lists` bullet
that starts the next group. Deleting the entry should not take them along: `tail_receiver`
says which entry gets them (the one written just before the deleted one) and its new `md`.
A delete edit sets it and keeps the old `md` for its inverse. No formats import here.
"""

from __future__ import annotations

import re

from roadmap_tui.core.markdown_source import block_end, indent_width
from roadmap_tui.core.model import Item, Node, Roadmap

_ITEM_LINE_RE = re.compile(r"^[ \t>]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)", re.MULTILINE)
_LEADING_BLANKS_RE = re.compile(r"(?:[ \t]*(?:\r\n|\r|\n))+")
_TRAILING_BLANK_RE = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)$|^[ \t]*(?:\r\n|\r|\n)$")


def _subtree_md(entry: Item | Node) -> str:
    if isinstance(entry, Item):
        return "".join(item.md or "" for item in entry.walk())
    parts = [entry.md or ""]
    for item in entry.items:
        parts.extend(child.md or "" for child in item.walk())
    for section in entry.sections:
        parts.append(_subtree_md(section))
    return "".join(parts)


def tail(entry: Item | Node) -> str:
    """The lines at the end of `entry`'s Markdown (with its children's) that are not its own.

    After the last entry of a list: all that follows its own lines (a paragraph, a "back to
    top" link, the blank line before the next heading) belongs to the list, not to it. Between
    two entries, what follows is the entry's (its code example, its links) unless it holds a
    list item as far out as the entry's (`- ### Linked Lists`: the start of the next group)."""
    if isinstance(entry, Node):
        return ""  # a heading's text is all its own; what follows its last item is its items'
    text = _subtree_md(entry)
    if not text:
        return ""
    width = indent_width(text)
    rest = text[block_end(text, width) :]
    parent = entry.parent
    last = parent is None or isinstance(parent, Roadmap) or parent.items[-1] is entry
    if last or any(indent_width(m.group()) <= width for m in _ITEM_LINE_RE.finditer(rest)):
        return rest
    return ""


def _before(entry: Item | Node) -> Item | Node | None:
    """The entry with `md` written last before `entry` (None: the roadmap's `md_head`)."""
    parent = entry.parent
    if isinstance(entry, Item):
        assert parent is not None and not isinstance(parent, Roadmap)
        siblings: list[Item] = parent.items
        index = siblings.index(entry)
        for sibling in reversed(siblings[:index]):
            found = _last_with_md(sibling)
            if found is not None:
                return found
        return parent if parent.md is not None else _before(parent)
    return None


def _last_with_md(entry: Item) -> Item | None:
    for item in reversed(list(entry.walk())):
        if item.md is not None:
            return item
    return None


def tail_receiver(entry: Item | Node) -> tuple[Item | Node, str] | None:
    """Who keeps the lines `tail(entry)` when `entry` is deleted, and its new `md`; None when
    there is nothing to keep (no source, no such lines, or no entry before it)."""
    if entry.md is None:
        return None
    kept = tail(entry)
    receiver = _before(entry)
    if not kept or receiver is None or receiver.md is None:
        return None
    md = receiver.md
    if md and not md.endswith(("\n", "\r")):
        return None  # cannot happen: only the file's last line has no line end
    if _TRAILING_BLANK_RE.search(md):  # it ends with a blank line already: one is enough
        blanks = _LEADING_BLANKS_RE.match(kept)
        kept = kept[blanks.end() :] if blanks else kept
    if not kept:
        return None
    return receiver, md + kept
