"""The incremental state store: every document seen, by content hash, with its parsed rows.

Why SQLite: embedded, transactional and crash-safe (WAL), one file in ``OUT/.state/``. A
document is remembered by its key (the path relative to the input folder, or the archived
URL and capture time), its size and modification time (so an unchanged file is known
without reading it, as ``make`` and ``git`` do), its content sha256, the parser key it was
parsed with, and its result (rows for every table, compressed). A re-run parses only the
documents whose content or parser key changed and rebuilds the tables from the stored
results, so they equal a full run's byte for byte.

A stored result is trusted only for the exact ``parser_key`` it was made with: bumping
``PARSER_VERSION`` (or changing a limit that shapes parsing) re-parses everything.
Results are pickled Python rows (builtins and dates only), read back with an unpickler
that refuses any other class, because the file lives in a folder others may write to.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import pickle
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import PipelineError
from pipeline.read.keys import input_key, stored_key
from pipeline.tables.manifest import inputs_digest

log = logging.getLogger(__name__)

STATE_DIR = ".state"
STATE_FILE = "state.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_key    TEXT PRIMARY KEY,
    size       INTEGER,
    mtime_ns   INTEGER,
    sha256     TEXT,
    parser_key TEXT NOT NULL,
    result     BLOB NOT NULL,
    rows       BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""
_FORMAT = 7
"""Layout version of the store (``PRAGMA user_version``); an older store is emptied."""
_SAFE_GLOBALS = {("datetime", "date"), ("datetime", "datetime")}


class _RowUnpickler(pickle.Unpickler):
    """Loads rows (builtins, dates) and nothing else: no code runs from a tampered file."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _SAFE_GLOBALS:
            return getattr(dt, name)
        raise pickle.UnpicklingError(f"refusing {module}.{name} in the state store")


def pack(value: Any) -> bytes:
    """Rows -> compressed bytes (done in the worker that parsed them).

    LZ4 (through Arrow's codecs): every build decompresses every stored result, and LZ4
    does that about four times faster than zlib, for about 40% more disk.
    """
    import pyarrow as pa  # noqa: PLC0415 (the store is also opened where Arrow is not needed)

    raw = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return len(raw).to_bytes(8, "little") + pa.compress(raw, codec="lz4", asbytes=True)


class StoreDamagedError(PipelineError):
    """A stored result cannot be read back: the store is damaged (see :func:`is_damage`)."""


_MAX_RATIO = 256
"""LZ4 never expands data more than about 255 times: a larger size header is damage."""


def unpack(blob: bytes) -> Any:
    """Compressed bytes -> rows, refusing anything but builtins and dates.

    Any failure (a size header no LZ4 block could have, an LZ4 error, a truncated or
    tampered pickle, a class the loader refuses) is :class:`StoreDamagedError`: the run then
    moves the store aside and parses again, rather than failing (or allocating what a
    damaged header asks for).
    """
    import pyarrow as pa  # noqa: PLC0415

    size = int.from_bytes(blob[:8], "little")
    if len(blob) < 8 or size > _MAX_RATIO * max(len(blob) - 8, 1) + 64:
        raise StoreDamagedError(f"a stored result claims {size} bytes from {len(blob)}")
    try:
        raw = pa.decompress(blob[8:], decompressed_size=size, codec="lz4", asbytes=True)
    except Exception as error:
        raise StoreDamagedError(f"a stored result cannot be read: {type(error).__name__}: {error}") from error
    return load(raw)


