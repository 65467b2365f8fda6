"""Candidate skill and tool phrases the vocabulary does not know, for curating it.

Why: the vocabulary grows from what articles print. ``rolescope unknown-terms`` ranks
candidates by how many comparisons (articles) use them, so a curator adds the phrases that
matter first. Candidates are of two shapes:

- **Skill phrases**: the noun phrases of list items in skills and responsibilities sections
  (``Model Development: ...`` labels, ``Proficiency in X`` objects, a bullet's object after
  its verb), cut at the first preposition or comma.
- **Tool-like words** anywhere: product-shaped tokens (``CamelCase``, ``ACRONYMS`` of 2-6
  characters, ``Node.js``, ``C++``) and the capitalised items of ``(e.g., ...)`` and ``such
  as ...`` lists.

Left out: anything overlapping a vocabulary mention, a job title (``NLP Engineer``), common
acronyms and currency codes, month names, one-word candidates printed elsewhere in lower case
(ordinary words), and phrases made only of generic words (``data``, ``models``, ``systems``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from pipeline.normalize.mentions import ANY_SECTION, ROLE_WORDS, MentionFinder
from pipeline.normalize.vocabulary import Vocabulary
from pipeline.parse.cards.salary import ISO_4217

SKILL_SECTIONS = frozenset({"required_skills", "responsibilities", "tools"})
# Words that look like tools and are not: common acronyms of prose and job cards, hardware,
# and what a parenthesised list holds besides names. Currency codes come from ISO 4217.
_NOT_TOOLS = frozenset({
    "AI", "ML", "US", "USA", "UK", "EU", "UAE", "HR", "PR", "CEO", "CTO", "CFO", "COO", "CIO",
    "CDO", "VP", "SVP", "EVP", "PM", "AM", "TV", "OK", "FAQ", "PDF", "ID", "IDs", "ROI", "KPI",
    "KPIs", "OKR", "OKRs", "B2B", "B2C", "Q1", "Q2", "Q3", "Q4", "GMT", "UTC", "NYC", "SF", "DC",
    "NY", "CA", "TX", "WA", "MA", "PA", "IL", "II", "III", "IV", "CPU", "CPUs", "GPU", "GPUs",
    "TPU", "TPUs", "API", "APIs", "SDK", "UI", "URL", "FT", "PT", "AND", "OR", "THE", "FOR",
})
_ORDINARY = frozenset({
    "The", "A", "An", "And", "Or", "For", "With", "In", "On", "Of", "To", "By", "At", "As",
    "See", "Note", "Remote", "Global", "Other", "Others", "Etc", "Yes", "No", "New", "All",
    "Both", "Each", "Details", "Optional", "Required", "Preferred", "Bonus", "Plus",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday",
})
# A tool-like token: printed like a product name rather than an English word.
_TOOL_TOKEN = re.compile(
    r"""
    (?<![\w.+#])
    (?: [A-Za-z]\w*(?:\+\+|\#)                         # C++, F#
      | [A-Za-z][\w]*\.(?:js|ts|jl|py|io|ai|NET)\b     # Node.js, H2O.ai
      | \.NET\b                                        # .NET
      | [A-Za-z]*[a-z][A-Z][A-Za-z0-9]*                # PyTorch, LangChain, spaCy, QuuxDB
      | [A-Z]{2,}[a-z][A-Za-z0-9]*                     # DBeaver, MLflow
      | [A-Z][A-Z0-9]{1,5}s?                           # ETL, ONNX, FAISS, LLMs
    )
    (?![\w+#])(?!\.\w)
    """,
    re.VERBOSE,
)
# The inside of a list: a parenthesis, or what follows "such as" / "e.g." up to the clause end.
_LIST_BODY = re.compile(
    r"""
    \( ([^()\n]{1,200}) \)                                           # (e.g., AWS, Azure)
    | \b(?:such\ as|e\.g\.,?|including|like) [^\S\n]+ ([^.;:()\n]{1,200})   # such as X, Y and Z
    """,
    re.VERBOSE,
)
_ITEM_SEPARATOR = re.compile(r"\s*(?:[,;/]|\b(?:and|or|etc)\b\.?)\s*")
# One list item: blanks, an optional lead-in, then capitalised words (``Weights & Biases``).
_ITEM = re.compile(
    r"""
    \s* (?:(?:e\.g\.,?|i\.e\.,?|such\ as|like|including)\s+)?
    (?P<item> [A-Z][\w.+\#'’-]* (?:[^\S\n]+(?:&|[A-Z0-9][\w.+\#'’-]*)){0,3} )
    \s*
    """,
    re.VERBOSE,
)
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]+\b")


_ROLE_AFTER = re.compile(
    r"\)?(?:[^\S\n]+\(?[A-Z][\w'’&-]*\)?){0,2}[^\S\n]+(?:(?i:" + "|".join(ROLE_WORDS) + r")|Lead)s?(?!\w)")
# A list item's skill phrase: a bold-ish label before a colon, or the object after a lead verb
# or "proficiency in" / "knowledge of" / "experience with".
# A list item: a line of a section (the parser keeps one item a line, its bullet dropped) or a
# bulleted line of a raw text.
_ITEM_LINE = re.compile(
    r"^[^\S\n]*(?:(?:[-•*·‣–]|\d{1,2}[.)])[^\S\n]*)?(?P<body>[^\n]{3,200})$", re.MULTILINE)
_BULLETED_LINE = re.compile(r"^[^\S\n]*(?:[-•*·‣–]|\d{1,2}[.)])[^\S\n]*(?P<body>[^\n]{3,200})$", re.MULTILINE)
_LABEL = re.compile(r"(?P<phrase>[A-Z][\w'’/&-]*(?:[^\S\n]+[\w'’/&-]+){0,3})[^\S\n]*:")
_VERB = r"(?:[a-z]+ing|develop|design|build|manage|conduct|collaborate|ensure|create|implement" \
    r"|analy[sz]e|monitor|optimi[sz]e|deploy|train|test|evaluate|lead|oversee|define|establish" \
    r"|maintain|research|stay|communicate" \
    r"|identify|perform|apply|use|write|work|drive|translate|mentor|prepare|clean|collect|integrate|publish)"
_OBJECT = re.compile(
    r"""(?ix)^(?:(?:strong|solid|deep|good|excellent|proven|hands-on)[^\S\n]+)?
    (?:proficiency|knowledge|experience|expertise|understanding|familiarity|skills?)[^\S\n]+(?:in|of|with)[^\S\n]+
    |^""" + _VERB + r"""[^\S\n]+(?:(?:,[^\S\n]*|and[^\S\n]+)""" + _VERB + r"""[^\S\n]+)*
    (?:the[^\S\n]+|an?[^\S\n]+)?
    |^""")
_PHRASE_STOP = re.compile(r"(?i)[,;.:()]|\b(?:to|for|with|from|in|into|of|on|by|using|and|or|that|such)\b")
_GENERIC = frozenset({
    "data", "model", "models", "system", "systems", "solution", "solutions", "algorithm", "algorithms",
    "team", "teams", "project", "projects", "performance", "research", "findings", "insights", "results",
    "stakeholders", "requirements", "experiments", "applications", "application", "tools", "technologies",
    "trends", "needs", "strategies", "large", "new", "existing", "various", "complex", "other", "latest",
    "the", "a", "an", "their", "this", "these", "they", "it", "both", "each", "responsibilities", "skills",
    "role", "roles", "work", "ability", "knowledge", "experience", "understanding", "proficiency",
    "updated", "up-", "up", "staff", "reports", "documentation", "appropriate", "deployed", "designing",
    "generate", "scalability", "sets", "datasets",
})
# A phrase that opens with one of these names what work is done on, not a skill ("large datasets").
_ADJECTIVES = frozenset({"large", "complex", "appropriate", "various", "deployed", "existing", "new", "key"})
# A phrase that opens with one of these is a sentence, not a skill ("The responsibilities ...").
_SENTENCE_WORDS = frozenset({
    "the", "a", "an", "this", "these", "they", "it", "both", "each", "in", "while", "as"})


def _skill_phrases(text: str, *, bulleted: bool) -> Iterator[tuple[int, int]]:
    """Spans of the skill phrases of list items (see the module docstring).

    In a section of a skills list every line is an item; in a text of unknown origin only
    bulleted lines are.
    """
    for line in (_BULLETED_LINE if bulleted else _ITEM_LINE).finditer(text):
        start = line.start("body")
        body = line.group("body")
        label = _LABEL.match(body)
        if label:
            yield start + label.start("phrase"), start + label.end("phrase")
            continue
        lead = _OBJECT.match(body)
        if not lead:
            continue
        rest_start = start + lead.end()
        stop = _PHRASE_STOP.search(text, rest_start, line.end())
        end = stop.start() if stop else line.end()
        phrase = text[rest_start:end].strip()
        if phrase:
            yield rest_start, rest_start + len(phrase)


def _list_items(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the capitalised items of parenthesised and "such as" lists."""
    for match in _LIST_BODY.finditer(text):
        group = 1 if match.group(1) is not None else 2
        start, end = match.span(group)
        cuts = [(sep.start(), sep.end()) for sep in _ITEM_SEPARATOR.finditer(text, start, end)]
        bounds = zip([start, *(e for _, e in cuts)], [*(s for s, _ in cuts), end], strict=True)
        for item_start, item_end in bounds:
            item = _ITEM.fullmatch(text, item_start, item_end)
            if item:
                yield item.span("item")


def _tool_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of tool-like tokens and list items, not yet checked against the vocabulary."""
    for match in _TOOL_TOKEN.finditer(text):
        if match.group() not in _NOT_TOOLS and match.group() not in ISO_4217:
            yield match.span()
    yield from _list_items(text)


Section = tuple[str, str, str | None]
"""(article id, text, section key or None)."""


def unknown_terms(
    texts: Iterable[str | Section], vocabulary: Vocabulary, *, min_count: int = 1, phrases: bool = True
) -> list[tuple[str, int]]:
    """Candidate phrases of ``texts`` that the vocabulary does not know, most used first.

    ``texts`` are section texts, bare (each its own comparison, section unknown) or as
    ``(article id, text, section)``. The count is the number of comparisons (articles) that
    use a phrase, so one long article cannot outvote many; ties go alphabetically. With
    ``phrases=False`` only tool-like words are candidates.
    """
    finder = MentionFinder(vocabulary)
    corpus: list[Section] = [
        item if isinstance(item, tuple) else (str(i), item, None) for i, item in enumerate(texts)]
    lower_words = {word for _, text, _ in corpus for word in _LOWER_WORD.findall(text)}
    articles: dict[str, set[str]] = {}
    shown: dict[str, str] = {}
    for article, text, section in corpus:
        known = [(m.start, m.end) for m in finder.find(text, section=ANY_SECTION)]
        spans = list(_tool_spans(text))
        if phrases and (section is None or section in SKILL_SECTIONS):
            found = _skill_phrases(text, bulleted=section is None)
            spans += [(s, e, True) for s, e in found]  # type: ignore[misc]
        for span in spans:
            start, end = span[0], span[1]
            is_phrase = len(span) == 3
            surface = text[start:end]
            if any(s < end and start < e for s, e in known):
                continue
            if surface in _ORDINARY or surface in _NOT_TOOLS or _ROLE_AFTER.match(text, end):
                continue
            words = surface.split()
            if not words or words[-1].lower().removesuffix("s") in (*ROLE_WORDS, "lead"):
                continue
            if is_phrase:
                folded = [w.lower().strip("'’") for w in words]
                if (all(w in _GENERIC for w in folded) or len(words) > 4 or folded[0] in _SENTENCE_WORDS
                        or folded[0] in _ADJECTIVES or folded[-1].endswith("-")):
                    continue
                key = " ".join(folded)
            else:
                if len(words) == 1 and surface.lower() in lower_words:  # an ordinary word
                    continue
                key = surface
            articles.setdefault(key, set()).add(article)
            shown.setdefault(key, surface if not is_phrase else key)
    counts = Counter({shown[key]: len(ids) for key, ids in articles.items()})
    return sorted(((term, n) for term, n in counts.items() if n >= min_count), key=lambda tn: (-tn[1], tn[0]))
