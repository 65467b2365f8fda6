"""The command line: ``python -m pipeline`` and the ``rolescope`` console script.

Thin by design: it parses options, builds the immutable :class:`Settings`, configures
logging, calls the library and maps library errors to documented exit codes.
"""

from __future__ import annotations

import logging
import os
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
from pipeline.config.console import Console, configure, describe_failure, handle_signals
from pipeline.config.keys import FETCH, RUN, TABLES, Table
from pipeline.config.layers import CONFIG_ENV, DEFAULT_PATH, Setting, load_file, resolve, values
from pipeline.config.report import effective_toml
from pipeline.errors import UsageError
from pipeline.fetch.policy import FetchSettings
from pipeline.run.lock import LockBusyError
from pipeline.run.ownership import SameFolderError
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
    console.fail(message, code)


def _failed(console: Console, error: Exception, folder: Path) -> NoReturn:
    """An OS or SQLite error that stopped the command: exit 3 when ``folder`` cannot be written, else 1."""
    message, unwritable = describe_failure(error, folder)
    _fail(console, message, exitcodes.UNUSABLE_FOLDER if unwritable else exitcodes.FAILED)


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
        survey_path=conf["survey"],
        lock_timeout=conf["lock_timeout"],
        keep_removed=conf["keep_removed"],
        engine=conf["engine"],
        scheduler=conf["scheduler"],
        max_quarantined=conf["max_quarantined"],
        csv_formula_escape=conf["csv_formula_escape"],
        follow_symlinks=conf["follow_symlinks"],
        progress=not conf["log_json"],
    )
    try:
        summary = run(conf["input"], conf["output"], settings)
    except SameFolderError as error:
        _fail(console, str(error), exitcodes.USAGE)
    except UsageError as error:
        _fail(console, str(error), exitcodes.UNUSABLE_FOLDER)
    except LockBusyError as error:
        _fail(console, str(error), exitcodes.LOCK_BUSY)
    except KeyboardInterrupt as error:
        console.stop(error, "the published tables are unchanged; the next run resumes")
    except Exception as error:  # full disk, file-size limit, read-only folder; or a bug (-vv: traceback)
        _failed(console, error, conf["output"])
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


@cli.command("report")
@config_option
@output_option("The output folder whose published tables the report shows.")
@click.option(
    "--to",
    "to_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the report to this file (default: OUT/report.html).",
)
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
def report_command(
    config_path: Path | None, output_dir: Path | None, to_file: Path | None, verbose: int
) -> None:
    """Write one self-contained HTML page of charts from the published tables (no parsing, no network).

    The output folder is run's (settings file and environment) unless --output names one.
    """
    console = configure(verbose)
    output, _ = _run_folders(config_path, output_dir, None)
    from pipeline.report import write_report  # noqa: PLC0415 (charting libraries only here)

    try:
        result = write_report(output, to_file)
    except UsageError as error:
        _fail(console, str(error), exitcodes.UNUSABLE_FOLDER)
    except OSError as error:
        reason = f"cannot write the report: {error.strerror} ({error.filename})"
        _fail(console, reason, exitcodes.UNUSABLE_FOLDER)
    console.say(result.line())


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
            max_job_pages=conf["max_job_pages"],
            max_crawl_delay=conf["max_crawl_delay"],
        ).with_hosts(conf["allow_host"])
        summary = fetch(targets, conf["raw"], settings, progress=not conf["log_json"])
    except UsageError as error:
        _fail(console, str(error), exitcodes.USAGE)
    except LockBusyError as error:
        _fail(console, str(error), exitcodes.LOCK_BUSY)
    except KeyboardInterrupt as error:
        console.stop(error, "pending URLs are kept; the next fetch resumes", now=True)
    except Exception as error:
        _failed(console, error, conf["raw"])
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
    """List skill phrases and tool-like terms the vocabulary does not know, by comparisons using them.

    Add the real ones to scripts/vocabulary_overlay.csv, run scripts/build_vocabulary.py, re-run.
    The output folder is run's (settings file and environment) unless --output names one.
    """
    output, _ = _run_folders(config_path, output_dir, None)
    path = output / "sections.parquet"
    if not path.is_file():
        _fail(configure(), f"{path} not found: run `rolescope run` first", exitcodes.UNUSABLE_FOLDER)
    import pyarrow.parquet as pq  # noqa: PLC0415 (commands import only what they use)

    from pipeline.normalize.unknown_terms import unknown_terms  # noqa: PLC0415
    from pipeline.normalize.vocabulary import load_vocabulary  # noqa: PLC0415

    table = pq.read_table(path, columns=["article_id", "text", "section"])
    columns = (table.column(name).to_pylist() for name in ("article_id", "text", "section"))
    sections = list(zip(*columns, strict=True))
    for term, count in unknown_terms(sections, load_vocabulary(), min_count=min_count)[:limit]:
        click.echo(f"{count}\t{term}")


@cli.group("rates")
def rates_group() -> None:
    """The exchange rates of the USD columns (ECB yearly averages, bundled)."""


@rates_group.command("update")
@click.option(
    "--from",
    "source",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    required=True,
    help="A newer ECB history file (eurofxref-hist.csv).",
)
@click.option(
    "--to",
    "target",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the derived table here instead of the bundled one (then run with --rates FILE).",
)
def rates_update_command(source: Path, target: Path | None) -> None:
    """Rewrite the yearly-average table the next run uses from an ECB history file.

    The next run re-derives the USD columns from the stored rows: no document is parsed again.
    """
    from pipeline.run.fx import update_rates  # noqa: PLC0415

    try:
        years = update_rates(source, target)
    except UsageError as error:
        click.echo(f"rolescope: {error}", err=True)
        sys.exit(exitcodes.USAGE)
    currencies = len({rate.currency for rate in years.rates})
    last = years.last_date
    click.echo(f"rolescope: {len(years.rates)} yearly rates of {currencies} currencies, last quote {last}",
               err=True)


@cli.command("schema")
@click.option(
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the data dictionary to this file (default: print it).",
)
def schema_command(output: Path | None) -> None:
    """Print (or write) the data dictionary generated from the schema module."""
    from pipeline.tables.dictionary import data_dictionary  # noqa: PLC0415

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
