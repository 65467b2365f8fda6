"""The corpus generator: determinism, committed samples, exact damage bytes, faithful rendering."""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.corpus.__main__ import main as corpus_main
from pipeline.corpus.articles import SPECS
from pipeline.corpus.chrome import nav_groups, site_chrome
from pipeline.corpus.damage import (
    JUNK_KINDS,
    cp1252,
    damage_runs,
    gzip_bytes,
    junk_document,
    mojibake,
    utf8_bom,
    utf16le_bom,
)
from pipeline.corpus.generate import (
    MANIFEST,
    build_document,
    iter_corpus,
    sample_documents,
    synth_spec,
    write_corpus,
    write_samples,
)
from pipeline.corpus.render_html import LAYOUTS, Layout, page_bytes, render_html
from pipeline.corpus.render_text import FEATURED, indefinite, outline, plural, prose_fragment, render_text
from pipeline.corpus.specs import LIST_SECTIONS, ArticleSpec
from pipeline.parse.listing import is_listing_page
from pipeline.run.process import process_document

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "raw" / "samples"


def _synthetic(count: int = 12, seed: int = 11) -> list[ArticleSpec]:
    return [synth_spec(random.Random(f"test:{seed}:{i}")) for i in range(count)]


ALL_SPECS = [*SPECS, *_synthetic()]


def _norm(text: str) -> str:
    return " ".join(text.split())


def _content_lines(spec: ArticleSpec) -> list[str]:
    """Every printed line of the paged dump without its bullet or number: what a page shows."""
    lines = []
    for raw in render_text(spec).splitlines():
        line = re.sub(r"^\s*(?:•|\d+\.)\s+", "", raw).strip()
        if line:
            lines.append(_norm(line))
    return lines


def _visible_text(html: str) -> str:
    root = lxml.html.document_fromstring(html)
    for hidden in root.xpath("//script|//style|//head|//noscript"):
        hidden.drop_tree()
    return _norm(root.text_content())


def _assert_in_order(haystack: str, needles: list[str]) -> None:
    position = 0
    for needle in needles:
        found = haystack.find(needle, position)
        assert found >= 0, f"missing or out of order: {needle!r}"
        position = found + len(needle)


# --- determinism --------------------------------------------------------------------------

def test_same_seed_same_bytes_and_different_seed_different_bytes() -> None:
    first = [(d.name, d.data) for d in iter_corpus(40, seed=3)]
    again = [(d.name, d.data) for d in iter_corpus(40, seed=3)]
    other = [(d.name, d.data) for d in iter_corpus(40, seed=4)]
    assert first == again
    assert first != other
    assert sum(a != b for a, b in zip(first, other, strict=True)) > 30


def test_document_depends_on_its_index_not_on_corpus_size() -> None:
    small = [d.data for d in iter_corpus(10, seed=9)]
    large = [d.data for d in iter_corpus(25, seed=9)]
    assert large[:10] == small
    assert build_document(9, 7).data == small[7]


def test_generator_does_not_touch_global_random() -> None:
    random.seed(123)
    expected = random.random()
    random.seed(123)
    list(iter_corpus(5, seed=1))
    assert random.random() == expected


def test_corpus_is_varied() -> None:
    docs = list(iter_corpus(300, seed=5, junk_share=0.05, dup_share=0.02))
    infos = [d.info for d in docs]
    articles = [i for i in infos if i["kind"] == "article"]
    assert len({i["title"] for i in articles}) > 150
    assert {i["format"] for i in articles} == {"text", "html"}
    assert {i.get("layout") for i in articles} >= {"semantic", "main", "divsoup"}
    assert {i.get("shape") for i in articles} >= {"paged", "flat"}
    assert {i["encoding"] for i in articles} >= {"utf-8", "utf-8-bom", "utf-16-le-bom", "windows-1252"}
    assert {i.get("damage") for i in articles} >= {"cp1253", "cp874"}
    assert any(i["gzip"] for i in articles)
    assert any(i["kind"] == "junk" for i in infos)
    duplicates = [d for d in docs if d.info["kind"] == "duplicate"]
    assert duplicates
    by_name = {d.name: d.data for d in docs}
    assert all(by_name[d.info["duplicate_of"]] == d.data for d in duplicates)
    assert len({d.name for d in docs}) == len(docs)


