"""Validation: the messages it gives, and the column-at-a-time check agreeing with the plain
walk over the rows and the column specs on every kind of value."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.common.document import Columns
from pipeline.errors import ValidationError
from pipeline.tables.schema import TABLES
from pipeline.tables.validate import _columns_valid, _first_problem, _spec, validate_tables


def _columns(rows: list[dict[str, Any]]) -> Columns:
    """Rows -> columns; a key some rows lack is None in them (as the walk reads it)."""
    keys = dict.fromkeys(key for row in rows for key in row)
    return {key: [row.get(key) for row in rows] for key in keys}


def validate_rows(rows: dict[str, list[dict[str, Any]]]) -> None:
    validate_tables({name: _columns(table_rows) for name, table_rows in rows.items()})


def _mention(**changes: Any) -> dict[str, Any]:
    row = {"article_id": "a1", "section": "tools", "role_side": "a", "role_key": "ai-architect",
           "kind": "tool", "name": "Docker", "surface": "Docker", "count": 2}
    row.update(changes)
    return row


def test_valid_rows_pass() -> None:
    validate_rows({"mentions": [_mention(), _mention(role_side=None, role_key=None)]})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": None}, "mentions.name is null"),
        ({"surface": "  "}, "mentions.surface is blank"),
        ({"count": True}, "mentions.count: expected"),  # a bool is not an int here
        ({"count": "2"}, "mentions.count: expected"),
        ({"kind": "gadget"}, "mentions.kind: 'gadget' not in"),
        ({"role_side": "c"}, "mentions.role_side: 'c' not in"),
        ({"section": ["tools"]}, "mentions.section: expected"),
    ],
)
def test_each_problem_is_named(changes: dict[str, Any], message: str) -> None:
    rows = {"mentions": [_mention(), _mention(**changes), _mention(name=None)]}
    with pytest.raises(ValidationError) as raised:
        validate_rows(rows)
    assert raised.value.reason == "invalid_record"
    assert str(raised.value.detail).startswith(message)


def test_a_missing_column_is_a_null() -> None:
    row = _mention()
    del row["count"]
    with pytest.raises(ValidationError, match=r"mentions\.count is null"):
        validate_rows({"mentions": [row]})
    del row["role_key"]  # nullable: missing is fine
    row["count"] = 1
    validate_rows({"mentions": [row]})


def test_list_columns_check_their_items() -> None:
    listed = [(t, c) for t in TABLES for c in _spec(t) if c[4]]
    for table, (key, *_rest) in listed:
        assert _columns_valid(table, {key: ["not a list"]}) is False


def test_columns_of_unequal_lengths_are_a_problem() -> None:
    columns = _columns([_mention(), _mention(name="Git")])
    columns["name"].pop()
    with pytest.raises(ValidationError, match=r"mentions: columns of unequal lengths .*'name': 1"):
        validate_tables({"mentions": columns})


def test_a_table_without_rows_passes() -> None:
    validate_tables({"mentions": {}, "items": {"article_id": [], "text": []}})


_ODD_VALUES = [None, "", " ", "x", "tools", "a", "both", "usd", 0, 1, 2.5, True, False,
               dt.date(2024, 1, 2), [], ["x"], ("a",), b"x", object()]


def _value(column: tuple[str, bool, frozenset[type], frozenset[str] | None, bool]) -> st.SearchStrategy[Any]:
    allowed = sorted(column[3]) if column[3] else []
    good = [[*allowed[:2]]] if column[4] else allowed[:2]
    return st.sampled_from(_ODD_VALUES + good)


@settings(max_examples=300)
@given(st.data())
def test_column_check_agrees_with_the_walk(data: st.DataObject) -> None:
    table = data.draw(st.sampled_from(sorted(TABLES)))
    spec = _spec(table)
    rows = []
    for _ in range(data.draw(st.integers(0, 3))):
        # Mostly valid-looking rows, with a few columns given odd values or left out.
        row = {}
        for column in spec:
            choice = data.draw(st.sampled_from(["odd", "missing", "same", "same", "same"]))
            if choice == "missing":
                continue
            row[column[0]] = data.draw(_value(column)) if choice == "odd" else _plausible(column)
        rows.append(row)
    try:
        _first_problem(table, rows)
        walk_passes = True
    except ValidationError:
        walk_passes = False
    assert (not rows or _columns_valid(table, _columns(rows))) is walk_passes


def _plausible(column: tuple[str, bool, frozenset[type], frozenset[str] | None, bool]) -> Any:
    """A value that passes its column's checks."""
    _key, _nullable, types, values, is_list = column
    if is_list:
        return sorted(values)[:1] if values else ["x"]
    if values:
        return sorted(values)[0]
    if str in types:
        return "text"
    if bool in types:
        return True
    if int in types:
        return 3
    if dt.date in types:
        return dt.date(2024, 5, 6)
    return object()
