"""Synthetic article specs: role pools, sentence templates and a job catalogue, drawn from an rng.

Why apart from :mod:`pipeline.corpus.generate`: *what* an article says (its roles, items,
templated prose and job cards, every choice drawn from one ``random.Random``) is one job;
*how* a document carries it (format, layout, encoding, damage, junk, duplicates, the
corpus and its manifest) is another. Synthetic articles combine pieces of the hand-written
specs: role names from :data:`ROLE_NAMES`, items drawn from the hand-written roles of the
same family, sentence templates for the intro, outlook and conclusion, and cards from a
fixed job catalogue (so the same job shows up on many articles, sometimes with a different
salary).
"""

from __future__ import annotations

import dataclasses
import random
import re
from datetime import date, timedelta
from functools import cache

from pipeline.corpus.articles import SPECS
from pipeline.corpus.render_html import slugify
from pipeline.corpus.render_text import indefinite, plural
from pipeline.corpus.specs import (
    LIST_SECTIONS,
    ArticleSpec,
    JobCard,
    Mentions,
    Presentation,
    RoleContent,
    Tip,
)

# --- role pools -------------------------------------------------------------------------

_SOURCE_ROLES: dict[str, RoleContent] = {role.name: role for spec in SPECS for role in spec.roles}
FAMILIES: dict[str, tuple[str, ...]] = {
    "data": ("Data Engineer", "Analytics Engineer", "MLOps Engineer"),
    "analysis": ("Data Analyst", "Analytics Engineer", "Data Scientist"),
    "science": ("Data Scientist", "Machine Learning Engineer", "Research Scientist"),
    "research": ("Research Scientist", "NLP Engineer", "Computer Vision Engineer"),
    "ml": ("Machine Learning Engineer", "MLOps Engineer", "NLP Engineer", "Computer Vision Engineer"),
    "lead": ("AI Product Manager", "Data Scientist", "Data Analyst"),
}
"""Family -> hand-written roles whose items a synthetic role of that family may borrow."""

ROLE_NAMES: tuple[tuple[str, str], ...] = (
    ("AI Architect", "ml"), ("AI Engineer", "ml"), ("AI Programmer", "ml"),
    ("AI Product Manager", "lead"), ("AI Scientist", "research"), ("Analytics Engineer", "data"),
    ("Applied Scientist", "science"), ("BI Analyst", "analysis"), ("BI Developer", "analysis"),
    ("Business Data Analyst", "analysis"), ("Computer Vision Engineer", "research"),
    ("Data Analyst", "analysis"), ("Data Architect", "data"), ("Data Engineer", "data"),
    ("Data Manager", "lead"), ("Data Operations Specialist", "data"), ("Data Quality Analyst", "analysis"),
    ("Data Science Consultant", "lead"), ("Data Science Manager", "lead"), ("Data Scientist", "science"),
    ("Data Specialist", "analysis"), ("Deep Learning Engineer", "research"),
    ("Finance Data Analyst", "analysis"), ("Head of Data Science", "lead"),
    ("Lead Machine Learning Engineer", "ml"), ("Machine Learning Engineer", "ml"),
    ("Machine Learning Research Engineer", "research"), ("Machine Learning Scientist", "science"),
    ("Machine Learning Software Engineer", "ml"), ("MLOps Engineer", "data"), ("NLP Engineer", "research"),
    ("Research Engineer", "research"), ("Research Scientist", "research"),
    ("Software Data Engineer", "data"),
)

# --- sentence templates (placeholders: {a} {b} names, {a1} {b1} with article, {ap} {bp} plural)

