"""WARC reading: archived responses back as :class:`Capture` objects, without the network or the index.

Why a module of its own: parsing reads the archive and never writes it, so it needs
neither SQLite nor the HTTP client; the WARC files alone are the source of truth. This
module resolves deduplicated ``revisit`` records to the bytes they refer to, checks
payload digests so that a record cut short by a killed writer is not taken for a whole
one, and stops cleanly at a damaged file end.
"""

from __future__ import annotations

import base64
import hashlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import iso_date_to_datetime

from pipeline.common.limits import MIB
from pipeline.fetch.urls import without_userinfo
from pipeline.fetch.warc_writer import FINAL_URL_HEADER

log = logging.getLogger(__name__)
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Capture:
    """One archived response, as parsing needs it; read from WARC, never from the network."""

    url: str
    """The URL asked for (WARC-Target-URI)."""
    final_url: str
    """The URL after redirects."""
    status: int
    headers: list[tuple[str, str]]
    """Archived response headers (encodings renamed ``X-Rolescope-Original-*``)."""
    content_type: str | None
    body: bytes
    """The decoded body (no Content-Encoding)."""
    fetched_at: datetime
    """WARC-Date, UTC."""
    sha256: str
    """Hex sha256 of ``body``."""



@dataclass(frozen=True, slots=True)
class CaptureRef:
    """One archived response without its body: where the body is, and what it hashes to.

    Why: planning a run must know every capture's content hash (to parse only new ones),
    but holding the bodies of a whole archive costs its size in memory. A reference is a
    few hundred bytes; the worker that parses the capture reads its body again
    (:func:`read_capture_at`), one at a time.
    """

    url: str
    final_url: str
    status: int
    content_type: str | None
    fetched_at: datetime
    kind: str | None
    """What the fetcher fetched it as (``article``, ``sitemap``, ``index``, ``jobs``), when recorded."""
    sha256: str
    size: int
    """Bytes of the body (counted to the end, even past a limit)."""
    path: Path
    offset: int
    """The WARC file and offset of the response record holding the body (a revisit's original)."""


KIND_HEADER = "X-Rolescope-Kind"
"""WARC header naming what the fetcher fetched a page as (a sitemap, an index page, ...)."""


def _hash_body(record: Any, algorithm: str | None) -> tuple[str, int, bytes]:
    """Stream a record's body: ``(sha256 hex, size, payload digest)`` without keeping it."""
    sha = hashlib.sha256()
    other = hashlib.new(algorithm) if algorithm and algorithm != "sha256" else None
    size = 0
    stream = record.content_stream()
    while chunk := stream.read(_CHUNK):
        sha.update(chunk)
        if other is not None:
            other.update(chunk)
        size += len(chunk)
    return sha.hexdigest(), size, (other or sha).digest()


def _digest_algorithm(label: str | None) -> str | None:
    if not label or ":" not in label:
        return None
    name = label.partition(":")[0].strip().lower()
    return name if name in hashlib.algorithms_available else None


def _label_matches(label: str | None, digest: bytes) -> bool:
    if not label or ":" not in label or _digest_algorithm(label) is None:
        return True
    value = label.partition(":")[2].strip()
    return value.upper().rstrip("=") == base64.b32encode(digest).decode("ascii").rstrip("=") or (
        value.lower() == digest.hex()
    )


def iter_capture_refs(raw_dir: Path) -> Iterator[CaptureRef]:
    """Every archived response under ``raw_dir`` as a :class:`CaptureRef`, oldest first,
    streamed: memory holds one chunk of one body, whatever the archive's size.

    Same rules as :func:`iter_captures`: revisits resolve to their original's body (by
    payload digest), a record whose digest does not match (cut short) is skipped, a damaged
    file end stops that file. No size limit here: the parse applies ``--max-bytes``.
    """
    originals: dict[str, tuple[Path, int, str, int]] = {}
    for path in warc_files(raw_dir):
        with open(path, "rb") as handle:
            yield from _refs_of_file(path, handle, originals)


def _refs_of_file(
    path: Path, handle: BinaryIO, originals: dict[str, tuple[Path, int, str, int]]
) -> Iterator[CaptureRef]:
    records = ArchiveIterator(handle)
    try:
        for record in records:
            if record.http_headers is None or record.rec_type not in ("response", "revisit"):
                continue
            label = record.rec_headers.get_header("WARC-Payload-Digest")
            uri = record.rec_headers.get_header("WARC-Target-URI")
            if record.rec_type == "response":
                sha, size, digest = _hash_body(record, _digest_algorithm(label))
                offset = records.get_record_offset()  # after the read: it consumes the record
                if not _label_matches(label, digest):
                    log.warning("skipping %s in %s: payload digest mismatch (truncated record?)", uri, path)
                    continue
                if label:
                    originals.setdefault(label, (path, offset, sha, size))
                yield _ref(record, path, offset, sha, size)
                continue
            original = originals.get(label or "")
            if original is None:
                log.warning("skipping revisit of %s in %s: original payload %s not found", uri, path, label)
                continue
            yield _ref(record, *original)
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as error:
        log.warning("stopped reading %s at a damaged or truncated record: %s", path, error)


