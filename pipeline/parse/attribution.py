"""Attribute prose to role a, role b or both, sentence by sentence.

Why sentences and not paragraphs: the site often defines both roles in one paragraph
(``An AI Scientist is ... They ... On the other hand, a Machine Learning Software Engineer
...``), and a definition of one role often names the other in passing (``... work closely
with data analysts``). So each sentence is attributed by its *subject*: the first role it
names, unless the first two mentions are joined (``the AI Architect and the Data
Engineer``), which makes it about both. A sentence that names no role continues the one
before it (``They also ...``); one that says ``both roles`` is about both.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.common.scripts import has_cjk
from pipeline.parse.roles import RoleMatcher

# A sentence ends at . ! ? followed by a space and a capital, digit or quote; common
# abbreviations (``e.g.``, ``i.e.``, ``etc.``, ``vs.``, ``Ph.D.``, ``U.S.``) do not end one.
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "ph.d.", "u.s.", "dr.", "mr.", "ms.", "inc.", "st.",
                  "approx.", "no.", "jr.", "sr.")
_INITIALS = re.compile(r"(?:[a-z]\.)+")
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])")
# In CJK text a sentence ends at ``。！？``, or at ``. ! ?`` before a space (Korean): no capital follows.
_CJK_SENTENCE = re.compile(r".*?(?:[。！？]+[」』”’）)]*|[.!?]+[」』”’）)\"]*(?=\s|$)|$)", re.DOTALL)
# Words that can join the two first mentions into one subject.
_JOINER = re.compile(r"^\W*(?:(?:and|or|&|,|/|as\s+well\s+as|vs\.?|versus|and\s+the|and\s+an?|or\s+an?|"
                     r"or\s+the)\W*)+$", re.IGNORECASE)
_BOTH = re.compile(
    r"\b(?:both|these\s+two|the\s+two|each\s+of\s+these|either)\s+(?:of\s+these\s+)?"
    r"(?:roles?|positions?|careers?|professions?|professionals|jobs?|paths?|fields?)\b",
    re.IGNORECASE,
)
# A clause-level contrast between the two roles makes the sentence about both
# (``Research Scientists push limits, while Machine Learning Engineers ship them``).
_CONTRAST = re.compile(r"\b(?:while|whereas|whilst|unlike|compared\s+(?:to|with)|in\s+contrast\s+to)\b",
                       re.IGNORECASE)
_LABEL = re.compile(r"^(?P<label>[^:：]{2,80}?)\s*(?::\s+|：\s*)(?P<text>\S.*)$", re.DOTALL)  # CJK: ``：``


@dataclass(frozen=True, slots=True)
class Span:
    """A run of consecutive sentences with one attribution."""

    side: str
    text: str


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences without breaking abbreviations.

    >>> split_sentences("An AI Architect designs (e.g. AWS). They lead. On the other hand, a B codes.")
    ['An AI Architect designs (e.g. AWS).', 'They lead.', 'On the other hand, a B codes.']
    """
    if has_cjk(text):  # ``。`` ends a sentence without a space or a capital after it
        return [sentence.strip() for sentence in _CJK_SENTENCE.findall(text) if sentence.strip()]
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        words = text[start : match.start()].rsplit(None, 1)  # only the last word is needed
        # ``(e.g.`` and ``"etc.`` are the abbreviation behind an opening bracket or quote
        last_word = words[-1].lower().lstrip("([{\"'“‘") if words else ""
        if last_word in _ABBREVIATIONS or _INITIALS.fullmatch(last_word):
            continue
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def sentence_side(sentence: str, matcher: RoleMatcher) -> str | None:
    """The side a sentence is about, or None when it names neither role."""
    mentions = matcher.mentions(sentence)
    if not mentions:
        return "both" if _BOTH.search(sentence) else None
    first = mentions[0]
    if _BOTH.search(sentence[: first.start]):
        return "both"
    for other in mentions[1:]:
        if other.side == first.side:
            continue
        between = sentence[first.end : other.start]
        if _JOINER.match(between) or between.strip() == "" or _CONTRAST.search(between):
            return "both"
        if _CONTRAST.search(sentence[: first.start]):
            return "both"  # ``While A does x, B does y.``
        break
    return first.side


def label_side(text: str, matcher: RoleMatcher) -> tuple[str, str] | None:
    """``(side, text without label)`` for a labelled paragraph ``Role: text``."""
    if ":" not in text and "：" not in text:  # most items and paragraphs: spares the label regex
        return None
    match = _LABEL.match(text)
    if not match:
        return None
    side = matcher.fullmatch(match.group("label"))
    if side is None:
        return None
    return side, match.group("text").strip()


_PRONOUN_START = re.compile(
    r"^\W*(?:they|he|she|it|these|this|such|those|their|its|his|her)\b", re.IGNORECASE)
_OBJECT_WORDS = frozenset({
    "with", "alongside", "to", "for", "from", "by", "like", "as", "than", "between", "among",
    "beside", "besides", "including", "support", "supports", "help", "helps", "into",
})
"""Words that, before a role's name, make it the object of the sentence, not its subject."""
_LEAD_WORDS = 8
"""A role named as a subject comes within the first words (after ``On the other hand, a``)."""


def _plainly_about(sentence: str, matcher: RoleMatcher) -> bool:
    """Whether a sentence's first role mention is its subject: named near the start, not
    after a pronoun subject (``They work closely with data analysts``) nor after a word that
    makes it an object (``with``, ``alongside``, ``for``...)."""
    if _PRONOUN_START.match(sentence):
        return False
    mentions = matcher.mentions(sentence)
    if not mentions:
        return False
    before = re.findall(r"[A-Za-z]+", sentence[: mentions[0].start].lower())
    return len(before) <= _LEAD_WORDS and not any(word in _OBJECT_WORDS for word in before)


def _as_printed(text: str) -> Callable[[list[str]], str]:
    """Joins consecutive sentences of ``text`` as printed there: CJK puts no space between
    sentences (Korean does), so a space is never added nor dropped."""
    at = 0

    def join(sentences: list[str]) -> str:
        nonlocal at
        start = end = text.find(sentences[0], at)
        for sentence in sentences:
            end = text.find(sentence, end) + len(sentence)
        at = end
        return text[start:end]

    return join


def attribute(text: str, matcher: RoleMatcher) -> list[Span]:
    """Split a paragraph into spans of sentences with one side each.

    A paragraph that names neither role (or both, jointly) is one ``both`` span. Once the
    paragraph is about one role, a sentence stays with it unless it is plainly about the
    other (:func:`_plainly_about`): ``They work closely with data analysts`` in a paragraph
    about a machine learning engineer is still about the engineer.
    """
    spans: list[Span] = []
    current: str | None = None
    buffer: list[str] = []
    join = _as_printed(text) if has_cjk(text) else " ".join
    for sentence in split_sentences(text):
        side = sentence_side(sentence, matcher)
        if (current in ("a", "b") and side in ("a", "b") and side != current
                and not _plainly_about(sentence, matcher)):
            side = current
        if side is None:
            side = current or "both"
        if current is not None and side != current:
            spans.append(Span(current, join(buffer)))
            buffer = []
        current = side
        buffer.append(sentence)
    if current is not None and buffer:
        spans.append(Span(current, join(buffer)))
    return spans
