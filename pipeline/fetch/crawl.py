"""The fetch run: targets in, WARC captures out; polite, bounded and resumable.

Why a persisted frontier: a crawl at one request per second takes a while, and gets
interrupted. Every URL to fetch is a row of the index's ``frontier`` table, marked done in
the same transaction that records its capture and the links found on it; an interrupted
run leaves the table behind, and the next run picks up the pending rows (done ones are
not fetched again). A run that completes empties the table, so the following run is a
fresh, conditional (ETag / Last-Modified) re-crawl. Failed URLs are recorded and tried
again by the next runs.

A job board's listing pages (``--jobs``) lead to each listed job's own page (frontier kind
``job``), within a per-run bound, new jobs first and taken-down ones never again
(:mod:`pipeline.fetch.job_pages`); links are found by :mod:`pipeline.fetch.links`.

Threads only fetch (the client is thread-safe and rate-limits per host); the main thread
parses links and writes the store, so SQLite and the WARC file have a single writer.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from pipeline.common.lock import run_lock
from pipeline.errors import UsageError
from pipeline.fetch.body import BodyError
from pipeline.fetch.client import Client
from pipeline.fetch.index import FrontierItem, PreviousCapture
from pipeline.fetch.job_pages import JOB_KIND, JobPages, gone_reason
from pipeline.fetch.links import (
    LinkParser,
    default_link_parser,
    is_article_url,
    page_links,
    parse_sitemap,
)
from pipeline.fetch.policy import FetchSettings, RefusedError, check_url, url_host
from pipeline.fetch.result import FetchResult, utc_now
from pipeline.fetch.store import RawStore
from pipeline.fetch.summary import FetchSummary

__all__ = [
    "FETCH_LOCK_NAME", "FetchSummary", "LinkParser", "Targets", "default_link_parser", "fetch",
    "is_article_url", "parse_sitemap",
]

log = logging.getLogger(__name__)

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
    """Job board listings: stored, their pagination followed, and their jobs' own pages fetched
    (``max_job_pages`` a run)."""

    def items(self) -> list[FrontierItem]:
        """The frontier rows for these targets, page 0 of each chain."""
        out = [FrontierItem(u, "url") for u in self.urls]
        out += [FrontierItem(u, "sitemap") for u in self.sitemaps]
        out += [FrontierItem(u, "index") for u in self.index_pages]
        out += [FrontierItem(u, "jobs") for u in self.job_pages]
        return out


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
        self.jobs = JobPages(store, settings.max_job_pages, self.summary)

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
            while True:
                while self.queue and len(running) < concurrency:
                    item = self.queue.popleft()
                    running[pool.submit(self._get, item, self.store.previous(item.url))] = item
                if not running:  # nothing else to do: the known job pages' turn, then the end
                    added = self.revalidate_jobs()
                    if not added:
                        break
                    self.queue.extend(added)
                    bar.total += len(added)
                    continue
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

    def revalidate_jobs(self) -> list[FrontierItem]:
        """Queue the job pages an earlier run fetched, to ask again with a conditional GET."""
        with self.store.transaction():
            added, dropped = self.store.enqueue(self.jobs.revalidate(), limit=self.settings.max_urls)
        if dropped:
            self.summary.refused["max_urls"] += dropped
        return added

    def handle(self, item: FrontierItem, result: FetchResult) -> list[FrontierItem]:
        """Store one result, queue its links, mark it done: all in one transaction."""
        found: list[FrontierItem] = []
        gone = gone_reason(result) if item.kind == JOB_KIND else None
        if result.outcome == "fetched" and item.kind in _FOLLOWED_KINDS:
            found = self.discover(item, result.final_url, result.body)
        elif result.outcome == "not_modified" and item.kind in _FOLLOWED_KINDS:
            body = self.store.load_body(item.url)
            if body is None:
                log.warning("%s is unchanged but its stored copy is missing: links not followed", item.url)
            else:
                found = self.discover(item, result.final_url, body)
        summary = self.summary
        outcome: str = result.outcome
        with self.store.transaction():
            found = self.jobs.admit(found)
            if gone is not None:
                log.info("job page %s is gone (%s): not asked for again", item.url, gone)
                self.store.record_failure(item, result, gone=gone)
                outcome = "gone"
            elif result.outcome == "fetched":
                stored = self.store.save(result)
                if stored == "response":
                    summary.fetched += 1
                else:
                    summary.unchanged += 1
                    outcome = "unchanged"
                self.store.clear_failure(item.url)
            elif result.outcome == "not_modified":
                self.store.touch(result)
                summary.unchanged += 1
                outcome = "unchanged"
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
        if item.kind == JOB_KIND:
            summary.job_pages[outcome] += 1
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
            follow_jobs = item.kind == "jobs" and self.settings.max_job_pages > 0
            builtin = self.parse_links is default_link_parser
            links = page_links(page_url, body) if builtin or follow_jobs else None
            if builtin and links is not None:  # the built-in parser also counts what it leaves
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
            if follow_jobs and links is not None:  # after the next page: the listing goes on meanwhile
                found += [FrontierItem(u, JOB_KIND) for u in links.jobs]
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
            store.finish(run.summary.line(), run.summary.counts_json())
            log.info("fetch done: %s", run.summary.line())
            return run.summary
    finally:
        if client is None:
            http.close()
