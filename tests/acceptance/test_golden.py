"""Golden files: each bundled sample (one per input variant) against its expected records.

``tests/golden/<sample>.json`` holds every row the sample produces. After an intended parser
change, run ``pytest tests/acceptance/test_golden.py --update-golden``, review the diff, and bump
``PARSER_VERSION``. The twin test checks that the same article gives the same records as a
text dump, as HTML in every layout, and in every encoding.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.common.document import DocumentResult
from pipeline.common.limits import Limits
from pipeline.read.sources import read_document
from pipeline.run.process import process_document
from tests.conftest import GOLDEN, SAMPLES

SAMPLE_FILES = sorted(p for p in SAMPLES.rglob("*") if p.is_file())
# The same article rendered several ways: every record must be identical.
TWINS = [
    (
        "text-2024-clean_data-engineer-vs-mlops-engineer.txt",
        "html-semantic_data-engineer-vs-mlops-engineer.html",
    ),
    (
        "text-2023-prose_nlp-engineer-vs-computer-vision-engineer.txt",
        "html-divsoup_nlp-engineer-vs-computer-vision-engineer.html",
        "mojibake-cp1253_nlp-engineer-vs-computer-vision-engineer.txt",
    ),
    (
        "utf16le_ai-product-manager-vs-data-scientist.txt",
        "html-main_ai-product-manager-vs-data-scientist.html",
        "markdown-jina_ai-product-manager-vs-data-scientist.md",
    ),
    (
        "gzip_data-analyst-vs-analytics-engineer.txt.gz",
        "html-cp1252_data-analyst-vs-analytics-engineer.html",
        "webarchive-safari_data-analyst-vs-analytics-engineer.webarchive",
    ),
    (
        "text-2023-grouped_research-scientist-vs-machine-learning-engineer.txt",
        "mhtml-chrome_research-scientist-vs-machine-learning-engineer.mhtml",
    ),
]
# Columns that name the capture rather than the content.
CAPTURE_COLUMNS = {
    "article_id",
    "source_uri",
    "page_uri",
    "source_format",
    "content_sha256",
    "encoding",
    "encoding_repaired",
    "url",
    "slug",
    "seen_date",  # a capture that records when it was saved (MHTML) dates its sightings by that day
}


def run_sample(path: Path) -> DocumentResult:
    return process_document(read_document(path, SAMPLES, Limits()), Limits())


def as_json(result: DocumentResult) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        return value.isoformat() if isinstance(value, dt.date) else value

    rows = {
        table: [{k: plain(v) for k, v in row.items() if not k.startswith("_")} for row in rows]
        for table, rows in sorted(result.rows.items())
    }
    return {"rows": rows, "quarantine": result.quarantine}


def test_every_variant_has_a_sample() -> None:
    names = " ".join(p.name for p in SAMPLE_FILES)
    for variant in (
        "text-2024-clean",
        "text-2023-prose",
        "text-2024-flat",
        "grouped",
        "mojibake-cp1253",
        "mojibake-cp874",
        "bom-utf8",
        "utf16le",
        ".txt.gz",
        "html-semantic",
        "html-main",
        "html-divsoup",
        "html-cp1252",
        ".mhtml",
        ".webarchive",
        "markdown-jina",
    ):
        assert variant in names


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_golden(path: Path, update_golden: bool) -> None:
    got = as_json(run_sample(path))
    golden = GOLDEN / f"{path.name}.json"
    if update_golden or not golden.exists():
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(
            json.dumps(got, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
        )
        if not update_golden:
            pytest.fail(f"golden file {golden.name} was missing and has been written: review and commit it")
    assert got == json.loads(golden.read_text(encoding="utf-8"))
    assert got["quarantine"] == []


def _content(result: DocumentResult) -> dict[str, Any]:
    rows = as_json(result)["rows"]
    for table_rows in rows.values():
        for row in table_rows:
            for column in CAPTURE_COLUMNS:
                row.pop(column, None)
    return rows


@pytest.mark.parametrize("names", TWINS, ids=lambda n: n[0].split("_")[0])
def test_twins_give_the_same_records(names: tuple[str, ...]) -> None:
    first, *others = (_content(run_sample(SAMPLES / name)) for name in names)
    assert first["articles"] and first["sections"] and first["job_cards"]
    for other in others:
        assert other == first
