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

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from pipeline.export import TableWriter, to_arrow
from pipeline.money import RateTable, to_usd
from pipeline.role_keys import display_name
from pipeline.schema import JOB_CARDS, ROLES, TABLES, Table
from pipeline.staging import _RANK_DATE, _RANK_ID, SEQ, Stager

Row = dict[str, Any]
_BATCH_ROWS = 16_384
_MEMORY_LIMIT = "160MB"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _order(table: Table) -> str:
    return ", ".join(f"{_quote(k)} ASC NULLS FIRST" for k in table.sort_key) + f", {SEQ} ASC"


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _select(table: Table, staged: Path) -> str:
    """Sorted rows of one staged table, first row per unique key (in sort order) only."""
    columns = ", ".join(_quote(c) for c in table.column_names)
    query = f"SELECT {columns} FROM read_parquet({_literal(staged)})"
    if table.unique_key:
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

    def add(self, batch: pa.RecordBatch) -> None:
        data = batch.to_pydict()
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


def build_tables(stager: Stager, folder: Path, rates: RateTable, *, threads: int) -> dict[str, int]:
    """Sort, de-duplicate and write every table into ``folder``; returns rows per table."""
    spill = stager.folder / "spill"
    spill.mkdir(exist_ok=True)
    con = duckdb.connect(
        config={
            "memory_limit": _MEMORY_LIMIT,
            "threads": max(1, threads),
            "temp_directory": str(spill),
            "preserve_insertion_order": False,
        }
    )
    counts: dict[str, int] = {}
    roles = _Roles()
    try:
        for name, table in TABLES.items():
            if table is ROLES:
                continue
            writer = TableWriter(table, folder)
            if table is JOB_CARDS:
                query = _select_job_cards(stager.path(name), stager.path("job_sightings"))
                for batch in _batches(con, query):
                    writer.write(_with_usd(batch, rates))
            else:
                for batch in _batches(con, _select(table, stager.path(name))):
                    if name == "articles":
                        roles.add(batch)
                    writer.write(batch)
            writer.close()
            counts[name] = writer.rows
        writer = TableWriter(ROLES, folder)
        writer.write(to_arrow(ROLES, roles.rows()))
        writer.close()
        counts["roles"] = writer.rows
    finally:
        con.close()
    return {name: counts[name] for name in TABLES}
