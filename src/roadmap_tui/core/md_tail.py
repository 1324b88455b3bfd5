"""What a deleted imported entry leaves behind: the lines at the end of its Markdown that are not its own.

An imported entry's `md` runs up to the next entry of the file (`formats/markdown_import.py`), so
its last lines are often what follows it rather than part of it: the blank line before the next
heading, a paragraph or a "back to top" link after the list, a plain `- ### Linked Lists` bullet
that starts the next group. Deleting or moving the entry should not take them along:

- `tail_receiver(entry)`, before a delete: which entry gets them (the one written just before
  the deleted one) and its new `md`;
- `after_move(entry, old_parent, old_index)`, after a move (among siblings, indent, outdent):
  the `md`s to change so that what followed the entry's old list stays there, and what ends
  its new list (when it went last) ends it again.

The edit sets them and keeps the old `md`s for its inverse. No formats import here.
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


def _with(md: str, kept: str) -> str:
    """`md` followed by `kept`, with one blank line where both have one."""
    if _TRAILING_BLANK_RE.search(md):
        blanks = _LEADING_BLANKS_RE.match(kept)
        kept = kept[blanks.end() :] if blanks else kept
    return md + kept


def after_move(entry: Item, old_parent: Item | Node, old_index: int) -> list[tuple[Item | Node, str]]:
    """The `md` changes that go with a move of `entry` already made (it was `old_parent.items[old_index]`):

    - it was the last of its list (or what followed it starts the next group): what followed
      it goes to the entry written before its old place;
    - it is now the last of its list: what followed the list's old last entry comes to it.

    Empty when nothing moves (an entry from the app, or none of that)."""
    changed: dict[int, tuple[Item | Node, str]] = {}

    def md_of(obj: Item | Node) -> str:
        return changed[id(obj)][1] if id(obj) in changed else (obj.md or "")

    def rest(top: Item) -> tuple[Item, str] | None:
        last = _last_with_md(top)
        if last is None:
            return None
        text = "".join(md_of(i) for i in top.walk() if i.md is not None)
        found = text[block_end(text, indent_width(text)) :]
        if not found or not md_of(last).endswith(found):
            return None
        return last, found

    def move(source: Item, found: str, target: Item | Node) -> None:
        md = md_of(target)
        if md and not md.endswith(("\n", "\r")):
            return
        changed[id(source)] = (source, md_of(source)[: len(md_of(source)) - len(found)])
        changed[id(target)] = (target, _with(md_of(target), found))

    own = rest(entry)
    same = entry.parent is old_parent
    old_len = len(old_parent.items) + (0 if same else 1)
    was_last = old_index == old_len - 1
    if own is not None:
        last, found = own
        width = indent_width(entry.md or "")
        starts_group = any(indent_width(m.group()) <= width for m in _ITEM_LINE_RE.finditer(found))
        siblings = [i for i in old_parent.items if i is not entry]
        before = _last_with_md(siblings[old_index - 1]) if 0 < old_index <= len(siblings) else None
        target: Item | Node | None = before
        if target is None:
            target = old_parent if old_parent.md is not None else None
        # still right after the same entry (an outdent of a last child): nothing to move
        if (was_last or starts_group) and target is not None and target is not _before(entry):
            if not any(target is i for i in entry.walk()):
                move(last, found, target)
    parent = entry.parent
    if isinstance(parent, Item | Node) and len(parent.items) > 1 and parent.items[-1] is entry:
        previous = parent.items[-2]
        if not (same and was_last):  # it was last already
            ends = rest(previous)
            mine = _last_with_md(entry)
            if ends is not None and mine is not None:
                move(ends[0], ends[1], mine)
    return [pair for pair in changed.values() if pair[0].md != pair[1]]
