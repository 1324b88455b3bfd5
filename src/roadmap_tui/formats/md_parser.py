"""The Markdown parser of imported roadmaps: markdown-it as the import and the heading text use it.

One parser, so the import (`markdown_import`) and the rows of a heading's own text
(`md_blocks`) see the same block structure: CommonMark plus tables and YAML front matter, with
GitHub's task lists (`_tasklists`, linear time) and lists nested at most `MAX_LIST_DEPTH` deep.
markdown-it-py and mdit-py-plugins are imported on first use (`export` of a roadmap that was
not imported never pays for them). No Textual here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from roadmap_tui.core.limits import MAX_NESTING
from roadmap_tui.core.placeholders import has_placeholder

if TYPE_CHECKING:  # markdown-it loads on first use
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

#: Lists nest this deep at most (44): a task at this depth under six nested headings is still
#: within the TOML nesting every reader accepts (`limits.MAX_NESTING`: each heading and each
#: task level is an array of tables, two levels), and well within `schema.MAX_DEPTH`.
MAX_LIST_DEPTH = (MAX_NESTING - 2 * 6) // 2
#: markdown-it's `maxNesting` for that: a list and its item are a level each, and the item's
#: paragraph is read one level further in. Block quotes take a level each out of the same.
MAX_NESTING_MD = 2 * MAX_LIST_DEPTH + 1

_PARSER: MarkdownIt | None = None


#: A task's paragraph: `[ ]`, `[x]` or `[X]` and GFM white space (as mdit-py-plugins' tasklists).
_TODO_RE = re.compile(r"\[[ xX]][ \t\n\v\f\r]+")


def _tasklists(state: StateCore) -> None:
    """What mdit-py-plugins' tasklists plugin does (disabled checkboxes), in one pass.

    The plugin finds each task's list by searching back from the task for a token one level
    up, so a long list costs the square of its length (9 of 10 s for 10,000 tasks). Here the
    last token seen at each level is remembered as the tokens go by: the same tokens, the same
    classes, the same cut content, in time linear in the number of tokens.
    """
    from markdown_it.token import Token

    tokens = state.tokens
    last_at_level: dict[int, int] = {}  # level -> index of the latest token at that level
    for index in range(len(tokens) - 3):
        token = tokens[index]
        level = token.level
        if (
            token.type == "list_item_open"
            and tokens[index + 1].type == "paragraph_open"
            and tokens[index + 2].type == "inline"
            and _TODO_RE.match(tokens[index + 2].content)
        ):
            inline = tokens[index + 2]
            checkbox = Token("html_inline", "", 0)
            checked = 'checked="checked" ' if inline.content[1] in "xX" else ""
            checkbox.content = f'<input class="task-list-item-checkbox" {checked}disabled="disabled" type="checkbox">'
            children = inline.children or []
            if children:
                children[0].content = children[0].content[3:]
            inline.children = [checkbox, *children]
            inline.content = inline.content[3:]
            token.attrSet("class", "task-list-item")
            parent = last_at_level.get(level - 1)
            tokens[parent if parent is not None else -1].attrSet("class", "contains-task-list")
        last_at_level[level] = index


def block_parser() -> MarkdownIt:
    """markdown-it (CommonMark plus tables and YAML front matter) with task lists (`_tasklists`).

    Only block structure matters here, so the inline stage is replaced by a stub that gives each
    inline token one text child (all the task rule needs): the same tasks, in half the time.
    """
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt
        from markdown_it.token import Token
        from mdit_py_plugins.front_matter import front_matter_plugin

        def inline_stub(state: StateCore) -> None:
            for token in state.tokens:
                if token.type == "inline":
                    child = Token("text", "", 0)
                    child.content = token.content
                    token.children = [child]

        parser = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING_MD}).enable("table").use(front_matter_plugin)
        parser.core.ruler.at("inline", inline_stub)
        parser.core.ruler.after("inline", "github-tasklists", _tasklists)
        parser.disable("text_join")
        tokenize = parser.block.tokenize

        def tokenize_noting_depth(state: StateBlock, start: int, end: int) -> None:
            """markdown-it skips what is nested deeper than `maxNesting` (the lines stay in the
            chunk of the task above, so the export is whole); note the first line it skips."""
            if state.level >= MAX_NESTING_MD and "too_deep" not in state.env:
                line = state.skipEmptyLines(start)
                if line < end and state.sCount[line] >= state.blkIndent:
                    state.env["too_deep"] = line
            tokenize(state, start, end)

        # Lists and quotes call it through state.md.block. markdown-it has no hook for what it
        # skips, so the instance's method is replaced (mypy compares it with the unbound method).
        parser.block.tokenize = tokenize_noting_depth  # type: ignore[method-assign, assignment]  # no hook
        _PARSER = parser
    return _PARSER


def start_line(token: Token) -> int:
    """The source line a block token starts on (markdown-it maps every block token)."""
    assert token.map is not None
    return token.map[0]


def event_kind(tokens: Sequence[Token], index: int) -> str | None:
    """What the `list_item_open` at `tokens[index]` becomes: "task" (a checkbox item), "entry"
    (a plain bullet with a `_[...]_` blank), or None (a plain bullet: text of its chunk)."""
    classes = tokens[index].attrGet("class")  # set by `_tasklists`, a str
    if isinstance(classes, str) and classes.startswith("task-list-item"):
        return "task"
    if tokens[index + 1].type == "paragraph_open" and has_placeholder(tokens[index + 2].content):
        return "entry"
    return None


def one_line(content: str) -> str:
    """Inline source text as one line: lines trimmed and joined with a space."""
    return " ".join(part for part in (line.strip() for line in re.split(r"[\r\n]", content)) if part)
