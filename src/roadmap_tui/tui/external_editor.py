"""Writing a note in the learner's own editor (`$VISUAL`, else `$EDITOR`), for `ctrl+e`.

The app hands the terminal over (`App.suspend`), runs the editor on a temporary file holding the
note, takes the terminal back and reads what the editor left. Every way this can fail ends in a
sentence for the learner, never a traceback: no editor set, not found, an editor that exits with
an error (its text is kept in the temporary file, and the sentence says where), a terminal that
can't be handed over (the app served in a browser).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from textual.app import App, SuspendNotSupported

from roadmap_tui.errors import describe
from roadmap_tui.safe_text import visible


@dataclass(frozen=True)
class EditorOutcome:
    """What came back: the note's new text, or why there is none (`problem`, for a toast)."""

    text: str | None = None
    problem: str | None = None


def editor_command(environ: dict[str, str] | None = None) -> list[str] | None:
    """`$VISUAL` or `$EDITOR` split as a shell would (`code --wait`), None when neither is set."""
    env = os.environ if environ is None else environ
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError:
                words = value.split()
            if words:
                return words
    return None


def edit_in_editor(app: App[object], note: str) -> EditorOutcome:
    """Run the learner's editor on `note` with the app suspended; what it wrote, or why not."""
    command = editor_command()
    if command is None:
        return EditorOutcome(problem="No editor is set: set $VISUAL or $EDITOR (for example EDITOR=nano). n writes the note here.")
    program = command[0]
    if shutil.which(program) is None:
        return EditorOutcome(problem=f"The editor “{visible(program)}” was not found (from $VISUAL or $EDITOR).")
    if app.is_web:
        return EditorOutcome(problem="The app runs in a browser: it can't hand the terminal to an editor. n writes the note here.")
    try:
        handle, name = tempfile.mkstemp(prefix="roadmap-note-", suffix=".md")
        path = Path(name)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(note)
    except OSError as error:
        return EditorOutcome(problem=f"Could not write the note for the editor: {visible(describe(error))}")
    keep = False
    try:
        try:
            with app.suspend():
                status = subprocess.run([*command, str(path)], check=False).returncode
        except SuspendNotSupported:
            return EditorOutcome(problem="This terminal can't be handed to an editor here. n writes the note here.")
        except OSError as error:
            return EditorOutcome(problem=f"The editor “{visible(program)}” could not run: {visible(describe(error))}")
        try:
            text = path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")
        except OSError as error:
            return EditorOutcome(problem=f"Could not read what the editor wrote: {visible(describe(error))}")
        if status != 0:
            keep = text != note
            where = f"; what it wrote is in {visible(str(path))}" if keep else ""
            return EditorOutcome(problem=f"The editor exited with status {status}: the note is unchanged{where}.")
        return EditorOutcome(text=text)
    finally:
        if not keep:
            path.unlink(missing_ok=True)
