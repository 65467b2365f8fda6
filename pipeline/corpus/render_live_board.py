"""The board's live listing markup, written from what its current pages do.

Why a layout of its own: the three invented layouts of :mod:`pipeline.corpus.render_board`
were written by the same hands as the reader, and the reader gave no card at all on the
live board's markup. This one follows the trimmed fragments of the board's own pages
(Bootstrap 5): a ``list-group`` of items, the title a ``stretched-link`` anchor to
``/job/<slug>-<id>/``, the place a ``<strong>`` printed ``City, Region, CC``, every other
field a badge ``<span>`` of its own (``R`` for remote, the salary with no spaces around
the dash and sometimes ``(estimate)``, the seniority as a word such as ``Mid-level``), the
company in a ``/company/<slug>-<id>/`` link, masked for visitors (``@ M...``) now and then,
the age as ``Found 8h ago`` / ``Published 15d ago`` and a numbered pager with no "Next".

The jobs are the same draws as every other layout (:func:`board_jobs`); :func:`live_truth`
rewrites the few fields this board prints differently (place, salary spacing, job URL),
without drawing, so the truth never depends on the presentation's draws.
"""

from __future__ import annotations

import random
from html import escape
from typing import Any
from urllib.parse import urlsplit

LIVE_PLACES: dict[str, str] = {
    "Berlin, Germany": "Berlin, Land Berlin, DE",
    "Munich, Germany": "Munich, Bavaria, DE",
    "Lisbon, Portugal": "Lisbon, Lisboa, PT",
    "Madrid, Spain": "Madrid, Community of Madrid, ES",
    "Paris, France": "Paris, Île-de-France, FR",
    "Amsterdam, Netherlands": "Amsterdam, North Holland, NL",
    "Dublin, Ireland": "Dublin, County Dublin, IE",
    "London, United Kingdom": "London, England, GB",
    "Edinburgh, UK": "Edinburgh, Scotland, GB",
    "Austin, TX": "Austin, Texas, US",
    "New York, NY": "New York City, New York, US",
    "Seattle, WA": "Seattle, Washington, US",
    "San Francisco, California, USA": "San Francisco, California, US",
    "Toronto, Canada": "Toronto, Ontario, CA",
    "Zurich, Switzerland": "Zurich, Zurich, CH",
    "Singapore": "Haifa, Haifa District, IL",
    "Bengaluru, India": "Bengaluru, Karnataka, IN",
    "Ireland": "Cork, County Cork, IE",
    "Warsaw, Poland": "Warsaw, Masovian Voivodeship, PL",
}
"""The invented places as the live board prints them (``City, Region, CC``; ``IL`` is Israel)."""
_SENIORITY_WORDS = {"EN": "Entry-level", "MI": "Mid-level", "SE": "Senior-level", "EX": "Executive-level"}
EMPLOYMENT_LABELS = {"full_time": "Full Time", "part_time": "Part Time", "contract": "Contract",
               "freelance": "Freelance", "internship": "Internship", "temporary": "Temporary"}
MODE_BADGES = {"remote": ("success", "R"), "hybrid": ("info", "Hybrid"), "onsite": ("light", "On-site")}


def _e(text: str) -> str:
    return escape(text, quote=False)


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def company_path(company: str, number: int) -> str:
    """The live board's company link: ``/company/<slug>-<id>/``."""
    return f"/company/{_slug(company)}-{number}/"


def can_mask(company: str) -> bool:
    """Whether a masked company (``@ M...``) can be named back from its link's slug: only
    ASCII names whose words are capitalised slug words (``Glasswing Health``, not ``Aster 9``,
    ``Brindle & Hart`` nor an accented name, whose slug a link would percent-encode)."""
    words = _slug(company).split("-")
    return company.isascii() and " ".join(w.capitalize() for w in words) == company and company[:1].isalpha()


