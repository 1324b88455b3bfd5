"""Markdown in: any Markdown checklist to a roadmap TOML that exports back byte for byte.

No Textual here (a test checks it); markdown-it-py and mdit-py-plugins arrive with Textual but
are plain parsers.

What becomes what
-----------------
- A *task* is what GitHub renders as a checkbox: a list item (`-`, `*`, `+`, `1.`, `1)`) whose
  paragraph starts with `[ ]`, `[x]` or `[X]` and whitespace, as the tasklists plugin of
  mdit-py-plugins marks it (`md_parser._tasklists` does the same, in linear time). Not in code blocks,
  HTML blocks or tables (markdown-it never makes list items there); tasks inside block quotes
  count. Each task is an `Item`; a task nested in a task's list is its child (through plain
  bullets too), so items with task children are topics. A plain bullet with a `_[...]_` blank
  is an entry too (no checkbox, never a parent), so its blank can be filled as in the default
  roadmap.
- A *node* is a heading at the top level of the document (`heading_open` at nesting level 0:
  headings inside list items or block quotes stay text). Nodes nest by level with a stack, so
  skipped levels are fine. If the first heading comes before every task and is the only one of
  the smallest level used, it is the roadmap's title and stays in `md_head`; the others are
  phases and sections.
- Tasks with no node heading above them go into one synthetic first phase whose `md` is "": it
  is named after the roadmap title when they sit under the title heading or the file has no
  headings at all, else "Tasks".

Notes
-----
A `> [!NOTE]` block quote right under a node heading or a task (no blank line between; inside
the list item), as `export --with-notes` writes it (`md_notes` has the format), is that entry's
`note`: its lines are left out of the entry's `md` and nothing in it is a task. Any other block
quote (an upstream README's own alerts, after a blank line) stays text. A note under the title
heading stays in `md_head` (a roadmap has no note).

Byte-exact export
-----------------
The text is cut into lines the way markdown-it counts them (`\\r\\n`, `\\r` and `\\n` all end a
line), keeping the line ends. Every node and task starts a chunk that runs up to the next one;
the chunk is its `md`, and everything before the first is the roadmap's `md_head` (with the BOM,
front matter, the title heading). Joining `md_head` and every `md` in document order gives the
file back; `markdown_export.to_markdown` does that, rewriting only checkbox marks whose state changed
and filled placeholders.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from roadmap_tui.core.limits import MAX_FILE_BYTES, SCHEMA
from roadmap_tui.core.markdown_source import LINE_RE, MARK_RE
from roadmap_tui.errors import Problem, RoadmapError
from roadmap_tui.formats.md_notes import content_lead, note_after
from roadmap_tui.formats.md_parser import MAX_LIST_DEPTH, block_parser, event_kind, one_line, start_line
from roadmap_tui.formats.toml_text import toml_string

if TYPE_CHECKING:  # markdown-it loads on first use
    from markdown_it.token import Token

BOM = "\ufeff"
#: Node titles used for tasks that sit under no node heading.
UNDER_NO_HEADING = "Tasks"
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
    n_notes: int = 0
    """How many entries got a note (a `> [!NOTE]` quote right under them)."""
    warnings: list[str] = field(default_factory=list)
    """One line each: what was not imported (lists nested deeper than `MAX_LIST_DEPTH`)."""


@dataclass(eq=False)
class _Task:
    line: int
    text: str
    done: bool | None  # None: a plain bullet
    items: list[_Task] = field(default_factory=list)
    md: str = ""
    note: str = ""
    note_lines: tuple[int, int] | None = None  # the note quote's lines, left out of `md`


@dataclass(eq=False)
class _Heading:
    line: int
    level: int
    title: str
    items: list[_Task] = field(default_factory=list)
    sections: list[_Heading] = field(default_factory=list)
    md: str = ""
    note: str = ""
    note_lines: tuple[int, int] | None = None


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


def _stand_in(lines: list[str], line: int) -> str:
    """The raw source line, trimmed: a visible title for a heading or task with no text."""
    return lines[line].strip() or "(empty)"


def import_markdown(data: bytes, path: os.PathLike[str] | str) -> ImportResult:
    """Turn Markdown bytes into a roadmap TOML document. `path` names the file in messages.

    Raises `MarkdownImportError` for a file over 20 MiB, a binary file (NUL bytes), one that is not
    UTF-8, one with no tasks, or one whose roadmap would be over 20 MiB (too big to open again).
    Reading the file is the caller's business. Four phases: tokens to events (`_events`), pick
    the title heading (`_title`), cut the source into `md` chunks (`_cut`), build the tree
    (`_tree`).
    """
    text = _decode(data, path)
    bom = ""
    if text.startswith(BOM):
        bom, text = BOM, text[1:]
    lines = LINE_RE.findall(text)
    env: dict[str, Any] = {}  # markdown-it's env; `too_deep` (md_parser) is a line number
    tokens = block_parser().parse(text, env)
    warnings = []
    if "too_deep" in env:
        warnings.append(
            f"{path}:{env['too_deep'] + 1}: lists nested more than {MAX_LIST_DEPTH} levels deep (a block quote "
            "counts half a level): what is deeper is kept as text of the task above it, not as tasks"
        )
    found = _events(tokens, lines, path)
    if not found.tasks:
        raise MarkdownImportError(
            path, [Problem("", "has no tasks to import (a task is a list item starting with [ ] or [x])")]
        )
    title, title_heading = _title(found, path)
    if title_heading is not None and title_heading.note_lines is not None:
        # the title is no node, so the quote under it is text (and the tasks in it are tasks)
        found = _events(tokens, lines, path, text_at=title_heading.line)
        title, title_heading = _title(found, path)
    if title_heading is not None:
        found.events.remove(title_heading)
    md_head = _cut(found.events, lines, bom)
    phases = _tree(found, title if title_heading is not None or not found.headings else UNDER_NO_HEADING)
    toml_text = _toml(title, md_head, phases, path)
    _check_size(toml_text, len(data), path)
    n_notes = sum(1 for event in found.events if event.note)
    return ImportResult(toml_text=toml_text, title=title, n_tasks=len(found.tasks), n_notes=n_notes, warnings=warnings)


@dataclass
class _Events:
    """Nodes and tasks in document order, each with the line it starts on."""

    headings: list[_Heading] = field(default_factory=list)
    tasks: list[_Task] = field(default_factory=list)
    events: list[_Heading | _Task] = field(default_factory=list)
    task_parent: dict[int, _Task | None] = field(default_factory=dict)  # id(task) -> its task parent


def _note(event: _Heading | _Task, tokens: Sequence[Token], index: int, after: Token, lead: str, lines: list[str]) -> int:
    """Give `event` the note quote at `tokens[index]`, if there is one (`md_notes.note_after`).
    Returns the index of the first token after it (`index` when there is none)."""
    found = note_after(tokens, index, after, lead, lines)
    if found is None:
        return index
    event.note, event.note_lines, next_index = found
    return next_index


def _events(tokens: Sequence[Token], lines: list[str], path: object, text_at: int | None = None) -> _Events:
    """Phase 1: the headings at the top level and the tasks (and entries), from the tokens, and
    their notes (but not under the heading on line `text_at`)."""
    found = _Events()
    open_items: list[_Task | None] = []  # the list items we are inside: their task, if any
    skip_to = 0  # the tokens of a note quote are no events
    for index, token in enumerate(tokens):
        if index < skip_to:
            continue
        kind = token.type
        if kind == "heading_open" and token.level == 0:
            line = start_line(token)
            title = one_line(tokens[index + 1].content) or _stand_in(lines, line)
            heading = _Heading(line, int(token.tag[1:]), title)
            found.headings.append(heading)
            found.events.append(heading)
            if line != text_at:
                skip_to = _note(heading, tokens, index + 3, token, "", lines)
        elif kind == "list_item_open":
            task = None
            event = event_kind(tokens, index)
            if event == "task":
                line = start_line(token)
                paragraph_line = start_line(tokens[index + 1])
                mark = MARK_RE.search(lines[paragraph_line])
                if mark is None:  # cannot happen with markdown-it's tokens; say so rather than guess
                    raise MarkdownImportError(
                        path, [Problem(f"{paragraph_line + 1}:1", "a task whose checkbox could not be found")]
                    )
                inline = tokens[index + 2].content  # the plugin has cut "[ ]" off already
                task = _Task(line, one_line(inline) or _stand_in(lines, line), mark.group(1) in "xX")
                found.task_parent[id(task)] = next((t for t in reversed(open_items) if t is not None), None)
                found.tasks.append(task)
                found.events.append(task)
                skip_to = _note(task, tokens, index + 4, tokens[index + 1], content_lead(lines[line]), lines)
            elif event == "entry":
                # A plain bullet with a blank to fill (`- _[List key books]_`): an entry of its own,
                # editable as in the default roadmap, but never a parent.
                line = start_line(token)
                entry = _Task(line, one_line(tokens[index + 2].content) or _stand_in(lines, line), None)
                found.task_parent[id(entry)] = next((t for t in reversed(open_items) if t is not None), None)
                found.events.append(entry)
                skip_to = _note(entry, tokens, index + 4, tokens[index + 1], content_lead(lines[line]), lines)
            open_items.append(task)
        elif kind == "list_item_close":
            open_items.pop()
    return found


def _title(found: _Events, path: os.PathLike[str] | str) -> tuple[str, _Heading | None]:
    """Phase 2: the roadmap's title, and the heading that gives it when that heading is the
    title rather than a phase (it comes before every task and is the only one of its level)."""
    headings = found.headings
    if not headings:
        return one_line(PurePath(os.fspath(path)).stem) or "Roadmap", None
    first = headings[0]
    smallest = min(h.level for h in headings)
    if (
        first.line < found.tasks[0].line
        and first.level == smallest
        and sum(1 for h in headings if h.level == smallest) == 1
    ):
        return first.title, first
    return first.title, None


def _cut(events: list[_Heading | _Task], lines: list[str], bom: str) -> str:
    """Phase 3: cut the text at every event's first line; each event gets its chunk as `md`.
    Returns what comes before the first (`md_head`)."""
    starts = [event.line for event in events]
    ends = [*starts[1:], len(lines)]
    for event, start, end in zip(events, starts, ends, strict=True):
        if event.note_lines is None:
            event.md = "".join(lines[start:end])
            continue
        first, last = event.note_lines
        before, after = lines[start:first], lines[last:end]
        if not lines[last - 1].endswith(("\n", "\r")):  # the note ended the file: so does the line before
            before[-1] = before[-1].rstrip("\r\n")
        event.md = "".join(before + after)
    return bom + "".join(lines[: starts[0]])


def _tree(found: _Events, synthetic_name: str) -> list[_Heading]:
    """Phase 4: headings nest by level, tasks under their task parent or their heading; tasks
    under no heading go into a first phase of their own, named `synthetic_name`."""
    phases: list[_Heading] = []
    stack: list[_Heading] = []
    synthetic: _Heading | None = None
    for event in found.events:
        if isinstance(event, _Heading):
            while stack and stack[-1].level >= event.level:
                stack.pop()
            (stack[-1].sections if stack else phases).append(event)
            stack.append(event)
            continue
        parent = found.task_parent[id(event)]
        if parent is not None:
            parent.items.append(event)
        elif stack:
            stack[-1].items.append(event)
        else:
            if synthetic is None:
                synthetic = _Heading(-1, 0, synthetic_name)
                phases.insert(0, synthetic)
            synthetic.items.append(event)
    return phases


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
# Every string goes through `toml_string` (formats/toml_text.py), written by hand.


def _comment_safe(text: str) -> str:
    return "".join(c if c.isprintable() else f"\\u{ord(c):04X}" for c in text)


def _note_string(note: str) -> str:
    """A note as the app writes one (`toml_edit.note_value`): a multi-line string ends with a line
    break before its closing quotes, which the reader drops."""
    return toml_string(note + "\n" if "\n" in note else note)


def _toml(title: str, md_head: str, phases: list[_Heading], path: os.PathLike[str] | str) -> str:
    name = _comment_safe(PurePath(os.fspath(path)).name)
    out = [
        f"# Imported from {name} by roadmap-tui.\n",
        "#\n",
        "# Each phase, section and item keeps its Markdown source in `md` (the text before the first\n",
        "# one is `md_head`), so `roadmap-tui export` gives the file back with your progress in its\n",
        "# checkboxes. `done` and `text_fill` are what the app changes; edit `md` with care.\n",
        "# `note` is your note on the entry (`export --with-notes` writes it under the entry).\n",
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
        if item.note:
            out.append(f"note = {_note_string(item.note)}\n")
        out.append(f"md = {toml_string(item.md)}\n")
        for child in item.items:
            task(child, header + ".items")

    def node(heading: _Heading, header: str) -> None:
        out.append(f"\n[[{header}]]\n")
        out.append(f"title = {toml_string(heading.title)}\n")
        if heading.note:
            out.append(f"note = {_note_string(heading.note)}\n")
        out.append(f"md = {toml_string(heading.md)}\n")
        for item in heading.items:
            task(item, header + ".items")
        for section in heading.sections:
            node(section, header + ".sections")

    for phase in phases:
        node(phase, "phases")
    return "".join(out)
