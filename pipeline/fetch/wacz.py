"""WACZ packages (ArchiveWeb.page, Browsertrix and the other Webrecorder tools): the WARC
files inside a ZIP, listed and read back as if they lay in the input folder.

Why a module of its own: a WACZ is a ZIP file, and a ZIP from outside is hostile input of
its own kind (a bomb that expands a thousandfold, members that overlap, a cut-off central
directory). This module checks the package before any WARC record is read, and reads a
capture back by (member, offset) as :func:`~pipeline.fetch.warc_reader.read_capture_at`
does in a file:

* a *stored* member (what the WACZ spec asks for) is a plain byte range of the package:
  the record is read straight from the file at the member's data start plus its offset;
* a *deflated* member has to be inflated from its start to reach an offset. The last one a
  process read is kept open and read forward, so the captures of one member, read in
  order, cost one pass over it rather than one pass each.

The ``pages/``, ``indexes/`` and ``datapackage.json`` of a package are not needed: every
response record of every WARC under ``archive/`` is listed, in member-name order.
"""

from __future__ import annotations

import itertools
import logging
import os
import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, BinaryIO

from pipeline.common.limits import MIB
from pipeline.fetch.warc_reader import (
    ArchiveProblem,
    Capture,
    CaptureRef,
    Original,
    read_record,
    refs_of_stream,
)

log = logging.getLogger(__name__)

MAX_MEMBERS = 100_000
"""More entries than this is no web archive (a browser's WACZ holds tens): a ZIP made to
exhaust memory with its central directory."""
MAX_RATIO = 100
"""Largest expansion of a compressed member: web pages in WARC deflate 5 to 15 times, a
WARC of gzipped records not at all; a bomb of zeros expands about a thousand times."""
RATIO_FLOOR = 1 * MIB
"""Members smaller than this, once expanded, are never a bomb, whatever their ratio."""
ARCHIVE_DIR = "archive/"
"""Where a WACZ keeps its WARC files."""
_TAIL = 1 * MIB
"""Bytes of a deflated member kept behind the read position: a record read back stops
reading a block past its end, which is where the next capture starts."""
_CHUNK = 64 * 1024
_LOCAL_MAGIC = b"PK\x03\x04"
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
"""A ZIP local file header (``zipfile.structFileHeader``): 30 bytes, then name and extra field."""
_CAUGHT = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, RuntimeError,
           NotImplementedError, zlib.error, struct.error)
"""What reading a damaged, encrypted or unsupported ZIP raises (``RuntimeError``: a password
is needed; ``NotImplementedError``: a compression method zipfile lacks)."""


class PackageError(Exception):
    """A package (or one member) that must not be read: ``reason`` and a ``detail`` for people."""

    def __init__(self, reason: str, detail: str, member: str | None = None) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
        self.member = member


def is_wacz_name(name: str) -> bool:
    """A WACZ package, by its suffix."""
    return name.lower().endswith(".wacz")


