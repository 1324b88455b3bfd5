"""The built wheel carries the default roadmap and the stylesheet; the package finds its data."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import REPO

from roadmap_tui import paths

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
