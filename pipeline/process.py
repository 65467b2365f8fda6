"""One raw document -> its rows for every table, or its quarantine row. Pure.

This is the function that is cached, parallelized and tested: bytes in, rows out, no
I/O and no globals. The error policy lives here and nowhere else: a :class:`StageError`
from any stage becomes one ``quarantine`` row and the run goes on; so does any other
exception, as an ``internal_error`` of the stage it happened in (a bug one document met).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from pipeline.blocks import Block
from pipeline.decode import decode_bytes
from pipeline.document import DocumentResult, RawDocument, Row, quarantine_row
from pipeline.errors import InternalError, ParseError, StageError
from pipeline.jobcards import JobCard
from pipeline.listing import ListingPage, is_listing_page, parse_listing
from pipeline.normalize import card_fields, mention_rows, outlook_rows
from pipeline.parse import PARSER_VERSION, ParsedArticle, parse_blocks
from pipeline.role_keys import role_key
from pipeline.salary import parse_salary
from pipeline.settings import Limits
from pipeline.structure_html import html_to_blocks
from pipeline.structure_text import text_to_blocks
from pipeline.validate import validate_rows

ID_CHARS = 16
_VS_DOT = re.compile(r"\bvs\.")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def short_id(*parts: str) -> str:
    """A stable 16-hex id from text parts (sha256 of the parts joined by a separator)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:ID_CHARS]


def slugify(text: str) -> str:
    """The site's slug form: lower case, ``vs.`` -> ``vs``, non-alphanumerics -> ``-``.

    >>> slugify("AI Architect vs. Machine Learning Research Engineer")
    'ai-architect-vs-machine-learning-research-engineer'
    """
    lowered = _VS_DOT.sub("vs", text.lower())
    return _NOT_SLUG.sub("-", lowered).strip("-")


def job_id(card: JobCard) -> str:
    """Same title, company and location (case and spacing folded): same job."""

    def fold(value: str | None) -> str:
        return " ".join((value or "").split()).casefold()

    return short_id(fold(card.title), fold(card.company), fold(card.location))


def to_blocks(
    doc: RawDocument, text: str, limits: Limits, utf8: bytes | None = None
) -> tuple[list[Block], str | None]:
    """Structure decoded text: ``(blocks, canonical url)``.

    ``utf8`` is the text's exact UTF-8 form when the decode stage has it (see
    :attr:`pipeline.decode.DecodedText.utf8`): the HTML parser reads it without an encode.
    """
    if doc.format == "html":
        source = text if utf8 is None else utf8
        page = html_to_blocks(source, max_depth=limits.max_depth, max_blocks=limits.max_blocks)
        return page.blocks, page.canonical_url
    return text_to_blocks(text, max_blocks=limits.max_blocks), None


def process_document(doc: RawDocument, limits: Limits) -> DocumentResult:
    """Run decode -> structure -> parse -> normalize -> validate on one document.

    A job-board listing page (HTML with many job links and no comparison title) is the
    second document kind: its jobs become job cards sighted on that page. Articles are the
    common case, so a page is parsed as an article first and looked at as a listing only
    when it is not one (one HTML parse per article, not two).
    """
    stage = ["decode"]
    """The stage in progress, for an error no stage raised on purpose."""
    try:
        return _process(doc, limits, stage)
    except MemoryError:
        raise  # the machine, not the document: the run stops and says so
    except Exception as error:  # any bug one document meets is quarantined
        result = DocumentResult(doc.source_uri, doc.sha256)
        result.quarantine.append(quarantine_row(doc.source_uri, InternalError(stage[0], error), doc.sha256))
        return result


def _process(doc: RawDocument, limits: Limits, stage: list[str]) -> DocumentResult:
    sha = doc.sha256
    result = DocumentResult(doc.source_uri, sha)
    try:
        decoded = decode_bytes(doc.data, is_html=doc.format == "html", content_type=doc.content_type)
        stage[0] = "structure"
        blocks, canonical = to_blocks(doc, decoded.text, limits, decoded.utf8)
        stage[0] = "parse"
        try:
            parsed = parse_blocks(blocks)
        except ParseError:
            page_url = doc.url or doc.source_uri
            if doc.format != "html" or not is_listing_page(decoded.text, page_url):
                raise
            result.rows = listing_rows(doc, parse_listing(decoded.text, page_url))
            stage[0] = "validate"
            validate_rows(result.rows)
            return result
        stage[0] = "normalize"
        rows = article_rows(
            doc, parsed, sha=sha, canonical=canonical, encoding=decoded.encoding, repaired=decoded.repaired
        )
        stage[0] = "validate"
        validate_rows(rows)
    except StageError as error:
        result.rows = {}
        result.quarantine.append(quarantine_row(doc.source_uri, error, sha))
        return result
    for problem in parsed.tail.problems:
        result.quarantine.append(
            {
                "source_uri": doc.source_uri,
                "stage": "normalize",
                "reason": "bad_job_card",
                "detail": problem,
                "content_sha256": sha,
            }
        )
    result.rows = rows
    return result


