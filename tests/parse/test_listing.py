"""Listing pages: generated boards against their ground truth, hand-written pages in other
markup, the page-kind check, junk, and the age and job-id tables."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.corpus import SPECS, render_html
from pipeline.corpus.render_board import (
    BOARD_LAYOUTS,
    BoardLayout,
    board_jobs,
    board_page,
    page_url,
    render_board_page,
)
from pipeline.corpus.render_html import LAYOUTS, Layout
from pipeline.parse.listing import ListedJob, is_listing_page, job_key, parse_age, parse_listing

BASE = "https://aijobs.net/hiring/jobs/"
PAGES = 4


def _rng(seed: object, page: int) -> random.Random:
    return random.Random(f"board:{seed}:{page}")


def _as_dicts(jobs: list[ListedJob]) -> list[dict[str, object]]:
    return [dataclasses.asdict(job) for job in jobs]


# --- generated boards ----------------------------------------------------------------------


@pytest.mark.parametrize("layout", BOARD_LAYOUTS)
@pytest.mark.parametrize("page", [1, 2, PAGES])
def test_generated_page_matches_truth(layout: BoardLayout, page: int) -> None:
    generated = board_page(_rng(7, page), page, PAGES, base_url=BASE, layout=layout)
    parsed = parse_listing(generated.html, generated.url)
    assert len(parsed.jobs) == 50
    for got, want in zip(_as_dicts(parsed.jobs), generated.jobs, strict=True):
        assert got == want, f"job {want['position']} differs"


@pytest.mark.parametrize("layout", BOARD_LAYOUTS)
def test_next_url_on_every_page_but_the_last(layout: BoardLayout) -> None:
    for page in range(1, PAGES + 1):
        html = render_board_page(_rng(3, page), page, PAGES, base_url=BASE, layout=layout)
        expected = page_url(BASE, page + 1) if page < PAGES else None
        assert parse_listing(html, page_url(BASE, page)).next_url == expected, page


@settings(max_examples=30)
@given(seed=st.integers(0, 10**6), layout=st.sampled_from(BOARD_LAYOUTS), page=st.integers(1, 6))
def test_any_generated_page_matches_truth(seed: int, layout: BoardLayout, page: int) -> None:
    generated = board_page(random.Random(seed), page, 6, base_url=BASE, layout=layout, per_page=20)
    parsed = parse_listing(generated.html, generated.url)
    assert _as_dicts(parsed.jobs) == generated.jobs
    assert parsed.next_url == generated.next_url


def test_render_board_page_is_board_page_html_and_deterministic() -> None:
    one = render_board_page(_rng(1, 1), 1, 3, base_url=BASE, layout="table")
    assert one == render_board_page(_rng(1, 1), 1, 3, base_url=BASE, layout="table")
    assert one == board_page(_rng(1, 1), 1, 3, base_url=BASE, layout="table").html
    assert one != render_board_page(_rng(2, 1), 1, 3, base_url=BASE, layout="table")


def test_board_page_jobs_are_board_jobs_drawn_first() -> None:
    page = board_page(_rng(5, 2), 2, 3, base_url=BASE, layout="list")
    assert page.jobs == board_jobs(_rng(5, 2), 50, start=50, base_url=BASE)


def test_boards_are_newest_first_and_varied() -> None:
    jobs = [job for page in range(1, PAGES + 1)
            for job in board_page(_rng(9, page), page, PAGES, base_url=BASE).jobs]
    hours = [job["age_hours"] for job in jobs]
    assert hours == sorted(hours)
    assert jobs[0]["age_text"] == "just now" and hours[-1] >= 720
    assert len({job["url"] for job in jobs}) == len(jobs)
    assert any(job["featured"] for job in jobs) and not all(job["featured"] for job in jobs)
    assert any(job["salary_text"] is None for job in jobs)
    assert any(job["company"] is None for job in jobs)
    assert {job["work_mode"] for job in jobs} == {"remote", "hybrid", "onsite", None}
    assert any(len(job["employment_types"]) > 1 for job in jobs)
    assert any(job["job_key"] is None for job in jobs)
    assert any("/job/" in job["url"] for job in jobs)


# --- hand-written pages in other markup ----------------------------------------------------

ARTICLES_PAGE = """<!doctype html><html><head><title>ML jobs</title>
<link rel="next" href="/hiring/jobs/?page=8"></head><body>
<header><nav><a href="/">Home</a> <a href="/hiring/jobs/remote/">Remote</a></nav></header>
<h1>Machine learning jobs</h1>
<section class="results">
 <article>
  <header><h2><a href="/hiring/jobs/staff-ml-engineer-ranking-500123/">Staff ML Engineer, Ranking</a></h2>
   <p>@ <a href="/company/pelican/">Pelican Circuit</a> | Lisbon, Portugal</p></header>
  <footer><span>Posted 5 hours ago</span> <span>[Featured]</span> <span>[SE]</span> <span>[Contract]</span>
   <span>[Full-time]</span> <span>[EUR 90K - 120K]</span> <span>[Remote]</span>
   <a href="/hiring/jobs/staff-ml-engineer-ranking-500123/#apply">Apply now</a></footer>
 </article>
 <article>
  <header><h2><a href="https://aijobs.net/job/41-research-intern">Research Intern</a></h2></header>
  <p>3M</p><p>Minneapolis, MN</p>
  <p><span>USD 40K</span> <span>[EN]</span> <span>[Internship]</span> <span>yesterday</span></p>
  <p hidden>Acme Hidden Co</p>
 </article>
 <article>
  <header><h2><a href="/hiring/jobs/data-engineer-500119">Data Engineer</a></h2></header>
  <div><b>USD</b> 120K-150K</div><div>Hybrid</div><div>Remote (US only)</div><div>2w ago</div>
 </article>
