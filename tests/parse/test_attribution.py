"""Role matching and sentence-level attribution."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.parse.attribution import attribute, label_side, sentence_side, split_sentences
from pipeline.parse.roles import RoleMatcher
from pipeline.parse.sections import section_key

M = RoleMatcher("AI Architect", "Machine Learning Software Engineer")


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("AI Architects design systems", ["a"]),
        ("an ai architect", ["a"]),
        ("ML Software Engineers ship models", ["b"]),
        ("the Machine Learning software engineer's job", ["b"]),
        ("Architecture is not a role", []),
        ("AI Architect and Machine Learning Software Engineer", ["a", "b"]),
    ],
)
def test_mentions(text: str, sides: list[str]) -> None:
    assert [m.side for m in M.mentions(text)] == sides


def test_longest_name_wins() -> None:
    matcher = RoleMatcher("Research Engineer", "Machine Learning Research Engineer")
    assert [
        m.side for m in matcher.mentions("A Machine Learning Research Engineer and a Research Engineer")
    ] == ["b", "a"]


def test_aliases_fillers_and_parenthesised_acronyms() -> None:
    matcher = RoleMatcher("BI Analyst", "Managing Director Data Science")
    assert matcher.fullmatch("Business Intelligence (BI) Analyst") == "a"
    assert matcher.fullmatch("Business Intelligence Analysts") == "a"
    assert matcher.fullmatch("The Managing Director of Data Science") == "b"
    assert matcher.fullmatch("Managing Directors of Data Science") == "b"
    assert matcher.prefix_side("Managing Director Dat") == "b"


@pytest.mark.parametrize(
    ("sentence", "side"),
    [
        ("An AI Architect designs systems.", "a"),
        ("On the other hand, a Machine Learning Software Engineer builds models.", "b"),
        ("Both the AI Architect and Machine Learning Software Engineer roles need math.", "both"),
        ("The responsibilities of an AI Architect and Machine Learning Software Engineer differ.", "both"),
        ("An AI Architect works closely with machine learning software engineers.", "a"),
        ("Both roles pay well.", "both"),
        ("They also review designs.", None),
        ("AI Architects plan systems, while Machine Learning Software Engineers build them.", "both"),
        ("While an AI Architect plans, a Machine Learning Software Engineer builds.", "both"),
        ("Unlike AI Architects, Machine Learning Software Engineers write code daily.", "both"),
    ],
)
def test_sentence_side(sentence: str, side: str | None) -> None:
    assert sentence_side(sentence, M) == side


def test_shared_paragraph_is_split_by_subject() -> None:
    text = (
        "AI Architects and Machine Learning Software Engineers both work with models. "
        "An AI Architect plans systems (e.g. cloud stacks). They review designs. "
        "On the other hand, a Machine Learning Software Engineer writes code with AI architects."
    )
    spans = attribute(text, M)
    assert [s.side for s in spans] == ["both", "a", "b"]
    assert spans[1].text == "An AI Architect plans systems (e.g. cloud stacks). They review designs."


def test_label_side() -> None:
    assert label_side("AI Architect: An AI Architect plans.", M) == ("a", "An AI Architect plans.")
    assert label_side("Note: nothing to see.", M) is None
    assert label_side("AI Architect -  An AI Architect plans.", M) is None  # no colon, no label
    assert label_side("AI Architect :\n plans", M) == ("a", "plans")


def test_split_sentences_keeps_abbreviations() -> None:
    assert split_sentences("A Ph.D. helps. The U.S. market grows. Done") == [
        "A Ph.D. helps.",
        "The U.S. market grows.",
        "Done",
    ]


@pytest.mark.parametrize("opening", ["(", "[", '"', "\u201c"])
def test_an_abbreviation_behind_an_opening_bracket_or_quote_ends_no_sentence(opening: str) -> None:
    text = f"Architects pick a cloud {opening}e.g. Azure or GCP) early. Engineers follow."
    assert split_sentences(text) == [f"Architects pick a cloud {opening}e.g. Azure or GCP) early.",
                                     "Engineers follow."]


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Definitions", "definitions"),
        ("Definition", "definitions"),
        ("Responsibilities", "responsibilities"),
        ("Required Skills", "required_skills"),
        ("Educational Backgrounds", "education"),
        ("Education", "education"),
        ("Tools and Software Used", "tools"),
        ("Tools and Technologies", "tools"),
        ("Common Industries", "industries"),
        ("Outlooks", "outlook"),
        ("Career Outlook", "outlook"),
        ("Job Outlook", "outlook"),
        ("Practical Tips for Getting Started", "tips"),
        ("Definitions and Responsibilities", "definitions"),
        ("Required Skills and Educational Backgrounds", "required_skills"),
        ("Conclusion", "conclusion"),
        ("Related articles", None),
        ("Salary Insights", "outlook"),
    ],
)
def test_section_key(heading: str, key: str | None) -> None:
    assert section_key(heading) == key


@given(st.text(max_size=200))
def test_attribution_never_raises_and_keeps_text(text: str) -> None:
    spans = attribute(text, M)
    assert all(s.side in ("a", "b", "both") for s in spans)
    assert " ".join(s.text for s in spans).split() == " ".join(split_sentences(text)).split()


def test_a_sentence_about_one_role_stays_with_it_when_it_names_the_other_as_a_collaborator() -> None:
    matcher = RoleMatcher("Harbour Pilot", "Lighthouse Keeper")
    text = ("A Harbour Pilot boards ships at the sea buoy and steers them in. "
            "They report to the port office. "
            "On the other hand, a Lighthouse Keeper tends the lamp through the night. "
            "They coordinate closely with harbour pilots when fog rolls in. "
            "Lighthouse Keepers also keep the weather log. "
            "Harbour Pilots, meanwhile, rarely see the lamp room.")
    spans = [(span.side, span.text.split(".")[0]) for span in attribute(text, matcher)]
    assert spans == [
        ("a", "A Harbour Pilot boards ships at the sea buoy and steers them in"),
        ("b", "On the other hand, a Lighthouse Keeper tends the lamp through the night"),
        ("a", "Harbour Pilots, meanwhile, rarely see the lamp room"),
    ]
    # working alongside the other role, or for it, does not make a sentence about it
    assert [s.side for s in attribute("A Lighthouse Keeper logs the weather. The log is shared with every "
                                      "Harbour Pilot on duty.", matcher)] == ["b"]
