"""Encodings, encoding damage, gzip and junk: the ways real captures arrive broken.

Why each one exists:

* **BOMs and UTF-16**: copies saved by Windows tools start with a byte-order mark; a
  decoder must strip it and must not take UTF-16 for binary.
* **cp1252 bytes**: legacy pages declare ``windows-1252``; characters the code page lacks
  (the 👀 emoji) are written as numeric character references, as browsers do on submit.
* **Run-wise mojibake**: on the real site only a few runs are damaged (the read-time
  separator, the featured-job emoji) while the rest of the file is intact UTF-8 (``•``,
  ``’``). So damage is applied to chosen substrings, never to the whole text: the UTF-8
  bytes of the run are read through a legacy code page, and a byte that code page leaves
  undefined falls back to cp1252 (then Latin-1), as Windows' decoders do. That fallback is
  what makes ``👀`` come out as the mixed ``πŸ‘€`` (0x9F is undefined in cp1253).
* **gzip** with ``mtime=0`` so the same input always gives the same bytes.
* **Junk** for the benchmark's junk share: everything a folder of "articles" also holds.
"""

from __future__ import annotations

import codecs
import gzip
import random
from collections.abc import Iterable
from typing import Literal

JunkKind = Literal["empty", "whitespace", "binary", "html404", "english", "corrupt_gzip"]
JUNK_KINDS: tuple[JunkKind, ...] = ("empty", "whitespace", "binary", "html404", "english", "corrupt_gzip")

DAMAGE_CODECS: tuple[str, ...] = ("cp1253", "cp874", "cp1252")
"""Code pages the site's captures were misread through: Greek, Thai, Western."""
DAMAGED_RUNS: tuple[str, ...] = ("·", "👀")
"""The runs that arrive damaged in real captures."""


def utf8_bom(text: str) -> bytes:
    """UTF-8 with a byte-order mark (``EF BB BF``)."""
    return codecs.BOM_UTF8 + text.encode("utf-8")


def utf16le_bom(text: str) -> bytes:
    """UTF-16 little-endian with its BOM (``FF FE``), as Windows Notepad saves "Unicode"."""
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le")


def cp1252(text: str, *, charrefs: bool = False) -> bytes:
    """Legacy Windows-1252 bytes. ``charrefs`` writes unencodable characters as ``&#N;``
    (HTML only); without it they raise, so a text dump never silently loses a character."""
    return text.encode("cp1252", "xmlcharrefreplace" if charrefs else "strict")


def _byte_through(byte: int, codec: str) -> str:
    """One byte read through ``codec``; undefined bytes fall back to cp1252, then Latin-1."""
    raw = bytes([byte])
    for candidate in (codec, "cp1252", "latin-1"):
        try:
            return raw.decode(candidate)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def mojibake(run: str, codec: str) -> str:
    """``run``'s UTF-8 bytes misread through a single-byte ``codec``.

    >>> mojibake("·", "cp1253"), mojibake("·", "cp874"), mojibake("·", "cp1252")
    ('Β·', 'ยท', 'Â·')
    >>> mojibake("👀", "cp1253")
    'πŸ‘€'
    """
    return "".join(_byte_through(b, codec) for b in run.encode("utf-8"))


def damage_runs(text: str, codec: str, runs: Iterable[str] = DAMAGED_RUNS) -> str:
    """``text`` with every occurrence of each of ``runs`` replaced by its mojibake.

    The rest of the text is untouched, so the file stays valid UTF-8 around the damage.
    """
    for run in runs:
        text = text.replace(run, mojibake(run, codec))
    return text


def gzip_bytes(data: bytes) -> bytes:
    """gzip with ``mtime=0`` and no file name, so the bytes depend only on ``data``."""
    return gzip.compress(data, compresslevel=9, mtime=0)


# --- junk -------------------------------------------------------------------------------

_MAGICS = (b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"%PDF-1.7\n", b"\x7fELF\x02\x01\x01")
_NOT_FOUND = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Page not found | aijobs.net</title>
<style>body{{font-family:sans-serif}}</style></head>
<body><div class="error-page"><h1>404</h1><p>Sorry, the page {path} does not exist or has moved.</p>
<p><a href="/">Back to the job board</a></p></div></body></html>
"""
_WORDS = {
    "subject": ("The weather", "Our garden", "The old bridge", "A small bakery", "The village choir",
                "My neighbour", "The river", "This recipe", "The museum", "A stray cat"),
    "verb": ("looked", "seemed", "felt", "became", "stayed", "turned"),
    "adjective": ("quiet", "cheerful", "unusually busy", "rather muddy", "bright", "crowded",
                  "surprisingly calm", "a little chaotic"),
    "tail": ("all week", "after the storm", "on Sunday morning", "during the festival",
             "since the spring", "before lunch", "by the harbour", "at dusk"),
}


def english_text(rng: random.Random, sentences: int = 12) -> str:
    """Plain English that is not an article: no title, no sections, no job cards."""
    lines = []
    for _ in range(sentences):
        parts = [rng.choice(_WORDS[k]) for k in ("subject", "verb", "adjective", "tail")]
        lines.append(" ".join(parts) + ".")
    paragraphs = [" ".join(lines[i:i + 4]) for i in range(0, len(lines), 4)]
    return "\n\n".join(paragraphs) + "\n"


def junk_document(kind: JunkKind, rng: random.Random) -> tuple[str, bytes]:
    """``(file suffix, bytes)`` of one junk document of ``kind``."""
    if kind == "empty":
        return ".txt", b""
    if kind == "whitespace":
        return ".txt", "".join(rng.choice((" ", "\t", "\n", "\r\n", "\u00a0")) for _ in range(40)).encode()
    if kind == "binary":
        body = rng.randbytes(rng.randint(256, 4096))
        # Start with a magic number or a NUL so it can never pass for a BOM-marked text.
        return ".txt", (rng.choice(_MAGICS) if rng.random() < 0.5 else b"\x00") + body
    if kind == "html404":
        return ".html", _NOT_FOUND.format(path=f"/insights/missing-{rng.randrange(10**6)}").encode()
    if kind == "english":
        return ".txt", english_text(rng).encode("utf-8")
    if kind == "corrupt_gzip":
        whole = gzip_bytes(english_text(rng, 40).encode("utf-8"))
        return ".txt.gz", whole[: len(whole) // 2]  # cut mid-stream: no end-of-stream marker
    raise ValueError(f"unknown junk kind {kind!r}")
