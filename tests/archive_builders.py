"""Web archives written by the tests themselves: WARC files (warcio's writer), WACZ packages
(``zipfile``, with the ``datapackage.json`` and ``pages/pages.jsonl`` a Webrecorder tool
writes) and ARC files written by hand in their simple format, around pages the tests choose
(the corpus generator's, never text from the shared data)."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from http import HTTPStatus

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


@dataclass(frozen=True)
class Page:
    """One archived response."""

    url: str
    body: bytes
    when: dt.datetime
    content_type: str = "text/html; charset=utf-8"
    status: int = 200


def _http_head(page: Page, length: int) -> bytes:
    return (
        f"HTTP/1.1 {page.status} {HTTPStatus(page.status).phrase}\r\nContent-Type: {page.content_type}\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode("ascii")


def warc_bytes(pages: list[Page], *, compress: bool = True, software: str | None = "tests") -> bytes:
    """A WARC file (per-record gzip when ``compress``) with a warcinfo record naming
    ``software`` (none when None: records to append to a file), then a request and a
    response record per page, as browser-based capture tools write them."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    if software is not None:
        writer.write_record(writer.create_warcinfo_record("test.warc", {"software": software}))
    for page in pages:
        date = page.when.strftime("%Y-%m-%dT%H:%M:%SZ")
        request = StatusAndHeaders(f"GET {page.url} HTTP/1.1", [("Host", "example")], is_http_request=True)
        writer.write_record(writer.create_warc_record(
            page.url, "request", http_headers=request, warc_headers_dict={"WARC-Date": date}))
        status = f"{page.status} {HTTPStatus(page.status).phrase}"
        headers = StatusAndHeaders(status, [("Content-Type", page.content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            page.url, "response", payload=io.BytesIO(page.body), http_headers=headers,
            warc_headers_dict={"WARC-Date": date}))
    return out.getvalue()


FETCHER = "rolescope/0.1.0 (warcio)"
"""What the fetcher's own WARC files name as their software (a file it wrote is read leniently)."""


def arc_bytes(pages: list[Page], *, compress: bool = False) -> bytes:
    """An ARC file (version 1): the ``filedesc://`` block, then per page the line ``URL IP
    DATE CONTENT-TYPE LENGTH`` and the HTTP response; each record gzipped alone when ``compress``."""
    desc = b"1 0 rolescope-tests\nURL IP-address Archive-date Content-type Archive-length\n"
    records = [b"filedesc://tests.arc 0.0.0.0 20240101000000 text/plain %d\n" % len(desc) + desc + b"\n"]
    for page in pages:
        response = _http_head(page, len(page.body)) + page.body
        line = f"{page.url} 127.0.0.1 {page.when.strftime('%Y%m%d%H%M%S')} {page.content_type.split(';')[0]} "
        records.append(line.encode("ascii") + b"%d\n" % len(response) + response + b"\n")
    if compress:
        return b"".join(gzip.compress(record, mtime=0) for record in records)
    return b"".join(records)


def wacz_bytes(
    warcs: dict[str, bytes],
    pages: list[Page],
    *,
    compression: int | dict[str, int] = zipfile.ZIP_STORED,
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """A WACZ package: ``warcs`` under ``archive/`` (stored, as the spec asks, or compressed:
    ``compression`` for all, or per name of ``warcs``),
    ``pages/pages.jsonl``, ``datapackage.json`` listing every file with its hash, and ``extra``
    members as given."""
    files: dict[str, bytes] = {f"archive/{name}": data for name, data in warcs.items()}
    lines = [{"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}]
    lines += [{"id": f"p{n}", "url": p.url, "ts": p.when.strftime("%Y-%m-%dT%H:%M:%SZ"), "title": p.url}
              for n, p in enumerate(pages)]
    files["pages/pages.jsonl"] = "".join(json.dumps(line) + "\n" for line in lines).encode()
    files.update(extra or {})
    resources = [
        {"name": name.rsplit("/", 1)[-1], "path": name, "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
         "bytes": len(data)}
        for name, data in files.items()
    ]
    package = {"profile": "data-package", "wacz_version": "1.1.1", "software": "rolescope tests",
               "created": "2024-10-30T08:00:00Z", "resources": resources}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            kind = zipfile.ZIP_DEFLATED
            if name.startswith("archive/"):
                short = name.removeprefix("archive/")
                chosen = compression.get(short) if isinstance(compression, dict) else compression
                kind = zipfile.ZIP_STORED if chosen is None else chosen
            archive.writestr(zipfile.ZipInfo(name, (2024, 10, 30, 8, 0, 0)), data, compress_type=kind)
        archive.writestr(zipfile.ZipInfo("datapackage.json", (2024, 10, 30, 8, 0, 0)),
                         json.dumps(package, indent=2), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
