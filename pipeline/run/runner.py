"""Drive a run: take stock of the input, parse what is new, rebuild and publish every table.

A run has three steps, each restartable:

1. **Parse** (parallel): documents that are new or changed since the last run are parsed
   and their rows kept in the state store (:mod:`pipeline.run.state`); unchanged ones are not
   even read.
2. **Build**: every document's rows are streamed from the store in input order through
   the corpus-level rules (byte-identical documents are one article, named by the first
   path in sorted order; a re-capture on a new date is a new sighting of its job cards),
   staged, then sorted and written by :mod:`pipeline.run.tablebuild`. Since a full run and an
   incremental one build from the same stored rows in the same order, their tables are
   byte-identical.
3. **Publish**: the new generation folder (tables and manifest) replaces the previous one
   in one rename (:mod:`pipeline.run.generations`).

When nothing changed (same documents, parser and settings as the published tables), steps
2 and 3 are skipped: a no-op re-run costs a directory walk and a ``stat`` per file.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import secrets
import shutil
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.errors import UsageError
from pipeline.run import generations
from pipeline.run.archive_listings import ArchiveListings
from pipeline.run.inventory import Inventory, take_inventory
from pipeline.run.lock import run_lock
from pipeline.run.ownership import check_output_folder, mark_output_folder
from pipeline.run.problems import digest as problem_digest
from pipeline.run.problems import results as problem_results
from pipeline.run.problems import unreadable_read
from pipeline.run.settings import Settings, effective_workers
from pipeline.run.state import STATE_DIR, STATE_FILE, StateStore, is_damage, move_aside
from pipeline.tables.manifest import (
    MANIFEST_NAME,
    append_run,
    now_iso,
    read_manifest,
    settings_digest,
    table_entries,
    write_manifest,
)
from pipeline.version import PARSER_VERSION

if TYPE_CHECKING:
    from tqdm import tqdm

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RunSummary:
    """What a run did, for the summary line and the exit code."""

    documents: int = 0
    duplicates: int = 0
    parsed: int = 0
    """Documents parsed in this run (new or changed); the others came from the state store."""
    removed: int = 0
    """Documents that left the input and were dropped from the tables."""
    kept: int = 0
    """Documents that left the input but were kept (``keep_removed``)."""
    ignored: int = 0
    """Files in the input folder that are not documents (skipped, not quarantined)."""
    unchanged: bool = False
    """Nothing changed since the published tables: nothing was rebuilt."""
    rows: dict[str, int] = field(default_factory=dict)
    quarantine_reasons: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    notes: dict[str, Any] = field(default_factory=dict)
    """What the build reports: ``unconverted`` and, with a survey, ``survey`` (see
    :func:`pipeline.run.tablebuild.build_tables`)."""

    @property
    def unconverted(self) -> dict[str, int]:
        """Currency -> job cards with an amount but no USD amount (no rate: see ``fx_missing``)."""
        return dict(self.notes.get("unconverted", {}))

    @property
    def quarantined(self) -> int:
        """Quarantine rows written (documents and parts)."""
        return sum(self.quarantine_reasons.values())

    def fields(self) -> dict[str, Any]:
        """The summary's counts as data (the ``summary`` object of a ``--log-json`` line)."""
        return {
            "documents": self.documents,
            "duplicates": self.duplicates,
            "parsed": self.parsed,
            "removed": self.removed,
            "kept": self.kept,
            "ignored": self.ignored,
            "unchanged": self.unchanged,
            "rows": dict(self.rows),
            "quarantined": self.quarantined,
            "quarantine": dict(sorted(self.quarantine_reasons.items())),
            "seconds": round(self.seconds, 3),
        }

    def line(self) -> str:
        """The one-paragraph summary printed on stderr."""
        reasons = ", ".join(f"{k}={v}" for k, v in sorted(self.quarantine_reasons.items()))
        rate = self.documents / self.seconds if self.seconds > 0 else 0.0
        state = "unchanged, nothing rebuilt" if self.unchanged else f"parsed: {self.parsed}"
        no_rate = ", ".join(f"{k}={v}" for k, v in self.unconverted.items())
        return (
            f"documents read: {self.documents} (duplicates: {self.duplicates}; {state}; "
            f"removed: {self.removed}{f', kept: {self.kept}' if self.kept else ''}"
            f"{f'; ignored: {self.ignored}' if self.ignored else ''}); "
            f"articles: {self.rows.get('articles', 0)}; sections: {self.rows.get('sections', 0)}; "
            f"items: {self.rows.get('items', 0)}; job cards: {self.rows.get('job_cards', 0)} "
            f"(sightings: {self.rows.get('job_sightings', 0)}); "
            f"quarantined: {self.quarantined}{f' ({reasons})' if reasons else ''}; "
            f"{f'no exchange rate: {no_rate}; ' if no_rate else ''}"
            f"time: {self.seconds:.2f}s ({rate:.0f} docs/s)"
        )


