"""Job-board listing pages -> one :class:`ListedJob` per job, plus the next page's URL.

Why a second document kind: besides comparison articles the site prints listing pages
(50 jobs a page, newest first). They share no structure with articles, so they get their
own reader, one that never keys on class names or on one exact markup:

* **Jobs are found by their links.** Every anchor whose path is a job page
  (``/hiring/jobs/<slug>-<id>/``, the live board's ``/job/<slug>-<id>/``, legacy
  ``/job/<id>-<slug>/``) is a job; several anchors
  to one job (title, "Apply", logo) are one job. Query and fragment are not part of a job's
  identity (``?ref=board`` tracking), so the job URL is the resolved link without them.
* **A job's card is found by climbing.** From the link, climb while the parent still holds
  links to this one job only; the last element before a parent that holds a second job is
  the card. The climb also stops at list items and table rows (``li``, ``tr``,
  ``article``) and never enters list containers or page landmarks (``ul``, ``table``,
  ``body``, ``main``...) nor a parent holding the page's ``h1`` or a ``nav`` the card
  does not hold, so a page with a single job does not take the page chrome as its card.
* **Fields are read from the card's visible text**: :mod:`pipeline.parse.cards.runs` sorts
  a card's text runs into age, badges, salary, company, location and work mode.

The reader never raises: junk, empty or binary input gives an empty page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from pipeline.common.board_urls import (
    BOARD_COMPANY_PATH,
    BOARD_SKILL_PATH,
    JOB_PATH,
    board_link_kind,
    job_key,
)
from pipeline.common.pages import listing_path, page_number
from pipeline.decode.charset import keeps_ascii
from pipeline.parse.byte_words import may_link_jobs_in
from pipeline.parse.cards.grammar import clean_line
from pipeline.parse.cards.runs import ListedJob, card_job, is_title_like, parse_age
from pipeline.parse.header import parse_title
from pipeline.parse.page_tree import (
    BLOCK_TAGS,
    HEADINGS,
    base_url,
    chunks,
    identity,
    parse_tree,
    resolve,
    visible_text,
)

# ListedJob and parse_age live in listing_card (card reading), the board's URL grammar in
# pipeline.common.board_urls (fetch follows the same job links); they stay importable from here.
__all__ = [
    "BOARD_COMPANY_PATH", "BOARD_SKILL_PATH", "JOB_PATH", "ListedJob", "ListingPage", "board_link_kind",
    "board_tree", "is_listing_page", "is_listing_tree", "job_key", "listing_from_tree", "listing_if_listed",
    "parse_age", "parse_listing", "shows_board_grammar", "spells_job",
]

# --- vocabulary (data) ---------------------------------------------------------------------

MIN_JOB_LINKS = 3
"""Distinct job links a page needs to count as a listing ("several": an article's aside
prints a few job cards too, but it also has an ``A vs. B`` h1). Fewer are enough on a page
that shows the board's own link grammar (:func:`is_listing_tree`)."""
MAX_JOB_LINKS = 5_000
"""Job links read from one page; far beyond 50 a page, it bounds the work on junk."""

# An element of these tags is a whole item: the card climb stops on it.
_ITEM_TAGS = frozenset({"li", "tr", "article", "dd"})
# A parent of these tags holds items or is the page: the card climb never enters it.
_STOP_PARENTS = frozenset({"ul", "ol", "menu", "dl", "table", "tbody", "thead", "tfoot", "body",
                           "html", "main"})

# --- grammar -------------------------------------------------------------------------------