def dump(value: Any) -> bytes:
    """Rows -> pickled bytes, not compressed: for values that travel inside a packed result
    (whose compression covers them) and are read back on their own (see :func:`load`)."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def load(raw: bytes) -> Any:
    """Pickled bytes (from :func:`dump`) -> rows, refusing anything but builtins and dates;
    any failure is :class:`StoreDamagedError`, as in :func:`unpack`."""
    try:
        return _RowUnpickler(io.BytesIO(raw)).load()
    except Exception as error:
        raise StoreDamagedError(f"a stored result cannot be read: {type(error).__name__}: {error}") from error


def move_aside(path: Path, error: object) -> Path:
    """Move a damaged store (and its WAL files) aside for a post-mortem; returns the new name.

    The store is a cache of parse results: losing it costs one full re-parse, never data.
    """
    aside = path.with_name(f"{STATE_FILE}.damaged-{time.time_ns()}")
    log.warning("state store %s is unreadable (%s); moved to %s, re-parsing", path, error, aside)
    for suffix in ("", "-wal", "-shm"):
        extra = Path(f"{path}{suffix}")
        if extra.exists():
            extra.rename(f"{aside}{suffix}")
    return aside


def is_damage(error: BaseException, out_dir: Path) -> bool:
    """Whether ``error`` comes from a damaged state store of ``out_dir``.

    A :class:`StoreDamagedError` is; an SQLite error is when the store fails its own check
    (``quick_check``, then the table layout), so that an error of a scratch database (a
    full disk while staging) is not taken for damage and still fails the run.
    """
    if isinstance(error, StoreDamagedError):
        return True
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    path = out_dir / STATE_DIR / STATE_FILE
    if not path.is_file():
        return False
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            check = db.execute("PRAGMA quick_check(1)").fetchone()[0]
            return check != "ok" or not _layout_ok(db)
        finally:
            db.close()
    except sqlite3.DatabaseError:
        return True


_COLUMNS = ["doc_key", "size", "mtime_ns", "sha256", "parser_key", "result", "rows"]


def _layout_ok(db: sqlite3.Connection) -> bool:
    """The tables hold the columns this code reads and writes."""
    columns = [row[1] for row in db.execute("PRAGMA table_info(documents)")]
    meta = [row[1] for row in db.execute("PRAGMA table_info(meta)")]
    return columns == _COLUMNS and meta == ["key", "value"]


def insert_pending(db: sqlite3.Connection, pending: dict[str, list[tuple[Any, ...]]]) -> None:
    """Write rows buffered per table, one ``executemany`` per table, and empty the buffers.

    Why buffered: one ``INSERT`` per document costs a statement each; the scratch databases
    (staging, inventory) take thousands of rows at a time.
    """
    for table, rows in pending.items():
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
            rows.clear()


@dataclass(frozen=True, slots=True)
class Known:
    """What the store remembers of one document (without its result)."""

    size: int | None
    mtime_ns: int | None
    sha256: str | None
    parser_key: str


class StateStore:
    """The ``OUT/.state/state.sqlite`` database; one per output folder, used under the run lock."""

    def __init__(self, out_dir: Path) -> None:
        folder = out_dir / STATE_DIR
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / STATE_FILE
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as error:
            # The store is a cache of parse results: losing it costs one full re-parse,
            # never data. Keep the damaged file for a post-mortem and start afresh.
            move_aside(self.path, error)
            self._db = self._open()
        self._pending: list[tuple[Any, ...]] = []
        self._touched: list[tuple[Any, ...]] = []

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            if db.execute("PRAGMA user_version").fetchone()[0] != _FORMAT:
                # A cache in another layout: start it afresh (costs one full re-parse).
                db.executescript("DROP TABLE IF EXISTS documents; DROP TABLE IF EXISTS meta;")
                db.execute(f"PRAGMA user_version={_FORMAT}")
            db.executescript(_SCHEMA)
            if not _layout_ok(db):
                raise sqlite3.DatabaseError("the store's tables have another layout")
            db.execute("SELECT count(*) FROM documents").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def close(self) -> None:
        """Write what is pending and close the database."""
        self.flush()
        self._db.close()

    def __enter__(self) -> StateStore:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.close()
            return
        try:  # already failing (a damaged store, perhaps): do not hide that error
            self.close()
        except Exception:
            self._db.close()

    def lookup(self) -> KnownLookup:
        """A reader of what the store remembers of one key at a time (see :class:`KnownLookup`).

        Use it as a context manager, and write nothing to the store until it is closed.
        """
        self.flush()
        return KnownLookup(self._db)

    def count(self) -> int:
        """How many documents the store holds."""
        self.flush()
        return int(self._db.execute("SELECT count(*) FROM documents").fetchone()[0])

    def absent(self, present: Iterable[str]) -> list[str]:
        """Stored keys that are not among ``present`` (distinct keys), in key order.

        Why on disk: a set of 100k input keys costs about 10 MB. The keys go through a
        temporary table of this connection (its pages live in SQLite's small temp cache and
        spill to a temp file), and SQLite compares it with the store in key order.
        """
        self.flush()
        self._db.execute("DROP TABLE IF EXISTS temp.present_keys")
        self._db.execute("CREATE TEMP TABLE present_keys (doc_key TEXT PRIMARY KEY) WITHOUT ROWID")
        try:
            with self._transaction():
                insert = "INSERT OR IGNORE INTO temp.present_keys VALUES (?)"
                self._db.executemany(insert, ((stored_key(key),) for key in present))
            query = (
                "SELECT doc_key FROM documents WHERE doc_key NOT IN (SELECT doc_key FROM temp.present_keys)"
                " ORDER BY doc_key"
            )
            return [input_key(row[0]) for row in self._db.execute(query)]
        finally:
            self._db.execute("DROP TABLE IF EXISTS temp.present_keys")

    def put(
        self, key: str, *, size: int | None, mtime_ns: int | None, sha256: str | None, parser_key: str,
        result: bytes, rows: bytes,
    ) -> None:
        """Remember one document's result (written in batches; see :meth:`flush`).

        ``result`` holds what every build reads in input order (the small tables and the
        quarantine); ``rows`` the per-article tables, read in ``article_id`` order.
        """
        self._pending.append((stored_key(key), size, mtime_ns, sha256, parser_key, result, rows))
        if len(self._pending) >= 256:
            self.flush()

    def touch(self, key: str, *, size: int | None, mtime_ns: int | None) -> None:
        """Record a new size and mtime for a document whose content did not change.

        Batched like :meth:`put`: a copied input folder touches every file at once.
        """
        self._touched.append((size, mtime_ns, stored_key(key)))
        if len(self._touched) >= 256:
            self.flush()

    def flush(self) -> None:
        """Commit the pending results and touches in one transaction (a crash loses at most these)."""
        if not self._pending and not self._touched:
            return
        with self._transaction():
            insert = "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)"
            self._db.executemany(insert, self._pending)
            self._db.executemany("UPDATE documents SET size=?, mtime_ns=? WHERE doc_key=?", self._touched)
        self._pending.clear()
        self._touched.clear()

    def result(self, key: str) -> tuple[str, bytes]:
        """``(key, result)`` of one known document."""
        self.flush()
        row = self._db.execute("SELECT result FROM documents WHERE doc_key=?", (stored_key(key),)).fetchone()
        if row is None:
            raise KeyError(f"no stored result for {key!r}")
        return key, row[0]

    def has(self, key: str) -> bool:
        """Whether the store holds a result for ``key``."""
        self.flush()
        query = "SELECT 1 FROM documents WHERE doc_key=?"
        return self._db.execute(query, (stored_key(key),)).fetchone() is not None

    def inputs_digest(self) -> str:
        """One digest over every stored document's (key, content sha256), in key order.

        After a run's parse step the store holds exactly the documents the tables are built
        from (removed ones are forgotten, or kept on purpose), so this digests the inputs
        without holding them in memory.
        """
        self.flush()
        return inputs_digest(self._db.execute("SELECT doc_key, sha256 FROM documents ORDER BY doc_key"))

    def begin_articles(self) -> None:
        """Start this build's list of kept articles (kept on disk: it grows with the corpus)."""
        self._db.executescript(
            "DROP TABLE IF EXISTS build_articles;"
            "CREATE TABLE build_articles (article_key TEXT, article_id TEXT, doc_key TEXT, row BLOB);"
        )
        self._articles: list[tuple[str, str, str, bytes]] = []

    def add_article(self, article_key: str, article_id: str, doc_key: str, row: bytes) -> None:
        """Remember one kept article of this build and its ``articles`` row, pickled (written
        in batches): the build reads the rows from here, in table order."""
        self._articles.append((article_key, article_id, stored_key(doc_key), row))
        if len(self._articles) >= 1024:
            self._flush_articles()

    def _flush_articles(self) -> None:
        with self._transaction():
            self._db.executemany("INSERT INTO build_articles VALUES (?, ?, ?, ?)", self._articles)
        self._articles.clear()

    def kept_rows(self) -> Iterator[tuple[str, bytes]]:
        """``(key, per-article rows)`` of the kept articles, by ``article_id``."""
        return _fetch(self._db, self._kept_rows_query())

    def kept_rows_apart(self) -> Callable[[], Iterator[tuple[str, bytes]]]:
        """:meth:`kept_rows` for a forked process (an SQLite connection must not be used on
        both sides of a fork): what it reads is committed here, and the function returned
        reads it through a read-only connection of its own."""
        query, path = self._kept_rows_query(), self.path

        def rows() -> Iterator[tuple[str, bytes]]:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                yield from _fetch(db, query)
            finally:
                db.close()

        return rows

    def kept_articles(self) -> Iterator[bytes]:
        """The kept articles' ``articles`` rows, pickled, by ``article_key, article_id``
        (reading and unpacking every result again, for one small row, cost about 0.3 s of the
        serial build per 10,000 documents). The index gives the order: SQLite never sorts."""
        self.flush()
        self._flush_articles()
        order = "article_key, article_id, doc_key"
        self._db.execute(f"CREATE INDEX IF NOT EXISTS build_by_key ON build_articles ({order})")
        query = f"SELECT row FROM build_articles INDEXED BY build_by_key ORDER BY {order}"
        return (row for (row,) in _fetch(self._db, query))

    def _kept_rows_query(self) -> str:
        """One statement walking an index of the kept articles (on ``article_id``), each
        joined to its stored rows (the list and its index written first). Why not a query
        per key: at about 45 µs a document (blobs on overflow pages, an ``execute`` each) it
        cost about half a second per 10k documents, all serial; and SQLite never sorts."""
        self.flush()
        self._flush_articles()
        self._db.execute("CREATE INDEX IF NOT EXISTS build_by_id ON build_articles (article_id, doc_key)")
        return (
            "SELECT b.doc_key, d.rows FROM build_articles AS b INDEXED BY build_by_id"
            " CROSS JOIN documents AS d ON d.doc_key = b.doc_key ORDER BY article_id, b.doc_key"
        )

    def forget(self, keys: Iterable[str]) -> int:
        """Drop documents that left the input; returns how many were dropped."""
        self.flush()
        batch = [(stored_key(k),) for k in keys]
        with self._transaction():
            self._db.executemany("DELETE FROM documents WHERE doc_key=?", batch)
        return len(batch)

    def _transaction(self) -> Any:
        return _Transaction(self._db)


