"""The fetch run: targets in, WARC captures out; polite, bounded and resumable.

Why a persisted frontier: a crawl at one request per second takes a while, and gets
interrupted. Every URL to fetch is a row of the index's ``frontier`` table, marked done in
the same transaction that records its capture and the links found on it; an interrupted
run leaves the table behind, and the next run picks up the pending rows (done ones are
not fetched again). A run that completes empties the table, so the following run is a
fresh, conditional (ETag / Last-Modified) re-crawl. Failed URLs are recorded and tried
again by the next runs.

Threads only fetch (the client is thread-safe and rate-limits per host); the main thread
parses links and writes the store, so SQLite and the WARC file have a single writer.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter, deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html
from lxml import etree
from tqdm import tqdm

from pipeline.common.lock import run_lock
from pipeline.common.pages import listing_path, page_number
from pipeline.errors import UsageError
from pipeline.fetch.body import BodyError, gunzip_bounded
from pipeline.fetch.client import Client
from pipeline.fetch.index import FrontierItem, PreviousCapture
from pipeline.fetch.policy import FetchSettings, RefusedError, check_url, url_host
from pipeline.fetch.result import FetchResult, utc_now
from pipeline.fetch.store import RawStore

log = logging.getLogger(__name__)

LinkParser = Callable[[str, bytes], tuple[list[str], str | None]]
"""``(page_url, html_bytes) -> (article_urls, next_page_url)``: how links are found on a listing page."""

ARTICLE_PATH = re.compile(
    r"^/insights/[a-z0-9]+(?:-[a-z0-9]+)*-vs-[a-z0-9]+(?:-[a-z0-9]+)*/?$", re.IGNORECASE
)
"""Path of a career-comparison article: ``/insights/<role-a>-vs-<role-b>``."""

_NEXT_TEXTS = frozenset({"next", "next page", "next ›", "next »", "next >", "next →", "›", "»", "→"})
_MAX_SITEMAP_DEPTH = 3  # sitemap index -> sitemap (-> one more level for non-conforming sites)
_FOLLOWED_KINDS = frozenset({"sitemap", "index", "jobs"})
FETCH_LOCK_NAME = ".rolescope-fetch.lock"
"""The raw store's lock file (hidden, so ``run`` never reads it as a document)."""


@dataclass(frozen=True, slots=True)
class Targets:
    """What to fetch, by how to follow it."""

    urls: Sequence[str] = ()
    """Pages fetched as they are (articles, job pages); no links followed."""
    sitemaps: Sequence[str] = ()
    """Sitemaps or sitemap indexes (plain or gzipped XML); their comparison-article URLs are fetched."""
    index_pages: Sequence[str] = ()
    """Listing pages: their comparison-article links and their pagination are followed."""
    job_pages: Sequence[str] = ()
    """Job board pages: stored, and their pagination followed."""

    def items(self) -> list[FrontierItem]:
        """The frontier rows for these targets, page 0 of each chain."""
        out = [FrontierItem(u, "url") for u in self.urls]
        out += [FrontierItem(u, "sitemap") for u in self.sitemaps]
        out += [FrontierItem(u, "index") for u in self.index_pages]
        out += [FrontierItem(u, "jobs") for u in self.job_pages]
        return out


