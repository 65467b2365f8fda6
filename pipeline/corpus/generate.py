"""Deterministic corpora: the bundled samples, and N synthetic documents for benchmarks.

What each synthetic article says is drawn by :mod:`pipeline.corpus.synth`; this module
decides how a document carries it (format, layout, encoding, damage, junk, duplicates).

Why per-document seeding: document ``i`` of seed ``S`` is drawn from its own
``random.Random(f"rolescope-corpus:{S}:{i}")`` (string seeds hash with SHA-512, so they do
not depend on ``PYTHONHASHSEED``). A corpus of 10,000 documents therefore starts with the
same 1,000 documents as a corpus of 1,000, and a duplicate can be rebuilt from its index
instead of being kept in memory. The global ``random`` module is never used.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pipeline.corpus.articles import (
    AI_PRODUCT_MANAGER_VS_DATA_SCIENTIST,
    DATA_ANALYST_VS_ANALYTICS_ENGINEER,
    DATA_ENGINEER_VS_MLOPS,
    NLP_VS_COMPUTER_VISION,
    RESEARCH_SCIENTIST_VS_ML_ENGINEER,
)
from pipeline.corpus.chrome import site_chrome
from pipeline.corpus.damage import (
    JUNK_KINDS,
    JunkKind,
    damage_runs,
    gzip_bytes,
    junk_document,
    utf8_bom,
    utf16le_bom,
)
from pipeline.corpus.other_pages import other_page
from pipeline.corpus.render_html import LAYOUTS, page_bytes
from pipeline.corpus.render_markdown import render_markdown
from pipeline.corpus.render_text import Shape, render_text
from pipeline.corpus.saved_pages import as_mhtml, as_webarchive
from pipeline.corpus.specs import LIST_SECTIONS, ArticleSpec
from pipeline.corpus.synth import ROLE_NAMES, job_catalogue, synth_role, synth_spec

__all__ = ["FORMATS", "MANIFEST", "ROLE_NAMES", "Document", "Format", "article_document", "build_document",
           "iter_corpus", "job_catalogue", "sample_documents", "synth_role", "synth_spec", "write_corpus",
           "write_samples"]

MANIFEST = ".manifest.jsonl"
"""Ground truth of a generated corpus; hidden, so the pipeline's folder walk skips it."""

Format = Literal["mixed", "text", "html", "other"]
FORMATS: tuple[Format, ...] = ("mixed", "text", "html", "other")
"""``mixed``: about 30% saved pages, the rest text dumps; ``text``/``html``: one format only
(so a benchmark can measure each), junk included but only junk of that format; ``other``:
saved pages of other sites (blogs, documentation, shops, news, forums, login walls), none of
them an article, no junk and no copies (:mod:`pipeline.corpus.other_pages`)."""
HTML_SHARE = 0.3

# --- documents ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Document:
    """One file of a corpus: its relative name, its bytes and what it is (for the manifest)."""

    name: str
    data: bytes
    info: dict[str, Any] = field(default_factory=dict)


def _encode_text(text: str, rng: random.Random, info: dict[str, Any]) -> bytes:
    roll = rng.random()
    if roll < 0.14:
        codec = rng.choices(("cp1253", "cp874", "cp1252"), (45, 45, 10))[0]
        runs = ("·", "👀") if rng.random() < 0.5 else ("·",)
        info.update(encoding="utf-8", damage=codec, damaged_runs=list(runs))
        return damage_runs(text, codec, runs).encode("utf-8")
    if roll < 0.20:
        info["encoding"] = "utf-8-bom"
        return utf8_bom(text)
    if roll < 0.25:
        info["encoding"] = "utf-16-le-bom"
        return utf16le_bom(text)
    info["encoding"] = "utf-8"
    return text.encode("utf-8")


