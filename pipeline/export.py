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
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from pipeline.schema import Table

CSV_LIST_SEPARATOR = ";"


def to_arrow(table: Table, rows: Sequence[Mapping[str, Any]]) -> pa.Table:
    """Build the typed Arrow table from rows (columns in schema order)."""
    columns = {name: [row.get(name) for row in rows] for name in table.column_names}
    return pa.table(columns, schema=table.arrow_schema())


def _csv_ready(data: pa.Table) -> pa.Table:
    """CSV cannot hold lists: join them with ``;`` (documented in the data dictionary)."""
    for index, field in enumerate(data.schema):
        if pa.types.is_list(field.type):
            joined = pc.binary_join(data.column(index), CSV_LIST_SEPARATOR)
            data = data.set_column(index, pa.field(field.name, pa.string()), joined)
    return data


def atomic_write(path: Path, write: Any) -> None:
    """Call ``write(tmp_path)`` and move the result over ``path`` only when it succeeded."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_table(table: Table, data: pa.Table, out_dir: Path) -> tuple[Path, Path]:
    """Write ``OUT/<table>.parquet`` and ``OUT/csv/<table>.csv``; returns both paths."""
    parquet_path = out_dir / f"{table.name}.parquet"
    csv_path = out_dir / "csv" / f"{table.name}.csv"
    atomic_write(
        parquet_path,
        lambda tmp: pq.write_table(data, tmp, compression="zstd", use_dictionary=True,
                                   write_statistics=True),
    )
    csv_data = _csv_ready(data)
    atomic_write(
        csv_path,
        lambda tmp: pacsv.write_csv(csv_data, tmp, pacsv.WriteOptions(include_header=True,
                                                                       quoting_style="needed")),
    )
    return parquet_path, csv_path
