"""Annual amounts and USD conversion: the factors, the bundled rate table, user tables, properties."""

from __future__ import annotations

import csv
import doctest
import re
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pipeline.normalize.money
from pipeline.errors import UsageError
from pipeline.normalize.money import (
    ANNUAL_FACTORS,
    RateTable,
    annualize,
    bundled_rates,
    load_rates,
    to_usd,
    usd_columns,
)
from pipeline.parse.cards.salary import ISO_4217

PERIODS = ["year", "month", "week", "day", "hour"]


@pytest.mark.parametrize(
    ("amount", "period", "expected"),
    [
        (120_000, None, 120_000),  # cards print annual pay
        (120_000, "year", 120_000),
        (10_000, "month", 120_000),
        (2_000, "week", 104_000),
        (500, "day", 130_000),  # 5 days x 52 weeks
        (50, "hour", 104_000),  # 40 hours x 52 weeks
        (0, "hour", 0),
        (None, "hour", None),
        (None, None, None),
        (100, "fortnight", None),  # unknown period: no guess
    ],
)
def test_annualize(amount: int | None, period: str | None, expected: int | None) -> None:
    assert annualize(amount, period) == expected


def test_annual_factors() -> None:
    assert dict(ANNUAL_FACTORS) == {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}
    with pytest.raises(TypeError):
        ANNUAL_FACTORS["year"] = 2  # type: ignore[index]


def test_bundled_table_is_dated_and_sourced() -> None:
    rates = load_rates()
    assert rates is bundled_rates()  # read once per process
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", rates.as_of)
    assert "European Central Bank" in rates.source
    head = resources.files("pipeline").joinpath("data", "fx_yearly.csv").read_text("utf-8").splitlines()
    assert head[0].startswith("# as_of: ")
    assert head[1].startswith("# source: ")
    assert head[2] == "# generated_by: scripts/build_fx_table.py"


def test_bundled_table_covers_the_main_currencies_every_year() -> None:
    rates = bundled_rates().usd_per_unit
    main = {"USD", "EUR", "GBP", "CAD", "AUD", "CHF", "INR", "JPY", "CNY", "SGD", "SEK", "NOK", "DKK",
            "PLN", "BRL", "MXN", "ZAR", "NZD", "HKD", "ILS", "KRW", "CZK", "HUF", "RON", "TRY"}
    assert main <= set(rates)
    assert set(rates) <= ISO_4217 | {"CYP", "EEK", "LTL", "LVL", "MTL", "ROL", "SIT", "SKK", "TRL", "HRK"}
    assert {"AED", "NGN", "PKR", "VND"}.isdisjoint(rates)  # the ECB does not quote them
    for year in range(2020, 2026):
        assert rates["USD"][year] == 1
        # Sanity bands, wide enough for any recent year: a typo (a rate inverted or off by 10x) fails.
        assert 0.9 < rates["EUR"][year] < 1.3
        assert 1.1 < rates["GBP"][year] < 1.5
        assert 0.004 < rates["JPY"][year] < 0.01
        assert 0.008 < rates["INR"][year] < 0.015
        assert 1.0 < rates["CHF"][year] < 1.3
    assert rates["GBP"][2023] != rates["GBP"][2024]  # dated: each year its own average


def test_rate_years_are_clamped_and_missing_ones_say_why() -> None:
    rates = bundled_rates()
    last = rates.years[-1]
    assert rates.rate("EUR", 2999) == (rates.usd_per_unit["EUR"][last], last, None)
    assert rates.rate("EUR", None)[1] == last
    assert rates.rate("EUR", 1900)[1] == rates.years[0]
    assert rates.rate("NGN", 2024) == (None, None, "not_quoted")
    assert rates.rate(None, 2024) == (None, None, "no_currency")
    assert rates.rate("RUB", 2024) == (None, 2024, "not_quoted_that_year")  # quotes stopped in 2022


def test_to_usd_with_the_bundled_table() -> None:
    rates = bundled_rates()
    assert to_usd(123_456, "USD", rates, 2024) == 123_456
    eur = to_usd(100_000, "EUR", rates, 2024)
    assert eur is not None and eur > 0
    assert eur != to_usd(100_000, "EUR", rates, 2023)
    assert to_usd(100_000, "XYZ", rates) is None  # no rate, no guess
    assert to_usd(None, "EUR", rates) is None
    assert to_usd(100_000, None, rates) is None
    assert to_usd(100_000, "eur", rates, 2024) == eur


def test_to_usd_rounds_half_up() -> None:
    rates = RateTable("2024-01-01", "test", {"ABC": {None: 0.5}})
    assert to_usd(5, "ABC", rates) == 3  # 2.5 -> 3 (round() would give banker's 2)
    assert to_usd(3, "ABC", rates) == 2  # 1.5 -> 2
    assert to_usd(1, "ABC", rates) == 1  # 0.5 -> 1 (round() would give 0)


def _card(currency: str | None, low: int | None, high: int | None, flag: str = "ok") -> dict[str, object]:
    return {"salary_currency": currency, "salary_min": low, "salary_max": high, "salary_min_annual": low,
            "salary_max_annual": high, "salary_flag": flag}


