"""The data contract: every output table, its columns, their Arrow types and meanings.

Why one module: Parquet types, CSV column order, validation and the data dictionary in
``docs/schema.md`` are all derived from :data:`TABLES`. Nothing else in the code
re-lists columns, so they cannot drift apart. Renaming or retyping a column listed in the
shared contract needs a changelog note in the README.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyarrow as pa

SECTION_KEYS = (
    "definitions",
    "responsibilities",
    "required_skills",
    "education",
    "tools",
    "industries",
    "outlook",
    "tips",
    "conclusion",
    "other",
)
ROLE_SIDES = ("a", "b", "both")
EMPLOYMENT_TYPES = ("full_time", "part_time", "contract", "freelance", "internship", "temporary")
SENIORITY_CODES = ("EN", "MI", "SE", "EX")
SENIORITY_LABELS = ("Entry-level / Junior", "Mid-level / Intermediate", "Senior-level / Expert",
                    "Executive-level / Director")
EMPLOYMENT_CODES = ("FT", "PT", "CT", "FL")
MENTION_KINDS = ("language", "framework", "library", "cloud", "database", "tool", "platform", "skill",
                 "degree", "field", "certification", "industry")
SALARY_FLAGS = ("ok", "implausible", "missing", "unparsed")
SALARY_PERIODS = ("year", "month", "week", "day", "hour")
SOURCE_FORMATS = ("text", "html")
PAGE_KINDS = ("article", "listing", "job_page")
FX_MISSING = ("no_currency", "not_quoted", "not_quoted_that_year")
SURVEY_SCOPES = ("country", "all_countries")
DETAIL_SECTIONS = ("tasks", "benefits", "skills", "education", "other")
"""A job page's section keys (:data:`pipeline.parse.job_details.DETAIL_KEYS`)."""
QUARANTINE_STAGES = ("read", "decode", "structure", "parse", "normalize", "validate")


@dataclass(frozen=True, slots=True)
class Column:
    """One column: name, Arrow type, meaning, and what values it may hold."""

    name: str
    type: pa.DataType
    doc: str
    nullable: bool = True
    values: tuple[str, ...] | None = None
    """When set, the only values allowed (checked by validation, listed in the docs)."""

    def field(self) -> pa.Field:
        """The Arrow field for this column."""
        return pa.field(self.name, self.type, nullable=self.nullable)


