"""The report in a real browser: headless Chromium opens the file, every chart draws, nothing is fetched.

Driven by Playwright against the system's Chromium (Debian's ``chromium`` package, which
``.ci/run`` installs when missing); Playwright's own browser download is never used. The
test skips, saying why, only where no Chromium is installed or it cannot start.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import pipeline
from pipeline.corpus.render_live_pages import live_job_page
from pipeline.report import write_report
from pipeline.report.frames import top_job_skills
from tests.conftest import SAMPLES
from tests.report.conftest import run_pipeline
from tests.report.test_report_cli import add_survey, copy_outputs

pytestmark = pytest.mark.e2e

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
"""Without the background-networking flags, Chromium's own connections would be attempted."""

SCREENSHOT_ENV = "ROLESCOPE_REPORT_SCREENSHOT"
"""Set to a path (``docs/report.png`` for the README) to keep the samples' screenshot there."""


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium installed (Debian: apt-get install chromium; .ci/run installs it)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A persistent headless Chromium context on a new empty profile."""
    executable = _chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with tempfile.TemporaryDirectory() as profile, sync_api.sync_playwright() as playwright:
        try:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=executable, headless=True, args=CHROMIUM_FLAGS,
                viewport={"width": 1100, "height": 900},
            )
        except Exception as error:  # a Chromium that cannot start here (no display libraries, ...)
            pytest.skip(f"Chromium at {executable} could not start: {error}")
        yield context
        context.close()


def open_report(context: Any, path: Path) -> tuple[Any, list[str]]:
    """Open a report, record every request the page makes, and wait until every chart has drawn."""
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.resolve().as_uri())
    page.wait_for_selector("body[data-rendered]", timeout=60_000)
    assert not errors, errors
    return page, requests


def drawn(page: Any) -> dict[str, dict[str, Any]]:
    """Per chart container: whether vega-embed finished, and how many svg/canvas it holds."""
    result: dict[str, dict[str, Any]] = page.evaluate(
        """() => Object.fromEntries(Array.from(document.querySelectorAll('div.chart')).map(el => [
            el.dataset.chart,
            {drawn: el.dataset.drawn, svg: el.querySelectorAll('svg').length,
             canvas: el.querySelectorAll('canvas').length,
             marks: el.querySelectorAll('svg .mark-rect path, svg .mark-rect, svg path, svg line').length}
        ]))"""
    )
    return result


def open_with_chart(context: Any, out: Path, chart: str) -> Any:
    """The report of ``out`` written and opened, having fetched nothing, with ``chart`` drawn
    as one svg with marks (the caller closes the page)."""
    write_report(out)
    page, requests = open_report(context, out / "report.html")
    state = drawn(page)[chart]
    assert len(requests) == 1 and state["drawn"] == "true" and state["svg"] == 1 and state["marks"] > 0, state
    return page


def test_every_chart_draws_offline_and_the_headline_equals_the_tables(
    browser: Any, junk_out: Path, tmp_path: Path,
) -> None:
    samples_out = junk_out  # the samples and two quarantined documents
    target = tmp_path / "report.html"
    write_report(samples_out, target)
    page, requests = open_report(browser, target)
    try:
        assert requests == [target.resolve().as_uri()], f"the page fetched something: {requests}"
        charts = drawn(page)
        assert set(charts) == {"salary", "tools", "outlook", "arrangement", "countries", "outcomes", "runs"}
        assert page.locator("[data-empty=skills]").count() == 1  # the samples hold no job's own page
        for key, state in charts.items():
            assert state["drawn"] == "true", key
            assert state["svg"] + state["canvas"] >= 1 and state["marks"] > 0, (key, state)
        assert page.locator("[data-empty=survey]").count() == 1
        headline = {
            key: int(page.get_attribute(f"[data-headline={key}]", "data-count") or -1)
            for key in ("articles", "comparisons", "roles", "job_cards", "quarantined")
        }
        shown = {key: page.inner_text(f"[data-headline={key}] .value") for key in headline}
        articles = pipeline.load("articles", samples_out)
        assert headline == {
            "articles": len(articles),
            "comparisons": articles.article_key.nunique(),
            "roles": len(pipeline.load("roles", samples_out)),
            "job_cards": len(pipeline.load("job_cards", samples_out)),
            "quarantined": len(pipeline.load("quarantine", samples_out)),
        }
        assert {key: int(text.replace(",", "")) for key, text in shown.items()} == headline
        assert headline["quarantined"] == 2
        assert page.locator("#quarantine tbody tr").count() == headline["quarantined"]
        reasons = set(page.locator("#quarantine tbody td:nth-child(3)").all_inner_texts())
        assert reasons == set(pipeline.load("quarantine", samples_out).reason)
        shot = Path(os.environ.get(SCREENSHOT_ENV) or tmp_path / "report.png")
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
    finally:
        page.close()


def test_the_survey_chart_draws_when_a_survey_is_loaded(
    browser: Any, samples_out: Path, tmp_path: Path,
) -> None:
    out = copy_outputs(samples_out, tmp_path / "processed")
    add_survey(out)
    page = open_with_chart(browser, out, "survey")
    page.close()


def test_the_skills_chart_draws_from_job_pages(browser: Any, tmp_path: Path) -> None:
    """Job pages of the generated live board beside the samples: their skills are charted,
    and the numbers drawn are the table's."""
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLES, raw / "samples")
    rng = random.Random(5)
    (raw / "jobs").mkdir()
    for index in range(40):
        (raw / "jobs" / f"job-{index:02d}.html").write_bytes(live_job_page(rng, index).html)
    out = tmp_path / "processed"
    run_pipeline(raw, out, cwd=tmp_path)
    page = open_with_chart(browser, out, "skills")
    try:
        bars = top_job_skills(pipeline.load("job_skills", out), pipeline.load("job_cards", out))
        assert not bars.empty
        labels = set(page.evaluate("""() => Array.from(document.querySelectorAll(
            '[data-chart=skills] svg .role-axis-label text')).map(t => t.textContent)"""))
        assert set(bars["name"]) <= labels
        page.screenshot(path=str(tmp_path / "skills.png"), full_page=True)
    finally:
        page.close()
