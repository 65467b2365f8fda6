"""Staging: how each document's rows travel from a worker to the table build.

Why two kinds of table: most rows belong to one article (``sections``, ``items``,
``mentions``, ``outlook_stats``, ``salary_links``: their key starts with ``article_id``, a
hash of the document's bytes). The worker sorts and de-duplicates those per document, and
the build writes them by walking the documents in ``article_id`` order: already in table
order, one document in memory at a time, whatever the corpus size. The other tables are
small or narrow and need corpus-wide rules (one ``job_cards`` row per job, the first of
several captures of one page, roles, quarantine); their rows are *staged* in a scratch
SQLite database (:class:`Stager`), tagged with their arrival order, and read back sorted
by :mod:`pipeline.run.tablebuild`. Workers put each table's columns in the form the store
keeps (:func:`staged_columns`), so the one process that builds the tables only extends lists.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import operator
import shutil
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.common.document import Columns, as_columns, as_rows, row_count
from pipeline.common.memory import TRIM_EVERY, trim_memory
from pipeline.run.seen_content import SeenContent
from pipeline.run.state import dump, insert_pending, load, unpack
from pipeline.tables.schema import ARTICLES, JOB_CARDS, JOB_DETAILS, JOB_SKILLS, TABLES, Table

log = logging.getLogger(__name__)

Row = dict[str, Any]
_RANK_DATE, _RANK_ID = "_rank_date", "_rank_id"
"""Which printing of a job wins (see :meth:`Stager.job_cards`): staged with ``job_cards``."""
_STAGE_ROWS = 4_096
"""Records buffered before they are written to the scratch database."""

_STAGED_COLUMNS = {
    name: [*table.column_names, *((_RANK_DATE, _RANK_ID) if table is JOB_CARDS else ())]
    for name, table in TABLES.items()
}
"""Columns of one document's rows of a table, as a worker sends them."""

DOCUMENT_TABLES = ("sections", "items", "salary_links", "mentions", "outlook_stats")
"""Tables whose rows all belong to one article and are sorted by ``article_id`` first."""
DETAIL_TABLES = (JOB_DETAILS.name, JOB_SKILLS.name)
"""Tables of what a job's own page prints below its card: one page's rows per job, staged
together per (document, job) under :data:`DETAILS` (see :meth:`Stager.job_details`)."""
DETAILS = "job_details"
"""The scratch table (and staged-form key) of :data:`DETAIL_TABLES`' rows."""
_NOT_STAGED = (*DOCUMENT_TABLES, *DETAIL_TABLES, "articles", "roles", "survey_salaries")  # survey: --survey
STAGED_TABLES = tuple(name for name in TABLES if name not in _NOT_STAGED)
"""Tables staged for a corpus-wide sort. ``articles`` (one row per document, sorted by
``article_key, article_id``) is written like the per-article tables, from the store in
that order; ``roles`` is derived from it."""
assert all(TABLES[name].sort_key[0] == "article_id" for name in DOCUMENT_TABLES)

CROSS_DOCUMENT_KEYS = frozenset({"job_sightings", "job_cards", "roles", *DETAIL_TABLES})
"""Tables whose unique key can repeat across documents: two captures of one listing page on
one day share ``(page_uri, seen_date, position)``; a job is printed on many pages; a role is
named by many comparisons. The table build resolves those over the whole corpus. Every other
table's key starts with the document's own id (``article_id``, a hash of its bytes, and
byte-identical documents are staged once), so its duplicates can only come from one document
and are dropped here, in the worker: the build then only has to sort."""


def _sort_value(row: Row, keys: tuple[str, ...]) -> tuple[Any, ...]:
    """Nulls first, without comparing None to a value (the order of the table build)."""
    return tuple((False, "") if row.get(k) is None else (True, row[k]) for k in keys)


