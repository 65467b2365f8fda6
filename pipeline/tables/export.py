"""Write tables as Parquet and CSV, atomically, from the schema.

Why Arrow all the way: column lists go straight into a typed Arrow table (no pandas round
trip, no per-row DataFrames); Parquet and CSV come from the same table, so they cannot
disagree. Every file is written under a temporary name in its final folder and renamed
into place (``os.replace``), so a killed run leaves the previous file intact, never half
a file. Outputs are byte-stable: rows are sorted by the table's key, and nothing
time-dependent is written into them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from pipeline.common.atomic import atomic_write
from pipeline.common.memory import tune_allocator
from pipeline.tables.parquet_meta import parquet_schema
from pipeline.tables.schema import Table

CSV_LIST_SEPARATOR = ";"


class _NoPandas:
    """An import hook that makes ``import pandas`` fail (for :func:`skip_pandas_probe`)."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "pandas":
            raise ImportError("pandas is not needed here")


def lean_arrow() -> None:
    """Set pyarrow up for a long run in flat memory (for the whole process; idempotent).

    * Allocate from the C library's ``malloc`` rather than pyarrow's bundled mimalloc: a
      run alternates Arrow buffers with Python objects and SQLite pages, and one allocator
      reuses what the other phase freed, where two keep separate reserves (measured: the
      peak of a 10k-document run drops by about 30 MB). This sets pyarrow's pool; the
      command line also sets ``ARROW_DEFAULT_MEMORY_POOL=system`` before pyarrow loads, so
      that Arrow's C++ internals (Parquet and CSV writers) follow.
    * :func:`skip_pandas_probe`.
    * :func:`pipeline.common.memory.tune_allocator`: large buffers get pages of their own.
    """
    pa.set_memory_pool(pa.system_memory_pool())
    skip_pandas_probe()
    tune_allocator()


def skip_pandas_probe() -> None:
    """Tell pyarrow, once per process, that it need not import pandas to convert lists.

    Why: the first ``pa.array(list)`` imports pandas (about 40 MB of memory and a third of a
    second) only to ask whether the list is a pandas object; a run never hands it one. With
    ``import pandas`` failing for that one call, pyarrow records "no pandas" for its type
    checks. It still imports pandas when asked for one (``to_pandas``), so analysts' code in
    the same process is unaffected.
    """
    if "pandas" in sys.modules:
        return  # already loaded by the caller: nothing to save
    hook = _NoPandas()
    sys.meta_path.insert(0, hook)
    try:
        pa.array([], pa.null())
    finally:
        sys.meta_path.remove(hook)


def to_arrow(table: Table, rows: Sequence[Mapping[str, Any]]) -> pa.Table:
    """Build the typed Arrow table from rows (columns in schema order)."""
    columns = {name: [row.get(name) for row in rows] for name in table.column_names}
    return pa.table(columns, schema=table.arrow_schema())


FORMULA_CHARS = "=+-@\t\r"
FORMULA_START = "^([" + FORMULA_CHARS.replace("-", "\\-") + "])"  # the tab and CR as themselves
"""A cell a spreadsheet may run as a formula starts with one of these (OWASP, "CSV Injection")."""


@cache
def _formula_first() -> pa.Array:
    """:data:`FORMULA_CHARS` as an Arrow array, made at first use.

    Why not at import: ``pa.array`` from a list imports pandas (pyarrow checks for its
    types), about 0.2 s and 35 MB in every run process before the workers fork.
    """
    return pa.array(list(FORMULA_CHARS), pa.string())


def _may_run(column: pa.ChunkedArray) -> bool:
    """Whether any cell of a text column starts like a formula.

    Why test first: almost no column has such a cell, and taking each cell's first
    character and looking it up costs about a quarter of running the replacement's regex
    over every cell (the CSV files of a 10,000-document run: about 0.5 -> 0.15 s).
    """
    first = pc.utf8_slice_codeunits(column, 0, 1)
    return pc.any(pc.is_in(first, value_set=_formula_first())).as_py() is True


