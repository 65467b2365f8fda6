"""The live board's other pages: a job's own (detail) page, and a listing of one or two jobs.

Why: the board prints every job on a page of its own, the title as the page's ``h1`` and the
card's fields right under it as separate inline elements (the place a ``<strong>``, the
remote badge ``R``, the salary, the seniority word, the company link, masked for visitors
now and then, ``Found 8h ago`` / ``Published 15d ago``), then the job's sections (Tasks,
Perks/Benefits, Skills/Tech-stack, Education). A filtered listing, or the last page of one,
may hold a single job or two. :mod:`pipeline.parse.job_page` and the listing reader must read
both whatever the order of the fields, with fields missing, any salary form and currency.
Below the card a job page prints its sections as real job pages do: present or absent, under
the board's headings or others (other words, languages, levels, a bold line), as lists, lines,
a row of skill links with any separator or comma text, an ``N/A`` item now and then; the page
says what :mod:`pipeline.parse.job_details` must find in them (:attr:`JobDetailPage.sections`).

All text here is invented for this project, in the shape the real fragments show. A page's
job is drawn first (:func:`pipeline.corpus.render_board.board_jobs`, rewritten for the live
board by :func:`live_truth`), its own salary and age next; the presentation is drawn after,
so the truth never depends on it.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from html import escape, unescape
from typing import Any
from urllib.parse import urlsplit

from pipeline.corpus.render_board import BoardPage, board_jobs
from pipeline.corpus.render_live_board import (
    EMPLOYMENT_LABELS,
    MODE_BADGES,
    badge_spans,
    company_link,
    live_list,
    live_truth,
)

LIVE_BASE = "https://aijobs.net/"
_CURRENCIES: tuple[tuple[str, int, int], ...] = (
    ("USD", 60, 260), ("EUR", 45, 160), ("GBP", 40, 140), ("ILS", 120, 420), ("CHF", 90, 220),
    ("CAD", 70, 200), ("PLN", 120, 420), ("SGD", 80, 240), ("INR", 1, 6), ("JPY", 6, 18),
)
"""Currency, then the yearly amount range: thousands, or millions for INR and JPY (``M`` forms)."""
_SKILLS = ("Python", "SQL", "Rust", "Spark", "dbt", "Airflow", "PyTorch", "Kubernetes", "Tableau", "Go")
_TASKS = ("Keep the nightly loads on time", "Turn field notes into clean tables",
          "Review models before release", "Pair with the analysts on new dashboards",
          "Own the feature store's tests",
          "Write short memos on what the data shows", "Tune the ranking jobs for cost")
_PERKS = ("Four-day weeks in summer", "Learning budget", "Bike lease", "Home office allowance")
_DEGREES = ("Bachelor's degree", "Master's degree", "PhD")
_NAV = (("/jobs/", "Jobs"), ("/jobs/skill-python/", "Python jobs"), ("/salaries/", "Salaries"),
        ("/insights/", "Insights"))
_AGE_UNITS = ((720.0, "mo", "month"), (168.0, "w", "week"), (24.0, "d", "day"), (1.0, "h", "hour"))


Printed = tuple[tuple[str, str, tuple[str, ...]], ...]
"""What a job page prints below its card: ``(key, heading, items)`` per section with an item."""


@dataclass(frozen=True, slots=True)
class JobDetailPage:
    """One rendered job page and what a reader must find in it."""

    source_uri: str
    """Where the page is read from: its URL for a capture, else a file name."""
    url: str | None
    """The page's URL as a run knows it (a capture's); ``None`` for a saved file."""
    html: bytes
    truth: dict[str, Any]
    """The card: the fields of :class:`pipeline.parse.cards.runs.ListedJob` (its ``url`` the
    job's URL or ``""``), and ``page_url``: the job's URL the page gives, or ``None``."""
    sections: Printed = ()
    """What the page prints below the card: ``(key, heading, items)`` per section with an item,
    as :class:`pipeline.parse.job_details.JobSection` reads it (N/A items are no item)."""


def _e(text: str) -> str:
    return escape(text, quote=False)


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def _salary(rng: random.Random) -> str | None:
    """A salary as the live board prints it: no spaces around the dash, K or M, sometimes
    open (``+``) or single, sometimes an ``(estimate)``; ``None`` one time in six."""
    if rng.random() < 1 / 6:
        return None
    currency, low_end, high_end = rng.choice(_CURRENCIES)
    unit = "M" if high_end < 20 else "K"
    step = 0.5 if unit == "M" else 5
    low = low_end + step * rng.randrange(int((high_end - low_end) / step))
    high = low + step * rng.randint(1, 6)

    def amount(value: float) -> str:
        return f"{value:g}{unit}"

    roll = rng.random()
    text = (f"{currency} {amount(low)}+" if roll < 0.1 else f"{currency} {amount(low)}" if roll < 0.25
            else f"{currency} {amount(low)}-{amount(high)}")
    return text + " (estimate)" if rng.random() < 0.4 else text


def _age(rng: random.Random) -> tuple[str, str, float]:
    """``(verb, age as printed, hours)``: ``Found 8h ago``, ``Published 3 weeks ago``."""
    hours = rng.choice((rng.randint(1, 23), rng.randint(24, 24 * 40)))
    verb = rng.choice(("Found", "Published"))
    for size, short, word in _AGE_UNITS:
        if hours >= size:
            count = int(hours // size)
            if rng.random() < 0.2:
                return verb, f"{count} {word}{'s' if count > 1 else ''} ago", count * size
            return verb, f"{count}{short} ago", count * size
    return verb, "1h ago", 1.0  # unreachable: hours >= 1


def _truth(rng: random.Random, index: int) -> dict[str, Any]:
    """The job of page ``index``: drawn as a board job, printed as the live board does, with
    a detail page's own salary, age and fields left out (at least three kinds stay, one of
    them a company or a badge, as every page of the board shows)."""
    job = live_truth(board_jobs(rng, 1, start=index * 7)[0])
    job["salary_text"] = _salary(rng)
    verb, job["age_text"], job["age_hours"] = _age(rng)
    job["_verb"] = verb
    job["_printed_mode"] = job["work_mode"] is not None
    for name in ("location", "company", "age_text", "seniority", "employment_types", "_printed_mode"):
        if rng.random() < 0.15:
            job[name] = {"employment_types": (), "_printed_mode": False}.get(name)
    if job["age_text"] is None:
        job["age_hours"] = None
    if not job["_printed_mode"]:
        job["work_mode"] = _mode_of_location(job["location"])
    fills = (("seniority", "MI"), ("company", "Saltmarsh Systems"), ("age_text", "2h ago"))
    for name, value in fills:  # too little left: put back what every page of the board shows
        kinds = _kinds(job)
        if len(kinds) >= 3 and kinds & {"seniority", "employment", "company"}:
            break
        if not job[name]:
            job[name] = value
            job["age_hours"] = 2.0 if name == "age_text" else job["age_hours"]
    job["is_remote"] = job["work_mode"] == "remote"
    job["featured"] = rng.random() < 0.05
    job["position"] = 1
    return job


def _mode_of_location(location: str | None) -> str | None:
    """The work mode the place says by itself (``Remote (EU)``), as the reader takes it."""
    if location and ("remote" in location.lower() or location in ("Worldwide", "Anywhere in Canada")):
        return "remote"
    return None


def _kinds(job: dict[str, Any]) -> set[str]:
    """The kinds of card field the page will print (as
    :func:`pipeline.parse.job_page.field_kinds` counts them)."""
    printed = {"place": job["location"], "company": job["company"], "age": job["age_text"],
               "seniority": job["seniority"], "employment": job["employment_types"],
               "salary": job["salary_text"], "mode": job["_printed_mode"]}
    return {kind for kind, value in printed.items() if value}


def _fields(job: dict[str, Any], rng: random.Random) -> list[str]:
    """The card's fields as the live board's inline elements, in a drawn order (the truth's
    employment types follow it)."""
    fields: list[str] = []
    if job["location"]:
        fields.append(f"<strong>{_e(job['location'])}</strong>")
    if job["_printed_mode"]:
        colour, label = MODE_BADGES[job["work_mode"]]
        fields.append(f'<span class="text-bg-{colour} px-1 rounded">{label}</span>')
    fields += badge_spans(job)
    if job["company"]:
        fields.append(company_link(job["company"], rng, 0.4))
    if job["age_text"]:
        fields.append(f'<span class="d-block text-muted py-2">{job["_verb"]} {_e(job["age_text"])}</span>')
    if rng.random() < 0.7:  # the board's order, or any other
        rng.shuffle(fields)
        # The truth lists employment types in printed order, as a reader finds them.
        printed = [kind for field in fields for kind, label in EMPLOYMENT_LABELS.items()
                   if f">{label}<" in field]
        job["employment_types"] = tuple(printed)
    return fields


_SECTION_NAMES: dict[str, tuple[str, ...]] = {
    "tasks": ("Tasks", "Responsibilities", "What you'll do", "Deine Aufgaben", "Vos missions"),
    "benefits": ("Perks/Benefits", "Benefits", "What we offer", "Was wir bieten"),
    "skills": ("Skills/Tech-stack", "Tech stack", "Requirements", "Qualifications", "Compétences"),
    "education": ("Education", "Ausbildung", "Degree"),
    "other": ("About the team", "Where you'll work"),
}
"""Headings per section key: the board's own first (drawn most often), then what other versions
of a job page print, in English and other languages."""
_ABOUT = ("A crew of nine across three time zones", "Quiet office by the harbour",
          "Remote-first, two meetups a year")
_SEPARATORS = (" | ", ", ", " · ", "<br>")
"""What stands between a row of skill links: the board's bar, or a comma, a dot, a line break."""
_NOTHING = ("N/A", "-", "n/a")
"""What a page prints for an empty item (no item)."""


