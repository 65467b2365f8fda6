"""What the report reads: the columns it needs of each published table, the manifest, the runs.

Why not :func:`pipeline.load`: the loader types every column of a table for notebooks, and
a 20,000-document corpus's ``sections`` and ``mentions`` would cost seconds the report does
not need. Here only the charted columns are read, as plain pandas (floats for nullable
numbers), and a table that is missing (an older output folder, or the survey table before
a survey was loaded) is an empty frame with the asked-for columns, never an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from pipeline.tables.manifest import read_manifest, read_runs

COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id", "article_key", "role_key_a", "role_key_b"),
    "roles": ("role_key", "name", "article_count"),
    "job_cards": (
        "job_id", "seniority", "salary_min_usd", "salary_max_usd", "salary_flag", "remote_ratio",
        "country_code", "survey_p50_usd", "survey_percentile", "survey_scope",
    ),
    "mentions": ("article_id", "role_key", "kind", "name"),
    "job_skills": ("job_id", "skill", "term", "kind"),
    "outlook_stats": ("article_id", "role_side", "role_key", "percent", "percent_max"),
    "quarantine": ("source_uri", "stage", "reason", "detail"),
    "survey_salaries": (
        "role_key", "experience_level", "company_location", "work_year", "count",
        "p10", "p25", "p50", "p75", "p90",
    ),
}
"""Per table, the columns the report may use (a column the file lacks is simply absent)."""


@dataclass(frozen=True)
class Sources:
    """Everything one report is drawn from."""

    frames: dict[str, pd.DataFrame]
    manifest: dict[str, Any] | None
    runs: list[dict[str, Any]] = field(default_factory=list)

    def __getitem__(self, table: str) -> pd.DataFrame:
        return self.frames[table]


def read_table(out_dir: Path, table: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """The present ones of ``columns`` of ``OUT/<table>.parquet``; an empty frame when it is missing."""
    path = out_dir / f"{table}.parquet"
    if not path.is_file():
        return pd.DataFrame({name: pd.Series(dtype=object) for name in columns})
    present = set(pq.read_schema(path).names)
    data = pq.read_table(path, columns=[name for name in columns if name in present])
    frame: pd.DataFrame = data.to_pandas()
    for name in frame.columns:
        if isinstance(frame[name].dtype, pd.CategoricalDtype):  # dictionary-encoded codes
            frame[name] = frame[name].astype(object)
    return frame


def read_sources(out_dir: Path) -> Sources:
    """Read the tables, the manifest and the run history of an output folder."""
    frames = {table: read_table(out_dir, table, columns) for table, columns in COLUMNS.items()}
    return Sources(frames=frames, manifest=read_manifest(out_dir), runs=read_runs(out_dir))
