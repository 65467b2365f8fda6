"""Output folders a run may write (issue 15, items 2 and 3): never the input, never the user's files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.run.ownership import MARKER
from tests.conftest import SAMPLES

pytestmark = pytest.mark.e2e

SAMPLE = "text-2024-clean_data-engineer-vs-mlops-engineer.txt"


def rolescope(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, check=False
    )


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / SAMPLE, folder / SAMPLE)
    return folder


def test_output_equal_to_input_is_a_usage_error(inputs: Path) -> None:
    before = sorted(p.name for p in inputs.iterdir())
    result = rolescope("run", "--input", str(inputs), "--output", str(inputs / "." ))
    assert result.returncode == 2, result.stderr
    assert "is the input folder" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in inputs.iterdir()) == before  # nothing written there


def test_output_holding_the_input_is_a_usage_error(tmp_path: Path, inputs: Path) -> None:
    result = rolescope("run", "--input", str(inputs), "--output", str(tmp_path))
    assert result.returncode == 2 and "contains the input folder" in result.stderr


def test_a_folder_of_the_users_own_files_is_refused_and_untouched(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    (out / "csv").mkdir(parents=True)
    (out / "csv" / "budget.csv").write_text("a,b\n1,2\n")
    (out / "articles.parquet").write_bytes(b"my own parquet")
    (out / ".state").mkdir()
    (out / ".state" / "state.sqlite").write_bytes(b"my own database")
    result = rolescope("run", "--input", str(inputs), "--output", str(out))
    assert result.returncode == 3, result.stderr
    assert "'articles.parquet'" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert (out / "csv" / "budget.csv").read_text() == "a,b\n1,2\n"
    assert (out / "articles.parquet").read_bytes() == b"my own parquet"
    assert (out / ".state" / "state.sqlite").read_bytes() == b"my own database"
    assert sorted(p.name for p in out.iterdir()) == [".state", "articles.parquet", "csv"]


def test_one_foreign_file_among_our_own_is_refused(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert rolescope("run", "--input", str(inputs), "--output", str(out)).returncode == 0
    assert (out / MARKER).is_file()
    (out / MARKER).unlink()  # an output from before the marker: its own layout is recognised
    assert rolescope("run", "--input", str(inputs), "--output", str(out)).returncode == 0
    (out / MARKER).unlink()
    (out / "notes.txt").write_text("mine")
    result = rolescope("run", "--input", str(inputs), "--output", str(out))
    assert result.returncode == 3 and "'notes.txt'" in result.stderr
    assert (out / "notes.txt").read_text() == "mine"


def test_a_marked_folder_and_an_empty_one_are_written(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    assert rolescope("run", "--input", str(inputs), "--output", str(out)).returncode == 0
    assert (out / "articles.parquet").is_symlink() and (out / MARKER).is_file()
