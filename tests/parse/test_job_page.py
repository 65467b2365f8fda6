"""A job's own page on the board: recognised by its title and the card runs under it, read
with the listing card's grammar; articles, listings, blog posts and ads are not job pages.
Short listings of the board are listings; other sites' pages with a job link or two are not."""

from __future__ import annotations

import pytest

from pipeline.corpus import SPECS, render_html
from pipeline.corpus.render_board import board_page
from pipeline.parse.board import read_board_page
from pipeline.parse.cards.runs import Chunk
from pipeline.parse.job_page import JobPage, run_kind
from pipeline.parse.listing import ListingPage, is_listing_page

# A page in the board's detail markup, with text written for this test.
DETAIL = """<html><head><title>Tide Gauge Analyst | board</title></head><body>
<nav><a href="/jobs/">Jobs</a> <a href="/jobs/skill-rust/">Rust jobs</a></nav><main>
<h1 class="font-monospace fs-2 py-3">Tide Gauge Analyst</h1>
<div class="row g-3"><div class="col">
  <strong>Haifa, Haifa District, IL</strong>
  <span class="text-bg-success px-1 rounded">R</span>
  <p class="py-4"><span class="text-bg-secondary px-1 rounded">EUR 72K-88K</span>
     <span class="text-bg-warning px-1 rounded">Senior-level</span></p></div>
  <div class="col-6 text-end"><div class="fw-bold mb-2">
     <a class="d-block" href="/company/saltmarsh-systems-4410/"> @ S... </a></div>
  <span class="d-block text-muted py-2"> Published 15d ago </span></div></div>
<h5>Tasks</h5><ul><li>Calibrate harbour sensors every spring</li><li>Write the nightly drift report</li></ul>
<h5>Perks/Benefits</h5><ul><li>Boat days</li></ul>
<h5>Skills/Tech-stack</h5><p><a href="/jobs/skill-rust/">Rust</a> | <a href="/jobs/skill-sql/">SQL</a></p>
<h5>Education</h5><p>Bachelor's degree</p>
</main></body></html>"""

FILE = "saved/tide-gauge.html"


def _job_page(html: str, base: str = FILE, url: str | None = None) -> JobPage:
    page = read_board_page(html, base, url=url)
    assert isinstance(page, JobPage), page
    return page


def test_detail_page_gives_its_card_with_every_field() -> None:
    page = _job_page(DETAIL)
    job = page.job
    assert (job.title, job.company, job.location) == ("Tide Gauge Analyst", "Saltmarsh Systems",
                                                      "Haifa, Haifa District, IL")
    assert (job.is_remote, job.work_mode) == (True, "remote")
    assert (job.seniority, job.salary_text) == ("SE", "EUR 72K-88K")
    assert (job.age_text, job.age_hours, job.position, job.featured) == ("15d ago", 360.0, 1, False)
    assert page.url is None and job.job_key is None  # a saved page that names no URL of its own


def test_the_job_url_is_the_capture_url_else_the_canonical_link_else_og_url() -> None:
    own = "https://aijobs.net/job/tide-gauge-analyst-haifa-haifa-district-il-300777/"
    captured = _job_page(DETAIL, own, url=own + "?utm=x#top")
    assert captured.url == own and captured.job.job_key == "300777"
    canonical = DETAIL.replace("</title>", f'</title><link rel="canonical" href="{own}">')
    assert (_job_page(canonical).url, _job_page(canonical).job.job_key) == (own, "300777")
    og = DETAIL.replace("</title>", f'</title><meta property="og:url" content="{own}">')
    assert _job_page(og).url == own
    relative = DETAIL.replace("</title>", '</title><link rel="canonical" href="/job/x-1/">')
    assert _job_page(relative).url is None  # a relative link cannot be resolved from a file


def test_field_order_unmasked_company_found_age_and_millions() -> None:
    html = DETAIL.replace("@ S...", "Saltmarsh Systems").replace("Published 15d ago", "Found 3h ago")
    html = html.replace("EUR 72K-88K", "JPY 9M-12M (estimate)")
    moved = html.replace("<strong>Haifa, Haifa District, IL</strong>", "").replace(
        "</div></div>\n<h5>", "<strong>Haifa, Haifa District, IL</strong></div></div>\n<h5>", 1)
    for page in (html, moved):
        job = _job_page(page).job
        assert (job.company, job.location, job.age_text) == ("Saltmarsh Systems", "Haifa, Haifa District, IL",
                                                              "3h ago")
        assert job.salary_text == "JPY 9M-12M (estimate)"


def test_a_logo_in_an_h1_does_not_hide_the_title() -> None:
    html = DETAIL.replace("<nav>", '<header><h1><a href="/">aijobs.net</a></h1></header><nav>')
    html = html.replace("<main>", "<main><h1 hidden>Tide Gauge Analyst</h1>")
    assert _job_page(html).job.title == "Tide Gauge Analyst"


def test_missing_fields_are_none_not_guesses() -> None:
    html = DETAIL.replace('<span class="text-bg-secondary px-1 rounded">EUR 72K-88K</span>', "")
    html = html.replace('<span class="text-bg-success px-1 rounded">R</span>', "")
    job = _job_page(html).job
    assert (job.salary_text, job.work_mode, job.is_remote) == (None, None, False)
    assert (job.seniority, job.company) == ("SE", "Saltmarsh Systems")


