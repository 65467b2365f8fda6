"""examples/analysis.ipynb runs top to bottom on the bundled samples, and is kept in git without outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

import pipeline
from tests.conftest import ROOT
from tests.report.conftest import run_pipeline

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK = ROOT / "examples" / "analysis.ipynb"


def test_notebook_is_kept_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code, "the notebook has no code"
    stale = [i for i, cell in enumerate(code) if cell.outputs or cell.execution_count is not None]
    assert not stale, f"code cells {stale} keep outputs: clear them before committing"


def test_notebook_answers_the_readme_questions_on_the_samples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.conftest import SAMPLES

    out = tmp_path / "processed"
    run_pipeline(SAMPLES, out)
    monkeypatch.setenv("ROLESCOPE_OUTPUT", str(out))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [cell.outputs for cell in notebook.cells if cell.cell_type == "code"]
    assert all(output.output_type != "error" for cell in outputs for output in cell)
    charts = [output for cell in outputs for output in cell
              if "<svg" in str(output.get("data", {}).get("image/svg+xml", ""))]
    assert len(charts) == 3, "one chart per question"
    text = "\n".join(str(output.get("text") or output.get("data", {}).get("text/plain", ""))
                     for cell in outputs for output in cell)
    cards = pipeline.load("job_cards", out)
    assert f"{len(cards)} job cards" in text
    assert "Docker" in text and "data-scientist" in text
