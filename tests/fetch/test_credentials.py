"""Credentials in URLs are never sent, stored or logged (issue 15, item 8).

Only the fixture server on 127.0.0.1 is contacted.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from warcio.archiveiterator import ArchiveIterator

from pipeline.fetch import FetchSettings, Targets, fetch
from pipeline.fetch.urls import without_userinfo
from pipeline.fetch.warc_reader import warc_files
from pipeline.run.runner import run
from pipeline.run.settings import Settings
from tests import httpfixture as hf
from tests.conftest import SAMPLES

SECRET = "s3cretpw"
PAGE = (SAMPLES / "html-semantic_data-engineer-vs-mlops-engineer.html").read_bytes()


@pytest.fixture
def server() -> Iterator[hf.FixtureServer]:
    with hf.running_server() as srv:
        yield srv


def fast() -> FetchSettings:
    base = FetchSettings(
        rate=50.0, concurrency=2, timeout=0.5, connect_timeout=0.5, max_response_seconds=3.0,
        max_bytes=512 * 1024, max_tries=2, backoff=0.01, allow_hosts=("127.0.0.1",),
    )
    return replace(base)


def with_password(url: str, user: str = "alice") -> str:
    return url.replace("http://", f"http://{user}:{SECRET}@", 1)


def test_without_userinfo() -> None:
    assert without_userinfo("http://u:p@127.0.0.1:8080/a?b=c#d") == "http://127.0.0.1:8080/a?b=c#d"
    assert without_userinfo("https://user@aijobs.net/x") == "https://aijobs.net/x"
    assert without_userinfo("https://aijobs.net/x?mail=a@b.org") == "https://aijobs.net/x?mail=a@b.org"


def _stored_metadata(folder: Path) -> str:
    """Everything the fetcher wrote itself: the index files and every WARC record's headers
    (a body is the server's bytes, archived as they came)."""
    text = ""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.name.endswith(".warc.gz"):
            text += path.read_bytes().decode("latin-1")
    for path in warc_files(folder):
        with open(path, "rb") as handle:
            for record in ArchiveIterator(handle):
                http = record.http_headers.headers if record.http_headers else ""
                text += str(record.rec_headers.headers) + str(http)
    return text


def test_credentials_are_never_sent_stored_or_logged(
    server: hf.FixtureServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    server.page("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
    page = server.url("/insights/data-engineer-vs-mlops-engineer/")
    server.page("/insights/data-engineer-vs-mlops-engineer/", PAGE)
    server.route("/old/", hf.redirect(with_password(page, "bob")))
    link = with_password(server.url("/insights/b-vs-c/"))
    refused = f"http://carol:{SECRET}@127.0.0.2/insights/c-vs-d/"  # not an allowed host: never contacted
    listing = f'<html><body><a href="{link}">B vs C</a> <a href="{refused}">C vs D</a></body></html>'
    server.page("/list/", listing)
    server.page("/insights/b-vs-c/", PAGE.replace(b"Data Engineer", b"Data Steward"))
    targets = Targets(
        urls=[with_password(server.url("/old/")), with_password(page)],
        index_pages=[with_password(server.url("/list/"))],
    )
    raw = tmp_path / "raw"
    with caplog.at_level(logging.DEBUG, logger="pipeline"):
        summary = fetch(targets, raw, fast(), progress=False)
    assert summary.fetched >= 2, summary.line()
    paths = {hit.path for hit in server.hits}
    assert {"/robots.txt", "/old/", "/insights/data-engineer-vs-mlops-engineer/", "/list/"} <= paths
    for hit in server.hits:
        assert "authorization" not in hit.headers, hit.path
    assert SECRET not in _stored_metadata(raw)  # WARC records and the index
    assert "not following http://127.0.0.2/insights/c-vs-d/" in caplog.text
    assert SECRET not in caplog.text
    out = tmp_path / "out"
    run(raw, out, Settings(workers=1))
    for table in ("articles", "job_sightings", "quarantine"):
        assert SECRET not in str(pq.read_table(out / f"{table}.parquet").to_pylist())
    urls = pq.read_table(out / "articles.parquet", columns=["url"]).column(0).to_pylist()
    assert urls and all(url and "@" not in url for url in urls)
