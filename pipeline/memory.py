"""Give freed memory back to the operating system during a long run.

Why: a run frees as much as it allocates, phase after phase (documents unpacked, rows
converted, row groups written), but the C library's ``malloc`` returns a freed page to the
system only when nothing above it in the heap is still in use. Over 100k documents the
holes add up to tens of megabytes that no phase can use, and the process looks as if it
grew with the corpus. ``malloc_trim(0)`` releases every free page wherever it lies; it is
the same remedy Dask's workers use. Where glibc is absent (macOS, musl) it is skipped:
those allocators return memory on their own terms.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

TRIM_EVERY = 1_000
"""Documents between two trims in the long loops (a trim costs well under a millisecond)."""


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        trim = libc.malloc_trim
    except (OSError, AttributeError, TypeError):
        log.debug("malloc_trim not available: freed memory is left to the allocator")
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def trim_memory() -> None:
    """Return the allocator's free pages to the system (no-op where unsupported)."""
    import pyarrow as pa  # noqa: PLC0415 (loaded by then in every caller)

    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
