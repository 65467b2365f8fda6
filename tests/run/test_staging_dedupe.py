"""De-duplication in the worker keeps, per unique key, the first row in the table's order."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from pipeline.common.document import as_columns
from pipeline.run.staging import first_per_key, staged_columns, to_columns
from pipeline.tables.schema import TABLES

ITEMS = TABLES["items"]


def _plain(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The definition: order by the sort key (nulls first, then input order), keep each key's first."""

    def order(i: int) -> tuple[Any, ...]:
        row = rows[i]
        return (tuple((False, "") if row.get(k) is None else (True, row[k]) for k in ITEMS.sort_key), i)

    kept: dict[tuple[Any, ...], int] = {}
    for i in sorted(range(len(rows)), key=order):
        kept.setdefault(tuple(rows[i].get(k) for k in ITEMS.unique_key), i)
    return [rows[i] for i in sorted(kept.values())]


_row = st.fixed_dictionaries(
    {"article_id": st.sampled_from(["a", "b"]), "section": st.sampled_from(["skills", "tools", None]),
     "role_side": st.sampled_from(["a", "b"]), "position": st.integers(0, 2),
     "section_position": st.integers(0, 2), "text": st.text(max_size=3)},
)


@given(st.lists(_row, max_size=12))
def test_first_per_key_is_the_plain_definition(rows: list[dict[str, Any]]) -> None:
    assert first_per_key(rows, ITEMS) == _plain(rows)


def test_rows_without_a_key_column_count_it_as_null() -> None:
    rows = [{"article_id": "a", "position": 1}, {"article_id": "a", "position": 1, "section": None}]
    assert len(first_per_key(rows, ITEMS)) == 1


def _sort_key(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple((False, "") if row.get(k) is None else (True, row[k]) for k in ITEMS.sort_key)


@given(st.lists(_row, max_size=12))
def test_to_columns_is_the_plain_definition(rows: list[dict[str, Any]]) -> None:
    """Columns of the de-duplicated rows in table order (nulls first, ties in input order);
    a column a row lacks is null."""
    expected = sorted(_plain(rows), key=_sort_key)
    columns = to_columns({"items": rows}).get("items")
    if not rows:
        assert columns is None
        return
    assert columns is not None
    assert list(columns) == ITEMS.column_names
    assert columns == {name: [row.get(name) for row in expected] for name in ITEMS.column_names}


@given(st.lists(st.tuples(st.integers(0, 3), st.booleans()), min_size=1, max_size=6))
def test_columns_are_the_rows_values_and_none_where_a_row_lacks_one(cards: list[tuple[int, bool]]) -> None:
    """Rows with every column (the fast path) and rows lacking one (the slow path) give the
    same columns as ``row.get`` per column and row."""
    names = TABLES["job_sightings"].column_names
    rows = []
    for position, whole in cards:
        row: dict[str, Any] = {name: f"{name}-{position}" for name in names}
        row["position"] = position
        if not whole:
            del row["featured"]
        rows.append(row)
    columns = to_columns({"job_sightings": rows})["job_sightings"]
    assert columns == {name: [row.get(name) for row in rows] for name in names}


@given(st.lists(_row, max_size=12))
def test_staged_columns_of_built_columns_are_those_of_the_rows(rows: list[dict[str, Any]]) -> None:
    """What a row builder hands over column by column is stored as the same rows would be:
    every column of the table in schema order (those not built are null), de-duplicated
    and in table order."""
    assert staged_columns({"items": as_columns(rows)}) == to_columns({"items": rows})