def _csv_ready(data: pa.Table, formula_escape: bool = True) -> pa.Table:
    """CSV cannot hold lists: join them with ``;`` (documented in the data dictionary).

    With ``formula_escape``, a text cell that starts with ``=``, ``+``, ``-``, ``@``, tab or
    carriage return gets a leading ``'``, so a spreadsheet shows it as text instead of
    running it as a formula (OWASP's advice against CSV injection). The Parquet files keep
    the values as they are; ``csv_formula_escape = false`` writes the CSV raw too.
    """
    for index, field in enumerate(data.schema):
        column = data.column(index)
        if pa.types.is_list(field.type):
            # a typed scalar: a bare str would make pyarrow infer its type, importing pandas
            column = pc.binary_join(column, pa.scalar(CSV_LIST_SEPARATOR, pa.string()))
        elif not pa.types.is_string(field.type):
            continue
        if formula_escape and _may_run(column):
            column = pc.replace_substring_regex(column, pattern=FORMULA_START, replacement="'\\1",
                                                max_replacements=1)
        data = data.set_column(index, pa.field(field.name, pa.string()), column)
    return data


_WRITE_BATCH = 1_024
"""Rows the Parquet writer encodes at a time (its ``write_batch_size``, pyarrow's default).

Pages are cut, and the dictionary checked, only between such batches, and a chunk boundary
also ends one. A row group whose chunks all start at a multiple of this many rows is
therefore written exactly as the same rows in one piece would be, without the copy that
joining the chunks costs."""
_CONVERT_ROWS = 2 * _WRITE_BATCH
"""Rows given as Python values that are converted to Arrow at a time: enough to make a
conversion cheap per row, few enough that Python objects (several times the size of their
Arrow form) never pile up to a row group's worth. A multiple of :data:`_WRITE_BATCH` that
divides every table's ``row_group_rows``, so converted chunks are written as they are."""
_PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "use_dictionary": True,
    "write_statistics": True,
    "write_batch_size": _WRITE_BATCH,
}
_CSV_OPTIONS = pacsv.WriteOptions(include_header=True, quoting_style="needed")


def csv_schema(schema: pa.Schema) -> pa.Schema:
    """The CSV file's schema: list columns become ``;``-joined strings."""
    return pa.schema(
        [pa.field(f.name, pa.string()) if pa.types.is_list(f.type) else f for f in schema]
    )


_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="table-writer")
"""Encodes and writes row groups (Parquet, then CSV) while the caller prepares the next.

Why a thread: encoding and compression run in Arrow's C++ without the GIL, so they overlap
the Python work of unpacking and converting rows; the table build, serial at the end of a
run, is about a fifth faster. One thread for every writer, and at most one row group in
flight per writer, so each file gets its row groups in order and the bytes do not change.
"""



def _fresh_writer() -> None:
    """In a forked child: a writer thread of its own (the parent's does not exist there, and
    an executor that believes it has one would never run what it is given)."""
    global _WRITER  # noqa: PLW0603 (one writer per process, replaced only at fork)
    _WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="table-writer")


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_fresh_writer)


