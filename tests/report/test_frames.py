"""The data each chart is drawn from equals what the tables say (samples and small hand-made frames)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import pipeline
from pipeline.report import frames
from pipeline.report.sources import read_sources


def _cards(**columns: list) -> pd.DataFrame:
    """A job_cards frame with the report's columns; unspecified ones are filled with nulls."""
    n = len(next(iter(columns.values())))
    base = {
        "job_id": [f"j{i}" for i in range(n)], "seniority": [None] * n, "salary_min_usd": [None] * n,
        "salary_max_usd": [None] * n, "salary_flag": ["missing"] * n, "remote_ratio": [0] * n,
        "country_code": [None] * n,
    }
    base.update(columns)
    frame = pd.DataFrame(base)
    for name in ("salary_min_usd", "salary_max_usd"):
        frame[name] = frame[name].astype(float)
    return frame


# chart 1 ---------------------------------------------------------------------------------------


def test_salary_boxes_on_the_samples_match_the_cards(samples_out: Path) -> None:
    cards = pipeline.load("job_cards", samples_out)
    ok = cards[(cards.salary_flag == "ok") & cards.salary_min_usd.notna() & cards.seniority.notna()]
    mid = (ok.salary_min_usd.astype(float) + ok.salary_max_usd.astype(float).fillna(ok.salary_min_usd)) / 2
    data = frames.salary_by_seniority(read_sources(samples_out)["job_cards"])
    assert list(data.seniority) == [c for c in ("EN", "MI", "SE", "EX") if c in set(ok.seniority)]
    for row in data.itertuples():
        values = mid[ok.seniority == row.seniority]
        assert row.cards == len(values) and f"(n={len(values)})" in row.level
        assert row.median == pytest.approx(values.median())
        assert row.low <= row.q1 <= row.median <= row.q3 <= row.high
    assert data.cards.sum() == len(ok)


def test_salary_box_uses_midpoints_open_ranges_and_tukey_whiskers() -> None:
    cards = _cards(
        seniority=["SE"] * 6 + ["EN"],
        salary_min_usd=[100, 110, 120, 130, 140, 900, 50],
        salary_max_usd=[120, 130, 140, 150, None, 1000, 70],
        salary_flag=["ok"] * 5 + ["ok", "implausible"],
    )
    data = frames.salary_by_seniority(cards)
    assert list(data.seniority) == ["SE"]  # the EN card is implausible: left out, and no empty level
    row = data.iloc[0]
    # midpoints 110, 120, 130, 140, 140 (open range: its minimum), 950
    assert row["cards"] == 6 and row["median"] == 135
    assert row["outliers"] == 1 and row["high"] == 140 and row["low"] == 110


# chart 2 ---------------------------------------------------------------------------------------


def test_top_tools_on_the_samples_count_comparisons(samples_out: Path) -> None:
    sources = read_sources(samples_out)
    data = frames.top_tools(sources["mentions"], sources["articles"], sources["roles"])
    mentions = pipeline.load("mentions", samples_out)
    articles = pipeline.load("articles", samples_out)
    tech = mentions[mentions.kind.isin(frames.TECH_KINDS)].merge(articles[["article_id", "article_key"]])
    expected = tech.groupby(["role_key", "name"], observed=True).article_key.nunique()
    assert len(data) and (data.groupby("role_key").size() <= 5).all()
    for row in data.itertuples():
        assert row.comparisons == expected[(row.role_key, row.name)]
    mlops = data[data.role_key == "machine-learning-operations-engineer"]
    assert "Docker" in set(mlops.name) and mlops.role.iloc[0] == "MLOps Engineer"


def test_top_tools_counts_a_comparison_once_and_ranks() -> None:
    articles = pd.DataFrame({"article_id": ["a1", "a2", "b1"], "article_key": ["x-vs-y", "x-vs-y", "x-vs-z"]})
    mentions = pd.DataFrame({
        "article_id": ["a1", "a2", "a1", "b1", "b1", "b1", "a1"],
        "role_key": ["x", "x", "x", "x", "x", "z", "x"],
        "kind": ["tool", "tool", "language", "language", "skill", "tool", "tool"],
        "name": ["Docker", "Docker", "Python", "Python", "Leadership", "Excel", "Git"],
    })
    roles = pd.DataFrame({"role_key": ["x", "y", "z"], "name": ["Role X", "Role Y", "Role Z"],
                          "article_count": [2, 1, 1]})
    data = frames.top_tools(mentions, articles, roles, top=2)
    assert data.to_dict("records") == [
        {"role_key": "x", "role": "Role X", "name": "Python", "comparisons": 2, "rank": 1},
        {"role_key": "x", "role": "Role X", "name": "Docker", "comparisons": 1, "rank": 2},
        {"role_key": "z", "role": "Role Z", "name": "Excel", "comparisons": 1, "rank": 1},
    ]


# chart 3 ---------------------------------------------------------------------------------------


