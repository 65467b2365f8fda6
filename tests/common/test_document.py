"""A document's tables travel column by column; rows are a view of them."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.common.document import DocumentResult, as_columns, as_rows, row_count

_value = st.one_of(st.none(), st.integers(), st.text(max_size=2))
_rows = st.integers(1, 3).flatmap(
    lambda width: st.lists(st.fixed_dictionaries({f"c{i}": _value for i in range(width)}), max_size=5)
)


@given(_rows)
def test_rows_to_columns_and_back(rows: list[dict[str, Any]]) -> None:
    columns = as_columns(rows)
    assert row_count(columns) == len(rows)
    assert as_rows(columns) == rows
    if rows:
        assert list(columns) == list(rows[0])


def test_rows_built_alike_or_not_at_all() -> None:
    with pytest.raises(KeyError):
        as_columns([{"a": 1, "b": 2}, {"a": 1}])


def test_a_result_shows_its_tables_as_rows() -> None:
    result = DocumentResult("a.txt", None)
    assert not result.is_article and result.rows == {}
    result.tables = {"articles": {"article_id": ["x"], "title": ["A vs B"]}, "items": {}}
    assert result.is_article
    assert result.rows == {"articles": [{"article_id": "x", "title": "A vs B"}], "items": []}
    assert row_count(None) == 0
