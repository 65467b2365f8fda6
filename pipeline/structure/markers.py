"""The words that mark a page's boxes: job cards, salary boxes and the related-articles list.

Why in the structure stage: choosing an HTML page's article region must keep these boxes
(a page may move them into an aside), and the parser reads the same boxes from the blocks;
both use these patterns, and a stage never imports a later one.
"""

from __future__ import annotations

import re

FEATURED = re.compile(r"^featured\s+jobs?\b", re.IGNORECASE)
SALARY_INSIGHTS = re.compile(r"^salary\s+insights?\b", re.IGNORECASE)
RELATED = re.compile(r"^(?:related\s+(?:articles|posts|insights)|more\s+insights|you\s+may\s+also\s+like)\b",
                     re.IGNORECASE)
SALARY_LINK = re.compile(
    r"""^view\s+salary\s+info(?:rmation)?\s+for\s+
        (?P<role>.+?)                      # the role
        (?:\s*\((?P<scope>[^()]*)\))?      # (global), (US), ...
        (?:\s+details)?\s*$                # the link's trailing "Details" button
    """,
    re.VERBOSE | re.IGNORECASE,
)
# The first letters FEATURED, SALARY_INSIGHTS, SALARY_LINK and RELATED can match, in any case
# (``ſ`` is an ``s`` to a case-insensitive regex): a cheap test before them on every block.
_TAIL_FIRST = frozenset("fFsSſvVrRmMyY")


def is_tail_start(text: str) -> bool:
    """Whether a block starts the part after the article text: a widget or the related list."""
    return text[:1] in _TAIL_FIRST and (is_widget_start(text) or bool(RELATED.match(text)))


def is_widget_start(text: str) -> bool:
    """Whether a block starts a job-card or salary box (the boxes a page may move around)."""
    return text[:1] in _TAIL_FIRST and bool(
        FEATURED.match(text) or SALARY_INSIGHTS.match(text) or SALARY_LINK.match(text))
