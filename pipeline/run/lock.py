"""The run's lock on its output folder: :func:`pipeline.common.lock.run_lock` (shared with fetch)."""

from pipeline.common.lock import LOCK_NAME, LockBusyError, run_lock

__all__ = ["LOCK_NAME", "LockBusyError", "run_lock"]
