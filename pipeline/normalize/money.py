"""Salary amounts per year and in US dollars, and whether they are plausible.

Why separate from the salary grammar: parsing says what a card *prints*; comparing two
cards needs one period and one currency. Both conversions are conventions, so they live
here as named constants and a dated, replaceable rate table rather than inside the parser:

* **Per year**: an amount per ``period`` times :data:`ANNUAL_FACTORS` (full-time work,
  no overtime, no 13th month). A missing period means a year, because cards print annual
  pay and the grammar only records a period when one is printed.
* **In USD**: times the USD value of one unit in the year the card was first seen, rounded
  half up to whole dollars. The bundled table (``pipeline/data/fx_yearly.csv``) holds the
  yearly means of the ECB's daily reference rates (see :mod:`pipeline.normalize.ecb`), the
  convention of the board's salary survey. A year past the table's last year uses its last
  year; a year before its first, its first. ``fx_rate`` and ``fx_year`` say what was used.
* **No rate, no amount**: a currency the table does not quote (or not in that year) gives
  ``None`` and a reason in ``fx_missing`` (:data:`FX_MISSING`), never a guess.
* **Plausible**: the annual amount in USD is within ``MIN_ANNUAL..MAX_ANNUAL`` (1,000 to
  5,000,000 USD), so ``JPY 8M - 12M`` is ordinary pay. Without a rate only the parser's own
  checks apply (repeated-digit placeholders, min above max).

Rate file formats (UTF-8; ``# key: value`` lines give ``as_of`` and ``source``)::

    currency,year,usd_per_unit[,quotes]      one rate per currency and year (the bundled one)
    currency,usd_per_unit                    one rate per currency for every year (a user's own)
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pipeline.errors import UsageError
from pipeline.parse.cards.salary import (
    DAYS_PER_YEAR,
    HOURS_PER_YEAR,
    MAX_ANNUAL,
    MIN_ANNUAL,
    MONTHS_PER_YEAR,
    WEEKS_PER_YEAR,
)

ANNUAL_FACTORS: Mapping[str, int] = MappingProxyType(
    {
        "year": 1,
        "month": MONTHS_PER_YEAR,  # 12: monthly pay twelve times a year (no 13th month)
        "week": WEEKS_PER_YEAR,  # 52: paid weeks in a year
        "day": DAYS_PER_YEAR,  # 260: 5 working days a week x 52 weeks
        "hour": HOURS_PER_YEAR,  # 2080: 40 hours a week x 52 weeks (the usual US full-time conversion)
    }
)
"""Period -> multiplier to a year (the constants of :mod:`pipeline.parse.cards.salary`)."""

BUNDLED_RATES = "fx_yearly.csv"
"""The bundled table under ``pipeline/data`` (made by ``scripts/build_fx_table.py``)."""

FX_MISSING = ("no_currency", "not_quoted", "not_quoted_that_year")
"""Why a card with an amount has no USD amount: no currency printed or resolved; a currency
the table never quotes (``NGN``, ``AED``...); a currency not quoted in the year used
(the ECB stopped quoting ``RUB`` in 2022)."""

_CURRENCY = re.compile(r"[A-Z]{3}")
_META = re.compile(r"#\s*(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*?)\s*$")
_YEARLESS = ["currency", "usd_per_unit"]
_YEARLY = ["currency", "year", "usd_per_unit"]


def annualize(amount: int | None, period: str | None) -> int | None:
    """An amount per ``period`` -> per year; ``None`` period means the amount is yearly.

    ``None`` when the amount is unknown or the period is not one of :data:`ANNUAL_FACTORS`
    (an unknown period cannot be converted without guessing).

    >>> annualize(50, "hour"), annualize(120_000, None), annualize(None, "year")
    (104000, 120000, None)
    """
    if amount is None:
        return None
    factor = ANNUAL_FACTORS.get(period or "year")
    return None if factor is None else amount * factor


@dataclass(frozen=True, slots=True)
class RateTable:
    """Exchange rates to US dollars, with the date and origin that make a run reproducible."""

    as_of: str
    """Date of the rates (ISO ``YYYY-MM-DD``), or ``unknown`` when a user file does not say."""
    source: str
    """Where the rates came from, as the file says (or the file name when it does not)."""
    usd_per_unit: Mapping[str, Mapping[int | None, float]]
    """ISO 4217 code -> year -> US dollars for one unit; the year is ``None`` in a table with
    one rate for every year. Read-only."""

    @property
    def years(self) -> tuple[int, ...]:
        """The years the table quotes, sorted (empty for a year-less table)."""
        return tuple(sorted({y for by_year in self.usd_per_unit.values() for y in by_year if y is not None}))

    def rate(self, currency: str | None, year: int | None) -> tuple[float | None, int | None, str | None]:
        """``(usd_per_unit, year used, None)`` or ``(None, None, reason)`` (see :data:`FX_MISSING`).

        ``year`` is clamped to the table's years; ``None`` (no date) uses the last year.
        """
        code = (currency or "").strip().upper()
        if not code:
            return None, None, "no_currency"
        by_year = self.usd_per_unit.get(code)
        if not by_year:
            return None, None, "not_quoted"
        if None in by_year:
            return by_year[None], None, None
        years = self.years
        used = years[-1] if year is None else min(max(year, years[0]), years[-1])
        value = by_year.get(used)
        if value is None:
            return None, used, "not_quoted_that_year"
        return value, used, None


def parse_rates(lines: Iterable[str], origin: str) -> RateTable:
    """The lines of a rate file -> a :class:`RateTable`.

    Raises :class:`~pipeline.errors.UsageError` (naming ``origin``) on a wrong header, a
    code that is not three capital letters, a bad year, a duplicate (code, year), or a rate
    that is not a positive finite number: a bad table would silently skew every USD column.
    """
    meta: dict[str, str] = {}
    data: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("#"):
            match = _META.match(stripped)
            if match:
                meta.setdefault(match["key"].lower(), match["value"])
        elif stripped:
            data.append(stripped)
    rows = list(csv.reader(data))
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    yearly = header[:3] == _YEARLY
    if header != _YEARLESS and not yearly:
        raise UsageError(
            f"{origin}: rate table must start with the header 'currency,usd_per_unit' "
            "or 'currency,year,usd_per_unit'"
        )
    rates: dict[str, dict[int | None, float]] = {}
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise UsageError(f"{origin}: data row {number} needs {len(header)} fields, got {row!r}")
        code, text = row[0].strip(), row[-1 if not yearly else 2].strip()
        if not _CURRENCY.fullmatch(code):
            raise UsageError(f"{origin}: data row {number}: {code!r} is not a currency code")
        year: int | None = None
        if yearly:
            if not row[1].strip().isdigit():
                raise UsageError(f"{origin}: data row {number}: {row[1]!r} is not a year")
            year = int(row[1])
        if year in rates.get(code, {}):
            raise UsageError(f"{origin}: data row {number}: {code} {year or ''} appears twice")
        try:
            rate = float(text)
        except ValueError:
            rate = math.nan
        if not (math.isfinite(rate) and rate > 0):
            raise UsageError(f"{origin}: data row {number}: {text!r} is not a positive rate")
        rates.setdefault(code, {})[year] = rate
    return RateTable(
        as_of=meta.get("as_of") or "unknown",
        source=meta.get("source") or origin,
        usd_per_unit=MappingProxyType({code: MappingProxyType(by) for code, by in rates.items()}),
    )


def bundled_path() -> Path:
    """Where the bundled table lives (``rolescope rates update`` rewrites it)."""
    return Path(str(resources.files("pipeline").joinpath("data", BUNDLED_RATES)))


def bundled_rates() -> RateTable:
    """The bundled table, read once per process while its bytes do not change."""
    return _bundled(bundled_path().read_bytes())


@cache
def _bundled(data: bytes) -> RateTable:
    return parse_rates(data.decode("utf-8").splitlines(), BUNDLED_RATES)


def rates_bytes(path: Path | None = None) -> bytes:
    """The bytes of the table a run would use: they are part of what the tables depend on."""
    return (path or bundled_path()).read_bytes()


def load_rates(path: Path | None = None) -> RateTable:
    """The rate table at ``path``, or the bundled one when ``path`` is ``None``.

    A user file is read on every call (it may change between runs); an unreadable one
    raises :class:`~pipeline.errors.UsageError`, as a malformed one does.
    """
    if path is None:
        return bundled_rates()
    try:
        text = Path(path).read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read rate table {path}: {error}") from error
    return parse_rates(text.splitlines(), str(path))


def _times(amount: int, rate: float) -> int:
    value = Decimal(amount) * Decimal(repr(rate))
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def to_usd(amount: int | None, currency: str | None, rates: RateTable, year: int | None = None) -> int | None:
    """``amount`` of ``currency`` in whole US dollars (rounded half up) at the ``year``'s rate.

    ``None`` when the amount or currency is unknown or the table has no rate for it.

    >>> to_usd(100_000, "USD", bundled_rates(), 2024), to_usd(100_000, "XYZ", bundled_rates())
    (100000, None)
    """
    if amount is None:
        return None
    rate = rates.rate(currency, year)[0]
    return None if rate is None else _times(amount, rate)


def usd_columns(card: Mapping[str, Any], rates: RateTable, year: int | None) -> dict[str, Any]:
    """The USD and ``fx_*`` columns of a card row, and its amounts re-judged in USD.

    An ``ok`` salary whose annual USD amount is outside ``MIN_ANNUAL..MAX_ANNUAL`` becomes
    ``implausible`` and loses its amounts (text and currency stay), as the parser does for
    its own checks. A card without amounts gets null ``fx_*`` columns: nothing was converted.
    """
    low, high = card.get("salary_min_annual"), card.get("salary_max_annual")
    out: dict[str, Any] = dict.fromkeys(("salary_min_usd", "salary_max_usd", "fx_rate", "fx_year"))
    out["fx_missing"] = None
    if low is None and high is None:
        return out
    rate, used, missing = rates.rate(card.get("salary_currency"), year)
    out["fx_year"], out["fx_missing"] = used, missing
    if rate is None:
        return out
    out["fx_rate"] = rate
    usd = [None if a is None else _times(a, rate) for a in (low, high)]
    if card.get("salary_flag") == "ok" and any(u is not None and not MIN_ANNUAL <= u <= MAX_ANNUAL
                                                for u in usd):
        out["salary_flag"] = "implausible"
        out.update(dict.fromkeys(("salary_min", "salary_max", "salary_min_annual", "salary_max_annual")))
        return out
    out["salary_min_usd"], out["salary_max_usd"] = usd
    return out
