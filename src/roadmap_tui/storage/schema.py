"""What a roadmap file must hold: TOML text to parsed data (`parse_toml`) to a validated
`Roadmap` (`build_roadmap`), with errors that say where.

`tomllib` reads (fast); the saver edits a `tomlkit` document of the same text to write. Readers
don't call these directly: `reader.read_roadmap` is the one pipeline. Every problem found is
reported with its field path, e.g.
`phases[1].sections[0].items[2].items[3].done: expected true or false, got "yes"`.

The learner's journal (schema 3; `core/states.py`):

- `state` on a checkbox: "doing" or "skipped" for a box not done; "todo" (or no key) is todo,
  and "done" may stand beside `done = true` (both say the same). A state that disagrees with
  `done` (`state = "doing"` with `done = true`, `"done"` with `done = false`) is an error, and so
  is a state on a plain bullet (no `done`: it has no state to be in). A topic (an item with
  checkboxes among its items) takes its state from them and its stored flag follows them as the
  app saves, so a `state` written on one is not held to its `done`.
- `started_at`, `done_at` on a checkbox: TOML offset date-times only
  (`done_at = 2026-12-01T19:05:00+01:00`, `Z` for UTC); a date-time without its UTC offset, a
  date, a time or a string is an error. A hand-written date is kept as written: `done_at` on a
  box not done (unchecked by hand in an editor) is read too, not refused; it means nothing until
  the box is checked again, which replaces it (and `reset` removes it).
- `note` on any part, section or item: a string, any number of lines; the one line break before
  the closing quotes of a multi-line string (as the app writes a note) is not part of the note.
- `reviews` on any part, section or item (`core/review.py`): an array of tables, each
  `{ at = 2026-12-03T08:00:00+01:00, result = "remembered" }` (`at` an offset date-time,
  `result` "remembered" or "forgot"); any other key in one is kept in the file, unread. An
  additive key: the schema stays 3 (an older roadmap-tui reading such a file ignores it).
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime, time
from typing import Any

from roadmap_tui.core.limits import MAX_NESTING as MAX_NESTING  # re-exported: the schema's API too
from roadmap_tui.core.limits import SCHEMA as SCHEMA
from roadmap_tui.core.markdown_source import MARK_RE
from roadmap_tui.core.model import Item, Node, Review, Roadmap
from roadmap_tui.core.placeholders import fill_key, has_placeholder
from roadmap_tui.core.progress import recount_all
from roadmap_tui.core.review import RESULTS
from roadmap_tui.core.states import DONE, STORED, TODO
from roadmap_tui.errors import Problem, RoadmapError

MAX_ERRORS = 20
MAX_DEPTH = 64

NODE_STRINGS = ("duration", "duration_fill", "focus", "intro", "title_fill")
#: Fields that are one line of the Markdown (a heading, a list item, a **Duration:** line).
#: (`note` and `intro` may span lines; `state` is checked against its few words.)
ONE_LINE = {"title", "title_fill", "text", "text_fill", "duration", "duration_fill", "focus"}
#: What an item's `state` may say; "todo" and "done" are kept as "" in the model (the flag says).
STATE_WORDS = (TODO, *STORED, DONE)
DATE_EXAMPLE = "2026-12-01T19:05:00+01:00"


_LINE_COL = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def parse_toml(text: str, path: object) -> dict[str, Any]:
    """Parse TOML with `tomllib`, turning a syntax error into a `RoadmapError` with line:column."""
    try:
        data = tomllib.loads(text)
    except RecursionError:
        message = f"invalid TOML: arrays or tables nested more than {MAX_NESTING} levels deep"
        raise RoadmapError(path, [Problem(_deep_position(text), message)]) from None
    except tomllib.TOMLDecodeError as error:
        message = str(error.args[0]) if error.args else str(error)
        line = getattr(error, "lineno", None)
        column = getattr(error, "colno", None)
        if match := _LINE_COL.search(message):
            line, column = int(match.group(1)), int(match.group(2))
            message = message[: match.start()]
        elif match := _AT_END.search(message):
            lines = text.split("\n")
            line, column = len(lines), len(lines[-1]) + 1
            message = message[: match.start()]
        where = f"{line}:{column}" if line else ""
        raise RoadmapError(path, [Problem(where, f"invalid TOML: {message}")]) from None
    if (deep := _too_deep(data)) is not None:
        raise RoadmapError(path, [Problem(deep, f"holds arrays or tables nested more than {MAX_NESTING} levels deep")])
    return data


def _too_deep(data: dict[str, Any]) -> str | None:
    """The field path (its first dozen steps) to values nested deeper than `MAX_NESTING`, or None."""

    if not _deeper_than(data, MAX_NESTING):
        return None  # the usual case, told without building a path for every value

    def step(key: str) -> str:
        return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _describe(key)

    stack: list[tuple[object, int, str]] = [(value, 1, step(key)) for key, value in data.items()]
    while stack:
        value, depth, where = stack.pop()
        if isinstance(value, dict):
            children = [(child, f"{where}.{step(key)}") for key, child in value.items()]
        elif isinstance(value, list):
            children = [(child, f"{where}[{index}]") for index, child in enumerate(value)]
        else:
            continue
        if depth > MAX_NESTING:
            return where
        stack.extend((child, depth + 1, path if depth < 12 else where) for child, path in children)
    return None


def _deeper_than(data: dict[str, Any], limit: int) -> bool:
    """Whether some value in `data` sits more than `limit` arrays or tables deep."""
    level: list[object] = list(data.values())
    depth = 1
    while level:
        containers = [v for v in level if isinstance(v, (dict, list))]
        if not containers:
            return False
        if depth > limit:
            return True
        level = []
        for value in containers:
            level.extend(value.values() if isinstance(value, dict) else value)
        depth += 1
    return False


def _deep_position(text: str) -> str:
    """Where (line:column) brackets first go more than `MAX_NESTING` deep, outside strings and
    comments; "" if that can't be told. Only for the message of a file tomllib could not parse."""
    depth, line, line_start, i = 0, 1, 0, 0
    while i < len(text):
        char = text[i]
        if char == "\n":
            line, line_start = line + 1, i + 1
        elif char == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        elif char in "\"'":
            quote = char * 3 if text.startswith(char * 3, i) else char
            j = i + len(quote)
            while j < len(text) and not text.startswith(quote, j) and (len(quote) == 3 or text[j] != "\n"):
                j += 2 if char == '"' and text[j] == "\\" else 1
            for k in range(i, min(j, len(text))):
                if text[k] == "\n":
                    line, line_start = line + 1, k + 1
            i = j + len(quote)
            continue
        elif char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return f"{line}:{i - line_start + 1}"
        elif char in "]}":
            depth = max(0, depth - 1)
        i += 1
    return ""


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return '"' + shown.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return f"a date-time without a UTC offset ({value.isoformat()})"
        return f"a date-time ({value.isoformat()})"
    if isinstance(value, date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, time):
        return f"a time ({value.isoformat()})"
    return f"{type(value).__name__} {value!r}"


