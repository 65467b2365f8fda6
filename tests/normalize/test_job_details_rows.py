"""A job page's sections as rows: one ``job_details`` row per item; ``job_skills`` the vocabulary's
terms in skills, tasks and education items with their kind, unknown skills items as printed."""

from __future__ import annotations

from pipeline.normalize.fields import default_finder
from pipeline.normalize.job_details import detail_rows
from pipeline.parse.job_details import JobSection


def _skills(*sections: JobSection) -> list[tuple[str, int, str, str | None, str | None, int]]:
    _, rows = detail_rows("j1", sections, default_finder())
    return [(r["section"], r["position"], r["skill"], r["term"], r["kind"], r["count"]) for r in rows]


def test_details_rows_keep_every_item_in_page_order() -> None:
    details, _ = detail_rows("j1", (JobSection("tasks", "Tasks", ("Map kelp", "Count seals")),
                                    JobSection("other", "About us", ("Nine people",))), default_finder())
    rows = [(r["section_position"], r["section"], r["heading"], r["position"], r["text"]) for r in details]
    assert rows == [
        (1, "tasks", "Tasks", 1, "Map kelp"), (1, "tasks", "Tasks", 2, "Count seals"),
        (2, "other", "About us", 1, "Nine people")]


def test_known_skills_get_their_term_and_unknown_ones_stay_as_printed() -> None:
    items = ("python", "Kelpwatch", "SQL", "Python 3", "kelpwatch")
    section = JobSection("skills", "Skills/Tech-stack", items)
    assert _skills(section) == [
        ("skills", 1, "Python", "Python", "language", 2), ("skills", 2, "Kelpwatch", None, None, 2),
        ("skills", 3, "SQL", "SQL", "language", 1)]


def test_a_short_name_alone_in_a_skills_section_is_still_its_term() -> None:
    assert _skills(JobSection("skills", "Skills", ("Go",))) == [("skills", 1, "Go", "Go", "language", 1)]
    assert _skills(JobSection("skills", "Skills", ("R",))) == [("skills", 1, "R", "R", "language", 1)]
    assert _skills(JobSection("skills", "Skills", ("Go getters",))) == [
        ("skills", 1, "Go getters", None, None, 1)]


def test_tasks_and_education_give_known_terms_only_and_benefits_none() -> None:
    rows = _skills(JobSection("tasks", "Tasks", ("Design data pipelines", "Take the ferry")),
                   JobSection("benefits", "Perks", ("Python training budget",)),
                   JobSection("education", "Education", ("Master's degree in Statistics",)))
    assert ("tasks", 1, "Data Pipelines", "Data Pipelines", "skill", 1) in rows
    assert {r[0] for r in rows} == {"tasks", "education"} and all(r[3] is not None for r in rows)
    assert ("education", 2, "Statistics", "Statistics", "field", 1) in rows
