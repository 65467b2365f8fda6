"""No real or generated text dump is taken for Markdown; every Markdown capture saved as ``.txt`` is."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import pytest

from pipeline.common.limits import Limits
from pipeline.corpus.articles import SPECS
from pipeline.corpus.damage import JUNK_KINDS, junk_document
from pipeline.corpus.generate import iter_corpus, synth_spec
from pipeline.corpus.render_markdown import MARKDOWN_STYLES, render_markdown
from pipeline.corpus.render_text import render_text
from pipeline.decode.charset import decode_bytes
from pipeline.errors import StageError
from pipeline.read.sources import read_document
from pipeline.structure.markdown import looks_like_markdown
from tests.conftest import SAMPLES


def _text_of(path: Path, root: Path) -> str | None:
    """A text file as the pipeline decodes it; None when reading or decoding rejects it."""
    try:
        doc = read_document(path, root, Limits())
        if doc.format != "text":
            return None
        return decode_bytes(doc.data, is_html=False).text
    except StageError:
        return None


def _dumps_under(root: Path) -> dict[str, str]:
    texts = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.name.lower().removesuffix(".gz").endswith(".txt"):
            text = _text_of(path, root)
            if text is not None:
                texts[path.name] = text
    return texts


def test_real_captures_seeds_and_samples_are_not_markdown(real_dir: Path, seeds_dir: Path) -> None:
    for root, at_least in ((real_dir / "pages", 90), (seeds_dir, 2), (SAMPLES, 9)):
        texts = _dumps_under(root)
        assert len(texts) >= at_least, root
        assert [name for name, text in texts.items() if looks_like_markdown(text)] == [], root
    # The real captures hold a stray ``#`` before a subtitle that a sloppy test would take for a heading.
    assert any("\n#" in text for text in _dumps_under(real_dir / "pages").values())


def test_generated_text_dumps_and_junk_are_not_markdown() -> None:
    checked = 0
    for doc in iter_corpus(400, 7, fmt="text", junk_share=0.1):
        if doc.name.removesuffix(".gz").endswith(".txt") and doc.info.get("kind") != "junk":
            data = gzip.decompress(doc.data) if doc.info.get("gzip") else doc.data
            text = decode_bytes(data, is_html=False).text
            assert not looks_like_markdown(text), doc.name
            checked += 1
    assert checked > 300
    rng = random.Random("sniff-junk")
    for kind in JUNK_KINDS:
        suffix, data = junk_document(kind, rng)
        if suffix == ".txt" and data:
            try:
                text = decode_bytes(data, is_html=False).text
            except StageError:
                continue
            assert not looks_like_markdown(text), kind


@pytest.mark.parametrize("shape", ["paged", "flat"])
def test_every_hand_written_article_as_a_dump_is_not_markdown(shape: str) -> None:
    for spec in SPECS:
        if shape == "paged" or spec.presentation.lists == "bullets":
            assert not looks_like_markdown(render_text(spec, shape))  # type: ignore[arg-type]


@pytest.mark.parametrize("style", MARKDOWN_STYLES)
def test_every_markdown_style_is_markdown_by_its_text(style: str) -> None:
    for index in range(20):
        spec = synth_spec(random.Random(f"sniff:{index}"))
        assert looks_like_markdown(render_markdown(spec, style))  # type: ignore[arg-type]
