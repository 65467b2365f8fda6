"""What kind of page a document's bytes or its recorded media type say it is.

Why its own module: a file read from the folder, a capture read from an archive and a page
taken out of an MHTML file or a web archive are each told to be HTML the same way.
"""

from __future__ import annotations

HTML_TYPES = ("text/html", "application/xhtml+xml")
"""Media types of an HTML page."""
_HTML_SNIFF = (b"<!doctype html", b"<html", b"<head", b"<body")


def sniffs_as_html(data: bytes) -> bool:
    """Whether the bytes start as an HTML page does, whatever their suffix or media type says.

    >>> sniffs_as_html(b"  <!DOCTYPE html><html>"), sniffs_as_html(b"Data Engineer vs. MLOps")
    (True, False)
    """
    return data.lstrip()[:16].lower().startswith(_HTML_SNIFF)
