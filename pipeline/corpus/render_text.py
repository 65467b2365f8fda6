"""Spec -> outline -> text dump in the site's three capture shapes.

Why an outline in between: the text and the HTML renderers must print exactly the same
paragraphs, items and card lines in the same order. Both walk the one list of
:class:`Node` that :func:`outline` builds; only the whitespace, bullets and markup differ.

Shapes (``Shape``):

* ``paged`` (blank lines between blocks, ``  • `` bullets, ``N min read · date`` followed by
  the repeated title): the 2023 and the 2024 text dumps. Whether the result reads like the
  2024 clean dump or the 2023 prose dump depends on the spec's :class:`Presentation`.
* ``flat``: the flattened 2024 capture (no blank lines, no read-time line, no repeated
  title, ``- `` bullets, tips as ``- Label: text``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pipeline.corpus.specs import LIST_SECTIONS, ArticleSpec, JobCard, Mentions, RoleContent

Shape = Literal["paged", "flat"]
NodeKind = Literal[
    "title", "subtitle", "meta", "title_repeat", "toc_label", "heading", "subheading",
    "paragraph", "bullet", "numbered", "card", "salary_heading", "salary_link", "related",
]

FEATURED = "Featured Job 👀"
TOC_LABEL = "Table of contents"
SALARY_HEADING = "Salary Insights"
RELATED = "Related articles"
READ_SEPARATOR = "·"

_AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
              "Nov.", "Dec.")
_ROLE_SUFFIX = {"responsibilities": "Responsibilities", "required_skills": "Skills",
                "education": "Education", "tools": "Tools", "industries": "Industries"}
_GROUPED_SUBHEADINGS = (("responsibilities", "Responsibilities"), ("required_skills", "Required Skills"),
                        ("education", "Educational Background"))
# Lead-in paragraphs that name both roles (``{both}``), one per list section.
_SECTION_LEADINS = {
    "responsibilities": "The day-to-day work of {both} overlaps in places, but each role has its own focus.",
    "required_skills": "Employers look for different strengths in {both}, even though some technical "
                       "foundations are shared.",
    "education": "There is no single route into either job, but the usual academic backgrounds of {both} "
                 "differ.",
    "tools": "The toolkits of {both} overlap, with some clear differences in emphasis.",
    "industries": "Demand for {both} is spread across many sectors, though not always the same ones.",
}
_DEFINITIONS_LEADIN = "Before comparing the details, here is what {both} actually do."
# A lead-in sentence naming one role, ending in ``:``, before bullets (``{one}`` is a role as
# an object); the parser gives the bullets that role.
_BULLET_LEADINS = {
    "responsibilities": "Week to week, the work of {one} tends to cover:",
    "required_skills": "To do well in the job, {one} leans on these strengths:",
    "education": "Most people who work as {one} arrived by one of these routes:",
    "tools": "Ask {one} what is open on their screen and you will often hear:",
    "industries": "Employers that keep hiring {many} are found in:",
}
# One paragraph per role built from its items: (singular subject form, plural subject form).
_PROSE_TEMPLATES = {
    "responsibilities": ("{S} is expected to {items}.", "{S} are expected to {items}."),
    "required_skills": ("{S} should bring {items}.", "{S} should bring {items}."),
    "education": ("Common backgrounds for {one} include {items}.",) * 2,
    "tools": ("{S} typically works with {items}.", "{S} typically work with {items}."),
    "industries": ("{S} is most often found in {items}.", "{S} are most often found in {items}."),
}
_LOWERED_SECTIONS = frozenset({"responsibilities", "required_skills", "education"})
_ITEM_LABEL = re.compile(r"^[A-Z][A-Za-z&/ -]{0,40}:\s+")
# Proper nouns that may open an item and must keep their capital inside a sentence.
_KEEP_CASE = frozenset({"Python", "Scala", "Java", "Docker", "Kubernetes", "Terraform", "Git", "Excel",
                        "English", "Spark", "Tableau", "Linux", "Google", "Jupyter", "Airflow"})


@dataclass(frozen=True, slots=True)
class Node:
    """One printed unit of an article, independent of the output format."""

    kind: NodeKind
    text: str = ""
    label: str = ""
    """The label of a numbered tip (printed ``Label: text``)."""
    number: int = 0
    card: JobCard | None = None


# --- words ------------------------------------------------------------------------------

def ap_date(day: date) -> str:
    """``Oct. 30, 2024``, ``Sept. 5, 2023``: the site's (AP style) date."""
    return f"{_AP_MONTHS[day.month - 1]} {day.day}, {day.year}"


def meta_line(spec: ArticleSpec, separator: str = READ_SEPARATOR) -> str:
    return f"{spec.read_minutes} min read {separator} {ap_date(spec.published)}"


