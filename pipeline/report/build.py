"""Build the report of an output folder and write it atomically: ``rolescope report``.

Why a module of its own: it is the one place that knows which frame feeds which chart and
what each chart's reading aid and empty-data wording say, so the page module stays about
HTML and the frames module stays about numbers.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.common.atomic import atomic_write
from pipeline.errors import UsageError
from pipeline.report import charts, frames
from pipeline.report.page import Section, render
from pipeline.report.runtime import vega_runtime
from pipeline.report.sources import Sources, read_sources
from pipeline.version import __version__

log = logging.getLogger(__name__)

REPORT_NAME = "report.html"
CACHE_NAME = ".cache"
"""``OUT/.cache/``: the bundled vega runtime, kept between reports (see :mod:`pipeline.report.runtime`)."""


@dataclass(frozen=True)
class ReportResult:
    """Where the report went, how big it is and how long it took."""

    path: Path
    size: int
    seconds: float
    charts: int
    empty: int

    def line(self) -> str:
        """The one-line summary the command prints."""
        return (f"report: {self.path} ({self.size / 1024:,.0f} KiB; {self.charts} charts drawn, "
                f"{self.empty} without data; {self.seconds:.2f}s)")


def sections(sources: Sources) -> list[Section]:
    """Every chart section of the page, in reading order, from the tables of ``sources``."""
    cards, roles, articles = sources["job_cards"], sources["roles"], sources["articles"]
    survey = frames.has_survey(cards, sources["survey_salaries"])
    return [
        Section("salary", "1. Salary ranges by seniority",
                "Each box spans the middle half of job-card salary midpoints (USD a year); the dark tick is "
                "the median, the whiskers reach the furthest cards within 1.5 box-lengths.",
                charts.salary_chart(frames.salary_by_seniority(cards)),
                "No job card has a usable USD salary with a seniority level, so there is nothing to draw."),
        Section("tools", "2. Tools each role lists",
                "Longer bars are tools, languages and frameworks named for that role in more comparisons "
                "(each comparison counts once); the roles compared most are shown.",
                charts.tools_chart(frames.top_tools(sources["mentions"], articles, roles)),
                "No comparison names a tool, language or framework for a role."),
        Section("outlook", "3. Outlook: growth figures per role",
                "Bars show the median projected growth quoted for the role (in its own outlook or for both "
                "roles of a comparison), the dark line the lowest to highest; strongest outlook on top.",
                charts.outlook_chart(frames.outlook_by_role(sources["outlook_stats"], articles, roles)),
                "No outlook section quotes a growth figure for a role."),
        Section("arrangement", "4. Remote, hybrid and on-site",
                "The share of all job cards by work arrangement (the label gives the percent and the count).",
                charts.arrangement_chart(frames.work_arrangement(cards)),
                "There are no job cards."),
        Section("countries", "5. Job cards by country",
                "Countries with the most job cards first; cards whose place names no country are counted "
                "as No country, so the bars add up to every card.",
                charts.country_chart(frames.cards_by_country(cards)),
                "There are no job cards."),
        Section("skills", "6. Skills and tools job pages ask for",
                "The skills and tools named most on the jobs' own pages (their skills, tasks and education; "
                "each job counts once), split by the job card's seniority.",
                charts.job_skills_chart(frames.top_job_skills(sources["job_skills"], cards)),
                "No job's own page is among the inputs (job_details and job_skills are empty), so no "
                "skill is asked for."),
        Section("survey", "7. Job cards against the salary survey",
                "Where each card's salary midpoint falls in the survey's distribution for its role, level "
                "and country; bars above their tick mean more cards there than the survey would predict.",
                (charts.survey_chart(frames.survey_bands(cards), frames.survey_levels(cards))
                 if survey else None),
                "No salary survey is loaded in these tables (run with a survey to compare job cards "
                "with it), or no card matched a survey cell."),
        Section("outcomes", "8. Run health: documents by outcome",
                "How the last run's documents ended: parsed, skipped as byte-identical copies, or "
                "quarantined (by stage and reason: see the table at the bottom).",
                charts.outcomes_chart(frames.outcomes(sources.manifest, sources["quarantine"])),
                "No run has been recorded in this folder yet."),
        Section("runs", "9. Recent runs",
                "The last runs from the history (_runs.jsonl), oldest on the left: documents read and "
                "seconds taken; hover a bar for its date and status.",
                charts.runs_chart(frames.recent_runs(sources.runs)),
                "No run history (_runs.jsonl) in this folder."),
    ]


def shown_input(recorded: str, out_dir: Path) -> str:
    """The run's input as the page names it: relative to the folder that holds the output folder.

    Why: the manifest records the input's absolute path (``status`` may run from anywhere),
    but a report is shared, and in a project laid out as ``raw/`` beside ``processed/`` the
    reader wants ``raw``, not the path of the machine it ran on. An input elsewhere keeps
    its full path.

    >>> shown_input("/home/ana/rolescope/raw", Path("/home/ana/rolescope/processed"))
    'raw'
    >>> shown_input("/data/dumps", Path("/home/ana/rolescope/processed"))
    '/data/dumps'
    """
    project = Path(os.path.abspath(out_dir)).parent
    recorded_path = Path(recorded)
    if recorded_path.is_absolute() and recorded_path.is_relative_to(project) and recorded_path != project:
        return recorded_path.relative_to(project).as_posix()
    return recorded


def write_report(out_dir: Path, to: Path | None = None) -> ReportResult:
    """Read the published tables of ``out_dir`` and write the report to ``to`` (default ``OUT/report.html``).

    Raises :class:`UsageError` when ``out_dir`` holds no published tables at all.
    """
    started = time.perf_counter()
    if not out_dir.is_dir() or not any(out_dir.glob("*.parquet")):
        raise UsageError(f"{out_dir} has no published tables: run `rolescope run --output {out_dir}` first")
    sources = read_sources(out_dir)
    parts = sections(sources)
    numbers = frames.headline(sources["articles"], sources["roles"], sources["job_cards"],
                              sources["quarantine"], sources.manifest)
    manifest = sources.manifest
    if manifest and manifest.get("input"):
        manifest = {**manifest, "input": shown_input(str(manifest["input"]), out_dir)}
    page = render(numbers=numbers, manifest=manifest, sections=parts,
                  quarantine=sources["quarantine"], version=__version__,
                  runtime=vega_runtime(out_dir / CACHE_NAME)).encode("utf-8")
    target = to if to is not None else out_dir / REPORT_NAME

    def write(tmp: str) -> None:
        Path(tmp).write_bytes(page)

    atomic_write(target, write)
    drawn = sum(section.spec is not None for section in parts)
    result = ReportResult(target, len(page), time.perf_counter() - started, drawn, len(parts) - drawn)
    log.info("%s", result.line())
    return result
