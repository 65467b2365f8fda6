"""The corpus-wide part of the table build: staged rows sorted, de-duplicated and merged.

The de-duplication of keys that repeat across documents runs on sorted batches as they
stream out of DuckDB; these tests pin it against the plain definition (first row per key
in sort order, null keys equal), across batch boundaries.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import tablebuild
from pipeline.money import load_rates
from pipeline.schema import JOB_SIGHTINGS, TABLES
from pipeline.staging import Stager
from pipeline.tablebuild import _FirstPerKey, build_tables

KEY = st.one_of(st.none(), st.integers(0, 3))


def _first_per_key(rows: list[tuple[Any, ...]], width: int) -> list[tuple[Any, ...]]:
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for row in rows:
        if row[:width] not in seen:
            seen.add(row[:width])
            kept.append(row)
    return kept


def _sort_key(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple((value is not None, value or 0) for value in row)


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(st.tuples(KEY, KEY, st.integers(0, 10**6)), max_size=60),
    cuts=st.lists(st.integers(0, 60), max_size=6),
)
def test_first_per_key_matches_the_definition_across_batches(
    rows: list[tuple[Any, ...]], cuts: list[int]
) -> None:
    rows = sorted(rows, key=_sort_key)
    bounds = sorted({0, len(rows), *(c for c in cuts if c <= len(rows))})
    keep = _FirstPerKey(("a", "b"))
    out: list[tuple[Any, ...]] = []
    for start, end in itertools.pairwise(bounds):
        part = rows[start:end]
        batch = pa.RecordBatch.from_pydict(
            {name: [row[i] for row in part] for i, name in enumerate("abc")},
            schema=pa.schema([("a", pa.int64()), ("b", pa.int64()), ("c", pa.int64())]),
        )
        kept = keep(batch)
        out.extend(zip(*(kept.column(n).to_pylist() for n in "abc"), strict=True))
    assert out == _first_per_key(rows, 2)


def _sighting(page: str, position: int, job: str, article: str, seen: dt.date | None) -> dict[str, list[Any]]:
    row = {name: None for name in JOB_SIGHTINGS.column_names}
    row.update(job_id=job, article_id=article, position=position, seen_date=seen, page_uri=page,
               page_kind="listing", featured=False)
    return {name: [value] for name, value in row.items()}


def test_a_sighting_printed_twice_on_one_day_is_kept_once_the_first_arrival(tmp_path: Path) -> None:
    day = dt.date(2026, 3, 2)
    stager = Stager(tmp_path / "staging")
    stager.add("job_sightings", _sighting("jobs/list.html", 1, "job-a", "first", day))
    stager.add("job_sightings", _sighting("jobs/list.html", 2, "job-b", "first", day))
    stager.add("job_sightings", _sighting("jobs/list.html", 1, "job-c", "second", day))  # same key
    stager.add("job_sightings", _sighting("jobs/list.html", 1, "job-a", "third", None))
    stager.close()
    out = tmp_path / "out"
    out.mkdir()
    rows = build_tables(stager, out, load_rates(None), documents=[], articles=[], threads=1)
    sightings = pq.read_table(out / "job_sightings.parquet").to_pylist()
    assert rows["job_sightings"] == 3
    assert [(r["page_uri"], r["seen_date"], r["position"], r["article_id"]) for r in sightings] == [
        ("jobs/list.html", None, 1, "third"),  # nulls first, as in every table's order
        ("jobs/list.html", day, 1, "first"),
        ("jobs/list.html", day, 2, "first"),
    ]
    assert rows == {name: rows[name] for name in TABLES}


def _staged_sightings(folder: Path, count: int) -> Stager:
    stager = Stager(folder)
    day = dt.date(2026, 3, 2)
    for i in range(count):
        # pages in reverse order, and every 7th row repeats the previous row's key
        page = f"jobs/page-{(count - i) // 3:06d}.html"
        position = (i - 1 if i % 7 == 0 else i) % 3
        stager.add("job_sightings", _sighting(page, position, f"job-{i % 50}", f"doc-{i}", day))
    stager.close()
    return stager


def test_a_sort_that_needs_more_memory_is_retried_with_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    rates = load_rates(None)
    normal = tmp_path / "normal"
    normal.mkdir()
    staged = _staged_sightings(tmp_path / "s1", 20_000)
    build_tables(staged, normal, rates, documents=[], articles=[], threads=1)
    monkeypatch.setattr(tablebuild, "_MEMORY_PER_THREAD_MB", 1)
    starved = tmp_path / "starved"
    starved.mkdir()
    staged = _staged_sightings(tmp_path / "s2", 20_000)
    with caplog.at_level("WARNING", logger="pipeline.tablebuild"):
        build_tables(staged, starved, rates, documents=[], articles=[], threads=1)
    assert "retrying with" in caplog.text
    for name in ("job_sightings", "job_cards", "quarantine"):
        assert (starved / f"{name}.parquet").read_bytes() == (normal / f"{name}.parquet").read_bytes()
        assert (starved / "csv" / f"{name}.csv").read_bytes() == (normal / "csv" / f"{name}.csv").read_bytes()
