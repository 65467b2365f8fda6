"""One card of a job-board listing page: its text runs -> a :class:`ListedJob`.

:mod:`pipeline.parse.listing` finds the jobs, their cards and their titles; this module sorts the
rest of a card's text into fields:

* **Fields are read from the card's visible text**, piece by piece (the text runs between
  tags, in reading order): bracketed badges through the vocabulary of
  :mod:`pipeline.parse.cards.grammar`, salaries through :mod:`pipeline.parse.cards.salary`, an age regex, the
  ``Featured`` marker, work-mode markers (``Remote``, ``Hybrid``, a globe emoji), the
  ``@ Company | Location`` form; what is left is the company and the location, the place
  being the piece that looks like one (``City, Country``, a country, a remote phrase).

Absence is a value: a card without a company gives ``company=None``, never a guess. A
link to a job page without a numeric id (``/hiring/jobs/remote/`` is a filter, not a
job) counts only when its card shows something only a job shows (an age, a badge, a
salary, the featured marker), so category links in the site's navigation are not jobs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pipeline.parse.cards.bounds import too_long
from pipeline.parse.cards.grammar import clean_line, is_remote_location, parse_badges, parse_company_location
from pipeline.parse.cards.places import HYBRID_PATTERN, ONSITE_PATTERN, country_code, state_code
from pipeline.parse.cards.salary import Salary, find_salary

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
    "r": "remote",  # the live board's remote badge: a lone "R" in an element of its own
}
"""A piece of card text that is *only* this (folded: lower case, hyphens as spaces) is a
work-mode marker, not a location. ``Remote (US only)`` says more, so it stays a location."""
GLOBES = frozenset("🌍🌎🌏🌐")
"""Emoji that boards print for a remote job."""
_MODE_RANK = {"onsite": 0, "hybrid": 1, "remote": 2}
"""Several markers: the most remote option offered wins (as in :mod:`pipeline.normalize.location`)."""

UI_WORDS: frozenset[str] = frozenset({
    "apply", "apply now", "easy apply", "quick apply", "save", "saved", "save job", "share",
    "view", "view job", "details", "more", "see more", "read more", "bookmark", "new", "hide",
    "report", "found", "published", "posted", "updated",
})
"""Button and link texts of a card that are neither company nor location (folded); the
words before an age (``Found 8h ago``, ``Published 15d ago``) are left over when it is read."""
CORPORATE_SUFFIXES: frozenset[str] = frozenset({
    "inc", "llc", "ltd", "limited", "gmbh", "co", "corp", "corporation", "sa", "ag", "plc",
    "bv", "nv", "srl", "sas", "pty ltd", "oy", "ab", "as", "kg", "lp", "llp",
})
"""``Acme, Inc.`` has a comma like ``City, Country``; a suffix after it marks a company."""
COMPANY_PATH = re.compile(r"/(?:compan(?:y|ies)|employers?|organi[sz]ations?|orgs?)/", re.IGNORECASE)
"""A link to a company page marks the company when the card prints no ``@``."""
_COMPANY_SLUG = re.compile(
    r"/(?:compan(?:y|ies)|employers?|organi[sz]ations?|orgs?)/(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*?)(?:-\d{1,12})?/?$",
    re.IGNORECASE,
)
TAG_PATH = re.compile(r"/(?:skills?|tags?|topics?)[/-]|/jobs/skill-", re.IGNORECASE)
"""A link to a skill or tag listing (``/jobs/skill-r/``): its text is a skill, not a card field."""
_MASKED = re.compile(r"^\S{1,3}(?:\.{2,}|…)$")
"""A company the board masks for visitors: ``M...``; its name is only in the link."""

# --- grammar -------------------------------------------------------------------------------

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
    ``Hybrid`` is not remote, as in :mod:`pipeline.normalize.location` (see ``work_mode``)."""
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
class Chunk:
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
    leftovers: list[Chunk] = field(default_factory=list)


# --- small readers -------------------------------------------------------------------------


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


def place_score(text: str) -> int:
    """2: surely a place (a remote phrase, or ends in a country or US state); 1: shaped like
    ``City, Region``; 0: not a place (a company name, most likely), or longer than a card line."""
    if too_long(text):
        return 0
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


# --- one card ------------------------------------------------------------------------------


