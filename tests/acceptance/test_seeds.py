"""Acceptance: the two real seed dumps, every field read by eye, through the whole CLI.

The seeds are read from ``../shared/seeds`` at run time and never copied into the repo:
every expected text (titles, definitions, items, cards, links) is read from the seed file
itself by the small line readers below, which are independent of the parser; numbers,
dates, codes and section keys are asserted literally.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.decode.mojibake import looks_damaged
from pipeline.tables.schema import TABLES

pytestmark = pytest.mark.acceptance

CLEAN = "000_aad29e815ff63353.txt"
PROSE = "001_2c3ce2894541fa1b.txt"


@pytest.fixture(scope="module")
def tables(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    work = tmp_path_factory.mktemp("seeds")
    shutil.copytree(seeds_dir, work / "in")
    out = work / "out"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "run",
            "--input",
            str(work / "in"),
            "--output",
            str(out),
            "--workers",
            "1",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in TABLES}


def _article(tables: dict[str, pd.DataFrame], source: str) -> pd.Series:
    rows = tables["articles"][tables["articles"].source_uri == source]
    assert len(rows) == 1
    return rows.iloc[0]


def _sections(tables: dict[str, pd.DataFrame], article_id: str) -> list[tuple[str, str | None]]:
    df = tables["sections"][tables["sections"].article_id == article_id].sort_values("position")
    return list(zip(df.section, df.role_side, strict=True))


def _items(tables: dict[str, pd.DataFrame], article_id: str, section: str, side: str) -> list[str]:
    df = tables["items"]
    df = df[(df.article_id == article_id) & (df.section == section) & (df.role_side == side)]
    return list(df.sort_values("position").text)


# -- reading the seed files (expected values come from the file, at run time) -------------


@pytest.fixture(scope="module")
def clean(seeds_dir: Path) -> list[str]:
    return _lines(seeds_dir / CLEAN)


@pytest.fixture(scope="module")
def prose(seeds_dir: Path) -> list[str]:
    return _lines(seeds_dir / PROSE)


def _lines(path: Path) -> list[str]:
    """The dump's non-blank lines, stripped."""
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _after(lines: list[str], marker: str, skip: int = 0) -> str:
    """The line ``1 + skip`` lines after the first line equal to ``marker``."""
    return lines[lines.index(marker) + 1 + skip]


def _bullets(lines: list[str]) -> list[str]:
    return [line.lstrip("•").strip() for line in lines if line.startswith("•")]


def _numbered(lines: list[str]) -> list[str]:
    return [m.group(1) for line in lines if (m := re.match(r"^\d+\.\s+(.*)$", line))]


def _unlabel(line: str) -> str:
    return line.split(": ", 1)[1]


def _cards(lines: list[str]) -> list[tuple[str, str, str, str]]:
    """(title, company, location, salary as printed) of each ``Featured Job`` card."""
    out = []
    for i, line in enumerate(lines):
        if line.startswith("Featured Job"):
            company, location = lines[i + 2].lstrip("@ ").split(" | ", 1)
            salary = re.search(r"[A-Z]{3} \S+ - \S+$", lines[i + 3])
            assert salary is not None
            out.append((lines[i + 1], company, location, salary.group(0)))
    return out


def _links(lines: list[str]) -> list[tuple[str, str]]:
    return [
        (m.group(1), m.group(2))
        for line in lines
        if (m := re.match(r"^View salary info for (.+) \((.+)\) Details$", line))
    ]


def _card_rows(tables: dict[str, pd.DataFrame], source: str) -> pd.DataFrame:
    art_id = _article(tables, source).article_id
    sight = tables["job_sightings"][tables["job_sightings"].article_id == art_id].sort_values("position")
    return tables["job_cards"].set_index("job_id").loc[list(sight.job_id)]


# -- the tests -----------------------------------------------------------------------------


def test_nothing_quarantined(tables: dict[str, pd.DataFrame]) -> None:
    assert tables["quarantine"].empty
    assert len(tables["articles"]) == 2


