"""Dumps of text-mode browsers (lynx, w3m) and wrapping converters: unwrapped, lynx's link
numbers and references removed, a table of contents cut; and such a dump of an article page
gives the records of the article's own text dump."""

from __future__ import annotations

import random
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.common.document import RawDocument
from pipeline.corpus.articles import SPECS
from pipeline.corpus.chrome import site_chrome
from pipeline.corpus.generate import synth_spec
from pipeline.corpus.render_html import Layout, page_bytes
from pipeline.corpus.render_text import render_text
from pipeline.structure.blocks import BlockKind, heading, item, paragraph
from pipeline.structure.text import text_to_blocks
from pipeline.structure.text_browsers import _wrap_width, text_browser_lines
from tests.records import content_records

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "text_browsers"
TOOLS = {
    "lynx": ["lynx", "-dump", "-force_html", "-display_charset=utf-8", "-assume_charset=utf-8", "-stdin"],
    "w3m": ["w3m", "-dump", "-T", "text/html", "-I", "utf-8", "-O", "utf-8"],
}
_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)


def _records(data: bytes) -> dict[str, object]:
    return content_records(RawDocument("dump.txt", data, "text"))


@settings(max_examples=60)
@given(paragraphs=st.lists(st.lists(_WORDS, min_size=25, max_size=70), min_size=3, max_size=6),
       width=st.integers(60, 80), indent=st.sampled_from(["", "   "]))
def test_wrapped_paragraphs_come_back_whole(paragraphs: list[list[str]], width: int, indent: str) -> None:
    # textwrap breaks lines greedily, as the text browsers do.
    text = "\n\n".join(textwrap.fill(" ".join(words), width, initial_indent=indent, subsequent_indent=indent)
                       for words in paragraphs)
    if _wrap_width(text.splitlines()) is None:
        # Too few lines come near the longest to tell a wrap (short words, short paragraphs):
        # the text is left as it is, which is what a dump with a paragraph per line needs.
        assert text_browser_lines(text) == text.splitlines()
        return
    lines = [line.strip() for line in text_browser_lines(text) if line.strip()]
    assert lines == [" ".join(words) for words in paragraphs]


def test_wrapped_items_keep_their_ends_and_their_markers() -> None:
    text = "\n".join([
        "Responsibilities", "",
        "     * Design batch and streaming pipelines that pull data from the operational",
        "       systems of record every night.",
        "     * Model warehouse and lakehouse tables for reporting and feature generation",
        "       across teams.",
        "     * Short item.",
        "", "   A paragraph that is long enough to be wrapped by the tool at the width of",
        "   seventy-eight columns, and that ends on the line after.",
        "", "   Another paragraph that is long enough to be wrapped by the tool at its width",
        "   again.",
        "", "   A third paragraph, wrapped at the same width as the others are, over three",
        "   lines, where the second line is as full as the tool could make it before the",
        "   end.",
    ])
    assert text_to_blocks(text) == [
        heading("Responsibilities"),
        item("Design batch and streaming pipelines that pull data from the operational systems of record "
             "every night.", "*"),
        item("Model warehouse and lakehouse tables for reporting and feature generation across teams.", "*"),
        item("Short item.", "*"),
        paragraph("A paragraph that is long enough to be wrapped by the tool at the width of seventy-eight "
                  "columns, and that ends on the line after."),
        paragraph("Another paragraph that is long enough to be wrapped by the tool at its width again."),
        paragraph("A third paragraph, wrapped at the same width as the others are, over three lines, "
                  "where the second line is as full as the tool could make it before the end."),
    ]


def test_a_word_broken_after_its_hyphen_or_slash_is_joined_without_a_space() -> None:
    lines = ["They shape warehouse data into clean models that analysts trust, well-",
             "named and tested, and they read out A/B tests with the product team's A/",
             "B owners every week, so that results reach the people who make choices.",
             "Then they write it all down in documents that other teams can read, with",
             "examples and a glossary, and keep them current as the data changes."]
    assert text_browser_lines("\n".join(lines)) == [
        "They shape warehouse data into clean models that analysts trust, well-named and tested, and "
        "they read out A/B tests with the product team's A/B owners every week, so that results reach "
        "the people who make choices. Then they write it all down in documents that other teams can "
        "read, with examples and a glossary, and keep them current as the data changes."]


