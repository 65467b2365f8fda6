"""What a run imports before its workers fork: every module there is paid by every run,
the no-op re-run included, and its pages are in every worker."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

HEAVY = ("pandas", "duckdb")
"""Libraries a run does not need to read, parse and write tables (pyarrow writes them)."""


PROBE = """
import runpy, sys
sys.argv = ["rolescope", "run", "--input", sys.argv[1], "--output", sys.argv[2], "-q"]
try:
    runpy.run_module("pipeline", run_name="__main__")
except SystemExit as end:
    code = end.code
print("engine" if "pipeline.run.engine" in sys.modules else "no engine", code)
print(*sorted(name for name in sys.modules if name.split(".")[0] in {heavy}))
"""


def test_a_run_over_nothing_imports_no_heavy_library(tmp_path: Path) -> None:
    empty = tmp_path / "raw"
    empty.mkdir()
    probe = PROBE.replace("{heavy}", repr(set(HEAVY)))
    proc = subprocess.run([sys.executable, "-c", probe, str(empty), str(tmp_path / "out")],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    ran, heavy = proc.stdout.splitlines()
    assert ran == "engine 0"
    assert heavy == ""
