"""Which entry of a newer version of a roadmap is which entry of the old one (`match`).

`import FILE --update NAME` (`library/update.py`) imports the newer Markdown as a new roadmap and
asks here, for every entry of the old one (its headings and its tasks), which entry of the new
one it became. Entries of the two kinds never match each other (a heading is never a task). Each
match is one to one, in passes, the first that finds one wins:

1. *same place*: the same text under the entry its old parent became (most entries);
2. *same heading* (tasks): the same text under the heading its old heading became, in another
   topic (the topic was reworded or removed, or the task moved to a sibling topic);
3. *anywhere*: the same text anywhere (a section or task moved to another part);
4. *same source*: the same Markdown source line (`source_line`): an entry the learner renamed in
   the app keeps its source line (`md`), so it is found though its text is no longer upstream's;
   also a task whose later lines upstream reworded (`source_text` tells the two apart);
5. *same link* (tasks): the same link targets under the heading its old heading became: a
   resource whose title was reworded ("Learning How to Learn" -> "Learning how to learn
   (course)", the same coursera address) is the same resource;
6. *close*: a text close enough (`ratio` at least `FUZZY_RATIO`, after `comparable`: case,
   spacing, emphasis and link targets aside) with the same numbers (`numbers`), best first, one
   under the same heading ahead of one elsewhere (a task reworded: "renamed"). A number names
   which one ("Read chapter 3", "Week 2", "Part 1"): "Read chapter 3" and "Read chapter 5" are
   two entries, not one reworded, however close their texts.

Where several candidates have the same key, they are taken in document order, so twins ("Read
chapter 1" in five books) pair up in order. An entry of the new roadmap left over is *added*,
one of the old left over is *removed*.

Fuzzy matching is `difflib.SequenceMatcher` of the standard library: only the entries no exact
pass matched are compared (a few, in a real upstream change), each pair first through the cheap
upper bounds `real_quick_ratio` and `quick_ratio`; when the left-overs would make more than
`MAX_FUZZY_PAIRS` pairs (a file rewritten), only the pairs under the same heading are compared.

Pure: no I/O (the progress carried over is `carry.py`'s).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from roadmap_tui.core.markdown_source import BLOCK_START_RE, LINE_RE, MARK_RE
from roadmap_tui.core.model import Entry, Item, Node, Roadmap

FUZZY_RATIO = 0.85
"""The least `SequenceMatcher.ratio` of two `comparable` texts for them to be the same entry
reworded: "Implement a vector" and "Implement a vector (dynamic array)" are not (0.68);
"Learn about Kubernetes" and "Learn about Kubernetes." are (0.98)."""
SAME_HEADING_BONUS = 0.05
"""Added to the ratio of a pair under the same heading: of two close candidates, the nearer wins."""
MAX_FUZZY_PAIRS = 250_000
"""Beyond this many left-over pairs, only pairs under the same heading are compared."""

PLACE, HEADING, ANYWHERE, SOURCE, LINK, CLOSE = (
    "same place", "same heading", "anywhere", "same source", "same link", "close"
)

_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TARGET_RE = re.compile(r"\]\(\s*<?([^)\s>]+)")
_MARKS_RE = re.compile(r"[*`~]+|(?<!\w)_+|_+(?!\w)")
_SPACE_RE = re.compile(r"\s+")
_NUMBER_RE = re.compile(r"\d+")


def link_text(text: str) -> str:
    """`text` with each Markdown link as its text: how a summary shows a title
    ("[Docker docs](https://docs.docker.com) (video)" -> "Docker docs (video)")."""
    return _LINK_RE.sub(r"\1", text)


def comparable(text: str) -> str:
    """`text` as the close match compares it: links as their text, emphasis marks dropped, spaces
    collapsed, case folded ("**Learn** [Docker](https://a)" -> "learn docker")."""
    text = _MARKS_RE.sub("", link_text(text))
    return _SPACE_RE.sub(" ", text).strip().casefold()


def numbers(text: str) -> tuple[str, ...]:
    """The numbers in a `comparable` text, in order: two texts the close pass may pair have the
    same ("read chapter 3 (part 2)" -> ("3", "2"))."""
    return tuple(_NUMBER_RE.findall(text))


def source_line(entry: Entry) -> str | None:
    """The first line of an entry's Markdown source, spaces and checkbox mark aside ("- [ ] Arrays");
    None for an entry with none (added in the app, or the phase made for tasks under no heading)."""
    if not entry.md:
        return None
    first = LINE_RE.match(entry.md)
    line = first.group().strip() if first else ""
    return MARK_RE.sub("[ ]", line, count=1) if line else None


def source_text(entry: Entry) -> str | None:
    """The source lines an entry's text comes from, spaces and checkbox mark aside: a heading's
    line, a task's first paragraph (its first line and the lines that continue it); None for an
    entry with no source. Equal for an old entry and the new one it became when upstream did not
    change its text: a text that differs then is the learner's (renamed in the app)."""
    first = source_line(entry)
    if first is None or isinstance(entry, Node):
        return first
    assert entry.md is not None  # it has a first line
    lines = [first]
    for line in LINE_RE.findall(entry.md)[1:]:
        if not line.strip(" \t\r\n>") or BLOCK_START_RE.match(line):
            break
        lines.append(line.strip())
    return "\n".join(lines)


