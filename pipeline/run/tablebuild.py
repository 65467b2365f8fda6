"""Build the output tables from a stream of per-document rows, in bounded memory.

Why two steps: documents arrive one by one, in input order, but every table is written
sorted by its key and with corpus-level rules applied (one row per unique key, one
``job_cards`` row per job, first/last seen dates, one ``roles`` row per role). Holding a
corpus of 100k documents in Python would take gigabytes, so those rows are first *staged*
in a scratch SQLite database as they come (:class:`pipeline.run.staging.Stager`), then read
back sorted (SQLite's sorter spills to disk beyond a fixed cache, so memory stays flat
whatever the corpus size), de-duplicated as they stream by, and written to the final
Parquet and CSV files. The arrival order is the last sort key, so ties resolve exactly as
a stable in-memory sort of the same stream would: the output depends only on the input.
The per-article tables, the wide ones, skip staging: see :mod:`pipeline.run.staging`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.common.memory import TRIM_EVERY, trim_memory
from pipeline.normalize.money import RateTable, usd_columns
from pipeline.normalize.role_keys import display_name
from pipeline.normalize.survey import SurveyIndex
from pipeline.run.staging import DOCUMENT_TABLES, Stager
from pipeline.run.state import load, unpack
from pipeline.tables.export import TableWriter, to_arrow
from pipeline.tables.schema import ARTICLES, JOB_CARDS, ROLES, SURVEY_SALARIES, TABLES

log = logging.getLogger(__name__)

Row = dict[str, Any]
_CARD_BATCH = 2_048
"""Job cards handed to the writer at a time."""
_ARTICLE_BATCH = 512
"""``articles`` rows turned into columns at a time (few: the writer buffers them anyway)."""


def _write_job_cards(
    stager: Stager,
    folder: Path,
    rates: RateTable,
    survey: SurveyIndex | None,
    unconverted: Counter[str],
    *,
    escape: bool,
) -> int:
    """One row per job, in ``job_id`` order (see :meth:`Stager.job_cards`).

    The USD amounts (at the rate of the ``first_seen`` year) and the survey columns are
    applied here, not when parsing, so new rates or a new survey need no re-parse.
    ``unconverted`` counts the currencies of the cards that got no USD amount.
    """
    writer = TableWriter(JOB_CARDS, folder, formula_escape=escape)
    batch: list[Row] = []
    for card, first, last in stager.job_cards():
        card["first_seen"] = dt.date.fromisoformat(first) if first else None
        card["last_seen"] = dt.date.fromisoformat(last) if last else None
        year = card["first_seen"].year if card["first_seen"] else None
        card.update(usd_columns(card, rates, year))
        if card["fx_missing"] is not None:
            unconverted[card.get("salary_currency") or "none"] += 1
        if survey is not None:
            card.update(survey.card_columns(card, year))
        batch.append(card)
        if len(batch) >= _CARD_BATCH:
            writer.write(to_arrow(JOB_CARDS, batch))
            batch = []
    writer.write(to_arrow(JOB_CARDS, batch))
    writer.close()
    return writer.rows


def _write_grouped(name: str, stager: Stager, folder: Path, escape: bool) -> int:
    """A table staged in groups (``job_sightings``, ``quarantine``), in table order."""
    writer = TableWriter(TABLES[name], folder, formula_escape=escape)
    for columns in stager.runs(name):
        writer.append(columns)
    writer.close()
    return writer.rows


class _Roles:
    """Collect the role names and comparisons seen in the final ``articles`` rows.

    Rows arrive in ``article_key`` order, so the comparisons naming a role are counted as
    runs of equal keys: memory follows the number of roles, not of articles.
    """

    def __init__(self) -> None:
        self.names: dict[str, Counter[str]] = {}
        self.counts: Counter[str] = Counter()
        self._last: dict[str, str] = {}
        """The latest comparison (article key) counted for each role."""

    def add(self, data: dict[str, list[Any]]) -> None:
        """Count the roles of some rows, row by row (both sides of a row before the next row:
        the order the names are first seen in decides ties in :func:`display_name`)."""
        sides = zip(data["role_key_a"], data["role_a"], data["role_key_b"], data["role_b"], strict=True)
        for article_key, (key_a, name_a, key_b, name_b) in zip(data["article_key"], sides, strict=True):
            self._add(key_a, name_a, article_key)
            self._add(key_b, name_b, article_key)

    def _add(self, key: str, name: str, article_key: str) -> None:
        self.names.setdefault(key, Counter())[name] += 1
        if self._last.get(key) != article_key:
            if self._last.get(key, "") > article_key:
                raise ValueError("articles must be given in article_key order")
            self._last[key] = article_key
            self.counts[key] += 1

    def rows(self) -> list[Row]:
        return [
            {
                "role_key": key,
                "name": display_name(self.names[key].elements()),
                "article_count": self.counts[key],
            }
            for key in sorted(self.names)
        ]


def _write_per_article(folder: Path, documents: Iterable[tuple[str, bytes]], escape: bool) -> dict[str, int]:
    """The per-article tables, from documents given in ``article_id`` order.

    Each document's rows are already sorted and de-duplicated (by the worker), so appending
    documents in ``article_id`` order writes every table in its sort order, holding one
    row group per table in memory.
    """
    writers = {name: TableWriter(TABLES[name], folder, formula_escape=escape) for name in DOCUMENT_TABLES}
    for count, (_key, blob) in enumerate(documents, 1):
        for name, columns in unpack(blob).items():
            writers[name].append(columns)
        if count % TRIM_EVERY == 0:
            trim_memory()
    for writer in writers.values():
        writer.close()
    return {name: writer.rows for name, writer in writers.items()}


def _write_articles(folder: Path, rows: Iterable[bytes], roles: _Roles, escape: bool) -> int:
    """The ``articles`` table from the kept articles' rows (pickled tuples in schema order),
    given in table order (see :meth:`pipeline.run.state.StateStore.kept_articles`)."""
    writer = TableWriter(ARTICLES, folder, formula_escape=escape)
    names = ARTICLES.column_names
    iterator = iter(rows)
    while batch := [load(row) for row in itertools.islice(iterator, _ARTICLE_BATCH)]:
        columns = dict(zip(names, map(list, zip(*batch, strict=True)), strict=True))
        roles.add(columns)
        writer.append(columns)
    writer.close()
    return writer.rows


def _write_survey(folder: Path, survey: SurveyIndex | None, roles: _Roles, notes: dict[str, Any]) -> int:
    """The ``survey_salaries`` table (empty without a survey) and how its keys met the articles'."""
    writer = TableWriter(SURVEY_SALARIES, folder)
    if survey is not None:
        writer.write(to_arrow(SURVEY_SALARIES, survey.table_rows()))
        keys = {cell[0] for cell in survey.cells}
        found = sorted(key for key in roles.names if key in keys)
        notes["survey"] = {
            "rows": survey.rows,
            "skipped": survey.skipped,
            "titles": survey.titles,
            "titles_with_role_key": survey.titles_keyed,
            "article_roles": len(roles.names),
            "article_roles_in_survey": len(found),
        }
        log.info("survey: %d of %d article roles have survey salaries", len(found), len(roles.names))
    writer.close()
    return writer.rows


