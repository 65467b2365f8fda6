"""Article specs: the content of one comparison article, independent of how it is printed.

Why a spec and not a template file: the same article must come out as a 2024 text dump, a
2023 prose dump, a flattened capture and three kinds of saved web page, and every one of
them must carry exactly the same paragraphs, items and job cards so that tests can check a
parser against the spec. The spec holds *what* is said; :class:`Presentation` holds the
site's layout choices (labelled or prose definitions, grouped by role, heading wording...);
the renderers in ``render_text`` and ``render_html`` decide the bytes.

This module holds only the spec types and the site's default headings; the hand-written
articles built from them live in :mod:`pipeline.corpus.articles`, so the renderers and the
generator can import the types without loading several hundred lines of article text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

DefinitionStyle = Literal["labelled", "prose", "subheaded"]
ListStyle = Literal["bullets", "prose"]
TipStyle = Literal["numbered", "bullets"]
Mentions = Literal["singular", "plural", "lower"]

LIST_SECTIONS: tuple[str, ...] = ("responsibilities", "required_skills", "education", "tools", "industries")
"""Sections that hold per-role items, in the site's order (keys match ``pipeline.parse.sections``)."""

DEFAULT_HEADINGS: dict[str, str] = {
    "definitions": "Definitions",
    "responsibilities": "Responsibilities",
    "required_skills": "Required Skills",
    "education": "Educational Backgrounds",
    "tools": "Tools and Software Used",
    "industries": "Common Industries",
    "outlook": "Outlooks",
    "tips": "Practical Tips for Getting Started",
    "definitions+responsibilities": "Definitions and Responsibilities",
    "required_skills+education": "Required Skills and Educational Backgrounds",
}
"""The headings the site prints most often; :attr:`Presentation.headings` overrides them."""


@dataclass(frozen=True, slots=True)
class Tip:
    """One practical tip: 2024 pages print ``Label: text``, 2023 pages only the text."""

    label: str
    text: str


@dataclass(frozen=True, slots=True)
class JobCard:
    """A "Featured Job" card as the site prints it beside an article.

    ``salary`` is printed verbatim (``USD 135K - 165K``, ``USD 180K+``, ``EUR 60K - 80K``);
    an empty string means the card shows no salary. ``job_id`` only feeds the HTML link
    (``/job/<id>-<slug>``).
    """

    title: str
    company: str
    location: str
    employment: tuple[str, ...]
    seniority: str
    salary: str
    job_id: int

    @property
    def badge_line(self) -> str:
        """``Full Time Senior-level / Expert USD 135K - 165K``: the badges joined by spaces."""
        return " ".join([*self.employment, self.seniority, *([self.salary] if self.salary else [])])

    @property
    def company_line(self) -> str:
        return f"@ {self.company} | {self.location}"


@dataclass(frozen=True, slots=True)
class RoleContent:
    """Everything an article says about one role.

    ``definition`` starts with the article and the role name (``An MLOps Engineer ...``),
    because the labelled (``Role: An X is``) and the prose (``On the other hand, an X is``)
    forms are both built from it.
    """

    name: str
    definition: str
    responsibilities: tuple[str, ...]
    required_skills: tuple[str, ...]
    education: tuple[str, ...]
    tools: tuple[str, ...]
    industries: tuple[str, ...]

    def items(self, section: str) -> tuple[str, ...]:
        """The items of one of :data:`LIST_SECTIONS`."""
        if section not in LIST_SECTIONS:
            raise KeyError(section)
        value: tuple[str, ...] = getattr(self, section)
        return value


@dataclass(frozen=True, slots=True)
class Presentation:
    """How the site lays an article out; every field is a variant a parser must survive."""

    definitions: DefinitionStyle = "labelled"
    """``labelled`` (``Role: An X is``), ``prose`` (``On the other hand, ...``) or
    ``subheaded`` (a role heading above each definition)."""
    lists: ListStyle = "bullets"
    """Per-role bullets under role sub-headings, or a lead-in plus one paragraph per role."""
    tips: TipStyle = "numbered"
    """Numbered ``Label: text`` paragraphs (2024) or a lead-in and bullets (2023)."""
    grouped_by_role: bool = False
    """Role heading -> Definition -> Responsibilities -> Required Skills -> Educational
    Background, then the other role, then the shared sections."""
    merged_headings: bool = False
    """``Definitions and Responsibilities``, ``Required Skills and Educational Backgrounds``."""
    role_heading_suffix: bool = False
    """``AI Architect Responsibilities`` instead of ``AI Architect``."""
    role_heading_colon: bool = False
    """``Data Scientist Skills:``: a colon after the role sub-heading."""
    bullet_leadins: bool = False
    """A one-role lead-in sentence ending in ``:`` before each role's bullets."""
    section_leadins: bool = False
    """A paragraph naming both roles at the start of each list section (bullet mode)."""
    mentions: Mentions = "singular"
    """How generated sentences name the roles: ``an AI Architect``, ``AI Architects`` or
    ``AI architects`` (lower-case words, acronyms kept)."""
    headings: tuple[tuple[str, str], ...] = ()
    """Overrides of :data:`DEFAULT_HEADINGS`: ``(("outlook", "Career Outlook"),)``."""

    def heading(self, key: str) -> str:
        return dict(self.headings).get(key, DEFAULT_HEADINGS[key])


@dataclass(frozen=True, slots=True)
class ArticleSpec:
    """One comparison article: content plus presentation."""

    role_a: RoleContent
    role_b: RoleContent
    subtitle: str
    read_minutes: int
    published: date
    intro: tuple[str, ...]
    outlook: tuple[str, ...]
    tips: tuple[Tip, ...]
    tips_leadin: str
    conclusion: str
    jobs: tuple[JobCard, ...]
    salary_roles: tuple[str, ...]
    slug: str
    host: str = "aijobs.net"
    presentation: Presentation = field(default_factory=Presentation)

    @property
    def title(self) -> str:
        return f"{self.role_a.name} vs. {self.role_b.name}"

    @property
    def url(self) -> str:
        return f"https://{self.host}/insights/{self.slug}"

    @property
    def roles(self) -> tuple[RoleContent, RoleContent]:
        return (self.role_a, self.role_b)
