"""Captures in WACZ packages and ARC files in a run: the read limits, parallel workers reading
one deflated member, and damaged archives quarantined as stable rows."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.common.limits import Limits
from pipeline.corpus.articles import SPECS
from pipeline.corpus.render_html import page_bytes
from pipeline.run.runner import run
from pipeline.run.settings import Settings
from tests.archive_builders import FETCHER, Page, arc_bytes, wacz_bytes, warc_bytes
from tests.digests import table_digests
from tests.run.planning import plan_with_peak

pytestmark = pytest.mark.e2e

WHEN = dt.datetime(2024, 10, 30, 8, tzinfo=dt.UTC)


def quarantine(out: Path) -> list[tuple[str, str, str]]:
    rows = pq.read_table(out / "quarantine.parquet").to_pylist()
    return [(r["source_uri"], r["stage"], r["reason"]) for r in rows]


def test_max_bytes_applies_to_each_capture_of_a_wacz(tmp_path: Path) -> None:
    small = Page(SPECS[0].url, page_bytes(SPECS[0]), WHEN)
    big = Page(SPECS[1].url, page_bytes(SPECS[1]) + b"<!--" + b"y" * 300_000 + b"-->", WHEN)
    (tmp_path / "in").mkdir()
    package = wacz_bytes({"data.warc.gz": warc_bytes([small, big])}, [small, big])
    (tmp_path / "in" / "a.wacz").write_bytes(package)
    summary = run(tmp_path / "in", tmp_path / "out", Settings(workers=1, limits=Limits(max_bytes=200_000)))
    assert summary.rows["articles"] == 1
    assert quarantine(tmp_path / "out") == [(f"a.wacz!/archive/data.warc.gz#{big.url}", "read", "too_large")]


def test_workers_read_one_deflated_member_as_one_process_does(tmp_path: Path) -> None:
    many = [Page(f"https://aijobs.net/insights/page-{n}", page_bytes(SPECS[n % 5]).replace(
        b"</body>", b"<p>%d</p></body>" % n), WHEN + dt.timedelta(minutes=n)) for n in range(40)]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.wacz").write_bytes(wacz_bytes({"data.warc": warc_bytes(many, compress=False)}, many,
                                                        compression=zipfile.ZIP_DEFLATED))
    one = run(tmp_path / "in", tmp_path / "one", Settings(workers=1))
    two = run(tmp_path / "in", tmp_path / "two", Settings(workers=2))
    assert one.rows["articles"] == two.rows["articles"] == 40
    assert quarantine(tmp_path / "two") == []
    assert table_digests(tmp_path / "one") == table_digests(tmp_path / "two")


def test_damaged_archives_are_stable_rows_until_they_are_mended(tmp_path: Path) -> None:
    group = [Page(SPECS[n].url, page_bytes(SPECS[n]), WHEN) for n in range(2)]
    whole = wacz_bytes({"data.warc.gz": warc_bytes(group)}, group)
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    (source / "a.wacz").write_bytes(whole[:-100])  # the end of the central directory is gone
    (source / "b.arc").write_bytes(arc_bytes(group)[:-50])  # the second record cut short
    first = run(source, out, Settings(workers=1))
    assert first.rows["articles"] == 1
    assert quarantine(out) == [("a.wacz", "read", "corrupt_archive"), ("b.arc", "read", "corrupt_archive")]
    details = [r["detail"] for r in pq.read_table(out / "quarantine.parquet").to_pylist()]
    assert "not a readable ZIP file" in details[0] and "cut short" in details[1]
    assert run(source, out, Settings(workers=1)).unchanged  # the same damage: nothing to rebuild
    (source / "a.wacz").write_bytes(whole)
    mended = run(source, out, Settings(workers=1))
    assert mended.parsed == 2 and mended.rows["articles"] == 2
    assert quarantine(out) == [("b.arc", "read", "corrupt_archive")]


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_planning_a_run_over_a_wacz_does_not_hold_its_bodies(tmp_path: Path, compression: int) -> None:
    filler = b"<p>" + b"x" * 200_000 + b"</p>"
    body = page_bytes(SPECS[0])
    url = "https://aijobs.net/insights/page-{}"
    many = [Page(url.format(n), body.replace(b"</body>", filler + b"%d</body>" % n), WHEN)
            for n in range(60)]  # 12 MB of bodies
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    out.mkdir()
    (source / "a.wacz").write_bytes(wacz_bytes({"data.warc": warc_bytes(many, compress=False)}, many,
                                               compression=compression))
    inventory, peak = plan_with_peak(source, out)
    assert len(inventory.tasks) == 60
    assert peak < 4_000_000, f"planning held {peak / 1e6:.1f} MB"


def test_a_damaged_warc_of_another_tool_is_quarantined_until_mended(tmp_path: Path) -> None:
    """Why: a crawler's or a browser extension's WARC file that is cut short has lost its
    pages for good; only the fetcher's own files, which a killed fetch leaves with a cut last
    record that the next fetch fetches again, are read leniently."""
    group = [Page(SPECS[n].url, page_bytes(SPECS[n]), WHEN) for n in range(2)]
    whole = warc_bytes(group, compress=False)
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    (source / "crawl.warc").write_bytes(whole[:-200])  # the second response cut short
    (source / "junk.warc.gz").write_bytes(b"not an archive at all\n" * 20)
    (source / "none.warc").write_bytes(b"")
    first = run(source, out, Settings(workers=1))
    assert first.rows["articles"] == 1
    assert quarantine(out) == [
        ("crawl.warc", "read", "corrupt_archive"), ("junk.warc.gz", "read", "corrupt_archive"),
        ("none.warc", "read", "empty"),
    ]
    details = [r["detail"] for r in pq.read_table(out / "quarantine.parquet").to_pylist()]
    assert SPECS[1].url in details[0] and "cut short" in details[0]
    assert run(source, out, Settings(workers=1)).unchanged  # the same damage: nothing to rebuild
    (source / "crawl.warc").write_bytes(whole)
    mended = run(source, out, Settings(workers=1))
    assert mended.rows["articles"] == 2
    assert [row[0] for row in quarantine(out)] == ["junk.warc.gz", "none.warc"]


def test_the_fetchers_own_warc_with_a_cut_last_record_is_read_leniently(tmp_path: Path) -> None:
    """The same cut in a file the fetcher wrote (its ``warcinfo`` first) is a killed fetch's
    last write: the whole records are read and nothing is quarantined."""
    group = [Page(SPECS[n].url, page_bytes(SPECS[n]), WHEN) for n in range(2)]
    ours = warc_bytes(group, software=FETCHER)
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    (source / "ours.warc.gz").write_bytes(ours[:-200])
    summary = run(source, out, Settings(workers=1))
    assert summary.rows["articles"] == 1
    assert quarantine(out) == []
