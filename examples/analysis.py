"""Example analysis: the three questions rolescope's tables are built to answer.

Run after `make run` (or on any output folder):

    .venv/bin/python examples/analysis.py [processed]

1. What do Senior roles pay in the US, remote vs on-site?
2. Which tools does each role list, across all comparisons?
3. Which roles have the strongest outlook?
4. What does the board's salary survey say about the two roles each article compares?
   (needs a run with `--survey salaries.csv`; without one the survey table is empty)
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

import pipeline

TECH_KINDS = ["tool", "framework", "library", "language", "cloud", "database", "platform"]


def senior_us_pay(path: Path) -> pd.DataFrame:
    """Median USD salary bounds of Senior (SE) US jobs, by remote ratio (0 on-site, 50 hybrid, 100 remote)."""
    cards = pipeline.load("job_cards", path)
    senior_us = cards[(cards.seniority == "SE") & (cards.country_code == "US") & (cards.salary_flag == "ok")]
    return (
        senior_us.groupby("remote_ratio", observed=True)
        .agg(
            jobs=("job_id", "count"),
            min_usd=("salary_min_usd", "median"),
            max_usd=("salary_max_usd", "median"),
        )
        .reset_index()
    )


def tools_per_role(path: Path, top: int = 5) -> pd.DataFrame:
    """The most listed tools and technologies per role, counted once per comparison."""
    mentions = pipeline.load("mentions", path)
    articles = pipeline.load("articles", path)[["article_id", "article_key"]]
    tech = mentions[mentions.kind.isin(TECH_KINDS) & mentions.role_key.notna()].merge(
        articles, on="article_id"
    )
    per_role = (
        tech.drop_duplicates(["article_key", "role_key", "name"])
        .groupby(["role_key", "name"], observed=True)
        .size()
        .rename("comparisons")
        .reset_index()
        .sort_values(["role_key", "comparisons", "name"], ascending=[True, False, True])
    )
    return per_role.groupby("role_key", observed=True).head(top).reset_index(drop=True)


def strongest_outlook(path: Path) -> pd.DataFrame:
    """Roles ranked by the highest growth figure quoted for them (role-specific figures only)."""
    stats = pipeline.load("outlook_stats", path)
    roles = pipeline.load("roles", path)
    best = (
        stats[stats.role_key.notna()]
        .groupby("role_key", observed=True)["percent"]
        .max()
        .rename("best_percent")
    )
    return (
        best.reset_index()
        .merge(roles[["role_key", "name"]], on="role_key")
        .sort_values(["best_percent", "role_key"], ascending=[False, True])
        .reset_index(drop=True)
    )


def survey_for_comparisons(path: Path, level: str = "SE", country: str = "US") -> pd.DataFrame:
    """Survey pay of both roles of every comparison, at one level and company country, in the
    latest survey year that has the role (one row per article and role)."""
    survey = pipeline.load("survey_salaries", path)
    articles = pipeline.load("articles", path)
    sides = pd.concat(
        [articles[["article_key", f"role_key_{side}"]].rename(columns={f"role_key_{side}": "role_key"})
         for side in ("a", "b")]
    ).drop_duplicates()
    cells = survey[(survey.experience_level == level) & (survey.company_location == country)]
    latest = cells.sort_values("work_year").groupby("role_key", observed=True).tail(1)
    columns = ["role_key", "work_year", "count", "p25_usd", "p50_usd", "p75_usd"]
    return (
        sides.merge(latest[columns], on="role_key", how="left")
        .sort_values(["article_key", "role_key"])
        .reset_index(drop=True)
    )


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else Path("processed")
    with pd.option_context("display.width", 120, "display.max_rows", 200):
        print("1. Senior (SE) pay in the US, by remote ratio (USD medians)")
        print(senior_us_pay(path).to_string(index=False))
        print("\n2. Tools and technologies each role lists (top 5, counted per comparison)")
        print(tools_per_role(path).to_string(index=False))
        print("\n3. Roles with the strongest outlook (highest quoted growth, percent)")
        print(strongest_outlook(path).to_string(index=False))
        print("\n4. The survey on each comparison's two roles (Senior, US employers, latest year, USD)")
        survey = survey_for_comparisons(path)
        if survey["count"].notna().any():
            print(survey.to_string(index=False))
        else:
            print("(no survey in this output: run with --survey salaries.csv)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
