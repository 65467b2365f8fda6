"""Pages saved as one file (MHTML, Safari web archives): the page inside is read as a saved
``.html`` file would be, with the address and day the capture records."""

from __future__ import annotations

import datetime as dt
import gzip
import plistlib
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.corpus.chrome import site_chrome
from pipeline.corpus.generate import synth_spec
from pipeline.corpus.render_html import LAYOUTS, Layout, page_bytes
from pipeline.corpus.saved_pages import as_mhtml, as_webarchive
from pipeline.decode.charset import decode_bytes
from pipeline.errors import ReadError
from pipeline.read.saved_pages import unpack, unpack_mhtml, unpack_webarchive
from pipeline.read.sources import read_document
from tests.conftest import SAMPLES
from tests.records import content_records

URL = "https://board.example/insights/ml-engineer-vs-data-scientist"
PAGE = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>ML Engineer vs. Data Scientist</title></head>'
    "<body><h1>ML Engineer vs. Data Scientist</h1><p>Caf\u00e9 notes \u2013 a long line "
    + "x" * 120
    + " = equals</p></body></html>"
).encode()

# Internet Explorer and Word wrote MHTML like this: a charset on the part, CRLF, no Snapshot header.
IE_MHT = (
    b"From: <Saved by Windows Internet Explorer 8>\r\n"
    b"Subject: Data Analyst vs. Data Engineer\r\n"
    b"Date: Tue, 5 Mar 2013 17:04:11 +0100\r\n"
    b"MIME-Version: 1.0\r\n"
    b'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n'
    b'\tboundary="----=_NextPart_000_0000_01CE19C1.8E1A5F70"\r\n'
    b"X-MimeOLE: Produced By Microsoft MimeOLE V6.1.7601.17609\r\n"
    b"\r\n"
    b"This is a multi-part message in MIME format.\r\n"
    b"\r\n"
    b"------=_NextPart_000_0000_01CE19C1.8E1A5F70\r\n"
    b'Content-Type: text/html;\r\n\tcharset="windows-1252"\r\n'
    b"Content-Transfer-Encoding: quoted-printable\r\n"
    b"Content-Location: http://board.example/data-analyst-vs-data-engineer.html\r\n"
    b"\r\n"
    b"<HTML><HEAD><TITLE>Data Analyst vs. Data Engineer</TITLE></HEAD><BODY>=0D=0A"
    b"<P>R=E9sum=E9 tips</P></BODY></HTML>\r\n"
    b"\r\n"
    b"------=_NextPart_000_0000_01CE19C1.8E1A5F70\r\n"
    b"Content-Type: image/gif\r\n"
    b"Content-Transfer-Encoding: base64\r\n"
    b"Content-Location: http://board.example/logo.gif\r\n"
    b"\r\n"
    b"R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7\r\n"
    b"\r\n"
    b"------=_NextPart_000_0000_01CE19C1.8E1A5F70--\r\n"
)


def _mime(parts: list[tuple[str, str, bytes]], *, start: str | None = None) -> bytes:
    """A multipart/related message of (content type, extra header lines, body) parts."""
    boundary = "b0undary"
    params = f'; start="{start}"' if start else ""
    head = f'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="{boundary}"{params}\r\n\r\n'
    out = [head.encode()]
    for media, extra, body in parts:
        out.append(f"--{boundary}\r\nContent-Type: {media}\r\n{extra}\r\n".encode() + body + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out)


# --- MHTML ------------------------------------------------------------------------------------


def test_a_chrome_mhtml_gives_its_page_address_and_day() -> None:
    saved = as_mhtml(PAGE, charset="utf-8", url=URL, title="ML Engineer vs. Data Scientist",
                     saved=dt.datetime(2025, 1, 31, 23, 59, 59))
    page = unpack_mhtml(saved)
    assert page.format == "html"
    assert page.url == URL
    assert page.captured == dt.date(2025, 1, 31)
    assert page.content_type == "text/html"
    text = page.data.decode("utf-8")
    assert "Caf\u00e9 notes \u2013 a long line " + "x" * 120 + " = equals" in text  # soft breaks undone
    assert '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">' in text
    assert b"\x89PNG" not in page.data  # the image part stays out


def test_a_title_outside_ascii_is_an_encoded_word_and_does_not_matter() -> None:
    saved = as_mhtml(PAGE, charset="utf-8", url=URL, title="Ingeni\u00e9ur vs. Analyste",
                     saved=dt.datetime(2025, 1, 1))
    assert b"Subject: =?utf-8?" in saved
    assert unpack_mhtml(saved).url == URL


def test_an_internet_explorer_mht_keeps_its_part_charset_and_local_time_becomes_utc() -> None:
    page = unpack_mhtml(IE_MHT)
    assert page.content_type == 'text/html; charset="windows-1252"'
    assert page.url == "http://board.example/data-analyst-vs-data-engineer.html"
    assert page.captured == dt.date(2013, 3, 5)
    assert b"R\xe9sum\xe9" in page.data
    assert "Résumé" in decode_bytes(page.data, is_html=True, content_type=page.content_type).text


