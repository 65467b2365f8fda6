"""Refresh the bundled exchange-rate table from a newer ECB history file.

Why in ``run/``: it reads and writes files, which the normalize stage never does, and the
command line and ``scripts/build_fx_table.py`` share it. The next run sees new table bytes,
so its build digest changes and the tables are rebuilt from the stored rows: the USD
columns are re-derived without parsing a document again.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.common.atomic import atomic_write
from pipeline.errors import UsageError
from pipeline.normalize.ecb import EcbYears, format_table, yearly_rates
from pipeline.normalize.money import bundled_path, parse_rates


def update_rates(
    source: Path, target: Path | None = None, *, generated_by: str = "rolescope rates update"
) -> EcbYears:
    """Derive the yearly table from the ECB history at ``source`` and write it atomically to
    ``target`` (default: the bundled table). Raises :class:`~pipeline.errors.UsageError`
    when the source cannot be read or is not an ECB history, or the target cannot be written."""
    try:
        text = source.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read ECB history {source}: {error}") from error
    years = yearly_rates(text.splitlines(), str(source))
    table = format_table(years, generated_by=generated_by)
    parse_rates(table.splitlines(), "derived table")  # never write what a run could not read
    path = target or bundled_path()
    try:
        atomic_write(path, lambda tmp: Path(tmp).write_text(table, encoding="utf-8"))
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror or error}") from error
    return years