def test_a_word_broken_before_its_slash_is_joined_without_a_space() -> None:
    # w3m breaks ``CI/CD`` before the slash when the whole word does not fit.
    lines = ["An engineer in this team is expected to retrain models when fresh data comes",
             "in, watch deployed models for drift and for slow answers, build our team's CI",
             "/CD workflows that test and release trained models, and write the runbooks",
             "that other teams read when something breaks at night or over a long weekend,",
             "so that whoever is on call can find the right dashboard, the owner of a model",
             "and the steps to roll a release back without waking up the rest of the team."]
    assert max(map(len, lines)) == 77  # a greedy wrap at 77 columns
    (line,) = text_browser_lines("\n".join(lines))
    assert "build our team's CI/CD workflows" in line and " /" not in line


def test_a_dump_with_a_paragraph_per_line_is_left_as_it_is() -> None:
    text = ("Data Engineer vs. MLOps Engineer\n" + "A paragraph. " * 12 + "\nshort line\n" * 6)
    assert text_browser_lines(text) == text.splitlines()


def test_lynx_link_numbers_and_references_go_only_with_their_list() -> None:
    text = ("   [1]Jobs (BUTTON) Accept\n\n   See [2]Data Engineer and item [7] of the list.\n\n"
            "References\n\n   Visible links:\n   1. https://example.org/jobs\n   2. file:///insights/x\n")
    got = text_browser_lines(text)
    assert got == ["   Jobs Accept", "", "   See Data Engineer and item [7] of the list.", ""]
    not_lynx = "Text [1] here.\n\nReferences\n\nSmith, J. (2020). A book.\n"
    assert text_browser_lines(not_lynx) == not_lynx.splitlines()


def test_a_table_of_contents_is_the_list_of_later_headings_in_order() -> None:
    text = "\n".join(["Title", "Table of contents", "  • Definitions", "  • Skills", "  • Outlook",
                      "Definitions", "Text one.", "Skills", "  • Definitions", "  • Outlook", "  • Skills",
                      "Outlook", "Text two."])
    got = text_to_blocks(text)
    assert [b.text for b in got if b.kind is BlockKind.ITEM] == ["Definitions", "Outlook", "Skills"]
    assert [b.text for b in got][:3] == ["Title", "Table of contents", "Definitions"]


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_saved_text_browser_dumps_give_the_records_of_the_dump(name: str) -> None:
    # Made once by lynx 2.9 and w3m 0.5.3 from generated pages (the lynx one with a real
    # site's chrome: a mega menu, a cookie notice, a footer), and kept so the test needs
    # neither tool.
    slug = name.split("_", 1)[1].removesuffix(".txt")
    spec = next(s for s in SPECS if s.slug == slug)
    assert _records((FIXTURES / name).read_bytes()) == _records(render_text(spec).encode())


@pytest.mark.skipif(not all(shutil.which(tool) for tool in TOOLS), reason="lynx or w3m is not installed")
@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 10**6), layout=st.sampled_from(["semantic", "main"]), chrome=st.booleans(),
       tool=st.sampled_from(sorted(TOOLS)))
def test_any_generated_page_dumped_by_a_text_browser_gives_the_records_of_its_dump(
    seed: int, layout: Layout, chrome: bool, tool: str
) -> None:
    rng = random.Random(f"text-browser:{seed}")
    spec = synth_spec(rng)
    html = page_bytes(spec, layout, chrome=site_chrome(spec, rng) if chrome else None)
    dump = subprocess.run(TOOLS[tool], input=html, capture_output=True, check=True, timeout=60).stdout
    assert _records(dump) == _records(render_text(spec).encode())
