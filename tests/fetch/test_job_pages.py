"""``fetch --jobs`` follows each listed job to its own page: found by the board's link grammar,
bounded per run (new jobs first, known ones revalidated with conditional GETs), taken-down
jobs recorded as gone and never asked for again, all through the same politeness as every
fetch. Against a real server on 127.0.0.1 (127.0.0.2 is "a host that is not allowed")."""

from __future__ import annotations

import json
import random
import sqlite3
import threading
from html import escape
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.common.board_urls import job_key
from pipeline.corpus.render_board import BOARD_LAYOUTS, BoardLayout, board_page
from pipeline.fetch import Targets, default_link_parser, fetch, iter_captures
from pipeline.fetch.crawl import FetchSummary
from pipeline.fetch.index import INDEX_NAME
from pipeline.fetch.links import job_page_url, page_links
from pipeline.fetch.store import WARC_DIR
from pipeline.fetch.warc_reader import KIND_HEADER, warc_files
from pipeline.parse.listing import parse_listing
from tests import httpfixture as hf
from tests.fetch.board_markup import JOBS, Job, job_page, listing_page
from tests.fetch.test_fetch import fast, index_rows, server  # noqa: F401 (the server fixture)

LM = "Wed, 01 Jan 2025 00:00:00 GMT"


def serve_board(srv: hf.FixtureServer, jobs: tuple[Job, ...] = JOBS, per_page: int = 3,
                conditional: bool = True) -> str:
    """The listing over pages of ``per_page`` jobs and every job's own page; the listing's URL."""
    pages = [list(jobs[i:i + per_page]) for i in range(0, len(jobs), per_page)]
    for number, page in enumerate(pages, 1):
        html = listing_page(page, number, len(pages)).encode()
        srv.route("/jobs/" + ("" if number == 1 else f"?page={number}"),
                  hf.conditional(html, f'"list{number}"', LM))
    for job in jobs:
        body = job_page(job).encode()
        srv.route(job.path, hf.conditional(body, f'"{job.key}"', LM) if conditional else hf.status(200, body))
    return srv.url("/jobs/")


def job_hits(srv: hf.FixtureServer) -> list[str]:
    return [h.path for h in srv.hits if h.path.startswith("/job/")]


# -- finding job links ----------------------------------------------------------------------


def test_page_links_finds_the_job_pages_a_listing_prints() -> None:
    html = b"""<html><head><base href="https://aijobs.net/"></head><body><ul>
      <li><a href="/job/data-specialist-petah-tikva-center-district-il-268449/?ref=a#top">Data</a></li>
      <li><a href="job/data-specialist-petah-tikva-center-district-il-268449/">again</a></li>
      <li><a href="https://aijobs.net/hiring/jobs/senior-data-engineer-48213/">Senior</a></li>
      <li><a href="/job/100017-data-analyst">legacy</a></li>
      <li><a href="/hiring/jobs/remote/">a filter</a></li>
      <li><a href="/company/medison-pharma-16767/">co</a></li>
      <li><a href="/jobs/skill-python/">Python</a></li><li><a href="http://[broken/job/x-1/">bad</a></li>
      <li><a href="mailto:jobs@aijobs.net">mail</a></li><li><a href="/jobs/?page=2">2</a></li>
    </ul></body></html>"""
    links = page_links("https://aijobs.net/jobs/", html)
    assert links.jobs == [
        "https://aijobs.net/job/data-specialist-petah-tikva-center-district-il-268449/",
        "https://aijobs.net/hiring/jobs/senior-data-engineer-48213/",
        "https://aijobs.net/job/100017-data-analyst",
    ]
    assert links.next_page == "https://aijobs.net/jobs/?page=2"  # a broken href costs nothing else
    assert job_page_url("ftp://aijobs.net/job/x-12/") is None


_HREF_PARTS = st.sampled_from([
    "/job/", "/hiring/jobs/", "job/", "http://", "https://", "[", "]", "%", "#", "?ref=", "-", "12", "700101",
    "data-analyst", "//", ":", "@", " ", "\t", "&#106;", "127.0.0.1", "mailto:", "javascript:", "/"])


