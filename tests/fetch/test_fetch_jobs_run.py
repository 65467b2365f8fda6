"""``fetch --jobs`` then ``run``, end to end through the command line, against a server on 127.0.0.1.

The server plays the job board: a listing of two pages (three jobs, then two) and each
job's own page, in the board's markup (:mod:`tests.fetch.board_markup`); one job has been
taken down (404). The fetch must store the listings and the four live jobs' pages, the run
must turn each job page into a job card and a ``job_page`` sighting, and a second fetch
must only revalidate (304s), leaving every table as it was.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from tests import httpfixture as hf
from tests.digests import table_digests
from tests.fetch.board_markup import JOBS, job_page, listing_page

pytestmark = pytest.mark.e2e

LM = "Mon, 03 Mar 2025 09:00:00 GMT"
LIVE, TAKEN_DOWN = JOBS[:4], JOBS[4]


@pytest.fixture(scope="module")
def board() -> Iterator[hf.FixtureServer]:
    with hf.running_server() as srv:
        srv.page("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
        for number, jobs in ((1, JOBS[:3]), (2, JOBS[3:])):
            html = listing_page(list(jobs), number, 2).encode()
            srv.route("/jobs/" + ("" if number == 1 else f"?page={number}"),
                      hf.conditional(html, f'"list-{number}"', LM))
        for job in LIVE:
            srv.route(job.path, hf.conditional(job_page(job).encode(), f'"job-{job.key}"', LM))
        srv.route(TAKEN_DOWN.path, hf.status(404, b"<h1>Not found</h1>"))
        yield srv


def rolescope(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True,
                          check=False)


def fetch_board(board: hf.FixtureServer, raw: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return rolescope("fetch", "--jobs", board.url("/jobs/"), "--raw", str(raw), "--allow-host", "127.0.0.1",
                     "--rate", "50", *extra)


@pytest.fixture(scope="module")
def fetched(board: hf.FixtureServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("jobsrun")
    proc = fetch_board(board, root / "raw")
    assert proc.returncode == 0, proc.stderr
    assert "fetched: 6;" in proc.stderr  # two listing pages and four job pages
    assert "job pages: 5 (fetched=4, gone=1);" in proc.stderr
    assert "failed: 0;" in proc.stderr  # the job taken down is no failure
    run = rolescope("run", "--input", str(root / "raw"), "--output", str(root / "out"), "--workers", "1")
    assert run.returncode == 0, run.stderr
    return root


def test_each_job_page_gives_a_card_and_a_job_page_sighting(fetched: Path, board: hf.FixtureServer) -> None:
    sightings = pd.read_parquet(fetched / "out" / "job_sightings.parquet")
    own = sightings[sightings.page_kind == "job_page"].sort_values("page_uri")
    assert sorted(own.page_uri) == sorted(board.url(job.path) for job in LIVE)
    assert set(own.position) == {1} and own.article_id.isna().all()
    cards = pd.read_parquet(fetched / "out" / "job_cards.parquet").set_index("job_id")
    expected = {
        "700101": ("Data Platform Engineer", "Tessellate Labs", "PT", "EUR", 60_000, 75_000, "SE", True),
        "700102": ("Applied Scientist", "Northwind Optics", "IL", "ILS", 300_000, 360_000, "MI", False),
        "700103": ("Analytics Engineer", "Quarry Metrics", "US", "USD", 120_000, 150_000, "EN", False),
        "700104": ("Machine Learning Lead", "Fernweh Data", "DE", "EUR", 90_000, 110_000, "EX", False),
    }
    for job in LIVE:
        (job_id,) = own[own.page_uri == board.url(job.path)].job_id
        card = cards.loc[job_id]
        assert (card.title, card.company, card.country_code, card.salary_currency, card.salary_min,
                card.salary_max, card.seniority, bool(card.is_remote)) == expected[job.key], job.key
        assert card.job_url == board.url(job.path)


def test_the_listings_are_read_as_before_and_name_the_same_jobs(
        fetched: Path, board: hf.FixtureServer) -> None:
    sightings = pd.read_parquet(fetched / "out" / "job_sightings.parquet")
    listed = sightings[sightings.page_kind == "listing"]
    assert sorted(zip(listed.page_uri, listed.position, strict=True)) == [
        (board.url("/jobs/"), 1), (board.url("/jobs/"), 2), (board.url("/jobs/"), 3),
        (board.url("/jobs/?page=2"), 1), (board.url("/jobs/?page=2"), 2)]
    own = sightings[sightings.page_kind == "job_page"]
    assert set(own.job_id) < set(listed.job_id)  # a job's page and its card are one job
    quarantine = pd.read_parquet(fetched / "out" / "quarantine.parquet")
    assert quarantine.empty, quarantine.to_dict("records")


def test_a_second_fetch_revalidates_and_changes_no_table(
        fetched: Path, board: hf.FixtureServer, tmp_path: Path) -> None:
    shutil.copytree(fetched / "raw", tmp_path / "raw")
    before = len(board.hits_for(TAKEN_DOWN.path))
    again = fetch_board(board, tmp_path / "raw", "--log-json")
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stderr.strip().splitlines()[-1])["summary"]
    assert (summary["fetched"], summary["unchanged"]) == (0, 6)
    assert summary["job_pages"]["unchanged"] == 4 and summary["ignored"] == {"job_gone": 1}
    assert len(board.hits_for(TAKEN_DOWN.path)) == before  # taken down: not asked again
    assert sorted(p.name for p in (tmp_path / "raw" / "warc").glob("*.warc.gz")) == sorted(
        p.name for p in (fetched / "raw" / "warc").glob("*.warc.gz"))  # 304s: nothing stored
    out = tmp_path / "out"
    assert rolescope("run", "--input", str(tmp_path / "raw"), "--output", str(out)).returncode == 0
    assert table_digests(out) == table_digests(fetched / "out")


def test_max_job_pages_zero_fetches_the_listings_only(board: hf.FixtureServer, tmp_path: Path) -> None:
    proc = fetch_board(board, tmp_path / "raw", "--max-job-pages", "0")
    assert proc.returncode == 0, proc.stderr
    assert "fetched: 2;" in proc.stderr and "job pages" not in proc.stderr
