"""A roadmap as Markdown, in the layout of the template it came from.

The export of an untouched default roadmap is the template, byte for byte (plus a final
newline). Progress shows as `[x]` (a parent item is checked when all its items are) and filled
placeholders show the learner's text in place of `_[hint]_`.
"""

from __future__ import annotations

from roadmap_tui.model import Item, Node, Roadmap, apply_fill

INDENT = "  "


def _item_lines(item: Item, depth: int) -> list[str]:
    if item.done is None:
        mark = ""
    else:
        mark = "[x] " if item.checked else "[ ] "
    lines = [f"{INDENT * depth}- {mark}{apply_fill(item.text, item.text_fill)}"]
    for child in item.items:
        lines.extend(_item_lines(child, depth + 1))
    return lines


def _list_block(items: list[Item]) -> str:
    """A list; an item with children is set off from the next by a blank line."""
    chunks: list[str] = []
    for index, item in enumerate(items):
        chunks.append("\n".join(_item_lines(item, 0)))
        if index < len(items) - 1:
            chunks.append("\n\n" if item.items else "\n")
    return "".join(chunks)


def _node_blocks(node: Node) -> list[str]:
    heading = f"{'#' * node.level} {apply_fill(node.title, node.title_fill)}"
    blocks: list[str] = []
    fields = []
    if node.duration is not None:
        fields.append(f"**Duration:** {apply_fill(node.duration, node.duration_fill)}")
    if node.focus is not None:
        fields.append(f"**Focus:** {node.focus}")
    if fields:
        blocks.append("\n".join(fields))
    if node.intro is not None:
        blocks.append(node.intro)
    if node.items:
        block = _list_block(node.items)
        # A plain bullet list (the Resources Library's) sits right under its heading.
        if not blocks and all(item.done is None for item in node.items):
            heading = f"{heading}\n{block}"
        else:
            blocks.append(block)
    result = [heading, *blocks]
    for section in node.sections:
        result.extend(_node_blocks(section))
    return result


def to_markdown(roadmap: Roadmap) -> str:
    """The whole roadmap as Markdown text, ending with a newline."""
    blocks = [f"# {roadmap.title}"]
    for phase in roadmap.phases:
        blocks.extend(_node_blocks(phase))
    return "\n\n".join(blocks) + "\n"
