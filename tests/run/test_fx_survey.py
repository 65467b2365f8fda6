"""USD at the ECB yearly average of the first-seen year, the salary survey beside the cards,
and rebuilding after new rates or a new survey without parsing a document again."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import pipeline
from pipeline.cli import cli
from pipeline.normalize import money
from pipeline.normalize.survey import title_role_key
from pipeline.run.runner import RunSummary, run
from pipeline.run.settings import Settings
from tests.conftest import SAMPLES, SHARED

ECB = SHARED / "reference" / "ecb-eurofxref-hist.csv"
SURVEY = SHARED / "reference" / "ai-jobs-net-salaries.csv"


def go(inputs: Path, out: Path, **settings: object) -> RunSummary:
    return run(inputs, out, Settings(workers=1, **settings))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def with_survey(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SURVEY.is_file():
        pytest.skip("salary survey not found: ../shared/reference/ai-jobs-net-salaries.csv is absent")
    out = tmp_path_factory.mktemp("survey") / "out"
    go(SAMPLES, out, survey_path=SURVEY)
    return out


def _ecb_yearly(currency: str, year: int) -> float:
    """The expectation, computed from the raw ECB file with pandas, independently of the package."""
    frame = pd.read_csv(ECB, na_values=["N/A"])
    frame = frame[frame["Date"].str.startswith(str(year))]
    if currency == "EUR":
        return float(frame["USD"].dropna().mean())
    both = frame[["USD", currency]].dropna()
    return float((both["USD"] / both[currency]).mean())


def test_usd_columns_equal_the_ecb_yearly_average_of_first_seen(with_survey: Path) -> None:
    if not ECB.is_file():
        pytest.skip("ECB history not found: ../shared/reference/ecb-eurofxref-hist.csv is absent")
    last_year = int(pd.read_csv(ECB, usecols=["Date"])["Date"].max()[:4])
    cards = pipeline.load("job_cards", path=with_survey)
    foreign = cards[cards.salary_currency.notna() & (cards.salary_currency != "USD")
                    & cards.salary_min_annual.notna()]
    assert len(foreign) >= 5 and foreign.salary_currency.nunique() >= 3  # CAD, GBP, EUR, CHF in the samples
    for card in foreign.itertuples():
        year = min(card.first_seen.year, last_year)
        rate = _ecb_yearly(card.salary_currency, year)
        assert card.fx_year == year and pd.isna(card.fx_missing)
        assert card.fx_rate == pytest.approx(rate, rel=1e-9)
        assert abs(card.salary_min_usd - card.salary_min_annual * rate) <= 0.5 + 1e-6
        if not pd.isna(card.salary_max_annual):
            assert abs(card.salary_max_usd - card.salary_max_annual * rate) <= 0.5 + 1e-6
    usd = cards[cards.salary_currency == "USD"]
    assert (usd.fx_rate.dropna() == 1.0).all()


def test_one_survey_cell_matches_pandas_on_the_raw_file(with_survey: Path) -> None:
    table = pipeline.load("survey_salaries", path=with_survey)
    cell = table[(table.role_key == "data-scientist") & (table.experience_level == "SE")
                 & (table.company_location == "US") & (table.work_year == 2024)].iloc[0]
    raw = pd.read_csv(SURVEY)
    keys = {title: title_role_key(title) for title in raw.job_title.unique()}
    mine = raw[(raw.job_title.map(keys) == "data-scientist") & (raw.experience_level == "SE")
               & (raw.company_location == "US") & (raw.work_year == 2024)].salary_in_usd
    assert cell["count"] == len(mine) > 100
    for q in (10, 25, 50, 75, 90):
        assert cell[f"p{q}_usd"] == pytest.approx(mine.quantile(q / 100))
    # the cards placed in a country cell carry that cell's median
    cards = pipeline.load("job_cards", path=with_survey)
    placed = cards[cards.survey_scope == "country"]
    assert len(placed) >= 3
    for card in placed.itertuples():
        row = table[(table.role_key == title_role_key(card.title))
                    & (table.experience_level == card.seniority)
                    & (table.company_location == card.country_code)
                    & (table.work_year == min(card.first_seen.year, 2025))]
        assert card.survey_p50_usd == round(row.iloc[0]["p50_usd"])
        # no percentile without an amount (a placeholder salary), else a share in percent
        assert pd.isna(card.salary_min_usd) == pd.isna(card.survey_percentile)
        assert pd.isna(card.survey_percentile) or 0 <= card.survey_percentile <= 100
    assert set(cards.survey_scope.dropna()) <= {"country", "all_countries"}


def test_without_a_survey_the_table_is_empty_and_the_columns_null(tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = go(SAMPLES, out)
    assert summary.rows["survey_salaries"] == 0
    assert pq.read_table(out / "survey_salaries.parquet").num_rows == 0
    cards = pipeline.load("job_cards", path=out)
    assert cards.survey_p50_usd.isna().all() and cards.survey_scope.isna().all()


SMALL_SURVEY = "\n".join(
    ["work_year,experience_level,employment_type,job_title,salary,salary_currency,salary_in_usd,"
     "employee_residence,remote_ratio,company_location,company_size"]
    + [f"2024,SE,FT,Senior Data Engineer,{s},USD,{s},US,100,US,M" for s in range(100_000, 200_000, 10_000)]
) + "\n"


def test_new_rates_or_a_new_survey_rebuild_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    first = go(SAMPLES, out)
    assert first.parsed > 0
    before = pipeline.load("job_cards", path=out)
    # 1. the bundled table is rewritten (what `rates update` does): the next run re-derives
    bundled = tmp_path / "fx_yearly.csv"
    shutil.copy(money.bundled_path(), bundled)
    monkeypatch.setattr(money, "bundled_path", lambda: bundled)
    assert go(SAMPLES, out).unchanged  # same bytes: nothing to do
    text = "".join(line for line in bundled.read_text(encoding="utf-8").splitlines(keepends=True)
                   if not line.startswith("GBP,2023") and not line.startswith("GBP,2024"))
    bundled.write_text(text, encoding="utf-8")
    again = go(SAMPLES, out)
    assert again.parsed == 0 and not again.unchanged
    after = pipeline.load("job_cards", path=out)
    gbp = after.salary_currency == "GBP"
    assert before[gbp].salary_min_usd.notna().all()
    assert after[gbp & after.salary_min_annual.notna()].fx_missing.eq("not_quoted_that_year").all()
    assert again.unconverted == {"GBP": int((gbp & after.salary_min_annual.notna()).sum())}
    assert "no exchange rate: GBP=" in again.line()
    # 2. a survey is given: rebuilt from the stored rows, nothing parsed
    survey = tmp_path / "survey.csv"
    survey.write_text(SMALL_SURVEY, encoding="utf-8")
    with_survey = go(SAMPLES, out, survey_path=survey)
    assert with_survey.parsed == 0 and with_survey.rows["survey_salaries"] == 1
    cards = pipeline.load("job_cards", path=out)
    engineer = cards[cards.title == "Senior Data Engineer"].iloc[0]
    assert engineer.survey_scope == "country" and engineer.survey_p50_usd == 145_000
    assert engineer.survey_percentile == 60.0  # midpoint 157,500: 6 of the 10 survey salaries are below
    assert go(SAMPLES, out, survey_path=survey).unchanged


def test_rates_update_writes_a_dated_yearly_table(tmp_path: Path) -> None:
    ecb = tmp_path / "eurofxref-hist.csv"
    ecb.write_text("Date,USD,JPY,GBP,\n2025-01-03,1.0,160.0,0.8,\n2025-01-02,1.2,N/A,0.8,\n"
                   "2024-12-31,1.1,110.0,N/A,\n", encoding="utf-8")
    target = tmp_path / "fx.csv"
    result = CliRunner().invoke(cli, ["rates", "update", "--from", str(ecb), "--to", str(target)])
    assert result.exit_code == 0, result.output
    rates = money.load_rates(target)
    assert rates.as_of == "2025-01-03" and "European Central Bank" in rates.source
    assert rates.usd_per_unit["EUR"][2025] == pytest.approx(1.1)
    assert rates.usd_per_unit["GBP"][2025] == pytest.approx((1.0 / 0.8 + 1.2 / 0.8) / 2)
    assert rates.usd_per_unit["JPY"][2025] == pytest.approx(1.0 / 160.0)  # N/A day skipped
    assert rates.usd_per_unit["USD"][2024] == 1.0 and "GBP" not in {c for c, y in rates.usd_per_unit.items()
                                                                     if 2024 in y}
    bad = tmp_path / "bad.csv"
    bad.write_text("when,what\n1,2\n", encoding="utf-8")
    refused = CliRunner().invoke(cli, ["rates", "update", "--from", str(bad), "--to", str(target)])
    assert refused.exit_code == 2 and money.load_rates(target).as_of == "2025-01-03"  # the table is kept
    assert dt.date.fromisoformat(rates.as_of)
