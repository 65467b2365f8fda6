"""What is in the input folder, compared with what the state store remembers.

Why stat first: over an unchanged corpus the cheapest work is none. A file whose size and
modification time (nanoseconds) match the stored ones, parsed with the same parser key,
is taken as unchanged without being read, as ``make`` and ``git`` do. Anything else is
read by a worker, which compares the content hash before parsing, so a merely touched
file costs a read and a hash, never a parse. Archived captures (in WARC, ARC and WACZ files)
carry their own hash: an archive is read whole when it is new or changed (and its listing
remembered, :mod:`pipeline.run.archive_listings`); only the new or changed captures are parsed. What an
archive loses to damage is a problem keyed by the archive (and member), quarantined.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, overload

from pipeline.common.limits import Limits
from pipeline.read.folder import Problem, Scan, scan
from pipeline.read.sources import file_path, is_not_a_page, is_warc
from pipeline.run.state import Known, StateStore, insert_pending

if TYPE_CHECKING:
    from pipeline.run.archive_listings import ArchiveListings
from pipeline.run.tasks import CaptureTask, FileTask

Task = FileTask | CaptureTask
T = TypeVar("T")
_UNKNOWN = -1
"""Size and mtime of a file that could not be stat'ed (its read fails in the worker)."""


class Lookup(Protocol):
    """What the store remembers of a key (:meth:`StateStore.lookup`; a dict in tests)."""

    def get(self, key: str, /) -> Known | None:
        """The stored facts of ``key``, or ``None`` for a document never seen."""
        ...


