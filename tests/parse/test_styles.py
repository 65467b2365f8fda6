"""Every attribution style the site uses, on short articles written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import ParseError
from pipeline.parse.article import parse_blocks
from pipeline.structure.blocks import Block, BlockKind, heading, item, paragraph

HEAD = [
    heading("Data Engineer vs. MLOps Engineer"),
    heading("Data Engineer vs MLOps Engineer: How They Differ"),
    paragraph("3 min read · May 1, 2024"),
    heading("Table of contents"),
    paragraph("Two jobs keep data products alive; this piece compares them."),
]


def rows(blocks: list[Block]) -> list[tuple[str, str | None, str]]:
    parsed = parse_blocks(blocks)
    return [(s.section, s.side, s.text) for s in parsed.body.segments]


def test_role_subheadings() -> None:
    blocks = [
        *HEAD,
        heading("Responsibilities"),
        heading("Data Engineer"),
        item("Builds ingestion jobs."),
        item("Models tables."),
        heading("MLOps Engineer"),
        item("Automates model releases."),
    ]
    assert rows(blocks) == [
        ("responsibilities", "a", "Builds ingestion jobs.\nModels tables."),
        ("responsibilities", "b", "Automates model releases."),
    ]


def test_role_qualified_headings_with_colon() -> None:
    blocks = [
        *HEAD,
        heading("Responsibilities"),
        heading("Data Engineer Responsibilities:"),
        item("Builds ingestion jobs."),
        heading("MLOps Engineers Skills"),
        item("Knows container tooling."),
    ]
    parsed = parse_blocks(blocks)
    got = [(s.section, s.side, s.heading) for s in parsed.body.segments]
    assert got == [
        ("responsibilities", "a", "Data Engineer Responsibilities:"),
        ("required_skills", "b", "MLOps Engineers Skills"),
    ]


def test_labelled_paragraphs_drop_the_label() -> None:
    blocks = [
        *HEAD,
        heading("Definitions"),
        paragraph("Data Engineer: A Data Engineer builds pipelines."),
        paragraph("MLOps Engineer: An MLOps Engineer runs models in production."),
    ]
    assert rows(blocks) == [
        ("definitions", "a", "A Data Engineer builds pipelines."),
        ("definitions", "b", "An MLOps Engineer runs models in production."),
    ]


def test_prose_lead_in_gives_bullets_their_role() -> None:
    blocks = [
        *HEAD,
        heading("Responsibilities"),
        paragraph("Week to week, a Data Engineer mostly handles:"),
        item("Designing schemas"),
        paragraph("Week to week, an MLOps Engineer mostly handles:"),
        item("Monitoring drift"),
    ]
    assert rows(blocks) == [
        ("responsibilities", "a", "Week to week, a Data Engineer mostly handles:\nDesigning schemas"),
        ("responsibilities", "b", "Week to week, an MLOps Engineer mostly handles:\nMonitoring drift"),
    ]


def test_grouped_by_role() -> None:
    blocks = [
        *HEAD,
        heading("Data Engineer"),
        heading("Definition"),
        paragraph("Data Engineers move data around."),
        heading("Responsibilities"),
        item("Owns pipelines"),
        heading("MLOps Engineer"),
        heading("Definition"),
        paragraph("This role keeps models running."),
        heading("Responsibilities"),
        item("Owns deployments"),
        heading("Career Outlook"),
        paragraph("Demand for data engineers and MLOps engineers grows."),
    ]
    assert [(s, side) for s, side, _ in rows(blocks)] == [
        ("definitions", "a"),
        ("responsibilities", "a"),
        ("definitions", "b"),
        ("responsibilities", "b"),
        ("outlook", "both"),
    ]


def test_unknown_heading_is_other_and_kept() -> None:
    blocks = [
        *HEAD,
        heading("Definitions"),
        paragraph("Both roles are busy."),
        heading("A Day in the Life"),
        paragraph("Mornings start with stand-ups."),
    ]
    assert rows(blocks)[-1] == ("other", "both", "Mornings start with stand-ups.")


def test_numbered_tips_then_conclusion_and_tail() -> None:
    blocks = [
        *HEAD,
        heading("Practical Tips for Getting Started"),
        item("Learn SQL: Start with joins.", "1."),
        item("Ship Something: Publish a project.", "2."),
        paragraph("Whichever path you pick, both careers reward curiosity."),
        paragraph("Featured Job 👀"),
        heading("Data Platform Engineer"),
        paragraph("@ Example Corp | Berlin, Germany"),
        heading("Full Time Senior-level / Expert EUR 70K - 90K"),
        heading("Salary Insights"),
        paragraph("View salary info for Data Engineer (global) Details"),
        heading("Related articles"),
        heading("Something Else vs. Another Thing"),
    ]
    parsed = parse_blocks(blocks)
    assert [(s.section, s.side) for s in parsed.body.segments] == [("tips", "both"), ("conclusion", "both")]
    assert [t for _, t in parsed.body.items] == [
        "Learn SQL: Start with joins.",
        "Ship Something: Publish a project.",
    ]
    assert [c.title for c in parsed.tail.cards] == ["Data Platform Engineer"]
    assert parsed.tail.salary_links == [("Data Engineer", "global")]
    assert not parsed.truncated


def test_truncated_capture_keeps_what_is_there() -> None:
    blocks = [*HEAD, heading("Definitions"), paragraph("Data Engineer: A Data Engineer builds pipe")]
    parsed = parse_blocks(blocks)
    assert parsed.truncated
    assert parsed.body.segments[0].text == "A Data Engineer builds pipe"


def test_not_an_article() -> None:
    with pytest.raises(ParseError) as error:
        parse_blocks([heading("Page not found"), paragraph("Sorry, nothing here.")])
    assert error.value.reason == "not_an_article"
    with pytest.raises(ParseError):
        parse_blocks([heading("Lakers vs. Celtics"), paragraph("A fine game last night.")])


_block = st.builds(
    Block,
    st.sampled_from(list(BlockKind)),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).map(
        lambda s: " ".join(s.split()) or "x"
    ),
    st.integers(0, 3),
    st.sampled_from([None, "•", "1."]),
)


@settings(max_examples=200)
@given(st.lists(_block, max_size=25))
def test_parser_never_raises_unexpectedly(blocks: list[Block]) -> None:
    try:
        parsed = parse_blocks(HEAD + blocks)
    except ParseError:
        return
    for seg in parsed.body.segments:
        assert seg.side in ("a", "b", "both", None)
