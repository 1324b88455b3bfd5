"""The right-hand pane: the selected entry's title, where it sits, its progress, and its rows."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from roadmap_tui.literal import visible
from roadmap_tui.mdblocks import Bullet, flatten, in_order, notes, sub_bullets
from roadmap_tui.model import Entry, Item, Node, ancestors, has_placeholder
from roadmap_tui.widgets.item_list import ItemList
from roadmap_tui.widgets.item_row import RowSpec
from roadmap_tui.widgets.labels import bullet_block, entry_content
from roadmap_tui.widgets.progress_gauge import bar, percent


def row_specs(entry: Entry) -> list[RowSpec]:
    """The rows that show `entry`: its fields, its items, then what lies below it."""
    specs: list[RowSpec] = []
    if isinstance(entry, Node):
        if has_placeholder(entry.title):
            specs.append(RowSpec("field", entry, "title"))
        if entry.duration is not None:
            specs.append(RowSpec("field", entry, "duration"))
        if entry.focus is not None:
            specs.append(RowSpec("note", entry, "focus"))
        if entry.intro is not None:
            specs.append(RowSpec("note", entry, "intro"))
        # an imported heading's own text (paragraphs, lists, tables), as Markdown
        specs.extend(RowSpec("note", entry, f"notes:{n}", block=b) for n, b in enumerate(notes(entry)))
        fields = len(specs)
        bullets = sub_bullets(entry)
        for item in entry.items:
            if item.items:
                specs.append(RowSpec("summary", item))
            else:
                specs.append(RowSpec("item", item))
                add_bullets(specs, item, bullets.get(id(item), ()), 1)
        specs.extend(RowSpec("summary", section) for section in entry.sections)
        if 0 < fields < len(specs):
            specs[fields].gap = True
    else:
        node = next((a for a in ancestors(entry) if isinstance(a, Node)), None)
        bullets = sub_bullets(node) if node is not None else {}

        def add(item: Item, depth: int) -> None:
            for child in in_order(item, bullets.get(id(item), ())):
                if isinstance(child, Item):
                    specs.append(RowSpec("item", child, depth=depth))
                    add(child, depth + 1)
                else:
                    add_bullets(specs, item, (child,), depth)

        add(entry, 0)
    return specs


def add_bullets(specs: list[RowSpec], item: Item, bullets: tuple[Bullet, ...], depth: int) -> None:
    """Rows for an item's plain sub-bullets (read, not acted on), `depth` lists deep."""
    specs.extend(RowSpec("note", item, "bullet", depth + d, block=bullet_block(b)) for b, d in flatten(bullets))


def breadcrumb(entry: Entry, width: int, separator: str = " › ") -> Content:
    """Where `entry` sits, from the roadmap's title down, on one line of `width` cells: the
    outermost steps give way to "…" first, so the nearest stay in view."""
    trail: list[Entry] = list(ancestors(entry))[::-1]
    top = trail[0] if trail else entry
    root = getattr(top, "parent", None)
    parts = [entry_content(step) for step in trail]
    if root is not None and not isinstance(root, (Item, Node)) and getattr(root, "title", ""):
        parts.insert(0, Content(visible(root.title)))
    line = Content(separator).join(parts)
    if width <= 0:
        return line
    while line.cell_length > width and len(parts) > 1:
        parts.pop(0)
        line = Content("…" + separator) + Content(separator).join(parts)
    return line.truncate(width, ellipsis=True) if line.cell_length > width else line


def set_content(widget: Static, content: Content) -> None:
    """Show `content` in `widget`, laying the screen out again only if its height changes.

    (`Static.update` lays out every time: a whole-screen layout for each toggle, as the
    progress line changes.)
    """
    width = widget.size.width
    same_height = (
        width > 0 and widget.display and content.get_height(widget.styles, width) == widget.size.height
    )
    widget.update(content, layout=not same_height)


class TopicPane(Vertical):
    """The selected entry: header lines above its `ItemList`."""

    def compose(self) -> ComposeResult:
        yield Static(id="topic-title", markup=False)
        yield Static(id="topic-path", markup=False)
        yield Static(id="topic-progress", markup=False)
        yield ItemList(id="items")

    @property
    def items(self) -> ItemList:
        return self.query_one(ItemList)

    async def show(self, entry: Entry) -> None:
        self.update_header(entry)
        await self.items.show(entry, row_specs(entry))

    def on_resize(self) -> None:
        entry = self.items.entry
        if entry is not None:
            self.update_header(entry)  # the breadcrumb is cut to the width

    def update_header(self, entry: Entry) -> None:
        set_content(self.query_one("#topic-title", Static), entry_content(entry))
        path_widget = self.query_one("#topic-path", Static)
        set_content(path_widget, breadcrumb(entry, path_widget.size.width))
        self.update_progress(entry)

    def update_progress(self, entry: Entry) -> None:
        widget = self.query_one("#topic-progress", Static)
        if not entry.n_total:
            set_content(widget, Content.styled("A list to keep: e edits an entry, a adds one.", "$text-muted")
                        if isinstance(entry, Node) and entry.items else Content(""))
            return
        complete = entry.n_done == entry.n_total
        set_content(
            widget,
            Content.assemble(
                (f"{entry.n_done}/{entry.n_total} done  {percent(entry.n_done, entry.n_total)}%  ", "bold"),
                bar(entry.n_done, entry.n_total, 24),
                ("  complete ✔" if complete else "", "bold $text-success"),
            ),
        )
