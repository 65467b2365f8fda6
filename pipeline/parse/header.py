"""The article's header: title and roles, subtitle, ``N min read · date``, intro boundary.

Dates are parsed explicitly (``strptime`` after normalizing ``Sept.`` and the period),
never by a guessing date library: such libraries read ``Oct. 30, 2024`` as a January date
or today's date when a part looks odd.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipeline.structure.blocks import Block

# ``A vs. B``, ``A vs B``, ``A versus B``; the roles are short names.
_TITLE = re.compile(
    r"""^\s*\#*\s*(?:\*\*)?
        (?P<a>[^\n]{2,80}?)          # role a, as short as possible
        \s+(?:vs\.?|versus)\s+       # the separator word
        (?P<b>[^\n]{2,80}?)          # role b
        (?:\*\*)?[\s.:?!]*$          # stray markdown or punctuation at the end
    """,
    re.VERBOSE | re.IGNORECASE,
)
_MAX_ROLE_WORDS = 8

# ``4 min read · Oct. 30, 2024``: any separator (``·``, damaged ``Β·``, ``|``, ``-``) or none,
# and the date may be missing. A translated copy of the site says ``4 Min. Lesezeit · 30.
# Okt. 2024``, ``4 min de lecture · 30 oct. 2024``, ``4 min de lectura · 30 de oct. de 2024``.
_MONTH_DAY_YEAR = r"[^\W\d_]{3,10}\.?\s+\d{1,2},?\s+\d{4}"
# Russian, Polish and Turkish print the day first too (``14 марта 2025 г.``, ``14 marca 2025``,
# ``14 Mart 2025``); Chinese, Japanese and Korean the year first (``2025年3月14日``,
# ``2025년 3월 14일``), and their read time says ``5 分钟阅读``, ``5分で読めます``, ``5분 읽기``.
_DAY_MONTH_YEAR = r"\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]{3,12}\.?\s+(?:de\s+)?\d{4}(?:\s*(?:г\.|года))?"
_YEAR_MONTH_DAY = r"\d{4}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일]"
_META = re.compile(
    r"""^(?P<minutes>\d{1,3})\s*(?:
          (?:min|mins|minute|minutes|minuten|minutos|minuti|мин|минут[аы]?|dk|dakika|dakikalık)\.?
          \s+(?:read|lesezeit|de\s+lecture|de\s+lectura|di\s+lettura|de\s+leitura|leestijd
                |чтения|czytania|okuma)
        | (?:分钟|分)\s*(?:阅读|で読めます|で読める)
        | 분\s*(?:읽기|분량)
        )\b
        \s*(?P<sep>[^\w\s]{0,4}|\S{0,3}?)\s*   # the separator as printed (may be damaged)
        (?P<date>""" + _MONTH_DAY_YEAR + "|" + _DAY_MONTH_YEAR + "|" + _YEAR_MONTH_DAY + r""")?\s*$
    """,
    re.VERBOSE | re.IGNORECASE,
)
_DATE = re.compile(
    r"^(?:(?P<month>[^\W\d_]{3,10})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})"
    r"|(?P<day2>\d{1,2})\.?\s+(?:de\s+)?(?P<month2>[^\W\d_]{3,12})\.?\s+(?:de\s+)?(?P<year2>\d{4})"
    r"(?:\s*(?:г\.|года))?"
    r"|(?P<year3>\d{4})\s*[年년]\s*(?P<month3>\d{1,2})\s*[月월]\s*(?P<day3>\d{1,2})\s*[日일])$",
    re.IGNORECASE,
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            # English, then German, French and Spanish names and their usual abbreviations,
            # then Italian, Portuguese and Dutch ones not already there
            ("jan", "january", "januar", "jän", "jänner", "janv", "janvier", "ene", "enero",
             "gen", "gennaio", "janeiro", "januari"),
            ("feb", "february", "februar", "févr", "fév", "février", "febrero",
             "febbraio", "fev", "fevereiro", "februari"),
            ("mar", "march", "mär", "märz", "mars", "marzo", "março", "mrt", "maart"),
            ("apr", "april", "avr", "avril", "abr", "abril", "aprile"),
            ("may", "mai", "mayo", "mag", "maggio", "maio", "mei"),
            ("jun", "june", "juni", "juin", "junio", "giu", "giugno", "junho"),
            ("jul", "july", "juli", "juil", "juillet", "julio", "lug", "luglio", "julho"),
            ("aug", "august", "août", "ago", "agosto", "augustus"),
            ("sep", "sept", "september", "septembre", "septiembre", "set", "setiembre",
             "settembre", "setembro"),
            ("oct", "october", "okt", "oktober", "octobre", "octubre", "ott", "ottobre", "out",
             "outubro"),
            ("nov", "november", "novembre", "noviembre", "novembro"),
            ("dec", "december", "dez", "dezember", "déc", "décembre", "dic", "diciembre",
             "dicembre", "dezembro"),
        ),
        start=1,
    )
    for name in names
} | {
    name: number
    for number, names in enumerate(
        (
            # Russian (the genitive a date prints, the nominative, abbreviations), Polish
            # (genitive, nominative, abbreviations), Turkish (names, abbreviations)
            ("января", "январь", "янв", "stycznia", "styczeń", "sty", "ocak", "oca"),
            ("февраля", "февраль", "фев", "lutego", "luty", "lut", "şubat", "şub"),
            ("марта", "март", "мар", "marca", "marzec", "mart"),
            ("апреля", "апрель", "апр", "kwietnia", "kwiecień", "kwi", "nisan", "nis"),
            ("мая", "май", "maja", "maj", "mayıs"),
            ("июня", "июнь", "июн", "czerwca", "czerwiec", "cze", "haziran", "haz"),
            ("июля", "июль", "июл", "lipca", "lipiec", "lip", "temmuz", "tem"),
            ("августа", "август", "авг", "sierpnia", "sierpień", "sie", "ağustos", "ağu"),
            ("сентября", "сентябрь", "сен", "сент", "września", "wrzesień", "wrz", "eylül", "eyl"),
            ("октября", "октябрь", "окт", "października", "październik", "paź", "ekim", "eki"),
            ("ноября", "ноябрь", "ноя", "listopada", "listopad", "lis", "kasım", "kas"),
            ("декабря", "декабрь", "дек", "grudnia", "grudzień", "gru", "aralık", "ara"),
        ),
        start=1,
    )
    for name in names
}
_TOC = re.compile(
    r"^(?:table\s+of\s+contents?|inhaltsverzeichnis|inhalt|table\s+des\s+matières|sommaire"
    r"|índice|indice|tabla\s+de\s+contenidos?|contenidos?|sommario|sumário|inhoudsopgave|inhoud"
    r"|содержание|оглавление|spis\s+treści|içindekiler|İçindekiler|目录|目次|목차)[:：]?$",
    re.IGNORECASE,
)
"""The ``Table of contents`` label, in English and in German, French, Spanish, Italian,
Portuguese and Dutch, Russian, Polish, Turkish, Chinese, Japanese and Korean."""
_TOC_FIRST = frozenset("tTiIsScCíÍСсОоİ目목")  # what _TOC can start with: a cheap test before it
_LEADING_HASHES = re.compile(r"^\s*#+\s*")
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[\W_]+")
_MAX_SUBTITLE_WORDS = 30


@dataclass(frozen=True, slots=True)
class Header:
    """What the header says, and where the body starts."""

    title: str
    role_a: str
    role_b: str
    subtitle: str | None
    read_minutes: int | None
    published: dt.date | None
    body_start: int
    """Index of the first block after the header (the intro or the first section)."""


def parse_title(text: str) -> tuple[str, str] | None:
    """The two roles of a comparison title, or None when it is not one.

    >>> parse_title("AI Architect vs. Machine Learning Research Engineer")
    ('AI Architect', 'Machine Learning Research Engineer')
    >>> parse_title("Data Analyst vs Data Engineer")
    ('Data Analyst', 'Data Engineer')
    >>> parse_title("Lakers beat the Celtics") is None
    True
    """
    match = _TITLE.match(text)
    if not match:
        return None
    role_a, role_b = (match.group(g).strip(" \t*#:.") for g in ("a", "b"))
    if not role_a or not role_b:
        return None
    if len(role_a.split()) > _MAX_ROLE_WORDS or len(role_b.split()) > _MAX_ROLE_WORDS:
        return None
    return role_a, role_b


def parse_date(text: str) -> dt.date | None:
    """Parse the site's dates: ``Oct. 30, 2024``, ``Sept. 5, 2023``, ``May 1, 2024``; in German,
    French and Spanish, ``30. Okt. 2024``, ``30 oct. 2024``, ``30 de octubre de 2024``.

    >>> parse_date("Sept. 5, 2023")
    datetime.date(2023, 9, 5)
    >>> parse_date("Oct. 30, 2024")
    datetime.date(2024, 10, 30)
    >>> parse_date("Smarch 5, 2023") is None
    True

    A translated copy of the site prints the day first:

    >>> parse_date("30. Okt. 2024"), parse_date("6 déc. 2023"), parse_date("5 de septiembre de 2023")
    (datetime.date(2024, 10, 30), datetime.date(2023, 12, 6), datetime.date(2023, 9, 5))
    >>> parse_date("14 марта 2025 г."), parse_date("2 października 2024"), parse_date("2025年3月14日")
    (datetime.date(2025, 3, 14), datetime.date(2024, 10, 2), datetime.date(2025, 3, 14))
    """
    match = _DATE.match(text.strip())
    if not match:
        return None
    if match.group("year3") is not None:  # year first, the month a number (CJK)
        year, month_number, day = match.group("year3", "month3", "day3")
        try:
            return dt.date(int(year), int(month_number), int(day))
        except ValueError:
            return None
    first = match.group("month") is not None  # month first (English), else day first
    month = _MONTHS.get(match.group("month" if first else "month2").lower())
    if month is None:
        return None
    day, year = match.group("day", "year") if first else match.group("day2", "year2")
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


def parse_meta(text: str) -> tuple[int, dt.date | None] | None:
    """``(minutes, date)`` from a read-time line, or None when the line is not one.

    >>> parse_meta("4 min read · Oct. 30, 2024")
    (4, datetime.date(2024, 10, 30))
    >>> parse_meta("5 min read Β· Dec. 6, 2023")
    (5, datetime.date(2023, 12, 6))
    """
    match = _META.match(text.strip())
    if not match:
        return None
    date_text = match.group("date")
    return int(match.group("minutes")), parse_date(date_text) if date_text else None


def is_toc_label(text: str) -> bool:
    """Whether a block is the ``Table of contents`` label (not article text)."""
    stripped = text.strip()
    return stripped[:1] in _TOC_FIRST and _TOC.match(stripped) is not None


def clean_subtitle(text: str) -> str:
    """Remove stray markdown (``#``, ``**``) the site sometimes leaves in a subtitle."""
    cleaned = _LEADING_HASHES.sub("", text)
    cleaned = cleaned.replace("**", "")
    return _SPACES.sub(" ", cleaned).strip()


def _norm(text: str) -> str:
    return _NON_WORD.sub(" ", text).strip().lower()


def _same_title(text: str, title: str) -> bool:
    return _norm(text) == _norm(title)


def find_title(blocks: Sequence[Block], window: int = 3) -> tuple[int, str, str, str] | None:
    """Index, text and roles of the title: one of the first few blocks."""
    for index, block in enumerate(blocks[:window]):
        roles = parse_title(block.text)
        if roles:
            return index, block.text, roles[0], roles[1]
    return None


def parse_header(
    blocks: Sequence[Block],
    is_section_heading: Callable[[Block], bool] | None = None,
    *,
    found: tuple[int, str, str, str] | None = None,
) -> Header | None:
    """Read the header; None when the document has no comparison title.

    ``found`` is :func:`find_title`'s result when the caller already has it.
    ``is_section_heading`` tells whether a block starts a section, so the subtitle is never
    taken from the body (a flattened capture may have no subtitle).
    """
    found = found or find_title(blocks)
    if found is None:
        return None
    index, title, role_a, role_b = found
    subtitle: str | None = None
    minutes: int | None = None
    published: dt.date | None = None
    i = index + 1
    while i < len(blocks):
        block = blocks[i]
        text = block.text
        meta = parse_meta(text)
        if meta is not None and minutes is None:
            minutes, published = meta
        elif _same_title(text, title) or is_toc_label(text):
            pass
        elif (
            subtitle is None
            and minutes is None
            and i == index + 1
            and len(text.split()) <= _MAX_SUBTITLE_WORDS
            and not (is_section_heading is not None and is_section_heading(block))
        ):
            subtitle = clean_subtitle(text) or None
        else:
            break
        i += 1
    return Header(title, role_a, role_b, subtitle, minutes, published, i)
