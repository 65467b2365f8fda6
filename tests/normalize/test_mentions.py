"""Mention finding: example tables, vocabulary integrity, properties, and vocabulary growth.

The example sentences are our own, written in the style of the site's list lines; they
are not copied from any article.
"""

from __future__ import annotations

import gzip
import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize.mentions import ANY_SECTION, Mention, MentionFinder
from pipeline.normalize.unknown_terms import unknown_terms
from pipeline.normalize.vocabulary import (
    COLUMNS,
    STOP_KIND,
    Term,
    Vocabulary,
    VocabularyError,
    load_vocabulary,
    parse_vocabulary,
    surface_key,
)
from pipeline.tables.schema import MENTION_KINDS, SECTION_KEYS
from tests.conftest import SAMPLES

VOCABULARY = load_vocabulary()
FINDER = MentionFinder(VOCABULARY)
BUNDLED_CSV = Path(__file__).resolve().parents[2] / "pipeline" / "data" / "vocabulary.csv"


def found(text: str, section: str | None = None) -> list[tuple[str, str, str]]:
    """(kind, name, surface) of every mention, in order."""
    return [(m.kind, m.name, m.surface) for m in FINDER.find(text, section=section)]


def names(text: str, section: str | None = None) -> list[str]:
    return [m.name for m in FINDER.find(text, section=section)]


# --- example tables: what must be found ---------------------------------------------------------

AWS_ML = "AWS Certified Machine Learning – Specialty"
POSITIVE = [
    ("Hosted on cloud platforms (AWS, Azure, Google Cloud)", None,
     [("cloud", "AWS", "AWS"), ("cloud", "Azure", "Azure"), ("cloud", "Google Cloud", "Google Cloud")]),
    ("Writes code in languages such as Python, R, Java", None,
     [("language", "Python", "Python"), ("language", "R", "R"), ("language", "Java", "Java")]),
    ("Tracks experiments with tools (MLFlow, Weights & Biases)", None,
     [("tool", "MLflow", "MLFlow"), ("tool", "Weights & Biases", "Weights & Biases")]),
    ("Trains models with frameworks like TensorFlow, PyTorch, Scikit-learn", None,
     [("framework", "TensorFlow", "TensorFlow"), ("framework", "PyTorch", "PyTorch"),
      ("library", "scikit-learn", "Scikit-learn")]),
    ("A Ph.D. in a relevant area helps.", None, [("degree", "PhD", "Ph.D.")]),
    ("Bachelor’s or Master’s degree in Computer Science, Mathematics, Statistics", None,
     [("degree", "Bachelor's", "Bachelor’s"), ("degree", "Master's", "Master’s"),
      ("field", "Computer Science", "Computer Science"), ("field", "Mathematics", "Mathematics"),
      ("field", "Statistics", "Statistics")]),
    ("A bachelor's degree, an MSc or a doctorate.", None,
     [("degree", "Bachelor's", "bachelor's"), ("degree", "Master's", "MSc"), ("degree", "PhD", "doctorate")]),
    ("Fluent in languages such as Python, R, or Java.", None,
     [("language", "Python", "Python"), ("language", "R", "R"), ("language", "Java", "Java")]),
    ("Comfortable with R and Python for analysis.", None,
     [("language", "R", "R"), ("language", "Python", "Python")]),
    ("Strong R programming and some SQL.", None,
     [("language", "R", "R"), ("skill", "Programming", "programming"), ("language", "SQL", "SQL")]),
    ("Some packages (e.g., R) and notebooks (R)", None, [("language", "R", "R"), ("language", "R", "R")]),
    ("Services written in Go, Rust or Golang.", None,
     [("language", "Go", "Go"), ("language", "Rust", "Rust"), ("language", "Go", "Golang")]),
    ("Systems code in C/C++ and tools in C#.", None,
     [("language", "C", "C"), ("language", "C++", "C++"), ("language", "C#", "C#")]),
    ("Backends on .NET and Node.js with CI/CD pipelines.", None,
     [("framework", ".NET", ".NET"), ("framework", "Node.js", "Node.js"), ("skill", "CI/CD", "CI/CD")]),
    ("Tickets live in Jira or Linear.", None, [("tool", "Jira", "Jira"), ("tool", "Linear", "Linear")]),
    ("Runs on Google Cloud Platform and GCP credits.", None,
     [("cloud", "Google Cloud", "Google Cloud Platform"), ("cloud", "Google Cloud", "GCP")]),
    ("Batch jobs on Apache Spark, then Spark again.", None,
     [("framework", "Apache Spark", "Apache Spark"), ("framework", "Apache Spark", "Spark")]),
    ("Models trained on Azure Machine Learning.", None,
     [("platform", "Azure Machine Learning", "Azure Machine Learning")]),
    ("Holds the AWS Certified Machine Learning – Specialty and the PMP.", None,
     [("certification", AWS_ML, AWS_ML), ("certification", "PMP", "PMP")]),
    ("Reports in Excel, Tableau and Power BI.", None,
     [("tool", "Excel", "Excel"), ("tool", "Tableau", "Tableau"), ("tool", "Power BI", "Power BI")]),
    ("Uses Hugging Face Transformers and spaCy.", None,
     [("library", "Hugging Face Transformers", "Hugging Face Transformers"), ("library", "spaCy", "spaCy")]),
    ("Knows CI / CD, scikit‑learn and E‑commerce data.", None,
     [("skill", "CI/CD", "CI / CD"), ("library", "scikit-learn", "scikit‑learn"),
      ("industry", "E-commerce", "E‑commerce")]),
    ("Uses Python's typing and Spark-based jobs.", None,
     [("language", "Python", "Python"), ("framework", "Apache Spark", "Spark")]),
    ("Tools\nPython\nR\nJulia", "tools",
     [("language", "Python", "Python"), ("language", "R", "R"), ("language", "Julia", "Julia")]),
    ("Works in healthcare, finance and retail.", "industries",
     [("industry", "Healthcare", "healthcare"), ("industry", "Financial Services", "finance"),
      ("industry", "Retail", "retail")]),
    ("A degree in machine learning or data science.", "education",
     [("field", "Machine Learning", "machine learning"), ("field", "Data Science", "data science")]),
]


