"""Markdown in: any Markdown checklist to a roadmap TOML that exports back byte for byte.

No Textual here (a test checks it); markdown-it-py and mdit-py-plugins arrive with Textual but
are plain parsers.

What becomes what
-----------------
- A *task* is what GitHub renders as a checkbox: a list item (`-`, `*`, `+`, `1.`, `1)`) whose
  paragraph starts with `[ ]`, `[x]` or `[X]` and whitespace, as the tasklists plugin of
  mdit-py-plugins marks it (`_tasklists` does the same, in linear time). Not in code blocks,
  HTML blocks or tables (markdown-it never makes list items there); tasks inside block quotes
  count. Each task is an `Item`; a task nested in a task's list is its child (through plain
  bullets too), so items with task children are topics. A plain bullet with a `_[...]_` blank is an entry too (no checkbox, never a parent),
  so its blank can be filled as in the default roadmap.
- A *node* is a heading at the top level of the document (`heading_open` at nesting level 0:
  headings inside list items or block quotes stay text). Nodes nest by level with a stack, so
  skipped levels are fine. If the first heading comes before every task and is the only one of
  the smallest level used, it is the roadmap's title and stays in `md_head`; the others are
  phases and sections.
- Tasks with no node heading above them go into one synthetic first phase whose `md` is "": it
  is named after the roadmap title when they sit under the title heading or the file has no
  headings at all, else "Tasks".

Byte-exact export
-----------------
The text is cut into lines the way markdown-it counts them (`\\r\\n`, `\\r` and `\\n` all end a
line), keeping the line ends. Every node and task starts a chunk that runs up to the next one;
the chunk is its `md`, and everything before the first is the roadmap's `md_head` (with the BOM,
front matter, the title heading). Joining `md_head` and every `md` in document order gives the
file back; `markdown.to_markdown` does that, rewriting only checkbox marks whose state changed
and filled placeholders.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from roadmap_tui.storage.reader import MAX_FILE_BYTES
from roadmap_tui.core.model import has_placeholder
from roadmap_tui.storage.schema import MARK_RE, MAX_NESTING, SCHEMA
from roadmap_tui.errors import Problem, RoadmapError

BOM = "\ufeff"
#: One line as markdown-it counts them, with its line end (the last line may have none).
LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
#: Node titles used for tasks that sit under no node heading.
UNDER_NO_HEADING = "Tasks"
#: Lists nest this deep at most (44): a task at this depth under six nested headings is still
#: within the TOML nesting every reader accepts (`schema.MAX_NESTING`: each heading and each
#: task level is an array of tables, two levels), and well within `schema.MAX_DEPTH`.
MAX_LIST_DEPTH = (MAX_NESTING - 2 * 6) // 2
#: markdown-it's `maxNesting` for that: a list and its item are a level each, and the item's
#: paragraph is read one level further in. Block quotes take a level each out of the same.
MAX_NESTING_MD = 2 * MAX_LIST_DEPTH + 1


class MarkdownImportError(RoadmapError):
    """A Markdown file that cannot be imported (not text, no tasks, too big). `one_line()` says why."""


@dataclass
class ImportResult:
    toml_text: str
    """A complete roadmap TOML document (schema, title, md_head, phases), for `schema.build_roadmap`."""
    title: str
    """The roadmap title: the first heading's text, else the file's stem."""
    n_tasks: int
    """How many task-list items were found."""
    warnings: list[str] = field(default_factory=list)
    """One line each: what was not imported (lists nested deeper than `MAX_LIST_DEPTH`)."""


@dataclass(eq=False)
class _Task:
    line: int
    text: str
    done: bool | None  # None: a plain bullet
    items: list[_Task] = field(default_factory=list)
    md: str = ""


@dataclass(eq=False)
class _Heading:
    line: int
    level: int
    title: str
    items: list[_Task] = field(default_factory=list)
    sections: list[_Heading] = field(default_factory=list)
    md: str = ""


# Reading ---------------------------------------------------------------------------------------


def _decode(data: bytes, path: object) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise MarkdownImportError(
            path, [Problem("", f"is {len(data):,} bytes; a Markdown file to import may be at most {MAX_FILE_BYTES:,}")]
        )
    nul = data.find(b"\0")
    if nul >= 0:
        line, column = _position(data, nul)
        raise MarkdownImportError(
            path, [Problem(f"{line}:{column}", "is a binary file (it holds a NUL byte), not Markdown")]
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        raise MarkdownImportError(
            path, [Problem(f"{line}:{column}", f"not UTF-8 text (byte 0x{data[error.start]:02x})")]
        ) from None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (1-based, the column in bytes) of `offset`, counting lines as markdown-it does."""
    head = data[:offset]
    line = head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
    start = max(head.rfind(b"\n"), head.rfind(b"\r")) + 1
    return line, offset - start + 1


