"""The salary grammar: one example per branch, the real badge salaries, and properties."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import pipeline.parse.cards.salary
from pipeline.parse.cards.salary import (
    DOLLAR_PREFIXES,
    FLAGS,
    ISO_4217,
    SYMBOLS,
    Salary,
    find_salary,
    parse_salary,
)

Summary = tuple[str | None, int | None, int | None, str | None, bool, str]
Case = tuple[str | None, Summary]


def summary(salary: Salary) -> Summary:
    """(currency, min, max, period, is_estimate, flag): what the tables compare."""
    return salary.currency, salary.min, salary.max, salary.period, salary.is_estimate, salary.flag


# (printed text, (currency, min, max, period, is_estimate, flag))
REAL: list[Case] = [
    ("USD 120K - 150K", ("USD", 120_000, 150_000, None, False, "ok")),
    ("USD 100K - 130K", ("USD", 100_000, 130_000, None, False, "ok")),
    ("USD 85K - 185K", ("USD", 85_000, 185_000, None, False, "ok")),
    ("USD 95K - 192K", ("USD", 95_000, 192_000, None, False, "ok")),
    ("USD 60K - 96K", ("USD", 60_000, 96_000, None, False, "ok")),
    ("USD 75K - 150K", ("USD", 75_000, 150_000, None, False, "ok")),
    ("USD 160K - 180K", ("USD", 160_000, 180_000, None, False, "ok")),
    ("USD 120K - 160K", ("USD", 120_000, 160_000, None, False, "ok")),
    ("USD 100K - 180K", ("USD", 100_000, 180_000, None, False, "ok")),
    ("USD 100K - 120K", ("USD", 100_000, 120_000, None, False, "ok")),
    ("USD 1111111K - 1111111K", ("USD", None, None, None, False, "implausible")),
]

CURRENCIES: list[Case] = [
    ("USD 100K - 130K", ("USD", 100_000, 130_000, None, False, "ok")),  # code before
    ("100K - 130K EUR", ("EUR", 100_000, 130_000, None, False, "ok")),  # code after
    ("100K EUR - 130K EUR", ("EUR", 100_000, 130_000, None, False, "ok")),  # code after each bound
    ("USD 100K - USD 130K", ("USD", 100_000, 130_000, None, False, "ok")),  # code before each bound
    ("USD120K", ("USD", 120_000, 120_000, None, False, "ok")),  # code glued to the amount
    ("90K USD", ("USD", 90_000, 90_000, None, False, "ok")),  # single, code after
    ("XYZ 100K", (None, 100_000, 100_000, None, False, "ok")),  # not ISO 4217: no currency
    ("usd 100k", (None, 100_000, 100_000, None, False, "ok")),  # lower-case codes are words
    ("100K - 130K", (None, 100_000, 130_000, None, False, "ok")),  # nothing printed: no default
    ("$100K - $130K", ("USD", 100_000, 130_000, None, False, "ok")),  # bare $ is USD (documented)
    ("€60K", ("EUR", 60_000, 60_000, None, False, "ok")),
    ("£40,000", ("GBP", 40_000, 40_000, None, False, "ok")),
    ("¥800K", (None, 800_000, 800_000, None, False, "ok")),  # yen or yuan: unknown
    ("₹1,200,000", ("INR", 1_200_000, 1_200_000, None, False, "ok")),
    ("₩50,000,000", ("KRW", 50_000_000, 50_000_000, None, False, "ok")),  # judged in USD at build
    ("JP¥800K", ("JPY", 800_000, 800_000, None, False, "ok")),
    ("CN¥300K", ("CNY", 300_000, 300_000, None, False, "ok")),
    ("US$90K", ("USD", 90_000, 90_000, None, False, "ok")),
    ("C$90K", ("CAD", 90_000, 90_000, None, False, "ok")),
    ("CA$ 90K", ("CAD", 90_000, 90_000, None, False, "ok")),
    ("A$90K", ("AUD", 90_000, 90_000, None, False, "ok")),
    ("AU$90K", ("AUD", 90_000, 90_000, None, False, "ok")),
    ("NZ$90K", ("NZD", 90_000, 90_000, None, False, "ok")),
    ("HK$900K", ("HKD", 900_000, 900_000, None, False, "ok")),
    ("S$90K", ("SGD", 90_000, 90_000, None, False, "ok")),
    ("SG$90K", ("SGD", 90_000, 90_000, None, False, "ok")),
    ("MX$900K", ("MXN", 900_000, 900_000, None, False, "ok")),
    ("R$90K", ("BRL", 90_000, 90_000, None, False, "ok")),
    ("$100K - €130K", (None, 100_000, 130_000, None, False, "ok")),  # conflicting marks: unknown
    ("$100K USD", ("USD", 100_000, 100_000, None, False, "ok")),  # agreeing marks
]

AMOUNTS: list[Case] = [
    ("120K", (None, 120_000, 120_000, None, False, "ok")),  # K
    ("120k", (None, 120_000, 120_000, None, False, "ok")),  # k
    ("1.5M", (None, 1_500_000, 1_500_000, None, False, "ok")),  # M with a decimal
    ("1.2m", (None, 1_200_000, 1_200_000, None, False, "ok")),  # m
    ("92.5K", (None, 92_500, 92_500, None, False, "ok")),  # decimal K
    ("120,000", (None, 120_000, 120_000, None, False, "ok")),  # thousands separator
    ("$1,250,000", ("USD", 1_250_000, 1_250_000, None, False, "ok")),  # several separators
    ("₹12,00,000", ("INR", 1_200_000, 1_200_000, None, False, "ok")),  # Indian grouping
    ("120000", (None, 120_000, 120_000, None, False, "ok")),  # plain digits
    ("120-150K", (None, 120_000, 150_000, None, False, "ok")),  # shared suffix back-filled
    ("1.5-2M", (None, 1_500_000, 2_000_000, None, False, "ok")),  # shared M back-filled
    ("120,000 - 150K", (None, 120_000, 150_000, None, False, "ok")),  # separator: no back-fill
    ("120K-150K", (None, 120_000, 150_000, None, False, "ok")),  # hyphen, no spaces
    ("120K – 150K", (None, 120_000, 150_000, None, False, "ok")),  # en dash
    ("120K—150K", (None, 120_000, 150_000, None, False, "ok")),  # em dash
    ("120K to 150K", (None, 120_000, 150_000, None, False, "ok")),  # "to"
    ("USD 90K", ("USD", 90_000, 90_000, None, False, "ok")),  # single value
    ("120K+", (None, 120_000, None, None, False, "ok")),  # open range
    ("USD 120K+", ("USD", 120_000, None, None, False, "ok")),  # open range with a code
    ("up to $150K", ("USD", None, 150_000, None, False, "ok")),  # maximum only
    ("$17.50/hr", ("USD", 18, 18, "hour", False, "ok")),  # whole units, half up
    ("Salary: USD 100K", ("USD", 100_000, 100_000, None, False, "ok")),  # words around
    ("Level 3: USD 100K", ("USD", 100_000, 100_000, None, False, "ok")),  # money beats a stray number
]

PERIODS: list[Case] = [
    ("$120K/yr", ("USD", 120_000, 120_000, "year", False, "ok")),
    ("$120K / year", ("USD", 120_000, 120_000, "year", False, "ok")),
    ("$120K per year", ("USD", 120_000, 120_000, "year", False, "ok")),
    ("$120K a year", ("USD", 120_000, 120_000, "year", False, "ok")),
    ("$120K annually", ("USD", 120_000, 120_000, "year", False, "ok")),
    ("$120K yearly", ("USD", 120_000, 120_000, "year", False, "ok")),
    ("£40K p.a.", ("GBP", 40_000, 40_000, "year", False, "ok")),
    ("£40K per annum", ("GBP", 40_000, 40_000, "year", False, "ok")),
    ("$50/hr", ("USD", 50, 50, "hour", False, "ok")),
    ("$50/hour", ("USD", 50, 50, "hour", False, "ok")),
    ("$50 per hour", ("USD", 50, 50, "hour", False, "ok")),
    ("$50 an hour", ("USD", 50, 50, "hour", False, "ok")),
    ("$40 - $60 hourly", ("USD", 40, 60, "hour", False, "ok")),
    ("€5K/mo", ("EUR", 5_000, 5_000, "month", False, "ok")),
    ("€5,000/month", ("EUR", 5_000, 5_000, "month", False, "ok")),
    ("€5,000 per month", ("EUR", 5_000, 5_000, "month", False, "ok")),
    ("€5,000 monthly", ("EUR", 5_000, 5_000, "month", False, "ok")),
    ("$2K/wk", ("USD", 2_000, 2_000, "week", False, "ok")),
    ("$2K/week", ("USD", 2_000, 2_000, "week", False, "ok")),
    ("$2K per week", ("USD", 2_000, 2_000, "week", False, "ok")),
    ("$2K weekly", ("USD", 2_000, 2_000, "week", False, "ok")),
    ("$500/day", ("USD", 500, 500, "day", False, "ok")),
    ("$500 per day", ("USD", 500, 500, "day", False, "ok")),
    ("$500 daily", ("USD", 500, 500, "day", False, "ok")),
    ("60K–96K USD/yr", ("USD", 60_000, 96_000, "year", False, "ok")),  # code then period
    ("USD 100K - 130K PER YEAR", ("USD", 100_000, 130_000, "year", False, "ok")),  # any case
]

ESTIMATES: list[Case] = [
    ("USD 100K - 130K (estimate)", ("USD", 100_000, 130_000, None, True, "ok")),
    ("USD 100K - 130K (est.)", ("USD", 100_000, 130_000, None, True, "ok")),
    ("USD 100K - 130K est.", ("USD", 100_000, 130_000, None, True, "ok")),
    ("USD 120K-150K per year (estimated)", ("USD", 120_000, 150_000, "year", True, "ok")),
    ("est. $100K", ("USD", 100_000, 100_000, None, True, "ok")),
    ("Estimated: $100K", ("USD", 100_000, 100_000, None, True, "ok")),
    ("Interest 100K", (None, 100_000, 100_000, None, False, "ok")),  # "est" inside a word
]

FLAG_CASES: list[Case] = [
    (None, (None, None, None, None, False, "missing")),
    ("", (None, None, None, None, False, "missing")),
    ("   ", (None, None, None, None, False, "missing")),
    ("Competitive", (None, None, None, None, False, "unparsed")),
    ("USD", (None, None, None, None, False, "unparsed")),  # a currency alone is no amount
    ("1234567890123", (None, None, None, None, False, "unparsed")),  # 13 digits: an id
    ("USD 150K - 120K", ("USD", None, None, None, False, "implausible")),  # min > max
    ("USD 120 - 150", ("USD", 120, 150, None, False, "ok")),  # too small: judged in USD at build
    ("$0.40/hr", ("USD", 0, 0, "hour", False, "ok")),  # rounds to 0; judged in USD at build
    ("USD 6M", ("USD", 6_000_000, 6_000_000, None, False, "ok")),  # too large: judged in USD at build
    ("$3,000/hr", ("USD", 3_000, 3_000, "hour", False, "ok")),
    ("$50K/mo", ("USD", 50_000, 50_000, "month", False, "ok")),  # 600K annualized
    ("$500K/mo", ("USD", 500_000, 500_000, "month", False, "ok")),
    ("$25K/day", ("USD", 25_000, 25_000, "day", False, "ok")),
    ("$100K/wk", ("USD", 100_000, 100_000, "week", False, "ok")),
    ("99999", (None, None, None, None, False, "implausible")),  # repeated-digit placeholder
    ("$11,111", ("USD", None, None, None, False, "implausible")),  # separators do not hide it
    ("$1111K", ("USD", 1_111_000, 1_111_000, None, False, "ok")),  # four digits: not a placeholder
    ("JPY 8,000,000 a year", ("JPY", 8_000_000, 8_000_000, "year", False, "ok")),  # ordinary yen pay
    ("500-1.2M", (None, None, None, None, False, "implausible")),  # back-filled 500M > 1.2M
]

# Forms printed outside the US: continental thousands, a period on each bound, lakhs and crores.
WORLD: list[Case] = [
    ("120 000 €", ("EUR", 120_000, 120_000, None, False, "ok")),  # space as thousands separator
    ("120\u00a0000\u00a0€", ("EUR", 120_000, 120_000, None, False, "ok")),  # no-break spaces
    ("120\u202f000 €", ("EUR", 120_000, 120_000, None, False, "ok")),  # narrow no-break space (French)
    ("€120.000", ("EUR", 120_000, 120_000, None, False, "ok")),  # dot as thousands separator
    ("60.000 - 80.000 € im Jahr", ("EUR", 60_000, 80_000, "year", False, "ok")),  # "im Jahr": in the year
    ("1.250.000 kr", (None, 1_250_000, 1_250_000, None, False, "ok")),  # several dots; kr: four crowns
    ("45.000 kr - 50.000 kr", (None, 45_000, 50_000, None, False, "ok")),
    ("Bankr 100K", (None, 100_000, 100_000, None, False, "ok")),  # kr only as a word

    ("€4.500,50/month", ("EUR", 4_501, 4_501, "month", False, "ok")),  # decimal comma, half up
    ("45 000 - 55 000 EUR", ("EUR", 45_000, 55_000, None, False, "ok")),
    ("€92.500K", ("EUR", 92_500, 92_500, None, False, "ok")),  # before a K the dot is a decimal
    ("€120.000 - 150K", ("EUR", 120_000, 150_000, None, False, "ok")),  # grouped: no back-fill
    ("$100K/yr - $130K/yr", ("USD", 100_000, 130_000, "year", False, "ok")),  # period on each bound
    ("$100K/yr - $130K", ("USD", 100_000, 130_000, "year", False, "ok")),  # on the first only
    ("$50/hr - $9K/mo", ("USD", None, None, "month", False, "implausible")),  # bounds not comparable
    ("₹12 LPA", ("INR", 1_200_000, 1_200_000, "year", False, "ok")),  # lakhs per annum
    ("₹12-18 LPA", ("INR", 1_200_000, 1_800_000, "year", False, "ok")),  # suffix shared
    ("INR 15 lakhs per annum", ("INR", 1_500_000, 1_500_000, "year", False, "ok")),
    ("₹8 Lakh - ₹10 Lakh", ("INR", 800_000, 1_000_000, None, False, "ok")),
    ("₹1.2 Cr", ("INR", 12_000_000, 12_000_000, None, False, "ok")),  # crore
    ("₹2 crores a year", ("INR", 20_000_000, 20_000_000, "year", False, "ok")),
    ("120,50 €", ("EUR", 121, 121, None, False, "ok")),  # a decimal comma, half up
    ("€1,5M", ("EUR", 1_500_000, 1_500_000, None, False, "ok")),  # before an M too
    ("17,50 €/h", ("EUR", 18, 18, "hour", False, "ok")),
    ("€ 45.000 – 55.000 pro Jahr", ("EUR", 45_000, 55_000, "year", False, "ok")),  # other languages
    ("3.500 € pro Monat", ("EUR", 3_500, 3_500, "month", False, "ok")),
    ("25 €/Std.", ("EUR", 25, 25, "hour", False, "ok")),
    ("45 000 € par an", ("EUR", 45_000, 45_000, "year", False, "ok")),
    ("3 000 €/mois", ("EUR", 3_000, 3_000, "month", False, "ok")),
    ("30.000 € al año", ("EUR", 30_000, 30_000, "year", False, "ok")),
    ("20 € por hora", ("EUR", 20, 20, "hour", False, "ok")),
    ("60.000 € jährlich", ("EUR", 60_000, 60_000, "year", False, "ok")),
]

# A range in words, "gross"/"net" before the period, the French and Spanish period adjectives,
# and a K set apart from its number before the sign.
WORDS: list[Case] = [
    ("45.000 – 55.000 € brutto im Jahr", ("EUR", 45_000, 55_000, "year", False, "ok")),
    ("€ 4.000 brutto pro Monat", ("EUR", 4_000, 4_000, "month", False, "ok")),
    ("45.000 € brutto/Jahr", ("EUR", 45_000, 45_000, "year", False, "ok")),
    ("40.000 € netto im Jahr", ("EUR", 40_000, 40_000, "year", False, "ok")),
    ("$120K gross per year", ("USD", 120_000, 120_000, "year", False, "ok")),
    ("45 000 € brut par an", ("EUR", 45_000, 45_000, "year", False, "ok")),
    ("45 k€ brut annuel", ("EUR", 45_000, 45_000, "year", False, "ok")),
    ("50-60 k€ par an", ("EUR", 50_000, 60_000, "year", False, "ok")),
    ("1,5 M€", ("EUR", 1_500_000, 1_500_000, None, False, "ok")),
    ("2 500 € mensuel", ("EUR", 2_500, 2_500, "month", False, "ok")),
    ("48.000 € bruto anual", ("EUR", 48_000, 48_000, "year", False, "ok")),
    ("30.000 € brutos anuales", ("EUR", 30_000, 30_000, "year", False, "ok")),
    ("€ 55.000 brutto", ("EUR", 55_000, 55_000, None, False, "ok")),  # no period: the word stays out
    ("45.000 bis 55.000 €", ("EUR", 45_000, 55_000, None, False, "ok")),
    ("45.000 € bis 55.000 €", ("EUR", 45_000, 55_000, None, False, "ok")),
    ("de 45 000 à 55 000 € par an", ("EUR", 45_000, 55_000, "year", False, "ok")),
    ("30.000 a 40.000 € al año", ("EUR", 30_000, 40_000, "year", False, "ok")),
    ("entre 30.000 y 40.000 €", ("EUR", 30_000, 40_000, None, False, "ok")),
    ("zwischen 45.000 und 55.000 € brutto im Jahr", ("EUR", 45_000, 55_000, "year", False, "ok")),
    ("between $100K and $120K", ("USD", 100_000, 120_000, None, False, "ok")),
    ("USD 100K and 401k", ("USD", 100_000, 100_000, None, False, "ok")),  # "and" without "between"
    ("$120K a year", ("USD", 120_000, 120_000, "year", False, "ok")),  # "a" before no number
    ("45–55 Tsd. € im Jahr", ("EUR", 45_000, 55_000, "year", False, "ok")),  # German "thousand"
    ("60 TEUR p.a.", ("EUR", 60_000, 60_000, "year", False, "ok")),  # German "thousand euro"
    ("55-70 TEUR brutto p.a.", ("EUR", 55_000, 70_000, "year", False, "ok")),
    ("65 T€ im Jahr", ("EUR", 65_000, 65_000, "year", False, "ok")),
    ("60 TEURO", (None, 60, 60, None, False, "ok")),  # no code right after the T: no thousand
    ("1,2 Mio. €", ("EUR", 1_200_000, 1_200_000, None, False, "ok")),  # German "million"
    ("Tsd. Mitarbeiter", (None, None, None, None, False, "unparsed")),  # no number: no salary
    # Italian, Portuguese, Dutch
    ("€ 45.000 all'anno", ("EUR", 45_000, 45_000, "year", False, "ok")),
    ("30.000 € all’anno", ("EUR", 30_000, 30_000, "year", False, "ok")),
    ("45.000 € lordi annui", ("EUR", 45_000, 45_000, "year", False, "ok")),
    ("€ 3.000 al mese", ("EUR", 3_000, 3_000, "month", False, "ok")),
    ("R$ 8.000 por mês", ("BRL", 8_000, 8_000, "month", False, "ok")),
    ("R$ 96.000 ao ano", ("BRL", 96_000, 96_000, "year", False, "ok")),
    ("R$ 8 mil por mês", ("BRL", 8_000, 8_000, "month", False, "ok")),
    ("€ 4.000 per maand", ("EUR", 4_000, 4_000, "month", False, "ok")),
    ("€ 55.000 bruto per jaar", ("EUR", 55_000, 55_000, "year", False, "ok")),
    ("€ 60.000 jaarlijks", ("EUR", 60_000, 60_000, "year", False, "ok")),
    ("€ 25 per uur", ("EUR", 25, 25, "hour", False, "ok")),
    ("€ 40/uur", ("EUR", 40, 40, "hour", False, "ok")),
    # spellings the pattern read but the period table lacked (the period was lost)
    ("$120K annual", ("USD", 120_000, 120_000, "year", False, "ok")),
    ("45.000 € annuelles", ("EUR", 45_000, 45_000, "year", False, "ok")),
    ("2.000 € mensuelles", ("EUR", 2_000, 2_000, "month", False, "ok")),
]

@pytest.mark.parametrize(
    ("text", "expected"), REAL + CURRENCIES + AMOUNTS + PERIODS + ESTIMATES + FLAG_CASES + WORLD + WORDS
)
def test_parse_salary(text: str | None, expected: Summary) -> None:
    assert summary(parse_salary(text)) == expected



@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("  USD 120K - 150K ", "USD 120K - 150K"),
        ("Salary: USD 100K", "Salary: USD 100K"),
        ("Competitive", "Competitive"),
        ("USD 1111111K - 1111111K", "USD 1111111K - 1111111K"),
        (None, None),
    ],
)
def test_text_is_kept_as_printed(text: str | None, kept: str | None) -> None:
    assert parse_salary(text).text == kept


def test_implausible_keeps_text_and_currency() -> None:
    salary = parse_salary("USD 2222222K - 2222222K")
    assert (salary.text, salary.currency, salary.currency_text) == ("USD 2222222K - 2222222K", "USD", "USD")


# (badge line, salary text found, line without it, (currency, min, max, period, is_estimate, flag))
FIND = [
    ("Full Time Senior-level / Expert USD 125K - 155K", "USD 125K - 155K", "Full Time Senior-level / Expert",
     ("USD", 125_000, 155_000, None, False, "ok")),
    ("Full Time Mid-level / Intermediate USD 105K - 135K", "USD 105K - 135K",
     "Full Time Mid-level / Intermediate", ("USD", 105_000, 135_000, None, False, "ok")),
    ("Full Time Internship Entry-level / Junior USD 88K - 180K", "USD 88K - 180K",
     "Full Time Internship Entry-level / Junior", ("USD", 88_000, 180_000, None, False, "ok")),
    ("Internship Entry-level / Junior USD 62K - 94K", "USD 62K - 94K", "Internship Entry-level / Junior",
     ("USD", 62_000, 94_000, None, False, "ok")),
    ("Full Time Senior-level / Expert USD 2222222K - 2222222K", "USD 2222222K - 2222222K",
     "Full Time Senior-level / Expert", ("USD", None, None, None, False, "implausible")),
    ("Full TimeSenior-level / ExpertUSD 125K - 155K", "USD 125K - 155K", "Full TimeSenior-level / Expert",
     ("USD", 125_000, 155_000, None, False, "ok")),
    ("USD 90K Full Time", "USD 90K", "Full Time", ("USD", 90_000, 90_000, None, False, "ok")),
    ("$90KFull Time", "$90K", "Full Time", ("USD", 90_000, 90_000, None, False, "ok")),
    ("Contract $50/hr (estimate) Remote", "$50/hr (estimate)", "Contract Remote",
     ("USD", 50, 50, "hour", True, "ok")),
    ("Full Time Senior-level / Expert", None, "Full Time Senior-level / Expert",
     (None, None, None, None, False, "missing")),
    ("Class of 2024 Full Time", None, "Class of 2024 Full Time",  # a bare number is not pay here
     (None, None, None, None, False, "missing")),
    ("Version 3,4 Full Time", None, "Version 3,4 Full Time",  # nor a decimal comma alone
     (None, None, None, None, False, "missing")),
    ("Full Time 45.000 € Senior", "45.000 €", "Full Time Senior", ("EUR", 45_000, 45_000, None, False, "ok")),
]


@pytest.mark.parametrize(("line", "text", "rest", "expected"), FIND)
def test_find_salary(line: str, text: str | None, rest: str, expected: Summary) -> None:
    salary, remainder = find_salary(line)
    assert (salary.text, remainder, summary(salary)) == (text, rest, expected)


def test_vocabulary_is_consistent() -> None:
    assert {"USD", "EUR", "GBP", "INR", "JPY", "CNY", "CAD", "AUD"} <= ISO_4217
    assert all(len(code) == 3 and code.isupper() for code in ISO_4217)
    assert "XXX" not in ISO_4217 and "XTS" not in ISO_4217  # "no currency" and test codes
    resolved = {*DOLLAR_PREFIXES.values(), *SYMBOLS.values()} - {None}
    assert resolved <= ISO_4217


def test_doctests() -> None:
    result = doctest.testmod(pipeline.parse.cards.salary)
    assert result.attempted > 0 and result.failed == 0


# --- properties ----------------------------------------------------------------------------

SALARYISH = st.text(alphabet="0123456789,.-–— +/()$€£¥₹KkMmUSDEURCAJPYestimaperyhourwkdnl:", max_size=40)
# Pieces of the grammar glued in any order: most draws read as some salary, many as odd ones.
FRAGMENTS = ["USD", "EUR", "XYZ", " ", "$", "€", "¥", "CA$", "1", "2", "5", "0", "000", ",", ".", "K", "k",
             "M", "-", " - ", "–", " to ", "+", "/hr", "/mo", " per year", " daily", " (est.)", "up to "]
SALARY_LIKE = st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join)


@given(st.one_of(st.none(), st.text(), SALARYISH, SALARY_LIKE))
def test_parse_salary_never_raises(text: str | None) -> None:
    salary = parse_salary(text)
    assert salary.flag in FLAGS
    assert (salary.flag == "missing") == (salary.text is None)
    if salary.flag != "ok":
        assert salary.min is None and salary.max is None


@given(st.one_of(SALARYISH, SALARY_LIKE))
def test_ok_salaries_are_ordered_and_plausible(text: str) -> None:
    salary = parse_salary(text)
    if salary.flag != "ok":
        return
    if salary.min is not None and salary.max is not None:
        assert salary.min <= salary.max
    assert salary.currency is None or salary.currency in ISO_4217
    for amount in (salary.min, salary.max):
        assert amount is None or amount >= 0  # the range is judged in USD (pipeline.normalize.money)


@given(
    st.sampled_from(sorted(ISO_4217)),
    st.integers(1, 5_000),
    st.integers(0, 5_000),
    st.sampled_from(["K", "k"]),
)
def test_round_trip_k(currency: str, lo: int, extra: int, suffix: str) -> None:
    hi = min(lo + extra, 5_000)
    salary = parse_salary(f"{currency} {lo}{suffix} - {hi}{suffix}")
    assert summary(salary) == (currency, lo * 1_000, hi * 1_000, None, False, "ok")


@given(st.sampled_from(sorted(ISO_4217)), st.integers(1, 5), st.integers(0, 4), st.sampled_from(["M", "m"]))
def test_round_trip_m(currency: str, lo: int, extra: int, suffix: str) -> None:
    hi = min(lo + extra, 5)
    salary = parse_salary(f"{currency} {lo}{suffix} - {hi}{suffix}")
    assert summary(salary) == (currency, lo * 1_000_000, hi * 1_000_000, None, False, "ok")


@given(st.sampled_from(sorted(set(DOLLAR_PREFIXES) | {k for k, v in SYMBOLS.items() if v})),
       st.integers(1_000, 5_000_000), st.integers(0, 1_000_000))
def test_round_trip_symbols_with_separators(mark: str, lo: int, extra: int) -> None:
    hi = min(lo + extra, 5_000_000)
    assume(len(set(str(lo))) > 1 and len(set(str(hi))) > 1)  # not placeholders
    salary = parse_salary(f"{mark}{lo:,} - {mark}{hi:,}")
    expected = DOLLAR_PREFIXES.get(mark) or SYMBOLS[mark]
    assert summary(salary) == (expected, lo, hi, None, False, "ok")


@given(st.sampled_from([".", " ", "\u00a0", "\u202f"]), st.sampled_from(["€", "EUR", "CHF", "kr"]),
       st.booleans(), st.tuples(st.integers(1_000, 5_000_000), st.integers(0, 1_000_000), st.integers(0, 99)))
def test_round_trip_continental_grouping(
    sep: str, mark: str, before: bool, amounts: tuple[int, int, int]
) -> None:
    """Thousands grouped with dots or spaces, a decimal comma, the mark on either side."""
    lo, extra, cents = amounts
    hi = min(lo + extra, 5_000_000)
    assume(len(set(str(lo))) > 1 and len(set(str(hi))) > 1)  # not placeholders

    def printed(amount: int, with_cents: bool) -> str:
        number = f"{amount:,}".replace(",", sep) + (f",{cents:02d}" if with_cents else "")
        return f"{mark} {number}" if before else f"{number} {mark}"

    salary = parse_salary(f"{printed(lo, False)} - {printed(hi, True)}")
    high = hi + (1 if cents >= 50 else 0)  # whole units, half up
    assert (salary.min, salary.max, salary.flag) == (lo, high, "ok")
    assert salary.currency == {"€": "EUR", "EUR": "EUR", "CHF": "CHF", "kr": None}[mark]


@given(st.text(max_size=30), st.one_of(SALARYISH, SALARY_LIKE), st.text(max_size=30))
def test_find_salary_agrees_with_parse_salary(before: str, middle: str, after: str) -> None:
    line = before + middle + after
    salary, rest = find_salary(line)
    if salary.text is None:
        assert rest == line
    else:
        assert salary.text in line
        assert summary(parse_salary(salary.text)) == summary(salary)
