"""Where documents get parsed: the work function, and the local process-pool engine.

Why a work function that returns bytes: a worker reads one document (or takes one archived
capture), parses it with the pure :func:`~pipeline.run.process.process_document`, and returns
the result already packed for the state store. Packing in the worker keeps the main
process free for bookkeeping, and the packed result is small to send back. A file whose
content hash equals the one the store already holds for the same parser is not parsed at
all (it was only touched).

The local engine keeps a bounded number of chunks in flight and yields results in task
order, so memory stays flat whatever the corpus size; the Dask engine
(:mod:`pipeline.run.dask_engine`) has the same contract.
"""

from __future__ import annotations

import gc
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from pathlib import Path
from typing import Any, TypeVar

from pipeline.common.document import DocumentResult, quarantine_row
from pipeline.common.memory import TRIM_EVERY, trim_memory
from pipeline.errors import StageError
from pipeline.read.sources import capture_source, read_capture, read_document, source_uri
from pipeline.run.process import process_document
from pipeline.run.settings import Settings, effective_workers
from pipeline.run.staging import DOCUMENT_TABLES, staged_columns, staged_form, to_columns
from pipeline.run.state import pack
from pipeline.run.tasks import CaptureTask, FileTask, Parsed

T = TypeVar("T")
R = TypeVar("R")
_PARALLEL_MIN_DOCS = 32
"""Below this many documents, worker start-up costs more than it saves."""
RECYCLE_EVERY = 10_000
"""Tasks a pool runs before it is replaced by freshly forked workers.

Why: a worker's heap grows slowly with the documents it has parsed (about 4 MB per 45,000,
allocator fragmentation that ``malloc_trim`` does not reach), so a long run's workers would
end larger than a short run's. Forking afresh costs a few tens of milliseconds and a short
drain of the window; the workers inherit the warm caches again."""


def packed(result: DocumentResult) -> tuple[bytes, bytes]:
    """What the state store keeps of a result: the staged part, and the per-article tables.

    Columns of plain Python values: pickling them is cheap in the worker, and the build
    turns them into Arrow a few thousand rows at a time (one conversion per column per
    chunk costs far less than one per document). The staged part is already in the form
    the run process's scratch database keeps (:func:`~pipeline.run.staging.staged_form`).
    """
    columns = staged_columns(result.tables)
    quarantine = to_columns({"quarantine": result.quarantine}).get("quarantine")
    staged = {name: cols for name, cols in columns.items() if name not in DOCUMENT_TABLES}
    per_article = {name: cols for name, cols in columns.items() if name in DOCUMENT_TABLES}
    form = staged_form(result.source_uri, result.content_sha256, staged, quarantine)
    return pack(form), pack(per_article)


def work(task: FileTask | CaptureTask) -> Parsed:
    """Read and process one document; runs in a worker process (or in-process)."""
    if isinstance(task, CaptureTask):  # its body is read here, from the archive: one at a time
        ref = task.ref
        try:
            result = process_document(read_capture(ref, task.limits), task.limits)
        except StageError as error:
            uri = capture_source(ref)
            result = DocumentResult(uri, ref.sha256)
            result.quarantine.append(quarantine_row(uri, error, ref.sha256))
        return Parsed(task.key, None, None, ref.sha256, packed(result))
    path, root = Path(task.path), Path(task.root)
    try:
        doc = read_document(path, root, task.limits)
    except StageError as error:
        result = DocumentResult(source_uri(path, root), None)
        result.quarantine.append(quarantine_row(result.source_uri, error, None))
        return Parsed(task.key, task.size, task.mtime_ns, None, packed(result))
    sha = doc.sha256
    if sha == task.known_sha:
        return Parsed(task.key, task.size, task.mtime_ns, sha, None)
    return Parsed(task.key, task.size, task.mtime_ns, sha, packed(process_document(doc, task.limits)))


_done_here = 0
"""Tasks this worker process has run (for the periodic :func:`~pipeline.common.memory.trim_memory`)."""


