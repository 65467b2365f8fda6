"""The local process-pool engine: results in task order, pools recycled, nothing lost."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from pipeline.run.engine import ordered_map


def _square_and_pid(value: int) -> tuple[int, int]:
    return value * value, os.getpid()


@pytest.mark.parametrize(("count", "recycle_every"), [(0, 10), (9, 10), (10, 10), (101, 10), (57, 1000)])
def test_results_come_in_task_order_across_recycled_pools(count: int, recycle_every: int) -> None:
    mapped = ordered_map(_square_and_pid, range(count), workers=2, chunk_size=3, window=2,
                         recycle_every=recycle_every)
    results = list(mapped)
    assert [square for square, _pid in results] == [n * n for n in range(count)]
    pids = {pid for _square, pid in results}
    assert os.getpid() not in pids
    pools = -(-count // recycle_every)  # each pool forks its own workers
    assert pools <= len(pids) <= 2 * pools


def test_tasks_are_read_lazily_a_window_at_a_time() -> None:
    taken = []

    def tasks() -> Iterator[int]:
        for n in range(1000):
            taken.append(n)
            yield n

    results = ordered_map(_square_and_pid, tasks(), workers=2, chunk_size=4, window=2, recycle_every=100)
    first = next(results)
    assert first[0] == 0
    assert len(taken) <= 2 * 2 * 4 + 4 + 1  # the window, one refill, and the look-ahead of a pool
    assert [square for square, _pid in results] == [n * n for n in range(1, 1000)]


def test_warm_up_loads_the_place_tables_before_the_fork() -> None:
    """Workers inherit the gazetteer instead of each loading it at its first job card."""
    import subprocess
    import sys

    code = (
        "from pipeline.parse.cards import places\n"
        "from pipeline.run.engine import warm_up\n"
        "assert places._gazetteer.cache_info().currsize == 0\n"
        "warm_up()\n"
        "assert places._gazetteer.cache_info().currsize == 1\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