def test_outlook_on_the_samples(samples_out: Path) -> None:
    sources = read_sources(samples_out)
    data = frames.outlook_by_role(sources["outlook_stats"], sources["articles"], sources["roles"])
    stats = pipeline.load("outlook_stats", samples_out)
    both = int((stats.role_side == "both").sum())
    assert data.figures.sum() == stats.role_key.notna().sum() + 2 * both
    assert data.own.sum() == stats.role_key.notna().sum()
    top = data.iloc[0]
    assert top.role_key == "data-scientist" and top["median"] == 35 and top["own"] == 4
    assert list(data["median"]) == sorted(data["median"], reverse=True)


def test_outlook_counts_shared_figures_for_both_roles_and_uses_range_tops() -> None:
    stats = pd.DataFrame({"article_id": ["a", "a", "a", "a", "b"], "role_side": ["a", "a", "both", None, "b"],
                          "role_key": ["x", "x", None, None, "z"], "percent": [10.0, 20.0, 5.0, 99.0, 7.0],
                          "percent_max": [None, 25.0, None, None, None]})
    articles = pd.DataFrame({"article_id": ["a", "b"], "article_key": ["x-vs-y", "y-vs-z"],
                             "role_key_a": ["x", "y"], "role_key_b": ["y", "z"]})
    roles = pd.DataFrame({"role_key": ["x", "y", "z"], "name": ["X", "Y", "Z"], "article_count": [1, 2, 1]})
    data = frames.outlook_by_role(stats, articles, roles)
    assert data.to_dict("records") == [
        {"role_key": "x", "role": "X", "figures": 3, "own": 2, "lowest": 5.0, "median": 10.0,
         "highest": 25.0},
        {"role_key": "z", "role": "Z", "figures": 1, "own": 1, "lowest": 7.0, "median": 7.0, "highest": 7.0},
        {"role_key": "y", "role": "Y", "figures": 1, "own": 0, "lowest": 5.0, "median": 5.0, "highest": 5.0},
    ]
    assert frames.outlook_by_role(stats.iloc[0:0], articles, roles).empty


# chart 4 ---------------------------------------------------------------------------------------


def test_work_arrangement_and_countries_add_up_to_every_card(samples_out: Path) -> None:
    cards = pipeline.load("job_cards", samples_out)
    raw = read_sources(samples_out)["job_cards"]
    shares = frames.work_arrangement(raw)
    assert list(shares.arrangement) == ["On-site", "Hybrid", "Remote"]
    assert shares.cards.sum() == len(cards) and shares.share.sum() == pytest.approx(100, abs=0.2)
    assert shares.set_index("arrangement").cards["Remote"] == int((cards.remote_ratio == 100).sum())
    countries = frames.cards_by_country(raw)
    assert countries.cards.sum() == len(cards)
    assert countries.iloc[0].country == "United States (US)"
    assert countries.iloc[0].cards == int((cards.country_code == "US").sum())
    assert countries.set_index("country").cards["No country"] == int(cards.country_code.isna().sum())


def test_countries_beyond_the_top_are_one_bar() -> None:
    cards = _cards(country_code=["US", "US", "DE", "FR", "GB", None])
    data = frames.cards_by_country(cards, top=2)
    assert data.to_dict("records") == [
        {"country": "United States (US)", "cards": 2}, {"country": "Germany (DE)", "cards": 1},
        {"country": "2 other countries", "cards": 2}, {"country": "No country", "cards": 1},
    ]


def test_no_cards_give_empty_frames() -> None:
    empty = _cards(job_id=[])
    assert frames.work_arrangement(empty).empty and frames.cards_by_country(empty).empty
    assert frames.salary_by_seniority(empty).empty


# chart 5 ---------------------------------------------------------------------------------------


def _survey_cards() -> tuple[pd.DataFrame, pd.DataFrame]:
    cards = _cards(
        seniority=["SE", "SE", "MI", "MI", "EN"],
        salary_min_usd=[100_000, 140_000, 80_000, 60_000, 40_000],
        salary_max_usd=[120_000, 160_000, 100_000, 80_000, 60_000],
        salary_flag=["ok"] * 5,
    )
    cards["survey_p50_usd"] = [120_000.0, 120_000.0, 85_000.0, 85_000.0, None]
    cards["survey_percentile"] = [45.0, 95.0, 60.0, 5.0, None]
    cards["survey_scope"] = ["country", "country", "global", "global", None]
    survey = pd.DataFrame({"role_key": ["x"], "experience_level": ["SE"], "company_location": ["US"],
                           "work_year": [2024], "count": [10], "p10": [1.0], "p25": [2.0], "p50": [3.0],
                           "p75": [4.0], "p90": [5.0]})
    return cards, survey


def test_survey_bands_and_levels() -> None:
    cards, survey = _survey_cards()
    assert frames.has_survey(cards, survey)
    bands = frames.survey_bands(cards)
    assert list(bands.band) == [band for _, _, band in frames.SURVEY_BANDS]
    assert dict(zip(bands.band, bands.cards, strict=True)) == {
        "below p10": 1, "p10 to p25": 0, "p25 to p50": 1, "p50 to p75": 1, "p75 to p90": 0, "above p90": 1,
    }
    assert bands.share.sum() == 100 and bands.expected.sum() == 100
    levels = frames.survey_levels(cards).set_index(["seniority", "source"]).usd
    assert levels[("SE", "Job cards (midpoint)")] == 130_000 and levels[("SE", "Survey (p50)")] == 120_000
    assert levels[("MI", "Job cards (midpoint)")] == 80_000 and "EN" not in levels.index.get_level_values(0)


