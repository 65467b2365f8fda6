"""Check rows against the schema contract before they reach a table.

Why a separate stage: a parser bug must show up as a ``quarantine`` row naming the
document and the broken column, not as a crash in the Parquet writer or, worse, a
silently wrong table. The checks come from :mod:`pipeline.tables.schema` (nullability and the
allowed values); Arrow checks the types when the table is built.

Validation runs on every row of every document (about 120 rows of an article), so it
is done in two passes: a check compiled once per table answers "are all these rows
valid?" with nothing but the tests its columns need (:func:`_table_check`), and only when
it says no does the plain walk over the column specs (:func:`_first_problem`) run, to
name the first problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

import pyarrow as pa

from pipeline.errors import ValidationError
from pipeline.tables.schema import TABLES

Rows = Sequence[Mapping[str, Any]]
ColumnSpec = tuple[str, bool, frozenset[type], frozenset[str] | None, bool]
"""Per column: name, nullable, allowed exact types, allowed values, is a list."""


def validate_rows(rows: Mapping[str, Rows]) -> None:
    """Validate every row of every table; the first problem raises.

    Nullability, the Arrow type (exact Python types: ``bool`` is not an ``int`` here) and the
    allowed values of every column.
    """
    for name, table_rows in rows.items():
        if not _table_check(name)(table_rows):
            _first_problem(name, table_rows)


def _first_problem(name: str, rows: Rows) -> None:
    """Raise :class:`ValidationError` for the first problem of ``rows``, in row then column order.

    The definition of what validation checks; :func:`_table_check` is the same checks, made
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


@cache
def _table_check(table: str) -> Callable[[Rows], bool]:
    """A function that says whether every row of ``table`` passes :func:`_first_problem`.

    Why generated code: walking the column specs for every row spends most of its time
    deciding, per value, which checks its column needs (nullable? a list? allowed values?
    a string?), the same answers for every row. Here they are decided once per table, and
    the function holds one line of tests per column, e.g. for a non-null string column::

        v = get(K0)  # K0 = 'article_id', a constant of the function's namespace
        if type(v) is not str or not v.strip(): return False

    Only names and constants from the schema go into the source (column names are passed as
    constants, never pasted), so the result is as safe as the loop it replaces.
    """
    constants: dict[str, object] = {}
    lines = ["def check(rows):", "    for row in rows:", "        get = row.get"]
    for index, (key, nullable, types, values, is_list) in enumerate(_spec(table)):
        name, allowed, kinds = f"K{index}", f"V{index}", f"T{index}"
        constants[name], constants[allowed], constants[kinds] = key, values, types
        lines.append(f"        v = get({name})")
        null = "return False" if not nullable else "pass"
        if is_list:
            tests = ["type(v) is not list and type(v) is not tuple"]
            if values is not None:
                tests.append(f"not all(x in {allowed} for x in v)")
        elif types == frozenset({str}):
            tests = ["type(v) is not str"]
            if values is not None:
                tests.append(f"v not in {allowed}")
            if not nullable:
                tests.append("not v.strip()")
        else:
            tests = [f"type(v) not in {kinds}"]
            if values is not None:
                tests.append(f"v not in {allowed}")
            if not nullable and str in types:
                tests.append("(type(v) is str and not v.strip())")
        lines.append(f"        if v is None: {null}")
        lines.append(f"        elif {' or '.join(tests)}: return False")
    lines.append("    return True")
    namespace: dict[str, Any] = dict(constants)
    exec("\n".join(lines), namespace)  # the source is built above from the schema only
    check: Callable[[Rows], bool] = namespace["check"]
    return check
