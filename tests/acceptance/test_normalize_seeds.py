"""Acceptance for the normalization layer on the two real seeds (read from ../shared at run time)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import pipeline
from tests.acceptance.test_seeds import CLEAN, PROSE, tables  # noqa: F401  (the shared seed-run fixture)

pytestmark = pytest.mark.acceptance


def _cards(tables: dict[str, pd.DataFrame], source: str) -> pd.DataFrame:  # noqa: F811
    art = tables["articles"][tables["articles"].source_uri == source].iloc[0]
    sight = tables["job_sightings"][tables["job_sightings"].article_id == art.article_id].sort_values(
        "position"
    )
    return tables["job_cards"].set_index("job_id").loc[list(sight.job_id)]


def test_role_keys_and_roles_table(tables: dict[str, pd.DataFrame]) -> None:  # noqa: F811
    arts = tables["articles"].set_index("source_uri")
    assert arts.loc[CLEAN, "role_key_a"] == "ai-architect"
    assert arts.loc[CLEAN, "role_key_b"] == "machine-learning-research-engineer"
    assert arts.loc[PROSE, "role_key_b"] == "machine-learning-software-engineer"
    roles = tables["roles"].set_index("role_key")
    assert roles.loc["ai-architect", "article_count"] == 2
    assert roles.loc["ai-architect", "name"] == "AI Architect"
    assert set(roles.index) == {
        "ai-architect",
        "machine-learning-research-engineer",
        "machine-learning-software-engineer",
    }
    secs = tables["sections"]
    assert set(secs[secs.role_side == "a"].role_key) == {"ai-architect"}
    assert secs[secs.role_side == "both"].role_key.isna().all()


def test_job_card_locations(tables: dict[str, pd.DataFrame]) -> None:  # noqa: F811
    cards = _cards(tables, CLEAN)
    assert list(cards.remote_scope.fillna("-")) == ["US", "US", "-", "-", "-"]
    assert list(cards.remote_ratio) == [100, 100, 0, 0, 0]
    assert list(cards.city.fillna("-")) == ["-", "-", "Rochester", "Seattle", "Seattle"]
    assert list(cards.region.fillna("-")) == ["-", "-", "US-NY", "US-WA", "US-WA"]
    assert set(cards.country_code) == {"US"}
    prose = _cards(tables, PROSE)
    assert list(prose.city.fillna("-")) == ["Galveston", "San Francisco", "-", "-", "New York", "-"]
    # "San Francisco, US": the US has one San Francisco, so its region is known
    assert list(prose.region.fillna("-")) == ["US-TX", "US-CA", "-", "-", "US-NY", "-"]
    assert list(prose.country_code.fillna("-")) == ["US", "US", "-", "-", "US", "US"]
    assert list(prose.remote_ratio) == [0, 0, 100, 100, 0, 0]


def test_job_card_codes_and_money(tables: dict[str, pd.DataFrame]) -> None:  # noqa: F811
    cards = _cards(tables, CLEAN)
    assert list(cards.seniority_label) == [
        "Mid-level / Intermediate",
        "Senior-level / Expert",
        "Mid-level / Intermediate",
        "Entry-level / Junior",
        "Entry-level / Junior",
    ]
    assert set(cards.employment_type_code) == {"FT"}
    assert list(cards.salary_min_annual) == [100_000, 120_000, 75_000, 85_000, 95_000]
    assert list(cards.salary_min_usd) == list(cards.salary_min_annual)  # USD at rate 1
    assert set(cards.salary_period) == {"year"}
    assert set(cards.first_seen) == {dt.date(2024, 10, 30)} == set(cards.last_seen)
    prose = _cards(tables, PROSE)
    assert prose.employment_type_code.iloc[-1] is None or pd.isna(prose.employment_type_code.iloc[-1])
    assert pd.isna(prose.salary_min_usd.iloc[0])  # implausible: no amounts


def test_outlook_stats(tables: dict[str, pd.DataFrame]) -> None:  # noqa: F811
    arts = tables["articles"].set_index("source_uri")
    stats = tables["outlook_stats"]
    clean = stats[stats.article_id == arts.loc[CLEAN, "article_id"]]
    assert list(zip(clean.percent, clean.horizon, clean.role_side, strict=True)) == [
        (30.0, "next decade", "both")
    ]
    prose = stats[stats.article_id == arts.loc[PROSE, "article_id"]].sort_values("position")
    assert list(prose.percent) == [15.0, 22.0]
    assert list(prose.role_key) == ["ai-architect", "machine-learning-software-engineer"]
    assert set(prose.start_year) == {2019} and set(prose.end_year) == {2029}
    assert set(prose.source) == {"Bureau of Labor Statistics"}


def test_tools_per_role(tables: dict[str, pd.DataFrame]) -> None:  # noqa: F811
    arts = tables["articles"].set_index("source_uri")
    m = tables["mentions"]
    m = m[(m.article_id == arts.loc[CLEAN, "article_id"]) & (m.section == "tools")]
    tools_a = set(m[m.role_side == "a"].name)
    tools_b = set(m[m.role_side == "b"].name)
    assert {
        "AWS",
        "Azure",
        "Google Cloud",
        "TensorFlow",
        "Keras",
        "PyTorch",
        "UML",
        "ArchiMate",
        "Jira",
        "Trello",
        "Slack",
        "Microsoft Teams",
    } <= tools_a
    assert {
        "Python",
        "R",
        "Java",
        "pandas",
        "NumPy",
        "SciPy",
        "TensorFlow",
        "PyTorch",
        "scikit-learn",
        "Git",
        "MLflow",
        "Weights & Biases",
    } <= tools_b
    surfaces = dict(zip(m[m.role_side == "b"].name, m[m.role_side == "b"].surface, strict=True))
    assert surfaces["MLflow"] == "MLFlow" and surfaces["scikit-learn"] == "Scikit-learn"


def test_degrees_per_role(tables: dict[str, pd.DataFrame]) -> None:  # noqa: F811
    arts = tables["articles"].set_index("source_uri")
    m = tables["mentions"]
    m = m[(m.article_id == arts.loc[CLEAN, "article_id"]) & (m.section == "education")]
    assert {"Bachelor's", "Master's", "PhD"} <= set(m[m.role_side == "b"].name)
    assert {"Computer Science", "Mathematics", "Statistics"} <= set(m[m.role_side == "b"].name)


def test_loader_dtypes(seeds_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "--input", str(seeds_dir), "--output", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    cards = pipeline.load("job_cards", out)
    assert str(cards.seniority.dtype) == "category"
    assert list(cards.seniority.cat.categories) == ["EN", "MI", "SE", "EX"]
    assert str(cards.salary_min.dtype) == "Int64"
    arts = pipeline.load("articles", out)
    assert str(arts.published_date.dtype).startswith("datetime64")
    unknown = subprocess.run(
        [sys.executable, "-m", "pipeline", "unknown-terms", "--output", str(out), "--min-count", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert unknown.returncode == 0, unknown.stderr