def test_related_jobs_under_the_sections_do_not_make_it_a_listing() -> None:
    related = "".join(f'<li><a href="/job/other-role-{n}/">Other Role {n}</a> <span>{n}d ago</span></li>'
                      for n in range(1, 6))
    html = DETAIL.replace("</main>", f"<h5>Similar jobs</h5><ul>{related}</ul></main>")
    assert is_listing_page(html, FILE)  # it would pass for a listing...
    assert _job_page(html).job.title == "Tide Gauge Analyst"  # ...but it is the job's own page


@pytest.mark.parametrize("text, kind", [
    ("Found 8h ago", "age"), ("Published 2 days ago", "age"), ("USD 150K-200K", "salary"),
    ("Mid-level", "seniority"), ("Full Time", "employment"), ("Hybrid", "mode"), ("🌍", "mode"),
    ("Lisbon, Lisboa, PT", "place"), ("@ Kelp Works", "company"),
    ("Acme Corp", None), ("Posted by Jane 3d ago", None), ("Salary: about USD 90K", None), ("Apply", None),
])
def test_run_kind(text: str, kind: str | None) -> None:
    assert run_kind(Chunk(text)) == kind


# --- pages that are not a job's own page ----------------------------------------------------

BLOG = """<html><head><title>What do data people earn?</title></head><body><main>
<h1>Salaries in data science</h1><p>By Ada Quill</p><p>Berlin, Germany</p><p>3d ago</p>
<p>Most analysts we asked earn USD 120K-150K a year, and seniors quite a bit more than that, we heard.</p>
<p><a href="/jobs/">Browse jobs</a></p></main></body></html>"""
AD = """<html><body><h1>Sunny loft with balcony</h1><div><span>USD 1,900</span>
<strong>Brooklyn, NY</strong><span>posted 2d ago</span></div>
<h2>Details</h2><p><a href="/jobs/">Jobs near you</a></p></body></html>"""
_CARD = DETAIL[DETAIL.index("<h1"):DETAIL.index("<h5>Tasks")]
TWO_TITLES = DETAIL.replace("<h5>Tasks", _CARD.replace("Tide Gauge", "Quay") + "<h5>Tasks", 1)
SENTENCE = DETAIL.replace(">Tide Gauge Analyst<", ">We are hiring a Tide Gauge Analyst.<")
PROSE_FIRST = DETAIL.replace('<div class="row g-3">', "<p>" + "This role keeps our harbour data honest " * 3
                             + "</p><div>")


@pytest.mark.parametrize("html", [BLOG, AD, TWO_TITLES, SENTENCE, PROSE_FIRST], ids=[
    "blog-with-salary-in-prose", "classified-ad", "two-titles-with-cards", "title-is-a-sentence",
    "prose-under-the-title"])
def test_not_a_job_page(html: str) -> None:
    assert not isinstance(read_board_page(html, FILE), JobPage)


@pytest.mark.parametrize("spec", SPECS[:4], ids=lambda spec: spec.url.rsplit("/", 1)[-1])
def test_an_article_page_is_no_board_page(spec: object) -> None:
    html = render_html(spec, "semantic")  # type: ignore[arg-type]
    assert read_board_page(html, "a.html") is None


def test_a_listing_is_read_as_a_listing_not_as_its_first_job() -> None:
    import random

    generated = board_page(random.Random(5), 1, 3, layout="live", per_page=5)
    page = read_board_page(generated.html.decode(), generated.url)
    assert isinstance(page, ListingPage) and len(page.jobs) == 5


# --- short listings ------------------------------------------------------------------------

SHORT = """<html><body><main><h1>Rust jobs</h1><ul>
<li><a href="/job/ferry-planner-oslo-oslo-no-500001/">Ferry Planner</a> <strong>Oslo, Oslo, NO</strong>
  <span>NOK 600K-700K</span> <span>Mid-level</span> <span>Found 2h ago</span></li>
<li><a href="/job/quay-analyst-bergen-vestland-no-500002/">Quay Analyst</a>
  <strong>Bergen, Vestland, NO</strong>
  <span>Entry-level</span> <span>Published 4d ago</span></li>
</ul>{extra}</main></body></html>"""


@pytest.mark.parametrize("extra", [
    '<p><a href="/company/fjord-lines-812/">Fjord Lines</a></p>',
    '<p><a href="/jobs/skill-rust/">Rust</a></p>',
    '<ul class="pagination"><li><a href="/jobs/remote/?page=2">2</a></li></ul>',
], ids=["company-link", "skill-link", "pager"])
def test_a_short_listing_of_the_board_is_a_listing(extra: str) -> None:
    html = SHORT.format(extra=extra)
    assert is_listing_page(html, "saved/rust.html")
    page = read_board_page(html, "saved/rust.html")
    assert isinstance(page, ListingPage)
    assert [(j.job_key, j.title, j.seniority) for j in page.jobs] == [
        ("500001", "Ferry Planner", "MI"), ("500002", "Quay Analyst", "EN")]


def test_one_or_two_job_links_on_another_site_are_no_listing() -> None:
    plain = SHORT.format(extra='<p><a href="/company/about/">About us</a> <a href="/jobs/">All jobs</a></p>')
    assert not is_listing_page(plain, "https://127.0.0.2/news/rust.html")
    assert read_board_page(plain, "https://127.0.0.2/news/rust.html") is None
