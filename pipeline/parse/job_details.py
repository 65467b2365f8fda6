"""A job's own page -> the sections it prints below its card (Tasks, Perks/Benefits, Skills...).

Why a reader of its own: the card (:mod:`pipeline.parse.job_page`) says what the job is; what
analysts of the job market count is what follows it: the tasks, the benefits, the skills and
tools asked for, the education. The board prints them as ``h5`` headings with a list, a
paragraph or a row of skill links (``Python | SQL``, each to ``/jobs/skill-<slug>/``); other
boards and other versions of the page print them under other headings, in other words and
languages, as lists, lines, inline links or comma text. They are read by structure and grammar,
never by class names or one layout's nesting:

* **Where.** From the title's ``h1`` to the end of the main content: the nearest ``main`` or
  ``article`` holding the title, else the whole page. Page chrome inside it (``nav``, ``aside``,
  ``form``, ``header``, ``footer``) and invisible elements are skipped.
* **Sections.** Every heading (``h1`` to ``h6``) after the title opens a section, which holds
  the items that follow it up to the next heading. A short line that is all bold or ends with a
  colon and names a known section (``<p><strong>Requirements:</strong></p>``) is a heading too,
  below every ``h`` level. A heading nested below another (a lower level) whose words name no
  section of their own takes its parent's key: ``Must have`` under ``Skills`` lists skills.
* **Items.** Each list item is one (a nested list's items are items of their own, and so is
  the text of the item holding them); each other line (a paragraph, a ``div``, a line broken by
  ``<br>``) is one, except a line of two or more links with nothing but separators between
  them (``|``, ``,``, ``·``, ``/``...), which gives one item per link, and a line split by
  ``|``, ``·`` or ``•`` (in a skills section also ``,`` and ``;``) into short parts, which gives
  one item per part. Bullets and numbers are dropped; ``N/A``, ``-``, ``none`` and empty items
  are no item.
* **Where the job's own sections end.** A section that links another job's page ("Similar
  jobs") ends them: it and what follows belong to the site, not to this job.

Headings map to a canonical key by their words (:func:`detail_key`), as article sections do
(:mod:`pipeline.parse.sections`): ``tasks``, ``benefits``, ``skills``, ``education``, else ``other``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from pipeline.common.memo import remembered
from pipeline.parse.cards.grammar import clean_line
from pipeline.parse.listing import job_key
from pipeline.parse.page_tree import (
    BLOCK_TAGS,
    HEADINGS,
    IGNORED_TAGS,
    identity,
    is_hidden,
    resolve,
    visible_text,
)
from pipeline.parse.sections import stems_pattern

__all__ = ["DETAIL_KEYS", "JobSection", "detail_key", "is_section_name", "job_sections"]

# --- vocabulary (data) ---------------------------------------------------------------------

DETAIL_KEYS = ("tasks", "benefits", "skills", "education", "other")
"""The canonical keys of a job page's sections, ``other`` for a heading that names none."""

DETAIL_STEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("tasks", ("task", "responsibilit", "duties", "what you'll do", "what you will do", "what you’ll do",
               "what you will be doing", "what you'll be doing", "your role", "role description",
               "job description", "your mission", "day to day", "day-to-day", "your impact",
               # German, French, Spanish, Italian, Portuguese, Dutch
               "aufgaben", "tätigkeit", "verantwortung", "missions", "vos missions", "tâches",
               "responsabilit", "tareas", "funciones", "responsabilidad", "compiti", "mansioni",
               "tarefas", "atividades", "atribuições", "taken", "werkzaamheden", "verantwoordelijkhed")),
    ("benefits", ("perk", "benefit", "what we offer", "we offer", "what's in it for you",
                  "what’s in it for you", "why join", "why us", "compensation",
                  "vorteile", "wir bieten", "was wir bieten", "leistungen", "avantages",
                  "nous offrons", "ce que nous offrons", "beneficios", "ofrecemos", "vantaggi",
                  "offriamo", "benefici", "benefícios", "oferecemos", "wat wij bieden", "wij bieden",
                  "arbeidsvoorwaarden", "voordelen")),
    ("skills", ("skill", "tech-stack", "tech stack", "techstack", "stack", "technolog", "tools",
                "requirement", "qualification", "what you bring", "what you'll bring", "what you’ll bring",
                "what we're looking for", "what we are looking for", "who you are", "must have",
                "nice to have", "your profile", "about you",
                "anforderung", "qualifikation", "kenntnisse", "fähigkeit", "profil", "mitbringst",
                "kompetenz", "compétence", "exigences", "requisitos", "habilidades", "conocimientos",
                "competenze", "requisiti", "competências", "vaardigheden", "vereisten", "functie-eisen",
                "wat vragen wij", "wat wij vragen")),
    ("education", ("education", "degree", "academic", "diploma", "ausbildung", "studium", "abschluss",
                   "bildung", "formation", "diplôme", "educación", "formación", "titulación", "estudios",
                   "formazione", "istruzione", "formação", "educação", "escolaridade", "opleiding")),
)
"""Stems per key, English first (the board's own words, then what other job pages print), then
German, French, Spanish, Italian, Portuguese and Dutch. A stem matches at a word start, in any
case; the earliest stem in a heading decides (``Perks/Benefits`` is benefits, ``Skills/Tech-stack``
skills), the first key on a tie."""

