"""A job page's sections -> ``job_details`` rows, and the skills they name -> ``job_skills`` rows.

Why the vocabulary here: analysts count which skills and tools jobs ask for, and a page prints
them its own way (``Python``, ``python3``, ``PyTorch`` in a tasks line, ``Go`` alone in a row of
skill links). The mention finder that reads the articles (:mod:`pipeline.normalize.mentions`)
reads the job's skills, tasks and education items too, each section as one text with one item a
line (so a short name such as ``Go`` or ``R`` has the list context it needs), and gives each
name its canonical term and kind. A skills item the vocabulary does not know is kept as
printed, without a term, so it can still be counted; in tasks and education only known terms
count (a task's sentence is no skill).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from pipeline.common.document import Row
from pipeline.normalize.mentions import MentionFinder
from pipeline.parse.job_details import JobSection

__all__ = ["FINDER_SECTIONS", "detail_rows"]

FINDER_SECTIONS = {"skills": "required_skills", "tasks": "responsibilities", "education": "education"}
"""The job page's sections the mention finder reads, and the article section key each reads as
(its rules per section: a field of study counts in education, rewordings where work is described)."""


def detail_rows(
    job_id: str, sections: Sequence[JobSection], finder: MentionFinder
) -> tuple[list[Row], list[Row]]:
    """The ``job_details`` and ``job_skills`` rows of one job's sections (in page order).

    ``job_details``: one row per item, ``section_position`` the section's 1-based order on
    the page and ``position`` the item's within it. ``job_skills``: one row per (section, kind,
    skill) in order of first appearance, ``count`` its occurrences in that section.
    """
    details: list[Row] = []
    for section_position, section in enumerate(sections, start=1):
        details += [
            {"job_id": job_id, "section_position": section_position, "section": section.key,
             "heading": section.heading, "position": position, "text": text}
            for position, text in enumerate(section.items, start=1)
        ]
    read = [section for section in sections if section.key in FINDER_SECTIONS]
    texts = ["\n".join(section.items) for section in read]
    found = finder.find_all([(text, FINDER_SECTIONS[s.key]) for text, s in zip(texts, read, strict=True)])
    skills: dict[tuple[str, str | None, str], Row] = {}
    for section, mentions in zip(read, found, strict=True):
        starts = _line_starts(section.items)
        seen: list[tuple[int, str, str | None, str]] = [(m.start, m.name, m.kind, m.surface)
                                                         for m in mentions]
        if section.key == "skills":  # an item that names no known term is a skill as printed
            named = {bisect_right(starts, start) - 1 for start, _, _, _ in seen}
            seen += [(starts[i], *_whole_name(finder, item)) for i, item in enumerate(section.items)
                     if i not in named]
        for _, skill, kind, surface in sorted(seen, key=lambda found_at: found_at[0]):
            _count(skills, (job_id, section.key), skill, kind, surface)
    positions: dict[str, int] = {}
    rows = list(skills.values())
    for row in rows:
        positions[row["section"]] = row["position"] = positions.get(row["section"], 0) + 1
    return details, rows


_LIST_CUE = "using "
"""Words before which a name is in a list context for the finder (as after ``in``, ``with``)."""


def _whole_name(finder: MentionFinder, item: str) -> tuple[str, str | None, str]:
    """``(skill, kind, surface)`` of a skills item that named nothing on its own: the term it
    is as a whole, else the item as printed with no kind.

    Why a second look: a short name that is also a word (``Go``, ``R``) counts only in a list
    context, and an item alone in its section has no neighbours to give it one; but a skills
    item *is* an entry of a list of skills. It is read again after a word that gives that
    context, and taken only when the whole item is the name (``Go``, not ``Go getters``).
    """
    for kind, name, surface, start, end in finder.find(_LIST_CUE + item, section="required_skills"):
        if start == len(_LIST_CUE) and end == len(_LIST_CUE) + len(item):
            return name, kind, surface
    return item, None, item


def _line_starts(items: Sequence[str]) -> list[int]:
    """Where each item starts in the items joined by line breaks."""
    starts, at = [], 0
    for item in items:
        starts.append(at)
        at += len(item) + 1
    return starts


def _count(skills: dict[tuple[str, str | None, str], Row], where: tuple[str, str], skill: str,
           kind: str | None, surface: str) -> None:
    """Add one sighting of ``skill`` (a term's name, or an unknown item as printed) in ``where``,
    a job and a section."""
    job_id, section = where
    key = (section, kind, skill if kind is not None else skill.casefold())
    row = skills.get(key)
    if row is None:
        skills[key] = {"job_id": job_id, "section": section, "position": 0, "skill": skill,
                       "term": skill if kind is not None else None, "kind": kind, "surface": surface,
                       "count": 1}
    else:
        row["count"] += 1
