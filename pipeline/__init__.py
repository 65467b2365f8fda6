"""rolescope: turn AI/ML career-comparison articles and job cards into typed tables.

Stages, one module (or package) each: ``sources`` (find and read raw documents),
``decode`` (bytes -> text, mojibake repair), ``structure_text`` / ``structure_html``
(text -> a stream of :class:`~pipeline.blocks.Block`), ``parse`` (blocks -> records),
``normalize`` (job cards, salaries), ``validate`` and ``export`` (Parquet, CSV).
``process`` ties the pure stages together for one document; ``runner`` drives a run.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__version__ = "0.1.0"


def load(table: str, path: str | Path = "processed") -> pd.DataFrame:
    """Load an output table as a pandas DataFrame with proper dtypes (see :mod:`pipeline.loader`)."""
    # Imported lazily: pandas is slow to import and the pipeline itself does not need it.
    from pipeline.loader import load as _load  # noqa: PLC0415

    return _load(table, path)
