"""The mojibake gate reads only the stretches of a page that hold non-ASCII bytes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.decode import mojibake
from pipeline.decode.mojibake import _ASCII_TO_SPACE, _non_ascii_stretches, non_ascii_run


def _squeezed(data: bytes) -> list[bytes]:
    return data.translate(_ASCII_TO_SPACE).split()


_PIECES = st.sampled_from(["a", " ", "\n", "<p>", "é", "’", "Ã©", "—", "👀", "x" * 7])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=80).map("".join), st.integers(1, 9))
def test_stretches_keep_every_run_whole_and_in_order(text: str, size: int) -> None:
    """Whatever the stretch size, runs that straddle a stretch's end included, the squeeze of
    the stretches gives the runs of the whole data."""
    data = text.encode("utf-8")
    assert _squeezed(_non_ascii_stretches(data, size)) == _squeezed(data)


def test_a_long_page_gives_the_runs_of_the_whole_text() -> None:
    text = ("x" * 5000 + "é’") * 3 + "y" * 4095 + "👀" + "z" * 9000 + "Ã©"
    assert non_ascii_run(text) == "é’ é’ é’ 👀 Ã©"
    assert mojibake.looks_damaged(text) and not mojibake.looks_damaged(text.replace("Ã©", "é"))


def test_an_ascii_page_has_no_stretch() -> None:
    assert _non_ascii_stretches(b"a" * 20_000) == b""
