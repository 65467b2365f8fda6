"""``python -m pipeline.corpus``: write the bundled samples or a seeded corpus.

    python -m pipeline.corpus samples raw/samples
    python -m pipeline.corpus generate OUT --count 1000 --seed 7 [--junk-share 0.05] [--dup-share 0.01]
        [--format mixed|text|html|other] [--plain-html]

Saved pages carry a real site's boilerplate (about 60 KB a page) unless ``--plain-html``.

Kept apart from the pipeline's own CLI because it writes inputs, never reads them.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from pipeline.corpus.generate import FORMATS, write_corpus, write_samples


def _share(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline.corpus", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    samples = sub.add_parser("samples", help="write the bundled sample documents")
    samples.add_argument("out", type=Path)
    generate = sub.add_parser("generate", help="write N synthetic documents and a hidden manifest")
    generate.add_argument("out", type=Path)
    generate.add_argument("--count", type=int, required=True)
    generate.add_argument("--seed", type=int, default=0)
    generate.add_argument("--junk-share", type=_share, default=0.05)
    generate.add_argument("--dup-share", type=_share, default=0.01)
    generate.add_argument("--format", dest="fmt", choices=FORMATS, default="mixed",
                          help="mixed (about 30%% pages), or one format only (junk of that format too), "
                               "or other: pages of other sites, none an article")
    generate.add_argument("--plain-html", action="store_true",
                          help="pages with a token header and footer instead of a real site's boilerplate")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "samples":
        docs = write_samples(args.out)
        total = sum(len(d.data) for d in docs)
        sys.stdout.write(f"wrote {len(docs)} samples ({total} bytes) to {args.out}\n")
        return 0
    if args.count < 0:
        sys.stderr.write("--count must not be negative\n")
        return 2
    rows = write_corpus(args.out, args.count, args.seed, junk_share=args.junk_share, dup_share=args.dup_share,
                        fmt=args.fmt, chrome=not args.plain_html)
    kinds = Counter(str(row["kind"]) for row in rows)
    summary = ", ".join(f"{kind}: {n}" for kind, n in sorted(kinds.items()))
    sys.stdout.write(f"wrote {len(rows)} documents to {args.out} ({summary})\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