_SUBTITLES = (
    "{a} vs {b}: A Comprehensive Comparison",
    "{a} vs. {b}: A Comprehensive Comparison",
    "The {a} vs {b}: A Comprehensive Comparison",
    "{a} vs. {b}: Understanding the Key Differences",
    "{a} vs {b}: Which Road Suits You Better?",
    "{a} vs. {b}: A Detailed Comparison",
    "A Detailed Comparison between {a} and {b} Roles",
    "Comparing {a} and {b} Roles",
    "{a} versus {b}: A Comprehensive Comparison",
    "The Battle of {a} vs. {b}: Picking Your Next Move",
    "{ap} vs {bp}: Understanding the Differences",
)
_INTROS = (
    "Companies that build with machine learning hire for many specialised titles, and {a} and {b} "
    "are two that candidates often weigh against each other. The roles overlap in places but reward "
    "different strengths. Below we compare definitions, responsibilities, required skills, educational "
    "backgrounds, tools, industries, outlooks and practical tips.",
    "If you are deciding between becoming {a1} or {b1}, it helps to see the two jobs side by side. "
    "This article walks through what each role does day to day, what employers look for and how to "
    "land a first position.",
    "Data and AI teams keep growing, and so does the number of job titles inside them. Two that often "
    "appear in the same job searches are {a} and {b}. Here is a practical comparison to help you tell "
    "them apart.",
    "{ap} and {bp} both work close to data, models and the products built on them, yet their days look "
    "quite different. This comparison explains where the two roles overlap and where they diverge.",
    "Job boards list {a} and {b} openings next to each other, and the descriptions can sound alike. "
    "The differences show up in the daily work, the tools and the path into each job, which is what "
    "this guide covers.",
)
_OUTLOOKS = (
    "Demand for {ap} and {bp} is expected to keep rising. Employment in the occupations that include "
    "these roles is projected to grow {n} percent from {y0} to {y1}, well above the average for all jobs.",
    "The outlook for both careers is positive. Labour statistics project employment in related "
    "occupations to grow {n} percent from {y0} to {y1}, and job postings that mention {a} or {b} have "
    "risen steadily as more companies put machine learning into production.",
    "Both roles benefit from the spread of AI across industries. Employment for {ap} is projected to "
    "grow {n} percent from {y0} to {y1}, while openings for {bp} are growing at a similar pace in "
    "technology, finance and healthcare.",
    "Employment of {ap} is projected to grow {n} percent from {y0} to {y1}, while demand for {bp} is "
    "expected to rise {m} percent over the same period as more teams run models in production.",
    "Hiring looks steady for both paths. Openings for {bp} are expected to increase {m} percent between "
    "{y0} and {y1}. Employment for {ap} is projected to grow {n} percent over the same decade.",
)
"""Outlook paragraphs; the last two give each role a figure of its own (``{n}`` role a, ``{m}`` role b)."""
_CONCLUSIONS_2024 = (
    "By understanding the differences between {ap} and {bp}, you can choose the path that fits your "
    "interests and strengths. Both roles offer steady demand, interesting problems and room to grow.",
    "By understanding what {a1} and {b1} actually do, aspiring professionals can plan their learning "
    "with a clear goal in mind. Whichever role you pick, practical projects will matter more than "
    "titles.",
)
_CONCLUSIONS_2023 = (
    "In conclusion, {ap} and {bp} play complementary parts in data-driven organisations. Consider "
    "which kind of work energises you, then build the skills and projects that employers in that "
    "role look for.",
    "In conclusion, the choice between {a1} and {b1} comes down to the problems you enjoy solving. "
    "Both careers are in demand, and the tips above will help you take the first step.",
)
_HEADING_SYNONYMS: dict[str, tuple[str, ...]] = {
    "definitions": ("Definition",),
    "education": ("Education", "Educational Background"),
    "tools": ("Tools and Technologies", "Tools and Software"),
    "outlook": ("Career Outlook", "Job Outlook", "Outlook"),
    "tips": ("Tips for Getting Started", "Practical Tips"),
}

# --- job catalogue ------------------------------------------------------------------------

_JOB_TITLES = (
    "Data Engineer", "Senior Data Engineer", "Machine Learning Engineer", "Senior Machine Learning Engineer",
    "Data Scientist", "Staff Data Scientist", "AI Research Scientist", "MLOps Engineer",
    "Analytics Engineer", "BI Developer", "Data Analyst", "Lead Data Analyst", "Computer Vision Engineer",
    "NLP Engineer", "Head of Data", "Director of Machine Learning", "Data Science Intern",
    "Machine Learning Intern", "Principal AI Architect", "Research Engineer, Foundation Models",
)
_COMPANIES = (
    "Northwind Analytics", "Brightline Robotics", "Calder Health", "Tessellate AI", "Kestrel Payments",
    "Parlance Systems", "Ferrous Autonomy", "Lexica Health", "Bluepine Retail", "Marlowe & Finch",
    "Oakhurst Capital", "Orchard Mobility", "Lumen Grove Institute", "Quillwater Insurance",
    "Société Dupré Conseil", "Harrow & Vale Energy", "Cobalt Reef Games", "Tamarind Logistics",
)
_LOCATIONS = (
    ("Remote", "USD"), ("Remote (US only)", "USD"), ("Remote (Europe)", "EUR"), ("New York, NY", "USD"),
    ("San Francisco, CA", "USD"), ("Austin, Texas, USA", "USD"), ("Boston, MA", "USD"),
    ("Seattle, Washington, USA", "USD"), ("London, UK", "GBP"), ("Manchester, UK", "GBP"),
    ("Berlin, Germany", "EUR"), ("Paris, France", "EUR"), ("Amsterdam, Netherlands", "EUR"),
    ("Toronto, Canada", "CAD"), ("Zurich, Switzerland", "CHF"), ("Bengaluru, India", "USD"),
)


