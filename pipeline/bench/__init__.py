"""``make bench``: the project's own benchmark (``python -m pipeline.bench``).

Takes corpus sizes; gives docs/s, CPU per document against the floors, memory and no-op
figures as a table and JSON. Must never be imported by the pipeline (only the CLI and tests).

Why it lives in the package: the figures it prints are only comparable when the corpus,
the floors and the way the pipeline is started are the same everywhere, so all of that is
code under review rather than a recipe in a README. It generates corpora with
:mod:`pipeline.corpus` (:mod:`~pipeline.bench.corpora`), runs the pipeline as a child
process and measures it (:mod:`~pipeline.bench.measure`), times the floors on the same
files (:mod:`~pipeline.bench.floors`), records the machine
(:mod:`~pipeline.bench.machine`), checks the issue's targets
(:mod:`~pipeline.bench.targets`) and prints a table (:mod:`~pipeline.bench.report`).
The order of the runs is :mod:`~pipeline.bench.suite`; docs/bench.md documents the JSON.
"""

from __future__ import annotations

from pipeline.bench.suite import Bench, BenchConfig

__all__ = ["Bench", "BenchConfig"]
