"""Printed locations -> city, region, country, remote: one row per rule, the data files, properties."""

from __future__ import annotations

import doctest

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

import pipeline.normalize.location
from pipeline.normalize.location import (
    NOWHERE,
    Location,
    parse_location,
    split_locations,
)
from pipeline.parse.cards.grammar import clean_line
from pipeline.parse.cards.places import country_aliases, country_code, state_code, us_states

ALPHA_2 = frozenset(country.alpha_2 for country in pycountry.countries)

# (city, region, country_code, is_remote, remote_scope, remote_ratio)
Fields = tuple[str | None, str | None, str | None, bool, str | None, int]


def fields(place: Location) -> Fields:
    return (place.city, place.region, place.country_code, place.is_remote, place.remote_scope,
            place.remote_ratio)


ON_SITE = 0
HYBRID = 50
REMOTE = 100

# Every location string seen on real cards.
REAL: list[tuple[str, Fields]] = [
    ("Rochester, NY", ("Rochester", "US-NY", "US", False, None, ON_SITE)),
    ("Seattle, Washington, USA", ("Seattle", "US-WA", "US", False, None, ON_SITE)),
    ("Galveston, TX", ("Galveston", "US-TX", "US", False, None, ON_SITE)),
    ("San Francisco, US", ("San Francisco", "US-CA", "US", False, None, ON_SITE)),
    ("Remote", (None, None, None, True, None, REMOTE)),
    ("New York", ("New York", "US-NY", "US", False, None, ON_SITE)),
    ("US", (None, None, "US", False, None, ON_SITE)),
    ("Remote (anywhere in the U.S.)", (None, None, "US", True, "US", REMOTE)),
    ("Berlin, Germany", ("Berlin", "DE-BE", "DE", False, None, ON_SITE)),
    ("London, UK", ("London", "GB-ENG", "GB", False, None, ON_SITE)),
    ("Remote (Europe)", (None, None, None, True, None, REMOTE)),
    ("Remote (US only)", (None, None, "US", True, "US", REMOTE)),
    ("Zurich, Switzerland", ("Zurich", None, "CH", False, None, ON_SITE)),
    ("Toronto, Canada", ("Toronto", "CA-ON", "CA", False, None, ON_SITE)),
    ("Paris, France", ("Paris", None, "FR", False, None, ON_SITE)),
    ("Chicago, IL", ("Chicago", "US-IL", "US", False, None, ON_SITE)),
    ("New York, NY", ("New York", "US-NY", "US", False, None, ON_SITE)),
    ("Pittsburgh, PA", ("Pittsburgh", "US-PA", "US", False, None, ON_SITE)),
    ("Boston, MA, United States", ("Boston", "US-MA", "US", False, None, ON_SITE)),
    ("Austin, Texas, USA", ("Austin", "US-TX", "US", False, None, ON_SITE)),
    ("Munich, Germany", ("Munich", "DE-BY", "DE", False, None, ON_SITE)),
    ("Remote (EU)", (None, None, None, True, None, REMOTE)),
    ("Bengaluru, India", ("Bengaluru", None, "IN", False, None, ON_SITE)),
    ("Amsterdam, Netherlands", ("Amsterdam", None, "NL", False, None, ON_SITE)),
]

