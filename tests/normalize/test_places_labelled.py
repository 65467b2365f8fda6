"""The location reader against a hand-labelled table of printed locations (the figures in
docs/reference-data.md come from here and are checked against it)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from pipeline.normalize.location import parse_location
from tests.conftest import ROOT

TABLE = Path(__file__).with_name("places_labelled.csv")


def _rows() -> list[dict[str, str]]:
    lines = [line for line in TABLE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


def scores() -> tuple[int, int, int, int]:
    """(rows, countries right, rows with a labelled region, regions right)."""
    rows = _rows()
    country = region_rows = region = 0
    for row in rows:
        place = parse_location(row["printed"])
        country += (place.country_code or "") == row["country"]
        if row["region"]:
            region_rows += 1
            region += place.region == row["region"]
    return len(rows), country, region_rows, region


def test_the_labelled_table_scores_at_least_97_percent_on_country() -> None:
    rows, country, region_rows, region = scores()
    assert rows >= 150
    assert country / rows >= 0.97
    assert region / region_rows >= 0.95
    # the report in docs/ shows these very figures
    report = (ROOT / "docs" / "reference-data.md").read_text(encoding="utf-8")
    assert f"country right for {country} of {rows}" in report
    assert f"region right for {region} of {region_rows}" in report


def test_every_label_is_a_well_formed_code() -> None:
    for row in _rows():
        assert re.fullmatch(r"[A-Z]{2}|", row["country"]), row
        assert re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}|", row["region"]), row
        assert not row["region"] or row["region"][:2] == row["country"], row


def test_region_and_country_agree_on_every_label() -> None:
    for row in _rows():
        place = parse_location(row["printed"])
        assert place.region is None or place.region[:2] == place.country_code, row
