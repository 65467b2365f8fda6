"""The lines of one "Featured Job" card -> a :class:`JobCard`.

A card prints three lines after its marker: the title, ``@ company | location``, and a
badge line such as ``Full Time Senior-level / Expert USD 125K - 155K``. The badge line is
read as tokens, not as words: vocabulary phrases (longest first) and the salary expression
are matched wherever they are, so badges glued together by a flattened page
(``Full TimeSenior-level / ExpertUSD 125K - 155K``) read the same. Whatever is left is kept
in ``unparsed_badges`` rather than dropped, so new badge texts show up in the data.

The company line is split on its **first** ``|`` (spaces around it optional, since
flattened HTML may drop them): locations never start with a ``|`` while a company name
almost never contains one, and a wrong split of a rare ``A | B Inc`` is visible in the
data, whereas splitting on the last one would break every ``Remote | Europe``-style location.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.common.memo import remembered
from pipeline.errors import NormalizeError
from pipeline.parse.cards.bounds import MAX_CARD_LINE, too_long
from pipeline.parse.cards.salary import MISSING, Salary, find_salary

# --- vocabulary (data) ---------------------------------------------------------------------

# Seniority badge texts -> the ``experience_level`` codes of the public ai-jobs.net salary
# dataset (EN entry-level / junior, MI mid-level / intermediate, SE senior-level / expert,
# EX executive-level / director). The two-word phrases are what the site's cards print;
# the single words are accepted alone. Spaces and hyphens inside a phrase are optional.
SENIORITY_PHRASES: tuple[tuple[str, str], ...] = (
    ("Entry-level / Junior", "EN"),
    ("Mid-level / Intermediate", "MI"),
    ("Senior-level / Expert", "SE"),
    ("Executive-level / Director", "EX"),
    ("Entry-level", "EN"),
    ("Junior", "EN"),
    ("Mid-level", "MI"),
    ("Intermediate", "MI"),
    ("Senior-level", "SE"),
    ("Senior", "SE"),
    ("Expert", "SE"),
    ("Executive-level", "EX"),
    ("Executive", "EX"),
    ("Director", "EX"),
)
SENIORITY_CODES: tuple[str, ...] = ("EN", "MI", "SE", "EX")
"""Accepted bare only in brackets (``[SE]``): unbracketed, two letters are too ambiguous."""

# Employment badge texts -> our names. ``Full Time`` also covers ``Full-time`` and
# ``Fulltime``. ``Intern`` is a badge some boards print for an internship.
EMPLOYMENT_PHRASES: tuple[tuple[str, str], ...] = (
    ("Full Time", "full_time"),
    ("Part Time", "part_time"),
    ("Contract", "contract"),
    ("Contractor", "contract"),
    ("Freelance", "freelance"),
    ("Internship", "internship"),
    ("Intern", "internship"),
    ("Temporary", "temporary"),
)
# The same dataset's ``employment_type`` codes, accepted in brackets (``[FT]``).
EMPLOYMENT_CODES: dict[str, str] = {"FT": "full_time", "PT": "part_time", "CT": "contract",
                                    "FL": "freelance"}

# Location words that mean the job is not tied to one place. "non-remote" and "not remote"
# say the opposite and are excluded.
REMOTE_PATTERN = re.compile(
    r"(?<!non-)(?<!not )\bremote\b|\banywhere\b|\bworldwide\b|\bwork\s+from\s+home\b",
    re.IGNORECASE,
)

# --- grammar -------------------------------------------------------------------------------

# A badge starts after a non-letter, or at a lower->upper case change when glued
# (``TimeSenior``); it ends before a non-letter, or before such a change.
_START = r"(?:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))"
_END = r"(?:(?![A-Za-z])|(?<=[a-z])(?=[A-Z]))"
_FEATURED = re.compile(r"^featured\s+jobs?\b\W*$", re.IGNORECASE)
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")
_SEPARATORS = " []|·•,;/"


def _phrase_regex(phrase: str) -> str:
    """A case-insensitive regex for a badge phrase with flexible spaces, hyphens and slashes.

    >>> bool(re.fullmatch(_phrase_regex("Full Time"), "full-time"))
    True
    >>> bool(re.fullmatch(_phrase_regex("Senior-level / Expert"), "Senior level/Expert"))
    True
    """
    parts = []
    for part in re.split(r"\s*/\s*", phrase):
        parts.append(r"[\s\-‐]*".join(re.escape(w) for w in re.split(r"[\s-]+", part)))
    return r"(?i:" + r"\s*/\s*".join(parts) + ")"


def _badge_pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """One alternation of every badge, longest first, and what each group means."""
    entries = [(p, ("seniority", c)) for p, c in SENIORITY_PHRASES]
    entries += [(p, ("employment", t)) for p, t in EMPLOYMENT_PHRASES]
    entries.sort(key=lambda e: len(e[0]), reverse=True)
    alternatives: list[str] = []
    meaning: dict[str, tuple[str, str]] = {}
    for i, (phrase, kind) in enumerate(entries):
        alternatives.append(rf"(?P<b{i}>{_START}{_phrase_regex(phrase)}{_END})")
        meaning[f"b{i}"] = kind
    for code in SENIORITY_CODES:
        alternatives.append(rf"\[\s*(?P<s{code}>(?i:{code}))\s*\]")  # [SE]
        meaning[f"s{code}"] = ("seniority", code)
    for code, name in EMPLOYMENT_CODES.items():
        alternatives.append(rf"\[\s*(?P<e{code}>(?i:{code}))\s*\]")  # [FT]
        meaning[f"e{code}"] = ("employment", name)
    return re.compile("|".join(alternatives)), meaning


BADGE_PATTERN, _BADGE_MEANING = _badge_pattern()


@dataclass(frozen=True, slots=True)
class JobCard:
    """One job card, printed values beside normalized ones."""

    title: str
    """As printed, whitespace-normalized."""
    company: str | None
    """As printed without the ``@``; ``None`` when the card has no company line."""
    location: str | None
    """As printed (``Remote (anywhere in the U.S.)``); ``None`` when absent."""
    is_remote: bool
    """The location says remote, anywhere, worldwide or work from home."""
    employment_types: tuple[str, ...]
    """In printed order: ``full_time``, ``part_time``, ``contract``, ``freelance``,
    ``internship``, ``temporary``."""
    seniority: str | None
    """``EN``, ``MI``, ``SE`` or ``EX`` (ai-jobs.net dataset codes); ``None`` when absent."""
    seniority_text: str | None
    """The seniority badge as printed (``Senior-level / Expert``)."""
    badges_text: str | None
    """The whole badge line as printed (whitespace-normalized)."""
    salary: Salary
    """The salary in the badge line (flag ``missing`` when there is none)."""
    unparsed_badges: str | None
    """Badge-line text that was not understood; ``None`` when all of it was."""
    work_mode: str | None = None
    """``remote``, ``hybrid`` or ``onsite`` from a marker the card prints beside its place
    (a listing's ``Remote`` or ``Hybrid`` badge); ``None`` when it prints none. The location
    text alone cannot say it, so the normalizer takes it into ``remote_ratio``."""


# --- helpers -------------------------------------------------------------------------------


def clean_line(line: str) -> str:
    """Whitespace folded to single spaces and invisible characters removed.

    >>> clean_line("  Senior\\u00a0Data   Scientist\\u200b ")
    'Senior Data Scientist'
    """
    return " ".join(_INVISIBLE.sub("", line).split())


def is_company_line(line: str) -> bool:
    """Whether a card line is the ``@ company | location`` line.

    >>> is_company_line("@ lanternfish | Remote"), is_company_line("@Acme"), is_company_line("Acme")
    (True, True, False)
    """
    return clean_line(line).startswith("@")


def is_remote_location(location: str | None) -> bool:
    """Whether a printed location means remote work.

    >>> is_remote_location("Remote (anywhere in the U.S.)"), is_remote_location("Rochester, NY")
    (True, False)
    """
    return bool(location and REMOTE_PATTERN.search(location))


def parse_company_location(line: str) -> tuple[str | None, str | None]:
    """``@ company | location`` -> (company, location), split on the first ``|``.

    >>> parse_company_location("@ lanternfish | Remote (anywhere in the U.S.)")
    ('lanternfish', 'Remote (anywhere in the U.S.)')
    >>> parse_company_location("@Parcelpoint.com")
    ('Parcelpoint.com', None)
    """
    text = clean_line(line)
    text = text.removeprefix("@").strip()
    company, bar, location = text.partition("|")
    return company.strip() or None, (location.strip() or None) if bar else None


CACHED_TEXTS = 4096
"""Card lines whose reading a process remembers (badges, locations): the board features the
same jobs on many articles, so the same lines come back in document after document, and an
article's job zone asks about each badge run twice (is it a badge run, then the card).
Bounded, so a worker's memory does not grow with the corpus."""


@remembered(maxsize=CACHED_TEXTS)
def parse_badges(line: str) -> tuple[tuple[str, ...], str | None, str | None, Salary, str | None]:
    """A badge line -> (employment_types, seniority, seniority_text, salary, leftover).

    Never raises. The first seniority badge wins; a later one naming another level is not
    understood and stays in the leftover, so conflicting cards are visible.

    >>> parse_badges("Full Time Internship Entry-level / Junior USD 88K - 180K")[:3]
    (('full_time', 'internship'), 'EN', 'Entry-level / Junior')

    A line longer than any card's (:data:`~pipeline.parse.cards.bounds.MAX_CARD_LINE`) is
    not read: all of it is leftover.
    """
    text = clean_line(line)
    if not text:
        return (), None, None, MISSING, None
    if too_long(text):
        return (), None, None, MISSING, text
    salary, rest = find_salary(text)
    types: list[str] = []
    seniority: str | None = None
    seniority_text: str | None = None
    kept: list[str] = []
    position = 0
    for match in BADGE_PATTERN.finditer(rest):
        name = match.lastgroup or ""
        kind, value = _BADGE_MEANING[name]
        printed = match.group(name)
        understood = True
        if kind == "employment":
            if value not in types:
                types.append(value)
        elif seniority is None:
            seniority, seniority_text = value, printed
        else:
            understood = value == seniority
        if understood:
            kept.append(rest[position : match.start()])
            position = match.end()
    kept.append(rest[position:])
    # Separators between badges are understood too; text inside a leftover keeps its own.
    leftover = " ".join(piece for piece in (k.strip(_SEPARATORS) for k in kept) if piece)
    return tuple(types), seniority, seniority_text, salary, leftover or None


def parse_job_card(lines: Sequence[str]) -> JobCard:
    """The lines after a card's marker -> a :class:`JobCard`.

    The first line is the title, the ``@`` line is the company line and any other line is
    badges (several are joined with a space), so a missing company or badge line is fine.
    A card without a title cannot be identified, hence the only error:
    ``NormalizeError("bad_job_card")``, which a line longer than any card's also raises
    (:data:`~pipeline.parse.cards.bounds.MAX_CARD_LINE`: the lines are not a card's, and
    reading them would cost seconds). A leading ``Featured Job`` marker is skipped.
    """
    cleaned = [clean_line(line) for line in lines]
    cleaned = [line for line in cleaned if line]
    longest = max(cleaned, key=len, default="")
    if too_long(longest):
        raise NormalizeError("bad_job_card", f"a line of {len(longest)} characters, longer than any job card "
                                             f"prints (at most {MAX_CARD_LINE}): {longest[:60]!r}...")
    while cleaned and _FEATURED.match(cleaned[0]):
        cleaned.pop(0)
    if not cleaned or is_company_line(cleaned[0]):
        shown = " / ".join(cleaned)[:120]
        raise NormalizeError("bad_job_card", f"job card without a title: {shown!r}")
    title, rest = cleaned[0], cleaned[1:]
    company_index = next((i for i, line in enumerate(rest) if is_company_line(line)), None)
    company = location = None
    if company_index is not None:
        company, location = parse_company_location(rest.pop(company_index))
    badges_text = " ".join(rest) or None
    types, seniority, seniority_text, salary, leftover = parse_badges(badges_text or "")
    return JobCard(
        title=title,
        company=company,
        location=location,
        is_remote=is_remote_location(location),
        employment_types=types,
        seniority=seniority,
        seniority_text=seniority_text,
        badges_text=badges_text,
        salary=salary,
        unparsed_badges=leftover,
    )
