"""Page numbers in listing URLs: which page of a listing a URL names, and which listing it is.

Why shared: the listing parser and ``fetch --jobs`` must follow a numbered pager the same
way (the live board prints only ``1 2 3``, no "Next"); both read page numbers from URLs
with these two functions, and neither stage may import the other.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

PAGE_PATH = re.compile(r"/page/(?P<number>\d{1,6})/?$")
"""A page number in the path: ``/jobs/page/3/``."""


def page_number(url: str) -> int | None:
    """``?page=3``, ``?p=3`` or ``/page/3/`` -> 3; ``None`` when the URL names no page.

    >>> page_number("https://aijobs.net/jobs/?page=3"), page_number("/jobs/page/2/"), page_number("/jobs/")
    (3, 2, None)
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    query = parse_qs(parts.query)
    for name in ("page", "p"):
        values = query.get(name)
        if values and values[0].isdigit() and len(values[0]) <= 6:
            return int(values[0])
    match = PAGE_PATH.search(parts.path)
    return int(match.group("number")) if match else None


def listing_path(url: str) -> str:
    """The path of a listing without its page number: the pages of one listing share it.

    >>> listing_path("https://aijobs.net/jobs/page/2/") == listing_path("https://aijobs.net/jobs/")
    True
    """
    try:
        return PAGE_PATH.sub("/", urlsplit(url).path).rstrip("/")
    except ValueError:
        return ""