@dataclass(slots=True)
class FetchSummary:
    """What a fetch run did, for the summary line and for scripts."""

    fetched: int = 0
    """New captures (WARC response records)."""
    unchanged: int = 0
    """304 Not Modified, or a payload identical to one already stored (a revisit record)."""
    skipped_robots: int = 0
    refused: Counter[str] = field(default_factory=Counter)
    """By reason: refused_host, refused_address, bad_content_type, too_large, max_urls, ...."""
    failed: Counter[str] = field(default_factory=Counter)
    """By reason: timeout, connection_error, http_503, too_many_redirects, robots_unreachable, ...."""
    ignored: Counter[str] = field(default_factory=Counter)
    """URLs found but not followed on purpose, by reason: ``not_article_url`` (a sitemap entry that
    is not a ``/insights/<a>-vs-<b>`` comparison), ``sitemap_too_deep``."""
    refused_hosts: Counter[str] = field(default_factory=Counter)
    """Hosts refused ``refused_host``, so the summary can name them and point at ``--allow-host``."""
    resumed: int = 0
    """URLs left pending by an interrupted run and taken up by this one."""
    retried: int = 0
    """URLs that had failed in an earlier run and were tried again."""
    seconds: float = 0.0
    warc_file: Path | None = None
    """This run's WARC file, None when nothing new was stored."""

    def fields(self) -> dict[str, Any]:
        """The summary's counts as data (the ``summary`` object of a ``--log-json`` line)."""
        return {
            "fetched": self.fetched,
            "unchanged": self.unchanged,
            "skipped_robots": self.skipped_robots,
            "refused": dict(sorted(self.refused.items())),
            "failed": dict(sorted(self.failed.items())),
            "ignored": dict(sorted(self.ignored.items())),
            "refused_hosts": dict(sorted(self.refused_hosts.items())),
            "resumed": self.resumed,
            "retried": self.retried,
            "seconds": round(self.seconds, 3),
        }

    def line(self) -> str:
        """The one-paragraph summary printed on stderr."""

        def counted(counter: Counter[str]) -> str:
            reasons = ", ".join(f"{k}={v}" for k, v in sorted(counter.items()))
            return f"{sum(counter.values())}{f' ({reasons})' if reasons else ''}"

        line = (
            f"fetched: {self.fetched}; unchanged: {self.unchanged}; "
            f"skipped by robots.txt: {self.skipped_robots}; refused: {counted(self.refused)}; "
            f"failed: {counted(self.failed)}; "
            + (f"ignored: {counted(self.ignored)}; " if self.ignored else "")
            + f"resumed: {self.resumed}; retried: {self.retried}; time: {self.seconds:.2f}s"
        )
        if self.refused_hosts:
            hosts = ", ".join(f"{host} ({n})" for host, n in sorted(self.refused_hosts.items()))
            line += f"; hosts not allowed: {hosts}: add --allow-host HOST to fetch from one"
        return line


def is_article_url(url: str) -> bool:
    """Whether ``url`` is an http(s) ``/insights/<a>-vs-<b>`` comparison article."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(ARTICLE_PATH.match(parts.path))


@dataclass(frozen=True, slots=True)
class PageLinks:
    """What a listing page links to: comparison articles, its next page, and how many other links."""

    articles: list[str]
    next_page: str | None
    others: int
    """Distinct http(s) links that are neither an article nor the next page: not followed,
    and counted so a fetch says what it left (``ignored: not_article_link``)."""


def page_links(url: str, html: bytes) -> PageLinks:
    """The links of a listing page: see :func:`default_link_parser`, plus the count of the rest."""
    try:
        doc = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        log.warning("no HTML to find links in at %s", url)
        return PageLinks([], None, 0)
    base = url
    for href in doc.xpath("//base/@href")[:1]:
        base = urljoin(url, str(href).strip())
    articles: list[str] = []
    others: set[str] = set()
    for anchor in doc.iter("a"):
        href = anchor.get("href")
        if href:
            absolute = urldefrag(urljoin(base, href.strip())).url
            if is_article_url(absolute):
                if absolute not in articles:
                    articles.append(absolute)
            elif urlsplit(absolute).scheme in ("http", "https"):
                others.add(absolute)
    next_page = _next_link(doc, base, url)
    others.discard(next_page or "")
    return PageLinks(articles, next_page, len(others))


def default_link_parser(url: str, html: bytes) -> tuple[list[str], str | None]:
    """Comparison-article links of a listing page, and its next page.

    Links are every ``a[href]`` resolved against the page (or its ``<base href>``),
    fragments dropped, kept when the path is ``/insights/<a>-vs-<b>``; hosts are checked
    by the crawl. The next page is a ``link``/``a`` with ``rel=next``, else an anchor
    whose text (or aria-label) is "Next", "›" or "»", else the numbered link to the page
    after this one (``?page=2`` on page 1).
    """
    links = page_links(url, html)
    return links.articles, links.next_page


def _next_link(doc: Any, base: str, url: str | None = None) -> str | None:
    """``rel=next``; else an anchor labelled Next (or an arrow); else, on a numbered pager
    with no such label (the live board prints only ``1 2 3``), the link to page N+1 of the
    same listing, N being the page's own number (1 when its URL names none)."""
    for element in doc.xpath("//link[@rel] | //a[@rel]"):
        href = element.get("href")
        if href and "next" in element.get("rel", "").lower().split():
            return urldefrag(urljoin(base, href.strip())).url
    numbered: str | None = None
    current = url or base
    wanted = (page_number(current) or 1) + 1
    for anchor in doc.iter("a"):
        href = anchor.get("href")
        if not href:
            continue
        text = " ".join(anchor.text_content().split()).lower()
        label = " ".join((anchor.get("aria-label") or "").split()).lower()
        if text in _NEXT_TEXTS or label in ("next", "next page"):
            return urldefrag(urljoin(base, href.strip())).url
        absolute = urldefrag(urljoin(base, href.strip())).url
        if (numbered is None and page_number(absolute) == wanted
                and listing_path(absolute) == listing_path(current)):
            numbered = absolute
    return numbered


