"""Salary grammar: ``USD 120K - 150K`` -> currency, whole-unit bounds, period, flag.

Why our own grammar: general price parsers read one number (``USD 120K - 150K`` comes out
as 120), while a job card prints a *range* whose suffix may be shared (``120-150K``), whose
currency may sit on either side or on both bounds, and whose period may be spelled many ways.

Decisions, each a place where a guess would otherwise creep in:

* **No default currency.** Without a code or symbol ``currency`` is ``None``; the amounts
  are still read. A three-letter code before the amount that is not an ISO 4217 currency
  (``XYZ 100K``) also gives ``None``. After the amount only real codes are read, because a
  badge line may go on with other capitalised words. Codes are upper case only: lower case
  they collide with words (``all`` is the Albanian lek, ``top`` the pa'anga).
* **Bare ``$`` is USD**, because the site prints US jobs in US dollars and writes other
  dollars with a prefix (``CA$``, ``A$``, ``S$``...). **Bare ``¥`` is ``None``**: both the
  yen and the yuan use it and the site gives no hint; ``JP¥`` and ``CN¥`` are read.
* **Conflicting currencies** on one salary (``$100K - €130K``) give ``None``.
* **Whole units**: ``92.5K`` -> 92500; fractions of a unit (``$17.50/hr``) round half up.
* **Flags**: ``missing`` (no text), ``unparsed`` (text without an amount), ``implausible``
  (min above max, or a repeated-digit placeholder such as ``1111111K``; ``min``/``max`` are
  then ``None`` but text and currency stay), else ``ok``. Whether an amount is too small or
  too large is judged in US dollars (``MIN_ANNUAL..MAX_ANNUAL`` a year) when the tables are
  built, by :func:`pipeline.normalize.money.usd_columns`: in the printed currency's units a
  yen or won salary would look absurd.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources

from pipeline.parse.cards.bounds import too_long

# --- vocabulary (data) ---------------------------------------------------------------------

# Circulating currencies of ISO 4217 list one; fund codes, metals and test codes are left
# out because nobody is paid in them. Kept as data in ``pipeline/data/iso4217.csv``.
ISO_4217: frozenset[str] = frozenset(
    row["code"]
    for row in csv.DictReader(
        resources.files("pipeline").joinpath("data", "iso4217.csv").read_text("utf-8").splitlines()
    )
)

# Dollar prefixes that name their country (written before the amount).
DOLLAR_PREFIXES: dict[str, str] = {
    "US$": "USD",
    "CA$": "CAD",
    "C$": "CAD",
    "AU$": "AUD",
    "A$": "AUD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "SG$": "SGD",
    "S$": "SGD",
    "MX$": "MXN",
    "R$": "BRL",
}

# Currency symbols; ``None`` marks a symbol we recognise as a currency but cannot
# resolve to one code (see the module docstring for ``$`` and ``¥``; ``kr`` is four crowns).
SYMBOLS: dict[str, str | None] = {
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": None,
    "kr": None,  # the Swedish, Norwegian, Danish and Icelandic krona/krone alike
    "JP¥": "JPY",
    "CN¥": "CNY",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₪": "ILS",
    "₦": "NGN",
    "₴": "UAH",
    "₫": "VND",
}

# Period words -> period. Every spelling the grammar accepts is a key here.
PERIOD_WORDS: dict[str, str] = {
    **dict.fromkeys(("year", "yr", "y", "annum", "annual", "annually", "yearly", "p.a.", "pa"), "year"),
    **dict.fromkeys(("month", "mo", "monthly"), "month"),
    **dict.fromkeys(("week", "wk", "w", "weekly"), "week"),
    **dict.fromkeys(("day", "d", "daily"), "day"),
    **dict.fromkeys(("hour", "hr", "h", "hourly"), "hour"),
    # German, French, Spanish (``pro Jahr``, ``par mois``, ``al año``, ``/Std.``)
    **dict.fromkeys(("jahr", "an", "année", "año", "jährlich", "annuel", "annuelle", "annuels", "annuelles",
                     "anual", "anuales"), "year"),
    **dict.fromkeys(("monat", "mois", "mes", "monatlich", "mensuel", "mensuelle", "mensuels", "mensuelles",
                     "mensual", "mensuales"), "month"),
    **dict.fromkeys(("woche", "semaine", "semana"), "week"),
    **dict.fromkeys(("tag", "jour", "día", "dia"), "day"),
    **dict.fromkeys(("stunde", "std", "heure", "hora", "stündlich"), "hour"),
    # Italian, Portuguese, Dutch (``all'anno``, ``lordi annui``, ``por mês``, ``per maand``)
    **dict.fromkeys(("anno", "annuo", "annui", "annua", "annue", "annuale", "annuali", "ano", "anuais",
                     "jaar", "jaarlijks"), "year"),
    **dict.fromkeys(("mese", "mensile", "mensili", "mês", "mensal", "mensais", "maand", "maandelijks"),
                    "month"),
    **dict.fromkeys(("settimana",), "week"),
    **dict.fromkeys(("giorno", "dag"), "day"),
    **dict.fromkeys(("ora", "uur"), "hour"),
}

# --- plausibility constants ----------------------------------------------------------------

HOURS_PER_YEAR = 2080
"""40 hours a week for 52 weeks: the usual US full-time conversion of an hourly rate."""
DAYS_PER_YEAR = 260
"""5 working days a week for 52 weeks."""
WEEKS_PER_YEAR = 52
"""Paid weeks in a year."""
MONTHS_PER_YEAR = 12
"""Monthly pay, twelve times a year (a 13th month is not assumed)."""
MIN_ANNUAL = 1_000
"""Below this many US dollars a year an amount is a typo or a unit mix-up (``USD 120 - 150``
meant K); applied in USD by :mod:`pipeline.normalize.money`."""
MAX_ANNUAL = 5_000_000
"""Above this many US dollars a year an amount is a placeholder or a unit mix-up."""
PLACEHOLDER_MIN_DIGITS = 5
"""``11111`` or more identical digits is a placeholder (``1111111K``), not a salary."""

_ANNUAL_FACTOR = {"year": 1, "month": MONTHS_PER_YEAR, "week": WEEKS_PER_YEAR,
                  "day": DAYS_PER_YEAR, "hour": HOURS_PER_YEAR}
_MULTIPLIER = {"k": 1_000, "m": 1_000_000, "l": 100_000, "lakh": 100_000, "lakhs": 100_000,
               "lac": 100_000, "lacs": 100_000, "cr": 10_000_000, "crore": 10_000_000,
               "crores": 10_000_000, "tsd": 1_000, "mio": 1_000_000,
               "mil": 1_000, "t": 1_000}
FLAGS = frozenset({"ok", "implausible", "missing", "unparsed"})


@dataclass(frozen=True, slots=True)
class Salary:
    """A salary as printed on a card, beside its normalized reading."""

    text: str | None
    """As printed (stripped); ``None`` when the card has no salary."""
    currency: str | None
    """ISO 4217 code; ``None`` when not printed or not resolvable, never a default."""
    min: int | None
    """Lower bound in whole currency units per ``period`` (``100K`` -> 100000)."""
    max: int | None
    """Upper bound, same units; ``None`` for an open range (``120K+``)."""
    period: str | None
    """``year``, ``month``, ``week``, ``day`` or ``hour``; ``None`` when not printed."""
    is_estimate: bool
    """The card says the amount is an estimate (``(estimate)``, ``est.``)."""
    flag: str
    """``ok``, ``implausible``, ``missing`` or ``unparsed``."""
    currency_text: str | None = None
    """The currency mark(s) as printed (``CA$``, ``XYZ``), to audit ``currency``."""


MISSING = Salary(None, None, None, None, None, False, "missing")

# --- grammar -------------------------------------------------------------------------------


def _alternation(tokens: list[str]) -> str:
    """A regex alternation of literal tokens, longest first so ``US$`` beats ``$``."""
    return "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True))


_NUMBER = r"""
    (?<![\d.,])                     # not the tail of a longer number
    (?:
        \d{1,3}(?:,\d{3})+(?:\.\d{1,4})?  # 120,000: western thousands
      | \d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,4})?  # 12,00,000: Indian lakh grouping
      # 120.000 and 120 000 (a space, no-break or narrow no-break): thousands grouped the
      # continental way, with an optional decimal comma. Never before a K/M: "92.500K" is
      # a decimal, and "120 000K" no amount anybody prints.
      | \d{1,3}(?:\.\d{3})+(?:,\d{1,2})?(?!\s*[kKmM](?![a-z]))
      | \d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d{1,2})?(?!\s*[kKmM](?![a-z]))
      | \d{1,9},\d{1,2}                 # 120,50 or 1,5 (before a K or M): a decimal comma
      | \d{1,12}(?:\.\d{1,4})?          # 120000, 92.5; longer digit runs are ids, not pay
    )
    (?!\d|[.,]\d)                   # not the head of a longer number