def _seniority(title: str, rng: random.Random) -> str:
    if "Intern" in title:
        return "Entry-level / Junior"
    if title.startswith(("Head", "Director", "Chief")):
        return "Executive-level / Director"
    if title.startswith(("Senior", "Staff", "Principal", "Lead")):
        return "Senior-level / Expert"
    return rng.choice(("Entry-level / Junior", "Mid-level / Intermediate", "Mid-level / Intermediate"))


def _salary(rng: random.Random, currency: str) -> str:
    """A salary as the site prints it, with the rarer forms at realistic rates."""
    roll = rng.random()
    low = rng.randrange(40, 200, 5)
    high = low + rng.randrange(10, 80, 5)
    if roll < 0.07:
        return ""
    if roll < 0.09:
        digit = rng.choice("19")
        return f"USD {digit * 7}K - {digit * 7}K"
    if roll < 0.11:
        return "USD 1M - 1.5M"
    if roll < 0.19:
        return f"{currency} {low}K"
    if roll < 0.26:
        return f"{currency} {low}K+"
    return f"{currency} {low}K - {high}K"


@cache
def job_catalogue() -> tuple[JobCard, ...]:
    """120 jobs drawn once from a fixed seed; articles pick their cards from here."""
    rng = random.Random("rolescope-job-catalogue")
    jobs = []
    for index in range(120):
        title = rng.choice(_JOB_TITLES)
        location, currency = rng.choice(_LOCATIONS)
        if "Intern" in title:
            employment: tuple[str, ...] = rng.choice((("Internship",), ("Full Time", "Internship")))
        else:
            employment = rng.choices((("Full Time",), ("Contract",), ("Part Time",)), (90, 6, 4))[0]
        jobs.append(JobCard(title, rng.choice(_COMPANIES), location, employment, _seniority(title, rng),
                            _salary(rng, currency), 100_000 + index))
    return tuple(jobs)


# --- synthetic specs ----------------------------------------------------------------------

_LABEL = re.compile(r"^[A-Z][A-Za-z&/ -]{0,40}:\s+")


def _normalise_item(item: str, section: str, periods: bool) -> str:
    text = _LABEL.sub("", item).rstrip(".")
    return text + "." if periods and section not in ("tools", "industries") else text


def _definition_body(role: RoleContent) -> str:
    """The definition after its ``An X`` opening, ready for another role name."""
    return role.definition[len(indefinite(role.name)):]


def synth_role(name: str, family: str, rng: random.Random, *, periods: bool,
               avoid: RoleContent | None = None) -> RoleContent:
    """A role named ``name`` whose items mix two hand-written roles of ``family``.

    ``avoid`` is the other role of the article: its definition and items are never reused,
    so every sentence and item of a synthetic article belongs to exactly one role.
    """
    sources = [_SOURCE_ROLES[n] for n in rng.sample(FAMILIES[family], 2)]
    fallback = [r for r in _SOURCE_ROLES.values() if r not in sources]
    lists: dict[str, tuple[str, ...]] = {}
    for section in LIST_SECTIONS:
        taken = set(avoid.items(section)) if avoid else set()
        fresh = (_normalise_item(i, section, periods) for s in sources for i in s.items(section))
        pool = [i for i in dict.fromkeys(fresh) if i not in taken]
        if len(pool) < 3:
            extra = (_normalise_item(i, section, periods) for s in fallback for i in s.items(section))
            pool += [i for i in dict.fromkeys(extra) if i not in taken and i not in pool][: 3 - len(pool)]
        lists[section] = tuple(rng.sample(pool, rng.randint(3, min(6, len(pool)))))
    body = next(_definition_body(r) for r in [*sources, *fallback]
                if avoid is None or not avoid.definition.endswith(_definition_body(r)))
    definition = indefinite(name)
    return RoleContent(name=name, definition=definition[:1].upper() + definition[1:] + body, **lists)


