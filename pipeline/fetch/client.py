"""One polite, defensive HTTP client: rate-limited, robots-aware, bounded in every dimension.

Why it is built by hand on a single ``requests.Session`` rather than with requests'
defaults: each redirect hop must pass the host policy (so redirects are followed here,
not by requests), each connection must pass the address policy at connect time (so the
resolved address, not a second lookup, is what is checked), and bodies must be cut off
at ``max_bytes`` while streaming and again while decompressing (so a huge body or a gzip
bomb costs at most ``max_bytes`` of memory). Every failure ends as a :class:`FetchResult`
with an outcome and a stable reason, never as an exception, so a crawl goes on.

The client owns its session, its per-host rate limiter and its robots.txt cache; there
is no module-level state. ``clock``, ``sleep``, ``rng``, ``resolver`` and ``now`` are
injectable for tests. The parts it is built from live beside it: ``result`` (what a fetch
ends as), ``transport`` (connections pinned to checked addresses), ``body`` (bounded
decoding), ``pacing`` (rate limiting, Retry-After) and ``robots`` (robots.txt rules);
this module keeps the request loop itself: redirects hop by hop, retries, and the
mapping of every response or error to an outcome.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from urllib.parse import urldefrag, urljoin

import requests
from urllib3.exceptions import ProtocolError, ReadTimeoutError

from pipeline.fetch.body import BodyError, BoundedDecoder, media_type
from pipeline.fetch.pacing import RateLimiter, parse_retry_after
from pipeline.fetch.policy import FetchSettings, RefusedError, Resolver, check_url, url_host
from pipeline.fetch.policy import system_resolver as _system_resolver
from pipeline.fetch.result import FetchResult, Outcome, utc_now
from pipeline.fetch.robots import RobotsCache
from pipeline.fetch.transport import AddressGuard, connection_reason, guarded_adapter, refusal_in
from pipeline.fetch.urls import without_userinfo

log = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_NOT_RETRIED_5XX = frozenset({501, 505})
_CHUNK = 64 * 1024
_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"


@dataclass(slots=True)
class _Reply:
    status: int
    headers: list[tuple[str, str]]
    body: bytes = b""


class _Failure(Exception):  # noqa: N818 - internal control flow, not an error type users see
    """One attempt did not give a usable response."""

    def __init__(
        self,
        outcome: Outcome,
        reason: str,
        *,
        retryable: bool = False,
        retry_after: float | None = None,
        status: int | None = None,
        headers: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(reason)
        self.outcome: Outcome = outcome
        self.reason = reason
        self.retryable = retryable
        self.retry_after = retry_after
        self.status = status
        self.headers = headers or []
        self.tries = 0


class Client:
    """Fetches URLs one at a time per call, politely; safe to call from a few threads."""

    def __init__(
        self,
        settings: FetchSettings,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        rng: Callable[[], float] = random.random,
        resolver: Resolver = _system_resolver,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self.settings = settings
        self._clock = clock
        self._rng = rng
        self._now = now
        self._limiter = RateLimiter(1.0 / settings.rate, clock=clock, sleep=sleep)
        self._robots = RobotsCache(self._get_robots_txt, settings, self._limiter)
        self._session = requests.Session()
        # No proxies or .netrc from the environment: a proxy would bypass the address policy.
        self._session.trust_env = False
        self._session.headers.update(
            {"User-Agent": settings.user_agent, "Accept": _ACCEPT, "Accept-Encoding": "gzip, deflate"}
        )
        adapter = guarded_adapter(AddressGuard(settings, resolver), max(1, settings.concurrency))
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close pooled connections."""
        self._session.close()

    @property
    def limiter(self) -> RateLimiter:
        """The per-host rate limiter (exposed for inspection in tests)."""
        return self._limiter

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """Fetch ``url``; with a previous capture's validators, ask only for a changed page.

        Never raises for network, server or policy trouble: see ``FetchResult.outcome``.
        Credentials in ``url`` are dropped, never sent (:mod:`pipeline.fetch.urls`).
        """
        url = without_userinfo(url)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers, robots=self.settings.respect_robots, check_type=True, quiet=False)

    # -- one URL, hop by hop -------------------------------------------------------------

    def _get(
        self, url: str, headers: dict[str, str], *, robots: bool, check_type: bool, quiet: bool
    ) -> FetchResult:
        """Follow ``url`` hop by hop; ``quiet`` logs failures at INFO (a missing robots.txt is normal)."""
        level = logging.INFO if quiet else logging.WARNING
        current = url
        seen = {urldefrag(url).url}
        attempts = 0
        for _hop in range(self.settings.max_redirects + 1):
            try:
                check_url(current, self.settings)
            except RefusedError as refusal:
                host_refused = refusal.reason == "refused_host"
                hint = " (not an allowed host: --allow-host adds one)" if host_refused else ""
                log.warning("refused %s (%s)%s", current, refusal.reason, hint)
                return self._result(url, current, "refused", refusal.reason, attempts=attempts)
            if robots:
                verdict = self._robots.verdict(current)
                if verdict is not None:
                    log.info("not fetching %s: %s", current, verdict[1])
                    return self._result(url, current, verdict[0], verdict[1], attempts=attempts)
            try:
                reply, tries = self._send(current, headers, check_type=check_type)
            except _Failure as failure:
                log.log(level, "%s %s: %s after %d tries",
                        failure.outcome, current, failure.reason, failure.tries)
                return self._result(
                    url, current, failure.outcome, failure.reason,
                    status=failure.status, headers=failure.headers, attempts=attempts + failure.tries,
                )
            attempts += tries
            location = next((v for k, v in reply.headers if k.lower() == "location"), None)
            if reply.status in REDIRECT_STATUSES and location:
                target = without_userinfo(urldefrag(urljoin(current, location.strip())).url)
                if target in seen:
                    log.warning("redirect loop at %s -> %s", current, target)
                    return self._result(url, current, "failed", "too_many_redirects", status=reply.status,
                                        headers=reply.headers, attempts=attempts)
                seen.add(target)
                log.debug("redirect %s -> %s", current, target)
                current = target
                continue
            outcome: Outcome = "not_modified" if reply.status == 304 else "fetched"
            return self._result(url, current, outcome, None, status=reply.status, headers=reply.headers,
                                body=reply.body, attempts=attempts)
        log.warning("too many redirects from %s (last %s)", url, current)
        return self._result(url, current, "failed", "too_many_redirects", attempts=attempts)

    def _result(
        self,
        url: str,
        final_url: str,
        outcome: Outcome,
        reason: str | None,
        *,
        status: int | None = None,
        headers: list[tuple[str, str]] | None = None,
        body: bytes = b"",
        attempts: int = 0,
    ) -> FetchResult:
        return FetchResult(url=url, final_url=final_url, status=status, headers=headers or [], body=body,
                           fetched_at=self._now(), outcome=outcome, reason=reason, attempts=attempts)

    def _get_robots_txt(self, robots_url: str) -> FetchResult:
        """robots.txt itself: not checked against robots, any content type, failures at INFO."""
        return self._get(robots_url, {}, robots=False, check_type=False, quiet=True)

    # -- one hop, with bounded retries ---------------------------------------------------

    def _send(self, url: str, headers: dict[str, str], *, check_type: bool) -> tuple[_Reply, int]:
        host = url_host(url)
        tries = 0
        while True:
            tries += 1
            self._limiter.wait(host)
            try:
                return self._attempt(url, headers, check_type=check_type), tries
            except _Failure as failure:
                failure.tries = tries
                if not failure.retryable or tries >= self.settings.max_tries:
                    raise
                delay = self.backoff(tries, failure.retry_after)
                log.info("retrying %s after %s in %.2fs (try %d of %d)",
                         url, failure.reason, delay, tries + 1, self.settings.max_tries)
                self._limiter.defer(host, delay)

    def backoff(self, tries: int, retry_after: float | None) -> float:
        """Seconds to wait before try ``tries + 1``: the server's Retry-After (capped), else
        exponential backoff with full jitter (uniform in ``[0, backoff * 2**(tries-1)]``)."""
        cap = self.settings.max_retry_after
        if retry_after is not None:
            return min(retry_after, cap)
        return self._rng() * min(cap, self.settings.backoff * 2 ** (tries - 1))

    def _attempt(self, url: str, headers: dict[str, str], *, check_type: bool) -> _Reply:
        try:
            response = self._session.get(
                url, headers=headers, stream=True, allow_redirects=False,
                timeout=(self.settings.connect_timeout, self.settings.timeout),
            )
        except RefusedError as refusal:
            raise _Failure("refused", refusal.reason) from refusal
        except requests.exceptions.Timeout as error:
            raise _Failure("failed", "timeout", retryable=True) from error
        except requests.exceptions.SSLError as error:
            raise _Failure("failed", "tls_error") from error
        except requests.exceptions.ConnectionError as error:
            wrapped = refusal_in(error)
            if wrapped is not None:
                raise _Failure("refused", wrapped.reason) from error
            raise _Failure("failed", connection_reason(error), retryable=True) from error
        except requests.exceptions.RequestException as error:
            raise _Failure("failed", "bad_url") from error
        with closing(response):
            return self._reply(url, response, check_type=check_type)

    def _reply(self, url: str, response: requests.Response, *, check_type: bool) -> _Reply:
        status = int(response.status_code)
        headers = [(str(k), str(v)) for k, v in response.raw.headers.items()]
        if status == 429 or (status >= 500 and status not in _NOT_RETRIED_5XX):
            retry_after = parse_retry_after(response.headers.get("Retry-After"), self._now())
            raise _Failure("failed", f"http_{status}", retryable=True, retry_after=retry_after,
                           status=status, headers=headers)
        if status in REDIRECT_STATUSES or status == 304:
            return _Reply(status, headers)
        if status >= 300:
            raise _Failure("failed", f"http_{status}", status=status, headers=headers)
        kind = media_type(response.headers.get("Content-Type"))
        if check_type and kind not in self.settings.allowed_content_types:
            raise _Failure("refused", "bad_content_type", status=status, headers=headers)
        try:
            declared = int(response.headers.get("Content-Length", "-1"))
        except ValueError:
            declared = -1
        if declared > self.settings.max_bytes:
            raise _Failure("refused", "too_large", status=status, headers=headers)
        try:
            body = self._read_body(url, response)
        except BodyError as error:
            outcome: Outcome = "refused" if error.reason == "too_large" else "failed"
            raise _Failure(outcome, error.reason, status=status, headers=headers) from error
        except (ReadTimeoutError, TimeoutError) as error:
            raise _Failure("failed", "timeout", retryable=True, status=status, headers=headers) from error
        except (ProtocolError, OSError, requests.exceptions.RequestException) as error:
            raise _Failure("failed", "connection_error", retryable=True,
                           status=status, headers=headers) from error
        return _Reply(status, headers, body)

    def _read_body(self, url: str, response: requests.Response) -> bytes:
        """Stream the raw body through a bounded decoder, within the per-try deadline.

        The transport enforces the same deadline on the socket (headers included); this
        check on the injectable clock keeps the bound testable without real waiting."""
        limit = self.settings.max_bytes
        decoder = BoundedDecoder(response.headers.get("Content-Encoding", ""), limit)
        seconds = self.settings.response_seconds()
        deadline = self._clock() + seconds
        received = 0
        raw = response.raw
        while True:
            chunk = raw.read1(_CHUNK, decode_content=False)
            if not chunk:
                break
            received += len(chunk)
            if received > limit:
                raise BodyError("too_large", f"more than {limit} bytes on the wire from {url}")
            decoder.feed(chunk)
            if self._clock() > deadline:
                raise TimeoutError(f"body of {url} took over {seconds:g}s")
        return decoder.finish()
