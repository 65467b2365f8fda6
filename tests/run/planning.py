"""Planning a run under a memory tracer: what the archive tests bound (planning lists the
captures of an archive without holding their bodies)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from pipeline.common.limits import Limits
from pipeline.run.inventory import Inventory, take_inventory
from pipeline.run.state import StateStore


def plan_with_peak(source: Path, out: Path) -> tuple[Inventory, int]:
    """The inventory of ``source`` for the output folder ``out``, and the peak of the memory
    Python allocated while it was taken, in bytes."""
    with StateStore(out) as store, store.lookup() as known:
        tracemalloc.start()
        try:
            inventory = take_inventory(source, out, known, "p", Limits())
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    return inventory, peak
