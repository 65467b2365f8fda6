"""What is in the input folder, compared with what the state store remembers.

Why stat first: over an unchanged corpus the cheapest work is none. A file whose size and
modification time (nanoseconds) match the stored ones, parsed with the same parser key,
is taken as unchanged without being read, as ``make`` and ``git`` do. Anything else is
read by a worker, which compares the content hash before parsing, so a merely touched
file costs a read and a hash, never a parse. Archived captures (WARC) carry their own
hash and are always read; only the new or changed ones are parsed.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar, overload

from pipeline.settings import Limits
from pipeline.sources import STORE_FILES, capture_document, file_path, is_warc, walk
from pipeline.state import Known, StateStore
from pipeline.tasks import CaptureTask, FileTask

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


class KeyList(_Lazy[str]):
    """Document keys in input order, packed into one string.

    Why not a list of str: at 100k documents the list and its string objects cost about
    11 MB, and every pass over it writes reference counts into those objects' pages, so
    each forked worker ends up with a private copy of them as well. Here the keys are one
    string and an offsets array; a key is sliced out when asked for.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._text = ""
        self._ends = array("q")

    def append(self, key: str) -> None:
        """Add a key (after the last one)."""
        self._parts.append(key)
        self._ends.append((self._ends[-1] if self._ends else 0) + len(key))

    def freeze(self) -> None:
        """Pack the keys added so far (done once the inventory is complete)."""
        if self._parts:
            self._text += "".join(self._parts)
            self._parts = []

    def __len__(self) -> int:
        return len(self._ends)

    def _item(self, index: int) -> str:
        self.freeze()
        start = self._ends[index - 1] if index else 0
        return self._text[start : self._ends[index]]

    def __iter__(self) -> Iterator[str]:
        self.freeze()
        text, start = self._text, 0
        for end in self._ends:
            yield text[start:end]
            start = end


class Tasks(_Lazy[Task]):
    """The documents to read, in input order: a sequence of tasks made on demand.

    Why not a list of tasks: at 100k documents, task objects and their absolute paths cost
    about 40 MB for as long as the run lasts. Here a file costs a reference to its key and
    two machine integers; its task (with its path) is built when an engine asks for it.
    """

    def __init__(self, root: str, limits: Limits, keys: KeyList) -> None:
        self._root = root
        self._limits = limits
        self._all = keys
        self._keys = array("q")
        """Position of each task's document in ``keys``."""
        self._sizes = array("q")
        self._mtimes = array("q")
        self._known: dict[int, str] = {}
        """Content hash stored for a file seen before (same parser): equal bytes are not parsed."""
        self._captures: dict[int, CaptureTask] = {}

    def add_file(self, size: int | None, mtime_ns: int | None, known_sha: str | None) -> None:
        """Read the file of the last key added to ``keys`` (unless its content hash is ``known_sha``)."""
        if known_sha is not None:
            self._known[len(self._keys)] = known_sha
        self._keys.append(len(self._all) - 1)
        self._sizes.append(_UNKNOWN if size is None else size)
        self._mtimes.append(_UNKNOWN if mtime_ns is None or size is None else mtime_ns)

    def add_capture(self, task: CaptureTask) -> None:
        """Parse an archived capture (its body travels with the task)."""
        self._captures[len(self._keys)] = task
        self._keys.append(len(self._all) - 1)
        self._sizes.append(_UNKNOWN)
        self._mtimes.append(_UNKNOWN)

    def key(self, index: int) -> str:
        """The document key of task ``index`` (without building the task)."""
        return self._all[self._keys[index]]

    def __len__(self) -> int:
        return len(self._keys)

    def _item(self, index: int) -> Task:
        capture = self._captures.get(index)
        if capture is not None:
            return capture
        key, size, mtime = self._all[self._keys[index]], self._sizes[index], self._mtimes[index]
        return FileTask(
            key,
            file_path(self._root, key),
            self._root,
            self._limits,
            None if size == _UNKNOWN else size,
            None if size == _UNKNOWN else mtime,
            self._known.get(index),
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


def input_files(input_dir: Path, output_dir: Path) -> list[str]:
    """Keys of the document and WARC files under the input folder, in input order (never the
    output folder, nor the raw store's own bookkeeping)."""
    keys = [key for key in walk(input_dir) if key.rsplit("/", 1)[-1] not in STORE_FILES]
    out = output_dir.resolve()
    base = input_dir.resolve()
    if not out.is_relative_to(base):
        return keys  # the usual layout: no need to resolve every path
    return [key for key in keys if not Path(file_path(str(base), key)).resolve().is_relative_to(out)]


CAPTURE_PREFIX = "capture:"


def capture_key(url: str, fetched_at: str) -> str:
    """A capture's document key: its URL and capture time (a re-capture is a new document)."""
    return f"{CAPTURE_PREFIX}{url} @ {fetched_at}"


def take_inventory(
    input_dir: Path, output_dir: Path, known: Lookup, parser_key: str, limits: Limits
) -> Inventory:
    """Compare the input with the store; list the documents to read, in input order.

    ``known`` is asked about each key once, in input order (ascending for the files).
    """
    # Absolute paths: a worker on another machine (Dask) has its own working folder.
    root = os.path.abspath(input_dir)
    keys = KeyList()
    inventory = Inventory(keys, Tasks(root, limits, keys))
    files = input_files(input_dir, output_dir)
    warcs = False
    for key in files:
        if is_warc(key):
            warcs = True
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
    if warcs:
        for key, capture in _captures(input_dir, limits):
            inventory.keys.append(key)
            old = known.get(key)
            inventory.stored += old is not None
            # the same capture, already parsed with this parser, is not parsed again
            if old is None or old.parser_key != parser_key or old.sha256 != capture.doc.sha256:
                inventory.tasks.add_capture(capture)
    keys.freeze()
    return inventory


def _captures(input_dir: Path, limits: Limits) -> Iterator[tuple[str, CaptureTask]]:
    from pipeline.fetch.store import iter_captures  # noqa: PLC0415 (WARC reading only when needed)

    seen: dict[str, int] = {}
    for capture in iter_captures(input_dir):
        key = capture_key(capture.url, capture.fetched_at.isoformat())
        count = seen[key] = seen.get(key, 0) + 1
        if count > 1:
            key = f"{key} #{count}"
        yield key, CaptureTask(key, capture_document(capture), limits)
