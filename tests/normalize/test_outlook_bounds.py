"""Outlook figures cost time linear in the text, whatever a sentence holds (issue: no document
may take long). Before: each growth figure searched its whole sentence for its clause and
for the roles it names, so a 64 KB "sentence" of ``grow 1% grow 1% ...`` cost 27 s (256 KB:
minutes) and gave 8,000 rows each repeating the 64 KB sentence. Now a sentence's clause
breaks are found once, a clause's roles once, and only its first ``MAX_FIGURES`` figures are
read (real sentences state one or two)."""

from __future__ import annotations

import re
import time

from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize.outlook import MAX_FIGURES, outlook_stats
from pipeline.normalize.outlook_roles import _CLAUSE_BREAK, clause_breaks, clause_in
from tests.costs import article, relative_cost, run_text


def hostile(unit: str, size: int, variant: int) -> str:
    return article(outlook=f"Employment {variant} is projected to " + unit * (size // len(unit)))


def test_a_sentence_of_many_growth_figures_costs_what_a_plain_article_does() -> None:
    assert relative_cost(lambda v: hostile("grow 1% ", 32 * 1024, v)) < 10  # was about 300


def test_the_cost_of_a_sentence_of_figures_grows_linearly() -> None:
    def best(size: int) -> float:  # a new text each round: nothing remembered helps
        return min(_cpu(f"Jobs {v} " + "grow 1% in 10 years, " * (size // 21)) for v in range(3))

    _cpu("Jobs grow 1% in 10 years.")  # warm-up
    assert best(64 * 1024) / best(16 * 1024) < 8  # 18 when quadratic


def _cpu(text: str) -> float:
    start = time.process_time()
    outlook_stats(text)
    return max(time.process_time() - start, 1e-6)


def test_only_the_first_figures_of_a_sentence_become_rows() -> None:
    result = run_text(hostile("jobs grow 5% from 2022 to 2032 ", 64 * 1024, 0))
    rows = result.rows["outlook_stats"]
    assert len(rows) == MAX_FIGURES
    assert {(r["percent"], r["start_year"], r["end_year"]) for r in rows} == {(5.0, 2022, 2032)}
    assert result.rows["articles"] and not result.quarantine


def test_a_plain_outlook_keeps_all_its_figures() -> None:
    text = ("Analysts grow 8 percent from 2022 to 2032, while engineers grow 20 percent. "
            "Both may rise 5%, 6%, 7% or 9% by 2030.")
    assert [s.percent for s in outlook_stats(text)] == [8.0, 20.0, 5.0, 6.0, 7.0, 9.0]


def _clause_by_rescan(sentence: str, start: int, end: int) -> str:
    """The clause as it was found before: the sentence searched again for each figure."""
    low, high = 0, len(sentence)
    for match in _CLAUSE_BREAK.finditer(sentence):
        if match.end() <= start:
            low = match.end()
        elif match.start() >= end:
            high = match.start()
            break
    return sentence[low:high]


PIECES = st.sampled_from(["grow 5%", " ", ", while ", ", and ", ";", ": ", " whereas ", "x", ",",
                          " compared with ", "%", "1"])


@given(st.lists(PIECES, max_size=60).map("".join), st.data())
def test_clauses_from_breaks_found_once_are_the_clauses_found_by_rescanning(sentence: str, data: st.DataObject
                                                                            ) -> None:
    start = data.draw(st.integers(0, len(sentence)))
    end = data.draw(st.integers(start, len(sentence)))
    assert clause_in(sentence, clause_breaks(sentence), start, end) == _clause_by_rescan(sentence, start, end)


@given(st.lists(PIECES, max_size=200).map("".join))
def test_outlook_stats_read_any_text(text: str) -> None:
    stats = outlook_stats(text)
    assert len(stats) <= MAX_FIGURES * max(1, len(re.findall(r"[.!?]", text)) + text.count("\n") + 1)
    assert all(stat.sentence in text for stat in stats)
