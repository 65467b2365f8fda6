"""Deterministic corpora: the bundled samples, and N synthetic documents for benchmarks.

Why per-document seeding: document ``i`` of seed ``S`` is drawn from its own
``random.Random(f"rolescope-corpus:{S}:{i}")`` (string seeds hash with SHA-512, so they do
not depend on ``PYTHONHASHSEED``). A corpus of 10,000 documents therefore starts with the
same 1,000 documents as a corpus of 1,000, and a duplicate can be rebuilt from its index
instead of being kept in memory. The global ``random`` module is never used.

Synthetic articles combine pieces of the hand-written specs: role names from
:data:`ROLE_NAMES`, items drawn from the hand-written roles of the same family, sentence
templates for the intro, outlook and conclusion, and cards from a fixed job catalogue (so
the same job shows up on many articles, sometimes with a different salary).
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pipeline.corpus.articles import (
    AI_PRODUCT_MANAGER_VS_DATA_SCIENTIST,
    DATA_ANALYST_VS_ANALYTICS_ENGINEER,
    DATA_ENGINEER_VS_MLOPS,
    NLP_VS_COMPUTER_VISION,
    RESEARCH_SCIENTIST_VS_ML_ENGINEER,
    SPECS,
)
from pipeline.corpus.chrome import site_chrome
from pipeline.corpus.damage import (
    JUNK_KINDS,
    JunkKind,
    damage_runs,
    gzip_bytes,
    junk_document,
    utf8_bom,
    utf16le_bom,
)
from pipeline.corpus.render_html import LAYOUTS, page_bytes, slugify
from pipeline.corpus.render_text import Shape, indefinite, plural, render_text
from pipeline.corpus.specs import (
    LIST_SECTIONS,
    ArticleSpec,
    JobCard,
    Mentions,
    Presentation,
    RoleContent,
    Tip,
)

MANIFEST = ".manifest.jsonl"
"""Ground truth of a generated corpus; hidden, so the pipeline's folder walk skips it."""

Format = Literal["mixed", "text", "html"]
FORMATS: tuple[Format, ...] = ("mixed", "text", "html")
"""``mixed``: about 30% saved pages, the rest text dumps; ``text``/``html``: one format only
(so a benchmark can measure each), junk included but only junk of that format."""
HTML_SHARE = 0.3

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
)
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
        outlook=(rng.choice(_OUTLOOKS).format(n=rng.randint(5, 36), y0=start, y1=start + 10, **words),),
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


# --- documents ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Document:
    """One file of a corpus: its relative name, its bytes and what it is (for the manifest)."""

    name: str
    data: bytes
    info: dict[str, Any] = field(default_factory=dict)


def _encode_text(text: str, rng: random.Random, info: dict[str, Any]) -> bytes:
    roll = rng.random()
    if roll < 0.14:
        codec = rng.choices(("cp1253", "cp874", "cp1252"), (45, 45, 10))[0]
        runs = ("·", "👀") if rng.random() < 0.5 else ("·",)
        info.update(encoding="utf-8", damage=codec, damaged_runs=list(runs))
        return damage_runs(text, codec, runs).encode("utf-8")
    if roll < 0.20:
        info["encoding"] = "utf-8-bom"
        return utf8_bom(text)
    if roll < 0.25:
        info["encoding"] = "utf-16-le-bom"
        return utf16le_bom(text)
    info["encoding"] = "utf-8"
    return text.encode("utf-8")


