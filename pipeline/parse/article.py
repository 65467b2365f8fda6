"""Blocks -> one parsed article: header, intro, sections, items, job cards, salary links.

The text-dump and HTML paths both end here, so the same article gives the same records
whichever form it came in. Pure: no I/O, no globals.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.common.scripts import has_cjk
from pipeline.errors import ParseError
from pipeline.parse.body import Body, BodyParser, classify_heading, is_header_line
from pipeline.parse.header import Header, find_title, parse_header, parse_meta, parse_title
from pipeline.parse.roles import RoleMatcher
from pipeline.parse.tail import Tail, parse_tail
from pipeline.structure.blocks import Block, BlockKind
from pipeline.structure.markers import is_tail_start
from pipeline.version import PARSER_VERSION

__all__ = ["PARSER_VERSION", "ParsedArticle", "parse_blocks"]



@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """Everything one article document says, before ids and normalization."""

    header: Header
    body: Body
    tail: Tail
    truncated: bool

    @property
    def intro(self) -> str | None:
        """The intro paragraphs joined by blank lines, or None."""
        return "\n\n".join(self.body.intro) or None


NO_TITLE = "no 'A vs. B' title in the first blocks"
"""The detail of ``not_an_article`` for blocks without a comparison title (also raised before
the blocks exist, for a page whose text cannot hold one: :func:`pipeline.run.process.to_blocks`)."""


def parse_blocks(blocks: Sequence[Block]) -> ParsedArticle:
    """Parse an article from its blocks; :class:`ParseError` ``not_an_article`` otherwise."""
    found = find_title(blocks) or _title_after_chrome(blocks)
    if found is None:
        raise ParseError("not_an_article", NO_TITLE)
    matcher = RoleMatcher(found[2], found[3])

    def starts_section(block: Block) -> bool:
        """Whether a header line is the first section's heading (a capture with no subtitle);
        a line shaped like a title or subtitle never is."""
        if is_header_line(block.text, matcher.mentions(block.text)):
            return False
        heading = classify_heading(block, matcher)
        return heading is not None and heading.key not in (None, "other")

    header = parse_header(blocks, starts_section, found=found)
    assert header is not None
    end = next(
        (i for i in range(header.body_start, len(blocks)) if is_tail_start(blocks[i].text)),
        len(blocks),
    )
    body = BodyParser(blocks[header.body_start : end], matcher, header.title,
                      may_be_cut=end == len(blocks)).parse()
    tail = parse_tail(blocks[end:])
    if not _is_article(header, body, tail):
        raise ParseError("not_an_article", "a 'vs' title but not two roles with the site's sections, "
                         "nor its header line or job cards")
    # Every complete article ends with a closing paragraph, job cards, salary links or the
    # related-articles list; a capture that stops before all of them was cut off.
    closing = any(s.section == "conclusion" for s in body.segments)
    truncated = end == len(blocks) and not closing
    if truncated and body.segments:
        body.segments[-1].truncated = True  # the section the capture ends in (maybe mid-word)
    return ParsedArticle(header, body, tail, bool(truncated))


FAR_TITLE = 400
"""Blocks searched for a title that follows a site's banner and menu (see :func:`_title_after_chrome`):
a site's mega menu runs to a hundred links and more."""


def _title_after_chrome(blocks: Sequence[Block]) -> tuple[int, str, str, str] | None:
    """A title further down than :func:`find_title` looks: index, text and roles, or None.

    A dump of a whole page (a text browser's, or a copy of the full window) starts with the
    site's cookie notice, name and menu; the title follows. Found there only when both of
    its names are role-like and the site's read-time line comes within three blocks after
    it, so a page of other things with a ``vs`` line far down is still no article. Only
    headings holding a ``v`` are read (every separator word has one): the search costs a page
    of other sites little.
    """
    for index in range(3, min(FAR_TITLE, len(blocks))):
        block = blocks[index]
        text = block.text
        if block.kind is not BlockKind.HEADING or ("v" not in text and "V" not in text):
            continue
        roles = parse_title(text)
        if (roles and is_role_like(roles[0]) and is_role_like(roles[1])
                and any(parse_meta(after.text) is not None for after in blocks[index + 1:index + 4])):
            return index, text, roles[0], roles[1]
    return None


