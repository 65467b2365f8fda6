"""The job board's URL grammar: which paths are a job's own page, a company page, a skill listing.

Why shared: the listing parser reads a card from the links that make it a job, and
``fetch --jobs`` follows the same links to each job's own page; the two must agree on
what a job link is, and neither stage may import the other. Only pure functions of a
URL live here (no markup, no I/O), so both may import them.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

JOB_PATH = re.compile(
    r"""
    ^(?:/[a-z]{2}(?:-[a-z]{2})?)?                 # an optional locale prefix: /en, /en-gb
    /
    (?:
        hiring/jobs/(?P<slug>[^/?#\s]+?)          # current pages: /hiring/jobs/<slug>-<id>/
        (?:-(?P<key>\d{1,12}))?                   #   the id ends the slug (absent on filters)
      | job/(?P<legacy_key>\d{1,12})              # legacy cards: /job/<id>-<slug>/
        (?:-(?P<legacy_slug>[^/?#\s]+))?
      | job/(?P<live_slug>[^/?#\s]*?[a-z][^/?#\s]*?)  # the live board: /job/<slug>-<id>/
        -(?P<live_key>\d{1,12})
    )
    /?$
    """,
    re.VERBOSE | re.IGNORECASE,
)
"""The path of a job's own page (a filtered listing such as ``/hiring/jobs/remote/`` matches
without an id)."""

BOARD_COMPANY_PATH = re.compile(
    r"^(?:/[a-z]{2}(?:-[a-z]{2})?)?/company/[^/?#\s]*?[^\W\d_][^/?#\s]*?-\d{1,12}/?$", re.IGNORECASE)
"""The board's company page: ``/company/<slug>-<id>/``, the slug in any letters or
percent-encoded (the id is what other sites' company pages lack)."""
BOARD_SKILL_PATH = re.compile(r"^(?:/[a-z]{2}(?:-[a-z]{2})?)?/jobs/skill-[^/?#\s]+/?$", re.IGNORECASE)
"""The board's skill listing: ``/jobs/skill-python/``."""


def job_key(url: str) -> tuple[bool, str | None]:
    """Whether a URL is a job page, and its numeric id.

    >>> job_key("https://aijobs.net/hiring/jobs/senior-data-engineer-48213/")
    (True, '48213')
    >>> job_key("/job/100017-data-analyst"), job_key("/hiring/jobs/remote/"), job_key("/hiring/jobs/")
    ((True, '100017'), (True, None), (False, None))
    >>> job_key("/job/data-specialist-petah-tikva-center-district-il-268449/")
    (True, '268449')
    """
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return False, None
    match = JOB_PATH.match(path)
    if match is None:
        return False, None
    return True, match.group("key") or match.group("legacy_key") or match.group("live_key")


def board_link_kind(href: str) -> str | None:
    """``company`` or ``skill`` for a link in the board's grammar, else ``None``.

    >>> board_link_kind("/company/medison-pharma-16767/"), board_link_kind("/jobs/skill-sql/")
    ('company', 'skill')
    >>> board_link_kind("/company/m%C3%A9ridienne-16/"), board_link_kind("/company/méridienne-données-16/")
    ('company', 'company')
    >>> board_link_kind("/company/about/"), board_link_kind("/company/2024/"), board_link_kind("/jobs/")
    (None, None, None)
    """
    try:
        path = urlsplit(href.strip()).path
    except ValueError:
        return None
    if BOARD_COMPANY_PATH.match(path):
        return "company"
    return "skill" if BOARD_SKILL_PATH.match(path) else None
