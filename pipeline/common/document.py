"""The document types every stage shares: raw bytes in, rows (or quarantine rows) out.

Why their own module: reading the input, planning a run and checking for changes all
handle documents, and none of them should pay for importing the parsers to do so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from pipeline.errors import StageError

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A document as read from disk or the web, before decoding.

    ``data`` is already decompressed; ``source_uri`` is the path relative to the input
    folder (``/``-separated) or the URL.
    """

    source_uri: str
    data: bytes
    format: str
    """``text`` or ``html``."""
    content_type: str | None = None
    url: str | None = None
    captured: dt.date | None = None
    """When the document was captured (fetch time), if known; dumps carry none."""
    status: int = 200
    """HTTP status of an archived capture; 200 for files."""
    _sha256: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def sha256(self) -> str:
        """Hex sha256 of the bytes: the document's identity. Computed at the first ask and
        kept: the worker asks to tell an unchanged file, the parse again for its rows, and
        hashing a page costs about a tenth of rejecting it."""
        sha = self._sha256
        if sha is None:
            sha = hashlib.sha256(self.data).hexdigest()
            object.__setattr__(self, "_sha256", sha)  # the class is frozen
        return sha


@dataclass(slots=True)
class DocumentResult:
    """Rows per table for one document (empty tables omitted) and its quarantine rows."""

    source_uri: str
    content_sha256: str | None
    rows: dict[str, list[Row]] = field(default_factory=dict)
    quarantine: list[Row] = field(default_factory=list)

    @property
    def is_article(self) -> bool:
        """Whether the document produced an article."""
        return bool(self.rows.get("articles"))


def quarantine_row(source_uri: str, error: StageError, sha256: str | None) -> Row:
    """The quarantine row for a stage error."""
    return {
        "source_uri": source_uri,
        "stage": error.stage,
        "reason": error.reason,
        "detail": error.detail,
        "content_sha256": sha256,
    }
