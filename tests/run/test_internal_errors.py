"""A bug one document meets is quarantined as an ``internal_error``; the run goes on."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.run import process
from tests.test_cli import ARTICLE


def _doc(text: str) -> RawDocument:
    return RawDocument("in/odd.txt", text.encode("utf-8"), "text")


@pytest.mark.parametrize(
    ("target", "stage"),
    [("decode_bytes", "decode"), ("to_blocks", "structure"), ("parse_blocks", "parse"),
     ("article_rows", "normalize"), ("validate_tables", "validate")],
)
def test_an_unexpected_error_becomes_a_quarantine_row_of_its_stage(
    monkeypatch: pytest.MonkeyPatch, target: str, stage: str
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise IndexError("list index out of range")

    monkeypatch.setattr(process, target, broken)
    result = process.process_document(_doc(ARTICLE), Limits())
    assert result.rows == {}
    [row] = result.quarantine
    assert (row["source_uri"], row["stage"], row["reason"]) == ("in/odd.txt", stage, "internal_error")
    assert row["detail"].startswith("IndexError at test_internal_errors.py:")
    assert row["detail"].endswith(": list index out of range")
    assert row["content_sha256"] == _doc(ARTICLE).sha256


def test_memory_errors_still_stop_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def exhausted(*_args: object, **_kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(process, "parse_blocks", exhausted)
    with pytest.raises(MemoryError):
        process.process_document(_doc(ARTICLE), Limits())


def test_the_cli_quarantines_the_document_a_bug_meets_and_writes_the_rest(tmp_path: Path) -> None:
    """Through the command line with two worker processes: the bug is planted in the parser
    before the workers fork, and fires only on the page that carries a marker line."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for number, city in enumerate(("Berlin", "Oslo", "Lisbon")):
        (inputs / f"good-{number}.txt").write_text(ARTICLE.replace("Berlin", city), encoding="utf-8")
    (inputs / "odd.txt").write_text(ARTICLE.replace("Berlin", "Trigger-Bug-Town"), encoding="utf-8")
    script = textwrap.dedent("""
        import pipeline.run.process as process
        from pipeline.cli import main

        real = process.parse_blocks

        def planted(blocks):
            if any("Trigger-Bug-Town" in block.text for block in blocks):
                return [][0]
            return real(blocks)

        process.parse_blocks = planted
        main()
    """)
    proc = subprocess.run(
        [sys.executable, "-c", script, "run", "--input", str(inputs), "--output", str(tmp_path / "out"),
         "--workers", "2"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "parse/internal_error=1" in proc.stdout + proc.stderr
    quarantine = pq.read_table(tmp_path / "out" / "quarantine.parquet").to_pylist()
    assert [(q["source_uri"], q["stage"], q["reason"]) for q in quarantine] == [
        ("odd.txt", "parse", "internal_error")
    ]
    assert quarantine[0]["detail"].startswith("IndexError at <string>:")
    articles = pq.read_table(tmp_path / "out" / "articles.parquet").column("source_uri").to_pylist()
    assert sorted(articles) == ["good-0.txt", "good-1.txt", "good-2.txt"]