</section></body></html>"""

ARTICLES_EXPECTED = [
    ListedJob(1, "https://aijobs.net/hiring/jobs/staff-ml-engineer-ranking-500123/", "500123",
              "Staff ML Engineer, Ranking", "Pelican Circuit", "Lisbon, Portugal", True, True,
              "5 hours ago", 5.0, "SE", ("contract", "full_time"), "EUR 90K - 120K", "remote"),
    ListedJob(2, "https://aijobs.net/job/41-research-intern", "41", "Research Intern", "3M",
              "Minneapolis, MN", False, False, "yesterday", 24.0, "EN", ("internship",), "USD 40K", None),
    ListedJob(3, "https://aijobs.net/hiring/jobs/data-engineer-500119", "500119", "Data Engineer", None,
              "Remote (US only)", True, False, "2w ago", 336.0, None, (), "USD 120K-150K", "remote"),
]


def test_article_cards_page() -> None:
    page = parse_listing(ARTICLES_PAGE, "https://aijobs.net/hiring/jobs/?page=7")
    assert page.jobs == ARTICLES_EXPECTED
    assert page.next_url == "https://aijobs.net/hiring/jobs/?page=8"


LIST_PAGE = """<html><body><div class="wrap"><h1>Jobs</h1>
<ol>
 <li><div><a href="/en/hiring/jobs/nlp-scientist-77/">NLP Scientist</a> · Featured</div>
     <div>Tern Labs · Paris, France · 🌎</div><div>[MI] [Freelance] [Part Time] USD 70K+ · just now</div></li>
 <li><div><a href="/en/hiring/jobs/nlp-scientist-77/?utm_source=x">NLP Scientist</a></div></li>
 <li><div><a href="/en/hiring/jobs/head-of-data-78/">Head of Data</a></div>
     <div><a href="/companies/quarry/">Quarry &amp; Loom, Inc.</a></div><div>Germany</div>
     <div>[Executive-level / Director] [Temporary] [On-site] 1mo ago</div></li>
 <li><a href="/en/hiring/jobs/ml-ops-79/"><img src="/logo.png" alt="logo"></a>
     <a href="/en/hiring/jobs/ml-ops-79/">MLOps Engineer</a> <span>[EN]</span> <span>Full Time</span>
     <span>3d ago</span> <a href="/en/hiring/jobs/ml-ops-79/">View this job</a></li>
