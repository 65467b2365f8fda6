"""The board's salary survey beside the cards: role keys for job titles, cells, percentiles.

Why here: analysts ask "is this card's pay high for its role, level and country?" and
"what does the survey say about the two roles an article compares?". Both need the survey's
``job_title`` on the same ``role_key`` as the article roles, so titles go through
:func:`title_role_key`, which is :func:`pipeline.normalize.role_keys.role_key` after removing
what a *job title* adds to a *role* name:

* level words anywhere (``Senior``, ``Sr.``, ``Lead``, ``Principal``, ``Staff``, ``Junior``,
  ``Entry-level``, ``Mid-level``, ``Intern``, a trailing ``I``/``II``/``III``/``IV``), because
  the level has its own column (``experience_level`` in the survey, ``seniority`` on cards);
* anything after `` - ``, ``,``, ``|`` or ``/`` and in brackets (a team, a product, a place:
  ``Machine Learning Engineer - Search``).

Article role names carry none of these, so for them the result is ``role_key`` itself; a
survey ``Data Scientist`` and a card ``Senior Data Scientist (NLP)`` both give
``data-scientist``, the key of the articles' ``Data Scientists``.

Cells are (``role_key``, ``experience_level``, ``company_location``, ``work_year``) with the
count and the 10/25/50/75/90th percentiles of ``salary_in_usd`` (linear interpolation, as
pandas' ``quantile``). A card is placed in the cell of its role key, seniority, country and
``first_seen`` year (clamped to the survey's years); with fewer than :data:`MIN_CELL`
salaries there (or no country on the card) it falls back to every country of that role,
level and year, and ``survey_scope`` says which was used.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from pipeline.normalize.role_keys import role_key

LEVELS = ("EN", "MI", "SE", "EX")
QUANTILES = (10, 25, 50, 75, 90)
MIN_CELL = 5
"""Fewest survey salaries a cell needs before a card is ranked in it (a percentile among
two salaries says nothing)."""

_LEVEL_WORDS = re.compile(
    r"\b(?:senior|sr|junior|jr|lead|principal|staff|entry[\s-]*level|mid[\s-]*level|intern|"
    r"internship|graduate|trainee)\b\.?|\b(?:i{1,3}|iv)\s*$",
    re.IGNORECASE,
)
_DETAIL = re.compile(r"\s+[-–—|/]\s+.*$|,.*$|\s*[(\[].*?[)\]]")


@lru_cache(maxsize=8192)
def title_role_key(title: str) -> str | None:
    """The role key of a job title (rules in the module docstring); ``None`` when nothing is left.

    >>> title_role_key("Senior Data Scientist (NLP)"), title_role_key("ML Engineer - Search")
    ('data-scientist', 'machine-learning-engineer')
    >>> title_role_key("Lead")
    """
    text = _DETAIL.sub("", title)
    text = _LEVEL_WORDS.sub(" ", text)
    key = role_key(text) if text.strip() else ""
    return key or None


@dataclass(slots=True)
class SurveyIndex:
    """Survey salaries grouped into cells, sorted, with how the titles matched."""

    cells: dict[tuple[str, str, str, int], np.ndarray] = field(default_factory=dict)
    """(role key, level, company country, year) -> sorted ``salary_in_usd``."""
    pooled: dict[tuple[str, str, int], np.ndarray] = field(default_factory=dict)
    """(role key, level, year) -> sorted salaries of every country."""
    years: tuple[int, ...] = ()
    rows: int = 0
    """Usable survey rows read."""
    skipped: int = 0
    """Rows left out: a bad number, level, country or year."""
    titles: int = 0
    """Distinct job titles."""
    titles_keyed: int = 0
    """Distinct job titles that gave a role key."""
    rows_keyed: int = 0

    def table_rows(self) -> list[dict[str, Any]]:
        """The ``survey_salaries`` rows, in the table's order."""
        out = []
        for (key, level, country, year), values in sorted(self.cells.items()):
            quantiles = np.percentile(values, QUANTILES)
            row: dict[str, Any] = {"role_key": key, "experience_level": level, "company_location": country,
                                   "work_year": year, "count": len(values)}
            row.update({f"p{q}_usd": float(v) for q, v in zip(QUANTILES, quantiles, strict=True)})
            out.append(row)
        return out

    def card_columns(self, card: Mapping[str, Any], year: int | None) -> dict[str, Any]:
        """``survey_p50_usd``, ``survey_percentile`` and ``survey_scope`` of one card row."""
        out: dict[str, Any] = dict.fromkeys(("survey_p50_usd", "survey_percentile", "survey_scope"))
        title, level = card.get("title"), card.get("seniority")
        key = title_role_key(title) if title else None
        if key is None or level is None or not self.years:
            return out
        year = self.years[-1] if year is None else min(max(year, self.years[0]), self.years[-1])
        country = card.get("country_code")
        values = self.cells.get((key, level, country, year)) if country else None
        scope = "country"
        if values is None or len(values) < MIN_CELL:
            values, scope = self.pooled.get((key, level, year)), "all_countries"
        if values is None or len(values) < MIN_CELL:
            return out
        out["survey_p50_usd"] = round(float(np.percentile(values, 50)))
        out["survey_scope"] = scope
        low, high = card.get("salary_min_usd"), card.get("salary_max_usd")
        amounts = [a for a in (low, high) if a is not None]
        if amounts:
            out["survey_percentile"] = percentile_rank(values, sum(amounts) / len(amounts))
        return out


def percentile_rank(values: np.ndarray, amount: float) -> float:
    """Share of ``values`` (sorted) below ``amount``, ties counted half, in percent (1 decimal).

    >>> percentile_rank(np.array([1.0, 2.0, 3.0, 4.0]), 3.0)
    62.5
    """
    below = bisect.bisect_left(values, amount)
    equal = bisect.bisect_right(values, amount) - below
    return round(100.0 * (below + equal / 2) / len(values), 1)


def build_index(rows: Iterable[Mapping[str, str]]) -> SurveyIndex:
    """Survey rows (the CSV's columns, as text) -> a :class:`SurveyIndex`.

    A row with a salary that is not a positive number, an unknown level, a country that is
    not two capital letters or a year that is not a number is skipped and counted.
    """
    index = SurveyIndex()
    cells: dict[tuple[str, str, str, int], list[float]] = defaultdict(list)
    titles: set[str] = set()
    keyed: set[str] = set()
    for row in rows:
        try:
            salary = float(row["salary_in_usd"])
            year = int(row["work_year"])
        except (TypeError, ValueError):
            index.skipped += 1
            continue
        level, country = row["experience_level"], row["company_location"]
        title = (row["job_title"] or "").strip()
        if not salary > 0 or level not in LEVELS or not re.fullmatch(r"[A-Z]{2}", country or "") or not title:
            index.skipped += 1
            continue
        index.rows += 1
        titles.add(title)
        key = title_role_key(title)
        if key is None:
            continue
        keyed.add(title)
        index.rows_keyed += 1
        cells[(key, level, country, year)].append(salary)
    pooled: dict[tuple[str, str, int], list[float]] = defaultdict(list)
    for (key, level, _country, year), values in cells.items():
        pooled[(key, level, year)].extend(values)
    index.cells = {k: np.sort(np.asarray(v)) for k, v in cells.items()}
    index.pooled = {k: np.sort(np.asarray(v)) for k, v in pooled.items()}
    index.years = tuple(sorted({k[3] for k in cells}))
    index.titles, index.titles_keyed = len(titles), len(keyed)
    return index
