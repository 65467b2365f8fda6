"""The dates each document content was sighted on, kept in the staging scratch database.

Why: staging (:func:`pipeline.run.staging.stage`) keeps one document per content (sha256) but
a dated sighting of its job cards for every capture date, so it asks, per document, whether its
bytes came before and on which dates.
"""

from __future__ import annotations

import sqlite3


class SeenContent:
    """The dates each document content (by its sha256) was sighted on, kept on disk.

    Why not a dict: it needs one entry per document, about 100 bytes each in Python, so it
    grew with the corpus (10 MB at 100k documents); in SQLite (the stager's scratch
    database) it costs a bounded page cache.
    """

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def add(self, digest: bytes, dates: set[str | None]) -> set[str | None] | None:
        """Record a content first seen on ``dates``; if it was seen before, its dates instead.

        Dates are ISO text, as a staged group of sightings keys them (``page_uri, seen_date``):
        kept as they come, with no conversion per document."""
        insert = "INSERT OR IGNORE INTO seen_content VALUES (?, ?)"
        if self._db.execute(insert, (digest, _encode_dates(dates))).rowcount == 1:
            return None
        row = self._db.execute("SELECT dates FROM seen_content WHERE digest=?", (digest,)).fetchone()
        return _decode_dates(row[0])

    def put(self, digest: bytes, dates: set[str | None]) -> None:
        self._db.execute("INSERT OR REPLACE INTO seen_content VALUES (?, ?)", (digest, _encode_dates(dates)))


def _encode_dates(dates: set[str | None]) -> str:
    return ",".join(sorted("-" if d is None else d for d in dates))


def _decode_dates(text: str) -> set[str | None]:
    return {None if part == "-" else part for part in text.split(",") if part}