def check_folders(input_dir: Path, output_dir: Path) -> None:
    """Refuse unusable folders with a one-line reason (exit code for usage/IO errors)."""
    if not input_dir.is_dir():
        raise UsageError(f"input folder {str(input_dir)!r} does not exist or is not a folder")
    if output_dir.exists() and not output_dir.is_dir():
        raise UsageError(f"output {str(output_dir)!r} exists and is not a folder")
    check_output_folder(input_dir, output_dir)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot create output folder {str(output_dir)!r}: {error.strerror}") from error
    if not os.access(output_dir, os.W_OK):
        raise UsageError(f"output folder {str(output_dir)!r} is not writable")
    mark_output_folder(output_dir)


def parser_key(settings: Settings) -> str:
    """What a stored result depends on: parser version, bundled data, parsing limits.

    The bundled vocabulary and place tables shape the rows, so their bytes are part of the
    key (the exchange rates are applied at build time and are not).
    """
    digest = hashlib.sha256(PARSER_VERSION.encode())
    data = resources.files("pipeline") / "data"
    for name in sorted(p.name for p in data.iterdir() if p.name.endswith(".csv")):
        if name != "fx_yearly.csv":
            digest.update(name.encode() + b"\0" + (data / name).read_bytes())
    limits = settings.limits
    digest.update(f"{limits.max_bytes}/{limits.max_depth}/{limits.max_blocks}".encode())
    return f"{PARSER_VERSION}+{digest.hexdigest()[:12]}"


def settings_record(settings: Settings) -> dict[str, Any]:
    """The settings that shape the tables (not where or how fast they are written)."""
    from pipeline.normalize.money import rates_bytes  # noqa: PLC0415 (the bundled table's bytes count too)

    rates = rates_bytes(settings.rates_path)
    survey = settings.survey_path.read_bytes() if settings.survey_path else b""
    return {
        "max_bytes": settings.limits.max_bytes,
        "max_depth": settings.limits.max_depth,
        "max_blocks": settings.limits.max_blocks,
        "rates": str(settings.rates_path) if settings.rates_path else "bundled",
        "rates_sha256": hashlib.sha256(rates).hexdigest()[:16],
        "keep_removed": settings.keep_removed,
        "survey": str(settings.survey_path) if settings.survey_path else None,
        "survey_sha256": hashlib.sha256(survey).hexdigest()[:16],
        **_safety_record(settings),
    }


def _safety_record(settings: Settings) -> dict[str, Any]:
    """Settings of issue 15 that shape the tables; recorded only when not the default, so
    the digests of runs with the default settings stay as they were."""
    record: dict[str, Any] = {}
    if not settings.csv_formula_escape:
        record["csv_formula_escape"] = False
    if settings.follow_symlinks:
        record["follow_symlinks"] = True
    return record