def _heading(rng: random.Random, key: str, level: int) -> str:
    """A section's heading at the page's level (every section of a page at one level, as pages
    print them), or now and then a bold line (only for a key a bold line can name)."""
    names = _SECTION_NAMES[key]
    text = _e(names[0] if rng.random() < 0.6 else rng.choice(names[1:]))
    if key != "other" and rng.random() < 0.1:
        return f"<p><strong>{text}</strong></p>"
    return f"<h{level}>{text}</h{level}>"


def _items(rng: random.Random, key: str) -> list[str]:
    """A section's items as written (an N/A among them now and then)."""
    if key == "tasks":
        items = rng.sample(_TASKS, rng.randint(1, 4))
    elif key == "benefits":
        items = rng.sample(_PERKS, rng.randint(1, 2))
    elif key == "skills":
        items = rng.sample(_SKILLS, rng.randint(1, 5))
    elif key == "education":
        items = [rng.choice(_DEGREES)]
    else:
        items = [rng.choice(_ABOUT)]
    if rng.random() < 0.1:
        items.insert(rng.randint(0, len(items)), rng.choice(_NOTHING))
    return items


def _body(rng: random.Random, key: str, items: list[str]) -> str:
    """The items as a row of skill links or a comma-separated line (skills only), a list, lines
    broken by ``<br>``, or paragraphs."""
    escaped = [_e(item) for item in items]
    roll = rng.random()
    if key == "skills" and roll < 0.45:
        links = [f'<a href="/jobs/skill-{_slug(item)}/">{text}</a>' if item not in _NOTHING else text
                 for item, text in zip(items, escaped, strict=True)]
        return f"<p>{rng.choice(_SEPARATORS).join(links)}</p>"
    if key == "skills" and roll < 0.6:
        return f"<p>{', '.join(escaped)}</p>"
    if roll < 0.85:
        return "<ul>" + "".join(f"<li>{text}</li>" for text in escaped) + "</ul>"
    if roll < 0.93:
        return "<p>" + "<br>".join(escaped) + "</p>"
    return "".join(f"<p>{text}</p>" for text in escaped)


