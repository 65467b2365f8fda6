"""Map the many headings the site prints to the contract's canonical section keys.

Why data, not branches: the site words the same section many ways (``Outlooks``,
``Career Outlook``, ``Job Outlook``; ``Educational Backgrounds``, ``Education``; ``Tools
and Software Used``, ``Tools and Technologies``). Each key has a list of keyword stems;
a heading maps to the key whose stem appears *earliest* in it, so a merged heading
(``Definitions and Responsibilities``) maps to its first part. Stems come from the
seeds, the real captures' headings and common synonyms.
"""

from __future__ import annotations

import re

from pipeline.common.memo import remembered
from pipeline.common.scripts import has_cjk, word_count

# (key, stems): a stem matches at a word start, case-insensitively.
SECTION_STEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("definitions", ("definition", "what is", "what are", "overview", "role overview", "defining",
                     "introduction to the roles", "who is",
                     # German, French, Spanish (the same article translated)
                     "begriffsbestimmung", "was ist", "überblick", "définition", "qu'est-ce",
                     "aperçu", "definición", "definicion", "qué es", "que es", "descripción general",
                     # Italian, Portuguese, Dutch
                     "definizion", "cos'è", "panoramica", "definiç", "o que é", "visão geral",
                     "definitie", "wat is", "overzicht",
                     # Russian, Polish, Turkish
                     "определени", "что такое", "кто такой", "обзор", "definicj", "czym jest",
                     "kim jest", "przegląd", "tanım", "nedir", "genel bakış")),
    ("responsibilities", ("responsibilit", "duties", "day-to-day", "day to day", "what they do",
                          "roles and tasks", "key tasks", "job description",
                          "aufgaben", "verantwortlichkeit", "zuständigkeit", "tätigkeit",
                          "responsabilit", "missions", "tâches", "responsabilidad", "funciones",
                          "tareas", "compiti", "mansioni", "atribuiç", "tarefas", "verantwoordelijkhed",
                          "обязанност", "задачи", "функции", "obowiązk", "zadania",
                          "zakres obowiązków", "sorumluluk", "görevler")),
    ("required_skills", ("required skill", "skill", "competenc", "qualification", "abilities",
                         "requirements",
                         "fähigkeit", "kenntnisse", "kompetenz", "anforderung", "qualifikation",
                         "compétence", "habilet", "habilidad", "requisito", "conocimientos",
                         "competenz", "abilità", "requisiti", "competência", "conhecimentos",
                         "vaardighed", "vereisten", "kennis", "competenties",
                         "навык", "компетенц", "требовани", "квалификаци", "umiejętnoś",
                         "kompetencj", "wymagani", "kwalifikacj", "beceri", "yetkinlik",
                         "gereksinim", "nitelik")),
    ("education", ("education", "academic", "degree", "background", "certification", "training",
                   "ausbildung", "bildung", "studium", "abschluss", "formation", "diplôme",
                   "parcours", "educación", "educacion", "formación", "formacion", "estudios",
                   "formazione", "istruzione", "titolo di studio", "formação", "educação", "escolaridade",
                   "opleiding", "onderwijs",
                   "образовани", "wykształceni", "edukacj", "eğitim")),
    ("tools", ("tool", "software", "technolog", "tech stack", "framework", "platform",
               "werkzeug", "outil", "logiciel", "herramienta", "tecnolog", "strument", "ferrament",
               "gereedschap", "hulpmiddel",
               "инструмент", "программное обеспечение", "технологи", "narzędzi",
               "oprogramowani", "araç", "yazılım", "teknoloji")),
    ("industries", ("industr", "sector", "where they work", "employer",
                    "branche", "arbeitgeber", "secteur", "sectores", "settor", "setor", "indústri",
                    "отрасл", "индустри", "работодател", "branż", "sektor", "sektör", "endüstri",
                    "işveren")),
    ("outlook", ("outlook", "job growth", "career growth", "growth", "prospect", "demand", "future",
                 "salar", "compensation", "pay",
                 "aussicht", "perspektive", "zukunft", "gehalt", "nachfrage", "perspectives",
                 "avenir", "débouché", "rémunération", "perspectiva", "futuro", "demanda",
                 "prospettiv", "retribuzion", "stipendi", "perspetiv", "procura", "salári",
                 "vooruitzicht", "toekomst", "salaris",
                 "перспектив", "прогноз", "зарплат", "будущее", "спрос", "perspektyw",
                 "wynagrodzeni", "zarobk", "przyszłoś", "görünüm", "beklenti", "gelecek",
                 "maaş", "talep")),
    ("tips", ("tip", "getting started", "get started", "how to become", "how to get", "advice",
              "steps to", "breaking into", "career path", "next steps",
              "tipp", "ratschläge", "einstieg", "conseil", "astuce", "consejo", "cómo empezar",
              "como empezar", "consigli", "suggeriment", "come iniziare", "dicas", "conselho",
              "como começar", "advies",
              "совет", "рекомендаци", "как начать", "как стать", "wskazówk", "porad",
              "jak zacząć", "jak zostać", "ipuç", "tavsiye", "öneri", "nasıl başlan")),
    ("conclusion", ("conclusion", "final thought", "summary", "wrapping up", "bottom line",
                    "key takeaway", "verdict", "which role is right", "which is right",
                    "choosing between",
                    "fazit", "zusammenfassung", "schlussfolgerung", "en résumé", "conclusión",
                    "resumen", "riepilogo", "in sintesi", "conclusão", "resumo", "conclusie",
                    "samenvatting",
                    "заключени", "вывод", "итог", "podsumowani", "wniosk", "sonuç", "özet")),
)
"""Stems in English (the site's own wording, its real captures and common synonyms), then in
German, French, Spanish, Italian, Portuguese and Dutch, then Russian, Polish and Turkish: a
translated copy of the site keeps the article's structure, so its headings are the same
sections in other words. (``обучение`` and ``öğrenim`` are left out: they also mean the
*learning* of ``машинного обучения`` / ``Makine Öğrenimi``.)"""