def test_junk_share_one_gives_only_junk_of_every_kind() -> None:
    infos = [d.info for d in iter_corpus(120, seed=2, junk_share=1.0)]
    assert {i["kind"] for i in infos} == {"junk"}
    assert {i["junk"] for i in infos} == set(JUNK_KINDS)


@pytest.mark.parametrize("spec", _synthetic(60, seed=21), ids=lambda s: s.slug)
def test_synthetic_roles_share_no_sentence_or_item(spec: ArticleSpec) -> None:
    a, b = spec.roles
    assert a.definition[len(indefinite(a.name)):] != b.definition[len(indefinite(b.name)):]
    for section in LIST_SECTIONS:
        assert len(a.items(section)) >= 3 and len(b.items(section)) >= 3
        assert not set(a.items(section)) & set(b.items(section)), section


def test_same_job_appears_on_several_articles() -> None:
    seen: dict[tuple[str, str, str], set[str]] = {}
    for index in range(60):
        spec = synth_spec(random.Random(f"jobs:{index}"))
        for card in spec.jobs:
            seen.setdefault((card.title, card.company, card.location), set()).add(spec.title)
    assert any(len(titles) > 1 for titles in seen.values())


# --- committed samples ----------------------------------------------------------------------

def _read_sample(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def test_committed_samples_match_the_generator(tmp_path: Path) -> None:
    """raw/samples must be exactly what ``python -m pipeline.corpus samples`` writes now.

    gzip members are compared after decompression (plus their header), because the
    deflate stream may differ between zlib builds while the content cannot.
    """
    assert corpus_main(["samples", str(tmp_path)]) == 0
    fresh = {p.name: p for p in tmp_path.iterdir()}
    committed = {p.name: p for p in SAMPLES.iterdir() if p.is_file()}
    assert sorted(committed) == sorted(fresh), "run: python -m pipeline.corpus samples raw/samples"
    for name, path in fresh.items():
        assert _read_sample(committed[name]) == _read_sample(path), name
        if name.endswith(".gz"):
            assert committed[name].read_bytes()[:10] == path.read_bytes()[:10], name
        else:
            assert committed[name].read_bytes() == path.read_bytes(), name


def test_samples_are_byte_stable_and_small(tmp_path: Path) -> None:
    write_samples(tmp_path / "one")
    write_samples(tmp_path / "two")
    for path in (tmp_path / "one").iterdir():
        assert path.read_bytes() == (tmp_path / "two" / path.name).read_bytes()
    assert sum(p.stat().st_size for p in (tmp_path / "one").iterdir()) < 200_000


def test_samples_cover_the_variants() -> None:
    docs = {d.name: d.data for d in sample_documents()}
    names = " ".join(docs)
    for marker in ("text-2024-clean", "text-2023-prose", "text-2024-flat", "text-2023-grouped",
                   "mojibake-cp1253", "mojibake-cp874", "utf16le", "bom-utf8", ".txt.gz", "html-semantic",
                   "html-divsoup", "html-main", "html-cp1252", "mhtml-chrome", "webarchive-safari",
                   "markdown-jina"):
        assert marker in names
    for name, data in docs.items():
        if "mojibake-cp1253" in name:
            assert "Β·".encode() in data and "πŸ‘€".encode() in data and "  • ".encode() in data
        if "mojibake-cp874" in name:
            assert "ยท".encode() in data and "·".encode() not in data.replace("ยท".encode(), b"")
        if name.startswith("utf16le"):
            assert data.startswith(b"\xff\xfe")
        if name.startswith("bom-utf8"):
            assert data.startswith(b"\xef\xbb\xbf")
        if name.startswith("html-cp1252"):
            assert b'<meta charset="windows-1252">' in data and b"\xe9" in data and b"&#128064;" in data
    # One job (title, company, location) is featured on two different articles.
    carded = [d for n, d in docs.items() if n.startswith("text-2024-clean") or n.startswith("utf16le")]
    decoded = [carded[0].decode("utf-8"), carded[1].decode("utf-16")]
    shared = "Featured Job 👀\nSenior Data Engineer\n\n@ Northwind Analytics | Remote (US only)"
    assert all(shared in text for text in decoded)


# --- damage ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("codec", "expected"), [
    ("cp1253", b"\xce\x92\xc2\xb7"),          # Β·
    ("cp874", b"\xe0\xb8\xa2\xe0\xb8\x97"),   # ยท
    ("cp1252", b"\xc3\x82\xc2\xb7"),          # Â·
])
def test_separator_mojibake_bytes(codec: str, expected: bytes) -> None:
    assert mojibake("·", codec).encode("utf-8") == expected


