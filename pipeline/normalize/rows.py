"""The row builders: one parsed article, listing page or job page -> its tables, column by column.

Why here, after parsing: the parser gives what the page says (roles, sections, cards as
printed); the rows add what analysts query by (stable ids, role keys, codes, mentions,
outlook figures) in the contract's columns, so the parser never needs to know the tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from pipeline.common.document import Columns, RawDocument, Row, as_columns
from pipeline.common.memo import remembered
from pipeline.errors import ParseError
from pipeline.normalize.fields import card_fields, default_finder, mention_rows, outlook_rows
from pipeline.normalize.ids import ID_CHARS, job_id, slugify
from pipeline.normalize.job_details import detail_rows
from pipeline.normalize.role_keys import role_key
from pipeline.parse.article import ParsedArticle
from pipeline.parse.body import Segment
from pipeline.parse.cards.grammar import CACHED_TEXTS, JobCard
from pipeline.parse.cards.salary import parse_salary
from pipeline.parse.job_page import JobPage
from pipeline.parse.listing import ListedJob, ListingPage
from pipeline.version import PARSER_VERSION


def listing_rows(doc: RawDocument, page: ListingPage) -> dict[str, Columns]:
    """Job cards and sightings of one job-board listing page, column by column."""
    if not page.jobs:
        raise ParseError("no_jobs", "a job-board listing page without any job")
    return _listed_rows(doc, [(job, job.url) for job in page.jobs], "listing")


def job_page_rows(doc: RawDocument, page: JobPage) -> dict[str, Columns]:
    """The job card of a job's own page and its one sighting (``page_kind = job_page``); the
    card's ``job_url`` is the page's own URL, null when neither the run nor the page names it.
    What the page prints below the card gives its ``job_details`` and ``job_skills`` rows."""
    tables = _listed_rows(doc, [(page.job, page.url)], "job_page")
    if page.sections:
        details, skills = detail_rows(tables["job_cards"]["job_id"][0], page.sections, default_finder())
        tables["job_details"], tables["job_skills"] = as_columns(details), as_columns(skills)
    return tables


def _listed_rows(doc: RawDocument, jobs: list[tuple[ListedJob, str | None]], kind: str) -> dict[str, Columns]:
    """Cards and sightings of jobs read from a board page (a listing's or a job's own)."""
    cards: list[Row] = []
    sightings: list[Row] = []
    seen = doc.captured
    for job, job_url in jobs:
        card = JobCard(
            title=job.title,
            company=job.company,
            location=job.location,
            is_remote=job.is_remote,
            employment_types=job.employment_types,
            seniority=job.seniority,
            seniority_text=None,
            badges_text=None,
            salary=parse_salary(job.salary_text),
            unparsed_badges=None,
            work_mode=job.work_mode,
        )
        row = card_row(card, (seen.isoformat() if seen else "", ""))
        row["job_url"] = job_url
        jid = row["job_id"]
        cards.append(row)
        sightings.append(
            {
                "job_id": jid,
                "article_id": None,
                "position": job.position,
                "seen_date": seen,
                "page_uri": doc.source_uri,
                "page_kind": kind,
                "featured": job.featured,
                "age_text": job.age_text,
                "age_hours": job.age_hours,
            }
        )
    return {"job_cards": as_columns(cards), "job_sightings": as_columns(sightings)}


def article_rows(
    doc: RawDocument,
    parsed: ParsedArticle,
    *,
    sha: str,
    canonical: str | None,
    encoding: str,
    repaired: bool,
    decode_errors: int = 0,
) -> dict[str, Columns]:
    """Turn a parsed article into its tables, column by column, with stable ids.

    Why columns: validation and packing work on columns, and a column of a long table
    (sections, items) is one comprehension over the parsed segments, where a dict per row
    would be built, then walked again by each later step.
    """
    header = parsed.header
    article_id = sha[:ID_CHARS]
    url = doc.url or canonical  # a capture names its own URL; a saved page its canonical link
    title_slug = slugify(f"{header.role_a} vs {header.role_b}")
    url_slug = url.rstrip("/").rsplit("/", 1)[-1] if url else None
    names = {"a": header.role_a, "b": header.role_b}
    keys = {"a": role_key(header.role_a), "b": role_key(header.role_b)}
    article: Row = {
        "article_id": article_id,
        "article_key": title_slug,
        "source_uri": doc.source_uri,
        "source_format": doc.format,
        "content_sha256": sha,
        "url": url,
        "slug": url_slug or title_slug,
        "title": header.title,
        "role_a": header.role_a,
        "role_b": header.role_b,
        "role_key_a": keys["a"],
        "role_key_b": keys["b"],
        "subtitle": header.subtitle,
        "read_minutes": header.read_minutes,
        "published_date": header.published,
        "intro": parsed.intro,
        "encoding_repaired": repaired,
        "encoding": encoding,
        "decode_errors": decode_errors,
        "truncated": parsed.truncated,
        "parser_version": PARSER_VERSION,
    }
    segments = parsed.body.segments
    sections = _sided(
        article_id, segments, names, keys,
        position=list(range(1, len(segments) + 1)),
        heading=[seg.heading for seg in segments],
        text=[seg.text for seg in segments],
        truncated=[seg.truncated for seg in segments],
    )
    item_segments = [segments[seg_index] for seg_index, _ in parsed.body.items]
    counters: dict[tuple[str, str | None], int] = {}
    positions = []
    for seg in item_segments:  # an item's position counts within its section and side
        key = (seg.section, seg.side)
        counters[key] = counters.get(key, 0) + 1
        positions.append(counters[key])
    items = _sided(
        article_id, item_segments, names, keys,
        position=positions,
        text=[text for _, text in parsed.body.items],
        section_position=[seg_index + 1 for seg_index, _ in parsed.body.items],
        truncated=[False] * len(positions),
    )
    if positions and parsed.truncated and parsed.body.ends_in_item:
        items["truncated"][-1] = True  # the capture was cut inside its last item
    cards, sightings = _card_rows(parsed, article_id, doc.captured or header.published, doc.source_uri)
    links = parsed.tail.salary_links
    # What the mention and outlook finders read of each section, as the rows they take.
    section_rows = [
        {"section": section, "role_side": side, "role_key": key, "text": text}
        for section, side, key, text in zip(
            sections["section"], sections["role_side"], sections["role_key"], sections["text"], strict=True
        )
    ]
    return {
        "articles": {name: [value] for name, value in article.items()},
        "sections": sections,
        "items": items,
        "job_cards": as_columns(cards),
        "job_sightings": as_columns(sightings),
        "salary_links": {
            "article_id": [article_id] * len(links),
            "role": [role for role, _ in links],
            "scope": [scope for _, scope in links],
            "position": list(range(1, len(links) + 1)),
        },
        "mentions": as_columns(mention_rows(article_id, section_rows)),
        "outlook_stats": as_columns(outlook_rows(article_id, section_rows, names, keys)),
    }


def _sided(article_id: str, segments: Sequence[Segment], names: dict[str, str], keys: dict[str, str],
           **columns: list[Any]) -> Columns:
    """The columns a section and an item share (the article, the section, its role side and
    that side's role name and key), then ``columns``."""
    sides = [seg.side for seg in segments]
    return {
        "article_id": [article_id] * len(segments),
        "section": [seg.section for seg in segments],
        "role_side": sides,
        "role": [names.get(side or "") for side in sides],
        "role_key": [keys.get(side or "") for side in sides],
        **columns,
    }


def _card_rows(
    parsed: ParsedArticle, article_id: str, seen: dt.date | None, page_uri: str
) -> tuple[list[Row], list[Row]]:
    cards: list[Row] = []
    sightings: list[Row] = []
    published = parsed.header.published
    for position, card in enumerate(parsed.tail.cards, start=1):
        row = card_row(card, (published.isoformat() if published else "", article_id))
        jid = row["job_id"]
        cards.append(row)
        row["job_url"] = None
        sightings.append(
            {
                "job_id": jid,
                "article_id": article_id,
                "position": position,
                "seen_date": seen,
                "page_uri": page_uri,
                "page_kind": "article",
                "featured": True,
                "age_text": None,
                "age_hours": None,
            }
        )
    return cards, sightings


def card_row(card: JobCard, rank: tuple[str, str]) -> Row:
    """The ``job_cards`` row of one card, with its ``job_id`` (USD amounts and first/last seen
    come later).

    ``rank`` (a date as ISO text, an article id) decides which printing of a job wins when
    it is printed differently (see :meth:`pipeline.run.staging.Stager.job_cards`).
    """
    row = _card_values(card).copy()
    # Fresh lists: a row's values are its own, whatever a later step does with them.
    row["employment_types"] = list(row["employment_types"])
    row["locations"] = list(row["locations"])
    # Private: which printing wins when the same job is printed differently.
    row["_rank_date"], row["_rank_id"] = rank
    return row


@remembered(maxsize=CACHED_TEXTS)
def _card_values(card: JobCard) -> Row:
    """The values of a card's row that depend on the card alone, remembered per process.

    Why: the board features the same jobs on many articles (3,343 distinct cards among the
    35,600 of the bench's 10,000 text dumps), and a card's id (a sha256 of its folded
    fields), place and codes cost more than a lookup by the card, an immutable value whose
    every field is in its hash. :func:`card_row` copies the answer (and its lists).
    """
    salary = card.salary
    row: Row = {
        "job_id": job_id(card),
        "title": card.title,
        "company": card.company,
        "location": card.location,
        "is_remote": card.is_remote,
        "employment_types": tuple(card.employment_types),
        "seniority": card.seniority,
        "seniority_text": card.seniority_text,
        "salary_currency": salary.currency,
        "salary_min": salary.min,
        "salary_max": salary.max,
        "salary_period": salary.period or ("year" if salary.text else None),
        "salary_is_estimate": salary.is_estimate,
        "salary_text": salary.text,
        "salary_flag": salary.flag,
        "_rank_date": None,  # set by card_row: the same card printed on another page ranks otherwise
        "_rank_id": None,
    }
    row.update(card_fields(card))
    row["locations"] = tuple(row["locations"])
    return row
