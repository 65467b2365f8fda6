"""Run bookkeeping: the lock, the manifest written last, the run history, status, exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.run.lock import LockBusyError, run_lock
from pipeline.tables.manifest import file_sha256, read_manifest, read_runs, verify
from pipeline.tables.schema import TABLES
from tests.conftest import SAMPLES

pytestmark = pytest.mark.e2e


def rolescope(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, check=False
    )


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (
        "text-2024-clean_data-engineer-vs-mlops-engineer.txt",
        "html-semantic_data-engineer-vs-mlops-engineer.html",
    ):
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def test_manifest_lists_exactly_what_was_written(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert rolescope("run", "--input", str(inputs), "--output", str(out)).returncode == 0
    manifest = read_manifest(out)
    assert manifest is not None and manifest["status"] == "ok"
    assert set(manifest["tables"]) == set(TABLES)
    for name, entry in manifest["tables"].items():
        assert file_sha256(out / f"{name}.parquet") == entry["parquet"]["sha256"]
        assert file_sha256(out / "csv" / f"{name}.csv") == entry["csv"]["sha256"]
    generation = out / ".generations" / manifest["generation"]
    assert (out / ".current").resolve() == generation.resolve()
    written = {p.relative_to(generation).as_posix() for p in generation.rglob("*") if p.is_file()}
    listed = {e[k]["path"] for e in manifest["tables"].values() for k in ("parquet", "csv")}
    assert written == listed | {"_manifest.json"}
    assert manifest["inputs"]["documents"] == 2 and manifest["parser_version"]
    assert verify(out, manifest) == []


def test_history_gets_a_line_per_run_and_status_reports(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    for _ in range(2):
        assert rolescope("run", "--input", str(inputs), "--output", str(out)).returncode == 0
    runs = read_runs(out)
    assert [r["status"] for r in runs] == ["ok", "unchanged"]
    assert runs[0]["inputs"]["digest"] == runs[1]["inputs"]["digest"]
    status = rolescope("status", "--output", str(out))
    assert status.returncode == 0 and "files: intact" in status.stdout and "runs recorded: 2" in status.stdout
    (out / "articles.parquet").write_bytes(b"tampered")
    assert "CHANGED since the run: articles (parquet)" in rolescope("status", "--output", str(out)).stdout


def test_status_without_a_run(tmp_path: Path) -> None:
    proc = rolescope("status", "--output", str(tmp_path))
    assert proc.returncode == 0 and "no finished run" in proc.stdout


def test_a_second_run_waits_or_exits_with_lock_busy(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with run_lock(out):
        busy = rolescope("run", "--input", str(inputs), "--output", str(out))
        assert busy.returncode == 4 and "another run is writing" in busy.stderr
        assert not (out / "articles.parquet").exists()  # nothing interleaved
        with pytest.raises(LockBusyError), run_lock(out, timeout=0.2):
            pass
    released = threading.Event()

    def hold_briefly() -> None:
        with run_lock(out):
            released.wait(5)
            time.sleep(0.5)

    holder = threading.Thread(target=hold_briefly)
    holder.start()
    time.sleep(0.1)
    released.set()
    waited = rolescope("run", "--input", str(inputs), "--output", str(out), "--lock-timeout", "10")
    holder.join()
    assert waited.returncode == 0, waited.stderr


def test_quarantine_over_threshold_exits_5_with_tables_written(inputs: Path, tmp_path: Path) -> None:
    (inputs / "junk.txt").write_text("nothing to see\n", encoding="utf-8")
    out = tmp_path / "out"
    ok = rolescope("run", "--input", str(inputs), "--output", str(out), "--max-quarantined", "1")
    assert ok.returncode == 0
    over = rolescope("run", "--input", str(inputs), "--output", str(out), "--max-quarantined", "0")
    assert over.returncode == 5 and "over the limit of 0" in over.stderr
    assert read_manifest(out) is not None


def test_json_logs(inputs: Path, tmp_path: Path) -> None:
    (inputs / "junk.txt").write_text("nothing to see\n", encoding="utf-8")
    proc = rolescope("run", "--input", str(inputs), "--output", str(tmp_path / "out"), "--log-json", "-v")
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert lines and all(json.loads(line)["level"] for line in lines)
    assert any("junk.txt" in json.loads(line)["message"] for line in lines)
