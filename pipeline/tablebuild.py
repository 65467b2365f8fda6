"""Build the output tables from a stream of per-document rows, in bounded memory.

Why two steps: documents arrive one by one, in input order, but every table is written
sorted by its key and with corpus-level rules applied (one row per unique key, one
``job_cards`` row per job, first/last seen dates, one ``roles`` row per role). Holding a
corpus of 100k documents in Python would take gigabytes, so rows are first *staged*:
appended to one Parquet file per table as they come, each row tagged with its arrival
sequence number. Then DuckDB, with a memory limit and spilling to disk, sorts and
de-duplicates each staged table, and the sorted batches are streamed to the final Parquet
and CSV writers. The arrival sequence is the last sort key, so ties resolve exactly as a
stable in-memory sort of the same stream would: the output depends only on the input.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from pipeline.export import TableWriter, to_arrow
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
_MEMORY_PER_THREAD_MB = 96
"""DuckDB's external sort needs a few buffers per thread; beyond that it spills to disk, so
memory stays flat whatever the corpus size. The staged tables are narrow (the wide text
tables are written per article), so one thread sorts them quickly."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _order(table: Table) -> str:
    return ", ".join(f"{_quote(k)} ASC NULLS FIRST" for k in table.sort_key) + f", {SEQ} ASC"


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _select(table: Table, staged: Path) -> str:
    """Sorted rows of one staged table, first row per unique key (in sort order) only.

    Only a table whose key can repeat across documents needs the window (a narrow table);
    the others were de-duplicated per document while staging, so a plain external sort,
    cheap in memory even for wide text rows, is enough.
    """
    columns = ", ".join(_quote(c) for c in table.column_names)
    query = f"SELECT {columns} FROM read_parquet({_literal(staged)})"
    if table.unique_key and table.name in CROSS_DOCUMENT_KEYS:
        keys = ", ".join(_quote(k) for k in table.unique_key)
        query += f" QUALIFY row_number() OVER (PARTITION BY {keys} ORDER BY {_order(table)}) = 1"
    return query + f" ORDER BY {_order(table)}"


def _select_job_cards(cards: Path, sightings: Path) -> str:
    """One row per job: the sighting on the latest article wins (then the smallest article id,
    then the earliest arrival); first/last seen come from every sighting of the job."""
    columns = ", ".join(
        f"s.{c}" if c in ("first_seen", "last_seen") else f"c.{_quote(c)}" for c in JOB_CARDS.column_names
    )
    return f"""
        WITH seen AS (
            SELECT job_id, min(seen_date) AS first_seen, max(seen_date) AS last_seen
            FROM read_parquet({_literal(sightings)}) WHERE seen_date IS NOT NULL GROUP BY job_id
        ), best AS (
            SELECT * FROM read_parquet({_literal(cards)})
            QUALIFY row_number() OVER (
                PARTITION BY job_id ORDER BY {_RANK_DATE} DESC, {_RANK_ID} ASC, {SEQ} ASC) = 1
        )
        SELECT {columns} FROM best c LEFT JOIN seen s USING (job_id) ORDER BY c.job_id
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
    """Collect the role names and comparisons seen in the final ``articles`` rows."""

    def __init__(self) -> None:
        self.names: dict[str, Counter[str]] = {}
        self.comparisons: dict[str, set[str]] = {}

    def add(self, data: dict[str, list[Any]]) -> None:
        for side in ("a", "b"):
            for key, name, article_key in zip(
                data[f"role_key_{side}"], data[f"role_{side}"], data["article_key"], strict=True
            ):
                self.names.setdefault(key, Counter())[name] += 1
                self.comparisons.setdefault(key, set()).add(article_key)

    def rows(self) -> list[Row]:
        return [
            {
                "role_key": key,
                "name": display_name(self.names[key].elements()),
                "article_count": len(self.comparisons[key]),
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
    for _key, blob in documents:
        for name, columns in unpack(blob).items():
            writers[name].append(columns)
    for writer in writers.values():
        writer.close()
    return {name: writer.rows for name, writer in writers.items()}


def _write_articles(folder: Path, results: Iterable[tuple[str, bytes]], roles: _Roles) -> int:
    """The ``articles`` table from the kept documents' results, given in table order."""
    writer = TableWriter(ARTICLES, folder)
    for _key, blob in results:
        columns = unpack(blob)[2]["articles"]
        roles.add(columns)
        writer.append(columns)
    writer.close()
    return writer.rows


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
    counts = _write_per_article(folder, documents)
    roles = _Roles()
    counts["articles"] = _write_articles(folder, articles, roles)
    log.debug("checkpoint: write")  # the per-article tables are written; the sorts follow
    pa.default_memory_pool().release_unused()  # hand freed buffers back before the sorts
    spill = stager.folder / "spill"
    spill.mkdir(exist_ok=True)
    con = duckdb.connect(
        config={
            "memory_limit": f"{_MEMORY_PER_THREAD_MB * min(_SORT_THREADS, max(1, threads))}MB",
            "threads": min(_SORT_THREADS, max(1, threads)),
            "temp_directory": str(spill),
            "preserve_insertion_order": False,
        }
    )
    try:
        for name in STAGED_TABLES:
            table = TABLES[name]
            writer = TableWriter(table, folder)
            if table is JOB_CARDS:
                query = _select_job_cards(stager.path(name), stager.path("job_sightings"))
                for batch in _batches(con, query):
                    writer.write(_with_usd(batch, rates))
            else:
                for batch in _batches(con, _select(table, stager.path(name))):
                    writer.write(batch)
            writer.close()
            counts[name] = writer.rows
            pa.default_memory_pool().release_unused()
        writer = TableWriter(ROLES, folder)
        writer.write(to_arrow(ROLES, roles.rows()))
        writer.close()
        counts["roles"] = writer.rows
    finally:
        con.close()
    return {name: counts[name] for name in TABLES}
