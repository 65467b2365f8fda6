"""rolescope: turn AI/ML career-comparison articles and job cards into typed tables.

One package per stage, in the order a document goes through them: ``read`` (find and read
raw documents), ``decode`` (bytes -> text, mojibake repair), ``structure`` (text or HTML ->
a stream of blocks), ``parse`` (blocks -> records as printed), ``normalize`` (records ->
rows) and ``tables`` (the schema, validation, Parquet and CSV). ``fetch`` fills the raw
store over HTTP; ``run`` ties the stages together; ``config`` resolves the settings. See
docs/architecture.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

from pipeline.version import __version__

__all__ = ["__version__", "load"]


def load(table: str, path: str | Path = "processed") -> pd.DataFrame:
    """Load an output table as a pandas DataFrame with proper dtypes (see :mod:`pipeline.tables.loader`)."""
    # Imported lazily: pandas is slow to import and the pipeline itself does not need it.
    from pipeline.tables.loader import load as _load  # noqa: PLC0415

    return _load(table, path)
