"""Pages saved as one file by a browser: MHTML (Chrome, Edge, Opera, Internet Explorer) and
Safari's web archive. Each holds the page's HTML beside its images and style sheets; the
page is taken out here, so that the later stages see the HTML a saved ``.html`` file holds.

Why in the read stage: like gzip, these are containers around the document's bytes; taking
the page out needs no decoding of its text (the container says, at most, which charset the
page is in, and that goes on as the document's content type, as an HTTP header would).

Why the standard library: MHTML is a MIME message (RFC 2557) and the ``email`` package reads
MIME, including quoted-printable and base64 bodies, folded headers and a ``start`` parameter
naming the root part; a web archive is a property list, which ``plistlib`` reads in both its
binary and its XML form.
"""

from __future__ import annotations

import datetime as dt
import email.parser
import email.policy
import email.utils
import plistlib
import struct
from dataclasses import dataclass
from email.message import Message
from typing import Any
from xml.parsers.expat import ExpatError

from pipeline.errors import ReadError
from pipeline.read.media import HTML_TYPES

CONTAINERS = {".mhtml": "mhtml", ".mht": "mhtml", ".webarchive": "webarchive"}
"""File suffix (before an optional ``.gz``) -> the kind of single-file capture it names."""

_DAMAGED_PLIST = (ValueError, TypeError, KeyError, IndexError, OverflowError, RecursionError, struct.error,
                  ExpatError)
"""What ``plistlib`` raises on damaged input (its own ``InvalidFileException`` is a ValueError)."""


@dataclass(frozen=True, slots=True)
class SavedPage:
    """The page a single-file capture holds, and what the capture says about it."""

    data: bytes
    format: str
    """``html`` or ``text`` (a saved plain-text file)."""
    content_type: str | None
    """The page's own content type as the capture recorded it (its charset, if any)."""
    url: str | None
    """The address the page was saved from."""
    captured: dt.date | None
    """The day it was saved (UTC), when the capture says."""


def unpack(kind: str, data: bytes) -> SavedPage:
    """The page inside a capture of ``kind`` (a value of :data:`CONTAINERS`).

    (A file that is plain HTML despite its suffix, as some tools save, is no container: the
    read stage reads it as the page it is.) :class:`ReadError` ``corrupt_capture`` when the
    container cannot be read, ``no_page`` when it holds no HTML or text page.
    """
    if kind == "mhtml":
        return unpack_mhtml(data)
    return unpack_webarchive(data)


def unpack_mhtml(data: bytes) -> SavedPage:
    """The root page of an MHTML file: the part the ``start`` parameter names, else the first
    part (RFC 2557); if that is not a page, the first HTML part. Its body is decoded from its
    transfer encoding; its charset stays in its content type."""
    message = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(data)
    if not message.is_multipart():
        if message.get_content_type() == "text/plain" and not message.keys():
            raise ReadError("corrupt_capture", "not a MIME message (no headers)")
        root = message
    else:
        root = _root_part(message)
    media = root.get_content_type()
    if media not in (*HTML_TYPES, "text/plain"):
        raise ReadError("no_page", f"the MHTML file's root part is {media}, not a page")
    body = root.get_payload(decode=True)
    if not isinstance(body, bytes) or not body.strip():
        raise ReadError("no_page", "the MHTML file's page part is empty")
    location = _header_text(root.get("Content-Location"))
    url = _header_text(message.get("Snapshot-Content-Location")) or (
        location if not location.lower().startswith("cid:") else ""
    )
    return SavedPage(
        body,
        "html" if media in HTML_TYPES else "text",
        _header_text(root.get("Content-Type")) or None,
        url or None,
        _date(_header_text(message.get("Date"))),
    )


def _root_part(message: Message) -> Message:
    parts = [p for p in message.get_payload() if isinstance(p, Message)]
    if not parts:
        raise ReadError("no_page", "the MHTML file has no parts")
    start = message.get_param("start")
    if isinstance(start, str):
        named = [p for p in parts if _header_text(p.get("Content-ID")) == start.strip()]
        parts = named + [p for p in parts if p not in named]
    if parts[0].get_content_type() in (*HTML_TYPES, "text/plain"):
        return parts[0]
    for part in parts:
        if part.get_content_type() in HTML_TYPES:
            return part
    raise ReadError("no_page", "the MHTML file holds no HTML part")


def _header_text(value: Any) -> str:
    """A header as text: folding undone, RFC 2047 words left as written (a URL or a content
    type never needs them). A header with bytes outside ASCII comes as a ``Header`` object."""
    return " ".join(str(value).split()) if value is not None else ""


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC)
    return when.date()


def unpack_webarchive(data: bytes) -> SavedPage:
    """The main resource of a Safari web archive (a property list, binary or XML): its bytes,
    its MIME type and text encoding, and its URL. A web archive records no date."""
    try:
        archive = plistlib.loads(data)
    except _DAMAGED_PLIST as error:
        raise ReadError("corrupt_capture", f"not a web archive: {error!r}") from error
    main = archive.get("WebMainResource") if isinstance(archive, dict) else None
    if not isinstance(main, dict):
        raise ReadError("no_page", "the web archive has no main resource")
    body = main.get("WebResourceData")
    if not isinstance(body, bytes) or not body.strip():
        raise ReadError("no_page", "the web archive's main resource is empty")
    media = str(main.get("WebResourceMIMEType") or "text/html").strip().lower()
    if media not in (*HTML_TYPES, "text/plain"):
        raise ReadError("no_page", f"the web archive's main resource is {media}, not a page")
    encoding = main.get("WebResourceTextEncodingName")
    content_type = f"{media}; charset={encoding}" if isinstance(encoding, str) and encoding.strip() else media
    url = main.get("WebResourceURL")
    return SavedPage(
        body,
        "html" if media in HTML_TYPES else "text",
        content_type,
        (_header_text(url) if isinstance(url, str) else "") or None,
        None,
    )
