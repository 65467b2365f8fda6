"""Mojibake repair: UTF-8 that was once read with a legacy single-byte code page.

Why a targeted repair and not only ftfy: the captures we parse are intact UTF-8 with a
few damaged runs (``Β·`` for ``·``, ``ยท`` for ``·``, ``πŸ‘€`` for 👀), and the damaging
tool mixed code pages inside one run (cp1253 for the bytes Greek defines, cp1252 for
the ones it leaves undefined). ftfy repairs neither of those, and re-decoding a whole
file would break the intact text beside them. So we find each run that, mapped back to
bytes through one code page, is exactly one well-formed UTF-8 character, and replace
that run alone. ftfy then runs as a second, general step on lines still flagged.

How a run is judged (see :func:`repair_mojibake`):

* the *gate* (:data:`_DAMAGE_RE`, :func:`looks_damaged`) is one regex over the union of
  lead-byte and continuation-byte characters of all code pages; it is cheap on clean
  text and may fire on real text too (Greek, Thai, Cyrillic words), so it only decides
  whether the slower check runs;
* a match is *verified* through each code page in order: its bytes must be one UTF-8
  character that real text could contain (no surrogate, private-use or noncharacter
  code point);
* adjacent verified matches form a *damaged run*, judged by what surrounds it, so that
  a fully damaged word is judged as a word:

  - a run read through a script's code page (Greek, Thai, Cyrillic) stays as it is when
    the nearest letter before or after it belongs to that script: there it is text in
    that language (``ΚΟΣΜΟΣ·``, ``Её любовь``), not damage;
  - a run that would become a non-Latin letter stays when a Latin letter touches it
    (``GRUß“`` is German with a quote, not NKo; ``CAFÉ’S`` is not ``CAFɒS``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

import ftfy

# --- data -----------------------------------------------------------------------------------

CODE_PAGES: Final[tuple[tuple[str, str | None], ...]] = (
    # (Python codec, script whose letters mark real text next to a run read through it).
    # Order = verification order; the most common damage first. Where each comes from:
    ("cp1252", None),  # Windows Western: `Â·`, `â€™`, `Ã©`, `ðŸ‘€`; the commonest damage on the web
    ("cp1253", "greek"),  # Windows Greek: `Β·` and `πŸ‘€` in real captures of aijobs.net pages
    ("cp874", "thai"),  # Windows Thai: `ยท` in real captures of aijobs.net pages
    ("cp1251", "cyrillic"),  # Windows Cyrillic: `вЂ™` from tools running in a Russian locale
    ("latin-1", None),  # ISO-8859-1 decoders: C1 controls where cp1252 has `€`, `‰`, `’`
)
"""Code pages UTF-8 gets misread with. A byte a page leaves undefined is read as cp1252's
character for it, else as the C1 control of the same value: that is what the damaging
tools did (0x9F is undefined in cp1253, and `πŸ‘€` carries cp1252's `Ÿ` for it)."""

FALLBACK_CODE_PAGE: Final = "cp1252"

MAX_PASSES: Final = 3
"""Double (and triple) encoded text needs one pass per layer; more layers are not seen."""

SCRIPT_WINDOW: Final = 3
"""How far (in characters) to look past spaces and punctuation for the nearest letter."""

_SCRIPT_RANGES: Final[Mapping[str, tuple[tuple[str, str], ...]]] = MappingProxyType(
    {
        "greek": (("\u0370", "\u03ff"), ("\u1f00", "\u1fff")),
        "thai": (("\u0e00", "\u0e7f"),),
        "cyrillic": (("\u0400", "\u052f"), ("\u1c80", "\u1c8f"), ("\u2de0", "\u2dff"), ("\ua640", "\ua69f")),
    }
)
"""Unicode blocks of the scripts named in :data:`CODE_PAGES`."""

_LATIN_RANGES: Final = (("\u0000", "\u024f"), ("\u1e00", "\u1eff"))
"""Blocks of the Latin letters of running text (IPA and other rarities left out on purpose)."""

_BAD_CATEGORIES: Final = frozenset({"Cs", "Co"})
"""Surrogates and private-use characters: no real text decodes to them. (C1 controls are
allowed: they are the middle layer of double damage where a byte was undefined.)"""

_FTFY_CONFIG: Final = ftfy.TextFixerConfig(
    # Only the steps that undo encoding damage; everything that would change correct text is off.
    unescape_html=False,  # entities belong to the HTML parser; in a text dump they are content
    remove_terminal_escapes=False,  # not encoding damage
    fix_encoding=True,  # whole-segment mojibake (a fully damaged Russian or Greek line)
    restore_byte_a0=True,  # `Ã ` whose no-break space became a space
    replace_lossy_sequences=False,  # keep damage that lost bytes visible instead of a bare �
    decode_inconsistent_utf8=True,  # damaged runs inside intact UTF-8
    fix_c1_controls=True,  # a C1 control in text is a cp1252 byte read as latin-1
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,  # surrogate pairs are an encoding accident too
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


# --- tables built from the data -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _CodePage:
    """One code page turned around: the character a byte was shown as -> that byte."""

    name: str
    script: str | None
    to_byte: Mapping[str, int]
    chars: frozenset[str] = field(init=False)
    """The characters of :attr:`to_byte`, for a quick C-level membership test."""
    table: Mapping[int, int] = field(init=False)
    """:attr:`to_byte` keyed by code point, for :meth:`str.translate`."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "chars", frozenset(self.to_byte))
        object.__setattr__(self, "table", MappingProxyType({ord(c): b for c, b in self.to_byte.items()}))


def _byte_char(codec: str, byte: int) -> str | None:
    try:
        return bytes([byte]).decode(codec)
    except UnicodeDecodeError:
        return None


def _reverse_map(codec: str) -> Mapping[str, int]:
    """Map every character the high bytes were shown as back to its byte, fallbacks included."""
    to_byte: dict[str, int] = {}
    for byte in range(0x80, 0x100):
        char = _byte_char(codec, byte) or _byte_char(FALLBACK_CODE_PAGE, byte) or chr(byte)
        to_byte[char] = byte
    return MappingProxyType(to_byte)


_PAGES: Final = tuple(_CodePage(name, script, _reverse_map(name)) for name, script in CODE_PAGES)


def _chars_for(lo: int, hi: int) -> str:
    """Every character, on any page, that stands for a byte in ``lo..hi``."""
    chars = {char for page in _PAGES for char, byte in page.to_byte.items() if lo <= byte <= hi}
    return "".join(sorted(chars))


def _char_class(chars: str) -> str:
    return "[" + "".join(re.escape(char) for char in chars) + "]"


_LEAD2: Final = _char_class(_chars_for(0xC2, 0xDF))
_LEAD3: Final = _char_class(_chars_for(0xE0, 0xEF))
_LEAD4: Final = _char_class(_chars_for(0xF0, 0xF4))
_LEADS: Final = _char_class(_chars_for(0xC2, 0xDF) + _chars_for(0xE0, 0xEF) + _chars_for(0xF0, 0xF4))
_CONT: Final = _char_class(_chars_for(0x80, 0xBF))

_DAMAGE_RE: Final = re.compile(
    rf"""
    {_LEADS}                    # a character that stands for a UTF-8 lead byte (C2..F4); starting
                                # with one class lets the regex engine skip clean text quickly
    (?:
        (?<={_LEAD4}) {_CONT}{{3}}   # F0..F4: a 4-byte sequence (emoji)
      | (?<={_LEAD3}) {_CONT}{{2}}   # E0..EF: a 3-byte sequence (’ – • €)
      | (?<={_LEAD2}) {_CONT}        # C2..DF: a 2-byte sequence (· é ü)
    )
    """,
    re.VERBOSE,
)
"""The gate and the finder: one lead character and the continuation characters its byte
needs. The classes are unions over :data:`CODE_PAGES`; the page is checked afterwards."""

# --- judging matches and runs ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Fix:
    """A verified damaged sequence: where it is, the page it was read through, the character."""

    start: int
    end: int
    page: _CodePage
    char: str


_ASCII_TO_SPACE: Final = bytes.maketrans(bytes(range(0x80)), b" " * 0x80)


def non_ascii_run(text: str, utf8: bytes | None = None) -> str:
    """The runs of adjacent non-ASCII characters of ``text``, in order, one space between runs.

    Why: the regex engine pays a few nanoseconds per character even when nothing matches,
    which on a 60 KB page is more than parsing it, while squeezing the ASCII bytes out of the
    UTF-8 form is C loops (every ASCII byte becomes a space, ``split`` drops the spaces). Every
    damaged sequence is a run of adjacent non-ASCII characters (all the code pages'
    characters are), so it survives the squeeze intact; the space between two runs (ASCII,
    in no class of the regex) keeps the squeeze from joining characters that were apart.
    ``utf8`` is the text's exact UTF-8 form when the caller has it (the bytes it was decoded from).
    """
    data = text.encode("utf-8", "surrogatepass") if utf8 is None else utf8
    return b" ".join(_non_ascii_stretches(data).translate(_ASCII_TO_SPACE).split()).decode(
        "utf-8", "surrogatepass"
    )


def _non_ascii_stretches(data: bytes, size: int = 4096) -> bytes:
    """The stretches of ``data`` (about ``size`` bytes each) that hold a non-ASCII byte,
    joined by a space; ``data`` itself when it is short.

    Why: a page's non-ASCII characters are few (a dash, a few letters), and ``bytes.isascii``
    checks a stretch about twenty times faster than the squeeze translates it. Each stretch
    ends before an ASCII byte, so no run of non-ASCII bytes is cut, and runs of two stretches
    were apart in ``data`` too: the squeeze of the result has the same runs, in order.
    """
    if len(data) <= 2 * size:
        return data
    stretches = []
    start, end = 0, len(data)
    while start < end:
        stop = start + size
        while stop < end and data[stop] > 0x7F:  # (a run of non-ASCII bytes is never cut)
            stop += 1
        stretch = data[start:stop]
        if not stretch.isascii():
            stretches.append(stretch)
        start = stop
    return b" ".join(stretches)


def looks_damaged(text: str, utf8: bytes | None = None) -> bool:
    """Whether ``text`` may hold mojibake: the cheap gate in front of :func:`repair_mojibake`.

    ASCII text is clean at once; otherwise the regex runs over the non-ASCII runs alone
    (:func:`non_ascii_run`: a few hundred characters on a typical page), which finds a match
    exactly when the whole text holds one. It may say yes for correct Greek, Thai or Cyrillic
    text; the repair then declines to change it. ``utf8``, when given, must be exactly
    ``text`` encoded as UTF-8.
    """
    if text.isascii():
        return False
    return _DAMAGE_RE.search(non_ascii_run(text, utf8)) is not None


def _plausible(char: str) -> bool:
    """Whether real text could contain ``char`` (the decoded form of a damaged sequence)."""
    code = ord(char)
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:  # noncharacters
        return False
    return unicodedata.category(char) not in _BAD_CATEGORIES


def _decode_through(seq: str, page: _CodePage) -> str | None:
    """The one character ``seq`` is the damage of, read through ``page``, else None."""
    if not page.chars.issuperset(seq):
        return None
    try:
        char = seq.translate(page.table).encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return None
    return char if len(char) == 1 and _plausible(char) else None


def _verify(text: str, start: int, end: int) -> _Fix | None:
    """Try the first page on which ``text[start:end]`` is one damaged character."""
    seq = text[start:end]
    for page in _PAGES:
        char = _decode_through(seq, page)
        if char is not None:
            return _Fix(start, end, page, char)
    return None


def _find_fixes(text: str) -> list[_Fix]:
    """Every verified damaged sequence, left to right; a failed match moves on by one character."""
    fixes: list[_Fix] = []
    pos = 0
    while (match := _DAMAGE_RE.search(text, pos)) is not None:
        fix = _verify(text, match.start(), match.end())
        if fix is None:
            pos = match.start() + 1
        else:
            fixes.append(fix)
            pos = fix.end
    return fixes


def _runs(fixes: list[_Fix]) -> list[list[_Fix]]:
    """Group adjacent fixes: a fully damaged word is judged by its surroundings as a whole."""
    runs: list[list[_Fix]] = []
    for fix in fixes:
        if runs and runs[-1][-1].end == fix.start:
            runs[-1].append(fix)
        else:
            runs.append([fix])
    return runs


def _in_ranges(char: str, ranges: tuple[tuple[str, str], ...]) -> bool:
    return any(lo <= char <= hi for lo, hi in ranges)


def _is_letter(char: str) -> bool:
    """Letters, and the combining marks Thai writes vowels and tones with."""
    return unicodedata.category(char)[0] in "LM"


def _is_latin_letter(char: str) -> bool:
    return char.isalpha() and _in_ranges(char, _LATIN_RANGES)


def _nearest_letter(text: str, index: int, step: int, damaged: frozenset[int]) -> str | None:
    """The first letter from ``index`` going ``step`` (+1/-1), looking past non-letters.

    Characters of other damaged sequences (``damaged``) are not context: in `é, é` damaged
    as `Γ©, Γ©`, the `Γ` of one is not a Greek word next to the other.
    """
    for _ in range(SCRIPT_WINDOW):
        if not 0 <= index < len(text):
            return None
        if index not in damaged and _is_letter(text[index]):
            return text[index]
        index += step
    return None


def _script_context(text: str, run: list[_Fix], script: str, damaged: frozenset[int]) -> bool:
    """Whether the run sits among letters of ``script``, i.e. is probably real text in it."""
    ranges = _SCRIPT_RANGES[script]
    neighbours = (
        _nearest_letter(text, run[0].start - 1, -1, damaged),
        _nearest_letter(text, run[-1].end, +1, damaged),
    )
    return any(char is not None and _in_ranges(char, ranges) for char in neighbours)


def _foreign_letter_touches_latin(text: str, run: list[_Fix]) -> bool:
    """Whether the run would put a non-Latin letter right against a Latin one.

    `GRUß“` read as one UTF-8 character gives an NKo letter glued to `U`: German with a
    quote is far likelier than that.
    """
    start, end = run[0].start, run[-1].end
    first, last = run[0].char, run[-1].char
    left = start > 0 and _is_latin_letter(text[start - 1]) and _is_foreign_letter(first)
    right = end < len(text) and _is_latin_letter(text[end]) and _is_foreign_letter(last)
    return left or right


def _is_foreign_letter(char: str) -> bool:
    return _is_letter(char) and not _is_latin_letter(char) and unicodedata.category(char) != "Mn"


def _accepted(text: str, run: list[_Fix], damaged: frozenset[int]) -> list[_Fix]:
    """The fixes of one run that survive the false-positive guards (module docstring)."""
    if _foreign_letter_touches_latin(text, run):
        return []
    scripts = {fix.page.script for fix in run if fix.page.script is not None}
    refused = {script for script in scripts if _script_context(text, run, script, damaged)}
    return [fix for fix in run if fix.page.script not in refused]


def _repair_pass(text: str) -> str:
    """One left-to-right pass replacing every accepted damaged sequence by its character."""
    fixes = _find_fixes(text)
    damaged = frozenset(i for fix in fixes for i in range(fix.start, fix.end))
    pieces: list[str] = []
    pos = 0
    for run in _runs(fixes):
        for fix in _accepted(text, run, damaged):
            pieces.append(text[pos : fix.start])
            pieces.append(fix.char)
            pos = fix.end
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


def _ftfy_where_damaged(text: str) -> str:
    """Run ftfy on the lines that still look damaged after the targeted repair.

    Why only there: ftfy weighs many code pages (cp1250, MacRoman, ...) and can read a
    clean line as mojibake of one of them; lines the targeted repair left clean keep
    their characters exactly.
    """
    lines = text.split("\n")  # not splitlines(): U+0085, itself a C1 byte of damage, would split
    if not any(looks_damaged(line) for line in lines):
        return text
    return "\n".join(ftfy.fix_text(line, _FTFY_CONFIG) if looks_damaged(line) else line for line in lines)


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Repair damaged runs in ``text``; return the text and whether anything changed.

    Correct text is returned as it is (same object). The targeted repair runs until
    nothing changes (one pass per layer of double encoding, at most :data:`MAX_PASSES`).
    When it has nothing left to do, ftfy's encoding steps (:data:`_FTFY_CONFIG`) run on
    the lines that still look damaged, to catch what the targeted repair refused (``λx``:
    a Greek letter touching a Latin one is not trusted); what ftfy hands back goes
    through the targeted repair again, so that a second call finds nothing to do.
    The bounds keep the work small on pathological input; a line that does not settle
    within them is kept as it is.

    >>> repair_mojibake("4 min read Β· Dec. 6, 2023")
    ('4 min read · Dec. 6, 2023', True)
    >>> repair_mojibake("Featured Job πŸ‘€")
    ('Featured Job 👀', True)
    >>> repair_mojibake("Γειά σου κόσμε")
    ('Γειά σου κόσμε', False)
    """
    if not looks_damaged(text):
        return text, False
    repaired = _settled(text)
    if repaired is None:
        # Some line is still changing when the bounds run out: more layers than real damage
        # ever has (``ÂÂÂΒ–`` loses one ``Â`` a pass). Repair line by line and keep the lines
        # that do not settle as they are, so that the other lines are still repaired and a
        # second call finds nothing to do.
        lines = text.split("\n")
        repaired = "\n".join(line if (done := _settled(line)) is None else done for line in lines)
    if repaired == text:
        return text, False
    return repaired, True


def _settled(text: str) -> str | None:
    """``text`` repaired until nothing changes, or None when the bounds run out first."""
    repaired = text
    passes = ftfy_steps = 0
    while True:
        again = _repair_pass(repaired)
        if again != repaired:
            if passes == MAX_PASSES:
                return None
            passes += 1
        else:
            again = _ftfy_where_damaged(repaired)
            if again == repaired:
                return repaired
            if ftfy_steps == MAX_PASSES:
                return None
            ftfy_steps += 1
        repaired = again


MISREAD_CODE_PAGES: Final = (
    *(name for name, _ in CODE_PAGES), "cp1250", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "iso8859_2", "mac_roman", "cp437", "cp850", "cp866", "koi8_r",
)  # fmt: skip
"""Every code page a repair here or in ftfy (its ``CHARMAP_ENCODINGS``) may read back, and more."""


def damaged_starts(char: str) -> frozenset[str]:
    """The characters a run this module (or ftfy) repairs to ``char`` may start with: ``char``
    itself, and the first character of its UTF-8 read through any of
    :data:`MISREAD_CODE_PAGES`, layer upon layer (an undefined byte read as its C1 control).

    Why: a test of the bytes for ``char`` (the byte test of
    :mod:`pipeline.parse.prescreen` looks for ``ſ``) must also find it where the text holds
    it damaged; only the first character matters, since the run is repaired as a whole.
    """
    found, todo = {char}, [char]
    while todo:
        lead = todo.pop().encode("utf-8")[0]
        if lead < 0x80:
            continue
        for page in MISREAD_CODE_PAGES:
            shown = _byte_char(page, lead) or chr(lead)
            if shown not in found:
                found.add(shown)
                todo.append(shown)
    return frozenset(found)