def first_per_key(rows: list[Row], table: Table) -> list[Row]:
    """Drop rows whose unique key repeats, keeping the first in the table's sort order."""
    keys = table.unique_key
    if not keys or len(rows) < 2:
        return rows
    if len({tuple(map(row.get, keys)) for row in rows}) == len(rows):
        return rows  # the normal case: nothing to drop
    order = sorted(range(len(rows)), key=lambda i: (_sort_value(rows[i], table.sort_key), i))
    seen: set[tuple[Any, ...]] = set()
    keep: set[int] = set()
    for index in order:
        key = tuple(map(rows[index].get, keys))
        if key not in seen:
            seen.add(key)
            keep.add(index)
    return [row for index, row in enumerate(rows) if index in keep]


def to_columns(rows: dict[str, list[Row]]) -> dict[str, Columns]:
    """Rows per table -> :func:`staged_columns` of them (quarantine rows, which are built one
    at a time; a key a row lacks is None)."""
    names = _STAGED_COLUMNS
    return staged_columns({name: as_columns(given, names[name]) for name, given in rows.items() if given})


def staged_columns(tables: dict[str, Columns]) -> dict[str, Columns]:
    """A document's tables as the store keeps them (done in the worker, in parallel): every
    column of the table in schema order (a column the builder does not fill is all None),
    empty tables left out.

    Rows of the per-article tables are also de-duplicated and put in table order here:
    tests on the key columns, in C (``zip`` and a set or a sort of their tuples); a document
    whose keys repeat (none of the generated corpus) goes through the plain definition,
    :func:`first_per_key`.
    """
    out: dict[str, Columns] = {}
    for name, given in tables.items():
        count = row_count(given)
        if not count:
            continue
        table = TABLES[name]
        names = _STAGED_COLUMNS[name]
        columns = {col: given[col] if col in given else [None] * count for col in names}
        if name not in CROSS_DOCUMENT_KEYS and not _keys_unique(columns, table.unique_key):
            columns = as_columns(first_per_key(as_rows(columns), table), names)
        if name in DOCUMENT_TABLES:
            order = _sorted_order(columns, table.sort_key)
            if order is not None:
                columns = take(columns, order)
        out[name] = columns
    return out


def _keys_unique(columns: Columns, keys: tuple[str, ...]) -> bool:
    """Whether no two rows share their unique key (the normal case: nothing to drop)."""
    if not keys:
        return True
    count = row_count(columns)
    return count < 2 or len(set(zip(*(columns[k] for k in keys), strict=True))) == count


def _sorted_order(columns: Columns, keys: tuple[str, ...]) -> list[int] | None:
    """Row indices in the order of ``keys`` (nulls first, ties in input order), or None when
    the rows are in that order already."""
    key_columns = [columns[k] for k in keys]
    if any(None in column for column in key_columns):
        order = _in_order(columns, keys)
    else:  # no nulls: the plain tuples order the rows as the null-aware key would
        row_keys = list(zip(*key_columns, strict=True))
        order = sorted(range(len(row_keys)), key=row_keys.__getitem__)
    return None if order == list(range(len(order))) else order


def take(columns: Columns, keep: list[int]) -> Columns:
    """The rows at ``keep`` (indices), column by column."""
    return {col: [values[i] for i in keep] for col, values in columns.items()}


_GROUP_KEYS: dict[str, tuple[str, ...]] = {
    "job_sightings": ("page_uri", "seen_date"),
    "quarantine": ("source_uri",),
}
"""The leading sort-key columns that one document's rows share: the page and day a job card
was seen on, the source of a quarantined document. Those tables are staged one record per
document and group (the rows packed together), so the corpus-wide sort handles one record
per document, not one per row; the rows of a group are put in order when staged."""
assert all(TABLES[n].sort_key[: len(k)] == k for n, k in _GROUP_KEYS.items())
assert set(_GROUP_KEYS) | {JOB_CARDS.name} == set(STAGED_TABLES)
assert all(TABLES[n].sort_key[: len(TABLES[n].unique_key)] == TABLES[n].unique_key for n in _GROUP_KEYS)

Record = tuple[Any, ...]
"""One staged record: its sort-key columns, the row's offset in its document (the scratch
database's ``seq`` once the document's arrival number is added), and the packed rows."""


