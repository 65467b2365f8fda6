"""Featured-job cards that the bundled articles share: one card printed beside two articles.

Why its own module: the site shows the same featured job next to different articles, and
the bundled articles copy that (the samples' tests look for this card on two articles). The
card lives here so that both article modules import the same object without one article
module depending on another.
"""

from __future__ import annotations

from pipeline.corpus.specs import JobCard

# --- shared job cards ----------------------------------------------------------------------
# One card printed on two different articles, as the site does with its featured jobs.
NORTHWIND_SENIOR_DE = JobCard(
    "Senior Data Engineer", "Northwind Analytics", "Remote (US only)",
    ("Full Time",), "Senior-level / Expert", "USD 140K - 175K", 40117,
)
