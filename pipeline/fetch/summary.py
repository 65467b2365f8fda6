"""What a fetch run did: the counts behind its summary line, ``--log-json`` summary and ``runs`` row.

Why a module of its own: the crawl fills the counts as it goes, the command line prints
them and the raw store's index keeps them; none of these needs the others to read them.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

JOB_PAGE_OUTCOMES = ("fetched", "unchanged", "gone", "failed", "refused", "skipped_robots")
"""What became of a job's own page followed from a listing (``job_pages`` keys)."""


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
    is not a ``/insights/<a>-vs-<b>`` comparison), ``sitemap_too_deep``, ``max_job_pages`` (a
    listed job past this run's bound), ``job_gone`` (a job page an earlier run found taken down)."""
    refused_hosts: Counter[str] = field(default_factory=Counter)
    """Hosts refused ``refused_host``, so the summary can name them and point at ``--allow-host``."""
    job_pages: Counter[str] = field(default_factory=Counter)
    """Jobs' own pages followed from a listing, by outcome (:data:`JOB_PAGE_OUTCOMES`): also
    counted in ``fetched``, ``unchanged``, ``failed`` and ``refused``, except ``gone`` (a 404
    or 410, or a redirect off the job: the job was taken down), which is no failure."""
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
            "job_pages": {k: self.job_pages[k] for k in JOB_PAGE_OUTCOMES},
            "resumed": self.resumed,
            "retried": self.retried,
            "seconds": round(self.seconds, 3),
        }

    def counts_json(self) -> str:
        """:meth:`fields` as one line of JSON, sorted: what the index keeps in ``runs.counts``."""
        return json.dumps(self.fields(), sort_keys=True, separators=(",", ":"))

    def line(self) -> str:
        """The one-paragraph summary printed on stderr."""

        def counted(counter: Counter[str]) -> str:
            reasons = ", ".join(f"{k}={v}" for k, v in sorted(counter.items()) if v)
            return f"{sum(counter.values())}{f' ({reasons})' if reasons else ''}"

        line = (
            f"fetched: {self.fetched}; unchanged: {self.unchanged}; "
            f"skipped by robots.txt: {self.skipped_robots}; refused: {counted(self.refused)}; "
            f"failed: {counted(self.failed)}; "
            + (f"ignored: {counted(self.ignored)}; " if self.ignored else "")
            + (f"job pages: {counted(self.job_pages)}; " if +self.job_pages else "")
            + f"resumed: {self.resumed}; retried: {self.retried}; time: {self.seconds:.2f}s"
        )
        if self.refused_hosts:
            hosts = ", ".join(f"{host} ({n})" for host, n in sorted(self.refused_hosts.items()))
            line += f"; hosts not allowed: {hosts}: add --allow-host HOST to fetch from one"
        return line
