"""The printed shapes of a term the matcher must understand, and the senses it must refuse.

Sentences are our own, written in the style of the site's definitions and list items.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.normalize.mentions import MentionFinder, inflections
from pipeline.normalize.phrases import singular
from pipeline.normalize.vocabulary import load_vocabulary, parse_vocabulary
from tests.conftest import SHARED

FINDER = MentionFinder(load_vocabulary())
ROOT = Path(__file__).resolve().parents[2]


def kinds(text: str, section: str | None = "responsibilities") -> list[tuple[str, str]]:
    return [(m.kind, m.name) for m in FINDER.find(text, section=section)]


def names(text: str, section: str | None = "responsibilities") -> list[str]:
    return [m.name for m in FINDER.find(text, section=section)]


@pytest.mark.parametrize(("text", "name"), [
    ("Builds a data pipeline every week.", "Data Pipelines"),
    ("Owns the data pipelines.", "Data Pipelines"),
    ("Runs statistical analyses for the board.", "Statistical Modeling"),
    ("Knows data modelling and data modeling.", "Data Modeling"),
    ("Works on neural network design.", "Neural Networks"),
    ("Creates data visualisations.", "Data Visualization"),
    ("Does fine-tuning, fine tuning and finetuning.", "Fine-Tuning"),
    ("Recognises objects through object‑recognition methods.", "Object Recognition"),
])
def test_plural_inflected_spelling_and_hyphen_variants(text: str, name: str) -> None:
    assert name in names(text)


def test_inflections_of_a_phrase() -> None:
    assert "data pipeline" in inflections("data pipelines")
    assert "statistical analyses" in inflections("statistical analysis")
    assert "data modelling" in inflections("data modeling")
    assert singular("hypotheses") == "hypothesis"
    assert singular("models") == "model"
    assert singular("analysis") == "analysis"


@pytest.mark.parametrize(("text", "expected"), [
    ("Ensure data quality, governance, and access.", ["Data Quality", "Data Governance"]),
    ("Designs convolutional and recurrent neural networks.",
     ["Convolutional Neural Networks", "Recurrent Neural Networks"]),
    ("Uses statistical and computational techniques.", ["Statistical Modeling"]),
    ("Covers data processing and analytics.", ["Data Processing", "Data Analysis"]),
])
def test_coordinated_lists_share_their_head_word(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_a_shared_head_is_not_invented_for_unrelated_items() -> None:
    # "data models" is not what "data and machine learning models" says of data.
    assert names("Both roles work with data and machine learning models.") == ["Machine Learning"]
    # An adjective between the verbs and "data" breaks the verb-object reading.
    assert names("They analyze and interpret complex data.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Oversees the deployment of ML models.", ["Model Deployment", "Machine Learning"]),
    ("Checks the quality of data before each release.", ["Data Quality"]),
    ("Deploying machine learning models to production.", ["Model Deployment", "Machine Learning"]),
    ("Collecting, cleaning, and organizing data from sources.", ["Data Collection", "Data Cleaning"]),
    # the coordinated verbs' -ing forms drop a silent e (storing, securing, improving)
    ("Cleaning and storing data.", ["Data Cleaning"]),
    ("Monitoring, securing and improving models in production.", ["Model Monitoring"]),
    ("Tunes hyperparameters for speed.", ["Hyperparameter Tuning"]),
    ("Design and conduct experiments to test hypotheses.", ["Hypothesis Testing"]),
])
def test_x_of_y_and_verb_object_rewordings(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_a_verb_object_needs_the_head_of_the_phrase() -> None:
    assert "Data Management" not in names("Manage data pipelines and workflows.")
    assert "Project Management" not in names("Managing projects and people.")


def test_abbreviations_in_parentheses_name_the_same_term() -> None:
    assert names("Knows natural language processing (NLP) and Extract, Transform, Load (ETL).") == [
        "Natural Language Processing", "Natural Language Processing", "ETL", "ETL"]


def test_one_kind_per_mention_by_section_and_context() -> None:
    assert kinds("Machine learning and statistics.", "required_skills") == [
        ("skill", "Machine Learning"), ("skill", "Statistics")]
    assert kinds("Machine learning and statistics.", "education") == [
        ("field", "Machine Learning"), ("field", "Statistics")]
    assert kinds("A master's degree in machine learning or physics helps.", "definitions") == [
        ("degree", "Master's"), ("field", "Machine Learning"), ("field", "Physics")]
    assert kinds("Builds robotics software.", "definitions") == [("skill", "Robotics")]
    assert kinds("Robotics and healthcare hire them.", "industries") == [
        ("industry", "Robotics"), ("industry", "Healthcare")]


@pytest.mark.parametrize("text", [
    "Collaborate with IT and business units.",
    "Partner with the IT department on access.",
    "Physics envy is common among analysts.",
])
def test_a_field_of_study_needs_a_degree_context(text: str) -> None:
    assert [k for k, _ in kinds(text)] == []


def test_it_counts_in_a_list_of_degrees() -> None:
    assert ("field", "Information Technology") in kinds("A degree in Computer Science, IT or Physics.")


@pytest.mark.parametrize("text", [
    "R is the letter after Q.",
    "Go to the meeting and report back.",
    "Spark curiosity in the team.",
    "The C-suite reads the report.",
    "Plan of R&D spend for the year.",
    "Improves the algorithm in every sprint.",  # "Go" and "R" inside words
    "Reads Pythonic code; uses a Javascripty style.",
])
def test_common_words_and_words_inside_words_are_not_mentions(text: str) -> None:
    assert [n for n in names(text) if n in ("R", "Go", "Apache Spark", "C", "Python", "JavaScript")] == []


def test_role_names_are_not_mentions() -> None:
    assert names("The Head of Data Science and machine learning engineers meet the AI Architect.") == []


def test_taxonomy_terms_are_found() -> None:
    # Terms that only the taxonomies bring (O*NET, ESCO, Linguist), not the overlay.
    found = names("Uses Informatica, MicroStrategy and Erlang, e.g. Kotlin; knows data mining.", "tools")
    assert {"MicroStrategy", "Erlang", "Kotlin", "Data Mining"} <= set(found)


def test_every_entry_keeps_its_source_ids() -> None:
    vocabulary = load_vocabulary()
    assert all(term.source for term in vocabulary.terms)
    sources = {s.split(":", 1)[0] for term in vocabulary.terms for s in term.source}
    assert {"onet", "esco", "linguist", "devicon", "overlay"} <= sources
    assert len(vocabulary.terms) >= 700


def test_a_second_kind_must_be_field_or_industry() -> None:
    with pytest.raises(Exception, match="second kind"):
        parse_vocabulary("kind,name,aliases,case_sensitive,sections,context\nskill|tool,X,,no,,\n")


def test_the_bundled_table_is_what_the_build_script_gives() -> None:
    if not (SHARED / "reference" / "taxonomies" / "onet").is_dir():
        pytest.skip("the taxonomies are not next to the repository")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_vocabulary.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
