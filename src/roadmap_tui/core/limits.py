"""What a roadmap file is allowed to be: its schema version and the sizes every reader accepts.

Constants only, shared by the storage (which reads and validates the file) and the formats
(the Markdown import writes a file of this schema and refuses one no reader would open).
"""

from __future__ import annotations

#: The version of the file's layout this program writes (older ones are upgraded on load).
SCHEMA = 3
#: Arrays and tables inside each other, at most. tomlkit (which the saver edits the file with)
#: refuses deeper values, and tomllib runs out of stack a few hundred levels down.
MAX_NESTING = 100
#: The biggest roadmap file (or Markdown file to import) any reader opens.
MAX_FILE_BYTES = 20 * 1024 * 1024
