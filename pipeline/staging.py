"""Staging: how each document's rows travel from a worker to the table build.

Why two kinds of table: most rows belong to one article (``sections``, ``items``,
``mentions``, ``outlook_stats``, ``salary_links``: their key starts with ``article_id``, a
hash of the document's bytes). The worker sorts and de-duplicates those per document, and
the build writes them by walking the documents in ``article_id`` order: already in table
order, one document in memory at a time, whatever the corpus size. The other tables are
small or narrow and need corpus-wide rules (one ``job_cards`` row per job, the first of
several captures of one page, roles, quarantine); their rows are *staged*: appended to
one unsorted Parquet file per table, each row tagged with its arrival sequence number
(``_seq``, the last sort key, so ties resolve as a stable in-memory sort would), then
sorted by :mod:`pipeline.tablebuild`. Workers turn rows into columns (:func:`to_columns`),
so the one process that builds the tables only extends lists.
"""

from __future__ import annotations

import datetime as dt
import logging
import operator
import shutil
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.memory import TRIM_EVERY, trim_memory
from pipeline.schema import JOB_CARDS, TABLES, Table
from pipeline.state import unpack

log = logging.getLogger(__name__)

Row = dict[str, Any]
SEQ = "_seq"
_RANK_DATE, _RANK_ID = "_rank_date", "_rank_id"
_STAGE_ROWS = 4_096
"""Rows buffered per table before they are appended to its staging file."""


def _batch_schema(table: Table) -> pa.Schema:
    schema = table.arrow_schema()
    if table is JOB_CARDS:  # which printing of a job wins: see tablebuild
        schema = schema.append(pa.field(_RANK_DATE, pa.string())).append(pa.field(_RANK_ID, pa.string()))
    return schema


def _staging_schema(table: Table) -> pa.Schema:
    return _batch_schema(table).append(pa.field(SEQ, pa.int64()))


_BATCH_SCHEMAS = {name: _batch_schema(table) for name, table in TABLES.items()}
"""Schema of one document's rows of a table, as a worker sends them (no ``_seq`` yet)."""
_STAGED_COLUMNS = {name: schema.names for name, schema in _BATCH_SCHEMAS.items()}

Columns = dict[str, list[Any]]
"""One table's rows of one document, column by column."""

DOCUMENT_TABLES = ("sections", "items", "salary_links", "mentions", "outlook_stats")
"""Tables whose rows all belong to one article and are sorted by ``article_id`` first."""
STAGED_TABLES = tuple(name for name in TABLES if name not in (*DOCUMENT_TABLES, "articles", "roles"))
"""Tables staged for a corpus-wide sort. ``articles`` (one row per document, sorted by
``article_key, article_id``) is written like the per-article tables, from the store in
that order; ``roles`` is derived from it."""
assert all(TABLES[name].sort_key[0] == "article_id" for name in DOCUMENT_TABLES)

CROSS_DOCUMENT_KEYS = frozenset({"job_sightings", "job_cards", "roles"})
"""Tables whose unique key can repeat across documents: two captures of one listing page on
one day share ``(page_uri, seen_date, position)``; a job is printed on many pages; a role is
named by many comparisons. The table build resolves those over the whole corpus. Every other
table's key starts with the document's own id (``article_id``, a hash of its bytes, and
byte-identical documents are staged once), so its duplicates can only come from one document
and are dropped here, in the worker: the build then only has to sort."""


def _sort_value(row: Row, keys: tuple[str, ...]) -> tuple[Any, ...]:
    """Nulls first, without comparing None to a value (the order of the table build)."""
    return tuple((False, "") if row.get(k) is None else (True, row[k]) for k in keys)


def _row_order(table: Table) -> Callable[[Row], Any]:
    """A sort key for the table's rows: a plain item getter when no key column can be null
    (validated rows), else :func:`_sort_value`. Both order rows the same way."""
    keys = table.sort_key
    if any(table.column(k).nullable for k in keys):
        return lambda row: _sort_value(row, keys)
    return operator.itemgetter(*keys)


_ROW_ORDER = {name: _row_order(TABLES[name]) for name in DOCUMENT_TABLES}


