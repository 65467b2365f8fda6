"""Deterministic corpus generator: article specs rendered into the site's formats.

Takes a seed (or the bundled specs); gives text dumps, saved pages, listing pages and job pages whose
correct records are known. Must never be imported by the pipeline (only the CLI and tests).

Why it exists: the parser needs inputs whose correct reading is known. A spec
(:mod:`~pipeline.corpus.specs`) says what an article contains, and the bundled hand-written
ones live in :mod:`~pipeline.corpus.articles`; the renderers print a spec as
the site's text dumps (:mod:`~pipeline.corpus.render_text`) and saved pages
(:mod:`~pipeline.corpus.render_html`), optionally wrapped in a real site's boilerplate
(:mod:`~pipeline.corpus.chrome`); :mod:`~pipeline.corpus.damage` adds the encodings,
mojibake, gzip and junk that real captures come with; :mod:`~pipeline.corpus.generate`
writes the bundled samples and seeded benchmark corpora. ``python -m pipeline.corpus``
is the command line.
"""

from __future__ import annotations

from pipeline.corpus.articles import SPECS
from pipeline.corpus.chrome import Chrome, site_chrome
from pipeline.corpus.generate import (
    build_document,
    iter_corpus,
    sample_documents,
    synth_spec,
    write_corpus,
    write_samples,
)
from pipeline.corpus.render_html import page_bytes, render_html
from pipeline.corpus.render_text import outline, render_text
from pipeline.corpus.specs import ArticleSpec, JobCard, Presentation, RoleContent, Tip

__all__ = [
    "SPECS",
    "ArticleSpec",
    "Chrome",
    "JobCard",
    "Presentation",
    "RoleContent",
    "Tip",
    "build_document",
    "iter_corpus",
    "outline",
    "page_bytes",
    "render_html",
    "render_text",
    "sample_documents",
    "site_chrome",
    "synth_spec",
    "write_corpus",
    "write_samples",
]
