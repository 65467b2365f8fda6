"""The sixth round's shortcuts (issue 18) give exactly what the plain computation gives.

Lists before a conjunction whose items are read only when a shared head or a shared first word
can use them, shapes not started without anchors, and mention rows made from a per-section
template: each is checked against the form it replaced, on generated text made of the words the
shapes react to and on the cases that decide it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize import phrases
from pipeline.normalize.fields import default_finder, mention_rows
from pipeline.normalize.mentions import MentionFinder
from pipeline.normalize.phrases import Anchors, Rewording, lower, rewordings

_WORDS = [
    "data", "model", "image", "object", "software", "cloud", "quality", "governance", "storage",
    "retrieval", "processing", "statistical", "computational", "techniques", "methods", "analysis",
    "skills", "machine", "learning", "Python", "R", "SQL", "cleaning", "deploying", "models",
    "deployment", "of", "the", "and", "or", "&", "integrity", "access", "visualization", "mining",
]
_GLUE = [" ", " ", " ", ", ", ", ", " and ", " or ", ". ", "; ", "\n", "-", "  "]


def _texts() -> st.SearchStrategy[str]:
    piece = st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GLUE)).map("".join)
    return st.lists(piece, min_size=1, max_size=40).map("".join)


def _finder() -> MentionFinder:
    return default_finder()


def _eager_conjunction_lists(lowered: str, anchors: Anchors,
                             wanted: Callable[[str], bool]) -> Iterator[Rewording]:
    """The conjunction half of ``_shared_heads`` as it was: every list read whole, items and first word."""
    firsts = sorted(start for start, _ in anchors["first"])
    heads = sorted(start for start, _ in anchors["head"])
    backwards = lowered[::-1]
    for _, second in anchors["conj"]:
        i = bisect_left(firsts, second - 80)
        j = bisect_left(heads, second)
        may_head = j < len(heads) and heads[j] - second < 30
        if not may_head and not (i < len(firsts) and firsts[i] < second):
            continue
        head = phrases._HEAD_TAIL.match(lowered, second) if may_head else None
        items, prefix = phrases._list_before(lowered, backwards, second)
        if not items or (head is None and prefix is None):
            continue
        if head:
            for start, end in items:
                phrase = f"{lowered[start:end]} {head.group('head')}"
                if wanted(phrase.replace("-", " ")):
                    yield Rewording(phrase, start, end)
        last = phrases._LAST_ITEM.match(lowered, second) if prefix else None
        if last:
            for start, end in [*items, last.span()]:
                phrase = f"{prefix} {lowered[start:end]}"
                if wanted(phrase.replace("-", " ")):
                    yield Rewording(phrase, start, end)


def _both(text: str) -> tuple[list[Rewording], list[Rewording]]:
    lowered = lower(text)
    _, anchors = _finder()._candidates(text, lowered)
    known = _finder()._phrases.__contains__
    lazy = list(phrases._shared_heads(lowered, [], known, anchors, known))
    eager = list(_eager_conjunction_lists(lowered, anchors, known))
    return lazy, eager


@settings(max_examples=300, deadline=None)
@given(_texts())
def test_lists_read_only_when_used_give_what_reading_every_list_gives(text: str) -> None:
    # _shared_heads reads a list's items only when a head follows it or a shared first word
    # precedes it; reading every list (as before) makes the same phrases in the same order.
    lazy, eager = _both(text)
    assert lazy == eager


def test_lists_read_only_when_used_on_decided_cases() -> None:
    lazy, eager = _both("data storage, retrieval, and processing; statistical and computational techniques; "
                        "cats, dogs and birds")
    assert lazy == eager
    # A shared first word before a list, a shared head after one, and a list with neither.
    assert {r.phrase for r in lazy} == {"data processing", "statistical techniques"}


@settings(max_examples=200, deadline=None)
@given(_texts())
def test_shapes_without_anchors_are_not_started(text: str) -> None:
    # rewordings skips the verb and "X of" shapes when they have no anchor: what each shape
    # makes alone, in the same order, is what rewordings makes.
    lowered = lower(text)
    candidates, anchors = _finder()._candidates(text, lowered)
    covered = [(c[0], c[1]) for c in candidates]
    known = _finder()._phrases.__contains__
    alone = [*phrases._shared_heads(lowered, covered, known, anchors, known),
             *phrases._verb_objects(lowered, anchors["verb"]),
             *phrases._x_of_y(lowered, list(dict.fromkeys(end - 4 for _, end in anchors["of"])))]
    assert list(rewordings(lowered, covered, known, anchors, known)) == alone


def _plain_rows(article_id: str, sections: Sequence[dict[str, object]],
                finder: MentionFinder) -> list[dict[str, object]]:
    """One row per (section, role side, kind, name), as mention_rows built them before the template."""
    found: dict[tuple[object, ...], dict[str, object]] = {}
    per_section = finder.find_all([(str(s["text"]), s["section"]) for s in sections])  # type: ignore[misc]
    for section, mentions in zip(sections, per_section, strict=True):
        for mention in mentions:
            key = (section["section"], section["role_side"], mention.kind, mention.name)
            if key in found:
                found[key]["count"] += 1  # type: ignore[operator]
            else:
                found[key] = {"article_id": article_id, "section": section["section"],
                              "role_side": section["role_side"], "role_key": section["role_key"],
                              "kind": mention.kind, "name": mention.name, "surface": mention.surface,
                              "count": 1}
    return list(found.values())


_SECTION_KEYS = ["definitions", "responsibilities", "required_skills", "education", "tools", "industries"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_texts(), st.sampled_from(_SECTION_KEYS), st.sampled_from(["a", "b", "both"])),
                min_size=1, max_size=5))
def test_mention_rows_from_a_template_give_the_plain_rows(sections: list[tuple[str, str, str]]) -> None:
    rows = [{"text": text, "section": key, "role_side": side, "role_key": f"{side}-key"}
            for text, key, side in sections]
    made = mention_rows("art", rows, _finder())
    plain = _plain_rows("art", rows, _finder())
    assert made == plain
    assert [list(row) for row in made] == [list(row) for row in plain]  # the columns in the same order


def test_mention_rows_count_repeats_on_a_decided_case() -> None:
    rows = [{"text": "Python and SQL; Python again", "section": "required_skills", "role_side": "a",
             "role_key": "a-key"},
            {"text": "", "section": "tools", "role_side": "b", "role_key": "b-key"},
            {"text": "Python", "section": "required_skills", "role_side": "b", "role_key": "b-key"}]
    made = mention_rows("art", rows, _finder())
    assert made == _plain_rows("art", rows, _finder())
    counts = {(row["role_side"], row["name"]): row["count"] for row in made}
    assert counts[("a", "Python")] == 2 and counts[("b", "Python")] == 1 and counts[("a", "SQL")] == 1
