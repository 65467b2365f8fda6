"""Salary amounts per year and in US dollars.

Why separate from the salary grammar: parsing says what a card *prints*; comparing two
cards needs one period and one currency. Both conversions are conventions, so they live
here as named constants and a dated, replaceable rate table rather than inside the parser:

* **Per year**: an amount per ``period`` times :data:`ANNUAL_FACTORS` (full-time work,
  no overtime, no 13th month). A missing period means a year, because cards print annual
  pay and the grammar only records a period when one is printed.
* **In USD**: times the table's USD value of one unit, rounded half up to whole dollars.
  The bundled table (``pipeline/data/exchange_rates.csv``) holds *approximate* annual
  averages; its first lines say the date and the source, and a user may pass their own
  file of the same format. No rate, no amount: a currency missing from the table gives
  ``None``, never a guess.

Rate file format (UTF-8)::

    # as_of: 2024-12-31
    # source: where the rates come from
    currency,usd_per_unit
    USD,1
    EUR,1.082
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

from pipeline.errors import UsageError
from pipeline.parse.cards.salary import DAYS_PER_YEAR, HOURS_PER_YEAR, MONTHS_PER_YEAR, WEEKS_PER_YEAR

ANNUAL_FACTORS: Mapping[str, int] = MappingProxyType(
    {
        "year": 1,
        "month": MONTHS_PER_YEAR,  # 12: monthly pay twelve times a year (no 13th month)
        "week": WEEKS_PER_YEAR,  # 52: paid weeks in a year
        "day": DAYS_PER_YEAR,  # 260: 5 working days a week x 52 weeks
        "hour": HOURS_PER_YEAR,  # 2080: 40 hours a week x 52 weeks (the usual US full-time conversion)
    }
)
"""Period -> multiplier to a year. The constants are the ones :mod:`pipeline.parse.cards.salary` uses for
its plausibility check, so "implausible" and the annual columns agree."""

BUNDLED_RATES = "exchange_rates.csv"
"""The bundled table under ``pipeline/data``."""

_CURRENCY = re.compile(r"[A-Z]{3}")
_META = re.compile(r"#\s*(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*?)\s*$")
_HEADER = ["currency", "usd_per_unit"]


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
    usd_per_unit: Mapping[str, float]
    """ISO 4217 code -> US dollars for one unit (``EUR`` -> ``1.08``); read-only."""


def parse_rates(lines: Iterable[str], origin: str) -> RateTable:
    """The lines of a rate file -> a :class:`RateTable`.

    ``# key: value`` comment lines give ``as_of`` and ``source``; other comment and blank
    lines are skipped. Raises :class:`~pipeline.errors.UsageError` (naming ``origin``) on a
    wrong header, a code that is not three capital letters, a duplicate code, or a rate
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
    if not rows or [cell.strip().lower() for cell in rows[0]] != _HEADER:
        raise UsageError(f"{origin}: rate table must start with the header 'currency,usd_per_unit'")
    rates: dict[str, float] = {}
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != 2:
            raise UsageError(f"{origin}: data row {number} needs two fields, got {row!r}")
        code, text = row[0].strip(), row[1].strip()
        if not _CURRENCY.fullmatch(code):
            raise UsageError(f"{origin}: data row {number}: {code!r} is not a currency code")
        if code in rates:
            raise UsageError(f"{origin}: data row {number}: {code} appears twice")
        try:
            rate = float(text)
        except ValueError:
            rate = math.nan
        if not (math.isfinite(rate) and rate > 0):
            raise UsageError(f"{origin}: data row {number}: {text!r} is not a positive rate")
        rates[code] = rate
    return RateTable(
        as_of=meta.get("as_of") or "unknown",
        source=meta.get("source") or origin,
        usd_per_unit=MappingProxyType(rates),
    )


@cache
def bundled_rates() -> RateTable:
    """The bundled table, read once per process."""
    text = resources.files("pipeline").joinpath("data", BUNDLED_RATES).read_text("utf-8")
    return parse_rates(text.splitlines(), BUNDLED_RATES)


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


def to_usd(amount: int | None, currency: str | None, rates: RateTable) -> int | None:
    """``amount`` of ``currency`` in whole US dollars (rounded half up).

    ``None`` when the amount or currency is unknown or the table has no rate for it.

    >>> to_usd(100_000, "USD", bundled_rates()), to_usd(100_000, "XYZ", bundled_rates())
    (100000, None)
    """
    if amount is None or not currency:
        return None
    rate = rates.usd_per_unit.get(currency.strip().upper())
    if rate is None:
        return None
    value = Decimal(amount) * Decimal(repr(rate))
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))