def _has_boxes(table: dict[str, Any]) -> bool:
    """Whether an item's table has checkboxes among its items (it is a topic)."""
    children = table.get("items")
    return isinstance(children, list) and any(isinstance(child, dict) and "done" in child for child in children)


class _Validator:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, where: str, message: str) -> None:
        if len(self.problems) < MAX_ERRORS:
            self.problems.append(Problem(where, message))

    def string(self, table: dict[str, Any], key: str, where: str, required: bool) -> str | None:
        if key not in table:
            if required:
                self.add(f"{where}.{key}" if where else key, "missing (expected a string)")
            return None
        value = table[key]
        if not isinstance(value, str):
            self.add(f"{where}.{key}" if where else key, f"expected a string, got {_describe(value)}")
            return None
        if key in ONE_LINE and ("\n" in value or "\r" in value):
            self.add(f"{where}.{key}" if where else key, "must be one line (it holds a line break)")
            return None
        return value

    def tables(self, table: dict[str, Any], key: str, where: str) -> list[tuple[str, dict[str, Any]]]:
        if key not in table:
            return []
        value = table[key]
        path = f"{where}.{key}" if where else key
        if not isinstance(value, list):
            self.add(path, f"expected an array of tables, got {_describe(value)}")
            return []
        found = []
        for index, element in enumerate(value):
            if isinstance(element, dict):
                found.append((f"{path}[{index}]", element))
            else:
                self.add(f"{path}[{index}]", f"expected a table, got {_describe(element)}")
        return found

    def fill_matches(self, table: dict[str, Any], name: str, text: str | None, where: str) -> None:
        key = fill_key(name)
        if not table.get(key):
            return
        if text is None and name not in table:
            self.add(f"{where}.{key}", f"is set, but there is no {name} to fill")
        elif text is not None and not has_placeholder(text):
            self.add(f"{where}.{key}", f"is set, but {name} has no _[...]_ placeholder to fill")

    def note(self, table: dict[str, Any], where: str) -> str:
        """An entry's `note` ("" for none), without the line break a multi-line string ends with."""
        value = self.string(table, "note", where, required=False)
        if not value:
            return ""
        return value[:-1] if value.endswith("\n") else value

    def state(self, table: dict[str, Any], where: str, done: bool | None) -> str:
        """An item's `state` as the model keeps it: "doing", "skipped" or "" (todo, or done)."""
        value = self.string(table, "state", where, required=False)
        if value is None:
            return ""
        path = f"{where}.state"
        if value not in STATE_WORDS:
            words = ", ".join(f'"{word}"' for word in STATE_WORDS[:-1]) + f' or "{STATE_WORDS[-1]}"'
            self.add(path, f"expected {words}, got {_describe(value)}")
        elif "done" not in table:
            self.add(path, f"is {_describe(value)}, but the item has no checkbox (no done = true or false)")
        elif _has_boxes(table):
            pass  # a topic's own flag follows its items (the app sets it): its state is not held to it
        elif done is True and value in STORED:
            self.add(path, f"is {_describe(value)}, but done = true says it is done: they disagree")
        elif done is False and value == DONE:
            self.add(path, 'is "done", but done = false says it is not: they disagree')
        return value if value in STORED else ""

    def moment(self, table: dict[str, Any], key: str, where: str) -> datetime | None:
        """An item's date: an offset date-time (tomllib gives it as an aware datetime), or None."""
        if key not in table:
            return None
        value, path = table[key], f"{where}.{key}"
        if not isinstance(value, datetime) or value.tzinfo is None:
            self.add(path, f"expected an offset date-time such as {DATE_EXAMPLE}, got {_describe(value)}")
            return None
        if "done" not in table:
            self.add(path, "is set, but the item has no checkbox (no done = true or false)")
            return None
        return value

    def reviews(self, table: dict[str, Any], where: str) -> tuple[Review, ...]:
        """An entry's `reviews` (see the module's docstring), in the file's order."""
        found = []
        for path, review in self.tables(table, "reviews", where):
            at, result = review.get("at"), review.get("result")
            if not isinstance(at, datetime) or at.tzinfo is None:
                got = "nothing" if "at" not in review else _describe(at)
                self.add(f"{path}.at", f"expected an offset date-time such as {DATE_EXAMPLE}, got {got}")
            elif result not in RESULTS:
                got = "nothing" if "result" not in review else _describe(result)
                self.add(f"{path}.result", f'expected "{RESULTS[0]}" or "{RESULTS[1]}", got {got}')
            else:
                found.append(Review(at, result))
        return tuple(found)

    def item(self, table: dict[str, Any], where: str, depth: int) -> Item | None:
        text = self.string(table, "text", where, required=True)
        if text is not None and not text.strip():
            self.add(f"{where}.text", "is empty")
        done: bool | None = None
        if "done" in table:
            value = table["done"]
            if isinstance(value, bool):
                done = value
            else:
                self.add(f"{where}.done", f"expected true or false, got {_describe(value)}")
        fill = self.string(table, "text_fill", where, required=False) or ""
        self.fill_matches(table, "text", text, where)
        md = self.string(table, "md", where, required=False)
        if md is not None and done is not None and MARK_RE.search(md) is None:
            self.add(f"{where}.md", "has no checkbox ([ ] or [x]) to show done in")
        # (most items have none of the journal's keys: each is looked at only when it is there)
        state = self.state(table, where, done) if "state" in table else ""
        started_at = self.moment(table, "started_at", where) if "started_at" in table else None
        done_at = self.moment(table, "done_at", where) if "done_at" in table else None
        note = self.note(table, where) if "note" in table else ""
        reviews = self.reviews(table, where) if "reviews" in table else ()
        children = self.items(table, where, depth + 1)
        if text is None:
            return None
        return Item(
            text=text, done=done, text_fill=fill, items=children, md=md,
            state=state, started_at=started_at, done_at=done_at, note=note, reviews=reviews,
        )

    def items(self, table: dict[str, Any], where: str, depth: int) -> list[Item]:
        if depth > MAX_DEPTH:
            self.add(where, f"nested more than {MAX_DEPTH} levels deep")
            return []
        found = []
        for path, element in self.tables(table, "items", where):
            item = self.item(element, path, depth)
            if item is not None:
                found.append(item)
        return found

    def node(self, table: dict[str, Any], where: str, depth: int) -> Node | None:
        title = self.string(table, "title", where, required=True)
        if title is not None and not title.strip():
            self.add(f"{where}.title", "is empty")
        values = {key: self.string(table, key, where, required=False) for key in NODE_STRINGS}
        md = self.string(table, "md", where, required=False)
        note = self.note(table, where)
        reviews = self.reviews(table, where) if "reviews" in table else ()
        self.fill_matches(table, "title", title, where)
        self.fill_matches(table, "duration", values["duration"], where)
        items = self.items(table, where, depth)
        sections: list[Node] = []
        if depth > MAX_DEPTH:
            self.add(where, f"nested more than {MAX_DEPTH} levels deep")
        else:
            for path, element in self.tables(table, "sections", where):
                section = self.node(element, path, depth + 1)
                if section is not None:
                    sections.append(section)
        if title is None:
            return None
        return Node(
            title=title,
            title_fill=values["title_fill"] or "",
            duration=values["duration"],
            duration_fill=values["duration_fill"] or "",
            focus=values["focus"],
            intro=values["intro"],
            items=items,
            sections=sections,
            md=md,
            note=note,
            reviews=reviews,
        )


