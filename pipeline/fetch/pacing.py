"""Request pacing: the per-host rate limiter and the reading of ``Retry-After``.

Why a module of its own: when to send the next request (a slot per host, pushed back by
backoff, Retry-After or a robots.txt Crawl-delay) is a concern separate from how to send
it. The limiter is thread-safe, clock-injected and free of HTTP libraries, so the
timing rules can be read and tested without any network code.
"""

from __future__ import annotations

import email.utils
import math
import threading
from collections.abc import Callable
from datetime import UTC, datetime


class RateLimiter:
    """Spaces request starts per host: at most one start per interval, across threads.

    A caller takes the host's slot under a lock only when it is due, measured at that
    moment on a monotonic clock; otherwise it sleeps outside the lock and checks again.
    So a thread that wakes late pushes the next slot back instead of crowding the one
    after it, and wall-clock jumps neither stall nor burst the crawl.
    """

    def __init__(
        self, interval: float, *, clock: Callable[[], float], sleep: Callable[[float], None]
    ) -> None:
        self._default = interval
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}
        self._intervals: dict[str, float] = {}

    def interval(self, key: str) -> float:
        """Seconds between two request starts to ``key``."""
        with self._lock:
            return self._intervals.get(key, self._default)

    def set_interval(self, key: str, seconds: float) -> None:
        """Slow ``key`` down (a Crawl-delay); never faster than the configured rate."""
        with self._lock:
            self._intervals[key] = max(self._default, seconds)

    def defer(self, key: str, seconds: float) -> None:
        """Push the next start to ``key`` at least ``seconds`` from now (backoff, Retry-After)."""
        with self._lock:
            self._next[key] = max(self._next.get(key, 0.0), self._clock() + seconds)

    def wait(self, key: str) -> float:
        """Block until a request to ``key`` may start, and take that slot; returns the seconds waited."""
        waited = 0.0
        while True:
            with self._lock:
                now = self._clock()
                due = self._next.get(key, now)
                if now >= due:
                    self._next[key] = now + self._intervals.get(key, self._default)
                    return waited
                delay = due - now
            self._sleep(delay)
            waited += delay


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds asked for by a ``Retry-After`` header (delta-seconds or HTTP-date); None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - now).total_seconds()
    if math.isnan(seconds):
        return None
    return max(0.0, seconds)
