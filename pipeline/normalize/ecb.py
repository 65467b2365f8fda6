"""Yearly average exchange rates to US dollars from the ECB's euro reference rates.

Why derived and bundled: the ECB history file (``eurofxref-hist``) is about 2 MB of daily
quotes against the euro, while a run needs one number per currency and year. The
convention is the one the board's salary survey uses, so card pay and survey pay compare:

* the USD value of one unit of currency ``C`` on a day is ``USD/EUR ÷ C/EUR`` (both quoted
  against the euro that day; a day where either is ``N/A`` is skipped);
* the yearly average is the plain mean over that year's quoted days;
* ``EUR`` is ``USD/EUR`` itself and ``USD`` is 1.

:func:`yearly_rates` is pure (lines in, rows out); ``scripts/build_fx_table.py`` and
``rolescope rates update --from FILE`` write its result with :func:`format_table`.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.errors import UsageError

SOURCE = "European Central Bank, euro foreign exchange reference rates (historical file eurofxref-hist)"
"""The attribution kept in the derived table's header (the ECB allows reuse with the source named)."""
SIGNIFICANT_DIGITS = 10
"""Digits kept per rate: enough that a 10M-unit salary converts to the dollar."""
_CURRENCY = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True, slots=True)
class YearlyRate:
    """One currency's mean USD value of one unit over one calendar year."""

    currency: str
    year: int
    usd_per_unit: float
    quotes: int
    """Days averaged."""


@dataclass(frozen=True, slots=True)
class EcbYears:
    """The yearly averages and the last date the source file quotes."""

    rates: tuple[YearlyRate, ...]
    last_date: str


def _number(text: str) -> float | None:
    text = text.strip()
    if not text or text.upper() == "N/A":
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value > 0 else None


def yearly_rates(lines: Iterable[str], origin: str = "ECB file") -> EcbYears:
    """The lines of an ECB history CSV -> yearly USD averages per currency (sorted).

    Raises :class:`~pipeline.errors.UsageError` when the file has no ``Date`` and ``USD``
    columns or no quoted day: a refresh must never write an empty table.
    """
    reader = csv.reader(line for line in lines if line.strip())
    header = [cell.strip() for cell in next(reader, [])]
    if not header or header[0] != "Date" or "USD" not in header:
        raise UsageError(f"{origin}: not an ECB reference-rate history (needs 'Date' and 'USD' columns)")
    usd_at = header.index("USD")
    currencies = [(i, code) for i, code in enumerate(header) if _CURRENCY.fullmatch(code) and i != usd_at]
    sums: dict[tuple[str, int], list[float]] = defaultdict(lambda: [0.0, 0])
    last_date = ""
    for row in reader:
        if len(row) <= usd_at or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[0].strip()):
            continue
        date = row[0].strip()
        usd = _number(row[usd_at])
        if usd is None:
            continue
        last_date = max(last_date, date)
        year = int(date[:4])
        for key, value in (("EUR", usd), ("USD", 1.0)):
            cell = sums[(key, year)]
            cell[0] += value
            cell[1] += 1
        for i, code in currencies:
            units = _number(row[i]) if i < len(row) else None
            if units is not None:
                cell = sums[(code, year)]
                cell[0] += usd / units
                cell[1] += 1
    if not sums:
        raise UsageError(f"{origin}: no day with a USD quote")
    rates = tuple(
        YearlyRate(code, year, float(f"{total / count:.{SIGNIFICANT_DIGITS}g}"), int(count))
        for (code, year), (total, count) in sorted(sums.items())
    )
    return EcbYears(rates, last_date)


def format_table(years: EcbYears, *, generated_by: str) -> str:
    """The derived table as the bundled CSV: a dated header naming the source, then the rows."""
    lines = [
        f"# as_of: {years.last_date}",
        f"# source: {SOURCE}; yearly means of the daily USD value of one unit (USD/EUR / C/EUR)",
        f"# generated_by: {generated_by}",
        "currency,year,usd_per_unit,quotes",
    ]
    lines += [f"{r.currency},{r.year},{r.usd_per_unit!r},{r.quotes}" for r in years.rates]
    return "\n".join(lines) + "\n"
