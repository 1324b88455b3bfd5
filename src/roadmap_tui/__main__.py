"""`python -m roadmap_tui` runs the same command line as `roadmap-tui`."""

from roadmap_tui.cli import main

raise SystemExit(main())