@given(st.lists(st.lists(_HREF_PARTS | st.text(max_size=4), max_size=8).map("".join), max_size=6))
def test_any_href_leaves_the_other_links_alone(hrefs: list[str]) -> None:
    """Whatever a page's hrefs hold, link finding never raises, every job it gives is an
    http(s) job page with an id, and the real job link beside them is always found."""
    anchors = "".join(f'<a href="{escape(h)}">x</a>' for h in hrefs)
    html = f'<html><body>{anchors}<a href="/job/quay-analyst-700999/">Quay Analyst</a></body></html>'
    links = page_links("https://aijobs.net/jobs/", html.encode())
    assert "https://aijobs.net/job/quay-analyst-700999/" in links.jobs
    assert all(u.startswith(("http://", "https://")) and job_key(u)[1] for u in links.jobs)
    assert len(links.jobs) == len(set(links.jobs))


@pytest.mark.parametrize("layout", BOARD_LAYOUTS)
def test_fetch_follows_the_same_job_links_the_parser_reads(layout: BoardLayout) -> None:
    """The fetcher and the listing parser share one grammar: every job the parser reads with
    an id is a page the fetcher follows, and nothing else."""
    for seed in range(3):
        page = board_page(random.Random(seed), 1, 2, base_url="https://aijobs.net/hiring/jobs/",
                          layout=layout)
        parsed = [job.url for job in parse_listing(page.html, page.url).jobs if job.job_key]
        assert page_links(page.url, page.html).jobs == parsed


def test_the_shared_fragment_links_two_jobs(real_html_dir: Path) -> None:
    fragment = real_html_dir / "aijobs-fragments" / "aijobs_listing_fragment.html"
    links = page_links("https://aijobs.net/jobs/", fragment.read_bytes())
    assert [job_page_url(u) is not None for u in links.jobs] == [True, True]
    assert [u.rsplit("-", 1)[1] for u in links.jobs] == ["268449/", "268513/"]


# -- the crawl ------------------------------------------------------------------------------


def test_listed_jobs_are_fetched_once_each_on_allowed_hosts_only(
        server: hf.FixtureServer, tmp_path: Path) -> None:  # noqa: F811
    listing = serve_board(server)
    offsite = Job("700199", "Offsite Role", "Cork, County Cork, IE", "EUR 1K-2K", "Mid-level", "Elsewhere",
                  "/company/elsewhere-16199/")
    first = listing_page([*JOBS[:3], JOBS[0], offsite], 1, 2)  # a job printed twice, one on another host
    server.page("/jobs/", first.replace(offsite.path, server.url(offsite.path, host="127.0.0.2")))
    summary = fetch(Targets(job_pages=[listing]), tmp_path, fast(), progress=False)
    assert sorted(job_hits(server)) == sorted(j.path for j in JOBS)  # ?ref= dropped, each once
    assert summary.refused == {"refused_host": 1} and summary.refused_hosts == {"127.0.0.2": 1}
    assert summary.job_pages == {"fetched": 5}
    assert summary.fetched == 2 + 5
    kinds = {c.url: c for c in iter_captures(tmp_path)}
    assert set(kinds) == {listing, server.url("/jobs/?page=2"), *(server.url(j.path) for j in JOBS)}
    assert "job pages: 5 (fetched=5)" in summary.line()