def build_tables(
    stager: Stager,
    folder: Path,
    rates: RateTable,
    *,
    documents: Iterable[tuple[str, bytes]],
    articles: Iterable[bytes],
    survey: SurveyIndex | None = None,
    notes: dict[str, Any] | None = None,
    formula_escape: bool = True,
) -> dict[str, int]:
    """Write every table into ``folder``; returns rows per table.

    ``documents`` are the packed per-article rows of the kept articles, in ``article_id``
    order, and ``articles`` their ``articles`` rows (pickled tuples in schema order) in
    ``article_key, article_id`` order: both are written as they stream by. The staged
    tables are read back from ``stager`` sorted and, where a key can repeat across
    documents, de-duplicated. ``notes`` receives what the
    run summary reports: ``unconverted`` (currency -> cards without a USD amount) and, with
    a survey, how its titles matched. ``formula_escape``: see
    :func:`pipeline.tables.export.TableWriter` (CSV cells that would run as formulas).
    """
    notes = {} if notes is None else notes
    unconverted: Counter[str] = Counter()
    trim_memory()
    counts = _write_per_article(folder, documents, formula_escape)
    trim_memory()
    roles = _Roles()
    counts["articles"] = _write_articles(folder, articles, roles, formula_escape)
    log.debug("checkpoint: write")  # the per-article tables are written; the staged ones follow
    trim_memory()  # hand freed buffers back before the sorts
    counts[JOB_CARDS.name] = _write_job_cards(
        stager, folder, rates, survey, unconverted, escape=formula_escape
    )
    notes["unconverted"] = dict(sorted(unconverted.items()))
    for name in ("job_sightings", "quarantine"):
        counts[name] = _write_grouped(name, stager, folder, formula_escape)
        trim_memory()
    writer = TableWriter(ROLES, folder, formula_escape=formula_escape)
    writer.write(to_arrow(ROLES, roles.rows()))
    writer.close()
    counts["roles"] = writer.rows
    counts[SURVEY_SALARIES.name] = _write_survey(folder, survey, roles, notes)
    return {name: counts[name] for name in TABLES}
