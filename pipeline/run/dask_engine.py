"""Run the runner's per-document ``work`` function on a Dask cluster, results in task order.

Why a separate module: Dask is an optional dependency (``rolescope[dask]``) and slow to
import, so only this module imports it, and the runner imports this module only when
``engine == "dask"``. Everything here is generic: a picklable module-level function mapped
over a sequence of small picklable tasks, exactly like ``map``.

Why batches: one Dask task costs roughly a millisecond of scheduler and network overhead,
about as much as parsing a small document, so each Dask task processes a batch of tasks.

Why a bounded window: the runner consumes results as a stream so that a 100k-document
corpus never sits in memory at once. Only ``window`` batches are submitted and not yet
handed to the caller at any time; a new batch is submitted each time the oldest one is
handed over. Results are taken strictly in submission order (head of the window first),
so batches that finish early simply wait on the workers until their turn: that is the
buffer for out-of-order completions, and the window bounds its size. The price is that a
very slow batch at the head stalls new submissions once the window is full; with a few
batches per worker this rarely idles a worker for long.
"""

from __future__ import annotations

import logging
import math
import uuid
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, TypeVar

from pipeline.errors import UsageError

if TYPE_CHECKING:
    from distributed import Client, Future

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

MIN_BATCH = 16
"""Smallest default batch: below this, per-task overhead starts to show."""
MAX_BATCH = 256
"""Largest default batch: bigger batches hurt load balance and retry cost more."""
BATCHES_PER_WORKER = 8
"""Default batch size aims at this many batches per worker thread (for load balance)."""
WINDOW_PER_WORKER = 3
"""Batches submitted but not yet consumed, per worker thread: keeps every worker busy
while the client merges, and bounds memory on the workers."""
WORKER_WAIT_SECONDS = 60.0
"""How long to wait for a remote cluster to have at least one worker before giving up
(rather than hanging forever on a scheduler with no workers)."""


def default_batch_size(n_tasks: int, threads: int) -> int:
    """Tasks per Dask task: about ``BATCHES_PER_WORKER`` batches per worker thread, clamped
    to ``MIN_BATCH``..``MAX_BATCH``, but never so large that a small run leaves a worker idle."""
    threads = max(1, threads)
    target = math.ceil(n_tasks / (threads * BATCHES_PER_WORKER))
    size = min(MAX_BATCH, max(MIN_BATCH, target))
    return max(1, min(size, math.ceil(n_tasks / threads)))


def _run_batch(work: Callable[[T], R], batch: Sequence[T]) -> list[R]:
    """One Dask task: ``work`` over a batch; runs on a worker."""
    return [work(task) for task in batch]


def _worker_versions() -> tuple[str, str]:
    """The package and parser versions a worker runs; a mismatch would change the tables."""
    from pipeline import version  # noqa: PLC0415 (runs on the worker)

    return version.__version__, version.PARSER_VERSION


def _check_versions(client: Client) -> None:
    """Refuse workers that run another rolescope version: their rows would differ silently."""
    expected = _worker_versions()
    try:
        versions: dict[str, tuple[str, str]] = client.run(_worker_versions)
    except (ImportError, AttributeError) as error:
        raise UsageError(f"Dask workers cannot import the pipeline package (install rolescope on every "
                         f"worker): {error}") from error
    for worker, found in sorted(versions.items()):
        if tuple(found) != expected:
            raise UsageError(
                f"Dask worker {worker} runs rolescope {found[0]} (parser {found[1]}), "
                f"this client runs {expected[0]} (parser {expected[1]}): install the same version everywhere"
            )