CJK_SECTION_STEMS: dict[str, tuple[str, ...]] = {
    "definitions": ("定义", "是什么", "概述", "简介", "定義", "とは", "概要",
                    "정의", "이란", "란 무엇", "개요"),
    "responsibilities": ("职责", "工作内容", "主要工作", "職務", "責任", "業務", "仕事内容",
                         "책임", "업무", "직무"),
    "required_skills": ("技能", "能力", "资格", "要求", "スキル", "資格", "要件", "역량", "자격", "요건",
                        "요구 사항", "스킬", "기술"),
    "education": ("教育", "学历", "学位", "培训", "学歴", "학력", "교육", "학위"),
    "tools": ("工具", "软件", "技术", "ツール", "ソフトウェア", "技術", "도구", "툴", "소프트웨어"),
    "industries": ("行业", "领域", "雇主", "業界", "産業", "산업", "업계", "분야"),
    "outlook": ("前景", "展望", "薪资", "薪酬", "需求", "未来", "見通し", "将来性", "給与", "年収",
                "需要", "전망", "미래", "연봉", "급여", "수요"),
    "tips": ("建议", "技巧", "入门", "如何成为", "ヒント", "アドバイス", "始め方", "팁", "조언", "시작하기",
             "시작하는 방법"),
    "conclusion": ("结论", "总结", "結論", "まとめ", "결론", "요약"),
}
"""Stems of the section headings in Chinese (simplified), Japanese and Korean. They match
anywhere in a heading, with no word start: these scripts write no space between words (Korean
writes one, but joins its particles to the word). Korean ``기술`` is skill and technology at
once; a heading that says it alone reads as skills (``도구 및 기술`` starts with tools)."""