def warc_members(package: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The WARC files of a package, by name; :class:`PackageError` for a ZIP that is a bomb.

    Why check the whole directory first: overlapping members (the same compressed bytes
    named by many entries) or a directory of millions of entries are bombs whatever each
    member says about itself.
    """
    infos = package.infolist()
    if len(infos) > MAX_MEMBERS:
        raise PackageError("zip_bomb", f"{len(infos)} entries (more than {MAX_MEMBERS}): not a web archive")
    by_offset = sorted(infos, key=lambda info: info.header_offset)
    for first, second in itertools.pairwise(by_offset):
        if first.header_offset + first.compress_size > second.header_offset:
            raise PackageError(
                "zip_bomb", f"entries {first.filename!r} and {second.filename!r} overlap (a ZIP bomb's trick)"
            )
    members = [info for info in infos if info.filename.startswith(ARCHIVE_DIR) and not info.is_dir()]
    return sorted(members, key=lambda info: info.filename)


def check_member(info: zipfile.ZipInfo) -> None:
    """:class:`PackageError` when a member expands like a bomb or cannot be read at all."""
    name = info.filename
    if info.flag_bits & 0x1:
        raise PackageError("corrupt_archive", f"{name} is encrypted", name)
    if info.compress_type == zipfile.ZIP_STORED:
        if info.compress_size != info.file_size:
            detail = f"{name} is stored with {info.compress_size} bytes but claims {info.file_size}"
            raise PackageError("corrupt_archive", detail, name)
        return
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise PackageError(
            "zip_bomb",
            f"{name} expands {info.compress_size} bytes to {info.file_size} "
            f"(more than {MAX_RATIO} times): a ZIP bomb, not read",
            name,
        )


def iter_wacz_refs(
    path: Path, key: str, originals: dict[str, Original]
) -> Iterator[CaptureRef | ArchiveProblem]:
    """Every capture of the package at ``path`` (its key under the input folder: ``key``), as
    :class:`~pipeline.fetch.warc_reader.CaptureRef` with their member, and an
    :class:`~pipeline.fetch.warc_reader.ArchiveProblem` for the package or each member
    that could not be read whole (the captures read before the damage are kept)."""
    try:
        package = zipfile.ZipFile(path)
    except _CAUGHT as error:
        if isinstance(error, FileNotFoundError | PermissionError | IsADirectoryError):
            yield ArchiveProblem(path, None, "unreadable", str(error.strerror or error))
            return
        yield ArchiveProblem(path, None, "corrupt_archive", f"not a readable ZIP file (cut short?): {error}")
        return
    with package:
        try:
            members = warc_members(package)
        except PackageError as error:
            yield ArchiveProblem(path, None, error.reason, error.detail)
            return
        if not members:
            detail = f"no WARC file under {ARCHIVE_DIR}: not a WACZ"
            yield ArchiveProblem(path, None, "corrupt_archive", detail)
            return
        for info in members:
            yield from _member_refs(path, key, package, info, originals)


def _member_refs(
    path: Path, key: str, package: zipfile.ZipFile, info: zipfile.ZipInfo, originals: dict[str, Original]
) -> Iterator[CaptureRef | ArchiveProblem]:
    name = info.filename
    try:
        check_member(info)
        with package.open(info) as stream:  # read to its end: the member's CRC is checked
            yield from refs_of_stream(path, stream, originals, member=name, archive=key,  # type: ignore[arg-type]
                                      strict=True)
    except PackageError as error:
        yield ArchiveProblem(path, name, error.reason, error.detail)
    except _CAUGHT as error:
        yield ArchiveProblem(path, name, "corrupt_archive", f"{name} is damaged: {error}")


def read_member_capture(path: Path, member: str, offset: int, *, max_bytes: int) -> Capture | None:
    """The response record at ``offset`` of the WARC file ``member`` of the package ``path``."""
    try:
        with _member_at(path, member, offset) as handle:
            return read_record(handle, max_bytes=max_bytes)
    except (*_CAUGHT, KeyError, PackageError) as error:
        log.warning("cannot read %s in %s at %d: %s", member, path, offset, error)
        return None


@contextmanager
def _member_at(path: Path, member: str, offset: int) -> Iterator[BinaryIO]:
    with zipfile.ZipFile(path) as package:
        info = package.getinfo(member)
        check_member(info)
        if info.compress_type != zipfile.ZIP_STORED:
            yield _forward_reader(path, package, info, offset)
            return
        with open(path, "rb") as handle:
            handle.seek(info.header_offset)
            header = _LOCAL_HEADER.unpack(handle.read(_LOCAL_HEADER.size))
            if header[0] != _LOCAL_MAGIC:
                raise zipfile.BadZipFile(f"no local header for {member}")
            start = info.header_offset + _LOCAL_HEADER.size + header[10] + header[11]
            handle.seek(start + offset)
            yield _Window(handle, max(info.file_size - offset, 0))  # type: ignore[misc]


class _Window:
    """At most ``left`` bytes of a file from its position: one stored member's rest."""

    def __init__(self, handle: IO[bytes], left: int) -> None:
        self._handle = handle
        self._left = left
        self._read = 0

    def read(self, size: int = -1) -> bytes:
        size = self._left if size is None or size < 0 else min(size, self._left)
        data = self._handle.read(size)
        self._left -= len(data)
        self._read += len(data)
        return data

    def tell(self) -> int:
        return self._read


@dataclass
class _Open:
    """The deflated member this process read last, with its last bytes (see :data:`_TAIL`)."""

    pid: int
    path: Path
    member: str
    stamp: tuple[int, int, int]
    package: zipfile.ZipFile
    stream: IO[bytes]
    position: int = 0
    tail: bytearray = field(default_factory=bytearray)

    def close(self) -> None:
        self.stream.close()
        self.package.close()


_last: list[_Open] = []
"""At most one open deflated member per process (a forked worker opens its own)."""


def _stamp(path: Path) -> tuple[int, int, int]:
    info = os.stat(path)
    return info.st_ino, info.st_size, info.st_mtime_ns


def _forward_reader(path: Path, package: zipfile.ZipFile, info: zipfile.ZipInfo, offset: int) -> BinaryIO:
    stamp = _stamp(path)
    held = _last[0] if _last else None
    usable = (
        held is not None
        and (held.pid, held.path, held.member, held.stamp) == (os.getpid(), path, info.filename, stamp)
        and offset >= held.position - len(held.tail)
    )
    if not usable:
        if held is not None and held.pid == os.getpid():
            held.close()
        _last.clear()
        fresh = zipfile.ZipFile(path)
        held = _Open(os.getpid(), path, info.filename, stamp, fresh, fresh.open(info.filename))
        _last.append(held)
    assert held is not None
    return _Forward(held, offset)  # type: ignore[return-value]


class _Forward:
    """Reads a deflated member from ``offset`` on, inflating only forward (see :class:`_Open`)."""

    def __init__(self, held: _Open, offset: int) -> None:
        self._held = held
        self._at = offset
        self._start = offset

    def read(self, size: int = -1) -> bytes:
        held = self._held
        while self._at > held.position:  # skip forward to the record, a chunk at a time
            if not self._take(min(self._at - held.position, _CHUNK)):
                return b""
        want = _CHUNK if size is None or size < 0 else size
        behind = held.position - self._at
        if behind > 0:  # the start is in the bytes already read
            begin = len(held.tail) - behind
            data = bytes(held.tail[begin:begin + want])
        else:
            data = self._take(want)
        self._at += len(data)
        return data

    def _take(self, size: int) -> bytes:
        held = self._held
        data = held.stream.read(size)
        held.position += len(data)
        held.tail += data
        if len(held.tail) > 2 * _TAIL:
            del held.tail[:-_TAIL]
        return data

    def tell(self) -> int:
        return self._at - self._start
