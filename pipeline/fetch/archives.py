"""Web archives of every kind the input may hold, as one stream of captures: WARC files
(the fetcher's and any other tool's), ARC files (the Internet Archive's and Heritrix's older
format) and WACZ packages (WARC files in a ZIP).

Why one door: planning a run lists the captures of all archives in one order, with one
table of payload digests (a revisit in one archive may point at a response in another), and
a worker reads a capture back from wherever it lies without knowing the container.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.common.limits import MIB
from pipeline.fetch.wacz import is_wacz_name, iter_wacz_refs, read_member_capture
from pipeline.fetch.warc_reader import (
    ArchiveProblem,
    Capture,
    CaptureRef,
    Original,
    is_arc_name,
    read_capture_at,
    refs_of_stream,
)

log = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
"""The fetcher's own format, and other tools' (which the first record tells apart, see
:func:`iter_archive_refs`)."""


def archive_order(keys: Iterable[str]) -> list[str]:
    """Archive keys in reading order: by file name, then path (the fetcher's names start with
    the time, so its WARC files come oldest first, as :func:`~pipeline.fetch.warc_reader.warc_files`)."""
    return sorted(keys, key=lambda key: (key.rsplit("/", 1)[-1], key))


def iter_archive_refs(root: Path, keys: Iterable[str]) -> Iterator[CaptureRef | ArchiveProblem]:
    """Every archived response of the archives ``keys`` (``/``-separated, under ``root``), in
    :func:`archive_order`, streamed; an :class:`ArchiveProblem` wherever records were lost.

    The fetcher's own WARC files keep their leniency (a cut last record is only logged: its
    killed writes leave one, and the next fetch fetches the page again); WARC files of
    other tools, ARC files and WACZ packages report any damage as a problem of its own.
    """
    originals: dict[str, Original] = {}
    for key in archive_order(keys):
        yield from archive_refs(root, key, originals)


def archive_refs(
    root: Path, key: str, originals: dict[str, Original]
) -> Iterator[CaptureRef | ArchiveProblem]:
    """What :func:`iter_archive_refs` yields for the one archive ``key``, given the payload
    digests of the archives read before it (``originals``, which this adds to: a revisit in
    a later archive may point at a response in this one)."""
    path = root.joinpath(*key.split("/"))
    if is_wacz_name(key):
        yield from iter_wacz_refs(path, key, originals)
        return
    strict = None if key.lower().endswith(WARC_SUFFIXES) else True  # a WARC: by its writer
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed below, after the generator is drained)
    except OSError as error:
        log.warning("cannot open %s: %s", path, error)
        yield ArchiveProblem(path, None, "unreadable", str(error.strerror or error))
        return
    with handle:
        yield from refs_of_stream(path, handle, originals, strict=strict, arc=is_arc_name(key))


LISTING_VERSION = 2
"""What a listing of an archive (:func:`archive_refs`) holds and how it is read; bumped
whenever the same archive bytes would give other refs or problems, so that a remembered
listing (:mod:`pipeline.run.archive_listings`) of older code is not used. 2: WARC files of
other tools are read strictly."""


def read_archived(ref: CaptureRef, *, max_bytes: int = 64 * MIB) -> Capture | None:
    """The capture ``ref`` points at, read back from its archive (a file, or a WACZ member)."""
    if ref.member is not None:
        return read_member_capture(ref.path, ref.member, ref.offset, max_bytes=max_bytes)
    return read_capture_at(ref.path, ref.offset, max_bytes=max_bytes)


def problem_key(problem: ArchiveProblem, root: Path) -> str:
    """The key (and source URI) of an archive's problem: its path under ``root``, with the
    member after ``!/`` when one WARC file of a WACZ is at fault."""
    key = Path(os.path.relpath(problem.path, root)).as_posix()
    return f"{key}!/{problem.member}" if problem.member else key