def first_per_key(rows: list[Row], table: Table) -> list[Row]:
    """Drop rows whose unique key repeats, keeping the first in the table's sort order."""
    keys = table.unique_key
    if not keys or len(rows) < 2:
        return rows
    if len({tuple(row.get(k) for k in keys) for row in rows}) == len(rows):
        return rows  # the normal case: nothing to drop
    order = sorted(range(len(rows)), key=lambda i: (_sort_value(rows[i], table.sort_key), i))
    seen: set[tuple[Any, ...]] = set()
    keep: set[int] = set()
    for index in order:
        key = tuple(rows[index].get(k) for k in keys)
        if key not in seen:
            seen.add(key)
            keep.add(index)
    return [row for index, row in enumerate(rows) if index in keep]


def to_columns(rows: dict[str, list[Row]]) -> dict[str, Columns]:
    """Rows per table -> columns per table (done in the worker, in parallel).

    Rows of the per-article tables are also de-duplicated and put in table order here.
    """
    out: dict[str, Columns] = {}
    for name, table_rows in rows.items():
        if not table_rows:
            continue
        table = TABLES[name]
        if name == JOB_CARDS.name:
            staged = [_unrank(row) for row in table_rows]
        elif name in CROSS_DOCUMENT_KEYS:
            staged = table_rows
        else:
            staged = first_per_key(table_rows, table)
        if name in DOCUMENT_TABLES:
            staged = sorted(staged, key=_ROW_ORDER[name])
        out[name] = {col: [row.get(col) for row in staged] for col in _STAGED_COLUMNS[name]}
    return out


def _unrank(row: Row) -> Row:
    staged = dict(row)
    rank = staged.pop("_rank", None)
    if rank is not None:
        staged[_RANK_DATE], staged[_RANK_ID] = rank
    return staged


def take(columns: Columns, keep: list[int]) -> Columns:
    """The rows at ``keep`` (indices), column by column."""
    return {col: [values[i] for i in keep] for col, values in columns.items()}


def row_count(columns: Columns) -> int:
    """Rows in one document's columns of a table."""
    return len(next(iter(columns.values()), ()))


class Stager:
    """Append rows of the staged tables to ``<folder>/<table>.parquet``, unsorted, with ``_seq``.

    Columns are buffered as Python lists and turned into Arrow a few thousand rows at a
    time: one conversion per column per chunk, not per document.
    """

    def __init__(self, folder: Path) -> None:
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        self.folder = folder
        self._buffers: dict[str, Columns] = {name: self._empty(name) for name in STAGED_TABLES}
        self._seq = 0
        self._writers: dict[str, pq.ParquetWriter] = {}

    @staticmethod
    def _empty(name: str) -> Columns:
        return {col: [] for col in [*_STAGED_COLUMNS[name], SEQ]}

    def path(self, name: str) -> Path:
        """The staging file of one table (exists after :meth:`close`, even when empty)."""
        return self.folder / f"{name}.parquet"

    def add(self, name: str, columns: Columns) -> None:
        """Stage one document's rows of one table (from :func:`to_columns`), in arrival order."""
        count = row_count(columns)
        if not count:
            return
        buffer = self._buffers[name]
        for col, values in columns.items():
            buffer[col].extend(values)
        buffer[SEQ].extend(range(self._seq + 1, self._seq + 1 + count))
        self._seq += count
        if len(buffer[SEQ]) >= _STAGE_ROWS:
            self._flush(name)

    def _flush(self, name: str) -> None:
        schema = _staging_schema(TABLES[name])
        data = pa.Table.from_pydict(self._buffers[name], schema=schema)
        writer = self._writers.get(name)
        if writer is None:
            writer = self._writers[name] = pq.ParquetWriter(self.path(name), schema, compression="none")
        writer.write_table(data)
        self._buffers[name] = self._empty(name)

    def close(self) -> None:
        """Flush every buffer; every table gets a staging file (possibly with no rows)."""
        for name in STAGED_TABLES:
            if self._buffers[name][SEQ] or name not in self._writers:
                self._flush(name)
            self._writers[name].close()


