"""End to end through the command line: what a job's own page prints below its card becomes the
``job_details`` and ``job_skills`` tables, in Parquet and CSV; a job captured several times keeps
one page's rows (the latest capture's), the same bytes whichever order the captures come in."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pandas as pd

from tests.archive_builders import Page, warc_bytes
from tests.parse.test_job_page import DETAIL

OWN = "https://aijobs.net/job/tide-gauge-analyst-haifa-haifa-district-il-300777/"
OLDER = DETAIL
NEWER = (DETAIL.replace("<li>Write the nightly drift report</li>", "<li>Build dashboards in Tableau</li>")
         .replace("<p>Bachelor's degree</p>", "<p>Master's degree in Oceanography</p>"))
TABLES = ("job_details", "job_skills")


def _run(folder: Path, out: Path) -> None:
    command = [sys.executable, "-m", "pipeline", "run", "--input", str(folder), "--output", str(out),
               "--workers", "1", "-q"]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def _captures(tmp_path: Path, name: str, newest_first: bool) -> Path:
    pages = [Page(OWN, OLDER.encode(), dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)),
             Page(OWN, NEWER.encode(), dt.datetime(2026, 5, 2, 9, tzinfo=dt.UTC))]
    folder = tmp_path / name
    folder.mkdir()
    (folder / "board.warc.gz").write_bytes(warc_bytes(pages[::-1] if newest_first else pages))
    return folder


def test_sections_become_tables_in_parquet_and_csv(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "tide-gauge.html").write_text(DETAIL, encoding="utf-8")
    out = tmp_path / "out"
    _run(folder, out)
    details = pd.read_parquet(out / "job_details.parquet")
    job = pd.read_parquet(out / "job_cards.parquet").job_id.iloc[0]
    assert set(details.job_id) == {job}
    assert [(r.section, r.position, r.text) for r in details.itertuples()] == [
        ("tasks", 1, "Calibrate harbour sensors every spring"),
        ("tasks", 2, "Write the nightly drift report"),
        ("benefits", 1, "Boat days"), ("skills", 1, "Rust"), ("skills", 2, "SQL"),
        ("education", 1, "Bachelor's degree")]
    skills = pd.read_parquet(out / "job_skills.parquet")
    listed = skills[skills.section == "skills"]
    assert [(r.skill, r.kind) for r in listed.itertuples()] == [("Rust", "language"), ("SQL", "language")]
    education = skills[skills.section == "education"]
    assert ("Bachelor's", "degree") in {(r.term, r.kind) for r in education.itertuples()}
    for name in TABLES:
        csv = pd.read_csv(out / "csv" / f"{name}.csv", keep_default_na=False, na_values=[""])
        parquet = pd.read_parquet(out / f"{name}.parquet")
        assert list(csv.columns) == list(parquet.columns) and len(csv) == len(parquet) > 0
        assert list(csv.text if name == "job_details" else csv.skill) == list(
            parquet.text if name == "job_details" else parquet.skill)


def test_a_job_captured_twice_keeps_the_latest_pages_rows_whatever_the_order(tmp_path: Path) -> None:
    outs = []
    for name, newest_first in (("oldest-first", False), ("newest-first", True)):
        out = tmp_path / f"out-{name}"
        _run(_captures(tmp_path, name, newest_first), out)
        outs.append(out)
    details = pd.read_parquet(outs[0] / "job_details.parquet")
    assert list(details[details.section == "tasks"].text) == [
        "Calibrate harbour sensors every spring", "Build dashboards in Tableau"]
    assert list(details[details.section == "education"].text) == ["Master's degree in Oceanography"]
    skills = pd.read_parquet(outs[0] / "job_skills.parquet")
    assert "Tableau" in set(skills[skills.section == "tasks"].term)
    assert len(pd.read_parquet(outs[0] / "job_sightings.parquet")) == 2  # both captures are sightings
    for name in TABLES:
        assert (outs[0] / f"{name}.parquet").read_bytes() == (outs[1] / f"{name}.parquet").read_bytes()
        csv = f"csv/{name}.csv"
        assert (outs[0] / csv).read_bytes() == (outs[1] / csv).read_bytes()
