"""Which output folders a run may write: only its own, never the input, never the user's files.

Why: a run replaces ``<table>.parquet``, ``csv`` and ``_manifest.json``, moves a damaged
``.state`` aside and prunes ``.generations``. Pointed by mistake at the input folder or at
a folder of the user's own files, that would publish empty tables or delete their work.
So a folder rolescope writes carries a marker file (:data:`MARKER`); a folder without it is
taken only when it is empty, or holds nothing but what rolescope itself writes in its
generations layout (an output from before the marker existed). Anything else is refused
with the first foreign name, and nothing in the folder is touched.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.errors import UsageError

MARKER = ".rolescope-output"
"""The file that marks a folder as a rolescope output folder."""
_MARKER_TEXT = "This folder is written by rolescope (`rolescope run`); its files are replaced by each run.\n"
_OWN_NAMES = frozenset(
    {MARKER, ".rolescope.lock", ".state", ".generations", ".current", "_runs.jsonl", "_manifest.json", "csv"}
)
"""Names a run writes at the top of its output folder (besides ``<table>.parquet``)."""


class SameFolderError(UsageError):
    """``--output`` names the input folder (or a folder the input is inside): a usage error."""


def _is_own(folder: Path, name: str) -> bool:
    """Whether ``name`` under ``folder`` is something a run wrote (generations layout)."""
    if name.startswith((".current.", ".csv.", "._manifest.json.")) or (
        name.startswith(".") and name.endswith((".link", ".old", ".tmp"))
    ):
        return True  # the temporary names of a publish a kill interrupted
    path = folder / name
    if name in ("csv", "_manifest.json") or name.endswith(".parquet"):
        # published paths are links through ``.current``; a real file or folder is the user's
        return path.is_symlink() and os.readlink(path).startswith(".current")
    return name in _OWN_NAMES


def foreign_entry(folder: Path) -> str | None:
    """The first name (in sorted order) in an unmarked ``folder`` that rolescope did not write."""
    try:
        names = sorted(os.listdir(folder))
    except FileNotFoundError:
        return None
    return next((name for name in names if not _is_own(folder, name)), None)


def check_output_folder(input_dir: Path, output_dir: Path) -> None:
    """Refuse an output folder that is (or holds) the input, or that holds the user's files.

    Raises :class:`SameFolderError` (usage, exit 2) when the two folders are the same or
    the input lies inside the output, and :class:`UsageError` (unusable folder, exit 3)
    when an unmarked output folder holds a foreign file. Marks an accepted folder.
    """
    source, target = input_dir.resolve(), output_dir.resolve()
    if source == target:
        raise SameFolderError(f"--output {str(output_dir)!r} is the input folder: give another folder")
    if source.is_relative_to(target):
        raise SameFolderError(
            f"--output {str(output_dir)!r} contains the input folder {str(input_dir)!r}: give another folder"
        )
    if (output_dir / MARKER).is_file():
        return
    foreign = foreign_entry(output_dir)
    if foreign is not None:
        raise UsageError(
            f"output folder {str(output_dir)!r} holds files rolescope did not write (first: {foreign!r}); "
            "give an empty or new folder"
        )


def mark_output_folder(output_dir: Path) -> None:
    """Write the marker (once) in a folder :func:`check_output_folder` accepted."""
    marker = output_dir / MARKER
    if not marker.is_file():
        marker.write_text(_MARKER_TEXT, encoding="utf-8")
