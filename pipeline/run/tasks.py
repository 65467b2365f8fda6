"""What a worker is asked to do, and what it answers: small, picklable, cheap to import.

Why their own module: planning a run (:mod:`pipeline.run.inventory`) builds tasks without
importing the parsers, so a run over an unchanged corpus starts in a fraction of a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.common.limits import Limits

if TYPE_CHECKING:
    from pipeline.fetch.warc_reader import CaptureRef


@dataclass(frozen=True, slots=True)
class FileTask:
    """Parse one file under the input folder (unless its content is ``known_sha``)."""

    key: str
    path: str
    root: str
    limits: Limits
    size: int | None
    mtime_ns: int | None
    known_sha: str | None = None


@dataclass(frozen=True, slots=True)
class CaptureTask:
    """Parse one archived capture: the worker reads its body from the archive.

    Why not the body itself: a run over thousands of new captures would hold every body in
    memory from planning to parsing; a reference costs a few hundred bytes.
    """

    key: str
    ref: CaptureRef
    limits: Limits


@dataclass(frozen=True, slots=True)
class Parsed:
    """One task's outcome: the packed result, or None when the content was already known."""

    key: str
    size: int | None
    mtime_ns: int | None
    sha256: str | None
    blob: tuple[bytes, bytes] | None
