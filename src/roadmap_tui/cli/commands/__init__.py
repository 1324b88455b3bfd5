"""One module per `roadmap-tui` subcommand, each with `run(args) -> ExitStatus` (imported on demand)."""