def article_document(spec: ArticleSpec, rng: random.Random, stem: str, *, fmt: Format = "mixed",
                     chrome: bool = True) -> Document:
    """Render ``spec`` in a format, shape and encoding drawn from ``rng``.

    ``fmt`` forces the format (the draw is still made, so the rest of the stream is the
    same); ``chrome`` wraps saved pages in a real site's boilerplate (about 60 KB a page).
    """
    info: dict[str, Any] = {"kind": "article", "title": spec.title, "role_a": spec.role_a.name,
                            "role_b": spec.role_b.name, "published": spec.published.isoformat(),
                            "url": spec.url, "jobs": len(spec.jobs),
                            "items": sum(len(r.items(s)) for r in spec.roles for s in LIST_SECTIONS)}
    is_html = rng.random() < HTML_SHARE
    if fmt != "mixed":
        is_html = fmt == "html"
    if is_html:
        layout = rng.choice(LAYOUTS)
        charset = "windows-1252" if rng.random() < 0.1 else "utf-8"
        info.update(format="html", layout=layout, encoding=charset, chrome=chrome)
        data, ext = page_bytes(spec, layout, charset=charset,
                               chrome=site_chrome(spec, rng) if chrome else None), ".html"
    else:
        is_2024 = spec.presentation.definitions != "prose" and spec.presentation.lists == "bullets"
        shape: Shape = "flat" if is_2024 and rng.random() < 0.4 else "paged"
        info.update(format="text", shape=shape)
        data, ext = _encode_text(render_text(spec, shape), rng, info), ".txt"
    info["gzip"] = rng.random() < 0.08
    if info["gzip"]:
        data, ext = gzip_bytes(data), ext + ".gz"
    return Document(f"{stem}{ext}", data, info)


def _document_rng(seed: int, index: int) -> random.Random:
    return random.Random(f"rolescope-corpus:{seed}:{index}")


def _junk_kinds(fmt: Format) -> tuple[JunkKind, ...]:
    """The junk a corpus of ``fmt`` may hold: a 404 page is HTML, the rest is text."""
    if fmt == "mixed":
        return JUNK_KINDS
    return tuple(k for k in JUNK_KINDS if (k == "html404") == (fmt == "html"))


def build_document(seed: int, index: int, *, junk_share: float = 0.05, dup_share: float = 0.01,
                   fmt: Format = "mixed", chrome: bool = True) -> Document:
    """Document ``index`` of the corpus ``seed``: junk, a byte copy of an earlier one, or an article."""
    rng = _document_rng(seed, index)
    if fmt == "other":
        kind, charset, data = other_page(rng)
        gz = rng.random() < 0.05
        name = f"{index:06d}_other-{kind}.html" + (".gz" if gz else "")
        return Document(name, gzip_bytes(data) if gz else data,
                        {"kind": "other", "page": kind, "format": "html", "encoding": charset, "gzip": gz})
    junk_roll, dup_roll = rng.random(), rng.random()
    if junk_roll < junk_share:
        kind = rng.choice(_junk_kinds(fmt))
        suffix, data = junk_document(kind, rng)
        return Document(f"{index:06d}_junk-{kind}{suffix}", data, {"kind": "junk", "junk": kind})
    if index > 0 and dup_roll < dup_share:
        original = rng.randrange(index)
        source = build_document(seed, original, junk_share=junk_share, dup_share=0.0, fmt=fmt, chrome=chrome)
        ext = source.name[source.name.index("."):]
        return Document(f"{index:06d}_copy{ext}", source.data,
                        {**source.info, "kind": "duplicate", "duplicate_of": source.name})
    spec = synth_spec(rng)
    return article_document(spec, rng, f"{index:06d}_{spec.slug}", fmt=fmt, chrome=chrome)


def iter_corpus(count: int, seed: int, *, junk_share: float = 0.05, dup_share: float = 0.01,
                fmt: Format = "mixed", chrome: bool = True) -> Iterator[Document]:
    """``count`` documents of corpus ``seed``, lazily, in index order."""
    for index in range(count):
        yield build_document(seed, index, junk_share=junk_share, dup_share=dup_share, fmt=fmt, chrome=chrome)


def write_corpus(out: Path, count: int, seed: int, *, junk_share: float = 0.05, dup_share: float = 0.01,
                 fmt: Format = "mixed", chrome: bool = True) -> list[dict[str, Any]]:
    """Write a corpus under ``out`` plus its hidden manifest; returns the manifest rows."""
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for doc in iter_corpus(count, seed, junk_share=junk_share, dup_share=dup_share, fmt=fmt, chrome=chrome):
        (out / doc.name).write_bytes(doc.data)
        rows.append({"file": doc.name, "bytes": len(doc.data), **doc.info})
    manifest = "".join(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in rows)
    (out / MANIFEST).write_text(manifest, encoding="utf-8")
    return rows


# --- bundled samples ----------------------------------------------------------------------

