"""``rolescope status``: the last run, what is pending, what is quarantined, whether files are intact.

Why read-only and lock-free: status is what an operator runs while a scheduled run may be
going on, so it never takes the run lock and never writes. It reads the published
manifest, the run history, the quarantine table and the state store (SQLite in WAL mode
lets it read while a run writes), and compares the input folder with the store by size
and modification time only: it never reads or parses a document.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.read.keys import stored_key
from pipeline.read.sources import file_path, is_warc
from pipeline.run.inventory import CAPTURE_PREFIX, scan_input
from pipeline.run.lock import LOCK_NAME
from pipeline.run.state import STATE_DIR, STATE_FILE
from pipeline.tables.manifest import MANIFEST_NAME, RUNS_NAME, read_manifest, read_runs, verify

SHOW = 10
"""How many pending or quarantined documents are listed by name."""


@dataclass(slots=True)
class Pending:
    """How the input folder differs from what the published tables were built from."""

    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    archives: int = 0
    """Web archives (WARC, ARC, WACZ): their captures are compared at run time (that needs reading them)."""
    not_read: list[str] = field(default_factory=list)
    """What the walk cannot or must not read (``key (reason)``): never counted as removed."""

    @property
    def total(self) -> int:
        """Documents the next run will parse or drop."""
        return len(self.new) + len(self.changed) + len(self.removed)


def _known(out_dir: Path) -> dict[str, tuple[int | None, int | None]]:
    path = out_dir / STATE_DIR / STATE_FILE
    if not path.is_file():
        return {}
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT doc_key, size, mtime_ns FROM documents").fetchall()
    except sqlite3.DatabaseError:
        return {}
    finally:
        db.close()
    return {key: (size, mtime) for key, size, mtime in rows}


def pending(input_dir: Path, out_dir: Path) -> Pending:
    """New, changed and removed files of ``input_dir`` compared with the state store."""
    known = _known(out_dir)
    result = Pending()
    present: set[str] = set()
    base = os.path.abspath(input_dir)
    found = scan_input(input_dir, out_dir)
    result.not_read = [f"{problem.key} ({problem.reason})" for problem in found.problems]
    held = tuple(p.key for p in found.problems if p.reason == "unreadable" and p.key.endswith("/"))
    for key in found.files:
        if is_warc(key):
            result.archives += 1
            continue
        present.add(key)
        try:
            stat = os.stat(file_path(base, key))
            current: tuple[int | None, int | None] = (stat.st_size, stat.st_mtime_ns)
        except OSError:
            current = (None, None)
        stored = stored_key(key)
        if stored not in known:
            result.new.append(key)
        elif known[stored] != current:
            result.changed.append(key)
    present = {stored_key(key) for key in present}
    result.removed = sorted(
        k for k in known
        if k not in present and not k.startswith(CAPTURE_PREFIX) and not (held and k.startswith(held))
    )
    return result


def _running(out_dir: Path, runs: list[dict[str, Any]]) -> bool:
    """Whether the last recorded run is still going (its process, named in the lock, lives)."""
    if not runs or runs[-1].get("status") != "interrupted":
        return False
    try:
        pid = int((out_dir / LOCK_NAME).read_text().strip() or 0)
        os.kill(pid, 0)
    except (OSError, ValueError):
        return False
    return f"-{pid}-" in str(runs[-1].get("run_id", ""))


def _names(keys: list[str]) -> str:
    more = f", ... ({len(keys) - SHOW} more)" if len(keys) > SHOW else ""
    return ", ".join(keys[:SHOW]) + more


@dataclass(slots=True)
class Status:
    """The report's lines, and what in the output folder is damaged (empty when nothing is)."""

    lines: list[str] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)


def report(out_dir: Path, input_dir: Path | None = None) -> list[str]:
    """The status report, line by line."""
    return status(out_dir, input_dir).lines


def _damaged_history_lines(out_dir: Path) -> int:
    """Lines of ``_runs.jsonl`` that are not run records (a torn last line from a kill is not counted)."""
    path = out_dir / RUNS_NAME
    try:
        data = path.read_bytes()
    except OSError:
        return 0
    lines = data.split(b"\n")
    if lines and not data.endswith(b"\n"):
        lines = lines[:-1]  # the last line, cut by a kill mid-write: expected, not damage
    bad = 0
    for line in lines:
        if not line.strip():
            continue
        try:
            bad += not isinstance(json.loads(line), dict)
        except ValueError:
            bad += 1
    return bad


