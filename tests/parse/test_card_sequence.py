"""Job cards read from ordered text runs, whatever elements hold them (one line or many)."""

from __future__ import annotations

import pytest

from pipeline.parse.article import parse_blocks
from pipeline.parse.cards.sequence import card_groups, is_badge_run
from pipeline.structure.html import html_to_blocks
from pipeline.structure.text import text_to_blocks

_HEAD = """<html><body><article><h1>Harbour Pilot vs. Lighthouse Keeper</h1><p>4 min read</p>
<p>Two coastal jobs that people mix up, compared here side by side for readers.</p>
<h2>Required Skills</h2><p>Both need patience and a steady hand at night.</p></article><aside>"""
_TAIL = "</aside></body></html>"

_ONE_LINE = """<div><p>Featured Job</p><h3><a href="/job/1-x">Senior Tide Analyst</a></h3>
<p>@ <a href="/company/gull/">Gull Works</a> | Bergen, Norway</p>
<p>Full Time Senior-level / Expert EUR 90K - 120K</p></div>"""

_EVERY_FIELD_OWN_ELEMENT = """<div><div>Featured Job</div><h3><a href="/job/1-x">Senior Tide Analyst</a></h3>
<div><span>@</span> <span><a href="/company/gull/">Gull Works</a></span></div><div>Bergen, Norway</div>
<div><span>Full Time</span></div><div><span>Senior-level / Expert</span></div>
<div>EUR 90K - 120K</div></div>"""

_SPLIT_COMPANY = """<div><b>Featured Job</b><h3>Senior Tide Analyst</h3><div>@</div>
<div><a href="/company/gull/">Gull Works</a></div><div>| Bergen, Norway</div>
<span>Full Time</span><span>Senior-level / Expert</span><div>EUR 90K - 120K</div></div>"""


def _cards(html: str) -> list[tuple[object, ...]]:
    article = parse_blocks(html_to_blocks(_HEAD + html + html.replace("Tide", "Wave") + _TAIL).blocks)
    return [(c.title, c.company, c.location, c.employment_types, c.seniority, c.salary.text)
            for c in article.tail.cards]


@pytest.mark.parametrize("markup", [_ONE_LINE, _EVERY_FIELD_OWN_ELEMENT, _SPLIT_COMPANY])
def test_every_markup_gives_every_field(markup: str) -> None:
    expected = ("Senior Tide Analyst", "Gull Works", "Bergen, Norway", ("full_time",), "SE", "EUR 90K - 120K")
    wave = ("Senior Wave Analyst", *expected[1:])
    assert _cards(markup) == [expected, wave]


def test_text_dump_and_page_agree() -> None:
    dump = ("Harbour Pilot vs. Lighthouse Keeper\n\n4 min read\n\nTwo coastal jobs that people mix up.\n\n"
            "Required Skills\n\nBoth need patience.\n\nFeatured Job\nSenior Tide Analyst\n\n"
            "@ Gull Works | Bergen, Norway\n\nFull Time Senior-level / Expert EUR 90K - 120K\n")
    from_text = parse_blocks(text_to_blocks(dump)).tail.cards
    from_html = parse_blocks(html_to_blocks(_HEAD + _EVERY_FIELD_OWN_ELEMENT + _TAIL).blocks).tail.cards
    assert [(c.title, c.company, c.location, c.seniority, c.salary) for c in from_text] == [
        (c.title, c.company, c.location, c.seniority, c.salary) for c in from_html]


def test_groups() -> None:
    runs = ["Featured Job", "Kelp Scout", "@ Reefline", "Remote", "Contract", "USD 50K",
            "Featured Job", "Moss Lead", "Part Time Mid-level", "Salary Insights", "Lone heading",
            "@ Orphan Co | Oslo, Norway", "Full Time"]
    assert card_groups(runs) == [
        ["Kelp Scout", "@ Reefline | Remote", "Contract USD 50K"],
        ["Moss Lead", "", "Part Time Mid-level"],
        ["Lone heading", "@ Orphan Co | Oslo, Norway", "Full Time"],
    ]
    # a company line after a complete card, with no title, is reported (empty title), not merged
    assert card_groups(["Kelp Scout", "@ Reefline", "Full Time", "@ Second Co"])[1][:2] == ["", "@ Second Co"]
    # a title-like line after a company is the next card's title, not a place
    assert card_groups(["Kelp Scout", "@ Reefline", "Data Engineer, Foundation Models", "@ B"])[1][0] == (
        "Data Engineer, Foundation Models")


def test_badge_runs() -> None:
    assert is_badge_run("Internship") and is_badge_run("EUR 60K+")
    assert is_badge_run("Executive-level / Director")
    assert not is_badge_run("Senior Kelp Scout") and not is_badge_run("Remote") and not is_badge_run("")
