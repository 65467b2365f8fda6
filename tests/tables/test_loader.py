"""The notebook loader: dtypes from the schema, errors that say what to do."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.tables.export import to_arrow, write_table
from pipeline.tables.loader import DATE_DTYPE, load
from pipeline.tables.schema import TABLES, Column, Table


def _default(col: Column) -> Any:
    """A valid value for a required column, so rows stay valid when the schema grows."""
    if col.values is not None:
        return [col.values[0]] if pa.types.is_list(col.type) else col.values[0]
    if pa.types.is_list(col.type):
        return []
    if pa.types.is_boolean(col.type):
        return False
    if pa.types.is_integer(col.type):
        return 1
    if pa.types.is_floating(col.type):
        return 1.0
    if pa.types.is_date(col.type):
        return dt.date(2024, 1, 1)
    return "x"


def _row(table: Table, **values: Any) -> dict[str, Any]:
    """One row: the given values, defaults for required columns, null elsewhere."""
    row = {c.name: (None if c.nullable else _default(c)) for c in table.columns}
    row.update(values)
    return row


def _write(out: Path, name: str, rows: list[dict[str, Any]]) -> Path:
    table = TABLES[name]
    parquet, _csv = write_table(table, to_arrow(table, rows), out)
    return parquet


def _duckdb_rows(path: Path) -> int:
    relation = duckdb.sql(f"select * from '{path}'")
    assert relation is not None
    return len(relation.df())


def test_job_cards_dtypes(tmp_path: Path) -> None:
    table = TABLES["job_cards"]
    rows = [
        _row(table, job_id="j1", title="ML Engineer", company="Acme", seniority="SE", salary_min=100000,
             salary_max=150000, salary_period="year", salary_flag="ok", remote_ratio=100,
             employment_types=["full_time", "contract"], locations=["Berlin", "Remote"],
             first_seen=dt.date(2024, 10, 30), is_remote=True),
        _row(table, job_id="j2", title="Data Analyst", seniority=None, salary_min=None,
             salary_flag="missing", remote_ratio=0, employment_types=[], locations=[], first_seen=None),
        _row(table, job_id="j3", title="Intern", seniority="EN", salary_flag="unparsed", remote_ratio=50,
             employment_types=["internship"], locations=["Paris"]),
    ]
    parquet = _write(tmp_path, "job_cards", rows)
    df = load("job_cards", tmp_path)

    assert list(df.columns) == table.column_names
    assert len(df) == 3 == _duckdb_rows(parquet)
    # code columns: categories in the schema's order, null as NaN
    assert isinstance(df.seniority.dtype, pd.CategoricalDtype)
    assert list(df.seniority.cat.categories) == list(table.column("seniority").values or ())
    assert not df.seniority.cat.ordered
    assert df.seniority.tolist()[0] == "SE" and pd.isna(df.seniority.iloc[1])
    assert list(df.salary_flag.cat.categories) == ["ok", "implausible", "missing", "unparsed"]
    # nullable integers keep their width and hold <NA>, never turning into floats
    assert df.salary_min.dtype == "Int64"
    assert df.salary_min.iloc[0] == 100000 and df.salary_min.iloc[1] is pd.NA
    assert df.remote_ratio.dtype == "Int32"
    assert df.remote_ratio.tolist() == [100, 0, 50]
    # strings and booleans
    assert df.title.dtype == "string" and df.company.dtype == "string"
    assert df.company.iloc[1] is pd.NA
    assert df.is_remote.dtype == "boolean"
    assert df.is_remote.tolist() == [True, False, False]
    # dates
    assert df.first_seen.dtype == DATE_DTYPE == "datetime64[s]"
    assert df.first_seen.iloc[0] == pd.Timestamp("2024-10-30")
    assert df.first_seen.dt.date.iloc[0] == dt.date(2024, 10, 30)
    assert pd.isna(df.first_seen.iloc[1])
    # list columns are Python lists of str
    assert df.employment_types.tolist() == [["full_time", "contract"], [], ["internship"]]
    assert all(type(v) is list for v in df.locations)
    assert df.locations.iloc[0] == ["Berlin", "Remote"]


def test_articles_dtypes(tmp_path: Path) -> None:
    table = TABLES["articles"]
    rows = [
        _row(table, article_id="a1", source_format="html", read_minutes=7,
             published_date=dt.date(2024, 10, 30), encoding_repaired=True),
        _row(table, article_id="a2", source_format="text", read_minutes=None, published_date=None),
    ]
    parquet = _write(tmp_path, "articles", rows)
    df = load("articles", str(tmp_path))  # a str path works too

    assert len(df) == 2 == _duckdb_rows(parquet)
    assert list(df.source_format.cat.categories) == ["text", "html"]
    assert df.source_format.tolist() == ["html", "text"]
    assert df.read_minutes.dtype == "Int32"
    assert df.read_minutes.iloc[0] == 7 and df.read_minutes.iloc[1] is pd.NA
    assert df.published_date.dtype == "datetime64[s]"
    assert df.published_date.iloc[0] == pd.Timestamp("2024-10-30") and pd.isna(df.published_date.iloc[1])
    assert df.encoding_repaired.dtype == "boolean"
    assert df.article_id.dtype == "string"


def test_sections_codes_follow_schema_order(tmp_path: Path) -> None:
    table = TABLES["sections"]
    rows = [_row(table, article_id="a", position=i, section=s, role_side=side)
            for i, (s, side) in enumerate([("tips", None), ("definitions", "a"), ("outlook", "both")], 1)]
    _write(tmp_path, "sections", rows)
    df = load("sections", tmp_path)
    assert list(df.section.cat.categories) == list(table.column("section").values or ())
    assert df.sort_values("section").section.tolist() == ["definitions", "outlook", "tips"]
    assert list(df.role_side.cat.categories) == ["a", "b", "both"]
    assert pd.isna(df.role_side.iloc[0])
    assert df.position.dtype == "Int32"


@pytest.mark.parametrize("name", list(TABLES))
def test_every_table_is_typed_from_the_schema(tmp_path: Path, name: str) -> None:
    table = TABLES[name]
    parquet = _write(tmp_path, name, [_row(table), _row(table)])
    df = load(name, tmp_path)
    assert list(df.columns) == table.column_names
    assert len(df) == 2 == _duckdb_rows(parquet)
    for col in table.columns:
        dtype = df[col.name].dtype
        if pa.types.is_list(col.type):
            assert dtype == np.dtype(object) and all(type(v) is list for v in df[col.name])
        elif col.values is not None:
            assert isinstance(dtype, pd.CategoricalDtype), col.name
            assert list(dtype.categories) == list(col.values), col.name
        elif pa.types.is_string(col.type):
            assert dtype == "string", col.name
        elif pa.types.is_integer(col.type):
            assert dtype == f"Int{col.type.bit_width}", col.name
        elif pa.types.is_boolean(col.type):
            assert dtype == "boolean", col.name
        elif pa.types.is_floating(col.type):
            assert dtype == "Float64", col.name
        elif pa.types.is_date(col.type):
            assert dtype == "datetime64[s]", col.name
        assert not isinstance(dtype, pd.ArrowDtype), col.name


def test_empty_table_keeps_dtypes(tmp_path: Path) -> None:
    _write(tmp_path, "quarantine", [])
    df = load("quarantine", tmp_path)
    assert len(df) == 0
    assert list(df.stage.cat.categories) == list(TABLES["quarantine"].column("stage").values or ())
    assert df.source_uri.dtype == "string"


def test_unknown_code_becomes_an_extra_category(tmp_path: Path) -> None:
    # A file from another version may hold a code this schema does not list: keep it.
    table = TABLES["sections"]
    rows = [_row(table, article_id="a", position=1, section="outlook"),
            _row(table, article_id="a", position=2, section="glossary")]
    pq.write_table(pa.Table.from_pylist(rows, schema=table.arrow_schema()), tmp_path / "sections.parquet")
    df = load("sections", tmp_path)
    assert df.section.tolist() == ["outlook", "glossary"]
    assert list(df.section.cat.categories) == [*(table.column("section").values or ()), "glossary"]


def test_older_or_newer_files_keep_their_columns(tmp_path: Path) -> None:
    # Missing schema columns are not invented; extra file columns come last, typed by Arrow.
    data = pa.table({
        "extra_count": pa.array([3, None], pa.int64()),
        "role_key": pa.array(["ai-architect", "data-scientist"]),
        "name": pa.array(["AI Architect", "Data Scientist"]),
    })
    pq.write_table(data, tmp_path / "roles.parquet")
    df = load("roles", tmp_path)
    assert list(df.columns) == ["role_key", "name", "extra_count"]
    assert df.extra_count.dtype == "Int64" and df.extra_count.iloc[1] is pd.NA
    assert df.name.dtype == "string"


def test_dictionary_encoded_codes_load_as_categories(tmp_path: Path) -> None:
    table = TABLES["salary_links"]
    data = to_arrow(table, [_row(table, article_id="a", role="ML Engineer", position=1)])
    index = data.schema.get_field_index("article_id")
    data = data.set_column(index, "article_id", data.column("article_id").dictionary_encode())
    pq.write_table(data, tmp_path / "salary_links.parquet")
    df = load("salary_links", tmp_path)
    assert df.article_id.dtype == "string" and df.article_id.tolist() == ["a"]


def test_unknown_table_lists_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown table 'job_card'") as info:
        load("job_card", tmp_path)
    for name in TABLES:
        assert name in str(info.value)


def test_missing_file_says_how_to_make_it(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="make run") as info:
        load("articles", tmp_path / "nowhere")
    assert "articles.parquet" in str(info.value)
