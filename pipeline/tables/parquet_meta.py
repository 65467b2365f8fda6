"""How the tables are stored in Parquet: code columns dictionary-encoded, pandas metadata.

Why its own module: the contract (:mod:`pipeline.tables.schema`) says what each column
holds; this says how the Parquet files store it so that plain ``pd.read_parquet`` (without
``pipeline.load``) gives the right dtypes: nullable integers and booleans from the pandas
metadata, categoricals from the dictionary-encoded code columns. The values and their
Parquet physical type are the same strings either way; CSV and validation never see this.
"""

from __future__ import annotations

import json

import pyarrow as pa

from pipeline.tables.schema import Column, Table

_PANDAS_TYPES: dict[str, tuple[str, str]] = {
    # Arrow type -> (pandas_type, numpy_type) as pandas' own metadata names them; nullable
    # numbers and booleans map to pandas' extension dtypes, so nulls do not turn them to float.
    "int64": ("int64", "Int64"), "int32": ("int32", "Int32"), "bool": ("bool", "boolean"),
    "double": ("float64", "float64"), "string": ("unicode", "object"), "date32[day]": ("date", "object"),
}  # fmt: skip


CODE = pa.dictionary(pa.int32(), pa.string())
"""How a code column (``seniority``, ``section``, ...) is stored in Parquet."""


def _is_code(col: Column) -> bool:
    return col.values is not None and col.type == pa.string()


def pandas_metadata(table: Table) -> bytes:
    """The ``pandas`` schema metadata of a table's Parquet files, written by hand (the run
    never imports pandas), in the format ``DataFrame.to_parquet`` writes.

    Why: without it, plain ``pd.read_parquet`` turns a nullable integer column into
    ``float64``; with it, pandas restores ``Int64``/``Int32`` and ``boolean``, and the code
    columns (dictionary-encoded) as categoricals.
    """
    columns = []
    for col in table.columns:
        kind = str(col.type)
        pandas_type, numpy_type = _PANDAS_TYPES.get(kind, ("list[unicode]", "object"))
        metadata = None
        if _is_code(col):
            pandas_type, numpy_type = "categorical", "int32"
            metadata = {"num_categories": len(col.values or ()), "ordered": False}
        columns.append({"name": col.name, "field_name": col.name, "pandas_type": pandas_type,
                        "numpy_type": numpy_type, "metadata": metadata})
    document = {"index_columns": [], "column_indexes": [], "columns": columns, "attributes": {},
                "creator": {"library": "rolescope", "version": "1"}, "pandas_version": "2.0.0"}
    return json.dumps(document, sort_keys=True).encode()


def parquet_schema(table: Table) -> pa.Schema:
    """The schema ``table``'s Parquet files are written in: code columns (a fixed set of
    values) dictionary-encoded, and the pandas metadata (:func:`pandas_metadata`). Polars
    and DuckDB read the code columns as categoricals and strings."""
    fields = [
        pa.field(c.name, CODE, nullable=c.nullable) if _is_code(c) else c.field() for c in table.columns
    ]
    return pa.schema(fields, metadata={b"pandas": pandas_metadata(table)})
