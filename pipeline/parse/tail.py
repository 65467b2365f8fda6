"""The parts after the article text: Featured Job cards and Salary Insights links.

Cards are read from the ordered text runs by the grammar of
:mod:`pipeline.parse.cards.sequence` (title, company, place, badges), not from a fixed
number of lines: the ``Featured Job`` marker is decoration (some cards lack it), and a saved
page may print every field of a card in an element of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.common.memo import remembered
from pipeline.errors import NormalizeError
from pipeline.parse.cards.grammar import CACHED_TEXTS, JobCard, parse_job_card
from pipeline.parse.cards.sequence import card_groups
from pipeline.structure.blocks import Block
from pipeline.structure.markers import RELATED, SALARY_INSIGHTS, SALARY_LINK


@dataclass(frozen=True, slots=True)
class Tail:
    """Job cards (with their 1-based position), salary links, and card problems."""

    cards: list[JobCard]
    salary_links: list[tuple[str, str | None]]
    problems: list[str]
    """One human-readable line per card that could not be read (quarantined as a part)."""


@remembered(maxsize=CACHED_TEXTS)
def read_card(lines: tuple[str, ...]) -> JobCard:
    """:func:`~pipeline.parse.cards.grammar.parse_job_card`, remembered per process.

    Why: the board features the same jobs on many articles (on the generated corpus, 756
    distinct cards among 7,048), and reading one costs its cleaning, company and badge
    grammar. The reading is pure and a :class:`JobCard` is immutable, so a remembered card
    can be shared; a card that cannot be read raises again each time (errors are not kept).
    """
    return parse_job_card(lines)


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
    for number, card_lines in enumerate(card_groups(job_lines), start=1):
        try:
            cards.append(read_card(tuple(card_lines)))
        except NormalizeError as error:
            problems.append(f"job card {number}: {error.detail or error.reason}")
    return Tail(cards, links, problems)