def _run_chunk(fn: Callable[[T], R], chunk: list[T]) -> list[R]:
    global _done_here
    results = [fn(task) for task in chunk]
    before, _done_here = _done_here, _done_here + len(chunk)
    if before // TRIM_EVERY != _done_here // TRIM_EVERY:
        trim_memory()  # a worker frees every document it parsed: give the holes back
    return results


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watch_parent(parent: int) -> None:
    """Pool initializer: exit when the run that started us is gone (killed with -9).

    Workers ignore SIGINT and SIGTERM: Ctrl-C reaches the whole process group, and the
    run, not each worker, decides how to stop (it cancels the queued work and records
    the run as interrupted); a worker whose run is gone still exits by the watch below.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)

    def watch() -> None:
        while _alive(parent):
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def warm_up() -> None:
    """Build the per-process caches before the pool forks, so every worker inherits them
    instead of rebuilding: the mention finder's compiled patterns, and the place tables
    (the city gazetteer, countries and subdivisions: about 0.2 s of CPU), which the first
    job card's location would otherwise load in every worker, again after each recycle."""
    from pipeline.normalize.fields import default_finder  # noqa: PLC0415
    from pipeline.normalize.location import parse_location  # noqa: PLC0415

    default_finder()
    parse_location("Petah Tikva, Center District, IL")  # a city, a subdivision, a country code


def ordered_map(
    fn: Callable[[T], R],
    tasks: Iterable[T],
    *,
    workers: int,
    chunk_size: int = 16,
    window: int = 4,
    recycle_every: int = RECYCLE_EVERY,
) -> Iterator[R]:
    """``map(fn, tasks)`` on a process pool, in task order, with bounded memory.

    At most ``window`` chunks per worker are in flight; tasks are read from the iterable
    only as chunks complete, so neither tasks nor results pile up. After ``recycle_every``
    tasks the pool is drained and replaced by a fresh one (see :data:`RECYCLE_EVERY`).
    """
    iterator = iter(tasks)
    # Objects that exist at fork are shared with the workers page by page until written; the
    # garbage collector's scans would write to every one of them. Frozen, they stay shared.
    gc.freeze()
    try:
        while True:
            batch = islice(iterator, recycle_every)
            first = next(batch, _DONE)
            if first is _DONE:
                return
            yield from _pool_map(fn, chain([first], batch), workers, chunk_size, window)
    finally:
        gc.unfreeze()


_DONE: Any = object()


def _pool_map(
    fn: Callable[[T], R], tasks: Iterator[T], workers: int, chunk_size: int, window: int
) -> Iterator[R]:
    """One pool's share of :func:`ordered_map`."""
    # Forked workers: fast to start, and they drop the run lock at fork (pipeline.run.lock).
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_watch_parent, initargs=(os.getpid(),))
    with pool:
        pending: deque[Future[list[R]]] = deque()

        def submit() -> bool:
            chunk = list(islice(tasks, chunk_size))
            if chunk:
                pending.append(pool.submit(_run_chunk, fn, chunk))
            return bool(chunk)

        try:
            while len(pending) < workers * window and submit():
                pass
            while pending:
                results = pending.popleft().result()
                submit()
                yield from results
        except BaseException:
            # Interrupted (or the consumer failed): drop the queued chunks instead of
            # parsing them all before the pool closes.
            for future in pending:
                future.cancel()
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def run_tasks(tasks: Sequence[FileTask | CaptureTask], settings: Settings) -> Iterator[Parsed]:
    """Results of :func:`work` for every task, in task order, on the configured engine."""
    workers = effective_workers(settings.workers)
    if settings.engine == "dask":
        from pipeline.run.dask_engine import dask_results  # noqa: PLC0415 (optional dependency)

        yield from dask_results(tasks, work, scheduler=settings.scheduler, workers=workers)
        return
    if workers <= 1 or len(tasks) < _PARALLEL_MIN_DOCS:
        yield from map(work, tasks)
        return
    chunk_size = max(1, min(64, len(tasks) // (workers * 8)))
    warm_up()
    yield from ordered_map(work, tasks, workers=workers, chunk_size=chunk_size)
