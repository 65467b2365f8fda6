"""The raw store: every capture kept immutably, as WARC, with a small SQLite index beside it.

Why WARC: it is the web-archiving standard, so captures stay inspectable with common
tools (``warcio index``, pywb, ...) and carry what parsing and provenance need: the URL
asked for, the HTTP status and headers, the fetch time and a payload digest.

This module is the facade the crawl writes through: it decides which record to write
(response or revisit), writes it before the index rows that mention it, and names the
run's WARC file. The parts live beside it: ``index`` (the SQLite bookkeeping),
``warc_writer`` (the record format) and ``warc_reader`` (reading the archive back).

Layout, under ``<raw_dir>/warc/``:

* ``rolescope-<UTC start, YYYYmmddTHHMMSSZ>-<run id, 5 digits>.warc.gz``: one file per
  fetch run that stored anything (created on the first record), one gzip member per
  record, WARC/1.1. The file starts with a ``warcinfo`` record. Each record is appended,
  flushed and fsynced on its own, so a killed run leaves complete, readable records.
* ``index.sqlite``: what the fetcher needs to be polite and incremental (validators for
  conditional requests, payload digests for deduplication, failures to retry, the frontier
  of an interrupted run). It is derived bookkeeping: the WARC files are the archive, and
  :func:`~pipeline.fetch.warc_reader.iter_captures` reads them without the index.

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

import hashlib
import logging
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from warcio.warcwriter import WARCWriter

from pipeline.fetch.index import INDEX_NAME, Failure, FrontierItem, PreviousCapture, StoreIndex
from pipeline.fetch.result import FetchResult, utc_now
from pipeline.fetch.warc_reader import KIND_HEADER, read_capture_at
from pipeline.fetch.warc_writer import (
    FINAL_URL_HEADER,
    append_record,
    http_block,
    serialize,
    warc_date,
    warc_digest,
    warcinfo,
)

log = logging.getLogger(__name__)

WARC_DIR = "warc"

Stored = Literal["response", "revisit"]


class RawStore(AbstractContextManager["RawStore"]):
    """Appends captures to this run's WARC file and keeps the SQLite index.

    Index writes are not committed by the methods themselves: callers group the rows of
    one page (capture, discovered links, frontier state) in :meth:`transaction`.
    Single-threaded by design: the crawl's worker threads only fetch; the main thread stores.
    """

    def __init__(self, raw_dir: Path, *, now: Callable[[], datetime] = utc_now) -> None:
        self.root = Path(raw_dir) / WARC_DIR
        self.root.mkdir(parents=True, exist_ok=True)
        self.index = StoreIndex(self.root / INDEX_NAME, now=now)
        self.started_at = self.index.started_at
        self.run_id = self.index.run_id
        self.warc_path: Path | None = None

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Commit what is pending and close the index (the WARC file is never held open)."""
        self.index.close()

    def transaction(self) -> sqlite3.Connection:
        """``with store.transaction():`` commits the rows written inside, or none of them."""
        return self.index.transaction()

    # -- captures ----------------------------------------------------------------------

    def previous(self, url: str) -> PreviousCapture | None:
        """The latest good capture of ``url``, for conditional requests."""
        return self.index.previous(url)

    def save(self, result: FetchResult) -> Stored:
        """Archive a ``fetched`` result: a response record, or a revisit if the payload is known."""
        body = result.body
        sha = hashlib.sha256(body).hexdigest()
        digest = warc_digest(body)
        when = warc_date(result.fetched_at)
        status = result.status or 200
        extra = {"WARC-Date": when, FINAL_URL_HEADER: result.final_url}
        kind = self.index.kind_of(result.url)
        if kind is not None:  # a sitemap or an index page is skipped by the parse, not quarantined
            extra[KIND_HEADER] = kind
        original = self.index.stored_payload(sha)
        stored: Stored
        if original is not None:
            refers_url, refers_date = original
            self._append(lambda w: w.create_revisit_record(
                result.url, digest, refers_url, refers_date,
                http_headers=http_block(status, result.headers, len(body)), warc_headers_dict=extra,
            ))
            stored = "revisit"
            log.info("stored %s as a revisit of %s (identical payload)", result.url, refers_url)
        else:
            extra["WARC-Payload-Digest"] = digest
            name, offset = self._append(lambda w: w.create_warc_record(
                result.url, "response", payload=BytesIO(body), length=len(body),
                http_headers=http_block(status, result.headers, len(body)), warc_headers_dict=extra,
            ))
            self.index.add_payload(sha, result.url, when, name, offset)
            stored = "response"
            log.info("stored %s (%d bytes) in %s", result.url, len(body), name)
        self.index.save_capture(result, status, sha)
        return stored

    def touch(self, result: FetchResult) -> None:
        """A 304: the stored capture is still current; note when, and any refreshed validators."""
        self.index.touch(result)

    def load_body(self, url: str) -> bytes | None:
        """The stored body of ``url``'s latest capture (to follow links of a page that said 304)."""
        location = self.index.body_location(url)
        if location is None:
            return None
        capture = read_capture_at(self.root / location[0], location[1])
        return capture.body if capture is not None else None

    def _open_warc(self) -> Path:
        if self.warc_path is None:
            stamp = self.started_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
            path = self.root / f"rolescope-{stamp}-{self.run_id:05d}.warc.gz"
            self.warc_path = path
            append_record(path, warcinfo(path.name))
            self.index.set_warc_file(path.name)
        return self.warc_path

    def _append(self, build: Callable[[WARCWriter], Any]) -> tuple[str, int]:
        path = self._open_warc()
        return path.name, append_record(path, serialize(build))

    # -- failures and frontier (the index's bookkeeping) --------------------------------

    def record_failure(self, item: FrontierItem, result: FetchResult, *, gone: str | None = None) -> None:
        """Remember a failed or refused fetch (attempts count runs in a row); see
        :meth:`StoreIndex.record_failure`."""
        self.index.record_failure(item, result, gone=gone)

    def is_gone(self, url: str) -> bool:
        """Whether ``url`` was found taken down (a job page that said 404 or 410)."""
        return self.index.is_gone(url)

    def clear_failure(self, url: str) -> None:
        """The URL worked again."""
        self.index.clear_failure(url)

    def failures(self) -> list[Failure]:
        """All recorded failures, oldest first."""
        return self.index.failures()

    def retryable(self, max_attempts: int) -> list[FrontierItem]:
        """Failed (not refused) URLs to try again this run, unless they failed ``max_attempts`` runs."""
        return self.index.retryable(max_attempts)

    def enqueue(
        self, items: Iterable[FrontierItem], *, limit: int | None = None
    ) -> tuple[list[FrontierItem], int]:
        """Add URLs not yet in the frontier; see :meth:`StoreIndex.enqueue`."""
        return self.index.enqueue(items, limit=limit)

    def pending(self) -> list[FrontierItem]:
        """URLs still to fetch, in the order they were found."""
        return self.index.pending()

    def frontier_size(self) -> int:
        """URLs in the frontier, pending and done (what ``max_urls`` bounds)."""
        return self.index.frontier_size()

    def kind_of(self, url: str) -> str | None:
        """What ``url`` is being fetched as in this run, if it is in the frontier."""
        return self.index.kind_of(url)

    def frontier_count(self, kind: str) -> int:
        """URLs of one kind in the frontier, pending and done."""
        return self.index.frontier_count(kind)

    def mark_done(self, url: str) -> None:
        """The URL has been dealt with in this run (whatever the outcome)."""
        self.index.mark_done(url)

    def clear_frontier(self) -> None:
        """The run completed: the next run starts afresh."""
        self.index.clear_frontier()

    def finish(self, summary: str, counts: str | None = None) -> None:
        """Note the run's end, summary line and counts (JSON) in ``runs``."""
        self.index.finish(summary, counts)
