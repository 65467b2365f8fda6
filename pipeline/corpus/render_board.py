"""Job-board listing pages with known content: the second document kind, for tests.

Why: :mod:`pipeline.parse.listing` must read listing pages from generic structure (links to job
pages, the text of each job's card), never from one markup. So the same jobs are printed
in three layouts, each with its own class names and its own way of showing every field:

* ``cards`` - a grid of ``<div>`` cards: heading with the title link, ``@ Company |
  City, Country`` or separate company and place lines, badge ``<span>``s, an "Apply" link
  to the same job with a tracking query, a ``rel=next`` "Next ›" link.
* ``table`` - one ``<tr>`` per job with a column per field, ``—`` for a missing salary,
  numbered page links and a "»" link.
* ``list`` - ``<li>`` items whose link wraps the whole item (title in an ``<h3>``), the
  fields joined by ``·`` in a few text runs, numbered page links only (the next page is
  the link to page N+1).
* ``live`` - the board's own current markup (:mod:`pipeline.corpus.render_live_board`):
  Bootstrap badges, one element per field, ``/job/<slug>-<id>/`` links, a numbered pager.

Every page carries site chrome (navigation with category links such as
``/hiring/jobs/remote/``, which look like job links without an id, a cookie banner,
scripts, a footer). Jobs are newest first across pages: job ``g`` of the board (``g =
(page - 1) * per_page + i``) is ``(g + jitter) ** 2 / 10`` hours old (jitter below 1, so the
order holds): page 1 runs from "just now" to a week, page 2 to a month, later pages reach
months. Draw each page from its own ``rng`` (``random.Random(f"{seed}:{page}")``): the
same state twice prints the same jobs again, only older.

All names and titles here are invented for this project. The jobs of a page are
``board_jobs(rng, per_page, start=(page - 1) * per_page, base_url=base_url)``, drawn
first from ``rng``; the presentation is drawn after them, so it never changes the truth.
"""

from __future__ import annotations

import json
import random
import string
from dataclasses import dataclass
from html import escape
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

from pipeline.corpus.render_live_board import live_list, live_pager, live_truth

BoardLayout = Literal["cards", "table", "list", "live"]
BOARD_LAYOUTS: tuple[BoardLayout, ...] = ("cards", "table", "list", "live")
DEFAULT_BASE_URL = "https://aijobs.net/hiring/jobs/"

# --- vocabulary (invented) ---------------------------------------------------------------

_LEVELS: tuple[tuple[str, str | None], ...] = (
    ("", None), ("", None), ("", None), ("Senior ", "SE"), ("Senior ", "SE"), ("Staff ", "SE"),
    ("Lead ", "SE"), ("Principal ", "SE"), ("Junior ", "EN"), ("Graduate ", "EN"),
    ("Head of ", "EX"), ("Director, ", "EX"), ("Intern - ", "EN"),
)
"""Title prefix -> seniority it implies; ``None`` lets the level be drawn (EN or MI)."""
_ROLES = (
    "Machine Learning Engineer", "Data Scientist", "MLOps Engineer", "Applied Scientist",
    "Research Engineer", "Data Engineer", "AI Engineer", "Computer Vision Engineer",
    "NLP Scientist", "Analytics Engineer", "Data Analyst", "ML Platform Engineer",
    "LLM Engineer", "Decision Scientist", "Speech Recognition Engineer", "Search Relevance Engineer",
)
_SPECIALTIES = ("", "", "", "", ", Ranking", ", Fraud Signals", " (Forecasting)", " - Robotics Perception",
                ", Growth", " (m/f/d)", ", Retrieval", " - Payments Risk")
