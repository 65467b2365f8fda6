"""Helpers for tests that compare output folders: the published tables, by stable path."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.tables.schema import TABLES


def table_digests(out: Path) -> dict[str, str]:
    """sha256 of every published table file (``OUT/<t>.parquet`` and ``OUT/csv/<t>.csv``)."""
    paths = [f"{name}.parquet" for name in TABLES] + [f"csv/{name}.csv" for name in TABLES]
    return {p: hashlib.sha256((out / p).read_bytes()).hexdigest() for p in paths}
