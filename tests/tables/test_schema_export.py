"""The schema drives Parquet, CSV and docs; exports round-trip and are byte-stable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.tables import export
from pipeline.tables.dictionary import data_dictionary
from pipeline.tables.export import to_arrow, write_table
from pipeline.tables.schema import JOB_CARDS, ROLES, TABLES

ROOT = Path(__file__).resolve().parents[2]
CONTRACT_COLUMNS = {
    "articles": [
        "article_id",
        "article_key",
        "source_uri",
        "source_format",
        "content_sha256",
        "url",
        "slug",
        "title",
        "role_a",
        "role_b",
        "subtitle",
        "read_minutes",
        "published_date",
        "intro",
        "encoding_repaired",
        "parser_version",
    ],
    "sections": ["article_id", "position", "section", "heading", "role_side", "role", "text"],
    "items": ["article_id", "section", "role_side", "role", "position", "text"],
    "job_cards": [
        "job_id",
        "title",
        "company",
        "location",
        "is_remote",
        "employment_types",
        "seniority",
        "salary_currency",
        "salary_min",
        "salary_max",
        "salary_text",
        "salary_flag",
    ],
    "job_sightings": ["job_id", "article_id", "position"],
    "salary_links": ["article_id", "role", "scope"],
    "quarantine": ["source_uri", "stage", "reason", "detail"],
}


def test_contract_tables_and_columns_present() -> None:
    for table, columns in CONTRACT_COLUMNS.items():
        assert set(columns) <= set(TABLES[table].column_names), table
    assert str(TABLES["articles"].column("published_date").type) == "date32[day]"
    assert str(TABLES["job_cards"].column("salary_min").type) == "int64"
    assert str(TABLES["job_cards"].column("employment_types").type) == "list<element: string>"


def test_data_dictionary_in_docs_is_current() -> None:
    on_disk = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert on_disk == data_dictionary() + "\n", "run `make docs` to regenerate docs/schema.md"


_card = st.fixed_dictionaries(
    {
        "job_id": st.text(alphabet="0123456789abcdef", min_size=16, max_size=16),
        "title": st.text(min_size=1, max_size=30),
        "company": st.none() | st.text(max_size=20),
        "location": st.none() | st.text(max_size=20),
        "is_remote": st.booleans(),
        "employment_types": st.lists(st.sampled_from(["full_time", "internship", "contract"]), max_size=3),
        "seniority": st.none() | st.sampled_from(["EN", "MI", "SE", "EX"]),
        "salary_min": st.none() | st.integers(0, 10**9),
        "salary_max": st.none() | st.integers(0, 10**9),
        "salary_is_estimate": st.booleans(),
        "salary_flag": st.sampled_from(["ok", "missing"]),
        "remote_ratio": st.sampled_from([0, 50, 100]),
        "locations": st.lists(st.text(max_size=12), max_size=2),
    }
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_card, max_size=8))
def test_parquet_and_csv_round_trip(tmp_path: Path, cards: list[dict]) -> None:
    data = to_arrow(JOB_CARDS, cards)
    parquet_path, csv_path = write_table(JOB_CARDS, data, tmp_path, formula_escape=False)
    stored = pq.read_table(parquet_path)
    assert stored.schema.field("salary_flag").type == pa.dictionary(pa.int32(), pa.string())
    assert stored.cast(data.schema).equals(data)  # code columns stored dictionary-encoded
    back = pacsv.read_csv(
        csv_path,
        convert_options=pacsv.ConvertOptions(
            column_types={c.name: "string" for c in JOB_CARDS.columns}, strings_can_be_null=False
        ),
    )
    assert back.column_names == JOB_CARDS.column_names
    assert back.num_rows == len(cards)
    assert back.column("employment_types").to_pylist() == [";".join(c["employment_types"]) for c in cards]
    assert back.column("title").to_pylist() == [c["title"] for c in cards]
    # Same rows, same bytes.
    first = parquet_path.read_bytes()
    write_table(JOB_CARDS, to_arrow(JOB_CARDS, cards), tmp_path)
    assert parquet_path.read_bytes() == first


def test_dates_and_nulls_in_csv(tmp_path: Path) -> None:
    table = TABLES["articles"]
    row = {c.name: None for c in table.columns}
    row.update(
        article_id="a" * 16,
        article_key="x-vs-y",
        source_uri="s.txt",
        source_format="text",
        content_sha256="0" * 64,
        slug="x-vs-y",
        title="X vs. Y",
        role_a="X",
        role_b="Y",
        role_key_a="x",
        role_key_b="y",
        published_date=dt.date(2024, 10, 30),
        encoding_repaired=False,
        encoding="utf-8",
        decode_errors=0,
        truncated=False,
        parser_version="1",
    )
    _, csv_path = write_table(table, to_arrow(table, [row]), tmp_path)
    header, line = csv_path.read_text(encoding="utf-8").splitlines()
    assert header.split(",")[:3] == ['"article_id"', '"article_key"', '"source_uri"'] or header.startswith(
        "article_id,"
    )
    assert "2024-10-30" in line and ",false," in line


def test_no_leftover_temp_files(tmp_path: Path) -> None:
    write_table(JOB_CARDS, to_arrow(JOB_CARDS, []), tmp_path)
    leftovers = [p.name for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_every_column_has_an_example_and_a_meaning() -> None:
    from pipeline.tables.dictionary import EXAMPLES

    for table in TABLES.values():
        for column in table.columns:
            assert column.name in EXAMPLES, f"{table.name}.{column.name} has no example"
            assert column.doc.strip(), f"{table.name}.{column.name} has no meaning"


def test_schema_command_prints_the_dictionary() -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "schema"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0 and proc.stdout == data_dictionary() + "\n"


def _roles(count: int) -> dict[str, list[object]]:
    return {"role_key": [f"r{i:05d}" for i in range(count)], "name": [f"R {i}" for i in range(count)],
            "article_count": [i for i in range(count)]}


def test_streamed_row_groups_are_exact_and_a_write_error_is_raised(tmp_path: Path) -> None:
    writer = export.TableWriter(ROLES, tmp_path)
    batch = _roles(40_000)
    for start in range(0, 40_000, 3_000):  # batches that do not line up with the row groups
        writer.append({name: values[start:start + 3_000] for name, values in batch.items()})
    writer.close()
    meta = pq.read_metadata(tmp_path / "roles.parquet")
    sizes = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
    whole, rest = divmod(40_000, ROLES.row_group_rows)
    assert sizes == [ROLES.row_group_rows] * whole + [rest]
    keys = pq.read_table(tmp_path / "roles.parquet").column("role_key").to_pylist()
    assert keys == _roles(40_000)["role_key"]

    broken = export.TableWriter(ROLES, tmp_path / "broken")

    class Full:
        def write_table(self, *args: object, **kwargs: object) -> None:
            raise OSError("disk full")

    broken._parquet = Full()  # type: ignore[assignment]
    with pytest.raises(OSError, match="disk full"):  # at the next row group, or at the latest on close
        broken.append(_roles(40_000))
        broken.close()


def _long_roles(count: int) -> dict[str, list]:
    """Rows long enough that a row group spans several Parquet pages."""
    return {"role_key": [f"role-{i:06d}" for i in range(count)],
            "name": [("Engineer " * (1 + i % 37)) + str(i) for i in range(count)],
            "article_count": list(range(count))}


def test_same_rows_same_bytes_however_they_were_batched(tmp_path: Path) -> None:
    """Converted chunks go to Parquet as they are; other chunkings are joined first, because a
    chunk boundary off the writer's batch grid would move page boundaries."""
    rows = _long_roles(40_000)
    whole = tmp_path / "whole"
    writer = export.TableWriter(ROLES, whole)
    writer.write(to_arrow(ROLES, [dict(zip(rows, values, strict=True)) for values in zip(*rows.values(),
                                                                                           strict=True)]))
    writer.close()
    appended = tmp_path / "appended"
    writer = export.TableWriter(ROLES, appended)
    for start in range(0, 40_000, 777):
        writer.append({name: values[start:start + 777] for name, values in rows.items()})
    writer.close()
    odd = tmp_path / "odd"
    writer = export.TableWriter(ROLES, odd)
    table = pq.read_table(whole / "roles.parquet")
    for start in range(0, 40_000, 1_500):
        writer.write(table.slice(start, 1_500))
    writer.close()
    assert pq.read_metadata(whole / "roles.parquet").row_group(0).column(1).total_uncompressed_size > 1 << 20
    for folder in (appended, odd):
        assert (folder / "roles.parquet").read_bytes() == (whole / "roles.parquet").read_bytes()
        assert (folder / "csv" / "roles.csv").read_bytes() == (whole / "csv" / "roles.csv").read_bytes()