class TableWriter:
    """Stream one table into ``<table>.parquet`` and ``csv/<table>.csv`` under a folder.

    Why streaming: a table of millions of rows is written batch by batch, never held
    whole. Batches are regrouped into row groups of exactly the table's ``row_group_rows``
    (see :class:`pipeline.tables.schema.Table`), so the same rows give the same bytes whatever
    batch sizes the caller produced. The files
    are fsynced on :meth:`close`; atomicity comes from the folder they are written in (a
    run's generation folder, published by one rename).
    """

    def __init__(self, table: Table, folder: Path, *, formula_escape: bool = True) -> None:
        self.table = table
        self._formula_escape = formula_escape
        self.schema = table.arrow_schema()
        self.parquet_path = folder / f"{table.name}.parquet"
        self.csv_path = folder / "csv" / f"{table.name}.csv"
        self.csv_path.parent.mkdir(parents=True, exist_ok=True)
        self.rows = 0
        self._parquet_schema = parquet_schema(table)
        self._parquet = pq.ParquetWriter(self.parquet_path, self._parquet_schema, **_PARQUET_OPTIONS)
        self._csv = pacsv.CSVWriter(self.csv_path, csv_schema(self.schema), write_options=_CSV_OPTIONS)
        self._buffer: list[pa.Table] = []
        self._writing: Future[None] | None = None
        self._buffered = 0
        self._group_rows = table.row_group_rows
        self._columns: dict[str, list[Any]] = {name: [] for name in self.schema.names}
        """Rows given as Python values, converted to Arrow :data:`_CONVERT_ROWS` at a time."""

    def append(self, columns: Mapping[str, list[Any]]) -> None:
        """Add rows given column by column as Python values (missing columns are null).

        Converting a few thousand rows at once costs far less than one conversion per
        document, so values are buffered until :data:`_CONVERT_ROWS` have arrived.
        """
        count = len(next(iter(columns.values()), ()))
        if not count:
            return
        for name, values in self._columns.items():
            values.extend(columns[name] if name in columns else [None] * count)
        while len(self._columns[self.schema.names[0]]) >= _CONVERT_ROWS:
            self._convert(_CONVERT_ROWS)

    def _convert(self, count: int) -> None:
        """Convert the first ``count`` buffered Python rows to Arrow (already in schema form)."""
        if count:
            self._add(pa.Table.from_pydict(
                {name: values[:count] for name, values in self._columns.items()}, schema=self.schema
            ))
            for values in self._columns.values():
                del values[:count]

    def write(self, data: pa.Table | pa.RecordBatch) -> None:
        """Add rows (columns in schema order, castable to the schema)."""
        if isinstance(data, pa.RecordBatch):
            data = pa.Table.from_batches([data])
        if data.num_rows:
            self._add(data.select(self.schema.names).cast(self.schema))

    def _add(self, data: pa.Table) -> None:
        """Buffer rows in the table's schema; emit every full row group."""
        self._buffer.append(data)
        self._buffered += data.num_rows
        while self._buffered >= self._group_rows:
            self._emit(self._group_rows)

    def _emit(self, count: int) -> None:
        whole = pa.concat_tables(self._buffer)
        group, rest = whole.slice(0, count), whole.slice(count)
        del whole
        if not _batch_aligned(group):
            group = group.combine_chunks()  # chunks cut anywhere would change the pages
        self._buffer, self._buffered = ([rest] if rest.num_rows else []), rest.num_rows
        self._wait()
        self._writing = _WRITER.submit(self._write_group, group)
        self.rows += group.num_rows

    def _write_group(self, group: pa.Table) -> None:
        """Runs on :data:`_WRITER`."""
        self._parquet.write_table(group.cast(self._parquet_schema), row_group_size=group.num_rows)
        self._csv.write_table(_csv_ready(group, self._formula_escape))

    def _wait(self) -> None:
        """Until this writer's row group in flight is written (its error, if any, raised here)."""
        if self._writing is not None:
            self._writing.result()
            self._writing = None

    def close(self) -> None:
        """Write the last row group and flush both files to disk."""
        self._convert(len(self._columns[self.schema.names[0]]))
        if self._buffered:
            self._emit(self._buffered)
        self._wait()
        self._parquet.close()
        self._csv.close()
        for path in (self.parquet_path, self.csv_path):
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())


def _batch_aligned(group: pa.Table) -> bool:
    """Whether every chunk of every column starts at a multiple of :data:`_WRITE_BATCH` rows."""
    for column in group.columns:
        start = 0
        for chunk in column.chunks:
            if start % _WRITE_BATCH:
                return False
            start += len(chunk)
    return True


def write_table(
    table: Table, data: pa.Table, out_dir: Path, *, formula_escape: bool = True
) -> tuple[Path, Path]:
    """Write ``OUT/<table>.parquet`` and ``OUT/csv/<table>.csv``; returns both paths."""
    parquet_path = out_dir / f"{table.name}.parquet"
    csv_path = out_dir / "csv" / f"{table.name}.csv"
    stored = data.cast(parquet_schema(table))
    atomic_write(
        parquet_path,
        lambda tmp: pq.write_table(stored, tmp, compression="zstd", use_dictionary=True,
                                   write_statistics=True),
    )
    csv_data = _csv_ready(data, formula_escape)
    atomic_write(
        csv_path,
        lambda tmp: pacsv.write_csv(csv_data, tmp, pacsv.WriteOptions(include_header=True,
                                                                       quoting_style="needed")),
    )
    return parquet_path, csv_path
