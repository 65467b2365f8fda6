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
import zlib
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
    member: str | None = None
    """The WARC file inside ``path`` (a WACZ package) that ``offset`` is in; None for a WARC or ARC file."""
    archive: str | None = None
    """The key of ``path`` under the input folder, when it is a WACZ package (names its captures)."""


@dataclass(frozen=True, slots=True)
class ArchiveProblem:
    """A web archive (or one WARC file inside a WACZ) that could not be read whole.

    Why a value and not a log line: records lost to damage must show in the tables (a
    quarantine row naming the archive and the member), not only in a log nobody reads.
    """

    path: Path
    member: str | None
    reason: str
    """``corrupt_archive``, ``not_a_warc``, ``zip_bomb``, ``unreadable`` or ``empty``."""
    detail: str


KIND_HEADER = "X-Rolescope-Kind"
"""WARC header naming what the fetcher fetched a page as (a sitemap, an index page, ...)."""


class _Tee:
    """A record's raw payload, hashed as the body decoder reads through it.

    Why: a tool that archives the bytes as they came over the wire (gzip, chunked) digests
    those bytes, while the body a page is parsed from is decoded; the fetcher's own records
    hold the decoded body, so either digest may be the one the record carries.
    """

    def __init__(self, stream: Any, digest: Any) -> None:
        self.stream = stream
        self.digest = digest

    def read(self, *args: Any) -> bytes:
        data = self.stream.read(*args)
        self.digest.update(data)
        return bytes(data)

    def readline(self, *args: Any) -> bytes:
        data = self.stream.readline(*args)
        self.digest.update(data)
        return bytes(data)


def _teed(record: Any, algorithm: str | None) -> Any:
    """Hash the raw payload of ``record`` as it is read; returns the digest object."""
    payload = hashlib.new(algorithm or "sha256")
    record.raw_stream = _Tee(record.raw_stream, payload)
    return payload


def _finish(record: Any) -> None:
    """Read the rest of the raw payload through the tee (a chunked body's last line), then
    put the plain stream back (the archive iterator reads past the record from it)."""
    tee = record.raw_stream
    while tee.read(_CHUNK):
        pass
    record.raw_stream = tee.stream


def _hash_body(record: Any, algorithm: str | None) -> tuple[str, int, bytes, bytes]:
    """Stream a record's body without keeping it: ``(sha256 hex, size, digest of the decoded
    body, digest of the raw payload)``, the digests in ``algorithm`` (sha256 by default)."""
    sha = hashlib.sha256()
    other = hashlib.new(algorithm) if algorithm and algorithm != "sha256" else None
    size = 0
    payload = _teed(record, algorithm)
    stream = record.content_stream()
    while chunk := stream.read(_CHUNK):
        sha.update(chunk)
        if other is not None:
            other.update(chunk)
        size += len(chunk)
    _finish(record)
    return sha.hexdigest(), size, (other or sha).digest(), payload.digest()


WRITER_MARK = b"software: rolescope/"
"""How the ``warcinfo`` record that starts the fetcher's WARC files names what wrote them
(:func:`pipeline.fetch.warc_writer.warcinfo`)."""


def written_here(record: Any) -> bool:
    """Whether ``record``, the first of a WARC file, is the ``warcinfo`` this project's
    fetcher starts its files with.

    Why it matters: the fetcher appends to its files as it goes, so a killed fetch leaves a
    cut last record there that the next fetch fetches again: only worth a log line. A WARC
    file from any other tool (a crawler's, a browser extension's) that is cut or fails its
    digests has lost pages for good, which must show as a quarantine row.
    """
    if record.rec_type != "warcinfo":
        return False
    return WRITER_MARK in record.content_stream().read(4096)


def _cut_short(record: Any) -> bool:
    """Whether a record's block ended before the length its header declares (a cut file),
    asked once its payload was read to the end (:func:`_finish`)."""
    return getattr(record.raw_stream, "limit", 0) > 0


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


Original = tuple[Path, int, str, int, str | None, str | None]
"""Where a payload was first archived: path, offset, sha256, size, WACZ member and package key."""


