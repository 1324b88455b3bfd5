"""The benchmark: start-up, keypress, save, memory and CLI figures at 76 to 50,000 items.

    python benchmarks/run.py [--quick] [--sizes 76 1000 ...] [--presses N] [--json OUT]

For each size it generates a roadmap (`generate.py`; 76 is the shipped default) into a temporary
folder and runs every measurement in a fresh process, headless, at a 100x30 terminal:

start-up
    From just before the parent spawns `roadmap-tui --file F` (the real command line, with
    `App.run` made headless) until the first frame after the main screen's `on_mount` has
    finished, i.e. the first frame that shows the roadmap. The same for a bare Textual app
    (Header, Tree, SelectionList, ProgressBar, Footer) in the same run, interleaved; the
    median of the runs of each, and their ratio. The app keeps a cache of a big file's parse
    (`storage/parse_cache.py`): the first start of each size runs without it ("first open")
    and is reported on its own row; the runs after it find it, as a user's next launch does.
keypress to repaint
    From handing the key to the driver (`driver.send_message`, where a real terminal's keys
    enter) until the first frame that shows what the screen finally shows: a frame is produced
    when `Screen._compositor_refresh` calls `App._display` with the compositor's update, and
    the benchmark then turns that update into the bytes a terminal would be sent
    (`render_segments`, which headless mode skips) and takes a fingerprint of the whole screen.
    A frame that changes nothing more (Textual repaints a scrollbar one frame after a layout)
    does not count; a first frame that is not yet the final picture (the cursor moved, the pane
    not yet) does not end the measurement. The fingerprints' own time is kept off the clock.
    Before the next key the app must be quiet (no queued messages, nothing dirty, no frame for
    40 ms), so each press starts from an idle app as a typed key does. Down in the tree (the
    pane follows), Down in the topic's item list, Space on an item, Right on a closed phase
    (closed again, unmeasured, between presses), and a letter typed in the `/` search bar (the
    tree narrows, the pane marks the hits; `children.SEARCH_WORDS`; `/` itself, which makes the
    search's index, is reported apart in the JSON as `search_open`).
save
    Space on an item, then the time until the file's bytes on disk change (polled every
    millisecond), and the longest stretch the event loop was blocked by saving: the longest
    call into `RoadmapStore` made on the event loop, or the longest stall a 1 ms watchdog
    coroutine saw between the key's repaint and the file changing (the saver thread's share),
    whichever is larger. The first toggle after start is included. For scale, the longest
    stall the same watchdog sees in a second of the app doing nothing is reported too (on a
    shared machine that is the scheduler, not the app).
memory
    Peak RSS (`ru_maxrss`) of each child; the app's is the largest of its runs.
status / export
    Wall time of `roadmap-tui status` / `roadmap-tui export` (to /dev/null), median of runs.
import
    Once per run, not per size: wall time of `roadmap-tui import FILE.md --name bench-import
    --force` for a generated README-like checklist (`generate.markdown_checklist`) of 20,000
    tasks (2,000 in `--quick` mode), median of the CLI runs; the figure is in the first
    column, the row's other cells are "-".

Before any timing, one bare and one app start compile the bytecode every child then reuses
(`PYTHONPYCACHEPREFIX` in the temporary folder), as an installed package has it. The table
shows each figure against the budget of issue 5. `--quick` runs 76 and 1,000 items with 20
presses and 5 isolated saves, one start-up each, and imports 2,000 tasks.

This module is the parent: it generates, spawns, collects and prints. The children are in
`children.py`, what they watch the app with (every Textual internal the benchmark touches) in
`probes.py`, the table and its budgets in `table.py`, the roadmaps in `generate.py`. The
benchmark is a development tool, kept out of the package and its wheel (the sdist has it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

#: The repository root, which holds the `benchmarks` package.
ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as `python benchmarks/run.py`: sys.path has benchmarks/, not the root
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import markdown_checklist, roadmap_file  # noqa: E402 (needs the root on sys.path)
from benchmarks.table import IMPORT_BUDGET_TASKS, describe_machine, format_table  # noqa: E402

SIZES = (76, 1_000, 10_000, 50_000)
QUICK_SIZES = (76, 1_000)
IMPORT_TASKS = IMPORT_BUDGET_TASKS
QUICK_IMPORT_TASKS = 2_000
PRESSES = 200
QUICK_PRESSES = 20
SAVES = 20
QUICK_SAVES = 5
STARTUP_RUNS = 3
CLI_RUNS = 5


def child_command() -> list[str]:
    """How a child is started: `benchmarks.children.main(argv)`, imported from its cached bytecode.

    Not `[sys.executable, "benchmarks/children.py", ...]`: Python compiles a script it runs every
    time (a few ms), which would land on every start-up clock, the bare app's and the app's.
    """
    stub = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
        "from benchmarks.children import main; sys.exit(main(sys.argv[1:]))"
    )
    return [sys.executable, "-c", stub]


def _run_child(kind: str, path: Path, folder: Path, *numbers: int, timeout: float = 1800) -> tuple[float, dict]:
    """Run a child; return (when it was spawned, its result)."""
    out = folder / f"{kind}.json"
    out.unlink(missing_ok=True)
    command = [*child_command(), kind, str(path), str(out), *map(str, numbers)]
    spawned = time.monotonic()
    process = subprocess.run(
        command, cwd=folder, env=_child_env(folder), capture_output=True, text=True, timeout=timeout
    )
    if process.returncode != 0 or not out.exists():
        raise RuntimeError(f"benchmark child {kind} failed ({process.returncode}): {process.stderr.strip()[-2000:]}")
    with open(out, encoding="utf-8") as handle:
        return spawned, json.load(handle)


def _child_env(folder: Path) -> dict[str, str]:
    """The children's environment: every user folder inside the benchmark's temporary folder."""
    home = folder / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "ROADMAP_TUI"))}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    # Compiled modules are kept (in the benchmark's folder) and reused from the second process
    # on, as an installed package has them: without them every start compiles roadmap-tui's
    # modules again (~0.1 s), which no user pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if _BYTECODE is not None:
        env["PYTHONPYCACHEPREFIX"] = _BYTECODE
    return env


_BYTECODE: str | None = None  # PYTHONPYCACHEPREFIX for the children (set by `main`)


def _fresh_copy(source: Path, folder: Path, name: str) -> Path:

    target_dir = folder / name
    if target_dir.exists():
        shutil.rmtree(target_dir)
    target_dir.mkdir(parents=True)
    target = target_dir / "roadmap.toml"
    shutil.copyfile(source, target)
    return target


def _cli_command() -> list[str]:
    script = Path(sys.executable).parent / "roadmap-tui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "roadmap_tui"]


def _time_cli(args: list[str], path: Path, folder: Path, runs: int) -> float | None:
    """Median wall time of `roadmap-tui ARGS --file PATH`, or None when the command is not there."""
    env = _child_env(folder)
    help_run = subprocess.run(
        [*_cli_command(), args[0], "--help"], env=env, capture_output=True, timeout=60
    )
    if help_run.returncode != 0:
        return None
    times = []
    for run in range(runs + 1):  # the first run, untimed, compiles what `--help` did not import
        start = time.monotonic()
        process = subprocess.run(
            [*_cli_command(), *args, "--file", str(path)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600,
        )
        if run:
            times.append(time.monotonic() - start)
        if process.returncode != 0:
            raise RuntimeError(f"roadmap-tui {' '.join(args)} failed: {process.stderr.decode()[-500:]}")
    return statistics.median(times)


def _imports_textual(args: list[str], path: Path, folder: Path) -> bool | None:
    """Whether `roadmap-tui ARGS` imports Textual (from `python -X importtime`)."""
    command = [sys.executable, "-X", "importtime", "-c", "import sys; from roadmap_tui.cli import main; "
               "sys.exit(main(sys.argv[1:]))", *args, "--file", str(path)]
    process = subprocess.run(
        command, env=_child_env(folder), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=600
    )
    if process.returncode != 0:
        return None
    return any(line.rsplit("|", 1)[-1].strip().split(".")[0] == "textual" for line in process.stderr.splitlines())


def measure_import(n_tasks: int, folder: Path, runs: int, log: Callable[[str], None]) -> dict:
    """Median wall time of `roadmap-tui import` of a generated checklist of `n_tasks` tasks."""
    import_dir = folder / "import"
    import_dir.mkdir(parents=True, exist_ok=True)
    source = import_dir / f"checklist-{n_tasks}.md"
    source.write_text(markdown_checklist(n_tasks), encoding="utf-8")
    log(f"import of {n_tasks:,} tasks ({runs} run(s))")
    env = _child_env(import_dir)
    times = []
    for run in range(runs + 1):  # the first run, untimed, compiles what the import imports
        start = time.monotonic()
        process = subprocess.run(
            [*_cli_command(), "import", str(source), "--name", "bench-import", "--force"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600,
        )
        if run:
            times.append(time.monotonic() - start)
        if process.returncode != 0:
            raise RuntimeError(f"roadmap-tui import failed: {process.stderr.decode()[-500:]}")
    return {"tasks": n_tasks, "md_bytes": source.stat().st_size, "import_s": statistics.median(times), "runs": times}


def measure_size(n_items: int, folder: Path, presses: int, saves: int, startup_runs: int, cli_runs: int,
                 log: Callable[[str], None]) -> dict:
    """Every figure for one size (each in a fresh process)."""
    size_dir = folder / str(n_items)
    size_dir.mkdir(parents=True, exist_ok=True)
    source = roadmap_file(size_dir, n_items)
    figures: dict = {"items": n_items, "file_bytes": source.stat().st_size}

    # The first start finds no cache of the parsed file (a roadmap just imported or edited
    # elsewhere); the app keeps one for big files, which the later starts find (the usual case).
    shutil.rmtree(size_dir / "home" / "cache", ignore_errors=True)
    app_times, bare_times, app_rss, bare_rss = [], [], [], []
    first_open = None
    for run in range(startup_runs + 1):
        log(f"{n_items:,} items: start-up run {run + 1}/{startup_runs + 1}" + (" (no cache yet)" if not run else ""))
        if run:
            spawned, bare = _run_child("bare-start", _fresh_copy(source, size_dir, "bare"), size_dir)
            bare_times.append(bare["first_frame"] - spawned)
            bare_rss.append(bare["rss_mib"])
        spawned, app = _run_child("app-start", _fresh_copy(source, size_dir, "app"), size_dir)
        if not app.get("ok"):
            raise RuntimeError(f"the app did not show the roadmap at {n_items} items: {app}")
        if run:
            app_times.append(app["first_frame"] - spawned)
        else:
            first_open = app["first_frame"] - spawned
        app_rss.append(app["rss_mib"])
        figures["n_total"] = app.get("n_total")
        figures["shows_roadmap"] = app.get("shows_roadmap")
        figures["mount_to_frame_ms"] = (app["first_frame"] - app["mounted"]) * 1000
    figures["start_app_s"] = statistics.median(app_times)
    figures["start_first_s"] = first_open
    figures["start_bare_s"] = statistics.median(bare_times)
    figures["start_app_runs"] = app_times
    figures["start_bare_runs"] = bare_times
    figures["start_ratio"] = figures["start_app_s"] / figures["start_bare_s"]
    figures["start_first_ratio"] = first_open / figures["start_bare_s"]

    log(f"{n_items:,} items: keys ({presses} presses each)")
    _, keys = _run_child("keys", _fresh_copy(source, size_dir, "keys"), size_dir, presses)
    figures.update({k: keys[k] for k in ("list_down", "tree_down", "open_phase", "list_rows", "phase_children")})
    figures.update({k: keys[k] for k in ("search_key", "search_open", "search_hits") if k in keys})
    app_rss.append(keys["rss_mib"])

    log(f"{n_items:,} items: saves ({saves} isolated, then {presses} toggles)")
    _, save = _run_child("save", _fresh_copy(source, size_dir, "save"), size_dir, presses, saves)
    figures.update({k: save[k] for k in save if k != "rss_mib"})
    app_rss.append(save["rss_mib"])

    figures["rss_app_mib"] = max(app_rss)
    figures["rss_bare_mib"] = statistics.median(bare_rss)

    log(f"{n_items:,} items: status and export")
    figures["status_s"] = _time_cli(["status"], source, size_dir, cli_runs)
    figures["export_s"] = _time_cli(["export"], source, size_dir, cli_runs)
    if n_items == SIZES[0]:
        figures["export_imports_textual"] = _imports_textual(["export"], source, size_dir)
        if figures["status_s"] is not None:
            figures["status_imports_textual"] = _imports_textual(["status"], source, size_dir)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/run.py",
        description="Measure roadmap-tui at several roadmap sizes against the budgets of issue 5.",
    )
    parser.add_argument("--quick", action="store_true",
                        help="76 and 1,000 items, 20 presses, an import of 2,000 tasks (about a minute)")
    parser.add_argument("--sizes", type=int, nargs="+", metavar="N", help=f"item counts (default {SIZES})")
    parser.add_argument("--presses", type=int, metavar="N", help="presses per key measurement")
    parser.add_argument("--saves", type=int, metavar="N", help="isolated saves timed to disk")
    parser.add_argument("--runs", type=int, metavar="N", help="start-up runs (median)")
    parser.add_argument("--import-tasks", type=int, metavar="N",
                        help=f"tasks in the imported checklist "
                             f"(default {IMPORT_TASKS:,}; {QUICK_IMPORT_TASKS:,} with --quick)")
    parser.add_argument("--json", metavar="OUT", help="also write every figure as JSON to OUT")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)
    if any(n < 1 for n in sizes):
        parser.error("sizes must be at least 1")
    import_tasks = args.import_tasks or (QUICK_IMPORT_TASKS if args.quick else IMPORT_TASKS)
    presses = args.presses or (QUICK_PRESSES if args.quick else PRESSES)
    saves = args.saves or (QUICK_SAVES if args.quick else SAVES)
    runs = args.runs or (1 if args.quick else STARTUP_RUNS)
    cli_runs = 1 if args.quick else CLI_RUNS

    def log(message: str) -> None:
        print(f"... {message}", file=sys.stderr, flush=True)

    caption = describe_machine(args.quick, presses, saves, runs, import_tasks)  # with the load average before the runs
    folder = Path(tempfile.mkdtemp(prefix="roadmap-tui-bench-"))
    started = time.monotonic()
    global _BYTECODE
    _BYTECODE = str(folder / "bytecode")
    try:
        log("compiling the bytecode both apps start from (untimed)")
        warm = folder / "warm-up"
        warm.mkdir()
        default = roadmap_file(warm, SIZES[0])
        _run_child("bare-start", _fresh_copy(default, warm, "bare"), warm)
        _run_child("app-start", _fresh_copy(default, warm, "app"), warm)
        results = [measure_size(n, folder, presses, saves, runs, cli_runs, log) for n in sizes]
        imported = measure_import(import_tasks, folder, cli_runs, log)
    finally:
        if args.keep:
            log(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"roadmap-tui benchmark, {caption}")
    print()
    print(format_table(results, imported))
    print()
    print(f"({time.monotonic() - started:.0f} s)")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump({"machine": caption, "sizes": results, "import": imported}, handle,
                      indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
