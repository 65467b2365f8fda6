"""Polite fetching into an immutable raw store (WARC), and reading it back without the network.

``fetch`` runs a crawl (targets, frontier, resume, summary); ``Client`` is the one polite
HTTP client; ``iter_captures`` reads the archived responses for parsing. See the modules
for the why: ``policy`` (settings, hosts, addresses), ``client``, ``store``, ``crawl``.
"""

from __future__ import annotations

from pipeline.fetch.client import Client, FetchResult, Outcome
from pipeline.fetch.crawl import FetchSummary, LinkParser, Targets, default_link_parser, fetch, is_article_url
from pipeline.fetch.policy import FetchSettings, RefusedError
from pipeline.fetch.store import Capture, RawStore, iter_captures

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
