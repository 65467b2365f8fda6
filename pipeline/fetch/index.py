"""The raw store's SQLite index: latest captures, stored payloads, failures, frontier and runs.

Why a module of its own: the index is derived bookkeeping, not the archive. It holds
what the fetcher needs to be polite and incremental (validators for conditional
requests, payload digests for deduplication, failures to retry, the frontier of an
interrupted run) and nothing that reading captures back needs. Keeping the schema and
every SQL statement here leaves the WARC modules free of SQL and the store facade free
of queries.

Index writes are not committed by the methods themselves: callers group the rows of one
page (capture, discovered links, frontier state) in one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipeline.fetch.result import FetchResult
from pipeline.fetch.urls import without_userinfo

INDEX_NAME = "index.sqlite"

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
    outcome       TEXT NOT NULL,           -- failed | refused | gone (a job page taken down)
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
    summary       TEXT,
    counts        TEXT                     -- the summary's counts as JSON (FetchSummary.fields)
);
"""
_MIGRATIONS = (("runs", "counts", "ALTER TABLE runs ADD COLUMN counts TEXT"),)
"""Columns added after a table was first released: added to an older index when it is opened."""


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

    def __post_init__(self) -> None:
        # Whatever made it (a target, a link, a sitemap entry), a queued URL carries no
        # credentials: they are never requested, stored or logged (pipeline.fetch.urls).
        object.__setattr__(self, "url", without_userinfo(self.url))


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


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


class StoreIndex:
    """The open index of one fetch run: opening it records the run's start in ``runs``."""

    def __init__(self, path: Path, *, now: Callable[[], datetime]) -> None:
        self._now = now
        self._db = sqlite3.connect(path)
        self._db.executescript(_SCHEMA)
        for table, column, statement in _MIGRATIONS:
            if column not in {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}:
                self._db.execute(statement)
        self.started_at = now()
        with self._db:
            cursor = self._db.execute("INSERT INTO runs (started_at) VALUES (?)", (_iso(self.started_at),))
        self.run_id = int(cursor.lastrowid or 0)

    def close(self) -> None:
        """Commit what is pending and close the connection."""
        try:
            self._db.commit()
        finally:
            self._db.close()

    def transaction(self) -> sqlite3.Connection:
        """``with index.transaction():`` commits the rows written inside, or none of them."""
        return self._db

    # -- captures and payloads -----------------------------------------------------------

    def previous(self, url: str) -> PreviousCapture | None:
        """The latest good capture of ``url``, for conditional requests."""
        row = self._db.execute(
            "SELECT url, final_url, status, etag, last_modified, sha256, fetched_at, checked_at "
            "FROM captures WHERE url = ?", (url,),
        ).fetchone()
        return PreviousCapture(*row) if row else None

    def stored_payload(self, sha: str) -> tuple[str, str] | None:
        """The URL and WARC-Date of the response record that holds the payload ``sha``, if any."""
        row = self._db.execute(
            "SELECT url, fetched_at FROM payloads WHERE sha256 = ?", (sha,)
        ).fetchone()
        return (row[0], row[1]) if row is not None else None

    def add_payload(self, sha: str, url: str, when: str, warc_file: str, offset: int) -> None:
        """Note where the response record holding the payload ``sha`` was written."""
        self._db.execute(
            "INSERT INTO payloads (sha256, url, fetched_at, warc_file, warc_offset) "
            "VALUES (?, ?, ?, ?, ?)",
            (sha, url, when, warc_file, offset),
        )

    def save_capture(self, result: FetchResult, status: int, sha: str) -> None:
        """``result`` is now the latest good capture of its URL (validators, digest, dates)."""
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

    def touch(self, result: FetchResult) -> None:
        """A 304: the stored capture is still current; note when, and any refreshed validators."""
        self._db.execute(
            "UPDATE captures SET checked_at = ?, etag = COALESCE(?, etag), "
            "last_modified = COALESCE(?, last_modified) WHERE url = ?",
            (_iso(result.fetched_at), result.header("ETag"), result.header("Last-Modified"), result.url),
        )

    def body_location(self, url: str) -> tuple[str, int] | None:
        """The WARC file name and offset of the response holding ``url``'s latest body, if any."""
        row = self._db.execute(
            "SELECT p.warc_file, p.warc_offset FROM captures c JOIN payloads p ON p.sha256 = c.sha256 "
            "WHERE c.url = ?", (url,),
        ).fetchone()
        if row is None:
            return None
        return row[0], int(row[1])

    # -- failures ----------------------------------------------------------------------

    def record_failure(self, item: FrontierItem, result: FetchResult, *, gone: str | None = None) -> None:
        """Remember a failed or refused fetch (attempts count runs in a row); ``gone`` is why a
        job page says its job was taken down (outcome ``gone``, with that reason)."""
        outcome, reason = ("gone", gone) if gone else (None, None)
        when = _iso(result.fetched_at)
        self._db.execute(
            "INSERT INTO failures (url, kind, page, outcome, reason, status, attempts, tries, first_tried, "
            "last_tried) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
            "kind = excluded.kind, page = excluded.page, outcome = excluded.outcome, "
            "reason = excluded.reason, "
            "status = excluded.status, attempts = failures.attempts + 1, tries = excluded.tries, "
            "last_tried = excluded.last_tried",
            (item.url, item.kind, item.page, outcome or result.outcome,
             reason or result.reason or result.outcome, result.status, result.attempts, when, when),
        )

    def clear_failure(self, url: str) -> None:
        """The URL worked again."""
        self._db.execute("DELETE FROM failures WHERE url = ?", (url,))

    def is_gone(self, url: str) -> bool:
        """Whether ``url`` was found taken down (recorded ``gone``): not asked for again."""
        return self._db.execute(
            "SELECT 1 FROM failures WHERE url = ? AND outcome = 'gone'", (url,)
        ).fetchone() is not None

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

    def kind_of(self, url: str) -> str | None:
        """What ``url`` is being fetched as in this run (its frontier kind), if it is queued."""
        row = self._db.execute("SELECT kind FROM frontier WHERE url = ?", (url,)).fetchone()
        return None if row is None else str(row[0])

    def frontier_size(self) -> int:
        """URLs in the frontier, pending and done (what ``max_urls`` bounds)."""
        return int(self._db.execute("SELECT COUNT(*) FROM frontier").fetchone()[0])

    def frontier_count(self, kind: str) -> int:
        """URLs of one kind in the frontier, pending and done (what ``max_job_pages`` bounds)."""
        return int(self._db.execute("SELECT COUNT(*) FROM frontier WHERE kind = ?", (kind,)).fetchone()[0])

    def mark_done(self, url: str) -> None:
        """The URL has been dealt with in this run (whatever the outcome)."""
        self._db.execute("UPDATE frontier SET state = 'done' WHERE url = ?", (url,))

    def clear_frontier(self) -> None:
        """The run completed: the next run starts afresh."""
        self._db.execute("DELETE FROM frontier")

    # -- runs --------------------------------------------------------------------------

    def set_warc_file(self, name: str) -> None:
        """Note the WARC file this run writes to (once it has been created)."""
        self._db.execute("UPDATE runs SET warc_file = ? WHERE id = ?", (name, self.run_id))

    def finish(self, summary: str, counts: str | None = None) -> None:
        """Note the run's end, summary line and counts (JSON) in ``runs``."""
        with self._db:
            self._db.execute(
                "UPDATE runs SET finished_at = ?, summary = ?, counts = ? WHERE id = ?",
                (_iso(self._now()), summary, counts, self.run_id),
            )