_COMPANIES = (
    "Pelican Circuit", "Hollowbrook Labs", "Vantage Tern", "Quillfeather Bio", "Saltmarsh Systems",
    "Orrery Freight", "Brindle & Hart", "Kettlewick Mobility", "Nightjar Security", "Glasswing Health",
    "Tidewater Grid", "Juniper Ledger", "Cinderpath Games", "Larkspur Retail", "Mossgate Insurance",
    "Ironvale Manufacturing", "Méridienne Données", "Sable Orchard", "Fennec Logistics",
    "Quarry & Loom, Inc.", "Halcyon Vector", "Redwing Therapeutics", "Copperleaf Energy", "Aster 9",
)
_PLACES: tuple[tuple[str, str], ...] = (
    ("Berlin, Germany", "EUR"), ("Munich, Germany", "EUR"), ("Lisbon, Portugal", "EUR"),
    ("Madrid, Spain", "EUR"), ("Paris, France", "EUR"), ("Amsterdam, Netherlands", "EUR"),
    ("Dublin, Ireland", "EUR"), ("London, United Kingdom", "GBP"), ("Edinburgh, UK", "GBP"),
    ("Austin, TX", "USD"), ("New York, NY", "USD"), ("Seattle, WA", "USD"),
    ("San Francisco, California, USA", "USD"), ("Toronto, Canada", "CAD"), ("Zurich, Switzerland", "CHF"),
    ("Singapore", "SGD"), ("Bengaluru, India", "USD"), ("Ireland", "EUR"), ("Warsaw, Poland", "EUR"),
)
_REMOTE_PLACES = ("Remote (EU)", "Remote (US only)", "Worldwide", "Anywhere in Canada")
"""Locations that say remote themselves: no separate marker is printed beside them."""
_EMPLOYMENT = {"full_time": "Full Time", "part_time": "Part Time", "contract": "Contract",
               "freelance": "Freelance", "internship": "Internship", "temporary": "Temporary"}
_SENIORITY_LONG = {"EN": "Entry-level / Junior", "MI": "Mid-level / Intermediate",
                   "SE": "Senior-level / Expert", "EX": "Executive-level / Director"}
_MARKERS = {"remote": "Remote", "hybrid": "Hybrid", "onsite": "On-site"}
_UNITS = ((8760.0, "y", "year"), (720.0, "mo", "month"), (168.0, "w", "week"), (24.0, "d", "day"),
          (1.0, "h", "hour"))
"""Age units, largest first: a 30-day month, a 365-day year (what ``listing`` reads back)."""

_NAV = (("/hiring/jobs/", "Jobs"), ("/hiring/jobs/remote/", "Remote jobs"),
        ("/hiring/jobs/senior/", "Senior jobs"), ("/salaries/", "Salaries"), ("/insights/", "Insights"),
        ("/post-a-job/", "Post a job"))
_FOOTER = (("/about/", "About"), ("/privacy/", "Privacy"), ("/terms/", "Terms"), ("/rss/", "RSS"))
_SCRIPT = ("window.dataLayer=window.dataLayer||[];document.querySelectorAll('[data-save]').forEach("
           "function(b){b.addEventListener('click',function(){b.classList.toggle('on');});});")


@dataclass(frozen=True, slots=True)
class BoardPage:
    """One rendered listing page and what a reader must find in it."""

    url: str
    html: bytes
    jobs: list[dict[str, Any]]
    """Ground truth, one dict per job with the fields of :class:`pipeline.parse.listing.ListedJob`."""
    next_url: str | None


def page_url(base_url: str, page: int) -> str:
    """The URL of board page ``page``: the base for page 1, ``?page=N`` after."""
    return base_url if page == 1 else f"{base_url}?page={page}"


def _e(text: str) -> str:
    return escape(text, quote=False)


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def _letters(number: int) -> str:
    """A number as lower-case letters: a unique slug tail that is not an id."""
    out = ""
    while True:
        number, digit = divmod(number, 26)
        out = string.ascii_lowercase[digit] + out
        if not number:
            return out


