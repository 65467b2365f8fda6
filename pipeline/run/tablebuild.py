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
import gc
import itertools
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from pipeline.common.memory import TRIM_EVERY, trim_memory
from pipeline.normalize.money import RateTable, usd_columns
from pipeline.normalize.role_keys import display_name
from pipeline.normalize.survey import SurveyIndex
from pipeline.run.staging import DOCUMENT_TABLES, Stager
from pipeline.run.state import load, unpack
from pipeline.tables.export import TableWriter, to_arrow
from pipeline.tables.schema import (
    ARTICLES,
    JOB_CARDS,
    JOB_DETAILS,
    JOB_SKILLS,
    ROLES,
    SURVEY_SALARIES,
    TABLES,
)

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


def _write_job_details(stager: Stager, folder: Path, escape: bool) -> dict[str, int]:
    """``job_details`` and ``job_skills``: one page's rows per job, in ``job_id`` order (see
    :meth:`Stager.job_details`), both tables from the same page."""
    writers = [TableWriter(table, folder, formula_escape=escape) for table in (JOB_DETAILS, JOB_SKILLS)]
    for parts in stager.job_details():
        for writer, columns in zip(writers, parts, strict=True):
            writer.append(columns)
    for writer in writers:
        writer.close()
    return {writer.table.name: writer.rows for writer in writers}


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


class _PerArticleApart:
    """The per-article tables written by a forked process, while this one writes the others.

    Why: the build is the serial end of a run, and the per-article tables are most of it
    (unpacking and converting every document's rows, then encoding them); the other tables
    need the scratch database and the roles, and are written here meanwhile, on the other
    core. The child reads the store through a connection of its own (``documents``); the
    objects that exist at fork are frozen, so its garbage collector does not copy every
    shared page.
    """

    def __init__(
        self, folder: Path, documents: Callable[[], Iterable[tuple[str, bytes]]], escape: bool
    ) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        gc.freeze()
        try:
            self._child = context.Process(
                target=_per_article_child, args=(send, folder, documents, escape, os.getpid()),
                name="per-article-tables", daemon=True,
            )
            self._child.start()
        finally:
            gc.unfreeze()
        send.close()

    def counts(self) -> dict[str, int]:
        """Wait for the child; its tables' row counts, or its error raised here."""
        try:
            outcome = self._receive.recv()
        except EOFError:
            outcome = None
        finally:
            self._receive.close()
            self._child.join()
        if isinstance(outcome, BaseException):
            raise outcome
        if not isinstance(outcome, dict):
            code = self._child.exitcode
            raise RuntimeError(f"the process writing the per-article tables died (exit code {code})")
        return outcome

    def stop(self) -> None:
        """End the child (this side of the build failed or was interrupted)."""
        self._receive.close()
        self._child.terminate()
        self._child.join()


def _per_article_child(
    send: Connection, folder: Path, documents: Callable[[], Iterable[tuple[str, bytes]]], escape: bool,
    parent: int,
) -> None:
    """Runs in the forked process: the per-article tables, then their row counts (or the
    error, for the parent to raise: a damaged store must still read as damage)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the run decides how to stop
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_exit_without, args=(parent,), daemon=True).start()
    try:
        outcome: object = _write_per_article(folder, documents(), escape)
    except BaseException as error:  # sent to the parent, which raises it
        outcome = error
    try:
        send.send(outcome)
    except Exception as error:  # an error that does not pickle
        send.send(RuntimeError(f"{type(outcome).__name__}: {outcome} ({error})"))
    send.close()


def _exit_without(parent: int) -> None:
    """Exit when the run that forked us is gone (killed with -9): its folder is never published."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


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
    documents: Iterable[tuple[str, bytes]] | Callable[[], Iterable[tuple[str, bytes]]],
    articles: Iterable[bytes],
    survey: SurveyIndex | None = None,
    notes: dict[str, Any] | None = None,
    formula_escape: bool = True,
) -> dict[str, int]:
    """Write every table into ``folder``; returns rows per table.

    ``documents`` are the packed per-article rows of the kept articles, in ``article_id``
    order (or a function that opens them in a forked process, which then writes those
    tables while this one writes the others: see :class:`_PerArticleApart`), and
    ``articles`` their ``articles`` rows (pickled tuples in schema order) in
    ``article_key, article_id`` order: both are written as they stream by. The staged
    tables are read back from ``stager`` sorted and, where a key can repeat across
    documents, de-duplicated. ``notes`` receives what the
    run summary reports: ``unconverted`` (currency -> cards without a USD amount) and, with
    a survey, how its titles matched. ``formula_escape``: see
    :func:`pipeline.tables.export.TableWriter` (CSV cells that would run as formulas).
    """
    notes = {} if notes is None else notes
    trim_memory()
    if not callable(documents):
        counts = _write_per_article(folder, documents, formula_escape)
        trim_memory()
        return _write_the_rest(stager, folder, rates, articles, survey, notes, formula_escape, counts)
    apart = _PerArticleApart(folder, documents, formula_escape)
    try:
        counts = _write_the_rest(stager, folder, rates, articles, survey, notes, formula_escape, {})
    except BaseException:
        apart.stop()
        raise
    counts.update(apart.counts())
    return {name: counts[name] for name in TABLES}


def _write_the_rest(  # noqa: PLR0917 (build_tables' arguments, passed on)
    stager: Stager,
    folder: Path,
    rates: RateTable,
    articles: Iterable[bytes],
    survey: SurveyIndex | None,
    notes: dict[str, Any],
    formula_escape: bool,
    counts: dict[str, int],
) -> dict[str, int]:
    """Every table but the per-article ones (whose row counts are in ``counts``, or not yet)."""
    unconverted: Counter[str] = Counter()
    roles = _Roles()
    counts["articles"] = _write_articles(folder, articles, roles, formula_escape)
    log.debug("checkpoint: write")  # the per-article tables are written; the staged ones follow
    trim_memory()  # hand freed buffers back before the sorts
    counts[JOB_CARDS.name] = _write_job_cards(
        stager, folder, rates, survey, unconverted, escape=formula_escape
    )
    notes["unconverted"] = dict(sorted(unconverted.items()))
    counts.update(_write_job_details(stager, folder, formula_escape))
    for name in ("job_sightings", "quarantine"):
        counts[name] = _write_grouped(name, stager, folder, formula_escape)
        trim_memory()
    writer = TableWriter(ROLES, folder, formula_escape=formula_escape)
    writer.write(to_arrow(ROLES, roles.rows()))
    writer.close()
    counts["roles"] = writer.rows
    counts[SURVEY_SALARIES.name] = _write_survey(folder, survey, roles, notes)
    return {name: counts[name] for name in TABLES if name in counts}