def _is_acronym(word: str) -> bool:
    """``AI``, ``NLP``, ``MLOps``, ``BI``: two capitals up front."""
    return len(word) >= 2 and word[0].isupper() and word[1].isupper()


def indefinite(name: str) -> str:
    """``an AI Architect``, ``a Data Engineer``, ``an MLOps Engineer``, ``a BI Analyst``."""
    first = name.split(maxsplit=1)[0]
    # Acronyms are spelled out: "an MLOps", "an NLP", "a BI".
    vowel_sound = first[0] in "AEFHILMNORSX" if _is_acronym(first) else first[0].lower() in "aeiou"
    return f"{'an' if vowel_sound else 'a'} {name}"


def _plural_word(word: str) -> str:
    if word.endswith("y") and len(word) > 1 and word[-2].lower() not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def plural(name: str) -> str:
    """``Data Engineers``, ``Heads of Data Science``."""
    words = name.split()
    index = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    words[index] = _plural_word(words[index])
    return " ".join(words)


def lower_role(name: str) -> str:
    """``data engineers``-style mention: words lower-cased, acronyms kept (``MLOps``)."""
    return " ".join(w if _is_acronym(w) else w.lower() for w in name.split())


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    bare = first.replace("-", "")
    if bare.isalpha() and first[:1].isupper() and first[1:] == first[1:].lower() and first not in _KEEP_CASE:
        return text[:1].lower() + text[1:]
    return text


def mention(name: str, mode: Mentions, *, plural_form: bool = False) -> str:
    """A role named inside a sentence (object position) in the presentation's style."""
    if mode == "singular" and not plural_form:
        return indefinite(name)
    many = plural(name)
    return lower_role(many) if mode == "lower" else many


def both_roles(spec: ArticleSpec) -> str:
    mode = spec.presentation.mentions
    return f"{mention(spec.role_a.name, mode)} and {mention(spec.role_b.name, mode)}"


def join_items(parts: list[str]) -> str:
    """``a``, ``a and b``, ``a, b, and c``."""
    if len(parts) <= 2:
        return " and ".join(parts)
    return ", ".join(parts[:-1]) + ", and " + parts[-1]


def prose_fragment(item: str, section: str) -> str:
    """How an item reads inside a prose paragraph: no label, no final period, and the
    first word lower-cased where it is a common word. Tests use it to find items in prose."""
    text = _ITEM_LABEL.sub("", item).rstrip(".")
    return _lower_first(text) if section in _LOWERED_SECTIONS else text


def role_paragraph(spec: ArticleSpec, role: RoleContent, section: str) -> str:
    """One role's items as one prose paragraph (the 2023 shape)."""
    mode = spec.presentation.mentions
    singular_t, plural_t = _PROSE_TEMPLATES[section]
    template = singular_t if mode == "singular" else plural_t
    subject = _capital(mention(role.name, mode))
    items = join_items([prose_fragment(item, section) for item in role.items(section)])
    return template.format(S=subject, one=mention(role.name, mode), items=items)


def role_heading(spec: ArticleSpec, role: RoleContent, section: str) -> str:
    """``AI Architect``, ``AI Architect Responsibilities``, ``Data Scientist Skills:``."""
    p = spec.presentation
    text = f"{role.name} {_ROLE_SUFFIX[section]}" if p.role_heading_suffix else role.name
    return text + (":" if p.role_heading_colon else "")


def salary_link_text(role: str) -> str:
    return f"View salary info for {role} (global) Details"


# --- outline ----------------------------------------------------------------------------

def _definitions(spec: ArticleSpec) -> list[Node]:
    style = spec.presentation.definitions
    a, b = spec.roles
    if style == "labelled":
        return [Node("paragraph", f"{role.name}: {role.definition}") for role in spec.roles]
    if style == "prose":
        return [Node("paragraph", a.definition),
                Node("paragraph", "On the other hand, " + a_lower(b.definition))]
    nodes = [Node("paragraph", _DEFINITIONS_LEADIN.format(both=both_roles(spec)))]
    for role in spec.roles:
        nodes += [Node("subheading", role.name), Node("paragraph", role.definition)]
    return nodes


def a_lower(sentence: str) -> str:
    """``A Data Engineer ...`` -> ``a Data Engineer ...`` after ``On the other hand,``."""
    return sentence[:1].lower() + sentence[1:] if sentence[:2] in ("A ", "An") else sentence


def _bullets(spec: ArticleSpec, role: RoleContent, section: str) -> list[Node]:
    nodes: list[Node] = []
    if spec.presentation.bullet_leadins:
        mode = spec.presentation.mentions
        leadin = _BULLET_LEADINS[section].format(
            one=mention(role.name, mode), many=mention(role.name, mode, plural_form=True))
        nodes.append(Node("paragraph", leadin))
    return nodes + [Node("bullet", item) for item in role.items(section)]