_PARSER = None


#: A task's paragraph: `[ ]`, `[x]` or `[X]` and GFM white space (as mdit-py-plugins' tasklists).
_TODO_RE = re.compile(r"\[[ xX]][ \t\n\v\f\r]+")


def _tasklists(state) -> None:  # noqa: ANN001
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


def _parser():  # noqa: ANN202 - markdown_it's type, imported lazily
    """markdown-it (CommonMark plus tables and YAML front matter) with task lists (`_tasklists`).

    Only block structure matters here, so the inline stage is replaced by a stub that gives each
    inline token one text child (all the task rule needs): the same tasks, in half the time.
    """
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt
        from markdown_it.token import Token
        from mdit_py_plugins.front_matter import front_matter_plugin

        def inline_stub(state) -> None:  # noqa: ANN001
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

        def tokenize_noting_depth(state, start: int, end: int) -> None:  # noqa: ANN001
            """markdown-it skips what is nested deeper than `maxNesting` (the lines stay in the
            chunk of the task above, so the export is whole); note the first line it skips."""
            if state.level >= MAX_NESTING_MD and "too_deep" not in state.env:
                line = state.skipEmptyLines(start)
                if line < end and state.sCount[line] >= state.blkIndent:
                    state.env["too_deep"] = line
            tokenize(state, start, end)

        parser.block.tokenize = tokenize_noting_depth  # lists and quotes call it through state.md.block
        _PARSER = parser
    return _PARSER


def block_parser():  # noqa: ANN201 - markdown_it's type, imported lazily
    """The parser the import uses (block structure only; inline tokens hold their source)."""
    return _parser()


def event_kind(tokens: list, index: int) -> str | None:  # type: ignore[type-arg]
    """What the `list_item_open` at `tokens[index]` becomes: "task" (a checkbox item), "entry"
    (a plain bullet with a `_[...]_` blank), or None (a plain bullet: text of its chunk)."""
    if (tokens[index].attrGet("class") or "").startswith("task-list-item"):
        return "task"
    if tokens[index + 1].type == "paragraph_open" and has_placeholder(tokens[index + 2].content):
        return "entry"
    return None


def one_line(content: str) -> str:
    """Inline source text as one line: lines trimmed and joined with a space."""
    return " ".join(part for part in (line.strip() for line in re.split(r"[\r\n]", content)) if part)


def _stand_in(lines: list[str], line: int) -> str:
    """The raw source line, trimmed: a visible title for a heading or task with no text."""
    return lines[line].strip() or "(empty)"


