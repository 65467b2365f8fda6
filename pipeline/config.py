"""The settings file: ``rolescope.toml``, one table per command, keys named like the flags.

Why a file: a scheduled job keeps its targets and politeness settings in one reviewed place
instead of a long crontab line. Precedence, highest first: command-line flag, settings file,
built-in default. Keys use the flag's name with ``-`` or ``_`` (``allow-host`` or
``allow_host``); an unknown key is an error, so a typo never silently does nothing.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pipeline.errors import UsageError

DEFAULT_PATH = Path("rolescope.toml")

FETCH_KEYS = frozenset(
    {
        "urls",
        "sitemap",
        "index",
        "jobs",
        "raw",
        "allow_host",
        "rate",
        "user_agent",
        "timeout",
        "max_bytes",
        "max_pages",
    }
)
"""Keys allowed in the ``[fetch]`` table (the ``fetch`` command's flags)."""


def load_section(path: Path | None, section: str, allowed: frozenset[str]) -> dict[str, Any]:
    """The ``[section]`` table of the settings file, keys normalized to ``snake_case``.

    ``path`` None means the default file, which may be absent; an explicitly named file
    must exist.
    """
    file = path or DEFAULT_PATH
    if not file.is_file():
        if path is not None:
            raise UsageError(f"settings file {str(path)!r} not found")
        return {}
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise UsageError(f"settings file {str(file)!r}: {error}") from error
    table = data.get(section, {})
    if not isinstance(table, Mapping):
        raise UsageError(f"settings file {str(file)!r}: [{section}] must be a table")
    out: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if name not in allowed:
            raise UsageError(f"settings file {str(file)!r}: unknown key {key!r} in [{section}]")
        out[name] = value
    return out