def dask_results(
    tasks: Sequence[T],
    work: Callable[[T], R],
    *,
    scheduler: str | None,
    workers: int,
    batch_size: int | None = None,
) -> Generator[R, None, None]:
    """Results of work(task) for every task, in task order, computed on a Dask cluster.

    ``scheduler`` is a scheduler address (``tcp://HOST:8786``); None starts a private
    ``LocalCluster`` of ``workers`` single-threaded processes on loopback, closed when the
    generator ends, fails or is closed early. ``work`` must be a module-level function
    (pickled by reference) whose module is installed on every worker. An exception raised
    by ``work`` propagates to the caller after the results of the earlier batches (a caller
    that treats it as fatal loses nothing by the rest of its own batch being dropped).
    A generator (not just an iterator) so that a caller can ``close()`` it to stop early.
    """
    if batch_size is not None and batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    if not tasks:
        return
    try:
        from distributed import Client, LocalCluster  # noqa: PLC0415 (optional dependency)
    except ImportError as error:
        raise UsageError("the dask engine needs Dask: pip install 'rolescope[dask]'") from error

    with ExitStack() as stack:
        stack.enter_context(_quiet_dask())
        if scheduler is None:
            cluster = LocalCluster(
                n_workers=max(1, workers),
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                # The scheduler serves health checks over HTTP even without a dashboard, on
                # port 8787 by default; a free loopback port avoids a clash (and a warning).
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                # The workers' own log lines (a warning per batch cancelled by Ctrl-C, in
                # Dask's format) only at -vv; a batch that fails reaches the run as its error.
                silence_logs=logging.WARNING if log.isEnabledFor(logging.DEBUG) else logging.ERROR,
            )
            stack.callback(cluster.close)
            address = cluster.scheduler_address
            log.info("started a local Dask cluster at %s with %d workers", address, max(1, workers))
        else:
            address = scheduler
        try:
            client = Client(address, set_as_default=False)
        except OSError as error:
            raise UsageError(f"cannot connect to the Dask scheduler at {address!r}: {error}") from error
        stack.callback(client.close)
        if scheduler is not None:
            try:
                client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
            except TimeoutError as error:
                raise UsageError(
                    f"the Dask scheduler at {address!r} has no workers after {WORKER_WAIT_SECONDS:.0f}s"
                ) from error
        _check_versions(client)
        nthreads = client.nthreads()
        threads = sum(nthreads.values()) or max(1, workers)
        size = batch_size or default_batch_size(len(tasks), threads)
        window = max(2, WINDOW_PER_WORKER * threads)
        log.info(
            "Dask scheduler %s: %d workers, %d threads; %d tasks in batches of %d, at most %d in flight",
            address, len(nthreads), threads, len(tasks), size, window,
        )
        yield from _stream(client, tasks, work, size, window)


@contextmanager
def _quiet_dask() -> Iterator[None]:
    """Dask's own INFO lines (scheduler start, each worker's registration, each cancelled
    batch on Ctrl-C) kept out of the run's log unless it is at DEBUG (``-vv``).

    Why: Distributed sets its loggers to INFO when imported, and they reach the command's
    handler; a scheduled run's log should show the run, not the cluster's bookkeeping.
    Warnings and errors still come through. The level is restored on the way out, for a
    caller in the same process (tests) that configured its own.
    """
    logger = logging.getLogger("distributed")
    before = logger.level
    if not log.isEnabledFor(logging.DEBUG):
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(before)


def _stream(
    client: Client, tasks: Sequence[T], work: Callable[[T], R], size: int, window: int
) -> Iterator[R]:
    """Submit batches through a window of ``window`` futures and yield results in order."""
    run = uuid.uuid4().hex  # unique per call: two runs on one cluster never share a key (or a result)
    starts = iter(range(0, len(tasks), size))
    pending: deque[Future[list[R]]] = deque()

    def submit_next() -> None:
        start = next(starts, None)
        if start is not None:
            batch = list(tasks[start : start + size])
            # A batch whose worker dies is rescheduled by Dask anyway (up to the scheduler's
            # allowed-failures); retries=1 also reruns once a batch that raised, in case the
            # cause was transient (work is pure, so a rerun is harmless).
            key = f"rolescope-batch-{run}-{start // size}"
            pending.append(client.submit(_run_batch, work, batch, key=key, retries=1))

    try:
        for _ in range(window):
            submit_next()
        while pending:
            results = pending[0].result()
            pending.popleft().release()
            submit_next()  # before yielding, so the cluster works while the caller merges
            yield from results
    finally:
        if pending:
            # Closed early or failed: stop the cluster working on batches nobody will read.
            client.cancel(list(pending))