def run(input_dir: Path, output_dir: Path, settings: Settings | None = None) -> RunSummary:
    """Bring the tables in ``output_dir`` up to date with the documents under ``input_dir``.

    Holds the output folder's lock for the whole run. The tables and the manifest are
    published together by one rename; a failed or killed run leaves the previous ones in
    place. Every run is recorded in the history (``_runs.jsonl``).
    """
    settings = settings or Settings()
    check_folders(input_dir, output_dir)
    with run_lock(output_dir, settings.lock_timeout):
        started_at = now_iso()
        # time, pid and a random part: unique even for two runs in one process and second
        run_id = f"{started_at.replace(':', '').replace('-', '')[:15]}-{os.getpid()}-{secrets.token_hex(3)}"
        append_run(output_dir, {"run_id": run_id, "started_at": started_at, "status": "started"})
        try:
            summary, manifest = _run_healing(input_dir, output_dir, settings, run_id, started_at)
        except BaseException as error:
            # Ctrl-C or SIGTERM (a KeyboardInterrupt, see the command line) is an interruption,
            # not a failure; either way nothing was published.
            stopped = isinstance(error, KeyboardInterrupt)
            reason = (str(error) or type(error).__name__) if stopped else f"{type(error).__name__}: {error}"
            append_run(
                output_dir,
                {
                    "run_id": run_id,
                    "started_at": started_at,
                    "finished_at": now_iso(),
                    "status": "interrupted" if stopped else "failed",
                    "error": reason,
                },
            )
            raise
        record = {
            "run_id": run_id,
            "started_at": started_at,
            "finished_at": now_iso(),
            "status": "unchanged" if summary.unchanged else "ok",
            "inputs": manifest["inputs"],
            "parser_version": PARSER_VERSION,
            "quarantine": dict(sorted(summary.quarantine_reasons.items())),
            "seconds": round(summary.seconds, 3),
            "rows": summary.rows,
        }
        append_run(output_dir, record)
        return summary


def _run_healing(
    input_dir: Path, output_dir: Path, settings: Settings, run_id: str, started_at: str
) -> tuple[RunSummary, dict[str, Any]]:
    """:func:`_run`, once more from an empty store when the store turns out damaged.

    Why: the README promises that a damaged store costs one full re-parse, never a failed
    run, whatever the damage (pages overwritten, a stored result that cannot be read back,
    another table layout); most of it shows only when the run reads that part.
    """
    try:
        return _run(input_dir, output_dir, settings, run_id, started_at)
    except Exception as error:
        if not is_damage(error, output_dir):
            raise
        move_aside(output_dir / STATE_DIR / STATE_FILE, error)
        return _run(input_dir, output_dir, settings, run_id, started_at)


def _previous_manifest(output_dir: Path) -> dict[str, Any] | None:
    """The published manifest, or None when there is none or it cannot be read (a damaged
    manifest only costs the no-op shortcut: the tables are rebuilt and it is rewritten)."""
    try:
        previous = read_manifest(output_dir)
    except (OSError, ValueError) as error:
        log.warning("ignoring the unreadable manifest in %s: %s", output_dir, error)
        return None
    if not isinstance(previous, dict) or not isinstance(previous.get("inputs"), dict):
        return None
    return previous


