"""How long a job card's line can be before the card grammar stops reading it.

Why a bound: reading a badge line looks for a salary at every number and for every badge
phrase, and reading a place splits it at every comma and looks each part up; both are linear
but cost 2 to 6 seconds per MB of one line (``1 1 1 ...``, ``a, a, a, ...``, ``@ | @ | ...``).
A card prints a title, a company, a place and a few badges: the longest card line in every
real and generated input is under 70 characters. A line of more than :data:`MAX_CARD_LINE`
characters is not a card's line, so the grammar does not read it: the card it would belong
to is reported (``bad_job_card``, with the line's length) and the salary and place readers
give nothing for it, in constant time.
"""

from __future__ import annotations

MAX_CARD_LINE = 1_000
"""Most characters of one card line (a title, a company line, a place, the badges joined)
that the card grammar reads; about fifteen times the longest one printed."""


def too_long(text: str) -> bool:
    """Whether ``text`` is longer than any card line.

    >>> too_long("Full Time Senior-level / Expert USD 120K - 150K"), too_long("1-" * 600)
    (False, True)
    """
    return len(text) > MAX_CARD_LINE
