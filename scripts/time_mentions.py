"""Time mention finding per document: the bundled samples, the real captures and a generated corpus.

Why a script of its own: ``make bench`` times the whole run, where mention finding is a small
share; this isolates the finder so a larger vocabulary can be compared with the old one.
It parses each document once (untimed), then times ``mention_rows`` over its sections
(CPU time, best of a few rounds: the machine is shared) and prints microseconds per
document and the finder's build time. The finder remembers the sections and lines it has
searched: each round starts with that cache empty, so a text counts as seen only when an
earlier document of the same round had it.

    .venv/bin/python scripts/time_mentions.py [--corpus N] [--rounds R] [--shared DIR]

To count instructions instead (the same on every run, whatever the machine's load), run one
corpus's pass under callgrind; the pass runs inside ``functools.reduce``, so only it is counted
(after an untimed warm pass, with the cache emptied before it):

    valgrind --tool=callgrind --collect-atstart=no --toggle-collect=functools_reduce \
        .venv/bin/python scripts/time_mentions.py --one-pass real

and divide the "Collected" count by the number of documents it prints.

To compare with an older matcher, check the older commit out in a worktree of its own (with
its own ``make setup``), copy this script into it, and run the two one after the other a few
times (the machine is shared: take the best of each); ``--shared`` names the shared data
directory when the worktree is not next to it.
"""

from __future__ import annotations

import argparse
import functools
import logging
import time
from pathlib import Path

from pipeline.common.limits import Limits
from pipeline.corpus.generate import iter_corpus
from pipeline.normalize.fields import mention_rows
from pipeline.normalize.mentions import MentionFinder
from pipeline.normalize.vocabulary import load_vocabulary
from pipeline.read.sources import discover, read_document
from pipeline.run.process import process_document

ROOT = Path(__file__).resolve().parents[1]
LOG = logging.getLogger("time_mentions")


def _sections(docs: list[tuple[str, bytes, str]]) -> list[list[dict[str, object]]]:
    """The section rows of each document that parses as an article."""
    from pipeline.common.document import RawDocument  # noqa: PLC0415

    out = []
    for name, data, fmt in docs:
        result = process_document(RawDocument(name, data, fmt), Limits())
        sections = result.rows.get("sections") if result.rows else None
        if sections:
            out.append(sections)
    return out


def _time(label: str, corpus: list[list[dict[str, object]]], finder: MentionFinder, rounds: int) -> None:
    forget = getattr(finder, "forget", None)  # an older finder keeps no cache of sections
    best = float("inf")
    rows = 0
    for _ in range(rounds):
        if forget:
            forget()  # each round searches every section anew, as a run of these documents would
        start = time.process_time()
        rows = sum(len(mention_rows("x", sections, finder)) for sections in corpus)
        best = min(best, time.process_time() - start)
    per_doc = best / max(1, len(corpus)) * 1e6
    # Per mention row too: a finder that finds more spends more per document for it.
    per_row = best / max(1, rows) * 1e6
    LOG.info("%-10s docs=%5d mention rows=%6d  %.0f us/doc  %.1f us/row", label, len(corpus), rows,
             per_doc, per_row)


def _one_pass(corpus: list[list[dict[str, object]]], finder: MentionFinder) -> None:
    """One pass over ``corpus`` inside ``functools.reduce`` (what callgrind toggles on), cache empty."""
    forget = getattr(finder, "forget", None)
    for sections in corpus:  # warm: imports, first calls, the regular expressions' caches
        mention_rows("x", sections, finder)
    if forget:
        forget()

    def one(_done: object, _item: object) -> None:
        for sections in corpus:
            mention_rows("x", sections, finder)

    functools.reduce(one, [None], None)
    LOG.info("docs=%d", len(corpus))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the shared data directory (real captures in real/pages)")
    parser.add_argument("--one-pass", choices=("samples", "real", "generated"),
                        help="run one untimed pass over this corpus, for callgrind (see above)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    start = time.perf_counter()
    vocabulary = load_vocabulary()
    finder = MentionFinder(vocabulary)
    LOG.info("vocabulary: %d terms; finder built in %.0f ms", len(vocabulary.terms),
             (time.perf_counter() - start) * 1e3)
    limits = Limits()
    samples = [read_document(p, ROOT / "raw", limits) for p in discover(ROOT / "raw")]
    real_dir = args.shared / "real" / "pages"
    real = [(p.name, p.read_bytes(), "text") for p in sorted(real_dir.glob("*.txt"))]
    generated = [(d.name, d.data, "html" if ".htm" in d.name else "text")
                 for d in iter_corpus(args.corpus, 7) if not d.name.endswith(".gz")]
    corpora = {"samples": lambda: _sections([(d.source_uri, d.data, d.format) for d in samples]),
               "real": lambda: _sections(real), "generated": lambda: _sections(generated)}
    if args.one_pass:
        _one_pass(corpora[args.one_pass](), finder)
        return
    for label, sections in corpora.items():
        _time(label, sections(), finder, args.rounds)


if __name__ == "__main__":
    main()