def test_every_table_takes_converted_chunks_whole() -> None:
    for table in TABLES.values():
        assert table.row_group_rows % export._CONVERT_ROWS == 0, table.name


# --- issue 15: CSV formula injection (item 6) and the pandas metadata (item 24) ---------------


def _card(**fields: object) -> dict:
    card = {c.name: None for c in JOB_CARDS.columns}
    card.update(job_id="0" * 16, title="Engineer", is_remote=False, employment_types=[], locations=[],
                salary_flag="missing", remote_ratio=0, salary_is_estimate=False)
    card.update(fields)
    return card


DANGEROUS = ["=HYPERLINK(\"http://127.0.0.2/x\")", "+1+2", "-2+3", "@SUM(A1)", "\tTabbed", "\rReturn"]


@pytest.mark.parametrize("formula", DANGEROUS)
def test_csv_cells_that_would_run_as_formulas_are_prefixed(tmp_path: Path, formula: str) -> None:
    data = to_arrow(JOB_CARDS, [_card(title=formula, company="Acme = Co", locations=[formula, "Remote"])])
    parquet_path, csv_path = write_table(JOB_CARDS, data, tmp_path)
    back = pacsv.read_csv(csv_path, convert_options=pacsv.ConvertOptions(
        column_types={c.name: pa.string() for c in JOB_CARDS.columns}, strings_can_be_null=False))
    assert back.column("title").to_pylist() == ["'" + formula]
    assert back.column("company").to_pylist() == ["Acme = Co"]  # only a cell's first character counts
    assert back.column("locations").to_pylist() == ["'" + formula + ";Remote"]
    assert pq.read_table(parquet_path).column("title").to_pylist() == [formula]  # Parquet stays raw
    write_table(JOB_CARDS, data, tmp_path, formula_escape=False)
    raw = pacsv.read_csv(csv_path, convert_options=pacsv.ConvertOptions(
        column_types={c.name: pa.string() for c in JOB_CARDS.columns}, strings_can_be_null=False))
    assert raw.column("title").to_pylist() == [formula]


