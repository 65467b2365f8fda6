"""A page of the job board that is no article: a job's own page, a listing, or neither.

Why one entry point: both kinds are told from the same parsed tree, so a page is parsed once
for both questions. A job's own page is asked first: it may link a few other jobs ("similar
jobs") and would then pass for a short listing, while a listing's ``h1`` is followed by its
first card's job link, which ends a job page's card zone (:mod:`pipeline.parse.job_page`).
"""

from __future__ import annotations

from pipeline.parse.job_page import JobPage, job_page_from_tree
from pipeline.parse.listing import ListingPage, board_tree, listing_if_listed

__all__ = ["read_board_page"]


def read_board_page(html: str | bytes, base: str, *, url: str | None = None) -> JobPage | ListingPage | None:
    """The page as a job page or a listing; ``None`` when it is neither. Never raises.

    ``base`` is what the page's relative links resolve against (its URL, or the file's path
    under the input folder); ``url`` the page's own URL when the run knows it (a capture's
    or a saved page's address), which a job page takes as the job's URL.
    """
    root = board_tree(html, base)
    if root is None:
        return None
    job = job_page_from_tree(root, url, base=base)
    if job is not None:
        return job
    return listing_if_listed(root, base)
