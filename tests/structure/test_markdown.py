"""Markdown captures -> blocks: the blocks the HTML path gives for the same page."""

from __future__ import annotations

import pytest

from pipeline.errors import StructureError
from pipeline.structure.blocks import Block, BlockKind, heading, item, paragraph
from pipeline.structure.html import page_blocks, parse_html
from pipeline.structure.markdown import (
    MAX_CHARS,
    MAX_NESTING,
    is_markdown_name,
    looks_like_markdown,
    markdown_to_blocks,
    split_header,
)


def blocks(text: str, max_blocks: int = 20_000) -> list[Block]:
    return markdown_to_blocks(text, max_blocks=max_blocks)[0]


def html_blocks(body: str) -> list[Block]:
    page = f"<html><head><title>t</title></head><body><main><article>{body}</article></main></body></html>"
    return page_blocks(parse_html(page, max_depth=256, max_blocks=20_000)).blocks


def test_atx_and_setext_headings_keep_their_levels() -> None:
    text = ("Analyst vs. Engineer\n====================\n\nDefinitions\n-----------\n\n"
            "### Analyst\n\n#### Tools ####\n")
    assert blocks(text) == [heading("Analyst vs. Engineer", 1), heading("Definitions", 2),
                            heading("Analyst", 3), heading("Tools", 4)]
    assert blocks(text) == html_blocks("<h1>Analyst vs. Engineer</h1><h2>Definitions</h2><h3>Analyst</h3>"
                                       "<h4>Tools</h4>")


def test_a_paragraph_is_one_block_across_soft_breaks_and_lazy_lines() -> None:
    text = ("An analyst reads the numbers\nand explains them to the\nbusiness.\n\n"
            "> A quoted paragraph\ncontinued lazily.\n\nHard  \nbreak and back\\\nslash break.\n")
    assert blocks(text) == [paragraph("An analyst reads the numbers and explains them to the business."),
                            paragraph("A quoted paragraph continued lazily."),
                            paragraph("Hard break and back slash break.")]


def test_lists_keep_nesting_markers_and_numbers() -> None:
    text = ("*   Python\n*   SQL\n    - window functions\n    - joins\n*   Git\n\n"
            "3. Learn\n4. Build\n   lazy continuation\n\n1) One\n1) Two\n")
    assert blocks(text) == [
        item("Python", "*"), item("SQL", "*"), item("window functions", "-", 2), item("joins", "-", 2),
        item("Git", "*"), item("Learn", "3."), item("Build lazy continuation", "4."),
        item("One", "1)"), item("Two", "2)"),
    ]
    assert all(b.numbered for b in blocks(text)[5:])
    html = html_blocks("<ul><li>Python</li><li>SQL<ul><li>window functions</li><li>joins</li></ul></li>"
                       "<li>Git</li></ul>")
    assert [(b.kind, b.text, b.level) for b in blocks(text)[:5]] == [(b.kind, b.text, b.level) for b in html]


def test_a_list_item_with_two_paragraphs_is_an_item_then_a_paragraph() -> None:
    text = "- First paragraph of the item.\n\n  Second paragraph of the item.\n- Next item.\n"
    assert blocks(text) == [item("First paragraph of the item.", "-"),
                            paragraph("Second paragraph of the item."), item("Next item.", "-")]
    html = html_blocks("<ul><li><p>First paragraph of the item.</p><p>Second paragraph of the item.</p></li>"
                       "<li>Next item.</li></ul>")
    assert [(b.kind, b.text) for b in blocks(text)] == [(b.kind, b.text) for b in html]


def test_inline_markup_becomes_the_text_a_browser_shows() -> None:
    text = ("**Tip:** read [the guide](https://example.org/guide \"title\") and ![a chart](chart.png)"
            " *practise* `SQL` &amp; ~~R~~ Python &nbsp;daily<span class=\"x\">!</span><br>Done &copy;"
            " \\*not em\\*"
            " <https://example.org/auto>\n")
    assert blocks(text) == [paragraph("Tip: read the guide and practise SQL & R Python daily! Done © "
                                      "*not em* https://example.org/auto")]


