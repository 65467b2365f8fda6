"""The Dask engine: same results as ``map``, in task order, and byte-identical tables.

One loopback ``LocalCluster`` (two single-threaded worker processes) serves the whole
module through its scheduler address; only one test lets ``dask_results`` start its own
cluster, because each start costs about a second. The work functions are module-level so
that the workers can unpickle them by reference (``tests.test_dask_engine``).
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("distributed")

import dask
from distributed import Client, LocalCluster

from pipeline.corpus.generate import write_corpus
from pipeline.errors import UsageError
from pipeline.run import dask_engine
from pipeline.run.dask_engine import dask_results, default_batch_size
from pipeline.run.settings import Settings
from pipeline.tables.schema import TABLES
from tests.conftest import SAMPLES

N_SLOW = 24


def _square(x: int) -> int:
    return x * x


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _slow_inverse(index: int) -> tuple[int, float]:
    """The first task sleeps for a long time, so the tasks after it (on the other worker) finish
    first; returns when it finished. The margin is wide: sleeps a few milliseconds apart were
    swamped by scheduling delays on a loaded two-core machine."""
    time.sleep(1.0 if index == 0 else 0.002)
    return index, time.time()


def _fail_on_13(x: int) -> int:
    if x == 13:
        raise ValueError("task 13 is broken")
    return x


def _sleepy(x: int) -> int:
    time.sleep(0.05)
    return x


def _scheduler_tasks(dask_scheduler: Any) -> int:
    """Tasks the scheduler still knows about (run on the scheduler)."""
    return len(dask_scheduler.tasks)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
    ) as cluster:
        yield cluster.scheduler_address


def test_order_is_kept_when_tasks_finish_out_of_order(scheduler: str) -> None:
    results = list(dask_results(list(range(N_SLOW)), _slow_inverse, scheduler=scheduler, workers=2,
                                batch_size=1))
    assert [index for index, _ in results] == list(range(N_SLOW))
    finished = [at for _, at in results]
    assert min(finished[1:]) < finished[0], "the tasks were meant to finish out of order"


def test_results_equal_map(scheduler: str) -> None:
    tasks = [f"document {i}" for i in range(1000)]
    assert list(dask_results(tasks, _digest, scheduler=scheduler, workers=2)) == list(map(_digest, tasks))
    for size in (1, 7, 1000, 5000):
        assert list(dask_results(tasks[:50], _digest, scheduler=scheduler, workers=2, batch_size=size)) == [
            _digest(t) for t in tasks[:50]
        ]


def test_an_exception_in_work_propagates_after_the_earlier_results(scheduler: str) -> None:
    seen: list[int] = []
    with pytest.raises(ValueError, match="task 13 is broken"):
        for result in dask_results(list(range(40)), _fail_on_13, scheduler=scheduler, workers=2,
                                   batch_size=4):
            seen.append(result)
    assert seen == list(range(12))  # the batch holding 13 starts at 12: nothing from it


def test_no_tasks_yield_nothing_and_start_nothing(scheduler: str) -> None:
    assert list(dask_results([], _square, scheduler=scheduler, workers=2)) == []
    started = time.perf_counter()
    assert list(dask_results([], _square, scheduler=None, workers=2)) == []
    assert time.perf_counter() - started < 0.5  # no cluster was started


def test_a_bad_batch_size_is_refused(scheduler: str) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        list(dask_results([1, 2], _square, scheduler=scheduler, workers=2, batch_size=0))


def test_closing_early_does_not_hang_and_cancels_the_rest(scheduler: str) -> None:
    results = dask_results(list(range(400)), _sleepy, scheduler=scheduler, workers=2, batch_size=5)
    assert [next(results) for _ in range(3)] == [0, 1, 2]
    started = time.perf_counter()
    results.close()
    assert time.perf_counter() - started < 10
    with Client(scheduler, set_as_default=False) as client:
        deadline = time.monotonic() + 10
        while client.run_on_scheduler(_scheduler_tasks) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert client.run_on_scheduler(_scheduler_tasks) == 0, "batches left running after close"
    # The shared cluster is still fine.
    assert list(dask_results([1, 2, 3], _square, scheduler=scheduler, workers=2)) == [1, 4, 9]


def _dask_info(caplog: pytest.LogCaptureFixture) -> list[str]:
    quiet = (r for r in caplog.records if r.levelno < logging.WARNING)
    return [r.getMessage() for r in quiet if r.name.startswith("distributed")]


def test_without_a_scheduler_a_private_local_cluster_is_started_and_closed(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="pipeline")  # the command's default: the run's INFO lines
    level = logging.getLogger("distributed").level
    before = {p.pid for p in multiprocessing.active_children()}
    tasks = list(range(100))
    assert list(dask_results(tasks, _square, scheduler=None, workers=2)) == [x * x for x in tasks]
    assert not _dask_info(caplog), "the cluster's bookkeeping reached the run's log"
    assert any("started a local Dask cluster" in r.getMessage() for r in caplog.records)
    assert logging.getLogger("distributed").level == level
    deadline = time.monotonic() + 10
    while {p.pid for p in multiprocessing.active_children()} - before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not {p.pid for p in multiprocessing.active_children()} - before, "worker processes left behind"


def test_the_cluster_s_own_lines_come_with_debug(scheduler: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="pipeline")  # -vv
    assert list(dask_results([1, 2], _square, scheduler=scheduler, workers=2)) == [1, 4]
    assert _dask_info(caplog), "at -vv the scheduler's INFO lines (a client connects) are shown"


def test_workers_on_another_version_are_refused(scheduler: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.version

    monkeypatch.setattr(pipeline.version, "__version__", "0.0.0-other")  # only here, not on the workers
    with pytest.raises(UsageError, match="install the same version everywhere"):
        list(dask_results([1, 2], _square, scheduler=scheduler, workers=2))


def test_an_unreachable_scheduler_is_a_usage_error() -> None:
    with socket.socket() as sock:  # a loopback port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}), pytest.raises(
        UsageError, match="cannot connect to the Dask scheduler"
    ):
        list(dask_results([1], _square, scheduler=f"tcp://127.0.0.1:{port}", workers=1))


@pytest.mark.parametrize(
    ("n_tasks", "threads", "expected"),
    [
        (1, 2, 1),  # never more than a worker's share
        (13, 2, 7),
        (150, 2, 16),  # at least MIN_BATCH once there is enough work
        (10_000, 2, 256),  # never more than MAX_BATCH
        (10_000, 16, 79),  # about eight batches per worker thread in between
        (5, 0, 5),
    ],
)
def test_default_batch_size(n_tasks: int, threads: int, expected: int) -> None:
    assert default_batch_size(n_tasks, threads) == expected


def _table_digests(out: Path) -> dict[str, str]:
    """sha256 of every table file, found by name (through any generation symlinks)."""
    digests = {}
    for name in TABLES:
        for path in (out / f"{name}.parquet", out / "csv" / f"{name}.csv"):
            digests[str(path.relative_to(out))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def test_dask_engine_writes_the_same_tables_as_a_local_run(
    scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.run.runner import run

    input_dir = tmp_path / "input"
    shutil.copytree(SAMPLES, input_dir / "samples")
    write_corpus(input_dir / "corpus", 150, 3)
    local = run(input_dir, tmp_path / "out_local", Settings(workers=1))

    through_dask: list[int] = []

    def counting(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for result in dask_results(*args, **kwargs):
            through_dask.append(1)
            yield result

    monkeypatch.setattr(dask_engine, "dask_results", counting)  # the runner imports it at run time
    dask = run(input_dir, tmp_path / "out_dask", Settings(engine="dask", scheduler=scheduler, workers=2))
    assert len(through_dask) == dask.documents, "the run did not go through the Dask engine"
    assert local.documents == dask.documents >= 150
    assert local.rows == dask.rows
    assert local.quarantine_reasons == dask.quarantine_reasons
    assert _table_digests(tmp_path / "out_local") == _table_digests(tmp_path / "out_dask")