</ol>
<p class="pages"><a href="/en/hiring/jobs/page/2/">2</a> <a href="/en/hiring/jobs/page/3/">3</a></p>
</div></body></html>"""

LIST_EXPECTED = [
    ListedJob(1, "https://aijobs.net/en/hiring/jobs/nlp-scientist-77/", "77", "NLP Scientist", "Tern Labs",
              "Paris, France", True, True, "just now", 0.0, "MI", ("freelance", "part_time"), "USD 70K+",
              "remote"),
    ListedJob(2, "https://aijobs.net/en/hiring/jobs/head-of-data-78/", "78", "Head of Data",
              "Quarry & Loom, Inc.", "Germany", False, False, "1mo ago", 720.0, "EX", ("temporary",), None,
              "onsite"),
    ListedJob(3, "https://aijobs.net/en/hiring/jobs/ml-ops-79/", "79", "MLOps Engineer", None, None, False,
              False, "3d ago", 72.0, "EN", ("full_time",), None, None),
]


def test_list_items_page_with_duplicates_and_path_pages() -> None:
    page = parse_listing(LIST_PAGE, "https://aijobs.net/en/hiring/jobs/")
    # The duplicate link (tracking query) is one job, kept where it first appears; the logo
    # link has no text and the "View this job" link is a label, not a company.
    assert page.jobs == LIST_EXPECTED
    assert page.next_url == "https://aijobs.net/en/hiring/jobs/page/2/"


def test_single_job_page_does_not_read_page_chrome() -> None:
    html = """<body><div class="wrap"><nav><a href="/salaries/">Salaries</a></nav><h1>Open roles</h1>
    <div class="grid"><div class="c"><a href="/hiring/jobs/ai-engineer-5/">AI Engineer</a>
    <span>2h ago</span></div></div><p>Page 3 of 3</p></div></body>"""
    (job,) = parse_listing(html, BASE).jobs
    assert (job.title, job.company, job.location, job.age_hours) == ("AI Engineer", None, None, 2.0)


def test_base_href_and_no_id_links() -> None:
    html = """<html><head><base href="https://ai-jobs.net/x/"></head><body>
    <a href="/hiring/jobs/remote/">Remote jobs</a>
    <div><a href="/hiring/jobs/senior-ml-engineer/">Senior ML Engineer</a> <span>[SE]</span></div>
    <div><a href="/hiring/jobs/data-analyst-9/">Data Analyst</a></div></body></html>"""
    jobs = parse_listing(html, "https://aijobs.net/hiring/jobs/").jobs
    assert [(j.url, j.job_key, j.seniority) for j in jobs] == [
        ("https://ai-jobs.net/hiring/jobs/senior-ml-engineer/", None, "SE"),
        ("https://ai-jobs.net/hiring/jobs/data-analyst-9/", "9", None),
    ]


NEXT_CASES = [
    ('<a href="?page=3">Next page</a>', "https://aijobs.net/hiring/jobs/?page=3"),
    ('<a href="/hiring/jobs/?page=9">»</a> <a href="?page=3">›</a>', "https://aijobs.net/hiring/jobs/?page=3"),
    ('<a href="?page=9">»</a>', "https://aijobs.net/hiring/jobs/?page=9"),
    ('<a href="?page=1">1</a> <a href="?page=3">3</a> <a href="?page=4">4</a>',
     "https://aijobs.net/hiring/jobs/?page=3"),
    ('<a rel="prev next" href="/hiring/jobs/?page=3">3</a>', "https://aijobs.net/hiring/jobs/?page=3"),
    ('<a href="?page=1">‹ Previous</a> <a href="?page=2">2</a>', None),
    ('<a href="javascript:void(0)">Next</a>', None),
    ('<a href="/salaries/?page=3">3</a>', None),
    ("", None),
]


@pytest.mark.parametrize(("pager", "expected"), NEXT_CASES)
def test_next_url_forms(pager: str, expected: str | None) -> None:
    html = f'<body><ul><li><a href="/hiring/jobs/a-1/">A</a></li></ul><div>{pager}</div></body>'
    assert parse_listing(html, "https://aijobs.net/hiring/jobs/?page=2").next_url == expected


# --- which pages are listings --------------------------------------------------------------

NOT_FOUND_PAGE = """<html><head><title>Page not found | aijobs.net</title></head><body>
<nav><a href="/hiring/jobs/">Jobs</a></nav><h1>404</h1><p>This page does not exist.</p>
<h2>Popular jobs</h2><ul><li><a href="/hiring/jobs/a-1/">A</a></li><li><a href="/hiring/jobs/b-2/">B</a></li>
<li><a href="/hiring/jobs/c-3/">C</a></li></ul></body></html>"""


@pytest.mark.parametrize("layout", BOARD_LAYOUTS)
def test_boards_are_listing_pages(layout: BoardLayout) -> None:
    html = render_board_page(_rng(4, 2), 2, 3, base_url=BASE, layout=layout)
    assert is_listing_page(html, page_url(BASE, 2))
    assert is_listing_page(html.decode("utf-8"))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_articles_are_not_listing_pages(layout: Layout) -> None:
    for spec in SPECS:
        assert not is_listing_page(render_html(spec, layout), spec.url)


def test_not_found_and_plain_pages_are_not_listing_pages() -> None:
    assert not is_listing_page(NOT_FOUND_PAGE, "https://aijobs.net/hiring/jobs/?page=99")
    assert not is_listing_page("<html><body><h1>About us</h1><p>We list jobs.</p></body></html>")


def test_short_last_page_counts_only_at_a_board_url() -> None:
    html = '<body><h1>Jobs</h1><ul><li><a href="/hiring/jobs/a-1/">A</a> <span>2h ago</span></li></ul></body>'
    assert is_listing_page(html, "https://aijobs.net/hiring/jobs/?page=12")
    assert not is_listing_page(html, "https://aijobs.net/about/")
    assert not is_listing_page(html)


# --- junk ----------------------------------------------------------------------------------

JUNK: list[str | bytes] = [
    "", b"", "   ", "<html>", "<<<>>>", "\x00\x01\x02", b"\xff\xfe\x00\x00garbage", b"PK\x03\x04\x00\x00",
    '<a href="http://[::1/hiring/jobs/a-1/">x</a>', '<a href="/hiring/jobs/a-1/"></a>',
    "<div>" * 400 + '<a href="/hiring/jobs/deep-1/">Deep</a>',
]


@pytest.mark.parametrize("junk", JUNK)
def test_junk_gives_no_jobs_and_no_error(junk: str | bytes) -> None:
    page = parse_listing(junk, BASE)
    assert page.next_url is None
    assert all(job.title == "Deep" for job in page.jobs)
    assert not is_listing_page(junk)


def test_random_bytes_give_no_jobs() -> None:
    rng = random.Random("junk")
    for _ in range(20):
        data = bytes(rng.randrange(256) for _ in range(2000))
        assert parse_listing(data, BASE).jobs == []
        assert parse_listing(data.decode("latin-1"), BASE).jobs == []


@given(st.text())
def test_never_raises_on_text(text: str) -> None:
    page = parse_listing(text, BASE)
    assert isinstance(page.jobs, list)
    is_listing_page(text, BASE)


@given(st.binary())
def test_never_raises_on_bytes(data: bytes) -> None:
    assert isinstance(parse_listing(data, BASE).jobs, list)
    is_listing_page(data)


_FRAGMENTS = st.sampled_from([
    "<div>", "</div>", "<li>", "<tr><td>", "</td>", "<a href='/hiring/jobs/x-1/'>", "<a href='?page=2'>",
    "</a>", "<h3>", "</h3>", "[SE]", "[Full Time]", "USD 90K+", "2h ago", "@", "|", "·", "Featured", "🌍",
    "Remote", "Berlin, Germany", "Next", "<nav>", "<h1>A vs. B</h1>", "<script>x</script>", "<br>",
])


@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=8)), max_size=60))
def test_never_raises_on_card_like_soup(parts: list[str]) -> None:
    page = parse_listing("".join(parts), BASE)
    assert all(job.url == "https://aijobs.net/hiring/jobs/x-1/" for job in page.jobs)


# --- tables --------------------------------------------------------------------------------

AGES = [
    ("2h ago", "2h ago", 2.0),
    ("3d ago", "3d ago", 72.0),
    ("1w ago", "1w ago", 168.0),
    ("2mo ago", "2mo ago", 1440.0),
    ("just now", "just now", 0.0),
    ("Just now", "Just now", 0.0),
    ("30m ago", "30m ago", 0.5),
    ("15 minutes ago", "15 minutes ago", 0.25),
    ("an hour ago", "an hour ago", 1.0),
    ("5 hrs ago", "5 hrs ago", 5.0),
    ("1 day ago", "1 day ago", 24.0),
    ("30+ days ago", "30+ days ago", 720.0),
    ("2 weeks ago", "2 weeks ago", 336.0),
    ("a month ago", "a month ago", 720.0),
    ("1y ago", "1y ago", 8760.0),
    ("yesterday", "yesterday", 24.0),
    ("Posted 4d ago · Berlin", "4d ago", 96.0),
    ("(12H AGO)", "12H AGO", 12.0),
    ("2h", None, None),
    ("2 hours", None, None),
    ("ago", None, None),
    ("Senior ML Engineer", None, None),
    ("USD 90K+", None, None),
    ("Chicago 3d agony", None, None),
]


@pytest.mark.parametrize(("text", "printed", "hours"), AGES)
def test_age(text: str, printed: str | None, hours: float | None) -> None:
    assert parse_age(text) == (printed, hours)


KEYS = [
    ("https://aijobs.net/hiring/jobs/senior-data-engineer-48213/", True, "48213"),
    ("/hiring/jobs/senior-data-engineer-48213", True, "48213"),
    ("/hiring/jobs/senior-data-engineer-48213/?ref=board#apply", True, "48213"),
    ("/hiring/jobs/ml-engineer-ii-2024-99/", True, "99"),
    ("/en/hiring/jobs/nlp-scientist-77/", True, "77"),
    ("/job/100017-data-analyst", True, "100017"),
    ("/job/100017/", True, "100017"),
    ("/hiring/jobs/remote/", True, None),
    ("/hiring/jobs/senior-ml-engineer/", True, None),
    ("/hiring/jobs/", False, None),
    ("/hiring/jobs/?page=2", False, None),
    ("/hiring/jobs/page/2/", False, None),
    ("/company/acme-12/", False, None),
    ("/insights/data-analyst-vs-data-engineer", False, None),
    ("/job/data-analyst", False, None),
    ("http://[::1/hiring/jobs/a-1/", False, None),
]


@pytest.mark.parametrize(("url", "is_job", "key"), KEYS)
def test_job_key(url: str, is_job: bool, key: str | None) -> None:
    assert job_key(url) == (is_job, key)


# --- the live board's markup ------------------------------------------------------------------

_LIVE = """<html><body><main><h2>Jobs</h2><ul class="list-group">
<li class="list-group-item"><div class="row"><div class="col">
  <a class="font-monospace fw-bold stretched-link"
     href="/job/tide-modeller-lisbon-lisboa-pt-300101/">Tide Modeller</a>
  <div><strong>Lisbon, Lisboa, PT</strong> <span class="text-bg-success px-1 rounded">R</span></div>
  <p><span class="text-bg-secondary">USD 150K-200K</span> <span class="text-bg-warning">Mid-level</span>
     <span class="text-bg-light">Full Time</span></p></div>
  <div class="col text-end"><div class="fw-bold"><a href="/company/kelp-works-5501/"> @ K... </a></div>
  <span class="d-block text-muted"> Found 8h ago </span></div></div></li>
