"""What the fetcher may do: its settings, which hosts it may talk to, which addresses it may reach.

Why a policy module of its own: every network decision (a target, a redirect hop, a link
found on a page, the address a name resolves to) goes through the same few functions, so
"only the configured site, never an internal address" is enforced in one place and tested
once. Reasons are short, stable strings, like the pipeline's quarantine reasons.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from pipeline.common.limits import MIB
from pipeline.errors import PipelineError, UsageError

DEFAULT_SITE_HOSTS = ("aijobs.net", "ai-jobs.net", "www.aijobs.net", "www.ai-jobs.net")
"""The configured site: the only hosts a default run talks to."""

RESPONSE_TIMEOUTS = 6
"""A try may take this many read timeouts in all (status line, headers and body together)."""

Resolver = Callable[[str, int], list[str]]
"""``(host, port) -> addresses``; injectable so tests can pretend a name resolves anywhere."""


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How politely and how defensively to fetch; built once, passed down, never mutated."""

    user_agent: str = "rolescope/0.1 (+contact: set-your-email@example.invalid)"
    """Honest User-Agent; replace the contact placeholder so the site can reach you."""
    rate: float = 1.0
    """Requests per second per host (a robots.txt Crawl-delay can only slow this down)."""
    concurrency: int = 2
    """Requests in flight at once, over all hosts."""
    timeout: float = 20.0
    """Read timeout in seconds (between two bytes of the response)."""
    connect_timeout: float = 5.0
    """Connect timeout in seconds."""
    max_response_seconds: float | None = None
    """Wall-clock bound for one try, from the request sent to the last byte of the body, status line
    and headers included, so a server dripping bytes cannot hold a slot forever (None: derived
    from ``timeout``, see :meth:`response_seconds`)."""
    max_crawl_delay: float = 60.0
    """Longest robots.txt Crawl-delay obeyed; a longer one is capped to this (and logged once per host)."""
    max_bytes: int = 8 * MIB
    """Largest body accepted, counted while streaming and again after decompression."""
    max_redirects: int = 5
    """Redirect hops followed before giving up with ``too_many_redirects``."""
    max_tries: int = 4
    """Requests per URL for retryable failures (timeouts, resets, 429, 5xx), the first included."""
    backoff: float = 0.5
    """Base of the exponential backoff (seconds); the actual wait is drawn with full jitter."""
    max_retry_after: float = 60.0
    """Longest wait a server can ask for with Retry-After; longer requests are capped to this."""
    allowed_content_types: tuple[str, ...] = (
        "text/html",
        "application/xhtml+xml",
        "text/plain",
        "application/xml",
        "text/xml",
        "application/gzip",
        "application/x-gzip",
    )
    """Media types kept; anything else is refused ``bad_content_type`` before its body is read."""
    allow_hosts: tuple[str, ...] = DEFAULT_SITE_HOSTS
    """Hosts the fetcher may contact (targets, redirects, followed links); exact, case-insensitive."""
    respect_robots: bool = True
    """Obey robots.txt (Disallow and Crawl-delay) per host."""
    max_pages: int = 20
    """Pages followed per paginated target (listing or job board), the first page included."""
    max_job_pages: int = 200
    """Jobs' own pages fetched per run from the listings of ``jobs`` targets, new jobs first (0: the
    listings only); about 3.5 minutes at the default rate, so a nightly run covers a whole
    board over a few nights and then asks again only for what changed."""
    max_urls: int = 5000
    """URLs one run may queue in total; links past this are dropped (``max_urls``)."""
    max_sitemap_urls: int = 10_000
    """Page URLs taken from one sitemap file."""
    max_failed_runs: int = 5
    """A URL that failed this many runs in a row is no longer retried by itself (a target still is)."""

    def response_seconds(self) -> float:
        """The per-try wall-clock deadline: ``max_response_seconds``, else 6 x ``timeout`` (120 s)."""
        if self.max_response_seconds is not None:
            return self.max_response_seconds
        return RESPONSE_TIMEOUTS * self.timeout

    def with_hosts(self, hosts: Iterable[str]) -> FetchSettings:
        """A copy that also allows ``hosts`` (what ``--allow-host`` does), without duplicates.

        Raises :class:`~pipeline.errors.UsageError` for a value that is not a bare host
        (``host:port``, a URL): hosts are matched without port, so such a value would
        silently allow nothing.
        """
        merged = list(self.allow_hosts)
        for value in hosts:
            host = bare_host(value)
            if host not in merged:
                merged.append(host)
        return replace(self, allow_hosts=tuple(merged))