class _Lazy(Sequence[T]):
    """A read-only sequence whose items are made on demand by :meth:`_item`."""

    def _item(self, index: int) -> T:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self._item(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._item(index)

    def __iter__(self) -> Iterator[T]:
        return (self._item(i) for i in range(len(self)))


class _Scratch:
    """A private temporary SQLite database: pages beyond a small cache go to a temporary
    file, deleted when the connection closes."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("", isolation_level=None)
        self.db.executescript(
            "CREATE TABLE keys (pos INTEGER PRIMARY KEY, key BLOB NOT NULL);"
            "CREATE TABLE tasks (idx INTEGER PRIMARY KEY, pos INTEGER NOT NULL, size INTEGER NOT NULL,"
            " mtime_ns INTEGER NOT NULL, known_sha TEXT);"
        )
        self._pending: dict[str, list[tuple[Any, ...]]] = {"keys": [], "tasks": []}

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        pending = self._pending[table]
        pending.append(row)
        if len(pending) >= _INSERT_BATCH:
            self.flush()

    def flush(self) -> None:
        insert_pending(self.db, self._pending)

    def one(self, query: str, *args: Any) -> tuple[Any, ...]:
        self.flush()
        row = self.db.execute(query, args).fetchone()
        if row is None:
            raise IndexError(args)
        return tuple(row)

    def scan(self, query: str) -> Iterator[tuple[Any, ...]]:
        self.flush()
        cursor = self.db.execute(query)
        while rows := cursor.fetchmany(_INSERT_BATCH):
            yield from rows


_INSERT_BATCH = 1_024


def _key(blob: bytes) -> str:
    # Keys are stored as the bytes of their name: a file name that is not UTF-8 (kept by
    # Python as lone surrogates) round-trips too.
    return blob.decode("utf-8", "surrogateescape")


def _blob(key: str) -> bytes:
    return key.encode("utf-8", "surrogateescape")


class KeyList(_Lazy[str]):
    """Document keys in input order, kept in a scratch database.

    Why not a list of str: at 100k documents the list and its string objects cost about
    11 MB (a packed string and offsets, 5 MB), held for the whole run and inherited by every
    forked worker. On disk the run holds a page cache whatever the corpus size; the keys
    are read back in order as the documents are staged.
    """

    def __init__(self, scratch: _Scratch | None = None) -> None:
        self.scratch = scratch or _Scratch()
        self._count = 0

    def append(self, key: str) -> None:
        """Add a key (after the last one)."""
        self.scratch.add("keys", (self._count, _blob(key)))
        self._count += 1

    def freeze(self) -> None:
        """Write the keys added so far (done once the inventory is complete)."""
        self.scratch.flush()

    def __len__(self) -> int:
        return self._count

    def _item(self, index: int) -> str:
        return _key(self.scratch.one("SELECT key FROM keys WHERE pos=?", index)[0])

    def __iter__(self) -> Iterator[str]:
        return (_key(row[0]) for row in self.scratch.scan("SELECT key FROM keys ORDER BY pos"))


class Tasks(_Lazy[Task]):
    """The documents to read, in input order: a sequence of tasks made on demand.

    Why not a list of tasks: at 100k documents, task objects and their absolute paths cost
    about 40 MB for as long as the run lasts. Here a file costs a row in the scratch
    database of ``keys``; its task (with its path) is built when an engine asks for it.
    """

    def __init__(self, root: str, limits: Limits, keys: KeyList) -> None:
        self._root = root
        self._limits = limits
        self._all = keys
        self._scratch = keys.scratch
        self._count = 0
        self._captures: dict[int, CaptureTask] = {}

    def add_file(self, size: int | None, mtime_ns: int | None, known_sha: str | None) -> None:
        """Read the file of the last key added to ``keys`` (unless its content hash is ``known_sha``).

        ``known_sha`` is the content hash stored for a file seen before (same parser):
        equal bytes are not parsed again.
        """
        mtime = _UNKNOWN if mtime_ns is None or size is None else mtime_ns
        row = (self._count, len(self._all) - 1, _UNKNOWN if size is None else size, mtime, known_sha)
        self._scratch.add("tasks", row)
        self._count += 1

    def add_capture(self, task: CaptureTask) -> None:
        """Parse an archived capture (its body travels with the task)."""
        self._captures[self._count] = task
        self._scratch.add("tasks", (self._count, len(self._all) - 1, _UNKNOWN, _UNKNOWN, None))
        self._count += 1

    _QUERY = "SELECT t.idx, k.key, t.size, t.mtime_ns, t.known_sha FROM tasks t JOIN keys k ON k.pos = t.pos"

    def key(self, index: int) -> str:
        """The document key of task ``index`` (without building the task)."""
        query = "SELECT k.key FROM tasks t JOIN keys k ON k.pos = t.pos WHERE t.idx=?"
        return _key(self._scratch.one(query, index)[0])

    def __len__(self) -> int:
        return self._count

    def _item(self, index: int) -> Task:
        return self._task(self._scratch.one(f"{self._QUERY} WHERE t.idx=?", index))

    def __iter__(self) -> Iterator[Task]:
        return map(self._task, self._scratch.scan(f"{self._QUERY} ORDER BY t.idx"))

    def _task(self, row: tuple[Any, ...]) -> Task:
        index, key, size, mtime, known_sha = row
        capture = self._captures.get(index)
        if capture is not None:
            return capture
        key = _key(key)
        return FileTask(
            key,
            file_path(self._root, key),
            self._root,
            self._limits,
            None if size == _UNKNOWN else size,
            None if size == _UNKNOWN else mtime,
            known_sha,
        )


@dataclass(slots=True)
class Inventory:
    """The input in document order, with what must be parsed and what is already known."""

    keys: KeyList
    """Every document key, in input order (files by relative path, then captures oldest first)."""
    tasks: Tasks
    """The documents to read (and parse, when their content is new), in input order."""
    stored: int = 0
    """How many of the keys the store holds (whatever their parser key)."""
    ignored: int = 0
    """Files under the input folder that are not documents (not read, not quarantined)."""
    problems: dict[str, Problem] = field(default_factory=dict)
    """Keys the walk could not or must not read (see :mod:`pipeline.run.problems`); the run adds
    the files a worker could not open."""

    def entries(self) -> Iterator[tuple[str, bool]]:
        """Every key in input order, with whether it is read (has a task).

        One pass over the keys beside one over the tasks' positions (both in input order),
        rather than a lookup per document.
        """
        positions = (row[0] for row in self.keys.scratch.scan("SELECT pos FROM tasks ORDER BY idx"))
        upcoming = next(positions, None)
        for position, key in enumerate(self.keys):
            is_task = position == upcoming
            if is_task:
                upcoming = next(positions, None)
            yield key, is_task

    def removed(self, store: StateStore) -> list[str]:
        """Stored documents that are no longer in the input, in key order.

        Why no set of the input keys: at 100k documents it costs about 10 MB. The keys are
        distinct, so when the store holds no more documents than the inventory found in it,
        none has left (the usual re-run, answered by one count); otherwise the store compares
        the keys with its own on disk.
        """
        if store.count() == self.stored:
            return []
        return store.absent(self.keys)


def scan_input(input_dir: Path, output_dir: Path, *, follow_symlinks: bool = False) -> Scan:
    """The walk of the input folder (:func:`pipeline.read.folder.scan`), without the output
    folder when it lies inside the input."""
    found = scan(input_dir, follow_symlinks=follow_symlinks)
    out = output_dir.resolve()
    base = input_dir.resolve()
    if out.is_relative_to(base):  # unusual: resolve every path only then
        found.files = [
            key for key in found.files if not Path(file_path(str(base), key)).resolve().is_relative_to(out)
        ]
    return found


def input_files(input_dir: Path, output_dir: Path) -> list[str]:
    """Keys of the document and WARC files under the input folder, in input order (never the
    output folder, nor the raw store's own bookkeeping)."""
    return scan_input(input_dir, output_dir).files


CAPTURE_PREFIX = "capture:"


def capture_key(url: str, fetched_at: str) -> str:
    """A capture's document key: its URL and capture time (a re-capture is a new document)."""
    return f"{CAPTURE_PREFIX}{url} @ {fetched_at}"


def _with_problems(found: Scan) -> Iterator[tuple[str, Problem | None]]:
    """The walk's files and problems merged into one key order."""
    problems = iter(found.problems)
    problem = next(problems, None)
    for key in found.files:
        while problem is not None and problem.key < key:
            yield problem.key, problem
            problem = next(problems, None)
        yield key, None
    while problem is not None:
        yield problem.key, problem
        problem = next(problems, None)


def take_inventory(
    input_dir: Path,
    output_dir: Path,
    known: Lookup,
    parser_key: str,
    limits: Limits,
    *,
    follow_symlinks: bool = False,
    listings: ArchiveListings | None = None,
) -> Inventory:
    """Compare the input with the store; list the documents to read, in input order.

    ``known`` is asked about each key once, in input order (ascending for the files). The
    walk's problems are keys of their own (read by no worker); the stored documents of an
    unreadable folder are kept as they are. ``listings`` remembers what unchanged archives
    hold (else every archive is read whole).
    """
    # Absolute paths: a worker on another machine (Dask) has its own working folder.
    root = os.path.abspath(input_dir)
    keys = KeyList()
    inventory = Inventory(keys, Tasks(root, limits, keys))
    found = scan_input(input_dir, output_dir, follow_symlinks=follow_symlinks)
    inventory.ignored = found.ignored
    archives: list[str] = []
    for key, problem in _with_problems(found):
        if problem is not None:
            _add_problem(inventory, known, problem)
            continue
        if is_warc(key):
            archives.append(key)
            continue
        size: int | None = None
        mtime: int | None = None
        try:
            stat = os.stat(file_path(root, key))
            size, mtime = stat.st_size, stat.st_mtime_ns
        except OSError:
            pass  # unreadable: the worker's read turns it into a quarantine row
        inventory.keys.append(key)
        old = known.get(key)
        inventory.stored += old is not None
        same_parser = old is not None and old.parser_key == parser_key
        if same_parser and old is not None and size is not None and (old.size, old.mtime_ns) == (size, mtime):
            continue  # unchanged: not even read
        known_sha = old.sha256 if same_parser and old is not None else None
        inventory.tasks.add_file(size, mtime, known_sha)
    if archives:
        # absolute paths: a Dask worker reads the captures too
        for key, capture in _captures(Path(root), archives, limits, listings):
            if isinstance(capture, Problem):
                _add_problem(inventory, known, capture)
                continue
            if is_not_a_page(capture.ref):
                inventory.ignored += 1  # a sitemap or an index page: how the fetcher found pages
                continue
            inventory.keys.append(key)
            old = known.get(key)
            inventory.stored += old is not None
            # the same capture, already parsed with this parser, is not parsed again
            if old is None or old.parser_key != parser_key or old.sha256 != capture.ref.sha256:
                inventory.tasks.add_capture(capture)
    keys.freeze()
    return inventory


def _add_problem(inventory: Inventory, known: Lookup, problem: Problem) -> None:
    """A key the walk could not read: listed (not removed), with the documents it keeps."""
    inventory.keys.append(problem.key)
    inventory.problems[problem.key] = problem
    if not problem.key.endswith("/"):
        inventory.stored += known.get(problem.key) is not None
        return
    under = getattr(known, "under", None)
    if problem.reason != "unreadable" or under is None:
        return
    for key in under(problem.key):  # in key order, right after the folder's own key
        inventory.keys.append(key)
        inventory.stored += known.get(key) is not None


def _captures(
    input_dir: Path, archives: list[str], limits: Limits, listings: ArchiveListings | None
) -> Iterator[tuple[str, CaptureTask | Problem]]:
    """The captures of the archives (keys under ``input_dir``) as tasks, and what could not be
    read of them as problems keyed by the archive (and member): quarantined, never silent."""
    from pipeline.fetch.archives import iter_archive_refs, problem_key  # noqa: PLC0415 (only when needed)
    from pipeline.fetch.warc_reader import ArchiveProblem  # noqa: PLC0415

    seen: dict[str, int] = {}
    refs = listings.refs(input_dir, archives) if listings else iter_archive_refs(input_dir, archives)
    for ref in refs:  # streamed: no body is held
        if isinstance(ref, ArchiveProblem):
            key = problem_key(ref, input_dir)
            yield key, Problem(key, ref.reason, ref.detail)
            continue
        key = capture_key(ref.url, ref.fetched_at.isoformat())
        count = seen[key] = seen.get(key, 0) + 1
        if count > 1:
            key = f"{key} #{count}"
        yield key, CaptureTask(key, ref, limits)
