"""The benchmark's table: one row per figure, each against its budget from issue 5.

`table_cells` turns one size's figures (what `run.measure_size` collected from the children)
into a column; a cell says "ok" or "OVER" where a budget applies at that size and nothing where
none does. `ROWS` is the row order, which `tests/test_bench.py` checks the printed table against.
"""

from __future__ import annotations

import os

from benchmarks.children import TERMINAL
from benchmarks.generate import DEFAULT_ITEMS

#: The import budget (< 2 s) is for a checklist of this many tasks (a full run imports as many).
IMPORT_BUDGET_TASKS = 20_000


def _start_budget(n_items: int) -> float:
    """Start-up ratio budget: 1.10x the bare app at the default size, 1.25x to 10,000, 2x above."""
    if n_items <= DEFAULT_ITEMS:
        return 1.10
    if n_items <= 10_000:
        return 1.25
    return 2.0


def _cell(value: str, ok: bool | None) -> str:
    return value if ok is None else f"{value} {'ok' if ok else 'OVER'}"


def _keys_cell(figures: dict, key: str) -> str:
    stats = figures.get(key) or {}
    if "p95" not in stats:
        return "n/a"
    ok = stats["p95"] < 16 and not stats.get("missing")
    return _cell(f"{stats['p50']:.1f} / {stats['p95']:.1f}", ok)


ROWS: list[tuple[str, str]] = [
    ("start-up, app (s)", "-"),
    ("start-up, bare Textual (s)", "-"),
    ("start-up ratio app/bare", "1.10x; 1.25x; 2x at 50k"),
    ("first open, no parse cache (s)", "same ratio"),
    ("tree Down p50 / p95 (ms)", "p95 < 16"),
    ("list Down p50 / p95 (ms)", "p95 < 16"),
    ("Space toggle p50 / p95 (ms)", "p95 < 16"),
    ("open a phase p50 / p95 (ms)", "p95 < 16"),
    ("search keystroke p50 / p95 (ms)", "p95 < 16"),
    ("save: longest loop block (ms)", "<= 5"),
    ("loop stall, app idle (ms)", "-"),
    ("save: key to disk p50 / max (ms)", "max <= 250 to 10k"),
    ("peak RSS app / bare (MiB)", "<= 2x bare + 100"),
    ("status (s)", "< 0.15 at 76"),
    ("export (s)", "< 0.15 at 76"),
    ("import Markdown tasks (s)", "< 2 at 20,000 tasks"),
]


def table_cells(figures: dict, imported: dict | None = None) -> list[str]:
    """One column of the table: a cell per row of `ROWS` (`imported`: the import's figures, in
    the first column only)."""
    n = figures["items"]
    cells = [
        f"{figures['start_app_s']:.3f}",
        f"{figures['start_bare_s']:.3f}",
        _cell(f"{figures['start_ratio']:.2f}x", figures["start_ratio"] <= _start_budget(n)),
        _cell(
            f"{figures['start_first_s']:.3f} = {figures['start_first_ratio']:.2f}x",
            figures["start_first_ratio"] <= _start_budget(n),
        ),
        _keys_cell(figures, "tree_down"),
        _keys_cell(figures, "list_down"),
        _keys_cell(figures, "toggle"),
        _keys_cell(figures, "open_phase"),
        _keys_cell(figures, "search_key"),
    ]
    block = figures.get("save_block_ms")
    cells.append(_cell(f"{block:.1f}", block <= 5) if block is not None else "n/a")
    idle = figures.get("loop_stall_idle_ms")
    cells.append(f"{idle:.1f}" if idle is not None else "n/a")
    disk = figures.get("to_disk") or {}
    if "p50" in disk:
        ok = None if n > 10_000 else (disk["max"] <= 250 and not disk.get("missing"))
        cells.append(_cell(f"{disk['p50']:.0f} / {disk['max']:.0f}", ok))
    else:
        cells.append("n/a")
    rss, bare = figures["rss_app_mib"], figures["rss_bare_mib"]
    cells.append(_cell(f"{rss:.0f} / {bare:.0f}", rss <= 2 * bare + 100))
    for key in ("status_s", "export_s"):
        value = figures.get(key)
        if value is None:
            cells.append("n/a")
            continue
        imports = figures.get(key.replace("_s", "_imports_textual"))
        ok = None if n != DEFAULT_ITEMS else (value < 0.15 and not imports)
        cells.append(_cell(f"{value:.3f}", ok))
    if imported is None:
        cells.append("-")
    else:
        ok = imported["import_s"] < 2 if imported["tasks"] >= IMPORT_BUDGET_TASKS else None
        cells.append(_cell(f"{imported['import_s']:.3f}", ok))
    return cells


def format_table(results: list[dict], imported: dict | None = None) -> str:
    header = ["measure", "budget", *(f"{r['items']:,} items" for r in results)]
    columns = [[label for label, _ in ROWS], [budget for _, budget in ROWS]]
    columns += [table_cells(r, imported if i == 0 else None) for i, r in enumerate(results)]
    widths = [max(len(header[i]), *(len(c) for c in columns[i])) for i in range(len(header))]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in range(len(ROWS)):
        lines.append("| " + " | ".join(columns[i][row].ljust(widths[i]) for i in range(len(header))) + " |")
    return "\n".join(lines)


def describe_machine(quick: bool, presses: int, saves: int, runs: int, import_tasks: int = IMPORT_BUDGET_TASKS) -> str:
    import platform

    try:
        from importlib.metadata import version

        textual = version("textual")
    except Exception:  # noqa: BLE001 - only for the caption
        textual = "?"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{'quick' if quick else 'full'} mode: {presses} presses, {saves} isolated saves, {runs} start-up run(s), "
        f"import of {import_tasks:,} tasks; "
        f"terminal {TERMINAL[0]}x{TERMINAL[1]} headless; {os.cpu_count()} CPUs, load average {load:.2f}; "
        f"Python {platform.python_version()}, Textual {textual}"
    )

