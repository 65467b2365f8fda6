"""Run the pipeline as a child process and measure it: wall time, CPU time, peak memory.

Why a child process: it is what a user runs (``python -m pipeline run``), startup and
imports included, and its CPU time and memory are its own.

CPU time is user plus system time of the whole process tree from
``getrusage(RUSAGE_CHILDREN)`` deltas. A process pool started with ``forkserver`` has its
workers reaped by the fork server, and the fork server itself is never waited for by the
run process, so its time would be lost. :func:`reap_orphans_here` makes the bench process
a Linux "child subreaper": orphaned descendants are re-parented to it and reaped after
each run, so their time lands in our ``RUSAGE_CHILDREN`` too. As a cross-check (and the
fallback elsewhere) the sampler also adds up each process's own CPU time as last seen;
the larger of the two is reported.

Memory is sampled with psutil every ~50 ms as the sum of RSS over the whole process tree
(the run process, a fork server, the workers), because a pool's memory is spread over
processes that a single ``ru_maxrss`` would not add up.
"""

from __future__ import annotations

import ctypes
import hashlib
import logging
import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.tables.schema import TABLES

log = logging.getLogger(__name__)

MB = 1024 * 1024
SAMPLE_SECONDS = 0.05
ORPHAN_WAIT_SECONDS = 10.0
_PR_SET_CHILD_SUBREAPER = 36
_subreaper = False


def reap_orphans_here() -> bool:
    """Become a child subreaper (Linux), so descendants' CPU time can be collected.

    Call it only in a process that owns all its children (the bench's command line):
    after each run, every orphan re-parented to us is reaped with ``waitpid(-1)``.
    """
    global _subreaper  # noqa: PLW0603 (a process-wide property, set once by the command line)
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        _subreaper = libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        _subreaper = False
    return _subreaper


def _reap_orphans() -> int:
    """Wait for the descendants re-parented to us when the run process exited."""
    if not _subreaper:
        return 0
    deadline, reaped = time.monotonic() + ORPHAN_WAIT_SECONDS, 0
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return reaped
        if pid:
            reaped += 1
        elif time.monotonic() > deadline:
            log.warning("descendants of the pipeline still running after %.0f s; CPU time may be low",
                        ORPHAN_WAIT_SECONDS)
            return reaped
        else:
            time.sleep(0.01)


class PipelineFailedError(RuntimeError):
    """The pipeline exited non-zero; the bench cannot measure a run that did not finish."""


@dataclass(frozen=True, slots=True)
class RunMeasure:
    """One pipeline run: how long, how much CPU, how much memory at the peak."""

    docs: int
    workers: int
    """Worker processes used (``--workers 0`` is recorded as the CPU count it means)."""
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    """Largest sum of RSS over the process tree seen in one sample."""
    main_peak_rss_mb: float
    """Largest RSS of the run process itself."""
    peak_pss_mb: float
    """Largest sum of PSS over the process tree: pages shared by forked workers counted once
    (split between the processes sharing them), so this is the tree's physical memory."""
    main_cpu_s: float
    """CPU seconds of the run process itself (as last sampled): the serial part of a parallel run."""
    samples: int

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.wall_s if self.wall_s > 0 else 0.0

    @property
    def cpu_ms_per_doc(self) -> float:
        return 1000 * self.cpu_s / self.docs if self.docs else 0.0

    def as_dict(self) -> dict[str, Any]:
        """The JSON form (rounded; keys documented in docs/bench.md)."""
        return {
            "docs": self.docs,
            "workers": self.workers,
            "wall_s": round(self.wall_s, 3),
            "cpu_s": round(self.cpu_s, 3),
            "docs_per_s": round(self.docs_per_s, 2),
            "cpu_ms_per_doc": round(self.cpu_ms_per_doc, 3),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "main_peak_rss_mb": round(self.main_peak_rss_mb, 1),
            "peak_pss_mb": round(self.peak_pss_mb, 1),
            "main_cpu_s": round(self.main_cpu_s, 3),
        }


