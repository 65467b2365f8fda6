"""Build the output tables from a stream of per-document rows, in bounded memory.

Why two steps: documents arrive one by one, in input order, but every table is written
sorted by its key and with corpus-level rules applied (one row per unique key, one
``job_cards`` row per job, first/last seen dates, one ``roles`` row per role). Holding a
corpus of 100k documents in Python would take gigabytes, so rows are first *staged*:
appended to one Parquet file per table as they come, each row tagged with its arrival
sequence number. Then DuckDB, with a small memory limit and spilling to disk, sorts each
staged table; the sorted batches are de-duplicated as they stream by (first row per key)
and written to the final Parquet and CSV files. The arrival sequence is the last sort key,
so ties resolve exactly as a stable in-memory sort of the same stream would: the output
depends only on the input. (The per-article tables, the wide ones, skip staging: see
:mod:`pipeline.staging`.)
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.export import TableWriter, to_arrow
from pipeline.memory import TRIM_EVERY, trim_memory
from pipeline.money import RateTable, to_usd
from pipeline.role_keys import display_name
from pipeline.schema import ARTICLES, JOB_CARDS, ROLES, TABLES, Table
from pipeline.staging import (
    _RANK_DATE,
    _RANK_ID,
    CROSS_DOCUMENT_KEYS,
    DOCUMENT_TABLES,
    SEQ,
    STAGED_TABLES,
    Stager,
)
from pipeline.state import unpack

log = logging.getLogger(__name__)

Row = dict[str, Any]
_BATCH_ROWS = 16_384
_SORT_THREADS = 1
_MEMORY_PER_THREAD_MB = 32
"""DuckDB's external sort needs a few buffers per thread; beyond that it spills to disk, so
memory stays flat whatever the corpus size. The staged tables are narrow (the wide text
tables are written per article), so one thread sorts them quickly."""
_MEMORY_CEILING_MB = 1024
"""The most a sort is given after retries (see :func:`_write_sorted`)."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _order(table: Table) -> str:
    return ", ".join(f"{_quote(k)} ASC NULLS FIRST" for k in table.sort_key) + f", {SEQ} ASC"


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _select(table: Table, staged: Path) -> str:
    """Rows of one staged table in table order (``_seq`` last, for ties).

    A plain external sort, whatever the corpus size: duplicates of a key that can repeat
    across documents are dropped afterwards, as the sorted rows stream by
    (:class:`_FirstPerKey`), rather than by a window function, which needs several times the
    memory.
    """
    columns = ", ".join(_quote(c) for c in table.column_names)
    return f"SELECT {columns} FROM read_parquet({_literal(staged)}) ORDER BY {_order(table)}"


def _dedupes(table: Table) -> bool:
    """Whether the table's unique key can repeat across documents (its rows are then
    de-duplicated as they stream by, which needs the key to lead the sort order)."""
    if not table.unique_key or table.name not in CROSS_DOCUMENT_KEYS or table is JOB_CARDS:
        return False
    if table.sort_key[: len(table.unique_key)] != table.unique_key:
        raise AssertionError(f"{table.name}: the unique key must lead the sort key")
    return True


