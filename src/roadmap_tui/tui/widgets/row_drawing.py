"""How `ItemList` turns its rows into lines, and draws again only what the screen shows.

A row's lines (`Row.lines`: its text wrapped at the list's width) are the costly part of a
frame. A change (a toggle) lays out again the rows on screen at once; the others are marked
stale and laid out when they come into view, so a toggle in a list of thousands costs what a
screenful does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style

from roadmap_tui.tui._textual_private import update_scrollbars

if TYPE_CHECKING:
    from roadmap_tui.tui.widgets.item_list import ItemList


def place_lines(items: ItemList) -> None:
    """The map from lines to rows, from each row's lines (and the gap above it); the virtual
    size and the open editor follow."""
    line_map: list[tuple[int, int]] = []
    row_top: list[int] = []
    for index, (row, lines) in enumerate(zip(items._rows, items._row_lines)):
        if row.spec.gap:
            line_map.append((index, -1))
        row_top.append(len(line_map))
        line_map.extend((index, number) for number in range(len(lines)))
    items._line_map, items._row_top = line_map, row_top
    width = items._layout_width
    size = Size(width, len(line_map))
    if size != items.virtual_size:
        # The list's own size is set by its container, so a new length needs no layout of
        # the screen (the reactive would ask for one): just the scrollbar (which lays out
        # only if it appears or goes).
        items.set_reactive(type(items).virtual_size, size)
        if items.is_mounted and width > 0:
            update_scrollbars(items, size)
    items._place_editor()


def redraw_on_screen(items: ItemList) -> None:
    """Lay out again the rows on screen now; mark the others stale (see `lay_out_stale`)."""
    width = items._content_width()
    if width <= 0 or width != items._layout_width or len(items._row_lines) != len(items._rows):
        items._relayout()
        items.refresh()
        return
    line_map = items._line_map
    top = max(0, int(items.scroll_offset.y))
    shown = sorted({line_map[y][0] for y in range(top, min(len(line_map), top + max(1, items.size.height)))})
    items._stale = set(range(len(items._rows))).difference(shown)
    moved = False
    for index in shown:
        lines = items._rows[index].lines(width)
        moved |= len(lines) != len(items._row_lines[index])
        items._row_lines[index] = lines
    if moved:
        place_lines(items)
    items.refresh()


def lay_out_stale(items: ItemList, index: int) -> bool:
    """Lay out row `index` (stale since a redraw) as it comes into view; True if its height
    changed, so the lines below it moved (the map is made again, the list repainted)."""
    items._stale.discard(index)
    lines = items._rows[index].lines(items._layout_width)
    moved = len(lines) != len(items._row_lines[index])
    items._row_lines[index] = lines
    if moved:
        place_lines(items)
        items.refresh()
    return moved


def _parse_style(style: str | Style) -> Style:
    """`Style.parse` as `Content.render` takes it (it passes only the spans' style strings)."""
    return style if isinstance(style, Style) else Style.parse(style)


def render_strip(content: Content, style: Style, width: int) -> Strip:
    """One line of `content` on `style`, `width` cells wide.

    Colours with an alpha in the spans (`$foreground-muted`) are blended on
    the row's own background, as Textual does for a widget's content (`Content.render_segments`
    alone leaves "auto" against nothing: white).
    """
    segments = [
        Segment(text, (style + part).rich_style) for text, part in content.render(style, "", _parse_style)
    ]
    return Strip(segments, content.cell_length).extend_cell_length(width, style.rich_style).crop(0, width)
