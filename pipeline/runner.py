"""Drive a run: discover documents, process them (in parallel), merge, write every table.

Merging is where corpus-level rules live: byte-identical documents are one article (the
first path in sorted order names it), the same job seen on many pages is one
``job_cards`` row, and rows are sorted by each table's key so the output is byte-stable
whatever the worker count or completion order.
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from pipeline.errors import ReadError, StageError, UsageError
from pipeline.export import to_arrow, write_table
from pipeline.fetch.store import iter_captures
from pipeline.lock import run_lock
from pipeline.manifest import (
    append_run,
    inputs_digest,
    now_iso,
    settings_digest,
    table_entries,
    write_manifest,
)
from pipeline.money import RateTable, load_rates, to_usd
from pipeline.parse import PARSER_VERSION
from pipeline.process import DocumentResult, RawDocument, Row, process_document, quarantine_row
from pipeline.role_keys import display_name
from pipeline.schema import TABLES, Table
from pipeline.settings import Limits, Settings
from pipeline.sources import STORE_FILES, capture_document, discover, is_warc, read_document, source_uri

log = logging.getLogger(__name__)
_PARALLEL_MIN_DOCS = 32
"""Below this many documents, worker start-up costs more than it saves."""


@dataclass(slots=True)
class RunSummary:
    """What a run did, for the summary line and the exit code."""

    documents: int = 0
    duplicates: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    quarantine_reasons: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def quarantined(self) -> int:
        """Quarantine rows written (documents and parts)."""
        return sum(self.quarantine_reasons.values())

    def line(self) -> str:
        """The one-paragraph summary printed on stderr."""
        reasons = ", ".join(f"{k}={v}" for k, v in sorted(self.quarantine_reasons.items()))
        rate = self.documents / self.seconds if self.seconds > 0 else 0.0
        return (
            f"documents read: {self.documents} (duplicates: {self.duplicates}); "
            f"articles: {self.rows.get('articles', 0)}; sections: {self.rows.get('sections', 0)}; "
            f"items: {self.rows.get('items', 0)}; job cards: {self.rows.get('job_cards', 0)} "
            f"(sightings: {self.rows.get('job_sightings', 0)}); "
            f"quarantined: {self.quarantined}{f' ({reasons})' if reasons else ''}; "
            f"time: {self.seconds:.2f}s ({rate:.0f} docs/s)"
        )


Task = tuple[str, str, Limits] | tuple[RawDocument, Limits]


def _work(task: Task) -> DocumentResult:
    """Read and process one file (or one archived capture); runs in a worker process."""
    if len(task) == 2:
        doc, limits = task
        assert isinstance(doc, RawDocument)
        if not 200 <= doc.status < 300:
            result = DocumentResult(doc.source_uri, doc.sha256)
            result.quarantine.append(
                quarantine_row(
                    doc.source_uri, ReadError("http_error", f"HTTP status {doc.status}"), doc.sha256
                )
            )
            return result
        return process_document(doc, limits)
    path_str, root_str, limits = task
    path, root = Path(path_str), Path(root_str)
    try:
        doc = read_document(path, root, limits)
    except StageError as error:
        result = DocumentResult(source_uri(path, root), None)
        result.quarantine.append(quarantine_row(result.source_uri, error, None))
        return result
    return process_document(doc, limits)


def _tasks(paths: list[Path], root: Path, settings: Settings) -> list[Task]:
    """One task per document file, then one per archived capture (oldest first)."""
    tasks: list[Task] = [(str(p), str(root), settings.limits) for p in paths if not is_warc(p)]
    if any(is_warc(p) for p in paths):
        tasks.extend((capture_document(c), settings.limits) for c in iter_captures(root))
    return tasks


def _results(tasks: list[Task], settings: Settings) -> Iterator[DocumentResult]:
    """Results in input order, from a process pool when it pays off (or from a Dask cluster)."""
    workers = settings.workers or os.cpu_count() or 1
    if settings.engine == "dask":
        from pipeline.dask_engine import dask_results  # noqa: PLC0415 (optional dependency)

        yield from dask_results(tasks, _work, scheduler=settings.scheduler, workers=workers)
        return
    if workers <= 1 or len(tasks) < _PARALLEL_MIN_DOCS:
        yield from map(_work, tasks)
        return
    chunksize = max(1, min(64, len(tasks) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_work, tasks, chunksize=chunksize)


def _sort_key(table: Table) -> Any:
    """Sort by the table's key, nulls first, without comparing None to a value."""

    def key(row: Row) -> tuple[Any, ...]:
        return tuple((False, "") if row.get(k) is None else (True, row[k]) for k in table.sort_key)

    return key


