"""Issue 15 item 25: ``make run`` installs the runtime dependencies only; ``make test`` adds the rest.

Checked with ``make -n`` (print, do not run) against a virtual environment path that does
not exist, so both install steps show: nothing is installed by this test.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def dry_run(target: str, venv: Path) -> list[str]:
    proc = subprocess.run(
        ["make", "-n", target, f"VENV={venv}"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return [line for line in proc.stdout.splitlines() if "pip install" in line]


def test_make_run_installs_only_the_runtime_dependencies(tmp_path: Path) -> None:
    installs = dry_run("run", tmp_path / "venv")
    assert installs and installs[-1].rstrip().endswith("-e .")
    assert not any("[dev]" in line or "dask" in line or "trafilatura" in line for line in installs)
    for target in ("fetch", "docs"):
        assert not any("[dev]" in line for line in dry_run(target, tmp_path / "venv"))


def test_make_test_adds_the_dev_extra_on_top(tmp_path: Path) -> None:
    installs = dry_run("test", tmp_path / "venv")
    assert installs[-2].rstrip().endswith("-e .") and installs[-1].rstrip().endswith("-e '.[dev]'")
    for target in ("lint", "setup", "bench"):
        assert dry_run(target, tmp_path / "venv")[-1].rstrip().endswith("-e '.[dev]'")
