"""The normalize stage: what analysts query, derived from parsed records.

Job cards get codes and labels in the public ai-jobs.net salary dataset's vocabulary
(seniority, employment type, remote ratio), annual salary amounts, and a parsed location.
Article sections get the skills, tools, degrees and industries they mention and the growth
figures of their outlook. Pure functions of the parsed rows; the exchange-rate conversion
to USD happens in the runner, once per run, so a new rate table needs no re-parse.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from operator import itemgetter
from typing import Any

from pipeline.normalize.location import parse_location
from pipeline.normalize.mentions import MentionFinder
from pipeline.normalize.money import annualize
from pipeline.normalize.outlook import outlook_stats
from pipeline.normalize.outlook_roles import FigureSides
from pipeline.normalize.vocabulary import load_vocabulary
from pipeline.parse.cards.grammar import JobCard

Row = dict[str, Any]

SENIORITY_LABELS: Mapping[str, str] = {
    "EN": "Entry-level / Junior",
    "MI": "Mid-level / Intermediate",
    "SE": "Senior-level / Expert",
    "EX": "Executive-level / Director",
}
"""The salary dataset's ``experience_level`` codes and the labels the site prints for them."""

EMPLOYMENT_CODES: Mapping[str, str] = {
    "full_time": "FT",
    "part_time": "PT",
    "contract": "CT",
    "temporary": "CT",  # the dataset has no temporary code; a fixed-term job is a contract
    "freelance": "FL",
}
"""The salary dataset's ``employment_type`` codes; an internship has none of its own."""


def employment_code(types: Sequence[str]) -> str | None:
    """The code of the first printed type that has one (``Full Time Internship`` -> ``FT``).

    >>> employment_code(["internship"]) is None
    True
    >>> employment_code(["internship", "part_time"])
    'PT'
    """
    return next((EMPLOYMENT_CODES[t] for t in types if t in EMPLOYMENT_CODES), None)


WORK_MODE_RATIOS: Mapping[str, int] = {"onsite": 0, "hybrid": 50, "remote": 100}
"""A work-mode marker printed on a card -> the salary dataset's ``remote_ratio``."""


def remote_ratio(location_ratio: int, work_mode: str | None) -> int:
    """The card's remote ratio: the most remote of its location's and its marker's.

    A ``Remote`` or ``Hybrid`` badge beside ``Berlin, Germany`` says what the place cannot;
    as inside one location, the most remote option offered wins.

    >>> remote_ratio(0, "hybrid"), remote_ratio(0, None), remote_ratio(100, "onsite")
    (50, 0, 100)
    """
    return max(location_ratio, WORK_MODE_RATIOS.get(work_mode or "", 0))


def card_fields(card: JobCard) -> Row:
    """The normalized columns of one job card (all but the USD amounts)."""
    salary = card.salary
    place = parse_location(card.location)
    ratio = remote_ratio(place.remote_ratio, card.work_mode)
    return {
        "seniority_label": SENIORITY_LABELS.get(card.seniority or ""),
        "employment_type_code": employment_code(card.employment_types),
        "salary_min_annual": annualize(salary.min, salary.period),
        "salary_max_annual": annualize(salary.max, salary.period),
        "city": place.city,
        "region": place.region,
        "country_code": place.country_code,
        "remote_scope": place.remote_scope,
        "remote_ratio": ratio,
        "locations": list(place.locations),
        "is_remote": ratio == 100,
    }


@cache
def default_finder() -> MentionFinder:
    """The mention finder over the bundled vocabulary, compiled once per process."""
    return MentionFinder(load_vocabulary())


_TEXT_AND_KEY = itemgetter("text", "section")


def mention_rows(article_id: str, sections: Sequence[Row], finder: MentionFinder | None = None) -> list[Row]:
    """One row per (section, role side, kind, name) mentioned in the article's sections."""
    finder = finder or default_finder()
    found: dict[tuple[str, str | None, str, str], Row] = {}
    per_section = finder.find_all(list(map(_TEXT_AND_KEY, sections)))
    # The section's values are read once per section, not per mention, and each new row is a copy
    # of the section's template with three values set (a copy of a dict is about half the cost of
    # building it anew): this runs for every mention of every article.
    for section, mentions in zip(sections, per_section, strict=True):
        if not mentions:
            continue
        key, side = section["section"], section["role_side"]
        template = {"article_id": article_id, "section": key, "role_side": side,
                    "role_key": section["role_key"], "kind": None, "name": None, "surface": None, "count": 1}
        for kind, name, surface, _, _ in mentions:
            row = found.get((key, side, kind, name))
            if row is None:
                found[key, side, kind, name] = row = template.copy()
                row["kind"], row["name"], row["surface"] = kind, name, surface
            else:
                row["count"] += 1
    return list(found.values())


_CONTINUES = re.compile(r"^(?:similarly|likewise|in\s+addition|also|additionally|meanwhile)\b", re.IGNORECASE)
"""A sentence opening like this continues the previous figure's projection (and its source)."""


def outlook_rows(article_id: str, sections: Sequence[Row], names: Mapping[str, str] | None = None,
                 keys: Mapping[str, str] | None = None) -> list[Row]:
    """One row per growth figure in the article's outlook sections, in reading order.

    A figure without a source of its own in a sentence that continues the previous one
    (``Similarly, ... 22 percent``) takes the previous figure's source. With the article's
    role ``names`` (and their ``keys``), each figure goes to the role its clause is about
    (:mod:`pipeline.normalize.outlook_roles`), ``both`` only when it is.
    """
    rows: list[Row] = []
    sides = FigureSides(names) if names else None
    for section in sections:
        if section["section"] != "outlook":
            continue
        for stat in outlook_stats(section["text"]):
            source = stat.source
            if source is None and rows and _CONTINUES.match(stat.sentence):
                source = rows[-1]["source"]
            side = section["role_side"]
            role = section["role_key"]
            if sides is not None:
                side = sides.side(stat.clause, side)
                role = (keys or {}).get(side or "", role if side == section["role_side"] else None)
            rows.append(
                {
                    "article_id": article_id,
                    "role_side": side,
                    "role_key": role,
                    "position": len(rows) + 1,
                    "percent": stat.percent,
                    "percent_max": stat.percent_max,
                    "start_year": stat.start_year,
                    "end_year": stat.end_year,
                    "horizon": stat.horizon,
                    "source": source,
                    "sentence": stat.sentence,
                }
            )
    return rows
