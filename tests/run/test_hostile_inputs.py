"""Hostile input folders (issue 15): colliding names, unreadable folders, symlinks, non-documents."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.read.keys import input_key, stored_key
from pipeline.run.runner import RunSummary, run
from pipeline.run.settings import Settings
from tests.conftest import SAMPLES

pytestmark = pytest.mark.e2e

ONE = "text-2024-clean_data-engineer-vs-mlops-engineer.txt"
TWO = "text-2024-flat_ai-product-manager-vs-data-scientist.txt"
THREE = "text-2023-prose_nlp-engineer-vs-computer-vision-engineer.txt"


def go(inputs: Path, out: Path, **settings: object) -> RunSummary:
    return run(inputs, out, Settings(workers=1, **settings))  # type: ignore[arg-type]


def column(out: Path, table: str, name: str) -> list[object]:
    return pq.read_table(out / f"{table}.parquet", columns=[name]).column(name).to_pylist()


def test_keys_are_injective_and_invertible() -> None:
    stray = b"caf\xe9.txt".decode("utf-8", "surrogateescape")
    literal = "caf\\xe9.txt"
    assert stored_key(stray) != stored_key(literal)
    for key in (stray, literal, "plain.txt", "café.txt", "a\\b.txt", "x\\\\xe9\\"):
        assert input_key(stored_key(key)) == key
    assert stored_key("plain/name.txt") == "plain/name.txt" and stored_key("café.txt") == "café.txt"


def test_names_that_collide_after_escaping_are_two_documents(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SAMPLES / ONE, os.path.join(os.fsencode(inputs), b"caf\xe9.txt"))
    shutil.copy(SAMPLES / TWO, inputs / "caf\\xe9.txt")
    out = tmp_path / "out"
    first = go(inputs, out)
    assert first.documents == 2 and first.rows["articles"] == 2
    uris = sorted(column(out, "articles", "source_uri"))  # type: ignore[type-var]
    assert uris == ["caf\\\\xe9.txt", "caf\\xe9.txt"]
    ids = column(out, "articles", "article_id")
    again = go(inputs, out)
    assert again.unchanged and again.removed == 0 and column(out, "articles", "article_id") == ids
    os.remove(inputs / "caf\\xe9.txt")
    third = go(inputs, out)
    assert third.removed == 1 and column(out, "articles", "source_uri") == ["caf\\xe9.txt"]


def test_a_utf8_dump_with_one_bad_byte_keeps_its_items(tmp_path: Path) -> None:
    clean = (SAMPLES / ONE).read_bytes()
    at = clean.index(b".", clean.index("•".encode()))  # inside the first item's text
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "clean.txt").write_bytes(clean)
    (inputs / "stray.txt").write_bytes(clean[:at] + b"\xff" + clean[at:])
    out = tmp_path / "out"
    summary = go(inputs, out)
    assert summary.quarantined == 0
    rows = pq.read_table(out / "articles.parquet").to_pylist()
    by_uri = {row["source_uri"]: row for row in rows}
    assert by_uri["stray.txt"]["encoding"] == "utf-8" and by_uri["stray.txt"]["decode_errors"] == 1
    assert by_uri["clean.txt"]["decode_errors"] == 0
    items = pq.read_table(out / "items.parquet", columns=["article_id"]).column(0).to_pylist()
    stray, clean_id = by_uri["stray.txt"]["article_id"], by_uri["clean.txt"]["article_id"]
    assert items.count(stray) == items.count(clean_id) > 5


# --- item 1: an unreadable folder or file is an error of the walk, never a removal ---------------

NO_READ_CAPS = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def _cli(*args: str, unprivileged: bool = False) -> subprocess.CompletedProcess[str]:
    prefix = NO_READ_CAPS if unprivileged else []
    return subprocess.run(
        [*prefix, sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, check=False
    )


def _cannot_read_as_us(folder: Path) -> None:
    """Skip unless a chmod 000 folder really is unreadable to the run (root reads it anyway)."""
    if os.geteuid() != 0:
        return  # an ordinary user: chmod 000 is enough
    if shutil.which("setpriv") is None:
        pytest.skip("root can read a chmod 000 folder, and setpriv (to drop that capability) is missing")
    reader = ["ls"] if folder.is_dir() else ["head", "-c", "1"]
    probe = subprocess.run([*NO_READ_CAPS, *reader, str(folder)], capture_output=True, check=False)
    if probe.returncode == 0:
        pytest.skip("cannot drop the file-read capabilities here (setpriv had no effect)")


@pytest.fixture
def three(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    shutil.copy(SAMPLES / ONE, inputs / "a.txt")
    shutil.copy(SAMPLES / TWO, inputs / "sub" / "b.txt")
    shutil.copy(SAMPLES / THREE, inputs / "sub" / "c.txt")
    return inputs


def test_an_unreadable_folder_keeps_its_rows_and_is_quarantined(three: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _cli("run", "--input", str(three), "--output", str(out)).returncode == 0
    ids = sorted(column(out, "articles", "article_id"))  # type: ignore[type-var]
    assert len(ids) == 3
    (three / "sub").chmod(0)
    try:
        _cannot_read_as_us(three / "sub")
        for _ in range(2):  # and again, with nothing changed
            result = _cli("run", "--input", str(three), "--output", str(out), unprivileged=True)
            assert result.returncode == 0, result.stderr
            assert "removed: 0" in result.stderr and "read/unreadable=1" in result.stderr
            assert sorted(column(out, "articles", "article_id")) == ids  # type: ignore[type-var]
            rows = pq.read_table(out / "quarantine.parquet").to_pylist()
            got = [(r["source_uri"], r["stage"], r["reason"]) for r in rows]
            assert got == [("sub/", "read", "unreadable")]
            assert "Permission denied" in rows[0]["detail"]
        status = _cli("status", "--output", str(out), "--input", str(three), unprivileged=True)
        assert "sub/" in status.stdout and "unreadable" in status.stdout
        assert "0 removed" in status.stdout and "not read: sub/ (unreadable)" in status.stdout
    finally:
        (three / "sub").chmod(0o755)
    back = _cli("run", "--input", str(three), "--output", str(out))
    assert back.returncode == 0 and "quarantined: 0" in back.stderr
    assert sorted(column(out, "articles", "article_id")) == ids  # type: ignore[type-var]


def test_an_unreadable_changed_file_keeps_its_stored_rows(three: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _cli("run", "--input", str(three), "--output", str(out)).returncode == 0
    ids = sorted(column(out, "articles", "article_id"))  # type: ignore[type-var]
    changed = three / "a.txt"
    changed.write_bytes(changed.read_bytes() + b"\n")
    changed.chmod(0)
    try:
        _cannot_read_as_us(changed)
        result = _cli("run", "--input", str(three), "--output", str(out), unprivileged=True)
        assert result.returncode == 0, result.stderr
        assert sorted(column(out, "articles", "article_id")) == ids  # type: ignore[type-var]
        rows = pq.read_table(out / "quarantine.parquet").to_pylist()
        assert [(r["source_uri"], r["reason"]) for r in rows] == [("a.txt", "unreadable")]
    finally:
        changed.chmod(0o644)


# --- item 7: symlinks out of the input folder are not read --------------------------------------


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    outside = tmp_path / "elsewhere"
    (outside / "folder").mkdir(parents=True)
    shutil.copy(SAMPLES / ONE, inputs / "own.txt")
    shutil.copy(SAMPLES / TWO, outside / "secret.txt")
    shutil.copy(SAMPLES / THREE, outside / "folder" / "more.txt")
    (inputs / "link.txt").symlink_to(outside / "secret.txt")
    (inputs / "linked").symlink_to(outside / "folder")
    (inputs / "inside.txt").symlink_to(inputs / "own.txt")  # inside the input: read as before
    return inputs


def test_symlinks_out_of_the_input_are_quarantined_not_read(linked: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = go(linked, out)
    assert summary.rows["articles"] == 1 and summary.duplicates == 1  # own.txt and inside.txt
    rows = pq.read_table(out / "quarantine.parquet").to_pylist()
    assert [(r["source_uri"], r["stage"], r["reason"]) for r in rows] == [
        ("link.txt", "read", "outside_input"),
        ("linked/", "read", "outside_input"),
    ]
    followed = go(linked, tmp_path / "followed", follow_symlinks=True)
    assert followed.rows["articles"] == 3 and followed.quarantined == 0
    uris = sorted(column(tmp_path / "followed", "articles", "source_uri"))  # type: ignore[type-var]
    assert uris == ["inside.txt", "link.txt", "linked/more.txt"]


# --- item 23: files that are not documents are ignored, not quarantined -------------------------


def test_non_documents_are_ignored_and_counted(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    (inputs / "notes").mkdir(parents=True)
    shutil.copy(SAMPLES / ONE, inputs / "one.txt")
    (inputs / "README.md").write_text("# my dumps\n")
    (inputs / "index.jsonl").write_text('{"file": "one.txt"}\n')
    (inputs / "notes" / "todo.docx").write_bytes(b"PK\x03\x04")
    result = _cli("run", "--input", str(inputs), "--output", str(tmp_path / "out"), "--max-quarantined", "0")
    assert result.returncode == 0, result.stderr
    assert "ignored: 3" in result.stderr and "quarantined: 0" in result.stderr
    manifest = json.loads((tmp_path / "out" / "_manifest.json").read_text())
    assert manifest["inputs"]["ignored"] == 3 and manifest["inputs"]["documents"] == 1


def test_a_saved_page_with_a_stray_nul_is_parsed_not_binary(tmp_path: Path) -> None:
    """Issue 14: browsers render such a page; so does the pipeline (the NUL is dropped)."""
    page = (SAMPLES / "html-semantic_data-engineer-vs-mlops-engineer.html").read_bytes()
    at = page.index(b"<p>") + 3
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "page.html").write_bytes(page[:at] + b"\x00" + page[at:])
    out = tmp_path / "out"
    summary = go(inputs, out)
    assert summary.rows["articles"] == 1 and summary.quarantined == 0
    assert column(out, "articles", "decode_errors") == [1]
