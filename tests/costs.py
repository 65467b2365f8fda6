"""CPU cost of one document through the pipeline, for tests that bound how cost grows.

Why relative figures: the machine is shared (2 cores, several test runs), so an absolute
limit in seconds either flakes or proves nothing. A hostile document is compared with a
plain one of the same size (or with itself at a quarter of the size), best of a few runs,
each measured in CPU seconds of this process: load on other cores slows both sides alike.
Each run gets a document of its own (``build(variant)``): the card readers and the mention
search remember lines they have read, so a second run of the same bytes measures a cache.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from pipeline.common.document import DocumentResult, RawDocument
from pipeline.common.limits import Limits
from pipeline.run.process import process_document


def _cases() -> ModuleType:
    """``scripts/hostile_cases.py``: the article with slots that the script fills too."""
    path = Path(__file__).resolve().parents[1] / "scripts" / "hostile_cases.py"
    spec = importlib.util.spec_from_file_location("hostile_cases", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_CASES = _cases()
ARTICLE: str = _CASES.ARTICLE
"""A small article of our own with slots for a hostile payload (the job zone's first card
takes ``company`` and ``badges``), the one ``scripts/hostile_inputs.py`` fills."""
SLOTS: dict[str, str] = _CASES.DEFAULTS


def article(**slots: str) -> str:
    """The article with some slots replaced."""
    return ARTICLE.format_map({**SLOTS, **slots})


def plain(size: int) -> str:
    """An article of about ``size`` characters whose bulk is an ordinary intro paragraph."""
    return article(intro="Panels and turbines share a grid. " * max(1, (size - len(ARTICLE)) // 34))


def run_text(text: str, name: str = "a.txt", fmt: str = "text") -> DocumentResult:
    """One document through :func:`process_document` with the default limits."""
    return process_document(RawDocument(name, text.encode("utf-8"), fmt), Limits())


ROUNDS = 3

Builder = Callable[[int], str]
"""variant -> a document; every variant different (see the module docstring)."""


def cpu(build: Builder, fmt: str = "text", rounds: int = ROUNDS) -> float:
    """Best CPU seconds of ``rounds`` documents ``build(0)``, ``build(1)``, ... (built before
    the clock starts) through the pipeline."""
    name = "a.html" if fmt == "html" else "a.txt"
    best = float("inf")
    for variant in range(rounds):
        text = build(variant)
        start = time.process_time()
        run_text(text, name, fmt)
        best = min(best, time.process_time() - start)
    return max(best, 1e-6)


def relative_cost(build: Builder, *, fmt: str = "text") -> float:
    """CPU of the hostile documents ``build(variant)`` / CPU of plain articles of their size."""
    run_text(plain(1000))  # warm-up: lazy imports and tables
    size = len(build(0))
    base = cpu(lambda v: f"Variant {v}\n" + plain(size))
    return cpu(build, fmt) / base


def growth(build: Callable[[int, int], str], size: int, *, fmt: str = "text", factor: int = 4) -> float:
    """CPU at ``factor`` x ``size`` over CPU at ``size``, for documents ``build(n, variant)``."""
    run_text(plain(1000))  # warm-up
    large = cpu(lambda v: build(size * factor, v + 10), fmt)
    return large / cpu(lambda v: build(size, v), fmt)
