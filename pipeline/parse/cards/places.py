"""The place lexicon of the job-card grammar: country and US state names and codes, work modes.

Why in the parser: reading a listing card must tell a place from a company name or a badge
(``Berlin, DE`` is a place, ``Acme Labs`` is not) before any location is normalized, and
the location normalizer resolves places with the same lookups. Countries come from ISO
3166-1 (``pycountry``) plus ``pipeline/data/country_aliases.csv``; US states from
``pipeline/data/us_states.csv``.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Mapping
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