def test_tables_give_one_paragraph_per_row_as_html_does() -> None:
    text = "| Role | Median |\n|---|---:|\n| **Analyst** | 90K |\n| Engineer | 120K |\n"
    assert blocks(text) == [paragraph("Role Median"), paragraph("Analyst 90K"), paragraph("Engineer 120K")]
    html = html_blocks("<table><tr><th>Role</th><th>Median</th></tr>"
                       "<tr><td><b>Analyst</b></td><td>90K</td></tr>"
                       "<tr><td>Engineer</td><td>120K</td></tr></table>")
    assert blocks(text) == html


def test_code_html_blocks_and_rules() -> None:
    text = ("```python\nimport pandas as pd\ndf = pd.read_csv(x)\n```\n\n---\n\n"
            "<div class=\"note\">Saved <b>offline</b> &amp; kept</div>\n\n<!-- a comment -->\n\n"
            "<script>var x = 1;</script>\n\n    indented code\n")
    assert blocks(text) == [paragraph("import pandas as pd df = pd.read_csv(x)"),
                            paragraph("Saved offline & kept"), paragraph("indented code")]


def test_a_table_of_contents_is_cut_as_the_html_path_cuts_it() -> None:
    url = "https://example.org/insights/a-vs-b"
    text = (f"Title: A vs. B\n\nURL Source: {url}\n\nMarkdown Content:\n"
            f"Contents\n\n*   [Definitions]({url}#definitions)\n*   [Tools]({url}/#tools)\n\n"
            "- [Intro](#intro)\n  - [Part](#part)\n\n"
            "*   [Other page](https://example.org/other)\n*   [Details](#details) and more\n")
    assert blocks(text) == [heading("A vs. B", 1), paragraph("Contents"), item("Other page", "*"),
                            item("Details and more", "*")]
    assert [b.text for b in html_blocks('<p>Contents</p><ul><li><a href="#definitions">Definitions</a></li>'
                                        '<li><a href="#tools">Tools</a></li></ul>')] == ["Contents"]


def test_front_matter_is_not_content_and_gives_the_canonical_url() -> None:
    text = ('---\ntitle: "A vs. B"\nsource: "https://example.org/a-vs-b"\ncreated: 2024-05-01\n'
            'tags:\n  - "clippings"\n---\n# A vs. B\n\nBody.\n')
    assert markdown_to_blocks(text) == ([heading("A vs. B", 1), paragraph("Body.")], "https://example.org/a-vs-b")
    pandoc = "---\ntitle: A vs. B\nurl: https://example.org/x # the page\n...\nBody.\n"
    assert markdown_to_blocks(pandoc) == ([heading("A vs. B", 1), paragraph("Body.")], "https://example.org/x")
    relative = "---\nsource: /a-vs-b\n---\nBody.\n"
    assert markdown_to_blocks(relative) == ([paragraph("Body.")], None)


@pytest.mark.parametrize("header", [
    '---\ntitle: "Data Engineer vs. MLOps Engineer | aijobs.net"\nsource: "https://example.org/x"\n---\n',
    "---\ntitle: 'Data Engineer vs. MLOps Engineer'\n---\n",
    "Title: Data Engineer vs. MLOps Engineer - ai-jobs.net\n\nURL Source: https://example.org/x\n\n"
    "Markdown Content:\n",
])
def test_a_clip_without_its_title_heading_gets_the_header_title(header: str) -> None:
    # Obsidian Web Clipper's default template keeps the title in the front matter only; a
    # reader may drop the <h1> it repeats. The page showed it first, without the site name.
    got = blocks(header + "4 min read\n\n## Definitions\n\nText.\n")
    assert got == [heading("Data Engineer vs. MLOps Engineer", 1), paragraph("4 min read"),
                   heading("Definitions", 2), paragraph("Text.")]


def test_the_header_title_is_not_added_beside_a_title_heading_nor_to_an_empty_clip() -> None:
    text = "---\ntitle: A vs. B | example.org\n---\nA vs B\n===\n\nText.\n"
    assert blocks(text) == [heading("A vs B", 1), paragraph("Text.")]
    with pytest.raises(StructureError) as error:
        blocks("---\ntitle: A vs. B\n---\n\n")
    assert error.value.reason == "empty"


def test_a_title_keeps_a_dash_part_that_is_no_host() -> None:
    got = blocks("---\ntitle: A vs. B - Key Differences\n---\nText.\n")
    assert got[0] == heading("A vs. B - Key Differences", 1)


def test_a_rule_at_the_top_is_not_front_matter() -> None:
    text = "---\nJust text between rules.\n---\n\nMore.\n"
    got, url = markdown_to_blocks(text)
    assert url is None and [b.text for b in got] == ["Just text between rules.", "More."]