def link_targets(text: str) -> tuple[str, ...]:
    """The targets of the Markdown links in `text`, in order ("[a](https://x) [b](https://y)" ->
    ("https://x", "https://y"))."""
    return tuple(_TARGET_RE.findall(text))


def text_of(entry: Entry) -> str:
    return entry.title if isinstance(entry, Node) else entry.text


def heading_of(entry: Entry) -> Node | None:
    """The heading an entry sits under: a task's nearest heading, a heading's parent heading."""
    current = entry.parent
    while isinstance(current, Item):
        current = current.parent
    return current if isinstance(current, Node) else None


def entries(roadmap: Roadmap) -> Iterator[Entry]:
    """Every heading and task of `roadmap`, in document order (a heading before what it holds)."""

    def items(item: Item) -> Iterator[Entry]:
        yield item
        for child in item.items:
            yield from items(child)

    def node(entry: Node) -> Iterator[Entry]:
        yield entry
        for item in entry.items:
            yield from items(item)
        for section in entry.sections:
            yield from node(section)

    for phase in roadmap.phases:
        yield from node(phase)


@dataclass(frozen=True, eq=False)
class Pair:
    """An old entry and the new entry it became, and the pass that found it."""

    old: Entry
    new: Entry
    how: str

    @property
    def renamed(self) -> bool:
        return text_of(self.old) != text_of(self.new)


@dataclass(eq=False)
class Matching:
    """What `match` found: the pairs (in the new roadmap's order), and the entries left over."""

    pairs: list[Pair] = field(default_factory=list)
    added: list[Entry] = field(default_factory=list)
    """Entries of the new roadmap no old one became, in its order."""
    removed: list[Entry] = field(default_factory=list)
    """Entries of the old roadmap that are in the new one no more, in its order."""
    _index: dict[int, Entry] | None = field(default=None, repr=False)

    @property
    def kept(self) -> list[Pair]:
        return [pair for pair in self.pairs if not pair.renamed]

    @property
    def renamed(self) -> list[Pair]:
        return [pair for pair in self.pairs if pair.renamed]

    @property
    def moved(self) -> list[Pair]:
        """Pairs whose entry changed headings (found by text elsewhere)."""
        return [
            pair for pair in self.pairs if pair.how in (ANYWHERE, SOURCE, LINK, CLOSE) and not _same_heading(self, pair)
        ]

    def new_of(self, old: object) -> Entry | None:
        """The new entry `old` became, or None (it was removed)."""
        if self._index is None:
            self._index = {id(pair.old): pair.new for pair in self.pairs}
        return self._index.get(id(old))


def _same_heading(matching: Matching, pair: Pair) -> bool:
    old_heading, new_heading = heading_of(pair.old), heading_of(pair.new)
    if old_heading is None or new_heading is None:
        return old_heading is new_heading
    return matching.new_of(old_heading) is new_heading


_NOWHERE = object()


