"""The example analysis in examples/analysis.py answers its three questions on the bundled samples."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES, SHARED

SURVEY = SHARED / "reference" / "ai-jobs-net-salaries.csv"


@pytest.fixture(scope="module")
def processed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("analysis") / "processed"
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "--input", str(SAMPLES), "--output", str(out),
         *(["--survey", str(SURVEY)] if SURVEY.is_file() else [])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return out


def test_script_runs_and_answers(processed: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "analysis.py"), str(processed)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert (
        "1. Senior (SE) pay in the US" in out and "2. Tools" in out and "3. Roles with the strongest" in out
    )
    assert "4. The survey on each comparison's two roles" in out


def test_answers_are_computed_from_the_tables(processed: Path) -> None:
    sys.path.insert(0, str(ROOT / "examples"))
    try:
        import analysis  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    pay = analysis.senior_us_pay(processed)
    assert set(pay.remote_ratio) <= {0, 50, 100} and len(pay) >= 1
    assert (pay.min_usd <= pay.max_usd).all()
    tools = analysis.tools_per_role(processed)
    mlops = tools[tools.role_key == "machine-learning-operations-engineer"]
    assert "Docker" in set(mlops.name) and len(mlops) == 5
    outlook = analysis.strongest_outlook(processed)
    assert list(outlook.best_percent) == sorted(outlook.best_percent, reverse=True)
    assert outlook.iloc[0]["role_key"] == "data-scientist"


def _readme_tools_snippet() -> str:
    """The README's answer to "which tools does each role list" (the lines after its comment)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("# Which tools does each role list", 1)[1].split("\n\n", 1)[0]
    lines = block.splitlines()[1:]
    return "\n".join(lines)


def test_readme_snippet_counts_what_the_example_counts(
    processed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15 item 24: the README and examples/analysis.py count the same thing."""
    import pipeline

    sys.path.insert(0, str(ROOT / "examples"))
    try:
        import analysis  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    monkeypatch.chdir(processed.parent)
    statements = _readme_tools_snippet().replace("\\\n", "").splitlines()
    marker = 'drop_duplicates(["article_key", "role_key", "name"])'
    tools = next(i for i, line in enumerate(statements) if marker in line)
    scope: dict = {"pipeline": pipeline}
    exec("\n".join(statements[:tools]), scope)
    counts = eval(statements[tools], scope)
    example = analysis.tools_per_role(processed, top=1000)
    expected = {(r.role_key, r.name): r.comparisons for r in example.itertuples()}
    assert {key: int(value) for key, value in counts.items()} == expected


def _analysis() -> object:
    sys.path.insert(0, str(ROOT / "examples"))
    try:
        import analysis  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    return analysis


def test_the_survey_question_is_answered_from_the_survey_table(processed: Path) -> None:
    if not SURVEY.is_file():
        pytest.skip("salary survey not found: ../shared/reference/ai-jobs-net-salaries.csv is absent")
    analysis = _analysis()
    answer = analysis.survey_for_comparisons(processed)  # type: ignore[attr-defined]
    assert set(answer.columns) >= {"article_key", "role_key", "p50_usd", "count"}
    known = answer[answer["count"].notna()]
    assert len(known) >= 4  # most compared roles (data scientist, data engineer...) are in the survey
    assert ((known.p25_usd <= known.p50_usd) & (known.p50_usd <= known.p75_usd)).all()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated corpus of every format and layout (the real captures end before their outlooks)."""
    from pipeline.corpus.generate import write_corpus

    root = tmp_path_factory.mktemp("generated")
    write_corpus(root / "raw", 80, 23)
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "--input", str(root / "raw"), "--output", str(root / "out"),
         "--workers", "1", "-q"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return root / "out"


@pytest.mark.parametrize("corpus", ["processed", "generated"])
def test_the_readme_questions_have_answers(corpus: str, request: pytest.FixtureRequest) -> None:
    """The README's three questions give non-empty answers on the samples and on a generated corpus."""
    path = request.getfixturevalue(corpus)
    analysis = _analysis()
    pay = analysis.senior_us_pay(path)  # type: ignore[attr-defined]
    tools = analysis.tools_per_role(path)  # type: ignore[attr-defined]
    outlook = analysis.strongest_outlook(path)  # type: ignore[attr-defined]
    assert len(pay) >= 1 and pay.jobs.sum() >= 1
    assert len(tools) >= 5 and tools.role_key.nunique() >= 2
    assert len(outlook) >= 3 and outlook.best_percent.notna().all()
    assert outlook.role_key.nunique() == len(outlook)
