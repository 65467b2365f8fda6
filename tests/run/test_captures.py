"""Captures (WARC) in a run (issue 15): streamed, under --max-bytes, stored sitemaps and indexes ignored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.common.limits import Limits
from pipeline.fetch.index import FrontierItem
from pipeline.fetch.result import FetchResult
from pipeline.fetch.store import RawStore
from pipeline.run.runner import run
from pipeline.run.settings import Settings
from tests.conftest import SAMPLES
from tests.parse.test_job_page import DETAIL
from tests.run.planning import plan_with_peak

pytestmark = pytest.mark.e2e

PAGE = (SAMPLES / "html-semantic_data-engineer-vs-mlops-engineer.html").read_bytes()
WHEN = dt.datetime(2024, 10, 30, 8, tzinfo=dt.UTC)


def archive(raw: Path, pages: list[tuple[str, bytes, str, str]]) -> None:
    """Store ``(url, body, content type, kind)`` captures as the fetcher does."""
    with RawStore(raw, now=lambda: WHEN) as store:
        store.enqueue([FrontierItem(url, kind) for url, _, _, kind in pages])
        for url, body, content_type, _ in pages:
            headers = [("Content-Type", content_type)]
            with store.transaction():
                store.save(FetchResult(url, url, 200, headers, body, WHEN, "fetched"))


def test_planning_a_run_does_not_hold_the_captures_bodies(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    # 120 distinct pages of about 200 KB each: 24 MB of bodies
    filler = b"<p>" + b"x" * 200_000 + b"</p>"
    pages = [
        (
            f"https://aijobs.net/insights/page-{n}/",
            PAGE.replace(b"</body>", filler + str(n).encode() + b"</body>"),
            "text/html; charset=utf-8",
            "article",
        )
        for n in range(120)
    ]
    archive(raw, pages)
    out = tmp_path / "out"
    out.mkdir()
    inventory, peak = plan_with_peak(raw, out)
    assert len(inventory.tasks) == 120
    assert peak < 4_000_000, f"planning held {peak / 1e6:.1f} MB"


def test_max_bytes_applies_to_captures(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    big = PAGE.replace(b"</body>", b"<p>" + b"y" * 300_000 + b"</p></body>")
    archive(raw, [
        ("https://aijobs.net/insights/small/", PAGE, "text/html", "article"),
        ("https://aijobs.net/insights/big/", big, "text/html", "article"),
    ])
    out = tmp_path / "out"
    summary = run(raw, out, Settings(workers=1, limits=Limits(max_bytes=200_000)))
    assert summary.rows["articles"] == 1
    rows = pq.read_table(out / "quarantine.parquet").to_pylist()
    assert [(r["source_uri"], r["stage"], r["reason"]) for r in rows] == [
        ("https://aijobs.net/insights/big/", "read", "too_large")
    ]


def test_stored_sitemaps_and_index_pages_are_ignored(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    sitemap = b'<?xml version="1.0"?><urlset><url><loc>https://aijobs.net/insights/a/</loc></url></urlset>'
    index = b"<html><body><a href='/insights/a/'>A</a><a href='/insights/b/'>B</a></body></html>"
    archive(raw, [
        ("https://aijobs.net/sitemap.xml", sitemap, "application/xml", "sitemap"),
        ("https://aijobs.net/insights/", index, "text/html", "index"),
        ("https://aijobs.net/insights/a/", PAGE, "text/html", "article"),
    ])
    out = tmp_path / "out"
    summary = run(raw, out, Settings(workers=1, max_quarantined=0))
    assert summary.rows["articles"] == 1 and summary.quarantined == 0
    assert summary.ignored == 2 and summary.documents == 1
    assert "ignored: 2" in summary.line()


def test_a_captured_job_page_names_the_job_by_its_url(tmp_path: Path) -> None:
    """A job's own page fetched from the board: its card's URL and id are the capture's, and
    its sighting is dated by the capture."""
    url = "https://aijobs.net/job/tide-gauge-analyst-haifa-haifa-district-il-300777/"
    raw = tmp_path / "raw"
    archive(raw, [(url, DETAIL.encode(), "text/html; charset=utf-8", "jobs")])
    out = tmp_path / "out"
    summary = run(raw, out, Settings(workers=1))
    assert summary.rows["job_cards"] == 1
    card = pq.read_table(out / "job_cards.parquet").to_pylist()[0]
    assert (card["title"], card["company"]) == ("Tide Gauge Analyst", "Saltmarsh Systems")
    assert card["job_url"] == url
    sighting = pq.read_table(out / "job_sightings.parquet").to_pylist()[0]
    assert (sighting["page_uri"], sighting["page_kind"]) == (url, "job_page")
    assert sighting["seen_date"] == WHEN.date()