def _fetch(db: sqlite3.Connection, query: str) -> Iterator[Any]:
    """The rows of one statement, fetched a few at a time."""
    cursor = db.cursor()
    cursor.execute(query)
    while rows := cursor.fetchmany(64):
        yield from rows


class KnownLookup:
    """What the store remembers of each key asked for, read from disk as the keys come.

    Why a scan and not a query per key: a run looks up every input key, and on this table
    (whose rows carry their results inline) a point query costs 6-9 µs a key, batched in
    ``IN (...)`` lists or not (0.65-0.9 s at 100k documents), while stepping through the
    table in key order costs about 1 µs a row (0.1 s). Loading every row into a dict, as
    before, took as long (0.2 s) but held 30-45 MB at 100k documents. So keys that come in ascending
    order (the input walk is sorted, and Python's ``str`` order is SQLite's ``BINARY`` order
    of their UTF-8) are matched against one scan in key order, started at the first key
    asked for; a key that comes out of order (an archived capture after the files) is
    looked up on its own. Memory: one row at a time.

    The scan is an open statement: the store must not be written to until :meth:`close`.
    """

    _COLUMNS = "doc_key, size, mtime_ns, sha256, parser_key"

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._scan: sqlite3.Cursor | None = None
        self._row: tuple[Any, ...] | None = None
        """The scan's current row: the first stored key not below the last key asked for."""
        self._last: str | None = None

    def get(self, key: str) -> Known | None:
        """What is stored for ``key`` (``None``: never seen)."""
        key = stored_key(key)
        if self._last is not None and key < self._last:
            return self._one(key)
        if self._scan is None:
            query = f"SELECT {self._COLUMNS} FROM documents WHERE doc_key >= ? ORDER BY doc_key"
            self._scan = self._db.execute(query, (key,))
            self._row = next(self._scan, None)
        self._last = key
        row = self._row
        while row is not None and row[0] < key:
            row = next(self._scan, None)
        self._row = row
        return Known(row[1], row[2], row[3], row[4]) if row is not None and row[0] == key else None

    def under(self, prefix: str) -> list[str]:
        """Stored keys under a folder ``prefix`` (ending with ``/``), in key order, as input keys.

        Why: the documents of a folder the walk could not list keep their stored rows.
        """
        stored = stored_key(prefix)
        query = "SELECT doc_key FROM documents WHERE doc_key >= ? AND doc_key < ? ORDER BY doc_key"
        return [input_key(row[0]) for row in self._db.execute(query, (stored, stored[:-1] + "0"))]

    def _one(self, key: str) -> Known | None:
        query = f"SELECT {self._COLUMNS} FROM documents WHERE doc_key=?"
        row = self._db.execute(query, (key,)).fetchone()
        return None if row is None else Known(row[1], row[2], row[3], row[4])

    def close(self) -> None:
        """End the scan (it holds a read snapshot of the store)."""
        if self._scan is not None:
            self._scan.close()
            self._scan = None
        self._row = None

    def __enter__(self) -> KnownLookup:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Transaction:
    """``BEGIN`` .. ``COMMIT`` (``ROLLBACK`` on error) for an autocommit connection."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self._db.execute("ROLLBACK" if exc_type else "COMMIT")