def test_emoji_mojibake_mixes_cp1253_and_cp1252() -> None:
    assert mojibake("👀", "cp1253") == "πŸ‘€"
    assert mojibake("👀", "cp1253").encode("utf-8") == b"\xcf\x80\xc5\xb8\xe2\x80\x98\xe2\x82\xac"


def test_damage_touches_only_the_chosen_runs() -> None:
    text = "5 min read · Dec. 6, 2023\n  • Bachelor’s degree\nFeatured Job 👀"
    damaged = damage_runs(text, "cp1253")
    assert damaged == "5 min read Β· Dec. 6, 2023\n  • Bachelor’s degree\nFeatured Job πŸ‘€"
    assert damage_runs(text, "cp874", ("·",)) == text.replace("·", "ยท")


def test_damage_matches_the_real_prose_seed(seeds_dir: Path) -> None:
    prose = next(p for p in sorted(seeds_dir.glob("*.txt")) if "min read ·".encode() not in p.read_bytes())
    data = prose.read_bytes()
    assert mojibake("·", "cp1253").encode() in data
    assert mojibake("👀", "cp1253").encode() in data


def test_encodings() -> None:
    text = "Société – Bachelor’s · 👀"
    assert utf8_bom(text) == b"\xef\xbb\xbf" + text.encode()
    assert utf16le_bom(text)[:2] == b"\xff\xfe"
    assert utf16le_bom(text).decode("utf-16") == text
    assert cp1252("é–’") == b"\xe9\x96\x92"
    with pytest.raises(UnicodeEncodeError):
        cp1252("👀")
    assert cp1252("👀", charrefs=True) == b"&#128064;"


def test_gzip_is_stable_and_round_trips() -> None:
    data = b"Data Engineer vs. MLOps Engineer"
    packed = gzip_bytes(data)
    assert packed == gzip_bytes(data)
    assert packed[4:8] == b"\x00\x00\x00\x00"  # mtime
    assert gzip.decompress(packed) == data


def test_junk_documents() -> None:
    rng = random.Random(1)
    docs = {kind: junk_document(kind, rng) for kind in JUNK_KINDS}
    assert docs["empty"] == (".txt", b"")
    assert docs["whitespace"][1] and not docs["whitespace"][1].decode("utf-8").strip()
    binary = docs["binary"][1]
    assert not binary.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")) and b"\x00" in binary
    assert docs["html404"][0] == ".html" and b"404" in docs["html404"][1]
    english = docs["english"][1].decode()
    assert " vs" not in english and "Featured Job" not in english and len(english) > 200
    assert docs["corrupt_gzip"][0] == ".txt.gz"
    with pytest.raises((EOFError, OSError)):
        gzip.decompress(docs["corrupt_gzip"][1])


# --- text rendering -------------------------------------------------------------------------

@pytest.mark.parametrize("spec", ALL_SPECS, ids=lambda s: s.slug)
@pytest.mark.parametrize("shape", ["paged", "flat"])
def test_text_contains_every_part_of_the_spec(spec: ArticleSpec, shape: str) -> None:
    text = render_text(spec, shape)  # type: ignore[arg-type]
    p = spec.presentation
    assert text.splitlines()[0] == spec.title
    for part in (spec.subtitle, *spec.intro, *spec.outlook, spec.conclusion):
        assert part in text
    for role in spec.roles:
        assert role.definition[1:] in text  # "On the other hand, a ..." lower-cases the article
        for section in LIST_SECTIONS:
            for item in role.items(section):
                prose = p.lists == "prose" and not p.grouped_by_role
                assert (prose_fragment(item, section) if prose else item) in text, item
    for tip in spec.tips:
        assert tip.text in text and (p.tips == "bullets" or f"{tip.label}: {tip.text}" in text)
    for card in spec.jobs:
        assert card.title in text and card.company_line in text and card.badge_line in text
    for salary_role in spec.salary_roles:
        assert f"View salary info for {salary_role} (global) Details" in text
    assert text.endswith("Related articles")


