"""Notes on the main screen: opening the note editor, saving what it holds, and keeping it.

`NoteHandling` is part of `MainScreen` (its only user), kept in a module of its own, as
`Quitting` is of the app. The editor (`widgets/note_editor.py`) and the keys (`n`, `ctrl+e` on a
row or a tree node) post what the learner asked for; this writes it to the store
(`store.set_note`) and redraws the rows, the tree's labels and the note rows.

Nothing typed is lost: Escape saves, and so does leaving the editor (Tab, a click elsewhere),
showing another entry, quitting and switching roadmaps (`keep_open_note`, called where an open
inline edit is kept). A save that fails keeps the note in the model, as every change is kept (the
warning says so, and the next change or the quit's question writes it). A reload of the file
(another program changed it) keeps the editor open on the entry found again by its titles, with
what was typed; if the entry is gone, the text goes to the clipboard and a toast says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

from roadmap_tui.core.model import Entry, Item, Node, Roadmap
from roadmap_tui.core.edits import key_path, locate
from roadmap_tui.core.outline import ancestors, root_of
from roadmap_tui.core.structure_edits import attached
from roadmap_tui.errors import describe
from roadmap_tui.safe_text import visible
from roadmap_tui.storage import backups
from roadmap_tui.tui.widgets.labels import plain_text
from roadmap_tui.tui.widgets.note_editor import NoteEditor, NoteRequested
from roadmap_tui.tui.widgets.note_rows import NoteRow
from roadmap_tui.tui.widgets.roadmap_tree import RoadmapTree

if TYPE_CHECKING:
    from roadmap_tui.storage.store import RoadmapStore
    from roadmap_tui.tui.widgets.roadmap_tree import Shown
    from roadmap_tui.tui.widgets.topic_pane import TopicPane

#: The editor's height: this share of the pane, within these bounds (lines, its border included),
#: and never more than the list's.
EDITOR_SHARE, EDITOR_MIN, EDITOR_MAX = 0.45, 6, 18


class ScreenHost(Protocol):
    """What `NoteHandling` uses of the screen it is part of (`MainScreen` has it)."""

    store: RoadmapStore
    roadmap: Roadmap
    shown: Shown | None

    @property
    def pane(self) -> TopicPane: ...


if TYPE_CHECKING:

    class _NotesBase(Screen[None], ScreenHost):
        """For the type checker: the screen `NoteHandling` is mixed into, and its host half."""

else:
    _NotesBase = object  # at run time a plain mixin: `MainScreen` brings both halves


class NoteHandling(_NotesBase):
    """The notes half of `MainScreen`."""

    @property
    def _tree(self) -> RoadmapTree:
        return self.query_one(RoadmapTree)

    @property
    def note_editor(self) -> NoteEditor | None:
        """The open note editor, if any."""
        return self.query_one_optional("#note-editor", NoteEditor)  # (none while the screen is composed)

    # Opening ------------------------------------------------------------------------------

    async def on_note_requested(self, message: NoteRequested) -> None:
        message.stop()
        if not attached(message.entry) or root_of(message.entry) is not self.roadmap:
            return  # an entry deleted (or replaced by a reload) a moment ago: no note to write
        if message.external:
            await self.edit_note_externally(message.entry)
        else:
            await self.open_note(message.entry, message.origin)

    async def open_note(self, entry: Item | Node, origin: Widget | None = None) -> NoteEditor:
        """Open the editor on `entry`'s note (the one open for another entry is saved first)."""
        editor = self.note_editor
        if editor is not None and editor.entry is entry:
            editor.focus()
            return editor
        if editor is not None:
            await self.close_note(editor, refocus=False)
        editor = NoteEditor(entry, origin, id="note-editor")
        editor.border_title = Content(f"Note · {plain_text(entry)}")  # (a str would be read as markup)
        editor.border_subtitle = Content("Esc saves · ^e $EDITOR")
        self.place_note_editor(editor)
        await self.pane.mount(editor)
        editor.focus()
        editor.move_cursor(editor.document.end)
        return editor

    def place_note_editor(self, editor: NoteEditor | None = None) -> None:
        """Lay the editor over the list: under the highlighted row when there is room, else above
        it, else at the list's foot. The list keeps its size (no layout of its rows, no scrollbar
        coming: opening costs one frame)."""
        editor = editor or self.note_editor
        if editor is None:
            return
        pane, items = self.pane, self.pane.items
        box = pane.content_region
        top, room = items.region.y - box.y, items.region.height
        height = min(room, max(EDITOR_MIN, min(EDITOR_MAX, round(box.height * EDITOR_SHARE))))
        y = room - height  # the foot of the list
        index = items.highlighted
        if index >= 0 and room > 0:
            row_top = items.row_y(index)
            row_end = row_top + len(items.rows[index].lines(max(1, items.scrollable_content_region.width)))
            if 0 <= row_end and row_end + height <= room:
                y = row_end  # under the row
            elif row_top >= height:
                y = row_top - height  # above it
        editor.styles.offset = (0, top + max(0, y))
        editor.styles.width = box.width
        editor.styles.height = height

    def on_resize(self) -> None:
        """The terminal was resized: the editor follows the list (once the pane has its size)."""
        if self.note_editor is not None:
            self.call_after_refresh(self.place_note_editor)

    # Saving and closing -----------------------------------------------------------------------

    def save_note(self, editor: NoteEditor) -> bool:
        """Write what `editor` holds as its entry's note (nothing when unchanged); the tree's
        labels follow at once, the pane's rows with `refresh_notes`."""
        note = editor.note
        if not editor.changed:
            return False
        changed = self.store.set_note(editor.entry, note)
        editor.start = note
        if changed:
            self._tree.refresh_labels([editor.entry])
        return changed

    async def close_note(self, editor: NoteEditor, refocus: bool = True, save: bool = True) -> None:
        """Save (if `save`) and close the editor; the focus goes back where `n` was pressed."""
        changed = self.save_note(editor) if save else False
        had_focus = editor.has_focus
        origin = editor.origin
        editor.closing = True  # (its blur, as it goes, is not a "left")
        await editor.remove()
        if refocus and had_focus:
            (origin if origin is not None and origin.is_attached else self.pane.items).focus()
        if changed:
            await self.refresh_notes(editor.entry)

    async def refresh_notes(self, entry: Entry) -> None:
        """Show the pane again (a note's rows came, went or changed), the cursor on the same row."""
        shown = self.shown
        if shown is None:
            return
        items = self.pane.items
        current = items.current
        spec = current.spec if current is not None else None
        await self.pane.show(shown)
        if spec is not None:
            for index, row in enumerate(items.rows):
                if row.spec.entry is spec.entry and row.spec.kind == spec.kind and row.spec.field is spec.field:
                    items.highlighted = index
                    break
        if isinstance(shown, (Item, Node)) and entry is shown:
            self.pane.update_header(shown)

    def keep_open_note(self) -> None:
        """Save what the open editor holds (the app is about to quit or switch roadmaps); it stays open."""
        editor = self.note_editor
        if editor is not None:
            self.save_note(editor)

    async def on_note_editor_closed(self, message: NoteEditor.Closed) -> None:
        message.stop()
        if message.editor.is_attached:
            await self.close_note(message.editor)

    async def on_note_editor_left(self, message: NoteEditor.Left) -> None:
        """The focus left the editor: to another widget of this screen, it saves and closes; to a
        screen on top (help, the palette) or out of the terminal, it saves and stays open."""
        message.stop()
        editor = message.editor
        if not editor.is_attached or editor.closing:
            return
        focused = self.focused
        if self.app.screen is self and focused is not None and focused is not editor:
            await self.close_note(editor, refocus=False)
        elif self.save_note(editor):
            await self.refresh_notes(editor.entry)

    async def on_screen_suspend(self) -> None:
        """A screen goes on top (the help, the palette, a question): the note is saved, and the
        editor stays open for when the learner comes back (Textual blurs nothing here)."""
        editor = self.note_editor
        if editor is not None and self.save_note(editor):
            await self.refresh_notes(editor.entry)

    # Following the pane -----------------------------------------------------------------------

    async def notes_before_show(self, entry: Shown) -> None:
        """Another entry is about to be shown: an editor on a note outside it is saved and closed
        (first, so the new rows have the note)."""
        editor = self.note_editor
        if editor is None or root_of(editor.entry) is not self.roadmap:
            return  # (a reload: `notes_after_show` finds the entry again)
        if not _within(editor.entry, entry):
            await self.close_note(editor, refocus=False)
            if self.focused is None:
                self._tree.focus()

    async def notes_after_show(self, entry: Shown, before: Shown | None = None) -> None:
        """After `entry` is shown (in place of `before`): the cursor of a newly shown entry starts
        on its first row below its own note; after a reload (the entries are new) the editor
        follows its entry, found by its titles."""
        items = self.pane.items
        current = items.current
        if entry is not before and isinstance(current, NoteRow) and current.spec.top:
            below = next((i for i in range(items.highlighted + 1, len(items.rows)) if items.rows[i].spec.selectable), -1)
            if below >= 0:
                items.highlighted = below
        editor = self.note_editor
        if editor is None or root_of(editor.entry) is self.roadmap:
            return
        # Its key path first (namesakes: the second "Practice" of a topic), then its titles.
        found = locate(self.roadmap, editor.where, editor.titles)
        if not isinstance(found, (Item, Node)):
            await self._lose_note(editor)
            return
        editor.entry, editor.where = found, key_path(found)
        if not editor.changed and found.note != editor.start:
            editor.show_note(found.note)  # nothing typed yet: the file's version
            editor.start = found.note
        if not _within(found, entry):
            await self.close_note(editor, refocus=False)

    async def _lose_note(self, editor: NoteEditor) -> None:
        """The entry of the open note is gone from the file another program left: what was typed
        goes to a file in the backups folder (`backups.keep_text`) and the clipboard, and a toast
        says where (never the note itself: a long one would fill the screen)."""
        note = editor.note
        had_focus = editor.has_focus
        await self.close_note(editor, refocus=False, save=False)
        if had_focus:
            self.pane.items.focus()
        if note.strip() and editor.changed:
            self.app.copy_to_clipboard(note)
            try:
                kept = f"kept in {visible(str(backups.keep_text(self.store.path, note)))} and on the clipboard"
            except OSError as error:
                kept = f"on the clipboard (it could not be written to the backups folder: {describe(error)})"
            self.notify(
                f"The entry whose note you were writing is gone: another program changed the file. What you typed is {kept}.",
                severity="warning",
                markup=False,
                timeout=30,
            )
        else:
            self.notify("The entry whose note was open is gone: another program changed the file.", markup=False)

    # In the learner's own editor -----------------------------------------------------------------

    async def edit_note_externally(self, entry: Item | Node, editor: NoteEditor | None = None) -> None:
        """`ctrl+e`: the note in `$VISUAL`/`$EDITOR`, then saved (and shown in the open editor)."""
        from roadmap_tui.tui.external_editor import edit_in_editor

        note = editor.note if editor is not None else entry.note
        outcome = edit_in_editor(self.app, note)
        if outcome.text is None:
            self.notify(outcome.problem or "The editor gave nothing back.", severity="warning", markup=False, timeout=8)
            return
        if editor is not None and editor.is_attached:
            editor.show_note(outcome.text)
            if self.save_note(editor):
                await self.refresh_notes(editor.entry)
        elif self.store.set_note(entry, outcome.text):
            self._tree.refresh_labels([entry])
            await self.refresh_notes(entry)

    async def on_note_editor_external_requested(self, message: NoteEditor.ExternalRequested) -> None:
        message.stop()
        await self.edit_note_externally(message.editor.entry, message.editor)


def _within(entry: Entry, shown: Shown) -> bool:
    """Whether `entry` is `shown` or under it (so the pane of `shown` may have its row: the
    roadmap's overview has its parts and, in "Next up", items from anywhere)."""
    if isinstance(shown, Roadmap):
        return True
    return any(above is shown for above in ancestors(entry, include_self=True))
