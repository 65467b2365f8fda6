"""Settings for ``run`` and ``fetch`` from four layers, merged with one precedence.

Precedence, highest first: command-line flag, environment variable
(``ROLESCOPE_<TABLE>_<KEY>``), settings file (the ``[run]`` or ``[fetch]`` table of
``rolescope.toml``), built-in default. Why one rule, implemented once here: a scheduled
job keeps its settings in one reviewed file, a deployment adjusts a few with environment
variables, a person debugging overrides anything on the command line, and
``--show-settings`` can tell for every key which layer won.

Keys are named like the flags, with ``-`` or ``_``. Unknown keys, unknown tables and
unknown ``ROLESCOPE_RUN_*``/``ROLESCOPE_FETCH_*`` variables are errors, and values are
type-checked in every layer, so a typo never silently does nothing.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pipeline.common.small_files import read_small_file
from pipeline.config.keys import FETCH, KIND_NAMES, RUN, TABLES, Key, Table
from pipeline.errors import UsageError

DEFAULT_PATH = Path("rolescope.toml")
"""The settings file read when neither ``--config`` nor ``ROLESCOPE_CONFIG`` names one."""
CONFIG_ENV = "ROLESCOPE_CONFIG"
"""Environment variable naming the settings file (``--config`` beats it)."""

FETCH_KEYS = frozenset(key.name for key in FETCH.keys)
"""Keys allowed in the ``[fetch]`` table (the ``fetch`` command's flags)."""
RUN_KEYS = frozenset(key.name for key in RUN.keys)
"""Keys allowed in the ``[run]`` table (the ``run`` command's flags)."""

TRUE_WORDS = frozenset({"1", "true", "yes"})
FALSE_WORDS = frozenset({"0", "false", "no"})

Source = Literal["flag", "env", "file", "default"]


@dataclass(frozen=True, slots=True)
class SettingsFile:
    """The parsed settings file (``path`` None: there is none), and who chose it."""

    path: Path | None
    chosen_by: str
    """``--config``, ``ROLESCOPE_CONFIG`` or ``default``."""
    data: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Setting:
    """One effective value and the layer it came from (for ``--show-settings``)."""

    value: Any
    source: Source
    origin: str = ""
    """The flag, the variable or the file that set it ('' for a default)."""

    def describe(self) -> str:
        """``flag --workers``, ``env ROLESCOPE_RUN_WORKERS``, ``file rolescope.toml`` or ``default``."""
        return f"{self.source} {self.origin}".strip()


def load_file(flag: Path | None, environ: Mapping[str, str]) -> SettingsFile:
    """The settings file named by ``--config``, else by ``ROLESCOPE_CONFIG``, else ``rolescope.toml``.

    A named file must exist; the default one may be absent. Only the tables ``[run]`` and
    ``[fetch]`` are allowed, so a misspelled table name is reported rather than ignored.
    """
    if flag is not None:
        path, chosen_by = flag, "--config"
    elif environ.get(CONFIG_ENV):
        path, chosen_by = Path(environ[CONFIG_ENV]), CONFIG_ENV
    elif DEFAULT_PATH.is_file():
        path, chosen_by = DEFAULT_PATH, "default"
    else:
        return SettingsFile(None, "default", {})
    if not path.exists():
        raise UsageError(f"settings file {str(path)!r} (from {chosen_by}) not found")
    try:
        data = tomllib.loads(read_small_file(path).decode("utf-8"))
    except ValueError as error:  # not a regular file, too large, not UTF-8, not TOML
        raise UsageError(f"settings file {str(path)!r} (from {chosen_by}): {error}") from error
    except OSError as error:
        raise UsageError(f"settings file {str(path)!r} (from {chosen_by}): {error.strerror}") from error
    for name, table in data.items():
        if name not in TABLES:
            raise UsageError(
                f"settings file {str(path)!r}: unknown table [{name}] (known: {', '.join(TABLES)})"
            )
        if not isinstance(table, Mapping):
            raise UsageError(f"settings file {str(path)!r}: [{name}] must be a table")
    return SettingsFile(path, chosen_by, data)


def _raw_table(file: SettingsFile, name: str, allowed: Iterable[str]) -> dict[str, Any]:
    """The ``[name]`` table, keys normalized to ``snake_case``, unknown keys refused."""
    known = set(allowed)
    out: dict[str, Any] = {}
    for key, value in file.data.get(name, {}).items():
        normalized = key.replace("-", "_")
        if normalized not in known:
            raise UsageError(f"settings file {str(file.path)!r}: unknown key {key!r} in [{name}]")
        out[normalized] = value
    return out


def load_section(path: Path | None, section: str, allowed: frozenset[str]) -> dict[str, Any]:
    """The ``[section]`` table of the settings file as written (no type checks, no environment).

    Kept for callers that only want to read a file; commands use :func:`resolve`.
    """
    return _raw_table(load_file(path, {}), section, allowed)


def _from_file(key: Key, value: Any) -> Any:
    """A TOML value checked strictly against the key's type: ``"4"`` is not an integer."""
    if key.kind == "list" and isinstance(value, str):
        value = [value]
    if key.kind == "bool":
        ok = isinstance(value, bool)
    elif key.kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif key.kind == "float":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif key.kind == "list":
        ok = isinstance(value, list) and all(isinstance(item, str) for item in value)
    else:
        ok = isinstance(value, str)
    if not ok:
        raise ValueError(f"expected {_a(KIND_NAMES[key.kind])}, got {type(value).__name__} {value!r}")
    return key.check(value)


def _from_env(key: Key, text: str) -> Any:
    """An environment string parsed to the key's type (lists are comma-separated)."""
    value: Any = text.strip()
    if key.kind == "bool":
        word = value.lower()
        if word not in TRUE_WORDS | FALSE_WORDS:
            raise ValueError(f"expected a boolean (1/0, true/false, yes/no), got {text!r}")
        value = word in TRUE_WORDS
    elif key.kind in ("int", "float"):
        try:
            value = int(value) if key.kind == "int" else float(value)
        except ValueError:
            raise ValueError(f"expected {_a(KIND_NAMES[key.kind])}, got {text!r}") from None
    elif key.kind == "list":
        value = [part.strip() for part in text.split(",") if part.strip()]
    return key.check(value)


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def file_values(table: Table, file: SettingsFile) -> dict[str, Any]:
    """The checked values the settings file sets in ``[table]``."""
    out = {}
    for name, raw in _raw_table(file, table.name, (key.name for key in table.keys)).items():
        key = table.get(name)
        assert key is not None  # _raw_table refused unknown keys
        try:
            out[name] = _from_file(key, raw)
        except ValueError as error:
            raise UsageError(f"settings file {str(file.path)!r}: [{table.name}] {name}: {error}") from error
    return out


def env_values(table: Table, environ: Mapping[str, str]) -> dict[str, Any]:
    """The checked values ``ROLESCOPE_<TABLE>_<KEY>`` variables set; empty variables count as unset."""
    prefix = f"ROLESCOPE_{table.name.upper()}_"
    out = {}
    for variable, text in sorted(environ.items()):
        if not variable.startswith(prefix) or not text.strip():
            continue
        key = table.get(variable.removeprefix(prefix).lower())
        if key is None or key.envvar(table.name) != variable:
            raise UsageError(f"environment variable {variable}: unknown setting for {table.name}")
        try:
            out[key.name] = _from_env(key, text)
        except ValueError as error:
            raise UsageError(f"environment variable {variable}: {error}") from error
    return out


def resolve(
    table: Table, flags: Mapping[str, Any], environ: Mapping[str, str], file: SettingsFile
) -> dict[str, Setting]:
    """Every key of ``table`` with its effective value: flag > environment > file > default.

    ``flags`` holds only the options given on the command line (already checked by click).
    """
    from_env = env_values(table, environ)
    from_file = file_values(table, file)
    out: dict[str, Setting] = {}
    for key in table.keys:
        if key.name in flags:
            try:
                value = key.check(flags[key.name])
            except ValueError as error:  # click lets inf and nan through its ranges
                raise UsageError(f"option {key.flag}: {error}") from error
            flag = key.off_flag if key.off_flag and value is False else key.flag
            out[key.name] = Setting(value, "flag", flag)
        elif key.name in from_env:
            out[key.name] = Setting(from_env[key.name], "env", key.envvar(table.name))
        elif key.name in from_file:
            out[key.name] = Setting(from_file[key.name], "file", str(file.path))
        else:
            default = list(key.default) if isinstance(key.default, list) else key.default
            out[key.name] = Setting(default, "default")
    if table is RUN:
        check_run(out)
    return out


def check_run(settings: Mapping[str, Setting]) -> None:
    """Refuse combinations no single key can check: a scheduler only makes sense with Dask."""
    scheduler, engine = settings["scheduler"], settings["engine"]
    if scheduler.value is not None and engine.value != "dask":
        raise UsageError(
            f"scheduler is set ({scheduler.describe()}) but engine is {engine.value!r} "
            f"({engine.describe()}); a scheduler needs engine dask (--engine dask)"
        )


def values(settings: Mapping[str, Setting]) -> dict[str, Any]:
    """Just the values, by key name."""
    return {name: setting.value for name, setting in settings.items()}