def test_clean_2024_shape() -> None:
    spec = SPECS[0]
    lines = render_text(spec).split("\n")
    assert lines[:8] == [spec.title, "", spec.subtitle, "", "4 min read · Oct. 30, 2024", spec.title,
                         "Table of contents", ""]
    assert "Data Engineer: A Data Engineer builds" in render_text(spec)
    assert "Responsibilities\n\nData Engineer\n\n  • Design batch" in render_text(spec)
    assert "\n\n  1. Learn SQL deeply: Nearly" in render_text(spec)
    assert "\n\n  2. Ship a small pipeline" in render_text(spec)
    card = "\nFeatured Job 👀\nSenior Data Engineer\n\n@ Northwind Analytics | Remote (US only)\n\n" \
           "Full Time Senior-level / Expert USD 140K - 175K\nFeatured Job 👀\n"
    assert card in render_text(spec)
    assert "Full Time Internship Entry-level / Junior USD 45K - 60K" in render_text(spec)
    assert "\n\nSalary Insights\n\nView salary info for Data Engineer (global) Details\n" in render_text(spec)


def test_clean_shape_matches_the_real_seed_layout(seeds_dir: Path) -> None:
    """Same blank-line pattern as the real 2024 dump in the header and around job cards."""
    seed = next(p for p in sorted(seeds_dir.glob("*.txt")) if "min read ·".encode() in p.read_bytes())
    real = seed.read_text("utf-8").split("\n")
    ours = render_text(SPECS[0]).split("\n")

    def blank_pattern(lines: list[str]) -> list[bool]:
        return [not line for line in lines]

    assert blank_pattern(real[:9]) == blank_pattern(ours[:9])
    assert real[6] == ours[6] == "Table of contents"
    real_card = real.index(next(line for line in real if line.startswith("Featured Job")))
    our_card = ours.index(next(line for line in ours if line.startswith("Featured Job")))
    assert blank_pattern(real[real_card - 1:real_card + 7]) == blank_pattern(ours[our_card - 1:our_card + 7])
    assert real[-1] == ours[-1] == "Related articles"


def test_prose_2023_shape() -> None:
    text = render_text(SPECS[1])
    assert "5 min read · Dec. 6, 2023" in text
    assert "\n\nAn NLP Engineer designs" in text
    assert "\n\nOn the other hand, a Computer Vision Engineer builds" in text
    assert "of an NLP Engineer and a Computer Vision Engineer overlaps" in text
    assert "a practical place to begin:\n\n  • Choose text or images" in text
    assert "\n\nIn conclusion, " in text
    assert "Internship Entry-level / Junior USD 40K - 55K" in text
    assert "USD 9999999K - 9999999K" in text


def test_flat_shape() -> None:
    spec = SPECS[3]
    text = render_text(spec, "flat")
    lines = text.split("\n")
    assert "" not in lines
    assert lines[:3] == [spec.title, spec.subtitle, "Table of contents"]
    assert "min read" not in text and lines.count(spec.title) == 1
    assert "AI Product Manager Responsibilities:\n- Roadmap: Rank AI" in text
    assert "Data Scientist Skills:\n- Statistics:" in text
    assert "\nEducation\n" in text and "\nTools and Technologies\n" in text and "\nJob Outlook\n" in text
    assert "\n- Start from a metric: Pick one" in text
    assert "Featured Job 👀\nChief AI Officer\n@ Oakhurst Capital | Chicago, IL\n" \
           "Full Time Executive-level / Director USD 1M - 1.5M" in text


def test_grouped_by_role_shape() -> None:
    spec = SPECS[4]
    text = render_text(spec)
    nodes = outline(spec)
    headings = [n.text for n in nodes if n.kind == "heading"]
    assert headings == ["Research Scientist", "Machine Learning Engineer", "Tools and Software Used",
                        "Common Industries", "Career Outlook", "Practical Tips for Getting Started"]
    first_role = nodes[nodes.index(next(n for n in nodes if n.kind == "heading")):]
    subheadings = [n.text for n in first_role if n.kind == "subheading"][:4]
    assert subheadings == ["Definition", "Responsibilities", "Required Skills", "Educational Background"]
    assert "Week to week, the work of a Research Scientist tends to cover:\n\n  • Formulate" in text
    assert "Applied Research Intern\n\n@ Lumen Grove Institute | Zurich, Switzerland\n\n" \
           "Internship Entry-level / Junior\n" in text