@pytest.mark.parametrize(("text", "section", "expected"), POSITIVE, ids=[p[0][:40] for p in POSITIVE])
def test_finds_examples(text: str, section: str | None, expected: list[tuple[str, str, str]]) -> None:
    assert found(text, section) == expected


# --- example tables: what must not be found -----------------------------------------------------

NEGATIVE = [
    ("R&D budgets grew.", "R"),
    ("Cut the R & D budget.", "R"),
    ("R is the first letter here.", "R"),
    ("R-squared went up.", "R"),
    ("Go to the conference.", "Go"),
    ("(Go to page 3 for more.)", "Go"),
    ("Let's go and see.", "Go"),
    ("A go-to-market plan.", "Go"),
    ("Research and development matter.", "R"),
    ("Fit a Linear model first.", "Linear"),
    ("Speak to the C-suite.", "C"),
    ("Excel at communication.", "Excel"),
    ("Excel in every meeting.", "Excel"),
    ("Sparks spark ideas.", "Apache Spark"),
    ("Stay agile? no: slack off.", "Slack"),
    ("Figures from the Bureau of Labor Statistics.", "Statistics"),
    ("Budgets in T-SQL are rare.", "NoSQL"),
]


@pytest.mark.parametrize(("text", "absent"), NEGATIVE, ids=[n[0][:40] for n in NEGATIVE])
def test_does_not_find(text: str, absent: str) -> None:
    assert absent not in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "A Machine Learning Research Engineer and an NLP Engineer.",
        "The Computer Vision Engineer works with a Data Science Intern.",
        "Our machine learning engineers and MLOps Engineers.",
        "A Python Developer and a Business Intelligence (BI) Analyst.",
    ],
)
def test_role_names_are_not_mentions(text: str) -> None:
    assert found(text, "education") == []


