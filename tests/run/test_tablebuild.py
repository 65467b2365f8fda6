"""The corpus-wide part of the table build: staged rows sorted, de-duplicated and merged.

Rows are staged in a scratch SQLite database, one record per document and group, and read
back sorted; these tests pin the result against the plain definition (every row in sort-key
then arrival order, the first row per unique key, null keys equal), including pages seen by
several documents on one day, and against a sort that spills to disk.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize.money import load_rates
from pipeline.run.staging import Stager, stage, staged_form
from pipeline.run.state import StateStore, StoreDamagedError, pack
from pipeline.run.tablebuild import build_tables
from pipeline.tables.schema import JOB_CARDS, JOB_SIGHTINGS, QUARANTINE, TABLES

DAYS = st.one_of(st.none(), st.sampled_from([dt.date(2026, 3, 1), dt.date(2026, 3, 2)]))
# one document's sightings: its page, its day, then (position, job) per card
DOCUMENT = st.tuples(
    st.sampled_from(["jobs/a.html", "jobs/b.html", "jobs/é.html"]),
    DAYS,
    st.lists(st.tuples(st.integers(1, 4), st.sampled_from(["j1", "j2", "j3"])), min_size=1, max_size=5),
)


def _nulls_first(value: Any) -> tuple[bool, Any]:
    return (value is not None, value if value is not None else 0)


def _build(tmp_path: Path, stager: Stager) -> Path:
    stager.close()
    out = tmp_path / "out"
    out.mkdir(parents=True)
    build_tables(stager, out, load_rates(None), documents=[], articles=[])
    return out


@settings(max_examples=150, deadline=None)
@given(documents=st.lists(DOCUMENT, max_size=12))
def test_staged_sightings_are_sorted_and_deduplicated_as_defined(
    tmp_path_factory: Any, documents: list[tuple[str, dt.date | None, list[tuple[int, str]]]]
) -> None:
    tmp_path = tmp_path_factory.mktemp("build")
    stager = Stager(tmp_path / "staging")
    arrivals = []  # (page, day, position, job, article, arrival)
    for number, (page, day, cards) in enumerate(documents):
        rows = [_sighting(page, position, job, f"doc-{number}", day) for position, job in cards]
        stager.add("job_sightings", {name: [r[name][0] for r in rows] for name in rows[0]})
        arrivals += [(page, day, position, job, f"doc-{number}", len(arrivals) + i) for i, (position, job)
                     in enumerate(cards)]
    out = _build(tmp_path, stager)
    expected, seen = [], set()
    for row in sorted(arrivals, key=lambda r: (r[0], _nulls_first(r[1]), r[2], r[5])):
        if row[:3] not in seen:
            seen.add(row[:3])
            expected.append(row[:5])
    got = pq.read_table(out / "job_sightings.parquet").to_pylist()
    columns = ("page_uri", "seen_date", "position", "job_id", "article_id")
    assert [tuple(r[c] for c in columns) for r in got] == expected


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
    out = _build(tmp_path, stager)
    rows = {name: pq.read_metadata(out / f"{name}.parquet").num_rows for name in TABLES}
    sightings = pq.read_table(out / "job_sightings.parquet").to_pylist()
    assert rows["job_sightings"] == 3
    assert [(r["page_uri"], r["seen_date"], r["position"], r["article_id"]) for r in sightings] == [
        ("jobs/list.html", None, 1, "third"),  # nulls first, as in every table's order
        ("jobs/list.html", day, 1, "first"),
        ("jobs/list.html", day, 2, "first"),
    ]




def _card(job: str, title: str, rank: tuple[str | None, str | None]) -> dict[str, list[Any]]:
    row: dict[str, Any] = {name: None for name in JOB_CARDS.column_names}
    row.update(job_id=job, title=title, is_remote=False, employment_types=[], salary_is_estimate=False,
               salary_flag="missing", remote_ratio=0, locations=[], _rank_date=rank[0], _rank_id=rank[1])
    return {name: [value] for name, value in row.items()}


RANK = st.tuples(st.one_of(st.none(), st.sampled_from(["", "2025-01-02", "2026-05-01"])),
                 st.one_of(st.none(), st.sampled_from(["", "a1", "b2"])))


@settings(max_examples=150, deadline=None)
@given(printings=st.lists(st.tuples(st.sampled_from(["j1", "j2", "j3"]), RANK, DAYS), max_size=15))
def test_one_card_per_job_the_latest_article_wins_with_first_and_last_seen(
    tmp_path_factory: Any, printings: list[tuple[str, tuple[str | None, str | None], dt.date | None]]
) -> None:
    tmp_path = tmp_path_factory.mktemp("build")
    stager = Stager(tmp_path / "staging")
    for number, (job, rank, day) in enumerate(printings):
        stager.add("job_cards", _card(job, f"printing {number}", rank))
        stager.add("job_sightings", _sighting(f"page-{number}", 1, job, f"doc-{number}", day))
    out = _build(tmp_path, stager)
    expected = {}
    for job in sorted({p[0] for p in printings}):
        mine = [(number, rank) for number, (j, rank, _day) in enumerate(printings) if j == job]
        # latest rank date first (nulls last), then the smallest rank id (nulls last), then arrival
        best = min(mine, key=lambda m: (m[1][0] is None, _desc(m[1][0]), m[1][1] is None, m[1][1] or "",
                                        m[0]))
        days = [day for j, _rank, day in printings if j == job and day is not None]
        expected[job] = (f"printing {best[0]}", min(days, default=None), max(days, default=None))
    got = pq.read_table(out / "job_cards.parquet").to_pylist()
    assert [r["job_id"] for r in got] == sorted(expected)
    assert {r["job_id"]: (r["title"], r["first_seen"], r["last_seen"]) for r in got} == expected


def _desc(text: str | None) -> tuple[int, ...]:
    """Sorts a string descending (for a min()): its code points negated, longer first on ties."""
    return (*(-ord(c) for c in text or ""), 1)


def test_quarantine_rows_of_one_source_from_several_documents_merge_in_order(tmp_path: Path) -> None:
    stager = Stager(tmp_path / "staging")

    def quarantined(source: str, *parts: tuple[str, str, str | None]) -> dict[str, list[Any]]:
        stages, reasons, details = (list(c) for c in zip(*parts, strict=True))
        return {"source_uri": [source] * len(parts), "stage": stages, "reason": reasons, "detail": details,
                "content_sha256": [None] * len(parts)}

    stager.add("quarantine", quarantined("b.warc", ("read", "empty", None)))
    stager.add("quarantine", quarantined("a.txt", ("parse", "x", "late"), ("decode", "binary", "early")))
    stager.add("quarantine", quarantined("b.warc", ("decode", "binary", "z"), ("read", "empty", None)))
    out = _build(tmp_path, stager)
    rows = [tuple(r.values())[:4] for r in pq.read_table(out / "quarantine.parquet").to_pylist()]
    assert rows == [  # no unique key: a repeat is kept
        ("a.txt", "decode", "binary", "early"),
        ("a.txt", "parse", "x", "late"),
        ("b.warc", "decode", "binary", "z"),
        ("b.warc", "read", "empty", None),
        ("b.warc", "read", "empty", None),
    ]
    assert QUARANTINE.unique_key == ()


def _staged_sightings(folder: Path, count: int) -> Stager:
    stager = Stager(folder)
    day = dt.date(2026, 3, 2)
    for i in range(count):
        # pages in reverse order, two documents per page and day (cards given out of order)
        page = f"jobs/page-{(count - i) // 2:06d}.html"
        rows = [_sighting(page, at, f"job-{(i + at) % 50}", f"doc-{i}", day) for at in (2, 1)]
        stager.add("job_sightings", {name: [r[name][0] for r in rows] for name in rows[0]})
        stager.add("job_cards", _card(f"job-{i % 50}", f"printing {i}", ("2026-01-01", f"doc-{i % 7}")))
    return stager


def test_a_sort_that_spills_to_disk_writes_the_same_bytes(tmp_path: Path) -> None:
    normal = _build(tmp_path / "a", _staged_sightings(tmp_path / "s1", 20_000))
    starved = _staged_sightings(tmp_path / "s2", 20_000)
    starved.db.execute("PRAGMA cache_size=-64")  # 64 KiB: the sorter spills to temporary files
    small = _build(tmp_path / "b", starved)
    for name in ("job_sightings", "job_cards"):
        assert (small / f"{name}.parquet").read_bytes() == (normal / f"{name}.parquet").read_bytes()
        assert (small / "csv" / f"{name}.csv").read_bytes() == (normal / "csv" / f"{name}.csv").read_bytes()
    # two documents per page and day: their repeated positions are kept once
    assert pq.read_metadata(normal / "job_sightings.parquet").num_rows == 20_000 // 2 * 2 + 2


# one document: its content (two documents of one content are copies), then its sightings
COPIES = st.tuples(
    st.sampled_from(["aa", "bb", "cc"]),
    st.lists(st.tuples(st.sampled_from(["jobs/a.html", "jobs/b.html"]), DAYS, st.integers(1, 3),
                       st.sampled_from(["j1", "j2"])), min_size=1, max_size=5),
)


@settings(max_examples=100, deadline=None)
@given(documents=st.lists(COPIES, max_size=8))
def test_records_built_by_the_worker_stage_as_the_rows_would(
    tmp_path_factory: Any, documents: list[tuple[str, list[tuple[str, dt.date | None, int, str]]]]
) -> None:
    """What :func:`staged_form` sends (records built in the worker) stages the same tables as
    the document's rows given to :meth:`Stager.add`, copies included: a copy adds only its
    sightings on dates its content was not seen on."""
    tmp_path = tmp_path_factory.mktemp("form")
    blobs, plain, known = [], Stager(tmp_path / "plain"), {}
    for number, (content, sightings) in enumerate(documents):
        rows = [_sighting(page, position, job, content, day) for page, day, position, job in sightings]
        columns = {name: [r[name][0] for r in rows] for name in rows[0]}
        card = _card(sightings[0][3], f"printing {number}", ("2026-01-01", content))
        blobs.append((f"doc-{number}", pack(staged_form(f"doc-{number}", content * 32, {
            "job_sightings": columns, "job_cards": card}, None))))
        if content in known:  # the definition: only the sightings on dates not seen before
            fresh = [i for i, day in enumerate(columns["seen_date"]) if day not in known[content]]
            known[content] |= set(columns["seen_date"])
            if fresh:
                plain.add("job_sightings", {name: [vs[i] for i in fresh] for name, vs in columns.items()})
            continue
        known[content] = set(columns["seen_date"])
        plain.add("job_sightings", columns)
        plain.add("job_cards", card)
    sent = Stager(tmp_path / "sent")
    staged = stage(blobs, sent, lambda *article: None)
    assert staged.duplicates == len(documents) - len(known)
    expected, got = _build(tmp_path / "a", plain), _build(tmp_path / "b", sent)
    for name in ("job_sightings", "job_cards"):
        assert (got / f"{name}.parquet").read_bytes() == (expected / f"{name}.parquet").read_bytes()


def _article(key: str, article_id: str, role_a: str, role_b: str) -> dict[str, list[Any]]:
    row: dict[str, Any] = dict.fromkeys(TABLES["articles"].column_names)
    row.update(article_key=key, article_id=article_id, source_uri=f"{key}.txt", source_format="text",
               role_a=role_a.title(), role_key_a=role_a, role_b=role_b.title(), role_key_b=role_b,
               content_sha256=article_id * 8, slug=key, title=key, encoding_repaired=False, encoding="utf-8",
               decode_errors=0, truncated=False, parser_version="test")
    return {name: [value] for name, value in row.items()}


def test_articles_and_roles_come_from_the_kept_rows_in_table_order(tmp_path: Path) -> None:
    """The ``articles`` rows travel in each result's staged form and are kept beside the
    kept-article list; the build reads them in ``article_key, article_id`` order, whatever
    the arrival order, and counts each role once per comparison, a role named on the second
    side of one article and the first side of the next included."""
    documents = [
        ("d1", _article("b-vs-c", "id2", "b", "c")),
        ("d2", _article("a-vs-b", "id1", "a", "b")),
        ("d3", _article("b-vs-c", "id0", "b", "c")),
    ]
    blobs = [(key, pack(staged_form(key, key * 32, {"articles": cols}, None))) for key, cols in documents]
    stager = Stager(tmp_path / "staging")
    with StateStore(tmp_path) as store:
        store.begin_articles()
        stage(blobs, stager, store.add_article)
        stager.close()
        out = tmp_path / "out"
        out.mkdir()
        rows = build_tables(stager, out, load_rates(None), documents=[], articles=store.kept_articles())
    articles = pq.read_table(out / "articles.parquet").to_pylist()
    assert [(r["article_key"], r["article_id"], r["source_uri"]) for r in articles] == [
        ("a-vs-b", "id1", "a-vs-b.txt"), ("b-vs-c", "id0", "b-vs-c.txt"), ("b-vs-c", "id2", "b-vs-c.txt")]
    roles = pq.read_table(out / "roles.parquet").to_pylist()
    assert [(r["role_key"], r["name"], r["article_count"]) for r in roles] == [
        ("a", "A", 1), ("b", "B", 2), ("c", "C", 1)]
    assert rows["articles"] == 3 and rows["roles"] == 3


def _per_article_blob(article_id: str) -> tuple[str, bytes]:
    sections: dict[str, list[Any]] = {name: [None, None] for name in TABLES["sections"].column_names}
    sections.update(article_id=[article_id, article_id], position=[1, 2], section=["intro", "other"],
                    text=["One", "=Two"], truncated=[False, False])
    return article_id, pack({"sections": sections})


def test_per_article_tables_written_apart_equal_those_written_here(tmp_path: Path) -> None:
    """Given a function that opens the rows (as a forked process must), the per-article
    tables are written by a process of their own: same bytes as written in this one."""
    blobs = [_per_article_blob(f"id{n:03d}") for n in range(300)]
    outs = []
    for name, documents in (("here", blobs), ("apart", lambda: iter(blobs))):
        stager = Stager(tmp_path / name / "staging")
        stager.close()
        out = tmp_path / name / "out"
        out.mkdir(parents=True)
        rows = build_tables(stager, out, load_rates(None), documents=documents, articles=[])
        assert rows["sections"] == 600 and rows["articles"] == 0
        outs.append(out)
    for table in ("sections.parquet", "csv/sections.csv", "items.parquet", "csv/mentions.csv"):
        assert (outs[0] / table).read_bytes() == (outs[1] / table).read_bytes(), table


def _damaged() -> Any:
    yield "doc", b"\x00" * 8  # a size header and no LZ4 block
    raise AssertionError("not reached")


def test_an_error_of_the_process_writing_apart_is_raised_as_itself(tmp_path: Path) -> None:
    """A damaged stored result met by the forked process reads as damage in the run (which
    then moves the store aside and parses again), not as some other failure."""
    stager = Stager(tmp_path / "staging")
    stager.close()
    with pytest.raises(StoreDamagedError):
        build_tables(stager, tmp_path, load_rates(None), documents=_damaged, articles=[])
