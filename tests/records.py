"""The records of one document without the columns that name its capture: what two captures
of the same article (a text dump and a page, a page and its MHTML) must share."""

from __future__ import annotations

import json
from typing import Any

from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.run.process import process_document

CAPTURE = frozenset({"article_id", "source_uri", "page_uri", "source_format", "content_sha256", "encoding",
                     "encoding_repaired", "url", "slug", "_rank_date", "_rank_id"})
"""Columns that say where and how a document was captured, not what the article says."""


def content_records(doc: RawDocument, *, also_drop: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Every table's rows of ``doc`` (which must parse without quarantine), as JSON values,
    without :data:`CAPTURE` and ``also_drop``."""
    result = process_document(doc, Limits())
    assert not result.quarantine, result.quarantine
    rows: dict[str, Any] = json.loads(json.dumps(result.rows, default=str, sort_keys=True))
    dropped = CAPTURE | also_drop
    for table in rows.values():
        for row in table:
            for column in dropped:
                row.pop(column, None)
    return rows
