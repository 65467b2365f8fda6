"""The raw store: every capture kept immutably, as WARC, with a small SQLite index beside it.

Why WARC: it is the web-archiving standard, so captures stay inspectable with common
tools (``warcio index``, pywb, ...) and carry what parsing and provenance need: the URL
asked for, the HTTP status and headers, the fetch time and a payload digest.

Layout, under ``<raw_dir>/warc/``:

* ``rolescope-<UTC start, YYYYmmddTHHMMSSZ>-<run id, 5 digits>.warc.gz``: one file per
  fetch run that stored anything (created on the first record), one gzip member per
  record, WARC/1.1. The file starts with a ``warcinfo`` record. Each record is appended,
  flushed and fsynced on its own, so a killed run leaves complete, readable records.
* ``index.sqlite``: what the fetcher needs to be polite and incremental (validators for
  conditional requests, payload digests for deduplication, failures to retry, the frontier
  of an interrupted run). It is derived bookkeeping: the WARC files are the archive, and
  :func:`iter_captures` reads them without the index.

Records: a ``response`` record per new payload, with ``WARC-Target-URI`` (the URL asked
for), ``X-Rolescope-Final-URL`` (the URL after redirects; ``WARC-Refers-To-Target-URI`` is
not used for this because it means "the original of a revisit"), ``WARC-Date`` (fetch
time, microseconds), ``WARC-Payload-Digest`` and ``WARC-Block-Digest`` in
``sha256:<base32>``. The HTTP block is the status line, the response headers and the body
*with its Content-Encoding removed*; so that the headers stay true to the stored bytes,
``Content-Encoding``, ``Transfer-Encoding`` and ``Content-Length`` are renamed to
``X-Rolescope-Original-*`` and a ``Content-Length`` of the stored body is added.

Deduplication: a payload whose sha256 is already stored (same URL re-fetched, or another
URL with identical bytes) is written as a ``revisit`` record with the
``identical-payload-digest`` profile: HTTP status and headers, no body, and
``WARC-Refers-To-Target-URI``/``WARC-Refers-To-Date`` naming the response that holds the
bytes. So each body is stored once, yet every sighting is dated in the archive. A 304
stores nothing at all (the index notes when it was checked).

Crash semantics: a record is written to its WARC file before the index rows that mention
it are committed, so the index never points at bytes that are not there; a kill between
the two makes the URL be fetched again on resume (at-least-once, never lost).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO, Literal

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date, iso_date_to_datetime
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from pipeline.common.limits import MIB
from pipeline.fetch.client import FetchResult, utc_now
from pipeline.version import __version__

log = logging.getLogger(__name__)

WARC_DIR = "warc"
INDEX_NAME = "index.sqlite"
FINAL_URL_HEADER = "X-Rolescope-Final-URL"
ORIGINAL_HEADER_PREFIX = "X-Rolescope-Original-"
_RENAMED_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})

Stored = Literal["response", "revisit"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS captures (      -- the latest good capture of each URL asked for
    url           TEXT PRIMARY KEY,
    final_url     TEXT NOT NULL,
    status        INTEGER NOT NULL,
    etag          TEXT,                    -- sent back as If-None-Match
    last_modified TEXT,                    -- sent back as If-Modified-Since
    sha256        TEXT NOT NULL,           -- hex digest of the decoded body
    fetched_at    TEXT NOT NULL,           -- last full response (ISO 8601, UTC)
    checked_at    TEXT NOT NULL            -- last confirmation by the server (200 or 304)
);
CREATE TABLE IF NOT EXISTS payloads (      -- bodies already in a WARC file: the revisit targets
    sha256        TEXT PRIMARY KEY,
    url           TEXT NOT NULL,
    fetched_at    TEXT NOT NULL,           -- the WARC-Date of the response record
    warc_file     TEXT NOT NULL,           -- file name under raw/warc/
    warc_offset   INTEGER NOT NULL         -- byte offset of the record's gzip member
);
CREATE TABLE IF NOT EXISTS failures (      -- URLs whose last fetch did not succeed
    url           TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,           -- frontier kind, so a retry is followed the same way
    page          INTEGER NOT NULL,
    outcome       TEXT NOT NULL,           -- failed | refused
    reason        TEXT NOT NULL,
    status        INTEGER,
    attempts      INTEGER NOT NULL,        -- failed fetches in a row, over runs
    tries         INTEGER NOT NULL,        -- HTTP requests in the last failed fetch
    first_tried   TEXT NOT NULL,
    last_tried    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS frontier (      -- the current run's queue; emptied when a run completes
    url           TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    page          INTEGER NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'done')),
    added_at      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    warc_file     TEXT,
    summary       TEXT
);
"""


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
class PreviousCapture:
    """What the index remembers about a URL's latest good capture."""

    url: str
    final_url: str
    status: int
    etag: str | None
    last_modified: str | None
    sha256: str
    fetched_at: str
    checked_at: str


