"""A printed job location -> city, region, country and how remote the job is.

Cards print locations many ways (``Rochester, NY``, ``Seattle, Washington, USA``,
``Remote (anywhere in the U.S.)``, ``London, UK / Berlin, Germany``). This module reads them
without a gazetteer: countries come from ISO 3166-1 (``pycountry``) plus a hand-made alias
table (``pipeline/data/country_aliases.csv``), US states from ``pipeline/data/us_states.csv``.
A city is whatever the text puts in the city position, kept as printed; **a country is
never guessed from a city** (``Springfield`` alone has no country).

Reading one location, the text is cut into segments at commas, brackets, `` - `` and ``:``.
Remote, hybrid and on-site words, filler words (``in the``, ``only``, ``based``, ``time
zones``...) and non-places (``Europe``, ``EMEA``, ``Multiple Locations``, time zones such
as ``EST`` or ``UTC+2``) are removed; the remaining segments read right to left as
``city, region, country``:

* **Country** - the last segment when it names one: a name, official or common name, an
  alias, or an ISO alpha-2/alpha-3 code. Names match ignoring case, accents, periods and a
  leading "the"; codes and aliases of up to three letters match only in capitals, because
  in lower case they are words (``us``, ``in``, ``and``).
* **US state codes win in the region position.** In ``City, XX`` a segment that is a US
  state code or name is the state and the country is US: ``Los Angeles, CA`` is
  California, ``Indianapolis, IN`` Indiana, ``Wilmington, DE`` Delaware, ``Atlanta,
  Georgia`` the state. The trade-off is known and accepted: ``Berlin, DE`` also reads as
  Delaware (US) and ``Tbilisi, Georgia`` as the US state, because on this job board a
  two-letter region after a city is overwhelmingly a US state; write the country name
  (``Berlin, Germany``) to avoid it.
* **Alone, a segment is a country first**: ``US``, ``Germany``, ``CA`` (Canada), ``DE``
  (Germany), ``Georgia`` (the country) give the country only. Otherwise a US state name or
  code alone is the state with no city (``Washington`` -> region ``WA``, ``Texas`` ->
  ``TX``: a bare state name on a job card names the state, and the city of Washington is
  printed ``Washington, DC``). The one exception is **New York**: alone (or as ``New York
  City`` / ``NYC``, or followed only by the country) it is the city of New York in NY state,
  because that is how cards print the city.
* **Region** - for US locations the two-letter state code (``Washington`` -> ``WA``,
  ``D.C.`` -> ``DC``); elsewhere the segment between city and country as printed
  (``Munich, Bavaria, Germany`` -> ``Bavaria``; ``Toronto, ON`` -> region ``ON``, no
  country, since Canadian provinces are not in the tables).
* One segment with no comma may end with a state or country (``Washington DC``, ``Berlin
  Germany``): it is split there when the whole segment names nothing.

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

from pipeline.parse.cards.grammar import clean_line
from pipeline.parse.cards.places import (
    HYBRID_PATTERN,
    ONSITE_PATTERN,
    REMOTE_PATTERN,
    country_code,
    fold,
    state_code,
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
    """State or province: the two-letter code for US states (``NY``), else as printed."""
    country_code: str | None
    """ISO 3166-1 alpha-2; ``None`` when not printed (never guessed from a city)."""
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
        or state_code(segment) is not None
        or fold(segment) in _NEW_YORK
    )


def _split_glued(segment: str) -> list[str]:
    """``Washington DC`` -> [``Washington``, ``DC``]: a trailing state or country of one or
    two words is split off when the whole segment names nothing."""
    words = segment.split()
    if _names_something(segment) or len(words) < 2:
        return [segment]
    for size in (2, 1):
        if len(words) > size:
            tail = " ".join(words[-size:])
            if country_code(tail) is not None or state_code(tail) is not None:
                return [" ".join(words[:-size]), tail]
    return [segment]


def _resolve(segments: Sequence[str]) -> tuple[str | None, str | None, str | None]:
    """Place segments, most specific first -> (city, region, country_code)."""
    segs = list(segments)
    if len(segs) == 1:
        segs = _split_glued(segs[0])
    if not segs:
        return None, None, None
    country: str | None = None
    if not (len(segs) >= 2 and state_code(segs[-1]) is not None):  # region position: state wins
        country = country_code(segs[-1])
        if country is not None:
            segs.pop()
    if not segs:
        return None, None, country
    us_or_unknown = country in (None, "US")
    if len(segs) == 1:
        only = segs[0]
        if us_or_unknown and fold(only) in _NEW_YORK:
            return only, "NY", "US"
        state = state_code(only) if us_or_unknown else None
        if state is not None:
            return None, state, "US"
        return only, None, country
    city, printed_region = segs[0], segs[-1]
    state = state_code(printed_region) if us_or_unknown else None
    if state is not None:
        return city, state, "US"
    return city, printed_region, country


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


def parse_location(text: str | None) -> Location:
    """A printed location -> :class:`Location`. Never raises.

    >>> place = parse_location("Rochester, NY")
    >>> place.city, place.region, place.country_code, place.remote_ratio
    ('Rochester', 'NY', 'US', 0)
    >>> place = parse_location("Remote (anywhere in the U.S.)")
    >>> place.is_remote, place.remote_scope, place.remote_ratio, place.city
    (True, 'US', 100, None)
    """
    cleaned = clean_line(text or "")
    if not cleaned:
        return NOWHERE
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