def test_job_pages_carry_their_kind_into_the_warc(server: hf.FixtureServer, tmp_path: Path) -> None:  # noqa: F811
    fetch(Targets(job_pages=[serve_board(server, JOBS[:2])]), tmp_path, fast(), progress=False)
    from warcio.archiveiterator import ArchiveIterator

    kinds: dict[str, str] = {}
    for path in warc_files(tmp_path):
        with open(path, "rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type == "response":
                    kinds[record.rec_headers.get_header("WARC-Target-URI")] = record.rec_headers.get_header(
                        KIND_HEADER)
    assert kinds == {server.url("/jobs/"): "jobs", server.url(JOBS[0].path): "job",
                     server.url(JOBS[1].path): "job"}


def test_a_job_page_links_nowhere(server: hf.FixtureServer, tmp_path: Path) -> None:  # noqa: F811
    listing = serve_board(server, JOBS[:1])
    server.page(JOBS[0].path, job_page(JOBS[0], similar=("/job/similar-one-700301/", "/jobs/?page=7")))
    summary = fetch(Targets(job_pages=[listing]), tmp_path, fast(), progress=False)
    assert summary.job_pages == {"fetched": 1}
    assert server.count("/job/similar-one-700301/") == 0 and server.count("/jobs/?page=7") == 0


def test_max_job_pages_bounds_a_run_and_zero_fetches_listings_only(
        server: hf.FixtureServer, tmp_path: Path) -> None:  # noqa: F811
    listing = serve_board(server)
    two = fast(max_job_pages=2, concurrency=1)
    summary = fetch(Targets(job_pages=[listing]), tmp_path / "two", two, progress=False)
    assert job_hits(server) == [JOBS[0].path, JOBS[1].path]  # the listing's order: newest first
    assert summary.ignored == {"max_job_pages": 3} and summary.job_pages == {"fetched": 2}
    server.hits.clear()
    summary = fetch(Targets(job_pages=[listing]), tmp_path / "none", fast(max_job_pages=0), progress=False)
    assert job_hits(server) == [] and summary.fetched == 2
    assert summary.ignored == {} and "job pages" not in summary.line()


def test_new_jobs_come_first_and_known_ones_are_revalidated_with_what_is_left(
        server: hf.FixtureServer, tmp_path: Path) -> None:  # noqa: F811
    listing = serve_board(server)
    fetch(Targets(job_pages=[listing]), tmp_path, fast(max_job_pages=2, concurrency=1), progress=False)
    server.hits.clear()
    second = fetch(Targets(job_pages=[listing]), tmp_path, fast(max_job_pages=4, concurrency=1),
                   progress=False)
    # jobs 3 to 5 were never fetched: they go first; then one known job is asked again, conditionally
    assert job_hits(server) == [JOBS[2].path, JOBS[3].path, JOBS[4].path, JOBS[0].path]
    revalidation = server.hits_for(JOBS[0].path)[-1]
    assert revalidation.headers["if-none-match"] == '"700101"'
    assert revalidation.headers["if-modified-since"] == LM
    assert second.job_pages == {"fetched": 3, "unchanged": 1}
    assert second.ignored == {"max_job_pages": 1}  # job 2 waits for the next run
    server.hits.clear()
    third = fetch(Targets(job_pages=[listing]), tmp_path, fast(), progress=False)
    assert sorted(job_hits(server)) == sorted(j.path for j in JOBS)
    assert third.job_pages == {"unchanged": 5} and third.warc_file is None  # 304s: nothing stored


def test_a_job_taken_down_is_recorded_gone_and_never_asked_again(
        server: hf.FixtureServer, tmp_path: Path) -> None:  # noqa: F811
    listing = serve_board(server)
    server.route(JOBS[1].path, hf.status(404, b"not found"))
    server.route(JOBS[2].path, hf.status(410, b"gone"))
    server.route(JOBS[3].path, hf.redirect("/jobs/"))  # a board that sends a taken-down job to its listing
    first = fetch(Targets(job_pages=[listing]), tmp_path, fast(), progress=False)
    assert first.job_pages == {"fetched": 2, "gone": 3}
    assert first.failed == {} and first.refused == {}  # a job taken down is no failure
    assert "gone=3" in first.line()
    rows = index_rows(tmp_path, "SELECT url, outcome, reason, kind FROM failures ORDER BY url")
    assert sorted(rows) == sorted([
        (server.url(JOBS[1].path), "gone", "http_404", "job"),
        (server.url(JOBS[2].path), "gone", "http_410", "job"),
        (server.url(JOBS[3].path), "gone", "redirected_off_job", "job"),
    ])
    assert server.url(JOBS[3].path) not in {c.url for c in iter_captures(tmp_path)}  # the listing is not kept
    server.hits.clear()
    second = fetch(Targets(job_pages=[listing]), tmp_path, fast(), progress=False)
    assert sorted(job_hits(server)) == sorted([JOBS[0].path, JOBS[4].path])
    assert second.retried == 0 and second.ignored == {"job_gone": 3}


def test_a_failing_job_page_is_retried_by_the_next_run(server: hf.FixtureServer, tmp_path: Path) -> None:  # noqa: F811
    listing = serve_board(server, JOBS[:2])
    healthy = threading.Event()
    body = job_page(JOBS[1]).encode()
    server.route(JOBS[1].path, lambda h: h.reply(200, body) if healthy.is_set() else h.reply(503, b"busy"))
    first = fetch(Targets(job_pages=[listing]), tmp_path, fast(), progress=False)
    assert first.failed == {"http_503": 1} and first.job_pages == {"fetched": 1, "failed": 1}
    healthy.set()
    second = fetch(Targets(), tmp_path, fast(), progress=False)  # no targets: the failure alone
    assert (second.retried, second.job_pages) == (1, {"fetched": 1})


def test_job_pages_obey_robots_and_max_urls(server: hf.FixtureServer, tmp_path: Path) -> None:  # noqa: F811
    listing = serve_board(server)
    server.page("/robots.txt", f"User-agent: *\nDisallow: {JOBS[0].path}\n", "text/plain")
    summary = fetch(Targets(job_pages=[listing]), tmp_path / "robots", fast(), progress=False)
    assert server.count(JOBS[0].path) == 0
    assert summary.skipped_robots == 1 and summary.job_pages == {"fetched": 4, "skipped_robots": 1}
    del server.routes["/robots.txt"]
    summary = fetch(Targets(job_pages=[listing]), tmp_path / "urls", fast(max_urls=3), progress=False)
    assert summary.refused == {"max_urls": 4}  # room for both listing pages and the first job
    assert summary.job_pages == {"fetched": 1}


def test_job_pages_are_paced_like_every_request(server: hf.FixtureServer, tmp_path: Path) -> None:  # noqa: F811
    listing = serve_board(server)
    fetch(Targets(job_pages=[listing]), tmp_path, fast(rate=10.0), progress=False)
    times = sorted(h.at for h in server.hits)  # robots.txt, two listing pages, five job pages
    assert len(times) == 8
    assert times[-1] - times[0] >= 7 * 0.1 * 0.9  # one request per 0.1 s on the host, at most


def test_an_interrupted_run_resumes_its_job_pages_within_the_bound(
        server: hf.FixtureServer, tmp_path: Path) -> None:  # noqa: F811
    listing = serve_board(server)
    calls = [0]

    def interrupting(url: str, html: bytes) -> tuple[list[str], str | None]:
        calls[0] += 1
        if calls[0] == 2:  # reading the second listing page
            raise KeyboardInterrupt
        return default_link_parser(url, html)

    settings = fast(concurrency=1, max_job_pages=4)
    with pytest.raises(KeyboardInterrupt):
        fetch(Targets(job_pages=[listing]), tmp_path, settings, parse_links=interrupting, progress=False)
    pending = {u for (u,) in index_rows(tmp_path, "SELECT url FROM frontier WHERE state = 'pending'")}
    assert server.url("/jobs/?page=2") in pending
    fetched_before = set(job_hits(server))
    resumed = fetch(Targets(), tmp_path, settings, progress=False)
    assert resumed.resumed == len(pending)
    hits = job_hits(server)
    assert len(hits) == len(set(hits)) == 4  # the bound held over the interruption, none fetched twice
    assert fetched_before <= set(hits)


def test_the_summary_counts_job_pages_in_its_line_its_fields_and_the_runs_table(
        server: hf.FixtureServer, tmp_path: Path) -> None:  # noqa: F811
    listing = serve_board(server, JOBS[:2])
    server.route(JOBS[1].path, hf.status(410, b""))
    summary = fetch(Targets(job_pages=[listing]), tmp_path, fast(), progress=False)
    assert summary.fields()["job_pages"] == {
        "fetched": 1, "unchanged": 0, "gone": 1, "failed": 0, "refused": 0, "skipped_robots": 0}
    with sqlite3.connect(tmp_path / WARC_DIR / INDEX_NAME) as db:
        line, counts = db.execute("SELECT summary, counts FROM runs").fetchone()
    assert line == summary.line() and "job pages: 2 (fetched=1, gone=1)" in line
    assert json.loads(counts)["job_pages"]["gone"] == 1 and json.loads(counts)["fetched"] == 2


def test_an_index_from_before_job_pages_gets_the_counts_column(tmp_path: Path) -> None:
    (tmp_path / WARC_DIR).mkdir()
    with sqlite3.connect(tmp_path / WARC_DIR / INDEX_NAME) as db:
        db.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, "
                   "finished_at TEXT, warc_file TEXT, summary TEXT)")
        db.execute("INSERT INTO runs (started_at, summary) VALUES ('2025-01-01T00:00:00+00:00', 'old')")
    summary = fetch(Targets(), tmp_path, fast(), progress=False)
    assert index_rows(tmp_path, "SELECT summary, counts FROM runs ORDER BY id") == [
        ("old", None), (summary.line(), summary.counts_json())]


def test_summary_line_without_job_pages_is_unchanged() -> None:
    summary = FetchSummary(fetched=1)
    assert "job pages" not in summary.line()
    summary.job_pages.update({"fetched": 2, "gone": 1})
    assert "; job pages: 3 (fetched=2, gone=1); " in summary.line()