class TreeSampler:
    """Polls the RSS of a process and all its descendants in a background thread."""

    def __init__(self, pid: int, interval: float = SAMPLE_SECONDS) -> None:
        import psutil  # noqa: PLC0415 (benchmark-only dependency, see the bench extra)

        self._psutil = psutil
        self._root = psutil.Process(pid)
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="rss-sampler", daemon=True)
        self.peak_tree = 0
        self.peak_pss = 0
        self.peak_main = 0
        self.main_cpu = 0.0
        self.samples = 0
        self._cpu: dict[tuple[int, float], float] = {}
        """(pid, create time) -> own user+system seconds when last seen."""

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> bool:
        psutil = self._psutil
        try:
            procs = [self._root, *self._root.children(recursive=True)]
        except (psutil.NoSuchProcess, psutil.ZombieProcess):
            return False
        total = pss = 0
        for proc in procs:
            try:
                full = proc.memory_full_info()
                rss = int(full.rss)
                pss += int(getattr(full, "pss", full.rss))
                times = proc.cpu_times()
                self._cpu[(proc.pid, proc.create_time())] = times.user + times.system
            except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
                continue
            total += rss
            if proc.pid == self._root.pid:
                self.peak_main = max(self.peak_main, rss)
                self.main_cpu = times.user + times.system
        self.peak_tree = max(self.peak_tree, total)
        self.peak_pss = max(self.peak_pss, pss)
        self.samples += 1
        return True

    @property
    def cpu_seen(self) -> float:
        """CPU seconds of every process of the tree as last sampled (a lower bound)."""
        return sum(self._cpu.values())

    def _loop(self) -> None:
        while self._sample() and not self._stop.wait(self._interval):
            pass


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_pipeline(input_dir: Path, output_dir: Path, workers: int, docs: int, log_path: Path) -> RunMeasure:
    """``python -m pipeline run`` over ``input_dir`` into ``output_dir``, measured.

    The child's output goes to ``log_path`` (appended), so quarantine warnings do not
    flood the terminal; a non-zero exit raises :class:`PipelineFailedError` with its tail.
    """
    cmd = [sys.executable, "-m", "pipeline", "run", "--input", str(input_dir), "--output", str(output_dir),
           "--workers", str(workers)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cpu_before = _children_cpu()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as sink:
        sink.write(f"\n$ {' '.join(cmd)}\n".encode())
        sink.flush()
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=sink, stderr=sink, env=env)
        with TreeSampler(proc.pid) as sampler:
            code = proc.wait()
        wall = time.perf_counter() - started
    orphans = _reap_orphans()
    cpu = max(_children_cpu() - cpu_before, sampler.cpu_seen)
    log.debug("  reaped %d orphan(s); CPU by rusage %.2f s, by sampling %.2f s", orphans,
              _children_cpu() - cpu_before, sampler.cpu_seen)
    if code != 0:
        tail = log_path.read_text("utf-8", "replace").splitlines()[-15:]
        raise PipelineFailedError(f"pipeline exited {code}: {' '.join(cmd)}\n" + "\n".join(tail))
    measure = RunMeasure(docs, workers or os.cpu_count() or 1, wall, cpu, sampler.peak_tree / MB,
                         sampler.peak_main / MB, sampler.peak_pss / MB, sampler.main_cpu, sampler.samples)
    log.info("  %s -> %s, %d worker(s): %.2f s wall, %.2f s CPU, peak RSS %.0f MB (PSS %.0f MB)",
             input_dir.name, output_dir.name, measure.workers, wall, cpu, measure.peak_rss_mb,
             measure.peak_pss_mb)
    return measure


def table_digests(output_dir: Path) -> dict[str, str | None]:
    """sha256 of ``OUT/<table>.parquet`` for every table (symlinks followed; None if absent)."""
    digests: dict[str, str | None] = {}
    for name in TABLES:
        path = output_dir / f"{name}.parquet"
        digests[name] = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
    return digests


def tables_equal(first: Path, second: Path) -> bool:
    """Whether every table has the same rows in both folders (content, not file bytes)."""
    import pyarrow.parquet as pq  # noqa: PLC0415 (only needed when the bytes differ)

    for name in TABLES:
        a, b = first / f"{name}.parquet", second / f"{name}.parquet"
        if not (a.exists() and b.exists()):
            return False
        if not pq.read_table(a).equals(pq.read_table(b)):
            return False
    return True
