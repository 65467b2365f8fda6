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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.settings import Limits
from pipeline.sources import STORE_FILES, capture_document, is_warc, walk
from pipeline.state import Known
from pipeline.tasks import CaptureTask, FileTask


@dataclass(slots=True)
class Inventory:
    """The input in document order, with what must be parsed and what is already known."""

    keys: list[str] = field(default_factory=list)
    """Every document key, in input order (files by relative path, then captures oldest first)."""
    tasks: list[FileTask | CaptureTask] = field(default_factory=list)
    """The documents to read (and parse, when their content is new), in input order."""

    def removed(self, known: dict[str, Known]) -> list[str]:
        """Stored documents that are no longer in the input, in key order."""
        present = set(self.keys)
        return sorted(k for k in known if k not in present)


def input_files(input_dir: Path, output_dir: Path) -> list[tuple[str, str]]:
    """``(key, absolute path)`` of the document and WARC files under the input folder, in
    input order (never the output folder, nor the raw store's own bookkeeping)."""
    files = [(key, path) for key, path in walk(input_dir) if os.path.basename(path) not in STORE_FILES]
    out = output_dir.resolve()
    if not out.is_relative_to(input_dir.resolve()):
        return files  # the usual layout: no need to resolve every path
    return [(key, path) for key, path in files if not Path(path).resolve().is_relative_to(out)]


CAPTURE_PREFIX = "capture:"


def capture_key(url: str, fetched_at: str) -> str:
    """A capture's document key: its URL and capture time (a re-capture is a new document)."""
    return f"{CAPTURE_PREFIX}{url} @ {fetched_at}"


def take_inventory(
    input_dir: Path, output_dir: Path, known: dict[str, Known], parser_key: str, limits: Limits
) -> Inventory:
    """Compare the input with the store; list the documents to read, in input order."""
    inventory = Inventory()
    root = os.path.abspath(input_dir)
    files = input_files(input_dir, output_dir)
    for key, path in files:
        if is_warc(path):
            continue
        size: int | None = None
        mtime: int | None = None
        try:
            stat = os.stat(path)
            size, mtime = stat.st_size, stat.st_mtime_ns
        except OSError:
            pass  # unreadable: the worker's read turns it into a quarantine row
        inventory.keys.append(key)
        old = known.get(key)
        same_parser = old is not None and old.parser_key == parser_key
        if same_parser and old is not None and size is not None and (old.size, old.mtime_ns) == (size, mtime):
            continue  # unchanged: not even read
        known_sha = old.sha256 if same_parser and old is not None else None
        # Absolute paths: a worker on another machine (Dask) has its own working folder.
        inventory.tasks.append(FileTask(key, path, root, limits, size, mtime, known_sha))
    if any(is_warc(path) for _, path in files):
        for key, capture in _captures(input_dir, limits):
            inventory.keys.append(key)
            old = known.get(key)
            # the same capture, already parsed with this parser, is not parsed again
            if old is None or old.parser_key != parser_key or old.sha256 != capture.doc.sha256:
                inventory.tasks.append(capture)
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