def test_plausibility_is_judged_in_usd() -> None:
    rates = bundled_rates()
    yen = usd_columns(_card("JPY", 8_000_000, 12_000_000), rates, 2024)
    assert "salary_flag" not in yen and yen["fx_year"] == 2024 and yen["fx_missing"] is None
    assert 40_000 < yen["salary_min_usd"] < 70_000  # ordinary pay, no longer "implausible"
    too_big = _card("USD", 6_000_000, 6_000_000)
    assert usd_columns(too_big, rates, 2024)["salary_flag"] == "implausible"
    assert usd_columns(too_big, rates, 2024)["salary_min"] is None
    too_small = usd_columns(_card("USD", 120, 150), rates, 2024)
    assert too_small["salary_flag"] == "implausible" and too_small["salary_min_usd"] is None
    # no rate: no USD, a reason, and no range judgement (only the parser's placeholders)
    naira = usd_columns(_card("NGN", 900_000_000, 900_000_000), rates, 2024)
    assert naira["fx_missing"] == "not_quoted" and naira["salary_min_usd"] is None
    assert "salary_flag" not in naira
    assert usd_columns(_card(None, 50_000, 60_000), rates, 2024)["fx_missing"] == "no_currency"
    nothing = usd_columns(_card("EUR", None, None, "missing"), rates, 2024)
    assert set(nothing.values()) == {None}


def test_load_rates_of_a_user_file(tmp_path: Path) -> None:
    path = tmp_path / "rates.csv"
    path.write_text("# as_of: 2025-06-30\n# source: my treasury desk\ncurrency,usd_per_unit\n"
                    "USD,1\nEUR,1.15\nXAU,3300\n", encoding="utf-8")
    rates = load_rates(path)
    assert rates.as_of == "2025-06-30"
    assert rates.source == "my treasury desk"
    assert {k: dict(v) for k, v in rates.usd_per_unit.items()} == {
        "USD": {None: 1.0}, "EUR": {None: 1.15}, "XAU": {None: 3300.0}}
    assert to_usd(100_000, "EUR", rates, 2019) == 115_000  # one rate for every year
    assert rates.rate("EUR", 2019)[1] is None
    assert to_usd(100_000, "GBP", rates) is None  # not in the user's table


def test_a_yearly_user_file(tmp_path: Path) -> None:
    path = tmp_path / "yearly.csv"
    path.write_text("currency,year,usd_per_unit\nEUR,2023,1.1\nEUR,2024,1.2\n", encoding="utf-8")
    rates = load_rates(path)
    assert to_usd(1000, "EUR", rates, 2023) == 1100
    assert to_usd(1000, "EUR", rates, 2030) == 1200


def test_user_file_without_metadata(tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text("currency,usd_per_unit\nEUR,1.1\n", encoding="utf-8")
    rates = load_rates(path)
    assert rates.as_of == "unknown"
    assert rates.source == str(path)


@pytest.mark.parametrize(
    "body",
    [
        "",
        "code,rate\nEUR,1.1\n",  # wrong header
        "currency,usd_per_unit\nEUR\n",  # one field
        "currency,usd_per_unit\neuro,1.1\n",  # not a code
        "currency,usd_per_unit\nEUR,1.1\nEUR,1.2\n",  # duplicate
        "currency,year,usd_per_unit\nEUR,2024,1.1\nEUR,2024,1.2\n",  # duplicate year
        "currency,year,usd_per_unit\nEUR,last,1.1\n",  # not a year
        "currency,usd_per_unit\nEUR,abc\n",
        "currency,usd_per_unit\nEUR,0\n",
        "currency,usd_per_unit\nEUR,-1\n",
        "currency,usd_per_unit\nEUR,nan\n",
        "currency,usd_per_unit\nEUR,inf\n",
    ],
)
def test_bad_user_file_is_a_usage_error(tmp_path: Path, body: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(UsageError):
        load_rates(path)


def test_missing_user_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        load_rates(tmp_path / "absent.csv")


def test_bundled_file_parses_as_plain_csv() -> None:
    text = resources.files("pipeline").joinpath("data", "fx_yearly.csv").read_text("utf-8")
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    assert len(rows) == sum(len(v) for v in bundled_rates().usd_per_unit.values())


def test_doctests() -> None:
    result = doctest.testmod(pipeline.normalize.money)
    assert result.attempted > 0
    assert result.failed == 0


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=10**12),
       st.sampled_from([None, *PERIODS]))
def test_annualize_is_monotonic(a: int, b: int, period: str | None) -> None:
    low, high = sorted((a, b))
    annual_low, annual_high = annualize(low, period), annualize(high, period)
    assert annual_low is not None and annual_high is not None
    assert 0 <= annual_low <= annual_high
    assert annual_low >= low  # every factor is at least 1


@given(st.integers(min_value=0), st.one_of(st.none(), st.text(max_size=10)))
def test_annualize_never_raises(amount: int, period: str | None) -> None:
    result = annualize(amount, period)
    assert result is None or result >= amount


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(sorted(bundled_rates().usd_per_unit)))
def test_to_usd_is_whole_and_monotonic(amount: int, currency: str) -> None:
    rates = bundled_rates()
    year = max(y for y in rates.usd_per_unit[currency] if y is not None)
    usd, more = to_usd(amount, currency, rates, year), to_usd(amount + 1000, currency, rates, year)
    assert isinstance(usd, int) and isinstance(more, int)
    assert 0 <= usd <= more