@dataclass(frozen=True, slots=True)
class Table:
    """One output table: its columns in order and the key that orders its rows."""

    name: str
    doc: str
    columns: tuple[Column, ...]
    sort_key: tuple[str, ...]
    """Rows are written sorted by these columns, so outputs are byte-stable."""
    unique_key: tuple[str, ...] = field(default=())
    """Columns that identify a row; duplicates on this key are merged by the runner."""
    row_group_rows: int = 16_384
    """Rows per Parquet row group: about 2-4 MB of Arrow data for this table's typical row.

    Why per table: a writer holds one row group in memory until it is full, so a fixed row
    count would make the wide tables (``articles``: about 750 bytes a row) hold several
    times what the narrow ones do, and a large corpus hold more than a small one, whose
    wide tables never fill a group. Fixed in the schema, so the bytes never depend on how
    the rows were batched."""

    @property
    def column_names(self) -> list[str]:
        """Column names in output order (also the CSV header)."""
        return [c.name for c in self.columns]

    def arrow_schema(self) -> pa.Schema:
        """The Arrow schema of the rows (validation, CSV, building the tables)."""
        return pa.schema([c.field() for c in self.columns])

    def column(self, name: str) -> Column:
        """Look a column up by name."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.name}.{name}")


def _c(
    name: str,
    type_: pa.DataType,
    doc: str,
    *,
    nullable: bool = True,
    values: Iterable[str] | None = None,
) -> Column:
    return Column(name, type_, doc, nullable, tuple(values) if values is not None else None)


STR = pa.string()
INT = pa.int64()
INT32 = pa.int32()
BOOL = pa.bool_()
DATE = pa.date32()
STR_LIST = pa.list_(pa.field("element", pa.string()))
"""A list of strings, with the element name the Parquet files hold (``list<element: string>``)."""
F64 = pa.float64()

_ARTICLE_ID = _c("article_id", STR, "Stable id of the article document: sha256 of its raw bytes, 16 hex.",
                 nullable=False)
_SECTION = _c("section", STR, "Canonical section key.", nullable=False, values=SECTION_KEYS)
_ROLE_SIDE = _c("role_side", STR, "`a`, `b`, `both`, or null when the block is about neither role.",
                values=ROLE_SIDES)
_ROLE = _c("role", STR, "The role's name (as in the title) when `role_side` is `a` or `b`.")
_ROLE_KEY = _c("role_key", STR, "`roles.role_key` of `role` (null when `role_side` is `both`).")

ARTICLES = Table(
    "articles",
    "One row per distinct article document (byte-identical captures are one document).",
    (
        _ARTICLE_ID,
        _c("article_key", STR, "Shared by every capture and version of the same comparison "
           "(canonical slug `role-a-vs-role-b` from the title); pick the latest by `published_date`.",
           nullable=False),
        _c("source_uri", STR, "Where the document came from: path relative to the input folder "
           "(`/`-separated), or URL. For byte-identical copies, the first in sorted order.",
           nullable=False),
        _c("source_format", STR, "`text` or `html`.", nullable=False, values=SOURCE_FORMATS),
        _c("content_sha256", STR, "sha256 of the document's bytes (after gzip decompression; of the page "
           "inside a page saved as one file, MHTML or web archive).",
           nullable=False),
        _c("url", STR, "The capture's URL (after redirects) for fetched pages, the address a page saved "
           "as one file records (MHTML, web archive); for other saved pages the canonical URL when "
           "known (HTML `rel=canonical` or `og:url`); else null."),
        _c("slug", STR, "URL slug, e.g. `ai-architect-vs-machine-learning-research-engineer` "
           "(from the URL when known, else from the title).", nullable=False),
        _c("title", STR, "Title as printed, encoding repaired.", nullable=False),
        _c("role_a", STR, "First role, in title order.", nullable=False),
        _c("role_b", STR, "Second role, in title order.", nullable=False),
        _c("role_key_a", STR, "`roles.role_key` of `role_a`.", nullable=False),
        _c("role_key_b", STR, "`roles.role_key` of `role_b`.", nullable=False),
        _c("subtitle", STR, "Subtitle line as printed (stray markdown removed), or null."),
        _c("read_minutes", INT32, "From `N min read`, or null."),
        _c("published_date", DATE, "From `Oct. 30, 2024`, parsed explicitly, or null."),
        _c("intro", STR, "Opening paragraph(s) before the first section, joined by blank lines, or null."),
        _c("encoding_repaired", BOOL, "True when mojibake was found and repaired.", nullable=False),
        _c("encoding", STR, "The character encoding the bytes were decoded with.", nullable=False),
        _c("decode_errors", INT32, "Bytes that were not valid in `encoding` and were replaced by U+FFFD "
           "(UTF-8 with a few stray bytes), and stray NUL bytes dropped; 0 for a clean decode.",
           nullable=False),
        _c("truncated", BOOL, "True when the document stops before every closing part "
           "(no conclusion paragraph, job cards, salary links or related-articles list): "
           "a capture cut off mid-way. What is there is kept.", nullable=False),
        _c("parser_version", STR, "Bumps whenever parsing changes.", nullable=False),
    ),
    sort_key=("article_key", "article_id"),
    unique_key=("article_id",),
    row_group_rows=4_096,
)

SECTIONS = Table(
    "sections",
    "One row per (article, section, role) block of text, in reading order. Consecutive text "
    "with the same section and role attribution is one row.",
    (
        _ARTICLE_ID,
        _c("position", INT32, "1-based order within the article.", nullable=False),
        _SECTION,
        _c("heading", STR, "The heading as printed, or null (e.g. a conclusion with no heading)."),
        _ROLE_SIDE,
        _ROLE,
        _ROLE_KEY,
        _c("text", STR, "The block's full text: paragraphs joined by blank lines, bullets by newlines.",
           nullable=False),
        _c("truncated", BOOL, "True for the row a cut-off capture ends in (`articles.truncated`): its "
           "text may stop mid-word (`Both roles need a solid gra`). Leave it out to keep only whole "
           "text.", nullable=False),
    ),
    sort_key=("article_id", "position"),
    unique_key=("article_id", "position"),
    row_group_rows=8_192,
)

ITEMS = Table(
    "items",
    "One row per bullet or numbered point, without its bullet or number.",
    (
        _ARTICLE_ID,
        _SECTION,
        _ROLE_SIDE,
        _ROLE,
        _ROLE_KEY,
        _c("position", INT32, "1-based within its (article, section, role_side).", nullable=False),
        _c("text", STR, "The item's text; a numbered tip keeps its label (`Network: ...`).",
           nullable=False),
        _c("section_position", INT32, "`sections.position` of the block the item belongs to.",
           nullable=False),
        _c("truncated", BOOL, "True for the item a cut-off capture ends in: it may be a fragment "
           "(`Collaborat`); filter it out to count only whole items.", nullable=False),
    ),
    sort_key=("article_id", "section_position", "position"),
    unique_key=("article_id", "section", "role_side", "position"),
)

JOB_CARDS = Table(
    "job_cards",
    "One row per distinct job (title, company, location), deduplicated across articles. "
    "When sightings disagree on the other fields, the sighting from the article with the "
    "latest `published_date` (then the smallest `article_id`) wins.",
    (
        _c("job_id", STR, "Stable id: sha256 of case-folded title, company and location, 16 hex.",
           nullable=False),
        _c("title", STR, "Job title as printed.", nullable=False),
        _c("company", STR, "Company as printed, without the `@`."),
        _c("location", STR, "Location as printed."),
        _c("is_remote", BOOL, "True when the location says remote (or anywhere/worldwide).",
           nullable=False),
        _c("employment_types", STR_LIST, "Employment types in printed order.", nullable=False,
           values=EMPLOYMENT_TYPES),
        _c("seniority", STR, "`EN`, `MI`, `SE`, `EX` (the ai-jobs.net salary dataset's codes).",
           values=SENIORITY_CODES),
        _c("seniority_text", STR, "Seniority as printed, e.g. `Senior-level / Expert`."),
        _c("seniority_label", STR, "Label of the seniority code: `Entry-level / Junior`, "
           "`Mid-level / Intermediate`, `Senior-level / Expert`, `Executive-level / Director`.",
           values=SENIORITY_LABELS),
        _c("employment_type_code", STR, "The salary dataset's code for the main employment type: "
           "`FT`, `PT`, `CT` (contract or temporary), `FL`; null for an internship that is nothing else.",
           values=EMPLOYMENT_CODES),
        _c("salary_currency", STR, "ISO 4217 code; null when not printed (never a default)."),
        _c("salary_min", INT, "Lower bound in whole currency units per `salary_period` "
           "(`100K` is 100000); null when missing, unparsed or implausible."),
        _c("salary_max", INT, "Upper bound, as `salary_min`; null for an open range (`120K+`)."),
        _c("salary_period", STR, "`year`, `month`, `week`, `day` or `hour`; `year` when not printed.",
           values=SALARY_PERIODS),
        _c("salary_is_estimate", BOOL, "True when the salary is marked as an estimate.", nullable=False),
        _c("salary_min_annual", INT, "`salary_min` per year: x1 year, x12 month, x52 week, "
           "x260 day (5 days x 52 weeks), x2080 hour (40 hours x 52 weeks)."),
        _c("salary_max_annual", INT, "`salary_max` per year, as `salary_min_annual`."),
        _c("salary_min_usd", INT, "`salary_min_annual` in US dollars at `fx_rate` (the ECB yearly "
           "average of the `first_seen` year, or a user-given table); null where no rate."),
        _c("salary_max_usd", INT, "`salary_max_annual` in US dollars, as `salary_min_usd`."),
        _c("fx_rate", F64, "US dollars per unit of `salary_currency` used for the USD columns; "
           "null when there is no amount or no rate."),
        _c("fx_year", INT32, "The year of `fx_rate`: the `first_seen` year, clamped to the years "
           "the table quotes (null for a year-less user table)."),
        _c("fx_missing", STR, "Why an amount has no USD value: no currency printed, a currency the "
           "table never quotes, or one not quoted in `fx_year`; null otherwise.", values=FX_MISSING),
        _c("survey_p50_usd", INT, "Median `salary_in_usd` of the salary survey for the card's role "
           "key, seniority, country and `first_seen` year (see `survey_scope`); null without a survey."),
        _c("survey_percentile", F64, "Where the card's USD midpoint falls in that survey distribution, "
           "0-100 (share of survey salaries below it, ties counted half)."),
        _c("survey_scope", STR, "`country` when the survey has the card's country, `all_countries` "
           "when it fell back to every country; null when no survey cell matched.", values=SURVEY_SCOPES),
        _c("salary_text", STR, "Salary as printed, or null when the card shows none."),
        _c("job_url", STR, "Link to the job's own page when the card shows one (listing pages), or the "
           "job page's own URL (its capture's, canonical link or `og:url`); else null."),
        _c("salary_flag", STR, "`ok`; `implausible` (min above max, repeated-digit placeholder, or "
           "annual pay outside 1,000..5,000,000 US dollars where a rate exists); `missing`; `unparsed`.",
           nullable=False, values=SALARY_FLAGS),
        _c("city", STR, "City of the (first) location, as printed."),
        _c("region", STR, "ISO 3166-2 subdivision of the (first) location where known (`US-NY`, "
           "`CA-ON`, `IL-M`), from the printed state, province or region or the city; null otherwise."),
        _c("country_code", STR, "ISO 3166-1 alpha-2 country of the (first) location; null when unknown."),
        _c("remote_scope", STR, "ISO alpha-2 country a remote job is limited to "
           "(`Remote (anywhere in the U.S.)` -> `US`), else null."),
        _c("remote_ratio", INT32, "0 on-site, 50 hybrid, 100 remote (as in the salary dataset).",
           nullable=False),
        _c("locations", STR_LIST, "Every location printed on the card (several when it lists several).",
           nullable=False),
        _c("first_seen", DATE, "Earliest `job_sightings.seen_date` of the job."),
        _c("last_seen", DATE, "Latest `job_sightings.seen_date` of the job."),
    ),
    sort_key=("job_id",),
    unique_key=("job_id",),
    row_group_rows=8_192,
)

JOB_SIGHTINGS = Table(
    "job_sightings",
    "Where each job card was seen: one row per card on an article page or a job-board listing page, "
    "and one for a job's own page on the board.",
    (
        _c("job_id", STR, "`job_cards.job_id`.", nullable=False),
        _c("article_id", STR, "The article the card was printed beside; null for a listing or job page."),
        _c("position", INT32, "1-based order of the card on that page.", nullable=False),
        _c("seen_date", DATE, "When the card was seen: the capture date when known, else the "
           "article's `published_date` (a dump carries no capture date)."),
        _c("page_uri", STR, "The page it was seen on (`source_uri` of the article, listing or job page).",
           nullable=False),
        _c("page_kind", STR, "`article`, `listing`, or `job_page` (the job's own page on the board: "
           "its title as the page's heading, its card's fields under it).",
           nullable=False, values=PAGE_KINDS),
        _c("featured", BOOL, "The listing marked the job `Featured` (article cards are all featured)."),
        _c("age_text", STR, "The job's age as the listing or job page printed it, e.g. `3d ago` "
           "(from `Found 3d ago`)."),
        _c("age_hours", pa.float64(), "`age_text` in hours (2h -> 2, 3d -> 72, 1w -> 168, 1mo -> 720)."),
    ),
    sort_key=("page_uri", "seen_date", "position"),
    unique_key=("page_uri", "seen_date", "position"),
)

_JOB_ID = _c("job_id", STR, "`job_cards.job_id`.", nullable=False)
_ONE_PAGE = ("One job page's rows per job: of the job's pages that print sections, the latest capture "
             "(then the smallest `page_uri`, then content hash), whatever the order they were read in.")

JOB_DETAILS = Table(
    "job_details",
    "What a job's own page prints below its card: one row per item of each section (Tasks, "
    "Perks/Benefits, Skills/Tech-stack, Education, ...), `N/A` items left out. " + _ONE_PAGE,
    (
        _JOB_ID,
        _c("section_position", INT32, "1-based order of the section on the page.", nullable=False),
        _c("section", STR, "Canonical key of the heading (in any words or language); `other` when "
           "it names none. A sub-heading that names none takes its parent's key.", nullable=False,
           values=DETAIL_SECTIONS),
        _c("heading", STR, "The heading as printed.", nullable=False),
        _c("position", INT32, "1-based order of the item in its section.", nullable=False),
        _c("text", STR, "The item as printed, without its bullet: a list item, a line, one link of a "
           "row of links (`Python / SQL`), one part of a skills line (`Python, SQL`).", nullable=False),
    ),
    sort_key=("job_id", "section_position", "position"),
    unique_key=("job_id", "section_position", "position"),
)

JOB_SKILLS = Table(
    "job_skills",
    "The skills, tools, degrees and fields a job's page asks for: the vocabulary's terms found in its "
    "skills, tasks and education items (as in `mentions`), and each skills item the vocabulary does "
    "not know, as printed. One row per (job, section, kind, skill). " + _ONE_PAGE,
    (
        _JOB_ID,
        _c("section", STR, "The section it was found in (`job_details.section`).", nullable=False,
           values=("tasks", "skills", "education")),
        _c("position", INT32, "1-based order of first appearance within the job's section.", nullable=False),
        _c("skill", STR, "The vocabulary's name when known, else the skills item as printed: what to "
           "count by.", nullable=False),
        _c("term", STR, "Canonical name from the vocabulary; null for an item it does not know."),
        _c("kind", STR, "What the term is; null when unknown.", values=MENTION_KINDS),
        _c("surface", STR, "As printed (the first occurrence).", nullable=False),
        _c("count", INT32, "Occurrences in that section.", nullable=False),
    ),
    sort_key=("job_id", "section", "position"),
    unique_key=("job_id", "section", "position"),
)

SALARY_LINKS = Table(
    "salary_links",
    "The `View salary info for ROLE (scope)` links under Salary Insights.",
    (
        _ARTICLE_ID,
        _c("role", STR, "The role named in the link.", nullable=False),
        _c("scope", STR, "The scope in parentheses, e.g. `global`; null when absent."),
        _c("position", INT32, "1-based order of the link on the page.", nullable=False),
    ),
    sort_key=("article_id", "position"),
    unique_key=("article_id", "position"),
    row_group_rows=32_768,
)

ROLES = Table(
    "roles",
    "One row per distinct role across all articles (case, plurals, articles and "
    "abbreviations folded into `role_key`).",
    (
        _c("role_key", STR, "Canonical key, e.g. `ai-architect`.", nullable=False),
        _c("name", STR, "Display name: the most common printed form.", nullable=False),
        _c("article_count", INT32, "How many distinct comparisons (`article_key`s) compare this role.",
           nullable=False),
    ),
    sort_key=("role_key",),
    unique_key=("role_key",),
)

MENTIONS = Table(
    "mentions",
    "Skills, tools, technologies, degrees, fields of study, certifications and industries found "
    "in each section's text: one row per (article, section, role side, kind, name).",
    (
        _ARTICLE_ID,
        _SECTION,
        _ROLE_SIDE,
        _ROLE_KEY,
        _c("kind", STR, "What the name is.", nullable=False, values=MENTION_KINDS),
        _c("name", STR, "Canonical name from the vocabulary (`pipeline/data/vocabulary.csv`).",
           nullable=False),
        _c("surface", STR, "As printed (the first occurrence).", nullable=False),
        _c("count", INT32, "Occurrences in that section block.", nullable=False),
    ),
    sort_key=("article_id", "section", "role_side", "kind", "name"),
    unique_key=("article_id", "section", "role_side", "kind", "name"),
    row_group_rows=32_768,
)

OUTLOOK_STATS = Table(
    "outlook_stats",
    "One row per growth figure in an outlook section.",
    (
        _ARTICLE_ID,
        _ROLE_SIDE,
        _ROLE_KEY,
        _c("position", INT32, "1-based order of the figure in the article.", nullable=False),
        _c("percent", pa.float64(), "The growth figure in percent (the lower bound of a range).",
           nullable=False),
        _c("percent_max", pa.float64(), "The upper bound when a range is printed (`20-25%`), else null."),
        _c("start_year", INT32, "First year of the projection, or null."),
        _c("end_year", INT32, "Last year of the projection, or null."),
        _c("horizon", STR, "The horizon as printed, e.g. `next decade`, or null."),
        _c("source", STR, "Who projects it, e.g. `Bureau of Labor Statistics`, or null."),
        _c("sentence", STR, "The sentence the figure came from.", nullable=False),
    ),
    sort_key=("article_id", "position"),
    unique_key=("article_id", "position"),
    row_group_rows=8_192,
)

SURVEY_SALARIES = Table(
    "survey_salaries",
    "The board's public salary survey (`--survey FILE`) summarized per (role key, level, company "
    "country, year); empty when no survey is given. Titles without a role key are left out.",
    (
        _c("role_key", STR, "`roles.role_key` of the survey `job_title` (the articles' function).",
           nullable=False),
        _c("experience_level", STR, "`EN`, `MI`, `SE`, `EX`.", nullable=False, values=SENIORITY_CODES),
        _c("company_location", STR, "ISO 3166-1 alpha-2 of the employer.", nullable=False),
        _c("work_year", INT32, "The survey's `work_year`.", nullable=False),
        _c("count", INT32, "Survey rows in the cell.", nullable=False),
        *(_c(f"p{q}_usd", F64, f"{q}th percentile of `salary_in_usd` (linear interpolation, "
             "as pandas' `quantile`).", nullable=False) for q in (10, 25, 50, 75, 90)),
    ),
    sort_key=("role_key", "experience_level", "company_location", "work_year"),
    unique_key=("role_key", "experience_level", "company_location", "work_year"),
)

QUARANTINE = Table(
    "quarantine",
    "Every document or part that could not be used, and why. Nothing vanishes.",
    (
        _c("source_uri", STR, "Where the document came from (as in `articles.source_uri`).",
           nullable=False),
        _c("stage", STR, "The stage that refused it.", nullable=False, values=QUARANTINE_STAGES),
        _c("reason", STR, "Short, stable code (see the docs' list of reasons).", nullable=False),
        _c("detail", STR, "Human-readable explanation."),
        _c("content_sha256", STR, "sha256 of the bytes when they could be read, else null."),
    ),
    sort_key=("source_uri", "stage", "reason", "detail"),
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (ARTICLES, SECTIONS, ITEMS, JOB_CARDS, JOB_SIGHTINGS, JOB_DETAILS, JOB_SKILLS, SALARY_LINKS,
              ROLES, MENTIONS, OUTLOOK_STATS, SURVEY_SALARIES, QUARANTINE)
}
"""Every output table, in the order they are written and documented."""
