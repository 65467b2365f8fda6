"""Time the pipeline on hostile documents, and on whole corpora, to find inputs whose cost
grows faster than their size.

Why: ``Limits`` bounds a document's bytes, nesting and blocks, but not its time. One
document that costs minutes (a regex that backtracks, a loop quadratic in lines or items)
stalls a worker and a scheduled run. This script builds documents that an attacker or a
broken capture tool could leave in an input folder, in every format the pipeline reads
(text dumps, saved HTML, gzip, MHTML, Safari web archives and WARC captures; Markdown is
left to its own owner), at a few sizes, and runs each through what a worker does: the read
stage (:func:`pipeline.read.sources.read_document`, or the WARC planning and read-back)
then :func:`pipeline.run.process.process_document` with ``Limits()``. Each measurement runs
in a child process (killed after ``--timeout`` seconds) and is the best CPU time of
``--rounds`` runs. It logs, per case, the CPU seconds at each size, the growth factor
between the two largest sizes and the cost per MB, and flags a case whose growth is
super-linear (more than 1.6x the size ratio) or that costs more than 2 s per MB (once it
costs more than 0.1 s: below that, a fixed cost such as reading a WARC file dominates).

    .venv/bin/python scripts/hostile_inputs.py [--sizes 16K,64K,256K,1M] [--only WORD]
    .venv/bin/python scripts/hostile_inputs.py --corpus DIR [--corpus DIR ...] [--generate N]

``--corpus`` times every document of a folder (``--generate N`` first writes the bench's
mixed corpus of N documents, seed 7) and lists the ten slowest with their cost relative to
the median. The cases are built by ``scripts/hostile_cases.py`` from repeated characters and
short phrases written for this project.
"""

from __future__ import annotations

import argparse
import gzip
import logging
import math
import multiprocessing
import statistics
import tempfile
import time
from pathlib import Path

from hostile_cases import article_text, as_html, container_cases, html_cases, listing_cases, text_cases

from pipeline.common.limits import Limits
from pipeline.run.process import process_document

LOG = logging.getLogger("hostile_inputs")
ROOT = Path(__file__).resolve().parents[1]

# --- measuring --------------------------------------------------------------------------------


def run_file(path: Path, root: Path, limits: Limits) -> str:
    """What a worker does with one file: read it, then process it; its outcome in a word."""
    from pipeline.errors import ReadError  # noqa: PLC0415
    from pipeline.read.sources import is_warc, read_capture, read_document  # noqa: PLC0415

    if is_warc(path):
        from pipeline.fetch.archives import iter_archive_refs  # noqa: PLC0415
        from pipeline.fetch.warc_reader import ArchiveProblem  # noqa: PLC0415

        outcomes = []
        for ref in iter_archive_refs(root, [path.relative_to(root).as_posix()]):
            if isinstance(ref, ArchiveProblem):
                outcomes.append(f"read/{ref.reason}")
                continue
            try:
                outcomes.append(_outcome(process_document(read_capture(ref, limits), limits)))
            except ReadError as error:
                outcomes.append(f"read/{error.reason}")
        return f"{len(outcomes)} captures: {outcomes[0] if outcomes else '-'}"
    try:
        doc = read_document(path, root, limits)
    except ReadError as error:
        return f"read/{error.reason}"
    return _outcome(process_document(doc, limits))


def _outcome(result: object) -> str:
    rows = getattr(result, "tables", {})
    quarantine = getattr(result, "quarantine", [])
    if rows.get("articles"):
        cards = len(rows.get("job_cards", {}).get("job_id", []))
        return f"article ({cards} cards, {len(quarantine)} bad)"
    if rows:
        return "listing"
    return f"{quarantine[0]['stage']}/{quarantine[0]['reason']}" if quarantine else "nothing"


def _child(name: str, data: bytes, rounds: int, conn: object) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = root / name
        path.write_bytes(data)
        limits = Limits()
        best, outcome = float("inf"), ""
        for _ in range(rounds):
            start = time.process_time()
            outcome = run_file(path, root, limits)
            best = min(best, time.process_time() - start)
    conn.send((best, outcome))  # type: ignore[attr-defined]


