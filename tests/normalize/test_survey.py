"""Survey job titles on the articles' role keys, cells, percentiles and ranks."""

from __future__ import annotations

import doctest

import numpy as np
import pytest

import pipeline.normalize.ecb
import pipeline.normalize.survey
from pipeline.errors import UsageError
from pipeline.normalize.ecb import yearly_rates
from pipeline.normalize.role_keys import role_key
from pipeline.normalize.survey import MIN_CELL, build_index, percentile_rank, title_role_key


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("Data Scientist", "data-scientist"),
        ("Senior Data Scientist", "data-scientist"),
        ("Sr. Data Scientist (NLP)", "data-scientist"),
        ("Lead Machine Learning Engineer - Search", "machine-learning-engineer"),
        ("ML Engineer II", "machine-learning-engineer"),
        ("Staff Software Engineer, Payments", "software-engineer"),
        ("Principal Applied Scientist", "applied-scientist"),
        ("Head of Data", "head-data"),
        ("Business Intelligence (BI) Analyst", "business-intelligence-analyst"),
        ("Lead", None),
        ("", None),
    ],
)
def test_title_role_key(title: str, key: str | None) -> None:
    assert title_role_key(title) == key


@pytest.mark.parametrize("role", ["AI Architect", "Data Engineers", "MLOps Engineer", "NLP Engineer",
                                  "Computer Vision Engineer", "Research Scientist", "AI Product Manager"])
def test_article_roles_key_the_same_as_with_role_key(role: str) -> None:
    assert title_role_key(role) == role_key(role)


def _row(title: str, salary: object, level: str = "SE", country: str = "US", year: object = 2024
         ) -> dict[str, str]:
    return {"job_title": title, "salary_in_usd": str(salary), "experience_level": level,
            "company_location": country, "work_year": str(year)}


def test_build_index_groups_and_skips_bad_rows() -> None:
    rows = [_row("Data Scientist", s) for s in (100, 200, 300, 400, 500)]
    rows += [_row("Senior Data Scientist", 600, country="DE")]
    rows += [_row("Data Scientist", "n/a"), _row("Data Scientist", 10, level="XX"), _row("Data Scientist", 10,
             country="usa"), _row("Data Scientist", 10, year="later"), _row("", 10), _row("Lead", 10)]
    index = build_index(rows)
    assert index.skipped == 5 and index.rows == 7 and index.titles == 3 and index.titles_keyed == 2
    assert set(index.cells) == {("data-scientist", "SE", "US", 2024), ("data-scientist", "SE", "DE", 2024)}
    table = index.table_rows()
    us = next(r for r in table if r["company_location"] == "US")
    assert us["count"] == 5 and us["p50_usd"] == 300 and us["p10_usd"] == pytest.approx(140)


def test_card_columns_fall_back_to_every_country() -> None:
    rows = [_row("Data Scientist", 1000 * s) for s in range(100, 100 + MIN_CELL)]
    rows += [_row("Data Scientist", 50_000, country="DE")]
    index = build_index(rows)
    card = {"title": "Senior Data Scientist", "seniority": "SE", "country_code": "US",
            "salary_min_usd": 100_000, "salary_max_usd": 104_000}
    us = index.card_columns(card, 2026)  # clamped to 2024, the survey's last year
    assert us == {"survey_p50_usd": 102_000, "survey_percentile": 50.0, "survey_scope": "country"}
    de = index.card_columns({**card, "country_code": "DE"}, 2024)  # one DE salary: too few
    assert de["survey_scope"] == "all_countries" and de["survey_p50_usd"] == 101_500
    nowhere = index.card_columns({**card, "country_code": None}, 2024)
    assert nowhere["survey_scope"] == "all_countries"
    assert set(index.card_columns({**card, "seniority": None}, 2024).values()) == {None}
    assert set(index.card_columns({**card, "title": "Chef"}, 2024).values()) == {None}
    no_pay = index.card_columns({**card, "salary_min_usd": None, "salary_max_usd": None}, 2024)
    assert no_pay["survey_p50_usd"] == 102_000 and no_pay["survey_percentile"] is None


def test_percentile_rank_counts_ties_half() -> None:
    values = np.array([1.0, 2.0, 2.0, 3.0])
    assert percentile_rank(values, 0.5) == 0.0
    assert percentile_rank(values, 2.0) == 50.0
    assert percentile_rank(values, 9.0) == 100.0


def test_yearly_rates_from_an_ecb_history() -> None:
    lines = ["Date,USD,JPY,GBP,", "2024-01-03,1.1,160,N/A,", "2024-01-02,1.0,N/A,0.8,",
             "2023-12-29,1.2,150,0.9,"]
    years = yearly_rates(lines)
    rates = {(r.currency, r.year): (r.usd_per_unit, r.quotes) for r in years.rates}
    assert years.last_date == "2024-01-03"
    assert rates[("EUR", 2024)] == (pytest.approx(1.05), 2)
    assert rates[("JPY", 2024)] == (pytest.approx(1.1 / 160), 1)
    assert rates[("GBP", 2023)] == (pytest.approx(1.2 / 0.9), 1)
    assert rates[("USD", 2023)] == (1.0, 1)
    with pytest.raises(UsageError):
        yearly_rates(["when,what", "1,2"])
    with pytest.raises(UsageError):
        yearly_rates(["Date,USD,JPY", "2024-01-02,N/A,150"])


def test_doctests() -> None:
    for module in (pipeline.normalize.survey, pipeline.normalize.ecb):
        result = doctest.testmod(module)
        assert result.failed == 0