def _ref(record: Any, path: Path, offset: int, sha: str, size: int) -> CaptureRef:
    headers = _header_list(record.http_headers)
    url = without_userinfo(str(record.rec_headers.get_header("WARC-Target-URI")))
    kind = record.rec_headers.get_header(KIND_HEADER)
    return CaptureRef(
        url=url,
        final_url=without_userinfo(str(record.rec_headers.get_header(FINAL_URL_HEADER) or url)),
        status=int(record.http_headers.get_statuscode()),
        content_type=_first(headers, "Content-Type"),
        fetched_at=iso_date_to_datetime(record.rec_headers.get_header("WARC-Date"), tz_aware=True),
        kind=str(kind) if kind else None,
        sha256=sha,
        size=size,
        path=path,
        offset=offset,
    )


def _header_list(http_headers: StatusAndHeaders | None) -> list[tuple[str, str]]:
    return [(str(k), str(v)) for k, v in (http_headers.headers if http_headers else [])]


def _first(headers: list[tuple[str, str]], name: str) -> str | None:
    lowered = name.lower()
    return next((v for k, v in headers if k.lower() == lowered), None)


def _capture(record: Any, body: bytes) -> Capture:
    headers = _header_list(record.http_headers)
    url = str(record.rec_headers.get_header("WARC-Target-URI"))
    fetched = iso_date_to_datetime(record.rec_headers.get_header("WARC-Date"), tz_aware=True)
    return Capture(
        url=url,
        final_url=str(record.rec_headers.get_header(FINAL_URL_HEADER) or url),
        status=int(record.http_headers.get_statuscode()),
        headers=headers,
        content_type=_first(headers, "Content-Type"),
        body=body,
        fetched_at=fetched,
        sha256=hashlib.sha256(body).hexdigest(),
    )


def _read_body(record: Any, max_bytes: int) -> bytes | None:
    body = bytes(record.content_stream().read(max_bytes + 1))
    return None if len(body) > max_bytes else body


def digest_matches(label: str | None, body: bytes) -> bool:
    """Whether a ``WARC-Payload-Digest`` (``algo:base32`` or ``algo:hex``) matches ``body``.

    Why check: a record cut short by a killed writer can still decompress to a prefix of
    its body; the digest is what tells a whole body from a truncated one. Digests in an
    unknown algorithm are trusted.
    """
    if not label or ":" not in label:
        return True
    algorithm, _, value = label.partition(":")
    try:
        digest = hashlib.new(algorithm.strip().lower(), body).digest()
    except ValueError:
        return True
    value = value.strip()
    return value.upper().rstrip("=") == base64.b32encode(digest).decode("ascii").rstrip("=") or (
        value.lower() == digest.hex()
    )


def read_capture_at(path: Path, offset: int, *, max_bytes: int = 64 * MIB) -> Capture | None:
    """The response record starting at ``offset`` of ``path``, or None if it is not one."""
    with open(path, "rb") as handle:
        handle.seek(offset)
        for record in ArchiveIterator(handle):
            if record.rec_type != "response" or record.http_headers is None:
                return None
            body = _read_body(record, max_bytes)
            if body is None or not digest_matches(record.rec_headers.get_header("WARC-Payload-Digest"), body):
                return None
            return _capture(record, body)
    return None


def warc_files(raw_dir: Path) -> list[Path]:
    """Every ``*.warc.gz``/``*.warc`` under ``raw_dir``, oldest first (file names start with the time).

    Hidden files and anything in a hidden folder are skipped, as the input walk skips them.
    """
    root = Path(raw_dir)
    found = [
        p
        for p in root.rglob("*")
        if p.name.endswith((".warc.gz", ".warc"))
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
        and p.is_file()
    ]
    return sorted(found, key=lambda p: (p.name, p.as_posix()))


def iter_captures(raw_dir: Path, *, max_bytes: int = 64 * MIB) -> Iterator[Capture]:
    """Every archived response under ``raw_dir``, oldest first, straight from the WARC files.

    ``revisit`` records are resolved to the body of the response record they refer to
    (by payload digest, among the records already read: an original is always written
    before its revisits), and yielded as captures of their own URL and date with that
    body; a revisit whose original is gone is skipped with a warning. The SQLite index is
    not needed. A truncated last record (a killed writer) ends that file with a warning.
    """
    originals: dict[str, tuple[Path, int]] = {}
    for path in warc_files(raw_dir):
        with open(path, "rb") as handle:
            yield from _iter_file(path, handle, originals, max_bytes)


def _iter_file(
    path: Path, handle: BinaryIO, originals: dict[str, tuple[Path, int]], max_bytes: int
) -> Iterator[Capture]:
    records = ArchiveIterator(handle)
    try:
        for record in records:
            if record.http_headers is None or record.rec_type not in ("response", "revisit"):
                continue
            digest = record.rec_headers.get_header("WARC-Payload-Digest")
            if record.rec_type == "response":
                body = _read_body(record, max_bytes)
                offset = records.get_record_offset()  # after the read: it consumes the record
                uri = record.rec_headers.get_header("WARC-Target-URI")
                if body is None:
                    log.warning("skipping %s in %s: body over %d bytes", uri, path, max_bytes)
                    continue
                if not digest_matches(digest, body):
                    log.warning("skipping %s in %s: payload digest mismatch (truncated record?)", uri, path)
                    continue
                if digest:
                    originals.setdefault(digest, (path, offset))
                yield _capture(record, body)
                continue
            location = originals.get(digest or "")
            original = read_capture_at(*location, max_bytes=max_bytes) if location else None
            if original is None:
                log.warning("skipping revisit of %s in %s: original payload %s not found",
                            record.rec_headers.get_header("WARC-Target-URI"), path, digest)
                continue
            yield _capture(record, original.body)
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as error:
        log.warning("stopped reading %s at a damaged or truncated record: %s", path, error)