def _records(name: str, columns: Columns) -> list[Record]:
    """One document's rows of a staged table as the scratch database keeps them: a record
    per job card, ranked; a record per group of the other tables (see :data:`_GROUP_KEYS`),
    its rows in sort order. Pure, so that workers build them (see :func:`staged_form`)."""
    count = row_count(columns)
    columns = {col: columns.get(col) or [None] * count for col in _STAGED_COLUMNS[name]}
    if name == JOB_CARDS.name:
        ranks = zip(columns["job_id"], columns[_RANK_DATE], columns[_RANK_ID], strict=True)
        rows = zip(*columns.values(), strict=True)
        return [(*rank, i, dump(row)) for i, (rank, row) in enumerate(zip(ranks, rows, strict=True))]
    keys = _GROUP_KEYS[name]
    groups: dict[tuple[Any, ...], list[int]] = {}
    for i in range(count):
        groups.setdefault(tuple(columns[k][i] for k in keys), []).append(i)
    records = []
    for key, indices in groups.items():
        group = columns if len(indices) == count else take(columns, indices)  # one group: the usual
        group = take(group, _in_order(group, TABLES[name].sort_key[len(keys) :]))
        records.append((*map(_sql_value, key), indices[0], dump(tuple(group.values()))))
    return records


def _seen_dates(sightings: Columns) -> list[tuple[str, str]]:
    """``(job_id, ISO date)`` of each dated sighting: what ``first_seen``/``last_seen`` come from."""
    dates = zip(sightings["job_id"], sightings["seen_date"], strict=True)
    return [(job, day.isoformat()) for job, day in dates if day is not None]


QUARANTINE_NOTES = ("source_uri", "stage", "reason", "detail")
"""The quarantine columns the run process reads (to log and count), not only stages."""


def staged_form(
    source_uri: str, sha256: str | None, tables: dict[str, Columns], quarantine: Columns | None
) -> tuple[Any, ...]:
    """What the run process stages of one document, built by the worker that parsed it.

    Why in the worker: the run process is serial, and building the staged records (a pickle
    per job card, the groups of sightings and quarantine rows, each put in order) took a
    third of its staging time; now it only adds each record's arrival number. The form:
    ``(source_uri, sha256, articles rows or None (see :func:`_article_rows`), {table: (rows,
    records)}, the sightings' (job_id, date) pairs, the quarantine rows' (source, stage,
    reason, detail))``.
    ``tables`` are the document's columns of the staged tables (and ``articles``).
    """
    staged = {
        name: (row_count(columns), _records(name, columns))
        for name, columns in tables.items()
        if name in STAGED_TABLES and row_count(columns)
    }
    details = _detail_records(source_uri, sha256, tables)
    if details[0]:
        staged[DETAILS] = details
    notes: list[tuple[Any, ...]] = []
    if quarantine and row_count(quarantine):
        staged["quarantine"] = (row_count(quarantine), _records("quarantine", quarantine))
        notes = list(zip(*(quarantine[c] for c in QUARANTINE_NOTES), strict=True))
    sightings = tables.get("job_sightings")
    seen = _seen_dates(sightings) if sightings else []
    return source_uri, sha256, _article_rows(tables.get("articles")), staged, seen, notes