@pytest.mark.parametrize("formula", DANGEROUS)
def test_only_columns_with_a_formula_cell_are_rewritten(formula: str) -> None:
    """The escape runs on a column only when one of its cells starts like a formula (the test
    that skips it looks at each cell's first character: it must see every such character)."""
    plain = ["Acme = Co", None, "", "é-first", "Remote"]
    cards = [_card(job_id=f"{i:016d}", title=title, company=plain[i])
             for i, title in enumerate([*plain[:4], formula])]
    data = export._csv_ready(to_arrow(JOB_CARDS, cards))
    assert data.column("title").to_pylist() == [*plain[:4], "'" + formula]
    assert data.column("company").to_pylist() == plain
    assert not export._may_run(pa.chunked_array([plain, [None]], pa.string()))
    assert not export._may_run(pa.chunked_array([], pa.string()))
    assert export._may_run(pa.chunked_array([[None], ["x", formula + "x"]], pa.string()))


def test_plain_pandas_restores_nullable_integers(tmp_path: Path) -> None:
    data = to_arrow(JOB_CARDS, [_card(salary_min=100_000), _card(job_id="1" * 16, title="Other")])
    parquet_path, _ = write_table(JOB_CARDS, data, tmp_path)
    frame = pd.read_parquet(parquet_path)
    assert str(frame["salary_min"].dtype) == "Int64" and str(frame["remote_ratio"].dtype) == "Int32"
    assert frame["salary_min"].tolist()[0] == 100_000 and frame["salary_min"].isna().tolist()[1]
    assert str(frame["is_remote"].dtype) == "boolean"
    assert isinstance(frame["salary_flag"].dtype, pd.CategoricalDtype)
    assert list(frame["salary_flag"]) == ["missing", "missing"]
    assert str(pq.read_table(parquet_path).schema.field("locations").type) == "list<element: string>"
