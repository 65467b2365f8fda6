"""Archive listings remembered between runs: the same refs and problems as reading the
archives, without reading an unchanged archive again."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.corpus.articles import SPECS
from pipeline.corpus.render_html import page_bytes
from pipeline.fetch import archives as archives_module
from pipeline.fetch.archives import iter_archive_refs
from pipeline.fetch.warc_reader import ArchiveProblem, CaptureRef
from pipeline.run import archive_listings as listings_module
from pipeline.run.archive_listings import LISTINGS_FILE, ArchiveListings, cached_listing_count
from pipeline.run.runner import run
from pipeline.run.settings import Settings
from tests.archive_builders import FETCHER, Page, arc_bytes, wacz_bytes, warc_bytes
from tests.digests import table_digests

WHEN = dt.datetime(2024, 10, 30, 8, tzinfo=dt.UTC)


def pages(first: int, count: int) -> list[Page]:
    specs = [SPECS[n % len(SPECS)] for n in range(first, first + count)]
    return [Page(spec.url + f"?n={n}", page_bytes(spec), WHEN + dt.timedelta(hours=n))
            for n, spec in enumerate(specs, first)]


def revisit_warc(page: Page) -> bytes:
    """A WARC holding only a revisit of ``page``, as a crawler writes one for an unchanged page."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", page.content_type)], protocol="HTTP/1.1")
    later = (page.when + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    digest = "sha1:" + base64.b32encode(hashlib.sha1(page.body).digest()).decode()  # warcio's label
    record = writer.create_revisit_record(page.url, digest, page.url, later, http_headers=http)
    record.rec_headers.replace_header("WARC-Date", later)
    writer.write_record(record)
    return out.getvalue()


def input_folder(root: Path) -> Path:
    """Archives of every kind, one damaged, one revisit pointing into an earlier archive."""
    root.mkdir()
    first = pages(0, 3)
    (root / "a-crawl.warc.gz").write_bytes(warc_bytes(first, software=FETCHER))
    (root / "b-old.arc").write_bytes(arc_bytes(pages(3, 2)))
    (root / "c-cut.warc").write_bytes(warc_bytes(pages(5, 2), compress=False)[:-120])
    (root / "d-package.wacz").write_bytes(wacz_bytes({"data.warc.gz": warc_bytes(pages(7, 2))}, pages(7, 2)))
    (root / "e-revisit.warc.gz").write_bytes(revisit_warc(first[1]))
    return root


def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The archives read whole from now on (by key)."""
    seen: list[str] = []
    real = archives_module.archive_refs

    def counting(root: Path, key: str, originals: dict) -> Iterator[CaptureRef | ArchiveProblem]:  # type: ignore[type-arg]
        seen.append(key)
        return real(root, key, originals)

    monkeypatch.setattr(listings_module, "archive_refs", counting)
    return seen


@contextlib.contextmanager
def listed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Path, list[str], list[str], ArchiveListings]]:
    """The input folder of :func:`input_folder` listed once into fresh listings: its root, its
    archive keys, the (emptied) record of archives read since, and the open listings."""
    root = input_folder(tmp_path / "in")
    keys = sorted(p.name for p in root.iterdir())
    read = reads(monkeypatch)
    with ArchiveListings(tmp_path / "state") as listings:
        list(listings.refs(root, keys))
        read.clear()
        yield root, keys, read, listings


def test_a_remembered_listing_is_what_reading_the_archives_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = input_folder(tmp_path / "in")
    keys = sorted(p.name for p in root.iterdir())
    truth = list(iter_archive_refs(root, keys))
    assert any(isinstance(item, ArchiveProblem) for item in truth)  # the cut WARC
    revisit = [item for item in truth if isinstance(item, CaptureRef) and item.path.name == "a-crawl.warc.gz"
               and item.fetched_at.day == 31]
    assert len(revisit) == 1  # the revisit in the last archive reads from the first one
    read = reads(monkeypatch)
    with ArchiveListings(tmp_path / "state") as listings:
        assert list(listings.refs(root, keys)) == truth
        assert read == keys
        assert list(listings.refs(root, keys)) == truth
        assert read == [*keys, "c-cut.warc"]  # only the damaged one is read again: damage may not last
    assert cached_listing_count(tmp_path / "state") == len(keys) - 1


def test_only_a_changed_archive_and_those_after_it_are_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with listed_once(tmp_path, monkeypatch) as (root, keys, read, listings):
        last = root / "e-revisit.warc.gz"  # the fetcher appends to its newest file, which sorts last
        last.write_bytes(last.read_bytes() + warc_bytes(pages(20, 1), software=None))
        assert list(listings.refs(root, keys)) == list(iter_archive_refs(root, keys))
        assert read == ["c-cut.warc", "e-revisit.warc.gz"]  # its revisit resolves into a remembered archive
        read.clear()
        stat = (root / "b-old.arc").stat()
        os.utime(root / "b-old.arc", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))  # touched: read again
        assert list(listings.refs(root, keys)) == list(iter_archive_refs(root, keys))
        assert read == keys[1:]  # a revisit may point into an earlier archive: all after it too


def test_a_removed_archive_is_forgotten_and_a_renamed_folder_reads_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with listed_once(tmp_path, monkeypatch) as (root, keys, read, listings):
        (root / "e-revisit.warc.gz").unlink()
        list(listings.refs(root, keys[:-1]))
        assert cached_listing_count(tmp_path / "state") == len(keys) - 2  # the damaged one never was
        moved = root.rename(tmp_path / "elsewhere")
        read.clear()
        got = list(listings.refs(moved, keys[:-1]))
        assert read == keys[:-1]  # the refs name the archives' paths: a moved folder is read again
        assert got == list(iter_archive_refs(moved, keys[:-1]))


def test_a_listing_cut_off_halfway_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "big.warc.gz").write_bytes(warc_bytes(pages(0, 5)))
    read = reads(monkeypatch)
    with ArchiveListings(tmp_path / "state") as listings:
        stream = listings.refs(root, ["big.warc.gz"])
        next(stream), next(stream)
        stream.close()  # a run stopped while listing
        assert cached_listing_count(tmp_path / "state") == 0
        assert len(list(listings.refs(root, ["big.warc.gz"]))) == 5
        assert read == ["big.warc.gz", "big.warc.gz"]


def test_an_unreadable_listings_file_is_started_afresh(tmp_path: Path) -> None:
    root = input_folder(tmp_path / "in")
    keys = sorted(p.name for p in root.iterdir())
    state = tmp_path / "state"
    state.mkdir()
    (state / LISTINGS_FILE).write_bytes(b"this is no database" * 100)
    with ArchiveListings(state) as listings:
        assert list(listings.refs(root, keys)) == list(iter_archive_refs(root, keys))


@pytest.mark.e2e
def test_a_re_run_over_unchanged_archives_reads_none_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = input_folder(tmp_path / "in")
    out = tmp_path / "out"
    first = run(root, out, Settings(workers=1))
    assert first.rows["articles"] > 0 and first.rows["quarantine"] == 1  # the cut WARC
    before = table_digests(out)
    read = reads(monkeypatch)
    again = run(root, out, Settings(workers=1))
    assert read == ["c-cut.warc"] and again.unchanged and table_digests(out) == before
