"""Stable ids: the same input gives the same id on every run and every machine.

Why hashes of printed text and not counters: an id must not depend on the order documents
are read in, on how many workers ran, or on what else is in the input folder.
"""

from __future__ import annotations

import hashlib
import re

from pipeline.parse.cards.grammar import JobCard

ID_CHARS = 16
_VS_DOT = re.compile(r"\bvs\.")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def short_id(*parts: str) -> str:
    """A stable 16-hex id from text parts (sha256 of the parts joined by a separator)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:ID_CHARS]


def slugify(text: str) -> str:
    """The site's slug form: lower case, ``vs.`` -> ``vs``, non-alphanumerics -> ``-``.

    >>> slugify("AI Architect vs. Machine Learning Research Engineer")
    'ai-architect-vs-machine-learning-research-engineer'
    """
    lowered = _VS_DOT.sub("vs", text.lower())
    return _NOT_SLUG.sub("-", lowered).strip("-")


def job_id(card: JobCard) -> str:
    """Same title, company and location (case and spacing folded): same job."""

    def fold(value: str | None) -> str:
        return " ".join((value or "").split()).casefold()

    return short_id(fold(card.title), fold(card.company), fold(card.location))
