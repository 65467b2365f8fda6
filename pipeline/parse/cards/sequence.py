"""The ordered text runs after an article -> one run group per job card, whatever held them.

Why a grammar over runs and not over lines: a text dump prints a card as three lines
(title, ``@ company | location``, one badge line), but a saved page may put every field in
an element of its own (the ``@``, the company link and ``| place`` as three inline
elements; the place on its own line; each badge and the salary in blocks of their own).
The runs arrive in reading order either way, so a card is read as a sentence of a small
grammar, not as a fixed number of lines::

    card    := [marker] title [company [place]] badges*
    company := "@" name ["|" place]     (split over several runs, or one)
    badges  := a run that is only badges and/or a salary (``Full Time``, ``USD 90K``,
               ``Senior-level / Expert``, or all of them on one line)

A run that fits none of these starts the next card (it is its title). A card needs a
company or a badge: a stray line (a heading of the aside) is not a job. The groups are
read by :func:`pipeline.parse.cards.grammar.parse_job_card`, the same vocabulary and salary
grammar the listing reader (:mod:`pipeline.parse.cards.runs`) uses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.parse.cards.bounds import too_long
from pipeline.parse.cards.grammar import clean_line, parse_badges
from pipeline.parse.cards.runs import place_score

__all__ = ["card_groups", "is_badge_run"]

_FEATURED = re.compile(r"^featured\s+jobs?\b\W*$", re.IGNORECASE)
_COMPANY = re.compile(r"^@")


@dataclass(slots=True)
class _Card:
    title: str
    company: str | None = None
    place: str | None = None
    badges: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The three lines :func:`parse_job_card` reads: title, company line, badges."""
        company = self.company or ""
        if self.place and "|" not in company:
            company = f"{company} | {self.place}"
        return [self.title, company, " ".join(self.badges)]


def is_badge_run(text: str) -> bool:
    """A run that is only card badges and/or a salary.

    >>> is_badge_run("Full Time"), is_badge_run("USD 90K - 120K"), is_badge_run("Mid-level")
    (True, True, True)
    >>> is_badge_run("Senior Data Scientist"), is_badge_run("Berlin, Germany")
    (False, False)
    """
    types, seniority, _, salary, leftover = parse_badges(text)
    if types or salary.flag not in ("missing", "unparsed"):
        return True
    # A seniority word alone is a badge; with more words it is a title ("Senior Data Scientist").
    return bool(seniority) and leftover is None


def _join_company(runs: Sequence[str]) -> list[str]:
    """Runs with a company line split over elements joined back: ``@`` + ``Acme`` + ``| Berlin``."""
    out: list[str] = []
    for run in runs:
        if out and _COMPANY.match(out[-1]) and (
            out[-1].rstrip().endswith(("@", "|")) or run.startswith("|")
        ):
            out[-1] = f"{out[-1]} {run}"
        else:
            out.append(run)
    return out


def card_groups(runs: Sequence[str]) -> list[list[str]]:
    """The job-zone runs -> ``[title, company line, badges]`` per card, in printed order.

    A company line with no title before it gives an empty title (the reader reports it).
    """
    cleaned = [clean_line(run) for run in runs]
    cards: list[_Card] = []
    current: _Card | None = None
    for run in _join_company([r for r in cleaned if r]):
        if _FEATURED.match(run):
            current = None
            continue
        if _COMPANY.match(run):
            if current is None or current.company is not None or current.badges:
                current = _Card("")
                cards.append(current)
            current.company = run
            continue
        if current is not None and (is_badge_run(run) or too_long(run)):
            # A run longer than any card line is kept with its card, which the reader then
            # reports (bad_job_card) instead of the run vanishing as a stray line.
            current.badges.append(run)
            continue
        if (current is not None and current.company is not None and current.place is None
                and "|" not in current.company and not current.badges and place_score(run) == 2):
            current.place = run
            continue
        current = _Card(run)
        cards.append(current)
    return [card.lines() for card in cards if card.company is not None or card.badges]
