"""robots.txt: each origin's rules fetched once, cached, and turned into a verdict per URL.

Why a module of its own: RFC 9309 has its own rules (which statuses mean "allow all" and
which mean "disallow all", Crawl-delay) and its own concurrency concern (one fetch per
origin even when a few threads ask at once). The cache does not do HTTP itself: the
client hands it a function that fetches robots.txt through the same polite, guarded path
as any page, so this module depends on the fetch result, not on the HTTP libraries.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from pipeline.fetch.pacing import RateLimiter
from pipeline.fetch.policy import FetchSettings, url_host
from pipeline.fetch.result import FetchResult, Outcome

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RobotsRules:
    """What an origin's robots.txt said (or that it could not be read)."""

    parser: Protego | None = None
    unreachable: bool = False
    refusal: str | None = None
    """The address policy refused the host itself: pages get that refusal, not a robots skip."""


class RobotsCache:
    """The robots rules of every origin met, fetched with ``fetch`` once per cache; thread-safe."""

    def __init__(
        self, fetch: Callable[[str], FetchResult], settings: FetchSettings, limiter: RateLimiter
    ) -> None:
        self.settings = settings
        self._fetch = fetch
        self._limiter = limiter
        self._robots: dict[str, RobotsRules] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        self._capped: set[str] = set()

    def verdict(self, url: str) -> tuple[Outcome, str] | None:
        """None when robots.txt lets ``url`` be fetched, else the outcome and reason."""
        parts = urlsplit(url)
        rules = self._robots_for(f"{parts.scheme.lower()}://{parts.netloc.lower()}")
        if rules.refusal is not None:
            return "refused", rules.refusal
        if rules.unreachable:
            # Not a robots.txt verdict: the host could not be asked, so it is a failure (retried).
            return "failed", "robots_unreachable"
        if rules.parser is not None and not rules.parser.can_fetch(url, self.settings.user_agent):
            return "skipped_robots", "robots_disallowed"
        return None

    def _robots_for(self, origin: str) -> RobotsRules:
        """The robots rules of ``origin``, fetched once per client (one fetch even under threads)."""
        with self._lock:
            cached = self._robots.get(origin)
            if cached is not None:
                return cached
            origin_lock = self._robots_locks.setdefault(origin, threading.Lock())
        with origin_lock:
            with self._lock:
                cached = self._robots.get(origin)
            if cached is not None:
                return cached
            rules = self._fetch_robots(origin)
            with self._lock:
                self._robots[origin] = rules
            return rules

    def _warn_capped(self, host: str, robots_url: str, delay: float) -> None:
        """Say once per host that its Crawl-delay is capped (one host can have two origins)."""
        with self._lock:
            if host in self._capped:
                return
            self._capped.add(host)
        log.warning("%s asks for a Crawl-delay of %gs; using max_crawl_delay = %gs instead",
                    robots_url, delay, self.settings.max_crawl_delay)

    def _fetch_robots(self, origin: str) -> RobotsRules:
        """RFC 9309: 2xx -> rules; 4xx (but 429) -> no rules; 5xx, 429, unreachable -> disallow all."""
        robots_url = f"{origin}/robots.txt"
        result = self._fetch(robots_url)
        if result.outcome == "fetched":
            parser = Protego.parse(result.body.decode("utf-8", "replace"))
            delay = parser.crawl_delay(self.settings.user_agent)
            if delay:
                host = url_host(origin)
                cap = self.settings.max_crawl_delay
                if delay > cap:
                    self._warn_capped(host, robots_url, float(delay))
                self._limiter.set_interval(host, min(float(delay), cap))
            return RobotsRules(parser=parser)
        if result.outcome == "refused" and result.reason == "refused_address":
            return RobotsRules(refusal=result.reason)
        if result.status is not None and 400 <= result.status < 500 and result.status != 429:
            log.info("no robots.txt at %s (HTTP %d): everything allowed", robots_url, result.status)
            return RobotsRules()
        log.warning("robots.txt at %s unreachable (%s): not fetching from %s",
                    robots_url, result.reason, origin)
        return RobotsRules(unreachable=True)