def _presentation(rng: random.Random, era: int) -> Presentation:
    headings = tuple((key, rng.choice(names)) for key, names in _HEADING_SYNONYMS.items()
                     if rng.random() < 0.15)
    if era == 2024:
        return Presentation(
            definitions=rng.choices(("labelled", "subheaded"), (85, 15))[0],
            role_heading_suffix=rng.random() < 0.25, role_heading_colon=rng.random() < 0.15,
            section_leadins=rng.random() < 0.15, headings=headings,
        )
    grouped = rng.random() < 0.15
    mentions: Mentions = rng.choices(("singular", "plural", "lower"), (60, 25, 15))[0]
    return Presentation(
        definitions=rng.choices(("prose", "labelled", "subheaded"), (60, 20, 20))[0],
        lists="bullets" if grouped else rng.choices(("prose", "bullets"), (55, 45))[0],
        tips=rng.choices(("bullets", "numbered"), (80, 20))[0],
        grouped_by_role=grouped, merged_headings=not grouped and rng.random() < 0.15,
        bullet_leadins=grouped or rng.random() < 0.4, mentions=mentions, headings=headings,
    )


def _jobs(rng: random.Random) -> tuple[JobCard, ...]:
    count = rng.choices((0, 1, 2, 3, 4, 5, 6), (5, 5, 10, 20, 25, 20, 15))[0]
    cards = []
    for listed in rng.sample(job_catalogue(), count):
        card = listed
        if rng.random() < 0.1:  # the same job printed with another salary on this page
            card = dataclasses.replace(listed, salary=_salary(rng, listed.salary.split(" ")[0] or "USD"))
        cards.append(card)
    return tuple(cards)


def synth_spec(rng: random.Random) -> ArticleSpec:
    """One synthetic article, every choice drawn from ``rng``."""
    (name_a, fam_a), (name_b, fam_b) = rng.sample(ROLE_NAMES, 2)
    periods = rng.random() < 0.5
    role_a = synth_role(name_a, fam_a, rng, periods=periods)
    role_b = synth_role(name_b, fam_b, rng, periods=periods, avoid=role_a)
    era = rng.choice((2023, 2024))
    if rng.random() < 0.6:
        published = date(2023, 12, 6) if era == 2023 else date(2024, 10, 30)
    else:
        published = date(era, 1, 1) + timedelta(days=rng.randrange(365))
    words = {"a": name_a, "b": name_b, "a1": indefinite(name_a), "b1": indefinite(name_b),
             "ap": plural(name_a), "bp": plural(name_b)}
    start = rng.choice((2019, 2020, 2021, 2022))
    all_tips: list[Tip] = list(dict.fromkeys(t for s in SPECS for t in s.tips))
    conclusions = _CONCLUSIONS_2023 if era == 2023 else _CONCLUSIONS_2024
    return ArticleSpec(
        role_a=role_a, role_b=role_b,
        subtitle=rng.choice(_SUBTITLES).format(**words),
        read_minutes=rng.randint(3, 7),
        published=published,
        intro=(rng.choice(_INTROS).format(**words),),
        outlook=(rng.choice(_OUTLOOKS).format(n=rng.randint(5, 36), m=rng.randint(5, 36), y0=start,
                                              y1=start + 10, **words),),
        tips=tuple(rng.sample(all_tips, rng.randint(4, 6))),
        tips_leadin=rng.choice([s.tips_leadin for s in SPECS]),
        conclusion=rng.choice(conclusions).format(**words),
        jobs=_jobs(rng),
        salary_roles=tuple(
            rng.sample((name_a, name_b, "Platform Engineer", "Data Scientist"), rng.randint(0, 3))
        ),
        slug=f"{slugify(name_a)}-vs-{slugify(name_b)}",
        host=rng.choices(("aijobs.net", "ai-jobs.net"), (85, 15))[0],
        presentation=_presentation(rng, era),
    )