def test_clean_seed_article_fields(tables: dict[str, pd.DataFrame], clean: list[str]) -> None:
    art = _article(tables, CLEAN)
    assert art.title == clean[0]
    assert (art.role_a, art.role_b) == tuple(clean[0].split(" vs. "))
    assert art.subtitle == clean[1]
    assert art.read_minutes == 4
    assert art.published_date == dt.date(2024, 10, 30)
    assert art.slug == art.article_key == re.sub(r"[^a-z0-9]+", "-", clean[0].lower().replace("vs.", "vs"))
    assert art.source_format == "text" and pd.isna(art.url)
    assert art.intro == _after(clean, "Table of contents")
    assert not art.encoding_repaired
    assert not art.truncated
    assert art.article_id == art.content_sha256[:16]


def test_clean_seed_sections_and_items(tables: dict[str, pd.DataFrame], clean: list[str]) -> None:
    art = _article(tables, CLEAN)
    per_role = ["definitions", "responsibilities", "required_skills", "education", "tools", "industries"]
    expected = [(key, side) for key in per_role for side in ("a", "b")]
    expected += [("outlook", "both"), ("tips", "both"), ("conclusion", "both")]
    assert _sections(tables, art.article_id) == expected
    secs = tables["sections"][tables["sections"].article_id == art.article_id].sort_values("position")
    defs = secs[secs.section == "definitions"]
    assert list(defs.text) == [
        _unlabel(_after(clean, "Definitions")),
        _unlabel(_after(clean, "Definitions", 1)),
    ]
    assert list(secs.heading.iloc[:4]) == [
        "Definitions",
        "Definitions",
        "Responsibilities",
        "Responsibilities",
    ]
    assert list(secs.role.iloc[:2]) == [art.role_a, art.role_b]
    counts = {
        (s, side): len(_items(tables, art.article_id, s, side)) for s in per_role[1:] for side in ("a", "b")
    }
    assert counts == {
        ("responsibilities", "a"): 6,
        ("responsibilities", "b"): 6,
        ("required_skills", "a"): 6,
        ("required_skills", "b"): 6,
        ("education", "a"): 3,
        ("education", "b"): 3,
        ("tools", "a"): 5,
        ("tools", "b"): 5,
        ("industries", "a"): 5,
        ("industries", "b"): 5,
    }
    items = tables["items"][tables["items"].article_id == art.article_id]
    in_order = list(items.sort_values(["section_position", "position"]).text)
    assert in_order == _bullets(clean) + _numbered(clean)  # every bullet, in order, bullet removed
    tips = _items(tables, art.article_id, "tips", "both")
    assert len(tips) == 6 and tips == _numbered(clean)  # numbered tips keep their label
    assert secs[secs.section == "outlook"].text.iloc[0] == _after(clean, "Outlooks")
    conclusion = secs[secs.section == "conclusion"]
    last_tip = next(line for line in reversed(clean) if re.match(r"^\d+\. ", line))
    assert conclusion.text.iloc[0] == _after(clean, last_tip)
    assert conclusion.heading.isna().all()


def test_clean_seed_job_cards(tables: dict[str, pd.DataFrame], clean: list[str]) -> None:
    cards = _card_rows(tables, CLEAN)
    printed = _cards(clean)
    assert len(printed) == 5
    assert list(zip(cards.title, cards.company, cards.location, cards.salary_text, strict=True)) == printed
    assert list(cards.is_remote) == [True, True, False, False, False]
    assert [list(t) for t in cards.employment_types] == [
        ["full_time"],
        ["full_time"],
        ["full_time"],
        ["full_time", "internship"],
        ["full_time", "internship"],
    ]
    assert list(cards.seniority) == ["MI", "SE", "MI", "EN", "EN"]
    assert list(cards.salary_currency) == ["USD"] * 5
    assert list(cards.salary_min) == [100_000, 120_000, 75_000, 85_000, 95_000]
    assert list(cards.salary_max) == [130_000, 150_000, 150_000, 185_000, 192_000]
    assert set(cards.salary_flag) == {"ok"}


