"""The polite fetcher and the raw store, against a real HTTP server on 127.0.0.1.

Every network test talks only to the fixture server on 127.0.0.1 (127.0.0.2 plays "a host
that is not allowed" and is never contacted). Timeouts are tiny and ``max_tries`` is 2 so
the misbehaving routes cost well under a second each; politeness is checked on the
server's own clock.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import shutil
import socket
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator

from pipeline.fetch import Client, FetchSettings, Targets, default_link_parser, fetch, iter_captures
from pipeline.fetch.body import BodyError, BoundedDecoder
from pipeline.fetch.crawl import FetchSummary, is_article_url, parse_sitemap
from pipeline.fetch.index import INDEX_NAME
from pipeline.fetch.pacing import RateLimiter, parse_retry_after
from pipeline.fetch.policy import RefusedError, check_url, checked_addresses, is_public_address
from pipeline.fetch.store import WARC_DIR, RawStore
from pipeline.fetch.warc_reader import warc_files
from tests import httpfixture as hf
from tests.conftest import ROOT

KIB = 1024


@pytest.fixture
def server() -> Iterator[hf.FixtureServer]:
    with hf.running_server() as srv:
        yield srv


def fast(**overrides: object) -> FetchSettings:
    """Settings for tests: loopback allowed, tiny timeouts, two tries, a brisk rate."""
    base = FetchSettings(
        rate=50.0, concurrency=2, timeout=0.3, connect_timeout=0.3, max_response_seconds=2.0,
        max_bytes=256 * KIB, max_tries=2, backoff=0.01, max_retry_after=2.0, allow_hosts=("127.0.0.1",),
    )
    return replace(base, **overrides)  # type: ignore[arg-type]


@pytest.fixture
def client() -> Iterator[Client]:
    with Client(fast()) as http:
        yield http


def article(a: str, b: str) -> str:
    return f"<html><head><title>{a} vs {b}</title></head><body><h1>{a} vs {b}</h1><p>Pay.</p></body></html>"


def gaps(times: list[float]) -> list[float]:
    return [later - earlier for earlier, later in itertools.pairwise(times)]


def index_rows(raw: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(raw / WARC_DIR / INDEX_NAME) as db:
        return list(db.execute(sql).fetchall())


def record_types(raw: Path) -> list[str]:
    types: list[str] = []
    for path in warc_files(raw):
        with open(path, "rb") as handle:
            types += [r.rec_type for r in ArchiveIterator(handle)]
    return types


# -- the client: a plain fetch ------------------------------------------------------------


def test_fetch_sends_an_honest_user_agent_and_decodes_gzip(server: hf.FixtureServer, client: Client) -> None:
    body = article("Data Engineer", "MLOps Engineer").encode()
    url = server.route("/insights/data-engineer-vs-mlops-engineer", hf.gzipped(body))
    result = client.get(url)
    assert (result.outcome, result.status, result.reason) == ("fetched", 200, None)
    assert result.body == body
    assert result.fetched_at.tzinfo is not None
    hit = server.hits_for("/insights/data-engineer-vs-mlops-engineer")[0]
    assert hit.headers["user-agent"].startswith("rolescope/0.1 (+contact:")
    assert hit.headers["accept-encoding"] == "gzip, deflate"


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS], ids=["zlib", "raw"])
def test_deflate_bodies_are_decoded_with_or_without_zlib_header(
    server: hf.FixtureServer, client: Client, wbits: int
) -> None:
    compressor = zlib.compressobj(6, zlib.DEFLATED, wbits)
    data = compressor.compress(b"<p>deflated</p>") + compressor.flush()
    url = server.route("/deflate", hf.status(200, data, headers=[("Content-Encoding", "deflate")]))
    assert client.get(url).body == b"<p>deflated</p>"


# -- robots.txt ---------------------------------------------------------------------------


def test_robots_disallow_is_obeyed_and_robots_is_fetched_once(
    server: hf.FixtureServer, client: Client
) -> None:
    server.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    server.page("/private/page", "secret")
    server.page("/public", "hello")
    blocked = client.get(server.url("/private/page"))
    assert (blocked.outcome, blocked.reason, blocked.attempts) == ("skipped_robots", "robots_disallowed", 0)
    for _ in range(3):
        assert client.get(server.url("/public")).outcome == "fetched"
    assert server.count("/private/page") == 0
    assert server.count("/robots.txt") == 1


def test_robots_crawl_delay_spaces_requests(server: hf.FixtureServer, client: Client) -> None:
    server.page("/robots.txt", "User-agent: *\nCrawl-delay: 0.4\n", "text/plain")
    server.page("/p", "p")
    for _ in range(3):
        assert client.get(server.url("/p")).outcome == "fetched"
    times = [h.at for h in server.hits if h.path in ("/robots.txt", "/p")]
    assert len(times) == 4
    # robots.txt went out at the plain rate (0.02 s); the pages after it wait the crawl delay
    # (0.4 s), less what a loaded machine delays the arrival of the request before a gap.
    assert min(gaps(times[1:])) >= 0.3


def test_unreachable_robots_means_nothing_is_fetched(server: hf.FixtureServer, client: Client) -> None:
    server.route("/robots.txt", hf.status(503, b"down"))
    server.page("/p", "p")
    result = client.get(server.url("/p"))
    assert (result.outcome, result.reason) == ("failed", "robots_unreachable")
    assert server.count("/p") == 0
    assert server.count("/robots.txt") == 2  # bounded tries, then RFC 9309's "assume disallowed"


# -- retries ------------------------------------------------------------------------------


def test_429_with_retry_after_is_retried_after_waiting(server: hf.FixtureServer, client: Client) -> None:
    url = server.route("/busy", hf.sequence(hf.status(429, headers=[("Retry-After", "1")]),
                                            hf.status(200, b"ok")))
    result = client.get(url)
    assert (result.outcome, result.body, result.attempts) == ("fetched", b"ok", 2)
    first, second = (h.at for h in server.hits_for("/busy"))
    assert second - first >= 0.95


def test_503_then_200_is_retried(server: hf.FixtureServer, client: Client) -> None:
    url = server.route("/flaky", hf.sequence(hf.status(503), hf.status(200, b"ok")))
    result = client.get(url)
    assert (result.outcome, result.body, result.attempts) == ("fetched", b"ok", 2)


def test_persistent_503_fails_after_bounded_tries(server: hf.FixtureServer, client: Client) -> None:
    url = server.route("/down", hf.status(503, headers=[("Retry-After", "0")]))
    result = client.get(url)
    assert (result.outcome, result.reason, result.status, result.attempts) == ("failed", "http_503", 503, 2)
    assert server.count("/down") == 2


def test_not_found_is_not_retried(server: hf.FixtureServer, client: Client) -> None:
    result = client.get(server.url("/nope"))
    assert (result.outcome, result.reason, result.attempts) == ("failed", "http_404", 1)


def test_response_slower_than_the_timeout_fails_with_timeout(
    server: hf.FixtureServer, client: Client
) -> None:
    url = server.route("/slow", hf.slow(3.0, hf.status(200, b"late")))
    started = time.monotonic()
    result = client.get(url)
    assert (result.outcome, result.reason, result.attempts) == ("failed", "timeout", 2)
    assert time.monotonic() - started < 2.0
    assert server.count("/slow") == 2


def test_body_dripping_past_the_response_deadline_fails_with_timeout(server: hf.FixtureServer) -> None:
    url = server.route("/drip", hf.drip(0.05, 200))
    with Client(fast(max_response_seconds=0.5, max_tries=1)) as http:
        started = time.monotonic()
        result = http.get(url)
    assert (result.outcome, result.reason) == ("failed", "timeout")
    assert time.monotonic() - started < 2.0


def test_status_line_and_headers_dripping_past_the_deadline_fail_with_timeout(
    server: hf.FixtureServer,
) -> None:
    """Issue 15 item 9: the per-try deadline (6 x the read timeout) bounds the headers too."""
    url = server.route("/drip-head", hf.drip_head(0.05, 400))
    settings = fast(max_response_seconds=None, timeout=0.1)
    assert settings.response_seconds() == pytest.approx(0.6)
    with Client(settings) as http:
        started = time.monotonic()
        result = http.get(url)
    assert (result.outcome, result.reason, result.attempts) == ("failed", "timeout", 2)
    assert time.monotonic() - started < 3.0
    assert server.count("/drip-head") == 2


def test_reset_connection_fails_with_connection_error(server: hf.FixtureServer, client: Client) -> None:
    url = server.route("/reset", hf.reset())
    result = client.get(url)
    assert (result.outcome, result.reason, result.attempts) == ("failed", "connection_error", 2)


def test_backoff_is_full_jitter_and_honours_retry_after_with_a_cap() -> None:
    http = Client(fast(backoff=0.5, max_retry_after=3.0), rng=lambda: 1.0)
    assert [http.backoff(n, None) for n in (1, 2, 3, 4)] == [0.5, 1.0, 2.0, 3.0]
    assert http.backoff(1, 1.5) == 1.5
    assert http.backoff(1, 120.0) == 3.0
    assert Client(fast(backoff=0.5), rng=lambda: 0.25).backoff(2, None) == 0.25
    http.close()


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    now = datetime(2025, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("7", now) == 7.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now) == 30.0
    assert parse_retry_after(format_datetime(now - timedelta(seconds=30), usegmt=True), now) == 0.0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None


# -- redirects and host/address policy ------------------------------------------------------


def test_redirect_is_followed_and_final_url_kept(server: hf.FixtureServer, client: Client) -> None:
    server.route("/old", hf.redirect("/new", 301))
    server.page("/new", "moved")
    result = client.get(server.url("/old"))
    assert (result.outcome, result.final_url) == ("fetched", server.url("/new"))
    assert result.url == server.url("/old")


def test_redirect_loop_fails_with_too_many_redirects(server: hf.FixtureServer, client: Client) -> None:
    server.route("/loop/a", hf.redirect("/loop/b"))
    server.route("/loop/b", hf.redirect("/loop/a"))
    result = client.get(server.url("/loop/a"))
    assert (result.outcome, result.reason) == ("failed", "too_many_redirects")
    assert server.count("/loop/a") == 1


def test_redirect_chain_longer_than_the_limit_fails(server: hf.FixtureServer) -> None:
    for n in range(6):
        server.route(f"/hop/{n}", hf.redirect(f"/hop/{n + 1}"))
    server.page("/hop/6", "end")
    with Client(fast(max_redirects=3)) as http:
        result = http.get(server.url("/hop/0"))
    assert (result.outcome, result.reason) == ("failed", "too_many_redirects")
    assert server.count("/hop/4") == 0


def test_redirect_to_another_host_is_refused(server: hf.FixtureServer, client: Client) -> None:
    elsewhere = server.url("/landing", host="127.0.0.2")
    server.route("/away", hf.redirect(elsewhere))
    result = client.get(server.url("/away"))
    assert (result.outcome, result.reason, result.final_url) == ("refused", "refused_host", elsewhere)
    assert server.count("/landing") == 0


def test_targets_off_the_allowed_hosts_are_refused_without_traffic(client: Client) -> None:
    assert client.get("http://127.0.0.2:9/x").reason == "refused_host"
    assert client.get("ftp://127.0.0.1/x").reason == "refused_scheme"
    assert client.get("http://aijobs.net/insights/a-vs-b").reason == "refused_host"


def test_a_name_resolving_to_loopback_is_refused_even_if_allowed(server: hf.FixtureServer) -> None:
    settings = fast().with_hosts(["aijobs.net"])
    for robots in (True, False):
        rebinding = Client(replace(settings, respect_robots=robots), resolver=lambda h, p: ["127.0.0.1"])
        with rebinding as http:
            result = http.get(f"http://aijobs.net:{server.port}/insights/a-vs-b")
        assert (result.outcome, result.reason) == ("refused", "refused_address")
    assert server.hits == []  # neither robots.txt nor the page: refused before connecting


def test_address_policy() -> None:
    settings = fast(allow_hosts=("127.0.0.1", "localhost", "aijobs.net"))
    assert checked_addresses("127.0.0.1", 80, settings, lambda h, p: []) == ["127.0.0.1"]
    both = ["127.0.0.1", "::1"]
    assert checked_addresses("localhost", 80, settings, lambda h, p: both) == both
    with pytest.raises(RefusedError, match="refused_address"):
        checked_addresses("127.0.0.3", 80, settings, lambda h, p: [])
    with pytest.raises(RefusedError, match="refused_address"):
        checked_addresses("aijobs.net", 80, settings, lambda h, p: ["::1"])
    for address in ("127.0.0.1", "::1", "::ffff:127.0.0.1", "0.0.0.0", "not-an-ip"):
        assert not is_public_address(address)
    check_url("https://AIJOBS.net./insights/a-vs-b", settings)
    with pytest.raises(RefusedError, match="refused_host"):
        check_url("https://sub.aijobs.net/", settings)


# -- size and type limits -----------------------------------------------------------------


def test_body_over_the_limit_is_cut_off_early(server: hf.FixtureServer, client: Client) -> None:
    total = 64 * 1024 * KIB
    url = server.route("/huge", hf.stream(total))
    result = client.get(url)
    assert (result.outcome, result.reason, result.body) == ("refused", "too_large", b"")
    time.sleep(0.2)  # let the server notice the hang-up
    assert server.sent.get("/huge", 0) < total // 4


def test_declared_length_over_the_limit_is_refused_before_reading(
    server: hf.FixtureServer, client: Client
) -> None:
    total = 64 * 1024 * KIB
    url = server.route("/declared", hf.stream(total, declare_length=True))
    result = client.get(url)
    assert (result.outcome, result.reason) == ("refused", "too_large")
    time.sleep(0.2)
    assert server.sent.get("/declared", 0) < total // 4


def test_gzip_bomb_stops_at_the_limit_quickly(server: hf.FixtureServer, client: Client) -> None:
    bomb = hf.gzip_bomb(64 * 1024 * KIB)
    assert len(bomb) < 256 * KIB  # small on the wire: only the decoded size can catch it
    url = server.route("/bomb", hf.status(200, bomb, headers=[("Content-Encoding", "gzip")]))
    started = time.monotonic()
    result = client.get(url)
    assert (result.outcome, result.reason) == ("refused", "too_large")
    assert time.monotonic() - started < 2.0


def test_wrong_content_type_is_refused(server: hf.FixtureServer, client: Client) -> None:
    url = server.page("/image", b"\x89PNG\r\n\x1a\n", "image/png")
    result = client.get(url)
    assert (result.outcome, result.reason, result.body) == ("refused", "bad_content_type", b"")


@hsettings(max_examples=40)
@given(data=st.binary(max_size=4096), limit=st.integers(0, 4096), split=st.integers(1, 97))
def test_bounded_decoder_returns_the_data_or_stops_at_the_limit(data: bytes, limit: int, split: int) -> None:
    packed = gzip.compress(data)
    decoder = BoundedDecoder("gzip", limit)
    try:
        for start in range(0, len(packed), split):
            decoder.feed(packed[start:start + split])
        decoded = decoder.finish()
    except BodyError as error:
        assert error.reason == "too_large"
        assert len(data) > limit
    else:
        assert decoded == data
        assert len(data) <= limit


def test_truncated_gzip_is_a_bad_content_encoding() -> None:
    decoder = BoundedDecoder("gzip", 1000)
    decoder.feed(gzip.compress(b"abc" * 100)[:-10])
    with pytest.raises(BodyError, match="bad_content_encoding"):
        decoder.finish()


# -- rate limiting --------------------------------------------------------------------------


def test_rate_limiter_reserves_slots_per_host_with_an_injected_clock() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 6))
        now[0] += seconds

    limiter = RateLimiter(0.5, clock=lambda: now[0], sleep=sleep)
    assert [limiter.wait("a") for _ in range(3)] == [0.0, 0.5, 0.5]
    assert limiter.wait("b") == 0.0  # another host has its own slots
    limiter.set_interval("a", 2.0)  # a crawl delay
    limiter.defer("a", 5.0)  # a Retry-After
    assert limiter.wait("a") == 5.0
    assert limiter.wait("a") == 2.0
    assert slept == [0.5, 0.5, 5.0, 2.0]


def test_observed_request_rate_stays_within_the_setting(server: hf.FixtureServer, tmp_path: Path) -> None:
    paths = [f"/insights/role-{n}-vs-other-{n}" for n in range(8)]
    for path in paths:
        server.page(path, article(path, "x"))
    summary = fetch(Targets(urls=[server.url(p) for p in paths]), tmp_path, fast(rate=5.0, concurrency=2),
                    progress=False)
    assert summary.fetched == 8
    times = sorted(h.at for h in server.hits)  # robots.txt included: it counts against the host too
    assert len(times) == 9
    # Arrival times carry the scheduling delay of each request, so one gap may shrink by
    # what the one before it was delayed (tens of ms on a loaded machine); unlimited requests
    # on two connections would arrive about 0 s apart. The span over eight gaps holds tightly.
    assert min(gaps(times)) >= 0.2 * 0.5
    assert times[-1] - times[0] >= 8 * 0.2 * 0.95


# -- crawling -----------------------------------------------------------------------------


def listing(links: list[str], next_link: str | None, style: str = "rel") -> str:
    anchors = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
    nav = ""
    if next_link and style == "rel":
        nav = f'<a rel="next" href="{next_link}">Older posts</a>'
    elif next_link:
        nav = f'<a href="{next_link}"> › </a>'
    return f"<html><body><ul>{anchors}<li><a href='/about'>About</a></li></ul>{nav}</body></html>"


def test_listing_pages_are_followed_to_articles_and_bounded(
    server: hf.FixtureServer, tmp_path: Path
) -> None:
    a = "/insights/data-analyst-vs-analytics-engineer"
    b = "/insights/nlp-engineer-vs-computer-vision-engineer"
    c = "/insights/research-scientist-vs-machine-learning-engineer"
    offsite = server.url("/insights/x-vs-y", host="127.0.0.2")
    server.page("/insights", listing([a, b + "#salary", offsite], "/insights?page=2"))
    server.page("/insights?page=2", listing([c, a], server.url("/insights?page=3"), style="text"))
    server.page("/insights?page=3", listing(["/insights/never-vs-fetched"], None))
    for path in (a, b, c):
        server.page(path, article(path, "x"))
    targets = Targets(index_pages=[server.url("/insights")])
    summary = fetch(targets, tmp_path, fast(max_pages=2), progress=False)
    assert summary.fetched == 5
    assert summary.refused == {"refused_host": 1}
    assert server.count("/insights?page=3") == 0
    assert all(server.count(p) == 1 for p in (a, b, c))
    captured = {c.url: c for c in iter_captures(tmp_path)}
    assert set(captured) == {server.url(p) for p in ("/insights", "/insights?page=2", a, b, c)}
    assert captured[server.url(a)].body == article(a, "x").encode()
    assert "fetched: 5" in summary.line()


def test_max_urls_bounds_a_run(server: hf.FixtureServer, tmp_path: Path) -> None:
    links = [f"/insights/a{n}-vs-b{n}" for n in range(10)]
    server.page("/list", listing(links, None))
    summary = fetch(Targets(index_pages=[server.url("/list")]), tmp_path, fast(max_urls=4), progress=False)
    assert summary.refused["max_urls"] == 7
    assert len(index_rows(tmp_path, "SELECT url FROM captures")) == 1  # the missing articles were 404s
    assert summary.failed["http_404"] == 3


def test_sitemap_index_leads_to_a_gzipped_sitemap(server: hf.FixtureServer, tmp_path: Path) -> None:
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    server.page("/sitemap_index.xml",
                f"<?xml version='1.0'?><sitemapindex {ns}><sitemap><loc>{server.url('/sitemap.xml.gz')}</loc>"
                "</sitemap></sitemapindex>", "application/xml")
    pages = ["/insights/ai-product-manager-vs-data-scientist", "/insights/data-engineer-vs-mlops-engineer"]
    urlset = "".join(f"<url><loc>{server.url(p)}</loc></url>" for p in [*pages, "/jobs/123"])
    packed = gzip.compress(f"<urlset {ns}>{urlset}</urlset>".encode())
    server.page("/sitemap.xml.gz", packed, "application/gzip")
    for path in pages:
        server.page(path, article(path, "y"))
    summary = fetch(Targets(sitemaps=[server.url("/sitemap_index.xml")]), tmp_path, fast(), progress=False)
    assert summary.fetched == 4
    assert all(server.count(p) == 1 for p in pages)
    assert server.count("/jobs/123") == 0


def test_sitemap_parsing_ignores_entities() -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b"<urlset><url><loc>https://aijobs.net/insights/a-vs-b&b;</loc></url></urlset>")
    children, pages = parse_sitemap(bomb, 1024 * KIB, 10)
    assert children == []
    assert len(pages) == 1 and len(pages[0]) < 100


def test_job_board_pagination_is_followed(server: hf.FixtureServer, tmp_path: Path) -> None:
    server.page("/jobs", listing(["/insights/a-vs-b"], "/jobs?page=2"))
    head = "<head><link rel='next' href='/jobs?page=3'></head>"
    server.page("/jobs?page=2", f"<html>{head}<body>jobs</body></html>")
    server.page("/jobs?page=3", "<html><body>last</body></html>")
    summary = fetch(Targets(job_pages=[server.url("/jobs")]), tmp_path, fast(), progress=False)
    assert summary.fetched == 3
    assert server.count("/insights/a-vs-b") == 0  # job pages are stored, only their pagination is followed


def test_default_link_parser() -> None:
    html = b"""<html><head><base href="https://aijobs.net/insights/"></head><body>
      <a href="data-analyst-vs-analytics-engineer#top">x</a>
      <a href="/insights/data-analyst-vs-analytics-engineer">dup</a>
      <a href="/insights/">index</a><a href="/insights/a-vs-b/comments">no</a>
      <a href=" https://www.aijobs.net/insights/ml-engineer-vs-data-scientist ">abs</a>
      <a href="?page=3" aria-label="Next">&raquo;</a></body></html>"""
    articles, next_page = default_link_parser("https://aijobs.net/insights?page=2", html)
    assert articles == ["https://aijobs.net/insights/data-analyst-vs-analytics-engineer",
                        "https://www.aijobs.net/insights/ml-engineer-vs-data-scientist"]
    assert next_page == "https://aijobs.net/insights/?page=3"
    assert default_link_parser("https://aijobs.net/", b"") == ([], None)
    assert is_article_url("https://aijobs.net/insights/ai-product-manager-vs-data-scientist/")
    assert not is_article_url("https://aijobs.net/insights/vs-")


# -- the raw store ----------------------------------------------------------------------------


def test_warc_records_carry_uri_final_url_status_date_and_sha256(
    server: hf.FixtureServer, tmp_path: Path
) -> None:
    body = article("Data Analyst", "Analytics Engineer").encode()
    server.route("/start", hf.redirect("/insights/data-analyst-vs-analytics-engineer"))
    server.route("/insights/data-analyst-vs-analytics-engineer", hf.gzipped(body))
    summary = fetch(Targets(urls=[server.url("/start")]), tmp_path, fast(), progress=False)
    assert summary.warc_file is not None
    assert summary.warc_file.parent == tmp_path / "warc"
    assert summary.warc_file.name.startswith("rolescope-") and summary.warc_file.name.endswith(".warc.gz")
    with open(summary.warc_file, "rb") as handle:
        records = [(r.rec_type, r.rec_headers, r.http_headers, r.content_stream().read())
                   for r in ArchiveIterator(handle)]
    assert [r[0] for r in records] == ["warcinfo", "response"]
    _, warc, http, payload = records[1]
    assert warc.get_header("WARC-Target-URI") == server.url("/start")
    final = server.url("/insights/data-analyst-vs-analytics-engineer")
    assert warc.get_header("X-Rolescope-Final-URL") == final
    assert warc.get_header("WARC-Payload-Digest").startswith("sha256:")
    assert warc.get_header("WARC-Block-Digest").startswith("sha256:")
    assert warc.get_header("WARC-Date").endswith("Z")
    assert http.get_statuscode() == "200"
    assert http.get_header("X-Rolescope-Original-Content-Encoding") == "gzip"
    assert http.get_header("Content-Encoding") is None
    assert payload == body
    (capture,) = iter_captures(tmp_path)
    assert capture.sha256 == hashlib.sha256(body).hexdigest()
    assert capture.content_type == "text/html; charset=utf-8"
    assert capture.status == 200
    assert capture.final_url.endswith("/insights/data-analyst-vs-analytics-engineer")


def test_second_run_is_conditional_and_stores_nothing_new(server: hf.FixtureServer, tmp_path: Path) -> None:
    lm = "Wed, 01 Jan 2025 00:00:00 GMT"
    art = "/insights/data-engineer-vs-mlops-engineer"
    server.route("/list", hf.conditional(listing([art], None).encode(), '"list-v1"', lm))
    server.route(art, hf.conditional(article("Data Engineer", "MLOps").encode(), '"art-v1"', lm))
    targets = Targets(index_pages=[server.url("/list")])
    first = fetch(targets, tmp_path, fast(), progress=False)
    assert (first.fetched, first.unchanged) == (2, 0)
    files_before = warc_files(tmp_path)
    second = fetch(targets, tmp_path, fast(), progress=False)
    assert (second.fetched, second.unchanged, second.warc_file) == (0, 2, None)
    assert warc_files(tmp_path) == files_before  # nothing new stored
    # The listing said 304, yet its stored copy was used to find the article again.
    last = server.hits_for(art)[-1]
    assert last.headers["if-none-match"] == '"art-v1"'
    assert last.headers["if-modified-since"] == lm
    assert len(list(iter_captures(tmp_path))) == 2


def test_identical_content_is_stored_once(server: hf.FixtureServer, tmp_path: Path) -> None:
    body = article("Same", "Bytes")
    server.page("/insights/a-vs-b", body)
    server.page("/insights/b-vs-a", body)
    targets = Targets(urls=[server.url("/insights/a-vs-b"), server.url("/insights/b-vs-a")])
    first = fetch(targets, tmp_path, fast(concurrency=1), progress=False)
    assert (first.fetched, first.unchanged) == (1, 1)
    second = fetch(targets, tmp_path, fast(), progress=False)  # no validators: full responses again
    assert (second.fetched, second.unchanged) == (0, 2)
    assert record_types(tmp_path).count("response") == 1
    assert record_types(tmp_path).count("revisit") == 3
    captures = list(iter_captures(tmp_path))
    assert len(captures) == 4
    assert {c.body for c in captures} == {body.encode()}
    assert {c.url for c in captures} == set(targets.urls)


def test_failures_are_recorded_and_retried_next_run(server: hf.FixtureServer, tmp_path: Path) -> None:
    healthy = threading.Event()

    def flaky(handler: hf.Handler) -> None:
        handler.reply(200, b"<p>back</p>") if healthy.is_set() else handler.reply(503, b"down")

    url = server.route("/insights/x-vs-y", flaky)
    first = fetch(Targets(urls=[url]), tmp_path, fast(), progress=False)
    assert first.failed == {"http_503": 1}
    rows = index_rows(tmp_path, "SELECT url, outcome, reason, attempts, tries, last_tried FROM failures")
    assert [r[:5] for r in rows] == [(url, "failed", "http_503", 1, 2)]
    healthy.set()
    second = fetch(Targets(), tmp_path, fast(), progress=False)  # no targets: the failure alone is retried
    assert (second.retried, second.fetched) == (1, 1)
    assert index_rows(tmp_path, "SELECT * FROM failures") == []
    assert [c.body for c in iter_captures(tmp_path)] == [b"<p>back</p>"]


def test_refusals_are_recorded_but_not_retried(server: hf.FixtureServer, tmp_path: Path) -> None:
    url = server.page("/image", b"png", "image/png")
    first = fetch(Targets(urls=[url]), tmp_path, fast(), progress=False)
    assert first.refused == {"bad_content_type": 1}
    second = fetch(Targets(), tmp_path, fast(), progress=False)
    assert second.retried == 0
    assert server.count("/image") == 1


def test_iter_captures_reads_a_copied_folder_without_network(
    server: hf.FixtureServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = {f"/insights/p{n}-vs-q{n}": article(f"P{n}", f"Q{n}").encode() for n in range(3)}
    for path, body in pages.items():
        server.page(path, body)
    server.page("/insights/dup-vs-dup", pages["/insights/p0-vs-q0"])
    raw = tmp_path / "raw"
    fetch(Targets(urls=[server.url(p) for p in [*pages, "/insights/dup-vs-dup"]]), raw, fast(concurrency=1),
          progress=False)
    copy = tmp_path / "copy"
    shutil.copytree(raw, copy)
    (copy / WARC_DIR / INDEX_NAME).unlink()  # the WARC files alone are enough

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("iter_captures touched the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    got = {c.url: c.body for c in iter_captures(copy)}
    expected = {server.url(p): b for p, b in pages.items()} | {server.url("/insights/dup-vs-dup"): pages[
        "/insights/p0-vs-q0"]}
    assert got == expected


# -- interruption and resume ------------------------------------------------------------------


def test_keyboard_interrupt_leaves_a_resumable_frontier(server: hf.FixtureServer, tmp_path: Path) -> None:
    arts = [f"/insights/r{n}-vs-s{n}" for n in range(4)]
    server.page("/list", listing(arts[:2], "/list?page=2"))
    server.page("/list?page=2", listing(arts[2:], None))
    for path in arts:
        server.page(path, article(path, "z"))
    calls = [0]

    def interrupting(url: str, html: bytes) -> tuple[list[str], str | None]:
        calls[0] += 1
        if calls[0] == 2:
            raise KeyboardInterrupt
        return default_link_parser(url, html)

    targets = Targets(index_pages=[server.url("/list")])
    with pytest.raises(KeyboardInterrupt):
        fetch(targets, tmp_path, fast(concurrency=1), parse_links=interrupting, progress=False)
    pending = index_rows(tmp_path, "SELECT url FROM frontier WHERE state = 'pending'")
    assert (server.url("/list?page=2"),) in pending
    captured_before = {c.url for c in iter_captures(tmp_path)}
    assert server.url("/list") in captured_before

    summary = fetch(targets, tmp_path, fast(concurrency=1), progress=False)
    assert summary.resumed == len(pending)
    assert server.count("/list") == 1  # done before the interrupt: not fetched again
    assert all(server.count(p) == 1 for p in arts)
    everything = {server.url(p) for p in ["/list", "/list?page=2", *arts]}
    assert {c.url for c in iter_captures(tmp_path)} == everything
    assert index_rows(tmp_path, "SELECT * FROM frontier") == []  # a completed run empties it


_KILLED_RUN = textwrap.dedent("""
    import sys
    from pathlib import Path
    from pipeline.fetch import FetchSettings, Targets, fetch
    settings = FetchSettings(rate=50.0, concurrency=1, timeout=30.0, max_tries=1,
                             allow_hosts=("127.0.0.1",), respect_robots=False)
    fetch(Targets(urls=sys.argv[2:]), Path(sys.argv[1]), settings, progress=False)
