"""Every kind of damage to the state store or the manifest costs a re-parse, never a failed run
(issue 15, item 14)."""

from __future__ import annotations

import collections
import pickle
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pytest

from pipeline.run.runner import run
from pipeline.run.settings import Settings
from pipeline.run.state import STATE_DIR, STATE_FILE, StoreDamagedError, unpack
from tests.conftest import SAMPLES
from tests.digests import table_digests

pytestmark = pytest.mark.e2e

NAMES = (
    "text-2024-clean_data-engineer-vs-mlops-engineer.txt",
    "text-2024-flat_ai-product-manager-vs-data-scientist.txt",
    "html-semantic_data-engineer-vs-mlops-engineer.html",
)
LATE = "text-2023-prose_nlp-engineer-vs-computer-vision-engineer.txt"


def _store(out: Path) -> Path:
    return out / STATE_DIR / STATE_FILE


def _set_result(out: Path, blob: bytes, column: str = "result") -> None:
    db = sqlite3.connect(_store(out))
    with db:
        key = db.execute("SELECT doc_key FROM documents ORDER BY doc_key LIMIT 1").fetchone()[0]
        db.execute(f"UPDATE documents SET {column}=? WHERE doc_key=?", (blob, key))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def _overwrite_pages(out: Path) -> None:
    path = _store(out)
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(len(data) // page // 2 * page, len(data), page):  # the later half: opening still works
        data[start:start + page] = b"\xa5" * min(page, len(data) - start)
    path.write_bytes(bytes(data))


def _lz4_garbage(out: Path) -> None:
    _set_result(out, (4000).to_bytes(8, "little") + b"\x00\xff" * 50)


def _huge_header(out: Path) -> None:
    _set_result(out, (1 << 60).to_bytes(8, "little") + b"\x10abc", column="rows")


def _refused_class(out: Path) -> None:
    raw = pickle.dumps(collections.OrderedDict(a=1))
    _set_result(out, len(raw).to_bytes(8, "little") + pa.compress(raw, codec="lz4", asbytes=True))


def _other_layout(out: Path) -> None:
    db = sqlite3.connect(_store(out))
    with db:
        db.execute("DROP TABLE documents")
        db.execute("CREATE TABLE documents (doc_key TEXT PRIMARY KEY, payload BLOB)")
        db.execute("INSERT INTO documents VALUES ('a.txt', x'00')")
    db.close()


def _garbage_manifest(out: Path) -> None:
    (out / "_manifest.json").resolve().write_bytes(b"\x00{not json at all")


DAMAGE: dict[str, Callable[[Path], None]] = {
    "overwritten-pages": _overwrite_pages,
    "lz4-error": _lz4_garbage,
    "huge-size-header": _huge_header,
    "refused-class": _refused_class,
    "other-layout": _other_layout,
    "garbage-manifest": _garbage_manifest,
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damage_costs_a_reparse_never_a_failed_run(tmp_path: Path, damage: str) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in NAMES:
        shutil.copy(SAMPLES / name, inputs / name)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    run(inputs, out, Settings(workers=1))
    DAMAGE[damage](out)
    shutil.copy(SAMPLES / LATE, inputs / LATE)  # a change: the build reads every stored result
    summary = run(inputs, out, Settings(workers=1))
    run(inputs, fresh, Settings(workers=1))
    assert summary.rows["articles"] == 4 and summary.quarantined == 0
    assert table_digests(out) == table_digests(fresh)
    again = run(inputs, out, Settings(workers=1))
    assert again.unchanged and table_digests(out) == table_digests(fresh)


def test_unpack_refuses_damage_without_allocating_it() -> None:
    huge = (1 << 60).to_bytes(8, "little") + b"x"
    for blob in (b"", b"\x01", huge, (50).to_bytes(8, "little") + b"\xff" * 9):
        with pytest.raises(StoreDamagedError):
            unpack(blob)
