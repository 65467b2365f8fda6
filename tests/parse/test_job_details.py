"""The sections a job's own page prints below its card: headings in any words, level or language,
their items as lists, lines, rows of links or comma text; ``N/A`` is no item; what follows the
job's own sections (similar jobs, the site's chrome) is not the job's. Pages written for this test."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.parse.board import read_board_page
from pipeline.parse.job_details import JobSection, detail_key
from pipeline.parse.job_page import JobPage
from tests.parse.test_job_page import DETAIL

HEAD = """<html><head><title>Kelp Survey Analyst</title></head><body>
<header><nav><a href="/jobs/">Jobs</a> <a href="/jobs/skill-python/">Python jobs</a></nav></header>
<main><h1>Kelp Survey Analyst</h1>
<div><strong>Bergen, Vestland, NO</strong> <span>Mid-level</span> <span>NOK 600K-700K</span>
<a href="/company/north-sea-labs-812/">@ North Sea Labs</a> <span>Found 2d ago</span></div>
"""
TAIL = "</main><footer><h5>About the board</h5><p>Jobs in data since 2020</p></footer></body></html>"


def _sections(body: str, *, base: str = "saved/kelp.html", url: str | None = None) -> tuple[JobSection, ...]:
    page = read_board_page(HEAD + body + TAIL, base, url=url)
    assert isinstance(page, JobPage), page
    return page.sections


def _plain(sections: tuple[JobSection, ...]) -> list[tuple[str, str, list[str]]]:
    return [(s.key, s.heading, list(s.items)) for s in sections]


@pytest.mark.parametrize(("heading", "key"), [
    ("Tasks", "tasks"), ("Responsibilities", "tasks"), ("What you'll do", "tasks"),
    ("Your key responsibilities", "tasks"), ("Deine Aufgaben", "tasks"), ("Vos missions", "tasks"),
    ("Responsabilidades", "tasks"), ("Taken", "tasks"),
    ("Perks/Benefits", "benefits"), ("Benefits", "benefits"), ("What we offer", "benefits"),
    ("Was wir bieten", "benefits"), ("Avantages", "benefits"), ("Beneficios", "benefits"),
    ("Skills/Tech-stack", "skills"), ("Requirements", "skills"), ("Qualifications", "skills"),
    ("Tech stack", "skills"), ("Must have:", "skills"), ("Dein Profil", "skills"),
    ("Compétences requises", "skills"), ("Requisitos", "skills"), ("Vaardigheden", "skills"),
    ("Education", "education"), ("Ausbildung", "education"), ("Formación", "education"),
    ("Degree", "education"),
    ("About the company", "other"), ("Location", "other"),
    ("Why Python skills matter to our many customers today", "other"),
])
def test_headings_map_to_keys_in_many_words_and_languages(heading: str, key: str) -> None:
    assert detail_key(heading) == key


def test_the_boards_page_gives_lists_links_and_a_line() -> None:
    page = read_board_page(DETAIL, "saved/tide-gauge.html")
    assert isinstance(page, JobPage)
    assert _plain(page.sections) == [
        ("tasks", "Tasks", ["Calibrate harbour sensors every spring", "Write the nightly drift report"]),
        ("benefits", "Perks/Benefits", ["Boat days"]),
        ("skills", "Skills/Tech-stack", ["Rust", "SQL"]),
        ("education", "Education", ["Bachelor's degree"]),
    ]


def test_no_section_after_the_card_gives_none() -> None:
    assert _sections("") == ()
    assert _sections("<p>Apply on the company's site.</p>") == ()  # text under no heading


def test_n_a_dash_and_empty_items_are_no_item_and_an_empty_section_is_left_out() -> None:
    body = ("<h5>Perks/Benefits</h5><ul><li>N/A</li><li> - </li><li></li><li>n/a</li></ul>"
            "<h5>Tasks</h5><ul><li>Count seals</li><li>—</li></ul><h5>Education</h5><p>-</p>")
    assert _plain(_sections(body)) == [("tasks", "Tasks", ["Count seals"])]


@pytest.mark.parametrize("row", [
    '<a href="/jobs/skill-python/">Python</a> | <a href="/jobs/skill-sql/">SQL</a> | <a href="/x/">Go</a>',
    '<a href="/jobs/skill-python/">Python</a>, <a href="/jobs/skill-sql/">SQL</a>, <a href="/x/">Go</a>',
    '<a href="/jobs/skill-python/">Python</a> · <a href="/jobs/skill-sql/">SQL</a> · <a href="/x/">Go</a>',
    '<a href="/jobs/skill-python/">Python</a><br><a href="/jobs/skill-sql/">SQL</a><br><a href="/x/">Go</a>',
    '<a href="/jobs/skill-python/">Python</a><a href="/jobs/skill-sql/">SQL</a><a href="/x/">Go</a>',
    "Python, SQL, Go", "Python | SQL | Go", "Python · SQL · Go", "Python<br>SQL<br/>Go",
    "<ul><li>Python</li><li>SQL</li><li>Go</li></ul>",
])
def test_a_skills_section_gives_one_item_per_skill(row: str) -> None:
    sections = _sections(f"<h3>Skills/Tech-stack</h3><p>{row}</p>")
    assert _plain(sections) == [("skills", "Skills/Tech-stack", ["Python", "SQL", "Go"])]


PROSE = "Three years with Python, ideally on a survey team, and a driving licence."


def test_commas_split_only_a_skills_line_of_names() -> None:
    body = ("<h5>Tasks</h5><p>Plan, build and ship the survey maps</p>"
            f"<h5>Requirements</h5><p>{PROSE}</p>")
    assert _plain(_sections(body)) == [
        ("tasks", "Tasks", ["Plan, build and ship the survey maps"]), ("skills", "Requirements", [PROSE])]


def test_nested_lists_give_every_item_once_without_bullets() -> None:
    body = ("<h4>Responsibilities</h4><ul><li>Run the surveys<ul><li>by boat</li><li>by drone</li></ul></li>"
            "<li>• Write reports</li></ul><ol><li>1. Train interns</li></ol>")
    assert _plain(_sections(body)) == [
        ("tasks", "Responsibilities",
         ["Run the surveys", "by boat", "by drone", "Write reports", "Train interns"])]


def test_a_sub_heading_naming_nothing_takes_its_parents_key() -> None:
    body = ("<h3>Skills</h3><h4>Must have</h4><ul><li>Python</li></ul>"
            "<h4>Bonus points</h4><ul><li>QGIS</li></ul>"
            "<h3>Our office</h3><p>By the fish market</p><h4>Getting there</h4><p>Bus 2</p>")
    assert _plain(_sections(body)) == [
        ("skills", "Must have", ["Python"]), ("skills", "Bonus points", ["QGIS"]),
        ("other", "Our office", ["By the fish market"]), ("other", "Getting there", ["Bus 2"]),
    ]


def test_bold_or_colon_lines_naming_a_section_are_headings() -> None:
    body = ("<h2>About the role</h2><p>We map kelp forests.</p>"
            "<p><strong>What you'll do</strong></p><ul><li>Map kelp</li></ul>"
            "<p>Requirements:</p><ul><li>Diving certificate</li></ul>"
            "<p><b>Sea time</b></p><ul><li>Two weeks a year</li></ul>")  # bold, but names no section
    assert _plain(_sections(body)) == [
        ("other", "About the role", ["We map kelp forests."]),
        ("tasks", "What you'll do", ["Map kelp"]),
        ("skills", "Requirements", ["Diving certificate", "Sea time", "Two weeks a year"]),
    ]


def test_similar_jobs_and_page_chrome_are_not_the_jobs() -> None:
    body = ("<h5>Tasks</h5><ul><li>Count kelp</li></ul><aside><h5>Newsletter</h5><p>Sign up</p></aside>"
            '<h5>Skills</h5><p>Python</p><p hidden>Secret</p><p style="display: none">Hidden too</p>'
            '<h5>Similar jobs</h5><ul><li><a href="/job/seal-counter-300001/">Seal Counter</a></li></ul>'
            "<h5>Education</h5><p>MSc</p>")
    assert _plain(_sections(body)) == [("tasks", "Tasks", ["Count kelp"]), ("skills", "Skills", ["Python"])]


def test_a_link_back_to_the_job_itself_is_no_other_job() -> None:
    own = "https://aijobs.net/job/kelp-survey-analyst-300500/"
    body = (f'<h5>Tasks</h5><ul><li>Count kelp</li></ul><h5>Apply</h5>'
            f'<p><a href="{own}?ref=x">Apply here</a></p>')
    assert _plain(_sections(body, base=own, url=own)) == [
        ("tasks", "Tasks", ["Count kelp"]), ("other", "Apply", ["Apply here"])]


def test_the_main_content_ends_the_sections() -> None:
    sections = _sections("<h5>Tasks</h5><ul><li>Count kelp</li></ul>")
    assert [s.heading for s in sections] == ["Tasks"]  # the footer's "About the board" is not read


def test_headings_of_any_level_and_a_page_without_main() -> None:
    html = (HEAD.replace("<main>", "<div>") + "<h2>Your tasks</h2><p>Count kelp</p><h6>Benefits</h6>"
            "<p>Boat days</p><h3>Education</h3><p>BSc</p></div></body></html>")
    page = read_board_page(html, "saved/kelp.html")
    assert isinstance(page, JobPage)
    assert _plain(page.sections) == [("tasks", "Your tasks", ["Count kelp"]),
                                     ("benefits", "Benefits", ["Boat days"]),
                                     ("education", "Education", ["BSc"])]


_HEADINGS = {"tasks": ["Tasks", "Responsibilities", "Aufgaben"],
             "benefits": ["Perks/Benefits", "What we offer"],
             "skills": ["Skills/Tech-stack", "Requirements", "Tech stack"],
             "education": ["Education", "Ausbildung"], "other": ["About us", "Location"]}
_WORDS = st.lists(st.sampled_from(["kelp", "survey", "maps", "boats", "tides", "reports", "sonar", "nets"]),
                  min_size=1, max_size=4).map(lambda words: " ".join(words).capitalize())


@st.composite
def _page_sections(draw: st.DrawFn) -> list[tuple[str, str, list[str], str]]:
    out = []
    for key in draw(st.lists(st.sampled_from(list(_HEADINGS)), max_size=5)):
        items = draw(st.lists(_WORDS, min_size=1, max_size=5))
        form = draw(st.sampled_from(["ul", "p", "br"] + (["links", "commas"] if key == "skills" else [])))
        out.append((key, draw(st.sampled_from(_HEADINGS[key])), items, form))
    return out


def _render(key: str, items: list[str], form: str) -> str:
    if form == "ul":
        return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    if form == "p":
        return "".join(f"<p>{item}</p>" for item in items)
    if form == "br":
        return "<p>" + "<br>".join(items) + "</p>"
    if form == "links":
        links = (f'<a href="/jobs/skill-{i}/">{item}</a>' for i, item in enumerate(items))
        return "<p>" + " | ".join(links) + "</p>"
    return "<p>" + ", ".join(items) + "</p>"


@settings(max_examples=80, deadline=None)
@given(sections=_page_sections(), level=st.integers(2, 6), na=st.booleans())
def test_any_drawn_sections_read_back_as_written(sections: list[tuple[str, str, list[str], str]], level: int,
                                                 na: bool) -> None:
    body = "".join(f"<h{level}>{heading}</h{level}>" + _render(key, items + (["N/A"] if na else []), form)
                   for key, heading, items, form in sections)
    assert _plain(_sections(body)) == [(key, heading, items) for key, heading, items, _ in sections]


def test_a_bold_card_field_with_a_section_word_is_no_heading() -> None:
    head = HEAD.replace("<strong>Bergen, Vestland, NO</strong>", "<strong>Education City, Doha, QA</strong>")
    html = head + ("<p><b>Technical skills:</b></p><p>Python</p>"
                   "<p><b>Minimum qualifications</b></p><p>SQL</p>") + TAIL
    page = read_board_page(html, "saved/kelp.html")
    assert isinstance(page, JobPage) and page.job.location == "Education City, Doha, QA"
    assert _plain(page.sections) == [
        ("skills", "Technical skills", ["Python", "Minimum qualifications", "SQL"])]


def test_a_bold_section_name_right_under_the_card_ends_the_card() -> None:
    html = HEAD + "<p><strong>Tasks</strong></p><ul><li>Count kelp</li></ul>" + TAIL
    page = read_board_page(html, "saved/kelp.html")
    assert isinstance(page, JobPage) and page.job.company == "North Sea Labs"
    assert _plain(page.sections) == [("tasks", "Tasks", ["Count kelp"])]


def test_a_company_named_with_a_section_word_stays_the_company() -> None:
    body = "<h5>Tasks</h5><ul><li>Count kelp</li></ul>"
    html = HEAD.replace("@ North Sea Labs", "Taskrabbit") + body + TAIL
    page = read_board_page(html, "saved/kelp.html")
    assert isinstance(page, JobPage) and page.job.company == "Taskrabbit"
    assert _plain(page.sections) == [("tasks", "Tasks", ["Count kelp"])]
