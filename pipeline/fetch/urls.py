"""URLs without credentials: what the fetcher requests, stores and logs.

Why: a URL may carry a user name and password (``http://user:pw@host/``), given by the
user or reached by a redirect. HTTP libraries turn that into an ``Authorization: Basic``
header for the page and for robots.txt, and the URL itself lands in the WARC records, the
index, the logs and ``articles.url``. Credentials have no place in any of them, so they are
stripped wherever a URL enters the fetcher (targets and links as they are queued, redirect
targets, captures read back) and before any request.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def without_userinfo(url: str) -> str:
    """``url`` without its ``user:password@`` part (unchanged when it has none or is not a URL)."""
    if "@" not in url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