# Two-letter codes: a US state in the region position after a city, a country alone.
CODES: list[tuple[str, Fields]] = [
    ("Los Angeles, CA", ("Los Angeles", "US-CA", "US", False, None, ON_SITE)),  # not Canada
    ("Indianapolis, IN", ("Indianapolis", "US-IN", "US", False, None, ON_SITE)),  # not India
    ("Wilmington, DE", ("Wilmington", "US-DE", "US", False, None, ON_SITE)),
    ("Berlin, DE", ("Berlin", "DE-BE", "DE", False, None, ON_SITE)),  # Berlin is in Germany, not Delaware
    ("Portland, OR", ("Portland", "US-OR", "US", False, None, ON_SITE)),  # not the filler word "or"
    ("Tulsa, OK", ("Tulsa", "US-OK", "US", False, None, ON_SITE)),
    ("Savannah, GA", ("Savannah", "US-GA", "US", False, None, ON_SITE)),  # not Gabon
    ("Atlanta, Georgia", ("Atlanta", "US-GA", "US", False, None, ON_SITE)),  # the country has no Atlanta
    ("Washington, DC", ("Washington", "US-DC", "US", False, None, ON_SITE)),
    ("Washington, D.C.", ("Washington", "US-DC", "US", False, None, ON_SITE)),
    ("London, GB", ("London", "GB-ENG", "GB", False, None, ON_SITE)),  # not a state code: country
    ("Berlin, DEU", ("Berlin", "DE-BE", "DE", False, None, ON_SITE)),  # alpha-3
    ("Toronto, ON", ("Toronto", "CA-ON", "CA", False, None, ON_SITE)),  # provinces map to CA
    ("CA", (None, None, "CA", False, None, ON_SITE)),  # alone: a country
    ("DE", (None, None, "DE", False, None, ON_SITE)),
    ("NY", (None, "US-NY", "US", False, None, ON_SITE)),  # not a country: the state
    ("Rochester, ny", ("Rochester", None, None, False, None, ON_SITE)),  # codes only in capitals
    ("Boston, MA, USA", ("Boston", "US-MA", "US", False, None, ON_SITE)),
    ("Paris, TX, France", ("Paris", None, "FR", False, None, ON_SITE)),  # TX is no subdivision of France
]

ALIASES: list[tuple[str, Fields]] = [
    ("Austin, U.S.A.", ("Austin", None, "US", False, None, ON_SITE)),
    ("Austin, United States of America", ("Austin", None, "US", False, None, ON_SITE)),
    ("Austin, America", ("Austin", None, "US", False, None, ON_SITE)),
    ("Edinburgh, Scotland", ("Edinburgh", "GB-SCT", "GB", False, None, ON_SITE)),
    ("Leeds, England", ("Leeds", "GB-ENG", "GB", False, None, ON_SITE)),
    ("London, U.K.", ("London", "GB-ENG", "GB", False, None, ON_SITE)),
    ("London, Great Britain", ("London", "GB-ENG", "GB", False, None, ON_SITE)),
    ("Berlin, Deutschland", ("Berlin", "DE-BE", "DE", False, None, ON_SITE)),
    ("Wien, Österreich", ("Wien", None, "AT", False, None, ON_SITE)),
    ("São Paulo, Brasil", ("São Paulo", None, "BR", False, None, ON_SITE)),
    ("Istanbul, Turkey", ("Istanbul", None, "TR", False, None, ON_SITE)),
    ("Istanbul, Turkiye", ("Istanbul", None, "TR", False, None, ON_SITE)),  # accents ignored
    ("Prague, Czech Republic", ("Prague", None, "CZ", False, None, ON_SITE)),  # pycountry official name
    ("Hanoi, Vietnam", ("Hanoi", None, "VN", False, None, ON_SITE)),  # pycountry common name
    ("Seoul, South Korea", ("Seoul", None, "KR", False, None, ON_SITE)),
    ("Dubai, UAE", ("Dubai", None, "AE", False, None, ON_SITE)),
    ("The Hague, The Netherlands", ("The Hague", None, "NL", False, None, ON_SITE)),
    ("Port of Spain, Trinidad & Tobago", ("Port of Spain", None, "TT", False, None, ON_SITE)),
    ("Germany", (None, None, "DE", False, None, ON_SITE)),
    ("germany", (None, None, "DE", False, None, ON_SITE)),  # names ignore case
]

AMBIGUOUS: list[tuple[str, Fields]] = [
    ("Washington", (None, "US-WA", "US", False, None, ON_SITE)),  # a bare state name is the state
    ("Texas", (None, "US-TX", "US", False, None, ON_SITE)),
    ("New Jersey", (None, "US-NJ", "US", False, None, ON_SITE)),  # not Jersey (JE)
    ("Georgia", (None, None, "GE", False, None, ON_SITE)),  # alone, a country first
    ("New York City", ("New York City", "US-NY", "US", False, None, ON_SITE)),
    ("NYC", ("NYC", "US-NY", "US", False, None, ON_SITE)),
    ("New York, USA", ("New York", "US-NY", "US", False, None, ON_SITE)),
    ("New York, New York", ("New York", "US-NY", "US", False, None, ON_SITE)),
    ("California, USA", (None, "US-CA", "US", False, None, ON_SITE)),
    ("Springfield", ("Springfield", None, None, False, None, ON_SITE)),  # never guess a country
    ("Springfield, Narnia", ("Springfield", None, None, False, None, ON_SITE)),
    ("Munich, Bavaria, Germany", ("Munich", "DE-BY", "DE", False, None, ON_SITE)),
    ("Washington DC", ("Washington", "US-DC", "US", False, None, ON_SITE)),  # glued state code
    ("San Francisco CA", ("San Francisco", "US-CA", "US", False, None, ON_SITE)),
    ("Berlin Germany", ("Berlin", "DE-BE", "DE", False, None, ON_SITE)),
    ("Auckland New Zealand", ("Auckland", None, "NZ", False, None, ON_SITE)),
    ("San Francisco Bay Area", ("San Francisco Bay Area", None, None, False, None, ON_SITE)),
    ("Minneapolis–Saint Paul, MN", ("Minneapolis–Saint Paul", "US-MN", "US", False, None, ON_SITE)),
]