def bare_host(value: str) -> str:
    """``value`` as an allowed host (lower case), or :class:`UsageError` when it is not a bare host."""
    host = value.strip().lower().rstrip(".")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if _is_ip_literal(host):
        return host
    if not host or any(c in host for c in ":/@?#[] "):
        hint = ""
        name, _, port = host.partition(":")
        if port.isdigit() and name and "/" not in host:
            hint = f"; give {name!r}: a host is allowed on every port"
        elif "://" in host:
            hint = f"; give {url_host(host)!r}, the host alone"
        raise UsageError(f"allow_host {value!r} is not a host name or IP address{hint}")
    return host


class RefusedError(PipelineError):
    """The policy forbids a request; ``reason`` is ``refused_host``, ``refused_address``, ...."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def url_host(url: str) -> str:
    """The host of ``url``, lower-cased, without a trailing dot or IPv6 brackets ('' when none)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.rstrip(".").lower()


def check_url(url: str, settings: FetchSettings) -> None:
    """Raise :class:`RefusedError` unless ``url`` is http(s) on an allowed host.

    Checked for every target, every redirect hop and every followed link, before any
    network traffic, so a page cannot steer the fetcher to another site.
    """
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme not in ("http", "https"):
        raise RefusedError("refused_scheme", url)
    host = url_host(url)
    if not host or not host_allowed(host, settings):
        raise RefusedError("refused_host", url)


def host_allowed(host: str, settings: FetchSettings) -> bool:
    """Whether ``host`` is exactly one of the allowed hosts (no subdomain wildcarding)."""
    host = host.rstrip(".").lower()
    return any(host == allowed.rstrip(".").lower() for allowed in settings.allow_hosts)


def is_public_address(address: str) -> bool:
    """Whether an IP address is globally routable unicast (so not loopback, private, link-local...).

    IPv4-mapped IPv6 addresses are judged by the IPv4 address they carry, so
    ``::ffff:`` cannot be used to smuggle a loopback address past the check.
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def internal_address_allowed(host: str, settings: FetchSettings) -> bool:
    """Whether ``host`` may live on a non-public address.

    Only when the user named it exactly in ``allow_hosts`` *and* it is an IP literal or
    ``localhost``: a DNS name (even the configured site's) that suddenly resolves to an
    internal address is the DNS-rebinding pattern, and is refused ``refused_address``.
    """
    host = host.rstrip(".").lower()
    return host_allowed(host, settings) and (_is_ip_literal(host) or host == "localhost")


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to for a TCP connection, in resolver order, deduplicated."""
    seen: list[str] = []
    for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        address = str(info[4][0])
        if address not in seen:
            seen.append(address)
    return seen


def checked_addresses(host: str, port: int, settings: FetchSettings, resolver: Resolver) -> list[str]:
    """Resolve ``host`` once and return the addresses to connect to, or raise :class:`RefusedError`.

    All addresses must pass (not just the first), since the connection may fall back to
    any of them. The caller connects to exactly these addresses, so there is no second
    resolution an attacker could answer differently. ``socket.gaierror`` propagates.
    """
    addresses = [host] if _is_ip_literal(host) else resolver(host, port)
    if not addresses:
        raise socket.gaierror(f"no address for {host}")
    if internal_address_allowed(host, settings):
        return addresses
    bad = [a for a in addresses if not is_public_address(a)]
    if bad:
        raise RefusedError("refused_address", f"{host} resolves to non-public {', '.join(bad)}")
    return addresses
