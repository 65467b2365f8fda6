"""Titles, read-time lines, dates and subtitles."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.parse.header import clean_subtitle, parse_date, parse_header, parse_meta, parse_title
from pipeline.structure.blocks import heading, paragraph


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        (
            "AI Architect vs. Machine Learning Research Engineer",
            ("AI Architect", "Machine Learning Research Engineer"),
        ),
        ("Data Analyst vs Data Engineer", ("Data Analyst", "Data Engineer")),
        ("NLP Engineer versus Computer Vision Engineer", ("NLP Engineer", "Computer Vision Engineer")),
        ("#**Head of Data Science vs. Data Architect**", ("Head of Data Science", "Data Architect")),
        ("Lakers beat Celtics", None),
        ("vs. nothing", None),
    ],
)
def test_parse_title(text: str, roles: tuple[str, str] | None) -> None:
    assert parse_title(text) == roles


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Oct. 30, 2024", dt.date(2024, 10, 30)),
        ("Dec. 6, 2023", dt.date(2023, 12, 6)),
        ("Sept. 5, 2023", dt.date(2023, 9, 5)),
        ("May 1, 2024", dt.date(2024, 5, 1)),
        ("June 12, 2024", dt.date(2024, 6, 12)),
        ("March 3 2024", dt.date(2024, 3, 3)),
        ("Feb. 30, 2024", None),
        ("Octember 1, 2024", None),
        ("2024-10-30", None),
    ],
)
def test_parse_date(text: str, date: dt.date | None) -> None:
    assert parse_date(text) == date


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("4 min read · Oct. 30, 2024", (4, dt.date(2024, 10, 30))),
        ("5 min read Β· Dec. 6, 2023", (5, dt.date(2023, 12, 6))),
        ("7 min read ยท Dec. 6, 2023", (7, dt.date(2023, 12, 6))),
        ("3 min read Â· Sept. 5, 2023", (3, dt.date(2023, 9, 5))),
        ("6 min read | May 1, 2024", (6, dt.date(2024, 5, 1))),
        ("6 min read May 1, 2024", (6, dt.date(2024, 5, 1))),
        ("2 min read", (2, None)),
        ("Reading this takes 4 minutes.", None),
    ],
)
def test_parse_meta(line: str, expected: tuple[int, dt.date | None] | None) -> None:
    assert parse_meta(line) == expected


def test_clean_subtitle() -> None:
    assert clean_subtitle("#A vs. B: A **Detailed** Comparison") == "A vs. B: A Detailed Comparison"


def test_header_2024_shape() -> None:
    blocks = [
        heading("Data Engineer vs. Data Analyst"),
        heading("Data Engineer vs Data Analyst: A Detailed Comparison"),
        paragraph("4 min read · Oct. 30, 2024"),
        heading("Data Engineer vs. Data Analyst"),
        heading("Table of contents"),
        paragraph("An opening paragraph that says what the article covers."),
    ]
    header = parse_header(blocks)
    assert header is not None
    assert header.subtitle == "Data Engineer vs Data Analyst: A Detailed Comparison"
    assert header.read_minutes == 4 and header.published == dt.date(2024, 10, 30)
    assert header.body_start == 5


def test_header_without_subtitle_does_not_take_a_section() -> None:
    blocks = [
        heading("Data Analyst vs. Data Engineer"),
        heading("Definitions"),
        paragraph("Data Analyst: reads."),
    ]
    header = parse_header(blocks, lambda b: b.text == "Definitions")
    assert header is not None and header.subtitle is None and header.body_start == 1


@given(st.text(max_size=60))
def test_date_and_meta_never_raise(text: str) -> None:
    parse_date(text)
    parse_meta(text)
    parse_title(text)
