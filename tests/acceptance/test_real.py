"""Acceptance: every real capture in ``../shared/real/pages`` against its hand-checked labels.

A corpus-level gate in the spirit of trafilatura's eval: every labelled field of every page
must match (the floor is 100%: raise it deliberately, never lower it silently).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.decode.charset import decode_bytes
from pipeline.parse.article import parse_blocks
from pipeline.run.process import process_document
from pipeline.structure.text import text_to_blocks

pytestmark = pytest.mark.acceptance


def _labels(real_dir: Path) -> list[dict[str, Any]]:
    with open(real_dir / "index.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="module")
def parsed(real_dir: Path) -> list[tuple[dict[str, Any], Any]]:
    out = []
    for label in _labels(real_dir):
        data = (real_dir / "pages" / label["file"]).read_bytes()
        result = process_document(RawDocument(label["file"], data, "text"), Limits())
        out.append((label, result))
    return out


def test_every_article_page_parses(parsed: list[tuple[dict[str, Any], Any]]) -> None:
    failures = [
        (label["file"], result.quarantine)
        for label, result in parsed
        if label["kind"] == "comparison_article" and not result.is_article
    ]
    assert failures == []


@pytest.mark.parametrize("field", ["title", "role_a", "role_b", "subtitle", "read_minutes", "published_date",
                                   "slug"])
def test_header_fields(parsed: list[tuple[dict[str, Any], Any]], field: str) -> None:
    expected_key = {"subtitle": "subtitle_clean", "published_date": "published"}.get(field, field)
    mismatches = []
    for label, result in parsed:
        if not result.is_article:
            continue
        article = result.rows["articles"][0]
        got = article[field]
        if field == "published_date" and got is not None:
            got = got.isoformat()
        if got != label[expected_key]:
            mismatches.append((label["file"], got, label[expected_key]))
    assert mismatches == []


def test_cut_captures_are_marked_truncated(parsed: list[tuple[dict[str, Any], Any]]) -> None:
    assert [label["file"] for label, result in parsed
            if result.rows["articles"][0]["truncated"] is not label["truncated"]] == []


def test_encoding_damage_repaired(parsed: list[tuple[dict[str, Any], Any]]) -> None:
    for label, result in parsed:
        article = result.rows["articles"][0]
        damaged = label["separator_raw"] not in (None, "·")
        assert article["encoding_repaired"] is damaged, label["file"]


def test_definitions_per_role(parsed: list[tuple[dict[str, Any], Any]]) -> None:
    mismatches = []
    for label, result in parsed:
        sections = result.rows["sections"]
        for side, key in (("a", "def_a_start"), ("b", "def_b_start")):
            want = label[key]
            if not want:
                continue
            texts = [s["text"] for s in sections if s["section"] == "definitions" and s["role_side"] == side]
            if not texts or not texts[0].startswith(want):
                mismatches.append((label["file"], side, want, texts[:1]))
    assert mismatches == []


def test_lead_in_of_shared_definitions_is_not_role_a(parsed: list[tuple[dict[str, Any], Any]]) -> None:
    for label, result in parsed:
        if not label["def_leadin"]:
            continue
        firsts = [s for s in result.rows["sections"] if s["section"] == "definitions"]
        assert firsts[0]["text"].startswith(label["def_leadin"]), label["file"]
        assert firsts[0]["role_side"] == "both", label["file"]


def test_headings_in_order(real_dir: Path) -> None:
    """Section and role headings are recognized, in order, as the labels list them."""
    mismatches = []
    for label in _labels(real_dir):
        text = decode_bytes((real_dir / "pages" / label["file"]).read_bytes(), is_html=False).text
        parsed = parse_blocks(text_to_blocks(text))
        got = [h.rstrip(":") for h in parsed.body.headings]
        want = [h.rstrip(":") for h in label["headings_in_excerpt"]]
        if got[: len(want)] != want:
            mismatches.append((label["file"], got, want))
    assert mismatches == []


def test_items_attributed_under_role_subheadings(parsed: list[tuple[dict[str, Any], Any]]) -> None:
    """Bullets under a role sub-heading belong to that role, never to ``both``."""
    for label, result in parsed:
        if label["definitions_style"] != "labelled" or label["bullet_style"] == "none-in-excerpt":
            continue
        sides = {i["role_side"] for i in result.rows["items"] if i["section"] == "responsibilities"}
        assert sides and sides <= {"a", "b"}, label["file"]


def test_same_bytes_same_id(parsed: list[tuple[dict[str, Any], Any]]) -> None:
    by_sha: dict[str, set[str]] = {}
    for _, result in parsed:
        by_sha.setdefault(result.content_sha256, set()).add(result.rows["articles"][0]["article_id"])
    assert all(len(ids) == 1 for ids in by_sha.values())


def test_no_paragraph_is_split_back_and_forth(parsed: list[tuple[dict[str, Any], Any]]) -> None:
    """A paragraph's sentences stay with their role: no section runs a / b / a or b / a / b
    because one sentence names the other role's people as collaborators (044, 095, 099 did)."""
    zigzags = []
    for label, result in parsed:
        if not result.is_article:
            continue
        sections = result.rows["sections"]
        runs = [s["role_side"] for s in sections
                if s["section"] == "definitions" and s["role_side"] in ("a", "b")]
        if any(runs[i] == runs[i + 2] != runs[i + 1] for i in range(len(runs) - 2)):
            zigzags.append((label["file"], runs))
    assert zigzags == []