_STEMS_RE = stems_pattern(DETAIL_STEMS)
_FILLER = frozenset({
    "a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "at", "with", "by", "your", "you",
    "our", "we", "key", "main", "core", "required", "preferred", "role", "job", "position", "this",
    "s", "de", "des", "du", "la", "le", "les", "et", "vos", "votre", "und", "deine", "ihre", "dein",
    "ihr", "die", "der", "das", "y", "el", "los", "las", "tus", "sus", "e", "il", "i", "tuoi",
    "os", "as", "seus", "suas", "en", "je", "jouw", "uw", "het",
})
"""Words a heading may hold besides its stems (``Your Key Responsibilities``)."""
_TAILS = frozenset({"s", "es", "ies", "y", "ie", "ien", "ia", "ías", "en", "e", "é", "és", "à", "n"})
"""What a stem may leave of its word and still be that word (``Task|s``, ``Responsibilit|ies``,
``Fähigkeit|en``); any other rest is another word (``Benefit|focus``, ``Task|rabbit``: companies)."""
MAX_OTHER_WORDS = 3
"""Content words a heading may hold besides stems and filler and still name its section:
``Skills and Experience`` does; ``Why Python skills matter for our customers`` does not."""
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")

_EMPTY_ITEMS = frozenset({"", "n/a", "na", "n.a.", "n.a", "-", "–", "—", "none", "tbd", "/", "."})
"""What a page prints for "nothing here": no item."""
_BULLET = re.compile(r"^(?:[-*•·▪◦●○■□✓✔➤►→–—]+|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+", re.IGNORECASE)
_LINK_GLUE = re.compile(r"^[\s|,·•/;:–—-]*$")
"""What may stand between the links of one row of links: separators, nothing else."""
_STRONG_SPLIT = re.compile(r"\s*[|·•]\s*")
_SOFT_SPLIT = re.compile(r"\s*[|·•,;]\s*")
"""A skills line split into its parts: ``Python, SQL, Spark`` (commas only in a skills section,
where a line is a list; elsewhere a comma is prose)."""
MAX_PART_WORDS = 5
"""A part of a split line is a name, a few words at most; a longer part means the line is prose."""
LABEL_WORDS = 6
"""A bold or colon-ended line of more words is a sentence, not a heading."""
_BOLD = frozenset({"strong", "b"})
_SKIPPED = frozenset({"nav", "aside", "form", "header", "footer"})
"""Page chrome that may sit inside the main content: skipped, what follows it is still read."""
_SCOPES = frozenset({"main", "article"})
MAX_SECTIONS = 40
MAX_ITEMS = 200
"""Per section; bounds what junk can make us keep (a job page prints a dozen at most)."""
MAX_ITEM_CHARS = 2_000
LABEL_LEVEL = 7
"""The level of a bold or colon-ended heading: below every ``h`` element."""


# --- records -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class JobSection:
    """One section of a job's page, as printed: its heading, key and items."""

    key: str
    """One of :data:`DETAIL_KEYS`."""
    heading: str
    """The heading as printed."""
    items: tuple[str, ...]
    """The items in reading order, without bullets; never empty."""


@dataclass(slots=True)
class _Line:
    """One rendered line: its text pieces ``(text, href, bold)`` and whether it is a list item."""

    pieces: list[tuple[str, str | None, bool]]
    in_item: bool


@dataclass(slots=True)
class _Open:
    """A section being read."""

    key: str
    heading: str
    level: int
    items: list[str]
    foreign: bool = False
    """It links another job's page: the job's own sections ended before it."""


# --- headings ------------------------------------------------------------------------------