def live_truth(job: dict[str, Any]) -> dict[str, Any]:
    """A drawn job as the live board prints it: its place as ``City, Region, CC``, salary
    ranges with no spaces around the dash (every third one an ``(estimate)``) and, when the
    job has an id, a ``/job/<slug>-<id>/`` link. No draw: a pure rewrite of the truth."""
    out = dict(job)
    if job["location"] in LIVE_PLACES:
        out["location"] = LIVE_PLACES[job["location"]]
    salary = job["salary_text"]
    if salary:
        salary = salary.replace(" - ", "-")
        if "-" in salary and job["position"] % 3 == 0:
            salary += " (estimate)"
        out["salary_text"] = salary
    parts = urlsplit(job["url"])
    if job["job_key"] is not None:
        slug = _slug(f"{job['title']} {out['location'] or 'remote'}")
        out["url"] = f"{parts.scheme}://{parts.netloc}/job/{slug}-{job['job_key']}/"
    return out


def badge_spans(job: dict[str, Any]) -> list[str]:
    """A card's badges as the live board prints them: featured, salary, seniority, employment."""
    badges = []
    if job["featured"]:
        badges.append('<span class="badge text-bg-primary px-1 rounded">Featured</span>')
    if job["salary_text"]:
        badges.append(f'<span class="text-bg-secondary px-1 rounded">{_e(job["salary_text"])}</span>')
    if job["seniority"]:
        word = _SENIORITY_WORDS[job["seniority"]]
        badges.append(f'<span class="text-bg-warning px-1 rounded">{word}</span>')
    badges += [f'<span class="text-bg-light px-1 rounded">{EMPLOYMENT_LABELS[kind]}</span>'
               for kind in job["employment_types"]]
    return badges


def company_link(company: str, rng: random.Random, mask: float) -> str:
    """The company as the live board prints it: a link to its page whose text is the name,
    ``@ Name``, or masked ``@ N...`` (with chance ``mask``, where the name can be masked)."""
    shown = company
    if can_mask(shown) and rng.random() < mask:
        shown = f"@ {shown[0]}..."
    elif rng.random() < 0.5:
        shown = f"@ {shown}"
    href = company_path(company, 16000 + len(company) * 7)
    return (f'<div class="fw-bold mb-2"><a class="text-decoration-none d-block text-break" '
            f'href="{href}">{_e(shown)}</a></div>')


def live_item(job: dict[str, Any], rng: random.Random) -> str:
    """One ``list-group-item`` in the live board's markup."""
    badges = badge_spans(job)
    place = f'<strong>{_e(job["location"])}</strong>' if job["location"] else ""
    mode = ""
    if job["work_mode"]:
        colour, label = MODE_BADGES[job["work_mode"]]
        mode = f' <span class="text-bg-{colour} px-1 rounded">{label}</span>'
    company = company_link(job["company"], rng, 0.3) if job["company"] else ""
    verb = rng.choice(("Found", "Published"))
    path = urlsplit(job["url"]).path
    return ('<li class="list-group-item list-group-item-action">'
            '<div class="row g-3 align-items-start flex-nowrap"><div class="col">'
            f'<a class="font-monospace fw-bold stretched-link" href="{path}">{_e(job["title"])}</a>'
            f'<div class="py-1">{place}{mode}</div><p class="py-2">{" ".join(badges)}</p></div>'
            f'<div class="col-6 col-md-5 col-lg-4 text-end">{company}'
            f'<span class="d-block text-muted py-2">{verb} {_e(job["age_text"])}</span></div></div></li>')


def live_list(jobs: list[dict[str, Any]], rng: random.Random) -> str:
    """The page's jobs as the live board's list group."""
    return f'<ul class="list-group list-group-flush">{"".join(live_item(j, rng) for j in jobs)}</ul>'


def live_pager(path: str, page: int, pages: int) -> str:
    """Numbered page links only (no "Next"): the reader must find page N+1 by its number."""
    items = "".join(
        f'<li class="page-item active"><span class="page-link">{k}</span></li>' if k == page
        else f'<li class="page-item"><a class="page-link" href="{path}?page={k}">{k}</a></li>'
        for k in range(1, pages + 1))
    return f'<nav aria-label="pages"><ul class="pagination">{items}</ul></nav>'
