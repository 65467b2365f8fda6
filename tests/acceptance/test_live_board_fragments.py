"""Acceptance: the trimmed fragments of the board's own live pages, read at run time from
``../shared/real-html/aijobs-fragments``, through the command line: the job detail page gives
its card with every field and the sections below it, the listing its two jobs."""

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
    names = ("job_cards", "job_sightings", "job_details", "job_skills", "quarantine")
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


def _detail_job(tables: dict[str, pd.DataFrame]) -> str:
    sightings = tables["job_sightings"]
    return str(sightings[sightings.page_uri == "aijobs_detail_fragment.html"].job_id.iloc[0])


def test_the_detail_page_gives_its_sections(tables: dict[str, pd.DataFrame]) -> None:
    """Tasks as two items, no benefits row for its ``N/A`` item, the skill links one item each;
    the page prints no Education section."""
    details = tables["job_details"]
    assert set(details.job_id) == {_detail_job(tables)}  # the listing's cards print no sections
    rows = [(r.section_position, r.section, r.heading, r.position, r.text) for r in details.itertuples()]
    assert rows == [
        (1, "tasks", "Tasks", 1, "Build AI powered data solutions"),
        (1, "tasks", "Tasks", 2, "Design data pipelines"),
        (2, "skills", "Skills/Tech-stack", 1, "Python"),
        (2, "skills", "Skills/Tech-stack", 2, "SQL"),
    ]
    assert "benefits" not in set(details.section) and "education" not in set(details.section)


def test_the_detail_page_gives_its_skills_with_their_terms(tables: dict[str, pd.DataFrame]) -> None:
    skills = tables["job_skills"]
    assert set(skills.job_id) == {_detail_job(tables)}
    listed = skills[skills.section == "skills"]
    assert [(r.skill, r.term, r.kind, r.surface, r.count) for r in listed.itertuples()] == [
        ("Python", "Python", "language", "Python", 1), ("SQL", "SQL", "language", "SQL", 1)]
    tasks = skills[skills.section == "tasks"]
    assert "Data Pipelines" in set(tasks.term)  # "Design data pipelines" names a vocabulary skill
