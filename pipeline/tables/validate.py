"""Check rows against the schema contract before they reach a table.

Why a separate stage: a parser bug must show up as a ``quarantine`` row naming the
document and the broken column, not as a crash in the Parquet writer or, worse, a
silently wrong table. The checks come from :mod:`pipeline.tables.schema` (nullability and the
allowed values); Arrow checks the types when the table is built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import pyarrow as pa

from pipeline.errors import ValidationError
from pipeline.tables.schema import TABLES


def validate_rows(rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
    """Validate every row of every table; the first problem raises.

    Nullability, the Arrow type (exact Python types: ``bool`` is not an ``int`` here) and the
    allowed values of every column, each column's checks precomputed once: validation runs
    on every row of every document, so it has to be cheap.
    """
    for name, table_rows in rows.items():
        spec = _spec(name)
        for row in table_rows:
            for key, nullable, types, values, is_list in spec:
                value = row.get(key)
                if value is None:
                    if not nullable:
                        raise ValidationError("invalid_record", f"{name}.{key} is null")
                    continue
                if is_list:
                    if type(value) not in (list, tuple):
                        raise ValidationError(
                            "invalid_record", f"{name}.{key}: expected a list, got {value!r}"
                        )
                    if values is not None and not all(v in values for v in value):
                        raise ValidationError(
                            "invalid_record", f"{name}.{key}: {value!r} not in {sorted(values)}"
                        )
                    continue
                if type(value) not in types:
                    raise ValidationError("invalid_record", f"{name}.{key}: expected {types}, got {value!r}")
                if values is not None and value not in values:
                    raise ValidationError(
                        "invalid_record", f"{name}.{key}: {value!r} not in {sorted(values)}"
                    )
                if not nullable and type(value) is str and not value.strip():
                    raise ValidationError("invalid_record", f"{name}.{key} is blank")


_EXACT_TYPES: dict[str, frozenset[type]] = {
    "string": frozenset({str}),
    "int64": frozenset({int}),
    "int32": frozenset({int}),
    "bool": frozenset({bool}),
    "date32[day]": frozenset({dt.date}),
    "double": frozenset({float, int}),
}


@cache
def _spec(table: str) -> tuple[tuple[str, bool, frozenset[type], frozenset[str] | None, bool], ...]:
    """Per column: name, nullable, allowed exact types, allowed values, is a list."""
    return tuple(
        (
            c.name,
            c.nullable,
            _EXACT_TYPES.get(str(c.type), frozenset({object})),
            frozenset(c.values) if c.values is not None else None,
            pa.types.is_list(c.type),
        )
        for c in TABLES[table].columns
    )
