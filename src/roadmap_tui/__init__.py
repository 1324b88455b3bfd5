"""roadmap-tui: a learning roadmap as a living checklist in the terminal."""

__version__ = "0.1.0"
