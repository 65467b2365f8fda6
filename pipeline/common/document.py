"""The document types every stage shares: raw bytes in, rows (or quarantine rows) out.

Why their own module: reading the input, planning a run and checking for changes all
handle documents, and none of them should pay for importing the parsers to do so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import operator
from dataclasses import dataclass, field
from typing import Any

from pipeline.errors import StageError

Row = dict[str, Any]
Columns = dict[str, list[Any]]
"""One table's rows of one document, column by column (every list the same length)."""


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
    """One document's tables, column by column, and its quarantine rows.

    Why columns: the rows are built, validated and packed for the store, and each step
    is cheaper over a column than over a dict per row (the checks of a column are set
    operations in C; packing needs columns anyway). A table's columns are those its
    builder fills (a ``job_cards`` row gets its USD amounts in the run process), plus
    private ones whose names start with ``_``; every list has one entry per row.
    """

    source_uri: str
    content_sha256: str | None
    tables: dict[str, Columns] = field(default_factory=dict)
    quarantine: list[Row] = field(default_factory=list)

    @property
    def is_article(self) -> bool:
        """Whether the document produced an article."""
        return bool(row_count(self.tables.get("articles")))

    @property
    def rows(self) -> dict[str, list[Row]]:
        """The tables as one dict per row: a view for tests and tools (it costs a
        transposition; the pipeline itself reads :attr:`tables`)."""
        return {name: as_rows(columns) for name, columns in self.tables.items()}


def row_count(columns: Columns | None) -> int:
    """Rows in one document's columns of a table (0 for none)."""
    return len(next(iter(columns.values()), ())) if columns else 0


def as_columns(rows: list[Row], names: list[str] | None = None) -> Columns:
    """Rows -> one list per column, for ``names`` (a key a row lacks is None, as ``row.get``
    would say), or by default for the first row's keys, in order (then every row must have
    them: rows built alike, else ``KeyError``).

    For tables whose rows come one at a time from a finder or a card (job cards, mentions,
    outlook figures) and for quarantine rows; the builders fill longer tables column by
    column directly. Why ``itemgetter`` first: rows are built with every column of their
    table, and taking each row's values as one tuple in C, then ``zip`` over the tuples,
    costs about two thirds of a ``row.get`` per value; a row that lacks a column takes the
    slower path.
    """
    alike = names is None
    if names is None:
        names = list(rows[0]) if rows else []
    if not rows:
        return {name: [] for name in names}
    if len(names) > 1:
        try:
            tuples = list(map(operator.itemgetter(*names), rows))
        except KeyError:
            if alike:
                raise
        else:
            return {name: list(column) for name, column in zip(names, zip(*tuples, strict=True), strict=True)}
    elif alike:
        return {names[0]: [row[names[0]] for row in rows]}
    values = zip(*(map(row.get, names) for row in rows), strict=True)
    return {name: list(column) for name, column in zip(names, values, strict=True)}


def as_rows(columns: Columns) -> list[Row]:
    """Columns -> one dict per row, keys in column order."""
    names = list(columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def quarantine_row(source_uri: str, error: StageError, sha256: str | None) -> Row:
    """The quarantine row for a stage error."""
    return {
        "source_uri": source_uri,
        "stage": error.stage,
        "reason": error.reason,
        "detail": error.detail,
        "content_sha256": sha256,
    }
