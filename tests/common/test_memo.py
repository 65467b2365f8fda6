"""The per-process memory helper: answers as the function gives them, bounded, listed, emptied."""

from __future__ import annotations

from pipeline.common import memo

_CALLS: list[str] = []


@memo.remembered(maxsize=4, longest=10)
def _shout(text: str, times: int = 1) -> str:
    _CALLS.append(text)
    return text.upper() * times


def test_a_remembered_answer_is_the_answer_and_computed_once() -> None:
    _shout.cache_clear()  # type: ignore[attr-defined]
    _CALLS.clear()
    assert _shout("abc") == _shout("abc") == _shout.__wrapped__("abc") == "ABC"  # type: ignore[attr-defined]
    assert _CALLS == ["abc", "abc"]  # the first call, then the fresh one through __wrapped__


def test_every_argument_is_part_of_the_key() -> None:
    _shout.cache_clear()  # type: ignore[attr-defined]
    assert _shout("ab", 1) == "AB"
    assert _shout("ab", 2) == "ABAB"  # a key of the text alone would answer "AB"


def test_a_long_first_argument_is_answered_fresh_and_not_kept() -> None:
    _shout.cache_clear()  # type: ignore[attr-defined]
    _CALLS.clear()
    long = "x" * 11
    assert _shout(long) == _shout(long) == long.upper()
    assert [long, long] == _CALLS
    assert _shout.cache_info().currsize == 0  # type: ignore[attr-defined]


def test_entries_are_bounded_and_listed_and_forgotten() -> None:
    _shout.cache_clear()  # type: ignore[attr-defined]
    for word in "abcdefgh":
        _shout(word)
    info = memo.registry()[f"{__name__}._shout"]
    assert (info.entries, info.maxsize, info.longest, info.misses) == (4, 4, 10, 8)
    memo.forget_all()
    assert memo.registry()[f"{__name__}._shout"].entries == 0
