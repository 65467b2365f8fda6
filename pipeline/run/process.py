"""One raw document -> its rows for every table, or its quarantine row. Pure.

This is the function that is cached, parallelized and tested: bytes in, rows out, no
I/O and no globals. The error policy lives here and nowhere else: a :class:`StageError`
from any stage becomes one ``quarantine`` row and the run goes on; so does any other
exception, as an ``internal_error`` of the stage it happened in (a bug one document met).
"""

from __future__ import annotations

import re

from pipeline.common.document import DocumentResult, RawDocument, quarantine_row
from pipeline.common.limits import Limits
from pipeline.decode.charset import ASCII_KEEPING, decode_bytes
from pipeline.errors import InternalError, ParseError, StageError
from pipeline.normalize.rows import article_rows, job_page_rows, listing_rows
from pipeline.parse.article import NO_TITLE, parse_blocks
from pipeline.parse.board import read_board_page
from pipeline.parse.job_page import JobPage
from pipeline.parse.prescreen import screen
from pipeline.structure.blocks import Block
from pipeline.structure.html import NODE_BOUNDARY, page_blocks, parse_html
from pipeline.structure.markdown import is_markdown_name, looks_like_markdown, markdown_to_blocks
from pipeline.structure.text import text_to_blocks
from pipeline.tables.validate import validate_tables

_GAP = NODE_BOUNDARY + "*"


def _separator(v: str) -> re.Pattern[str]:
    return re.compile(
        rf"""{v}(?<![^\s{NODE_BOUNDARY}]{v})                 # v at the start of a word (or of a text node)
            {_GAP}(?:[sS\u017f]|[eE]{_GAP}[rR]{_GAP}[sS\u017f]{_GAP}[uU]{_GAP}[sS\u017f])   # vs, versus
            (?:{_GAP}\.)?(?=[\s{NODE_BOUNDARY}]|\Z)          # vs. ; then the end of the word""",
        re.VERBOSE,
    )


TITLE_SEPARATOR = _separator("[vV]")
"""The separator word of a comparison title (``A vs. B``, ``A versus B``: the grammar of
:data:`pipeline.parse.header._TITLE`, case-insensitive as it is, ``ſ`` included) in text whose
nodes are joined with :data:`~pipeline.structure.html.NODE_BOUNDARY`: a node's edge may stand
for the space around the word (a table cell, a list marker) or split the word itself
(``v<b>s</b>``)."""
TITLE_SEPARATOR_BY_CASE = (_separator("v"), _separator("V"))
""":data:`TITLE_SEPARATOR` as two patterns, one per case of the first letter, which together
find the same words: each starts with a literal, which the regex engine skips to about eight
times faster than to a character class (0.05 against 0.4 ms over the 70 KB of text of a page
of other sites)."""


def to_blocks(
    doc: RawDocument, text: str, limits: Limits, utf8: bytes | None = None
) -> tuple[list[Block], str | None]:
    """Structure decoded text: ``(blocks, canonical url)``.

    ``utf8`` is the text's exact UTF-8 form when the decode stage has it (see
    :attr:`pipeline.decode.charset.DecodedText.utf8`): the HTML parser reads it without an encode.

    A page whose text holds no comparison title's separator word anywhere is not an article
    whatever its structure: it is rejected after the parse, before the walk (most of a
    page's cost), with the error the article parser would have raised on its blocks.
    """
    if doc.format == "html":
        source = text if utf8 is None else utf8
        parsed = parse_html(source, max_depth=limits.max_depth, max_blocks=limits.max_blocks)
        if parsed.surely_ends_plain(TITLE_SEPARATOR_BY_CASE):
            raise ParseError("not_an_article", NO_TITLE)
        page = page_blocks(parsed)
        return page.blocks, page.canonical_url
    if is_markdown_name(doc.source_uri, doc.content_type) or looks_like_markdown(text):
        return markdown_to_blocks(text, max_blocks=limits.max_blocks)
    return text_to_blocks(text, max_blocks=limits.max_blocks), None


def process_document(doc: RawDocument, limits: Limits) -> DocumentResult:
    """Run decode -> structure -> parse -> normalize -> validate on one document.

    The job board's own pages are the other document kinds (:mod:`pipeline.parse.board`): a
    listing page (job links, no comparison title), whose jobs become job cards sighted on it,
    and a job's own page (one title ``h1`` with its card's fields under it), which gives its
    one card. Articles are the common case, so a page is parsed as an article first and
    looked at as a board page only when it is not one (one HTML parse per article, not two).

    Most HTML pages of other sites are neither, and their bytes show it
    (:func:`pipeline.parse.prescreen.screen`): such a page is ``not_an_article``
    before it is decoded or parsed. That comes after what reading and decoding would say
    (``too_large``, ``binary``, ``undecodable``: the byte test declines those pages) but
    before the structural limits (``too_deep``, ``too_many_blocks``, ``empty``): they
    protect the walk, which such a page never reaches, and "not an article" is what the
    page is whatever its shape.
    """
    stage = ["decode"]
    """The stage in progress, for an error no stage raised on purpose."""
    sha = doc.sha256
    try:
        return _process(doc, limits, stage, sha)
    except MemoryError:
        raise  # the machine, not the document: the run stops and says so
    except Exception as error:  # any bug one document meets is quarantined
        result = DocumentResult(doc.source_uri, sha)
        result.quarantine.append(quarantine_row(doc.source_uri, InternalError(stage[0], error), sha))
        return result


def _process(doc: RawDocument, limits: Limits, stage: list[str], sha: str) -> DocumentResult:
    result = DocumentResult(doc.source_uri, sha)
    page_url = doc.url or doc.source_uri
    try:
        job_words = True
        if doc.format == "html":
            verdict = screen(doc.data, url=page_url, content_type=doc.content_type)
            if verdict.neither:
                raise ParseError("not_an_article", NO_TITLE)
            job_words = verdict.job_words
        decoded = decode_bytes(doc.data, is_html=doc.format == "html", content_type=doc.content_type)
        stage[0] = "structure"
        try:
            blocks, canonical = to_blocks(doc, decoded.text, limits, decoded.utf8)
            stage[0] = "parse"
            parsed = parse_blocks(blocks)
        except ParseError:
            # Bytes without a job link, read with a codec that keeps ASCII: no board page either
            # (the board test would say so after encoding the text and searching it again).
            no_jobs = not job_words and decoded.encoding in ASCII_KEEPING
            if doc.format != "html" or no_jobs:
                raise
            board = read_board_page(decoded.text, page_url, url=doc.url)
            if board is None:
                raise
            stage[0] = "normalize"
            if isinstance(board, JobPage):
                result.tables = job_page_rows(doc, board)
            else:
                result.tables = listing_rows(doc, board)
            stage[0] = "validate"
            validate_tables(result.tables)
            return result
        stage[0] = "normalize"
        rows = article_rows(
            doc, parsed, sha=sha, canonical=canonical, encoding=decoded.encoding, repaired=decoded.repaired,
            decode_errors=decoded.errors,
        )
        stage[0] = "validate"
        validate_tables(rows)
    except StageError as error:
        result.tables = {}
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
    result.tables = rows
    return result