def _run(
    input_dir: Path, output_dir: Path, settings: Settings, run_id: str, started_at: str
) -> tuple[RunSummary, dict[str, Any]]:
    started = time.perf_counter()
    key = parser_key(settings)
    with StateStore(output_dir) as store:
        log.debug("checkpoint: inventory")
        # read as the input is walked: no row per document held; archives unchanged since the
        # last run are not read again
        with store.lookup() as known, ArchiveListings(output_dir / STATE_DIR) as listings:
            inventory = take_inventory(input_dir, output_dir, known, key, settings.limits,
                                       follow_symlinks=settings.follow_symlinks, listings=listings)
        problems = inventory.problems  # the walk's, and (as the run goes) the files no worker could open
        summary = RunSummary(documents=len(inventory.keys) - len(problems), ignored=inventory.ignored)
        removed = inventory.removed(store)
        kept = removed if settings.keep_removed else []
        summary.kept = len(kept)
        order = itertools.chain(inventory.entries(), ((removed_key, False) for removed_key in kept))
        previous = _previous_manifest(output_dir)
        if not inventory.tasks and (kept or not removed):
            # Nothing to read: the tables are current if they were built from these inputs
            # (the store holds exactly the inputs: nothing was removed, or removed ones are kept).
            build = _build_digest(store.inputs_digest() + problem_digest(problems), key, settings)
            unchanged = _unchanged(previous, output_dir, build)
            if unchanged is not None:
                return _as_unchanged(summary, unchanged, started), unchanged
        if removed and not kept:
            summary.removed = store.forget(removed)
            log.info("dropped %d documents that left the input", summary.removed)
        # The parsers and Arrow are imported only when there is work to do.
        from pipeline.normalize.money import load_rates  # noqa: PLC0415
        from pipeline.run.staging import Stager, stage  # noqa: PLC0415
        from pipeline.run.tablebuild import build_tables  # noqa: PLC0415
        from pipeline.tables.export import lean_arrow  # noqa: PLC0415

        lean_arrow()
        folder = generations.start(output_dir, run_id)
        stager = Stager(output_dir / STATE_DIR / "staging")
        log.debug("checkpoint: parse")
        total = len(inventory.keys) + len(kept)
        documents = _documents(order, total, inventory, store, settings=settings, key=key, summary=summary)
        store.begin_articles()
        staged = stage(documents, stager, store.add_article)
        del documents, inventory, order  # the input list is not needed to build: free it first
        summary.duplicates, summary.quarantine_reasons = staged.duplicates, staged.quarantine_reasons
        store_digest = store.inputs_digest()
        build = _build_digest(store_digest + problem_digest(problems), key, settings)
        unchanged = _unchanged(previous, output_dir, build) if summary.parsed == 0 else None
        if unchanged is not None:  # only touched files: same bytes, same tables
            stager.discard()
            shutil.rmtree(folder, ignore_errors=True)
            return _as_unchanged(summary, unchanged, started), unchanged
        log.debug("checkpoint: build")
        summary.rows = build_tables(
            stager,
            folder,
            load_rates(settings.rates_path),
            # with two processes or more allowed, the per-article tables are written by one of
            # their own while this one writes the others (see build_tables)
            documents=store.kept_rows_apart() if _build_apart(settings) else store.kept_rows(),
            articles=store.kept_articles(),
            survey=_survey(settings),
            notes=summary.notes,
            formula_escape=settings.csv_formula_escape,
        )
        stager.discard()
    summary.seconds = time.perf_counter() - started
    manifest = {
        "run_id": run_id,
        "started_at": started_at,
        "finished_at": now_iso(),
        "status": "ok",
        "input": os.path.abspath(input_dir),  # status may run from another folder
        "generation": folder.name,
        "inputs": {
            "documents": summary.documents,
            "duplicates": summary.duplicates,
            "parsed": summary.parsed,
            "removed": summary.removed,
            "kept": summary.kept,
            "ignored": summary.ignored,
            "digest": store_digest,
        },
        "parser_version": PARSER_VERSION,
        "parser_key": key,
        "settings_digest": settings_digest(settings_record(settings)),
        "build_digest": build,
        "tables": table_entries(folder, summary.rows),
        "quarantine": dict(sorted(summary.quarantine_reasons.items())),
        "unconverted": summary.unconverted,
        **({"survey": summary.notes["survey"]} if "survey" in summary.notes else {}),
        "seconds": round(summary.seconds, 3),
    }
    write_manifest(folder, manifest)
    log.debug("checkpoint: publish")
    names = [f"{name}.parquet" for name in summary.rows]
    generations.publish(output_dir, folder, [*names, MANIFEST_NAME])
    shutil.rmtree(output_dir / STATE_DIR / "staging", ignore_errors=True)
    return summary, manifest


def _build_apart(settings: Settings) -> bool:
    """Whether the table build may use a second process: when the run may use two or more
    workers, and processes can be forked."""
    return hasattr(os, "fork") and effective_workers(settings.workers) >= 2