"""
# K/M suffix; a lower-case letter after it means a word (``Mid-level``, ``mo``), while an
# upper-case one may be the next badge glued on (``150KFull Time``). Indian pay counts in
# lakhs (100,000) and crores (10,000,000): ``12 LPA`` is twelve lakhs per annum, ``1.2 Cr``.
_MULT = r"""(?:
    [kKmM](?![a-z])
  | \s[kKM](?=[€$£¥₹])                          # "45 k€", "1,5 M€": a space, then the sign
  | \s?(?:L(?=PA(?![A-Za-z]))|(?i:lakhs?|lacs?|crores?|cr)(?![a-z]))
  | \s?(?:Tsd|Mio)\.?(?![A-Za-z])               # German: "45 Tsd. €" (thousand), "1,2 Mio. €"
  | \s?T(?=EUR(?![A-Za-z])|€)                  # German: "60 TEUR", "60 T€" (thousand euro)
  | \s(?i:mil)(?![A-Za-z])                      # Portuguese, Spanish: "R$ 8 mil" (thousand)
)"""
_CODE_ANY = r"(?<![A-Z])[A-Z]{3}(?![A-Za-z])"
_CODE_ISO = rf"(?<![A-Z])(?:{'|'.join(sorted(ISO_4217))})(?![A-Za-z])"
# Marks spelled with letters (``kr``) are read only as whole words; the others may be glued
# to the badge before them (``Expert$120K``).
_WORD_MARKS = [mark for mark in SYMBOLS if mark.isalpha()]
_SIGNS = [mark for mark in SYMBOLS if not mark.isalpha()]
_WORD_MARK = rf"(?<![A-Za-z])(?:{_alternation(_WORD_MARKS)})(?![A-Za-z])"
_PREFIXES = _alternation(list(DOLLAR_PREFIXES) + _SIGNS)
_CUR_BEFORE = rf"(?:(?<![A-Z])(?:{_PREFIXES})|{_WORD_MARK}|{_CODE_ANY})"
# After a thousand's "T" the code follows it directly ("TEUR"), which _CODE_ISO's guard refuses.
_CUR_AFTER = rf"(?:{_alternation(_SIGNS)}|{_WORD_MARK}|{_CODE_ISO}|(?<=[\d\s]T)EUR(?![A-Za-z]))"
# A dash, or a word: "to", German "bis", French "à", Spanish "a"; "and" (und, et, y) only after
# "between" (zwischen, entre), whose group the pattern opens first.
_RANGE = r"(?:\s*[-‐‑‒–—]\s*|\s+(?i:to|bis|à|a)\s+|(?(between)\s+(?i:and|und|et|y)\s+|(?!)))"
_BETWEEN = r"(?P<between>(?<![A-Za-z])(?i:between|zwischen|entre)\s+)"
_EST = r"(?<![A-Za-z])(?i:est(?:imated?|\.)?)(?![A-Za-z])"
_PER_SLASH = (r"(?i:year|yr|y|annum|month|mo|week|wk|w|day|d|hour|hr|h|jahr|monat|std|an|mois|año|mes|hora"
              r"|anno|mese|ano|mês|jaar|maand|uur)")
# "gross" or "net" before the period ("brutto im Jahr", "brut annuel", "gross per year"): read
# only when a period follows, so a bare "€ 55.000 brutto" keeps its meaning of no period.
_GROSS_NET = r"(?:\s+(?i:gross|net|brutto|netto|brut|bruts|bruto|brutos|neto|netos|lordo|lordi|lorda|lorde))?"
_PERIOD = r"""
    """ + _GROSS_NET + r"""
    (?:
        \s*/\s*(?P<per_slash>""" + _PER_SLASH + r""")\.?                                # /yr, /mo, /Std.
      | (?:\s+(?i:per|an|a|pro|im|par|al|por|ao)\s+|\s+(?i:all)['’]\s*)               # per year, all'anno
        (?P<per_word>(?i:year|annum|month|week|day|hour|jahr|monat|woche|tag|stunde|an|année|mois
            |semaine|jour|heure|año|mes|semana|día|dia|hora|anno|mese|settimana|giorno|ora|ano|mês
            |jaar|maand|dag|uur))
      | \s*(?P<per_adverb>(?i:annually|yearly|monthly|weekly|daily|hourly|p\.a\.|jährlich|monatlich
            |stündlich|annuel(?:le)?s?|mensuel(?:le)?s?|anual(?:es)?|mensual(?:es)?|annu[oiae]
            |annuali?|annuale|mensil[ei]|mensal|mensais|anuais|jaarlijks|maandelijks))   # annually, annuel
      | (?<=L)(?P<per_lpa>PA)                                                          # 12 LPA
    )
    (?![a-z])
"""

SALARY_PATTERN = re.compile(
    rf"""
    (?P<est_pre>{_EST}\s*:?\s*)?                # "est. $100K", "Estimated: 100K"
    (?P<up_to>(?i:up\s+to)\s+)?                 # "up to 150K": a maximum only
    {_BETWEEN}?                                 # "between 100K and 120K", "entre 30.000 y 40.000 €"
    (?:(?P<cur_pre>{_CUR_BEFORE})\s*)?          # "USD 120K", "$120K", "CA$90K", "XYZ 1K"
    (?P<lo>{_NUMBER})(?P<lo_mult>{_MULT})?      # first amount: 120K, 1.5M, 120,000
    (?:\s*(?P<cur_mid>{_CUR_AFTER}))?           # "100K EUR - 130K EUR", "90K USD"
    (?:\s*/\s*(?P<lo_per>{_PER_SLASH})(?![a-z]))?  # "$100K/yr - $130K/yr": a period on each bound
    (?:
        (?P<open>\+)                            # "120K+": a minimum only
      | {_RANGE}                                # "-", "–", "—", "to", "bis", "and" after "between"
        (?:(?P<cur_hi>{_CUR_BEFORE})\s*)?       # "$100K - $130K": currency repeated
        (?P<hi>{_NUMBER})(?P<hi_mult>{_MULT})?  # second amount
    )?
    (?:\s*(?P<cur_post>{_CUR_AFTER}))?          # "100K - 130K EUR"
    (?:{_PERIOD})?                              # "/yr", "an hour", "annually"
    (?P<est_post>\s*\(\s*{_EST}\s*\)|\s+{_EST})?  # "(estimate)", "est."
    """,
    re.VERBOSE,
)

_CURRENCY_GROUPS = ("cur_pre", "cur_mid", "cur_hi", "cur_post")
_NOT_DIGIT = re.compile(r"\D")

# --- helpers -------------------------------------------------------------------------------


def currency_code(mark: str) -> str | None:
    """The ISO code a printed currency mark stands for, or ``None`` when it is unknown.

    >>> currency_code("CA$"), currency_code("$"), currency_code("EUR")
    ('CAD', 'USD', 'EUR')
    >>> currency_code("XYZ") is None, currency_code("¥") is None
    (True, True)
    """
    if mark in DOLLAR_PREFIXES:
        return DOLLAR_PREFIXES[mark]
    if mark in SYMBOLS:
        return SYMBOLS[mark]
    return mark if mark in ISO_4217 else None


_CONTINENTAL = re.compile(r"\d{1,3}(?:[.\s]\d{3})+(?:,\d{1,2})?")
"""An amount grouped the continental way: dots or spaces between thousands, a decimal comma."""


_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
"""An amount whose only comma is a decimal one (``120,50``, ``1,5``): never a group of three."""


def is_grouped(number: str) -> bool:
    """Whether a printed amount groups its thousands, so that it is already in units.

    >>> is_grouped("120,000"), is_grouped("120.000"), is_grouped("120\u202f000"), is_grouped("92.5")
    (True, True, True, False)
    >>> is_grouped("120,50")
    False
    """
    if _DECIMAL_COMMA.fullmatch(number):
        return False
    return "," in number or _CONTINENTAL.fullmatch(number) is not None


def to_units(number: str, mult: str | None) -> Decimal:
    """A printed amount and its suffix (K, M, lakh, crore, Tsd., Mio., the T of TEUR) in whole units
    (not yet rounded).

    Without a suffix, ``120.000`` and ``120 000`` are the continental way to group
    thousands (:data:`_NUMBER` reads them so only then); with one, the dot is a decimal point.

    >>> to_units("92.5", "K"), to_units("120,000", None), to_units("1.5", "m")
    (Decimal('92500.0'), Decimal('120000'), Decimal('1500000.0'))
    >>> to_units("120.000", None), to_units("1 250,50", None), to_units("12", " L")
    (Decimal('120000'), Decimal('1250.50'), Decimal('1200000'))
    >>> to_units("120,50", None), to_units("1,5", "M")
    (Decimal('120.50'), Decimal('1500000.0'))
    """
    if mult is None and _CONTINENTAL.fullmatch(number):
        number = re.sub(r"[.\s]", "", number).replace(",", ".")
    elif _DECIMAL_COMMA.fullmatch(number):
        number = number.replace(",", ".")
    value = Decimal(number.replace(",", ""))
    return value * _MULTIPLIER[mult.strip().lower().rstrip(".")] if mult else value


def round_units(value: Decimal) -> int:
    """Whole units, half up: pay is quoted in units, ``17.50`` an hour is kept as 18.

    >>> round_units(Decimal("17.5")), round_units(Decimal("92500.0"))
    (18, 92500)
    """
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def annualize(amount: int, period: str | None) -> int:
    """The yearly equivalent used for the plausibility check (``None`` means a year).

    >>> annualize(50, "hour"), annualize(10_000, "month"), annualize(90_000, None)
    (104000, 120000, 90000)
    """
    return amount * _ANNUAL_FACTOR[period or "year"]


def is_placeholder(number: str) -> bool:
    """A printed amount made of one repeated digit, five or more times (``1111111``).

    >>> is_placeholder("1111111"), is_placeholder("99,999"), is_placeholder("100000")
    (True, True, False)
    >>> is_placeholder("1111")
    False
    """
    digits = _NOT_DIGIT.sub("", number)
    return len(digits) >= PLACEHOLDER_MIN_DIGITS and len(set(digits)) == 1


Periods = tuple[str | None, str | None]
"""The period after the first bound and the one at the end, as :data:`PERIOD_WORDS` values."""


def _periods(match: re.Match[str]) -> Periods:
    """The period printed after the first bound (``$100K/yr - ...``) and the one at the end."""
    word = (match.group("per_slash") or match.group("per_word") or match.group("per_adverb")
            or match.group("per_lpa"))
    first = match.group("lo_per")
    last = PERIOD_WORDS.get(word.lower()) if word else None
    return (PERIOD_WORDS[first.lower()] if first else None), last


def _currency(match: re.Match[str]) -> tuple[str | None, str | None]:
    """The one currency the printed marks agree on, and the marks as printed."""
    marks = [m for m in (match.group(g) for g in _CURRENCY_GROUPS) if m]
    if not marks:
        return None, None
    codes = {currency_code(m) for m in marks} - {None}
    code = codes.pop() if len(codes) == 1 else None
    return code, " ".join(dict.fromkeys(marks))


def _bounds(match: re.Match[str]) -> tuple[int | None, int | None]:
    """Min and max in whole units, with a shared suffix back-filled (``120-150K``)."""
    lo_text, lo_mult = match.group("lo"), match.group("lo_mult")
    hi_text, hi_mult = match.group("hi"), match.group("hi_mult")
    if hi_text is None:
        lo = round_units(to_units(lo_text, lo_mult))
        if match.group("open"):
            return lo, None
        if match.group("up_to"):
            return None, lo
        return lo, lo
    # "120-150K" prints the suffix once; "120,000 - 150K" already is in units.
    if lo_mult is None and hi_mult is not None and not is_grouped(lo_text):
        lo_mult = hi_mult
    return round_units(to_units(lo_text, lo_mult)), round_units(to_units(hi_text, hi_mult))


def _flag(match: re.Match[str], low: int | None, high: int | None, periods: Periods) -> str:
    printed = [match.group("lo"), match.group("hi")]
    if any(p is not None and is_placeholder(p) for p in printed):
        return "implausible"
    if low is not None and high is not None and low > high:
        return "implausible"
    first, last = periods
    if first and last and first != last:  # "$50/hr - $9K/mo": bounds not comparable
        return "implausible"
    return "ok"


def _has_marker(match: re.Match[str]) -> bool:
    """Whether a match shows it is money: a currency, a K/M, a period or a separator."""
    groups = (*_CURRENCY_GROUPS, "lo_mult", "hi_mult", "lo_per", "per_slash", "per_word", "per_adverb",
              "per_lpa")
    # A thousands separator shows money too; a decimal comma alone (``3,4``) does not.
    return any(match.group(g) for g in groups) or any(
        number is not None and "," in number and is_grouped(number) for number in match.group("lo", "hi"))


def _from_match(match: re.Match[str], text: str) -> Salary:
    currency, currency_text = _currency(match)
    periods = _periods(match)
    period = periods[1] or periods[0]
    is_estimate = bool(match.group("est_pre") or match.group("est_post"))
    low, high = _bounds(match)
    flag = _flag(match, low, high, periods)
    if flag != "ok":
        low = high = None
    return Salary(text, currency, low, high, period, is_estimate, flag, currency_text)


# --- public --------------------------------------------------------------------------------


def parse_salary(text: str | None) -> Salary:
    """Read a salary printed on its own. Never raises: a problem is a ``flag``.

    >>> parse_salary("USD 120K - 150K")
    Salary(text='USD 120K - 150K', currency='USD', min=120000, max=150000, period=None, \
is_estimate=False, flag='ok', currency_text='USD')
    >>> parse_salary("competitive").flag, parse_salary(None).flag
    ('unparsed', 'missing')
    """
    if text is None or not text.strip():
        return MISSING
    stripped = text.strip()
    if too_long(stripped):  # no salary prints like that: not read (see pipeline.parse.cards.bounds)
        return Salary(stripped, None, None, None, None, False, "unparsed")
    matches = list(SALARY_PATTERN.finditer(stripped))
    if not matches:
        return Salary(stripped, None, None, None, None, False, "unparsed")
    # "Level 3: USD 100K": the money-looking expression wins over a stray number.
    match = next((m for m in matches if _has_marker(m)), matches[0])
    return _from_match(match, stripped)


def find_salary(line: str) -> tuple[Salary, str]:
    """Find the salary inside a badge line; return it and the line without it.

    Unlike :func:`parse_salary`, a bare number is not taken for pay here: the first
    expression showing a currency, a K/M suffix, a period or a thousands separator is.
    The salary's ``text`` is the expression alone, as printed.

    >>> salary, rest = find_salary("Full TimeSenior-level / ExpertUSD 120K - 150K")
    >>> (salary.text, salary.min, salary.max, rest)
    ('USD 120K - 150K', 120000, 150000, 'Full TimeSenior-level / Expert')

    A line longer than any card's (:data:`~pipeline.parse.cards.bounds.MAX_CARD_LINE`) is not
    searched: it holds no salary.
    """
    if too_long(line):
        return MISSING, line
    for match in SALARY_PATTERN.finditer(line):
        if _has_marker(match):
            start, end = match.span()
            rest = f"{line[:start].rstrip()} {line[end:].lstrip()}".strip()
            return _from_match(match, match.group(0).strip()), rest
    return MISSING, line
