"""Build ``pipeline/data/fx_yearly.csv`` from the ECB's euro reference-rate history.

Usage: ``.venv/bin/python scripts/build_fx_table.py ECB_HIST_CSV [OUT_CSV]``

The input is the ECB's ``eurofxref-hist.csv`` (one row per business day, one column per
currency in units per euro). The output is the compact table a run needs: one row per
currency and year, the mean USD value of one unit over the year's quoted days
(:mod:`pipeline.normalize.ecb`), with the source and the last quoted date in its header.
``rolescope rates update --from FILE`` does the same from the command line.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from pipeline.run.fx import update_rates


def main(argv: list[str]) -> int:
    """Read the history, write the derived table; returns the exit code."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not 1 <= len(argv) <= 2:
        logging.error("usage: build_fx_table.py ECB_HIST_CSV [OUT_CSV]")
        return 2
    target = Path(argv[1]) if len(argv) == 2 else None
    years = update_rates(Path(argv[0]), target, generated_by="scripts/build_fx_table.py")
    logging.info("%d currency-years, last quote %s", len(years.rates), years.last_date)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
