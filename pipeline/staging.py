"""Staging: append each document's rows to one unsorted Parquet file per table.

Why: documents arrive one by one, in input order, but tables are written sorted and
de-duplicated across the whole corpus (:mod:`pipeline.tablebuild`). Staging keeps memory
flat: rows are buffered column by column and appended to disk in chunks, each tagged with
its arrival sequence number (``_seq``), the last sort key, so ties resolve as a stable
in-memory sort of the same stream would. Workers turn their rows into columns
(:func:`to_columns`) so the one process that stages the corpus only extends lists.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import JOB_CARDS, TABLES, Table

Row = dict[str, Any]
SEQ = "_seq"
_RANK_DATE, _RANK_ID = "_rank_date", "_rank_id"
_STAGE_ROWS = 20_000
"""Rows buffered per table before they are appended to its staging file."""


def _staging_schema(table: Table) -> pa.Schema:
    schema = table.arrow_schema().append(pa.field(SEQ, pa.int64()))
    if table is JOB_CARDS:
        schema = schema.append(pa.field(_RANK_DATE, pa.string())).append(pa.field(_RANK_ID, pa.string()))
    return schema


_STAGED_COLUMNS = {
    name: [f.name for f in _staging_schema(table) if f.name != SEQ] for name, table in TABLES.items()
}

Columns = dict[str, list[Any]]
"""One table's rows of one document, column by column."""


def to_columns(rows: dict[str, list[Row]]) -> dict[str, Columns]:
    """Rows per table -> columns per table, in staging order (done in the worker, in parallel).

    Why columns: appending a document's columns to the staging buffers is a handful of
    ``list.extend`` calls, so the single process that stages the whole corpus stays cheap.
    """
    out: dict[str, Columns] = {}
    for name, table_rows in rows.items():
        if not table_rows:
            continue
        staged = [_unrank(row) for row in table_rows] if name == JOB_CARDS.name else table_rows
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


class Stager:
    """Append rows per table to ``<folder>/<table>.parquet``, unsorted, tagged with ``_seq``."""

    def __init__(self, folder: Path) -> None:
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        self.folder = folder
        self._buffers: dict[str, Columns] = {name: self._empty(name) for name in TABLES}
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
        buffer = self._buffers[name]
        count = 0
        for col, values in columns.items():
            buffer[col].extend(values)
            count = len(values)
        if not count:
            return
        buffer[SEQ].extend(range(self._seq + 1, self._seq + 1 + count))
        self._seq += count
        if len(buffer[SEQ]) >= _STAGE_ROWS:
            self._flush(name)

    def _flush(self, name: str) -> None:
        schema = _staging_schema(TABLES[name])
        data = pa.table(self._buffers[name], schema=schema)
        writer = self._writers.get(name)
        if writer is None:
            writer = self._writers[name] = pq.ParquetWriter(self.path(name), schema, compression="lz4")
        writer.write_table(data)
        self._buffers[name] = self._empty(name)

    def close(self) -> None:
        """Flush every buffer; every table gets a staging file (possibly with no rows)."""
        for name in TABLES:
            if self._buffers[name][SEQ] or name not in self._writers:
                self._flush(name)
            self._writers[name].close()
