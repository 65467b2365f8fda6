"""Time the pipeline on saved pages against the lxml parse floor, stage by stage.

Why a script of its own: ``make bench`` measures whole runs on generated corpora; the issue's
third target is also stated on real pages of other sites (``real-html/web-pages`` in the
shared data directory: 110 pages, none an article), which the bench cannot generate. For
each page this reads the bytes once (untimed), then times, in CPU seconds, best of
``--rounds`` rounds (the machine is shared):

* ``lxml``: ``lxml.html.fromstring(raw_bytes)``, the floor;
* ``pipeline``: :func:`pipeline.run.process.process_document`, what a worker does per page;
* and the stages of the HTML path alone: the byte test, decode, pre-scan, parse, and the
  early test (the last three on every page, also those the byte test decides).

It prints CPU ms per page and the pipeline's ratio to the floor, and the outcomes (how many
pages became each quarantine reason or an article).

    .venv/bin/python scripts/time_pages.py [DIR ...] [--rounds R] [--generated N]

Without ``DIR`` it times the shared web pages; ``--generated N`` adds the first N pages of the
bench's generated corpus of other sites' pages (``pipeline.corpus`` format ``other``).
"""

from __future__ import annotations

import argparse
import gzip
import logging
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import lxml.html

from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.corpus.generate import iter_corpus
from pipeline.decode.charset import decode_bytes
from pipeline.parse.prescreen import surely_neither
from pipeline.run.process import TITLE_SEPARATOR_BY_CASE, process_document
from pipeline.structure.html import parse_html

ROOT = Path(__file__).resolve().parents[1]
LOG = logging.getLogger("time_pages")


def _best(rounds: int, pages: Sequence[bytes], work: Callable[[bytes], object]) -> float:
    """Best CPU seconds over ``rounds`` passes of ``work`` over every page."""
    work(pages[0])  # warm-up: lazy imports, compiled patterns
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for data in pages:
            work(data)
        best = min(best, time.process_time() - start)
    return best


def _lxml(data: bytes) -> object:
    try:
        return lxml.html.fromstring(data)
    except (ValueError, lxml.etree.ParserError):
        return None


def _outcome(data: bytes, limits: Limits) -> str:
    result = process_document(RawDocument("page.html", data, "html"), limits)
    if result.quarantine and not result.rows:
        return str(result.quarantine[0]["reason"])
    return "article" if result.rows.get("articles") else "job board"


def _stages(data: bytes, limits: Limits) -> dict[str, float]:
    """CPU seconds of each stage of the HTML path on one page (decode, pre-scan + parse, test)."""
    out: dict[str, float] = {}
    start = time.process_time()
    surely_neither(data, url="page.html")
    t0 = time.process_time()
    out["byte test"] = t0 - start
    decoded = decode_bytes(data, is_html=True)
    t1 = time.process_time()
    out["decode"] = t1 - t0
    try:
        parsed = parse_html(decoded.utf8 or decoded.text, max_depth=limits.max_depth,
                            max_blocks=limits.max_blocks)
    except Exception:
        out["pre-scan+parse"] = time.process_time() - t1
        return out
    t2 = time.process_time()
    out["pre-scan+parse"] = t2 - t1
    parsed.surely_ends_plain(TITLE_SEPARATOR_BY_CASE)
    out["early test"] = time.process_time() - t2
    return out


def report(label: str, pages: list[bytes], rounds: int) -> None:
    """Log one corpus's figures."""
    limits = Limits()
    floor = _best(rounds, pages, _lxml)
    run = _best(rounds, pages, lambda d: process_document(RawDocument("page.html", d, "html"), limits))
    stages: Counter[str] = Counter()
    for data in pages:
        stages.update(_stages(data, limits))
    n = len(pages)
    outcomes = Counter(_outcome(d, limits) for d in pages)
    LOG.info("%s: %d pages, %.1f KB a page", label, n, sum(map(len, pages)) / n / 1024)
    LOG.info("  lxml floor %.3f ms/page; pipeline %.3f ms/page -> %.2fx the floor",
             1e3 * floor / n, 1e3 * run / n, run / floor)
    LOG.info("  stages (one pass): %s", ", ".join(f"{k} {1e3 * v / n:.3f}" for k, v in stages.items()))
    LOG.info("  outcomes: %s", ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--generated", type=int, default=0,
                        help="also the first N generated pages of other sites")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    dirs = args.dirs or [ROOT.parent / "shared" / "real-html" / "web-pages"]
    for folder in dirs:
        pages = [_read(p) for p in sorted(folder.iterdir()) if ".htm" in p.name.lower()]
        report(str(folder), pages, args.rounds)
    if args.generated:
        pages = [d.data for d in iter_corpus(args.generated, 7, fmt="other")]
        report(f"generated other sites' pages (seed 7, {args.generated})",
               [gzip.decompress(p) if p[:2] == b"\x1f\x8b" else p for p in pages], args.rounds)


if __name__ == "__main__":
    main()