@remembered(2048)
def _named(heading: str) -> tuple[str | None, int]:
    """The key whose stem comes first in a heading (``None``: no stem), and how many content
    words it holds besides stems and filler."""
    text = heading.strip().rstrip(":").strip()
    match = _STEMS_RE.search(text)
    if match is None or match.lastgroup is None:
        return None, 0
    rest = _STEMS_RE.sub(" ", text)
    others = [w for w in _WORD.findall(rest) if w.casefold() not in _FILLER
              and not (w.casefold() in _TAILS and re.search(rf"\w{re.escape(w)}\b", text))]
    return match.lastgroup, len(others)


def detail_key(heading: str) -> str:
    """The canonical key of a job page's section heading (module docstring), ``other`` if none.

    >>> [detail_key(h) for h in ("Tasks", "Perks/Benefits", "Skills/Tech-stack", "Education")]
    ['tasks', 'benefits', 'skills', 'education']
    >>> [detail_key(h) for h in ("What you'll do", "Deine Aufgaben", "Was wir bieten", "Requisitos")]
    ['tasks', 'tasks', 'benefits', 'skills']
    >>> detail_key("About the company"), detail_key("Why Python skills matter for our customers today")
    ('other', 'other')
    """
    key, others = _named(heading)
    return key if key is not None and others <= MAX_OTHER_WORDS else "other"


def is_section_name(text: str) -> bool:
    """Whether a run of text is a section's name and nothing else (``Tasks``, ``Requirements:``,
    ``Your responsibilities``): where a job's card ends when a bold line, not a heading
    element, opens its first section. ``Education First`` (a company) says more.

    >>> [is_section_name(text) for text in ("Requirements:", "Perks/Benefits", "Education First")]
    [True, True, False]
    >>> [is_section_name(text) for text in ("Taskrabbit", "Benefitfocus", "Fähigkeiten", "Responsibilities")]
    [False, False, True, True]
    """
    key, others = _named(text)
    return key is not None and others == 0 and len(text.split()) <= LABEL_WORDS


# --- items ---------------------------------------------------------------------------------


def _clean_item(text: str) -> str | None:
    """An item without its bullet or number; ``None`` for nothing (``N/A``, ``-``, empty)."""
    text = clean_line(text)
    if text.casefold().strip(" .") in _EMPTY_ITEMS or text.casefold() in _EMPTY_ITEMS:
        return None
    text = _BULLET.sub("", text).strip()
    if not text or text.casefold() in _EMPTY_ITEMS:
        return None
    return text[:MAX_ITEM_CHARS]


def _split(text: str, pattern: re.Pattern[str]) -> list[str] | None:
    """The parts of a line of short names, or ``None`` when it does not split into such."""
    if text.rstrip().endswith("."):
        return None
    parts = [part for part in pattern.split(text) if part.strip()]
    if len(parts) < 2 or any(len(part.split()) > MAX_PART_WORDS for part in parts):
        return None
    return parts


def line_items(line: list[tuple[str, str | None]], key: str) -> list[str]:
    """The items of one rendered line of a section with key ``key`` (module docstring).

    >>> line_items([("Python", "/jobs/skill-python/"), (" | ", None), ("SQL", "/jobs/skill-sql/")], "skills")
    ['Python', 'SQL']
    >>> line_items([("Python, SQL and dbt", None)], "skills")
    ['Python', 'SQL and dbt']
    >>> line_items([("Plan, build and ship", None)], "tasks")
    ['Plan, build and ship']
    >>> line_items([("N/A", None)], "benefits")
    []
    """
    links = [text for text, href in line if href is not None and text.strip()]
    glue = "".join(text for text, href in line if href is None)
    if len(links) >= 2 and _LINK_GLUE.match(glue):
        parts: list[str] = links
    else:
        text = clean_line("".join(text for text, _ in line))
        parts = _split(text, _SOFT_SPLIT if key == "skills" else _STRONG_SPLIT) or [text]
    return [item for part in parts if (item := _clean_item(part)) is not None]


def _label(line: _Line) -> str | None:
    """The heading a line is when it is one: short, not a list item, naming a known section and
    nothing else when it is all bold (``Responsibilities``), or with one more word when it ends
    with a colon (``Technical skills:``). A bold card field that happens to hold a section's
    word (``Education City, Doha``) is no heading."""
    if line.in_item:
        return None
    text = clean_line("".join(text for text, _, _ in line.pieces))
    if not text or len(text.split()) > LABEL_WORDS:
        return None
    key, others = _named(text)
    colon = text.endswith(":")
    bold = all(is_bold for piece, _, is_bold in line.pieces if piece.strip())
    if key is None or others > (1 if colon else 0) or not (bold or colon):
        return None
    return text.rstrip(":").strip()


# --- the walk ------------------------------------------------------------------------------