def refs_of_stream(
    path: Path,
    handle: BinaryIO,
    originals: dict[str, Original],
    *,
    member: str | None = None,
    archive: str | None = None,
    strict: bool | None = False,
    arc: bool = False,
) -> Iterator[CaptureRef | ArchiveProblem]:
    """Every archived response of one WARC or ARC stream as a :class:`CaptureRef`, streamed:
    memory holds one chunk of one body, whatever the archive's size.

    Revisits resolve to their original's body (by payload digest, ``originals`` shared by
    the archives of a run), a record whose digest does not match (cut short) is skipped, a
    damaged end stops the stream. No size limit here: the parse applies ``--max-bytes``.
    ``strict`` (archives made by other tools: WACZ members, ARC files) reports what was
    lost as one :class:`ArchiveProblem` at the end; the fetcher's own WARC files only log
    it, since a killed fetch leaves a cut last record that the next fetch fetches again.
    ``strict=None`` (a WARC file, which any tool may have written) decides by the file's
    first record: lenient when it is the ``warcinfo`` this project's writer starts its files
    with, strict otherwise. ``arc`` reads ARC records as WARC responses (only for ARC files:
    it would read the first line of anything else as an ARC header).
    """
    records = ArchiveIterator(handle, arc2warc=arc)
    damage: list[str] = []
    seen = 0
    where = f"{member} in {path.name}" if member else path.name
    try:
        for record in records:
            if strict is None:
                strict = not written_here(record)
            if strict and not arc and not str(record.format).startswith("warc"):
                # warcio takes any line of five words for an ARC header: in a WARC, that is no record
                raise ArchiveLoadFailed(f"no WARC record header (the first line reads as {record.format!r})")
            seen += 1
            if record.http_headers is None or record.rec_type not in ("response", "revisit"):
                continue
            label = record.rec_headers.get_header("WARC-Payload-Digest")
            uri = record.rec_headers.get_header("WARC-Target-URI")
            if record.rec_type == "response":
                sha, size, digest, raw_digest = _hash_body(record, _digest_algorithm(label))
                cut = strict and _cut_short(record)
                offset = records.get_record_offset()  # after the read: it consumes the record
                if cut or not (_label_matches(label, digest) or _label_matches(label, raw_digest)):
                    log.warning("skipping %s in %s: payload digest mismatch or cut short (truncated record?)",
                                uri, where)
                    damage.append(f"the record of {uri} at offset {offset} is cut short or fails its digest")
                    continue
                if label:
                    originals.setdefault(label, (path, offset, sha, size, member, archive))
                yield _ref(record, (path, offset, sha, size, member, archive))
                continue
            original = originals.get(label or "")
            if original is None:
                log.warning("skipping revisit of %s in %s: original payload %s not found", uri, where, label)
                continue
            yield _ref(record, original)  # read from, and named by, the original's place
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as error:
        log.warning("stopped reading %s at a damaged or truncated record: %s", where, error)
        if not strict:
            return
        if seen == 0 and member is not None:
            yield ArchiveProblem(path, member, "not_a_warc", f"{where} is not a WARC file: {error}")
            return
        damage.insert(0, f"stopped after {seen} records at a damaged or truncated record: {error}")
    if strict is None:  # no record at all: nothing says the fetcher wrote it
        strict = True
    if strict and seen == 0 and not damage:
        reason = "not_a_warc" if member is not None else "empty"
        yield ArchiveProblem(path, member, reason, f"{where} holds no WARC or ARC record")
        return
    if strict and damage:
        more = f" (and {len(damage) - 2} more)" if len(damage) > 2 else ""
        yield ArchiveProblem(path, member, "corrupt_archive", f"{where}: " + "; ".join(damage[:2]) + more)


def _ref(record: Any, where: Original) -> CaptureRef:
    path, offset, sha, size, member, archive = where
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
        member=member,
        archive=archive,
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
        return read_record(handle, max_bytes=max_bytes, arc=is_arc_name(path.name))


def is_arc_name(name: str) -> bool:
    """An ARC file (the Internet Archive's format before WARC), by its suffix."""
    return name.lower().endswith((".arc", ".arc.gz"))


def read_record(handle: BinaryIO, *, max_bytes: int = 64 * MIB, arc: bool = False) -> Capture | None:
    """The response record ``handle`` is at (a WARC stream, or an ARC one when ``arc``), or
    None if it is not one."""
    for record in ArchiveIterator(handle, arc2warc=arc):
        if record.rec_type != "response" or record.http_headers is None:
            return None
        label = record.rec_headers.get_header("WARC-Payload-Digest")
        payload = _teed(record, _digest_algorithm(label))
        body = _read_body(record, max_bytes)
        if body is None:
            return None
        _finish(record)
        if not (digest_matches(label, body) or _label_matches(label, payload.digest())):
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

