"""Which listed jobs' own pages a run fetches, and when a job page says the job is gone.

Why a module of its own: a board lists far more jobs than a polite run should ask for
(50 a page, 20 pages by default), and most of them were fetched by an earlier run. The
bound (``max_job_pages`` per run) is spent on what is worth most first:

1. **new jobs**, in the order the listings print them (newest first), queued as their
   listing page is read, so an interrupted run resumes them like any other URL;
2. **jobs fetched before**, revalidated with a conditional GET (the crawl sends the stored
   ETag / Last-Modified; an unchanged page costs a 304, no bytes) with whatever the bound
   leaves once nothing else is queued: freshness matters less than coverage, and a run
   that stops early loses only a revalidation;
3. never a job an earlier run found **gone** (404 or 410, or a redirect off the job's page
   to a listing or the home page): the board took it down, and asking again every night
   would only cost the site requests.

The bound counts the job pages in the run's frontier (pending and done), so a resumed run
keeps the budget it had; ``--max-urls`` still bounds everything together.
"""

from __future__ import annotations

import logging

from pipeline.fetch.index import FrontierItem
from pipeline.fetch.links import job_page_url
from pipeline.fetch.result import FetchResult
from pipeline.fetch.store import RawStore
from pipeline.fetch.summary import FetchSummary

log = logging.getLogger(__name__)

JOB_KIND = "job"
"""Frontier kind of a job's own page followed from a listing (recorded in its WARC record)."""
GONE_STATUSES = frozenset({404, 410})
"""A job page that answers these was taken down."""


def gone_reason(result: FetchResult) -> str | None:
    """Why a job page's fetch says the job is gone (``http_404``, ``http_410``,
    ``redirected_off_job``), or ``None`` when it does not.

    A redirect to a page that is no job page (the listing, the home page) is how many
    boards answer for a job they took down; storing that page under the job's URL would
    give the listing's cards a second sighting each.
    """
    if result.outcome == "failed" and result.status in GONE_STATUSES:
        return f"http_{result.status}"
    if result.outcome == "fetched" and job_page_url(result.final_url) is None:
        return "redirected_off_job"
    return None


class JobPages:
    """One run's admission of job pages: new ones now, known ones last, gone ones never."""

    def __init__(self, store: RawStore, bound: int, summary: FetchSummary) -> None:
        self.store = store
        self.bound = bound
        self.summary = summary
        self._known: dict[str, None] = {}
        """Job pages fetched by an earlier run, to revalidate at the end (in listing order)."""
        self._left: set[str] = set()
        """Job pages not taken for the bound (counted once however many listings print them)."""

    def room(self) -> int:
        """Job pages this run may still queue."""
        return max(0, self.bound - self.store.frontier_count(JOB_KIND))

    def admit(self, found: list[FrontierItem]) -> list[FrontierItem]:
        """``found`` with its job pages sorted out: new ones kept while the bound allows,
        known ones put aside for :meth:`revalidate`, gone ones dropped (``job_gone``)."""
        kept: list[FrontierItem] = []
        room = self.room()
        for item in found:
            if item.kind != JOB_KIND:
                kept.append(item)
            elif self.store.kind_of(item.url) is not None or item.url in self._known:
                continue  # already queued this run (another listing page, a target, a retry)
            elif self.store.is_gone(item.url):
                self.summary.ignored["job_gone"] += 1
            elif self.store.previous(item.url) is not None:
                self._known[item.url] = None
            elif room > 0:
                kept.append(item)
                room -= 1
            else:
                self._leave(item.url)
        return kept

    def revalidate(self) -> list[FrontierItem]:
        """The known job pages to ask again (conditionally), as many as the bound leaves.

        Called when nothing else is queued; each known page is offered once per run."""
        room = self.room()
        out: list[FrontierItem] = []
        for url in self._known:
            if self.store.kind_of(url) is not None:
                continue
            if room > 0:
                out.append(FrontierItem(url, JOB_KIND))
                room -= 1
            else:
                self._leave(url)
        self._known.clear()
        if self._left:
            log.info("%d listed job pages left for a later run: at most %d a run (max_job_pages)",
                     len(self._left), self.bound)
        return out

    def _leave(self, url: str) -> None:
        if url not in self._left:
            self._left.add(url)
            self.summary.ignored["max_job_pages"] += 1
