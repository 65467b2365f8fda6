"""Text dumps -> blocks: line kinds, bullets, lone markers, limits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.errors import StructureError
from pipeline.structure.blocks import Block, BlockKind, heading, item, paragraph
from pipeline.structure.text import (
    _ITEM,
    LONGEST_LINE_KEPT,
    _read_line,
    _without_contents,
    is_heading_shaped,
    text_to_blocks,
)


def test_blank_line_style_and_bullets() -> None:
    text = (
        "Data Engineer vs. Data Analyst\n\n"
        "Responsibilities\n\n"
        "Data Engineer\n\n"
        "  • Builds pipelines that move data.\n"
        "  • Keeps warehouses healthy.\n\n"
        "A closing sentence that is a paragraph.\n"
    )
    assert text_to_blocks(text) == [
        heading("Data Engineer vs. Data Analyst"),
        heading("Responsibilities"),
        heading("Data Engineer"),
        item("Builds pipelines that move data."),
        item("Keeps warehouses healthy."),
        paragraph("A closing sentence that is a paragraph."),
    ]


def test_flattened_dash_bullets_and_numbers() -> None:
    text = "Tips\n- Model Work: Train models.\n1. Learn: Study math.\n2) Build: Ship it.\n"
    blocks = text_to_blocks(text)
    assert [(b.kind, b.marker, b.text) for b in blocks] == [
        (BlockKind.HEADING, None, "Tips"),
        (BlockKind.ITEM, "-", "Model Work: Train models."),
        (BlockKind.ITEM, "1.", "Learn: Study math."),
        (BlockKind.ITEM, "2)", "Build: Ship it."),
    ]
    assert blocks[2].numbered and not blocks[1].numbered


def test_lone_dash_takes_next_line() -> None:
    blocks = text_to_blocks("Skills\n-\nSQL and Python for analysis.\n-\n\nCommunication with teams.\n")
    assert [b.text for b in blocks if b.kind is BlockKind.ITEM] == [
        "SQL and Python for analysis.",
        "Communication with teams.",
    ]


def test_crlf_tabs_and_spaces_are_normalized() -> None:
    blocks = text_to_blocks("Title  vs.\tOther\r\n\r\nA   spaced\t\tparagraph here.\r\n")
    assert [b.text for b in blocks] == ["Title vs. Other", "A spaced paragraph here."]


def test_middle_dot_line_is_not_a_bullet() -> None:
    blocks = text_to_blocks("· not a bullet line here.\n")
    assert blocks[0].kind is BlockKind.PARAGRAPH


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Definitions", True),
        ("Tools and Software Used", True),
        ("Data Scientist Responsibilities:", True),
        ("Data quality Analyst Responsibilities:", True),
        ("The daily work of an AI Scientist covers:", False),
        ("They design systems.", False),
        ("lowercase start line", False),
        ("@ Company | Place", False),
        ("One two three four five six seven eight nine ten eleven twelve thirteen", False),
    ],
)
def test_heading_shape(line: str, expected: bool) -> None:
    assert is_heading_shaped(line) is expected


def test_empty_and_limits() -> None:
    with pytest.raises(StructureError) as error:
        text_to_blocks("  \n\n\t\n")
    assert error.value.reason == "empty"
    with pytest.raises(StructureError) as error:
        text_to_blocks("line.\n" * 50, max_blocks=10)
    assert error.value.reason == "too_many_blocks"


@given(st.text(max_size=400))
def test_never_raises_other_errors_and_blocks_are_clean(text: str) -> None:
    try:
        blocks = text_to_blocks(text)
    except StructureError:
        return
    for block in blocks:
        assert block.text == block.text.strip()
        assert "  " not in block.text
        assert block.text



_LINE = st.lists(
    st.sampled_from([" ", "\t", "\u00a0", "\u3000", "•", "·", "-", "*", "1.", "12)", "٣.", "3", "x",
                     "Data", ".", ":"]),
    max_size=8,
).map("".join)


def _plain_blocks(text: str) -> list[Block]:
    """The definition, line by line: the item grammar on the raw line, its text whitespace-
    normalized; a lone marker takes the next line; any other line is a heading by its shape."""
    blocks: list[Block] = []
    pending: tuple[str, int] | None = None
    for raw in text.splitlines():
        if not raw.strip():
            continue
        match = _ITEM.match(raw)
        if match and match.group("text") is None:
            pending = match.group("marker"), 1 + max(0, (len(match.group("indent").expandtabs(4)) - 2) // 4)
            continue
        if pending is not None:
            blocks.append(Block(BlockKind.ITEM, " ".join((match.group("text") if match else raw).split()),
                                pending[1], pending[0]))
            pending = None
        elif match and not (match.group("marker") == "·" and not match.group("indent")):
            level = 1 + max(0, (len(match.group("indent").expandtabs(4)) - 2) // 4)
            text = " ".join(match.group("text").split())
            blocks.append(Block(BlockKind.ITEM, text, level, match.group("marker")))
        else:
            line = " ".join(raw.split())
            blocks.append(Block(BlockKind.HEADING if is_heading_shaped(line) else BlockKind.PARAGRAPH, line))
    return blocks


@given(st.lists(_LINE, max_size=12))
def test_blocks_are_the_plain_definition(lines: list[str]) -> None:
    """Whatever the whitespace and markers, the splitter's shortcuts (one split per line,
    the item's words taken after the marker word) give the line-by-line definition. (The lines
    are too short to be taken for a wrapped dump: :mod:`pipeline.structure.text_browsers`.)"""
    text = "\n".join(lines)
    expected = _without_contents(_plain_blocks(text))  # a list naming later headings is cut (own tests)
    if not expected:
        with pytest.raises(StructureError):
            text_to_blocks(text)
        return
    assert text_to_blocks(text) == expected


def test_a_remembered_line_reads_as_a_fresh_one() -> None:
    lines = ["  • Python", "· Data", "Key Skills", "They design systems.", "-", "12) Step", "", "   "]
    for line in lines:
        assert _read_line(line) == _read_line(line) == _read_line.__wrapped__(line)  # type: ignore[attr-defined]


def test_a_remembered_line_still_follows_a_lone_marker() -> None:
    # The line alone is a heading; after a lone marker it is that marker's item: what the line
    # before says is applied outside the remembered reading, so the order of reading is free.
    alone = text_to_blocks("Key Skills\n\nText.")
    after = text_to_blocks("-\nKey Skills\n\nText.")
    assert alone[0] == Block(BlockKind.HEADING, "Key Skills")
    assert after[0] == Block(BlockKind.ITEM, "Key Skills", 1, "-")
    assert text_to_blocks("Key Skills\n\nText.") == alone


def test_a_long_line_is_read_but_not_remembered() -> None:
    _read_line.cache_clear()  # type: ignore[attr-defined]
    long = "Word " * (LONGEST_LINE_KEPT // 5 + 1)
    assert text_to_blocks(long)[0].text == long.strip()
    assert _read_line.cache_info().currsize == 0  # type: ignore[attr-defined]