def _unique(rows: list[Row], table: Table) -> list[Row]:
    """Drop rows whose unique key repeats (keep the first in sort order)."""
    if not table.unique_key:
        return rows
    seen: set[tuple[Any, ...]] = set()
    out = []
    for row in rows:
        key = tuple(row.get(k) for k in table.unique_key)
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def merge_job_cards(rows: Iterable[Row]) -> list[Row]:
    """One row per job: the sighting on the latest article (then smallest article id) wins."""
    best: dict[str, Row] = {}
    # Smallest article id first, so the first row with the latest date wins a tie.
    for row in sorted(rows, key=lambda r: r["_rank"][1]):
        current = best.get(row["job_id"])
        if current is None or row["_rank"][0] > current["_rank"][0]:
            best[row["job_id"]] = row
    return list(best.values())


def finish_job_cards(cards: list[Row], sightings: Iterable[Row], rates: RateTable) -> list[Row]:
    """Add what needs the whole corpus: USD amounts (one rate table per run) and first/last seen."""
    seen: dict[str, list[Any]] = {}
    for sighting in sightings:
        if sighting.get("seen_date") is not None:
            seen.setdefault(sighting["job_id"], []).append(sighting["seen_date"])
    for card in cards:
        currency = card.get("salary_currency")
        card["salary_min_usd"] = to_usd(card.get("salary_min_annual"), currency, rates)
        card["salary_max_usd"] = to_usd(card.get("salary_max_annual"), currency, rates)
        dates = seen.get(card["job_id"])
        card["first_seen"] = min(dates) if dates else None
        card["last_seen"] = max(dates) if dates else None
    return cards


def role_rows(articles: Iterable[Row]) -> list[Row]:
    """One row per role key: its display name and how many comparisons name it."""
    names: dict[str, list[str]] = {}
    comparisons: dict[str, set[str]] = {}
    for article in articles:
        for side in ("a", "b"):
            key = article[f"role_key_{side}"]
            names.setdefault(key, []).append(article[f"role_{side}"])
            comparisons.setdefault(key, set()).add(article["article_key"])
    return [
        {"role_key": key, "name": display_name(names[key]), "article_count": len(comparisons[key])}
        for key in names
    ]


def check_folders(input_dir: Path, output_dir: Path) -> None:
    """Refuse unusable folders with a one-line reason (exit code for usage/IO errors)."""
    if not input_dir.is_dir():
        raise UsageError(f"input folder {str(input_dir)!r} does not exist or is not a folder")
    if output_dir.exists() and not output_dir.is_dir():
        raise UsageError(f"output {str(output_dir)!r} exists and is not a folder")
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot create output folder {str(output_dir)!r}: {error.strerror}") from error
    if not os.access(output_dir, os.W_OK):
        raise UsageError(f"output folder {str(output_dir)!r} is not writable")


