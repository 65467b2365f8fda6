"""Bounded body decoding: undo a Content-Encoding into at most ``limit`` bytes, or say why not.

Why a module of its own: the bound on decompressed size is a defence (against gzip
bombs) that both the HTTP client (response bodies) and the crawl (``.xml.gz`` sitemaps
served as files) rely on. It needs only zlib, so it is kept apart from the HTTP code and
can be read and tested on its own.
"""

from __future__ import annotations

import zlib
from typing import Any

from pipeline.errors import PipelineError


class BodyError(PipelineError):
    """A body could not be kept: ``too_large`` or ``bad_content_encoding``."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


class BoundedDecoder:
    """Undo a Content-Encoding (identity, gzip, deflate) into at most ``limit`` bytes.

    Why not let urllib3 decode: its decoders have no output bound, so a few kilobytes of
    gzip could expand to gigabytes before we see them. Here every ``decompress`` call is
    given ``max_length`` and the total output is checked, so a bomb stops at
    ``limit + 1`` bytes with ``too_large``.
    """

    def __init__(self, encoding: str, limit: int) -> None:
        self._encoding = encoding.strip().lower()
        if self._encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
            raise BodyError("bad_content_encoding", encoding)
        self._limit = limit
        self._out = bytearray()
        self._inflater: Any = self._new_inflater()
        self._raw_deflate_tried = False
        self._done = False

    def _new_inflater(self) -> Any:
        if self._encoding in ("gzip", "x-gzip"):
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        if self._encoding == "deflate":
            return zlib.decompressobj(zlib.MAX_WBITS)
        return None

    def _check(self, extra: int) -> None:
        if len(self._out) + extra > self._limit:
            raise BodyError("too_large", f"more than {self._limit} bytes after decoding")

    def feed(self, data: bytes) -> None:
        """Decode one chunk; raises :class:`BodyError` past the limit or on corrupt data."""
        if self._inflater is None:
            self._check(len(data))
            self._out += data
            return
        while data and not self._done:
            try:
                chunk = self._inflater.decompress(data, self._limit - len(self._out) + 1)
            except zlib.error as error:
                if self._encoding == "deflate" and not self._out and not self._raw_deflate_tried:
                    # Some servers send raw deflate without the zlib header the RFC asks for.
                    self._raw_deflate_tried = True
                    self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise BodyError("bad_content_encoding", str(error)) from error
            self._check(len(chunk))
            self._out += chunk
            if self._inflater.eof:
                rest = self._inflater.unused_data
                if self._encoding != "deflate" and rest.startswith(b"\x1f\x8b"):
                    self._inflater = self._new_inflater()  # a multi-member gzip stream
                    data = rest
                    continue
                self._done = True  # trailing garbage after the stream is ignored
                return
            data = self._inflater.unconsumed_tail

    def finish(self) -> bytes:
        """The decoded body; raises ``bad_content_encoding`` for a truncated stream."""
        if self._inflater is not None and not self._done and not self._inflater.eof:
            raise BodyError("bad_content_encoding", "compressed stream ends early")
        return bytes(self._out)


def gunzip_bounded(data: bytes, limit: int) -> bytes:
    """Gunzip ``data`` into at most ``limit`` bytes (for ``.xml.gz`` sitemaps served as files)."""
    decoder = BoundedDecoder("gzip", limit)
    decoder.feed(data)
    return decoder.finish()


def media_type(content_type: str | None) -> str:
    """``text/html; charset=utf-8`` -> ``text/html``."""
    return (content_type or "").split(";", 1)[0].strip().lower()