def test_jina_header_is_not_content_and_gives_the_canonical_url() -> None:
    text = ("Title: A vs. B | example.org\n\nURL Source: https://example.org/a-vs-b\n\n"
            "Published Time: 2024-05-01T00:00:00+00:00\n\nWarning: This page maybe requiring CAPTCHA\n\n"
            "Markdown Content:\nA vs. B\n===============\n\nBody.\n")
    assert markdown_to_blocks(text) == ([heading("A vs. B", 1), paragraph("Body.")], "https://example.org/a-vs-b")
    # Without the end line, the lines are content.
    plain = "Title: A vs. B\n\nURL Source: https://example.org/a-vs-b\n\nBody.\n"
    assert split_header(plain) == (plain, None)


def test_limits_too_many_blocks_and_empty() -> None:
    with pytest.raises(StructureError) as error:
        blocks("\n\n".join(f"Paragraph {n}." for n in range(30)), max_blocks=20)
    assert error.value.reason == "too_many_blocks"
    for empty in ("", "   \n\n", "---\ntitle: x\n---\n", "![only an image](x.png)\n\n---\n", "<!-- -->\n"):
        with pytest.raises(StructureError) as error:
            blocks(empty)
        assert error.value.reason == "empty"


def test_nesting_within_the_limit_keeps_every_text() -> None:
    deep_list = "- " * (MAX_NESTING // 2 - 1)
    got = blocks("> " * (MAX_NESTING - 1) + "deep\n\n" + deep_list + "x\n\n" + "[" * 20000 + "\n")
    assert [b.text for b in got] == ["deep", "x", "[" * 20000]
    assert got[1] == Block(BlockKind.ITEM, "x", MAX_NESTING // 2 - 1, "-")


@pytest.mark.parametrize("text", ["> " * MAX_NESTING + "deep", "> " * 5000 + "deep", "- " * 3000 + "x",
                                  "1. " * (MAX_NESTING // 2) + "x"])
def test_nesting_past_the_limit_is_too_deep_not_silently_dropped(text: str) -> None:
    with pytest.raises(StructureError) as error:
        blocks("Intro.\n\n" + text + "\n\nAfter.\n")
    assert error.value.reason == "too_deep"


@pytest.mark.parametrize(("name", "content_type", "expected"), [
    ("a.md", None, True), ("clips/A.MARKDOWN.gz", None, True), ("a.txt", None, False),
    ("https://example.org/a", "text/markdown; charset=utf-8", True),
    ("https://example.org/a", "text/plain", False),
])
def test_markdown_names(name: str, content_type: str | None, expected: bool) -> None:
    assert is_markdown_name(name, content_type) is expected


@pytest.mark.parametrize("text", [
    "# A vs. B\n\n## Definitions\n\nText.",
    "A vs. B\n=======\n\nDefinitions\n-----------\n\nText.",
    "A vs. B\n\nSee [the guide](https://example.org/guide).",
    "---\ntitle: A vs. B\n---\nText.",
    "\ufeff---\nsource: https://example.org/a\n---\nText.",
    "Title: A vs. B\n\nURL Source: https://example.org/a\n\nMarkdown Content:\nText.",
])
def test_markdown_beyond_doubt(text: str) -> None:
    assert looks_like_markdown(text)


@pytest.mark.parametrize("text", [
    "#**A vs. B**\n\nDefinitions\n\nText.",
    "# A vs. B\n\nDefinitions\n\nText.",  # one heading line is not enough
    "A vs. B\n\n---\n\nText after a rule.\n\n---\n",
    "A vs. B\n  • one\n- two\n1. three\n\nSee https://example.org/a for more.",
    "Title: A vs. B\n\nText.",
    "---\n\nText.",
])
def test_text_dumps_are_not_taken_for_markdown(text: str) -> None:
    assert not looks_like_markdown(text)


def test_markdown_past_its_size_limit_is_too_large_before_it_is_parsed() -> None:
    # 1 MiB of unclosed brackets would cost the parser about half a minute.
    with pytest.raises(StructureError) as error:
        blocks("[" * (MAX_CHARS + 1))
    assert error.value.reason == "too_large"
    assert blocks("# A vs. B\n\n" + "x" * (MAX_CHARS - 20))[0] == heading("A vs. B", 1)
