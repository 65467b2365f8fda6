"""Read the board's salary survey file (``--survey FILE``) into a :class:`SurveyIndex`.

Why in ``run/``: reading a file is the run's job; the grouping and matching are pure and
live in :mod:`pipeline.normalize.survey`. The survey is applied when the tables are built,
so a new survey file rebuilds them from the stored rows without parsing a document.
"""

from __future__ import annotations

import csv
import logging
from pathlib import Path

from pipeline.errors import UsageError
from pipeline.normalize.survey import SurveyIndex, build_index

log = logging.getLogger(__name__)

COLUMNS = ("work_year", "experience_level", "job_title", "salary_in_usd", "company_location")
"""The survey columns a run needs; the file may have more."""


def load_survey(path: Path) -> SurveyIndex:
    """The survey at ``path`` grouped into cells; :class:`~pipeline.errors.UsageError` when it
    cannot be read or lacks a needed column."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise UsageError(f"survey {path}: missing column(s) {', '.join(missing)}")
            index = build_index(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise UsageError(f"cannot read survey {path}: {error}") from error
    log.info(
        "survey %s: %d rows (%d skipped); %d of %d job titles found a role key; %d cells",
        path, index.rows, index.skipped, index.titles_keyed, index.titles, len(index.cells),
    )
    return index
