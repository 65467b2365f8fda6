"""Issue 15: a fetch against hostile servers and careless settings says what it did and never stalls.

Every server is the fixture server on 127.0.0.1 (127.0.0.2 plays "a host that is not
allowed" and is never contacted); timeouts and delays are fractions of a second.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline import exitcodes
from pipeline.common.lock import LockBusyError
from pipeline.errors import UsageError
from pipeline.fetch import Client, Targets, fetch
from pipeline.fetch.crawl import FETCH_LOCK_NAME
from pipeline.fetch.policy import FetchSettings
from pipeline.fetch.store import RawStore
from tests import httpfixture as hf
from tests.fetch.test_fetch import article, fast, gaps


@pytest.fixture
def server() -> Iterator[hf.FixtureServer]:
    with hf.running_server() as srv:
        yield srv


def rolescope(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, check=False, cwd=cwd
    )


# -- item 10: Crawl-delay is capped -------------------------------------------------------


def test_a_huge_crawl_delay_is_capped_and_logged_once_per_host(
    server: hf.FixtureServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.page("/robots.txt", "User-agent: *\nCrawl-delay: 100000\n", "text/plain")
    server.page("/p", "p")
    caplog.set_level(logging.WARNING, "pipeline.fetch")
    with Client(fast(max_crawl_delay=0.3)) as http:
        started = time.monotonic()
        for _ in range(3):
            assert http.get(server.url("/p")).outcome == "fetched"
        # the same host by another origin (name) shares the cap warning
        assert http.limiter.interval("127.0.0.1") == pytest.approx(0.3)
    assert time.monotonic() - started < 2.0
    times = [h.at for h in server.hits if h.path == "/p"]
    assert min(gaps(times)) >= 0.2  # the capped delay (0.3 s) less a loaded machine's jitter; plain rate 0.02
    capped = [r for r in caplog.records if "Crawl-delay" in r.getMessage()]
    assert len(capped) == 1 and "max_crawl_delay" in capped[0].getMessage()


def test_max_crawl_delay_defaults_to_a_minute_and_is_a_setting() -> None:
    assert FetchSettings().max_crawl_delay == 60.0
    proc = rolescope("fetch", "--show-settings", "--max-crawl-delay", "5")
    assert proc.returncode == 0, proc.stderr
    assert "max_crawl_delay = 5.0" in proc.stdout


# -- item 16: one fetch per raw store -----------------------------------------------------


def test_a_second_fetch_on_the_same_raw_store_exits_4_without_fetching(
    server: hf.FixtureServer, tmp_path: Path
) -> None:
    release = threading.Event()
    server.route("/insights/a-vs-b", hf.hold(release, hf.status(200, article("a", "b").encode())))
    server.page("/insights/c-vs-d", article("c", "d"))
    settings = fast(respect_robots=False, timeout=5.0)
    first: dict[str, object] = {}

    def first_fetch() -> None:
        first["summary"] = fetch(Targets(urls=[server.url("/insights/a-vs-b")]), tmp_path, settings,
                                 progress=False)

    worker = threading.Thread(target=first_fetch)
    worker.start()
    try:
        deadline = time.monotonic() + 5
        while not server.count("/insights/a-vs-b") and time.monotonic() < deadline:
            time.sleep(0.02)
        with pytest.raises(LockBusyError, match="another fetch"):
            fetch(Targets(urls=[server.url("/insights/c-vs-d")]), tmp_path, settings, progress=False)
        proc = rolescope("fetch", "--raw", str(tmp_path), "--urls", server.url("/insights/c-vs-d"),
                         "--allow-host", "127.0.0.1")
        assert proc.returncode == exitcodes.LOCK_BUSY, proc.stderr
        assert proc.stderr.count("\n") == 1 and "another fetch is writing" in proc.stderr
    finally:
        release.set()
        worker.join(10)
    assert server.count("/insights/c-vs-d") == 0
    assert (tmp_path / FETCH_LOCK_NAME).exists()
    # the lock is released: a later fetch runs
    summary = fetch(Targets(urls=[server.url("/insights/c-vs-d")]), tmp_path, settings, progress=False)
    assert summary.fetched == 1


# -- item 21: non-finite numbers are usage errors, not tracebacks -------------------------


@pytest.mark.parametrize("value", ["inf", "nan"])
def test_fetch_rate_inf_or_nan_is_a_one_line_usage_error(value: str, tmp_path: Path) -> None:
    proc = rolescope("fetch", f"--rate={value}", "--urls", "http://127.0.0.1:9/x", "--raw", str(tmp_path))
    assert proc.returncode == exitcodes.USAGE
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and "--rate" in proc.stderr


# -- item 22: fetch says what it refused and why ------------------------------------------


def test_a_refused_host_is_named_with_the_allow_host_hint(server: hf.FixtureServer, tmp_path: Path) -> None:
    offsite = server.url("/insights/x-vs-y", host="127.0.0.2")
    summary = fetch(Targets(urls=[offsite]), tmp_path, fast(respect_robots=False), progress=False)
    assert summary.refused == {"refused_host": 1}
    assert summary.refused_hosts == {"127.0.0.2": 1}
    assert "hosts not allowed: 127.0.0.2 (1): add --allow-host HOST" in summary.line()


@pytest.mark.parametrize(
    ("value", "hint"),
    [("127.0.0.1:8080", "'127.0.0.1'"), ("https://aijobs.net/", "'aijobs.net'"), ("a b", "")],
)
def test_allow_host_with_a_port_or_a_url_is_a_usage_error(value: str, hint: str, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is not a host name") as caught:
        FetchSettings().with_hosts([value])
    assert hint in str(caught.value)
    assert FetchSettings().with_hosts(["::1", "[::2]", "Example.org."]).allow_hosts[-3:] == (
        "::1",
        "::2",
        "example.org",
    )
    proc = rolescope("fetch", "--allow-host", value, "--urls", "http://127.0.0.1:9/x", "--raw", str(tmp_path))
    assert proc.returncode == exitcodes.USAGE and "is not a host name" in proc.stderr


def test_sitemap_urls_that_are_not_articles_are_counted(server: hf.FixtureServer, tmp_path: Path) -> None:
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    pages = ["/insights/a-vs-b", "/jobs/1", "/about", "/insights/"]
    urlset = "".join(f"<url><loc>{server.url(p)}</loc></url>" for p in pages)
    server.page("/sitemap.xml", f"<urlset {ns}>{urlset}</urlset>", "application/xml")
    server.page("/insights/a-vs-b", article("a", "b"))
    summary = fetch(Targets(sitemaps=[server.url("/sitemap.xml")]), tmp_path, fast(respect_robots=False),
                    progress=False)
    assert summary.fetched == 2
    assert summary.ignored == {"not_article_url": 3}
    assert "ignored: 3 (not_article_url=3)" in summary.line()


def test_index_links_that_are_not_articles_are_counted(server: hf.FixtureServer, tmp_path: Path) -> None:
    links = ["/insights/a-vs-b", "/insights/a-vs-b#top", "/about", "/about", "/insights/",
             "mailto:team@example.invalid", "/insights/?page=2"]
    anchors = "".join(f'<a href="{server.url(p) if p.startswith("/") else p}">x</a>' for p in links)
    server.page("/insights/", f"<html><body>{anchors}</body></html>")
    server.page("/insights/?page=2", "<html><body><a href='/terms'>terms</a></body></html>")
    server.page("/insights/a-vs-b", article("a", "b"))
    summary = fetch(Targets(index_pages=[server.url("/insights/")]), tmp_path, fast(respect_robots=False),
                    progress=False)
    assert summary.fetched == 3  # the index, its page 2 and the one article
    # /about and /insights/ on page 1 (mailto is not http, ?page=2 is followed), /terms on page 2
    assert summary.ignored == {"not_article_link": 3}
    assert "not_article_link=3" in summary.line()


def test_unreachable_robots_is_a_failure_not_a_robots_skip(server: hf.FixtureServer, tmp_path: Path) -> None:
    server.route("/robots.txt", hf.status(503, b"down"))
    server.page("/insights/a-vs-b", article("a", "b"))
    summary = fetch(Targets(urls=[server.url("/insights/a-vs-b")]), tmp_path, fast(), progress=False)
    assert summary.skipped_robots == 0
    assert summary.failed == {"robots_unreachable": 1}
    assert server.count("/insights/a-vs-b") == 0


# -- item 17: a signal stops fetch cleanly ------------------------------------------------


def test_sigterm_stops_fetch_with_143_and_keeps_the_frontier(
    server: hf.FixtureServer, tmp_path: Path
) -> None:
    release = threading.Event()
    server.route("/insights/a-vs-b", hf.hold(release, hf.status(200, article("a", "b").encode())))
    environ = {k: v for k, v in os.environ.items() if not k.startswith("ROLESCOPE_")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "fetch", "--raw", str(tmp_path), "--allow-host", "127.0.0.1",
         "--urls", server.url("/insights/a-vs-b"), "--timeout", "5"],
        stderr=subprocess.PIPE, text=True, env=environ,
    )
    try:
        deadline = time.monotonic() + 10
        while not server.count("/insights/a-vs-b") and time.monotonic() < deadline:
            time.sleep(0.02)
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=20)
    finally:
        release.set()
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == exitcodes.TERMINATED, stderr
    assert "Traceback" not in stderr and "interrupted by SIGTERM" in stderr
    with RawStore(tmp_path) as store:
        assert [item.url for item in store.pending()] == [server.url("/insights/a-vs-b")]


def test_fetch_log_json_writes_only_json_lines(tmp_path: Path) -> None:
    """Item 19 for fetch: the refusal warning and the summary are JSON objects too."""
    offsite = "http://127.0.0.2:9/insights/a-vs-b"  # refused by the policy before any traffic
    proc = rolescope("fetch", "--log-json", "--raw", str(tmp_path), "--urls", offsite)
    assert proc.returncode == 0, proc.stderr
    entries = [json.loads(line) for line in proc.stderr.splitlines()]
    assert len(entries) >= 2 and all(e["time"].endswith("Z") for e in entries)
    assert entries[-1]["summary"]["refused_hosts"] == {"127.0.0.2": 1}
    assert any("--allow-host" in e["message"] for e in entries[:-1])