_NAME_WORD = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)*$")
"""A word of letters (any alphabet's: Ingénieur, Científico), hyphenated parts allowed
(ML-Ingenieur); :func:`_is_name_word` also wants it capitalised."""
_CONNECTORS = frozenset({"of", "and", "&", "for", "in", "the", "/", "-",
                         "für", "und", "der", "de", "des", "du", "la", "le", "en", "et", "y", "del",
                         "di", "dei", "della", "delle", "degli", "e", "da", "do", "dos", "das", "van",
                         "ds."})
"""The small words a job title may hold, in English, German, French, Spanish, Italian,
Portuguese and Dutch (and Polish ``ds.``, *for*: ``Specjalista ds. danych``)."""
_JOB_NOUN = re.compile(
    r"(?:(?:er|or|ist|ian|ant|ent|ect|ot|ard|lead|head|chief|officer|manager|analyst|architect|"
    r"engineer|scientist|steward|expert|specialist|consultant|director|partner)s?"
    # German (Ingenieur, Architekt, and the feminine -in: Entwicklerin), French (Ingénieur,
    # Analyste, Architecte, Chercheuse), Spanish (Ingeniero, Científica, Analista, Gerente)
    r"|(?:er|or|ist|eur|ekt|ent)(?:in|innen)|eur|eurs|euse|euses|ekt|ekten|yste|iste|ecte|"
    r"ero|era|eros|eras|ista|istas|ico|ica|icos|icas|ecto|ecta|ente|entes|ora|oras|"
    # Italian (Ingegnere, Sviluppatore, Direttrice, Scienziata, Architetto, Responsabile),
    # Portuguese (Engenheiro, Arquiteta), Dutch (Ontwikkelaar)
    r"gnere|gneri|atore|atori|atrice|atrici|ttore|ttori|ttrice|ttrici|ziato|ziata|ziati|tetto|tetta|"
    r"abile|abili|eiro|eira|eiros|eiras|iteto|iteta|elaar|elaars|eraar|eraars)$",
    re.IGNORECASE,
)


_NATIVE_JOB_NOUN = re.compile(
    # Russian: инженер, аналитик, архитектор, учёный, разработчик, менеджер, исследователь...
    # and their case and number endings (Инженера, аналитики, учёные)
    r"(?:инженер|аналитик|архитектор|разработчик|менеджер|исследовател|специалист|руководител|"
    r"директор|консультант|программист|эксперт|сайентист)[а-яё]{0,4}$"
    r"|уч[её]н(?:ый|ая|ого|ому|ым|ом|ые|ых|ыми)$"
    # Polish: inżynier, analityk, architekt, naukowiec, kierownik, badacz and their endings
    r"|(?:^|-)(?:inżynier|analityk|analitycy|architekt|architekci|naukow(?:iec|ca|cy|ców|cem)|"
    r"kierownik|badacz|menedżer|dyrektor|konsultant|programist|specjalist)"
    r"(?:a|owie|ów|em|ami|ach|ka|ki|ce|u|y|e)?$"
    # Turkish: mühendis, analist, mimar, bilimci (bilim insanı), yönetici, uzman... with the
    # compound's ending (Veri Mühendisi, Yapay Zeka Mimarı)
    r"|(?:^|-)(?:mühendis|analist|mimar|bilimci|insan|yönetici|uzman|geliştirici|araştırmacı|müdür|"
    r"danışman|sorumlu)(?:ı|i|u|ü|sı|si|su|sü|lar|ler|ları|leri)?$",
    re.IGNORECASE,
)
"""Job nouns of Russian, Polish and Turkish: whole words (with their endings), never a bare
suffix, so that no word of another language reads as one."""
_CJK_ROLE = re.compile(
    r"(?:[^\W\d_]|[ ・·/&-])*"
    r"(?:工程师|科学家|分析师|架构师|经理|研究员|开发者|开发人员|专家|顾问|主管|总监|负责人|设计师|程序员|"
    r"エンジニア|サイエンティスト|アナリスト|アーキテクト|マネージャー|マネジャー|研究者|開発者|"
    r"スペシャリスト|コンサルタント|ディレクター|プログラマー|デベロッパー|技術者|専門家|リサーチャー|"
    r"엔지니어|과학자|분석가|아키텍트|매니저|연구원|연구자|개발자|전문가|컨설턴트|디렉터|책임자|관리자|설계자)"
)
"""A job title in Chinese, Japanese or Korean: letters (a Latin ``AI`` or ``ML`` included),
ending with a job noun, as these languages put the noun last (``机器学习工程师``,
``データエンジニア``, ``데이터 엔지니어``)."""


