"""Load an output table into pandas with the dtypes an analyst expects.

Why a loader and not ``pd.read_parquet``: a plain read turns nullable integer columns into
floats as soon as one value is null, strings into untyped objects, dates into objects or
timestamps depending on the pandas version, and code columns into free text. ``load`` gives
the same frame on every machine, driven only by :data:`pipeline.tables.schema.TABLES`, so columns
the schema gains later are typed without touching this module:

* strings -> ``string``; integers -> ``Int64``/``Int32`` (nullable, ``<NA>`` for null);
  booleans -> ``boolean``; floats -> ``Float64``. No ``pd.ArrowDtype`` anywhere.
* dates -> ``datetime64[s]`` at midnight. pandas has no date dtype; a datetime column keeps
  the ``.dt`` accessor, comparisons with ``"2024-01-31"`` and resampling, while second
  resolution (not ``ns``) can hold any calendar date. ``.dt.date`` gives ``datetime.date``.
* code columns (every string column with ``values`` in the schema: ``section``,
  ``role_side``, ``seniority``, ``salary_flag``, ...) -> ``category`` whose categories are
  the schema's values in the schema's order, so sorting and plots follow the documented
  order. Unordered: most codes are not ranks. A value outside the schema (a file written by
  another version) is appended as an extra category rather than silently turned into NaN.
* list columns (``employment_types``, ``locations``) -> Python lists of ``str``.

Columns are returned in schema order; a column the file has but the schema does not is kept
after them, typed by its Arrow type; a schema column the file lacks (a file written before
the column was added) is not invented.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.tables.schema import TABLES, Column

DATE_DTYPE = "datetime64[s]"
"""The dtype of date columns (see the module docstring for why not ``ns`` or objects)."""

_INTEGER_DTYPES: Mapping[tuple[bool, int], pd.api.extensions.ExtensionDtype] = {
    (False, 8): pd.Int8Dtype(),
    (False, 16): pd.Int16Dtype(),
    (False, 32): pd.Int32Dtype(),
    (False, 64): pd.Int64Dtype(),
    (True, 8): pd.UInt8Dtype(),
    (True, 16): pd.UInt16Dtype(),
    (True, 32): pd.UInt32Dtype(),
    (True, 64): pd.UInt64Dtype(),
}
"""(unsigned, bit width) of an Arrow integer -> the pandas nullable integer dtype."""


def _nullable_dtype(arrow_type: pa.DataType) -> pd.api.extensions.ExtensionDtype | None:
    """The pandas nullable dtype for an Arrow scalar type; None to let pyarrow decide."""
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return pd.StringDtype()
    if pa.types.is_boolean(arrow_type):
        return pd.BooleanDtype()
    if pa.types.is_integer(arrow_type):
        return _INTEGER_DTYPES[(pa.types.is_unsigned_integer(arrow_type), arrow_type.bit_width)]
    if pa.types.is_float32(arrow_type):
        return pd.Float32Dtype()
    if pa.types.is_float64(arrow_type):
        return pd.Float64Dtype()
    return None


def _decoded(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A dictionary-encoded column as plain values (a writer may store codes that way)."""
    if not pa.types.is_dictionary(column.type):
        return column
    chunks = [chunk.dictionary_decode() for chunk in column.chunks]
    return pa.chunked_array(chunks, type=column.type.value_type)


def _category(values: pd.Series, schema_values: tuple[str, ...]) -> pd.Series:
    """A code column as ``category`` with the schema's values first, in the schema's order."""
    extra = sorted(set(values.dropna()) - set(schema_values))
    return values.astype(pd.CategoricalDtype([*schema_values, *extra], ordered=False))


def _series(name: str, column: pa.ChunkedArray, spec: Column | None) -> pd.Series:
    """One column as a pandas Series with the dtype chosen in the module docstring."""
    column = _decoded(column)
    arrow_type = column.type
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return pd.Series(column.to_pylist(), dtype=object, name=name)
    if pa.types.is_date(arrow_type):
        return pd.Series(column.to_pandas(date_as_object=False), name=name).astype(DATE_DTYPE)
    series = pd.Series(column.to_pandas(types_mapper=_nullable_dtype), name=name)
    if spec is not None and spec.values is not None and isinstance(series.dtype, pd.StringDtype):
        return _category(series, spec.values)
    return series


def load(table: str, path: str | Path = "processed") -> pd.DataFrame:
    """Read ``<path>/<table>.parquet`` as a DataFrame with proper dtypes.

    Raises ``ValueError`` for a table the schema does not know (listing the known ones) and
    ``FileNotFoundError`` when the file is missing (with a hint to write the tables first).

    >>> load("nope")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown table 'nope'; known tables: articles, sections, ...
    """
    spec = TABLES.get(table)
    if spec is None:
        raise ValueError(f"unknown table {table!r}; known tables: {', '.join(TABLES)}")
    file = Path(path) / f"{table}.parquet"
    if not file.is_file():
        raise FileNotFoundError(
            f"{file} not found: write the tables first with `make run` "
            f"(or `python -m pipeline run --input RAW --output {Path(path)}`)"
        )
    data = pq.read_table(file)
    present = set(data.column_names)
    names = [n for n in spec.column_names if n in present]
    names += [n for n in data.column_names if n not in set(spec.column_names)]
    specs = {c.name: c for c in spec.columns}
    columns = {name: _series(name, data.column(name), specs.get(name)) for name in names}
    return pd.DataFrame(columns, index=pd.RangeIndex(data.num_rows))