_NEXT_LABEL = re.compile(
    r"""
    ^(?:
        (?P<next>next(?:\s+page)?)(?:\s*[›»→>]+)?                          # "Next", "Next page ›"
      | (?P<arrow>[›→>])                                                   # a single arrow
      | (?P<last>»|(?:older|earlier)(?:\s+(?:jobs|posts|listings))?\s*[›»→>]*)  # "»" may be "last"
    )$
    """,
    re.VERBOSE | re.IGNORECASE,
)
_BOARD_PATH = re.compile(r"^(?:/[a-z]{2}(?:-[a-z]{2})?)?/(?:hiring/)?jobs$", re.IGNORECASE)
_BOARD_LISTING = re.compile(r"^(?:/[a-z]{2}(?:-[a-z]{2})?)?/(?:hiring/)?jobs(?:/[^/?#\s]+)?$", re.IGNORECASE)
"""A listing of the board, whole or filtered (``/jobs/skill-python``), without its page number."""
_NOT_FOUND = re.compile(r"\b404\b|\bnot\s+found\b", re.IGNORECASE)


# --- records -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ListingPage:
    """The jobs of one listing page, in printed order, and where the next page is."""

    jobs: list[ListedJob]
    next_url: str | None
    """Absolute URL of the next page; ``None`` on the last page (or when not printed)."""


# --- small readers -------------------------------------------------------------------------


def _job_links(root: etree._Element, base: str) -> list[tuple[etree._Element, str, str | None]]:
    """Every anchor to a job page: (anchor, job URL, id), in document order."""
    found: list[tuple[etree._Element, str, str | None]] = []
    # A job path's "job" segment comes from the base or from the href: when the base has
    # none, an href without one is no job link, and is not resolved (most links of a page).
    needs_word = not spells_job(base)
    for anchor in root.iter("a"):
        href = anchor.get("href")
        if needs_word and (href is None or not spells_job(href)):
            continue
        resolved = resolve(base, href)
        if resolved is None:
            continue
        is_job, key = job_key(resolved)
        job_url = identity(resolved) if is_job else None
        if job_url is not None:
            found.append((anchor, job_url, key))
            if len(found) >= MAX_JOB_LINKS:
                break
    return found


def _cards(links: list[tuple[etree._Element, str, str | None]]) -> dict[str, etree._Element]:
    """Job URL -> its card, climbing from the job's first link (module docstring)."""
    urls_under: dict[etree._Element, set[str]] = {}
    for anchor, url, _ in links:
        for ancestor in anchor.iterancestors():
            urls_under.setdefault(ancestor, set()).add(url)
    chrome_under: dict[etree._Element, int] = {}
    root = links[0][0].getroottree().getroot() if links else None
    for chrome in root.iter("h1", "nav") if root is not None else ():
        for element in (chrome, *chrome.iterancestors()):
            chrome_under[element] = chrome_under.get(element, 0) + 1
    cards: dict[str, etree._Element] = {}
    for anchor, url, _ in links:
        if url in cards:
            continue
        current = anchor
        while current.tag not in _ITEM_TAGS:
            parent = current.getparent()
            if (parent is None or parent.tag in _STOP_PARENTS or len(urls_under.get(parent, ())) != 1
                    or chrome_under.get(parent, 0) > chrome_under.get(current, 0)):
                break
            current = parent
        cards[url] = current
    return cards


# --- one card ------------------------------------------------------------------------------


def _title(card: etree._Element, links: list[etree._Element]) -> tuple[str, etree._Element | None] | None:
    """The title and the element to leave out of the card's other text.

    Order: a heading inside a job link; the text of a job link that wraps only inline text;
    a heading elsewhere in the card; the first title-like run inside a link that wraps the
    whole card (then the element is ``None`` and the caller drops that run).
    """
    for link in links:
        for heading in link.iter(*HEADINGS):
            text = visible_text(heading)
            if text:
                return text, heading
    labels = _labels(links)
    if labels:
        return visible_text(labels[0]), labels[0]
    for heading in card.iter(*HEADINGS):
        text = visible_text(heading)
        if is_title_like(text):
            return text, heading
    for link in links:
        for chunk in chunks(link):
            if is_title_like(chunk.text):
                return chunk.text, None
    return None


def _labels(links: list[etree._Element]) -> list[etree._Element]:
    """The job links that are labels: inline text only, title-like (the title, "View job").
    Their text is never a company or a place."""
    return [link for link in links
            if not any(isinstance(el.tag, str) and el.tag in BLOCK_TAGS for el in link.iterdescendants())
            and is_title_like(visible_text(link))]


