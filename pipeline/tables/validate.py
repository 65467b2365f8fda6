"""Check rows against the schema contract before they reach a table.

Why a separate stage: a parser bug must show up as a ``quarantine`` row naming the
document and the broken column, not as a crash in the Parquet writer or, worse, a
silently wrong table. The checks come from :mod:`pipeline.tables.schema` (nullability and the
allowed values); Arrow checks the types when the table is built.

Validation runs on every value of every document (about 120 rows of an article), which the
row builders hand over column by column. So it is done in two passes: the checks of a
whole column at once, as set operations that run in C (:func:`_columns_valid`: the types
present, whether None is, the values outside the allowed ones), say whether the table is
valid; only when they say no does the plain walk over the rows (:func:`_first_problem`) run,
to name the first problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import cache
from itertools import chain
from typing import Any

import pyarrow as pa

from pipeline.common.document import Columns, as_rows, row_count
from pipeline.errors import ValidationError
from pipeline.tables.schema import TABLES

Rows = Sequence[Mapping[str, Any]]
ColumnSpec = tuple[str, bool, frozenset[type], frozenset[str] | None, bool]
"""Per column: name, nullable, allowed exact types, allowed values, is a list."""


def validate_tables(tables: Mapping[str, Columns]) -> None:
    """Validate every value of every table (given column by column); the first problem raises.

    Nullability, the Arrow type (exact Python types: ``bool`` is not an ``int`` here), the
    allowed values of every column, and one value per row in every column. A column a table
    lacks holds nulls (the run process adds the USD amounts of job cards).
    """
    for name, columns in tables.items():
        count = row_count(columns)
        if any(len(column) != count for column in columns.values()):
            lengths = {key: len(column) for key, column in columns.items()}
            raise ValidationError("invalid_record", f"{name}: columns of unequal lengths {lengths}")
        if count and not _columns_valid(name, columns):
            _first_problem(name, as_rows(columns))


def _columns_valid(name: str, columns: Columns) -> bool:
    """Whether every row of a table passes :func:`_first_problem`, asked a column at a time.

    Each test is one pass in C over a column (:func:`_column_checks` says which): are its
    value types among the allowed ones, are its values (the items of a list column) among
    the allowed ones, does a non-null string column hold a blank.
    """
    for key, nullable, kinds, values, no_blanks, is_list in _column_checks(name):
        column = columns.get(key)
        if column is None:  # a column the builder does not fill: all null
            if not nullable:
                return False
            continue
        if not kinds.issuperset(map(type, column)):
            return False
        if values is not None:
            present = chain.from_iterable(filter(None, column)) if is_list else column
            if not values.issuperset(present):
                return False
        if no_blanks and "" in map(str.strip, column):
            return False
    return True


ColumnCheck = tuple[str, bool, frozenset[type], frozenset[str | None] | None, bool, bool]


@cache
def _column_checks(table: str) -> tuple[ColumnCheck, ...]:
    """Per column of ``table``: name, nullable, the allowed value types (``NoneType`` among them
    when nullable), the allowed values (None among them when nullable, the allowed items of
    a list column), whether a blank string is a problem, is a list."""
    checks = []
    for key, nullable, types, values, is_list in _spec(table):
        kinds = _SEQUENCES if is_list else types
        allowed: frozenset[str | None] | None = values
        if values is not None and nullable and not is_list:
            allowed = values | {None}
        checks.append((key, nullable, kinds | {type(None)} if nullable else kinds, allowed,
                       not nullable and str in types, is_list))
    return tuple(checks)


_SEQUENCES = frozenset({list, tuple})


def _first_problem(name: str, rows: Rows) -> None:
    """Raise :class:`ValidationError` for the first problem of ``rows``, in row then column order.

    The definition of what validation checks; :func:`_columns_valid` is the same checks, made
    fast (a test compares the two).
    """
    for row in rows:
        for key, nullable, types, values, is_list in _spec(name):
            value = row.get(key)
            if value is None:
                if not nullable:
                    raise ValidationError("invalid_record", f"{name}.{key} is null")
                continue
            if is_list:
                if type(value) not in (list, tuple):
                    raise ValidationError("invalid_record", f"{name}.{key}: expected a list, got {value!r}")
                if values is not None and not all(v in values for v in value):
                    raise ValidationError(
                        "invalid_record", f"{name}.{key}: {value!r} not in {sorted(values)}"
                    )
                continue
            if type(value) not in types:
                raise ValidationError("invalid_record", f"{name}.{key}: expected {types}, got {value!r}")
            if values is not None and value not in values:
                raise ValidationError("invalid_record", f"{name}.{key}: {value!r} not in {sorted(values)}")
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
def _spec(table: str) -> tuple[ColumnSpec, ...]:
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
