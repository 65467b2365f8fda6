"""Generated pages of the live board: every job page gives exactly its card with every field,
every short listing its one or two jobs, through the parser and through the whole pipeline."""

from __future__ import annotations

import random
import re
from dataclasses import asdict

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.corpus.render_live_pages import live_job_page, live_short_listing
from pipeline.parse.board import read_board_page
from pipeline.parse.job_page import JobPage
from pipeline.parse.listing import ListingPage
from pipeline.run.process import process_document


@settings(max_examples=60)
@given(seed=st.integers(0, 10**6), index=st.integers(0, 5_000))
def test_every_generated_job_page_gives_exactly_its_card(seed: int, index: int) -> None:
    generated = live_job_page(random.Random(seed), index)
    page = read_board_page(generated.html.decode("utf-8"), generated.source_uri, url=generated.url)
    assert isinstance(page, JobPage), generated.truth
    truth = dict(generated.truth)
    assert page.url == truth.pop("page_url")
    assert asdict(page.job) == truth


@settings(max_examples=20)
@given(seed=st.integers(0, 10**6), count=st.sampled_from([1, 2]))
def test_every_generated_short_listing_gives_its_jobs(seed: int, count: int) -> None:
    generated = live_short_listing(random.Random(seed), count)
    page = read_board_page(generated.html.decode("utf-8"), generated.url)
    assert isinstance(page, ListingPage)
    assert [asdict(job) for job in page.jobs] == generated.jobs
    saved = read_board_page(generated.html, "saved/rust-jobs.html")  # saved: no board URL to lean on
    assert isinstance(saved, ListingPage) and len(saved.jobs) == count


def test_generated_pages_vary_what_they_print() -> None:
    """The generator covers what the issue asks for: field order, missing fields, masked and
    unmasked companies, both age verbs, K and M salaries, estimates, several currencies."""
    pages = [live_job_page(random.Random(seed), seed) for seed in range(300)]
    html = [page.html.decode("utf-8") for page in pages]
    salaries = [str(page.truth["salary_text"]) for page in pages if page.truth["salary_text"]]
    assert any("@ " in h and "...</a>" in h for h in html) and any("...</a>" not in h for h in html)
    assert any("Found " in h for h in html) and any("Published " in h for h in html)
    assert any("M-" in s or s.endswith("M") for s in salaries) and any("K" in s for s in salaries)
    assert any(s.endswith("(estimate)") for s in salaries) and any(not s.endswith(")") for s in salaries)
    assert len({s.split()[0] for s in salaries}) >= 6
    for field in ("location", "company", "age_text", "seniority", "salary_text", "work_mode"):
        assert any(page.truth[field] is None for page in pages), field
    both = [h for h in html if "Found " in h and "<strong>" in h]
    assert len({h.index("Found ") < h.index("<strong>") for h in both}) == 2  # fields in either order
    assert {page.truth["page_url"] is None for page in pages} == {True, False}


def test_a_generated_job_page_through_the_pipeline() -> None:
    generated = next(page for seed in range(50)
                     if (page := live_job_page(random.Random(seed), seed)).url is not None)
    doc = RawDocument(generated.source_uri, generated.html, "html", url=generated.url)
    result = process_document(doc, Limits())
    assert not result.quarantine
    rows = result.rows
    assert [row["page_kind"] for row in rows["job_sightings"]] == ["job_page"]
    card = rows["job_cards"][0]
    assert (card["title"], card["job_url"]) == (generated.truth["title"], generated.url)


@settings(max_examples=60)
@given(seed=st.integers(0, 10**6), index=st.integers(0, 5_000))
def test_every_generated_job_page_gives_exactly_its_sections(seed: int, index: int) -> None:
    generated = live_job_page(random.Random(seed), index)
    page = read_board_page(generated.html.decode("utf-8"), generated.source_uri, url=generated.url)
    assert isinstance(page, JobPage)
    assert tuple((s.key, s.heading, s.items) for s in page.sections) == generated.sections


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10**6))
def test_generated_sections_through_the_pipeline(seed: int) -> None:
    """Every item becomes a ``job_details`` row in page order; every skills item a ``job_skills``
    row of the skills section (its vocabulary term, or itself as printed)."""
    generated = live_job_page(random.Random(seed), seed)
    result = process_document(RawDocument(generated.source_uri, generated.html, "html", url=generated.url),
                              Limits())
    rows = result.rows
    details = [(row["section_position"], row["section"], row["heading"], row["position"], row["text"])
               for row in rows.get("job_details", [])]
    assert details == [(n, key, heading, i, item) for n, (key, heading, items) in
                       enumerate(generated.sections, start=1) for i, item in enumerate(items, start=1)]
    skills = {row["surface"].casefold() for row in rows.get("job_skills", []) if row["section"] == "skills"}
    printed = {item.casefold() for key, _, items in generated.sections if key == "skills" for item in items}
    assert skills == printed
    assert {row["job_id"] for row in (*rows.get("job_details", []), *rows.get("job_skills", []))} <= {
        rows["job_cards"][0]["job_id"]}


def test_generated_sections_vary_as_real_job_pages_do() -> None:
    """Sections present or absent, the board's headings and others (other languages, levels, bold
    lines), lists, rows of links with each separator, comma text, N/A items left out."""
    pages = [live_job_page(random.Random(seed), seed) for seed in range(300)]
    html = [page.html.decode("utf-8") for page in pages]
    headings = {heading for page in pages for _, heading, _ in page.sections}
    assert {"Tasks", "Perks/Benefits", "Skills/Tech-stack", "Education"} <= headings
    assert {"Deine Aufgaben", "Was wir bieten", "Compétences", "Requirements"} & headings
    keys = {key for page in pages for key, _, _ in page.sections}
    assert keys == {"tasks", "benefits", "skills", "education", "other"}
    assert any(not page.sections for page in pages)
    assert any("<p><strong>" in h for h in html) and any("<h3>" in h for h in html)
    for separator in ("</a> | <a", "</a>, <a", "</a> · <a", "</a><br><a"):
        assert any(separator in h for h in html), separator
    assert any(re.search(r">(?:N/A|-|n/a)<", h) for h in html)
    assert all("N/A" not in items for page in pages for _, _, items in page.sections)
    skill_lines = [h for h in html if re.search(r"<p>[A-Za-z]+, [A-Za-z]+", h)]
    assert skill_lines  # comma text
