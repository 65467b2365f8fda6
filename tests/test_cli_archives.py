"""End to end through the command line: a folder holding a WACZ package (a stored and a
deflated WARC inside), an ARC file and a saved page. Captures become documents named by their
archive; damaged archives are quarantined with reasons; a second run parses nothing."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from pipeline.corpus.articles import SPECS
from pipeline.corpus.render_html import page_bytes
from tests.archive_builders import Page, arc_bytes, wacz_bytes, warc_bytes
from tests.digests import table_digests

pytestmark = pytest.mark.e2e

DAY = dt.datetime(2024, 11, 5, 9, 30, tzinfo=dt.UTC)


def rolescope(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pipeline", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def summary(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 0, proc.stderr
    return proc.stderr.strip().splitlines()[-1]


def test_a_folder_of_wacz_and_arc_archives(tmp_path: Path) -> None:
    source, out = tmp_path / "in", tmp_path / "out"
    (source / "webrecorder").mkdir(parents=True)
    (source / "wayback").mkdir()
    stored = [Page(SPECS[0].url, page_bytes(SPECS[0]), DAY),
              Page(SPECS[1].url, page_bytes(SPECS[1], "main"), DAY)]
    deflated = [Page(SPECS[2].url, page_bytes(SPECS[2], "divsoup"), DAY + dt.timedelta(days=3))]
    pulled_in = [  # what a browser archives besides the pages: not documents, counted as ignored
        Page("https://aijobs.net/static/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(256), DAY, "image/png"),
        Page("https://aijobs.net/static/site.css", b"body { margin: 0 }\n", DAY, "text/css"),
        Page("https://aijobs.net/insights/old-name", b"", DAY, status=301),
    ]
    warcs = {"data.warc.gz": warc_bytes(stored + pulled_in),
             "rec-2.warc": warc_bytes(deflated, compress=False)}
    package = wacz_bytes(warcs, stored + deflated, compression={"rec-2.warc": zipfile.ZIP_DEFLATED})
    (source / "webrecorder" / "crawl.wacz").write_bytes(package)
    old = [Page(SPECS[3].url, page_bytes(SPECS[3], "atoms"), dt.datetime(2019, 3, 2, 11, tzinfo=dt.UTC)),
           Page("https://aijobs.net/insights/gone", b"<html><body>Not here</body></html>",
                dt.datetime(2019, 3, 2, 12, tzinfo=dt.UTC), status=404)]
    (source / "wayback" / "crawl.arc.gz").write_bytes(arc_bytes(old, compress=True))
    (source / "wayback" / "broken.wacz").write_bytes(package[: len(package) // 3])
    (source / "saved.html").write_bytes(page_bytes(SPECS[4]))

    first = summary(rolescope("run", "--input", str(source), "--output", str(out)))
    assert "documents read: 6" in first and "parsed: 6;" in first and "articles: 5" in first, first
    assert "ignored: 3" in first, first
    articles = pd.read_parquet(out / "articles.parquet").set_index("url")
    wacz_uri = "webrecorder/crawl.wacz!/archive/"
    assert dict(articles.source_uri) == {
        SPECS[0].url: f"{wacz_uri}data.warc.gz#{SPECS[0].url}",
        SPECS[1].url: f"{wacz_uri}data.warc.gz#{SPECS[1].url}",
        SPECS[2].url: f"{wacz_uri}rec-2.warc#{SPECS[2].url}",
        SPECS[3].url: SPECS[3].url,
        SPECS[4].url: "saved.html",
    }
    assert sorted(articles.title) == sorted(spec.title for spec in SPECS)
    sightings = pd.read_parquet(out / "job_sightings.parquet")
    seen = sightings.groupby("page_uri").seen_date.first()
    assert seen[f"{wacz_uri}data.warc.gz#{SPECS[0].url}"] == DAY.date()
    assert seen[f"{wacz_uri}rec-2.warc#{SPECS[2].url}"] == dt.date(2024, 11, 8)
    assert seen[SPECS[3].url] == dt.date(2019, 3, 2)
    quarantine = pd.read_parquet(out / "quarantine.parquet")
    assert sorted(zip(quarantine.source_uri, quarantine.stage, quarantine.reason, strict=True)) == [
        ("https://aijobs.net/insights/gone", "read", "http_error"),
        ("wayback/broken.wacz", "read", "corrupt_archive"),
    ]
    tables = table_digests(out)

    again = summary(rolescope("run", "--input", str(source), "--output", str(out)))
    assert "unchanged, nothing rebuilt" in again, again
    package_path = source / "webrecorder" / "crawl.wacz"
    package_path.write_bytes(package)  # the same bytes again, a new modification time
    os.utime(package_path, ns=(0, 10**18))
    touched = summary(rolescope("run", "--input", str(source), "--output", str(out)))
    assert "unchanged, nothing rebuilt" in touched, touched
    assert table_digests(out) == tables

    newer = [*old, Page(SPECS[0].url, page_bytes(SPECS[0], "tabs"), dt.datetime(2019, 4, 1, tzinfo=dt.UTC))]
    (source / "wayback" / "crawl.arc.gz").write_bytes(arc_bytes(newer, compress=True))
    grown = summary(rolescope("run", "--input", str(source), "--output", str(out)))
    assert "documents read: 7" in grown and "parsed: 1;" in grown, grown

    status = rolescope("status", "--input", str(source), "--output", str(out))
    assert "0 new, 0 changed, 0 removed; 3 web archives" in status.stdout, status.stdout