def stems_pattern(stems: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern[str]:
    """One regex for all keys of ``stems``, a named group per key in their order, each stem at a
    word start, any case: its leftmost match is the earliest stem, and where two keys' stems
    start at the same place the alternation tries the earlier key first (the rule of
    :func:`section_key`, and of a job page's section keys)."""
    return re.compile(
        r"(?<![\w])(?:"
        + "|".join(f"(?P<{key}>" + "|".join(re.escape(s) for s in words) + ")" for key, words in stems)
        + ")",
        re.IGNORECASE,
    )


_STEMS_RE = stems_pattern(SECTION_STEMS)
# The same for a heading in CJK text: the same stems at a word start, or a CJK stem anywhere.
_CJK_STEMS_RE = re.compile(
    "|".join(f"(?P<{key}>(?<![\\w])(?:" + "|".join(re.escape(s) for s in stems) + ")|"
             + "|".join(re.escape(s) for s in CJK_SECTION_STEMS[key]) + ")"
             for key, stems in SECTION_STEMS),
    re.IGNORECASE,
)

# Opening words of a closing paragraph that has no heading of its own.
CONCLUSION_OPENERS = re.compile(
    r"^(?:in\s+conclusion|to\s+conclude|in\s+summary|to\s+summari[sz]e|to\s+sum\s+up|"
    r"by\s+understanding|ultimately|all\s+in\s+all|in\s+the\s+end|overall,"
    # Russian, Polish, Turkish; Chinese, Japanese, Korean (no word end after these)
    r"|в\s+заключение|подводя\s+итог|podsumowując|reasumując|sonuç\s+olarak|özetle)\b"
    r"|^(?:总之|总而言之|综上所述|結論として|まとめると|결론적으로|요약하자면)",
    re.IGNORECASE,
)


_FILLER = frozenset({
    "a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "at", "with", "by", "their", "your",
    "you", "they", "key", "main", "core", "essential", "important", "common", "typical", "required",
    "needed", "used", "both", "each", "two", "role", "roles", "job", "jobs", "career", "careers", "vs",
    "versus", "comparison", "compared", "comparing", "differences", "difference", "similarities",
    "and/or", "&", "more", "s",
    # German, French, Spanish, Italian, Portuguese, Dutch articles, connectors and the words
    # their headings add
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "und", "oder", "für", "im", "zum",
    "zur", "von", "mit", "erforderliche", "benötigte", "wichtige", "typische", "berufliche", "beruf",
    "berufe", "rolle", "rollen", "verwendete", "eingesetzte",
    "le", "la", "les", "l", "un", "une", "et", "ou", "pour", "du", "de", "d", "au", "aux", "en",
    "requises", "requis", "clés", "principales", "métier", "métiers", "utilisés", "carrière",
    "el", "los", "las", "y", "o", "para", "del", "al", "con", "requeridas", "necesarias", "clave",
    "puesto", "carrera", "utilizadas", "profesional", "profesionales",
    "il", "lo", "i", "gli", "uno", "una", "e", "per", "di", "dei", "della", "delle", "degli", "da",
    "richieste", "richiesti", "necessarie", "principali", "ruolo", "ruoli", "carriera",
    "utilizzati", "professionali",
    "os", "as", "um", "do", "dos", "em", "com", "necessárias", "necessários",
    "exigidas", "principais", "função", "funções", "carreira", "profissionais",
    "het", "een", "voor", "van", "met", "om", "te", "vereiste", "benodigde", "belangrijkste",
    "functie", "functies", "rol", "gebruikte",
    # Russian, Polish, Turkish
    "и", "или", "в", "на", "для", "с", "по", "к", "о", "их", "ключевые", "основные",
    "необходимые", "требуемые", "важные", "используемые", "роль", "роли", "профессия",
    "профессии", "карьера", "карьерные", "должности",
    "lub", "oraz", "w", "na", "dla", "z", "wymagane", "kluczowe", "główne",
    "niezbędne", "potrzebne", "używane", "rola", "zawód", "kariera", "kariery", "zawodowe",
    "ve", "veya", "ile", "için", "i̇çin", "bir", "gerekli", "temel", "önemli", "kullanılan",
    "roller", "kariyer", "meslek", "iş",
})
"""Words a section heading may hold besides its stems (``Key Tools Used``)."""
MAX_OTHER_WORDS = 2
"""Content words a heading may hold besides stems and filler and still name its section:
``Tools and Software Used`` does; ``Why Python Skills Beat Spreadsheets for Reporting``
is about something else that one word of it happens to name."""
_HEADING_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_CJK_FILLER = re.compile("|".join(sorted((
    # Chinese: conjunctions, the possessive, and the words its headings add
    "的", "和", "与", "及", "以及", "所需", "必备", "必要", "主要", "关键", "核心", "常用", "使用",
    "职业", "两者", "各自", "角色", "岗位", "职位", "工作",
    # Japanese: particles (の, と, や), and the words its headings add
    "の", "と", "や", "および", "及び", "必要な", "主な", "主要な", "使用する", "役割", "職種", "キャリア",
    # Korean: particles and the words its headings add
    "및", "와", "과", "의", "주요", "필요한", "필수", "사용", "사용하는", "역할", "직업", "커리어", "위한",
), key=len, reverse=True)))
"""Filler of CJK headings, matched inside words (they are not separated by spaces)."""


@remembered(maxsize=4096)
def section_key(heading_text: str) -> str | None:
    """The canonical key for a heading, or None when it names no known section.

    Remembered per process (a pure function of a short string): articles reuse a few dozen
    section headings, and reading one costs four regex passes.

    A heading maps by what it says as a whole: besides its section words it may hold filler
    and at most :data:`MAX_OTHER_WORDS` other words, so one section word inside a longer
    phrase does not make it that section.

    >>> section_key("Tools and Software Used")
    'tools'
    >>> section_key("Definitions and Responsibilities")
    'definitions'
    >>> section_key("Career Outlook")
    'outlook'
    >>> section_key("Related articles") is None
    True
    >>> section_key("Why Python Skills Beat Spreadsheets for Weekly Reporting") is None
    True
    """
    if has_cjk(heading_text):
        return _cjk_section_key(heading_text)
    key = earliest_stem_key(heading_text)
    if key is None:
        return None
    rest = _STEMS_RE.sub(" ", heading_text)
    others = [w for w in _HEADING_WORD.findall(rest) if w.casefold() not in _FILLER]
    # A stem is a word start: the rest of a stemmed word (``Responsibilit|ies``) is not another word.
    others = [w for w in others if not _is_stem_tail(heading_text, w)]
    return key if len(others) <= MAX_OTHER_WORDS else None


def earliest_stem_key(heading_text: str) -> str | None:
    """The key whose stem appears earliest in the text (the first key on a tie), whatever
    else the text says: the first part of a merged heading (``Definitions and
    Responsibilities``).

    >>> earliest_stem_key("Why Python Skills Beat Spreadsheets for Weekly Reporting")
    'required_skills'
    """
    match = _STEMS_RE.search(heading_text)
    return match.lastgroup if match else None


def _cjk_section_key(heading_text: str) -> str | None:
    """:func:`section_key` of a heading in CJK text (``所需技能``, ``도구 및 기술``): stems
    and filler match inside words, and the other words are counted by
    :func:`~pipeline.common.scripts.word_count`.

    >>> _cjk_section_key("所需技能"), _cjk_section_key("入门建议"), _cjk_section_key("常见问题")
    ('required_skills', 'tips', None)
    >>> _cjk_section_key("为什么Python技能比电子表格更适合每周报告") is None
    True
    """
    match = _CJK_STEMS_RE.search(heading_text)
    if match is None:
        return None
    rest = _CJK_FILLER.sub(" ", _CJK_STEMS_RE.sub(" ", heading_text))
    others = [w for w in _HEADING_WORD.findall(rest)
              if w.casefold() not in _FILLER and not (w.isascii() and _is_stem_tail(heading_text, w))]
    return match.lastgroup if sum(word_count(w) for w in others) <= MAX_OTHER_WORDS else None


def _is_stem_tail(heading_text: str, word: str) -> bool:
    """Whether ``word`` is what a stem left of a longer word (``ies`` of ``Responsibilities``)."""
    return re.search(rf"\w{re.escape(word)}\b", heading_text) is not None
