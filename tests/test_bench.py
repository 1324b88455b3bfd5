"""`python benchmarks/run.py --quick` (as CI runs it) prints every figure; no timing is asserted."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import REPO

from benchmarks import run, table
from benchmarks.generate import DEFAULT_ITEMS, generate, roadmap_file
from roadmap_tui.paths import default_roadmap_bytes
from roadmap_tui.storage.schema import build_roadmap

NUMBER = r"\d+(\.\d+)?"
CELL = re.compile(rf"^({NUMBER}x?|{NUMBER} / {NUMBER}|{NUMBER} = {NUMBER}x)( (ok|OVER))?$")


@pytest.mark.parametrize("n_items", [1, 5, 7, 76, 333, 2_000])
def test_generated_roadmap_has_exactly_n_counted_items_and_is_the_same_each_time(n_items: int) -> None:
    text = generate(n_items)
    roadmap = build_roadmap(tomllib.loads(text), "generated")
    assert roadmap.n_total == n_items
    assert 0 < roadmap.n_done < n_items or n_items < 5
    assert generate(n_items) == text
    assert generate(n_items, seed=1) != text or n_items < 5


def test_the_default_size_is_the_shipped_roadmap(tmp_path: Path) -> None:
    assert roadmap_file(tmp_path, DEFAULT_ITEMS).read_bytes() == default_roadmap_bytes()


def test_quick_benchmark_prints_every_row_with_figures(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header == ["measure", "budget", "76 items", "1,000 items"]
    rows = {cells[0]: cells for cells in ([c.strip() for c in line.strip("|").split("|")] for line in lines[1:])}
    assert list(rows) == [label for label, _ in table.ROWS]
    for label, cells in rows.items():
        for column, cell in enumerate(cells[2:]):
            if label == "status (s)" and cell == "n/a":
                continue  # `roadmap-tui status` not there (yet): the only figure allowed to be missing
            if label == "import Markdown tasks (s)" and column > 0:
                assert cell == "-"  # one import per run, in the first column
                continue
            assert CELL.match(cell), (label, cell)

    everything = json.loads(out.read_text(encoding="utf-8"))
    assert everything["import"]["tasks"] == run.QUICK_IMPORT_TASKS and everything["import"]["import_s"] > 0
    figures = everything["sizes"]
    assert [f["items"] for f in figures] == [76, 1_000]
    for f in figures:
        assert f["n_total"] == f["items"] and f["shows_roadmap"] is True
        assert f["start_app_s"] > 0 and f["start_bare_s"] > 0 and f["start_first_s"] > 0
        for key in ("tree_down", "list_down", "toggle", "open_phase", "search_key", "to_disk"):
            assert f[key]["n"] > 0 and f[key]["missing"] == 0 and f[key]["p95"] >= f[key]["p50"] > 0, key
        assert f["save_block_ms"] >= 0
        assert f["file_matches"] is True  # the latest state won: the file says what the screen says
        assert f["rss_app_mib"] > 0 and f["rss_bare_mib"] > 0
        assert f["export_s"] > 0
    assert figures[0]["export_imports_textual"] is False
