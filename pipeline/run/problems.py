"""What the walk could not (or must not) read, as quarantine rows: never a removal, never silence.

Why here: a folder that cannot be listed, a file that cannot be opened and a symlink out of
the input folder are not documents, so no worker parses them; but the tables must say so
(one ``quarantine`` row each, stage ``read``) and an unreadable folder's or file's documents
keep the rows the store holds for them, as if the walk had read them unchanged. Only when
the folder or file is gone for good (deleted, not unreadable) are they removed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping

from pipeline.common.document import DocumentResult, quarantine_row
from pipeline.errors import ReadError
from pipeline.read.folder import Problem
from pipeline.read.keys import stored_key
from pipeline.run.state import StateStore, pack, unpack

KEEPS_STORED = "unreadable"
"""The reason whose documents keep their stored rows (an outside link is never read)."""


def problem_blob(problem: Problem) -> bytes:
    """A packed result holding only the problem's quarantine row (as the store packs results)."""
    from pipeline.run.staging import staged_form, to_columns  # noqa: PLC0415 (Arrow only when there is a problem)

    uri = stored_key(problem.key)
    result = DocumentResult(uri, None)
    result.quarantine.append(quarantine_row(uri, ReadError(problem.reason, problem.detail), None))
    return pack(staged_form(uri, None, {}, to_columns({"quarantine": result.quarantine}).get("quarantine")))


def unreadable_read(blob: bytes) -> Problem | None:
    """The problem in a worker's result when the file could not be opened (``read/unreadable``)."""
    uri, sha, articles, tables, _seen, notes = unpack(blob)  # see pipeline.run.staging.staged_form
    rows_besides = articles is not None or any(name != "quarantine" for name in tables)
    if sha is not None or rows_besides or [note[2] for note in notes] != [KEEPS_STORED]:
        return None
    return Problem(uri, KEEPS_STORED, notes[0][3] or "")


def results(
    store: StateStore, key: str, problem: Problem, blob: bytes | None = None
) -> Iterator[tuple[str, bytes]]:
    """What a problem entry gives the build: the stored rows it keeps (if any), then its row."""
    if problem.reason == KEEPS_STORED and store.has(key):
        yield store.result(key)
    yield key, blob if blob is not None else problem_blob(problem)


def digest(problems: Mapping[str, Problem] | Iterable[Problem]) -> str:
    """A digest of the problems (key and reason, in key order): part of what the tables depend on."""
    items = problems.values() if isinstance(problems, Mapping) else problems
    text = "\n".join(f"{p.key}\x1f{p.reason}" for p in sorted(items, key=lambda p: p.key))
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:16] if text else ""