class _FirstPerKey:
    """Keep the first row of each run of equal keys in sorted batches (null equals null, as
    in SQL's PARTITION BY), carrying the last key from one batch to the next."""

    def __init__(self, keys: tuple[str, ...]) -> None:
        self.keys = keys
        self._last: tuple[Any, ...] | None = None

    def __call__(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        if batch.num_rows == 0:
            return batch
        repeat: Any = None  # row i has the key of row i - 1 (for rows 1..n-1)
        for name in self.keys:
            column = batch.column(name)
            before, after = column.slice(0, len(column) - 1), column.slice(1)
            same = pc.or_(
                pc.fill_null(pc.equal(after, before), False),
                pc.and_(pc.is_null(after), pc.is_null(before)),
            )
            repeat = same if repeat is None else pc.and_(repeat, same)
        first = tuple(batch.column(name)[0].as_py() for name in self.keys)
        head = pa.array([first == self._last], pa.bool_())
        self._last = tuple(batch.column(name)[-1].as_py() for name in self.keys)
        return batch.filter(pc.invert(pa.concat_arrays([head, repeat])))


def _select_job_cards(cards: Path, sightings: Path) -> str:
    """One row per job: the sighting on the latest article wins (then the smallest article id,
    then the earliest arrival); first/last seen come from every sighting of the job.

    The winner is chosen on the narrow ranking columns only; the wide rows are read again
    for the winners alone, so memory follows the number of jobs, not of printings.
    """
    columns = ", ".join(
        f"s.{c}" if c in ("first_seen", "last_seen") else f"c.{_quote(c)}" for c in JOB_CARDS.column_names
    )
    return f"""
        WITH seen AS (
            SELECT job_id, min(seen_date) AS first_seen, max(seen_date) AS last_seen
            FROM read_parquet({_literal(sightings)}) WHERE seen_date IS NOT NULL GROUP BY job_id
        ), best AS (
            SELECT {SEQ} FROM read_parquet({_literal(cards)})
            QUALIFY row_number() OVER (
                PARTITION BY job_id ORDER BY {_RANK_DATE} DESC, {_RANK_ID} ASC, {SEQ} ASC) = 1
        )
        SELECT {columns} FROM read_parquet({_literal(cards)}) c SEMI JOIN best USING ({SEQ})
        LEFT JOIN seen s USING (job_id) ORDER BY c.job_id
    """


def _with_usd(batch: pa.RecordBatch, rates: RateTable) -> pa.Table:
    """Add the USD amounts: one rate table for the whole run, applied at the end."""
    rows = batch.to_pylist()
    for card in rows:
        currency = card.get("salary_currency")
        card["salary_min_usd"] = to_usd(card.get("salary_min_annual"), currency, rates)
        card["salary_max_usd"] = to_usd(card.get("salary_max_annual"), currency, rates)
    return to_arrow(JOB_CARDS, rows)


class _Roles:
    """Collect the role names and comparisons seen in the final ``articles`` rows.

    Rows arrive in ``article_key`` order, so the comparisons naming a role are counted as
    runs of equal keys: memory follows the number of roles, not of articles.
    """

    def __init__(self) -> None:
        self.names: dict[str, Counter[str]] = {}
        self.counts: Counter[str] = Counter()
        self._last: dict[str, str] = {}
        """The latest comparison (article key) counted for each role."""

    def add(self, data: dict[str, list[Any]]) -> None:
        for side in ("a", "b"):
            for key, name, article_key in zip(
                data[f"role_key_{side}"], data[f"role_{side}"], data["article_key"], strict=True
            ):
                self.names.setdefault(key, Counter())[name] += 1
                if self._last.get(key) != article_key:
                    if self._last.get(key, "") > article_key:
                        raise ValueError("articles must be given in article_key order")
                    self._last[key] = article_key
                    self.counts[key] += 1

    def rows(self) -> list[Row]:
        return [
            {
                "role_key": key,
                "name": display_name(self.names[key].elements()),
                "article_count": self.counts[key],
            }
            for key in sorted(self.names)
        ]


def _batches(con: duckdb.DuckDBPyConnection, query: str) -> Iterator[pa.RecordBatch]:
    reader = con.sql(query).to_arrow_reader(_BATCH_ROWS)
    yield from reader


def _write_per_article(folder: Path, documents: Iterable[tuple[str, bytes]]) -> dict[str, int]:
    """The per-article tables, from documents given in ``article_id`` order.

    Each document's rows are already sorted and de-duplicated (by the worker), so appending
    documents in ``article_id`` order writes every table in its sort order, holding one
    row group per table in memory.
    """
    writers = {name: TableWriter(TABLES[name], folder) for name in DOCUMENT_TABLES}
    for count, (_key, blob) in enumerate(documents, 1):
        for name, columns in unpack(blob).items():
            writers[name].append(columns)
        if count % TRIM_EVERY == 0:
            trim_memory()
    for writer in writers.values():
        writer.close()
    return {name: writer.rows for name, writer in writers.items()}


def _write_articles(folder: Path, results: Iterable[tuple[str, bytes]], roles: _Roles) -> int:
    """The ``articles`` table from the kept documents' results, given in table order."""
    writer = TableWriter(ARTICLES, folder)
    for count, (_key, blob) in enumerate(results, 1):
        columns = unpack(blob)[2]["articles"]
        roles.add(columns)
        writer.append(columns)
        if count % TRIM_EVERY == 0:
            trim_memory()
    writer.close()
    return writer.rows


class _Sorter:
    """DuckDB with a memory limit that grows only when a sort needs it.

    DuckDB spills to disk beyond its memory limit, but a sort still needs a few blocks per
    column and merge run in memory; should a corpus need more than the limit, the table is
    written again with twice the memory, up to :data:`_MEMORY_CEILING_MB`, rather than
    failing the run.
    """

    def __init__(self, spill: Path, limit_mb: int, threads: int) -> None:
        self.limit_mb = limit_mb
        self.con = duckdb.connect(
            config={
                "memory_limit": f"{limit_mb}MB",
                "threads": threads,
                "temp_directory": str(spill),
                "preserve_insertion_order": False,
            }
        )

    def write(self, table: Table, stager: Stager, folder: Path, rates: RateTable) -> int:
        """Sort one staged table into its final files; returns its rows."""
        while True:
            writer = TableWriter(table, folder)
            try:
                if table is JOB_CARDS:
                    query = _select_job_cards(stager.path(table.name), stager.path("job_sightings"))
                    for batch in _batches(self.con, query):
                        writer.write(_with_usd(batch, rates))
                else:
                    keep = _FirstPerKey(table.unique_key) if _dedupes(table) else None
                    for batch in _batches(self.con, _select(table, stager.path(table.name))):
                        writer.write(keep(batch) if keep else batch)
            except (duckdb.OutOfMemoryException, OSError) as error:
                writer.close()  # the next attempt writes the same files afresh
                if "Out of Memory" not in str(error) or self.limit_mb * 2 > _MEMORY_CEILING_MB:
                    raise
                self.limit_mb *= 2
                log.warning("sorting %s needs more memory: retrying with %d MB", table.name, self.limit_mb)
                self.con.execute(f"SET memory_limit = '{self.limit_mb}MB'")
                continue
            writer.close()
            return writer.rows

    def close(self) -> None:
        self.con.close()


def build_tables(
    stager: Stager,
    folder: Path,
    rates: RateTable,
    *,
    documents: Iterable[tuple[str, bytes]],
    articles: Iterable[tuple[str, bytes]],
    threads: int,
) -> dict[str, int]:
    """Write every table into ``folder``; returns rows per table.

    ``documents`` are the packed per-article rows of the kept articles, in ``article_id``
    order, and ``articles`` their packed results in ``article_key, article_id`` order: both
    are written as they stream by. The staged tables (narrow) are sorted, and where a key
    can repeat across documents de-duplicated, by DuckDB.
    """
    trim_memory()
    counts = _write_per_article(folder, documents)
    trim_memory()
    roles = _Roles()
    counts["articles"] = _write_articles(folder, articles, roles)
    log.debug("checkpoint: write")  # the per-article tables are written; the sorts follow
    trim_memory()  # hand freed buffers back before the sorts
    spill = stager.folder / "spill"
    spill.mkdir(exist_ok=True)
    sort_threads = min(_SORT_THREADS, max(1, threads))
    sorter = _Sorter(spill, _MEMORY_PER_THREAD_MB * sort_threads, sort_threads)
    try:
        for name in STAGED_TABLES:
            counts[name] = sorter.write(TABLES[name], stager, folder, rates)
            trim_memory()
        writer = TableWriter(ROLES, folder)
        writer.write(to_arrow(ROLES, roles.rows()))
        writer.close()
        counts["roles"] = writer.rows
    finally:
        sorter.close()
    return {name: counts[name] for name in TABLES}
