"""`rolescope report` through the CLI: one self-contained file, small, stable, honest when empty."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from pipeline.cli import cli
from pipeline.tables.schema import TABLES
from tests.report.conftest import run_pipeline

pytestmark = pytest.mark.e2e

MAX_SAMPLES_BYTES = 2 * 1024 * 1024


def report(*args: str) -> subprocess.CompletedProcess[str]:
    """The command in a fresh process, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "pipeline", "report", *args],
                          capture_output=True, text=True, check=False)


def report_here(*args: str) -> Result:
    """The command in this process (the vega runtime is bundled once per test session)."""
    return CliRunner().invoke(cli, ["report", *args])


def copy_outputs(source: Path, target: Path) -> Path:
    """A plain copy of an output folder's published files (the symlinks resolved), to change freely."""
    target.mkdir(parents=True)
    for path in source.iterdir():
        if path.suffix in {".parquet", ".json", ".jsonl"}:
            shutil.copyfile(path, target / path.name)
    return target


def specs(page: str) -> dict[str, dict]:
    """The chart specs embedded in a page, by chart key."""
    found = re.findall(r'<script type="application/json" id="spec-([a-z]+)">(.*?)</script>', page, re.S)
    return {key: json.loads(text.replace("<\\/", "</")) for key, text in found}


def test_report_is_one_small_self_contained_file(samples_out: Path, tmp_path: Path) -> None:
    target = tmp_path / "share" / "page.html"
    proc = report("--output", str(samples_out), "--to", str(target))
    assert proc.returncode == 0, proc.stderr
    assert "report:" in proc.stderr and "7 charts drawn" in proc.stderr
    page = target.read_text(encoding="utf-8")
    assert len(page.encode()) < MAX_SAMPLES_BYTES
    # Nothing is loaded from elsewhere: no external script, style, font, image or frame.
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "<script></script>", page, flags=re.S)
    external = r"<(script|img|iframe|link|source|object|embed)\b[^>]*(src|href|data)="
    assert not re.search(external, markup, re.I)
    assert "@import" not in page and "@font-face" not in page
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    assert page.count("<script>") == 2  # the vega runtime once, the drawing code once
    assert not list(tmp_path.glob("share/.*.tmp"))  # written atomically, nothing left behind
    charts = specs(page)
    assert set(charts) == {"salary", "tools", "outlook", "arrangement", "countries", "outcomes", "runs"}
    for spec in charts.values():
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
        assert not any("url" in data for data in _data_blocks(spec))
    assert 'data-empty="survey"' in page and "No salary survey is loaded" in page