def unmask_company(company: str | None, href: str | None) -> str | None:
    """A masked company (``M...``) named from its company link, ``/company/medison-pharma-16767/``
    -> ``Medison Pharma``; any other company as printed.

    >>> unmask_company("M...", "/company/medison-pharma-16767/"), unmask_company("Acme", None)
    ('Medison Pharma', 'Acme')
    """
    if company is None or not _MASKED.match(company) or not href:
        return company
    try:
        path = urlsplit(href.strip()).path
    except ValueError:
        return company
    match = _COMPANY_SLUG.search(path)
    if match is None:
        return company
    name = " ".join(word.capitalize() for word in match.group("slug").split("-"))
    return name if name[:1].casefold() == company[:1].casefold() else company


def is_title_like(text: str) -> bool:
    """Text that can be a job title: not a button, age, badge, salary or marker."""
    if not text or _fold(text) in UI_WORDS or _FEATURED.match(_fold(text)) or _work_mode_of(text):
        return False
    if AGE_PATTERN.search(text) or _BRACKETED.search(text):
        return False
    return find_salary(text)[0].text != text


def _pieces(chunks: list[Chunk]) -> Iterator[Chunk]:
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
            yield Chunk(first, href, chunk.in_job_link)
            yield from (Chunk(part, None, chunk.in_job_link) for part in rest if part)
            continue
        for part in _FIELD_SEPARATOR.split(chunk.text):
            if part:
                yield Chunk(part, chunk.href, chunk.in_job_link)


def _classify(chunks: list[Chunk]) -> _Fields:
    """Sort each piece of card text into the field it prints (module docstring)."""
    found = _Fields()
    for piece in _pieces(chunks):
        text = piece.text
        if text.startswith("@"):
            if found.company is None:
                found.company, found.location = parse_company_location(text)
                found.company = unmask_company(found.company, piece.href)
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
        if piece.href and TAG_PATH.search(piece.href):
            continue  # a skill or tag link (``R``, ``Python``): neither a marker nor a company
        if (mode := _work_mode_of(text)) is not None:
            found.modes.append(mode)
            continue
        salary, rest = find_salary(text)
        rest = rest.strip(_EDGE_JUNK)
        if salary.text is not None and not rest:  # the whole run: keep a slot in case another wins
            found.salaries.append((len(found.leftovers), salary))
            found.leftovers.append(Chunk("", piece.href))
            continue
        if salary.currency_text:  # "Salary: USD 90K": a currency says money even inside a run
            found.salaries.append((None, salary))
            text = rest
        types, seniority, _, _, leftover = parse_badges(text)
        if leftover is None and (types or seniority):
            found.badges.append(text)
            continue
        found.leftovers.append(Chunk(text, piece.href, piece.in_job_link))
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
            found.leftovers[best[0]] = Chunk("", found.leftovers[best[0]].href)
        return best[1].text
    _restore(found, best)
    return best[1].text


def _restore(found: _Fields, kept: tuple[int | None, Salary] | None) -> None:
    """Put the runs of the salary candidates other than ``kept`` back among the leftovers."""
    for slot, salary in found.salaries:
        if slot is not None and (slot, salary) != kept:
            found.leftovers[slot] = Chunk(salary.text or "", found.leftovers[slot].href)


def _salary_across(found: _Fields) -> str | None:
    """A salary with a currency in the leftover runs joined; the runs it covers are used up."""
    joined = " ".join(chunk.text for chunk in found.leftovers)
    salary, _ = find_salary(joined)
    if not salary.text or not salary.currency_text:
        return None
    start = joined.find(salary.text)
    end = start + len(salary.text)
    kept: list[Chunk] = []
    offset = 0
    for chunk in found.leftovers:
        low, high = offset, offset + len(chunk.text)
        offset = high + 1
        outside = chunk.text[: max(start - low, 0)] + " " + chunk.text[max(end - low, 0) :]
        text = outside.strip(_EDGE_JUNK) if low < end and high > start else chunk.text
        kept.append(Chunk(text, chunk.href, chunk.in_job_link))
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
        scores = [place_score(c.text) for c in leftovers]
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


def card_job(chunks: list[Chunk], title: str, url: str, key: str | None,
             position: int) -> ListedJob | None:
    """The text runs of a card (its title left out) -> a :class:`ListedJob`; ``None`` when
    it has no id and nothing only a job shows (a category link)."""
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