def test_merged_headings_and_lower_case_mentions() -> None:
    spec = SPECS[4]
    merged = dataclasses.replace(spec, presentation=dataclasses.replace(
        spec.presentation, grouped_by_role=False, merged_headings=True, lists="prose", definitions="prose",
        mentions="lower"))
    text = render_text(merged)
    assert "\n\nDefinitions and Responsibilities\n\n" in text
    assert "\n\nRequired Skills and Educational Backgrounds\n\n" in text
    assert "research scientists and machine learning engineers" in text
    assert "\n\nResponsibilities\n\n" not in text


def test_role_words() -> None:
    assert indefinite("AI Architect") == "an AI Architect"
    assert indefinite("MLOps Engineer") == "an MLOps Engineer"
    assert indefinite("BI Analyst") == "a BI Analyst"
    assert indefinite("Data Engineer") == "a Data Engineer"
    assert plural("Head of Data Science") == "Heads of Data Science"
    assert plural("Data Specialist") == "Data Specialists"


# --- HTML rendering -------------------------------------------------------------------------

@pytest.mark.parametrize("spec", ALL_SPECS, ids=lambda s: s.slug)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_html_shows_the_text_dump_in_reading_order(spec: ArticleSpec, layout: Layout) -> None:
    lines = _content_lines(spec)
    if layout == "atoms":  # every card field is an element of its own: the fields, in order
        cards = {card.company_line for card in spec.jobs} | {card.badge_line for card in spec.jobs}
        fields = [f for card in spec.jobs
                  for f in (card.company, card.location, *card.employment, card.seniority, card.salary) if f]
        lines = [line for line in lines if line not in cards and line != FEATURED]
        body = lines[: lines.index(spec.jobs[0].title)] if spec.jobs else lines
        _assert_in_order(_visible_text(render_html(spec, layout)), [*body, *fields])
        return
    if layout == "tabs":  # the roles' names print together in each tab list, before the panels
        names = {node.text for node in outline(spec) if node.kind == "subheading"}
        lines = [line for line in lines if line not in names]
    _assert_in_order(_visible_text(render_html(spec, layout)), lines)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_html_layout_structure(layout: Layout) -> None:
    spec = SPECS[0]
    root = lxml.html.document_fromstring(page_bytes(spec, layout))
    tags = {el.tag for el in root.iter() if isinstance(el.tag, str)}
    assert root.xpath("//link[@rel='canonical']/@href") == [spec.url]
    assert root.xpath("//meta/@charset") == ["utf-8"]
    assert len(root.xpath("//*[contains(text(), 'Featured Job')]")) == len(spec.jobs)
    assert [a.get("href") for a in root.xpath("//a[starts-with(@href, '/job/')]")][:1] == \
        [f"/job/{spec.jobs[0].job_id}-senior-data-engineer"]
    toc_links = root.xpath("//a[starts-with(@href, '#')]/@href")
    assert toc_links and all(root.xpath(f"//*[@id='{href[1:]}']") for href in toc_links)
    if layout == "semantic":
        assert {"header", "nav", "main", "article", "aside", "footer"} <= tags
        assert root.xpath("//main/article/h1") and root.xpath("//aside//*[contains(., 'Salary Insights')]")
    elif layout == "main":
        assert "main" in tags and "article" not in tags
        assert root.xpath("//main/aside//div[contains(., 'Featured Job')]")
    elif layout == "tabs":  # each section's per-role parts: a tab list, then panels, all but one hidden
        assert "main" in tags and "article" not in tags
        assert root.xpath("//*[@role='tablist']") and root.xpath("//*[@role='tabpanel'][@hidden]")
        assert len(root.xpath("//*[@role='tab']")) == len(root.xpath("//*[@role='tabpanel']"))
    elif layout == "atoms":  # the subtitle is a heading; every card field is an element of its own
        assert root.xpath("//h2")[0].text_content() == spec.subtitle
        card = root.xpath("//*[contains(text(), 'Featured Job')]")[0].getparent()
        fields = [el.text_content() for el in card if el.tag == "div"][1:]
        first = spec.jobs[0]
        badges = "".join([*first.employment, first.seniority])
        assert fields[:3] == [f"@{first.company}", first.location, badges]
    else:
        assert not tags & {"header", "nav", "main", "article", "aside", "footer", "section"}
        h1 = root.xpath("//h1")[0]
        content = root.xpath("//p[contains(., 'Data platforms and machine')]")[0].getparent()
        assert h1 not in list(content.iter())


