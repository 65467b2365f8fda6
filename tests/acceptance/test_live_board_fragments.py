"""Acceptance: the trimmed fragments of the board's own live pages, read at run time from
``../shared/real-html/aijobs-fragments``, through the command line: the job detail page gives
its card with every field, the listing its two jobs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.acceptance


@pytest.fixture(scope="module")
def tables(real_html_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    folder = real_html_dir / "aijobs-fragments"
    if not (folder / "aijobs_detail_fragment.html").is_file():
        pytest.skip("the board's fragments are absent: ../shared/real-html/aijobs-fragments "
                    "has no detail page")
    out = tmp_path_factory.mktemp("fragments") / "out"
    command = [sys.executable, "-m", "pipeline", "run", "--input", str(folder), "--output", str(out), "-q"]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    names = ("job_cards", "job_sightings", "quarantine")
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in names}


def test_nothing_is_quarantined(tables: dict[str, pd.DataFrame]) -> None:
    assert tables["quarantine"].empty


def test_the_detail_page_gives_its_card(tables: dict[str, pd.DataFrame]) -> None:
    sightings = tables["job_sightings"]
    detail = sightings[sightings.page_uri == "aijobs_detail_fragment.html"]
    assert list(detail.page_kind) == ["job_page"] and list(detail.position) == [1]
    assert list(detail.age_text) == ["8h ago"] and list(detail.age_hours) == [8.0]
    card = tables["job_cards"].set_index("job_id").loc[detail.job_id.iloc[0]]
    assert card.title == "Data Specialist"
    assert (card.location, card.city, card.region, card.country_code) == (
        "Petah Tikva, Center District, IL", "Petah Tikva", "IL-M", "IL")  # Israel, not Illinois
    assert bool(card.is_remote) and card.remote_ratio == 100
    assert (card.salary_currency, card.salary_min, card.salary_max) == ("ILS", 139_000, 151_000)
    assert bool(card.salary_is_estimate) and card.salary_flag == "ok"
    assert (card.seniority, card.company) == ("MI", "Medison Pharma")
    assert pd.isna(card.job_url)  # a saved fragment that names no URL of its own


def test_the_listing_gives_its_two_jobs(tables: dict[str, pd.DataFrame]) -> None:
    sightings = tables["job_sightings"]
    listing = sightings[sightings.page_uri == "aijobs_listing_fragment.html"].sort_values("position")
    assert list(listing.page_kind) == ["listing", "listing"]
    cards = tables["job_cards"].set_index("job_id").loc[list(listing.job_id)]
    assert list(cards.title) == ["Data Specialist", "Lead AI Engineer"]
    assert [url.rsplit("-", 1)[-1] for url in cards.job_url] == ["268449/", "268513/"]