def parse_sitemap(body: bytes, max_bytes: int, max_urls: int) -> tuple[list[str], list[str]]:
    """``(child sitemaps, page URLs)`` of a sitemap index or urlset, plain or gzipped.

    Bounded: the gunzipped size by ``max_bytes``, the URLs taken by ``max_urls``; entities
    and DTDs are not loaded (no XML bombs, no network).
    """
    if body[:2] == b"\x1f\x8b":
        body = gunzip_bounded(body, max_bytes)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             recover=True)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        return [], []
    locs = [" ".join(str(t).split()) for t in root.xpath("//*[local-name()='loc']/text()")][:max_urls]
    locs = [loc for loc in locs if loc]
    if etree.QName(root).localname == "sitemapindex":
        return locs, []
    return [], locs


class _Run:
    """One fetch run's state: the store, the client, the queue and the counts."""

    def __init__(
        self, store: RawStore, client: Client, settings: FetchSettings, parse_links: LinkParser
    ) -> None:
        self.store = store
        self.client = client
        self.settings = settings
        self.parse_links = parse_links
        self.summary = FetchSummary()
        self.queue: deque[FrontierItem] = deque()

    def start(self, targets: Targets) -> None:
        """Queue the interrupted run's pending URLs, the targets, and earlier failures."""
        with self.store.transaction():
            self.summary.resumed = len(self.store.pending())
            self.store.enqueue(targets.items())
            retried, _ = self.store.enqueue(self.store.retryable(self.settings.max_failed_runs))
            self.summary.retried = len(retried)
        if self.summary.resumed:
            log.info("resuming %d URLs left pending by an interrupted run", self.summary.resumed)
        self.queue.extend(self.store.pending())

    def loop(self, progress: bool) -> None:
        """Fetch until the queue is empty, ``concurrency`` requests at a time."""
        concurrency = max(1, self.settings.concurrency)
        running: dict[Future[FetchResult], FrontierItem] = {}
        bar = tqdm(total=len(self.queue), disable=None if progress else True, unit="url", desc="fetch")
        pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="rolescope-fetch")
        try:
            while self.queue or running:
                while self.queue and len(running) < concurrency:
                    item = self.queue.popleft()
                    running[pool.submit(self._get, item, self.store.previous(item.url))] = item
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    added = self.handle(running.pop(future), future.result())
                    self.queue.extend(added)
                    bar.total += len(added)
                    bar.update(1)
        finally:
            pool.shutdown(wait=not running, cancel_futures=True)
            bar.close()

    def _get(self, item: FrontierItem, previous: PreviousCapture | None) -> FetchResult:
        """One URL in a worker thread; a bug becomes a failed result, not a dead run."""
        try:
            return self.client.get(
                item.url,
                etag=previous.etag if previous else None,
                last_modified=previous.last_modified if previous else None,
            )
        except Exception:
            log.exception("unexpected error fetching %s", item.url)
            return FetchResult(item.url, item.url, None, [], b"", utc_now(), "failed", "internal_error")

    def handle(self, item: FrontierItem, result: FetchResult) -> list[FrontierItem]:
        """Store one result, queue its links, mark it done: all in one transaction."""
        found: list[FrontierItem] = []
        if result.outcome == "fetched" and item.kind in _FOLLOWED_KINDS:
            found = self.discover(item, result.final_url, result.body)
        elif result.outcome == "not_modified" and item.kind in _FOLLOWED_KINDS:
            body = self.store.load_body(item.url)
            if body is None:
                log.warning("%s is unchanged but its stored copy is missing: links not followed", item.url)
            else:
                found = self.discover(item, result.final_url, body)
        summary = self.summary
        with self.store.transaction():
            if result.outcome == "fetched":
                stored = self.store.save(result)
                if stored == "response":
                    summary.fetched += 1
                else:
                    summary.unchanged += 1
                self.store.clear_failure(item.url)
            elif result.outcome == "not_modified":
                self.store.touch(result)
                summary.unchanged += 1
                self.store.clear_failure(item.url)
            elif result.outcome == "skipped_robots":
                summary.skipped_robots += 1
                self.store.clear_failure(item.url)
            else:
                counter = summary.refused if result.outcome == "refused" else summary.failed
                counter[result.reason or result.outcome] += 1
                if result.reason == "refused_host":
                    summary.refused_hosts[url_host(result.final_url) or "(none)"] += 1
                self.store.record_failure(item, result)
            added, dropped = self.store.enqueue(found, limit=self.settings.max_urls)
            self.store.mark_done(item.url)
        if dropped:
            summary.refused["max_urls"] += dropped
            log.warning("dropped %d links from %s: the run already has %d URLs", dropped, item.url,
                        self.settings.max_urls)
        return added

    def discover(self, item: FrontierItem, page_url: str, body: bytes) -> list[FrontierItem]:
        """The URLs to follow from a sitemap, listing or job board page, on allowed hosts only."""
        found: list[FrontierItem] = []
        if item.kind == "sitemap":
            try:
                children, pages = parse_sitemap(body, self.settings.max_bytes, self.settings.max_sitemap_urls)
            except BodyError as error:
                log.warning("unreadable sitemap %s: %s", item.url, error)
                return []
            if item.page + 1 < _MAX_SITEMAP_DEPTH:
                found += [FrontierItem(u, "sitemap", item.page + 1) for u in children]
            elif children:
                self.summary.ignored["sitemap_too_deep"] += len(children)
                log.warning("not following %d sitemaps listed in %s: deeper than %d levels",
                            len(children), item.url, _MAX_SITEMAP_DEPTH)
            articles = [u for u in pages if is_article_url(u)]
            if len(articles) < len(pages):
                self.summary.ignored["not_article_url"] += len(pages) - len(articles)
                log.info("%s: %d of %d URLs are not comparison articles (/insights/<a>-vs-<b>): skipped",
                         item.url, len(pages) - len(articles), len(pages))
            found += [FrontierItem(u, "article") for u in articles]
        else:
            if self.parse_links is default_link_parser:  # the built-in parser also counts what it leaves
                links = page_links(page_url, body)
                articles, next_page = links.articles, links.next_page
                if item.kind == "index" and links.others:
                    self.summary.ignored["not_article_link"] += links.others
                    log.info("%s: %d links are not comparison articles (/insights/<a>-vs-<b>): not followed",
                             item.url, links.others)
            else:
                articles, next_page = self.parse_links(page_url, body)
            if item.kind == "index":
                found += [FrontierItem(u, "article") for u in articles]
            if next_page and item.page + 1 < self.settings.max_pages:
                found.append(FrontierItem(next_page, item.kind, item.page + 1))
            elif next_page:
                log.info("not following %s past %d pages (max_pages)", item.url, self.settings.max_pages)
        kept: list[FrontierItem] = []
        for candidate in found:
            try:
                check_url(candidate.url, self.settings)
            except RefusedError as refusal:
                self.summary.refused[refusal.reason] += 1
                if refusal.reason == "refused_host":
                    self.summary.refused_hosts[url_host(candidate.url) or "(none)"] += 1
                log.info("not following %s from %s: %s", candidate.url, page_url, refusal.reason)
                continue
            kept.append(candidate)
        return kept