def _data_blocks(spec: dict) -> list[dict]:
    """Every ``data`` object in a spec, however deeply nested."""
    found = []
    stack: list = [spec]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("data"), dict):
                found.append(item["data"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def test_default_target_and_byte_stable(samples_out: Path, tmp_path: Path) -> None:
    out = copy_outputs(samples_out, tmp_path / "processed")
    assert report_here("--output", str(out)).exit_code == 0
    first = (out / "report.html").read_bytes()
    assert report_here("--output", str(out)).exit_code == 0
    assert (out / "report.html").read_bytes() == first


def test_missing_tables_exit_with_the_folder_code(tmp_path: Path) -> None:
    result = report_here("--output", str(tmp_path / "nothing"))
    assert result.exit_code == 3
    assert "no published tables" in result.stderr and "rolescope run" in result.stderr


def test_an_unwritable_target_exits_with_the_folder_code(samples_out: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = report_here("--output", str(samples_out), "--to", str(blocker / "report.html"))
    assert result.exit_code == 3
    assert "cannot write the report" in result.stderr


def test_empty_tables_say_so_in_words(tmp_path: Path) -> None:
    (tmp_path / "raw").mkdir()
    out = tmp_path / "processed"
    run_pipeline(tmp_path / "raw", out)
    result = report_here("--output", str(out))
    assert result.exit_code == 0, result.output
    page = (out / "report.html").read_text(encoding="utf-8")
    for key in ("salary", "tools", "outlook", "arrangement", "countries", "survey", "quarantine"):
        assert f'data-empty="{key}"' in page
    assert "There are no job cards." in page and "Nothing was quarantined" in page
    assert set(specs(page)) == {"outcomes", "runs"}  # the run itself is still shown
    assert 'data-headline="articles" data-count="0"' in page


def add_survey(out: Path) -> None:
    """Give a copied output folder survey values in the contract's survey columns and table.

    Written straight into the files (not through a run with ``--survey``) so the report's
    chart is tested without the survey file; the column types are the schema's own.
    """
    cards = pq.read_table(out / "job_cards.parquet")
    n = cards.num_rows
    values = {
        "survey_p50_usd": [100_000 + 1_000 * i if i % 3 else None for i in range(n)],
        "survey_percentile": [float((i * 37) % 100) if i % 3 else None for i in range(n)],
        "survey_scope": ["country" if i % 3 else None for i in range(n)],
    }
    for name, column in values.items():
        field = TABLES["job_cards"].arrow_schema().field(name)
        array = pa.array(column, field.type)
        index = cards.schema.get_field_index(name)
        cards = cards.set_column(index, field, array) if index >= 0 else cards.append_column(field, array)
    pq.write_table(cards, out / "job_cards.parquet")
    rows = {
        "role_key": ["data-scientist", "data-engineer"], "experience_level": ["SE", "MI"],
        "company_location": ["US", "DE"], "work_year": [2024, 2024], "count": [120, 40],
        "p10_usd": [90_000, 50_000], "p25_usd": [110_000, 60_000], "p50_usd": [140_000, 70_000],
        "p75_usd": [170_000, 80_000], "p90_usd": [200_000, 95_000],
    }
    survey = pa.Table.from_pydict(rows, schema=TABLES["survey_salaries"].arrow_schema())
    pq.write_table(survey, out / "survey_salaries.parquet")


def test_a_loaded_survey_draws_chart_five(samples_out: Path, tmp_path: Path) -> None:
    out = copy_outputs(samples_out, tmp_path / "processed")
    add_survey(out)
    result = report_here("--output", str(out))
    assert result.exit_code == 0, result.output
    page = (out / "report.html").read_text(encoding="utf-8")
    charts = specs(page)
    assert "survey" in charts and 'data-empty="survey"' not in page
    datasets = charts["survey"]["datasets"]
    band_rows = next(rows for rows in datasets.values() if rows and "band" in rows[0])
    matched = sum(1 for i in range(22) if i % 3)
    assert sum(row["cards"] for row in band_rows) == matched


def test_the_run_line_names_the_input_beside_the_output_without_a_machine_path(
    junk_out: Path, tmp_path: Path,
) -> None:
    # junk_out is <base>/processed, made from <base>/raw: the manifest records <base>/raw absolute.
    recorded = json.loads((junk_out / "_manifest.json").read_text(encoding="utf-8"))["input"]
    assert Path(recorded).is_absolute()
    target = tmp_path / "report.html"
    result = report_here("--output", str(junk_out), "--to", str(target))
    assert result.exit_code == 0, result.output
    found = re.search(r'<p class="run"[^>]*>(.*?)</p>', target.read_text(encoding="utf-8"))
    assert found is not None
    run_line = found.group(1)
    assert "from <code>raw</code>" in run_line
    assert str(junk_out.parent) not in run_line


def test_an_input_elsewhere_keeps_its_full_path() -> None:
    from pipeline.report.build import shown_input

    out = Path("/srv/rolescope/processed")
    assert shown_input("/srv/rolescope/raw/2026", out) == "raw/2026"
    assert shown_input("/mnt/dumps", out) == "/mnt/dumps"
    assert shown_input("/srv/rolescope", out) == "/srv/rolescope"
    assert shown_input("raw", out) == "raw"
