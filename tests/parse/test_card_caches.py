"""The remembered card readings (badges, locations) are the readings themselves, and bounded."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.errors import NormalizeError
from pipeline.normalize.location import parse_location
from pipeline.normalize.rows import _card_values, card_row
from pipeline.parse.cards.grammar import CACHED_TEXTS, JobCard, parse_badges, parse_job_card
from pipeline.parse.cards.salary import parse_salary
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


def _fresh_row(card: JobCard, rank: tuple[str, str]) -> dict[str, object]:
    """What card_row gave before its values were remembered: built anew, field by field."""
    row = dict(_card_values.__wrapped__(card))  # type: ignore[attr-defined]
    row["employment_types"], row["locations"] = list(row["employment_types"]), list(row["locations"])
    row["_rank_date"], row["_rank_id"] = rank
    return row


def test_a_remembered_card_row_is_the_fresh_one_and_its_own() -> None:
    card = read_card(CARDS[0])
    first = card_row(card, ("2024-10-30", "a1"))
    first["employment_types"].append("changed")
    first["locations"].append("changed")
    again = card_row(card, ("2024-11-01", "b2"))
    assert again == _fresh_row(card, ("2024-11-01", "b2"))
    assert list(again) == list(_fresh_row(card, ("", "")))  # the columns in the same order
    assert "changed" not in again["employment_types"] and "changed" not in again["locations"]


def test_every_field_of_a_card_is_in_its_row_key() -> None:
    base = read_card(CARDS[0])
    card_row(base, ("", ""))  # remembered
    for other in (replace(base, location="Paris, France"), replace(base, salary=parse_salary("EUR 50K")),
                  replace(base, work_mode="remote"), replace(base, seniority="EX")):
        assert card_row(other, ("", "")) == _fresh_row(other, ("", ""))
        assert card_row(other, ("", "")) != card_row(base, ("", ""))
