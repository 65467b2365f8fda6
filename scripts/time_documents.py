"""Time what a worker does per document (``process_document``, then ``packed``) in one process.

Why a script of its own: ``make bench`` times whole runs, where start-up, the walk of the
input folder and the table build sit beside the per-document work; this isolates the worker's
part, read once and untimed, so a change to the parse and normalize stages can be compared
with main in a few seconds. With ``--caches`` it also reports how full the per-process
memories of :mod:`pipeline.common.memo` are after the passes, their hits, and the resident
memory that emptying them all gives back.

A *cold* pass is what a worker sees: a fresh process (after ``engine.warm_up``, as a pool's
worker inherits it), the documents in order, each cache filling as it goes. ``--rounds R``
adds warm passes after it and prints the best, for the steady state.

    .venv/bin/python scripts/time_documents.py DIR [--limit N] [--rounds R]

To count instructions instead (the same on every run, whatever the machine's load), run the
cold pass under callgrind; it runs inside ``functools.reduce``, so only it is counted:

    valgrind --tool=callgrind --collect-atstart=no --toggle-collect=functools_reduce \
        .venv/bin/python scripts/time_documents.py DIR --limit 1000 --one-pass

and divide the "Collected" count by the number of documents it prints.
"""

from __future__ import annotations

import argparse
import functools
import gc
import logging
import os
import time
from pathlib import Path

from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.common.memory import trim_memory
from pipeline.errors import StageError
from pipeline.read.sources import discover, read_document
from pipeline.run.engine import packed, warm_up
from pipeline.run.process import process_document

LOG = logging.getLogger("time_documents")


def _read(root: Path, limit: int, limits: Limits) -> list[RawDocument]:
    docs = []
    for path in sorted(discover(root))[:limit]:
        try:
            docs.append(read_document(path, root, limits))
        except StageError:
            continue  # an unreadable file never reaches a worker's parse
    return docs


def _pass(docs: list[RawDocument], limits: Limits) -> float:
    start = time.process_time()
    for doc in docs:
        packed(process_document(doc, limits))
    return time.process_time() - start


def _rss_mb() -> float:
    """The process's resident memory now (Linux), MB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _report_caches() -> None:
    """Each memory's entries and hits, and what emptying them all gives back to the system."""
    try:
        from pipeline.common import memo  # noqa: PLC0415
    except ImportError:  # a tree without the shared memory helper (main before it)
        return
    for name, info in sorted(memo.registry().items()):
        LOG.info("  %-52s %6d entries of %6d, %5.1f%% hits (%d of %d)", name, info.entries, info.maxsize,
                 100 * info.hits / max(1, info.hits + info.misses), info.hits, info.hits + info.misses)
    gc.collect()
    trim_memory()
    before = _rss_mb()
    memo.forget_all()
    gc.collect()
    trim_memory()
    LOG.info("memories emptied: RSS %.1f -> %.1f MB", before, _rss_mb())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="a folder of documents (a corpus)")
    parser.add_argument("--limit", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=0, help="warm passes after the cold one")
    parser.add_argument("--one-pass", action="store_true", help="the cold pass inside functools.reduce")
    parser.add_argument("--caches", action="store_true",
                        help="after the passes, each memory's entries and hits")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    limits = Limits()
    docs = _read(args.root, args.limit, limits)
    warm_up()
    if args.one_pass:
        functools.reduce(lambda _a, _b: _pass(docs, limits), [None], None)
        LOG.info("docs=%d", len(docs))
        return
    cold = _pass(docs, limits)
    LOG.info("docs=%d cold %.3f ms/doc", len(docs), cold / len(docs) * 1e3)
    if args.rounds:
        best = min(_pass(docs, limits) for _ in range(args.rounds))
        LOG.info("docs=%d warm %.3f ms/doc (best of %d)", len(docs), best / len(docs) * 1e3, args.rounds)
    if args.caches:
        _report_caches()


if __name__ == "__main__":
    main()
