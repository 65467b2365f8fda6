"""The source stage: discovery order, formats, size and gzip limits."""

from __future__ import annotations

import datetime as dt
import gzip
import time
from pathlib import Path

import pytest

from pipeline.common.limits import Limits
from pipeline.errors import ReadError
from pipeline.fetch.warc_reader import CaptureRef
from pipeline.read import sources
from pipeline.read.sources import discover, format_of, read_document


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.txt", "text"),
        ("a.TXT", "text"),
        ("a.txt.gz", "text"),
        ("a.html", "html"),
        ("a.htm.gz", "html"),
        ("a.b.html", "html"),
        ("a.gz", None),
        ("a.pdf", None),
        ("README", None),
    ],
)
def test_format_of(name: str, fmt: str | None) -> None:
    assert format_of(Path(name)) == fmt


def test_discover_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    for rel in ("b.txt", "a/z.txt", "a/c.html", ".hidden.txt", ".git/x.txt", "a/.cache/y.txt"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)] == [
        "a/c.html",
        "a/z.txt",
        "b.txt",
    ]


def test_source_uri_is_relative_posix(tmp_path: Path) -> None:
    (tmp_path / "x" / "y").mkdir(parents=True)
    (tmp_path / "x" / "y" / "doc.txt").write_text("hello", encoding="utf-8")
    doc = read_document(tmp_path / "x" / "y" / "doc.txt", tmp_path, Limits())
    assert doc.source_uri == "x/y/doc.txt" and doc.format == "text" and doc.data == b"hello"


def test_gzip_bomb_stops_early(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9))
    assert bomb.stat().st_size < 200_000
    started = time.perf_counter()
    with pytest.raises(ReadError) as error:
        read_document(bomb, tmp_path, Limits(max_bytes=1024 * 1024))
    assert error.value.reason == "too_large"
    assert time.perf_counter() - started < 5  # bounded: stops after ~1 MiB, not 64 MiB


def test_size_limit_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2000)
    with pytest.raises(ReadError) as error:
        read_document(big, tmp_path, Limits(max_bytes=1000))
    assert error.value.reason == "too_large"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("bad.txt.gz", b"\x1f\x8bnot really", "corrupt_gzip"),
        ("empty.txt.gz", gzip.compress(b"", mtime=0), "empty"),
        ("x.pdf", b"%PDF-1.7", "unsupported_format"),
    ],
)
def test_read_errors(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    (tmp_path / name).write_bytes(data)
    with pytest.raises(ReadError) as error:
        read_document(tmp_path / name, tmp_path, Limits())
    assert error.value.reason == reason and error.value.stage == "read"


def test_saved_page_with_txt_suffix_is_html(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_bytes(b"  <!DOCTYPE html><html><body><h1>A vs. B</h1></body></html>")
    assert read_document(tmp_path / "page.txt", tmp_path, Limits()).format == "html"


def test_the_walk_survives_symlink_loops_when_following(tmp_path: Path) -> None:
    """Issue 15 item 7: --follow-symlinks enters linked folders, each once."""
    from pipeline.read.folder import scan

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "doc.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "up").symlink_to(tmp_path)
    (tmp_path / "loop").symlink_to(tmp_path / "a")
    (tmp_path / "README.md").write_text("not a document", encoding="utf-8")
    found = scan(tmp_path, follow_symlinks=True)
    assert found.files == ["a/doc.txt"] and found.ignored == 1 and not found.problems
    plain = scan(tmp_path)
    assert plain.files == ["a/doc.txt"] and not plain.problems  # links inside the input: not entered


def _streamed(path: Path, limits: Limits) -> tuple[str, bytes | str]:
    """What the streaming reader alone gives: the bytes, or the error's reason and detail."""
    try:
        return "ok", sources._gunzip(path, limits.max_bytes)
    except ReadError as error:
        return error.reason, error.detail


@pytest.mark.parametrize(
    "data",
    [
        gzip.compress(b"<p>one member</p>" * 50, mtime=0),
        gzip.compress(b"first ", mtime=0) + gzip.compress(b"second", mtime=0),  # two members
        gzip.compress(b"padded", mtime=0) + b"\x00" * 8,  # zero padding after the member
        gzip.compress(b"trailing", mtime=0) + b"junk",  # bytes that are no member
        gzip.compress(b"cut short" * 40, mtime=0)[:-9],  # truncated
        gzip.compress(b"x" * 5000, mtime=0),  # over the limit once decompressed
        gzip.compress(b"bad crc", mtime=0)[:-8] + b"\x00" * 8,  # trailer that does not check
        b"\x1f\x8bnot really",
    ],
)
def test_a_gzip_file_reads_as_the_streaming_reader_reads_it(tmp_path: Path, data: bytes) -> None:
    """The one-call path takes only a clean single member within the limit; every other file
    gets the streaming reader's bytes or error, detail included."""
    path = tmp_path / "page.html.gz"
    path.write_bytes(data)
    limits = Limits(max_bytes=4000)
    expected = _streamed(path, limits)
    try:
        got: tuple[str, bytes | str] = ("ok", read_document(path, tmp_path, limits).data)
    except ReadError as error:
        got = (error.reason, error.detail)
    assert got == expected
    whole = sources._gunzip_whole(path, len(data), limits.max_bytes)
    assert whole is None or ("ok", whole) == expected


@pytest.mark.parametrize(
    ("kind", "status", "content_type", "ignored"),
    [
        (None, 200, "text/html; charset=utf-8", False),
        (None, 200, "application/xhtml+xml", False),
        (None, 200, "text/plain", False),
        (None, 200, "text/markdown", False),
        (None, 200, None, False),  # no media type: the bytes decide
        (None, 404, "text/html", False),  # a page that failed: quarantined http_error
        (None, 200, "image/png", True),
        (None, 200, "text/css", True),
        (None, 200, "application/javascript", True),
        (None, 200, "application/json", True),
        (None, 301, "text/html", True),  # a redirect: the page is where it leads
        (None, 200, "application/rss+xml", True),
        ("sitemap", 200, "text/html", True),
        ("article", 200, "image/png", False),  # the fetcher's kind decides for its own captures
    ],
)
def test_what_an_archive_holds_besides_pages_is_ignored(
    kind: str | None, status: int, content_type: str | None, ignored: bool
) -> None:
    when = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    url = "https://a/x"
    ref = CaptureRef(url, url, status, content_type, when, kind, "0" * 64, 1, Path("a"), 0)
    assert sources.is_not_a_page(ref) is ignored