class _Matcher:
    def __init__(self, old: Roadmap, new: Roadmap) -> None:
        self.old_roadmap, self.new_roadmap = old, new
        self.olds = list(entries(old))
        self.news = list(entries(new))
        self.order = {id(entry): index for index, entry in enumerate(self.news)}
        self.to_new: dict[int, Entry] = {}  # id(old entry) -> the new entry it became
        self.taken: set[int] = set()  # id(new entry)
        self.how: dict[int, str] = {}

    def mapped(self, entry: object) -> object:
        """What an old parent or heading became in the new roadmap: the new roadmap for the old
        one, None for none (a part's heading), `_NOWHERE` while it has no match (no new key)."""
        if entry is None:
            return None
        if entry is self.old_roadmap:
            return self.new_roadmap
        return self.to_new.get(id(entry), _NOWHERE)

    def pair(self, old: Entry, new: Entry, how: str) -> None:
        self.to_new[id(old)] = new
        self.taken.add(id(new))
        self.how[id(old)] = how

    def exact(
        self, kind: type, how: str, old_key: Callable[[Entry], Hashable], new_key: Callable[[Entry], Hashable]
    ) -> None:
        """One exact pass over the entries of `kind` left: the first new entry with the same key."""
        waiting: dict[Hashable, list[Entry]] = defaultdict(list)
        for entry in self.news:
            if isinstance(entry, kind) and id(entry) not in self.taken:
                waiting[new_key(entry)].append(entry)
        for index in waiting.values():
            index.reverse()  # pop() takes the first in document order
        for old in self.olds:
            if not isinstance(old, kind) or id(old) in self.to_new:
                continue
            key = old_key(old)  # computed now: a parent matched a moment ago counts
            candidates = waiting.get(key) if key is not None else None
            if candidates:
                self.pair(old, candidates.pop(), how)

    def close(self, kind: type) -> None:
        """The close pass: every left-over pair of `kind` good enough, best first."""
        olds = [e for e in self.olds if isinstance(e, kind) and id(e) not in self.to_new]
        news = [e for e in self.news if isinstance(e, kind) and id(e) not in self.taken]
        if not olds or not news:
            return
        everywhere = len(olds) * len(news) <= MAX_FUZZY_PAIRS
        by_heading: dict[int, list[Entry]] = defaultdict(list)
        for entry in news:
            by_heading[id(heading_of(entry))].append(entry)
        texts = {id(entry): comparable(text_of(entry)) for entry in news}
        new_numbers = {id(entry): numbers(texts[id(entry)]) for entry in news}
        found: list[tuple[float, int, int, Entry, Entry]] = []
        matcher = SequenceMatcher(autojunk=False)
        for old_index, old in enumerate(olds):
            near = id(self.mapped(heading_of(old)))
            text = comparable(text_of(old))
            matcher.set_seq2(text)  # seq2 is the one SequenceMatcher indexes
            its_numbers = numbers(text)
            for new in news if everywhere else by_heading.get(near, []):
                if new_numbers[id(new)] != its_numbers:  # another chapter, week, part: another entry
                    continue
                bonus = SAME_HEADING_BONUS if id(heading_of(new)) == near else 0.0
                matcher.set_seq1(texts[id(new)])
                if (
                    matcher.real_quick_ratio() >= FUZZY_RATIO
                    and matcher.quick_ratio() >= FUZZY_RATIO
                    and (ratio := matcher.ratio()) >= FUZZY_RATIO
                ):
                    found.append((-(ratio + bonus), old_index, self.order[id(new)], old, new))
        found.sort(key=lambda row: row[:3])
        for _, _, _, old, new in found:
            if id(old) not in self.to_new and id(new) not in self.taken:
                self.pair(old, new, CLOSE)

    def run(self) -> Matching:
        parent_key: Callable[[Entry], Hashable] = lambda e: (id(self.mapped(e.parent)), text_of(e))  # noqa: E731
        heading_key: Callable[[Entry], Hashable] = lambda e: (id(self.mapped(heading_of(e))), text_of(e))  # noqa: E731
        new_parent: Callable[[Entry], Hashable] = lambda e: (id(e.parent), text_of(e))  # noqa: E731
        new_heading: Callable[[Entry], Hashable] = lambda e: (id(heading_of(e)), text_of(e))  # noqa: E731
        # Headings first: "the same heading" of a task is then the heading its own became.
        self.exact(Node, PLACE, parent_key, new_parent)
        self.exact(Node, ANYWHERE, text_of, text_of)
        self.exact(Node, SOURCE, source_line, source_line)
        self.close(Node)
        self.exact(Node, PLACE, parent_key, new_parent)  # twins under headings matched late
        self.exact(Item, PLACE, parent_key, new_parent)
        self.exact(Item, HEADING, heading_key, new_heading)
        self.exact(Item, ANYWHERE, text_of, text_of)
        self.exact(Item, SOURCE, source_line, source_line)
        old_link: Callable[[Entry], Hashable] = lambda e: (  # noqa: E731
            (id(self.mapped(heading_of(e))), targets) if (targets := link_targets(text_of(e))) else None
        )
        new_link: Callable[[Entry], Hashable] = lambda e: (  # noqa: E731
            (id(heading_of(e)), targets) if (targets := link_targets(text_of(e))) else None
        )
        self.exact(Item, LINK, old_link, new_link)
        self.close(Item)
        back = {id(new): old for old in self.olds if (new := self.to_new.get(id(old))) is not None}
        return Matching(
            pairs=[Pair(back[id(new)], new, self.how[id(back[id(new)])]) for new in self.news if id(new) in back],
            added=[new for new in self.news if id(new) not in self.taken],
            removed=[old for old in self.olds if id(old) not in self.to_new],
        )


def match(old: Roadmap, new: Roadmap) -> Matching:
    """Which entry of `new` each entry of `old` became (see the module's docstring)."""
    return _Matcher(old, new).run()
