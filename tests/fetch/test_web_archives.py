"""WACZ packages and ARC files read as WARC files are: their captures listed with URL and date,
read back by (member, offset), and every kind of damage reported as a problem, never a crash."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.common.limits import Limits
from pipeline.corpus.articles import SPECS
from pipeline.corpus.render_html import page_bytes
from pipeline.fetch import wacz
from pipeline.fetch.archives import iter_archive_refs, problem_key, read_archived
from pipeline.fetch.warc_reader import ArchiveProblem, CaptureRef, written_here
from pipeline.fetch.warc_writer import warcinfo
from pipeline.read.sources import read_capture
from pipeline.run.process import process_document
from tests.archive_builders import FETCHER, Page, arc_bytes, wacz_bytes, warc_bytes

WHEN = dt.datetime(2024, 10, 30, 8, 15, tzinfo=dt.UTC)


def pages(count: int = 3, when: dt.datetime = WHEN) -> list[Page]:
    return [Page(f"{SPECS[n].url}?n={n}", page_bytes(SPECS[n]), when + dt.timedelta(hours=n))
            for n in range(count)]


def listed(root: Path) -> tuple[list[CaptureRef], list[ArchiveProblem]]:
    keys = [p.relative_to(root).as_posix() for p in sorted(root.rglob("*")) if p.is_file()]
    items = list(iter_archive_refs(root, keys))
    refs = [item for item in items if isinstance(item, CaptureRef)]
    return refs, [item for item in items if isinstance(item, ArchiveProblem)]


def problems(root: Path) -> list[tuple[str, str]]:
    return [(problem_key(p, root), p.reason) for p in listed(root)[1]]


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# -- what is listed, and read back ---------------------------------------------------------------


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_every_warc_member_of_a_wacz_is_listed_and_read_back(tmp_path: Path, compression: int) -> None:
    first, second = pages(2), pages(3)[2:]
    members = {"data.warc.gz": warc_bytes(first), "rec-2.warc": warc_bytes(second, compress=False)}
    write(tmp_path / "coll" / "crawl.wacz", wacz_bytes(members, first + second, compression=compression))
    refs, found = listed(tmp_path)
    assert found == []
    assert [(r.url, r.fetched_at, r.member, r.archive) for r in refs] == [
        (p.url, p.when, member, "coll/crawl.wacz")
        for member, group in (("archive/data.warc.gz", first), ("archive/rec-2.warc", second)) for p in group
    ]
    for ref, page in zip(refs, first + second, strict=True):
        capture = read_archived(ref)
        assert capture is not None and capture.body == page.body and capture.url == page.url


def test_captures_of_a_deflated_member_read_in_any_order(tmp_path: Path) -> None:
    many = [Page(f"https://aijobs.net/insights/p{n}-vs-q{n}", page_bytes(SPECS[n % 5]) + b"%d" % n, WHEN)
            for n in range(12)]
    write(tmp_path / "a.wacz", wacz_bytes({"data.warc": warc_bytes(many, compress=False)}, many,
                                          compression=zipfile.ZIP_DEFLATED))
    refs, _ = listed(tmp_path)
    order = [0, 1, 5, 3, 11, 2, 4, 6, 7, 10, 9, 8, 0]  # forward, back a little, back to the start
    for index in order:
        capture = read_archived(refs[index])
        assert capture is not None and capture.body == many[index].body


@pytest.mark.parametrize("compress", [False, True])
def test_arc_records_are_read_as_responses_with_the_arc_date(tmp_path: Path, compress: bool) -> None:
    group = pages(3)
    write(tmp_path / ("old.arc.gz" if compress else "old.arc"), arc_bytes(group, compress=compress))
    refs, found = listed(tmp_path)
    assert found == []
    expected = [(p.url, p.when, 200, None) for p in group]
    assert [(r.url, r.fetched_at, r.status, r.member) for r in refs] == expected
    assert all(r.content_type == "text/html; charset=utf-8" for r in refs)
    assert [read_archived(r).body for r in refs] == [p.body for p in group]  # type: ignore[union-attr]


def test_a_revisit_in_a_wacz_resolves_to_its_original(tmp_path: Path) -> None:
    page = pages(1)[0]
    original = warc_bytes([page])
    records = ArchiveIterator(io.BytesIO(original))
    label = next(r.rec_headers.get_header("WARC-Payload-Digest") for r in records if r.rec_type == "response")
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", page.content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_revisit_record(page.url, label, page.url, "2024-10-29T08:00:00Z",
                                                     http_headers=http))
    write(tmp_path / "b.wacz", wacz_bytes({"a.warc.gz": original, "b.warc.gz": out.getvalue()}, [page]))
    refs, found = listed(tmp_path)
    assert found == [] and len(refs) == 2
    first, revisit = refs
    assert (revisit.member, revisit.offset, revisit.sha256) == (first.member, first.offset, first.sha256)
    assert read_archived(refs[1]).body == page.body  # type: ignore[union-attr]


# -- the same page, whatever the container -------------------------------------------------------


def _records(result: Any) -> dict[str, list[dict[str, Any]]]:
    source = {"source_uri", "page_uri"}
    return {table: [{k: v for k, v in row.items() if k not in source} for row in rows]
            for table, rows in result.rows.items()}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    spec=st.sampled_from(SPECS),
    layout=st.sampled_from(["semantic", "main", "divsoup", "atoms", "tabs"]),
    minutes=st.integers(0, 60 * 24 * 800),
)
def test_the_same_page_gives_the_same_records_in_warc_wacz_and_arc(
    tmp_path_factory: pytest.TempPathFactory, spec: Any, layout: Any, minutes: int
) -> None:
    page = Page(spec.url, page_bytes(spec, layout), dt.datetime(2023, 1, 1, tzinfo=dt.UTC) + dt.timedelta(
        minutes=minutes))
    root = tmp_path_factory.mktemp("same")
    write(root / "a.warc.gz", warc_bytes([page]))
    write(root / "b.wacz", wacz_bytes({"data.warc.gz": warc_bytes([page])}, [page]))
    write(root / "c.wacz", wacz_bytes({"data.warc": warc_bytes([page], compress=False)}, [page],
                                      compression=zipfile.ZIP_DEFLATED))
    write(root / "d.arc", arc_bytes([page]))
    write(root / "e.arc.gz", arc_bytes([page], compress=True))
    refs, found = listed(root)
    assert found == [] and len(refs) == 5
    results = [process_document(read_capture(ref, Limits()), Limits()) for ref in refs]
    assert results[0].is_article and results[0].quarantine == []
    assert all(_records(result) == _records(results[0]) for result in results[1:])
    sources = [result.source_uri for result in results]
    in_wacz = [f"b.wacz!/archive/data.warc.gz#{page.url}", f"c.wacz!/archive/data.warc#{page.url}"]
    assert sources == [page.url, *in_wacz, page.url, page.url]


# -- damage -------------------------------------------------------------------------------------


def test_a_cut_or_foreign_wacz_is_one_problem(tmp_path: Path) -> None:
    group = pages(2)
    whole = wacz_bytes({"data.warc.gz": warc_bytes(group)}, group)
    write(tmp_path / "cut.wacz", whole[: len(whole) // 2])
    write(tmp_path / "text.wacz", b"not a zip file at all\n")
    write(tmp_path / "empty.wacz", b"")
    write(tmp_path / "nowarc.wacz", wacz_bytes({}, []))
    refs, found = listed(tmp_path)
    assert refs == []
    assert [(problem_key(p, tmp_path), p.reason) for p in found] == [
        ("cut.wacz", "corrupt_archive"), ("empty.wacz", "corrupt_archive"),
        ("nowarc.wacz", "corrupt_archive"), ("text.wacz", "corrupt_archive"),
    ]
    assert "no WARC file under archive/" in found[2].detail
    assert "not a readable ZIP file" in found[0].detail


def test_a_member_that_is_not_a_warc_is_named_and_the_others_are_read(tmp_path: Path) -> None:
    group = pages(2)
    members = {"a.warc.gz": b"<html><body>a saved page, not a WARC</body></html>",
               "b.warc.gz": warc_bytes(group), "c.warc": b""}
    write(tmp_path / "mixed.wacz", wacz_bytes(members, group))
    refs, found = listed(tmp_path)
    assert [r.url for r in refs] == [p.url for p in group]
    assert [(problem_key(p, tmp_path), p.reason) for p in found] == [
        ("mixed.wacz!/archive/a.warc.gz", "not_a_warc"), ("mixed.wacz!/archive/c.warc", "not_a_warc"),
    ]
    assert "archive/a.warc.gz in mixed.wacz is not a WARC file" in found[0].detail


def test_a_damaged_member_keeps_its_whole_records_and_is_reported(tmp_path: Path) -> None:
    group = pages(3)
    data = bytearray(wacz_bytes({"data.warc": warc_bytes(group, compress=False)}, group))
    spot = data.index(b"</html>", data.index(group[2].url.encode()))  # inside the last page's body
    data[spot:spot + 7] = b"</HTML>"
    write(tmp_path / "flipped.wacz", bytes(data))
    refs, found = listed(tmp_path)
    assert [r.url for r in refs] == [p.url for p in group[:2]]
    assert [(problem_key(p, tmp_path), p.reason) for p in found] == [
        ("flipped.wacz!/archive/data.warc", "corrupt_archive")
    ]


def test_zip_bombs_are_refused_before_they_expand(tmp_path: Path) -> None:
    group = pages(1)
    bomb = warc_bytes(group, compress=False) + b"\0" * 40_000_000  # expands some 1000 times
    write(tmp_path / "bomb.wacz", wacz_bytes({"data.warc": bomb, "ok.warc.gz": warc_bytes(group)}, group,
                                             compression=zipfile.ZIP_DEFLATED))
    refs, found = listed(tmp_path)
    assert [(r.url, r.member) for r in refs] == [(group[0].url, "archive/ok.warc.gz")]
    assert [(problem_key(p, tmp_path), p.reason) for p in found] == [
        ("bomb.wacz!/archive/data.warc", "zip_bomb")
    ]
    assert "more than 100 times" in found[0].detail


def test_overlapping_or_countless_entries_are_a_bomb() -> None:
    def entry(name: str, offset: int, size: int) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name)
        info.header_offset, info.compress_size, info.file_size = offset, size, size * 1000
        return info

    class Package:
        def __init__(self, infos: list[zipfile.ZipInfo]) -> None:
            self.infos = infos

        def infolist(self) -> list[zipfile.ZipInfo]:
            return self.infos

    overlapping = Package([entry("archive/a.warc", 0, 5000), entry("archive/b.warc", 100, 5000)])
    with pytest.raises(wacz.PackageError, match="overlap") as caught:
        wacz.warc_members(overlapping)  # type: ignore[arg-type]
    assert caught.value.reason == "zip_bomb"
    countless = Package([entry(f"archive/{n}.warc", n * 100, 10) for n in range(wacz.MAX_MEMBERS + 1)])
    with pytest.raises(wacz.PackageError, match="entries"):
        wacz.warc_members(countless)  # type: ignore[arg-type]
    fine = Package([entry("pages/pages.jsonl", 0, 50), entry("archive/b.warc", 100, 5000)])
    assert [i.filename for i in wacz.warc_members(fine)] == ["archive/b.warc"]  # type: ignore[arg-type]


def test_a_cut_or_foreign_arc_file_is_a_problem_and_its_whole_records_stay(tmp_path: Path) -> None:
    group = pages(3)
    data = arc_bytes(group)
    write(tmp_path / "cut.arc", data[: len(data) - 200])
    write(tmp_path / "empty.arc", b"")
    write(tmp_path / "text.arc.gz", b"hello, not an archive\n")
    refs, found = listed(tmp_path)
    assert [r.url for r in refs] == [p.url for p in group[:2]]
    assert [(problem_key(p, tmp_path), p.reason) for p in found] == [
        ("cut.arc", "corrupt_archive"), ("empty.arc", "empty"), ("text.arc.gz", "corrupt_archive"),
    ]
    assert "cut short" in found[0].detail


def test_the_fetchers_own_warc_files_keep_their_leniency(tmp_path: Path) -> None:
    group = pages(2)
    data = warc_bytes(group, software=FETCHER)
    write(tmp_path / "rolescope-1.warc.gz", data[:-30])  # a killed writer's last record
    refs, found = listed(tmp_path)
    assert [r.url for r in refs] == [group[0].url] and found == []


def test_another_tools_warc_file_reports_a_cut_record(tmp_path: Path) -> None:
    group = pages(2)
    write(tmp_path / "crawl.warc.gz", warc_bytes(group)[:-30])
    refs, found = listed(tmp_path)
    assert [r.url for r in refs] == [group[0].url]
    assert [(p.reason, group[1].url in p.detail) for p in found] == [("corrupt_archive", True)]


def test_an_archive_that_cannot_be_opened_is_unreadable(tmp_path: Path) -> None:
    refs, found = listed(tmp_path)
    assert (refs, found) == ([], [])
    items = list(iter_archive_refs(tmp_path, ["gone.arc", "gone.wacz"]))
    assert [(problem_key(p, tmp_path), p.reason) for p in items] == [  # type: ignore[arg-type]
        ("gone.arc", "unreadable"), ("gone.wacz", "unreadable"),
    ]


def _wire_warc(page: Page, headers: list[tuple[str, str]], payload: bytes) -> bytes:
    """A response archived as it came over the wire: its payload digest is of those bytes."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", page.content_type), *headers], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(page.url, "response", payload=io.BytesIO(payload),
                                                  http_headers=http))
    return out.getvalue()


