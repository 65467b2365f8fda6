"""Acceptance: the two real seed dumps, every field read by eye, through the whole CLI.

The seeds are read from ``../shared/seeds`` at run time (never copied into the repo);
assertions use counts, names and short fragments.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.mojibake import looks_damaged
from pipeline.schema import TABLES

pytestmark = pytest.mark.acceptance

CLEAN = "000_aad29e815ff63353.txt"
PROSE = "001_2c3ce2894541fa1b.txt"


@pytest.fixture(scope="module")
def tables(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    work = tmp_path_factory.mktemp("seeds")
    shutil.copytree(seeds_dir, work / "in")
    out = work / "out"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "run",
            "--input",
            str(work / "in"),
            "--output",
            str(out),
            "--workers",
            "1",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in TABLES}


def _article(tables: dict[str, pd.DataFrame], source: str) -> pd.Series:
    rows = tables["articles"][tables["articles"].source_uri == source]
    assert len(rows) == 1
    return rows.iloc[0]


def _sections(tables: dict[str, pd.DataFrame], article_id: str) -> list[tuple[str, str | None]]:
    df = tables["sections"][tables["sections"].article_id == article_id].sort_values("position")
    return list(zip(df.section, df.role_side, strict=True))


def _items(tables: dict[str, pd.DataFrame], article_id: str, section: str, side: str) -> list[str]:
    df = tables["items"]
    df = df[(df.article_id == article_id) & (df.section == section) & (df.role_side == side)]
    return list(df.sort_values("position").text)


def test_nothing_quarantined(tables: dict[str, pd.DataFrame]) -> None:
    assert tables["quarantine"].empty
    assert len(tables["articles"]) == 2


def test_clean_seed_article_fields(tables: dict[str, pd.DataFrame]) -> None:
    art = _article(tables, CLEAN)
    assert art.title == "AI Architect vs. Machine Learning Research Engineer"
    assert (art.role_a, art.role_b) == ("AI Architect", "Machine Learning Research Engineer")
    assert art.subtitle == "AI Architect vs Machine Learning Research Engineer: A Comprehensive Comparison"
    assert art.read_minutes == 4
    assert art.published_date == dt.date(2024, 10, 30)
    assert art.slug == art.article_key == "ai-architect-vs-machine-learning-research-engineer"
    assert art.source_format == "text" and pd.isna(art.url)
    assert art.intro.startswith("In the rapidly evolving field") and "\n" not in art.intro
    assert not art.encoding_repaired
    assert not art.truncated
    assert art.article_id == art.content_sha256[:16]


def test_clean_seed_sections_and_items(tables: dict[str, pd.DataFrame]) -> None:
    art_id = _article(tables, CLEAN).article_id
    per_role = ["definitions", "responsibilities", "required_skills", "education", "tools", "industries"]
    expected = [(key, side) for key in per_role for side in ("a", "b")]
    expected += [("outlook", "both"), ("tips", "both"), ("conclusion", "both")]
    assert _sections(tables, art_id) == expected
    secs = tables["sections"][tables["sections"].article_id == art_id]
    defs = secs[secs.section == "definitions"]
    assert defs.text.iloc[0].startswith("An AI Architect is responsible")
    assert defs.text.iloc[1].startswith("A Machine Learning Research Engineer specializes")
    assert list(secs.heading.iloc[:4]) == [
        "Definitions",
        "Definitions",
        "Responsibilities",
        "Responsibilities",
    ]
    assert list(secs.role.iloc[:2]) == ["AI Architect", "Machine Learning Research Engineer"]
    counts = {(s, side): len(_items(tables, art_id, s, side)) for s in per_role[1:] for side in ("a", "b")}
    assert counts == {
        ("responsibilities", "a"): 6,
        ("responsibilities", "b"): 6,
        ("required_skills", "a"): 6,
        ("required_skills", "b"): 6,
        ("education", "a"): 3,
        ("education", "b"): 3,
        ("tools", "a"): 5,
        ("tools", "b"): 5,
        ("industries", "a"): 5,
        ("industries", "b"): 5,
    }
    assert _items(tables, art_id, "responsibilities", "a")[0].startswith("Design AI system")
    assert _items(tables, art_id, "tools", "b")[-1].startswith("Experiment tracking tools (MLFlow")
    assert _items(tables, art_id, "industries", "a")[2] == "Healthcare"
    assert _items(tables, art_id, "education", "a")[0].startswith("Bachelor’s or Master’s degree")
    tips = _items(tables, art_id, "tips", "both")
    assert len(tips) == 6
    assert tips[0].startswith("Build a Strong Foundation: Start")
    assert tips[3].startswith("Network: Attend")
    assert tips[5].startswith("Specialize: Identify")
    outlook = secs[secs.section == "outlook"].text.iloc[0]
    assert "over 30%" in outlook
    conclusion = secs[secs.section == "conclusion"]
    assert conclusion.text.iloc[0].startswith("By understanding the differences")
    assert conclusion.heading.isna().all()


def test_clean_seed_job_cards(tables: dict[str, pd.DataFrame]) -> None:
    art_id = _article(tables, CLEAN).article_id
    sight = tables["job_sightings"][tables["job_sightings"].article_id == art_id].sort_values("position")
    cards = tables["job_cards"].set_index("job_id").loc[list(sight.job_id)]
    assert list(cards.title) == [
        "Data Engineer",
        "Senior Data Scientist",
        "Asst/Assoc Professor of Applied Mathematics & Artificial Intelligence",
        "Cloud Consultant Intern, AWS Professional Services",
        "Software Development Engineer Intern, Student Veteran Opportunity",
    ]
    assert list(cards.company) == [
        "murmuration",
        "murmuration",
        "Rochester Institute of Technology",
        "Amazon.com",
        "Amazon.com",
    ]
    assert list(cards.location) == [
        "Remote (anywhere in the U.S.)",
        "Remote (anywhere in the U.S.)",
        "Rochester, NY",
        "Seattle, Washington, USA",
        "Seattle, Washington, USA",
    ]
    assert list(cards.is_remote) == [True, True, False, False, False]
    assert [list(t) for t in cards.employment_types] == [
        ["full_time"],
        ["full_time"],
        ["full_time"],
        ["full_time", "internship"],
        ["full_time", "internship"],
    ]
    assert list(cards.seniority) == ["MI", "SE", "MI", "EN", "EN"]
    assert list(cards.salary_currency) == ["USD"] * 5
    assert list(cards.salary_min) == [100_000, 120_000, 75_000, 85_000, 95_000]
    assert list(cards.salary_max) == [130_000, 150_000, 150_000, 185_000, 192_000]
    assert list(cards.salary_text) == [
        "USD 100K - 130K",
        "USD 120K - 150K",
        "USD 75K - 150K",
        "USD 85K - 185K",
        "USD 95K - 192K",
    ]
    assert set(cards.salary_flag) == {"ok"}


def test_clean_seed_salary_links(tables: dict[str, pd.DataFrame]) -> None:
    art_id = _article(tables, CLEAN).article_id
    links = tables["salary_links"][tables["salary_links"].article_id == art_id].sort_values("position")
    assert list(zip(links.role, links.scope, strict=True)) == [
        ("Research Engineer", "global"),
        ("AI Architect", "global"),
        ("Engineer", "global"),
    ]


def test_prose_seed_article_fields(tables: dict[str, pd.DataFrame]) -> None:
    art = _article(tables, PROSE)
    assert art.title == "AI Architect vs. Machine Learning Software Engineer"
    assert (art.role_a, art.role_b) == ("AI Architect", "Machine Learning Software Engineer")
    assert (
        art.subtitle == "The AI Architect vs Machine Learning Software Engineer: A Comprehensive Comparison"
    )
    assert art.read_minutes == 5
    assert art.published_date == dt.date(2023, 12, 6)
    assert art.encoding_repaired
    assert art.intro.startswith("Artificial Intelligence (AI) and Machine Learning (ML)")


def test_prose_seed_attribution(tables: dict[str, pd.DataFrame]) -> None:
    art_id = _article(tables, PROSE).article_id
    expected = [("definitions", "a"), ("definitions", "b")]
    for key in ("responsibilities", "required_skills", "education", "tools", "industries", "outlook"):
        expected += [(key, "both"), (key, "a"), (key, "b")]
    expected += [("tips", "both"), ("conclusion", "both")]
    assert _sections(tables, art_id) == expected
    secs = tables["sections"][tables["sections"].article_id == art_id]
    defs = secs[secs.section == "definitions"].text
    assert defs.iloc[0].startswith("An AI Architect is a professional")
    assert defs.iloc[1].startswith("On the other hand, a Machine Learning Software Engineer")
    outlook = secs[secs.section == "outlook"]
    assert "15 percent" in outlook[outlook.role_side == "a"].text.iloc[0]
    assert "22 percent" in outlook[outlook.role_side == "b"].text.iloc[0]
    tips = _items(tables, art_id, "tips", "both")
    assert len(tips) == 5 and tips[0].startswith("Build a strong educational background")
    tip_section = secs[secs.section == "tips"].text.iloc[0]
    assert tip_section.startswith("If you are interested in a career")  # the lead-in is text, not a tip
    assert secs[secs.section == "conclusion"].text.iloc[0].startswith("In conclusion,")


def test_prose_seed_job_cards(tables: dict[str, pd.DataFrame]) -> None:
    art_id = _article(tables, PROSE).article_id
    sight = tables["job_sightings"][tables["job_sightings"].article_id == art_id].sort_values("position")
    cards = tables["job_cards"].set_index("job_id").loc[list(sight.job_id)]
    assert len(cards) == 6
    first = cards.iloc[0]
    assert first.title == "Artificial Intelligence – Bioinformatic Expert"
    assert first.company == "University of Texas Medical Branch" and first.location == "Galveston, TX"
    assert first.salary_flag == "implausible"
    assert first.salary_text == "USD 1111111K - 1111111K"
    assert pd.isna(first.salary_min) and pd.isna(first.salary_max)
    assert list(cards.company) == [
        "University of Texas Medical Branch",
        "Cere Network",
        "Allora Labs",
        "Allora Labs",
        "Occam AI",
        "Occam AI",
    ]
    assert list(cards.location) == [
        "Galveston, TX",
        "San Francisco, US",
        "Remote",
        "Remote",
        "New York",
        "US",
    ]
    assert list(cards.is_remote) == [False, False, True, True, False, False]
    assert list(cards.seniority) == ["SE", "SE", "SE", "SE", "SE", "EN"]
    assert [list(t) for t in cards.employment_types][-1] == ["internship"]
    assert list(cards.salary_min.iloc[1:]) == [120_000, 160_000, 100_000, 100_000, 60_000]
    assert list(cards.salary_max.iloc[1:]) == [160_000, 180_000, 120_000, 180_000, 96_000]
    assert list(cards.salary_flag.iloc[1:]) == ["ok"] * 5
    links = tables["salary_links"][tables["salary_links"].article_id == art_id].sort_values("position")
    assert list(links.role) == ["Machine Learning Software Engineer", "AI Architect"]
    assert set(links.scope) == {"global"}


def test_no_damaged_sequence_survives(tables: dict[str, pd.DataFrame]) -> None:
    for name, df in tables.items():
        for column in df.columns:
            for value in df[column]:
                if isinstance(value, str):
                    assert not looks_damaged(value), (name, column, value[:80])
                    assert "Β·" not in value and "πŸ" not in value