REMOTE_AND_HYBRID: list[tuple[str, Fields]] = [
    ("Hybrid", (None, None, None, False, None, HYBRID)),
    ("Hybrid - London, UK", ("London", "GB-ENG", "GB", False, None, HYBRID)),
    ("London (Hybrid)", ("London", None, None, False, None, HYBRID)),
    ("Hybrid remote", (None, None, None, False, None, HYBRID)),  # hybrid wins inside one location
    ("Anywhere", (None, None, None, True, None, REMOTE)),
    ("Worldwide", (None, None, None, True, None, REMOTE)),
    ("Work from home", (None, None, None, True, None, REMOTE)),
    ("WFH", (None, None, None, True, None, REMOTE)),
    ("Fully Remote", (None, None, None, True, None, REMOTE)),
    ("Remote, Germany", (None, None, "DE", True, "DE", REMOTE)),
    ("Germany (Remote)", (None, None, "DE", True, "DE", REMOTE)),
    ("Remote - US", (None, None, "US", True, "US", REMOTE)),
    ("US Remote", (None, None, "US", True, "US", REMOTE)),
    ("US-based remote", (None, None, "US", True, "US", REMOTE)),
    ("Remote (US time zones)", (None, None, "US", True, "US", REMOTE)),
    ("Remote (within the UK)", (None, None, "GB", True, "GB", REMOTE)),
    ("Remote (EST)", (None, None, None, True, None, REMOTE)),  # a time zone, not Estonia
    ("Remote (UTC+2)", (None, None, None, True, None, REMOTE)),
    ("Remote (EMEA)", (None, None, None, True, None, REMOTE)),
    ("Remote (US or Canada)", (None, None, None, True, None, REMOTE)),  # several countries: no scope
    ("Remote (UK/EU)", (None, None, None, True, None, REMOTE)),
    ("Berlin, Germany (Remote)", ("Berlin", "DE-BE", "DE", True, "DE", REMOTE)),
    ("Non-remote - Austin, TX", ("Austin", "US-TX", "US", False, None, ON_SITE)),
    ("Not remote", (None, None, None, False, None, ON_SITE)),
    ("On-site - Paris, France", ("Paris", None, "FR", False, None, ON_SITE)),
]

SEVERAL: list[tuple[str, Fields, tuple[str, ...]]] = [
    ("New York, NY; Remote", ("New York", "US-NY", "US", True, None, REMOTE), ("New York, NY", "Remote")),
    ("London, UK / Berlin, Germany", ("London", "GB-ENG", "GB", False, None, ON_SITE),
     ("London, UK", "Berlin, Germany")),
    ("Remote; New York, NY", ("New York", "US-NY", "US", True, None, REMOTE), ("Remote", "New York, NY")),
    ("Austin, TX or Remote (US only)", ("Austin", "US-TX", "US", True, "US", REMOTE),
     ("Austin, TX", "Remote (US only)")),
    ("Portland, OR / Seattle, WA", ("Portland", "US-OR", "US", False, None, ON_SITE),
     ("Portland, OR", "Seattle, WA")),  # capital OR is Oregon, not a separator
    ("Remote | Europe", (None, None, None, True, None, REMOTE), ("Remote", "Europe")),
    ("Hybrid - London, UK; Paris, France", ("London", "GB-ENG", "GB", False, None, HYBRID),
     ("Hybrid - London, UK", "Paris, France")),
    ("Multiple Locations", (None, None, None, False, None, ON_SITE), ("Multiple Locations",)),
    ("Dallas/Fort Worth, TX", ("Dallas/Fort Worth", "US-TX", "US", False, None, ON_SITE),
     ("Dallas/Fort Worth, TX",)),  # a slash without spaces does not split
    ("  Seattle,\u00a0 WA ;;  ", ("Seattle", "US-WA", "US", False, None, ON_SITE), ("Seattle, WA",)),
]


