"""What each web archive of the input holds, remembered between runs (``OUT/.state/archives.sqlite``).

Why: a run must know every archived capture's content hash to parse only the new ones, and
an archive says nothing about its captures until it is read whole: every body gunzipped and
hashed. Over an unchanged input that was most of a re-run (4,000 captures in 58 MB of
WARC: 1.1 s of a 1.9 s no-op run), and it grows with the archive, where the files of the
input cost a ``stat`` each. So the listing of an archive read without a problem (its
captures' references, :func:`pipeline.fetch.archives.archive_refs`) is kept here, and used
again while the archive's size and modification time are the ones it was read at, as the
files' are (:mod:`pipeline.run.inventory`). A damaged archive is read again every run.

A listing also depends on the archives read before it: a ``revisit`` record resolves to a
response of an earlier archive by payload digest. So each listing is keyed by a fingerprint
of the whole prefix (every earlier archive's key, size and modification time, the input
folder and :data:`~pipeline.fetch.archives.LISTING_VERSION`), and keeps the digests it adds,
so that an archive read afresh after remembered ones resolves its revisits as before. The
fetcher appends to its newest WARC file, whose name sorts last: only that one is read again.

The file is a cache: unreadable, it is deleted and every archive read again. Entries are
JSON, never pickles (a file in the output folder is not trusted to run code).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from pipeline.fetch.archives import LISTING_VERSION, archive_order, archive_refs
from pipeline.fetch.warc_reader import ArchiveProblem, CaptureRef, Original

log = logging.getLogger(__name__)

LISTINGS_FILE = "archives.sqlite"
_FORMAT = 1
"""The layout of the tables below (``PRAGMA user_version``); another one is started afresh."""
_SCHEMA = """
CREATE TABLE IF NOT EXISTS archives (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entries (key TEXT NOT NULL, seq INTEGER NOT NULL, entry TEXT NOT NULL,
                                    PRIMARY KEY (key, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS originals (key TEXT NOT NULL, label TEXT NOT NULL, original TEXT NOT NULL,
                                      PRIMARY KEY (key, label)) WITHOUT ROWID;
"""
_BATCH = 1_000
"""Entries written per statement while an archive is read afresh (memory holds one batch)."""


class _Recorded(dict[str, Original]):
    """The run's payload digests, noting which ones the archive being read adds (the readers
    add with ``setdefault`` only)."""

    def __init__(self) -> None:
        super().__init__()
        self.added: list[str] = []

    def setdefault(self, label: str, original: Original) -> Original:
        if label not in self:
            self.added.append(label)
        return super().setdefault(label, original)


def _ref_entry(item: CaptureRef) -> str:
    return json.dumps([
        item.url, item.final_url, item.status, item.content_type, item.fetched_at.isoformat(),
        item.kind, item.sha256, item.size, str(item.path), item.offset, item.member, item.archive,
    ])


def _item(entry: str) -> CaptureRef:
    url, final_url, status, content_type, fetched_at, kind, sha, size, path, offset, member, archive = (
        json.loads(entry))
    return CaptureRef(url, final_url, status, content_type, datetime.fromisoformat(fetched_at), kind, sha,
                      size, Path(path), offset, member, archive)


def _original_entry(original: Original) -> str:
    path, offset, sha, size, member, archive = original
    return json.dumps([str(path), offset, sha, size, member, archive])


def _original(entry: str) -> Original:
    path, offset, sha, size, member, archive = json.loads(entry)
    return Path(path), offset, sha, size, member, archive


class ArchiveListings:
    """The remembered listings of one output folder's runs; used under the run lock."""

    def __init__(self, state_dir: Path) -> None:
        state_dir.mkdir(parents=True, exist_ok=True)
        self.path = state_dir / LISTINGS_FILE
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as error:
            log.warning("archive listings %s are unreadable (%s): every archive is read again",
                        self.path, error)
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)
        try:
            if db.execute("PRAGMA user_version").fetchone()[0] != _FORMAT:
                db.executescript("DROP TABLE IF EXISTS archives; DROP TABLE IF EXISTS entries;"
                                 "DROP TABLE IF EXISTS originals;")
                db.execute(f"PRAGMA user_version={_FORMAT}")
            db.executescript(_SCHEMA)
            db.execute("SELECT count(*) FROM archives").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ArchiveListings:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def refs(self, root: Path, keys: Iterable[str]) -> Iterator[CaptureRef | ArchiveProblem]:
        """What :func:`pipeline.fetch.archives.iter_archive_refs` yields for ``keys`` under
        ``root``, each archive's part from its remembered listing while it is unchanged.

        Listings of archives no longer among ``keys`` are dropped once every archive was listed.
        """
        originals = _Recorded()
        prefix = hashlib.sha256(f"{LISTING_VERSION}\0{root.resolve()}\0".encode())
        listed: list[str] = []
        for key in archive_order(keys):
            listed.append(key)
            try:
                stat = os.stat(root.joinpath(*key.split("/")))
            except OSError:  # read afresh: the reader says why it cannot be opened
                prefix.update(f"{key}\0?\0".encode())
                yield from archive_refs(root, key, originals)
                continue
            prefix.update(f"{key}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
            fingerprint = prefix.hexdigest()
            if self._fingerprint(key) == fingerprint:
                yield from self._remembered(key, originals)
            else:
                yield from self._read_afresh(root, key, fingerprint, originals)
        self._forget_all_but(listed)

    def _fingerprint(self, key: str) -> str | None:
        row = self._db.execute("SELECT fingerprint FROM archives WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _remembered(self, key: str, originals: _Recorded) -> Iterator[CaptureRef]:
        for label, original in self._db.execute("SELECT label, original FROM originals WHERE key=?", (key,)):
            originals.setdefault(label, _original(original))
        for (entry,) in self._db.execute("SELECT entry FROM entries WHERE key=? ORDER BY seq", (key,)):
            yield _item(entry)  # streamed: an archive of 100,000 captures is not held

    def _read_afresh(
        self, root: Path, key: str, fingerprint: str, originals: _Recorded
    ) -> Iterator[CaptureRef | ArchiveProblem]:
        """The archive read whole, its listing written as it goes and committed at its end:
        a run stopped halfway leaves the old listing, whose fingerprint no longer matches.

        An archive with a problem is not remembered: it is read again next run, since what
        went wrong may not last (a permission fixed without touching the file, an I/O error).
        """
        originals.added = []
        batch: list[tuple[str, int, str]] = []
        seq = 0
        whole = True
        db = self._db
        db.execute("BEGIN")
        try:
            for table in ("archives", "entries", "originals"):
                db.execute(f"DELETE FROM {table} WHERE key=?", (key,))
            for item in archive_refs(root, key, originals):
                if isinstance(item, ArchiveProblem):
                    whole = False
                elif whole:
                    batch.append((key, seq, _ref_entry(item)))
                    seq += 1
                    if len(batch) >= _BATCH:
                        db.executemany("INSERT INTO entries VALUES (?, ?, ?)", batch)
                        batch.clear()
                yield item
            if not whole:
                db.execute("DELETE FROM entries WHERE key=?", (key,))
            else:
                db.executemany("INSERT INTO entries VALUES (?, ?, ?)", batch)
                db.executemany("INSERT INTO originals VALUES (?, ?, ?)",
                               [(key, label, _original_entry(originals[label])) for label in originals.added])
                db.execute("INSERT INTO archives VALUES (?, ?)", (key, fingerprint))
            db.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            raise

    def _forget_all_but(self, keys: list[str]) -> None:
        kept = set(keys)
        gone = [(key,) for (key,) in self._db.execute("SELECT key FROM archives") if key not in kept]
        if not gone:
            return
        self._db.execute("BEGIN")
        for table in ("archives", "entries", "originals"):
            self._db.executemany(f"DELETE FROM {table} WHERE key=?", gone)
        self._db.execute("COMMIT")


def cached_listing_count(state_dir: Path) -> int:
    """How many archives have a remembered listing (for tests and ``status``)."""
    path = state_dir / LISTINGS_FILE
    if not path.is_file():
        return 0
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        return int(db.execute("SELECT count(*) FROM archives").fetchone()[0])
