"""The job board's live markup, written for the fetch tests: listing pages and jobs' own pages.

Written by hand in the shape the board's trimmed fragments show (``../shared/real-html/
aijobs-fragments``, read there, not copied): a listing is a list of items whose title is a
``/job/<slug>-<id>/`` link, the place a ``<strong>``, every other field a badge of its own,
the company a ``/company/<slug>-<id>/`` link, the age ``Found 3h ago``, and a numbered pager
with no "Next"; a job's own page has the title as its ``h1``, the same fields under it, then
``h5`` sections. The jobs, companies and places are invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Job:
    """One invented job as the board prints it."""

    key: str
    title: str
    place: str
    salary: str
    seniority: str
    company: str
    company_path: str
    shown_company: str = ""
    """The company as the card prints it (``@ N...`` when masked); the name when empty."""
    remote: bool = False

    @property
    def path(self) -> str:
        words = "".join(c if c.isalnum() else " " for c in f"{self.title} {self.place}".lower())
        slug = "-".join(words.split())
        return f"/job/{slug}-{self.key}/"


JOBS = (
    Job("700101", "Data Platform Engineer", "Lisbon, Lisboa, PT", "EUR 60K-75K", "Senior-level",
        "Tessellate Labs", "/company/tessellate-labs-16101/", remote=True),
    Job("700102", "Applied Scientist", "Haifa, Haifa District, IL", "ILS 300K-360K (estimate)", "Mid-level",
        "Northwind Optics", "/company/northwind-optics-16102/", shown_company="@ N..."),
    Job("700103", "Analytics Engineer", "Austin, Texas, US", "USD 120K-150K", "Entry-level",
        "Quarry Metrics", "/company/quarry-metrics-16103/"),
    Job("700104", "Machine Learning Lead", "Berlin, Land Berlin, DE", "EUR 90K-110K", "Executive-level",
        "Fernweh Data", "/company/fernweh-data-16104/"),
    Job("700105", "Vision Researcher", "Cork, County Cork, IE", "EUR 70K-85K", "Mid-level",
        "Larkspur Robotics", "/company/larkspur-robotics-16105/"),
)
"""Five jobs over two listing pages (two, then three)."""


def _fields(job: Job) -> str:
    remote = ' <span class="text-bg-success px-1 rounded">R</span>' if job.remote else ""
    return (f"<strong>{escape(job.place)}</strong>{remote}"
            f'<p class="py-3"><span class="text-bg-secondary px-1 rounded">{escape(job.salary)}</span> '
            f'<span class="text-bg-warning px-1 rounded">{escape(job.seniority)}</span></p>')


def _company(job: Job) -> str:
    return (f'<div class="fw-bold mb-2"><a class="text-decoration-none" href="{job.company_path}">'
            f"{escape(job.shown_company or job.company)}</a></div>")


def listing_page(jobs: list[Job], number: int, pages: int, base: str = "/jobs/") -> str:
    """One page of the board's listing: the jobs' items, a skill filter and a numbered pager."""
    items = "".join(
        '<li class="list-group-item"><div class="row g-3"><div class="col">'
        f'<a class="font-monospace fw-bold stretched-link" href="{job.path}?ref=list">{escape(job.title)}</a>'
        f"{_fields(job)}</div>"
        f'<div class="col-4 text-end">{_company(job)}'
        f'<span class="d-block text-muted">Found {n + 2}h ago</span></div></div></li>'
        for n, job in enumerate(jobs)
    )
    pager = " ".join(f"<b>{k}</b>" if k == number else f'<a href="{base}?page={k}">{k}</a>'
                     for k in range(1, pages + 1))
    return (f"<html><head><title>AI jobs, page {number}</title></head><body><main>"
            '<p><a href="/jobs/skill-python/">Python</a> <a href="/jobs/skill-sql/">SQL</a></p>'
            f'<ul class="list-group">{items}</ul><nav>{pager}</nav></main></body></html>')


def job_page(job: Job, similar: tuple[str, ...] = ()) -> str:
    """A job's own page: its title as the ``h1``, its fields, then its sections (and, at the
    foot, links to similar jobs, which a fetch never follows)."""
    more = "".join(f'<li><a href="{path}">Similar role {n}</a></li>' for n, path in enumerate(similar, 1))
    return (f"<html><head><title>{escape(job.title)}</title></head><body><main>"
            f'<h1 class="font-monospace">{escape(job.title)}</h1>'
            f'<div class="row g-3"><div class="col">{_fields(job)}</div>'
            f'<div class="col-5 text-end">{_company(job)}'
            '<span class="d-block text-muted">Published 4d ago</span></div></div>'
            "<h5>Tasks</h5><ul><li>Own the team's data models end to end</li><li>Review pipelines</li></ul>"
            '<h5>Skills/Tech-stack</h5><p><a href="/jobs/skill-python/">Python</a> | '
            '<a href="/jobs/skill-sql/">SQL</a></p>'
            + (f"<h5>More jobs like this</h5><ul>{more}</ul>" if more else "")
            + "</main></body></html>")