def test_c_is_not_inside_cpp_and_sql_not_inside_nosql() -> None:
    assert names("C++ and NoSQL stores") == ["C++", "NoSQL"]


def test_excel_as_a_tool_still_counts_after_the_verb_rule() -> None:
    assert names("Models in Microsoft Excel; data in Excel.") == ["Excel", "Excel"]


def test_spark_the_verb_at_a_sentence_start() -> None:
    assert "Apache Spark" not in names("Spark joy in your team.")
    assert "Apache Spark" not in names("- Spark curiosity in others")
    assert "Apache Spark" in names("Batch jobs run on Spark. Spark, Hive and Kafka too.")


# --- sections -----------------------------------------------------------------------------------


def test_section_restricted_terms_count_only_in_their_sections() -> None:
    text = "Technology and education matter; physics too."
    assert names(text) == []
    assert names(text, "industries") == ["Technology", "Education"]
    assert names(text, "education") == ["Physics"]
    assert names(text, ANY_SECTION) == ["Technology", "Education", "Physics"]


def test_unrestricted_terms_count_everywhere() -> None:
    for section in (None, *SECTION_KEYS):
        assert names("Python and Healthcare", section) == ["Python", "Healthcare"]


def test_unknown_section_is_a_caller_error() -> None:
    with pytest.raises(ValueError, match="unknown section"):
        FINDER.find("Python", section="Education")


# --- vocabulary integrity -----------------------------------------------------------------------


def test_bundled_vocabulary_is_cached_and_sized() -> None:
    assert load_vocabulary() is load_vocabulary()
    assert 700 <= len(VOCABULARY.terms) <= 5000
    assert VOCABULARY.stops


def test_vocabulary_header_says_what_where_from_and_how_to_extend() -> None:
    header = "\n".join(line for line in BUNDLED_CSV.read_text("utf-8").splitlines() if line.startswith("#"))
    for needed in ("GENERATED", "scripts/build_vocabulary.py", "vocabulary_overlay.csv", "O*NET 29.2", "ESCO",
                   "Linguist", "devicon", "CC BY 4.0", "source"):
        assert needed in header


def test_every_form_belongs_to_exactly_one_name() -> None:
    owners: dict[str, set[str]] = {}
    for term in (*VOCABULARY.terms, *VOCABULARY.stops):
        for surface in term.surfaces:
            owners.setdefault(surface_key(surface, exact=False), set()).add(term.name)
    assert {key: o for key, o in owners.items() if len(o) > 1} == {}
    all_names = [t.name for t in (*VOCABULARY.terms, *VOCABULARY.stops)]
    assert len(all_names) == len(set(all_names))


def test_kinds_sections_and_contexts_are_known() -> None:
    assert {t.kind for t in VOCABULARY.terms} == set(MENTION_KINDS)
    assert {t.kind for t in VOCABULARY.stops} == {STOP_KIND}
    assert {s for t in VOCABULARY.terms for s in t.sections} <= set(SECTION_KEYS)
    assert {t.context for t in VOCABULARY.terms} <= {"", "list"}


def _term_forms() -> list[tuple[str, str, str | None]]:
    # A field of study counts only where fields are named (education, "degree in").
    def section(term: Term) -> str | None:
        return term.sections[0] if term.sections else "education" if term.kind == "field" else None

    return [(term.name, surface, section(term)) for term in VOCABULARY.terms for surface in term.surfaces]


@pytest.mark.parametrize(("name", "surface", "section"), _term_forms())
def test_every_form_finds_its_own_name(name: str, surface: str, section: str | None) -> None:
    # In a list, so that list-context names (R, Go) count too; no form may hide behind another.
    text = f"Tools (Python, {surface}, Java)"
    assert (name, surface) in [(m.name, m.surface) for m in FINDER.find(text, section=section)]


