"""The built wheel carries the default roadmap and the stylesheet, and not the benchmark; the
source distribution carries the benchmark; the version is the package's; the package finds its data."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

from conftest import REPO

from roadmap_tui import __version__, paths

DEFAULT_BYTES = (REPO / "data" / "default_roadmap.toml").read_bytes()


def test_default_roadmap_bytes_is_the_data_file() -> None:
    assert paths.default_roadmap_bytes() == DEFAULT_BYTES


def test_wheel_contains_the_default_roadmap_and_the_stylesheet(tmp_path: Path) -> None:
    # Builds from the working tree with the venv's hatchling: no network, about a second.
    result = subprocess.run(
        [
            sys.executable, "-m", "pip", "wheel", str(REPO),
            "--no-deps", "--no-build-isolation", "--no-index", "-w", str(tmp_path), "-q",
        ],
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    wheels = list(tmp_path.glob("roadmap_tui-*.whl"))
    assert len(wheels) == 1, sorted(p.name for p in tmp_path.iterdir())

    with zipfile.ZipFile(wheels[0]) as wheel:
        names = set(wheel.namelist())
        assert "roadmap_tui/data/default_roadmap.toml" in names
        assert wheel.read("roadmap_tui/data/default_roadmap.toml") == DEFAULT_BYTES
        assert "roadmap_tui/tui/roadmap.tcss" in names
        assert wheel.read("roadmap_tui/tui/roadmap.tcss") == (REPO / "src" / "roadmap_tui" / "tui" / "roadmap.tcss").read_bytes()
        for module in ("cli/__init__", "core/model", "storage/schema", "storage/store", "formats/markdown_export",
                       "paths", "safe_text", "tui/app", "__main__"):
            assert f"roadmap_tui/{module}.py" in names
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        assert "roadmap-tui = roadmap_tui.cli:main" in wheel.read(entry_points).decode()
        assert not any(n.startswith("tests/") for n in names)
        assert not any("bench" in n for n in names), sorted(n for n in names if "bench" in n)
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        assert f"\nVersion: {__version__}\n" in wheel.read(metadata).decode()


def test_sdist_carries_the_benchmark(tmp_path: Path) -> None:
    # hatchling's own build_sdist, from the working tree: no network.
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from hatchling.build import build_sdist; print(build_sdist(sys.argv[1]))",
         str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with tarfile.open(tmp_path / result.stdout.strip()) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for module in ("run", "children", "probes", "table", "generate"):
        assert f"benchmarks/{module}.py" in names
    assert "src/roadmap_tui/__init__.py" in names and "tests/test_bench.py" in names
