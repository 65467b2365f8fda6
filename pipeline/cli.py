"""The command line: ``python -m pipeline`` and the ``rolescope`` console script.

Thin by design: it parses options, builds the immutable :class:`Settings`, configures
logging, calls the library and maps library errors to documented exit codes.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import click
from click.core import ParameterSource

from pipeline import exitcodes
from pipeline.common.limits import Limits
from pipeline.config.keys import FETCH, RUN, TABLES, Table
from pipeline.config.layers import CONFIG_ENV, DEFAULT_PATH, load_file, resolve, values
from pipeline.config.report import effective_toml
from pipeline.errors import UsageError
from pipeline.fetch.policy import FetchSettings
from pipeline.run.lock import LockBusyError
from pipeline.run.ownership import SameFolderError
from pipeline.run.runner import run
from pipeline.run.settings import Settings
from pipeline.run.status import report
from pipeline.version import __version__

log = logging.getLogger("pipeline")

F = TypeVar("F", bound=Callable[..., Any])


class _JsonFormatter(logging.Formatter):
    """One JSON object per line, for log shippers."""

    def format(self, record: logging.LogRecord) -> str:
        return json.dumps(
            {
                "time": self.formatTime(record),
                "level": record.levelname,
                "logger": record.name,
                "message": record.getMessage(),
            },
            ensure_ascii=False,
        )


def _configure_logging(verbosity: int, as_json: bool = False) -> None:
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        _JsonFormatter() if as_json else logging.Formatter("%(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger("pipeline")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


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
    try:
        file = load_file(config_path, os.environ)
        tables = {
            name: resolve(other, flags if other is table else {}, os.environ, file)
            for name, other in TABLES.items()
            if other is table or ctx.params["show_settings"]
        }
    except UsageError as error:
        click.echo(f"rolescope: {error}", err=True)
        sys.exit(exitcodes.USAGE)
    if ctx.params["show_settings"]:
        click.echo(effective_toml(file, tables), nl=False)
        sys.exit(exitcodes.OK)
    return values(tables[table.name])


@cli.command("run")
@common_options
@table_options(RUN)
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
@click.pass_context
def run_command(ctx: click.Context, *, config_path: Path | None, verbose: int, quiet: bool, **_: Any) -> None:
    """Parse every document under --input and write every table to --output.

    Every option except -v/-q can also be set in the [run] table of the settings file or
    as ROLESCOPE_RUN_<OPTION>; a flag beats the environment, which beats the file, which
    beats the default (docs/settings.md).
    """
    conf = _settings(ctx, RUN, config_path)
    _configure_logging(verbose, conf["log_json"])
    settings = Settings(
        limits=Limits(max_bytes=conf["max_bytes"], max_depth=conf["max_depth"]),
        workers=conf["workers"],
        rates_path=conf["rates"],
        lock_timeout=conf["lock_timeout"],
        keep_removed=conf["keep_removed"],
        engine=conf["engine"],
        scheduler=conf["scheduler"],
        max_quarantined=conf["max_quarantined"],
        csv_formula_escape=conf["csv_formula_escape"],
        follow_symlinks=conf["follow_symlinks"],
    )
    try:
        summary = run(conf["input"], conf["output"], settings)
    except SameFolderError as error:
        click.echo(f"rolescope: {error}", err=True)
        sys.exit(exitcodes.USAGE)
    except UsageError as error:
        click.echo(f"rolescope: {error}", err=True)
        sys.exit(exitcodes.UNUSABLE_FOLDER)
    except LockBusyError as error:
        click.echo(f"rolescope: {error}", err=True)
        sys.exit(exitcodes.LOCK_BUSY)
    if not quiet:
        click.echo(f"rolescope: {summary.line()}", err=True)
    limit = settings.max_quarantined
    if limit is not None and summary.quarantined > limit:
        click.echo(f"rolescope: {summary.quarantined} quarantined, over the limit of {limit}", err=True)
        sys.exit(exitcodes.QUARANTINE_OVER)


def output_option(help_text: str) -> Callable[[F], F]:
    """``--output``: an existing run's output folder, for the commands that read one."""
    return click.option(
        "--output",
        "output_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("processed"),
        show_default=True,
        help=help_text,
    )


@cli.command("status")
@output_option("The output folder to report on.")
@click.option(
    "--input",
    "input_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Input folder to compare for pending documents (default: the last run's).",
)
def status_command(output_dir: Path, input_dir: Path | None) -> None:
    """Show the last run, its counts, what is pending and quarantined, and whether files are intact.

    Read-only and lock-free: safe while a run is going on.
    """
    for line in report(output_dir, input_dir):
        click.echo(line)


def _read_urls(path: Path) -> list[str]:
    """One URL a line; blank lines and ``#`` comments skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise UsageError(f"cannot read URL list {str(path)!r}: {error.strerror}") from error
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
    _configure_logging(verbose)
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
        ).with_hosts(conf["allow_host"])
        summary = fetch(targets, conf["raw"], settings)
    except UsageError as error:
        click.echo(f"rolescope: {error}", err=True)
        sys.exit(exitcodes.USAGE)
    click.echo(f"rolescope: {summary.line()}", err=True)


@cli.command("unknown-terms")
@output_option("The output folder of a run (reads its sections table).")
@click.option(
    "--min-count",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Report terms seen at least this often.",
)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="At most this many.")
def unknown_terms_command(output_dir: Path, min_count: int, limit: int) -> None:
    """List capitalized tool-like terms in the articles that the vocabulary does not know.

    Add the real ones to pipeline/data/vocabulary.csv (kind, name, aliases) and re-run.
    """
    path = output_dir / "sections.parquet"
    if not path.is_file():
        click.echo(f"rolescope: {path} not found: run `rolescope run` first", err=True)
        sys.exit(exitcodes.UNUSABLE_FOLDER)
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