def article_document(spec: ArticleSpec, rng: random.Random, stem: str, *, fmt: Format = "mixed",
                     chrome: bool = True) -> Document:
    """Render ``spec`` in a format, shape and encoding drawn from ``rng``.

    ``fmt`` forces the format (the draw is still made, so the rest of the stream is the
    same); ``chrome`` wraps saved pages in a real site's boilerplate (about 60 KB a page).
    """
    info: dict[str, Any] = {"kind": "article", "title": spec.title, "role_a": spec.role_a.name,
                            "role_b": spec.role_b.name, "published": spec.published.isoformat(),
                            "url": spec.url, "jobs": len(spec.jobs),
                            "items": sum(len(r.items(s)) for r in spec.roles for s in LIST_SECTIONS)}
    is_html = rng.random() < HTML_SHARE
    if fmt != "mixed":
        is_html = fmt == "html"
    if is_html:
        layout = rng.choice(LAYOUTS)
        charset = "windows-1252" if rng.random() < 0.1 else "utf-8"
        info.update(format="html", layout=layout, encoding=charset, chrome=chrome)
        data, ext = page_bytes(spec, layout, charset=charset,
                               chrome=site_chrome(spec, rng) if chrome else None), ".html"
    else:
        is_2024 = spec.presentation.definitions != "prose" and spec.presentation.lists == "bullets"
        shape: Shape = "flat" if is_2024 and rng.random() < 0.4 else "paged"
        info.update(format="text", shape=shape)
        data, ext = _encode_text(render_text(spec, shape), rng, info), ".txt"
    info["gzip"] = rng.random() < 0.08
    if info["gzip"]:
        data, ext = gzip_bytes(data), ext + ".gz"
    return Document(f"{stem}{ext}", data, info)


def _document_rng(seed: int, index: int) -> random.Random:
    return random.Random(f"rolescope-corpus:{seed}:{index}")


def _junk_kinds(fmt: Format) -> tuple[JunkKind, ...]:
    """The junk a corpus of ``fmt`` may hold: a 404 page is HTML, the rest is text."""
    if fmt == "mixed":
        return JUNK_KINDS
    return tuple(k for k in JUNK_KINDS if (k == "html404") == (fmt == "html"))


def build_document(seed: int, index: int, *, junk_share: float = 0.05, dup_share: float = 0.01,
                   fmt: Format = "mixed", chrome: bool = True) -> Document:
    """Document ``index`` of the corpus ``seed``: junk, a byte copy of an earlier one, or an article."""
    rng = _document_rng(seed, index)
    junk_roll, dup_roll = rng.random(), rng.random()
    if junk_roll < junk_share:
        kind = rng.choice(_junk_kinds(fmt))
        suffix, data = junk_document(kind, rng)
        return Document(f"{index:06d}_junk-{kind}{suffix}", data, {"kind": "junk", "junk": kind})
    if index > 0 and dup_roll < dup_share:
        original = rng.randrange(index)
        source = build_document(seed, original, junk_share=junk_share, dup_share=0.0, fmt=fmt, chrome=chrome)
        ext = source.name[source.name.index("."):]
        return Document(f"{index:06d}_copy{ext}", source.data,
                        {**source.info, "kind": "duplicate", "duplicate_of": source.name})
    spec = synth_spec(rng)
    return article_document(spec, rng, f"{index:06d}_{spec.slug}", fmt=fmt, chrome=chrome)


def iter_corpus(count: int, seed: int, *, junk_share: float = 0.05, dup_share: float = 0.01,
                fmt: Format = "mixed", chrome: bool = True) -> Iterator[Document]:
    """``count`` documents of corpus ``seed``, lazily, in index order."""
    for index in range(count):
        yield build_document(seed, index, junk_share=junk_share, dup_share=dup_share, fmt=fmt, chrome=chrome)


def write_corpus(out: Path, count: int, seed: int, *, junk_share: float = 0.05, dup_share: float = 0.01,
                 fmt: Format = "mixed", chrome: bool = True) -> list[dict[str, Any]]:
    """Write a corpus under ``out`` plus its hidden manifest; returns the manifest rows."""
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for doc in iter_corpus(count, seed, junk_share=junk_share, dup_share=dup_share, fmt=fmt, chrome=chrome):
        (out / doc.name).write_bytes(doc.data)
        rows.append({"file": doc.name, "bytes": len(doc.data), **doc.info})
    manifest = "".join(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in rows)
    (out / MANIFEST).write_text(manifest, encoding="utf-8")
    return rows


