"""The floors: what the cheapest possible reading of the same files costs, in the same run.

Why floors and not absolute numbers: docs/s depends on the machine, so a target like
"fast enough" is stated against work the pipeline cannot avoid, measured on the same
pages on the same machine a moment earlier or later:

* HTML: ``lxml.html.fromstring(raw_bytes)`` per page, the libxml2 parse every lxml-based
  reader pays before it can look at a single element;
* HTML, for scale: ``trafilatura.extract(html_str)`` per page, a widely used general
  article extractor (benchmark-only dependency, on a sample of pages because it is slow);
* text dumps: read each file, split it into lines and run three regexes per line, the
  least a line-oriented parser of these dumps has to do.

Each floor reports CPU time (``time.process_time``) and wall time over all its documents.
Decompression of ``.gz`` files happens before the lxml and trafilatura clocks start (they
are parse floors), and inside the text floor's clock (reading is part of that floor).
"""

from __future__ import annotations

import codecs
import gzip
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# Three per-line patterns a dump reader needs at the least: list items, money, headings.
_BULLET = re.compile(r"^\s*(?:[•\-–*]|\d+\.)\s+")
_MONEY = re.compile(r"\b[A-Z]{3}\s?\d+(?:\.\d+)?[KM]\b")
_HEADING = re.compile(r"^[A-Z][A-Za-z ,&/()-]{2,80}$")


@dataclass(frozen=True, slots=True)
class Floor:
    """One floor over ``docs`` documents."""

    name: str
    docs: int
    cpu_s: float
    wall_s: float

    @property
    def cpu_ms_per_doc(self) -> float:
        return 1000 * self.cpu_s / self.docs if self.docs else 0.0

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.wall_s if self.wall_s > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "docs": self.docs, "cpu_s": round(self.cpu_s, 4),
                "wall_s": round(self.wall_s, 4), "docs_per_s": round(self.docs_per_s, 2),
                "cpu_ms_per_doc": round(self.cpu_ms_per_doc, 4)}


def raw_bytes(path: Path) -> bytes:
    """A file's bytes, gunzipped when it is a ``.gz`` (a cut-off stream gives what it has)."""
    data = path.read_bytes()
    if path.suffix.lower() != ".gz":
        return data
    try:
        return gzip.decompress(data)
    except (EOFError, OSError):
        return b""


def _timed(name: str, items: Sequence[Any], work: Callable[[Any], object]) -> Floor:
    if items:
        work(items[0])  # warm-up: lazy imports and compiled patterns are not part of the floor
    cpu, wall = time.process_time(), time.perf_counter()
    for item in items:
        work(item)
    floor = Floor(name, len(items), time.process_time() - cpu, time.perf_counter() - wall)
    log.info("  floor %s: %d docs, %.3f ms CPU/doc", name, floor.docs, floor.cpu_ms_per_doc)
    return floor


def lxml_floor(paths: Sequence[Path]) -> Floor:
    """``lxml.html.fromstring(raw_bytes)`` per page; pages it refuses (empty) still count."""
    import lxml.html  # noqa: PLC0415

    def parse(data: bytes) -> object:
        try:
            return lxml.html.fromstring(data)
        except (ValueError, lxml.etree.ParserError):
            return None

    return _timed("lxml.html.fromstring", [raw_bytes(p) for p in paths], parse)


def _page_text(data: bytes) -> str:
    """The page as a string, the way a caller of trafilatura would hand it over."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def trafilatura_floor(paths: Sequence[Path], sample: int) -> Floor | None:
    """``trafilatura.extract(html_str)`` on an even sample of at most ``sample`` pages.

    None when trafilatura is not installed (it is in the ``bench`` extra only).
    """
    try:
        import trafilatura  # noqa: PLC0415 (benchmark-only dependency)
    except ImportError:
        log.warning("trafilatura is not installed (pip install -e '.[bench]'); skipping its floor")
        return None
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    step = max(1, -(-len(paths) // max(1, sample)))
    chosen = [_page_text(raw_bytes(p)) for p in paths[::step]][:sample]
    return _timed("trafilatura.extract", chosen, trafilatura.extract)


def _decode_dump(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    return data.decode("utf-8-sig", "replace")


def text_floor(paths: Sequence[Path]) -> Floor:
    """Read, gunzip, decode, split lines, three regexes per line: the bare dump pass."""
    hits = [0]

    def scan(path: Path) -> None:
        for line in _decode_dump(raw_bytes(path)).splitlines():
            hits[0] += bool(_BULLET.match(line)) + bool(_MONEY.search(line)) + bool(_HEADING.match(line))

    floor = _timed("read+split+3 regexes", list(paths), scan)
    log.debug("text floor matched %d times", hits[0])
    return floor
