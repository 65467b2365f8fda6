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
injectable for tests.
"""

from __future__ import annotations

import email.utils
import logging
import math
import random
import threading
import time
import zlib
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Literal
from urllib.parse import urldefrag, urljoin, urlsplit

import requests
from protego import Protego
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
)

from pipeline.errors import PipelineError
from pipeline.fetch.policy import (
    FetchSettings,
    RefusedError,
    Resolver,
    check_url,
    checked_addresses,
    url_host,
)
from pipeline.fetch.policy import system_resolver as _system_resolver

log = logging.getLogger(__name__)

Outcome = Literal["fetched", "not_modified", "skipped_robots", "refused", "failed"]
"""``refused``: the policy said no (host, address, content type, size); ``failed``: the
network or the server did (timeouts, resets, HTTP errors, redirect loops)."""

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_NOT_RETRIED_5XX = frozenset({501, 505})
_CHUNK = 64 * 1024
_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"


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


class BodyError(PipelineError):
    """A body could not be kept: ``too_large`` or ``bad_content_encoding``."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


class BoundedDecoder:
    """Undo a Content-Encoding (identity, gzip, deflate) into at most ``limit`` bytes.

    Why not let urllib3 decode: its decoders have no output bound, so a few kilobytes of
    gzip could expand to gigabytes before we see them. Here every ``decompress`` call is
    given ``max_length`` and the total output is checked, so a bomb stops at
    ``limit + 1`` bytes with ``too_large``.
    """

    def __init__(self, encoding: str, limit: int) -> None:
        self._encoding = encoding.strip().lower()
        if self._encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
            raise BodyError("bad_content_encoding", encoding)
        self._limit = limit
        self._out = bytearray()
        self._inflater: Any = self._new_inflater()
        self._raw_deflate_tried = False
        self._done = False

    def _new_inflater(self) -> Any:
        if self._encoding in ("gzip", "x-gzip"):
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        if self._encoding == "deflate":
            return zlib.decompressobj(zlib.MAX_WBITS)
        return None

    def _check(self, extra: int) -> None:
        if len(self._out) + extra > self._limit:
            raise BodyError("too_large", f"more than {self._limit} bytes after decoding")

    def feed(self, data: bytes) -> None:
        """Decode one chunk; raises :class:`BodyError` past the limit or on corrupt data."""
        if self._inflater is None:
            self._check(len(data))
            self._out += data
            return
        while data and not self._done:
            try:
                chunk = self._inflater.decompress(data, self._limit - len(self._out) + 1)
            except zlib.error as error:
                if self._encoding == "deflate" and not self._out and not self._raw_deflate_tried:
                    # Some servers send raw deflate without the zlib header the RFC asks for.
                    self._raw_deflate_tried = True
                    self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise BodyError("bad_content_encoding", str(error)) from error
            self._check(len(chunk))
            self._out += chunk
            if self._inflater.eof:
                rest = self._inflater.unused_data
                if self._encoding != "deflate" and rest.startswith(b"\x1f\x8b"):
                    self._inflater = self._new_inflater()  # a multi-member gzip stream
                    data = rest
                    continue
                self._done = True  # trailing garbage after the stream is ignored
                return
            data = self._inflater.unconsumed_tail

    def finish(self) -> bytes:
        """The decoded body; raises ``bad_content_encoding`` for a truncated stream."""
        if self._inflater is not None and not self._done and not self._inflater.eof:
            raise BodyError("bad_content_encoding", "compressed stream ends early")
        return bytes(self._out)


def gunzip_bounded(data: bytes, limit: int) -> bytes:
    """Gunzip ``data`` into at most ``limit`` bytes (for ``.xml.gz`` sitemaps served as files)."""
    decoder = BoundedDecoder("gzip", limit)
    decoder.feed(data)
    return decoder.finish()


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


def media_type(content_type: str | None) -> str:
    """``text/html; charset=utf-8`` -> ``text/html``."""
    return (content_type or "").split(";", 1)[0].strip().lower()


@dataclass(slots=True)
class _Reply:
    status: int
    headers: list[tuple[str, str]]
    body: bytes = b""


@dataclass(slots=True)
class _Robots:
    parser: Protego | None = None
    unreachable: bool = False
    refusal: str | None = None
    """The address policy refused the host itself: pages get that refusal, not a robots skip."""


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


@dataclass(slots=True)
class _AddressGuard:
    """Resolves a host once, checks every address, and connects only to those addresses."""

    settings: FetchSettings
    resolver: Resolver

    def open(self, conn: HTTPConnection, open_socket: Callable[[], Any]) -> Any:
        original = conn._dns_host
        try:
            port = conn.port or conn.default_port
            addresses = checked_addresses(original, port, self.settings, self.resolver)
        except OSError as error:
            raise NameResolutionError(original, conn, error) from error  # type: ignore[arg-type]
        last_error: Exception | None = None
        for address in addresses:
            conn._dns_host = address  # connect to the checked address; TLS still verifies conn.host
            try:
                return open_socket()
            except (NewConnectionError, ConnectTimeoutError) as error:
                last_error = error
            finally:
                conn._dns_host = original
        assert last_error is not None
        raise last_error


