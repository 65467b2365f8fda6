"""A card line longer than any card prints is not read by the card grammar (issue: no
document may take long). Before the bound, one badge line of 256 KB (``1 1 1 ...``) cost
about 1.5 s and a location of 256 KB of ``@ |`` or ``a, `` about 1 s; now the card is
reported as ``bad_job_card`` with the line's length, the article keeps its other cards,
and the document costs about what a plain article of its size does."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.errors import NormalizeError
from pipeline.normalize.location import parse_location
from pipeline.parse.cards.bounds import MAX_CARD_LINE, too_long
from pipeline.parse.cards.grammar import parse_badges, parse_job_card
from pipeline.parse.cards.runs import place_score
from pipeline.parse.cards.salary import find_salary, parse_salary
from tests.costs import article, growth, relative_cost, run_text

SIZE = 256 * 1024

HOSTILE_LINES = {  # slot, line (``{v}``: the variant, so that no run reads a line twice)
    "badges: digits and spaces": ("badges", "Full Time {v} " + "1 " * (SIZE // 2)),
    "badges: $1-1-1-": ("badges", "USD {v} $" + "1-" * (SIZE // 2)),
    "badges: years": ("badges", "Full Time {v} " + "2024 " * (SIZE // 5)),
    "place: commas": ("company", "@ Gale Systems | {v} " + "a, " * (SIZE // 3)),
    "place: bars": ("company", "@ Gale Systems | {v} " + "@ |" * (SIZE // 3)),
    "company: bars": ("company", "@ {v} " + "@ |" * (SIZE // 3) + " | Berlin"),
}


def hostile(label: str, variant: int) -> str:
    slot, line = HOSTILE_LINES[label]
    return article(**{slot: line.replace("{v}", str(variant), 1)})


@pytest.mark.parametrize("label", sorted(HOSTILE_LINES))
def test_a_card_line_longer_than_any_card_costs_what_a_plain_article_does(label: str) -> None:
    assert relative_cost(lambda v: hostile(label, v)) < 10  # it was 30 to 100 before the bound


@pytest.mark.parametrize("label", sorted(HOSTILE_LINES))
def test_the_card_of_a_too_long_line_is_reported_and_the_others_kept(label: str) -> None:
    result = run_text(hostile(label, 0))
    rows = result.rows
    assert [row["title"] for row in rows["job_cards"]] == ["Senior Solar Analyst"]
    [problem] = result.quarantine
    assert problem["reason"] == "bad_job_card"
    assert "characters, longer than any job card prints" in problem["detail"]
    assert len(problem["detail"]) < 300  # the detail quotes the line's start, not all of it


def test_a_hostile_badge_line_grows_linearly() -> None:
    ratio = growth(lambda n, v: article(badges=f"Full Time {v} " + "1-" * (n // 2)), 64 * 1024)
    assert ratio < 8


def test_lines_at_the_bound_are_still_read() -> None:
    badges = "Full Time " + "x" * (MAX_CARD_LINE - len("Full Time USD 90K - 120K") - 1) + " USD 90K - 120K"
    assert len(badges) == MAX_CARD_LINE and not too_long(badges)
    types, _, _, salary, _ = parse_badges(badges)
    assert types == ("full_time",) and (salary.min, salary.max) == (90_000, 120_000)
    place = "Berlin, " * ((MAX_CARD_LINE - 7) // 8) + "Germany"
    assert not too_long(place) and parse_location(place).country_code == "DE"


def test_the_readers_give_nothing_for_a_too_long_line() -> None:
    line = "USD 90K " + "1-" * MAX_CARD_LINE
    assert find_salary(line)[0].flag == "missing"
    assert parse_salary(line).flag == "unparsed"
    assert parse_badges("Full Time " + line)[0] == ()
    where = "Berlin, Germany, " + "a, " * MAX_CARD_LINE
    assert parse_location(where).country_code is None and parse_location(where).locations == (where.strip(),)
    assert place_score(where) == 0
    with pytest.raises(NormalizeError, match="longer than any job card"):
        parse_job_card(["Wind Modeller", "@ Gale | Hamburg", line])


CARD_ALPHABET = st.sampled_from([*"1-,. $(|@KkUSDEaA/\t€", " - ", "USD ", " to ", "Full Time "])


@given(st.lists(CARD_ALPHABET, max_size=400).map("".join))
def test_the_card_grammar_reads_any_text(line: str) -> None:
    salary, rest = find_salary(line)
    if salary.text is not None:
        assert salary.text in line and len(rest) < len(line)
    types, _, _, _, leftover = parse_badges(line)
    assert set(types) <= {"full_time", "part_time", "contract", "freelance", "internship", "temporary"}
    assert leftover is None or len(leftover) <= len(line)
    assert place_score(line) in (0, 1, 2)
    assert parse_location(line).remote_ratio in (0, 50, 100)
