"""The parts after the article text: Featured Job cards and Salary Insights links.

Why split cards by the ``@ company | location`` line and not only by the ``Featured Job``
marker: the marker is decoration (some cards lack it, HTML may render it elsewhere), while
every card prints its company line between its title and its badges.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.errors import NormalizeError
from pipeline.parse.cards.grammar import JobCard, parse_badges, parse_job_card
from pipeline.structure.blocks import Block
from pipeline.structure.markers import FEATURED, RELATED, SALARY_INSIGHTS, SALARY_LINK

_COMPANY_LINE = re.compile(r"^@\s*\S")


@dataclass(frozen=True, slots=True)
class Tail:
    """Job cards (with their 1-based position), salary links, and card problems."""

    cards: list[JobCard]
    salary_links: list[tuple[str, str | None]]
    problems: list[str]
    """One human-readable line per card that could not be read (quarantined as a part)."""


def split_cards(lines: Sequence[str]) -> list[list[str]]:
    """Group job-zone lines into cards: ``[title, "@ company | location", badges]``.

    A title is the line before a company line; badges are the line after it when that
    line is not itself the next card's title.
    """
    cards: list[list[str]] = []
    company_at = [i for i, line in enumerate(lines) if _COMPANY_LINE.match(line)]
    used: set[int] = set()
    for i in company_at:
        card: list[str] = []
        if i >= 1 and i - 1 not in used and not FEATURED.match(lines[i - 1]):
            card.append(lines[i - 1])
            used.add(i - 1)
        else:
            card.append("")
        card.append(lines[i])
        used.add(i)
        nxt = i + 1
        next_is_title = nxt + 1 < len(lines) and _COMPANY_LINE.match(lines[nxt + 1])
        if nxt < len(lines) and not FEATURED.match(lines[nxt]) and not next_is_title:
            card.append(lines[nxt])
            used.add(nxt)
        cards.append(card)
    # Cards printed without a company line: a title then a badge line.
    rest = [line for i, line in enumerate(lines) if i not in used and not FEATURED.match(line)]
    j = 0
    while j < len(rest):
        if j + 1 < len(rest) and _looks_like_badges(rest[j + 1]):
            cards.append([rest[j], "", rest[j + 1]])
            j += 2
        else:
            j += 1
    return cards


def _looks_like_badges(line: str) -> bool:
    types, seniority, _, salary, leftover = parse_badges(line)
    if types or salary.flag not in ("missing", "unparsed"):
        return True
    # A seniority word alone is not enough: "Senior Data Scientist" is a title.
    return bool(seniority) and leftover is None


def parse_tail(blocks: Sequence[Block]) -> Tail:
    """Read the job cards and salary links from the blocks after the article text."""
    job_lines: list[str] = []
    links: list[tuple[str, str | None]] = []
    for block in blocks:
        text = block.text
        if RELATED.match(text):
            break
        link = SALARY_LINK.match(text)
        if link:
            scope = link.group("scope")
            links.append((link.group("role").strip(), scope.strip() if scope else None))
        elif SALARY_INSIGHTS.match(text) or text.lower() == "details":
            continue
        else:
            job_lines.append(text)
    cards: list[JobCard] = []
    problems: list[str] = []
    for number, card_lines in enumerate(split_cards(job_lines), start=1):
        try:
            cards.append(parse_job_card([line for line in card_lines]))
        except NormalizeError as error:
            problems.append(f"job card {number}: {error.detail or error.reason}")
    return Tail(cards, links, problems)
