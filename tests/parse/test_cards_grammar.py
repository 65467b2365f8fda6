"""Job card lines -> JobCard: company line, remote, badges, whole cards, and properties."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pipeline.parse.cards.grammar
from pipeline.errors import NormalizeError
from pipeline.parse.cards.grammar import (
    EMPLOYMENT_CODES,
    EMPLOYMENT_PHRASES,
    SENIORITY_CODES,
    SENIORITY_PHRASES,
    JobCard,
    clean_line,
    is_remote_location,
    parse_badges,
    parse_company_location,
    parse_job_card,
)
from pipeline.parse.cards.salary import FLAGS, MISSING, parse_salary

EMPLOYMENT_NAMES = {"full_time", "part_time", "contract", "freelance", "internship", "temporary"}

# (company line, (company, location))
COMPANY_LINES = [
    ("@ lanternfish | Remote (anywhere in the U.S.)", ("lanternfish", "Remote (anywhere in the U.S.)")),
    ("@ Northgate Institute of Technology | Rochester, NY",
     ("Northgate Institute of Technology", "Rochester, NY")),
    ("@ Parcelpoint.com | Seattle, Washington, USA", ("Parcelpoint.com", "Seattle, Washington, USA")),
    ("@ Coastal Medical University | Galveston, TX",
     ("Coastal Medical University", "Galveston, TX")),
    ("@ Quill Network | San Francisco, US", ("Quill Network", "San Francisco, US")),
    ("@ Verity Labs | Remote", ("Verity Labs", "Remote")),
    ("@ Parsimony AI | New York", ("Parsimony AI", "New York")),
    ("@ Parsimony AI | US", ("Parsimony AI", "US")),
    ("@Acme | Berlin", ("Acme", "Berlin")),  # no space after @
    ("@Acme|Berlin", ("Acme", "Berlin")),  # no spaces around |
    ("@  Acme   Labs  |   Paris,  France ", ("Acme Labs", "Paris, France")),  # whitespace folded
    ("@\u00a0Acme\u00a0|\u00a0Paris", ("Acme", "Paris")),  # non-breaking spaces
    ("@ Acme", ("Acme", None)),  # no location
    ("@ Acme |", ("Acme", None)),  # empty location
    ("@ | Remote", (None, "Remote")),  # empty company
    ("@ A | B | C", ("A", "B | C")),  # first | splits (documented)
    ("Acme | Remote", ("Acme", "Remote")),  # the @ is optional here
    ("", (None, None)),
]


@pytest.mark.parametrize(("line", "expected"), COMPANY_LINES)
def test_parse_company_location(line: str, expected: tuple[str | None, str | None]) -> None:
    assert parse_company_location(line) == expected


# (location, is remote)
LOCATIONS = [
    ("Remote (anywhere in the U.S.)", True),
    ("Remote", True),
    ("Rochester, NY", False),
    ("Seattle, Washington, USA", False),
    ("Galveston, TX", False),
    ("San Francisco, US", False),
    ("New York", False),
    ("US", False),
    ("REMOTE - EU", True),  # any case
    ("remote-first", True),
    ("Anywhere", True),
    ("Worldwide", True),
    ("Work from home", True),
    ("Berlin or work  from home", True),
    ("Hybrid - London", False),
    ("Non-remote, Austin", False),  # says the opposite
    ("Not remote", False),
    ("Remoteville, OH", False),  # a place, not the word
    ("", False),
    (None, False),
]


@pytest.mark.parametrize(("location", "remote"), LOCATIONS)
def test_is_remote_location(location: str | None, remote: bool) -> None:
    assert is_remote_location(location) is remote


Badges = tuple[tuple[str, ...], str | None, str | None, str | None, str | None]

# (badge line, (employment_types, seniority, seniority_text, salary text, leftover))
BADGE_LINES = [
    ("Full Time Senior-level / Expert USD 125K - 155K",
     (("full_time",), "SE", "Senior-level / Expert", "USD 125K - 155K", None)),
    ("Full Time Mid-level / Intermediate USD 105K - 135K",
     (("full_time",), "MI", "Mid-level / Intermediate", "USD 105K - 135K", None)),
    ("Full Time Internship Entry-level / Junior USD 88K - 180K",
     (("full_time", "internship"), "EN", "Entry-level / Junior", "USD 88K - 180K", None)),
    ("Internship Entry-level / Junior USD 62K - 94K",
     (("internship",), "EN", "Entry-level / Junior", "USD 62K - 94K", None)),
    ("Full Time Senior-level / Expert USD 2222222K - 2222222K",
     (("full_time",), "SE", "Senior-level / Expert", "USD 2222222K - 2222222K", None)),
    ("Full TimeSenior-level / ExpertUSD 125K - 155K",  # glued badges
     (("full_time",), "SE", "Senior-level / Expert", "USD 125K - 155K", None)),
    ("Full TimeInternshipEntry-level / JuniorUSD 88K - 180K",
     (("full_time", "internship"), "EN", "Entry-level / Junior", "USD 88K - 180K", None)),
    ("[Full Time] [Senior-level / Expert] [USD 125K - 155K]",  # bracketed badges
     (("full_time",), "SE", "Senior-level / Expert", "USD 125K - 155K", None)),
    ("Executive-level / Director EUR 200K", ((), "EX", "Executive-level / Director", "EUR 200K", None)),
    ("Full Time", (("full_time",), None, None, None, None)),  # no salary
    ("Senior-level / Expert", ((), "SE", "Senior-level / Expert", None, None)),
    ("USD 90K", ((), None, None, "USD 90K", None)),
    ("", ((), None, None, None, None)),
    ("Full Time Senior-level / Expert Remote-friendly", (("full_time",), "SE", "Senior-level / Expert", None,
                                                         "Remote-friendly")),  # unknown badge kept
    ("Full Time Mid-level / Intermediate Senior-level / Expert",  # conflicting levels: first wins
     (("full_time",), "MI", "Mid-level / Intermediate", None, "Senior-level / Expert")),
    ("Senior Expert", ((), "SE", "Senior", None, None)),  # agreeing levels are understood
    ("Full Time Full-time", (("full_time",), None, None, None, None)),  # repeats are kept once
    ("International", ((), None, None, None, "International")),  # "Intern" needs a word end
]


@pytest.mark.parametrize(("line", "expected"), BADGE_LINES)
def test_parse_badges(line: str, expected: Badges) -> None:
    types, seniority, seniority_text, salary, leftover = parse_badges(line)
    assert (types, seniority, seniority_text, salary.text, leftover) == expected


# (badge, seniority code, as printed)
SENIORITY = [
    ("Entry-level / Junior", "EN", "Entry-level / Junior"),
    ("Mid-level / Intermediate", "MI", "Mid-level / Intermediate"),
    ("Senior-level / Expert", "SE", "Senior-level / Expert"),
    ("Executive-level / Director", "EX", "Executive-level / Director"),
    ("senior-level/expert", "SE", "senior-level/expert"),
    ("Senior level / Expert", "SE", "Senior level / Expert"),
    ("[EN]", "EN", "EN"),
    ("[MI]", "MI", "MI"),
    ("[SE]", "SE", "SE"),
    ("[EX]", "EX", "EX"),
    ("[ se ]", "SE", "se"),
    ("Entry-level", "EN", "Entry-level"),
    ("entry level", "EN", "entry level"),
    ("Junior", "EN", "Junior"),
    ("Mid-level", "MI", "Mid-level"),
    ("Intermediate", "MI", "Intermediate"),
    ("Senior", "SE", "Senior"),
    ("SENIOR", "SE", "SENIOR"),
    ("Expert", "SE", "Expert"),
    ("Executive", "EX", "Executive"),
    ("director", "EX", "director"),
    ("SE", None, None),  # bare codes only in brackets
]


@pytest.mark.parametrize(("badge", "code", "printed"), SENIORITY)
def test_seniority(badge: str, code: str | None, printed: str | None) -> None:
    _, seniority, seniority_text, _, _ = parse_badges(badge)
    assert (seniority, seniority_text) == (code, printed)


# (badge, employment types)
EMPLOYMENT = [
    ("Full Time", ("full_time",)),
    ("Full-time", ("full_time",)),
    ("fulltime", ("full_time",)),
    ("FULL TIME", ("full_time",)),
    ("Part Time", ("part_time",)),
    ("part-time", ("part_time",)),
    ("Contract", ("contract",)),
    ("Contractor", ("contract",)),
    ("Freelance", ("freelance",)),
    ("Internship", ("internship",)),
    ("Intern", ("internship",)),
    ("Temporary", ("temporary",)),
    ("[Full Time]", ("full_time",)),
    ("[FT]", ("full_time",)),
    ("[PT] [CT] [FL]", ("part_time", "contract", "freelance")),
    ("Part Time Contract Temporary", ("part_time", "contract", "temporary")),  # printed order
    ("Internship Full Time", ("internship", "full_time")),
]


@pytest.mark.parametrize(("badge", "types"), EMPLOYMENT)
def test_employment_types(badge: str, types: tuple[str, ...]) -> None:
    assert parse_badges(badge)[0] == types


def test_vocabulary_uses_dataset_codes() -> None:
    assert set(SENIORITY_CODES) == {"EN", "MI", "SE", "EX"}
    assert {code for _, code in SENIORITY_PHRASES} == set(SENIORITY_CODES)
    assert {name for _, name in EMPLOYMENT_PHRASES} == EMPLOYMENT_NAMES
    assert set(EMPLOYMENT_CODES.values()) <= EMPLOYMENT_NAMES


# --- whole cards ---------------------------------------------------------------------------


def test_real_card() -> None:
    card = parse_job_card([
        "Senior Data Scientist",
        "@ lanternfish | Remote (anywhere in the U.S.)",
        "Full Time Senior-level / Expert USD 125K - 155K",
    ])
    assert card == JobCard(
        title="Senior Data Scientist",
        company="lanternfish",
        location="Remote (anywhere in the U.S.)",
        is_remote=True,
        employment_types=("full_time",),
        seniority="SE",
        seniority_text="Senior-level / Expert",
        badges_text="Full Time Senior-level / Expert USD 125K - 155K",
        salary=parse_salary("USD 125K - 155K"),
        unparsed_badges=None,
    )


# (card lines, (title, company, location, is_remote, types, seniority, salary min, salary flag, leftover))
CARDS = [
    (["Cloud Solutions Intern, Platform Services", "@ Parcelpoint.com | Seattle, Washington, USA",
      "Full Time Internship Entry-level / Junior USD 88K - 180K"],
     ("Cloud Solutions Intern, Platform Services", "Parcelpoint.com", "Seattle, Washington, USA", False,
      ("full_time", "internship"), "EN", 88_000, "ok", None)),
    (["Machine Intelligence – Genomics Specialist",
      "@ Coastal Medical University | Galveston, TX",
      "Full Time Senior-level / Expert USD 2222222K - 2222222K"],
     ("Machine Intelligence – Genomics Specialist", "Coastal Medical University", "Galveston, TX",
      False, ("full_time",), "SE", None, "implausible", None)),
    (["AI Intern, Assistants", "@ Parsimony AI | US", "Internship Entry-level / Junior USD 62K - 94K"],
     ("AI Intern, Assistants", "Parsimony AI", "US", False, ("internship",), "EN", 62_000, "ok", None)),
    (["Research Engineer", "@ Verity Labs | Remote"],  # no badge line
     ("Research Engineer", "Verity Labs", "Remote", True, (), None, None, "missing", None)),
    (["Data Engineer", "", "Full Time Mid-level / Intermediate USD 105K - 135K"],  # no company line
     ("Data Engineer", None, None, False, ("full_time",), "MI", 105_000, "ok", None)),
    (["Data Engineer", "Full Time Mid-level / Intermediate USD 105K - 135K"],  # company line left out
     ("Data Engineer", None, None, False, ("full_time",), "MI", 105_000, "ok", None)),
    (["Data Engineer"], ("Data Engineer", None, None, False, (), None, None, "missing", None)),  # title only
    (["Featured Job 👀", "Data Engineer", "@ lanternfish | Remote (anywhere in the U.S.)"],  # marker skipped
     ("Data Engineer", "lanternfish", "Remote (anywhere in the U.S.)", True, (), None, None, "missing",
      None)),
    (["  Senior\u00a0Data   Scientist ", "@lanternfish|Remote", "Full Time"],  # whitespace folded
     ("Senior Data Scientist", "lanternfish", "Remote", True, ("full_time",), None, None, "missing", None)),
    (["Data Engineer", "Full Time", "@ Acme | Paris"],  # badge line before the company line
     ("Data Engineer", "Acme", "Paris", False, ("full_time",), None, None, "missing", None)),
    (["Data Engineer", "@ Acme | Paris", "Full Time", "Free lunches"],  # extra lines join the badges
     ("Data Engineer", "Acme", "Paris", False, ("full_time",), None, None, "missing", "Free lunches")),
]


@pytest.mark.parametrize(("lines", "expected"), CARDS)
def test_parse_job_card(lines: list[str], expected: tuple[object, ...]) -> None:
    card = parse_job_card(lines)
    assert (card.title, card.company, card.location, card.is_remote, card.employment_types, card.seniority,
            card.salary.min, card.salary.flag, card.unparsed_badges) == expected


def test_card_without_badges_has_no_salary() -> None:
    card = parse_job_card(["Research Engineer", "@ Verity Labs | Remote"])
    assert (card.badges_text, card.salary) == (None, MISSING)


@pytest.mark.parametrize(
    "lines",
    [
        [],
        [""],
        ["", "@ Verity Labs | Remote", "Full Time"],
        ["@ Verity Labs | Remote", "Full Time"],
        ["Featured Job 👀"],
        ["   ", "\u200b"],
    ],
)
def test_card_without_title_is_an_error(lines: list[str]) -> None:
    with pytest.raises(NormalizeError) as caught:
        parse_job_card(lines)
    assert caught.value.reason == "bad_job_card"
    assert caught.value.stage == "normalize"


def test_doctests() -> None:
    result = doctest.testmod(pipeline.parse.cards.grammar)
    assert result.attempted > 0 and result.failed == 0


# --- properties ----------------------------------------------------------------------------

BADGE_FRAGMENTS = [phrase for phrase, _ in SENIORITY_PHRASES + EMPLOYMENT_PHRASES] + [
    "[", "]", " ", "/", "|", "USD 125K - 155K", "$90K", "Remote", "[SE]", "[FT]", "Intern", "ship", "-",
    "120"]
BADGE_LIKE = st.lists(st.sampled_from(BADGE_FRAGMENTS), max_size=10).map("".join)


@given(st.one_of(st.text(), BADGE_LIKE))
def test_parse_badges_never_raises(line: str) -> None:
    types, seniority, seniority_text, salary, leftover = parse_badges(line)
    assert set(types) <= EMPLOYMENT_NAMES and len(set(types)) == len(types)
    assert seniority in {None, *SENIORITY_CODES}
    assert (seniority is None) == (seniority_text is None)
    assert salary.flag in FLAGS
    assert leftover is None or leftover.strip() == leftover != ""


@given(st.lists(st.one_of(st.text(), BADGE_LIKE, st.text().map(lambda t: "@" + t)), max_size=5))
def test_parse_job_card_raises_only_normalize_error(lines: list[str]) -> None:
    try:
        card = parse_job_card(lines)
    except NormalizeError as error:
        assert error.reason == "bad_job_card"
        return
    assert card.title and card.title == card.title.strip()
    assert card.is_remote == is_remote_location(card.location)


@given(st.text(), st.text())
def test_company_line_round_trip(company: str, location: str) -> None:
    company, location = clean_line(company.replace("|", " ")), clean_line(location)
    expected = (company or None, location or None)
    assert parse_company_location(f"@ {company} | {location}") == expected
