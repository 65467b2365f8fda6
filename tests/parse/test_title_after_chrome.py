"""A whole page's dump: the title comes after the site's cookie notice, name and menu."""

from __future__ import annotations

import pytest

from pipeline.errors import ParseError
from pipeline.parse.article import FAR_TITLE, parse_blocks
from pipeline.structure.text import text_to_blocks

MENU = "\n".join(["We use cookies to count visits. Accept", "aijobs.net"]
                 + [f"  • Menu entry number {n}" for n in range(120)])
BODY = ("\nDefinitions\nA Data Engineer builds pipelines.\nAn MLOps Engineer ships models.\n"
        "Responsibilities\nData Engineer\n  • Build pipelines\nMLOps Engineer\n  • Deploy models\n"
        "Conclusion\nBoth roles matter.\n")


def test_a_title_after_a_long_menu_is_found_by_the_read_time_line_after_it() -> None:
    text = MENU + "\nData Engineer vs. MLOps Engineer\nA subtitle\n4 min read · Oct. 30, 2024" + BODY
    article = parse_blocks(text_to_blocks(text))
    assert (article.header.role_a, article.header.role_b) == ("Data Engineer", "MLOps Engineer")
    assert article.header.read_minutes == 4


@pytest.mark.parametrize("title_and_after", [
    "Data Engineer vs. MLOps Engineer\nA subtitle\nNo read-time line here",  # no header line after it
    "Python vs. Rust\n4 min read · Oct. 30, 2024",  # names that are no roles
])
def test_a_vs_line_far_down_is_no_title_without_the_header_line_and_two_roles(title_and_after: str) -> None:
    with pytest.raises(ParseError) as error:
        parse_blocks(text_to_blocks(MENU + "\n" + title_and_after + BODY))
    assert error.value.reason == "not_an_article"


def test_the_search_ends_at_its_limit() -> None:
    far = "\n".join(f"  • Entry {n}" for n in range(FAR_TITLE))
    title = "\nData Engineer vs. MLOps Engineer\n4 min read · Oct. 30, 2024"
    with pytest.raises(ParseError):
        parse_blocks(text_to_blocks(far + title + BODY))