@dataclass(frozen=True, slots=True)
class FrontierItem:
    """A URL to fetch, and how to follow it (``kind``) and where in a pagination chain (``page``)."""

    url: str
    kind: str
    page: int = 0


@dataclass(frozen=True, slots=True)
class Failure:
    """A row of the ``failures`` table."""

    url: str
    kind: str
    page: int
    outcome: str
    reason: str
    status: int | None
    attempts: int
    tries: int
    first_tried: str
    last_tried: str


class _Sha256WARCWriter(WARCWriter):
    """warcio's writer with sha256 block digests (its default is sha1)."""

    @staticmethod
    def _create_digester() -> Digester:
        return Digester("sha256")


def warc_digest(body: bytes) -> str:
    """``sha256:<base32>``, the WARC convention for labelled digests."""
    return "sha256:" + base64.b32encode(hashlib.sha256(body).digest()).decode("ascii")


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _warc_date(moment: datetime) -> str:
    return str(datetime_to_iso_date(moment.astimezone(UTC).replace(tzinfo=None), use_micros=True))


def _archived_headers(headers: Iterable[tuple[str, str]], body_length: int) -> list[tuple[str, str]]:
    """Response headers made true to the stored (decoded) body."""
    out = [
        (ORIGINAL_HEADER_PREFIX + name if name.lower() in _RENAMED_HEADERS else name, value)
        for name, value in headers
    ]
    out.append(("Content-Length", str(body_length)))
    return out


def _http_block(status: int, headers: Iterable[tuple[str, str]], body_length: int) -> StatusAndHeaders:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Unknown"
    archived = _archived_headers(headers, body_length)
    return StatusAndHeaders(f"{status} {phrase}", archived, protocol="HTTP/1.1")


def _serialize(build: Callable[[WARCWriter], Any]) -> bytes:
    """One record as a complete gzip member."""
    buffer = BytesIO()
    writer = _Sha256WARCWriter(buffer, gzip=True, warc_version="1.1")
    writer.write_record(build(writer))
    return buffer.getvalue()


