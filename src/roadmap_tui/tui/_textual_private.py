"""Every Textual internal roadmap-tui touches, each with its reason. Checked against Textual 8.2.x
(8.2.8); `tests/tui/test_textual_private.py` fails first when an upgrade moves one of them.

Everywhere else the product uses Textual's public API. What is here is here because the public
way costs what was measured to matter (a roadmap of 50,000 items; the benchmark's keys), or
because Textual has no public way at all:

- The tree (`LazyTree`, `add_children_quietly`, `set_label_quietly`, `node_version`):
  `TreeNode.add` invalidates the tree's line cache and repaints it once per node, and
  `set_label` repaints every line below the node a refresh later; the tree makes its nodes
  lazily, which needs a hook where Textual lays out its lines (`Tree._build`).
- `update_scrollbars`: a line-API list whose length changed needs its scrollbars sized now,
  without the screen layout that setting `virtual_size` asks for.
- `inherits_bindings`: whether a class keeps its bases' bindings (the keys screen shows the
  bindings as Textual merges them); Textual keeps it in a private class attribute.
- `end_with_message`: a crash ends with one line for the learner, where Textual's own
  `_fatal_error` prints a traceback with local variables.
- `command_palette_class`: guards on two races in Textual's command palette (see there).

Public names that cost the same are used instead, outside this module: `node.allow_expand`
(its setter only bumps a counter), `node.line`, `node.is_expanded`, `node.children`,
`tree.cursor_node`, `tree.get_node_at_line` (with a guard: -1 means no line, which the list
index would take for the last one), and `widget.refresh(Region)` for one line.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import App
from textual.dom import DOMNode
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

if TYPE_CHECKING:
    from textual.command import CommandPalette

T = TypeVar("T")

#: The Textual versions these were read against (a test checks that the installed one is one).
CHECKED_AGAINST = "8.2."


# The tree -----------------------------------------------------------------------------------


class LazyTree(Tree[T]):
    """A `Tree` that can make the children of a node at the moment it is laid out open.

    Textual lays out the lines of every open node in `Tree._build` (after a key, a click,
    `expand()`): `make_open_children` runs first, so a node opened any way has its children
    made (`RoadmapTree` makes them only then, so a roadmap of 50,000 items starts with a node
    per part). After it, the scrollbar is shown or hidden at once, for the coming layout:
    found by that layout, it would narrow (or widen) the lines and cost a second layout and
    frame.
    """

    def make_open_children(self) -> None:
        """Make the children of the nodes opened since the last layout (a subclass's job)."""

    def _build(self) -> None:
        self.make_open_children()
        super()._build()
        if self.is_mounted:
            self._refresh_scrollbars()


def add_children_quietly(tree: Tree[T], parent: TreeNode[T], rows: Iterable[tuple[Text, T, bool]]) -> list[TreeNode[T]]:
    """Add a closed node under `parent` for each (label, data, expandable): `TreeNode.add`
    without its cache invalidation and refresh per node, which cost more than the nodes
    themselves (seconds for 50,000): one invalidation for the lot."""
    added = []
    for label, data, expandable in rows:
        node = tree._add_node(parent, label, data)
        node.allow_expand = expandable  # (public: the setter only bumps the node's counter)
        parent._children.append(node)
        added.append(node)
    parent._updates += 1
    tree._invalidate()
    return added


def set_label_quietly(node: TreeNode[Any], label: Text) -> None:
    """Give `node` a new label without `set_label`'s repaint of every line below it (the
    caller repaints the node's own line)."""
    node._label = label
    node._updates += 1


def node_version(node: TreeNode[Any]) -> int:
    """A number that changes whenever the node's look may have (Tree's own cache key for a line)."""
    return node._updates


# Scrolling ----------------------------------------------------------------------------------


def update_scrollbars(view: ScrollView, virtual_size: Size) -> None:
    """Show, hide and size `view`'s scrollbars for `virtual_size` now (what a layout would do)."""
    view._scroll_update(virtual_size)


# Bindings -----------------------------------------------------------------------------------


def inherits_bindings(cls: type[DOMNode]) -> bool:
    """Whether `cls` keeps the bindings of its bases (`inherit_bindings=False` drops them)."""
    return bool(cls._inherit_bindings)


# Ending the app -------------------------------------------------------------------------------


def end_with_message(app: App[Any], message: RenderableType) -> None:
    """End `app` at once after an unexpected error, printing `message` once the terminal is
    back (what Textual's `App._fatal_error` does with its traceback)."""
    app._exit_renderables.append(message)
    app._close_messages_no_wait()


# The command palette ----------------------------------------------------------------------------


@cache
def command_palette_class() -> type[CommandPalette]:
    """Textual's command palette, with guards on its list keys (imported at the first Ctrl+P:
    the palette is not part of the start-up).

    Textual 8.2.8's palette moves its list by a page (Page Up / Page Down) through a table of
    lines that is empty until the list has been laid out, so those keys pressed the moment the
    palette opens raise KeyError and stop the app; and a palette closed twice by keys in quick
    succession (Enter on a hit, then Escape or Enter again before it is gone) pops the screen
    under it, and its search worker, still running when the palette closes, fails to find its
    list: each stopped the app (all found by tests/robustness/test_key_fuzz.py). Here such a
    key does nothing, and a search for a palette already gone ends quietly.
    """
    import asyncio

    from textual import work
    from textual.await_complete import AwaitComplete
    from textual.command import CommandPalette
    from textual.css.query import NoMatches

    gather = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]  # (the undecorated coroutine)

    class Palette(CommandPalette):
        def _action_command_list(self, action: str) -> None:
            try:
                super()._action_command_list(action)
            except (KeyError, IndexError):
                pass  # the list is not laid out yet: the key is too early to mean anything

        def dismiss(self, result: object = None) -> AwaitComplete:  # any result: it is ours
            if self.app.screen is not self:  # already closed: `pop_screen` would pop what is under it
                return AwaitComplete(asyncio.sleep(0))
            return super().dismiss(result)  # type: ignore[arg-type]  # (CommandPalette declares its result as None)

        @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
        async def _gather_commands(self, search_value: str) -> None:
            try:
                await gather(self, search_value)
            except NoMatches:
                if self.is_attached and self.app.screen is self:
                    raise  # not the race: a real fault

    return Palette