def run(input_dir: Path, output_dir: Path, settings: Settings | None = None) -> RunSummary:
    """Parse every document under ``input_dir`` and write all tables to ``output_dir``.

    Holds the output folder's lock for the whole run; writes every table atomically, then
    the manifest (last), then appends the run to the history. A failed run leaves the
    previous tables and manifest in place and is recorded as failed.
    """
    settings = settings or Settings()
    check_folders(input_dir, output_dir)
    with run_lock(output_dir, settings.lock_timeout):
        started_at = now_iso()
        run_id = f"{started_at.replace(':', '').replace('-', '')[:15]}-{os.getpid()}"
        try:
            summary, inputs = _run(input_dir, output_dir, settings)
        except BaseException as error:
            append_run(
                output_dir,
                {
                    "run_id": run_id,
                    "started_at": started_at,
                    "finished_at": now_iso(),
                    "status": "failed",
                    "error": f"{type(error).__name__}: {error}",
                },
            )
            raise
        manifest = {
            "run_id": run_id,
            "started_at": started_at,
            "finished_at": now_iso(),
            "status": "ok",
            "input": str(input_dir),
            "inputs": {
                "documents": summary.documents,
                "duplicates": summary.duplicates,
                "digest": inputs_digest(inputs),
            },
            "parser_version": PARSER_VERSION,
            "settings_digest": settings_digest(settings_record(settings)),
            "tables": table_entries(output_dir, summary.rows),
            "quarantine": dict(sorted(summary.quarantine_reasons.items())),
            "seconds": round(summary.seconds, 3),
        }
        write_manifest(output_dir, manifest)
        append_run(
            output_dir,
            {
                k: manifest[k]
                for k in (
                    "run_id",
                    "started_at",
                    "finished_at",
                    "status",
                    "inputs",
                    "parser_version",
                    "quarantine",
                    "seconds",
                )
            }
            | {"rows": summary.rows},
        )
        return summary


def settings_record(settings: Settings) -> dict[str, Any]:
    """The settings that shape the tables (not where or how fast they are written)."""
    return {
        "max_bytes": settings.limits.max_bytes,
        "max_depth": settings.limits.max_depth,
        "max_blocks": settings.limits.max_blocks,
        "rates": str(settings.rates_path) if settings.rates_path else "bundled",
    }


def _run(
    input_dir: Path, output_dir: Path, settings: Settings
) -> tuple[RunSummary, list[tuple[str, str | None]]]:
    started = time.perf_counter()
    out = output_dir.resolve()
    paths = [
        p for p in discover(input_dir) if not p.resolve().is_relative_to(out) and p.name not in STORE_FILES
    ]
    tasks = _tasks(paths, input_dir, settings)
    summary = RunSummary(documents=len(tasks))
    tables: dict[str, list[Row]] = {name: [] for name in TABLES}
    inputs: list[tuple[str, str | None]] = []
    seen_on: dict[str, set[Any]] = {}
    """Dates each content was sighted on: a re-capture on a new date is a new sighting."""
    progress = tqdm(total=len(tasks), unit="doc", desc="parsing", disable=None, leave=False)
    with progress:
        for result in _results(tasks, settings):
            progress.update(1)
            inputs.append((result.source_uri, result.content_sha256))
            for row in result.quarantine:
                log.warning(
                    "quarantined %s: %s/%s %s",
                    row["source_uri"],
                    row["stage"],
                    row["reason"],
                    row["detail"] or "",
                )
                summary.quarantine_reasons[f"{row['stage']}/{row['reason']}"] += 1
            tables["quarantine"].extend(result.quarantine)
            if result.content_sha256 in seen_on and result.rows:
                # The same bytes again (a copy, or a re-capture of an unchanged page): one
                # document, but a dated sighting of its job cards all the same.
                summary.duplicates += 1
                log.info("duplicate of an earlier document: %s", result.source_uri)
                dates = seen_on.setdefault(result.content_sha256, set())
                fresh = [r for r in result.rows.get("job_sightings", []) if r["seen_date"] not in dates]
                dates.update(r["seen_date"] for r in fresh)
                tables["job_sightings"].extend(fresh)
                continue
            if result.content_sha256:
                sightings = result.rows.get("job_sightings", [])
                seen_on[result.content_sha256] = {r["seen_date"] for r in sightings}
            for name, rows in result.rows.items():
                tables[name].extend(rows)
    rates = load_rates(settings.rates_path)
    cards = merge_job_cards(tables["job_cards"])
    tables["job_cards"] = finish_job_cards(cards, tables["job_sightings"], rates)
    tables["roles"] = role_rows(tables["articles"])
    for name, table in TABLES.items():
        rows = _unique(sorted(tables[name], key=_sort_key(table)), table)
        write_table(table, to_arrow(table, rows), output_dir)
        summary.rows[name] = len(rows)
    summary.seconds = time.perf_counter() - started
    return summary, inputs