def import_markdown(data: bytes, path: os.PathLike | str) -> ImportResult:
    """Turn Markdown bytes into a roadmap TOML document. `path` names the file in messages.

    Raises `MarkdownImportError` for a file over 20 MiB, a binary file (NUL bytes), one that is not
    UTF-8, one with no tasks, or one whose roadmap would be over 20 MiB (too big to open again).
    A missing file is the caller's business.
    """
    text = _decode(data, path)
    bom = ""
    if text.startswith(BOM):
        bom, text = BOM, text[1:]
    lines = LINE_RE.findall(text)
    env: dict = {}  # type: ignore[type-arg]
    tokens = _parser().parse(text, env)
    warnings = []
    if "too_deep" in env:
        warnings.append(
            f"{path}:{env['too_deep'] + 1}: lists nested more than {MAX_LIST_DEPTH} levels deep (a block quote "
            "counts half a level): what is deeper is kept as text of the task above it, not as tasks"
        )

    # Nodes and tasks in document order, each with the line it starts on.
    headings: list[_Heading] = []
    tasks: list[_Task] = []
    events: list[_Heading | _Task] = []
    task_parent: dict[int, _Task | None] = {}  # id(task) -> its task parent
    open_items: list[_Task | None] = []  # the list items we are inside: their task, if any
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "heading_open" and token.level == 0:
            line = token.map[0]
            title = one_line(tokens[index + 1].content) or _stand_in(lines, line)
            heading = _Heading(line, int(token.tag[1:]), title)
            headings.append(heading)
            events.append(heading)
        elif kind == "list_item_open":
            task = None
            event = event_kind(tokens, index)
            if event == "task":
                line = token.map[0]
                paragraph_line = tokens[index + 1].map[0]
                mark = MARK_RE.search(lines[paragraph_line])
                if mark is None:  # cannot happen with markdown-it's tokens; say so rather than guess
                    raise MarkdownImportError(
                        path, [Problem(f"{paragraph_line + 1}:1", "a task whose checkbox could not be found")]
                    )
                inline = tokens[index + 2].content  # the plugin has cut "[ ]" off already
                task = _Task(line, one_line(inline) or _stand_in(lines, line), mark.group(1) in "xX")
                task_parent[id(task)] = next((t for t in reversed(open_items) if t is not None), None)
                tasks.append(task)
                events.append(task)
            elif event == "entry":
                # A plain bullet with a blank to fill (`- _[List key books]_`): an entry of its own,
                # editable as in the default roadmap, but never a parent.
                line = token.map[0]
                entry = _Task(line, one_line(tokens[index + 2].content) or _stand_in(lines, line), None)
                task_parent[id(entry)] = next((t for t in reversed(open_items) if t is not None), None)
                events.append(entry)
            open_items.append(task)
        elif kind == "list_item_close":
            open_items.pop()
    if not tasks:
        raise MarkdownImportError(
            path, [Problem("", "has no tasks to import (a task is a list item starting with [ ] or [x])")]
        )

    first_task_line = tasks[0].line
    title_heading: _Heading | None = None
    if headings:
        first = headings[0]
        smallest = min(h.level for h in headings)
        if (
            first.line < first_task_line
            and first.level == smallest
            and sum(1 for h in headings if h.level == smallest) == 1
        ):
            title_heading = first
        title = first.title
    else:
        title = one_line(PurePath(os.fspath(path)).stem) or "Roadmap"
    if title_heading is not None:
        events.remove(title_heading)

    # Cut the text at every event's first line.
    starts = [event.line for event in events]
    ends = [*starts[1:], len(lines)]
    md_head = bom + "".join(lines[: starts[0]])
    for event, start, end in zip(events, starts, ends, strict=True):
        event.md = "".join(lines[start:end])

    # The tree: headings nest by level, tasks under their task parent or their heading.
    phases: list[_Heading] = []
    stack: list[_Heading] = []
    synthetic: _Heading | None = None
    for event in events:
        if isinstance(event, _Heading):
            while stack and stack[-1].level >= event.level:
                stack.pop()
            (stack[-1].sections if stack else phases).append(event)
            stack.append(event)
            continue
        parent = task_parent[id(event)]
        if parent is not None:
            parent.items.append(event)
        elif stack:
            stack[-1].items.append(event)
        else:
            if synthetic is None:
                name = title if title_heading is not None or not headings else UNDER_NO_HEADING
                synthetic = _Heading(-1, 0, name)
                phases.insert(0, synthetic)
            synthetic.items.append(event)

    toml_text = _toml(title, md_head, phases, path)
    _check_size(toml_text, len(data), path)
    return ImportResult(toml_text=toml_text, title=title, n_tasks=len(tasks), warnings=warnings)


