"""Growth figures in outlook text: what counts, and the years, horizon and source around it."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.normalize.outlook import MAX_FIGURES, OutlookStat, outlook_stats, sentence_source

Expected = tuple[float, int | None, int | None, str | None, str | None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # percent, start_year, end_year, horizon, source
        ("Employment of robotics engineers is projected to grow 15 percent from 2019 to 2029.",
         (15.0, 2019, 2029, None, None)),
        ("Vision engineer jobs are projected to grow 22% from 2019 to 2029.",
         (22.0, 2019, 2029, None, None)),
        ("Demand for platform architects is projected to increase by over 30% in the next decade.",
         (30.0, None, None, "next decade", None)),
        ("According to the Bureau of Labor Statistics, employment of statisticians is projected to "
         "grow 36 percent from 2023 to 2033, much faster than the average for all occupations.",
         (36.0, 2023, 2033, None, "Bureau of Labor Statistics")),
        ("Openings for data stewards should grow by 21% between 2021 and 2031.",
         (21.0, 2021, 2031, None, None)),
        ("Recruiters anticipate a 35% increase by 2032.",
         (35.0, None, 2032, "by 2032", None)),
        ("Positions in applied research may rise 11.5 percent over the next ten years.",
         (11.5, None, None, "next ten years", None)),
        ("The World Economic Forum projects 40% growth in specialist roles in the coming years.",
         (40.0, None, None, "coming years", "World Economic Forum")),
        ("According to the U.S. Bureau of Labor Statistics (BLS), jobs will expand 9 per cent "
         "through 2031.",
         (9.0, None, 2031, "through 2031", "Bureau of Labor Statistics")),
        ("Hiring is forecast to jump 18 percent (BLS) over 2022–32.",
         (18.0, 2022, 2032, None, "Bureau of Labor Statistics")),
        ("Industry reports predict steady growth of 12% annually.",
         (12.0, None, None, "annually", "industry reports")),
        ("LinkedIn's 2024 jobs report shows postings surging 74% year-over-year.",
         (74.0, None, None, "year-over-year", "LinkedIn")),
        ("Acme Analytics estimates that such roles will climb 14 percent by the end of the decade.",
         (14.0, None, None, "by the end of the decade", "Acme Analytics")),
        ("Jobs will grow 19% by 2030, according to a recent survey by Example Research.",
         (19.0, None, 2030, "by 2030", "Example Research")),
        ("The sector has seen a 1,200% rise in postings since 2015.",
         (1200.0, None, None, None, None)),
        ("The number of such jobs is projected at 28% over the next five years.",
         (28.0, None, None, "next five years", None)),
        ("The market has a CAGR of 37.3% from 2023 to 2030.",
         (37.3, 2023, 2030, None, None)),
    ],
)
def test_single_figure(text: str, expected: Expected) -> None:
    stats = outlook_stats(text)
    assert [(s.percent, s.start_year, s.end_year, s.horizon, s.source) for s in stats] == [expected]
    assert stats[0].sentence == text
    assert stats[0].percent_max is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Roles like these could grow 20-25% over the coming years.", 20.0, 25.0),
        ("Roles like these could grow 20–25 percent over the coming years.", 20.0, 25.0),
        ("Roles like these could grow 20% to 25% over the coming years.", 20.0, 25.0),
        ("Roles like these could grow between 20 and 25 percent over the coming years.", 20.0, 25.0),
        ("Roles like these could grow 25-20% over the coming years.", 20.0, 25.0),
    ],
)
def test_range_reports_lower_bound_and_max(text: str, low: float, high: float) -> None:
    [stat] = outlook_stats(text)
    assert (stat.percent, stat.percent_max, stat.horizon) == (low, high, "coming years")


@pytest.mark.parametrize(
    "text",
    [
        "Around 90% of companies already use some form of automation.",
        "Engineers spend 50% of their time cleaning data.",
        "Nearly 70 percent of respondents said they plan to hire.",
        "Hiring is growing, and 60% of employers report shortages.",
        "A 20% discount applies to the course.",
        "The role pays 15% more than the median.",
        "Employment is projected to fall 5 percent from 2022 to 2032.",
        "Growth was strong in 2020 and 2021.",
        "Employment is projected to grow much faster than the average for all occupations.",
        "",
    ],
)
def test_not_growth(text: str) -> None:
    assert outlook_stats(text) == []


def test_several_figures_in_order_with_their_own_context() -> None:
    text = (
        "Most data engineering work falls under database architects, whose employment is projected "
        "to grow 8 percent from 2022 to 2032, while many platform positions are counted with "
        "software developers, projected to grow 25 percent over the same period.\n\n"
        "Both roles look healthy. Industry reports predict a 30% increase in the next decade, "
        "although 40% of firms still struggle to hire."
    )
    stats = outlook_stats(text)
    assert [(s.percent, s.start_year, s.end_year, s.horizon) for s in stats] == [
        (8.0, 2022, 2032, None),
        (25.0, 2022, 2032, "same period"),
        (30.0, None, None, "next decade"),
    ]
    assert stats[0].sentence == stats[1].sentence
    assert stats[2].sentence.startswith("Industry reports predict")
    assert stats[2].source == "industry reports"


def test_bullets_are_sentences_of_their_own() -> None:
    text = "Job outlook\nData scientists: growth of 36% from 2023 to 2033\nAnalysts: 23% growth"
    stats = outlook_stats(text)
    assert [(s.percent, s.end_year, s.sentence) for s in stats] == [
        (36.0, 2033, "Data scientists: growth of 36% from 2023 to 2033"),
        (23.0, None, "Analysts: 23% growth"),
    ]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("According to the World Economic Forum, demand will grow.", "World Economic Forum"),
        ("According to data from the WEF, demand will grow.", "World Economic Forum"),
        ("According to a 2023 report by Example Group, demand will grow.", "Example Group"),
        ("The Example Institute predicts more hiring.", "Example Institute"),
        ("The CTO reports to the board.", None),
        ("It predicts more hiring.", None),
        ("Demand will grow.", None),
    ],
)
def test_sentence_source(sentence: str, source: str | None) -> None:
    assert sentence_source(sentence) == source


def test_stat_is_frozen() -> None:
    stat = OutlookStat(1.0, None, None, None, None, "x")
    with pytest.raises(AttributeError):
        stat.percent = 2.0  # type: ignore[misc]


_PIECES = st.sampled_from([
    "grow", "growth", "increase", "by", "over", "15", "2019", "2029", "from", "to", "between", "and",
    "%", " percent", "-", "–", "of", "next", "decade", "by 2030", "According to", "the", "BLS", "(BLS)",
    ",", ".", ";", "\n", " ", "1,200", "11.5", "projects", "jobs", "projected", "20-25%", "a year",
])


@given(st.one_of(st.text(max_size=200), st.lists(_PIECES, max_size=40).map(" ".join)))
@example("grow 99999999999999999999% from 2099 to 00")
@example("grow " + "1" * 500 + "%")
@example("according to " + "x " * 200)
def test_never_raises_and_figures_come_from_their_sentence(text: str) -> None:
    for stat in outlook_stats(text):
        assert stat.sentence in text
        assert stat.percent >= 0
        assert stat.percent_max is None or stat.percent_max >= stat.percent
        if stat.start_year is not None:
            assert stat.end_year is not None and stat.end_year > stat.start_year


def test_many_figures_in_one_long_sentence() -> None:
    # Every figure read gets the one span after it; the work per figure is bounded (this took
    # tens of seconds when each figure rescanned the whole sentence). Only the first
    # MAX_FIGURES are read: each would be a row repeating the whole 64 KB sentence.
    text = "jobs grow 5% from 2019 to 2029, " * 2000
    stats = outlook_stats(text)
    assert len(stats) == MAX_FIGURES
    assert {(s.percent, s.start_year, s.end_year) for s in stats} == {(5.0, 2019, 2029)}


SENTENCES = [
    "Employment is projected to grow 15 percent from 2019 to 2029, according to the BLS.",
    "Kelp grows 5 percent; reef grows 9 percent, and moss grows 2 percent by 2030.",
    "90% of firms agree.",
    "No figure here.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_a_remembered_sentence_gives_its_fresh_figures(sentence: str) -> None:
    from pipeline.normalize.outlook import _sentence_stats

    fresh = _sentence_stats.__wrapped__(sentence)  # type: ignore[attr-defined]
    assert _sentence_stats(sentence) == _sentence_stats(sentence) == fresh
    assert outlook_stats(sentence) == list(fresh)


def test_a_remembered_sentence_is_read_in_every_text_that_holds_it() -> None:
    # The figures depend on the sentence alone; what is around it (the paragraph, the section)
    # cannot change them: the same sentence read inside another text gives the same figures.
    one = SENTENCES[0]
    assert outlook_stats(one) == outlook_stats(f"Intro line.\n{one} 90% of firms agree.")
    assert [s.percent for s in outlook_stats(SENTENCES[1])] == [5.0, 9.0, 2.0]
