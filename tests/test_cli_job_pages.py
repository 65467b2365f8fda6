"""End to end through the command line: a folder with a job's own page and a short listing of
the board (written for this test in the live pages' format), beside an article and another
site's page, gives the job cards and sightings of both kinds and nothing else."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

from tests.parse.test_job_page import DETAIL, SHORT
from tests.test_cli import ARTICLE

OTHER_SITE = """<html><body><h1>Harbour news</h1><p>The ferry timetable changes on Monday, as every
spring, and the new quay opens in May.</p><p><a href="/job/deckhand-77/">One job at the port</a></p>
</body></html>"""


def test_job_page_and_short_listing_through_the_cli(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "saved").mkdir(parents=True)
    own = "https://aijobs.net/job/tide-gauge-analyst-haifa-haifa-district-il-300777/"
    (folder / "saved" / "tide-gauge.html").write_text(
        DETAIL.replace("</title>", f'</title><link rel="canonical" href="{own}">'), encoding="utf-8")
    (folder / "saved" / "rust-jobs.html").write_text(
        SHORT.format(extra='<p><a href="/jobs/skill-rust/">Rust</a></p>'), encoding="utf-8")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "news.html").write_text(OTHER_SITE, encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "run", "--input", str(folder), "--output", str(out),
               "--workers", "1"]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "articles: 1;" in proc.stderr
    sightings = pd.read_parquet(out / "job_sightings.parquet")
    board = sightings[sightings.article_id.isna()].sort_values(["page_uri", "position"])
    assert [(uri, kind, pos) for uri, kind, pos in zip(board.page_uri, board.page_kind, board.position,
                                                       strict=True)] == [
        ("saved/rust-jobs.html", "listing", 1), ("saved/rust-jobs.html", "listing", 2),
        ("saved/tide-gauge.html", "job_page", 1)]
    cards = pd.read_parquet(out / "job_cards.parquet").set_index("job_id")
    detail = cards.loc[board.job_id.iloc[2]]
    assert (detail.title, detail.company, detail.country_code, detail.job_url) == (
        "Tide Gauge Analyst", "Saltmarsh Systems", "IL", own)
    assert (detail.salary_currency, detail.salary_min, detail.salary_max, detail.seniority) == ("EUR", 72_000,
                                                                                                 88_000, "SE")
    assert list(cards.loc[board.job_id.iloc[:2]].title) == ["Ferry Planner", "Quay Analyst"]
    quarantine = pd.read_parquet(out / "quarantine.parquet")
    assert [(q.source_uri, q.reason) for q in quarantine.itertuples()] == [("news.html", "not_an_article")]
    csv = pd.read_csv(out / "csv" / "job_sightings.csv")
    assert sorted(set(csv.page_kind)) == sorted({"job_page", "listing", *sightings.page_kind})