def test_layouts_use_different_class_names() -> None:
    classes = []
    for layout in LAYOUTS:
        root = lxml.html.document_fromstring(render_html(SPECS[0], layout))
        card = root.xpath("//*[contains(text(), 'Featured Job')]")[0].getparent()
        classes.append(card.get("class"))
    assert len(set(classes)) == len(LAYOUTS)


def test_cp1252_page_decodes_to_the_same_text() -> None:
    spec = SPECS[2]
    data = page_bytes(spec, "semantic", charset="windows-1252")
    text = _visible_text(data.decode("cp1252"))
    assert "Société Dupré Conseil" in text and "Featured Job 👀" in text
    assert "Bachelor’s degree" in text and "sales, marketing or operations" in text
    _assert_in_order(text, _content_lines(spec))


def test_job_card_markup() -> None:
    root = lxml.html.fragment_fromstring(render_html(SPECS[0]), create_parent="div")
    card = root.xpath("//*[contains(text(), 'Featured Job')]")[0].getparent()
    assert [c.tag for c in card] == ["span", "h3", "p", "div"]
    assert _norm(card.xpath("./p")[0].text_content()) == "@ Northwind Analytics | Remote (US only)"
    badges = card.xpath("./div/span/text()")
    assert badges == ["Full Time", "Senior-level / Expert", "USD 140K - 175K"]


# --- command line ---------------------------------------------------------------------------

