"""One writer at a time per folder: an advisory lock the kernel releases on exit.

Used by ``run`` on its output folder and by ``fetch`` on its raw store (two fetches on
one store would each fetch the same URLs, twice the rate the site allows).

Why ``flock``: a lock file that a crashed run leaves behind must not block the next run.
``fcntl.flock`` is held by the open file description, so the kernel drops it when the
process dies (even on ``kill -9``); there is never a stale lock to clean up. The lock file
(``OUT/.rolescope.lock``) stays on disk harmlessly.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from pipeline.errors import PipelineError

LOCK_NAME = ".rolescope.lock"
_POLL_SECONDS = 0.2
_held: set[int] = set()
"""Descriptors of the locks this process holds (a forked child must not keep them)."""


def _drop_in_child() -> None:
    """After ``fork``: close the parent's lock descriptors in the child.

    A flock belongs to the open file description, which a forked child shares; a worker
    that outlived a killed run would otherwise keep the lock held. Closing the child's
    copy leaves the parent's lock in place.
    """
    for fd in list(_held):
        with suppress(OSError):
            os.close(fd)
    _held.clear()


os.register_at_fork(after_in_child=_drop_in_child)


class LockBusyError(PipelineError):
    """Another run holds the folder's lock (exit code ``LOCK_BUSY``)."""


@contextmanager
def run_lock(
    folder: Path, timeout: float = 0.0, *, name: str = LOCK_NAME, holder: str = "another run is writing"
) -> Iterator[Path]:
    """Hold the folder's lock for the ``with`` block; wait up to ``timeout`` seconds for it.

    ``name`` is the lock file's name in ``folder``; ``holder`` starts the busy message.
    """
    path = folder / name
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(0.0, timeout)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockBusyError(
                        f"{holder} {str(folder)!r} (waited {timeout:g}s); try again later"
                    ) from None
                time.sleep(_POLL_SECONDS)
        _held.add(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield path
    finally:
        _held.discard(fd)
        os.close(fd)  # releases the lock