def _detail_records(
    source_uri: str, sha256: str | None, tables: dict[str, Columns]
) -> tuple[int, list[Record]]:
    """One document's ``job_details`` and ``job_skills`` rows as staged: a record per job,
    ``(job_id, seen date (ISO) of the job on this page, page, content hash, offset, both tables'
    rows in table order)``, and their row count. The rank columns decide which page's rows a job
    keeps (:meth:`Stager.job_details`); the tables' own columns carry none of it."""
    parts = {name: tables[name] for name in DETAIL_TABLES if name in tables and row_count(tables[name])}
    if not parts:
        return 0, []
    sightings = tables.get("job_sightings") or {"job_id": [], "seen_date": []}
    seen = {job: day for job, day in zip(sightings["job_id"], sightings["seen_date"], strict=True)
            if day is not None}
    jobs = sorted({job for columns in parts.values() for job in columns["job_id"]})
    records: list[Record] = []
    for offset, job in enumerate(jobs):
        rows = []
        for name in DETAIL_TABLES:
            names = TABLES[name].column_names
            columns = parts.get(name) or {col: [] for col in names}
            columns = {col: columns.get(col) or [None] * row_count(columns) for col in names}
            mine = take(columns, [i for i, other in enumerate(columns["job_id"]) if other == job])
            rows.append(tuple(take(mine, _in_order(mine, TABLES[name].sort_key)).values()))
        day = seen.get(job)
        records.append((job, _sql_value(day), source_uri, sha256 or "", offset, dump(tuple(rows))))
    return sum(map(row_count, parts.values())), records


def _article_rows(columns: Columns | None) -> list[tuple[str, str, bytes]] | None:
    """``(article_key, article_id, the row pickled)`` of each ``articles`` row, or None.

    Why pickled here: the run process keeps each row beside its kept-article entry as it
    comes (:meth:`pipeline.run.state.StateStore.add_article`), so the build reads the small
    rows in table order instead of reading and unpacking every stored result a second time.
    """
    count = row_count(columns) if columns else 0
    if not columns or not count:
        return None
    values = [columns.get(name) or [None] * count for name in ARTICLES.column_names]
    rows = zip(*values, strict=True)
    return [(key, article_id, dump(row)) for key, article_id, row in
            zip(columns["article_key"], columns["article_id"], rows, strict=True)]


_SCRATCH = """
PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=FILE;
CREATE TABLE job_sightings (page_uri TEXT, seen_date TEXT, seq INTEGER, rows BLOB);
CREATE TABLE quarantine (source_uri TEXT, seq INTEGER, rows BLOB);
CREATE TABLE job_cards (job_id TEXT, rank_date TEXT, rank_id TEXT, seq INTEGER, row BLOB);
CREATE TABLE job_details (job_id TEXT, rank_date TEXT, page_uri TEXT, sha256 TEXT, seq INTEGER, rows BLOB);
CREATE TABLE seen_dates (job_id TEXT, seen_date TEXT);
CREATE TABLE seen_content (digest BLOB PRIMARY KEY, dates TEXT NOT NULL) WITHOUT ROWID;
BEGIN;
"""
"""The scratch database: scratch data in one transaction, never committed piecemeal, and
nothing worth a journal (a killed run starts staging afresh)."""


def _sql_value(value: Any) -> Any:
    """A key value as SQLite stores and orders it: dates as ISO text (same order)."""
    return value.isoformat() if isinstance(value, dt.date) else value