def test_clean_seed_salary_links(tables: dict[str, pd.DataFrame], clean: list[str]) -> None:
    art_id = _article(tables, CLEAN).article_id
    links = tables["salary_links"][tables["salary_links"].article_id == art_id].sort_values("position")
    assert list(zip(links.role, links.scope, strict=True)) == _links(clean)
    assert len(links) == 3


def test_prose_seed_article_fields(tables: dict[str, pd.DataFrame], prose: list[str]) -> None:
    art = _article(tables, PROSE)
    assert art.title == prose[0]
    assert (art.role_a, art.role_b) == tuple(prose[0].split(" vs. "))
    assert art.subtitle == prose[1]
    assert art.read_minutes == 5
    assert art.published_date == dt.date(2023, 12, 6)
    assert art.encoding_repaired
    assert art.intro == _after(prose, "Table of contents")


def test_prose_seed_attribution(tables: dict[str, pd.DataFrame], prose: list[str]) -> None:
    art_id = _article(tables, PROSE).article_id
    expected = [("definitions", "a"), ("definitions", "b")]
    for key in ("responsibilities", "required_skills", "education", "tools", "industries", "outlook"):
        expected += [(key, "both"), (key, "a"), (key, "b")]
    expected += [("tips", "both"), ("conclusion", "both")]
    assert _sections(tables, art_id) == expected
    secs = tables["sections"][tables["sections"].article_id == art_id].sort_values("position")
    defs = secs[secs.section == "definitions"].text
    assert list(defs) == [_after(prose, "Definitions"), _after(prose, "Definitions", 1)]
    outlook = secs[secs.section == "outlook"]
    printed = _after(prose, "Outlooks")  # one paragraph: lead-in, then a figure per role
    for side, figure in (("a", "15"), ("b", "22")):
        text = outlook[outlook.role_side == side].text.iloc[0]
        assert text in printed and figure in text
    tips = _items(tables, art_id, "tips", "both")
    assert len(tips) == 5 and tips == _bullets(prose)
    lead_in = prose[prose.index("• " + tips[0]) - 1]
    assert secs[secs.section == "tips"].text.iloc[0].startswith(lead_in)  # the lead-in is text, not a tip
    last_bullet = next(line for line in reversed(prose) if line.startswith("•"))
    assert secs[secs.section == "conclusion"].text.iloc[0] == _after(prose, last_bullet)


def test_prose_seed_job_cards(tables: dict[str, pd.DataFrame], prose: list[str]) -> None:
    cards = _card_rows(tables, PROSE)
    printed = _cards(prose)
    assert len(printed) == 6
    assert list(zip(cards.title, cards.company, cards.location, cards.salary_text, strict=True)) == printed
    first = cards.iloc[0]
    assert first.salary_flag == "implausible"
    assert pd.isna(first.salary_min) and pd.isna(first.salary_max)
    assert list(cards.is_remote) == [False, False, True, True, False, False]
    assert list(cards.seniority) == ["SE", "SE", "SE", "SE", "SE", "EN"]
    assert [list(t) for t in cards.employment_types][-1] == ["internship"]
    assert list(cards.salary_min.iloc[1:]) == [120_000, 160_000, 100_000, 100_000, 60_000]
    assert list(cards.salary_max.iloc[1:]) == [160_000, 180_000, 120_000, 180_000, 96_000]
    assert list(cards.salary_flag.iloc[1:]) == ["ok"] * 5
    art_id = _article(tables, PROSE).article_id
    links = tables["salary_links"][tables["salary_links"].article_id == art_id].sort_values("position")
    assert list(zip(links.role, links.scope, strict=True)) == _links(prose)
    assert len(links) == 2


def test_no_damaged_sequence_survives(tables: dict[str, pd.DataFrame]) -> None:
    for name, df in tables.items():
        for column in df.columns:
            for value in df[column]:
                if isinstance(value, str):
                    assert not looks_damaged(value), (name, column, value[:80])
                    assert "Β·" not in value and "πŸ" not in value