<li class="list-group-item"><a href="/job/reef-analyst-haifa-haifa-district-il-300102/">Reef Analyst</a>
  <strong>Haifa, Haifa District, IL</strong> <span>ILS 139K-151K (estimate)</span> <span>Senior-level</span>
  <a href="/company/coral-data-77/">Coral Data</a> <span>Published 15d ago</span></li>
<li class="list-group-item"><a href="/job/moss-lead-springfield-illinois-us-300103/">Moss Lead</a>
  <strong>Springfield, Illinois, US</strong> <span>Hybrid</span> <span>Entry-level</span>
  <a href="/company/3-ravens-12/">@ 3 Ravens</a> <span>Found 2d ago</span></li>
</ul><ul class="pagination"><li><span>1</span></li><li><a href="?page=2">2</a></li>
<li><a href="?page=3">3</a></li></ul></main></body></html>"""


def test_live_board_markup_gives_every_card_with_every_field() -> None:
    page = parse_listing(_LIVE, "https://aijobs.net/")
    assert page.next_url == "https://aijobs.net/?page=2"
    assert [(j.job_key, j.title, j.company, j.location) for j in page.jobs] == [
        ("300101", "Tide Modeller", "Kelp Works", "Lisbon, Lisboa, PT"),
        ("300102", "Reef Analyst", "Coral Data", "Haifa, Haifa District, IL"),
        ("300103", "Moss Lead", "3 Ravens", "Springfield, Illinois, US"),
    ]
    fields = [(j.seniority, j.employment_types, j.salary_text, j.work_mode, j.age_hours) for j in page.jobs]
    assert fields == [
        ("MI", ("full_time",), "USD 150K-200K", "remote", 8.0),
        ("SE", (), "ILS 139K-151K (estimate)", None, 360.0),
        ("EN", (), None, "hybrid", 48.0),
    ]
    assert is_listing_page(_LIVE, "https://aijobs.net/")


def test_live_job_links_and_unmasking() -> None:
    assert job_key("https://aijobs.net/job/lead-ai-engineer-tel-aviv-yafo-tel-aviv-district-il-268513/") == (
        True, "268513")
    assert job_key("/job/3d-vision-lead-9/") == (True, "9")
    assert job_key("/job/no-id-here/") == (False, None)
    masked_elsewhere = _LIVE.replace("/company/kelp-works-5501/", "/company/other-5501/")
    # a slug that does not start with the masked letter never names the company
    assert parse_listing(masked_elsewhere, "https://aijobs.net/").jobs[0].company == "K..."


def test_the_live_board_fragments(real_html_dir: Path) -> None:
    """The trimmed fragments of the board's own pages: every job link is a job with its id."""
    folder = real_html_dir / "aijobs-fragments"
    listing = parse_listing((folder / "aijobs_listing_fragment.html").read_bytes(), "https://aijobs.net/")
    assert [(j.job_key, j.title) for j in listing.jobs] == [("268449", "Data Specialist"),
                                                             ("268513", "Lead AI Engineer")]
    detail = (folder / "aijobs_detail_fragment.html").read_text("utf-8")
    card = detail.replace("<h1", '<li><a href="/job/data-specialist-268449/"').replace("</h1>", "</a>")
    card = card.replace("<h5>Tasks</h5>", "</li><h5>Tasks</h5>", 1)
    job = parse_listing(card, "https://aijobs.net/").jobs[0]
    assert (job.company, job.seniority, job.is_remote) == ("Medison Pharma", "MI", True)
    assert job.age_text == "8h ago"
    assert job.salary_text is not None and job.salary_text.endswith("(estimate)")
    assert job.location is not None and job.location.endswith(", IL")


def test_skill_links_are_neither_the_remote_badge_nor_the_company() -> None:
    page = _LIVE.replace('<span class="text-bg-success px-1 rounded">R</span>',
                         '<a href="/jobs/skill-r/">R</a> <a href="/jobs/skill-sql/">SQL</a>')
    page = page.replace('<a href="/company/coral-data-77/">Coral Data</a>', '<a href="/jobs/skill-r/">R</a>')
    jobs = parse_listing(page, "https://aijobs.net/").jobs
    assert (jobs[0].work_mode, jobs[0].company) == (None, "Kelp Works")
    assert (jobs[1].company, jobs[1].work_mode) == (None, None)
