"""A printed job location -> city, region, country and how remote the job is.

Cards print locations many ways (``Rochester, NY``, ``Berlin, DE``, ``Toronto, ON``,
``Petah Tikva, Center District, IL``, ``Remote (anywhere in the U.S.)``, ``London, UK /
Berlin, Germany``). Countries come from ISO 3166-1 (``pycountry``) plus a hand-made alias
table (``pipeline/data/country_aliases.csv``), US states from ``pipeline/data/us_states.csv``,
Canadian provinces and other subdivisions from ISO 3166-2 (``pycountry``), and cities from a
gazetteer, GeoNames' cities of 15,000 people or more (``pipeline/data/places.csv``, see
:mod:`pipeline.parse.cards.places`). The city is kept as printed.

Reading one location, the text is cut into segments at commas, brackets, `` - `` and ``:``.
Remote, hybrid and on-site words, filler words (``in the``, ``only``, ``based``, ``time
zones``...) and non-places (``Europe``, ``EMEA``, ``Multiple Locations``, time zones such
as ``EST`` or ``UTC+2``) are removed; the remaining segments read as ``city, [region,]
country``:

* **The last segment after a city** is a country (name, alias, ISO alpha-2 or alpha-3; codes
  and aliases of up to three letters only in capitals, because in lower case they are words:
  ``us``, ``in``), a US state or a Canadian province. When it can be both a country and a
  state or province (``DE``, ``IN``, ``IL``, ``CO``, ``GA``, ``PE``, ``Georgia``), it is the
  **country when the city exists there and is larger than any same-named city in that state
  or province** (``Berlin, DE`` is Germany, ``Wilmington, DE`` Delaware, ``Bogotá, CO``
  Colombia, ``Denver, CO`` Colorado); a city the gazetteer does not know takes the state or
  province for a code and the country for a full name (``Tbilisi, Georgia``; ``Atlanta,
  Georgia`` is the state because the country has no Atlanta). Canadian provinces (``ON``,
  ``QC``, ``BC``, ...) give CA. A segment that is none of these may still be a subdivision
  of a country the city is in (``Sydney, NSW``, ``Pune, Maharashtra``).
* **Alone, a segment is a country first**: ``US``, ``Germany``, ``CA`` (Canada), ``DE``
  (Germany), ``Georgia`` (the country). Otherwise a US state or Canadian province alone is
  the region with no city (``Washington`` -> ``US-WA``, ``Ontario`` -> ``CA-ON``: a bare
  state name on a job card names the state, and the city of Washington is printed
  ``Washington, DC``). **New York** alone (or ``New York City`` / ``NYC``, or followed only
  by the country) is the city of New York in ``US-NY``. A city alone gets **no country**:
  ``Springfield`` and ``Berlin`` alone stay unknown, never a default.
* **Region** is an ISO 3166-2 code: the printed state or province (``US-IL``, ``CA-ON``), a
  printed region that names a subdivision of the country (``Bengaluru, Karnataka, India``
  -> ``IN-KA``), else the gazetteer's region of the city when every same-named city of that
  country is in one region (``Petah Tikva, ..., IL`` -> ``IL-M``, ``Munich, Germany`` ->
  ``DE-BY``); otherwise null. ``region`` always lies in ``country_code``.
* One segment with no comma may end with a state, province or country (``Washington DC``,
  ``Berlin Germany``): it is split there when the whole segment names nothing and is no
  known city.

The labelled table ``tests/normalize/places_labelled.csv`` measures these rules; the
figures are in ``docs/reference-data.md``.

Remote ratio (the public ai-jobs.net salary dataset's ``remote_ratio``): 100 when the text
says remote, anywhere, worldwide, work from home or WFH (``non-remote``, ``not remote``,
``no remote`` do not count), 50 when it says hybrid (hybrid wins inside one location:
``Hybrid (2 days remote)`` is hybrid), else 0. ``is_remote`` is ``remote_ratio == 100``.

A remote location that names a country is limited to it: ``remote_scope`` is that country
(``Remote (US only)`` -> ``US``) and it is also the ``country_code`` (the job is a US job
for a country filter). A non-country area gives no scope (``Remote (Europe)`` -> ``None``).

Several locations in one card are split on ``;``, `` / ``, `` or `` (lower case: ``OR`` is
Oregon) and ``|`` outside brackets. Each goes to ``locations`` as printed; city, region and
country come from the **first location that names a place** (``Remote; New York, NY`` ->
New York); the remote ratio is the most remote option offered (``New York, NY; Remote`` ->
100, since a candidate may choose remote), and ``remote_scope`` comes from the first remote
location. A bracket listing several countries (``Remote (US or Canada)``) names no single
country, so it gives no country and no scope.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.common.memo import remembered
from pipeline.parse.cards.bounds import too_long
from pipeline.parse.cards.grammar import CACHED_TEXTS, clean_line
from pipeline.parse.cards.places import (
    HYBRID_PATTERN,
    ONSITE_PATTERN,
    REMOTE_PATTERN,
    cities,
    country_code,
    fold,
    largest_in,
    province_code,
    state_code,
    subdivision_code,
)

# --- vocabulary (data) ---------------------------------------------------------------------

FILLER_WORDS: frozenset[str] = frozenset(
    {
        "in", "the", "only", "within", "from", "based", "any", "across", "fully", "full",
        "partially", "partly", "100%", "friendly", "first", "ok", "possible", "allowed",
        "eligible", "residents", "candidates", "time", "zone", "zones", "timezone",
        "timezones", "hours", "or", "and", "&",
    }
)
"""Words around a place in a remote or hybrid qualifier (``anywhere in the U.S.``, ``US
only``, ``US time zones``); stripped from both ends of a segment. ``The`` with a capital is
kept, so ``The Hague`` stays whole, and so are short words in capitals (``Portland, OR``)."""

AREAS: frozenset[str] = frozenset(
    {
        "europe", "eu", "emea", "apac", "asia pacific", "asia", "africa", "middle east",
        "oceania", "latam", "latin america", "americas", "north america", "south america",
        "central america", "nordics", "dach", "benelux", "global", "international",
        "multiple locations", "various locations", "several locations", "multiple", "various",
        "flexible", "tbd", "tba", "n/a",
        "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet",
        "cest", "eet", "eest", "aest", "ist",
    }
)
"""Non-places, folded: areas that are not countries, "several places" phrases and time
zones. They give no city, region, country or scope (``Remote (Europe)``, ``Remote (EST)``,
where ``EST`` would otherwise read as Estonia's alpha-3 code)."""

_TIMEZONE = re.compile(r"(?:utc|gmt)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?", re.IGNORECASE)
_NEW_YORK = frozenset({"new york", "new york city", "nyc"})
_PART_SEPARATOR = re.compile(r"\s*;\s*|\s+/\s+|\s+[oO]r\s+|\s*\|\s*")  # not "OR": Oregon
_ALTERNATIVES = re.compile(r"\s+(?:[oO]r|[aA]nd)\s+|\s*[/&|;+]\s*")
_SEGMENT_SEPARATOR = re.compile(r"[,()\[\]]|\s+[-–—]\s+|\s*:\s*")
_PUNCT = " -–—/:;,&+*·•"
_BASED = re.compile(r"[-\s]based$", re.IGNORECASE)
# A word that ONSITE_PATTERN, HYBRID_PATTERN or REMOTE_PATTERN needs (lower case): ASCII text
# without any of them leaves the three patterns nothing to remove.
_WORK_MODE_WORDS = ("remote", "site", "office", "person", "hybrid", "anywhere", "worldwide", "home", "wfh")
_OPEN, _CLOSE = "([", ")]"

# --- the parsed location -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Location:
    """A printed location, read (see the module docstring for every rule)."""

    city: str | None
    """City of the first location that names a place, as printed (whitespace-normalized)."""
    region: str | None
    """ISO 3166-2 subdivision where known (``US-NY``, ``CA-ON``, ``IL-M``), else ``None``."""
    country_code: str | None
    """ISO 3166-1 alpha-2; ``None`` when not printed (a city alone gives none)."""
    is_remote: bool
    """``remote_ratio == 100``: some location on the card is remote."""
    remote_scope: str | None
    """Alpha-2 country the remote job is limited to (``Remote (US only)`` -> ``US``), else None."""
    remote_ratio: int
    """0 on-site, 50 hybrid, 100 remote (ai-jobs.net salary dataset convention)."""
    locations: tuple[str, ...]
    """Each location as printed; one for a single location, empty when there is none."""


NOWHERE = Location(None, None, None, False, None, 0, ())


@dataclass(frozen=True, slots=True)
class _Place:
    city: str | None
    region: str | None
    country: str | None
    ratio: int

    @property
    def named(self) -> bool:
        return bool(self.city or self.region or self.country)


def split_locations(text: str) -> tuple[str, ...]:
    """A cleaned location line -> each location, split on ``;``, `` / ``, `` or ``, ``|``.

    Separators inside brackets do not split (``Remote (US or Canada)`` stays whole).

    >>> split_locations("London, UK / Berlin, Germany")
    ('London, UK', 'Berlin, Germany')
    >>> split_locations("Remote (US or Canada)")
    ('Remote (US or Canada)',)
    """
    if "(" not in text and "[" not in text:
        return _split_masked(text, text)
    masked: list[str] = []
    depth = 0
    for char in text:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
        masked.append("_" if depth and char not in _OPEN else char)
    return _split_masked(text, "".join(masked))


def _split_masked(text: str, masked: str) -> tuple[str, ...]:
    """Split ``text`` where its bracket-masked copy has a location separator."""
    pieces: list[str] = []
    start = 0
    for match in _PART_SEPARATOR.finditer(masked):
        pieces.append(text[start : match.start()])
        start = match.end()
    pieces.append(text[start:])
    return tuple(piece.strip() for piece in pieces if piece.strip(_PUNCT))


def _is_filler(word: str) -> bool:
    """A filler word; ``The`` and capitalised short words are not (``IN``, ``OR`` and ``OK``
    are state codes in ``Portland, OR``)."""
    bare = word.strip(_PUNCT)
    if bare == "The" or (bare.isupper() and len(bare) <= 3):
        return False
    return bare.casefold() in FILLER_WORDS


def _strip_segment(segment: str) -> str:
    """A segment without on-site/hybrid/remote words, filler at its ends and stray punctuation."""
    if segment.isascii() and not any(word in segment.lower() for word in _WORK_MODE_WORDS):
        text = segment  # none of the three patterns can match
    else:
        text = ONSITE_PATTERN.sub(" ", segment)
        text = HYBRID_PATTERN.sub(" ", text)
        text = REMOTE_PATTERN.sub(" ", text)
    words = text.strip(_PUNCT).split()
    while words and _is_filler(words[0]):
        words.pop(0)
    while words and _is_filler(words[-1]):
        words.pop()
    text = _BASED.sub("", " ".join(words))
    return text.strip(_PUNCT)


def _is_area(segment: str) -> bool:
    """A non-place, or a list of countries and non-places (``US or Canada``, ``UK/EU``):
    several places name no single country, so the segment gives nothing."""
    if fold(segment) in AREAS or _TIMEZONE.fullmatch(segment):
        return True
    options = [o for o in (_strip_segment(o) for o in _ALTERNATIVES.split(segment)) if o]
    return len(options) > 1 and all(_is_area(o) or country_code(o) is not None for o in options)


def _is_place(segment: str) -> bool:
    return bool(segment) and not _is_area(segment)


def _names_something(segment: str) -> bool:
    return (
        country_code(segment) is not None
        or _subdivision(segment) is not None
        or fold(segment) in _NEW_YORK
    )


def _subdivision(segment: str) -> str | None:
    """A US state or Canadian province, as ISO 3166-2 (``US-IL``, ``CA-ON``), else None."""
    state = state_code(segment)
    return f"US-{state}" if state else province_code(segment)


def _is_code(segment: str) -> bool:
    bare = segment.replace(".", "").replace(" ", "")
    return len(bare) <= 3 and bare.isupper()


def _tail(city: str, tail: str) -> tuple[str | None, str | None]:
    """The last segment after a city -> (country, subdivision the segment itself names).

    A segment that is both a country and a US state or Canadian province (``DE``, ``IN``,
    ``IL``, ``CO``, ``Georgia``) is the country when the city exists there and is larger than
    any same-named city in that state or province; else the state or province. A full
    country name is the country unless the city is only known in the same-named state.
    """
    country, subdivision = country_code(tail), _subdivision(tail)
    if subdivision is None:
        return country, None
    if country is None:
        return subdivision[:2], subdivision
    in_country = largest_in(city, country)
    in_subdivision = largest_in(city, subdivision[:2], subdivision)
    if in_country > in_subdivision or (not _is_code(tail) and not in_subdivision):
        return country, None
    return subdivision[:2], subdivision


def _region(city: str | None, country: str | None, printed: str | None) -> str | None:
    """ISO 3166-2 of a place: the printed region when it names a subdivision of the country,
    else the gazetteer's, when every city of that name in the country is in one region."""
    if country is None:
        return None
    if printed:
        code = subdivision_code(country, printed) or (province_code(printed) if country == "CA" else None)
        if code is not None:
            return code
    if city:
        regions = {c.region for c in cities(city) if c.country == country}
        if len(regions) == 1:
            return regions.pop()
    return None


def _split_glued(segment: str) -> list[str]:
    """``Washington DC`` -> [``Washington``, ``DC``]: a trailing state, province or country of
    one or two words is split off when the whole segment names nothing (nor a known city)."""
    words = segment.split()
    if _names_something(segment) or len(words) < 2 or cities(segment):
        return [segment]
    for size in (2, 1):
        if len(words) > size:
            tail = " ".join(words[-size:])
            if country_code(tail) is not None or _subdivision(tail) is not None:
                return [" ".join(words[:-size]), tail]
    return [segment]


def _resolve(segments: Sequence[str]) -> tuple[str | None, str | None, str | None]:
    """Place segments, most specific first -> (city, region, country_code)."""
    segs = list(segments)
    if len(segs) == 1:
        segs = _split_glued(segs[0])
    if not segs:
        return None, None, None
    if len(segs) == 1:
        only = segs[0]
        if fold(only) in _NEW_YORK:
            return only, "US-NY", "US"
        country = country_code(only)
        if country is not None:  # alone, a segment is a country first (CA is Canada)
            return None, None, country
        subdivision = _subdivision(only)
        if subdivision is not None:  # "Texas", "Ontario": the region, no city
            return None, subdivision, subdivision[:2]
        return only, None, None  # a city alone: no country is guessed
    city = segs[0]
    country, subdivision = _tail(city, segs[-1])
    if country is None:  # no country printed: a subdivision of a country the city is in names it
        for known in cities(city):  # "Sydney, NSW", "Pune, Maharashtra" (largest city first)
            code = subdivision_code(known.country, segs[-1])
            if code is not None:
                return city, code, known.country
        return city, None, None  # "Munich, Bavaria" (not an ISO name), "Springfield, Narnia"
    if subdivision is not None:
        return city, subdivision, country
    printed_region = segs[-2] if len(segs) >= 3 else None
    if len(segs) == 2 and fold(city) in _NEW_YORK and country == "US":
        return city, "US-NY", "US"
    named = _subdivision(city) if len(segs) == 2 else None
    if named is not None and named[:2] == country and not largest_in(city, country):
        return None, named, country  # "California, USA", "Ontario, Canada": a region, no city
    return city, _region(city, country, printed_region), country


def _parse_one(text: str) -> _Place:
    """One printed location -> its place and remote ratio."""
    if HYBRID_PATTERN.search(text):
        ratio = 50
    elif REMOTE_PATTERN.search(text):
        ratio = 100
    else:
        ratio = 0
    segments = [_strip_segment(raw) for raw in _SEGMENT_SEPARATOR.split(text)]
    city, region, country = _resolve([s for s in segments if _is_place(s)])
    return _Place(city, region, country, ratio)


@remembered(maxsize=CACHED_TEXTS)
def parse_location(text: str | None) -> Location:
    """A printed location -> :class:`Location`. Never raises.

    Remembered per process (the result is immutable): the board features the same jobs on
    many articles, so a worker reads the same few hundred location lines again and again.

    >>> place = parse_location("Rochester, NY")
    >>> place.city, place.region, place.country_code, place.remote_ratio
    ('Rochester', 'US-NY', 'US', 0)
    >>> place = parse_location("Remote (anywhere in the U.S.)")
    >>> place.is_remote, place.remote_scope, place.remote_ratio, place.city
    (True, 'US', 100, None)
    """
    cleaned = clean_line(text or "")
    if not cleaned:
        return NOWHERE
    if too_long(cleaned):  # not a place a card prints (pipeline.parse.cards.bounds): kept, not read
        return Location(None, None, None, False, None, 0, (cleaned,))
    printed = split_locations(cleaned) or (cleaned,)
    places = [_parse_one(part) for part in printed]
    ratio = max(place.ratio for place in places)
    first = next((place for place in places if place.named), None)
    scope = next((place.country for place in places if place.ratio == 100), None)
    return Location(
        city=first.city if first else None,
        region=first.region if first else None,
        country_code=first.country if first else None,
        is_remote=ratio == 100,
        remote_scope=scope,
        remote_ratio=ratio,
        locations=printed,
    )