def _sections(rng: random.Random, related: list[str]) -> tuple[str, Printed]:
    """Tasks, Perks/Benefits, Skills/Tech-stack, Education and now and then a section of another
    kind, each may be missing, under the board's or other headings, then sometimes similar jobs
    (links to other job pages); and what a reader must find: ``(key, heading, items)`` per section
    that has an item, the N/A items left out."""
    out: list[str] = []
    truth: list[tuple[str, str, tuple[str, ...]]] = []
    chances: tuple[tuple[str, float], ...] = (
        ("tasks", 0.9), ("benefits", 0.6), ("skills", 0.8), ("education", 0.4), ("other", 0.15))
    level = 5 if rng.random() < 0.7 else rng.choice((2, 3, 4, 6))  # the board's h5, or another
    if rng.random() < 0.08:
        chances = ()  # a page that prints its card only
    for key, chance in chances:
        if rng.random() >= chance:
            continue
        heading = _heading(rng, key, level)
        items = _items(rng, key)
        out.append(heading + "\n" + _body(rng, key, items))
        kept = tuple(item for item in items if item not in _NOTHING)
        if kept:
            truth.append((key, html_text(heading), kept))
    if related:
        out.append("<h5>Similar jobs</h5>\n<ul>" + "".join(related) + "</ul>")
    return "\n".join(out), tuple(truth)