def test_cli_generate_writes_documents_and_manifest(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    assert corpus_main(["generate", str(out), "--count", "25", "--seed", "8", "--junk-share", "0.2"]) == 0
    rows = [json.loads(line) for line in (out / MANIFEST).read_text("utf-8").splitlines()]
    assert len(rows) == 25
    written = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert written == sorted(r["file"] for r in rows)
    again = tmp_path / "again"
    write_corpus(again, 25, 8, junk_share=0.2)
    assert all((out / r["file"]).read_bytes() == (again / r["file"]).read_bytes() for r in rows)


def test_cli_rejects_bad_share(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        corpus_main(["generate", str(tmp_path), "--count", "1", "--junk-share", "2"])


def test_cli_format_and_plain_html(tmp_path: Path) -> None:
    html, plain = tmp_path / "html", tmp_path / "plain"
    assert corpus_main(["generate", str(html), "--count", "12", "--seed", "3", "--format", "html"]) == 0
    assert corpus_main(["generate", str(plain), "--count", "12", "--seed", "3", "--format", "html",
                        "--plain-html"]) == 0
    rows = [json.loads(line) for line in (html / MANIFEST).read_text("utf-8").splitlines()]
    assert len(rows) == 12
    assert all(r.get("format") == "html" for r in rows if r["kind"] != "junk")
    for row in rows:
        if row["kind"] == "article" and not row["gzip"]:
            assert (html / row["file"]).stat().st_size > 3 * (plain / row["file"]).stat().st_size


# --- one-format corpora and site chrome -----------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "html"])
def test_one_format_corpus(fmt: str) -> None:
    docs = list(iter_corpus(150, seed=6, fmt=fmt, junk_share=0.1))  # type: ignore[arg-type]
    articles = [d.info for d in docs if d.info["kind"] != "junk"]
    assert articles and {i["format"] for i in articles} == {fmt}
    junk = {d.info["junk"] for d in docs if d.info["kind"] == "junk"}
    assert junk and (junk == {"html404"} if fmt == "html" else "html404" not in junk)
    assert all(".htm" in d.name for d in docs) == (fmt == "html")
    again = iter_corpus(150, seed=6, fmt=fmt, junk_share=0.1)  # type: ignore[arg-type]
    assert [d.data for d in again] == [d.data for d in docs]


def test_one_format_keeps_the_variety() -> None:
    html = [d.info for d in iter_corpus(200, seed=8, fmt="html") if d.info["kind"] == "article"]
    assert {i["layout"] for i in html} == set(LAYOUTS)
    assert {i["encoding"] for i in html} == {"utf-8", "windows-1252"} and any(i["gzip"] for i in html)
    text = [d.info for d in iter_corpus(200, seed=8, fmt="text") if d.info["kind"] == "article"]
    assert {i["shape"] for i in text} == {"paged", "flat"}
    assert {i["encoding"] for i in text} >= {"utf-8", "utf-8-bom", "utf-16-le-bom"}
    assert {i.get("damage") for i in text} >= {"cp1253", "cp874"}


def test_text_corpus_has_both_article_styles_and_cards() -> None:
    specs = [synth_spec(random.Random(f"styles:{i}")) for i in range(80)]
    assert {s.presentation.lists for s in specs} == {"bullets", "prose"}
    assert {s.presentation.definitions for s in specs} >= {"prose", "labelled"}
    assert sum(bool(s.jobs) for s in specs) > 60


def test_mixed_text_documents_do_not_depend_on_chrome() -> None:
    """The chrome draws come after a document's format is chosen: dumps are unchanged by it."""
    full = list(iter_corpus(60, seed=12))
    plain = list(iter_corpus(60, seed=12, chrome=False))
    dumps = [(a, b) for a, b in zip(full, plain, strict=True) if b.info.get("format") != "html"]
    assert len(dumps) > 30
    assert all(a.name == b.name and a.data == b.data for a, b in dumps)


def test_chrome_pages_are_about_60_kb_with_real_boilerplate() -> None:
    pages = [d for d in iter_corpus(120, seed=4, fmt="html")
             if d.info["kind"] == "article" and not d.info["gzip"]]
    sizes = [len(d.data) for d in pages]
    assert 50_000 < sum(sizes) / len(sizes) < 70_000
    root = lxml.html.document_fromstring(pages[0].data)
    head = root.find("head")
    assert head is not None
    assert len(head.xpath("meta")) >= 15 and head.xpath("style")
    assert len(root.xpath("//script[@type='application/ld+json']")) >= 4
    code = [s for s in root.xpath("//script[not(@type) and not(@src)]") if len(s.text or "") > 100]
    assert len(code) >= 3 and sum(len(s.text) for s in code) > 10_000
    assert root.xpath("//svg") and root.xpath("//*[@data-consent]")
    nav_links = sum(len(links) for _, links in nav_groups())
    assert 55 <= nav_links <= 65
    assert len(root.xpath("//a[starts-with(@href, '/hiring/jobs/')]")) >= nav_links - 20
    assert len(root.xpath("//a[starts-with(@href, '/insights/') and contains(., ' vs. ')]")) >= 5
    assert len(root.xpath("//*[contains(@class, 'site-footer__col')]//a")) >= 20


def _records(data: bytes) -> dict[str, Any]:
    """Every row of a page, with the content-derived ids replaced (they hash the bytes)."""
    result = process_document(RawDocument("page.html", data, "html"), Limits())
    assert not result.quarantine, result.quarantine
    text = json.dumps(result.rows, default=str, sort_keys=True)
    for row in result.rows.get("articles", []):
        text = text.replace(row["article_id"], "<id>")
    rows: dict[str, Any] = json.loads(text)
    for table in rows.values():
        for row in table:
            row.pop("content_sha256", None)
    return rows


@pytest.mark.parametrize("layout", LAYOUTS)
def test_chrome_does_not_leak_into_records(layout: Layout) -> None:
    for index in range(6):
        rng = random.Random(f"chrome-leak:{layout}:{index}")
        spec = synth_spec(rng)
        plain = _records(page_bytes(spec, layout))
        assert plain["articles"]
        assert _records(page_bytes(spec, layout, chrome=site_chrome(spec, rng))) == plain


def test_chrome_pages_are_articles_not_listings() -> None:
    for index in range(10):
        rng = random.Random(f"chrome-listing:{index}")
        spec = synth_spec(rng)
        for layout in LAYOUTS:
            assert not is_listing_page(render_html(spec, layout, chrome=site_chrome(spec, rng)), spec.url)


def test_divsoup_chrome_keeps_sectioning_tags_out() -> None:
    rng = random.Random(5)
    spec = synth_spec(rng)
    root = lxml.html.document_fromstring(render_html(spec, "divsoup", chrome=site_chrome(spec, rng)))
    tags = {el.tag for el in root.iter() if isinstance(el.tag, str)}
    assert not tags & {"header", "nav", "main", "article", "aside", "footer", "section"}


def test_generation_does_not_depend_on_hash_seed(tmp_path: Path) -> None:
    digests = []
    for hash_seed in ("1", "2"):
        out = tmp_path / hash_seed
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run([sys.executable, "-m", "pipeline.corpus", "generate", str(out), "--count", "15",
                        "--seed", "9", "--format", "html"], check=True, env=env, capture_output=True)
        digests.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert digests[0] == digests[1]
