"""Fetch then run, end to end through the command line, against a real server on 127.0.0.1.

The server serves the project's own sample articles and generated job-board listings (their
jobs' own pages are the business of ``test_fetch_jobs_run``, so they are not followed here); the
tables must name the capture URLs, a copied raw folder must give the same tables without
any network, and a second fetch of unchanged pages must change nothing.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from pipeline.corpus.render_board import board_page
from tests import httpfixture as hf
from tests.conftest import SAMPLES
from tests.digests import table_digests

pytestmark = pytest.mark.e2e

ARTICLES = {
    "/insights/data-engineer-vs-mlops-engineer": (
        "html-semantic_data-engineer-vs-mlops-engineer.html",
        hf.HTML,
    ),
    "/insights/nlp-engineer-vs-computer-vision-engineer": (
        "text-2023-prose_nlp-engineer-vs-computer-vision-engineer.txt",
        "text/plain; charset=utf-8",
    ),
}


@pytest.fixture(scope="module")
def server() -> Iterator[hf.FixtureServer]:
    with hf.running_server() as srv:
        srv.page("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
        modified = "Wed, 30 Oct 2024 08:00:00 GMT"
        for n, (path, (name, content_type)) in enumerate(ARTICLES.items()):
            body = (SAMPLES / name).read_bytes()
            srv.route(path, hf.conditional(body, f'"a{n}"', modified, content_type))
        base = srv.url("/hiring/jobs/")
        for number in (1, 2):
            page = board_page(random.Random(number), number, 2, base_url=base)
            path = "/hiring/jobs/" + ("" if number == 1 else f"?page={number}")
            srv.route(path, hf.conditional(page.html, f'"p{number}"', modified))
        yield srv


def rolescope(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, check=False
    )


def digests(folder: Path) -> dict[str, str]:
    return table_digests(folder)


@pytest.fixture(scope="module")
def fetched(server: hf.FixtureServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fetchrun")
    urls = root / "urls.txt"
    urls.write_text("# articles\n" + "\n".join(server.url(p) for p in ARTICLES) + "\n", encoding="utf-8")
    proc = rolescope(
        "fetch",
        "--urls",
        str(urls),
        "--jobs",
        server.url("/hiring/jobs/"),
        "--raw",
        str(root / "raw"),
        "--allow-host",
        "127.0.0.1",
        "--rate",
        "50",
        "--max-job-pages",  # the listings' jobs have no pages here: tests/fetch/test_fetch_jobs_run.py
        "0",
    )
    assert proc.returncode == 0, proc.stderr
    assert "fetched: 4;" in proc.stderr
    return root


def test_run_over_the_raw_store(fetched: Path, server: hf.FixtureServer) -> None:
    proc = rolescope("run", "--input", str(fetched / "raw"), "--output", str(fetched / "out"))
    assert proc.returncode == 0, proc.stderr
    articles = pd.read_parquet(fetched / "out" / "articles.parquet")
    assert sorted(articles.source_uri) == sorted(server.url(p) for p in ARTICLES)
    assert sorted(articles.url) == sorted(server.url(p) for p in ARTICLES)
    assert set(articles.source_format) == {"html", "text"}
    quarantine = pd.read_parquet(fetched / "out" / "quarantine.parquet")
    assert quarantine.empty, quarantine.to_dict("records")
    sightings = pd.read_parquet(fetched / "out" / "job_sightings.parquet")
    listing = sightings[sightings.page_kind == "listing"]
    assert len(listing) == 100
    assert set(listing.page_uri) == {server.url("/hiring/jobs/"), server.url("/hiring/jobs/?page=2")}
    assert listing.article_id.isna().all() and listing.age_hours.notna().all()
    assert set(listing.seen_date) == set(sightings[sightings.page_kind == "article"].seen_date)  # today
    cards = pd.read_parquet(fetched / "out" / "job_cards.parquet")
    listed = cards[cards.job_id.isin(set(listing.job_id))]
    assert len(listed) == listing.job_id.nunique() and listed.job_url.notna().all()
    assert listed.job_url.str.contains(r"/hiring/jobs/|/job/").all()


def test_copied_raw_folder_gives_the_same_tables(fetched: Path, tmp_path: Path) -> None:
    shutil.copytree(fetched / "raw", tmp_path / "raw")
    proc = rolescope("run", "--input", str(tmp_path / "raw"), "--output", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    if not (fetched / "out").exists():
        rolescope("run", "--input", str(fetched / "raw"), "--output", str(fetched / "out"))
    assert digests(tmp_path / "out") == digests(fetched / "out")


def test_second_fetch_changes_nothing(fetched: Path, server: hf.FixtureServer, tmp_path: Path) -> None:
    shutil.copytree(fetched / "raw", tmp_path / "raw")
    first = rolescope("run", "--input", str(tmp_path / "raw"), "--output", str(tmp_path / "before"))
    assert first.returncode == 0, first.stderr
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join(server.url(p) for p in ARTICLES) + "\n", encoding="utf-8")
    again = rolescope(
        "fetch",
        "--urls",
        str(urls),
        "--jobs",
        server.url("/hiring/jobs/"),
        "--raw",
        str(tmp_path / "raw"),
        "--allow-host",
        "127.0.0.1",
        "--rate",
        "50",
        "--max-job-pages",  # the listings' jobs have no pages here: tests/fetch/test_fetch_jobs_run.py
        "0",
    )
    assert again.returncode == 0, again.stderr
    assert "fetched: 0;" in again.stderr and "unchanged: 4;" in again.stderr
    # Answered with 304s: nothing new stored (no new WARC file, no new bytes).
    warcs = sorted((tmp_path / "raw" / "warc").glob("*.warc.gz"))
    assert [p.name for p in warcs] == [p.name for p in sorted((fetched / "raw" / "warc").glob("*.warc.gz"))]
    assert all(p.stat().st_size == (fetched / "raw" / "warc" / p.name).stat().st_size for p in warcs)
    after = rolescope("run", "--input", str(tmp_path / "raw"), "--output", str(tmp_path / "after"))
    assert after.returncode == 0, after.stderr
    assert digests(tmp_path / "after") == digests(tmp_path / "before")


def test_fetch_without_targets_is_a_usage_error(tmp_path: Path) -> None:
    proc = rolescope("fetch", "--raw", str(tmp_path / "raw"), "--config", str(tmp_path / "missing.toml"))
    assert proc.returncode == 2 and "not found" in proc.stderr
    (tmp_path / "rolescope.toml").write_text("[fetch]\nrate = 2\nbogus = 1\n", encoding="utf-8")
    proc = rolescope("fetch", "--config", str(tmp_path / "rolescope.toml"))
    assert proc.returncode == 2 and "unknown key 'bogus'" in proc.stderr


def test_fetch_and_run_equals_run_over_the_same_pages_as_dumps(fetched: Path, tmp_path: Path) -> None:
    """The same pages saved as files give the same records (all but capture facts)."""
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    for name, _ in ARTICLES.values():
        shutil.copy(SAMPLES / name, dumps / name)
    assert rolescope("run", "--input", str(dumps), "--output", str(tmp_path / "out")).returncode == 0
    if not (fetched / "out").exists():
        rolescope("run", "--input", str(fetched / "raw"), "--output", str(fetched / "out"))
    capture_facts = {
        "source_uri",
        "url",
        "slug",
        "page_uri",
        "seen_date",
        "first_seen",
        "last_seen",
        "job_url",
        # converted at the rate of the first_seen year, which is the capture date here
        "salary_min_usd",
        "salary_max_usd",
        "fx_rate",
        "fx_year",
    }

    def content(folder: Path, table: str) -> list[dict[str, object]]:
        df = pd.read_parquet(folder / f"{table}.parquet")
        if table in ("job_cards", "job_sightings"):
            df = df[df.job_url.isna()] if table == "job_cards" else df[df.page_kind == "article"]
        keep = [c for c in df.columns if c not in capture_facts]
        return sorted(df[keep].astype(str).to_dict("records"), key=str)

    for table in (
        "articles",
        "sections",
        "items",
        "job_cards",
        "job_sightings",
        "salary_links",
        "mentions",
        "outlook_stats",
    ):
        assert content(fetched / "out", table) == content(tmp_path / "out", table), table


def test_example_settings_file_is_valid() -> None:
    from pipeline.config.layers import FETCH_KEYS, load_section
    from tests.conftest import ROOT

    conf = load_section(ROOT / "rolescope.example.toml", "fetch", FETCH_KEYS)
    assert conf["rate"] == 1.0 and conf["jobs"]
