"""Undo and redo: the store's memory of the session's actions, and how one is taken back.

An action is what one store method recorded (`RoadmapStore._record`): its applied edits, each
with the number the saver knows it by (`Change.seq`), and its `label` ("check 'Chain rule'").
Undoing it applies `core.edits.inverses` of its edits to the model as a new action, recorded for
the saver like any change (so it reaches the file) with one activity record, `"change": "undo"`
(`"redo"`), naming it (`"action": label`) and the kind of change it takes back (`"of"`: the
action's own record's `change`, e.g. "remove"); the undo goes on the redo stack, whose redo applies
the inverses of the undo's own edits. A new ordinary action clears the redo stack.

All or nothing, and never a guess (`apply_exactly`): the inverse edits are applied together, and
if one finds no entry (another program's edit to the file removed or renamed it) or finds a
field, a review or an entry that is not what the action left there (another program changed
it since), every one applied is taken back and nothing is recorded: the undo says so instead
(`Outcome.message`). An action that cannot be undone leaves the stack, so the next undo takes
the one before it.

Another program's edit reloads the model (`RoadmapStore.adopt`): the edits replayed on it
replace the action's own (`History.rebase`: they know what they replaced in the file's version),
and the edits lost to it leave their actions (an action left with none leaves the stack).

No Textual, no I/O.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from roadmap_tui.core import edits, states
from roadmap_tui.core.edits import AppendEntry, ClearField, Edit, InsertEntry, ItemData, RemoveEntry, SetField, Titles
from roadmap_tui.core.model import Entry, Item, Node, Roadmap
from roadmap_tui.core.outline import root_of
from roadmap_tui.core.placeholders import PLACEHOLDER_RE
from roadmap_tui.core.review_edits import AppendReview, RemoveReview

#: Actions remembered (the issue asks for at least 1,000).
LIMIT = 2_000

#: Edits that change no entry's place: after undoing only these, the tree keeps its nodes.
FIELD_EDITS = (SetField, ClearField, AppendReview, RemoveReview)


@dataclass(frozen=True)
class Action:
    """One action of the session: its applied edits with their change numbers, what it was
    (`label`), and the title path of the entry it was about (`subject`: the cursor goes there)."""

    label: str
    edits: tuple[tuple[int, Edit], ...]
    subject: Titles = ()
    of: str = ""  # the `change` of its activity record ("state", "remove"...): an undo's record says it

    @property
    def applied(self) -> list[Edit]:
        return [edit for _, edit in self.edits]


@dataclass
class Outcome:
    """What an undo or a redo did. `label` None: there was nothing to take back; `done` False:
    it could not be, and nothing changed. `entries`: what it changed, in the model now (the
    subject first); `moved`: whether entries came or went (the tree must be built again)."""

    kind: str  # "undo" or "redo"
    label: str | None
    done: bool = False
    entries: list[Entry] = field(default_factory=list)
    moved: bool = False

    @property
    def message(self) -> str:
        """The toast: "Undid: check 'Chain rule'", "Nothing to undo", "Can't undo …: changed by
        another program"."""
        if self.label is None:
            return f"Nothing to {self.kind}"
        if self.done:
            return f"{'Undid' if self.kind == 'undo' else 'Redid'}: {self.label}"
        return f"Can't {self.kind} {self.label}: changed by another program"


