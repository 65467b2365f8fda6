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

# (key, stems): a stem matches at a word start, case-insensitively.
SECTION_STEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("definitions", ("definition", "what is", "what are", "overview", "role overview", "defining",
                     "introduction to the roles", "who is",
                     # German, French, Spanish (the same article translated)
                     "begriffsbestimmung", "was ist", "überblick", "définition", "qu'est-ce",
                     "aperçu", "definición", "definicion", "qué es", "que es", "descripción general",
                     # Italian, Portuguese, Dutch
                     "definizion", "cos'è", "panoramica", "definiç", "o que é", "visão geral",
                     "definitie", "wat is", "overzicht")),
    ("responsibilities", ("responsibilit", "duties", "day-to-day", "day to day", "what they do",
                          "roles and tasks", "key tasks", "job description",
                          "aufgaben", "verantwortlichkeit", "zuständigkeit", "tätigkeit",
                          "responsabilit", "missions", "tâches", "responsabilidad", "funciones",
                          "tareas", "compiti", "mansioni", "atribuiç", "tarefas", "verantwoordelijkhed")),
    ("required_skills", ("required skill", "skill", "competenc", "qualification", "abilities",
                         "requirements",
                         "fähigkeit", "kenntnisse", "kompetenz", "anforderung", "qualifikation",
                         "compétence", "habilet", "habilidad", "requisito", "conocimientos",
                         "competenz", "abilità", "requisiti", "competência", "conhecimentos",
                         "vaardighed", "vereisten", "kennis", "competenties")),
    ("education", ("education", "academic", "degree", "background", "certification", "training",
                   "ausbildung", "bildung", "studium", "abschluss", "formation", "diplôme",
                   "parcours", "educación", "educacion", "formación", "formacion", "estudios",
                   "formazione", "istruzione", "titolo di studio", "formação", "educação", "escolaridade",
                   "opleiding", "onderwijs")),
    ("tools", ("tool", "software", "technolog", "tech stack", "framework", "platform",
               "werkzeug", "outil", "logiciel", "herramienta", "tecnolog", "strument", "ferrament",
               "gereedschap", "hulpmiddel")),
    ("industries", ("industr", "sector", "where they work", "employer",
                    "branche", "arbeitgeber", "secteur", "sectores", "settor", "setor", "indústri")),
    ("outlook", ("outlook", "job growth", "career growth", "growth", "prospect", "demand", "future",
                 "salar", "compensation", "pay",
                 "aussicht", "perspektive", "zukunft", "gehalt", "nachfrage", "perspectives",
                 "avenir", "débouché", "rémunération", "perspectiva", "futuro", "demanda",
                 "prospettiv", "retribuzion", "stipendi", "perspetiv", "procura", "salári",
                 "vooruitzicht", "toekomst", "salaris")),
    ("tips", ("tip", "getting started", "get started", "how to become", "how to get", "advice",
              "steps to", "breaking into", "career path", "next steps",
              "tipp", "ratschläge", "einstieg", "conseil", "astuce", "consejo", "cómo empezar",
              "como empezar", "consigli", "suggeriment", "come iniziare", "dicas", "conselho",
              "como começar", "advies")),
    ("conclusion", ("conclusion", "final thought", "summary", "wrapping up", "bottom line",
                    "key takeaway", "verdict", "which role is right", "which is right",
                    "choosing between",
                    "fazit", "zusammenfassung", "schlussfolgerung", "en résumé", "conclusión",
                    "resumen", "riepilogo", "in sintesi", "conclusão", "resumo", "conclusie",
                    "samenvatting")),
)
"""Stems in English (the site's own wording, its real captures and common synonyms), then in
German, French, Spanish, Italian, Portuguese and Dutch: a translated copy of the site keeps the
article's structure, so its headings are the same sections in other words."""

# One regex for all keys, a named group per key in SECTION_STEMS order: its leftmost match is
# the earliest stem, and where two keys' stems start at the same place the alternation tries
# the earlier key first, which is the rule of :func:`section_key`.
_STEMS_RE = re.compile(
    r"(?<![\w])(?:"
    + "|".join(f"(?P<{key}>" + "|".join(re.escape(s) for s in stems) + ")" for key, stems in SECTION_STEMS)
    + ")",
    re.IGNORECASE,
)

# Opening words of a closing paragraph that has no heading of its own.
CONCLUSION_OPENERS = re.compile(
    r"^(?:in\s+conclusion|to\s+conclude|in\s+summary|to\s+summari[sz]e|to\s+sum\s+up|"
    r"by\s+understanding|ultimately|all\s+in\s+all|in\s+the\s+end|overall,)\b",
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
})
"""Words a section heading may hold besides its stems (``Key Tools Used``)."""
MAX_OTHER_WORDS = 2
"""Content words a heading may hold besides stems and filler and still name its section:
``Tools and Software Used`` does; ``Why Python Skills Beat Spreadsheets for Reporting``
is about something else that one word of it happens to name."""
_HEADING_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


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


def _is_stem_tail(heading_text: str, word: str) -> bool:
    """Whether ``word`` is what a stem left of a longer word (``ies`` of ``Responsibilities``)."""
    return re.search(rf"\w{re.escape(word)}\b", heading_text) is not None
