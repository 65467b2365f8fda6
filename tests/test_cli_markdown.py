"""End to end through the command line: Markdown captures are read (an Obsidian clip without its
title heading among them), a folder's README is not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.corpus.articles import DATA_ANALYST_VS_ANALYTICS_ENGINEER, DATA_ENGINEER_VS_MLOPS
from pipeline.corpus.render_markdown import render_markdown

pytestmark = pytest.mark.e2e


def test_a_folder_of_markdown_captures_and_a_readme(tmp_path: Path) -> None:
    source = tmp_path / "in"
    (source / "clips").mkdir(parents=True)
    de, da = DATA_ENGINEER_VS_MLOPS, DATA_ANALYST_VS_ANALYTICS_ENGINEER
    (source / "clips" / "Data Engineer vs. MLOps Engineer.md").write_text(render_markdown(de, "obsidian"),
                                                                          encoding="utf-8")
    (source / "reader.txt").write_text(render_markdown(da, "jina"), encoding="utf-8")
    (source / "README.md").write_text("# Captures\n\n## What is here\n\nArticles saved with [a reader]"
                                      "(https://example.org/reader) and a clipper.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run", "--input", str(source), "--output",
                           str(tmp_path / "out")], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    summary = proc.stderr.strip().splitlines()[-1]
    assert "documents read: 2" in summary and "ignored: 1" in summary and "quarantined: 0" in summary
    articles = pd.read_parquet(tmp_path / "out" / "articles.parquet").sort_values("source_uri")
    assert list(articles.source_uri) == ["clips/Data Engineer vs. MLOps Engineer.md", "reader.txt"]
    assert list(articles.title) == [de.title, da.title]
    assert list(articles.url) == [de.url, da.url]
    assert set(articles.source_format) == {"text"}
    items = pd.read_parquet(tmp_path / "out" / "items.parquet")
    assert not items.text.str.contains(r"\*\*|\]\(|^#", regex=True).any()
    assert len(pd.read_parquet(tmp_path / "out" / "job_cards.parquet")) > 0
