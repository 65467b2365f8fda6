"""Precision and recall of the ``mentions`` table against hand labels of real captures.

The labels (``data/mention_labels.csv``) say, for each of 37 captures in
``../shared/real/pages``, every skill, tool, language, framework, field and industry its
sections name, with the role side; they were written by reading the pages, before the
matcher was tuned. A mention row counts as (file, role side, kind, name); the pipeline's
rows for a page are compared with the page's labels as sets.

Run as a script to print the per-kind table kept in ``docs/mentions.md``:
``.venv/bin/python -m tests.normalize.test_mention_quality``.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest

from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.run.process import process_document
from tests.conftest import REAL

LABELS = Path(__file__).resolve().parent / "data" / "mention_labels.csv"
PAGES = REAL / "pages"
TECH_KINDS = ("language", "framework", "library", "cloud", "database", "platform", "tool")
"""What the README's tools question counts: the floors for tools apply to them together."""

Key = tuple[str, str, str, str]


def read_labels(path: Path = LABELS) -> set[Key]:
    """(file stem, role side, kind, name) of every label; ``#`` lines are comments."""
    text = "".join(line for line in path.read_text("utf-8").splitlines(True) if not line.startswith("#"))
    rows = csv.DictReader(io.StringIO(text))
    return {(row["file"], row["role_side"], row["kind"], row["name"]) for row in rows}


def found(files: Iterable[str]) -> set[Key]:
    """What the pipeline's ``mentions`` rows say for these captures (file stems)."""
    out: set[Key] = set()
    for stem in sorted(files):
        doc = RawDocument(f"{stem}.txt", (PAGES / f"{stem}.txt").read_bytes(), "text")
        rows = process_document(doc, Limits()).rows.get("mentions", [])
        out |= {(stem, row["role_side"], row["kind"], row["name"]) for row in rows}
    return out


def scores(labels: set[Key], predicted: set[Key]) -> dict[str, tuple[int, int, int]]:
    """Per kind, and for the tool-like kinds together (``tools``): (true pos, false pos, false neg)."""
    counts: dict[str, Counter[str]] = {}

    def add(kind: str, what: str) -> None:
        counts.setdefault(kind, Counter())[what] += 1
        if kind in TECH_KINDS:
            counts.setdefault("tools", Counter())[what] += 1
        counts.setdefault("all", Counter())[what] += 1

    for key in labels | predicted:
        add(key[2], "tp" if key in labels and key in predicted else "fn" if key in labels else "fp")
    return {kind: (c["tp"], c["fp"], c["fn"]) for kind, c in counts.items()}


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def table(result: dict[str, tuple[int, int, int]]) -> str:
    """The markdown table of precision and recall per kind."""
    lines = ["| kind | labelled | found | precision | recall |", "|---|---|---|---|---|"]
    order = sorted(result, key=lambda k: (k in ("tools", "all"), k))
    for kind in order:
        tp, fp, fn = result[kind]
        lines.append(f"| {kind} | {tp + fn} | {tp + fp} | {_ratio(tp, tp + fp):.2f} ({tp}/{tp + fp}) "
                     f"| {_ratio(tp, tp + fn):.2f} ({tp}/{tp + fn}) |")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def result(real_dir: Path) -> dict[str, tuple[int, int, int]]:
    labels = read_labels()
    return scores(labels, found({key[0] for key in labels}))


def test_the_labels_cover_at_least_30_real_captures() -> None:
    labels = read_labels()
    files = {key[0] for key in labels}
    assert len(files) >= 30
    assert all((PAGES / f"{stem}.txt").is_file() for stem in files) or not PAGES.is_dir()
    assert {key[1] for key in labels} <= {"a", "b", "both"}


@pytest.mark.parametrize(("kind", "precision", "recall"), [("skill", 0.95, 0.90), ("tools", 0.95, 0.90)])
def test_skills_and_tools_meet_their_floors(
    result: dict[str, tuple[int, int, int]], kind: str, precision: float, recall: float
) -> None:
    tp, fp, fn = result[kind]
    assert _ratio(tp, tp + fp) >= precision, table(result)
    assert _ratio(tp, tp + fn) >= recall, table(result)


def test_other_kinds_meet_their_floors(result: dict[str, tuple[int, int, int]]) -> None:
    """Languages, frameworks, fields, industries, degrees: 0.90 precision, 0.85 recall.

    A kind with fewer than five rows either way is judged by its count of errors (at most
    one), since one row moves its ratio by a fifth or more.
    """
    for kind, (tp, fp, fn) in result.items():
        if kind in ("skill", "tools", "all"):
            continue
        if tp + fp < 5 and tp + fn < 5:
            assert fp + fn <= 1, (kind, table(result))
            continue
        assert _ratio(tp, tp + fp) >= 0.90, (kind, table(result))
        assert _ratio(tp, tp + fn) >= 0.85, (kind, table(result))


if __name__ == "__main__":
    import logging

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    all_labels = read_labels()
    got = found({key[0] for key in all_labels})
    logging.getLogger(__name__).info("%s", table(scores(all_labels, got)))
    for key in sorted(all_labels - got):
        logging.getLogger(__name__).info("missed  %s", key)
    for key in sorted(got - all_labels):
        logging.getLogger(__name__).info("extra   %s", key)
