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

TRIM_EVERY = 100
"""Documents between two trims in the long loops (a trim costs about a millisecond; trimming
every 1,000 documents let the heap grow by about 10 MB more at 100k documents)."""

_M_MMAP_THRESHOLD = -3
"""``mallopt`` parameter number (glibc's ``malloc.h``)."""
MMAP_THRESHOLD = 128 * 1024
"""Blocks at least this large get pages of their own (``mmap``), returned when freed."""


@functools.cache
def _libc_function(name: str, *argtypes: type) -> Callable[..., int] | None:
    """A glibc function returning ``int``, or None where there is none (macOS, musl)."""
    try:
        function = getattr(ctypes.CDLL(ctypes.util.find_library("c")), name)
    except (OSError, AttributeError, TypeError):
        log.debug("%s not available: freed memory is left to the allocator", name)
        return None
    function.argtypes = list(argtypes)
    function.restype = ctypes.c_int
    return function


def _malloc_trim() -> Callable[[int], int] | None:
    return _libc_function("malloc_trim", ctypes.c_size_t)


def tune_allocator() -> None:
    """Give large blocks pages of their own, for the whole process and the workers it forks.

    Why: glibc serves blocks above its ``mmap`` threshold from pages of their own, but it
    raises that threshold (up to 32 MB) each time such a block is freed, so after the first
    row groups every Arrow buffer of a few megabytes lands in the heap. Small blocks that
    outlive it then pin the hole it leaves, and the heap grows with the corpus (measured:
    about 10 MB more at 100k documents). A fixed threshold turns the adjustment off.
    """
    mallopt = _libc_function("mallopt", ctypes.c_int, ctypes.c_int)
    if mallopt is not None:
        mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def trim_memory() -> None:
    """Return the allocator's free pages to the system (no-op where unsupported)."""
    import pyarrow as pa  # noqa: PLC0415 (loaded by then in every caller)

    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
