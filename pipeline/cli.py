"""The command line: ``python -m pipeline`` and the ``rolescope`` console script.

Thin by design: it parses options, builds the immutable :class:`Settings`, configures
logging, calls the library and maps library errors to documented exit codes.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
from click.core import ParameterSource

from pipeline import exitcodes
from pipeline.common.limits import Limits
from pipeline.common.small_files import read_small_file
from pipeline.config.console import Console, Interrupted, configure, handle_signals
from pipeline.config.keys import FETCH, RUN, TABLES, Table
from pipeline.config.layers import CONFIG_ENV, DEFAULT_PATH, Setting, load_file, resolve, values
from pipeline.config.report import effective_toml
from pipeline.errors import UsageError
from pipeline.fetch.policy import FetchSettings
from pipeline.run.lock import LockBusyError
from pipeline.run.runner import run
from pipeline.run.settings import Settings, effective_workers
from pipeline.run.status import status
from pipeline.version import __version__

log = logging.getLogger("pipeline")

F = TypeVar("F", bound=Callable[..., Any])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rolescope")
def cli() -> None:
    """rolescope: AI/ML career-comparison articles and job cards -> Parquet and CSV."""


def table_options(table: Table) -> Callable[[F], F]:
    """Decorate a command with one option per key of ``table`` (param name = key name).

    The option defaults are the key defaults, for ``--help`` only: which layer wins is
    decided by :func:`pipeline.config.layers.resolve`, which takes a flag only when click says it
    was given on the command line.
    """

    def decorate(function: F) -> F:
        for key in reversed(table.keys):
            decls = [f"{key.flag}/{key.off_flag}" if key.off_flag else key.flag, key.name]
            function = click.option(
                *decls,
                type=key.click_type(),
                is_flag=key.kind == "bool",
                multiple=key.kind == "list",
                default=() if key.kind == "list" else key.default,
                show_default=key.default not in (None, []),
                metavar=key.metavar,
                help=key.help
                + (" Repeatable." if key.kind == "list" else "")
                + (f"  [default: {key.unset}]" if key.default is None else ""),
            )(function)
        return function

    return decorate


def common_options(function: F) -> F:
    """``--config`` and ``--show-settings``, shared by ``run`` and ``fetch``."""
    function = click.option(
        "--show-settings",
        is_flag=True,
        help="Print the effective settings of run and fetch (and where each came from), then exit.",
    )(function)
    return click.option(
        "--config",
        "config_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help=f"Settings file (default: ${CONFIG_ENV}, else {DEFAULT_PATH} when present).",
    )(function)


def _settings(ctx: click.Context, table: Table, config_path: Path | None) -> dict[str, Any]:
    """The command's effective settings, or exit with the usage code after a one-line error.

    With ``--show-settings``, print both tables (the flags apply to this command's only) and exit 0.
    """
    flags = {
        key.name: ctx.params[key.name]
        for key in table.keys
        if ctx.get_parameter_source(key.name) is ParameterSource.COMMANDLINE
    }
    every = bool(ctx.params["show_settings"])
    tables = _resolve(table, flags, config_path, every_table=every, json=flags.get("log_json"))
    if ctx.params["show_settings"]:
        click.echo(effective_toml(load_file(config_path, os.environ), tables), nl=False)
        sys.exit(exitcodes.OK)
    return values(tables[table.name])


def _resolve(
    table: Table,
    flags: dict[str, Any],
    config_path: Path | None,
    *,
    every_table: bool = False,
    json: Any = None,
) -> dict[str, dict[str, Setting]]:
    """``table`` (or every table) resolved from flags, environment and file; usage errors exit 2."""
    try:
        file = load_file(config_path, os.environ)
        return {
            name: resolve(other, flags if other is table else {}, os.environ, file)
            for name, other in TABLES.items()
            if other is table or every_table
        }
    except UsageError as error:
        _fail(configure(0, bool(json)), str(error), exitcodes.USAGE)


def _fail(console: Console, message: str, code: int) -> NoReturn:
    """Print a one-line reason and exit with ``code`` (never returns)."""
    console.error(message, exit_code=code)
    sys.exit(code)


_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM})
"""OS errors that mean "this folder cannot be written": exit code ``UNUSABLE_FOLDER``."""


def _os_failure(console: Console, error: OSError, folder: Path) -> NoReturn:
    """A one-line reason for an OS error that stopped the command, and its exit code."""
    where = f" ({error.filename})" if error.filename else ""
    if error.errno in _WRITE_ERRORS:
        _fail(console, f"cannot write in {str(folder)!r}{where}: {error.strerror}", exitcodes.UNUSABLE_FOLDER)
    logging.getLogger("pipeline").debug("stopped by an OS error", exc_info=error)
    reason = error.strerror or str(error)
    _fail(console, f"stopped by an OS error{where}: {reason} (-vv shows where)", exitcodes.FAILED)


_SQLITE_WRITE_ERRORS = ("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN")


def _sqlite_failure(console: Console, error: sqlite3.OperationalError, folder: Path) -> NoReturn:
    """The state store could not be written (full disk, file-size limit, read-only): exit 3."""
    name = getattr(error, "sqlite_errorname", "")
    if name.startswith(_SQLITE_WRITE_ERRORS):
        _fail(console, f"cannot write in {str(folder)!r}: {error} ({name})", exitcodes.UNUSABLE_FOLDER)
    logging.getLogger("pipeline").debug("state store error", exc_info=error)
    _fail(console, f"state store error: {error} ({name or 'sqlite'})", exitcodes.FAILED)


def _stopped(console: Console, error: KeyboardInterrupt, what: str, *, now: bool = False) -> NoReturn:
    """Ctrl-C or SIGTERM: a one-line note and exit 130 or 143.

    ``now``: exit without waiting for threads still blocked on the network (fetch's state
    is already saved: every record is flushed and the store closed).
    """
    code = error.exit_code if isinstance(error, Interrupted) else exitcodes.INTERRUPTED
    name = error.name if isinstance(error, Interrupted) else "SIGINT"
    if not now:
        _fail(console, f"interrupted by {name}: {what}", code)
    console.error(f"interrupted by {name}: {what}", exit_code=code)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


@cli.command("run")
@common_options
@table_options(RUN)
@click.option("-v", "--verbose", count=True, help="More logging (-v info, one line per document; -vv debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors: no summary, no warnings.")
@click.pass_context
def run_command(ctx: click.Context, *, config_path: Path | None, verbose: int, quiet: bool, **_: Any) -> None:
    """Parse every document under --input and write every table to --output.

    Every option except -v/-q can also be set in the [run] table of the settings file or
    as ROLESCOPE_RUN_<OPTION>; a flag beats the environment, which beats the file, which
    beats the default (docs/settings.md).
    """
    conf = _settings(ctx, RUN, config_path)
    console = configure(-1 if quiet else verbose, conf["log_json"])
    handle_signals()
    settings = Settings(
        limits=Limits(max_bytes=conf["max_bytes"], max_depth=conf["max_depth"]),
        workers=effective_workers(conf["workers"]),
        rates_path=conf["rates"],
        lock_timeout=conf["lock_timeout"],
        keep_removed=conf["keep_removed"],
        engine=conf["engine"],
        scheduler=conf["scheduler"],
        max_quarantined=conf["max_quarantined"],
    )
    try:
        summary = run(conf["input"], conf["output"], settings)
    except UsageError as error:
        _fail(console, str(error), exitcodes.UNUSABLE_FOLDER)
    except LockBusyError as error:
        _fail(console, str(error), exitcodes.LOCK_BUSY)
    except KeyboardInterrupt as error:
        _stopped(console, error, "the published tables are unchanged; the next run resumes")
    except OSError as error:
        _os_failure(console, error, conf["output"])
    except sqlite3.OperationalError as error:  # the state store hit a full disk or a size limit
        _sqlite_failure(console, error, conf["output"])
    except Exception as error:  # a bug: one line for the log, the traceback at -vv
        logging.getLogger("pipeline").debug("unexpected error", exc_info=error)
        unexpected = f"unexpected error: {type(error).__name__}: {error} (-vv shows where)"
        _fail(console, unexpected, exitcodes.FAILED)
    console.say(summary.line(), summary=summary.fields())
    limit = settings.max_quarantined
    if limit is not None and summary.quarantined > limit:
        over = f"{summary.quarantined} quarantined, over the limit of {limit}"
        _fail(console, over, exitcodes.QUARANTINE_OVER)


def output_option(help_text: str) -> Callable[[F], F]:
    """``--output``: an existing run's output folder, for the commands that read one.

    Its default is ``run``'s: the ``[run]`` output of the settings file, else
    ``ROLESCOPE_RUN_OUTPUT``, else ``processed`` (see :func:`_run_folders`).
    """
    return click.option(
        "--output",
        "output_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=None,
        help=help_text + "  [default: run's output setting, processed]",
    )


def config_option(function: F) -> F:
    """``--config`` alone, for the commands that read ``run``'s settings without running."""
    return click.option(
        "--config",
        "config_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help=f"Settings file whose [run] table names the folders (default: ${CONFIG_ENV}, {DEFAULT_PATH}).",
    )(function)


def _run_folders(
    config_path: Path | None, output_dir: Path | None, input_dir: Path | None
) -> tuple[Path, Path | None]:
    """The output folder and the input folder as ``run`` would use them: flag > env > file > default.

    The input is None when no layer but the default names it (status then uses the last run's).
    """
    given = (("output", output_dir), ("input", input_dir))
    flags = {name: value for name, value in given if value is not None}
    run_table = _resolve(RUN, flags, config_path)["run"]
    source = run_table["input"]
    return run_table["output"].value, source.value if source.source != "default" else None


@cli.command("status")
@config_option
@output_option("The output folder to report on.")
@click.option(
    "--input",
    "input_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Input folder to compare for pending documents (default: run's input setting, else the last run's).",
)
def status_command(config_path: Path | None, output_dir: Path | None, input_dir: Path | None) -> None:
    """Show the last run, its counts, what is pending and quarantined, and whether files are intact.

    Read-only and lock-free: safe while a run is going on. Reads the same settings as
    ``run`` (file, environment) to find the folders. Exits 6 when the manifest or the run
    history is damaged (after reporting what it could).
    """
    output, source = _run_folders(config_path, output_dir, input_dir)
    result = status(output, source)
    for line in result.lines:
        click.echo(line)
    if result.damaged:
        _fail(configure(), "; ".join(result.damaged), exitcodes.DAMAGED)


def _read_urls(path: Path) -> list[str]:
    """One URL a line; blank lines and ``#`` comments skipped."""
    try:
        lines = read_small_file(path).decode("utf-8").splitlines()
    except OSError as error:
        raise UsageError(f"cannot read URL list {str(path)!r}: {error.strerror}") from error
    except ValueError as error:  # not a regular file, too large, not UTF-8
        raise UsageError(f"URL list {str(path)!r}: {error}") from error
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _expand_urls(entries: list[str]) -> list[str]:
    """The ``urls`` setting: an entry with ``://`` is a URL, any other is a file of URLs."""
    urls: list[str] = []
    for entry in entries:
        urls.extend([entry] if "://" in entry else _read_urls(Path(entry)))
    return urls


@cli.command("fetch")
@common_options
@table_options(FETCH)
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
@click.pass_context
def fetch_command(ctx: click.Context, *, config_path: Path | None, verbose: int, **_: Any) -> None:
    """Fetch articles and job boards politely into the raw store (WARC), then `run` parses them.

    Every option except -v can also be set in the [fetch] table of the settings file or
    as ROLESCOPE_FETCH_<OPTION> (lists comma-separated); a flag beats the environment,
    which beats the file, which beats the default (docs/settings.md).
    """
    conf = _settings(ctx, FETCH, config_path)
    console = configure(verbose, conf["log_json"])
    handle_signals()
    try:
        from pipeline.fetch.crawl import Targets, fetch  # noqa: PLC0415 (HTTP libraries only here)

        targets = Targets(
            urls=_expand_urls(conf["urls"]),
            sitemaps=conf["sitemap"],
            index_pages=conf["index"],
            job_pages=conf["jobs"],
        )
        if not targets.items():
            raise UsageError(
                "nothing to fetch: give --urls, --sitemap, --index or --jobs "
                "(or set them in [fetch] of the settings file)"
            )
        settings = replace(
            FetchSettings(),
            rate=conf["rate"],
            user_agent=conf["user_agent"],
            timeout=conf["timeout"],
            max_bytes=conf["max_bytes"],
            max_pages=conf["max_pages"],
            max_crawl_delay=conf["max_crawl_delay"],
        ).with_hosts(conf["allow_host"])
        summary = fetch(targets, conf["raw"], settings)
    except UsageError as error:
        _fail(console, str(error), exitcodes.USAGE)
    except LockBusyError as error:
        _fail(console, str(error), exitcodes.LOCK_BUSY)
    except KeyboardInterrupt as error:
        _stopped(console, error, "pending URLs are kept; the next fetch resumes", now=True)
    except OSError as error:
        _os_failure(console, error, conf["raw"])
    console.say(summary.line(), summary=summary.fields())


@cli.command("unknown-terms")
@config_option
@output_option("The output folder of a run (reads its sections table).")
@click.option(
    "--min-count",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Report terms seen at least this often.",
)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="At most this many.")
def unknown_terms_command(
    config_path: Path | None, output_dir: Path | None, min_count: int, limit: int
) -> None:
    """List capitalized tool-like terms in the articles that the vocabulary does not know.

    Add the real ones to pipeline/data/vocabulary.csv (kind, name, aliases) and re-run.
    The output folder is run's (settings file and environment) unless --output names one.
    """
    output, _ = _run_folders(config_path, output_dir, None)
    path = output / "sections.parquet"
    if not path.is_file():
        _fail(configure(), f"{path} not found: run `rolescope run` first", exitcodes.UNUSABLE_FOLDER)
    import pyarrow.parquet as pq  # noqa: PLC0415 (commands import only what they use)

    from pipeline.normalize.mentions import unknown_terms  # noqa: PLC0415
    from pipeline.normalize.vocabulary import load_vocabulary  # noqa: PLC0415

    texts = pq.read_table(path, columns=["text"]).column("text").to_pylist()
    for term, count in unknown_terms(texts, load_vocabulary(), min_count=min_count)[:limit]:
        click.echo(f"{count}\t{term}")


@cli.command("schema")
@click.option(
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the data dictionary to this file (default: print it).",
)
def schema_command(output: Path | None) -> None:
    """Print (or write) the data dictionary generated from the schema module."""
    from pipeline.tables.schema import data_dictionary  # noqa: PLC0415

    text = data_dictionary() + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")


def main() -> None:
    """Console-script entry point."""
    # Before pyarrow loads (it reads this once): Arrow's C++ code then allocates from the C
    # library's malloc, like everything else in the run (see pipeline.tables.export.lean_arrow).
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    cli(prog_name="rolescope")
