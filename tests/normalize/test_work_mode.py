"""A listing card's Remote / Hybrid badge reaches ``is_remote`` and ``remote_ratio``."""

from __future__ import annotations

import random

import pytest

from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.corpus.render_board import BOARD_LAYOUTS, BoardLayout, board_page
from pipeline.normalize.fields import remote_ratio
from pipeline.run.process import process_document

_RATIO = {"remote": 100, "hybrid": 50, "onsite": 0, None: None}


@pytest.mark.parametrize("layout", BOARD_LAYOUTS)
def test_generated_board_work_modes_reach_the_rows(layout: BoardLayout) -> None:
    page = board_page(random.Random(f"work-mode:{layout}"), 1, 2, layout=layout, per_page=40)
    result = process_document(RawDocument(page.url, page.html, "html", url=page.url), Limits())
    assert not result.quarantine
    rows = result.rows["job_cards"]
    assert len(rows) == len(page.jobs)
    marked = [(job, row) for job, row in zip(page.jobs, rows, strict=True) if job["work_mode"]]
    assert {job["work_mode"] for job, _ in marked} == {"remote", "hybrid", "onsite"}
    for job, row in marked:
        expected = _RATIO[job["work_mode"]]
        assert row["remote_ratio"] == expected, (job, row)
        assert row["is_remote"] is (expected == 100)


def test_hand_written_badges() -> None:
    html = b"""<html><body><main><ul>
    <li><a href="/hiring/jobs/tide-modeller-101/">Tide Modeller</a> <span>Lisbon, Portugal</span>
        <span>[Hybrid]</span> <span>3d ago</span></li>
    <li><a href="/hiring/jobs/kelp-analyst-102/">Kelp Analyst</a> <span>Oslo, Norway</span>
        <span>Remote</span> <span>4d ago</span></li>
    <li><a href="/hiring/jobs/reef-engineer-103/">Reef Engineer</a> <span>Perth, Australia</span>
        <span>5d ago</span></li>
    </ul></main></body></html>"""
    board = "https://aijobs.net/hiring/jobs/"
    result = process_document(RawDocument("b.html", html, "html", url=board), Limits())
    rows = {r["title"]: r for r in result.rows["job_cards"]}
    assert (rows["Tide Modeller"]["remote_ratio"], rows["Tide Modeller"]["is_remote"]) == (50, False)
    assert (rows["Kelp Analyst"]["remote_ratio"], rows["Kelp Analyst"]["is_remote"]) == (100, True)
    assert (rows["Reef Engineer"]["remote_ratio"], rows["Reef Engineer"]["is_remote"]) == (0, False)
    assert rows["Kelp Analyst"]["location"] == "Oslo, Norway"


def test_remote_ratio_takes_the_most_remote() -> None:
    assert remote_ratio(0, "remote") == 100
    assert remote_ratio(50, "onsite") == 50
    assert remote_ratio(0, "onsite") == 0
