"""The Textual internals of `tui/_textual_private.py` are still there: this fails first when an
upgrade of Textual moves one (then read the module's reasons again, against the new version)."""

from __future__ import annotations

import inspect
from importlib.metadata import version

from textual.app import App
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.scroll_view import ScrollView
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from roadmap_tui.tui import _textual_private
from roadmap_tui.tui.widgets.roadmap_tree import RoadmapTree


def test_the_installed_textual_is_the_one_they_were_checked_against() -> None:
    assert version("textual").startswith(_textual_private.CHECKED_AGAINST)


def test_every_internal_used_is_still_there() -> None:
    for owner, name in [
        (Tree, "_add_node"),
        (Tree, "_invalidate"),
        (Tree, "_build"),
        (ScrollView, "_scroll_update"),
        (ScrollView, "_refresh_scrollbars"),
        (App, "_close_messages_no_wait"),
        (App, "_fatal_error"),
        (CommandPalette, "_action_command_list"),
        (CommandPalette, "_GATHER_COMMANDS_GROUP"),
    ]:
        assert hasattr(owner, name), f"{owner.__name__}.{name}"
    assert hasattr(CommandPalette._gather_commands, "__wrapped__")
    assert hasattr(DOMNode, "_inherit_bindings")
    assert "_exit_renderables" in inspect.getsource(App.__init__)
    node_init = inspect.getsource(TreeNode.__init__)
    for attribute in ("self._children", "self._updates", "self._label", "self._line"):
        assert attribute in node_init, attribute
    # `TreeNode.allow_expand`'s setter does no more than the attribute and the counter
    assert "_allow_expand" in inspect.getsource(TreeNode.allow_expand.fset)  # type: ignore[attr-defined]


def test_the_tree_s_hook_runs_where_textual_lays_out_its_lines() -> None:
    assert issubclass(RoadmapTree, _textual_private.LazyTree)
    assert "_build()" in inspect.getsource(Tree._tree_lines.fget)  # type: ignore[attr-defined]


def test_the_guarded_palette_is_made_once() -> None:
    palette = _textual_private.command_palette_class()
    assert issubclass(palette, CommandPalette) and palette is _textual_private.command_palette_class()