def _survey(settings: Settings) -> Any:
    """The survey index of ``--survey``, or None (read only when the tables are rebuilt)."""
    from pipeline.run.survey import load_survey  # noqa: PLC0415

    return load_survey(settings.survey_path) if settings.survey_path else None


def _build_digest(inputs: str, key: str, settings: Settings) -> str:
    """What the tables depend on: every input's hash, the parser key and the settings."""
    digest = inputs
    return hashlib.sha256(f"{digest}|{key}|{settings_digest(settings_record(settings))}".encode()).hexdigest()


def _unchanged(previous: dict[str, Any] | None, output_dir: Path, build: str) -> dict[str, Any] | None:
    """The published manifest when it was built from exactly these inputs and settings."""
    if previous is None or previous.get("build_digest") != build or generations.current(output_dir) is None:
        return None
    return previous


def _as_unchanged(summary: RunSummary, previous: dict[str, Any], started: float) -> RunSummary:
    summary.unchanged = True
    summary.duplicates = previous["inputs"]["duplicates"]
    summary.rows = {name: entry["rows"] for name, entry in previous["tables"].items()}
    summary.quarantine_reasons = Counter(previous.get("quarantine", {}))
    summary.notes["unconverted"] = dict(previous.get("unconverted", {}))
    summary.seconds = time.perf_counter() - started
    log.info("nothing changed since run %s: tables left as they are", previous["run_id"])
    return summary


def progress_bar(total: int, *, enabled: bool) -> tqdm:
    """The parsing progress bar (shown on a terminal only, when enabled).

    Why no monitor thread: tqdm starts one with its first shown bar, and the worker pool
    forks while the bar is open (at its start and each time it is renewed). Forking a
    process that runs a thread can deadlock the child on a lock the thread held, and Python
    3.12 warns of it; the monitor only tunes how often a bar redraws.
    """
    from tqdm import tqdm  # noqa: PLC0415

    tqdm.monitor_interval = 0
    return tqdm(total=total, unit="doc", desc="parsing", disable=None if enabled else True, leave=False)


def _documents(
    order: Iterable[tuple[str, bool]],
    total: int,
    inventory: Inventory,
    store: StateStore,
    *,
    settings: Settings,
    key: str,
    summary: RunSummary,
) -> Iterator[tuple[str, bytes]]:
    """Every document's stored result, in input order, parsing the new and changed ones.

    Parsing runs ahead in the workers while this process stages the results in order, so
    the two overlap; each new result is kept in the store as it arrives.
    """
    from pipeline.run.engine import run_tasks  # noqa: PLC0415 (imports the parsers)

    tasks = inventory.tasks
    # tasks are in input order: results come back in the order their keys come in ``order``
    parsed_results = run_tasks(tasks, settings) if tasks else iter(())
    progress = progress_bar(total, enabled=settings.progress)
    with progress:
        for doc_key, is_task in order:
            progress.update(1)
            problem = inventory.problems.get(doc_key)
            if problem is not None:  # the walk could not (or must not) read it
                yield from problem_results(store, doc_key, problem)
                continue
            if not is_task:
                yield store.result(doc_key)
                continue
            parsed = next(parsed_results)
            if parsed.key != doc_key:
                raise RuntimeError(f"engine returned {parsed.key!r} for {doc_key!r}: results out of order")
            problem = unreadable_read(parsed.blob[0]) if parsed.blob and parsed.sha256 is None else None
            if problem is not None and parsed.blob is not None:  # a file no worker could open keeps its rows
                inventory.problems[doc_key] = problem
                yield from problem_results(store, doc_key, problem, parsed.blob[0])
                continue
            if parsed.blob is None:  # only touched: the stored result stands
                store.touch(doc_key, size=parsed.size, mtime_ns=parsed.mtime_ns)
                yield store.result(doc_key)
                continue
            summary.parsed += 1
            store.put(
                doc_key,
                size=parsed.size,
                mtime_ns=parsed.mtime_ns,
                sha256=parsed.sha256,
                parser_key=key,
                result=parsed.blob[0],
                rows=parsed.blob[1],
            )
            yield doc_key, parsed.blob[0]
    store.flush()
