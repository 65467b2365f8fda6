"""A job's own page on the board -> its one card (a :class:`JobPage`), or ``None``.

Why a third document kind: the board prints each job on a page of its own, the title as the
page's ``h1`` and, right under it, the same fields a listing card prints (place, a remote
badge, the salary, the seniority word, the company, the posting age), then the job's
sections (Tasks, Perks/Benefits, Skills/Tech-stack, Education). Such a page links no job
page of its own, so the listing reader finds nothing in it. The page is recognised by
structure and grammar, never by class names or nesting:

* **One title.** Exactly one of the page's visible ``h1`` elements reads as a title (short,
  not a sentence, not a button, age, salary or marker: :func:`is_title_like`; never an
  ``A vs. B`` comparison, those pages do not get here) *and* has the job's card under it as
  below; a logo in an ``h1`` is no title, and two titles each with a card are no one job.
* **Card runs right under it.** The text runs that follow the ``h1`` up to the next heading
  (:func:`pipeline.parse.page_tree.runs_after`), cut at the first run of prose or the first
  link to *another* job (a listing's first card), must print at least
  :data:`MIN_FIELD_KINDS` kinds of card field, each a run of its own: a salary with a
  currency, a seniority or employment badge, a place, a work-mode badge, a posting age, a
  company (``@ Name`` or the board's ``/company/<slug>-<id>/`` link).
* **A job, not any priced thing.** One of them must say job: a seniority or employment
  badge, a company, or the page's own URL being a job page, or a title that reads as a
  role (a classified ad prints a price, a place and an age too).

The fields are then read by the listing card's grammar (:func:`pipeline.parse.cards.runs.card_job`),
so a detail page and a listing card of the same job give the same card. The job's URL is
the page's own: the capture's URL when the run knows it, else the page's canonical link or
``og:url``; ``None`` when it names none (the card's id does not depend on it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lxml import etree

from pipeline.parse.article import is_role_like
from pipeline.parse.cards.grammar import parse_badges
from pipeline.parse.cards.runs import (
    AGE_PATTERN,
    GLOBES,
    WORK_MODE_WORDS,
    Chunk,
    ListedJob,
    card_job,
    is_title_like,
    place_score,
)
from pipeline.parse.cards.salary import find_salary
from pipeline.parse.job_details import JobSection, is_section_name, job_sections
from pipeline.parse.listing import board_link_kind, job_key
from pipeline.parse.page_tree import base_url, identity, is_hidden, resolve, runs_after, visible_text
from pipeline.structure.html_tags import absolute_url

__all__ = ["MIN_FIELD_KINDS", "JobPage", "field_kinds", "job_page_from_tree"]

# --- vocabulary (data) ---------------------------------------------------------------------

MIN_FIELD_KINDS = 3
"""Kinds of card field the runs under the title must print (the fragment prints six)."""
JOB_KINDS = frozenset({"seniority", "employment", "company"})
"""Field kinds only a job prints (a price, a place and an age are a classified ad too)."""
ZONE_RUNS = 30
"""Runs read under the title: a card prints a dozen at most, buttons included."""
PROSE_WORDS = 12
"""A run of more words is prose: the card has ended (a card field is a few words)."""
MAX_H1 = 8
"""Visible or not, ``h1`` elements a job page may have (its title, a logo, a hidden copy)."""
MAX_TITLE_WORDS = 16
MAX_TITLE_CHARS = 160
_AGE_WORDS = frozenset({"", "found", "published", "posted", "updated", "added", "listed"})
"""What may print before an age in a run of its own: ``Found 8h ago``, ``Published 15d ago``."""
_EDGE = " \t-–—:;,|·•*"
_SENTENCE_END = re.compile(r"[.!?…:]$")

# --- records -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class JobPage:
    """A job's own page: its card, and the page's own URL when the page or the run names it."""

    job: ListedJob
    """The card as printed; its ``url`` is :attr:`url` or ``""``, its position 1."""
    url: str | None
    """The job's URL: the capture's, else the page's canonical link or ``og:url``; ``None``
    for a saved page that names none."""
    sections: tuple[JobSection, ...] = ()
    """What the page prints below the card: Tasks, Perks/Benefits, Skills/Tech-stack...
    (:mod:`pipeline.parse.job_details`), in reading order."""


# --- small readers -------------------------------------------------------------------------


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split()).strip(_EDGE + ".!")


def run_kind(chunk: Chunk) -> str | None:
    """The card field a whole run prints, or ``None``: ``age``, ``salary``, ``seniority``,
    ``employment``, ``mode``, ``company``, ``place``.

    >>> [run_kind(Chunk(t)) for t in ("Found 8h ago", "ILS 139K-151K (estimate)", "Mid-level", "R")]
    ['age', 'salary', 'seniority', 'mode']
    >>> run_kind(Chunk("Petah Tikva, Center District, IL")), run_kind(Chunk("@ M...", "/company/m-1/"))
    ('place', 'company')
    >>> run_kind(Chunk("They earn USD 120K a year")), run_kind(Chunk("Acme"))
    (None, None)
    """
    text = chunk.text.strip(_EDGE)
    if not text:
        return None
    if text.startswith("@") or (chunk.href and board_link_kind(chunk.href) == "company"):
        return "company"
    age = AGE_PATTERN.search(text)
    if age is not None and _fold(text[: age.start()] + " " + text[age.end() :]) in _AGE_WORDS:
        return "age"
    if WORK_MODE_WORDS.get(_fold(text)) or (set(text) - {" "}) <= GLOBES:
        return "mode"
    salary, rest = find_salary(text)
    if salary.text is not None and salary.currency_text and not rest.strip(_EDGE):
        return "salary"
    types, seniority, _, _, leftover = parse_badges(text)
    if leftover is None and (types or seniority):
        return "seniority" if seniority else "employment"
    if len(text.split()) <= 8 and place_score(text) == 2:
        return "place"
    return None


def field_kinds(chunks: list[Chunk]) -> set[str]:
    """The kinds of card field the runs print, each a run of its own (:func:`run_kind`)."""
    return {kind for chunk in chunks if (kind := run_kind(chunk)) is not None}


def _titles(root: etree._Element) -> list[tuple[etree._Element, str]]:
    """The page's visible ``h1`` elements that read as a job's title, with their text; none
    when the page has more than :data:`MAX_H1` visible ``h1`` (no job page prints so many)."""
    found: list[tuple[etree._Element, str]] = []
    for count, heading in enumerate(root.iter("h1")):
        if count >= MAX_H1:
            return []
        if any(is_hidden(el) for el in (heading, *heading.iterancestors())):
            continue
        text = visible_text(heading)
        if _is_job_title(text):
            found.append((heading, text))
    return found


def _is_job_title(text: str) -> bool:
    """A title a job page prints: short, not a sentence, not a field or a button."""
    words = text.split()
    return (0 < len(words) <= MAX_TITLE_WORDS and len(text) <= MAX_TITLE_CHARS
            and _SENTENCE_END.search(text) is None and is_title_like(text))


def _own_url(root: etree._Element, url: str | None) -> str | None:
    """The page's own URL: the run's (a capture's), else ``<link rel=canonical>``, else
    ``og:url`` (absolute http(s) URLs only)."""
    if url and absolute_url(url):
        return url
    for link in root.iter("link"):
        found = absolute_url(link.get("href"))
        if found and "canonical" in (link.get("rel") or "").lower().split():
            return found
    for meta in root.iter("meta"):
        found = absolute_url(meta.get("content"))
        if found and (meta.get("property") or "").strip().lower() == "og:url":
            return found
    return None


def _card_zone(root: etree._Element, h1: etree._Element, base: str, own: str | None) -> list[Chunk]:
    """The runs under the title that may be its card: up to the first run of prose, the first
    section's name (:func:`pipeline.parse.job_details.is_section_name`), or the first link to
    another job page (a listing's first card is no field of this job)."""
    zone: list[Chunk] = []
    for chunk in runs_after(root, h1, ZONE_RUNS):
        if len(chunk.text.split()) > PROSE_WORDS or is_section_name(chunk.text):
            break  # prose, or a bold ``Tasks`` that opens the job's sections
        target = resolve(base, chunk.href) if chunk.href else None
        if target is not None and job_key(target)[0] and identity(target) != own:
            break  # with an id or not (a listing's ``/hiring/jobs/<slug>/`` card)
        zone.append(chunk)
    return zone


# --- public --------------------------------------------------------------------------------


def job_page_from_tree(root: etree._Element, url: str | None, *, base: str | None = None) -> JobPage | None:
    """Read a parsed page as a job's own page (module docstring); ``None`` when it is not one.

    ``url`` is the page's URL when the run knows it (a capture's, a saved page's address);
    ``base`` what its relative links resolve against (``url`` or the file's path).
    """
    own = _own_url(root, url)
    own_id = identity(own) if own else None
    is_job, key = job_key(own) if own else (False, None)
    links_base = base_url(root, base or url or "")
    found: list[tuple[etree._Element, str, list[Chunk]]] = []
    for h1, title in _titles(root):  # a site's logo may be an h1 too: the one with a card is the title
        zone = _card_zone(root, h1, links_base, own_id)
        kinds = field_kinds(zone)
        if len(kinds) >= MIN_FIELD_KINDS and (kinds & JOB_KINDS or is_job or is_role_like(title)):
            found.append((h1, title, zone))
    if len(found) != 1:
        return None  # none, or several titles each with a card: not one job's page
    h1, title, zone = found[0]
    # The page is a job's already: card_job's guard against category links (no id and
    # nothing only a job shows) must not drop it, so it reads with a stand-in id.
    job = card_job(zone, title, own_id or "", key or "page", 1)
    if job is None:
        return None
    sections = job_sections(h1, links_base, own_id)
    return JobPage(replace(job, job_key=key if is_job else None), own_id, sections)