def _read_card(card: etree._Element, links: list[etree._Element], url: str,
               key: str | None, position: int) -> ListedJob | None:
    """One card -> a :class:`ListedJob`; ``None`` when it has no title, or no id and nothing
    only a job shows (a category link)."""
    titled = _title(card, links)
    if titled is None:
        return None
    title, title_element = titled
    skip = {*_labels(links), *([title_element] if title_element is not None else [])}
    runs = chunks(card, skip, links)
    if title_element is None:  # the title is one run of a link wrapping the whole card
        runs = [c for c in runs if not (c.in_job_link and c.text == title)]
    return card_job(runs, title, url, key, position)


# --- the next page -------------------------------------------------------------------------


def _next_url(root: etree._Element, base: str, url: str) -> str | None:
    """``rel=next``; else a link labelled Next, ›, », Older; else the link to page N+1."""
    for element in root.iter("link", "a"):
        if "next" in (element.get("rel") or "").lower().split():
            resolved = resolve(base, element.get("href"))
            if resolved and resolved != url:
                return resolved
    labelled: list[tuple[int, str]] = []
    numbered: list[str] = []
    wanted = (page_number(url) or 1) + 1
    for anchor in root.iter("a"):
        resolved = resolve(base, anchor.get("href"))
        if resolved is None or resolved == url:
            continue
        label = visible_text(anchor) or anchor.get("aria-label") or anchor.get("title") or ""
        match = _NEXT_LABEL.match(label.strip())
        if match:
            labelled.append((0 if match.group("next") else 1 if match.group("arrow") else 2, resolved))
        elif page_number(resolved) == wanted and listing_path(resolved) == listing_path(url):
            numbered.append(resolved)
    if labelled:
        return min(labelled, key=lambda item: item[0])[1]
    return numbered[0] if numbered else None


# --- public --------------------------------------------------------------------------------


def parse_listing(html: str | bytes, url: str) -> ListingPage:
    """Read a job-board listing page. Never raises: a page without jobs gives ``jobs=[]``.

    ``url`` is the page's own URL; job and next-page links are resolved against it (or
    against the page's ``<base href>``).
    """
    root = parse_tree(html)
    return ListingPage([], None) if root is None else listing_from_tree(root, url)


def listing_from_tree(root: etree._Element, url: str) -> ListingPage:
    """:func:`parse_listing` of a page already parsed (:func:`board_tree`)."""
    base = base_url(root, url)
    return _listing(root, base, url, _job_links(root, base))


def listing_if_listed(root: etree._Element, url: str) -> ListingPage | None:
    """The listing of a page :func:`board_tree` kept when :func:`is_listing_tree` says it is
    one, else ``None``: the page's job links are found once for both questions."""
    base = base_url(root, url)
    links = _job_links(root, base)
    return _listing(root, base, url, links) if _is_listing(root, base, url, links) else None


def _listing(
    root: etree._Element, base: str, url: str, links: list[tuple[etree._Element, str, str | None]]
) -> ListingPage:
    anchors: dict[str, list[etree._Element]] = {}
    keys: dict[str, str | None] = {}
    for anchor, job_url, key in links:
        anchors.setdefault(job_url, []).append(anchor)
        keys.setdefault(job_url, key)
    jobs: list[ListedJob] = []
    for job_url, card in _cards(links).items():
        in_card = [a for a in anchors[job_url] if a is card or any(p is card for p in a.iterancestors())]
        job = _read_card(card, in_card, job_url, keys[job_url], len(jobs) + 1)
        if job is not None:
            jobs.append(job)
    return ListingPage(jobs, _next_url(root, base, url))


_JOB_LETTERS = re.compile(r"[jJ][\t\r\n]*[oO][\t\r\n]*[bB]")  # maybe cut by the controls URL parsing drops
_JOB_REFERENCE = re.compile(
    r"&\#(?:[xX]0*(?:[46][aAfF2]|[9aAdD])(?![0-9a-fA-F])|0*(?:74|106|79|111|66|98|9|10|13)(?![0-9]))")
