"""`roadmap-tui export`: the roadmap, with progress, as Markdown or JSON, to stdout or to OUT.

`--with-notes` adds the notes to Markdown (`formats/md_notes.py` has the format); JSON always
carries them.

Where it may write is `cli.output.write_output`'s (never over a roadmap or a backup).
"""

from __future__ import annotations

import argparse

from roadmap_tui import library
from roadmap_tui.cli.exit_status import ExitStatus
from roadmap_tui.cli.output import fail, write_output
from roadmap_tui.cli.target import resolve_target


def run(args: argparse.Namespace) -> ExitStatus:
    file = resolve_target(args).file
    roadmap = library.open_read_only(file)
    if args.format == "json":
        from roadmap_tui.formats.json_export import to_json

        text, escape = to_json(roadmap), False
    else:
        from roadmap_tui.formats.markdown_export import notes_left_out, to_markdown

        text, escape = to_markdown(roadmap, with_notes=args.with_notes), True
        if args.with_notes:
            for node in notes_left_out(roadmap):
                fail(f"warning: the note on {node.display_title} is not in the Markdown (its tasks come before any heading)")
    write_output(text, args.output, escape, file, args.force)  # OutputError: one line, its status
    return ExitStatus.OK
