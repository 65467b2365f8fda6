"""The bundled samples run once per session, for every report test to read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES


def run_pipeline(source: Path, out: Path, cwd: Path = ROOT) -> None:
    """``rolescope run`` from ``cwd``, naming the input relative to it (``raw/samples``, as in the
    README), so no machine path ends up in a report or its screenshot."""
    if source.is_relative_to(cwd):
        source = source.relative_to(cwd)
    paths = [str(ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path for path in paths if path)}
    proc = subprocess.run(  # this checkout's package, whatever the working folder and the installed one
        [sys.executable, "-m", "pipeline", "run", "--input", str(source), "--output", str(out), "-q"],
        capture_output=True, text=True, check=False, cwd=cwd, env=env,
    )
    assert proc.returncode == 0, proc.stderr


@pytest.fixture(scope="session")
def samples_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published tables of the bundled samples (read-only for the tests: copy before changing)."""
    out = tmp_path_factory.mktemp("report-samples") / "processed"
    run_pipeline(SAMPLES, out)
    return out


@pytest.fixture(scope="session")
def junk_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples plus two documents that must be quarantined (an empty file, a text with no comparison)."""
    base = tmp_path_factory.mktemp("report-junk")
    raw = base / "raw"
    shutil.copytree(SAMPLES, raw / "samples")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "notes.txt").write_text("Meeting notes\n\nNothing here compares two roles.\n", encoding="utf-8")
    out = base / "processed"
    run_pipeline(raw, out, cwd=base)
    return out
