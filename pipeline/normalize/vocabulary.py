"""The mention vocabulary: skills, tools, degrees, fields, certifications and industries.

Why data and not code: the stack that articles name grows every month (``LangChain`` was
unknown two years ago), and the people who notice a missing tool are not the people who
write regexes. The list lives in ``pipeline/data/vocabulary.csv``, one canonical name per
row with the other forms it is printed in; its header comment says where the terms come
from and how to extend it (``rolescope unknown-terms``). This module reads and checks that
file and says in which printings each form is looked for (plural, spelling, dashes);
:mod:`pipeline.normalize.mentions` turns them into matchers.

A broken vocabulary is a broken contract, not a bad document: loading raises
:class:`VocabularyError` (with the line number) on an unknown kind or section, a duplicate
name, or one printed form claimed by two names, so the mistake surfaces in the tests and
never as a silently wrong ``mentions`` table.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.tables.schema import MENTION_KINDS, SECTION_KEYS

# A row of this kind is a phrase that is never a mention ("Bureau of Labor Statistics"):
# it only hides the terms inside it. It is kept apart from the real kinds.
STOP_KIND = "stop"
# The ``context`` values: any context, or only a list or programming context (``R``, ``Go``).
CONTEXTS = ("", "list")
COLUMNS = ("kind", "name", "aliases", "case_sensitive", "sections", "context")
SOURCE_COLUMN = "source"
"""Optional last column: the ids of the taxonomy records an entry comes from (see the build script)."""
# A second kind a term takes by context: a field of study in education or after "degree in",
# an industry in the industries section ("skill|field": Machine Learning, Statistics).
ALTERNATE_KINDS = ("field", "industry")

_YES = frozenset({"yes", "true", "1"})
_NO = frozenset({"no", "false", "0", ""})

# Printed variants that matching treats as the same character; keys and patterns agree.
APOSTROPHES = "'’‘ʼ"
DASHES = "-‐‑–—"
_KEY_SPACES = re.compile(r"\s+")
_KEY_SLASH = re.compile(r"\s*/\s*")
_APOSTROPHE_TO_ASCII = str.maketrans(dict.fromkeys(APOSTROPHES, "'") | dict.fromkeys(DASHES, "-"))
# An acronym (GCP, NLP, ETL, BI, CPP, D3): capitals and digits only. Lower-cased it is
# usually another word ("rag", "bi-weekly"), so it always matches exactly as written.
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]+")


class VocabularyError(PipelineError):
    """The vocabulary file breaks its own rules (see the header of ``vocabulary.csv``)."""


@dataclass(frozen=True, slots=True)
class Term:
    """One canonical name and every form it is printed in.

    ``case_sensitive`` keeps English words from matching (``Spark`` the engine, not the
    verb); ``sections`` limits a term to the section keys where it means what we want
    (empty: everywhere); ``context`` is ``"list"`` for names that count only inside a
    list or a programming context (``R``, ``Go``).
    """

    kind: str
    name: str
    aliases: tuple[str, ...]
    case_sensitive: bool
    sections: tuple[str, ...] = ()
    context: str = ""
    alternate: str | None = None
    """The kind the term takes in its alternate context (see :data:`ALTERNATE_KINDS`)."""
    source: tuple[str, ...] = ()

    @property
    def surfaces(self) -> tuple[str, ...]:
        """The name and then the aliases, as written in the vocabulary."""
        return (self.name, *self.aliases)

    def exact(self, surface: str) -> bool:
        """Whether ``surface`` must match exactly as written (the term's flag, or an acronym)."""
        return self.case_sensitive or _ACRONYM.fullmatch(surface) is not None

    def counts_in(self, section: str | None) -> bool:
        """Whether the term counts in text from ``section`` (None: a section nobody named)."""
        return not self.sections or section in self.sections


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Every term, in file order, and the stop phrases that are never mentions."""

    terms: tuple[Term, ...]
    stops: tuple[Term, ...] = ()


def surface_key(surface: str, *, exact: bool) -> str:
    """The form two printings of one name share: one apostrophe, one dash, single spaces.

    Matching in :mod:`pipeline.normalize.mentions` uses the same equivalences, so a matched text's
    key finds its term.

    >>> surface_key("Bachelor’s", exact=False)
    "bachelor's"
    >>> surface_key("CI / CD", exact=True)
    'CI/CD'
    """
    key = _KEY_SLASH.sub("/", _KEY_SPACES.sub(" ", surface.strip())).translate(_APOSTROPHE_TO_ASCII)
    return key if exact else key.lower()


def _flag(value: str, line: int) -> bool:
    """``yes``/``no`` from the ``case_sensitive`` column."""
    folded = value.strip().lower()
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise VocabularyError(f"line {line}: case_sensitive must be yes or no, not {value!r}")


def _split(value: str) -> tuple[str, ...]:
    """A ``|``-separated cell as a tuple of trimmed, non-empty parts."""
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _check_surface(surface: str, line: int) -> None:
    """Letters must be ASCII: the matcher's case classes are built for ASCII letters."""
    if any(ch.isalpha() and not ch.isascii() for ch in surface):
        raise VocabularyError(f"line {line}: {surface!r} has a non-ASCII letter")
    if not any(ch.isalnum() for ch in surface):
        raise VocabularyError(f"line {line}: {surface!r} has no letter or digit")


def _term(row: dict[str, str], line: int) -> Term:
    """One checked row."""
    kind, _, alternate = row["kind"].strip().partition("|")
    name = row["name"].strip()
    if kind not in (*MENTION_KINDS, STOP_KIND):
        raise VocabularyError(f"line {line}: unknown kind {kind!r}")
    if alternate and (alternate not in ALTERNATE_KINDS or alternate == kind):
        raise VocabularyError(
            f"line {line}: the second kind must be one of {ALTERNATE_KINDS}, not {alternate!r}")
    if not name:
        raise VocabularyError(f"line {line}: empty name")
    sections = _split(row["sections"])
    unknown = [section for section in sections if section not in SECTION_KEYS]
    if unknown:
        raise VocabularyError(f"line {line}: unknown section(s) {unknown}")
    context = row["context"].strip()
    if context not in CONTEXTS:
        raise VocabularyError(f"line {line}: context must be empty or 'list', not {context!r}")
    term = Term(kind, name, _split(row["aliases"]), _flag(row["case_sensitive"], line),
                sections, context, alternate or None, _split(row.get(SOURCE_COLUMN, "")))
    for surface in term.surfaces:
        _check_surface(surface, line)
    return term


def parse_vocabulary(text: str, *, source: str = "vocabulary.csv") -> Vocabulary:
    """Read and check a vocabulary CSV (``#`` lines are comments, blank lines are skipped).

    Two printed forms of one term may share a key (``MLflow`` and ``MLFlow`` document how
    the name is printed); one key claimed by two terms is an error, as is a repeated name.
    """
    # Comment lines become blank lines, so the reader's line numbers stay the file's.
    uncommented = "\n".join("" if line.lstrip().startswith("#") else line for line in text.splitlines())
    reader = csv.reader(io.StringIO(uncommented))
    header: tuple[str, ...] | None = None
    terms: list[Term] = []
    stops: list[Term] = []
    names: set[str] = set()
    owner: dict[str, str] = {}
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = tuple(cell.strip() for cell in cells)
            if header not in (COLUMNS, (*COLUMNS, SOURCE_COLUMN)):
                raise VocabularyError(
                    f"{source}: header must be {','.join(COLUMNS)}[,source], not {','.join(header)}")
            continue
        line = reader.line_num
        if len(cells) != len(header):
            raise VocabularyError(f"{source} line {line}: {len(cells)} columns, not {len(header)}")
        term = _term(dict(zip(header, cells, strict=True)), line)
        if term.name in names:
            raise VocabularyError(f"{source} line {line}: duplicate name {term.name!r}")
        names.add(term.name)
        for surface in term.surfaces:
            key = surface_key(surface, exact=False)
            if owner.setdefault(key, term.name) != term.name:
                raise VocabularyError(
                    f"{source} line {line}: {surface!r} of {term.name!r} is already a form of {owner[key]!r}")
        (stops if term.kind == STOP_KIND else terms).append(term)
    if header is None:
        raise VocabularyError(f"{source}: no header")
    return Vocabulary(tuple(terms), tuple(stops))


@cache
def _bundled() -> Vocabulary:
    """The vocabulary shipped in the package, read once per process."""
    text = resources.files("pipeline").joinpath("data", "vocabulary.csv").read_text("utf-8")
    return parse_vocabulary(text, source="pipeline/data/vocabulary.csv")


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """The vocabulary at ``path``, or the bundled one (cached) when no path is given."""
    if path is None:
        return _bundled()
    return parse_vocabulary(path.read_text("utf-8"), source=str(path))


# --- the printed forms the mention finder looks for (pipeline.normalize.mentions) ------------

_FOLD = str.maketrans(dict.fromkeys(APOSTROPHES, "'") | dict.fromkeys(DASHES, " "))
_SPACES = re.compile(r"\s+")
_SLASH = re.compile(r"\s*/\s*")
_DASH_CHARS = re.compile("[" + re.escape(DASHES) + "]")


def form_key(surface: str) -> str:
    """The key two printings of a form share: one apostrophe, a dash read as a blank, single blanks."""
    return _SPACES.sub(" ", _SLASH.sub("/", surface.strip()).translate(_FOLD)).strip()


def printings(surface: str) -> list[str]:
    """The ways a form is printed, as the automaton looks for them in the text.

    The text is only lower-cased before the automaton reads it (a translation of every
    character would cost more than the search), so the printed variants go into the
    automaton instead: any apostrophe, a hyphen or a blank between words (``fine-tuning``,
    ``fine tuning``), any kind of dash where the form has one, and a blank-spaced slash.
    """
    base = _SPACES.sub(" ", _SLASH.sub("/", surface.strip()))
    out = {base, form_key(surface)}
    words = form_key(surface).split(" ")
    if 1 < len(words) <= 3:
        out |= {dash.join(words) for dash in DASHES[:3]}  # hyphen, hyphen, non-breaking hyphen
    if _DASH_CHARS.search(base):
        out |= {_DASH_CHARS.sub(dash, base) for dash in DASHES}
    for form in list(out):
        if "'" in form or any(a in form for a in APOSTROPHES):
            out |= {re.sub("[" + APOSTROPHES + "]", a, form) for a in APOSTROPHES}
        if "/" in form:
            out.add(form.replace("/", " / "))
    return sorted(out)


_SPELLINGS = (("modelling", "modeling"), ("isation", "ization"), ("ise", "ize"), ("ising", "izing"),
              ("yse", "yze"), ("ysing", "yzing"), ("visualisation", "visualization"))


def inflections(key: str) -> list[str]:
    """Other printings of a folded skill phrase: plural or singular, British or American."""
    head, _, last = key.rpartition(" ")
    prefix = head + " " if head else ""
    out: list[str] = []
    # One-word terms keep their number: "regressions" to fix are not Regression.
    if head and len(last) > 3 and last.isalpha():
        if last.endswith("sis"):
            out.append(last[:-2] + "es")
        elif last.endswith("ies"):
            out.append(last[:-3] + "y")
        elif last.endswith("s") and not last.endswith(("ss", "us", "ics", "ops", "ous")):
            out.append(last[:-1])
        elif last.endswith("y") and last[-2] not in "aeiou":
            out.append(last[:-1] + "ies")
        elif last.endswith(("x", "ch", "sh")):
            out.append(last + "es")
        elif not last.endswith(("ing", "ics", "ment")) and last[-1] not in "sy":
            out.append(last + "s")
    words = [prefix + w for w in out]
    for british, american in _SPELLINGS:
        for a, b in ((british, american), (american, british)):
            for word in (key, *words):
                if a in word:
                    words.append(word.replace(a, b))
    return [w for w in dict.fromkeys(words) if w != key]