def html_text(markup: str) -> str:
    """The text of a short piece of markup written here (a heading): tags dropped, entities read."""
    return unescape(re.sub(r"<[^>]+>", "", markup))


def live_job_page(rng: random.Random, index: int = 0, *, base_url: str = LIVE_BASE) -> JobDetailPage:
    """The job page ``index`` of the live board, with its truth. How the run knows its URL
    is drawn: a capture (the run knows it), a saved page with a canonical link or an
    ``og:url``, or a saved page naming none (then the card has no URL and no id)."""
    job = _truth(rng, index)
    key = str(268_000 + index * 11 + rng.randrange(11))
    slug = _slug(f"{job['title']} {job['location'] or 'remote'}")
    own = f"{base_url.rstrip('/')}/job/{slug}-{key}/"
    how = rng.choice(("capture", "canonical", "og", "none"))
    meta = {"canonical": f'<link rel="canonical" href="{own}">',
            "og": f'<meta property="og:url" content="{own}">'}.get(how, "")
    known = how != "none"
    job.update(url=own if known else "", job_key=key if known else None, page_url=own if known else None)
    fields = _fields(job, rng)
    cut = rng.randint(0, len(fields))
    related = [f'<li><a href="/job/other-{n}-{int(key) + n}/">Other role {n}</a></li>'
               for n in range(1, 4)] if rng.random() < 0.3 else []
    nav = " ".join(f'<a href="{href}">{label}</a>' for href, label in _NAV)
    host = urlsplit(base_url).netloc
    sections, printed = _sections(rng, related)
    html = "\n".join([
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f"<title>{_e(job['title'])} | {host}</title>", meta, "</head>", "<body>",
        f'<header><nav class="navbar">{nav}</nav></header>', '<main class="container">',
        f'<h1 class="font-monospace fs-2 py-3">{_e(job["title"])}</h1>',
        '<div class="row g-3 align-items-start flex-nowrap">',
        f'<div class="col">{" ".join(fields[:cut])}</div>',
        f'<div class="col-6 col-md-5 col-lg-4 text-end">{" ".join(fields[cut:])}</div>', "</div>",
        sections, "</main>", f"<footer><p>&copy; {host}</p></footer>",
        "</body>", "</html>", "",
    ])
    truth = {name: value for name, value in job.items() if not name.startswith("_")}
    source = own if how == "capture" else f"live-job-{index}.html"
    return JobDetailPage(source, own if how == "capture" else None, html.encode("utf-8"), truth, printed)


def live_short_listing(rng: random.Random, count: int, *, skill: str = "rust",
                       base_url: str = LIVE_BASE) -> BoardPage:
    """A listing of the live board filtered by a skill (``/jobs/skill-rust/``) holding
    ``count`` jobs (one or two: a filter that matches few), with the board's chrome."""
    url = f"{base_url.rstrip('/')}/jobs/skill-{skill}/"
    drawn = [live_truth(job) for job in board_jobs(rng, count + 4, base_url=base_url)]
    # Every job of the live board has an id in its link; the legacy forms without one are not drawn.
    with_id = [job for job in drawn if job["job_key"]][:count]
    jobs = [dict(job, position=n) for n, job in enumerate(with_id, start=1)]
    nav = " ".join(f'<a href="{href}">{label}</a>' for href, label in _NAV)
    html = "\n".join([
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f"<title>{skill.title()} jobs</title>", "</head>", "<body>", f"<header><nav>{nav}</nav></header>",
        "<main>", f"<h1>{_e(skill.title())} jobs</h1>", live_list(jobs, rng), "</main>",
        "</body>", "</html>", "",
    ])
    return BoardPage(url, html.encode("utf-8"), jobs, None)
