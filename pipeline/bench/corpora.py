"""The bench's corpora: generated once per (format, size, seed, generator code) and reused.

Why reuse: a 100,000-document corpus takes minutes to write and the generator is
deterministic, so a folder written by the same generator code with the same parameters
already holds the right bytes. A hidden stamp file records the parameters and a digest of
the generator's source; any difference (or a missing stamp) rewrites the folder.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

import pipeline.corpus as corpus_package
from pipeline.corpus.generate import MANIFEST, Format, write_corpus

log = logging.getLogger(__name__)

STAMP = ".bench-corpus.json"
"""Hidden (the pipeline's folder walk skips dot files), like the corpus manifest."""


def generator_digest() -> str:
    """sha256 over the corpus generator's source files: a change of code is a new corpus."""
    digest = hashlib.sha256()
    folder = Path(corpus_package.__file__).parent
    for path in sorted(folder.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Corpus:
    """A generated folder and what is in it."""

    name: str
    path: Path
    fmt: Format
    docs: int
    html_files: tuple[Path, ...]
    text_files: tuple[Path, ...]
    bytes_total: int

    @property
    def mean_kb(self) -> float:
        return self.bytes_total / 1024 / self.docs if self.docs else 0.0


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def ensure_corpus(root: Path, fmt: Format, count: int, seed: int) -> Corpus:
    """The corpus ``fmt``/``count``/``seed`` under ``root``, written unless already there."""
    name = f"{fmt}-{count}-s{seed}"
    folder = root / name
    stamp = {"format": fmt, "count": count, "seed": seed, "chrome": True, "generator": generator_digest()}
    stamp_path = folder / STAMP
    current = None
    if stamp_path.exists() and (folder / MANIFEST).exists():
        current = json.loads(stamp_path.read_text("utf-8"))
    if current != stamp:
        if folder.exists():
            shutil.rmtree(folder)
        log.info("generating %s corpus: %d documents (seed %d) in %s", fmt, count, seed, folder)
        write_corpus(folder, count, seed, fmt=fmt, chrome=True)
        stamp_path.write_text(json.dumps(stamp, sort_keys=True) + "\n", "utf-8")
    else:
        log.info("reusing %s", folder)
    files = _files(folder)
    html = tuple(p for p in files if ".htm" in p.name.lower())
    text = tuple(p for p in files if p not in set(html))
    return Corpus(name, folder, fmt, len(files), html, text, sum(p.stat().st_size for p in files))
