"""The source stage: find documents under the input folder and read their bytes.

Reading is where hostile input is stopped cheapest: empty files, files over the size
limit (checked before reading, and again while decompressing, so a gzip bomb is cut off
early) and corrupt gzip streams become :class:`ReadError` with a stable reason.
"""

from __future__ import annotations

import gzip
import os
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.errors import ReadError
from pipeline.fetch.body import media_type
from pipeline.read.folder import format_of_name, format_suffix, is_archive_name, scan
from pipeline.read.keys import stored_key
from pipeline.read.media import HTML_TYPES, sniffs_as_html
from pipeline.read.saved_pages import CONTAINERS, unpack

if TYPE_CHECKING:
    from pipeline.fetch.warc_reader import Capture, CaptureRef

_CHUNK = 64 * 1024


def walk(root: Path) -> list[str]:
    """Relative path (``/``-separated) of every document and web archive under ``root``,
    recursively, sorted; hidden files and folders, non-documents, unreadable folders and
    symlinks out of the folder skipped (:func:`pipeline.read.folder.scan` reports those).
    :func:`file_path` turns one back into a path.

    The order is the documented tie-break for byte-identical copies (the first path names
    the article), so it must not depend on the file system's listing order. Plain strings,
    and no absolute paths kept: a run over 100k files should spend neither its time building
    path objects nor its memory holding two names per file.
    """
    return scan(root).files


def file_path(base: str, key: str) -> str:
    """The absolute path of the file :func:`walk` listed as ``key`` under the folder ``base``."""
    return os.path.join(base, *key.split("/"))


def discover(root: Path) -> list[Path]:
    """Every regular file under ``root`` (see :func:`walk`), as paths under ``root``."""
    return [root / key for key in walk(root)]


def is_warc(path: Path | str) -> bool:
    """A web archive (WARC, ARC or WACZ): read capture by capture, never as a document."""
    return is_archive_name(os.path.basename(path))


def capture_source(capture: Capture | CaptureRef) -> str:
    """The source URI of an archived capture: its URL, as the fetcher's WARC files have always
    named theirs (and ARC files, read the same way); inside a WACZ package, the package's path
    under the input folder, the WARC file's name in it after ``!/``, and the URL after ``#``
    (``web/crawl.wacz!/archive/data.warc.gz#https://...``), so the capture can be found again."""
    member = getattr(capture, "member", None)
    archive = getattr(capture, "archive", None)
    if member is None or archive is None:
        return capture.url
    return f"{stored_key(archive)}!/{member}#{capture.url}"


def capture_document(capture: Capture | CaptureRef, body: bytes | None = None) -> RawDocument:
    """One archived response as a document: its URL names it (see :func:`capture_source`), its
    fetch date dates it.

    ``body`` is the response body when ``capture`` is a :class:`CaptureRef` (read back by
    the worker that parses it).
    """
    data = body if body is not None else getattr(capture, "body", b"")
    fmt = "html" if media_type(capture.content_type) in HTML_TYPES or sniffs_as_html(data) else "text"
    return RawDocument(
        capture_source(capture),
        data,
        fmt,
        content_type=capture.content_type,
        url=capture.final_url,
        captured=capture.fetched_at.date(),
        status=capture.status,
    )


def read_capture(ref: CaptureRef, limits: Limits) -> RawDocument:
    """Read one archived capture's body back (in the worker that parses it) as a document.

    The same limits as for files: a body over ``limits.max_bytes`` is ``too_large`` and is
    never read; a non-2xx response is ``http_error``.
    """
    from pipeline.fetch.archives import read_archived  # noqa: PLC0415 (archive reading only when needed)

    if not 200 <= ref.status < 300:
        raise ReadError("http_error", f"HTTP status {ref.status}")
    if ref.size > limits.max_bytes:
        raise ReadError("too_large", f"{ref.size} bytes > limit {limits.max_bytes}")
    capture = read_archived(ref, max_bytes=limits.max_bytes)
    if capture is None or capture.sha256 != ref.sha256:
        where = f"{ref.path.name}{'!/' + ref.member if ref.member else ''}:{ref.offset}"
        raise ReadError("unreadable", f"the archived record at {where} changed or is damaged")
    if not capture.body:
        raise ReadError("empty", "the archived response has no body")
    return capture_document(ref, capture.body)