def fetch(
    targets: Targets,
    raw_dir: Path,
    settings: FetchSettings,
    *,
    parse_links: LinkParser | None = None,
    progress: bool = True,
    client: Client | None = None,
) -> FetchSummary:
    """Fetch ``targets`` (and what they lead to) into ``raw_dir/warc/``; resume an interrupted run.

    ``client`` is for tests (an injected resolver or clock); by default one is built from
    ``settings`` and closed at the end. On KeyboardInterrupt the state is saved (pending
    URLs stay in the frontier, every written record is complete) and the interrupt is
    re-raised; running ``fetch`` again resumes. One fetch at a time per raw store: a second
    one raises :class:`~pipeline.common.lock.LockBusyError` at once.
    """
    if settings.rate <= 0 or settings.concurrency < 1 or settings.max_tries < 1:
        raise UsageError("fetch settings need rate > 0, concurrency >= 1 and max_tries >= 1")
    started = time.monotonic()
    Path(raw_dir).mkdir(parents=True, exist_ok=True)
    http = client or Client(settings)
    try:
        with run_lock(Path(raw_dir), name=FETCH_LOCK_NAME, holder="another fetch is writing"), \
                RawStore(raw_dir) as store:
            run = _Run(store, http, settings, parse_links or default_link_parser)
            try:
                run.start(targets)
                run.loop(progress)
            except KeyboardInterrupt:
                log.warning("fetch interrupted: %d URLs pending in %s; run again to resume",
                            len(store.pending()), store.root)
                raise
            finally:
                run.summary.seconds = time.monotonic() - started
                run.summary.warc_file = store.warc_path
            with store.transaction():
                store.clear_frontier()
            store.finish(run.summary.line())
            log.info("fetch done: %s", run.summary.line())
            return run.summary
    finally:
        if client is None:
            http.close()
