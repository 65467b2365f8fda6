"""The bench's plan: which corpora, which runs, in which order, and the JSON they make.

Why this order: every figure that is compared with another is measured in the same
invocation on the same files (the pipeline and its floors; one worker and all cores), so
the ratios hold even on a noisy machine where absolute numbers drift. The no-op re-run
goes last at the largest size, where the fixed cost of starting Python weighs least.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.bench.corpora import Corpus, ensure_corpus
from pipeline.bench.floors import lxml_floor, text_floor, trafilatura_floor
from pipeline.bench.machine import load_average, machine_facts
from pipeline.bench.measure import RunMeasure, run_pipeline, table_digests, tables_equal
from pipeline.bench.targets import evaluate
from pipeline.corpus.generate import Format

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
QUICK_SIZES = (40, 80)


@dataclass(frozen=True, slots=True)
class BenchConfig:
    """What to measure and where to work."""

    sizes: tuple[int, int] = (2000, 20000)
    """Mixed-corpus sizes for scaling/memory (the first) and memory/no-op (the second)."""
    format_docs: int | None = None
    """Documents in each one-format corpus; default: the first size."""
    seed: int = 7
    work: Path = Path(".bench")
    trafilatura_sample: int = 300
    quick: bool = False
    workers_all: int = field(default_factory=lambda: os.cpu_count() or 1)

    @property
    def per_format(self) -> int:
        return self.format_docs or self.sizes[0]


def _fresh(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    return path


def _ratio(num: float, den: float) -> float | None:
    return round(num / den, 3) if den > 0 else None


def _net_ratio(net_ms: float | None, den: float) -> float | None:
    """A ratio of CPU net of start-up, or None when there is no net CPU to compare.

    On a small corpus a run's CPU can come out at or below the separately measured start-up
    (both are noisy); a ratio of 0 would then read as "free" and pass a target it was never
    measured against, so it is reported as not measured instead.
    """
    return _ratio(net_ms, den) if net_ms else None


class Bench:
    """One bench invocation: owns the work folder's ``out/`` and the run log."""

    def __init__(self, config: BenchConfig) -> None:
        self.config = config
        self.corpora = config.work / "corpora"
        self.outputs = config.work / "out"
        self.log_path = config.work / "runs.log"

    def _run(self, corpus: Corpus, out_name: str, workers: int, *, fresh: bool = True) -> RunMeasure:
        out = self.outputs / out_name
        if fresh:
            _fresh(out)
        return run_pipeline(corpus.path, out, workers, corpus.docs, self.log_path)

    def startup(self) -> dict[str, Any]:
        """A run over an empty folder: the fixed cost in every end-to-end figure."""
        empty = _fresh(self.corpora / "empty")
        empty.mkdir(parents=True)
        # The first start after an install or a code change compiles bytecode and reads
        # cold files; the second is what every later run pays.
        runs = [run_pipeline(empty, _fresh(self.outputs / "empty"), 1, 0, self.log_path) for _ in range(2)]
        m = min(runs, key=lambda r: r.cpu_s)
        return {"wall_s": round(m.wall_s, 3), "cpu_s": round(m.cpu_s, 3),
                "peak_rss_mb": round(m.peak_rss_mb, 1)}

    def html(self, startup_cpu: float) -> dict[str, Any]:
        """HTML-only corpus: the pipeline on one worker against lxml and trafilatura."""
        out, corpus, run = self._against_lxml("html", "html", startup_cpu)
        traf = trafilatura_floor(corpus.html_files, self.config.trafilatura_sample)
        out["floors"]["trafilatura"] = traf.as_dict() if traf else None
        out["cpu_ratio_to_trafilatura"] = _ratio(run.cpu_ms_per_doc, traf.cpu_ms_per_doc) if traf else None
        return out

    def text(self, startup_cpu: float) -> dict[str, Any]:
        """Text-only corpus: the pipeline on one worker against the bare read-split-regex pass."""
        corpus = ensure_corpus(self.corpora, "text", self.config.per_format, self.config.seed)
        log.info("text: pipeline, 1 worker")
        run = self._run(corpus, "text-w1", 1)
        floor = text_floor(corpus.text_files + corpus.html_files)
        out = self._format_entry(corpus, run, startup_cpu)
        out["floors"] = {"read_split_regex": floor.as_dict()}
        out["rate_share_of_floor"] = _ratio(run.docs_per_s, floor.docs_per_s)
        out["cpu_ratio_to_floor"] = _ratio(run.cpu_ms_per_doc, floor.cpu_ms_per_doc)
        out["net_cpu_ratio_to_floor"] = _net_ratio(out["cpu_ms_per_doc_net"], floor.cpu_ms_per_doc)
        return out

    def other(self, startup_cpu: float) -> dict[str, Any]:
        """Pages of other sites (none an article): what rejecting them costs, against lxml."""
        return self._against_lxml("other", "other sites' pages", startup_cpu)[0]

    def _against_lxml(
        self, fmt: Format, label: str, startup_cpu: float
    ) -> tuple[dict[str, Any], Corpus, RunMeasure]:
        """A one-format corpus of pages: the pipeline on one worker, and ``lxml.html.fromstring``
        on the same pages; the entry, the corpus and the run (for further floors)."""
        corpus = ensure_corpus(self.corpora, fmt, self.config.per_format, self.config.seed)
        log.info("%s: pipeline, 1 worker", label)
        run = self._run(corpus, f"{fmt}-w1", 1)
        lxml = lxml_floor(corpus.html_files)
        out = self._format_entry(corpus, run, startup_cpu)
        out["floors"] = {"lxml": lxml.as_dict()}
        out["cpu_ratio_to_lxml"] = _ratio(run.cpu_ms_per_doc, lxml.cpu_ms_per_doc)
        out["net_cpu_ratio_to_lxml"] = _net_ratio(out["cpu_ms_per_doc_net"], lxml.cpu_ms_per_doc)
        return out, corpus, run

    @staticmethod
    def _format_entry(corpus: Corpus, run: RunMeasure, startup_cpu: float) -> dict[str, Any]:
        net = run.cpu_s - startup_cpu  # at or below zero: not measurable on this corpus (None)
        return {"corpus": corpus.name, "docs": corpus.docs, "mean_kb": round(corpus.mean_kb, 1),
                "pipeline": run.as_dict(),
                "cpu_ms_per_doc_net": round(1000 * net / corpus.docs, 3) if corpus.docs and net > 0 else None}

    def scaling(self) -> tuple[dict[str, Any], RunMeasure]:
        """Mixed corpus (first size): one worker, then all cores; same tables?"""
        corpus = ensure_corpus(self.corpora, "mixed", self.config.sizes[0], self.config.seed)
        log.info("scaling: %d docs, 1 worker then %d", corpus.docs, self.config.workers_all)
        one = self._run(corpus, "mixed-small-w1", 1)
        every = self._run(corpus, "mixed-small-wall", 0)
        first, second = self.outputs / "mixed-small-w1", self.outputs / "mixed-small-wall"
        a, b = table_digests(first), table_digests(second)
        identical = a == b and all(a.values())
        same_rows = identical or tables_equal(first, second)
        log.info("no-op re-run at %d docs", corpus.docs)
        again = self._run(corpus, "mixed-small-wall", 0, fresh=False)
        return {
            "corpus": corpus.name, "docs": corpus.docs, "mean_kb": round(corpus.mean_kb, 1),
            "one_worker": one.as_dict(), "all_cores": every.as_dict(),
            "speedup": _ratio(every.docs_per_s, one.docs_per_s),
            "tables_identical": identical, "rows_identical": same_rows,
            "table_sha256": {"one_worker": a, "all_cores": b},
            "noop_rerun": {"rerun": again.as_dict(), "share": _ratio(again.wall_s, every.wall_s)},
        }, every

    def memory_and_noop(self, small: RunMeasure) -> tuple[dict[str, Any], dict[str, Any]]:
        """Mixed corpus (second size), all cores: peak memory, then an unchanged re-run."""
        corpus = ensure_corpus(self.corpora, "mixed", self.config.sizes[1], self.config.seed)
        log.info("memory: %d docs, all cores", corpus.docs)
        full = self._run(corpus, "mixed-large-wall", 0)
        log.info("no-op re-run: same input, same output")
        again = self._run(corpus, "mixed-large-wall", 0, fresh=False)
        sizes = [small.docs, full.docs]
        tree = [round(small.peak_rss_mb, 1), round(full.peak_rss_mb, 1)]
        main = [round(small.main_peak_rss_mb, 1), round(full.main_peak_rss_mb, 1)]
        pss = [round(small.peak_pss_mb, 1), round(full.peak_pss_mb, 1)]
        memory = {
            "sizes": sizes, "workers": self.config.workers_all, "peak_rss_mb": tree, "main_peak_rss_mb": main,
            "peak_pss_mb": pss,
            "growth_pct": round(100 * (tree[1] - tree[0]) / tree[0], 1) if tree[0] else None,
            "main_growth_pct": round(100 * (main[1] - main[0]) / main[0], 1) if main[0] else None,
            "pss_growth_pct": round(100 * (pss[1] - pss[0]) / pss[0], 1) if pss[0] else None,
        }
        noop = {"docs": corpus.docs, "full": full.as_dict(), "rerun": again.as_dict(),
                "share": round(again.wall_s / full.wall_s, 4) if full.wall_s > 0 else None}
        return memory, noop

    def run(self) -> dict[str, Any]:
        """Everything, in order; the JSON document of docs/bench.md."""
        cfg = self.config
        cfg.work.mkdir(parents=True, exist_ok=True)
        self.log_path.write_text("", "utf-8")
        machine = machine_facts()
        log.info("bench: sizes %s, %d docs per format, work folder %s", cfg.sizes, cfg.per_format, cfg.work)
        startup = self.startup()
        formats = {"html": self.html(startup["cpu_s"]), "text": self.text(startup["cpu_s"]),
                   "other": self.other(startup["cpu_s"])}
        scaling, small = self.scaling()
        memory, noop = self.memory_and_noop(small)
        result: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "machine": machine | {"load_avg_end": load_average()},
            "config": {"sizes": list(cfg.sizes), "format_docs": cfg.per_format, "seed": cfg.seed,
                       "workers_all": cfg.workers_all, "trafilatura_sample": cfg.trafilatura_sample,
                       "quick": cfg.quick},
            "startup": startup,
            "formats": formats,
            "scaling": scaling,
            "memory": memory,
            "noop_rerun": noop,
        }
        result["targets"] = evaluate(result)
        return result