def _list_section(spec: ArticleSpec, section: str) -> list[Node]:
    """A list section's body (without its heading) for both roles."""
    p = spec.presentation
    leadin = Node("paragraph", _SECTION_LEADINS[section].format(both=both_roles(spec)))
    if p.lists == "prose":
        return [leadin, *(Node("paragraph", role_paragraph(spec, r, section)) for r in spec.roles)]
    nodes = [leadin] if p.section_leadins else []
    for role in spec.roles:
        nodes.append(Node("subheading", role_heading(spec, role, section)))
        nodes += _bullets(spec, role, section)
    return nodes


def _body(spec: ArticleSpec) -> list[Node]:
    p = spec.presentation
    nodes: list[Node] = []
    if p.grouped_by_role:
        for role in spec.roles:
            nodes += [Node("heading", role.name), Node("subheading", "Definition"),
                      Node("paragraph", role.definition)]
            for section, sub in _GROUPED_SUBHEADINGS:
                nodes.append(Node("subheading", sub))
                nodes += _bullets(spec, role, section)
        shared: tuple[str, ...] = ("tools", "industries")
    elif p.merged_headings:
        nodes.append(Node("heading", p.heading("definitions+responsibilities")))
        nodes += _definitions(spec) + _list_section(spec, "responsibilities")
        nodes.append(Node("heading", p.heading("required_skills+education")))
        nodes += _list_section(spec, "required_skills") + _list_section(spec, "education")
        shared = ("tools", "industries")
    else:
        nodes.append(Node("heading", p.heading("definitions")))
        nodes += _definitions(spec)
        shared = LIST_SECTIONS
    for section in shared:
        nodes.append(Node("heading", p.heading(section)))
        nodes += _list_section(spec, section)
    return nodes


def _tips(spec: ArticleSpec) -> list[Node]:
    nodes = [Node("heading", spec.presentation.heading("tips"))]
    if spec.presentation.tips == "numbered":
        return nodes + [Node("numbered", t.text, label=t.label, number=i)
                        for i, t in enumerate(spec.tips, start=1)]
    return [*nodes, Node("paragraph", spec.tips_leadin), *(Node("bullet", t.text) for t in spec.tips)]


def outline(spec: ArticleSpec) -> list[Node]:
    """The article as printed, in reading order; every renderer walks this list."""
    nodes = [
        Node("title", spec.title), Node("subtitle", spec.subtitle), Node("meta", meta_line(spec)),
        Node("title_repeat", spec.title), Node("toc_label", TOC_LABEL),
        *(Node("paragraph", text) for text in spec.intro),
        *_body(spec),
        Node("heading", spec.presentation.heading("outlook")),
        *(Node("paragraph", text) for text in spec.outlook),
        *_tips(spec),
        Node("paragraph", spec.conclusion),
        *(Node("card", card=card) for card in spec.jobs),
    ]
    if spec.salary_roles:
        nodes.append(Node("salary_heading", SALARY_HEADING))
        nodes += [Node("salary_link", role) for role in spec.salary_roles]
    nodes.append(Node("related", RELATED))
    return nodes


# --- text -------------------------------------------------------------------------------

def numbered_text(node: Node) -> str:
    return f"{node.label}: {node.text}"


def _card_lines(card: JobCard, *, flat: bool) -> str:
    if flat:
        return f"{FEATURED}\n{card.title}\n{card.company_line}\n{card.badge_line}"
    return f"{FEATURED}\n{card.title}\n\n{card.company_line}\n\n{card.badge_line}"


def _line(node: Node, *, flat: bool) -> str:
    if node.kind == "bullet":
        return f"- {node.text}" if flat else f"  • {node.text}"
    if node.kind == "numbered":
        return f"- {numbered_text(node)}" if flat else f"  {node.number}. {numbered_text(node)}"
    if node.kind == "card":
        assert node.card is not None
        return _card_lines(node.card, flat=flat)
    if node.kind == "salary_link":
        return salary_link_text(node.text)
    return node.text


# Node kinds that continue the previous chunk on the next line when they follow one of these.
_CONTINUES = {"title_repeat": {"meta"}, "toc_label": {"meta", "title_repeat"}, "bullet": {"bullet"},
              "card": {"card"}, "salary_link": {"salary_link"}}


def render_text(spec: ArticleSpec, shape: Shape = "paged") -> str:
    """The text dump of ``spec``. No trailing newline, like the site's dumps."""
    nodes = outline(spec)
    if shape == "flat":
        kept = [n for n in nodes if n.kind not in ("meta", "title_repeat")]
        return "\n".join(_line(n, flat=True) for n in kept)
    chunks: list[str] = []
    previous: NodeKind | None = None
    for node in nodes:
        line = _line(node, flat=False)
        if chunks and previous in _CONTINUES.get(node.kind, set()):
            chunks[-1] += "\n" + line
        else:
            chunks.append(line)
        previous = node.kind
    return "\n\n".join(chunks)