def _csv(*rows: str) -> str:
    return "# a comment\n" + ",".join(COLUMNS) + "\n" + "\n".join(rows) + "\n"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (("tool,Jira,,no,,", "tool,Jira,,no,,"), "duplicate name"),
        (("tool,Jira,,no,,", "tool,Trello,JIRA,no,,"), "already a form of 'Jira'"),
        (("gadget,Jira,,no,,",), "unknown kind"),
        (("tool,Jira,,no,skills,",), "unknown section"),
        (("tool,Jira,,maybe,,",), "case_sensitive"),
        (("tool,Jira,,no,,sometimes",), "context"),
        (("tool,Jíra,,no,,",), "non-ASCII"),
        (("tool,Jira,,no",), "columns"),
    ],
)
def test_broken_vocabularies_are_rejected_with_the_line(rows: tuple[str, ...], message: str) -> None:
    with pytest.raises(VocabularyError, match=message) as error:
        parse_vocabulary(_csv(*rows))
    assert "line" in str(error.value)


def test_a_wrong_header_is_rejected() -> None:
    with pytest.raises(VocabularyError, match="header"):
        parse_vocabulary("kind,name\ntool,Jira\n")


def test_a_vocabulary_file_can_be_given(tmp_path: Path) -> None:
    path = tmp_path / "vocabulary.csv"
    path.write_text(_csv("tool,Zorblax,Zorb|ZBX,no,,", 'skill,ETL,"extract, transform, load",no,,'), "utf-8")
    vocabulary = load_vocabulary(path)
    assert [t.name for t in vocabulary.terms] == ["Zorblax", "ETL"]
    finder = MentionFinder(vocabulary)
    text = "ZBX, zorb and Extract, Transform, Load"
    assert [m.name for m in finder.find(text)] == ["Zorblax", "Zorblax", "ETL"]


def test_acronym_aliases_match_exactly_as_printed() -> None:
    assert names("BI dashboards; rag and bi-weekly; RAG pipelines") == ["Business Intelligence",
                                                                        "Retrieval-Augmented Generation"]


# --- properties ---------------------------------------------------------------------------------

SURFACES = sorted({s for t in (*VOCABULARY.terms, *VOCABULARY.stops) for s in t.surfaces})
GLUE = [" ", ", ", " and ", " or ", "/", "(", ")", "\n", "-", ".", "&", "'s ", " Engineer", "++", "#"]
VOCABULARY_TEXT = st.lists(st.sampled_from(SURFACES + GLUE), max_size=30).map("".join)
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
SECTIONS = st.sampled_from([None, ANY_SECTION, *SECTION_KEYS])
TERM_KINDS = {t.name: {t.kind, t.alternate} for t in VOCABULARY.terms}


def _check_mentions(text: str, mentions: list[Mention]) -> None:
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.surface
        assert mention.surface
        assert mention.kind in TERM_KINDS[mention.name]
    for before, after in itertools.pairwise(mentions):
        assert before.end <= after.start


@given(st.one_of(ANY_TEXT, VOCABULARY_TEXT), SECTIONS)
def test_find_is_ordered_non_overlapping_exact_and_deterministic(text: str, section: str | None) -> None:
    mentions = FINDER.find(text, section=section)
    _check_mentions(text, mentions)
    assert FINDER.find(text, section=section) == mentions


@given(st.lists(st.one_of(ANY_TEXT, VOCABULARY_TEXT), max_size=4))
def test_unknown_terms_never_raises_and_counts_positively(texts: list[str]) -> None:
    result = unknown_terms(texts, VOCABULARY)
    assert all(count >= 1 for _, count in result)
    assert [count for _, count in result] == sorted((count for _, count in result), reverse=True)


# --- growing the vocabulary ---------------------------------------------------------------------