def status(out_dir: Path, input_dir: Path | None = None) -> Status:
    """The status report, and the damage found on the way (a damaged file never stops the report)."""
    result = Status()
    lines = result.lines
    try:
        manifest = read_manifest(out_dir)
        if manifest is not None and not isinstance(manifest, dict):
            raise ValueError(f"not a JSON object but {type(manifest).__name__}")
    except (OSError, ValueError) as error:  # JSON and UTF-8 errors are ValueErrors
        manifest = None
        result.damaged.append(f"manifest {out_dir / MANIFEST_NAME} is damaged ({_short(error)})")
    runs = read_runs(out_dir)
    bad_lines = _damaged_history_lines(out_dir)
    if bad_lines:
        result.damaged.append(f"run history {out_dir / RUNS_NAME} has {bad_lines} damaged lines (skipped)")
    if manifest is None:
        lines.append(f"no finished run in {out_dir}" + (f" ({len(runs)} attempts)" if runs else ""))
    else:
        try:
            lines += _last_run(out_dir, manifest)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            result.damaged.append(f"manifest {out_dir / MANIFEST_NAME} is damaged (field {_short(error)})")
            manifest = None
    _attempt(out_dir, runs, lines)
    _pending(out_dir, input_dir, manifest, lines)
    lines.append(f"runs recorded: {len(runs)}")
    lines += [f"damaged: {what}" for what in result.damaged]
    return result


def _short(error: BaseException) -> str:
    return " ".join(str(error).split())[:160] or type(error).__name__


def _attempt(out_dir: Path, runs: list[dict[str, Any]], lines: list[str]) -> None:
    """The last attempt, when it did not finish well."""
    if runs and runs[-1].get("status") == "interrupted":
        last = runs[-1]
        if last.get("finished_at"):  # it recorded its own interruption (SIGINT, SIGTERM)
            state = f"interrupted by {last.get('error') or 'a signal'}"
        else:
            state = "running now" if _running(out_dir, runs) else "interrupted (killed or crashed)"
        lines.append(f"last attempt: {last.get('run_id', '?')} {state}")
    elif runs and runs[-1].get("status") == "failed":
        lines.append(f"last attempt failed: {runs[-1].get('error')}")


def _pending(
    out_dir: Path, input_dir: Path | None, manifest: dict[str, Any] | None, lines: list[str]
) -> None:
    """What the next run will parse or drop, compared with the input folder."""
    recorded = manifest.get("input") if manifest else None
    source = input_dir or (Path(recorded) if isinstance(recorded, str) and recorded else None)
    if source is not None and source.is_dir():
        todo = pending(source, out_dir)
        counts = f"{len(todo.new)} new, {len(todo.changed)} changed, {len(todo.removed)} removed"
        line = f"pending in {source}: {counts}"
        if todo.archives:
            line += f"; {todo.archives} web archives (captures are compared when the run reads them)"
        lines.append(line)
        labelled = (
            ("new", todo.new),
            ("changed", todo.changed),
            ("removed", todo.removed),
            ("not read", todo.not_read),
        )
        for label, keys in labelled:
            if keys:
                lines.append(f"  {label}: {_names(keys)}")
    elif source is not None:
        lines.append(f"pending: input folder {source} not found")


def _last_run(out_dir: Path, manifest: dict[str, Any]) -> list[str]:
    inputs = manifest["inputs"]
    lines = [
        f"last finished run: {manifest['run_id']} ({manifest['started_at']} .. {manifest['finished_at']}, "
        f"{manifest['seconds']}s, parser {manifest['parser_version']})",
        f"inputs: {inputs['documents']} documents ({inputs['duplicates']} duplicates, "
        f"{inputs.get('parsed', inputs['documents'])} parsed in that run)",
    ]
    lines += [f"  {name:14} {entry['rows']:>8} rows" for name, entry in manifest["tables"].items()]
    reasons = manifest.get("quarantine") or {}
    lines.append("quarantined: " + (", ".join(f"{k}={v}" for k, v in reasons.items()) if reasons else "none"))
    quarantine = out_dir / "quarantine.parquet"
    if reasons and quarantine.is_file():
        import pyarrow.parquet as pq  # noqa: PLC0415 (status stays fast to start)

        rows = pq.read_table(quarantine, columns=["source_uri", "stage", "reason"]).to_pylist()
        for row in rows[:SHOW]:
            lines.append(f"  {row['source_uri']}: {row['stage']}/{row['reason']}")
        if len(rows) > SHOW:
            lines.append(f"  ... ({len(rows) - SHOW} more in quarantine.parquet)")
    bad = verify(out_dir, manifest)
    lines.append("files: " + ("intact" if not bad else "CHANGED since the run: " + ", ".join(bad)))
    return lines
