"""The right-hand pane: the selected entry's title, where it sits, its progress, and its rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from roadmap_tui.core import states
from roadmap_tui.core.model import Entry, Item, Node, Roadmap
from roadmap_tui.core.outline import ancestors
from roadmap_tui.core.placeholders import has_placeholder
from roadmap_tui.formats.md_blocks import Bullet, flatten, in_order, notes, sub_bullets
from roadmap_tui.safe_text import visible
from roadmap_tui.core.pace import DAY_START_HOUR
from roadmap_tui.core.row_filter import ALL
from roadmap_tui.tui.widgets.dashboard_rows import Board, dashboard_specs
from roadmap_tui.tui.widgets.item_list import ItemList
from roadmap_tui.tui.widgets.item_row import Field, RowSpec
from roadmap_tui.tui.widgets.labels import bullet_block, entry_content
from roadmap_tui.tui.widgets.note_rows import with_notes
from roadmap_tui.tui.widgets.pane_filter import filter_specs
from roadmap_tui.tui.widgets.progress_gauge import bar, percent
from roadmap_tui.tui.widgets.state_marks import skipped_note
from roadmap_tui.tui.widgets.tree_labels import review_note

#: How many unchecked items an overview suggests doing next.
NEXT_UP = 5


def row_specs(entry: Entry | Roadmap, lines: int = 0) -> list[RowSpec]:
    """The rows that show `entry`: its fields, its items, then what lies below it.

    A part or section with sections below it is an overview: every section with its bar, then
    what is next. The roadmap itself is the overview of its parts. A topic lists its items, then
    the other topics beside it (so a big pane has something to say). `lines`, the list's height
    when known, lets a tall pane suggest more than `NEXT_UP` items (never more than 15).
    """
    specs: list[RowSpec]
    if isinstance(entry, Roadmap):
        specs = [RowSpec("summary", phase) for phase in entry.phases]
        return specs + next_up(unchecked(entry), entry, _room(lines, specs))
    specs = []
    if isinstance(entry, Node):
        if has_placeholder(entry.title):
            specs.append(RowSpec("field", entry, Field.TITLE))
        if entry.duration is not None:
            specs.append(RowSpec("field", entry, Field.DURATION))
        if entry.focus is not None:
            specs.append(RowSpec("note", entry, Field.FOCUS))
        if entry.intro is not None:
            specs.append(RowSpec("note", entry, Field.INTRO))
        # an imported heading's own text (paragraphs, lists, tables), as Markdown
        specs.extend(RowSpec("note", entry, block=b) for b in notes(entry))
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
        if entry.sections:
            specs.extend(next_up(unchecked(entry), entry, _room(lines, specs)))
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
        specs.extend(neighbours(entry))
    return specs


def add_bullets(specs: list[RowSpec], item: Item, bullets: tuple[Bullet, ...], depth: int) -> None:
    """Rows for an item's plain sub-bullets (read, not acted on), `depth` lists deep."""
    specs.extend(RowSpec("note", item, depth=depth + d, block=bullet_block(b)) for b, d in flatten(bullets))


def _room(lines: int, specs: list[RowSpec]) -> int:
    """How many suggestions fit below `specs` in a list of `lines` (at least `NEXT_UP`)."""
    used = len(specs) + sum(spec.gap for spec in specs) + 2  # the gap and the heading above them
    return max(NEXT_UP, min(15, lines - used - 2))  # (a wrapped Focus line takes two)


def unchecked(entry: Entry | Roadmap) -> Iterator[Item]:
    """The unchecked counted items under `entry`, in the roadmap's order, skipping whole parts,
    sections and topics that are done (their counts say so), so a nearly finished 50,000-item
    roadmap costs what is left, not what is done."""
    if isinstance(entry, Item):
        if entry.is_counted:
            if not entry.done:
                yield entry
            return
        children: list[Entry] = list(entry.items)
    elif isinstance(entry, Node):
        children = [*entry.items, *entry.sections]
    else:
        children = list(entry.phases)
    for child in children:
        if child.n_total and child.n_done == child.n_total:
            continue
        if child.n_total or (isinstance(child, Item) and child.is_counted):
            yield from unchecked(child)