def _is_name_word(word: str) -> bool:
    return word in _CONNECTORS or (word[0].isupper() and _NAME_WORD.match(word) is not None)


def is_role_like(name: str) -> bool:
    """Whether a side of an ``X vs. Y`` title reads as a job title: capitalised words (a few
    connectors allowed), no digits or symbols, with a job noun (``Data Steward``, ``Head of
    Data``, ``Managing Director Data Science``). ``simdjson``, ``JSON for Modern C++``,
    ``Pixel 8`` or ``Celtics`` are not.

    >>> is_role_like("Machine Learning Research Engineer"), is_role_like("Head of Data Science")
    (True, True)
    >>> is_role_like("JSON for Modern C++"), is_role_like("simdjson"), is_role_like("Celtics")
    (False, False, False)
    >>> is_role_like("ML-Ingenieur"), is_role_like("Científica de Datos"), is_role_like("Coca-Cola")
    (True, True, False)

    French, Spanish, Italian and Portuguese put the job noun first and often write the rest
    in lower case: a capitalised job noun followed by words of letters is a title too.

    >>> is_role_like("Ingénieur en apprentissage automatique"), is_role_like("Analista de datos")
    (True, True)
    >>> is_role_like("Real madrid"), is_role_like("Pepsi light"), is_role_like("analista de datos")
    (False, False, False)

    Russian, Polish and Turkish job nouns, and a CJK title that ends in a job noun:

    >>> is_role_like("Инженер данных"), is_role_like("Analityk danych"), is_role_like("Veri Mühendisi")
    (True, True, True)
    >>> is_role_like("机器学习工程师"), is_role_like("データエンジニア"), is_role_like("东京 2024")
    (True, True, False)
    """
    words = name.split()
    if not 1 <= len(words) <= 8:
        return False
    if has_cjk(name):
        return _CJK_ROLE.fullmatch(name) is not None
    if all(_is_name_word(word) for word in words):
        if words[0] == "Head" or any(_JOB_NOUN.search(word) for word in words):
            return True
    else:
        head, rest = words[0], words[1:]
        if not (_is_name_word(head)
                and all(word in _CONNECTORS or _NAME_WORD.match(word) is not None for word in rest)):
            return False
        if _JOB_NOUN.search(head) is not None:
            return True
    # Russian, Polish and Turkish job nouns are whole words: one may stand anywhere in a
    # title that starts with a capital (``Ведущий инженер``, ``Veri mühendisi``).
    return any(_NATIVE_JOB_NOUN.search(word) for word in words)


def _is_article(header: Header, body: Body, tail: Tail) -> bool:
    """A comparison title alone is not enough (``Lakers vs Celtics``, a product page's
    ``simdjson vs. JSON for Modern C++`` with headings of its own): require the site's
    header line (``N min read``), its job cards or salary links, or two role-like names
    and at least one of the site's section kinds."""
    if header.read_minutes is not None or tail.cards or tail.salary_links:
        return True
    known = any(s.section not in ("other",) for s in body.segments)
    return known and is_role_like(header.role_a) and is_role_like(header.role_b)
