"""``job_details`` and ``job_skills`` through staging and the build: one page's rows per job, the
latest capture's (then the smallest page, then the smallest content hash), the same bytes in
whatever order the documents arrive."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize.money import load_rates
from pipeline.run.staging import DETAILS, Stager, staged_form
from pipeline.run.tablebuild import build_tables

# one job page: its page, its capture day, its content hash (of what it prints), its job, its tasks
PAGE = st.tuples(
    st.sampled_from(["jobs/a.html", "jobs/b.html"]),
    st.one_of(st.none(), st.sampled_from([dt.date(2026, 3, 1), dt.date(2026, 4, 1)])),
    st.sampled_from(["j1", "j2"]),
    st.lists(st.sampled_from(["Count kelp", "Map reefs", "Tag seals"]), min_size=1, max_size=3),
).map(lambda p: (p[0], p[1], hashlib.sha256(repr((p[2], p[3])).encode()).hexdigest(), p[2], p[3]))


def _tables(page: str, day: dt.date | None, job: str, items: list[str]) -> dict[str, dict[str, Any]]:
    count = len(items)
    return {
        "job_sightings": {"job_id": [job], "seen_date": [day], "page_uri": [page], "position": [1],
                          "page_kind": ["job_page"]},
        "job_details": {"job_id": [job] * count, "section_position": [1] * count,
                        "section": ["tasks"] * count, "heading": ["Tasks"] * count,
                        "position": list(range(1, count + 1)), "text": items},
        "job_skills": {"job_id": [job], "section": ["tasks"], "position": [1], "skill": [items[0]],
                       "term": [None], "kind": [None], "surface": [items[0]], "count": [1]},
    }


Page = tuple[str, dt.date | None, str, str, list[str]]


def _build(tmp_path: Path, pages: list[Page]) -> dict[str, bytes]:
    stager = Stager(tmp_path / "staging")
    for page, day, sha, job, items in pages:
        _, _, _, staged, _, _ = staged_form(page, sha, _tables(page, day, job, items), None)
        rows, records = staged[DETAILS]
        stager.add_records(DETAILS, rows, records, [])
    stager.close()
    out = tmp_path / "out"
    out.mkdir()
    build_tables(stager, out, load_rates(None), documents=[], articles=[])
    stager.discard()
    return {name: (out / name).read_bytes() for name in
            ("job_details.parquet", "job_skills.parquet", "csv/job_details.csv", "csv/job_skills.csv")}


@settings(max_examples=20, deadline=None)
@given(pages=st.lists(PAGE, min_size=1, max_size=6), seed=st.randoms(use_true_random=False))
def test_one_pages_rows_per_job_whatever_the_arrival_order(
    tmp_path_factory: Any, pages: list[Page], seed: Any
) -> None:
    shuffled = list(pages)
    seed.shuffle(shuffled)
    first = _build(tmp_path_factory.mktemp("a"), pages)
    assert first == _build(tmp_path_factory.mktemp("b"), shuffled)
    lines = first["csv/job_details.csv"].decode().splitlines()[1:]
    for job in sorted({page[3] for page in pages}):
        mine = [p for p in pages if p[3] == job]
        # the latest day (undated last), then the smallest page, then the smallest hash
        winner = min(mine, key=lambda p: (p[1] is None, -(p[1] or dt.date.min).toordinal(), p[0], p[2]))
        texts = [line.rsplit(",", 1)[1].strip('"') for line in lines if line.startswith(f'"{job}"')]
        assert texts == winner[4]