def next_up(items: Iterable[Item], where: Entry | Roadmap, count: int = NEXT_UP) -> list[RowSpec]:
    """The first `count` unchecked items (in the roadmap's order) under `where`, under a heading."""
    found = []
    for item in items:
        if item.is_counted and not item.done and item.state != states.SKIPPED:
            found.append(RowSpec("next", item))
            if len(found) == count:
                break
    if not found:
        return []
    return [RowSpec("heading", where, gap=True, heading="Next up"), *found]


def neighbours(topic: Item) -> list[RowSpec]:
    """The other topics beside `topic` (under the same section), each with its progress."""
    parent = topic.parent
    if not isinstance(parent, (Item, Node)):
        return []
    others = [t for t in (parent.topics if isinstance(parent, Node) else parent.items) if t is not topic and t.items]
    if not others:
        return []
    return [RowSpec("heading", parent, gap=True, heading="Also in "), *(RowSpec("context", other) for other in others)]


def breadcrumb(entry: Entry, width: int, separator: str = " › ") -> Content:
    """Where `entry` sits, from the roadmap's title down, on one line of `width` cells.

    Too long, it gives way in this order: the roadmap's title (the title bar shows it), then the
    steps between the part and the nearest one (`Foundation Phase › … › Deep Learning`), then
    the end of the line; the part it is in stays as long as anything does.
    """
    trail: list[Entry] = list(ancestors(entry))[::-1]
    top = trail[0] if trail else entry
    root = top.parent
    steps = [entry_content(step) for step in trail]
    join = Content(separator).join
    line = join([Content(visible(root.title)), *steps]) if isinstance(root, Roadmap) and root.title else join(steps)
    if width <= 0 or line.cell_length <= width or not steps:
        return line if width <= 0 or line.cell_length <= width else line.truncate(width, ellipsis=True)
    line = join(steps)
    middle = steps[1:-1]
    while line.cell_length > width and middle:
        middle.pop(0)
        line = join([steps[0], Content("…"), *middle, steps[-1]])
    return line.truncate(width, ellipsis=True) if line.cell_length > width else line


def set_content(widget: Static, content: Content) -> None:
    """Show `content` in `widget`, laying the screen out again only if its height changes.

    (`Static.update` lays out every time: a whole-screen layout for each toggle, as the
    progress line changes.)
    """
    width = widget.size.width
    # `get_height` is typed for a RulesMap dict; it only calls `.get`, and Textual's own `Widget`
    # passes its styles so.
    styles = widget.styles
    same_height = (
        width > 0
        and widget.display
        and content.get_height(styles, width) == widget.size.height  # type: ignore[arg-type]  # see above
    )
    widget.update(content, layout=not same_height)


#: Seconds after a change before the dashboard is made again (off the key's path; see `Board`).
DASHBOARD_DELAY = 0.05