def test_a_fraction_percentile_is_read_as_percent() -> None:
    cards, _ = _survey_cards()
    cards["survey_percentile"] = cards["survey_percentile"] / 100
    assert frames.survey_bands(cards).cards.tolist() == [1, 0, 1, 1, 0, 1]


def test_no_survey_on_the_samples(samples_out: Path) -> None:
    sources = read_sources(samples_out)
    assert not frames.has_survey(sources["job_cards"], sources["survey_salaries"])
    cards, survey = _survey_cards()
    assert not frames.has_survey(cards, survey.iloc[0:0])


# chart 6 ---------------------------------------------------------------------------------------


def test_outcomes_on_the_samples(samples_out: Path) -> None:
    sources = read_sources(samples_out)
    data = frames.outcomes(sources.manifest, sources["quarantine"])
    assert data.set_index("outcome").documents["parsed"] == len(pipeline.load("articles", samples_out)) == 16
    assert data.set_index("outcome").documents["duplicate"] == 0
    assert "quarantined" not in set(data.outcome)


def test_outcomes_split_quarantine_by_stage_and_reason() -> None:
    manifest = {"inputs": {"documents": 7, "parsed": 7, "duplicates": 1, "removed": 0, "kept": 2}}
    quarantine = pd.DataFrame({"source_uri": ["a", "b", "c"], "stage": ["read", "read", "parse"],
                               "reason": ["empty", "empty", "not_an_article"], "detail": [None] * 3})
    data = frames.outcomes(manifest, quarantine)
    assert data.to_dict("records") == [
        {"outcome": "parsed", "detail": "parsed", "documents": 3},
        {"outcome": "duplicate", "detail": "byte-identical copy", "documents": 1},
        {"outcome": "kept", "detail": "kept after removal", "documents": 2},
        {"outcome": "quarantined", "detail": "parse: not_an_article", "documents": 1},
        {"outcome": "quarantined", "detail": "read: empty", "documents": 2},
    ]
    assert frames.outcomes(None, quarantine.iloc[0:0]).empty


def test_recent_runs_keep_the_last_ones_in_order() -> None:
    runs = [{"run_id": f"r{i}", "started_at": f"2026-01-0{i}T10:00:00+00:00", "status": "ok",
             "inputs": {"documents": i}, "seconds": i / 2} for i in range(1, 6)]
    runs.append({"run_id": "r6", "started_at": "2026-01-06T10:00:00+00:00", "status": "interrupted"})
    data = frames.recent_runs(runs, last=3)
    assert list(data.run_id) == ["r4", "r5", "r6"]
    assert list(data.documents) == [4, 5, 0] and list(data.seconds) == [2.0, 2.5, 0.0]
    assert data.started.iloc[0] == "2026-01-04 10:00"


def test_headline_counts_the_tables(samples_out: Path) -> None:
    sources = read_sources(samples_out)
    numbers = frames.headline(sources["articles"], sources["roles"], sources["job_cards"],
                              sources["quarantine"], sources.manifest)
    articles = pipeline.load("articles", samples_out)
    assert numbers["articles"] == len(articles) == 16
    assert numbers["comparisons"] == articles.article_key.nunique()
    assert numbers["roles"] == len(pipeline.load("roles", samples_out))
    assert numbers["job_cards"] == len(pipeline.load("job_cards", samples_out))
    assert numbers["quarantined"] == len(pipeline.load("quarantine", samples_out)) == 0
    assert numbers["finished_at"] and numbers["documents"] == 16


def test_job_skills_count_a_job_once_and_split_by_seniority() -> None:
    skills = pd.DataFrame({
        "job_id": ["j1", "j1", "j1", "j2", "j2", "j3", "j4"],
        "skill": ["Python", "python", "Looker Studio", "SQL", "Python", "Python", "Looker Studio"],
        "term": ["Python", "Python", None, "SQL", "Python", "Python", None],
        "kind": ["language", "language", None, "language", "language", "language", None],
    })
    cards = pd.DataFrame({"job_id": ["j1", "j2", "j3", "j4"], "seniority": ["SE", "EN", "SE", None]})
    got = frames.top_job_skills(skills, cards, top=2)
    rows = list(got[["name", "level", "jobs", "total"]].itertuples(index=False, name=None))
    assert rows == [
        ("Python", "Entry-level / Junior", 1, 3), ("Python", "Senior-level / Expert", 2, 3),
        ("Looker Studio", "Senior-level / Expert", 1, 2), ("Looker Studio", "Not given", 1, 2),
    ]  # j1 names Python twice: once; SQL (1 job) is past the top 2
    assert frames.top_job_skills(skills.iloc[:0], cards).empty