def test_the_start_parameter_names_the_root_part() -> None:
    data = _mime([("text/html", "Content-ID: <other@x>\r\n", b"<p>frame</p>"),
                  ("text/html", "Content-ID: <root@x>\r\n", b"<p>root page</p>")], start="<root@x>")
    assert unpack_mhtml(data).data == b"<p>root page</p>"


def test_a_root_that_is_not_a_page_gives_the_first_html_part() -> None:
    data = _mime([("image/png", "", b"PNG"), ("text/css", "", b"p{}"), ("text/html", "", b"<p>page</p>")])
    assert unpack_mhtml(data).data == b"<p>page</p>"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (_mime([("image/png", "", b"PNG"), ("text/css", "", b"p{}")]), "no_page"),
        (_mime([("text/html", "", b"   ")]), "no_page"),
        (b"MIME-Version: 1.0\r\nContent-Type: image/png\r\n\r\nPNG", "no_page"),
        (b"\x00\x01 not a message at all \xff\xfe", "corrupt_capture"),
    ],
    ids=["no-html-part", "empty-page", "single-image", "binary-junk"],
)
def test_an_mhtml_without_a_page_is_a_read_error(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError) as caught:
        unpack_mhtml(data)
    assert caught.value.reason == reason


def test_a_plain_html_file_named_mhtml_is_its_own_page(tmp_path: Path) -> None:
    (tmp_path / "page.mhtml").write_bytes(b"\n  " + PAGE)
    page = read_document(tmp_path / "page.mhtml", tmp_path, Limits())
    assert page.data == b"\n  " + PAGE and page.format == "html" and page.url is None


# --- Safari web archives --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [plistlib.FMT_BINARY, plistlib.FMT_XML], ids=["binary", "xml"])
def test_a_web_archive_gives_its_main_resource(fmt: plistlib.PlistFormat) -> None:
    archive = plistlib.loads(as_webarchive(PAGE, charset="utf-8", url=URL))
    page = unpack_webarchive(plistlib.dumps(archive, fmt=fmt))
    assert (page.data, page.format, page.url, page.captured) == (PAGE, "html", URL, None)
    assert page.content_type == "text/html; charset=UTF-8"


@pytest.mark.parametrize(
    ("archive", "reason"),
    [
        ({"WebSubresources": []}, "no_page"),
        ({"WebMainResource": {"WebResourceData": b"", "WebResourceMIMEType": "text/html"}}, "no_page"),
        ({"WebMainResource": {"WebResourceData": b"GIF89a", "WebResourceMIMEType": "image/gif"}}, "no_page"),
        (["not", "a", "dict"], "no_page"),
    ],
    ids=["no-main", "empty-main", "image-main", "a-list"],
)
def test_a_web_archive_without_a_page_is_a_read_error(archive: Any, reason: str) -> None:
    with pytest.raises(ReadError) as caught:
        unpack_webarchive(plistlib.dumps(archive, fmt=plistlib.FMT_BINARY))
    assert caught.value.reason == reason


def test_a_damaged_web_archive_is_corrupt() -> None:
    whole = as_webarchive(PAGE, charset="utf-8", url=URL)
    for damaged in (whole[: len(whole) // 2], b"bplist00" + b"\xff" * 40, b"plain words"):
        with pytest.raises(ReadError) as caught:
            unpack_webarchive(damaged)
        assert caught.value.reason == "corrupt_capture"


@settings(max_examples=200, deadline=None)
@given(cut=st.integers(0, 4000), junk=st.binary(max_size=64), kind=st.sampled_from(["mhtml", "webarchive"]))
def test_damaged_captures_give_a_page_or_a_read_error_only(cut: int, junk: bytes, kind: str) -> None:
    """A capture cut short or with junk spliced in: never an exception other than ReadError."""
    whole = (as_mhtml(PAGE, charset="utf-8", url=URL, title="t", saved=dt.datetime(2025, 1, 1))
             if kind == "mhtml" else as_webarchive(PAGE, charset="utf-8", url=URL))
    cut %= len(whole) + 1
    for data in (whole[:cut], whole[:cut] + junk + whole[cut + len(junk):], b"bplist00" + junk):
        try:
            page = unpack(kind, data)
        except ReadError as error:
            assert error.reason in ("corrupt_capture", "no_page")
        else:
            assert page.data and page.format in ("html", "text")


def test_a_web_archive_of_a_text_file_is_a_text_document() -> None:
    archive = {"WebMainResource": {"WebResourceData": b"ML Engineer vs. Data Scientist\n",
                                   "WebResourceMIMEType": "text/plain", "WebResourceURL": URL}}
    page = unpack_webarchive(plistlib.dumps(archive))
    assert page.format == "text" and page.content_type == "text/plain"


# --- through the read stage and the whole parse --------------------------------------------


def test_read_document_takes_the_page_out_of_a_gzipped_mhtml(tmp_path: Path) -> None:
    saved = as_mhtml(PAGE, charset="utf-8", url=URL, title="t", saved=dt.datetime(2024, 6, 1, 12))
    (tmp_path / "page.mhtml.gz").write_bytes(gzip.compress(saved, mtime=0))
    (tmp_path / "page.MHT").write_bytes(saved)
    for name in ("page.mhtml.gz", "page.MHT"):
        doc = read_document(tmp_path / name, tmp_path, Limits())
        assert (doc.source_uri, doc.format, doc.url, doc.captured) == (name, "html", URL, dt.date(2024, 6, 1))
        assert doc.data == unpack_mhtml(saved).data


def test_read_document_quarantines_by_reason(tmp_path: Path) -> None:
    (tmp_path / "broken.webarchive").write_bytes(b"bplist00 cut short")
    with pytest.raises(ReadError) as caught:
        read_document(tmp_path / "broken.webarchive", tmp_path, Limits())
    assert caught.value.reason == "corrupt_capture"


def _records(doc: RawDocument) -> dict[str, Any]:
    return content_records(doc, also_drop=frozenset({"seen_date"}))  # an MHTML dates its sightings


def _saved(tmp_path: Path, name: str, data: bytes) -> RawDocument:
    (tmp_path / name).write_bytes(data)
    return read_document(tmp_path / name, tmp_path, Limits())


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 10**6), layout=st.sampled_from(LAYOUTS),
       charset=st.sampled_from(["utf-8", "windows-1252"]))
