"""The walk of the input folder: documents to read, and what the walk could not or must not read.

Why its own walk (not ``os.walk``): ``os.walk`` skips a folder it cannot list without a word,
so an unreadable sub-folder looked like deleted documents, and it lists a symlink to a file
anywhere on the machine as a document of the input. Here every entry is classified once,
from the ``scandir`` entry (no extra ``stat`` for an ordinary file):

* a document (``.txt``, ``.md``, ``.html``, ``.mhtml``, ...; see :data:`FORMATS`) or a web
  archive (``.warc``, ``.arc``, each optionally ``.gz``, and ``.wacz``): listed in :attr:`Scan.files`;
* a folder or file that cannot be listed or is not a regular file: a :class:`Problem`
  ``unreadable`` (a folder's key ends with ``/``), never a removal;
* a symlink whose target is outside the input folder: a :class:`Problem` ``outside_input``,
  never read (unless ``follow_symlinks``); a symlinked folder inside the input is not
  entered (its files are already listed under their real path);
* anything else (a ``README.md`` or another of :data:`REPOSITORY_FILES`, an ``index.jsonl``):
  counted in :attr:`Scan.ignored`.
Hidden files and folders (a leading ``.``) are skipped, as before.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.read.saved_pages import CONTAINERS

_MARKDOWN = (".md", ".markdown")
FORMATS = {
    ".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
    **dict.fromkeys(CONTAINERS, "html"),  # pages saved as one file
    **dict.fromkeys(_MARKDOWN, "text"),  # Markdown captures (read as Markdown: pipeline.structure.markdown)
}
"""File suffix (before an optional ``.gz``) -> source format (of a saved page: what it usually
holds; :mod:`pipeline.read.saved_pages` says what it does hold)."""
REPOSITORY_FILES = frozenset({
    "readme", "changelog", "changes", "license", "licence", "contributing", "code_of_conduct", "security",
    "authors", "notice",
})
"""Names (without suffixes, any case) of the Markdown files a folder keeps about itself, not
captures: a ``README.md`` beside the documents is ignored, as it was before Markdown was read."""
STORE_FILES = ("index.sqlite", "index.sqlite-journal", "index.sqlite-wal", "index.sqlite-shm")
"""The raw store's own bookkeeping (``raw/warc/index.sqlite``): not documents, never read or counted."""


def format_of_name(name: str) -> str | None:
    """``text``/``html`` from a file name's suffix (``.html.gz`` counts as html), else None;
    None too for a folder's own Markdown files (:data:`REPOSITORY_FILES`).

    >>> format_of_name("Data Engineer vs MLOps.md"), format_of_name("README.md"), format_of_name("Readme.txt")
    ('text', None, 'text')
    """
    suffix = format_suffix(name)
    if suffix in _MARKDOWN and name.lower().split(".", 1)[0] in REPOSITORY_FILES:
        return None
    return FORMATS.get(suffix)


def format_suffix(name: str) -> str:
    """The suffix that names a file's format, lower-case, a ``.gz`` after it set aside; ``""``
    when there is none.

    >>> format_suffix("Page.MHTML.gz"), format_suffix("a.b.txt"), format_suffix("notes.gz")
    ('.mhtml', '.txt', '')
    """
    _, dot, suffix = name.lower().removesuffix(".gz").rpartition(".")
    return "." + suffix if dot else ""


ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz", ".wacz")
"""Web archives: WARC (the fetcher's, any WARC tool's), ARC (the Internet Archive's older
format) and WACZ (WARC files in a ZIP, from Webrecorder's tools). Read capture by capture."""


def is_archive_name(name: str) -> bool:
    """A web archive (WARC, ARC or WACZ), by its suffix."""
    return name.lower().endswith(ARCHIVE_SUFFIXES)


