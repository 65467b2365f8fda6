"""The settings keys of ``run`` and ``fetch``: one typed table, the single source of truth.

Why a table: the command-line options, the settings-file tables, the environment
variables, ``--show-settings`` and docs/settings.md are all generated from it, so a key
cannot exist in one place and be missing (or typed differently) in another. Each key
checks its own values with the same click type the flag uses, so a bad value is refused
the same way whichever layer it came from.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import click

from pipeline.common.limits import MIB, Limits
from pipeline.common.small_files import MAX_SETTINGS_FILE_BYTES, check_small_file
from pipeline.fetch.policy import FetchSettings

Kind = Literal["str", "int", "float", "bool", "path", "list", "choice"]
"""Value types: ``list`` is a list of strings (comma-separated in the environment)."""

KIND_NAMES: dict[Kind, str] = {
    "str": "string",
    "int": "integer",
    "float": "number",
    "bool": "boolean",
    "path": "path",
    "list": "list of strings",
    "choice": "string",
}
"""How a type is named in error messages and in docs/settings.md."""


MAX_WORKERS = 1024
"""More workers than this is a usage error, whatever the machine (the run caps at 2 per CPU)."""


@dataclass(frozen=True, slots=True)
class Key:
    """One setting: its name (``snake_case``), type, default and meaning."""

    name: str
    kind: Kind
    default: Any
    help: str
    minimum: float | None = None
    """Smallest accepted number (``int`` and ``float`` keys)."""
    maximum: float | None = None
    """Largest accepted number (``int`` keys): beyond it a value is absurd, a usage error."""
    min_open: bool = False
    """The minimum itself is excluded (``rate > 0``)."""
    choices: tuple[str, ...] = ()
    """Accepted values of a ``choice`` key."""
    path_kind: Literal["any", "file", "dir"] = "any"
    """What a ``path`` key may name when it exists."""
    must_exist: bool = False
    """A ``path`` key must name an existing file or folder."""
    off_flag: str | None = None
    """The flag that sets a ``bool`` key to false (``--drop-removed``)."""
    unset: str = ""
    """What a default of None means, for help and docs (``no limit``)."""
    metavar: str | None = None
    """The value's name in ``--help`` (click's default when None)."""
    max_file_bytes: int = MAX_SETTINGS_FILE_BYTES
    """Largest file an existing-file ``path`` key may name (it must also be a regular file)."""

    @property
    def flag(self) -> str:
        """The command-line option: the key with ``-`` for ``_``."""
        return "--" + self.name.replace("_", "-")

    def envvar(self, table: str) -> str:
        """The environment variable: ``ROLESCOPE_<TABLE>_<KEY>``."""
        return f"ROLESCOPE_{table.upper()}_{self.name.upper()}"

    def click_type(self) -> click.ParamType | None:
        """The click type of the flag, also used to check values from the file and environment."""
        if self.kind == "int":
            minimum = None if self.minimum is None else int(self.minimum)
            maximum = None if self.maximum is None else int(self.maximum)
            return click.IntRange(min=minimum, max=maximum, min_open=self.min_open)
        if self.kind == "float":
            return click.FloatRange(min=self.minimum, min_open=self.min_open)
        if self.kind == "choice":
            return click.Choice(self.choices)
        if self.kind == "path":
            return click.Path(
                path_type=Path,
                exists=self.must_exist,
                file_okay=self.path_kind != "dir",
                dir_okay=self.path_kind != "file",
            )
        return None

    def check(self, value: Any) -> Any:
        """``value`` (already of the key's Python type) checked for range, choice and existence.

        Raises ``ValueError`` with a short reason; the caller adds where the value came from.
        """
        if self.kind == "float" and not math.isfinite(value):
            raise ValueError(f"{value!r} is not a finite number")
        kind = self.click_type()
        if kind is None:
            return list(value) if self.kind == "list" else value
        try:
            value = kind.convert(value, None, None)
        except click.BadParameter as error:
            raise ValueError(error.message) from error
        if self.kind == "path" and self.path_kind == "file" and self.must_exist:
            try:
                check_small_file(value, self.max_file_bytes)  # a device or a huge file: refused, never read
            except OSError as error:
                raise ValueError(f"{str(value)!r}: {error.strerror}") from error
        return value


@dataclass(frozen=True, slots=True)
class Table:
    """The keys of one command, and of its ``[name]`` table in the settings file."""

    name: str
    keys: tuple[Key, ...]

    def get(self, name: str) -> Key | None:
        """The key called ``name`` (``-`` or ``_``), or None."""
        wanted = name.replace("-", "_")
        return next((key for key in self.keys if key.name == wanted), None)


RUN = Table(
    "run",
    (
        Key("input", "path", Path("raw"), "Folder of documents (.txt, .html, .htm, each optionally .gz)."),
        Key("output", "path", Path("processed"), "Folder for <table>.parquet and csv/<table>.csv."),
        Key(
            "workers",
            "int",
            0,
            "Worker processes; 0 = one per CPU, 1 = in-process; more than 2 per CPU are capped.",
            minimum=0,
            maximum=MAX_WORKERS,
        ),
        Key(
            "max_bytes",
            "int",
            Limits().max_bytes,
            "Largest document accepted (after decompression).",
            minimum=1,
        ),
        Key("max_depth", "int", Limits().max_depth, "Deepest HTML nesting accepted.", minimum=1),
        Key(
            "rates",
            "path",
            None,
            "Exchange-rate CSV for the USD columns.",
            path_kind="file",
            must_exist=True,
            unset="the bundled table",
        ),
        Key(
            "survey",
            "path",
            None,
            "The board's salary survey CSV (salaries.csv) for survey_salaries and the survey columns.",
            path_kind="file",
            must_exist=True,
            unset="none: survey_salaries is empty",
            max_file_bytes=1024 * MIB,  # a survey of millions of rows is still a file, not a device
        ),
        Key(
            "lock_timeout",
            "float",
            0.0,
            "Seconds to wait when another run is writing the same output folder.",
            minimum=0,
        ),
        Key(
            "max_quarantined",
            "int",
            None,
            "Exit with code 5 when more documents than this are quarantined (tables still written).",
            minimum=0,
            unset="no limit",
        ),
        Key(
            "keep_removed",
            "bool",
            False,
            "Keep the rows of documents that have left the input folder, or drop them.",
            off_flag="--drop-removed",
        ),
        Key(
            "csv_formula_escape",
            "bool",
            True,
            "Prefix CSV cells starting with = + - @ tab or CR with ' (spreadsheet formula "
            "injection); Parquet is never changed.",
            off_flag="--no-csv-formula-escape",
        ),
        Key(
            "follow_symlinks",
            "bool",
            False,
            "Read symlinked files and folders whose target is outside the input folder "
            "(default: quarantine such a file as outside_input, never read it).",
            off_flag="--no-follow-symlinks",
        ),
        Key(
            "engine",
            "choice",
            "local",
            "Where documents are parsed: local (a process pool) or dask (a Dask cluster).",
            choices=("local", "dask"),
        ),
        Key(
            "scheduler",
            "str",
            None,
            "Dask scheduler address (tcp://host:8786); only with engine dask.",
            unset="a local Dask cluster",
            metavar="ADDRESS",
        ),
        Key("log_json", "bool", False, "Log JSON lines instead of plain lines.", off_flag="--log-text"),
    ),
)
"""The ``run`` command's settings (the ``[run]`` table)."""

_FETCH_DEFAULTS = FetchSettings()

FETCH = Table(
    "fetch",
    (
        Key(
            "urls",
            "list",
            [],
            "URL to fetch as is, or a file with one URL a line (an entry without :// is a file).",
            metavar="URL|FILE",
        ),
        Key("sitemap", "list", [], "Sitemap or sitemap index URL.", metavar="URL"),
        Key("index", "list", [], "Listing page URL: follow article links and pages.", metavar="URL"),
        Key(
            "jobs",
            "list",
            [],
            "Job board listing URL: store it, follow its pages and its jobs' own pages.",
            metavar="URL",
        ),
        Key("raw", "path", Path("raw"), "Raw store folder.", path_kind="dir"),
        Key(
            "allow_host",
            "list",
            [],
            "Also allow this host, besides the site's own (loopback included).",
            metavar="HOST",
        ),
        Key(
            "rate", "float", _FETCH_DEFAULTS.rate, "Requests per second per host.", minimum=0, min_open=True
        ),
        Key("user_agent", "str", _FETCH_DEFAULTS.user_agent, "User-Agent with your contact."),
        Key(
            "timeout",
            "float",
            _FETCH_DEFAULTS.timeout,
            "Read timeout in seconds; one try (headers and body) may take 6 times this in all.",
            minimum=0,
            min_open=True,
        ),
        Key("max_bytes", "int", _FETCH_DEFAULTS.max_bytes, "Largest response body.", minimum=1),
        Key(
            "max_crawl_delay",
            "float",
            _FETCH_DEFAULTS.max_crawl_delay,
            "Longest robots.txt Crawl-delay obeyed (seconds); a longer one is capped and logged.",
            minimum=0,
        ),
        Key("max_pages", "int", _FETCH_DEFAULTS.max_pages, "Pages followed per paginated target.", minimum=1),
        Key(
            "max_job_pages",
            "int",
            _FETCH_DEFAULTS.max_job_pages,
            "Listed jobs' own pages fetched per run from --jobs listings, new jobs first (0: listings only).",
            minimum=0,
        ),
        Key("log_json", "bool", False, "Log JSON lines instead of plain lines.", off_flag="--log-text"),
    ),
)
"""The ``fetch`` command's settings (the ``[fetch]`` table)."""

TABLES: dict[str, Table] = {table.name: table for table in (RUN, FETCH)}
"""Every table of the settings file, by name."""
