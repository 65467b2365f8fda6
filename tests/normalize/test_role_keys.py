"""Canonical role keys and display names."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.normalize.role_keys import display_name, role_key, singular


@pytest.mark.parametrize(
    ("name", "key"),
    [
        # case, plurals and articles
        ("AI Architects", "ai-architect"),
        ("AI architect", "ai-architect"),
        ("an AI Architect", "ai-architect"),
        ("The AI Architect", "ai-architect"),
        ("  AI   Architect ", "ai-architect"),
        ("Machine Learning Engineers", "machine-learning-engineer"),
        ("Data Scientists", "data-scientist"),
        ("Data Analysts", "data-analyst"),
        # abbreviations are written out, except AI
        ("ML Engineer", "machine-learning-engineer"),
        ("ML Engineers", "machine-learning-engineer"),
        ("BI Analyst", "business-intelligence-analyst"),
        ("Business Intelligence Analyst", "business-intelligence-analyst"),
        ("Business Intelligence (BI) Analyst", "business-intelligence-analyst"),
        ("ML Software Engineer", "machine-learning-software-engineer"),
        ("Machine Learning Software Engineer", "machine-learning-software-engineer"),
        ("Machine Learning (ML) Engineer", "machine-learning-engineer"),
        ("NLP Engineer", "natural-language-processing-engineer"),
        ("Natural Language Processing (NLP) Engineer", "natural-language-processing-engineer"),
        ("MLOps Engineer", "machine-learning-operations-engineer"),
        ("Artificial Intelligence Engineer", "ai-engineer"),
        ("Artificial Intelligence (AI) Engineer", "ai-engineer"),
        ("VPs of Engineering", "vice-president-engineering"),
        # a parenthesised word that is not an acronym of the words before it stays
        ("Engineer (Remote)", "engineer-remote"),
        ("Data Engineer (ETL)", "data-engineer-etl"),
        # fillers of/in/for/the/a/an are dropped everywhere
        ("Managing Director Data Science", "managing-director-data-science"),
        ("Managing Director of Data Science", "managing-director-data-science"),
        ("Managing Directors of Data Science", "managing-director-data-science"),
        ("Head of Data Science", "head-data-science"),
        ("Heads of Data Science", "head-data-science"),
        ("Researcher in AI", "researcher-ai"),
        ("Engineer for the Cloud", "engineer-cloud"),
        # seniority abbreviations, with and without the dot
        ("Sr. Data Scientist", "senior-data-scientist"),
        ("Sr Data Scientist", "senior-data-scientist"),
        ("Senior Data Scientist", "senior-data-scientist"),
        ("Jr. Data Analyst", "junior-data-analyst"),
        ("Jr Data Analyst", "junior-data-analyst"),
        # words that end in s but are not plurals
        ("Business Analyst", "business-analyst"),
        ("Data Analysis Lead", "data-analysis-lead"),
        ("Analytics Engineer", "analytics-engineer"),
        ("DevOps Engineer", "devops-engineer"),
        ("Sales Engineers", "sales-engineer"),
        ("AWS Architect", "aws-architect"),
        ("AI Bias Researcher", "ai-bias-researcher"),
        ("Businesses Analyst", "business-analyst"),
        ("AI Strategies Lead", "ai-strategy-lead"),
        # punctuation, accents, possessives, ampersands
        ("Director's Assistant", "director-assistant"),
        ("Director’s Assistant", "director-assistant"),
        ("Café Analyst", "cafe-analyst"),
        ("R&D Engineer", "r-and-d-engineer"),
        ("Computer-Vision Engineer", "computer-vision-engineer"),
        ("Data/Analytics Engineer", "data-analytics-engineer"),
        ("", ""),
        ("The", ""),
    ],
)
def test_role_key(name: str, key: str) -> None:
    assert role_key(name) == key


@pytest.mark.parametrize(
    "variants",
    [
        ["AI Architects", "AI architect", "an AI Architect", "Artificial Intelligence Architect"],
        ["BI Analyst", "Business Intelligence Analyst", "business intelligence (BI) analysts"],
        ["ML Software Engineer", "Machine Learning Software Engineer", "ML software engineers"],
        ["Managing Director Data Science", "Managing Director of Data Science"],
        ["Sr. ML Engineer", "Sr ML Engineer", "Senior Machine Learning Engineer"],
    ],
)
def test_variants_share_one_key(variants: list[str]) -> None:
    assert len({role_key(v) for v in variants}) == 1


def test_distinct_roles_keep_distinct_keys() -> None:
    names = ["Research Engineer", "Machine Learning Research Engineer", "Data Scientist",
             "Data Science Manager", "AI Engineer", "ML Engineer", "BI Analyst", "Data Analyst"]
    assert len({role_key(n) for n in names}) == len(names)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("scientists", "scientist"), ("heads", "head"), ("strategies", "strategy"),
     ("searches", "search"), ("businesses", "business"), ("business", "business"),
     ("analysis", "analysis"), ("status", "status"), ("analytics", "analytics"),
     ("devops", "devops"), ("aws", "aws"), ("mls", "ml"), ("operations", "operations")],
)
def test_singular(word: str, expected: str) -> None:
    assert singular(word) == expected


_NAMES = st.one_of(
    st.text(max_size=60),
    st.lists(
        st.sampled_from(["AI", "ML", "BI", "NLP", "Sr.", "Jr", "of", "the", "an", "Heads", "Data",
                         "Science", "Scientists", "Artificial", "Intelligence", "(BI)", "(ML)", "(",
                         ")", "&", "Business", "Analytics", "MLs", "thes", "fors", "Engineer's",
                         "Strategies", "boxes", "VPs", "x"]),
        max_size=8,
    ).map(" ".join),
)


@given(_NAMES)
@example("Artificial of Intelligence")
@example("(ML) Engineer")
@example("Machine Learning (ML) (ML)")
@example("⑴ ﬁ İstanbul ß")
def test_role_key_is_a_slug_and_idempotent(name: str) -> None:
    key = role_key(name)
    assert re.fullmatch(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*)?", key)
    assert role_key(key.replace("-", " ")) == key
    assert role_key(key) == key


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12))
def test_singular_is_a_fixed_point(word: str) -> None:
    assert singular(singular(word)) == singular(word)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["AI Architect", "AI Architect", "AI architect"], "AI Architect"),
        # articles and spacing do not split the vote
        (["an AI Architect", "AI  Architect", "the AI Architect", "AI architects", "AI architects"],
         "AI Architect"),
        # a tie goes to the longest form ...
        (["ML Engineer", "Machine Learning Engineer"], "Machine Learning Engineer"),
        (["Machine Learning Engineer", "ML Engineer"], "Machine Learning Engineer"),
        # ... then to code-point order, which puts capitals first
        (["AI architect", "AI Architect"], "AI Architect"),
        (["AI Architect", "AI architect"], "AI Architect"),
        # frequency beats length
        (["ML Engineer", "ML Engineer", "Machine Learning Engineer"], "ML Engineer"),
    ],
)
def test_display_name(names: list[str], expected: str) -> None:
    assert display_name(names) == expected
    assert display_name(iter(names)) == expected


def test_display_name_needs_a_name() -> None:
    with pytest.raises(ValueError, match="at least one"):
        display_name(["", "   "])


@given(st.lists(st.text(max_size=20), max_size=6))
def test_display_name_is_order_independent(names: list[str]) -> None:
    if not any(n.split() for n in names):
        return
    assert display_name(names) == display_name(list(reversed(names)))


@pytest.mark.parametrize(
    ("name", "key"),
    [("Аналитик данных", "analitik-dannykh"), ("ML-инженер", "machine-learning-inzhener"),
     ("数据工程师", "shujugongchengshi"), ("データエンジニア", "detaenjinia"),
     ("데이터 분석가", "deiteo-bunseogga"),
     ("Inżynier danych", "inzynier-danych"), ("Veri Mühendisi", "veri-muhendisi"),
     ("Großhandel Analyst", "grosshandel-analyst"), ("Ingénieur Data", "ingenieur-data")],
)
def test_a_name_in_another_script_gets_an_ascii_role_key(name: str, key: str) -> None:
    """Keys stay slugs of ASCII: another script is transliterated (a name of Cyrillic or CJK
    letters gave a blank key before, which validation refuses), Latin letters are folded as
    they always were."""
    assert role_key(name) == key