@dataclass(slots=True)
class Staged:
    """What staging found: duplicates and quarantine counts (kept articles go to ``keep_article``)."""

    duplicates: int = 0
    quarantine_reasons: Counter[str] = field(default_factory=Counter)


def stage(
    documents: Iterable[tuple[str, bytes]], stager: Stager, keep_article: Callable[[str, str, str], None]
) -> Staged:
    """Stream every document's rows, in input order, through the corpus-level rules into staging.

    Byte-identical documents are one article, named by the first in input order; a later
    copy only adds the sightings of its job cards on dates not seen before (a re-capture of
    an unchanged page on a new date is a new sighting).
    """
    staged = Staged()
    seen_on = _SeenContent(stager.folder / "seen.sqlite")
    for count, (key, blob) in enumerate(documents, 1):
        if count % TRIM_EVERY == 0:
            trim_memory()
        uri, sha, tables, quarantine = unpack(blob)
        if quarantine:
            for source, stage_name, reason, detail in zip(
                *(quarantine[c] for c in ("source_uri", "stage", "reason", "detail")), strict=True
            ):
                log.warning("quarantined %s: %s/%s %s", source, stage_name, reason, detail or "")
                staged.quarantine_reasons[f"{stage_name}/{reason}"] += 1
            stager.add("quarantine", quarantine)
        sightings = tables.get("job_sightings", {"seen_date": []})
        dates = sightings["seen_date"]
        digest = bytes.fromhex(sha) if sha else None
        # One statement for a new content (the common case): recorded, or its dates if known.
        known = seen_on.add(digest, set(dates)) if digest is not None else None
        if digest is not None and known is not None and tables:
            # The same bytes again (a copy, or a re-capture of an unchanged page): one
            # document, but a dated sighting of its job cards all the same.
            staged.duplicates += 1
            log.info("duplicate of an earlier document: %s", uri)
            fresh = [i for i, date in enumerate(dates) if date not in known]
            if fresh:
                seen_on.put(digest, known | {dates[i] for i in fresh})
                stager.add("job_sightings", take(sightings, fresh))
            continue
        if digest is not None and known is not None:
            seen_on.put(digest, set(dates))  # a known content with no rows: counted afresh
        for name, columns in tables.items():
            if name == "articles":
                for pair in zip(columns["article_key"], columns["article_id"], strict=True):
                    keep_article(*pair, key)
            else:
                stager.add(name, columns)
    seen_on.close()
    stager.close()
    return staged


class _SeenContent:
    """The dates each document content (by its sha256) was sighted on, kept on disk.

    Why not a dict: it needs one entry per document, about 100 bytes each in Python, so it
    grew with the corpus (10 MB at 100k documents); in SQLite it costs a bounded page cache.
    """

    def __init__(self, path: Path) -> None:
        path.unlink(missing_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            "CREATE TABLE seen (digest BLOB PRIMARY KEY, dates TEXT NOT NULL) WITHOUT ROWID;"
            "BEGIN;"  # scratch data: one transaction, never committed piecemeal
        )

    def add(self, digest: bytes, dates: set[dt.date | None]) -> set[dt.date | None] | None:
        """Record a content first seen on ``dates``; if it was seen before, its dates instead."""
        insert = "INSERT OR IGNORE INTO seen VALUES (?, ?)"
        if self._db.execute(insert, (digest, _encode_dates(dates))).rowcount == 1:
            return None
        row = self._db.execute("SELECT dates FROM seen WHERE digest=?", (digest,)).fetchone()
        return _decode_dates(row[0])

    def put(self, digest: bytes, dates: set[dt.date | None]) -> None:
        self._db.execute("INSERT OR REPLACE INTO seen VALUES (?, ?)", (digest, _encode_dates(dates)))

    def close(self) -> None:
        self._db.execute("COMMIT")
        self._db.close()


def _encode_dates(dates: set[dt.date | None]) -> str:
    return ",".join(sorted("-" if d is None else d.isoformat() for d in dates))


def _decode_dates(text: str) -> set[dt.date | None]:
    return {None if part == "-" else dt.date.fromisoformat(part) for part in text.split(",") if part}