""")


def test_a_killed_run_leaves_readable_warcs_and_resumes(server: hf.FixtureServer, tmp_path: Path) -> None:
    release = threading.Event()
    done_body = article("Done", "Before").encode()
    server.page("/insights/done-vs-before", done_body)
    server.route("/insights/stuck-vs-forever", hf.hold(release, hf.status(200, b"<p>finally</p>")))
    urls = [server.url("/insights/done-vs-before"), server.url("/insights/stuck-vs-forever")]
    process = subprocess.Popen([sys.executable, "-c", _KILLED_RUN, str(tmp_path), *urls], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while server.count("/insights/stuck-vs-forever") == 0 and time.monotonic() < deadline:
            assert process.poll() is None, "the fetch process ended early"
            time.sleep(0.02)
        assert server.count("/insights/stuck-vs-forever") == 1
    finally:
        process.kill()
        process.wait(timeout=10)
    assert [(c.url, c.body) for c in iter_captures(tmp_path)] == [(urls[0], done_body)]
    assert index_rows(tmp_path, "SELECT url FROM frontier WHERE state = 'pending'") == [(urls[1],)]

    release.set()
    summary = fetch(Targets(), tmp_path, fast(respect_robots=False), progress=False)
    assert (summary.resumed, summary.fetched) == (1, 1)
    assert server.count("/insights/done-vs-before") == 1
    assert [c.url for c in iter_captures(tmp_path)] == urls


def test_truncated_warc_tail_is_tolerated(server: hf.FixtureServer, tmp_path: Path) -> None:
    for n in range(2):
        server.page(f"/insights/t{n}-vs-u{n}", article(str(n), "u"))
    targets = Targets(urls=[server.url(f"/insights/t{n}-vs-u{n}") for n in range(2)])
    fetch(targets, tmp_path, fast(concurrency=1), progress=False)
    (path,) = warc_files(tmp_path)
    data = path.read_bytes()
    for cut in (12, 40, 120, 300):
        path.write_bytes(data[:-cut])  # the last record cut mid-write
        captures = list(iter_captures(tmp_path))
        whole = (server.url("/insights/t0-vs-u0"), article("0", "u").encode())
        assert [(c.url, c.body) for c in captures] == [whole]


def test_store_can_be_used_directly_for_lookups(tmp_path: Path) -> None:
    with RawStore(tmp_path) as store:
        assert store.previous("https://aijobs.net/insights/a-vs-b") is None
        assert store.load_body("https://aijobs.net/insights/a-vs-b") is None
        assert store.pending() == []


def test_summary_line() -> None:
    summary = FetchSummary(fetched=3, unchanged=1, skipped_robots=2, seconds=1.5)
    summary.failed.update({"timeout": 1, "http_503": 2})
    summary.refused["refused_host"] += 1
    assert summary.line() == (
        "fetched: 3; unchanged: 1; skipped by robots.txt: 2; refused: 1 (refused_host=1); "
        "failed: 3 (http_503=2, timeout=1); resumed: 0; retried: 0; time: 1.50s"
    )


def test_numbered_pager_without_next_label_is_followed(server: hf.FixtureServer, tmp_path: Path) -> None:
    """The live board prints only ``1 2 3`` (no "Next"): ``fetch --jobs`` follows page N+1."""
    def board(number: int, pages: int) -> str:
        links = " ".join(f"<b>{k}</b>" if k == number else f'<a href="/board/?page={k}">{k}</a>'
                         for k in range(1, pages + 1))
        return (f'<html><body><ul><li><a href="/job/quiet-analyst-{number}00/">Quiet Analyst</a></li></ul>'
                f'<a href="/board/other/?page={number + 1}">elsewhere</a><nav>{links}</nav></body></html>')
    server.page("/board/", board(1, 3))
    server.page("/board/?page=2", board(2, 3))
    server.page("/board/?page=3", board(3, 3))
    summary = fetch(Targets(job_pages=[server.url("/board/")]), tmp_path, fast(), progress=False)
    assert summary.fetched == 3
    assert server.count("/board/?page=3") == 1 and server.count("/board/other/?page=2") == 0
    _, next_page = default_link_parser("https://aijobs.net/board/?page=3", board(3, 3).encode())
    assert next_page is None  # the last page links only back
    _, next_page = default_link_parser("https://aijobs.net/board/page/1/",
                                       b'<a href="/board/page/2/">2</a><a href="/board/page/3/">3</a>')
    assert next_page == "https://aijobs.net/board/page/2/"


def test_live_board_pages_are_followed_by_their_numbers(server: hf.FixtureServer, tmp_path: Path) -> None:
    """The board's live markup (numbered pager, no "Next"): ``fetch --jobs`` gets every page."""
    import random

    from pipeline.corpus.render_board import board_page
    from pipeline.parse.listing import parse_listing

    base = server.url("/live/jobs/")
    for number in (1, 2, 3):
        page = board_page(random.Random(number), number, 3, base_url=base, layout="live", per_page=5)
        server.page(f"/live/jobs/{'' if number == 1 else f'?page={number}'}", page.html.decode())
        assert parse_listing(page.html, page.url).next_url == page.next_url
        assert default_link_parser(page.url, page.html)[1] == page.next_url
    summary = fetch(Targets(job_pages=[base]), tmp_path, fast(), progress=False)
    assert summary.fetched == 3
