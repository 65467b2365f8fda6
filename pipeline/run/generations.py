"""All-or-nothing publication of a run's tables: generation folders and one atomic rename.

Why generations: a run writes every table (and its manifest) into a fresh folder
``OUT/.generations/<run id>/``, then publishes it by renaming one symlink,
``OUT/.current``, onto it. The stable paths readers use, ``OUT/<table>.parquet``,
``OUT/csv`` and ``OUT/_manifest.json``, are symlinks through ``.current``, so every table
switches at the same instant: a reader (or a kill -9 at any moment) sees either the
previous complete set or the new one, never a mix. The previous generation is kept until
the next publication, so a reader that resolved a path just before the switch can still
open it; older ones are deleted.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

GENERATIONS = ".generations"
CURRENT = ".current"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def current(out_dir: Path) -> Path | None:
    """The published generation folder, or None before the first run."""
    link = out_dir / CURRENT
    if not link.is_symlink():
        return None
    target = (out_dir / os.readlink(link)).resolve()
    return target if target.is_dir() else None


def start(out_dir: Path, run_id: str) -> Path:
    """A new, empty generation folder for this run (leftovers of a killed run are removed)."""
    folder = out_dir / GENERATIONS / run_id
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "csv").mkdir(parents=True)
    return folder


def publish(out_dir: Path, folder: Path, names: Iterable[str]) -> None:
    """Make ``folder`` the current generation in one rename, then tidy up.

    ``names`` are the file names (relative to a generation) readers reach through stable
    top-level links, e.g. ``articles.parquet``; ``csv`` and ``_manifest.json`` are linked too.
    """
    previous = current(out_dir)
    _fsync_dir(folder / "csv")
    _fsync_dir(folder)
    tmp = out_dir / f"{CURRENT}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    os.symlink(os.path.relpath(folder, out_dir), tmp)
    os.replace(tmp, out_dir / CURRENT)  # the one atomic switch
    _fsync_dir(out_dir)
    for name in [*names, "csv"]:
        _link(out_dir, name)
    _fsync_dir(out_dir)
    keep = {folder.resolve()} | ({previous} if previous else set())
    prune(out_dir, keep)


def _link(out_dir: Path, name: str) -> None:
    """Point ``OUT/<name>`` at ``.current/<name>`` (once; replaces a pre-generation file)."""
    path = out_dir / name
    target = os.path.join(CURRENT, name)
    if path.is_symlink() and os.readlink(path) == target:
        return
    tmp = out_dir / f".{name}.{os.getpid()}.link"
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    if path.is_dir() and not path.is_symlink():
        # A folder from before generations (``csv/``): move it aside, then link.
        aside = out_dir / f".{name}.{os.getpid()}.old"
        os.rename(path, aside)
        os.replace(tmp, path)
        shutil.rmtree(aside, ignore_errors=True)
    else:
        os.replace(tmp, path)


def prune(out_dir: Path, keep: set[Path]) -> None:
    """Delete generation folders other than ``keep`` (killed runs' leftovers included)."""
    root = out_dir / GENERATIONS
    if not root.is_dir():
        return
    for folder in sorted(root.iterdir()):
        if folder.resolve() not in keep:
            log.debug("removing old generation %s", folder.name)
            shutil.rmtree(folder, ignore_errors=True)
