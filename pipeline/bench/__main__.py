"""``python -m pipeline.bench``: run the benchmark, print the table, write the JSON.

    python -m pipeline.bench                       # sizes 2000,20000 (what `make bench` runs)
    python -m pipeline.bench --sizes 10000,100000  # the issue's memory sizes
    python -m pipeline.bench --quick --out /tmp/bench.json   # tiny corpora, for tests
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from pipeline.bench.measure import PipelineFailedError, reap_orphans_here
from pipeline.bench.report import render
from pipeline.bench.suite import QUICK_SIZES, Bench, BenchConfig

log = logging.getLogger("pipeline.bench")


def _sizes(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[int, int]:
    try:
        sizes = tuple(int(part) for part in value.split(","))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not two comma-separated numbers") from None
    if len(sizes) != 2 or min(sizes) < 1:
        raise click.BadParameter("give two positive document counts, e.g. 2000,20000")
    return sizes[0], sizes[1]


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--sizes", default="2000,20000", show_default=True, callback=_sizes,
              help="Mixed-corpus sizes: scaling and memory at the first, memory and the no-op re-run "
                   "at the second.")
@click.option("--format-docs", type=click.IntRange(min=1), default=None,
              help="Documents in each one-format corpus (html, text) [default: the first size].")
@click.option("--out", "out_path", type=click.Path(path_type=Path, dir_okay=False),
              default=Path("docs/bench-results.json"), show_default=True,
              help="Where to write the JSON result.")
@click.option("--work", type=click.Path(path_type=Path, file_okay=False), default=Path(".bench"),
              show_default=True,
              help="Work folder for corpora, outputs and the run log (corpora are reused between runs).")
@click.option("--seed", type=int, default=7, show_default=True, help="Corpus seed.")
@click.option("--trafilatura-sample", type=click.IntRange(min=1), default=300, show_default=True,
              help="Pages given to trafilatura.extract (it is slow).")
@click.option("--quick", is_flag=True,
              help=f"Tiny corpora ({QUICK_SIZES[0]},{QUICK_SIZES[1]} docs, 10 trafilatura pages): "
                   "checks that the bench runs, measures nothing useful.")
@click.option("-v", "--verbose", is_flag=True, help="Debug logging.")
def main(*, sizes: tuple[int, int], format_docs: int | None, out_path: Path, work: Path, seed: int,
         trafilatura_sample: int, quick: bool, verbose: bool) -> None:
    """Measure docs/s, CPU ms/doc, floors, scaling, peak RSS and the no-op re-run."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    try:
        import psutil  # noqa: F401, PLC0415 (benchmark-only dependency)
    except ImportError:
        raise click.ClickException(
            "psutil is missing: install the bench extra (pip install -e '.[bench]')") from None
    if quick:
        sizes, trafilatura_sample = QUICK_SIZES, min(trafilatura_sample, 10)
        format_docs = format_docs or QUICK_SIZES[0]
    if not reap_orphans_here():
        log.warning("cannot collect the CPU time of orphaned worker processes here; CPU figures are sampled")
    config = BenchConfig(sizes=sizes, format_docs=format_docs, seed=seed, work=work,
                         trafilatura_sample=trafilatura_sample, quick=quick)
    try:
        result = Bench(config).run()
    except PipelineFailedError as error:
        raise click.ClickException(str(error)) from None
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(result, indent=2, sort_keys=False) + "\n", "utf-8")
    click.echo(render(result))
    click.echo(f"\nwrote {out_path}")


if __name__ == "__main__":
    main()