def measure(name: str, data: bytes, rounds: int, timeout: float) -> tuple[float | None, str]:
    """Best CPU seconds of ``rounds`` runs in a child process; None when it timed out."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(name, data, rounds, child))
    proc.start()
    if parent.poll(timeout):
        seconds, outcome = parent.recv()
        proc.join()
        return seconds, outcome
    proc.kill()
    proc.join()
    return None, f"timeout > {timeout:g}s"


def hostile(sizes: list[int], only: str | None, rounds: int, timeout: float) -> list[str]:
    """Measure every case at every size; log each line; return the flagged cases."""
    flagged: list[str] = []
    cases = [*text_cases(), *html_cases(), *listing_cases(), *container_cases()]
    warm_up()
    for label, build in cases:
        if only and only not in label:
            continue
        times: list[tuple[int, float | None]] = []
        outcome = ""
        for size in sizes:
            name, data = build(size)
            seconds, outcome = measure(name, data, rounds, timeout)
            times.append((len(gzip.decompress(data)) if name.endswith(".gz") else len(data), seconds))
            if seconds is None:
                break
        line, bad = _verdict(label, times, outcome)
        (LOG.warning if bad else LOG.info)("%s", line)
        if bad:
            flagged.append(line)
    return flagged


def warm_up() -> None:
    """Run a plain article and page once in this process, so that every child starts with the
    lazy imports and tables loaded (what a worker has after its first document)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        text = article_text("intro", "x")
        (root / "a.txt").write_text(text, encoding="utf-8")
        (root / "a.html").write_text(as_html(text), encoding="utf-8")
        for name in ("a.txt", "a.html"):
            LOG.debug("warm-up %s: %s", name, run_file(root / name, root, Limits()))


def _verdict(label: str, times: list[tuple[int, float | None]], outcome: str) -> tuple[str, bool]:
    cells = " ".join(f"{n / 1024:.0f}K:{'-' if s is None else f'{s:.3f}'}" for n, s in times)
    (n1, s1), (n2, s2) = (times[-2], times[-1]) if len(times) > 1 else (times[0], times[0])
    if s2 is None:
        return f"SLOW {label}: {cells} -> {outcome}", True
    per_mb = s2 / (n2 / 2**20)
    growth = (s2 / s1) if s1 and s1 > 0.002 else float("nan")
    ratio = n2 / n1
    bad = (per_mb > 2 and s2 > 0.1) or (not math.isnan(growth) and s2 > 0.05 and growth > 1.6 * ratio)
    tag = "SLOW" if bad else "ok"
    return (f"{tag} {label}: {cells} growth x{growth:.1f} for size x{ratio:.1f}, "
            f"{per_mb:.2f} s/MB -> {outcome}"), bad


def corpus(folders: list[Path], rounds: int) -> None:
    """Time every document of the folders and log the ten slowest against the median."""
    from pipeline.read.sources import walk  # noqa: PLC0415

    limits = Limits()
    warm_up()
    costs: list[tuple[float, str, int]] = []
    for folder in folders:
        for key in walk(folder):
            path = folder / key
            best = float("inf")
            for _ in range(rounds):
                start = time.process_time()
                run_file(path, folder, limits)
                best = min(best, time.process_time() - start)
            costs.append((best, str(path), path.stat().st_size))
    if not costs:
        LOG.info("no documents")
        return
    median = statistics.median(c for c, _, _ in costs)
    total = sum(c for c, _, _ in costs)
    LOG.info("%d documents, median %.2f ms, total %.2f s", len(costs), 1e3 * median, total)
    for cost, path, size in sorted(costs, reverse=True)[:10]:
        LOG.info("  %8.2f ms  x%6.1f median  %8d bytes  %s", 1e3 * cost, cost / median if median else 0,
                 size, path)


def _size(text: str) -> int:
    text = text.strip().upper()
    scale = {"K": 1024, "M": 2**20}.get(text[-1:], 1)
    return int(float(text.rstrip("KM")) * scale)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="16K,64K,256K", help="comma-separated sizes (K, M)")
    parser.add_argument("--only", help="only the cases whose label contains this")
    parser.add_argument("--rounds", type=int, default=1, help="best of R runs per document (a process "
                        "remembers sections it searched, so later rounds of a corpus may be cheaper)")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--corpus", type=Path, action="append", default=[])
    parser.add_argument("--generate", type=int, default=0, help="also time a generated mixed corpus of N")
    parser.add_argument("--list", action="store_true", help="list the cases and stop")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.list:
        for label, _ in [*text_cases(), *html_cases(), *listing_cases(), *container_cases()]:
            LOG.info("%s", label)
        return
    if args.corpus or args.generate:
        folders = list(args.corpus)
        with tempfile.TemporaryDirectory() as tmp:
            if args.generate:
                from pipeline.corpus.generate import write_corpus  # noqa: PLC0415

                write_corpus(Path(tmp), args.generate, 7, fmt="mixed")
                folders.append(Path(tmp))
            corpus(folders, args.rounds)
        return
    flagged = hostile([_size(s) for s in args.sizes.split(",")], args.only, args.rounds, args.timeout)
    LOG.info("%d case(s) flagged", len(flagged))
    for line in flagged:
        LOG.info("%s", line)


if __name__ == "__main__":
    main()