"""Every job link's resolved path has a ``job`` or ``jobs`` segment (:data:`JOB_PATH`), which
comes whole from the ``href``, from ``<base href>`` or from the page's URL: the letters, or a
character reference that could spell one of them. Two patterns with the case spelled out,
not one case-insensitive alternation: over a whole page, a pattern that starts with a
character class or a literal is searched about twice as fast."""


def spells_job(text: str) -> bool:
    """Whether ``text`` may spell a ``job`` path segment (:data:`_JOB_LETTERS`, :data:`_JOB_REFERENCE`)."""
    return _JOB_LETTERS.search(text) is not None or _JOB_REFERENCE.search(text) is not None


def _may_link_jobs(html: str | bytes, url: str | None) -> bool:
    """Whether a page can link a job page at all: a cheap test before the parse.

    Why: most pages that are not articles are no listing either, and their parse costs more
    than the rest of their rejection. Text is read as its UTF-8 bytes (each ASCII character
    one byte); bytes only when their codec keeps ASCII, else the parse decides."""
    if url and spells_job(url):
        return True
    if isinstance(html, str):
        data = html.encode("utf-8", "surrogatepass")
    elif keeps_ascii(html, is_html=True):
        data = html
    else:
        return True
    return may_link_jobs_in(data)


def board_tree(html: str | bytes, url: str | None) -> etree._Element | None:
    """The parsed page when it may be one of the board's job pages or listings: it can link a
    job page (the cheap byte test first), and has neither an ``A vs. B`` article h1 nor a
    "404 / not found" h1 or title. ``None`` otherwise."""
    if not _may_link_jobs(html, url):
        return None
    root = parse_tree(html)
    if root is None:
        return None
    for heading in root.iter("h1", "title"):
        text = visible_text(heading) if heading.tag == "h1" else clean_line(heading.text or "")
        if (heading.tag == "h1" and parse_title(text)) or _NOT_FOUND.search(text):
            return None
    return root


def is_listing_page(html: str | bytes, url: str | None = None) -> bool:
    """Whether a page is a job-board listing: several distinct links to job pages with an id
    and no ``A vs. B`` article h1 nor a "404 / not found" title (:func:`board_tree`); see
    :func:`is_listing_tree` for a short page."""
    root = board_tree(html, url)
    return root is not None and is_listing_tree(root, url)


def is_listing_tree(root: etree._Element, url: str | None) -> bool:
    """:func:`is_listing_page` of a page :func:`board_tree` kept.

    :data:`MIN_JOB_LINKS` job links with an id make a listing. A short last page or a
    filtered listing prints one or two: they are enough at a board URL
    (``/hiring/jobs/?page=9``), or when the page shows the board's own link grammar
    (:func:`shows_board_grammar`); other sites' pages that link a job or two stay what they are.
    """
    base = base_url(root, url or "")
    return _is_listing(root, base, url, _job_links(root, base))


def _is_listing(
    root: etree._Element, base: str, url: str | None, links: list[tuple[etree._Element, str, str | None]]
) -> bool:
    with_id = {job_url for _, job_url, key in links if key is not None}
    if len(with_id) >= MIN_JOB_LINKS:
        return True
    if not with_id:
        return False
    return bool(url and _BOARD_PATH.match(listing_path(url))) or shows_board_grammar(root, base)


def shows_board_grammar(root: etree._Element, base: str) -> bool:
    """Whether a page links the way the board's own pages do: a company page with an id
    (``/company/<slug>-<id>/``), a skill listing (``/jobs/skill-python/``), or another page of
    one of the board's listings (``/jobs/?page=2``)."""
    for anchor in root.iter("a"):
        href = anchor.get("href")
        if not href:
            continue
        if board_link_kind(href) is not None:
            return True
        resolved = resolve(base, href)
        if resolved and page_number(resolved) and _BOARD_LISTING.match(listing_path(resolved)):
            return True
    return False
