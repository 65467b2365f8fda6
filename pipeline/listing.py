"""Job-board listing pages -> one :class:`ListedJob` per job, plus the next page's URL.

Why a second document kind: besides comparison articles the site prints listing pages
(50 jobs a page, newest first). They share no structure with articles, so they get their
own reader, one that never keys on class names or on one exact markup:

* **Jobs are found by their links.** Every anchor whose path is a job page
  (``/hiring/jobs/<slug>-<id>/``, legacy ``/job/<id>-<slug>/``) is a job; several anchors
  to one job (title, "Apply", logo) are one job. Query and fragment are not part of a job's
  identity (``?ref=board`` tracking), so the job URL is the resolved link without them.
* **A job's card is found by climbing.** From the link, climb while the parent still holds
  links to this one job only; the last element before a parent that holds a second job is
  the card. The climb also stops at list items and table rows (``li``, ``tr``,
  ``article``) and never enters list containers or page landmarks (``ul``, ``table``,
  ``body``, ``main``...) nor a parent holding the page's ``h1`` or a ``nav`` the card
  does not hold, so a page with a single job does not take the page chrome as its card.
* **Fields are read from the card's visible text**, piece by piece (the text runs between
  tags, in reading order): bracketed badges through the vocabulary of
  :mod:`pipeline.jobcards`, salaries through :mod:`pipeline.salary`, an age regex, the
  ``Featured`` marker, work-mode markers (``Remote``, ``Hybrid``, a globe emoji), the
  ``@ Company | Location`` form; what is left is the company and the location, the place
  being the piece that looks like one (``City, Country``, a country, a remote phrase).

Absence is a value: a card without a company gives ``company=None``, never a guess. A
link to a job page without a numeric id (``/hiring/jobs/remote/`` is a filter, not a
job) counts only when its card shows something only a job shows (an age, a badge, a
salary, the featured marker), so category links in the site's navigation are not jobs.

The reader never raises: junk, empty or binary input gives an empty page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urljoin, urlsplit, urlunsplit

from lxml import etree

from pipeline.decode import decode_bytes
from pipeline.errors import DecodeError
from pipeline.jobcards import clean_line, is_remote_location, parse_badges, parse_company_location
from pipeline.location import HYBRID_PATTERN, ONSITE_PATTERN, country_code, state_code
from pipeline.parse_header import parse_title
from pipeline.salary import Salary, find_salary

# --- vocabulary (data) ---------------------------------------------------------------------

HOURS_PER_UNIT: dict[str, float] = {
    "minute": 1 / 60, "hour": 1.0, "day": 24.0, "week": 168.0, "month": 720.0, "year": 8760.0,
}
"""Age units in hours; a month is 30 days and a year 365, as "2mo ago" is printed rounded."""

WORK_MODE_WORDS: dict[str, str] = {
    **dict.fromkeys(("remote", "fully remote", "100% remote", "remote ok", "remote friendly",
                     "remote first", "work from home", "wfh"), "remote"),
    **dict.fromkeys(("hybrid", "hybrid remote", "remote hybrid"), "hybrid"),
    **dict.fromkeys(("on site", "onsite", "in office", "in person", "office based"), "onsite"),
}
"""A piece of card text that is *only* this (folded: lower case, hyphens as spaces) is a
work-mode marker, not a location. ``Remote (US only)`` says more, so it stays a location."""
GLOBES = frozenset("🌍🌎🌏🌐")
"""Emoji that boards print for a remote job."""
_MODE_RANK = {"onsite": 0, "hybrid": 1, "remote": 2}
"""Several markers: the most remote option offered wins (as in :mod:`pipeline.location`)."""

UI_WORDS: frozenset[str] = frozenset({
    "apply", "apply now", "easy apply", "quick apply", "save", "saved", "save job", "share",
    "view", "view job", "details", "more", "see more", "read more", "bookmark", "new", "hide",
    "report",
})
"""Button and link texts of a card that are neither company nor location (folded)."""
CORPORATE_SUFFIXES: frozenset[str] = frozenset({
    "inc", "llc", "ltd", "limited", "gmbh", "co", "corp", "corporation", "sa", "ag", "plc",
    "bv", "nv", "srl", "sas", "pty ltd", "oy", "ab", "as", "kg", "lp", "llp",
})
"""``Acme, Inc.`` has a comma like ``City, Country``; a suffix after it marks a company."""
COMPANY_PATH = re.compile(r"/(?:compan(?:y|ies)|employers?|organi[sz]ations?|orgs?)/", re.IGNORECASE)
"""A link to a company page marks the company when the card prints no ``@``."""

MIN_JOB_LINKS = 3
"""Distinct job links a page needs to count as a listing ("several": an article's aside
prints a few job cards too, but it also has an ``A vs. B`` h1)."""
MAX_JOB_LINKS = 5_000
"""Job links read from one page; far beyond 50 a page, it bounds the work on junk."""

# Tags whose text is never visible.
_IGNORED = frozenset({"script", "style", "noscript", "template", "head", "title", "meta", "link",
                      "button", "select", "option", "textarea", "svg", "iframe"})
# Tags that start a new line when rendered: a link holding one of them wraps more than a title.
_BLOCK_TAGS = frozenset({"div", "p", "ul", "ol", "li", "table", "tr", "td", "section", "article",
                         "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dd", "dt"})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# An element of these tags is a whole item: the card climb stops on it.
_ITEM_TAGS = frozenset({"li", "tr", "article", "dd"})
# A parent of these tags holds items or is the page: the card climb never enters it.
_STOP_PARENTS = frozenset({"ul", "ol", "menu", "dl", "table", "tbody", "thead", "tfoot", "body",
                           "html", "main"})

# --- grammar -------------------------------------------------------------------------------

JOB_PATH = re.compile(
    r"""
    ^(?:/[a-z]{2}(?:-[a-z]{2})?)?                 # an optional locale prefix: /en, /en-gb
    /
    (?:
        hiring/jobs/(?P<slug>[^/?#\s]+?)          # current pages: /hiring/jobs/<slug>-<id>/
        (?:-(?P<key>\d{1,12}))?                   #   the id ends the slug (absent on filters)
      | job/(?P<legacy_key>\d{1,12})              # legacy cards: /job/<id>-<slug>/
        (?:-(?P<legacy_slug>[^/?#\s]+))?
    )
    /?$
    """,
    re.VERBOSE | re.IGNORECASE,
)

AGE_PATTERN = re.compile(
    r"""
    (?<!\w)
    (?:
        (?P<now>just\s+now|a\s+moment\s+ago|moments\s+ago)    # under an hour, in words
      | (?P<yesterday>yesterday)                              # one day, in words
      | (?:
            (?P<number>\d{1,4})\+?\s*                         # "2h", "2 hours", "30+ days"
          | (?P<word>an?|one)\s+                              # "an hour", "a day"
        )
        (?P<unit>
            mo(?:nths?|s)?                                    # mo, mos, month(s): before "m"
          | m(?:in(?:ute)?s?)?                                # m, min(s), minute(s)
          | h(?:(?:ou)?rs?)?                                  # h, hr(s), hour(s)
          | d(?:ays?)?                                        # d, day(s)
          | w(?:(?:ee)?ks?)?                                  # w, wk(s), week(s)
          | y(?:(?:ea)?rs?)?                                  # y, yr(s), year(s)
        )
        \.?\s+ago
    )
    (?!\w)
    """,
    re.VERBOSE | re.IGNORECASE,
)

_BRACKETED = re.compile(
    r"""
    \[\s*
    (?P<inner>[^\[\]]{1,80}?)      # a badge: [SE], [Full Time], [USD 90K+], [Remote]
    \s*\]
    """,
    re.VERBOSE,
)
_FEATURED = re.compile(
    r"""
    ^(?:featured)                        # the marker itself
    (?:\s+(?:jobs?|listing|position))?   # "Featured job"
    $
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Separators printed between fields inside one text run: "Acme · Berlin, Germany".
_FIELD_SEPARATOR = re.compile(
    r"""
    \s*[·•|]\s*       # middle dot, bullet, bar
    | \s+—\s+         # an em dash with spaces (a salary range uses - or –, never this)
    """,
    re.VERBOSE,
)
_AT_SEPARATOR = re.compile(r"\s*[·•]\s*|\s+—\s+")  # in "@ X | Y" the bar is parse_company_location's
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
_PAGE_PATH = re.compile(r"/page/(?P<number>\d{1,6})/?$")
_BOARD_PATH = re.compile(r"^(?:/[a-z]{2}(?:-[a-z]{2})?)?/(?:hiring/)?jobs$", re.IGNORECASE)
_NOT_FOUND = re.compile(r"\b404\b|\bnot\s+found\b", re.IGNORECASE)
_EDGE_JUNK = " \t-–—:;,|·•*"
_EMOJI_MARKS = frozenset("\ufe0e\ufe0f\u20e3")  # text/emoji presentation selectors, keycap


# --- records -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ListedJob:
    """One job as a listing page prints it."""

    position: int
    """1-based place on the page, after duplicates of a job are dropped."""
    url: str
    """Absolute URL of the job's page, resolved against the page URL, without query or
    fragment (tracking parameters are not part of the job)."""
    job_key: str | None
    """The numeric id of the job page (``-12345/`` at the end of the slug, or the leading id
    of a legacy ``/job/12345-slug`` link); ``None`` when the link has none."""
    title: str
    """As printed, whitespace-normalized: the link text or the heading inside the link."""
    company: str | None
    """As printed without the ``@``; ``None`` when the card shows no company."""
    location: str | None
    """As printed, without a separate work-mode marker; ``None`` when the card has no place."""
    is_remote: bool
    """A remote marker or a remote location (same words as :func:`is_remote_location`);
    ``Hybrid`` is not remote, as in :mod:`pipeline.location` (see ``work_mode``)."""
    featured: bool
    """The card carries a ``Featured`` marker."""
    age_text: str | None
    """The age as printed (``2h ago``, ``just now``); ``None`` when absent."""
    age_hours: float | None
    """The age in hours: ``2h`` -> 2, ``3d`` -> 72, ``1w`` -> 168, ``2mo`` -> 1440 (30-day
    months), ``just now`` -> 0."""
    seniority: str | None
    """``EN``, ``MI``, ``SE`` or ``EX`` (ai-jobs.net dataset codes); ``None`` when absent."""
    employment_types: tuple[str, ...]
    """In printed order: ``full_time``, ``part_time``, ``contract``, ``freelance``,
    ``internship``, ``temporary``."""
    salary_text: str | None
    """The salary expression as printed (``USD 180K-220K``); ``None`` when absent."""
    work_mode: str | None = None
    """``remote``, ``hybrid`` or ``onsite`` from a marker or the location's words; ``None``
    when the card says nothing. Keeps ``Hybrid`` that ``is_remote`` cannot hold."""


@dataclass(frozen=True, slots=True)
class ListingPage:
    """The jobs of one listing page, in printed order, and where the next page is."""

    jobs: list[ListedJob]
    next_url: str | None
    """Absolute URL of the next page; ``None`` on the last page (or when not printed)."""


@dataclass(frozen=True, slots=True)
class _Chunk:
    """A run of visible text in a card and the link it sits in."""

    text: str
    href: str | None = None
    in_job_link: bool = False


@dataclass(slots=True)
class _Fields:
    """What the classification of a card's chunks found so far."""

    company: str | None = None
    location: str | None = None
    age: re.Match[str] | None = None
    featured: bool = False
    modes: list[str] = field(default_factory=list)
    badges: list[str] = field(default_factory=list)
    salaries: list[tuple[int | None, Salary]] = field(default_factory=list)
    """Salary candidates; the int is the leftover slot their run returns to if not chosen."""
    leftovers: list[_Chunk] = field(default_factory=list)


# --- small readers -------------------------------------------------------------------------


def job_key(url: str) -> tuple[bool, str | None]:
    """Whether a URL is a job page, and its numeric id.

    >>> job_key("https://aijobs.net/hiring/jobs/senior-data-engineer-48213/")
    (True, '48213')
    >>> job_key("/job/100017-data-analyst"), job_key("/hiring/jobs/remote/"), job_key("/hiring/jobs/")
    ((True, '100017'), (True, None), (False, None))
    """
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return False, None
    match = JOB_PATH.match(path)
    if match is None:
        return False, None
    return True, match.group("key") or match.group("legacy_key")


def parse_age(text: str) -> tuple[str | None, float | None]:
    """The first age in a text -> (as printed, hours).

    >>> parse_age("Posted 3d ago"), parse_age("just now"), parse_age("2mo ago")
    (('3d ago', 72.0), ('just now', 0.0), ('2mo ago', 1440.0))
    >>> parse_age("Senior ML Engineer")
    (None, None)
    """
    match = AGE_PATTERN.search(text)
    return (match.group(0), _age_hours(match)) if match else (None, None)


def _age_hours(match: re.Match[str]) -> float:
    if match.group("now"):
        return 0.0
    if match.group("yesterday"):
        return HOURS_PER_UNIT["day"]
    count = int(match.group("number")) if match.group("number") else 1
    unit = match.group("unit").lower()
    for prefix, name in (("mo", "month"), ("m", "minute"), ("h", "hour"), ("d", "day"),
                         ("w", "week"), ("y", "year")):
        if unit.startswith(prefix):
            return count * HOURS_PER_UNIT[name]
    return 0.0  # unreachable: the unit group only matches the prefixes above


def _fold(text: str) -> str:
    """Lower case, hyphens as spaces, single spaces, edge punctuation and emoji gone."""
    return " ".join(_strip_symbols(text).lower().replace("-", " ").split()).strip(_EDGE_JUNK + ".!")


def _strip_symbols(text: str) -> str:
    """Pictographs, emoji variation selectors and format characters removed (``⭐ Featured``).

    Combining accents (``Mn``) stay: a decomposed ``Société`` must keep its accent.
    """
    return "".join(ch for ch in text
                   if unicodedata.category(ch) not in ("So", "Cf", "Co") and ch not in _EMOJI_MARKS)


def _work_mode_of(text: str) -> str | None:
    """The work mode a whole piece of text is a marker for, else ``None``."""
    return WORK_MODE_WORDS.get(_fold(text))


def _place_score(text: str) -> int:
    """2: surely a place (a remote phrase, or ends in a country or US state); 1: shaped like
    ``City, Region``; 0: not a place (a company name, most likely)."""
    if is_remote_location(text) or HYBRID_PATTERN.search(text) or ONSITE_PATTERN.search(text):
        return 2
    parts = [part.strip(" .") for part in text.split(",")]
    if len(parts) == 1:
        return 2 if country_code(text) or state_code(text) else 0
    if parts[-1].casefold() in CORPORATE_SUFFIXES or not all(parts):
        return 0
    if country_code(parts[-1]) or state_code(parts[-1]):
        return 2
    shaped = all(len(part.split()) <= 4 and part[0].isupper() for part in parts)
    return 1 if shaped else 0


def _resolve(base: str, href: str | None) -> str | None:
    """``href`` made absolute; ``None`` for scripts, in-page anchors and unparsable URLs."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith(("javascript:", "mailto:", "tel:")):
        return None
    try:
        return urljoin(base, href)
    except ValueError:
        return None


def _identity(url: str) -> str | None:
    """A job URL without query and fragment: the job's identity on the page."""
    try:
        parts = urlsplit(url)
        return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    except ValueError:
        return None


# --- the page ------------------------------------------------------------------------------


def _parse(html: str | bytes) -> etree._Element | None:
    """One lenient parse; ``None`` for input libxml2 finds nothing in."""
    text = html
    if isinstance(html, bytes):
        try:
            text = decode_bytes(html, is_html=True).text
        except DecodeError:
            text = html.decode("utf-8", "replace")
    data = text.encode("utf-8", "replace") if isinstance(text, str) else text
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)
    try:
        return etree.fromstring(data, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def _base(root: etree._Element, url: str) -> str:
    """The URL links resolve against: ``<base href>`` when the page has one."""
    for element in root.iter("base"):
        resolved = _resolve(url, element.get("href"))
        if resolved:
            return resolved
    return url


def _is_hidden(element: etree._Element) -> bool:
    """``hidden`` or an inline ``display:none``. ``aria-hidden`` is *not* hidden: boards put
    it on icons (the remote globe) that a reader sees."""
    if element.get("hidden") is not None:
        return True
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _chunks(top: etree._Element, skip: Iterable[etree._Element] = (),
            job_links: Iterable[etree._Element] = ()) -> list[_Chunk]:
    """The visible text runs under ``top`` in reading order, with the link each sits in.

    Iterative (``iterwalk``), so deep junk cannot exhaust the stack; ``skip`` subtrees
    (the title) are left out but their tails are kept.
    """
    skipped, links = set(skip), set(job_links)
    out: list[_Chunk] = []
    hrefs: list[str | None] = []
    opened: list[bool] = []
    in_job = 0

    def add(text: str | None) -> None:
        cleaned = clean_line(text or "")
        if cleaned:
            out.append(_Chunk(cleaned, hrefs[-1] if hrefs else None, in_job > 0))

    walker = etree.iterwalk(top, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if not tag or tag in _IGNORED or element in skipped or _is_hidden(element):
                walker.skip_subtree()
                opened.append(False)
                continue
            opened.append(True)
            if tag == "a":
                hrefs.append(element.get("href"))
                in_job += element in links
            add(element.text)
            continue
        if opened.pop() and tag == "a":
            hrefs.pop()
            in_job -= element in links
        if element is not top:
            add(element.tail)
    return out


def _visible_text(element: etree._Element) -> str:
    return " ".join(chunk.text for chunk in _chunks(element))


def _job_links(root: etree._Element, base: str) -> list[tuple[etree._Element, str, str | None]]:
    """Every anchor to a job page: (anchor, job URL, id), in document order."""
    found: list[tuple[etree._Element, str, str | None]] = []
    for anchor in root.iter("a"):
        resolved = _resolve(base, anchor.get("href"))
        if resolved is None:
            continue
        is_job, key = job_key(resolved)
        identity = _identity(resolved) if is_job else None
        if identity is not None:
            found.append((anchor, identity, key))
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


def _is_title_like(text: str) -> bool:
    """Text that can be a job title: not a button, age, badge, salary or marker."""
    if not text or _fold(text) in UI_WORDS or _FEATURED.match(_fold(text)) or _work_mode_of(text):
        return False
    if AGE_PATTERN.search(text) or _BRACKETED.search(text):
        return False
    return find_salary(text)[0].text != text


def _title(card: etree._Element, links: list[etree._Element]) -> tuple[str, etree._Element | None] | None:
    """The title and the element to leave out of the card's other text.

    Order: a heading inside a job link; the text of a job link that wraps only inline text;
    a heading elsewhere in the card; the first title-like run inside a link that wraps the
    whole card (then the element is ``None`` and the caller drops that run).
    """
    for link in links:
        for heading in link.iter(*_HEADINGS):
            text = _visible_text(heading)
            if text:
                return text, heading
    labels = _labels(links)
    if labels:
        return _visible_text(labels[0]), labels[0]
    for heading in card.iter(*_HEADINGS):
        text = _visible_text(heading)
        if _is_title_like(text):
            return text, heading
    for link in links:
        for chunk in _chunks(link):
            if _is_title_like(chunk.text):
                return chunk.text, None
    return None


def _labels(links: list[etree._Element]) -> list[etree._Element]:
    """The job links that are labels: inline text only, title-like (the title, "View job").
    Their text is never a company or a place."""
    return [link for link in links
            if not any(isinstance(el.tag, str) and el.tag in _BLOCK_TAGS for el in link.iterdescendants())
            and _is_title_like(_visible_text(link))]


def _pieces(chunks: list[_Chunk]) -> Iterator[_Chunk]:
    """Chunks regrouped into fields: ``@`` + company link + ``| place`` joined back into one
    ``@ X | Y`` piece; runs holding several fields (``Acme · Berlin``) split."""
    index = 0
    while index < len(chunks):
        chunk = chunks[index]
        index += 1
        if chunk.text.startswith("@"):
            text, href = chunk.text, chunk.href
            while index < len(chunks) and (
                text.endswith(("@", "|")) or chunks[index].text.startswith("|")
            ):
                href = href if text != "@" else chunks[index].href
                text = f"{text} {chunks[index].text}"
                index += 1
            first, *rest = _AT_SEPARATOR.split(text)
            yield _Chunk(first, href, chunk.in_job_link)
            yield from (_Chunk(part, None, chunk.in_job_link) for part in rest if part)
            continue
        for part in _FIELD_SEPARATOR.split(chunk.text):
            if part:
                yield _Chunk(part, chunk.href, chunk.in_job_link)


def _classify(chunks: list[_Chunk]) -> _Fields:
    """Sort each piece of card text into the field it prints (module docstring)."""
    found = _Fields()
    for piece in _pieces(chunks):
        text = piece.text
        if text.startswith("@"):
            if found.company is None:
                found.company, found.location = parse_company_location(text)
            continue
        age = AGE_PATTERN.search(text)
        if age is not None:
            found.age = found.age or age
            text = f"{text[: age.start()]} {text[age.end() :]}"
        for bracket in _BRACKETED.finditer(text):
            inner = bracket.group("inner")
            salary, rest = find_salary(inner)
            if salary.text is not None and not rest.strip(_EDGE_JUNK):
                found.salaries.append((None, salary))
            elif _FEATURED.match(_fold(inner)):
                found.featured = True
            elif (mode := _work_mode_of(inner)) is not None:
                found.modes.append(mode)
            else:
                found.badges.append(f"[{inner}]")
        text = _BRACKETED.sub(" ", text)
        if any(ch in GLOBES for ch in text):
            found.modes.append("remote")
        text = clean_line(_strip_symbols(text)).strip(_EDGE_JUNK)
        if not text or _fold(text) in UI_WORDS:
            continue
        if _FEATURED.match(_fold(text)):
            found.featured = True
            continue
        if (mode := _work_mode_of(text)) is not None:
            found.modes.append(mode)
            continue
        salary, rest = find_salary(text)
        rest = rest.strip(_EDGE_JUNK)
        if salary.text is not None and not rest:  # the whole run: keep a slot in case another wins
            found.salaries.append((len(found.leftovers), salary))
            found.leftovers.append(_Chunk("", piece.href))
            continue
        if salary.currency_text:  # "Salary: USD 90K": a currency says money even inside a run
            found.salaries.append((None, salary))
            text = rest
        types, seniority, _, _, leftover = parse_badges(text)
        if leftover is None and (types or seniority):
            found.badges.append(text)
            continue
        found.leftovers.append(_Chunk(text, piece.href, piece.in_job_link))
    return found


def _pick_salary(found: _Fields) -> str | None:
    """The first salary with a currency; else one split over runs (``<b>USD</b> 90K+``);
    else the first. The runs of the others go back to the leftovers: a company named
    ``3M`` is not pay when the card also prints ``USD 90K``."""
    best = next((s for s in found.salaries if s[1].currency_text), None)
    if best is None:
        _restore(found, None)
        across = _salary_across(found)
        if across is not None or not found.salaries:
            return across
        best = found.salaries[0]
        if best[0] is not None:
            found.leftovers[best[0]] = _Chunk("", found.leftovers[best[0]].href)
        return best[1].text
    _restore(found, best)
    return best[1].text


def _restore(found: _Fields, kept: tuple[int | None, Salary] | None) -> None:
    """Put the runs of the salary candidates other than ``kept`` back among the leftovers."""
    for slot, salary in found.salaries:
        if slot is not None and (slot, salary) != kept:
            found.leftovers[slot] = _Chunk(salary.text or "", found.leftovers[slot].href)


def _salary_across(found: _Fields) -> str | None:
    """A salary with a currency in the leftover runs joined; the runs it covers are used up."""
    joined = " ".join(chunk.text for chunk in found.leftovers)
    salary, _ = find_salary(joined)
    if not salary.text or not salary.currency_text:
        return None
    start = joined.find(salary.text)
    end = start + len(salary.text)
    kept: list[_Chunk] = []
    offset = 0
    for chunk in found.leftovers:
        low, high = offset, offset + len(chunk.text)
        offset = high + 1
        outside = chunk.text[: max(start - low, 0)] + " " + chunk.text[max(end - low, 0) :]
        text = outside.strip(_EDGE_JUNK) if low < end and high > start else chunk.text
        kept.append(_Chunk(text, chunk.href, chunk.in_job_link))
    found.leftovers = kept
    return salary.text


def _company_and_location(found: _Fields, title: str) -> tuple[str | None, str | None]:
    """Company and location from the ``@`` form, else from the leftover runs: the most
    place-like run is the location (the later one on a tie: cards print the company
    first); a company-page link, else the first other run before it, is the company."""
    leftovers = [c for c in found.leftovers if c.text and c.text != title]
    company, location = found.company, found.location
    location_index: int | None = None
    if location is None:
        scores = [_place_score(c.text) for c in leftovers]
        if scores and max(scores) > 0:
            location_index = max(range(len(scores)), key=lambda i: (scores[i], i))
            location = leftovers[location_index].text
    if company is None:
        candidates = [i for i in range(len(leftovers)) if i != location_index]
        linked = [i for i in candidates if leftovers[i].href and COMPANY_PATH.search(leftovers[i].href or "")]
        if location_index is not None:
            candidates = [i for i in candidates if i < location_index]
        chosen = linked or candidates
        company = leftovers[chosen[0]].text if chosen else None
    return company, location


def _work_mode(found: _Fields, location: str | None) -> str | None:
    modes = list(found.modes)
    if location:
        if is_remote_location(location):
            modes.append("remote")
        elif HYBRID_PATTERN.search(location):
            modes.append("hybrid")
        elif ONSITE_PATTERN.search(location):
            modes.append("onsite")
    return max(modes, key=_MODE_RANK.__getitem__) if modes else None


def _read_card(card: etree._Element, links: list[etree._Element], url: str,
               key: str | None, position: int) -> ListedJob | None:
    """One card -> a :class:`ListedJob`; ``None`` when it has no title, or no id and nothing
    only a job shows (a category link)."""
    titled = _title(card, links)
    if titled is None:
        return None
    title, title_element = titled
    skip = {*_labels(links), *([title_element] if title_element is not None else [])}
    chunks = _chunks(card, skip, links)
    if title_element is None:  # the title is one run of a link wrapping the whole card
        chunks = [c for c in chunks if not (c.in_job_link and c.text == title)]
    found = _classify(chunks)
    salary_text = _pick_salary(found)
    types, seniority, _, _, _ = parse_badges(" ".join(found.badges))
    if key is None and not (found.age or found.badges or salary_text or found.featured):
        return None
    company, location = _company_and_location(found, title)
    work_mode = _work_mode(found, location)
    age_text, age_hours = (found.age.group(0), _age_hours(found.age)) if found.age else (None, None)
    return ListedJob(
        position=position,
        url=url,
        job_key=key,
        title=title,
        company=company,
        location=location,
        is_remote=work_mode == "remote",
        featured=found.featured,
        age_text=age_text,
        age_hours=age_hours,
        seniority=seniority,
        employment_types=types,
        salary_text=salary_text,
        work_mode=work_mode,
    )


# --- the next page -------------------------------------------------------------------------


def _page_number(url: str) -> int | None:
    """``?page=3``, ``?p=3`` or ``/page/3/`` -> 3."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    query = parse_qs(parts.query)
    for name in ("page", "p"):
        values = query.get(name)
        if values and values[0].isdigit() and len(values[0]) <= 6:
            return int(values[0])
    match = _PAGE_PATH.search(parts.path)
    return int(match.group("number")) if match else None


def _listing_path(url: str) -> str:
    try:
        return _PAGE_PATH.sub("/", urlsplit(url).path).rstrip("/")
    except ValueError:
        return ""


def _next_url(root: etree._Element, base: str, url: str) -> str | None:
    """``rel=next``; else a link labelled Next, ›, », Older; else the link to page N+1."""
    for element in root.iter("link", "a"):
        if "next" in (element.get("rel") or "").lower().split():
            resolved = _resolve(base, element.get("href"))
            if resolved and resolved != url:
                return resolved
    labelled: list[tuple[int, str]] = []
    numbered: list[str] = []
    wanted = (_page_number(url) or 1) + 1
    for anchor in root.iter("a"):
        resolved = _resolve(base, anchor.get("href"))
        if resolved is None or resolved == url:
            continue
        label = _visible_text(anchor) or anchor.get("aria-label") or anchor.get("title") or ""
        match = _NEXT_LABEL.match(label.strip())
        if match:
            labelled.append((0 if match.group("next") else 1 if match.group("arrow") else 2, resolved))
        elif _page_number(resolved) == wanted and _listing_path(resolved) == _listing_path(url):
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
    root = _parse(html)
    if root is None:
        return ListingPage([], None)
    base = _base(root, url)
    links = _job_links(root, base)
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


def is_listing_page(html: str | bytes, url: str | None = None) -> bool:
    """Whether a page is a job-board listing: several distinct links to job pages with an id
    and no ``A vs. B`` article h1 nor a "404 / not found" title. At a board URL
    (``/hiring/jobs/?page=9``) one job link is enough: a last page may be short.
    """
    root = _parse(html)
    if root is None:
        return False
    for heading in root.iter("h1", "title"):
        text = _visible_text(heading) if heading.tag == "h1" else clean_line(heading.text or "")
        if (heading.tag == "h1" and parse_title(text)) or _NOT_FOUND.search(text):
            return False
    base = _base(root, url or "")
    with_id = {job_url for _, job_url, key in _job_links(root, base) if key is not None}
    board_url = bool(url and _BOARD_PATH.match(_listing_path(url)))
    return len(with_id) >= (1 if board_url else MIN_JOB_LINKS)
