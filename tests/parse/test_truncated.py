"""A cut-off capture keeps its last section, and the rows it ends in are flagged ``truncated``."""

from __future__ import annotations

import pytest

from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.run.process import process_document

_HEAD = ("Harbour Pilot vs. Lighthouse Keeper\n\n4 min read\n\nTwo coastal jobs, side by side.\n\n"
         "Responsibilities\n\nA Harbour Pilot steers ships into port.\n\n")


def _rows(text: str, fmt: str = "text") -> dict[str, list[dict[str, object]]]:
    result = process_document(RawDocument("cut.txt", text.encode(), fmt), Limits())
    assert not result.quarantine, result.quarantine
    return result.rows


@pytest.mark.parametrize(("tail", "side", "text"), [
    ("Required Skills\n\nBoth roles need a solid gra", "both", "Both roles need a solid gra"),
    ("Required Skills\n\nLighthouse Keeper\n\nKeeps a stea", "b", "Keeps a stea"),
    ("Required Skills\n\n• Reading tides\n• Collaborat", "both", "Reading tides\nCollaborat"),
])
def test_the_last_section_of_a_cut_capture_is_kept_and_flagged(tail: str, side: str, text: str) -> None:
    rows = _rows(_HEAD + tail)
    assert rows["articles"][0]["truncated"] is True
    sections = rows["sections"]
    assert [(s["section"], s["truncated"]) for s in sections] == [
        ("responsibilities", False), ("required_skills", True)]
    assert (sections[-1]["role_side"], sections[-1]["text"]) == (side, text)
    items = rows.get("items", [])
    assert [(i["text"], i["truncated"]) for i in items] == (
        [("Reading tides", False), ("Collaborat", True)] if "•" in tail else [])


def test_a_complete_capture_flags_nothing() -> None:
    rows = _rows(_HEAD + "Required Skills\n\n• Reading tides\n• Patience\n\nConclusion\n\n"
                 "Both jobs suit calm people who like the sea.\n")
    assert rows["articles"][0]["truncated"] is False
    assert not any(s["truncated"] for s in rows["sections"])
    assert not any(i["truncated"] for i in rows["items"])


def test_a_cut_page_in_html_keeps_its_last_section() -> None:
    html = ("<html><body><article><h1>Harbour Pilot vs. Lighthouse Keeper</h1><p>4 min read</p>"
            "<p>Two coastal jobs, side by side.</p><h2>Responsibilities</h2>"
            "<p>A Harbour Pilot steers ships.</p><h2>Required Skills</h2>"
            "<ul><li>Reading tides</li><li>Collaborat</li></ul></article></body></html>")
    rows = _rows(html, "html")
    assert [(s["section"], s["truncated"]) for s in rows["sections"]][-1] == ("required_skills", True)
    assert rows["items"][-1]["truncated"] is True
