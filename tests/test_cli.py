"""End to end through the command line: tables, summary, junk, determinism, exit codes."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.tables.schema import TABLES
from tests.digests import table_digests

pytestmark = pytest.mark.e2e

ARTICLE = """Data Engineer vs. MLOps Engineer

Data Engineer vs MLOps Engineer: How They Differ

3 min read · May 1, 2024
Data Engineer vs. MLOps Engineer
Table of contents

Two jobs keep data products alive; this piece compares them.

Definitions

Data Engineer: A Data Engineer builds and runs the pipelines that feed analytics.

MLOps Engineer: An MLOps Engineer ships models to production and keeps them healthy.

Responsibilities

Data Engineer

  • Build ingestion jobs.
  • Model warehouse tables.

MLOps Engineer

  • Automate model releases.

In conclusion, both roles keep data useful.

Featured Job 👀
Data Platform Engineer

@ Example Corp | Berlin, Germany

Full Time Senior-level / Expert EUR 70K - 90K

Salary Insights

View salary info for Data Engineer (global) Details
"""


def rolescope(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, check=False, cwd=cwd
    )


def write_inputs(folder: Path) -> None:
    (folder / "nested").mkdir(parents=True)
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "nested" / "copy-of-good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "nested" / "bom.txt.gz").write_bytes(
        gzip.compress(ARTICLE.replace("Berlin", "Munich").encode("utf-8-sig"), mtime=0)
    )
    (folder / "utf16.txt").write_bytes(ARTICLE.replace("Berlin", "Hamburg").encode("utf-16"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("   \n\n\t\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00garbage-not-gzip")
    (folder / "notfound.html").write_text(
        "<html><head><title>404</title></head><body><h1>Page not found</h1><p>Sorry.</p></body></html>",
        encoding="utf-8",
    )
    (folder / "random.txt").write_text(
        "Shopping list\n\nEggs, milk and bread for the week.\n", encoding="utf-8"
    )
    # Hostile nesting on a page with a title word (it could be an article): the nesting guard
    # refuses it. Without one, the page is ruled out from its bytes before any parse.
    (folder / "deep.html").write_text(
        "<html><body><h1>Data Analyst vs. Data Engineer</h1>" + "<div>" * 5000 + "x" + "</div>" * 5000
        + "</body></html>", encoding="utf-8"
    )
    (folder / "big.txt").write_text(ARTICLE + "x" * 300_000, encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not ours")


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("cli")
    write_inputs(root / "in")
    proc = rolescope(
        "run", "--input", str(root / "in"), "--output", str(root / "out"), "--max-bytes", "200000"
    )
    return root / "out", proc


def test_exit_zero_and_summary(result: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    _, proc = result
    assert proc.returncode == 0, proc.stderr
    summary = proc.stderr.strip().splitlines()[-1]
    assert "documents read: 12" in summary and "ignored: 1" in summary  # notes.docx: not a document
    assert "articles: 3" in summary and "duplicates: 1" in summary
    assert "quarantined: 8" in summary
    assert "time:" in summary


def test_every_table_written_with_schema(result: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out, _ = result
    for name, table in TABLES.items():
        df = pd.read_parquet(out / f"{name}.parquet")
        assert list(df.columns) == table.column_names
        csv = (out / "csv" / f"{name}.csv").read_text(encoding="utf-8").splitlines()
        assert csv[0].replace('"', "").split(",") == table.column_names


def test_junk_is_quarantined_with_reasons(result: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out, _ = result
    q = pd.read_parquet(out / "quarantine.parquet")
    got = {(row.source_uri, row.stage, row.reason) for row in q.itertuples()}
    assert got == {
        ("empty.txt", "read", "empty"),
        ("blank.txt", "structure", "empty"),
        ("binary.txt", "decode", "binary"),
        ("broken.txt.gz", "read", "corrupt_gzip"),
        ("notfound.html", "parse", "not_an_article"),
        ("random.txt", "parse", "not_an_article"),
        ("deep.html", "structure", "too_deep"),
        ("big.txt", "read", "too_large"),
    }
    assert len(q) == len(got)


def test_good_documents_in_odd_encodings_parse(result: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out, _ = result
    articles = pd.read_parquet(out / "articles.parquet")
    assert sorted(articles.source_uri) == ["good.txt", "nested/bom.txt.gz", "utf16.txt"]
    assert set(articles.article_key) == {"data-engineer-vs-mlops-engineer"}
    assert set(articles.encoding) >= {"utf-8", "utf-16"}
    cards = pd.read_parquet(out / "job_cards.parquet")
    assert sorted(cards.location) == ["Berlin, Germany", "Hamburg, Germany", "Munich, Germany"]
    assert set(cards.salary_currency) == {"EUR"}
    sightings = pd.read_parquet(out / "job_sightings.parquet")
    assert len(sightings) == 3


def test_two_runs_are_byte_identical(
    result: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    out, _ = result
    inputs = out.parent / "in"
    proc = rolescope(
        "run",
        "--input",
        str(inputs),
        "--output",
        str(tmp_path / "again"),
        "--max-bytes",
        "200000",
        "--workers",
        "2",
    )
    assert proc.returncode == 0, proc.stderr

    assert table_digests(out) == table_digests(tmp_path / "again")


def test_missing_input_folder_is_a_one_line_error(tmp_path: Path) -> None:
    proc = rolescope("run", "--input", str(tmp_path / "nope"), "--output", str(tmp_path / "out"))
    assert proc.returncode == 3
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "does not exist" in proc.stderr


def test_output_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "out").write_text("a file", encoding="utf-8")
    proc = rolescope("run", "--input", str(tmp_path / "in"), "--output", str(tmp_path / "out"))
    assert proc.returncode == 3 and "not a folder" in proc.stderr


def test_usage_error_exit_code(tmp_path: Path) -> None:
    assert rolescope("run", "--workers", "-1").returncode == 2
    assert rolescope("frobnicate").returncode == 2


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "rolescope"
    if not script.exists():
        pytest.skip("project not installed into this interpreter's environment (run through `make test`)")
    proc = subprocess.run([str(script), "run", "--help"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and "--input" in proc.stdout


def test_empty_input_folder_writes_empty_tables(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    proc = rolescope("run", "--input", str(tmp_path / "in"), "--output", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    assert pd.read_parquet(tmp_path / "out" / "articles.parquet").empty
    assert os.path.exists(tmp_path / "out" / "csv" / "quarantine.csv")


def test_parquet_loads_in_duckdb(result: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    duckdb = pytest.importorskip("duckdb")
    out, _ = result
    con = duckdb.connect()
    rows = con.execute(
        f"select a.article_key, count(*) from '{out / 'job_sightings.parquet'}' s "
        f"join '{out / 'articles.parquet'}' a using (article_id) group by 1"
    ).fetchall()
    assert rows == [("data-engineer-vs-mlops-engineer", 3)]
    types = dict(
        con.execute(f"describe select * from '{out / 'articles.parquet'}'").fetchall()[i][:2]
        for i in range(len(TABLES["articles"].columns))
    )
    assert types["published_date"] == "DATE" and types["read_minutes"] == "INTEGER"