class Stager:
    """Stage the rows that need corpus-wide rules in a scratch SQLite database.

    Why SQLite: its sorter spills to disk beyond a fixed cache (a couple of megabytes), so
    sorting a corpus of any size takes the same memory, and it is in the standard library.
    Rows travel packed (:func:`pipeline.run.state.pack`); only the sort keys are columns. Each
    row or group is tagged with its arrival sequence number, the last sort key, so ties
    resolve as a stable in-memory sort of the same stream would.
    """

    def __init__(self, folder: Path) -> None:
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        self.folder = folder
        self.db = sqlite3.connect(folder / "staged.sqlite", isolation_level=None)
        self.db.executescript(_SCRATCH)
        self._seq = 0
        self._pending: dict[str, list[tuple[Any, ...]]] = {
            n: [] for n in (*STAGED_TABLES, DETAILS, "seen_dates")}
        self._buffered = 0

    def add(self, name: str, columns: Columns) -> None:
        """Stage one document's rows of one table (from :func:`staged_columns`), in arrival order."""
        count = row_count(columns)
        if count:
            seen = _seen_dates(columns) if name == "job_sightings" else []
            self.add_records(name, count, _records(name, columns), seen)

    def add_records(
        self, name: str, count: int, records: list[Record], seen_dates: list[tuple[str, str]]
    ) -> None:
        """Stage one document's ``count`` rows of one table, given as :func:`_records` made
        them (in the worker: see :func:`staged_form`), and its sightings' ``(job_id, date)``."""
        base = self._seq + 1
        self._pending[name].extend((*record[:-2], base + record[-2], record[-1]) for record in records)
        self._pending["seen_dates"].extend(seen_dates)
        self._seq += count
        self._buffered += count
        if self._buffered >= _STAGE_ROWS:
            self._flush()

    def _flush(self) -> None:
        insert_pending(self.db, self._pending)
        self._buffered = 0

    def close(self) -> None:
        """Write what is buffered (the rows are read back by :meth:`runs` and :meth:`job_cards`)."""
        self._flush()

    def runs(self, name: str) -> Iterator[Columns]:
        """Rows of a grouped table in table order, one run of equal group keys at a time.

        A run holds one group in the usual case (a page seen by one capture that day); when
        several documents share the keys, their rows are merged in sort-key then arrival
        order. Rows whose unique key repeats keep the first (see :data:`CROSS_DOCUMENT_KEYS`).
        """
        self._flush()
        keys = _GROUP_KEYS[name]
        table = TABLES[name]
        order = ", ".join(f"{k} ASC NULLS FIRST" for k in keys)
        cursor = self.db.execute(f"SELECT {', '.join(keys)}, rows FROM {name} ORDER BY {order}, seq")
        names = _STAGED_COLUMNS[name]
        width = len(keys)
        for _key, records in itertools.groupby(cursor, key=operator.itemgetter(*range(width))):
            parts = [load(record[width]) for record in records]
            columns = dict(zip(names, parts[0], strict=True))
            if len(parts) > 1:  # groups of several documents: merged in order, ties by arrival
                columns = {col: [v for part in parts for v in part[i]] for i, col in enumerate(names)}
                columns = take(columns, _in_order(columns, table.sort_key[width:]))
            yield _first_of_each_key(columns, table) if table.unique_key else columns

    def job_cards(self) -> Iterator[tuple[Row, str | None, str | None]]:
        """One staged printing per job, the winner, in ``job_id`` order, with its first and
        last seen dates (ISO text) over every staged sighting of the job.

        The printing on the latest article wins (then the smallest article id, then the
        earliest arrival).
        """
        self._flush()
        names = _STAGED_COLUMNS[JOB_CARDS.name]
        cards = self.db.execute(
            "SELECT job_id, row FROM job_cards "
            "ORDER BY job_id, rank_date DESC NULLS LAST, rank_id ASC NULLS LAST, seq"
        )
        seen = self.db.cursor().execute(
            "SELECT job_id, min(seen_date), max(seen_date) FROM seen_dates GROUP BY job_id ORDER BY job_id"
        )
        dates = next(seen, None)
        for job_id, records in itertools.groupby(cards, key=operator.itemgetter(0)):
            row = dict(zip(names, load(next(records)[1]), strict=True))
            while dates is not None and dates[0] < job_id:
                dates = next(seen, None)
            first, last = (dates[1], dates[2]) if dates is not None and dates[0] == job_id else (None, None)
            yield row, first, last

    def job_details(self) -> Iterator[tuple[Columns, Columns]]:
        """One page's ``job_details`` and ``job_skills`` rows per job, in ``job_id`` order.

        Of a job's pages that print sections, the latest capture wins (a page may change), then
        the smallest page URI, then the smallest content hash: only what the pages are decides,
        never the order they were read in (the arrival order breaks no tie two contents could make).
        """
        self._flush()
        cursor = self.db.execute(
            f"SELECT job_id, rows FROM {DETAILS} "
            "ORDER BY job_id, rank_date DESC NULLS LAST, page_uri ASC, sha256 ASC, seq")
        for _job_id, records in itertools.groupby(cursor, key=operator.itemgetter(0)):
            details, skills = load(next(records)[1])
            yield (dict(zip(JOB_DETAILS.column_names, details, strict=True)),
                   dict(zip(JOB_SKILLS.column_names, skills, strict=True)))

    def discard(self) -> None:
        """Close the scratch database and delete it."""
        self.db.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def _in_order(columns: Columns, keys: tuple[str, ...]) -> list[int]:
    """Row indices in the order of ``keys`` (nulls first); stable, so ties keep their order."""
    values = [columns[k] for k in keys]
    return sorted(
        range(row_count(columns)),
        key=lambda i: tuple((False, "") if v[i] is None else (True, v[i]) for v in values),
    )