def test_bodies_archived_as_sent_gzip_or_chunked_are_read_decoded(tmp_path: Path) -> None:
    gzipped, chunked = pages(2)
    half = len(chunked.body) // 2
    parts = (chunked.body[:half], chunked.body[half:])
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in parts)
    members = {
        "a.warc.gz": _wire_warc(gzipped, [("Content-Encoding", "gzip")], gzip.compress(gzipped.body)),
        "b.warc.gz": _wire_warc(chunked, [("Transfer-Encoding", "chunked")], chunks + b"0\r\n\r\n"),
    }
    write(tmp_path / "wire.wacz", wacz_bytes(members, [gzipped, chunked]))
    refs, found = listed(tmp_path)
    assert found == []
    assert [read_archived(ref).body for ref in refs] == [gzipped.body, chunked.body]  # type: ignore[union-attr]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kind=st.sampled_from(["stored", "deflated", "arc", "arc.gz"]),
    cut=st.floats(0.0, 1.0),
    flips=st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(1, 255)), max_size=3),
)
def test_damaged_archives_never_crash_and_never_give_wrong_bodies(
    tmp_path_factory: pytest.TempPathFactory, kind: str, cut: float, flips: list[tuple[float, int]]
) -> None:
    """ARC records carry no digest: a changed byte in a body cannot be told there (nor in
    any archive without digests), so for ARC only the first half holds."""
    group = pages(3)
    if kind.startswith("arc"):
        name, data = f"x.{kind}", arc_bytes(group, compress=kind == "arc.gz")
    else:
        compression = zipfile.ZIP_STORED if kind == "stored" else zipfile.ZIP_DEFLATED
        name, data = "x.wacz", wacz_bytes({"data.warc": warc_bytes(group, compress=False)}, group,
                                          compression=compression)
    damaged = bytearray(data[: max(1, int(len(data) * cut))] if cut < 1.0 else data)
    for where, xor in flips:
        damaged[min(int(where * len(damaged)), len(damaged) - 1)] ^= xor
    root = tmp_path_factory.mktemp("damaged")
    write(root / name, bytes(damaged))
    refs, found = listed(root)  # never raises
    bodies = {page.url: page.body for page in group}
    for ref in refs:
        capture = read_archived(ref)  # never raises either
        if not kind.startswith("arc"):  # digests and CRCs: a body comes back whole or not at all
            assert capture is None or capture.body == bodies.get(capture.url, capture.body)
    if bytes(damaged) == data:
        assert len(refs) == 3 and found == []


@pytest.mark.parametrize(("data", "ours"), [
    (warcinfo("rolescope-1.warc.gz"), True),  # what the fetcher writes first, as it writes it
    (warc_bytes([], software=FETCHER), True),
    (warc_bytes([]), False),
    (warc_bytes(pages(1), software="Webrecorder ArchiveWeb.page 0.11"), False),
])
def test_the_fetchers_files_are_told_by_their_first_record(data: bytes, ours: bool) -> None:
    first = next(iter(ArchiveIterator(io.BytesIO(data))))
    assert written_here(first) is ours