def _age(g: int, rng: random.Random) -> tuple[str, float]:
    """The printed age of board job ``g`` and the hours a reader gets back from it."""
    hours = (g + rng.random() * 0.9) ** 2 / 10
    long_form = rng.random() < 0.15
    for size, short, word in _UNITS:
        if hours >= size:
            count = int(hours // size)
            if long_form:
                return f"{count} {word}{'s' if count > 1 else ''} ago", count * size
            return f"{count}{short} ago", count * size
    return "just now", 0.0


def _salary(rng: random.Random, currency: str) -> str | None:
    roll = rng.random()
    low = rng.randrange(45, 230, 5)
    high = low + rng.randrange(10, 90, 5)
    if roll < 0.2:
        return None
    if roll < 0.3:
        return f"{currency} {low}K+"
    if roll < 0.38:
        return f"{currency} {low}K"
    if roll < 0.55:
        return f"{currency} {low}K - {high}K"
    return f"{currency} {low}K-{high}K"


def _employment(rng: random.Random, title: str) -> tuple[str, ...]:
    if title.startswith("Intern"):
        return rng.choice((("internship",), ("internship", "full_time")))
    choices = (("full_time",), ("contract",), ("part_time",), ("freelance",), ("full_time", "contract"),
               ("temporary",), ("part_time", "freelance"))
    return rng.choices(choices, (70, 10, 5, 4, 6, 2, 3))[0]


def board_jobs(rng: random.Random, n: int, *, start: int = 0,
               base_url: str = DEFAULT_BASE_URL) -> list[dict[str, Any]]:
    """``n`` jobs of the board starting at job ``start`` (newest first), as ground-truth
    dicts with the fields of :class:`pipeline.parse.listing.ListedJob`."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    jobs: list[dict[str, Any]] = []
    for index in range(n):
        g = start + index
        level, implied = rng.choice(_LEVELS)
        title = f"{level}{rng.choice(_ROLES)}{rng.choice(_SPECIALTIES)}"
        seniority: str | None = implied or rng.choice(("EN", "MI", "MI"))
        if rng.random() < 0.05:
            seniority = None
        company = rng.choice(_COMPANIES) if rng.random() < 0.85 else None
        mode = rng.choices(("remote", "hybrid", "onsite", None), (30, 15, 10, 45))[0]
        place, currency = rng.choice(_PLACES)
        location: str | None = place
        if mode == "remote":
            roll = rng.random()
            if roll < 0.35:
                location = None
            elif roll < 0.5:
                location, currency = rng.choice(_REMOTE_PLACES), "USD"
        job_id = 4_000_000 - g * 13 - rng.randrange(13)
        link = rng.random()
        key: str | None
        if link < 0.05:
            path, key = f"/job/{job_id}-{_slug(title)}/", str(job_id)
        elif link < 0.07:
            path, key = f"/hiring/jobs/{_slug(title)}-{_letters(g)}/", None
        else:
            path, key = f"/hiring/jobs/{_slug(title)}-{job_id}/", str(job_id)
        age_text, age_hours = _age(g, rng)
        jobs.append({
            "position": index + 1,
            "url": origin + path,
            "job_key": key,
            "title": title,
            "company": company,
            "location": location,
            "is_remote": mode == "remote",
            "featured": rng.random() < 0.1,
            "age_text": age_text,
            "age_hours": age_hours,
            "seniority": seniority,
            "employment_types": _employment(rng, title),
            "salary_text": _salary(rng, currency),
            "work_mode": mode,
        })
    return jobs


# --- presentation --------------------------------------------------------------------------


def _path(job: dict[str, Any]) -> str:
    return str(urlsplit(job["url"]).path)


def _badges(job: dict[str, Any], rng: random.Random) -> list[str]:
    """The bracketed badges as printed: seniority code (sometimes the long phrase) and types."""
    out = []
    if job["seniority"]:
        long_form = rng.random() < 0.1
        out.append(f"[{_SENIORITY_LONG[job['seniority']] if long_form else job['seniority']}]")
    out += [f"[{_EMPLOYMENT[t]}]" for t in job["employment_types"]]
    return out


def _marker_style(job: dict[str, Any], rng: random.Random) -> str | None:
    """How the work mode is shown beside the place: ``globe``, ``badge`` or ``word``;
    ``None`` when nothing is printed (unmarked jobs, or a location that says remote)."""
    mode = job["work_mode"]
    if mode is None or job["location"] in _REMOTE_PLACES:
        return None
    styles = ["badge", "word"] + (["globe"] if mode == "remote" and job["location"] else [])
    return rng.choice(styles)


def _company_link(company: str) -> str:
    return f'<a href="/company/{_slug(company)}/">{_e(company)}</a>'


def _card(job: dict[str, Any], rng: random.Random) -> str:
    style = _marker_style(job, rng)
    marker = _MARKERS.get(job["work_mode"] or "", "")
    tags = [f"<span>{_e(b)}</span>" for b in _badges(job, rng)]
    if style == "badge":
        tags.append(f'<span class="jb-wm">[{marker}]</span>')
    if job["salary_text"]:
        tags.append(f'<span class="jb-pay">{_e(job["salary_text"])}</span>')
    place = _e(job["location"] or "")
    if style == "globe":
        place = f'<span aria-hidden="true">🌍</span> {place}'
    lines = []
    if job["company"] and job["location"] and rng.random() < 0.5:
        lines.append(f'<p class="jb-co">@ {_company_link(job["company"])} | {_e(job["location"])}</p>')
        if style == "globe":
            lines.append('<p class="jb-loc"><span aria-hidden="true">🌍</span></p>')
    else:
        if job["company"]:
            lines.append(f'<p class="jb-co">{_company_link(job["company"])}</p>')
        if job["location"] or style == "globe":
            lines.append(f'<p class="jb-loc">{place}</p>')
    if style == "word":
        lines.append(f'<p class="jb-wm"><span>{marker}</span></p>')
    flag = '<span class="jb-flag">Featured</span> ' if job["featured"] else ""
    href = _path(job)
    return (f'<div class="jb-card{" jb-card--hot" if job["featured"] else ""}">'
            f'<div class="jb-meta">{flag}<time class="jb-age">{_e(job["age_text"])}</time></div>'
            f'<h2 class="jb-title"><a href="{href}">{_e(job["title"])}</a></h2>'
            f'{"".join(lines)}<div class="jb-tags">{" ".join(tags)}</div>'
            f'<a class="jb-apply" href="{href}?ref=board">Apply</a>'
            f'<button type="button" data-save="{job["job_key"] or ""}">Save</button></div>')


def _row(job: dict[str, Any], rng: random.Random) -> str:
    style = _marker_style(job, rng)
    marker = _MARKERS.get(job["work_mode"] or "", "")
    place = _e(job["location"] or "")
    if style == "globe":
        place = f"🌍 {place}"
    elif style == "word":
        place = f'{place} <span class="w">{marker}</span>'.strip()
    types = " ".join(_badges(job, rng))
    if style == "badge":
        types += f" [{marker}]"
    flag = " <small>Featured</small>" if job["featured"] else ""
    return (f'<tr><td class="r-t"><a href="{_path(job)}">{_e(job["title"])}</a>{flag}</td>'
            f'<td class="r-c">{_e(job["company"] or "")}</td><td class="r-l">{place}</td>'
            f'<td class="r-b">{types}</td><td class="r-s">{_e(job["salary_text"] or "—")}</td>'
            f'<td class="r-a">{_e(job["age_text"])}</td></tr>')


def _item(job: dict[str, Any], rng: random.Random) -> str:
    style = _marker_style(job, rng)
    marker = _MARKERS.get(job["work_mode"] or "", "")
    badges = _badges(job, rng)
    if style == "badge":
        badges.append(f"[{marker}]")
    head = [*(["⭐ Featured"] if job["featured"] else []), job["age_text"], " ".join(badges),
            *([job["salary_text"]] if job["salary_text"] else [])]
    where = [*([f"@ {job['company']}"] if job["company"] else [])]
    if job["location"]:
        where.append(f"🌍 {job['location']}" if style == "globe" else job["location"])
    if style == "word":
        where.append(marker)
    return (f'<li class="feed-item"><a class="feed-link" href="{_path(job)}">'
            f'<h3>{_e(job["title"])}</h3><div class="feed-l1">{_e(" · ".join(head))}</div>'
            f'<div class="feed-l2">{_e(" · ".join(where))}</div></a></li>')


def _pager(layout: BoardLayout, page: int, pages: int, base_url: str) -> str:
    path = urlsplit(base_url).path
    if layout == "live":
        return live_pager(path, page, pages)
    if layout == "cards":
        prev = f'<a href="?page={page - 1}">‹ Previous</a> ' if page > 1 else ""
        nxt = f' <a rel="next" href="?page={page + 1}">Next ›</a>' if page < pages else ""
        return f'<nav class="pager" aria-label="Pages">{prev}<span>Page {page} of {pages}</span>{nxt}</nav>'
    numbers = [f"<strong>{k}</strong>" if k == page else f'<a href="{path}?page={k}">{k}</a>'
               for k in range(1, pages + 1)]
    if layout == "table":
        prev = f'<a href="{path}?page={page - 1}">«</a> ' if page > 1 else ""
        nxt = f' <a href="{path}?page={page + 1}">»</a>' if page < pages else ""
        return f'<div class="pg">{prev}{" ".join(numbers)}{nxt}</div>'
    items = "".join(f"<li>{n}</li>" for n in numbers)
    return f'<ol class="pages">{items}</ol>'


def _page(layout: BoardLayout, jobs: list[dict[str, Any]], rng: random.Random, *, page: int,
          pages: int, url: str, base_url: str) -> str:
    host = urlsplit(base_url).netloc
    nav = "".join(f'<li><a href="{href}">{label}</a></li>' for href, label in _NAV)
    foot = " · ".join(f'<a href="{href}">{label}</a>' for href, label in _FOOTER)
    ld = json.dumps({"@context": "https://schema.org", "@type": "CollectionPage", "url": url,
                     "name": f"AI and data jobs, page {page}"})
    if layout == "cards":
        body = f'<div class="jb-grid">{"".join(_card(j, rng) for j in jobs)}</div>'
    elif layout == "table":
        rows = "".join(_row(j, rng) for j in jobs)
        body = ('<table class="board"><thead><tr><th>Role</th><th>Company</th><th>Where</th>'
                f'<th>Tags</th><th>Pay</th><th>Posted</th></tr></thead><tbody>{rows}</tbody></table>')
    elif layout == "live":
        body = live_list(jobs, rng)
    else:
        body = f'<ul class="feed">{"".join(_item(j, rng) for j in jobs)}</ul>'
    companies = "".join(f'<li>{_company_link(c)}</li>' for c in rng.sample(_COMPANIES, 5))
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f"<title>AI, ML and data jobs - page {page} | {host}</title>",
        f'<link rel="canonical" href="{url}">', '<link rel="stylesheet" href="/static/board.css">',
        f'<script type="application/ld+json">{ld}</script>', "</head>",
        f'<body class="board-{layout}">',
        f'<header class="top"><a class="logo" href="/">{host}</a><nav><ul>{nav}</ul></nav></header>',
        '<div class="consent" role="dialog">We use cookies to remember your filters. '
        '<button type="button">OK</button></div>',
        '<main class="board">', "<h1>Latest AI, ML and data jobs</h1>",
        f"<p class=\"lede\">{len(jobs) * pages} open positions, newest first.</p>",
        body, _pager(layout, page, pages, base_url), "</main>",
        f'<aside class="side"><h2>Hiring now</h2><ul>{companies}</ul></aside>',
        f'<footer class="foot"><p>{foot}</p><p>&copy; {host}</p></footer>',
        '<script src="/static/board.min.js" defer></script>', f"<script>{_SCRIPT}</script>",
        "</body>", "</html>", "",
    ])


def board_page(rng: random.Random, page: int, pages: int, *, base_url: str = DEFAULT_BASE_URL,
               layout: BoardLayout = "cards", per_page: int = 50) -> BoardPage:
    """Page ``page`` of ``pages`` with its ground truth and the URL of the next page."""
    jobs = board_jobs(rng, per_page, start=(page - 1) * per_page, base_url=base_url)
    if layout == "live":
        jobs = [live_truth(job) for job in jobs]
    url = page_url(base_url, page)
    html = _page(layout, jobs, rng, page=page, pages=pages, url=url, base_url=base_url)
    next_url = urljoin(url, f"?page={page + 1}") if page < pages else None
    return BoardPage(url, html.encode("utf-8"), jobs, next_url)


def render_board_page(rng: random.Random, page: int, pages: int, *, base_url: str = DEFAULT_BASE_URL,
                      layout: BoardLayout = "cards", per_page: int = 50) -> bytes:
    """The bytes of board page ``page`` of ``pages`` (UTF-8, a full HTML page)."""
    return board_page(rng, page, pages, base_url=base_url, layout=layout, per_page=per_page).html
