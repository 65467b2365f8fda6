"""Polite fetching into an immutable raw store (WARC), and reading it back without the network.

Takes URLs (targets, sitemaps, listing pages) and the site's robots.txt; gives WARC captures
and their index, and captures read back, from its own WARC files and from other tools' web
archives (ARC files, WACZ packages). Must never parse a document into records.

``fetch`` runs a crawl (targets, frontier, resume, summary); ``Client`` is the one polite
HTTP client; ``iter_captures`` reads the archived responses for parsing. See the modules
for the why: ``policy`` (settings, hosts, addresses), ``result``, ``client`` (with ``transport``,
``body``, ``pacing``, ``robots``), ``store`` (with ``index``, ``warc_writer``, ``warc_reader``),
``crawl`` (with ``links``: what a page links to, ``job_pages``: which listed jobs' pages a
run fetches, ``summary``: its counts); ``archives`` (with ``wacz``) reads the input folder's
web archives of every kind.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "Client": "client",
    "FetchSummary": "summary",
    "LinkParser": "links",
    "Targets": "crawl",
    "default_link_parser": "links",
    "fetch": "crawl",
    "is_article_url": "links",
    "FetchSettings": "policy",
    "RefusedError": "policy",
    "FetchResult": "result",
    "Outcome": "result",
    "RawStore": "store",
    "Capture": "warc_reader",
    "iter_captures": "warc_reader",
}
"""Where each name lives: imported on first use, so reading settings or running a parse
never pays for the HTTP and WARC libraries."""


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'pipeline.fetch' has no attribute {name!r}")
    return getattr(importlib.import_module(f"pipeline.fetch.{_HOMES[name]}"), name)


__all__ = [
    "Capture",
    "Client",
    "FetchResult",
    "FetchSettings",
    "FetchSummary",
    "LinkParser",
    "Outcome",
    "RawStore",
    "RefusedError",
    "Targets",
    "default_link_parser",
    "fetch",
    "is_article_url",
    "iter_captures",
]