def _check_size(toml_text: str, md_bytes: int, path: object) -> None:
    """Refuse a roadmap bigger than every reader opens (`files.MAX_FILE_BYTES`), before anything
    is written: it keeps each task's text twice (`text` and `md`), so a Markdown file can be
    under the limit and its roadmap over it."""
    size = len(toml_text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise MarkdownImportError(
            path,
            [
                Problem(
                    "",
                    f"would make a roadmap of {size:,} bytes (from {md_bytes:,} of Markdown), and a roadmap "
                    f"may be at most {MAX_FILE_BYTES:,} to open: split the file",
                )
            ],
        )


# Writing TOML ------------------------------------------------------------------------------------
#
# Written by hand rather than with tomlkit: tomlkit's multi-line strings keep a bare "\r" and
# mishandle a final quote, and `md` is far more readable as a multi-line string. Every string is
# a TOML basic string; tests check that tomllib reads back exactly what went in.

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
#: Must be escaped in a basic string (or had better be: invisible or line-breaking to editors).
_ONE_LINE_RE = re.compile('[\\\\"\x00-\x1f\x7f\x85\u2028\u2029\ufeff]')
#: In a multi-line string: the same less tab and newline, and a quote only where it could end it.
_MULTI_LINE_RE = re.compile('[\\\\\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029\ufeff]|"(?="|\\Z)')


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04X}"


def toml_string(value: str) -> str:
    """`value` as a TOML basic string: one line, or multi-line when it holds line breaks."""
    if "\n" not in value:
        return '"' + _ONE_LINE_RE.sub(_escape, value) + '"'
    # The newline right after the opening quotes is dropped by TOML readers.
    return '"""\n' + _MULTI_LINE_RE.sub(_escape, value) + '"""'


def _comment_safe(text: str) -> str:
    return "".join(c if c.isprintable() else f"\\u{ord(c):04X}" for c in text)


def _toml(title: str, md_head: str, phases: list[_Heading], path: object) -> str:
    name = _comment_safe(PurePath(os.fspath(path)).name)  # type: ignore[arg-type]
    out = [
        f"# Imported from {name} by roadmap-tui.\n",
        "#\n",
        "# Each phase, section and item keeps its Markdown source in `md` (the text before the first\n",
        "# one is `md_head`), so `roadmap-tui export` gives the file back with your progress in its\n",
        "# checkboxes. `done` and `text_fill` are what the app changes; edit `md` with care.\n",
        "\n",
        f"schema = {SCHEMA}\n",
        f"title = {toml_string(title)}\n",
        f"md_head = {toml_string(md_head)}\n",
    ]

    def task(item: _Task, header: str) -> None:
        out.append(f"\n[[{header}]]\n")
        out.append(f"text = {toml_string(item.text)}\n")
        if item.done is not None:
            out.append(f"done = {'true' if item.done else 'false'}\n")
        out.append(f"md = {toml_string(item.md)}\n")
        for child in item.items:
            task(child, header + ".items")

    def node(heading: _Heading, header: str) -> None:
        out.append(f"\n[[{header}]]\n")
        out.append(f"title = {toml_string(heading.title)}\n")
        out.append(f"md = {toml_string(heading.md)}\n")
        for item in heading.items:
            task(item, header + ".items")
        for section in heading.sections:
            node(section, header + ".sections")

    for phase in phases:
        node(phase, "phases")
    return "".join(out)
