"""roadmap-tui: a learning roadmap as a living checklist in the terminal."""

#: The one place the version is written: the build reads it from here (pyproject's
#: [tool.hatch.version]), and `roadmap-tui --version` prints it.
__version__ = "0.1.0"
