"""What one fetch ends as: the :class:`FetchResult` record, its outcomes, and the UTC clock.

Why a module of its own: the result is the one type shared by the HTTP client that makes
it, the raw store that archives it and the crawl that routes it. Keeping it apart lets
the store and the crawl depend on the record without depending on the client (and its
HTTP libraries), and keeps the imports between the fetch modules one-way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

Outcome = Literal["fetched", "not_modified", "skipped_robots", "refused", "failed"]
"""``refused``: the policy said no (host, address, content type, size); ``failed``: the
network or the server did (timeouts, resets, HTTP errors, redirect loops)."""


def utc_now() -> datetime:
    """The current time, timezone-aware UTC (the WARC-Date of a capture)."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What happened to one URL: the outcome, and the response when there was one."""

    url: str
    """The URL asked for (the WARC-Target-URI)."""
    final_url: str
    """The URL after redirects (the last hop tried, for failures)."""
    status: int | None
    """HTTP status of the last response; None when no response came (timeout, refusal, robots)."""
    headers: list[tuple[str, str]]
    """Response headers of the last response, in order, duplicates kept."""
    body: bytes
    """The body with its Content-Encoding removed; empty unless ``outcome == 'fetched'``."""
    fetched_at: datetime
    """When the response (or the failure) came, UTC."""
    outcome: Outcome
    reason: str | None = None
    """Stable code for anything but ``fetched``/``not_modified``: ``timeout``, ``http_503``, ...."""
    attempts: int = 0
    """HTTP requests made for this URL (tries and redirect hops, robots.txt excluded)."""

    def header(self, name: str) -> str | None:
        """The first value of header ``name`` (case-insensitive), or None."""
        lowered = name.lower()
        return next((v for k, v in self.headers if k.lower() == lowered), None)