@dataclass(frozen=True, slots=True)
class Problem:
    """An entry of the input folder the walk could not (or must not) read."""

    key: str
    """The entry's key (a folder's ends with ``/``)."""
    reason: str
    """``unreadable`` or ``outside_input``."""
    detail: str


@dataclass(slots=True)
class Scan:
    """What the walk found, keys ``/``-separated and relative to the input folder."""

    files: list[str] = field(default_factory=list)
    """Documents and web archives, sorted (the documented tie-break order)."""
    problems: list[Problem] = field(default_factory=list)
    """Folders and files that could not or must not be read, sorted by key."""
    ignored: int = 0
    """Files that are not documents (no reader for their suffix)."""


def _inside(path: str, base: str) -> bool:
    return path == base or path.startswith(base.rstrip(os.sep) + os.sep)


def scan(root: Path | str, *, follow_symlinks: bool = False) -> Scan:
    """Walk ``root`` recursively (see the module docstring). ``OSError`` when ``root`` itself
    cannot be listed: that is an unusable input folder, not a problem of one entry."""
    base = os.path.abspath(root)
    walker = _Walker(os.path.realpath(base), follow_symlinks)
    if follow_symlinks:  # a link back to the input folder itself is a loop too
        info = os.stat(base)
        walker.visited.add((info.st_dev, info.st_ino))
    found, pending = walker.found, walker.pending
    while pending:
        prefix = pending.pop()
        folder = os.path.join(base, *prefix.split("/")) if prefix else base
        try:
            with os.scandir(folder) as listing:  # in name order: which link is followed is then fixed
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            if not prefix:
                raise
            found.problems.append(Problem(prefix, "unreadable", f"cannot list the folder: {error.strerror}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            walker.classify(entry, prefix + entry.name)
    found.files.sort()
    found.problems.sort(key=lambda problem: problem.key)
    return found


class _Walker:
    """The state of one walk: what was found, the folders still to list, the folders seen."""

    def __init__(self, real_base: str, follow_symlinks: bool) -> None:
        self.real_base = real_base
        self.follow_symlinks = follow_symlinks
        self.found = Scan()
        self.pending = [""]
        self.visited: set[tuple[int, int]] = set()

    def classify(self, entry: os.DirEntry[str], key: str) -> None:
        """File one entry of a listed folder under the right heading of :attr:`found`."""
        _classify(self, entry, key)


def _classify(walker: _Walker, entry: os.DirEntry[str], key: str) -> None:
    found, pending, visited = walker.found, walker.pending, walker.visited
    real_base, follow_symlinks = walker.real_base, walker.follow_symlinks
    try:
        is_dir = entry.is_dir()
        is_file = not is_dir and entry.is_file()
        link = entry.is_symlink()
    except OSError as error:
        found.problems.append(Problem(key, "unreadable", error.strerror or str(error)))
        return
    if link:
        target = os.path.realpath(entry.path)
        if not follow_symlinks:
            if not _inside(target, real_base):
                what = "folder" if is_dir else "file"
                found.problems.append(Problem(
                    key + ("/" if is_dir else ""), "outside_input",
                    f"a symlink to a {what} outside the input folder: not read (--follow-symlinks reads it)",
                ))
                return
            if is_dir:
                return  # a link to a folder inside the input: its files are listed under their own path
    if is_dir:
        if link or follow_symlinks:
            try:
                info = os.stat(entry.path)
            except OSError as error:
                found.problems.append(Problem(key + "/", "unreadable", error.strerror or str(error)))
                return
            if (info.st_dev, info.st_ino) in visited:
                return  # a symlink loop
            visited.add((info.st_dev, info.st_ino))
        pending.append(key + "/")
        return
    name = entry.name
    if name in STORE_FILES:
        return
    if format_of_name(name) is None and not is_archive_name(name):
        found.ignored += 1
        return
    if not is_file:
        detail = "not a regular file (a broken link, a pipe or a device)"
        found.problems.append(Problem(key, "unreadable", detail))
        return
    found.files.append(key)
