"""Incremental runs: a re-run equals a full run byte for byte, and a no-op does nothing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.corpus.generate import write_corpus
from pipeline.run import runner
from pipeline.run.runner import RunSummary, run
from pipeline.run.settings import Settings
from pipeline.run.state import STATE_DIR, STATE_FILE
from pipeline.tables.manifest import read_manifest, read_runs, verify
from tests.conftest import SAMPLES
from tests.digests import table_digests


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 generated documents (both formats, junk, a duplicate) plus the bundled samples."""
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder / "gen", 40, 11)
    shutil.copytree(SAMPLES, folder / "samples")
    return folder


@pytest.fixture
def inputs(corpus: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(corpus, folder)
    return folder


def go(inputs: Path, out: Path, **settings: object) -> RunSummary:
    return run(inputs, out, Settings(workers=1, **settings))  # type: ignore[arg-type]


def documents(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def test_rerun_after_add_change_remove_equals_a_full_run(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = go(inputs, out)
    assert first.parsed == first.documents > 50
    files = [p for p in documents(inputs / "samples") if p.suffix in (".txt", ".html")]
    # remove one, change one (swap in another article's bytes), add one, copy one
    files[0].unlink()
    files[1].write_bytes(files[2].read_bytes().replace(b"Engineer", b"Engineers", 1))
    shutil.copy(files[3], inputs / "added-later.txt" if files[3].suffix == ".txt" else inputs / "added.html")
    write_corpus(inputs / "new", 3, 99)
    second = go(inputs, out)
    assert second.removed == 1
    assert second.parsed == 1 + 1 + 3
    assert not second.unchanged
    full = tmp_path / "full"
    assert go(inputs, full).parsed == second.documents
    assert table_digests(out) == table_digests(full)
    manifest = read_manifest(out)
    assert manifest is not None and verify(out, manifest) == []
    assert manifest["inputs"]["digest"] == read_manifest(full)["inputs"]["digest"]  # type: ignore[index]


def test_noop_rerun_parses_nothing_and_leaves_the_tables_alone(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = go(inputs, out)
    before = {p: os.stat(out / p).st_ino for p in table_digests(out)}
    generation = os.readlink(out / ".current")
    second = go(inputs, out)
    assert second.unchanged and second.parsed == 0
    assert second.rows == first.rows and second.quarantine_reasons == first.quarantine_reasons
    assert os.readlink(out / ".current") == generation
    assert {p: os.stat(out / p).st_ino for p in table_digests(out)} == before
    assert [r["status"] for r in read_runs(out)] == ["ok", "unchanged"]


def test_a_touched_file_is_hashed_not_parsed(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    go(inputs, out)
    target = documents(inputs)[5]
    stat = target.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    again = go(inputs, out)
    assert again.parsed == 0 and again.unchanged
    third = go(inputs, out)  # the new mtime was remembered: not even read this time
    assert third.unchanged


def test_a_parser_version_bump_reparses_everything(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    first = go(inputs, out)
    digests = table_digests(out)
    monkeypatch.setattr(runner, "PARSER_VERSION", "999.0.0")
    bumped = go(inputs, out)
    assert bumped.parsed == first.documents and not bumped.unchanged
    assert table_digests(out) == digests  # same code, same rows
    manifest = read_manifest(out)
    assert manifest is not None and manifest["parser_version"] == "999.0.0"


def test_removed_documents_are_dropped_by_default_or_kept_with_the_setting(
    inputs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = go(inputs, out)
    gone = documents(inputs / "samples")[0]
    gone.unlink()
    kept = go(inputs, out, keep_removed=True)
    assert kept.kept == 1 and kept.removed == 0 and kept.rows["articles"] == first.rows["articles"]
    dropped = go(inputs, out)
    assert dropped.removed == 1 and dropped.rows["articles"] == first.rows["articles"] - 1
    uris = pq.read_table(out / "articles.parquet", columns=["source_uri"]).column(0).to_pylist()
    assert f"samples/{gone.name}" not in uris


def test_changed_settings_rebuild_without_reparsing(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    go(inputs, out)
    rates = tmp_path / "rates.csv"
    rates.write_text("currency,usd_per_unit\nUSD,1\nEUR,2.5\n", encoding="utf-8")
    again = go(inputs, out, rates_path=rates)
    assert again.parsed == 0 and not again.unchanged
    assert go(inputs, out, rates_path=rates).unchanged


def test_a_damaged_state_store_costs_a_reparse_not_the_run(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = go(inputs, out)
    digests = table_digests(out)
    for extra in (out / STATE_DIR).glob(f"{STATE_FILE}-*"):
        extra.unlink()
    (out / STATE_DIR / STATE_FILE).write_bytes(b"this is not a database" * 100)
    again = go(inputs, out)
    assert again.parsed == first.documents
    assert table_digests(out) == digests
    assert list((out / STATE_DIR).glob(f"{STATE_FILE}.damaged-*"))


def test_one_and_two_workers_and_incremental_agree(inputs: Path, tmp_path: Path) -> None:
    one = tmp_path / "one"
    go(inputs, one)
    two = tmp_path / "two"
    run(inputs, two, Settings(workers=2))
    assert table_digests(one) == table_digests(two)


def test_a_file_name_that_is_not_utf8_is_parsed_remembered_and_dropped(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    sample = next(p for p in sorted(SAMPLES.iterdir()) if p.suffix == ".txt")
    latin1 = os.fsencode(inputs) + b"/caf\xe9.txt"  # a Latin-1 name, as an old dump may carry
    try:
        with open(latin1, "wb") as handle:
            handle.write(sample.read_bytes())
    except OSError:
        pytest.skip("this file system refuses file names that are not UTF-8")
    out = tmp_path / "out"
    assert go(inputs, out).parsed == 1
    assert pq.read_table(out / "articles.parquet").column("source_uri").to_pylist() == ["caf\\xe9.txt"]
    assert go(inputs, out).unchanged
    os.unlink(latin1)
    (inputs / "other.txt").write_bytes(sample.read_bytes() + b"\n")
    summary = go(inputs, out)
    assert (summary.removed, summary.parsed) == (1, 1)
    assert pq.read_table(out / "articles.parquet").column("source_uri").to_pylist() == ["other.txt"]