def listing_rows(doc: RawDocument, page: ListingPage) -> dict[str, list[Row]]:
    """Job cards and sightings of one job-board listing page."""
    if not page.jobs:
        raise ParseError("no_jobs", "a job-board listing page without any job")
    cards: list[Row] = []
    sightings: list[Row] = []
    seen = doc.captured
    for job in page.jobs:
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
        )
        jid = job_id(card)
        row = card_row(card, jid, (seen.isoformat() if seen else "", ""))
        row["job_url"] = job.url
        cards.append(row)
        sightings.append(
            {
                "job_id": jid,
                "article_id": None,
                "position": job.position,
                "seen_date": seen,
                "page_uri": doc.source_uri,
                "page_kind": "listing",
                "featured": job.featured,
                "age_text": job.age_text,
                "age_hours": job.age_hours,
            }
        )
    return {"job_cards": cards, "job_sightings": sightings}


def article_rows(
    doc: RawDocument,
    parsed: ParsedArticle,
    *,
    sha: str,
    canonical: str | None,
    encoding: str,
    repaired: bool,
) -> dict[str, list[Row]]:
    """Turn a parsed article into rows for every table, with stable ids."""
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
        "truncated": parsed.truncated,
        "parser_version": PARSER_VERSION,
    }
    sections = [
        {
            "article_id": article_id,
            "position": position,
            "section": seg.section,
            "heading": seg.heading,
            "role_side": seg.side,
            "role": names.get(seg.side or ""),
            "role_key": keys.get(seg.side or ""),
            "text": seg.text,
        }
        for position, seg in enumerate(parsed.body.segments, start=1)
    ]
    items: list[Row] = []
    counters: dict[tuple[str, str | None], int] = {}
    for seg_index, text in parsed.body.items:
        seg = parsed.body.segments[seg_index]
        key = (seg.section, seg.side)
        counters[key] = counters.get(key, 0) + 1
        items.append(
            {
                "article_id": article_id,
                "section": seg.section,
                "role_side": seg.side,
                "role": names.get(seg.side or ""),
                "role_key": keys.get(seg.side or ""),
                "position": counters[key],
                "text": text,
                "section_position": seg_index + 1,
            }
        )
    cards, sightings = _card_rows(parsed, article_id, doc.captured or header.published, doc.source_uri)
    links = [
        {"article_id": article_id, "role": role, "scope": scope, "position": position}
        for position, (role, scope) in enumerate(parsed.tail.salary_links, start=1)
    ]
    return {
        "articles": [article],
        "sections": sections,
        "items": items,
        "job_cards": cards,
        "job_sightings": sightings,
        "salary_links": links,
        "mentions": mention_rows(article_id, sections),
        "outlook_stats": outlook_rows(article_id, sections),
    }


def _card_rows(
    parsed: ParsedArticle, article_id: str, seen: dt.date | None, page_uri: str
) -> tuple[list[Row], list[Row]]:
    cards: list[Row] = []
    sightings: list[Row] = []
    published = parsed.header.published
    for position, card in enumerate(parsed.tail.cards, start=1):
        jid = job_id(card)
        row = card_row(card, jid, (published.isoformat() if published else "", article_id))
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


def card_row(card: JobCard, jid: str, rank: tuple[str, str]) -> Row:
    """The ``job_cards`` row of one card (USD amounts and first/last seen come later)."""
    salary = card.salary
    row: Row = {
        "job_id": jid,
        "title": card.title,
        "company": card.company,
        "location": card.location,
        "is_remote": card.is_remote,
        "employment_types": list(card.employment_types),
        "seniority": card.seniority,
        "seniority_text": card.seniority_text,
        "salary_currency": salary.currency,
        "salary_min": salary.min,
        "salary_max": salary.max,
        "salary_period": salary.period or ("year" if salary.text else None),
        "salary_is_estimate": salary.is_estimate,
        "salary_text": salary.text,
        "salary_flag": salary.flag,
        # Private: which sighting wins when the same job is printed differently.
        "_rank": rank,
    }
    row.update(card_fields(card))
    return row