def _first_of_each_key(columns: Columns, table: Table) -> Columns:
    """Drop rows whose unique key equals the previous row's (rows in sort order, and the
    unique key leads the sort key, so repeats are adjacent; null equals null)."""
    keys = [columns[k] for k in table.unique_key]
    count = row_count(columns)
    keep = [i for i in range(count) if i == 0 or any(k[i] != k[i - 1] for k in keys)]
    return columns if len(keep) == count else take(columns, keep)


@dataclass(slots=True)
class Staged:
    """What staging found: duplicates and quarantine counts (kept articles go to ``keep_article``)."""

    duplicates: int = 0
    quarantine_reasons: Counter[str] = field(default_factory=Counter)


def stage(
    documents: Iterable[tuple[str, bytes]],
    stager: Stager,
    keep_article: Callable[[str, str, str, bytes], None],
) -> Staged:
    """Stream every document's rows, in input order, through the corpus-level rules into staging.

    Byte-identical documents are one article, named by the first in input order; a later
    copy only adds the sightings of its job cards on dates not seen before (a re-capture of
    an unchanged page on a new date is a new sighting).
    """
    staged = Staged()
    seen_on = SeenContent(stager.db)
    for count, (key, blob) in enumerate(documents, 1):
        if count % TRIM_EVERY == 0:
            trim_memory()
        uri, sha, articles, tables, seen, notes = unpack(blob)
        for source, stage_name, reason, detail in notes:
            # one line per document at -v only: the summary counts them per stage and reason
            log.info("quarantined %s: %s/%s %s", source, stage_name, reason, detail or "")
            staged.quarantine_reasons[f"{stage_name}/{reason}"] += 1
        if "quarantine" in tables:
            rows, records = tables.pop("quarantine")
            stager.add_records("quarantine", rows, records, [])
        sightings = tables.get("job_sightings", (0, []))[1]
        dates = {record[1] for record in sightings}  # each group's seen_date, ISO text as staged
        digest = bytes.fromhex(sha) if sha else None
        # One statement for a new content (the common case): recorded, or its dates if known.
        known = seen_on.add(digest, dates) if digest is not None else None
        if digest is not None and known is not None and (tables or articles):
            # The same bytes again (a copy, or a re-capture of an unchanged page): one
            # document, but a dated sighting of its job cards all the same.
            staged.duplicates += 1
            log.info("duplicate of an earlier document: %s", uri)
            if DETAILS in tables:  # its capture date may make its (same) rows the latest of the job
                rows, records = tables[DETAILS]
                stager.add_records(DETAILS, rows, records, [])
            fresh = [record for record in sightings if record[1] not in known]
            if fresh:
                seen_on.put(digest, known | {record[1] for record in fresh})
                stager.add("job_sightings", _unpack_groups("job_sightings", fresh))
            continue
        if digest is not None and known is not None:
            seen_on.put(digest, dates)  # a known content with no rows: counted afresh
        for article_key, article_id, row in articles or ():
            keep_article(article_key, article_id, key, row)
        for name, (rows, records) in tables.items():
            stager.add_records(name, rows, records, seen if name == "job_sightings" else [])
    stager.close()
    return staged


def _unpack_groups(name: str, records: list[Record]) -> Columns:
    """The rows of staged groups, column by column (a duplicate's fresh sightings)."""
    parts = [load(record[-1]) for record in records]
    return {col: [v for part in parts for v in part[i]] for i, col in enumerate(_STAGED_COLUMNS[name])}