class RawStore(AbstractContextManager["RawStore"]):
    """Appends captures to this run's WARC file and keeps the SQLite index.

    Index writes are not committed by the methods themselves: callers group the rows of
    one page (capture, discovered links, frontier state) in :meth:`transaction`.
    Single-threaded by design: the crawl's worker threads only fetch; the main thread stores.
    """

    def __init__(self, raw_dir: Path, *, now: Callable[[], datetime] = utc_now) -> None:
        self.root = Path(raw_dir) / WARC_DIR
        self.root.mkdir(parents=True, exist_ok=True)
        self._now = now
        self._db = sqlite3.connect(self.root / INDEX_NAME)
        self._db.executescript(_SCHEMA)
        self.started_at = now()
        with self._db:
            cursor = self._db.execute("INSERT INTO runs (started_at) VALUES (?)", (_iso(self.started_at),))
        self.run_id = int(cursor.lastrowid or 0)
        self.warc_path: Path | None = None

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Commit what is pending and close the index (the WARC file is never held open)."""
        try:
            self._db.commit()
        finally:
            self._db.close()

    def transaction(self) -> sqlite3.Connection:
        """``with store.transaction():`` commits the rows written inside, or none of them."""
        return self._db

    # -- captures ----------------------------------------------------------------------

    def previous(self, url: str) -> PreviousCapture | None:
        """The latest good capture of ``url``, for conditional requests."""
        row = self._db.execute(
            "SELECT url, final_url, status, etag, last_modified, sha256, fetched_at, checked_at "
            "FROM captures WHERE url = ?", (url,),
        ).fetchone()
        return PreviousCapture(*row) if row else None

    def save(self, result: FetchResult) -> Stored:
        """Archive a ``fetched`` result: a response record, or a revisit if the payload is known."""
        body = result.body
        sha = hashlib.sha256(body).hexdigest()
        digest = warc_digest(body)
        when = _warc_date(result.fetched_at)
        status = result.status or 200
        extra = {"WARC-Date": when, FINAL_URL_HEADER: result.final_url}
        original = self._db.execute(
            "SELECT url, fetched_at FROM payloads WHERE sha256 = ?", (sha,)
        ).fetchone()
        stored: Stored
        if original is not None:
            refers_url, refers_date = original
            self._append(lambda w: w.create_revisit_record(
                result.url, digest, refers_url, refers_date,
                http_headers=_http_block(status, result.headers, len(body)), warc_headers_dict=extra,
            ))
            stored = "revisit"
            log.info("stored %s as a revisit of %s (identical payload)", result.url, refers_url)
        else:
            extra["WARC-Payload-Digest"] = digest
            name, offset = self._append(lambda w: w.create_warc_record(
                result.url, "response", payload=BytesIO(body), length=len(body),
                http_headers=_http_block(status, result.headers, len(body)), warc_headers_dict=extra,
            ))
            self._db.execute(
                "INSERT INTO payloads (sha256, url, fetched_at, warc_file, warc_offset) "
                "VALUES (?, ?, ?, ?, ?)",
                (sha, result.url, when, name, offset),
            )
            stored = "response"
            log.info("stored %s (%d bytes) in %s", result.url, len(body), name)
        checked = _iso(result.fetched_at)
        self._db.execute(
            "INSERT INTO captures "
            "(url, final_url, status, etag, last_modified, sha256, fetched_at, checked_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET final_url = excluded.final_url, "
            "status = excluded.status, etag = excluded.etag, last_modified = excluded.last_modified, "
            "sha256 = excluded.sha256, fetched_at = excluded.fetched_at, checked_at = excluded.checked_at",
            (result.url, result.final_url, status, result.header("ETag"), result.header("Last-Modified"),
             sha, checked, checked),
        )
        return stored

    def touch(self, result: FetchResult) -> None:
        """A 304: the stored capture is still current; note when, and any refreshed validators."""
        self._db.execute(
            "UPDATE captures SET checked_at = ?, etag = COALESCE(?, etag), "
            "last_modified = COALESCE(?, last_modified) WHERE url = ?",
            (_iso(result.fetched_at), result.header("ETag"), result.header("Last-Modified"), result.url),
        )

    def load_body(self, url: str) -> bytes | None:
        """The stored body of ``url``'s latest capture (to follow links of a page that said 304)."""
        row = self._db.execute(
            "SELECT p.warc_file, p.warc_offset FROM captures c JOIN payloads p ON p.sha256 = c.sha256 "
            "WHERE c.url = ?", (url,),
        ).fetchone()
        if row is None:
            return None
        capture = read_capture_at(self.root / row[0], int(row[1]))
        return capture.body if capture is not None else None

    def _open_warc(self) -> Path:
        if self.warc_path is None:
            stamp = self.started_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
            path = self.root / f"rolescope-{stamp}-{self.run_id:05d}.warc.gz"
            info = {"software": f"rolescope/{__version__} (warcio)", "format": "WARC File Format 1.1",
                    "robots": "obey", "description": "rolescope fetch run"}
            self.warc_path = path
            self._write(path, _serialize(lambda w: w.create_warcinfo_record(path.name, info)))
            self._db.execute("UPDATE runs SET warc_file = ? WHERE id = ?", (path.name, self.run_id))
        return self.warc_path

    def _append(self, build: Callable[[WARCWriter], Any]) -> tuple[str, int]:
        path = self._open_warc()
        return path.name, self._write(path, _serialize(build))

    @staticmethod
    def _write(path: Path, data: bytes) -> int:
        """Append one gzip member and make it durable; returns its offset."""
        with open(path, "ab") as handle:
            offset = handle.tell()
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        return offset

    # -- failures ----------------------------------------------------------------------

    def record_failure(self, item: FrontierItem, result: FetchResult) -> None:
        """Remember a failed or refused fetch (attempts count runs in a row)."""
        when = _iso(result.fetched_at)
        self._db.execute(
            "INSERT INTO failures (url, kind, page, outcome, reason, status, attempts, tries, first_tried, "
            "last_tried) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
            "kind = excluded.kind, page = excluded.page, outcome = excluded.outcome, "
            "reason = excluded.reason, "
            "status = excluded.status, attempts = failures.attempts + 1, tries = excluded.tries, "
            "last_tried = excluded.last_tried",
            (item.url, item.kind, item.page, result.outcome, result.reason or result.outcome, result.status,
             result.attempts, when, when),
        )

    def clear_failure(self, url: str) -> None:
        """The URL worked again."""
        self._db.execute("DELETE FROM failures WHERE url = ?", (url,))

    def failures(self) -> list[Failure]:
        """All recorded failures, oldest first."""
        rows = self._db.execute(
            "SELECT url, kind, page, outcome, reason, status, attempts, tries, first_tried, last_tried "
            "FROM failures ORDER BY first_tried, url"
        ).fetchall()
        return [Failure(*row) for row in rows]

    def retryable(self, max_attempts: int) -> list[FrontierItem]:
        """Failed (not refused) URLs to try again this run, unless they failed ``max_attempts`` runs."""
        rows = self._db.execute(
            "SELECT url, kind, page FROM failures WHERE outcome = 'failed' AND attempts < ? "
            "ORDER BY first_tried, url", (max_attempts,),
        ).fetchall()
        return [FrontierItem(*row) for row in rows]

    # -- frontier ----------------------------------------------------------------------

    def enqueue(
        self, items: Iterable[FrontierItem], *, limit: int | None = None
    ) -> tuple[list[FrontierItem], int]:
        """Add URLs not yet in the frontier (pending or done).

        Returns the items actually added, and how many new ones were dropped because the
        frontier already held ``limit`` URLs.
        """
        added: list[FrontierItem] = []
        dropped = 0
        size = self.frontier_size() if limit is not None else 0
        when = _iso(self._now())
        for item in items:
            if limit is not None and size >= limit:
                known = self._db.execute("SELECT 1 FROM frontier WHERE url = ?", (item.url,)).fetchone()
                dropped += 0 if known else 1
                continue
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO frontier (url, kind, page, state, added_at) "
                "VALUES (?, ?, ?, 'pending', ?)",
                (item.url, item.kind, item.page, when),
            )
            if cursor.rowcount:
                added.append(item)
                size += 1
        return added, dropped

    def pending(self) -> list[FrontierItem]:
        """URLs still to fetch, in the order they were found."""
        rows = self._db.execute(
            "SELECT url, kind, page FROM frontier WHERE state = 'pending' ORDER BY rowid"
        ).fetchall()
        return [FrontierItem(*row) for row in rows]

    def frontier_size(self) -> int:
        """URLs in the frontier, pending and done (what ``max_urls`` bounds)."""
        return int(self._db.execute("SELECT COUNT(*) FROM frontier").fetchone()[0])

    def mark_done(self, url: str) -> None:
        """The URL has been dealt with in this run (whatever the outcome)."""
        self._db.execute("UPDATE frontier SET state = 'done' WHERE url = ?", (url,))

    def clear_frontier(self) -> None:
        """The run completed: the next run starts afresh."""
        self._db.execute("DELETE FROM frontier")

    def finish(self, summary: str) -> None:
        """Note the run's end and summary in ``runs``."""
        with self._db:
            self._db.execute(
                "UPDATE runs SET finished_at = ?, summary = ? WHERE id = ?",
                (_iso(self._now()), summary, self.run_id),
            )


# -- reading -----------------------------------------------------------------------------


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
    """Every ``*.warc.gz``/``*.warc`` under ``raw_dir``, oldest first (file names start with the time)."""
    found = [p for p in Path(raw_dir).rglob("*") if p.is_file() and p.name.endswith((".warc.gz", ".warc"))]
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

