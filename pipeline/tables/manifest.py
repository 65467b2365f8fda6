"""The run manifest and the run history: what a finished run wrote, and every run so far.

Why written last: a reader (or the next run) can tell a finished run from a torn one. The
manifest (``OUT/_manifest.json``) is written atomically *after* every table; it lists each
table's row count and the sha256 of its Parquet and CSV files, so a reader can check that
the files on disk are the ones the run finished with. ``OUT/_runs.jsonl`` gets one line per
run (finished or failed), appended, for history. Run facts live here, never inside the
data tables, so the tables stay byte-stable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pipeline.common.atomic import atomic_write

MANIFEST_NAME = "_manifest.json"
RUNS_NAME = "_runs.jsonl"


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def inputs_digest(documents: Iterable[tuple[str, str | None]]) -> str:
    """One digest over every input's (document key, content sha256), given in key order.

    Streamed (the caller provides the order, e.g. from the state store), so a corpus of any
    size is digested without being held in memory.
    """
    digest = hashlib.sha256()
    for key, sha in documents:
        digest.update(f"{key}\x1f{sha or '-'}\n".encode())
    return digest.hexdigest()


def settings_digest(settings: Mapping[str, Any]) -> str:
    """A digest of the settings that shape the tables, to tell runs with other settings apart."""
    return hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode()).hexdigest()[:16]


def now_iso() -> str:
    """UTC now, ISO 8601 with seconds."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def table_entries(out_dir: Path, rows: Mapping[str, int]) -> dict[str, dict[str, Any]]:
    """Per table: rows, and the path and sha256 of its Parquet and CSV files."""
    entries = {}
    for name, count in rows.items():
        parquet = out_dir / f"{name}.parquet"
        csv = out_dir / "csv" / f"{name}.csv"
        entries[name] = {
            "rows": count,
            "parquet": {"path": parquet.relative_to(out_dir).as_posix(), "sha256": file_sha256(parquet)},
            "csv": {"path": csv.relative_to(out_dir).as_posix(), "sha256": file_sha256(csv)},
        }
    return entries


def write_manifest(out_dir: Path, manifest: Mapping[str, Any]) -> Path:
    """Write ``_manifest.json`` atomically (the run's last write)."""
    path = out_dir / MANIFEST_NAME
    text = json.dumps(manifest, indent=2, sort_keys=True, default=str) + "\n"
    atomic_write(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return path


def append_run(out_dir: Path, record: Mapping[str, Any]) -> None:
    """Append one line to the run history (``_runs.jsonl``), flushed to disk."""
    line = json.dumps(record, sort_keys=True, default=str) + "\n"
    with open(out_dir / RUNS_NAME, "a", encoding="utf-8") as handle:
        handle.write(line)
        handle.flush()
        os.fsync(handle.fileno())


def read_manifest(out_dir: Path) -> dict[str, Any] | None:
    """The last finished run's manifest, or None when there is none."""
    path = out_dir / MANIFEST_NAME
    if not path.is_file():
        return None
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def read_runs(out_dir: Path) -> list[dict[str, Any]]:
    """One record per run, oldest first (a torn last line is skipped).

    A run appends a ``started`` line when it takes the lock and its outcome (``ok``,
    ``unchanged`` or ``failed``) when it ends; the outcome replaces the start. A run that
    was killed keeps only its start, reported as ``interrupted``.
    """
    path = out_dir / RUNS_NAME
    if not path.is_file():
        return []
    runs: dict[str, dict[str, Any]] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if not isinstance(record, dict):
            continue  # damaged: valid JSON, but not a run record
        runs[record.get("run_id", f"line-{len(runs)}")] = record
    return [
        record | {"status": "interrupted"} if record.get("status") == "started" else record
        for record in runs.values()
    ]


def verify(out_dir: Path, manifest: Mapping[str, Any]) -> list[str]:
    """Tables whose files on disk are not the ones the manifest lists (empty when consistent)."""
    bad = []
    for name, entry in manifest.get("tables", {}).items():
        for kind in ("parquet", "csv"):
            path = out_dir / entry[kind]["path"]
            if not path.is_file() or file_sha256(path) != entry[kind]["sha256"]:
                bad.append(f"{name} ({kind})")
    return bad
