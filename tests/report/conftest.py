"""The bundled samples run once per session, for every report test to read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES


def run_pipeline(source: Path, out: Path) -> None:
    """``rolescope run``; the samples are named as in the README (``raw/samples``), not by full path."""
    if source.is_relative_to(ROOT):
        source = source.relative_to(ROOT)
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "--input", str(source), "--output", str(out), "-q"],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr


@pytest.fixture(scope="session")
def samples_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published tables of the bundled samples (read-only for the tests: copy before changing)."""
    out = tmp_path_factory.mktemp("report-samples") / "processed"
    run_pipeline(SAMPLES, out)
    return out