def test_any_article_saved_as_one_file_gives_the_records_of_its_page(
    tmp_path_factory: pytest.TempPathFactory, seed: int, layout: Layout, charset: str
) -> None:
    rng = random.Random(f"saved-page:{seed}")
    spec = synth_spec(rng)
    page = page_bytes(spec, layout, charset=charset, chrome=site_chrome(spec, rng))
    folder = tmp_path_factory.mktemp("saved")
    want = _records(RawDocument("page.html", page, "html"))
    saved = dt.datetime(2025, 5, 4, 3, 2)
    mhtml = as_mhtml(page, charset=charset, url=spec.url, title=spec.title, saved=saved)
    archive = as_webarchive(page, charset=charset, url=spec.url)
    assert _records(_saved(folder, "page.mhtml", mhtml)) == want
    assert _records(_saved(folder, "page.webarchive", archive)) == want


@pytest.mark.e2e
def test_a_run_through_the_cli_reads_saved_pages_and_quarantines_a_broken_one(tmp_path: Path) -> None:
    """``rolescope run`` on a folder of one MHTML, one web archive and one broken archive: two
    articles with the addresses the captures record, one quarantine row named in the summary,
    exit code 0 (quarantine is expected; ``--max-quarantined`` sets when it is not); a second
    run parses nothing again."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    for name in ("mhtml-chrome_research-scientist-vs-machine-learning-engineer.mhtml",
                 "webarchive-safari_data-analyst-vs-analytics-engineer.webarchive"):
        (inputs / name).write_bytes((SAMPLES / name).read_bytes())
    (inputs / "broken.webarchive").write_bytes(b"bplist00" + b"\x00" * 30)

    def run_cli() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pipeline", "run", "--input", str(inputs), "--output",
                               str(out), "--workers", "1"], capture_output=True, text=True, check=False)

    first = run_cli()
    assert first.returncode == 0, first.stderr
    assert "documents read: 3" in first.stderr and "quarantined: 1 (read/corrupt_capture=1)" in first.stderr
    articles = {r["source_uri"]: r for r in pq.read_table(out / "articles.parquet").to_pylist()}
    assert sorted(articles) == ["mhtml-chrome_research-scientist-vs-machine-learning-engineer.mhtml",
                                "webarchive-safari_data-analyst-vs-analytics-engineer.webarchive"]
    assert {r["url"] for r in articles.values()} == {
        "https://aijobs.net/insights/research-scientist-vs-machine-learning-engineer",
        "https://aijobs.net/insights/data-analyst-vs-analytics-engineer",
    }
    assert {r["source_format"] for r in articles.values()} == {"html"}
    quarantine = pq.read_table(out / "quarantine.parquet").to_pylist()
    assert [(q["source_uri"], q["stage"], q["reason"]) for q in quarantine] == [
        ("broken.webarchive", "read", "corrupt_capture")
    ]
    sightings = pq.read_table(out / "job_sightings.parquet").to_pylist()
    mhtml_id = articles["mhtml-chrome_research-scientist-vs-machine-learning-engineer.mhtml"]["article_id"]
    assert {s["seen_date"] for s in sightings if s["article_id"] == mhtml_id} == {dt.date(2024, 3, 18)}
    again = run_cli()
    assert again.returncode == 0 and "unchanged, nothing rebuilt" in again.stderr, again.stderr