class TopicPane(Vertical):
    """The selected entry: its title and progress on the border, where it sits, its `ItemList`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.open_notes: set[tuple[str, ...]] = set()  # notes opened with Enter (title paths)
        self.board: Board | None = None  # the dashboard's numbers, while the roadmap is shown
        self.row_filter = ALL  # `f`: which tasks the rows show (`core/row_filter.py`)

    def compose(self) -> ComposeResult:
        yield Static(id="topic-path", markup=False)
        yield ItemList(id="items")

    @property
    def items(self) -> ItemList:
        return self.query_one(ItemList)

    async def show(self, entry: Entry | Roadmap) -> None:
        self.update_header(entry)
        specs = with_notes(row_specs(entry, self.items.size.height), entry, self.open_notes)
        self.board = None
        specs = filter_specs(specs, entry, self.row_filter)
        if isinstance(entry, Roadmap):  # the tree's first row: the dashboard above the overview
            self.board = Board(entry, self.day_start_hour(), later=self._later)
            if specs:
                specs[0].gap = True
            specs = [*dashboard_specs(self.board), *specs]
        await self.items.show(entry, specs)
        if isinstance(entry, Roadmap):
            self.items.scroll_home(animate=False)  # the dashboard from its top (the cursor is below it)

    def _later(self, make: Callable[[], None]) -> None:
        """The dashboard made again a moment after a change (`Board`), then its rows drawn."""

        def made() -> None:
            make()
            if isinstance(self.items.entry, Roadmap):
                self.items.redraw()

        self.set_timer(DASHBOARD_DELAY, made)

    def invalidate_board(self) -> None:
        """A change the counts don't show (a review): the dashboard is made again."""
        if self.board is not None:
            self.board.invalidate()

    def day_start_hour(self) -> int:
        settings = getattr(self.app, "settings", None)
        hour = getattr(settings, "day_starts_at", DAY_START_HOUR)
        return hour if isinstance(hour, int) and 0 <= hour <= 23 else DAY_START_HOUR

    def on_resize(self) -> None:
        entry = self.items.entry
        if entry is not None:
            self.update_header(entry)  # the breadcrumb is cut to the width

    def update_header(self, entry: Entry | Roadmap) -> None:
        title = Content(visible(entry.title)) if isinstance(entry, Roadmap) else entry_content(entry)
        room = self.size.width - 6  # the corners, the dashes and a space either side
        shown_filter = Content("")
        if self.row_filter != ALL and not isinstance(entry, Roadmap):
            shown_filter = Content.assemble(" · ", (self.row_filter, "$text-accent"))
            room -= shown_filter.cell_length
        self.border_title = (title.truncate(room, ellipsis=True) if room > 8 else title) + shown_filter
        path_widget = self.query_one("#topic-path", Static)
        if isinstance(entry, Roadmap):
            line = roadmap_summary(entry, path_widget.size.width)
        else:
            line = breadcrumb(entry, path_widget.size.width)
        set_content(path_widget, line)
        self.update_progress(entry)

    def update_progress(self, entry: Entry | Roadmap) -> None:
        if not entry.n_total and entry.n_skipped:
            self.border_subtitle = Content(f"all {entry.n_skipped} skipped")
            return
        if not entry.n_total:
            plain_list = isinstance(entry, Node) and entry.items and not entry.sections
            self.border_subtitle = Content("a list to keep: e edits, a adds") if plain_list else None
            return
        done, total = entry.n_done, entry.n_total
        line = Content.assemble((f"{done}/{total}", "bold"), " ", bar(done, total, 12), f" {percent(done, total)}%")
        counts = state_counts(entry)
        room = self.size.width - 6  # (the corners, a dash, a space each side)
        if line.cell_length + len(counts) > room:
            counts = skipped_note(entry.n_skipped, short=True)  # a narrow pane: `·2s`, no doing
        line += counts
        note = review_note(entry)  # a finished topic's next review, when there is room
        if note and line.cell_length + len(note) + 3 > room:
            note = review_note(entry, short=True)
        if note and line.cell_length + len(note) + 3 <= room:
            line += Content.styled(f" · {note}", "bold $warning" if note.endswith("due") else "")
        self.border_subtitle = line


_TOPICS: dict[int, tuple[Roadmap, int, int]] = {}  # id(roadmap): (it, n_total, its topics)


def topic_count(roadmap: Roadmap) -> int:
    """How many topics (items with items) the roadmap has, counted once per roadmap."""
    cached = _TOPICS.get(id(roadmap))
    if cached is None or cached[0] is not roadmap or cached[1] != roadmap.n_total:
        _TOPICS.clear()  # only the roadmap on screen is kept
        cached = _TOPICS[id(roadmap)] = (roadmap, roadmap.n_total, sum(1 for i in roadmap.walk_items() if i.items))
    return cached[2]


def roadmap_summary(roadmap: Roadmap, width: int = 0) -> Content:
    """One line about the whole roadmap: its size, and what is done (and skipped); with a `width`,
    only the pieces that fit whole (never cut after a `·`)."""
    topics = topic_count(roadmap)
    parts = len(roadmap.phases)
    total = roadmap.n_total
    pieces = [
        f"{parts} part{'s' * (parts != 1)}", f"{topics} topic{'s' * (topics != 1)}",
        f"{total} item{'s' * (total != 1)} to check",
    ]
    if roadmap.n_skipped:
        pieces.append(skipped_note(roadmap.n_skipped).removeprefix(" · "))
    line = pieces[0]
    for piece in pieces[1:]:
        if width and len(line) + 3 + len(piece) > width:
            break
        line += f" · {piece}"
    return Content.styled(line, "$foreground-muted")


def state_counts(entry: Entry | Roadmap) -> str:
    """What follows the pane's progress: ` · 1 doing · 2 skipped` (each only when there are any)."""
    doing = f" · {entry.n_doing} doing" if entry.n_doing else ""
    return doing + skipped_note(entry.n_skipped)
