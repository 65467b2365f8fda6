"""Immutable run settings, built once at the command line and passed down.

Why frozen: no module-level mutable state; a worker process gets its own copy and the
same settings always give the same outputs.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.common.limits import Limits

log = logging.getLogger(__name__)

WORKERS_PER_CPU = 2
"""More worker processes than this many per CPU only add memory and context switches."""


def effective_workers(requested: int, cpus: int | None = None) -> int:
    """The worker count a run uses: 0 means one per CPU; above ``WORKERS_PER_CPU`` x CPUs, capped.

    Why a cap: each worker is a forked process with its own caches; a thousand of them on
    two cores exhausted the machine's memory. Capping is logged as a warning.
    """
    cpus = cpus or os.cpu_count() or 1
    if requested <= 0:
        return cpus
    cap = WORKERS_PER_CPU * cpus
    if requested > cap:
        log.warning("workers = %d is more than %d per CPU on %d CPUs: using %d", requested,
                    WORKERS_PER_CPU, cpus, cap)
        return cap
    return requested


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run needs to know, with sane defaults."""

    limits: Limits = Limits()
    workers: int = 0
    """Worker processes; 0 picks the number of CPUs, 1 runs in-process."""
    lock_timeout: float = 0.0
    """Seconds to wait for another run on the same output folder before giving up."""
    rates_path: Path | None = None
    """Exchange-rate table (CSV) for the USD columns; None uses the bundled, dated table."""
    survey_path: Path | None = None
    """The board's salary survey CSV for ``survey_salaries`` and the cards' survey columns;
    None writes that table empty and leaves the columns null."""
    keep_removed: bool = False
    """Keep the rows of documents that have left the input folder (default: drop them, so
    the tables always describe exactly what is in the input, as a full run would)."""
    engine: str = "local"
    """``local`` (a process pool on this machine) or ``dask`` (a Dask cluster)."""
    scheduler: str | None = None
    """Dask scheduler address (``tcp://host:8786``); None starts a local cluster."""
    max_quarantined: int | None = None
    """More quarantined documents than this makes the run exit with code 5 (None: no limit)."""
    csv_formula_escape: bool = True
    """Prefix CSV cells that a spreadsheet would run as a formula with ``'`` (Parquet stays raw)."""
    follow_symlinks: bool = False
    """Read files and folders whose symlinks lead outside the input folder (default: quarantine
    such a file as ``outside_input``, never read it)."""
    progress: bool = True
    """Draw a progress bar while parsing when stderr is a terminal; off under ``--log-json``,
    where every stderr line must be one JSON object."""
