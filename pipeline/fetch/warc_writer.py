"""WARC writing: captures serialised as WARC/1.1 records, one durable gzip member each.

Why a module of its own: what goes into a record (digests, dates, the rewritten HTTP
headers, the warcinfo header) is the archive's format, fixed by the WARC standard and
by what the reader expects, while which record to write and when is the store's
decision. Keeping the format here makes it one place to read, and keeps warcio's
writing API out of the store facade.

Records: a ``response`` record per new payload, with ``WARC-Target-URI`` (the URL asked
for), ``X-Rolescope-Final-URL`` (the URL after redirects; ``WARC-Refers-To-Target-URI`` is
not used for this because it means "the original of a revisit"), ``WARC-Date`` (fetch
time, microseconds), ``WARC-Payload-Digest`` and ``WARC-Block-Digest`` in
``sha256:<base32>``. The HTTP block is the status line, the response headers and the body
*with its Content-Encoding removed*; so that the headers stay true to the stored bytes,
``Content-Encoding``, ``Transfer-Encoding`` and ``Content-Length`` are renamed to
``X-Rolescope-Original-*`` and a ``Content-Length`` of the stored body is added.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from pipeline.version import __version__

FINAL_URL_HEADER = "X-Rolescope-Final-URL"
ORIGINAL_HEADER_PREFIX = "X-Rolescope-Original-"
_RENAMED_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


class _Sha256WARCWriter(WARCWriter):
    """warcio's writer with sha256 block digests (its default is sha1)."""

    @staticmethod
    def _create_digester() -> Digester:
        return Digester("sha256")


def warc_digest(body: bytes) -> str:
    """``sha256:<base32>``, the WARC convention for labelled digests."""
    return "sha256:" + base64.b32encode(hashlib.sha256(body).digest()).decode("ascii")


def warc_date(moment: datetime) -> str:
    """A ``WARC-Date``: UTC, with microseconds."""
    return str(datetime_to_iso_date(moment.astimezone(UTC).replace(tzinfo=None), use_micros=True))


def _archived_headers(headers: Iterable[tuple[str, str]], body_length: int) -> list[tuple[str, str]]:
    """Response headers made true to the stored (decoded) body."""
    out = [
        (ORIGINAL_HEADER_PREFIX + name if name.lower() in _RENAMED_HEADERS else name, value)
        for name, value in headers
    ]
    out.append(("Content-Length", str(body_length)))
    return out


def http_block(status: int, headers: Iterable[tuple[str, str]], body_length: int) -> StatusAndHeaders:
    """The archived HTTP status line and headers of a response whose stored body has ``body_length``."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Unknown"
    archived = _archived_headers(headers, body_length)
    return StatusAndHeaders(f"{status} {phrase}", archived, protocol="HTTP/1.1")


def serialize(build: Callable[[WARCWriter], Any]) -> bytes:
    """One record as a complete gzip member."""
    buffer = BytesIO()
    writer = _Sha256WARCWriter(buffer, gzip=True, warc_version="1.1")
    writer.write_record(build(writer))
    return buffer.getvalue()


def warcinfo(name: str) -> bytes:
    """The ``warcinfo`` record that starts the WARC file ``name``: what wrote it, and how."""
    info = {"software": f"rolescope/{__version__} (warcio)", "format": "WARC File Format 1.1",
            "robots": "obey", "description": "rolescope fetch run"}
    return serialize(lambda w: w.create_warcinfo_record(name, info))


def append_record(path: Path, data: bytes) -> int:
    """Append one gzip member and make it durable; returns its offset."""
    with open(path, "ab") as handle:
        offset = handle.tell()
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return offset
