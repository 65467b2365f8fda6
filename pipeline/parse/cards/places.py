"""The place lexicon of the job-card grammar: countries, US states, Canadian provinces,
subdivisions, a gazetteer of cities, work modes.

Why in the parser: reading a listing card must tell a place from a company name or a badge
(``Berlin, DE`` is a place, ``Acme Labs`` is not) before any location is normalized, and
the location normalizer resolves places with the same lookups. Countries come from ISO
3166-1 (``pycountry``) plus ``pipeline/data/country_aliases.csv``; US states from
``pipeline/data/us_states.csv``; Canadian provinces and other ISO 3166-2 subdivisions from
``pycountry``; cities from ``pipeline/data/places.csv``, GeoNames' cities of 15,000 people
or more (CC BY 4.0, https://www.geonames.org) reduced by ``scripts/build_places_table.py``.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

import pycountry

REMOTE_PATTERN = re.compile(
    r"(?<!\bnon-)(?<!\bnon )(?<!\bnot )(?<!\bno )\bremote\b|\banywhere\b|\bworldwide\b"
    r"|\bwork[\s-]+from[\s-]+home\b|\bWFH\b",
    re.IGNORECASE,
)
"""Remote words: those of :data:`pipeline.parse.cards.grammar.REMOTE_PATTERN`, plus ``WFH``, a hyphenated
``work-from-home``, and ``no remote`` / ``non remote`` as negations."""
HYBRID_PATTERN = re.compile(r"\bhybrid\b", re.IGNORECASE)
ONSITE_PATTERN = re.compile(
    r"\b(?:non[- ]?remote|not remote|no remote|on[- ]?site|in[- ]office|in[- ]person|office[- ]based)\b",
    re.IGNORECASE,
)
"""Words saying the job is on site: removed from the text, and they never count as remote."""

# --- data files ----------------------------------------------------------------------------


def _data_rows(name: str) -> list[dict[str, str]]:
    """Rows of a bundled CSV under ``pipeline/data``; ``#`` lines note the source and are skipped."""
    text = resources.files("pipeline").joinpath("data", name).read_text("utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


@cache
def country_aliases() -> Mapping[str, str]:
    """Alias as printed -> ISO alpha-2, from ``country_aliases.csv``."""
    return MappingProxyType({row["alias"]: row["alpha2"] for row in _data_rows("country_aliases.csv")})


@cache
def us_states() -> Mapping[str, str]:
    """State name -> two-letter code (50 states and DC), from ``us_states.csv``."""
    return MappingProxyType({row["name"]: row["code"] for row in _data_rows("us_states.csv")})


def fold(text: str) -> str:
    """The matching key of a name: no accents or periods, case-folded, no leading "the".

    >>> fold("The Netherlands"), fold("U.S.A."), fold("Österreich")
    ('netherlands', 'usa', 'osterreich')
    """
    if text.isascii():
        plain = text  # NFKD leaves ASCII as it is, and it has no combining marks
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    key = " ".join(plain.casefold().replace(".", "").replace("&", " and ").split())
    return key.removeprefix("the ")


def _short_code(text: str) -> str | None:
    """``text`` as a capitalised code of up to three letters (``U.S.`` -> ``US``), else None."""
    letters = text.replace(".", "").replace(" ", "")
    if 0 < len(letters) <= 3 and letters.isascii() and letters.isalpha() and letters.isupper():
        return letters
    return None


@cache
def _country_codes() -> Mapping[str, str]:
    """Capitalised codes -> alpha-2: ISO alpha-2 and alpha-3, and the short aliases."""
    codes: dict[str, str] = {}
    for country in pycountry.countries:
        codes[country.alpha_2] = country.alpha_2
        codes[country.alpha_3] = country.alpha_2
    for alias, alpha2 in country_aliases().items():
        code = _short_code(alias)
        if code is not None:
            codes[code] = alpha2
    return MappingProxyType(codes)


@cache
def _country_names() -> Mapping[str, str]:
    """Folded names -> alpha-2: pycountry's name, official and common names, then aliases."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                names[fold(value)] = country.alpha_2
    for alias, alpha2 in country_aliases().items():
        if _short_code(alias) is None:
            names[fold(alias)] = alpha2
    return MappingProxyType(names)


@cache
def _state_names() -> Mapping[str, str]:
    """Folded state names -> code."""
    return MappingProxyType({fold(name): code for name, code in us_states().items()})


@cache
def _state_codes() -> frozenset[str]:
    return frozenset(us_states().values())


def country_code(text: str) -> str | None:
    """A printed country (name, alias or capitalised code) -> ISO alpha-2, else ``None``.

    >>> country_code("U.S."), country_code("Deutschland"), country_code("us"), country_code("Narnia")
    ('US', 'DE', None, None)
    """
    if len(text.replace(".", "").replace(" ", "")) <= 3:
        code = _short_code(text)
        return _country_codes().get(code) if code else None
    return _country_names().get(fold(text))


def state_code(text: str) -> str | None:
    """A printed US state (name, or capitalised code) -> its two-letter code, else ``None``.

    >>> state_code("Washington"), state_code("D.C."), state_code("ny"), state_code("Bavaria")
    ('WA', 'DC', None, None)
    """
    code = _short_code(text)
    if code is not None:
        return code if code in _state_codes() else None
    return _state_names().get(fold(text))


# --- subdivisions and cities ----------------------------------------------------------------


@cache
def _provinces() -> Mapping[str, str]:
    """Canadian province and territory codes and folded names -> ISO 3166-2 (``CA-ON``)."""
    out: dict[str, str] = {}
    for sub in pycountry.subdivisions.get(country_code="CA") or ():
        out[sub.code.removeprefix("CA-")] = sub.code
        out[fold(sub.name)] = sub.code
    return MappingProxyType(out)


def province_code(text: str) -> str | None:
    """A printed Canadian province (capitalised code or name) -> ISO 3166-2, else ``None``.

    >>> province_code("ON"), province_code("Québec"), province_code("on"), province_code("Texas")
    ('CA-ON', 'CA-QC', None, None)
    """
    code = _short_code(text)
    if code is not None:
        return _provinces().get(code) if len(code) == 2 else None
    return _provinces().get(fold(text))


@cache
def _subdivisions(country: str) -> Mapping[str, str]:
    """One country's ISO 3166-2 codes by code suffix (as printed, capitals) and folded name."""
    out: dict[str, str] = {}
    for sub in pycountry.subdivisions.get(country_code=country) or ():
        out[sub.code.split("-", 1)[1]] = sub.code
        out.setdefault(fold(sub.name), sub.code)
    return MappingProxyType(out)


def subdivision_code(country: str, text: str) -> str | None:
    """A printed subdivision of ``country`` (its ISO code suffix in capitals, or its ISO name)
    -> ISO 3166-2, else ``None``. US states are read by :func:`state_code` names too.

    >>> subdivision_code("IN", "Karnataka"), subdivision_code("US", "Texas"), subdivision_code("DE", "BY")
    ('IN-KA', 'US-TX', 'DE-BY')
    """
    if country == "US":
        state = state_code(text)
        return f"US-{state}" if state else None
    code = _short_code(text)
    if code is not None:
        return _subdivisions(country).get(code)
    return _subdivisions(country).get(fold(text))


@dataclass(frozen=True, slots=True)
class City:
    """A city of the gazetteer: where it is and how many people live there."""

    country: str
    """ISO 3166-1 alpha-2."""
    region: str | None
    """ISO 3166-2 of its first-level subdivision where known (``US-IL``, ``CA-ON``, ``IL-M``)."""
    population: int


@cache
def _gazetteer() -> Mapping[str, tuple[City, ...]]:
    """Folded city name or alias -> the cities of that name, largest first."""
    found: dict[str, list[City]] = {}
    for row in _data_rows("places.csv"):
        city = City(row["country"], row["region"] or None, int(row["population"]))
        for key in row["keys"].split("|"):
            found.setdefault(key, []).append(city)
    return MappingProxyType(
        {key: tuple(sorted(cities, key=lambda c: -c.population)) for key, cities in found.items()}
    )


def cities(text: str) -> tuple[City, ...]:
    """The gazetteer's cities printed as ``text`` (name or alias, any case or accents), largest first.

    >>> [(c.country, c.region) for c in cities("Petah Tikva")]
    [('IL', 'IL-M')]
    """
    return _gazetteer().get(fold(text), ())


def largest_in(text: str, country: str, region: str | None = None) -> int:
    """Population of the largest city printed as ``text`` in ``country`` (and ``region``); 0 if none."""
    found = (c for c in cities(text) if c.country == country and (region is None or c.region == region))
    return next((c.population for c in found), 0)
