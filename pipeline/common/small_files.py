"""Reading the small files a user names in settings (rates, URL lists, the settings file).

Why a guard: a settings-named path may be anything the user typed, including a device
(``/dev/zero`` never ends), a FIFO (opening it blocks) or a multi-gigabyte file. Such a
file is refused with a one-line reason before a byte is read: it must be a regular file
no larger than :data:`MAX_SETTINGS_FILE_BYTES`, and the read itself stops past that size
(the file may grow between the check and the read).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pipeline.common.limits import MIB

MAX_SETTINGS_FILE_BYTES = 16 * MIB
"""Largest settings-named input file read (an exchange-rate table or URL list is kilobytes)."""

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a pipe"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def check_small_file(path: Path, limit: int = MAX_SETTINGS_FILE_BYTES) -> None:
    """Raise ``ValueError`` (a short reason) unless ``path`` is a regular file of at most ``limit`` bytes.

    A missing file raises ``FileNotFoundError`` (an ``OSError``), for callers that word it themselves.
    """
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(f"{str(path)!r} is {_kind(info.st_mode)}, not a regular file")
    if info.st_size > limit:
        raise ValueError(f"{str(path)!r} is {info.st_size} bytes, over the limit of {limit}")


def read_small_file(path: Path, limit: int = MAX_SETTINGS_FILE_BYTES) -> bytes:
    """The bytes of ``path`` after :func:`check_small_file`; ``ValueError`` if it grows past ``limit``.

    Opened without blocking (a FIFO named here must not hang the command) and checked on
    the open descriptor, so a swap between check and read is caught too.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"{str(path)!r} is {_kind(info.st_mode)}, not a regular file")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"{str(path)!r} is over the limit of {limit} bytes")
    return data