class History:
    """The actions that can be undone (oldest first, at most `limit`) and those that can be redone."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.done: deque[Action] = deque(maxlen=limit)
        self.undone: deque[Action] = deque(maxlen=limit)
        self._group: list[Action] | None = None

    def did(self, action: Action) -> None:
        """A new ordinary action: it can be undone, and what was undone can no longer be redone."""
        self.undone.clear()
        if not action.edits:
            return
        if self._group is not None:
            self._group.append(action)
        else:
            self.done.append(action)

    @contextmanager
    def one(self, label: str = "") -> Iterator[None]:
        """The actions done inside are one for undo, named `label` (else the first one's label)."""
        if self._group is not None:  # inside another: that one takes them
            yield
            return
        self._group = []
        try:
            yield
        finally:
            group, self._group = self._group, None
            if group:
                edits_ = tuple(change for action in group for change in action.edits)
                self.done.append(Action(label or group[0].label, edits_, group[0].subject, group[0].of))

    def rebase(self, replayed: Mapping[int, Edit], lost: Collection[int]) -> None:
        """The file was reloaded: each change replayed on the new model takes the edit as applied
        there, each lost change leaves its action, and an action left with no edit goes."""
        for stack in (self.done, self.undone):
            kept = []
            for action in stack:
                changes = tuple((seq, replayed.get(seq, edit)) for seq, edit in action.edits if seq not in lost)
                if changes:
                    kept.append(action if changes == action.edits else replace(action, edits=changes))
            stack.clear()
            stack.extend(kept)


# Applying an inverse exactly ------------------------------------------------------------------


def _expected(original: Edit) -> object:
    """What `original` (applied) left where it went, that its inverse must find there; None to
    know nothing of it (an edit of a kind this module does not know: only its entry is checked)."""
    if isinstance(original, SetField):
        return ("field", original.value)
    if isinstance(original, ClearField):
        return ("field", edits.absent(original.key))
    if isinstance(original, AppendEntry):
        return ("entry", ItemData(original.text))
    if isinstance(original, InsertEntry):
        return ("entry", original.entry)
    if isinstance(original, AppendReview):
        return ("review", original.review)
    return None


def _found(inverse: Edit) -> object:
    """What the applied `inverse` found where it went, in `_expected`'s terms."""
    if isinstance(inverse, (SetField, ClearField)):
        return ("field", inverse.before)
    if isinstance(inverse, RemoveEntry):
        return ("entry", inverse.before)
    if isinstance(inverse, RemoveReview):
        return ("review", inverse.before)
    return None


def _put_back_where_it_was(roadmap: Roadmap, original: Edit, inverse: Edit) -> Edit | None:
    """The inverse of a removal, put back after the item it followed (`RemoveEntry.follows`),
    wherever that one is now (another program's edit may have added or moved entries above it);
    None when that item is gone: where it went is not known, so the undo is not guessed. Any
    other inverse as it is."""
    if not (isinstance(original, RemoveEntry) and isinstance(inverse, InsertEntry)):
        return inverse
    parent = edits.locate(roadmap, inverse.where, inverse.titles)
    if not isinstance(parent, (Item, Node)):
        return inverse  # (its parent is gone: `apply` says so)
    items, index = parent.items, inverse.index
    if original.follows is None:
        return replace(inverse, index=0)
    if 0 < index <= len(items) and items[index - 1].text == original.follows:
        return inverse
    found = next((i for i, item in enumerate(items) if item.text == original.follows), None)
    return None if found is None else replace(inverse, index=found + 1)


def apply_exactly(roadmap: Roadmap, applied: Sequence[Edit]) -> list[Edit] | None:
    """Undo the applied edits `applied` (one action's) in `roadmap`: their inverses, applied
    together; the inverses as applied, or None when one of them did not find its entry, or found
    there something else than the action left (then the model is as it was: each one applied
    is taken back)."""
    originals = [edit for edit in reversed(applied) if edit.applied]
    try:
        batch = [edit.inverse() for edit in originals]
    except (NotImplementedError, ValueError):  # an edit that knows no inverse: not undone, not a crash
        return None
    results: list[Edit | None] = []
    for original, inverse in zip(originals, batch, strict=True):  # one by one: each in the model as it is then
        placed = _put_back_where_it_was(roadmap, original, inverse)
        results.append(edits.apply(roadmap, placed) if placed is not None else None)
    fits = all(
        result is not None and (_expected(original) is None or _found(result) == _expected(original))
        for original, result in zip(originals, results, strict=True)
    )
    if fits:
        return [result for result in results if result is not None]
    # Back to how it was, exactly (a review's removal that removed nothing has nothing to put back).
    taken = [r for r in results if r is not None and not (isinstance(r, RemoveReview) and r.before is None)]
    edits.apply_all(roadmap, edits.inverses(taken))
    return None


# What an undo changed, for the screen --------------------------------------------------------


def _entry_of(roadmap: Roadmap, edit: Edit) -> Entry | None:
    """The entry `edit` (applied) changed, in `roadmap` now: an entry put in, the one a field or a
    review changed, the parent of one taken out (else the nearest entry above that is there)."""
    where, titles = edit.where, edit.titles
    if isinstance(edit, (AppendEntry, InsertEntry)):
        text = edit.text if isinstance(edit, AppendEntry) else edit.entry.text
        found = edits.locate(roadmap, (*where, "items", edit.index), (*titles, text))
        if found is not None:
            return found
    elif isinstance(edit, RemoveEntry):
        where, titles = where[:-2], titles[:-1]
    while titles:
        found = edits.locate(roadmap, where, titles)
        if found is not None:
            return found
        where, titles = where[:-2], titles[:-1]
    return None


def changed_entries(roadmap: Roadmap, applied: Iterable[Edit], subject: Titles) -> list[Entry]:
    """The entries the edits changed, in `roadmap` now, each once, the action's subject first
    when it is there."""
    out: list[Entry] = []
    seen: set[int] = set()
    first = edits.find(roadmap, (), subject) if subject else None
    for entry in [first, *(_entry_of(roadmap, edit) for edit in applied)]:
        if isinstance(entry, (Item, Node)) and id(entry) not in seen and root_of(entry) is roadmap:
            seen.add(id(entry))
            out.append(entry)
    return out


def moves_entries(applied: Iterable[Edit]) -> bool:
    """Whether any of the edits puts in, takes out or moves an entry (anything but a field or a
    review: structure edits of any kind)."""
    return any(not isinstance(edit, FIELD_EDITS) for edit in applied)


# Labels ---------------------------------------------------------------------------------------


def name(entry: Entry) -> str:
    """The entry as an undo's label names it: its text as shown, a blank not filled in as its
    hint, in plain single quotes, cut at 40 characters."""
    text = entry.display_text if isinstance(entry, Item) else entry.display_title
    text = " ".join(PLACEHOLDER_RE.sub(lambda match: match.group(1), text).split())
    return f"'{text if len(text) <= 40 else text[:39] + '…'}'"


#: An undo's label for a state key: (the way to `wanted`, the way back to todo).
STATE_LABELS = {
    states.DONE: ("check {}", "uncheck {}"),
    states.DOING: ("mark {} doing", "mark {} todo"),
    states.SKIPPED: ("skip {}", "unskip {}"),
}


def state_label(name: str, wanted: str, forward: bool) -> str:
    """"check 'Chain rule'", "uncheck …", "mark 'X' doing", "skip 'X'"..."""
    to, back = STATE_LABELS.get(wanted, ("set {}", "set {}"))
    return (to if forward else back).format(name)