def _with(spec: ArticleSpec, **changes: Any) -> ArticleSpec:
    return dataclasses.replace(spec, presentation=dataclasses.replace(spec.presentation, **changes))


def sample_documents() -> list[Document]:
    """The files of ``raw/samples``: one per variant a parser must handle (see each ``what``)."""
    de, nlp, da = DATA_ENGINEER_VS_MLOPS, NLP_VS_COMPUTER_VISION, DATA_ANALYST_VS_ANALYTICS_ENGINEER
    pm, rs = AI_PRODUCT_MANAGER_VS_DATA_SCIENTIST, RESEARCH_SCIENTIST_VS_ML_ENGINEER
    merged_rs = _with(rs, grouped_by_role=False, merged_headings=True, definitions="prose", lists="prose",
                      bullet_leadins=False, mentions="lower")

    def doc(name: str, data: bytes, what: str) -> Document:
        return Document(name, data, {"what": what})

    return [
        doc(f"text-2024-clean_{de.slug}.txt", render_text(de).encode(),
            "2024 clean dump: labelled definitions, role sub-headings, bullets, numbered tips"),
        doc(f"text-2023-prose_{nlp.slug}.txt", render_text(nlp).encode(),
            "2023 prose dump: prose definitions, lead-in + one paragraph per role, bulleted tips"),
        doc(f"text-2024-flat_{pm.slug}.txt", render_text(pm, "flat").encode(),
            "flattened 2024 capture; 'Role Responsibilities:' sub-headings; Education/Job Outlook"),
        doc(f"text-2023-grouped_{rs.slug}.txt", render_text(rs).encode(),
            "grouped by role, one-role lead-in sentences before bullets, Career Outlook"),
        doc(f"mojibake-cp1253_{nlp.slug}.txt", damage_runs(render_text(nlp), "cp1253").encode(),
            "separator as 'Β·' and emoji as 'πŸ‘€'; the rest intact UTF-8"),
        doc(f"mojibake-cp874-merged_{rs.slug}.txt",
            damage_runs(render_text(merged_rs), "cp874", ("·",)).encode(),
            "separator as 'ยท'; merged headings; lower-case plural role mentions"),
        doc(f"bom-utf8-flat_{de.slug}.txt", utf8_bom(render_text(de, "flat")),
            "UTF-8 with BOM, flattened capture of the same URL as the clean dump"),
        doc(f"utf16le_{pm.slug}.txt", utf16le_bom(render_text(pm)),
            "UTF-16 LE with BOM, paged 2024 dump"),
        doc(f"gzip_{da.slug}.txt.gz", gzip_bytes(render_text(da).encode()),
            "gzipped 2024 dump (mtime=0) with é, – and ’"),
        doc(f"html-semantic_{de.slug}.html", page_bytes(de, "semantic"),
            "saved page: header/nav, main > article, aside job cards, footer"),
        doc(f"html-divsoup_{nlp.slug}.html", page_bytes(nlp, "divsoup"),
            "saved page without sectioning tags; h1 outside the content div"),
        doc(f"html-main_{pm.slug}.html", page_bytes(pm, "main"),
            "saved page with <main> only, job aside inside main"),
        doc(f"html-cp1252_{da.slug}.html", page_bytes(da, "semantic", charset="windows-1252"),
            "windows-1252 page with <meta charset>, emoji as a character reference"),
        doc(f"mhtml-chrome_{rs.slug}.mhtml",
            as_mhtml(page_bytes(rs, "semantic"), charset="utf-8", url=rs.url, title=rs.title,
                     saved=dt.datetime(2024, 3, 18, 9, 30, 5)),
            "page saved by Chrome as one file: MIME, quoted-printable, re-serialised as UTF-8"),
        doc(f"webarchive-safari_{da.slug}.webarchive",
            as_webarchive(page_bytes(da, "main", charset="windows-1252"), charset="windows-1252", url=da.url),
            "page saved by Safari as a web archive (binary property list), windows-1252"),
        doc(f"markdown-jina_{pm.slug}.md", render_markdown(pm, "jina").encode(),
            "Markdown capture by Jina Reader: header lines, setext headings, '*   ' bullets, links"),
    ]


def write_samples(out: Path) -> list[Document]:
    """Write :func:`sample_documents` into ``out`` (created); returns what was written."""
    out.mkdir(parents=True, exist_ok=True)
    docs = sample_documents()
    for doc in docs:
        (out / doc.name).write_bytes(doc.data)
    return docs
