"""A saved page as the browsers' single-file "Save page as" writes it: Chrome's MHTML and
Safari's web archive.

Written from what those files hold, not from what the reader expects:

* **Chrome (Blink) MHTML**: a MIME message ``From: <Saved by Blink>`` with the page's address
  in ``Snapshot-Content-Location``, its title as an RFC 2047 ``Subject``, a ``Date``, and a
  ``multipart/related; type="text/html"`` body whose boundary is
  ``----MultipartBoundary--<random>----``; CRLF line ends. The first part is the page as
  Chrome re-serialised it: always UTF-8, a ``<meta http-equiv="Content-Type">`` inserted
  first in the head (the page's own charset declaration dropped), quoted-printable with lines
  of at most 76 characters; the parts after it are the style sheets (quoted-printable) and the
  images (base64), each with a ``Content-Location``.
* **Safari web archive**: a binary property list whose ``WebMainResource`` holds the page's
  bytes as the server sent them (``WebResourceData``), with its MIME type, text encoding
  name and URL; ``WebSubresources`` holds the images and style sheets.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import plistlib
import quopri
import re
from email.header import Header

_CHARSET_META = re.compile(rb"<meta\s+(?:charset=[^>]*|http-equiv=[\"']?content-type[^>]*)>\s*", re.I)
_HEAD_OPEN = re.compile(rb"<head\b[^>]*>", re.I)
_STYLE = b"body{margin:0;font-family:system-ui,sans-serif}.card{border:1px solid #ddd;padding:8px}\n"
_PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
"""A 1x1 PNG: the logo part of a saved page."""


def _utf8_page(page: bytes, charset: str) -> bytes:
    """The page as Chrome re-serialises it: UTF-8, its own charset declaration replaced by
    Chrome's ``Content-Type`` meta, first in the head."""
    text = page.decode(charset).encode("utf-8")
    text = _CHARSET_META.sub(b"", text)
    meta = b'<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
    return _HEAD_OPEN.sub(lambda m: m.group(0) + meta, text, count=1)


def _quoted_printable(data: bytes) -> bytes:
    """Quoted-printable with CRLF line ends (hard and soft), as a MIME part's body is sent."""
    return quopri.encodestring(data).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def as_mhtml(page: bytes, *, charset: str, url: str, title: str, saved: dt.datetime) -> bytes:
    """``page`` (bytes in ``charset``) saved by Chrome as one ``.mhtml`` file."""
    token = hashlib.sha256(page).hexdigest()
    boundary = f"----MultipartBoundary--{token[:42]}----"
    frame = f"<frame-{token[42:58].upper()}@mhtml.blink>"
    subject = Header(title, "utf-8").encode() if not title.isascii() else title
    head = [
        "From: <Saved by Blink>",
        f"Snapshot-Content-Location: {url}",
        f"Subject: {subject}",
        f"Date: {saved.strftime('%a, %d %b %Y %H:%M:%S')} -0000",
        "MIME-Version: 1.0",
        "Content-Type: multipart/related;",
        '\ttype="text/html";',
        f'\tboundary="{boundary}"',
        "",
        "",
    ]
    parts = [
        ("text/html", frame, url, "quoted-printable", _quoted_printable(_utf8_page(page, charset))),
        ("text/css", None, f"cid:css-{token[:8]}@mhtml.blink", "quoted-printable", _quoted_printable(_STYLE)),
        ("image/png", None, url.rsplit("/", 1)[0] + "/static/logo.png", "base64",
         base64.encodebytes(_PIXEL).replace(b"\n", b"\r\n")),
    ]
    out = ["\r\n".join(head).encode("ascii")]
    for media, content_id, location, encoding, body in parts:
        lines = [f"--{boundary}", f"Content-Type: {media}"]
        if content_id:
            lines.append(f"Content-ID: {content_id}")
        lines += [f"Content-Transfer-Encoding: {encoding}", f"Content-Location: {location}", "", ""]
        out.append("\r\n".join(lines).encode("ascii") + body.rstrip(b"\r\n") + b"\r\n\r\n")
    out.append(f"--{boundary}--\r\n".encode("ascii"))
    return b"".join(out)


def as_webarchive(page: bytes, *, charset: str, url: str) -> bytes:
    """``page`` (bytes in ``charset``) saved by Safari as one ``.webarchive`` file."""
    base = url.rsplit("/", 1)[0]
    archive = {
        "WebMainResource": {
            "WebResourceData": page,
            "WebResourceFrameName": "",
            "WebResourceMIMEType": "text/html",
            "WebResourceTextEncodingName": "UTF-8" if charset.lower() == "utf-8" else charset,
            "WebResourceURL": url,
        },
        "WebSubresources": [
            {"WebResourceData": _PIXEL, "WebResourceMIMEType": "image/png",
             "WebResourceURL": f"{base}/static/logo.png"},
            {"WebResourceData": _STYLE, "WebResourceMIMEType": "text/css",
             "WebResourceURL": f"{base}/static/site.css"},
        ],
    }
    return plistlib.dumps(archive, fmt=plistlib.FMT_BINARY)
