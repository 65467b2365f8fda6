"""Header lines are never sections, headings map as a whole, and inline role labels decide."""

from __future__ import annotations

import pytest

from pipeline.parse.article import parse_blocks
from pipeline.parse.sections import section_key
from pipeline.structure.html import html_to_blocks
from pipeline.structure.text import text_to_blocks


def _html(body: str) -> str:
    return f"<html><body><article><h1>Harbour Pilot vs. Lighthouse Keeper</h1>{body}</article></body></html>"


def test_a_subtitle_heading_with_section_words_is_the_subtitle() -> None:
    page = _html("<h2>Harbour Pilots vs. Lighthouse Keepers: Duties, Skills and Pay</h2><p>4 min read</p>"
                 "<p>Two coastal jobs that people mix up, compared side by side.</p>"
                 "<h2>Responsibilities</h2><p>A Harbour Pilot steers ships into port.</p>")
    article = parse_blocks(html_to_blocks(page).blocks)
    assert article.header.subtitle == "Harbour Pilots vs. Lighthouse Keepers: Duties, Skills and Pay"
    assert article.intro == "Two coastal jobs that people mix up, compared side by side."
    assert [(s.section, s.side) for s in article.body.segments] == [("responsibilities", "a")]


def test_a_title_shaped_heading_in_the_body_maps_by_what_it_says() -> None:
    page = _html("<p>3 min read</p><p>Two coastal jobs, side by side.</p>"
                 "<h2>Required Skills</h2><p>Both need patience.</p>"
                 "<h2>Conclusion: Harbour Pilot vs. Lighthouse Keeper</h2>"
                 "<p>Pick the one that suits you.</p>")
    article = parse_blocks(html_to_blocks(page).blocks)
    assert [s.section for s in article.body.segments] == ["required_skills", "conclusion"]


@pytest.mark.parametrize(("heading", "key"), [
    ("Tools and Software Used", "tools"),
    ("Required Skills and Educational Backgrounds", "required_skills"),
    ("Day-to-day Responsibilities", "responsibilities"),
    ("Which Role Is Right for You?", "conclusion"),
    ("Why Rope Skills Beat Radar Charts for Night Crossings", None),
    ("A Short History of Lighthouse Lamps and Future Plans", None),
])
def test_a_heading_maps_by_what_it_says_as_a_whole(heading: str, key: str | None) -> None:
    assert section_key(heading) == key


_LABELLED = """Harbour Pilot vs. Lighthouse Keeper

4 min read

Two coastal jobs, side by side.

Definitions

• Harbour Pilot: A Harbour Pilot guides large ships through narrow channels.
-
Lighthouse Keeper: A Lighthouse Keeper tends the lamp and logs the weather.

Responsibilities

Lighthouse Keeper

• Harbour Pilot: boards inbound vessels at the sea buoy.
• Polishes the lens every morning.

Required Skills

Harbour Pilot: Reading tides and currents at a glance.

In conclusion, both jobs reward calm people.
"""


@pytest.mark.parametrize("shape", ["text", "html"])
def test_inline_role_labels_decide_the_side(shape: str) -> None:
    if shape == "text":
        blocks = text_to_blocks(_LABELLED)
    else:
        parts = _LABELLED.split("\n\n")
        html = ("<h1>Harbour Pilot vs. Lighthouse Keeper</h1><p>4 min read</p>"
                "<p>Two coastal jobs, side by side.</p><h2>Definitions</h2><ul>"
                "<li>Harbour Pilot: A Harbour Pilot guides large ships through narrow channels.</li>"
                "<li>Lighthouse Keeper: A Lighthouse Keeper tends the lamp and logs the weather.</li></ul>"
                "<h2>Responsibilities</h2><h3>Lighthouse Keeper</h3><ul>"
                "<li>Harbour Pilot: boards inbound vessels at the sea buoy.</li>"
                "<li>Polishes the lens every morning.</li></ul>"
                "<h2>Required Skills</h2><p>Harbour Pilot: Reading tides and currents at a glance.</p>"
                f"<p>{parts[-1].strip()}</p>")
        blocks = html_to_blocks(f"<html><body><article>{html}</article></body></html>").blocks
    article = parse_blocks(blocks)
    got = [(s.section, s.side, s.text) for s in article.body.segments]
    assert got[:5] == [
        ("definitions", "a", "A Harbour Pilot guides large ships through narrow channels."),
        ("definitions", "b", "A Lighthouse Keeper tends the lamp and logs the weather."),
        ("responsibilities", "a", "boards inbound vessels at the sea buoy."),
        ("responsibilities", "b", "Polishes the lens every morning."),
        ("required_skills", "a", "Reading tides and currents at a glance."),
    ]