def _guarded_adapter(guard: _AddressGuard, pool_size: int) -> HTTPAdapter:
    """An adapter whose connections go through ``guard`` (classes are per client: no global state)."""

    class GuardedHTTPConnection(HTTPConnection):
        def _new_conn(self) -> Any:
            return guard.open(self, lambda: HTTPConnection._new_conn(self))

    class GuardedHTTPSConnection(HTTPSConnection):
        def _new_conn(self) -> Any:
            return guard.open(self, lambda: HTTPSConnection._new_conn(self))

    class GuardedHTTPConnectionPool(HTTPConnectionPool):
        ConnectionCls = GuardedHTTPConnection

    class GuardedHTTPSConnectionPool(HTTPSConnectionPool):
        ConnectionCls = GuardedHTTPSConnection

    class GuardedAdapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {
                "http": GuardedHTTPConnectionPool,
                "https": GuardedHTTPSConnectionPool,
            }

    return GuardedAdapter(pool_connections=pool_size, pool_maxsize=pool_size, max_retries=0)


def _connection_reason(error: requests.exceptions.ConnectionError) -> str:
    first = error.args[0] if error.args else None
    cause = first if isinstance(first, BaseException) else None
    reason = getattr(cause, "reason", None)
    if isinstance(reason, NameResolutionError) or isinstance(cause, NameResolutionError):
        return "dns_error"
    return "connection_error"


def _refusal_in(error: BaseException) -> RefusedError | None:
    """The :class:`RefusedError` raised by the address guard, wherever urllib3 wrapped it."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, RefusedError):
            return current
        seen.add(id(current))
        nested = getattr(current, "reason", None)
        current = nested if isinstance(nested, BaseException) else (current.__cause__ or current.__context__)
    return None


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
        self._robots: dict[str, _Robots] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        self._session = requests.Session()
        # No proxies or .netrc from the environment: a proxy would bypass the address policy.
        self._session.trust_env = False
        self._session.headers.update(
            {"User-Agent": settings.user_agent, "Accept": _ACCEPT, "Accept-Encoding": "gzip, deflate"}
        )
        adapter = _guarded_adapter(_AddressGuard(settings, resolver), max(1, settings.concurrency))
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
        """
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
                log.warning("refused %s (%s): %s", current, refusal.reason, refusal.detail)
                return self._result(url, current, "refused", refusal.reason, attempts=attempts)
            if robots:
                verdict = self._robots_verdict(current)
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
                target = urldefrag(urljoin(current, location.strip())).url
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
            wrapped = _refusal_in(error)
            if wrapped is not None:
                raise _Failure("refused", wrapped.reason) from error
            raise _Failure("failed", _connection_reason(error), retryable=True) from error
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
        """Stream the raw body through a bounded decoder, within ``max_response_seconds``."""
        limit = self.settings.max_bytes
        decoder = BoundedDecoder(response.headers.get("Content-Encoding", ""), limit)
        deadline = self._clock() + self.settings.max_response_seconds
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
                raise TimeoutError(f"body of {url} took over {self.settings.max_response_seconds}s")
        return decoder.finish()

    # -- robots.txt ----------------------------------------------------------------------

    def _robots_verdict(self, url: str) -> tuple[Outcome, str] | None:
        """None when robots.txt lets ``url`` be fetched, else the outcome and reason."""
        parts = urlsplit(url)
        rules = self._robots_for(f"{parts.scheme.lower()}://{parts.netloc.lower()}")
        if rules.refusal is not None:
            return "refused", rules.refusal
        if rules.unreachable:
            return "skipped_robots", "robots_unreachable"
        if rules.parser is not None and not rules.parser.can_fetch(url, self.settings.user_agent):
            return "skipped_robots", "robots_disallowed"
        return None

    def _robots_for(self, origin: str) -> _Robots:
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

    def _fetch_robots(self, origin: str) -> _Robots:
        """RFC 9309: 2xx -> rules; 4xx (but 429) -> no rules; 5xx, 429, unreachable -> disallow all."""
        robots_url = f"{origin}/robots.txt"
        result = self._get(robots_url, {}, robots=False, check_type=False, quiet=True)
        if result.outcome == "fetched":
            parser = Protego.parse(result.body.decode("utf-8", "replace"))
            delay = parser.crawl_delay(self.settings.user_agent)
            if delay:
                host = url_host(origin)
                if delay > self.settings.max_retry_after:
                    log.warning("%s asks for a Crawl-delay of %.0fs; honouring it", robots_url, delay)
                self._limiter.set_interval(host, float(delay))
            return _Robots(parser=parser)
        if result.outcome == "refused" and result.reason == "refused_address":
            return _Robots(refusal=result.reason)
        if result.status is not None and 400 <= result.status < 500 and result.status != 429:
            log.info("no robots.txt at %s (HTTP %d): everything allowed", robots_url, result.status)
            return _Robots()
        log.warning("robots.txt at %s unreachable (%s): not fetching from %s",
                    robots_url, result.reason, origin)
        return _Robots(unreachable=True)