PAGE_MEDIA = (*HTML_TYPES, "text/plain", "text/markdown", "text/x-markdown")
"""Media types of a capture that can be a page to parse (one with no media type is tried too)."""


def is_not_a_page(ref: CaptureRef) -> bool:
    """A capture that is not a page to parse: skipped and counted as ignored, never quarantined.

    The fetcher's sitemaps and article indexes (its recorded kind says so, or, for captures
    from before kinds were recorded, an XML content type); and, in archives a browser made
    (WACZ, ARC, any WARC tool), everything a page pulls in besides the page (images,
    scripts, styles, fonts, JSON: a media type other than :data:`PAGE_MEDIA`) and the
    redirects that lead to a page (3xx: the page is the capture they point at)."""
    if ref.kind is not None:
        return ref.kind in ("sitemap", "index")
    media = media_type(ref.content_type)
    if media in ("application/xml", "text/xml") or (media.endswith("+xml") and "xhtml" not in media):
        return True
    return 300 <= ref.status < 400 or (bool(media) and media not in PAGE_MEDIA)


def source_uri(path: Path, root: Path) -> str:
    """The path relative to the input folder, ``/``-separated on every platform (a name that
    is not UTF-8 with its stray bytes as ``\\xNN``: see :func:`pipeline.read.keys.stored_key`)."""
    return stored_key(path.relative_to(root).as_posix())


def format_of(path: Path) -> str | None:
    """``text``/``html`` from the suffix (``.html.gz`` counts as html), None when unsupported."""
    return format_of_name(path.name)


def _gunzip_whole(path: Path, size: int, max_bytes: int) -> bytes | None:
    """A gzip file of one member, no bigger than ``max_bytes``, decompressed in one call; None
    for anything else (several members, trailing bytes, damage, too much output).

    Why: the streaming reader below costs about 1.6 times zlib alone on a saved
    page (its buffers and chunk loop); every case it handles differently is left to it, so
    outcomes and their details stay the same.
    """
    if size > max_bytes:
        return None
    try:
        with open(path, "rb") as stream:
            packed = stream.read(size)
            if stream.read(1):
                return None  # the file grew since it was measured: the streaming reader decides
        inflater = zlib.decompressobj(wbits=31)  # a gzip header and trailer (CRC and size checked)
        data = inflater.decompress(packed, max_bytes + 1)
    except (OSError, zlib.error):
        return None
    if not inflater.eof or inflater.unused_data or len(data) > max_bytes:
        return None
    return data


def _gunzip(path: Path, max_bytes: int) -> bytes:
    """Decompress in chunks and stop as soon as the output passes ``max_bytes``."""
    out = bytearray()
    try:
        with gzip.open(path, "rb") as stream:
            while chunk := stream.read(_CHUNK):
                out += chunk
                if len(out) > max_bytes:
                    raise ReadError("too_large", f"more than {max_bytes} bytes after decompression")
    except (OSError, EOFError, zlib.error) as error:
        raise ReadError("corrupt_gzip", str(error)) from error
    return bytes(out)


def read_document(path: Path, root: Path, limits: Limits) -> RawDocument:
    """Read one file into a :class:`RawDocument`; :class:`ReadError` when unusable."""
    fmt = format_of(path)
    if fmt is None:
        raise ReadError("unsupported_format", f"no reader for {path.name!r}")
    try:
        size = path.stat().st_size
        if size == 0:
            raise ReadError("empty", "the file has no bytes")
        if path.suffix.lower() == ".gz":
            whole = _gunzip_whole(path, size, limits.max_bytes)
            data = _gunzip(path, limits.max_bytes) if whole is None else whole
        else:
            if size > limits.max_bytes:
                raise ReadError("too_large", f"{size} bytes > limit {limits.max_bytes}")
            data = path.read_bytes()
    except ReadError:
        raise
    except OSError as error:
        raise ReadError("unreadable", str(error)) from error
    if not data:
        raise ReadError("empty", "no bytes after decompression")
    container = CONTAINERS.get(format_suffix(path.name))
    if (fmt == "text" or container is not None) and sniffs_as_html(data):
        fmt = "html"  # a saved page with the wrong suffix (a text or a single-file capture's)
    elif container is not None:
        page = unpack(container, data)
        return RawDocument(source_uri(path, root), page.data, page.format, content_type=page.content_type,
                           url=page.url, captured=page.captured)
    return RawDocument(source_uri(path, root), data, fmt)