def test_unknown_terms_reports_invented_tools_not_known_or_ordinary_words() -> None:
    texts = [
        "Orchestration tools (e.g., Zorblax, Airflow) and stores such as QuuxDB or Snowflake.",
        "Zorblax pipelines run nightly. Teams also use QuuxDB. The team prefers PyTorch.",
        "Remote work is common. Kubernetes (Default) settings are the default.",
        "An NLP Engineer and a Zorblax Engineer collaborate.",
    ]
    result = dict(unknown_terms(texts, VOCABULARY))
    assert result == {"QuuxDB": 2, "Zorblax": 1}


def test_unknown_terms_orders_by_count_and_honours_min_count() -> None:
    texts = ["Stores such as QuuxDB, BlorpDB and QuuxDB.", "Also QuuxDB."]
    assert unknown_terms(texts, VOCABULARY) == [("QuuxDB", 2), ("BlorpDB", 1)]
    assert unknown_terms(texts, VOCABULARY, min_count=2) == [("QuuxDB", 2)]


def test_unknown_terms_counts_comparisons_not_repetitions() -> None:
    """One article that repeats a phrase does not outrank phrases many comparisons use."""
    sections = [
        ("a1", "- Quantum annealing for scheduling\n- Using quantum annealing\n- Quantum annealing",
         "required_skills"),
        ("a2", "- Proficiency in graph sketching and more\n", "required_skills"),
        ("a3", "- Graph Sketching: draw graphs by hand\n", "responsibilities"),
        ("a3", "- Quantum annealing", "definitions"),
    ]
    result = unknown_terms(sections, VOCABULARY)
    assert result[0] == ("graph sketching", 2)
    assert ("quantum annealing", 1) in result  # the definitions item is not a skills list


def test_unknown_terms_leaves_out_known_terms_and_generic_phrases() -> None:
    sections = [("a1", "- Designing data pipelines\n- Managing the team\n- Proficiency in Python",
                 "required_skills")]
    assert unknown_terms(sections, VOCABULARY) == []


def test_unknown_terms_skips_common_acronyms_and_currency_codes() -> None:
    text = "Paid in USD (EUR for the EU team); AI and ML with GPUs and APIs."
    assert unknown_terms([text], VOCABULARY) == []


def _article_bodies(texts: list[str]) -> list[str]:
    """The article part of each dump: the job cards after it name places and employers."""
    return [text.split("Featured Job", 1)[0] for text in texts]


def _sample_texts() -> list[str]:
    texts = []
    for path in sorted(SAMPLES.iterdir()):
        if path.name.startswith("text-"):
            texts.append(path.read_text("utf-8"))
        elif path.name.startswith("gzip_"):
            texts.append(gzip.decompress(path.read_bytes()).decode("utf-8"))
    return texts


def test_the_sample_articles_name_nothing_the_vocabulary_lacks() -> None:
    texts = _sample_texts()
    assert len(texts) >= 4
    assert unknown_terms(_article_bodies(texts), VOCABULARY, phrases=False) == []


@pytest.mark.acceptance
def test_the_seed_articles_name_nothing_the_vocabulary_lacks(seeds_dir: Path) -> None:
    texts = [path.read_text("utf-8") for path in sorted(seeds_dir.glob("*.txt"))]
    assert texts
    assert unknown_terms(_article_bodies(texts), VOCABULARY, phrases=False) == []
    tools = {m.name for text in texts for m in FINDER.find(text, section="tools")}
    assert {"AWS", "Azure", "Google Cloud", "Keras", "UML", "ArchiMate", "Jira", "Trello", "Slack",
            "Microsoft Teams", "SciPy", "Git", "MLflow", "Weights & Biases", "Apache Spark", "Hadoop",
            "Jenkins"} <= tools


def test_a_vocabulary_without_terms_finds_nothing() -> None:
    finder = MentionFinder(Vocabulary(()))
    assert finder.find("Python, R and Go") == []
