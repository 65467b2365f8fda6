"""What a fetched page links to: comparison articles, job pages, the next page; a sitemap's URLs.

Why a module of its own: the crawl decides what to fetch and in which order; finding the
links is a pure function of a page's URL and bytes, tested on its own. It reads links by
their URL grammar only (``/insights/<a>-vs-<b>`` for an article, the board's job paths of
:mod:`pipeline.common.board_urls` for a job, which the listing parser reads too) and by
the pager's labels, never by one layout's classes or nesting. It never parses a document
into records: that is the parse stage's job, which ``fetch`` may not import.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree

from pipeline.common.board_urls import job_key
from pipeline.common.pages import listing_path, page_number
from pipeline.fetch.body import gunzip_bounded

log = logging.getLogger(__name__)

LinkParser = Callable[[str, bytes], tuple[list[str], str | None]]
"""``(page_url, html_bytes) -> (article_urls, next_page_url)``: how links are found on a listing page."""

ARTICLE_PATH = re.compile(
    r"^/insights/[a-z0-9]+(?:-[a-z0-9]+)*-vs-[a-z0-9]+(?:-[a-z0-9]+)*/?$", re.IGNORECASE
)
"""Path of a career-comparison article: ``/insights/<role-a>-vs-<role-b>``."""

_NEXT_TEXTS = frozenset({"next", "next page", "next ›", "next »", "next >", "next →", "›", "»", "→"})


def is_article_url(url: str) -> bool:
    """Whether ``url`` is an http(s) ``/insights/<a>-vs-<b>`` comparison article."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(ARTICLE_PATH.match(parts.path))


def job_page_url(url: str) -> str | None:
    """The job page ``url`` names, without query and fragment (``?ref=board`` is no part of a
    job, as the listing parser reads it), or ``None`` when it is no http(s) job page with an id.

    >>> job_page_url("https://aijobs.net/job/data-specialist-petah-tikva-il-268449/?ref=list#top")
    'https://aijobs.net/job/data-specialist-petah-tikva-il-268449/'
    >>> job_page_url("https://aijobs.net/hiring/jobs/remote/"), job_page_url("mailto:x@aijobs.net")
    (None, None)
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or job_key(url)[1] is None:
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def _absolute(base: str, href: str) -> str | None:
    """``href`` resolved against ``base``, fragment dropped; ``None`` when it is no URL at all
    (``http://[broken``): one bad link never costs the page its other links."""
    try:
        absolute = urldefrag(urljoin(base, href.strip())).url
        urlsplit(absolute)
    except ValueError:
        return None
    return absolute


@dataclass(frozen=True, slots=True)
class PageLinks:
    """What a listing page links to: comparison articles, job pages, its next page, how many others."""

    articles: list[str]
    next_page: str | None
    others: int
    """Distinct http(s) links that are neither an article nor the next page: not followed,
    and counted so a fetch says what it left (``ignored: not_article_link``)."""
    jobs: list[str] = field(default_factory=list)
    """The job pages it lists (:func:`job_page_url`), in page order, each once: what
    ``fetch --jobs`` follows from a job board's listing. They count among ``others`` too."""


def page_links(url: str, html: bytes) -> PageLinks:
    """The links of a listing page: see :func:`default_link_parser`, plus its job pages and
    the count of the rest."""
    try:
        doc = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        log.warning("no HTML to find links in at %s", url)
        return PageLinks([], None, 0)
    base = url
    for href in doc.xpath("//base/@href")[:1]:
        base = _absolute(url, str(href)) or url
    articles: list[str] = []
    jobs: dict[str, None] = {}
    others: set[str] = set()
    for anchor in doc.iter("a"):
        href = anchor.get("href")
        absolute = _absolute(base, href) if href else None
        if absolute is None:
            continue
        if is_article_url(absolute):
            if absolute not in articles:
                articles.append(absolute)
        elif urlsplit(absolute).scheme in ("http", "https"):
            others.add(absolute)
            job = job_page_url(absolute)
            if job is not None:
                jobs.setdefault(job)
    next_page = _next_link(doc, base, url)
    others.discard(next_page or "")
    return PageLinks(articles, next_page, len(others), list(jobs))


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
        target = _absolute(base, href) if href else None
        if target and "next" in element.get("rel", "").lower().split():
            return target
    numbered: str | None = None
    current = url or base
    wanted = (page_number(current) or 1) + 1
    for anchor in doc.iter("a"):
        href = anchor.get("href")
        absolute = _absolute(base, href) if href else None
        if absolute is None:
            continue
        text = " ".join(anchor.text_content().split()).lower()
        label = " ".join((anchor.get("aria-label") or "").split()).lower()
        if text in _NEXT_TEXTS or label in ("next", "next page"):
            return absolute
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