# --- bundled samples ----------------------------------------------------------------------

def _with(spec: ArticleSpec, **changes: Any) -> ArticleSpec:
    return dataclasses.replace(spec, presentation=dataclasses.replace(spec.presentation, **changes))


def sample_documents() -> list[Document]:
    """The files of ``raw/samples``: one per variant a parser must handle (see each ``what``)."""
    de, nlp, da = DATA_ENGINEER_VS_MLOPS, NLP_VS_COMPUTER_VISION, DATA_ANALYST_VS_ANALYTICS_ENGINEER
    pm, rs = AI_PRODUCT_MANAGER_VS_DATA_SCIENTIST, RESEARCH_SCIENTIST_VS_ML_ENGINEER
    merged_rs = _with(rs, grouped_by_role=False, merged_headings=True, definitions="prose", lists="prose",
                      bullet_leadins=False, mentions="lower")

    def doc(name: str, data: bytes, what: str) -> Document:
        return Document(name, data, {"what": what})

    return [
        doc(f"text-2024-clean_{de.slug}.txt", render_text(de).encode(),
            "2024 clean dump: labelled definitions, role sub-headings, bullets, numbered tips"),
        doc(f"text-2023-prose_{nlp.slug}.txt", render_text(nlp).encode(),
            "2023 prose dump: prose definitions, lead-in + one paragraph per role, bulleted tips"),
        doc(f"text-2024-flat_{pm.slug}.txt", render_text(pm, "flat").encode(),
            "flattened 2024 capture; 'Role Responsibilities:' sub-headings; Education/Job Outlook"),
        doc(f"text-2023-grouped_{rs.slug}.txt", render_text(rs).encode(),
            "grouped by role, one-role lead-in sentences before bullets, Career Outlook"),
        doc(f"mojibake-cp1253_{nlp.slug}.txt", damage_runs(render_text(nlp), "cp1253").encode(),
            "separator as 'Β·' and emoji as 'πŸ‘€'; the rest intact UTF-8"),
        doc(f"mojibake-cp874-merged_{rs.slug}.txt",
            damage_runs(render_text(merged_rs), "cp874", ("·",)).encode(),
            "separator as 'ยท'; merged headings; lower-case plural role mentions"),
        doc(f"bom-utf8-flat_{de.slug}.txt", utf8_bom(render_text(de, "flat")),
            "UTF-8 with BOM, flattened capture of the same URL as the clean dump"),
        doc(f"utf16le_{pm.slug}.txt", utf16le_bom(render_text(pm)),
            "UTF-16 LE with BOM, paged 2024 dump"),
        doc(f"gzip_{da.slug}.txt.gz", gzip_bytes(render_text(da).encode()),
            "gzipped 2024 dump (mtime=0) with é, – and ’"),
        doc(f"html-semantic_{de.slug}.html", page_bytes(de, "semantic"),
            "saved page: header/nav, main > article, aside job cards, footer"),
        doc(f"html-divsoup_{nlp.slug}.html", page_bytes(nlp, "divsoup"),
            "saved page without sectioning tags; h1 outside the content div"),
        doc(f"html-main_{pm.slug}.html", page_bytes(pm, "main"),
            "saved page with <main> only, job aside inside main"),
        doc(f"html-cp1252_{da.slug}.html", page_bytes(da, "semantic", charset="windows-1252"),
            "windows-1252 page with <meta charset>, emoji as a character reference"),
    ]


def write_samples(out: Path) -> list[Document]:
    """Write :func:`sample_documents` into ``out`` (created); returns what was written."""
    out.mkdir(parents=True, exist_ok=True)
    docs = sample_documents()
    for doc in docs:
        (out / doc.name).write_bytes(doc.data)
    return docs