@pytest.mark.parametrize(("text", "expected"), REAL + CODES + ALIASES + AMBIGUOUS + REMOTE_AND_HYBRID)
def test_location_fields(text: str, expected: Fields) -> None:
    place = parse_location(text)
    assert fields(place) == expected
    assert place.locations == (text,)


@pytest.mark.parametrize(("text", "expected", "locations"), SEVERAL)
def test_several_locations(text: str, expected: Fields, locations: tuple[str, ...]) -> None:
    place = parse_location(text)
    assert fields(place) == expected
    assert place.locations == locations


@pytest.mark.parametrize("text", [None, "", "   ", "\u200b"])
def test_no_location(text: str | None) -> None:
    assert parse_location(text) == NOWHERE
    assert NOWHERE.locations == ()
    assert NOWHERE.remote_ratio == 0


def test_separators_inside_brackets_do_not_split() -> None:
    assert split_locations("Remote (US or Canada); Austin, TX") == ("Remote (US or Canada)", "Austin, TX")
    assert split_locations("A | B | C") == ("A", "B", "C")


def test_country_and_state_lookups() -> None:
    assert country_code("us") is None  # lower-case short codes are words
    assert country_code("USA") == "US"
    assert country_code("United Kingdom of Great Britain and Northern Ireland") == "GB"
    assert state_code("District of Columbia") == "DC"
    assert state_code("Ontario") is None


def test_alias_table_maps_to_real_countries() -> None:
    aliases = country_aliases()
    assert {"USA", "U.S.", "U.S.A.", "US", "United States", "America"} <= set(aliases)
    assert {aliases[a] for a in ("UK", "U.K.", "England", "Scotland", "Great Britain")} == {"GB"}
    assert aliases["Deutschland"] == "DE"
    bad = {alias: code for alias, code in aliases.items() if code not in ALPHA_2}
    assert bad == {}
    assert all(country_code(alias) == code for alias, code in aliases.items())


def test_us_states_match_pycountry() -> None:
    states = us_states()
    expected = {
        s.name: s.code.removeprefix("US-")
        for s in pycountry.subdivisions.get(country_code="US")
        if s.type in ("State", "District")
    }
    assert dict(states) == expected
    assert len(states) == 51


def test_data_files_name_their_source() -> None:
    from importlib import resources

    for name in ("country_aliases.csv", "us_states.csv"):
        first = resources.files("pipeline").joinpath("data", name).read_text("utf-8").splitlines()[0]
        assert first.startswith("# ") and len(first) > 40, name


def test_doctests() -> None:
    result = doctest.testmod(pipeline.normalize.location)
    assert result.attempted > 0
    assert result.failed == 0


# --- properties ----------------------------------------------------------------------------

_FRAGMENTS = st.sampled_from([
    "Remote", "remote", "Hybrid", "non-remote", "WFH", "Anywhere", "(", ")", "[", "]", ",", ", ",
    " / ", "/", ";", " or ", " | ", " - ", ":", "New York", "NY", "CA", "DE", "Georgia", "US",
    "U.S.", "UK", "Germany", "Washington", "DC", "Springfield", "EST", "UTC+2", "Europe", "the",
    "only", "in", " ", "Multiple Locations", "São Paulo", "\u00a0", "-", "&", "and",
])


@given(st.one_of(st.text(), st.lists(_FRAGMENTS, max_size=12).map("".join)))
def test_parse_location_properties(text: str) -> None:
    place = parse_location(text)
    assert place == parse_location(text)  # deterministic
    assert place.remote_ratio in {0, 50, 100}
    assert place.is_remote == (place.remote_ratio == 100)
    assert place.country_code is None or place.country_code in ALPHA_2
    assert place.remote_scope is None or place.remote_scope in ALPHA_2
    if place.remote_scope is not None:
        assert place.is_remote
    assert all(isinstance(part, str) and part for part in place.locations)
    assert bool(place.locations) == bool(clean_line(text))
