"""The remembered card readings (badges, locations) are the readings themselves, and bounded."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.errors import NormalizeError
from pipeline.normalize.location import parse_location
from pipeline.parse.cards.grammar import CACHED_TEXTS, parse_badges, parse_job_card
from pipeline.parse.tail import read_card

BADGES = ["Full Time Senior-level USD 120K - 150K", "Mid-level", "Part Time EUR 40K+", "", "Contract"]
PLACES = ["Petah Tikva, Center District, IL", "Remote (anywhere in the U.S.)", "Rochester, NY", None, ""]


@pytest.mark.parametrize("line", BADGES)
def test_badges_read_alike_twice_and_uncached(line: str) -> None:
    assert parse_badges(line) == parse_badges(line) == parse_badges.__wrapped__(line)


@pytest.mark.parametrize("text", PLACES)
def test_locations_read_alike_twice_and_uncached(text: str | None) -> None:
    assert parse_location(text) == parse_location(text) == parse_location.__wrapped__(text)


@given(st.text(max_size=40))
def test_any_line_reads_as_uncached(line: str) -> None:
    assert parse_badges(line) == parse_badges.__wrapped__(line)
    assert parse_location(line) == parse_location.__wrapped__(line)


def test_the_caches_are_bounded() -> None:
    assert parse_badges.cache_info().maxsize == parse_location.cache_info().maxsize == CACHED_TEXTS
    assert read_card.cache_info().maxsize == CACHED_TEXTS


CARDS = [("Data Engineer", "@ Acme | Berlin, Germany", BADGES[0]), ("Featured Job", "ML Lead", "Mid-level"),
         ("Analyst",), ("Analyst", "@ Initech", "Contract", "Part Time EUR 40K+")]


@pytest.mark.parametrize("lines", CARDS)
def test_cards_read_alike_twice_and_uncached(lines: tuple[str, ...]) -> None:
    assert read_card(lines) is read_card(lines)
    assert read_card(lines) == parse_job_card(list(lines))


def test_an_unreadable_card_raises_every_time() -> None:
    for _ in range(2):
        with pytest.raises(NormalizeError):
            read_card(("@ Acme | Berlin", "Full Time"))