def build_roadmap(data: dict[str, Any], path: object) -> Roadmap:
    """Validate parsed TOML and build the model; raise `RoadmapError` listing every problem."""
    check = _Validator()
    schema = data.get("schema")
    if "schema" not in data:
        check.add("schema", f"missing (expected {SCHEMA})")
    elif isinstance(schema, bool) or not isinstance(schema, int):
        check.add("schema", f"expected a whole number, got {_describe(schema)}")
    elif schema > SCHEMA:
        raise RoadmapError(
            path,
            [
                Problem(
                    "schema",
                    f"the file is schema {schema}, written by a newer roadmap-tui; "
                    f"this version reads schema {SCHEMA}: upgrade roadmap-tui",
                )
            ],
        )
    elif schema < 1:
        check.add("schema", f"expected {SCHEMA}, got {schema}")
    title = check.string(data, "title", "", required=True)
    md_head = check.string(data, "md_head", "", required=False)
    phases = []
    for where, table in check.tables(data, "phases", ""):
        node = check.node(table, where, 1)
        if node is not None:
            phases.append(node)
    selected: list[str] = []
    ui = data.get("ui")
    if isinstance(ui, dict) and isinstance(ui.get("selected"), list):
        selected = [t for t in ui["selected"] if isinstance(t, str)]
    if check.problems:
        raise RoadmapError(path, check.problems)
    roadmap = Roadmap(title=title or "", phases=phases, schema=SCHEMA, selected=selected, md_head=md_head)
    roadmap.link()
    recount_all(roadmap)
    return roadmap