def _scope(title: etree._Element) -> etree._Element:
    """The main content holding the title: the nearest ``main`` or ``article``, else the page."""
    top = title
    for ancestor in title.iterancestors():
        if isinstance(ancestor.tag, str) and ancestor.tag in _SCOPES:
            return ancestor
        top = ancestor
    return top


class _Reader:
    """The walk's state: the sections so far and the line being read."""

    def __init__(self, base: str, own: str | None) -> None:
        self.base, self.own = base, own
        self.sections: list[_Open] = []
        self.pieces: list[tuple[str, str | None, bool]] = []
        self.blocks: list[str] = []
        """The block elements open around the current line (innermost last)."""
        self.hrefs: list[str | None] = []
        self.bold = 0

    def text(self, text: str | None) -> None:
        """Add a text run to the current line, with the link it sits in and whether it is bold."""
        if text:
            self.pieces.append((text, self.hrefs[-1] if self.hrefs else None, self.bold > 0))

    def start(self, tag: str, href: str | None, after: bool) -> None:
        """An element opens: a block or ``<br>`` ends the line (once past the title)."""
        if tag in BLOCK_TAGS or tag == "br":
            if after:
                self.flush()
            if tag in BLOCK_TAGS:
                self.blocks.append(tag)
        if tag == "a":
            self.hrefs.append(href)
        self.bold += tag in _BOLD

    def end(self, tag: str | None, after: bool) -> None:
        """An element closes (``None``: one whose subtree was skipped)."""
        if not tag:
            return
        if tag == "a":
            self.hrefs.pop()
        self.bold -= tag in _BOLD
        if tag in BLOCK_TAGS:
            if after:
                self.flush()
            self.blocks.pop()

    def heading_element(self, element: etree._Element, level: int) -> bool:
        """A heading element opens a section; ``False`` when the page has too many to be a job's."""
        self.flush()
        text = visible_text(element)
        if not text:
            return True
        if len(self.sections) >= MAX_SECTIONS:
            return False
        self.heading(text, level)
        return True

    def flush(self) -> None:
        """End the current line: a heading of its own, or items of the open section."""
        pieces, self.pieces = self.pieces, []
        if not any(text.strip() for text, _, _ in pieces):
            return
        line = _Line(pieces, "li" in self.blocks)
        label = _label(line)
        if label is not None:
            self.heading(label, LABEL_LEVEL)
            return
        if not self.sections:
            return  # the card, or text before the first heading
        section = self.sections[-1]
        if len(section.items) >= MAX_ITEMS:
            return
        section.items += line_items([(text, href) for text, href, _ in pieces], section.key)
        if any(href is not None and self._foreign(href) for _, href, _ in pieces):
            section.foreign = True

    def _foreign(self, href: str) -> bool:
        """Whether a link goes to another job's page."""
        target = resolve(self.base, href)
        return target is not None and job_key(target)[0] and identity(target) != self.own

    def heading(self, text: str, level: int) -> None:
        key = detail_key(text)
        parent = next((s for s in reversed(self.sections) if s.level < level), None)
        if key == "other" and parent is not None and parent.key != "other":
            key = parent.key  # ``Must have`` under ``Skills``
        self.sections.append(_Open(key, text, level, []))


def job_sections(title: etree._Element, base: str, own: str | None) -> tuple[JobSection, ...]:
    """The sections a job's page prints after its title ``title`` (module docstring).

    ``base`` is what the page's links resolve against, ``own`` the job's own URL (without
    query), so a link back to the job itself is not another job's. Iterative (``iterwalk``),
    so deep junk cannot exhaust the stack.
    """
    reader = _Reader(base, own)
    opened: list[str | None] = []
    after = False
    scope = _scope(title)
    walker = etree.iterwalk(scope, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "end":
            reader.end(opened.pop(), after)
            if after and element is not scope:
                reader.text(element.tail)
            continue
        skip = not tag or tag in IGNORED_TAGS or tag in _SKIPPED or is_hidden(element) or element is title
        if after and not skip and tag in HEADINGS:
            if not reader.heading_element(element, int(tag[1])):
                break
            skip = True
        after = after or element is title
        if skip:
            walker.skip_subtree()  # its end event still comes
            opened.append(None)
            continue
        opened.append(tag)
        reader.start(tag, element.get("href"), after)
        if after:
            reader.text(element.text)
    reader.flush()
    out: list[JobSection] = []
    for section in reader.sections:
        if section.foreign:
            break  # "Similar jobs": the site's, not this job's; so is what follows
        if section.items:
            out.append(JobSection(section.key, section.heading, tuple(section.items)))
    return tuple(out)
