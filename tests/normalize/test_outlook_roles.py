"""Each outlook figure goes to the role its clause is about; ``both`` only when it is."""

from __future__ import annotations

import pytest

from pipeline.normalize.fields import outlook_rows
from pipeline.normalize.outlook_roles import FigureSides, clause_at

_KEYS = {"a": "key-a", "b": "key-b"}


def _sides(text: str, role_a: str, role_b: str,
           section_side: str | None = "both") -> list[tuple[object, ...]]:
    section = {"section": "outlook", "role_side": section_side, "role_key": _KEYS.get(section_side or ""),
               "text": text}
    rows = outlook_rows("x", [section], {"a": role_a, "b": role_b}, _KEYS)
    return [(row["percent"], row["role_side"], row["role_key"]) for row in rows]


def test_the_occupation_that_covers_a_role_counts() -> None:
    text = ("Most pipeline work is counted under database architects, whose jobs are projected to grow "
            "9 percent from 2021 to 2031, while many MLOps positions sit with software developers, "
            "projected to grow 27 percent over the same period.")
    assert _sides(text, "Cloud Architect", "MLOps Engineer") == [(9.0, "a", "key-a"), (27.0, "b", "key-b")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Employment of kelp farmers is projected to grow 12 percent by 2030.", "a"),
    ("Demand for reef divers is expected to rise 18 percent from 2020 to 2030.", "b"),
    ("Jobs for kelp farmers and reef divers are projected to grow 14 percent by 2031.", "both"),
    ("Employment in related occupations is projected to grow 11 percent by 2031.", "both"),
    ("Openings for reef divers should increase 7 percent by 2030; kelp farmer jobs will grow 3 percent.",
     None),
])
def test_one_figure(text: str, expected: str | None) -> None:
    got = _sides(text, "Kelp Farmer", "Reef Diver")
    if expected is None:
        assert got == [(7.0, "b", "key-b"), (3.0, "a", "key-a")]
    else:
        assert [side for _, side, _ in got] == [expected]
        assert got[0][2] == _KEYS.get(expected)


def test_a_per_role_section_keeps_its_side_unless_the_clause_names_the_other() -> None:
    text = ("Employment is projected to grow 10 percent by 2030, whereas reef diver openings are expected "
            "to grow 4 percent.")
    assert _sides(text, "Kelp Farmer", "Reef Diver", "a") == [(10.0, "a", "key-a"), (4.0, "b", "key-b")]


def test_acronyms_are_spelled_out() -> None:
    sides = FigureSides({"a": "NLP Engineer", "b": "Computer Vision Engineer"})
    assert sides.side("Employment of language specialists is projected to grow 20 percent", "both") == "a"
    assert sides.side("computer scientists, covering language and vision specialists, grow 20 percent",
                      "both") == "both"


def test_clause_at() -> None:
    sentence = "Kelp grows 5 percent; reef grows 9 percent, and moss grows 2 percent."
    assert clause_at(sentence, sentence.index("9"), sentence.index("9") + 9) == " reef grows 9 percent"
    assert clause_at(sentence, 0, 4) == "Kelp grows 5 percent"


def test_remembered_cues_are_the_fresh_ones_of_the_same_names_in_the_same_order() -> None:
    from pipeline.normalize.outlook_roles import _occupation_cues

    pair = (("a", "NLP Engineer"), ("b", "Computer Vision Engineer"))
    swapped = (("a", "Computer Vision Engineer"), ("b", "NLP Engineer"))
    assert _occupation_cues(pair) == _occupation_cues(pair) == _occupation_cues.__wrapped__(pair)  # type: ignore[attr-defined]
    assert _occupation_cues(swapped) == _occupation_cues.__wrapped__(swapped)  # type: ignore[attr-defined]
    assert _occupation_cues(swapped)["a"] == _occupation_cues(pair)["b"] != _occupation_cues(pair)["a"]
    with pytest.raises(TypeError):
        _occupation_cues(pair)["a"] = frozenset()  # type: ignore[index]  # shared: read-only
    clause = "Employment of language specialists is projected to grow 20 percent"
    assert FigureSides(dict(pair)).side(clause, "both") == "a"
    assert FigureSides(dict(swapped)).side(clause, "both") == "b"
